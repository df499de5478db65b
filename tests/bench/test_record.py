"""docs/benchmarks.md and `make bench-record` (bench.record) agree on the Results table."""

from __future__ import annotations

from bench import record
from bench.paths import DOC


def _results_table() -> list[list[str]]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split(record.RESULTS_HEADING + "\n", 1)[1].split("\n## ", 1)[0]
    tables = section.strip().split("\n\n")
    rows = [ln for ln in tables[-1].splitlines() if ln.startswith("|")]
    return [[c.strip() for c in ln.strip("|").split("|")] for ln in rows]


def test_the_docs_results_header_is_the_recorders_columns() -> None:
    """The last table under Results has the columns bench.record writes, and every row has that many cells."""
    header, rule, *rows = _results_table()
    assert tuple(header) == record.COLUMNS
    assert all(set(c) == {"-"} for c in rule)
    assert rows and all(len(r) == len(record.COLUMNS) for r in rows)


def test_the_docs_have_the_sections_recording_needs() -> None:
    """The Results and Latest recorded run headings exist, so recording never fails on the committed doc."""
    lines = DOC.read_text(encoding="utf-8").splitlines()
    assert record.RESULTS_HEADING in lines and record.LATEST_HEADING in lines
