"""`make bench-record`: copy one full bench run into docs/benchmarks.md.

    python -m bench.record [RESULTS.json] [--doc docs/benchmarks.md]

Adds the run's row at the end of the "## Results" table and replaces the "## Latest recorded run" section with
the run's tables. Without an argument, the newest full run in bench/results/. A quick run (`--quick`, a held-out
subset) is refused: its numbers are a smoke test, not a measurement.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bench import report
from bench.paths import DOC, RESULTS
from bench.sides import SIDES

RESULTS_HEADING = "## Results"
LATEST_HEADING = "## Latest recorded run"
COLUMNS = (
    "date",
    "commit",
    "machine, load",
    "(a) art/CPU-s",
    "(b) art/CPU-s",
    "ours/naive a, b",
    "held-out F1",
    "real-copy F1",
    "(b) events",
    "RSS MB",
    "kafka 1w",
    "c2p p99 70%x",
    "2w/1w",
    "goals",
)


def _sides(res: dict[str, Any], cell: Any) -> str:
    return " / ".join(cell(res["sides"][s]) if s in res["sides"] else "–" for s in SIDES)


def row(res: dict[str, Any]) -> str:
    m, k, wl = res["machine"], res.get("kafka") or {}, res["workloads"]
    met = [g["met"] for g in res["goals"].values() if g["met"] is not None]
    kafka_1w = "–"
    if k.get("backlog_1_worker"):
        kafka_1w = f"{k['backlog_1_worker']['articles_per_s']:.1f} ({100 * k['kafka_vs_extraction']:.0f}%)"
    c2p = (k.get("steady_70pct") or {}).get("consume_to_publish_hist") or {}
    source = "real" if wl["mixed"]["source"] != "synthetic" else "synthetic"
    cells = [
        res["date"],
        res["commit"],
        f"{m['nproc']} × {m['cpu']}, load {res['loadavg_1m']['start']}→{res['loadavg_1m']['end']}",
        f"{wl['diplomatic']['articles']}: "
        + _sides(res, lambda s: f"{s['workloads']['diplomatic']['articles_per_cpu_s']:.1f}"),
        f"{wl['mixed']['articles']} {source}: "
        + _sides(res, lambda s: f"{s['workloads']['mixed']['articles_per_cpu_s']:.1f}"),
        f"{res['ratios']['diplomatic']:.2f}, {res['ratios']['mixed']:.2f}",
        _sides(res, lambda s: report.f1_cell(s["heldout"]["micro_f1"])),
        _sides(res, lambda s: report.f1_cell(s["real_labelled"]["micro_f1"]) if "real_labelled" in s else "–"),
        _sides(res, lambda s: str(s["workloads"]["mixed"]["events"])),
        _sides(res, lambda s: f"{s['rss']['peak_mb']:.0f}"),
        kafka_1w,
        f"{c2p['p99_s'] * 1000:.0f} (n={c2p['count']})" if c2p.get("p99_s") is not None else "–",
        f"{k['two_workers_ratio']:.2f}" if k.get("two_workers_ratio") else "–",
        f"{sum(met)}/{len(met)}",
    ]
    return "| " + " | ".join(c.replace("|", "/") for c in cells) + " |"


def _section(lines: list[str], heading: str) -> tuple[int, int]:
    """(index of the heading line, index of the next "## " heading or the end)."""
    try:
        start = lines.index(heading)
    except ValueError:
        raise ValueError(f"{heading!r} is missing from the document") from None
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return start, end


def record(res: dict[str, Any], text: str) -> str:
    """The document with the run recorded."""
    if res["config"].get("quick") or res["config"].get("heldout_per_set"):
        raise ValueError("a quick run (or one scored on a held-out subset) is not recorded")
    lines = text.rstrip("\n").split("\n")
    start, end = _section(lines, RESULTS_HEADING)
    table = [i for i in range(start, end) if lines[i].startswith("|")]
    if not table:
        raise ValueError(f"{RESULTS_HEADING!r} has no table")
    lines.insert(table[-1] + 1, row(res))
    start, end = _section(lines, LATEST_HEADING)
    lines[start + 1 : end] = ["", *report.run_markdown(res).rstrip("\n").split("\n"), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def newest(folder: Path = RESULTS) -> Path:
    """The newest full run (quick runs are skipped)."""
    for path in sorted(folder.glob("*.json"), reverse=True):
        config = json.loads(path.read_text(encoding="utf-8")).get("config", {})
        if not config.get("quick") and not config.get("heldout_per_set"):
            return path
    raise FileNotFoundError(f"no full run in {folder}: run `make bench` first")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.record", description=__doc__)
    ap.add_argument("results", nargs="?", default=None, help="a results JSON (default: the newest)")
    ap.add_argument("--doc", default=str(DOC), help="the markdown file to record into")
    args = ap.parse_args(argv)
    try:
        path = Path(args.results) if args.results else newest()
        res = json.loads(path.read_text(encoding="utf-8"))
        doc = Path(args.doc)
        doc.write_text(record(res, doc.read_text(encoding="utf-8")), encoding="utf-8")
    except (OSError, ValueError, KeyError) as e:
        print(f"bench-record: {e}", file=sys.stderr)
        return 2
    print(f"recorded {path.name} ({res['commit']}) in {doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
