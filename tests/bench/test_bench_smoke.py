"""`make bench` and `make bench-speed` end to end, at smoke-test sizes: every side does the same work and is
scored, results go to the output folder only, and a full run's results record into the docs.

Only shapes, invariants of equal work and sane values are checked, never timing thresholds (the machine is
shared and busy).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench import record
from bench.paths import DOC, REPO
from bench.quality import event_types
from bench.sides import SIDES


def _bench(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m bench.<module> ARGS` in the checkout; asserts it exits 0."""
    cmd = [sys.executable, "-m", f"bench.{module}", *args]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=500, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    out = tmp_path_factory.mktemp("bench")
    doc_before = DOC.read_text(encoding="utf-8")
    _bench("run", "--quick", "--no-kafka", "--out", str(out))
    assert DOC.read_text(encoding="utf-8") == doc_before  # make bench never writes tracked docs
    files = sorted(out.iterdir())
    assert [f.suffix for f in files] == [".json", ".md"], files
    return json.loads(files[0].read_text(encoding="utf-8")), out


@pytest.mark.slow
def test_every_side_does_the_same_work_and_is_scored(quick_run: tuple[dict[str, Any], Path]) -> None:
    """The three sides read the same articles, each is scored per event type on the same held-out articles,
    and only the naive side runs NER."""
    res, _ = quick_run
    assert set(res["sides"]) == set(SIDES)
    for name, wl in res["workloads"].items():
        counts = {s: side["workloads"][name]["articles"] for s, side in res["sides"].items()}
        assert set(counts.values()) == {wl["articles"]}, (name, counts)
        for side in res["sides"].values():
            block = side["workloads"][name]
            assert block["articles_per_cpu_s"] > 0 and block["cpu_seconds"] > 0
            assert set(block["events_per_type"]) == set(event_types())
    held = {s: side["heldout"] for s, side in res["sides"].items()}
    assert len({h["articles"] for h in held.values()}) == 1
    for h in held.values():
        assert set(h["per_type_f1"]) == set(event_types()) and set(h["per_set_f1"]) == set(
            res["config"]["heldout_sets"]
        )
    assert held["ours"]["micro_f1"] > 0.5  # the model and the extractors really ran
    if res["real_labelled"]:  # the shared real copy is there: every side is scored on the same labelled articles
        for side in res["sides"].values():
            assert side["real_labelled"]["articles"] == res["real_labelled"]["articles"] > 0
            assert set(side["real_labelled"]["per_type_f1"]) == set(event_types())
    assert "ner" in res["sides"]["naive"]["pipes"]
    assert "ner" not in res["sides"]["ours"]["pipes"] and "ner" not in res["sides"]["ours_no_prefilter"]["pipes"]
    assert res["ratios"]["diplomatic"] > 0 and res["ratios"]["mixed"] > 0


@pytest.mark.slow
def test_prefilter_off_parses_every_sentence_and_ours_parses_fewer(quick_run: tuple[dict[str, Any], Path]) -> None:
    """With the prefilter off every sentence is parsed; with it on, a strict subset, on every workload."""
    res, _ = quick_run
    for name in res["workloads"]:
        off, on = res["sides"]["ours_no_prefilter"]["workloads"][name], res["sides"]["ours"]["workloads"][name]
        assert off["parsed"] == off["sentences"] == on["sentences"] > 0
        assert on["parsed"] < on["sentences"]
        assert on["errors"] == off["errors"] == 0
        assert 0 < on["latency_batch_s"]["p50"] <= on["latency_batch_s"]["p99"]


@pytest.mark.slow
def test_markdown_is_written_beside_the_json_and_a_full_run_records(quick_run: tuple[dict[str, Any], Path]) -> None:
    """The run's tables are written next to its JSON; recording refuses a quick run, and a full run's record
    adds one row to the Results table and fills the latest-run section, leaving the rest of the doc as it was."""
    res, out = quick_run
    markdown = (out / f"{res['timestamp']}.md").read_text(encoding="utf-8")
    assert "held-out: micro-F1" in markdown and SIDES["naive"] in markdown
    doc = DOC.read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="quick"):
        record.record(res, doc)
    full = res | {"config": res["config"] | {"quick": False, "heldout_per_set": None}}
    updated = record.record(full, doc)
    added = [ln for ln in updated.splitlines() if ln not in doc.splitlines()]
    assert record.row(full) in added and updated.count(record.row(full)) == 1
    assert record.row(full).count(" | ") == len(record.COLUMNS) - 1
    assert "held-out: micro-F1" in updated.split(record.LATEST_HEADING)[1]

    def outside_latest(text: str) -> str:
        start = text.index(record.LATEST_HEADING)
        end = text.find("\n## ", start)
        return text[:start] + (text[end:] if end != -1 else "")

    assert outside_latest(updated).replace(record.row(full) + "\n", "") == outside_latest(doc)


@pytest.mark.slow
def test_extraction_only_mode_reports_its_rate(tmp_path: Path) -> None:
    """`python -m bench.speed` processes the fixed held-out articles and reports articles per CPU-second with
    the events it found."""
    out = tmp_path / "speed.json"
    assert "articles/CPU-s" in _bench("speed", "--limit", "12", "--json", str(out)).stdout
    res = json.loads(out.read_text(encoding="utf-8"))
    assert res["articles"] == 12 and res["articles_per_cpu_s"] > 0 and res["errors"] == 0
    assert res["events"] > 0 and res["micro_f1"] is not None
