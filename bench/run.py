"""`make bench`: every side at equal work, with its quality, in one run; then real workers through Kafka.

    python -m bench.run [--quick] [--articles N] [--real-articles M] [--real DIR|none] [--kafka-articles K]
                        [--no-kafka | --kafka] [--bootstrap HOST:PORT] [--out bench/results] [--seed S]

1. The workloads (bench.workloads): (a) synthetic diplomatic-only; (b) the mixed stream, real Reuters copy from
   ../shared/data/real when present, the synthetic mix otherwise.
2. The sides (bench.sides), each in its own process: naive trigger + NER, ours with the prefilter off, ours.
   Each scores the held-out sets and is timed on (a) and (b).
3. Kafka (bench.kafka_load; skipped by --no-kafka, and by --quick unless --kafka): real workers on the mixed
   stream: one worker's backlog capacity and latency at steady load, two workers' throughput.

Writes <out>/<UTC timestamp>.json and .md (git-ignored) and prints the tables; never touches tracked files.
`make bench-record` (python -m bench.record) copies a full run into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import goals, realcopy, report, synthetic, workloads
from bench.labelled import heldout_names
from bench.log import log
from bench.measure import git_rev, loadavg, machine
from bench.paths import KAFKACTL, RESULTS
from bench.sides import SIDES, run_side

# Sizes of a full run and of a smoke run (--quick: a minute or two, no numbers worth quoting).
FULL: dict[str, Any] = {
    "articles": 200,
    "real_articles": 1000,
    "heldout_per_set": None,
    "real_labelled": None,  # all of them
    "single_sample": 40,
    "real_pool": None,
}
QUICK: dict[str, Any] = {
    "articles": 8,
    "real_articles": 20,
    "heldout_per_set": 3,
    "real_labelled": 20,
    "single_sample": 3,
    "real_pool": 500,
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--quick", action="store_true", help="smoke run: tens of articles, no Kafka (unless --kafka)")
    ap.add_argument("--articles", type=int, default=None, help="(a), and a synthetic (b): default 200")
    ap.add_argument("--real-articles", type=int, default=None, help="(b) from real copy: default 1000")
    ap.add_argument("--real", default=None, help="the shared real-copy folder (default: found beside the checkout)")
    ap.add_argument(
        "--kafka-articles", type=int, default=None, help="per Kafka run (default: 12 s of capacity, 300-3000)"
    )
    ap.add_argument("--no-kafka", action="store_true", help="skip the Kafka measurements")
    ap.add_argument("--kafka", action="store_true", help="with --quick: run the Kafka measurements too")
    ap.add_argument("--bootstrap", default=None, help="an existing broker host:port (nothing started or stopped)")
    ap.add_argument("--out", default=str(RESULTS), help="directory for the results (JSON and markdown)")
    ap.add_argument("--seed", type=int, default=synthetic.SEED, help="corpus and sample seed")
    ap.add_argument("--heldout-per-set", type=int, default=None, help="score on the first N of each held-out set")
    ap.add_argument("--no-doc", action="store_true", help=argparse.SUPPRESS)  # old scripts: docs are never written
    args = ap.parse_args(argv)
    for name in ("articles", "real_articles", "kafka_articles", "heldout_per_set"):
        if getattr(args, name) is not None and getattr(args, name) < 1:
            ap.error(f"--{name.replace('_', '-')} must be at least 1")
    return args


def build_workloads(args: argparse.Namespace, size: dict[str, Any], real: Path | None) -> dict[str, workloads.Workload]:
    n = args.articles or size["articles"]
    n_real = args.real_articles or size["real_articles"]
    log(f"workloads: {n} synthetic diplomatic; mixed from {real or 'the synthetic mix (no real copy found)'}")
    return {
        "diplomatic": workloads.diplomatic(n, args.seed),
        "mixed": workloads.mixed(n_real if real else n, args.seed, real, pool=size["real_pool"]),
    }


def measure_kafka(args: argparse.Namespace, res: dict[str, Any], mixed: workloads.Workload, tmp: Path) -> None:
    from bench.kafka_load import measure_through_kafka
    from bench.kafka_stack import resolve_broker

    ours = res["sides"]["ours"]["workloads"]["mixed"]
    kafka_n = args.kafka_articles or (40 if args.quick else min(3000, max(300, round(12 * ours["articles_per_s"]))))
    res["config"]["kafka_articles"] = kafka_n
    if kafka_n > len(mixed.articles):
        mixed = workloads.mixed(kafka_n, args.seed, realcopy.real_dir(args.real))  # a larger sample
    articles = mixed.articles[:kafka_n]
    # articles expected on the state topic: the share that gave events extraction-only
    expected = round(len(articles) * ours["articles_with_events"] / max(1, ours["articles"]))
    log(f"kafka runs: {len(articles)} articles of {mixed.label} each")
    bootstrap, started = resolve_broker(args.bootstrap)
    try:
        res["kafka"] = measure_through_kafka(
            bootstrap,
            articles,
            capacity=ours["articles_per_s"],
            capacity_cpu=ours["articles_per_cpu_s"],
            expected=expected,
            tmp=tmp,
        )
    finally:
        if started:
            log("stopping the local broker this run started")
            subprocess.run([str(KAFKACTL), "down"], check=False)


def ratios(ours: dict[str, Any], naive: dict[str, Any]) -> dict[str, float]:
    """Ours / naive, articles per CPU-second, on each workload and on the labelled sets."""
    blocks = {k: (ours[k], naive[k]) for k in ("heldout", "real_labelled") if k in ours}
    blocks |= {w: (ours["workloads"][w], naive["workloads"][w]) for w in ours["workloads"]}
    return {w: round(o["articles_per_cpu_s"] / b["articles_per_cpu_s"], 3) for w, (o, b) in blocks.items()}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    began = time.monotonic()
    size = QUICK if args.quick else FULL
    real = realcopy.real_dir(args.real)
    per_set = args.heldout_per_set or size["heldout_per_set"]
    with_kafka = not args.no_kafka and (args.kafka or not args.quick)
    now = datetime.now(UTC)
    res: dict[str, Any] = {
        "date": now.strftime("%Y-%m-%d"),
        "timestamp": now.strftime("%Y%m%dT%H%M%SZ"),
        "commit": git_rev(),
        "machine": machine(),
        "loadavg_1m": {"start": loadavg()},
        "config": {
            "quick": args.quick,
            "seed": args.seed,
            "kafka": with_kafka,
            "heldout_sets": list(heldout_names()),
            "heldout_per_set": per_set,
        },
    }
    loads = build_workloads(args, size, real)
    real_labelled = realcopy.labelled(real, size["real_labelled"]) if real else None
    res["real_labelled"] = (
        {"articles": len(real_labelled.articles), "with_events": sum(1 for v in real_labelled.expected.values() if v)}
        if real_labelled
        else None
    )
    res["workloads"] = {name: w.describe() for name, w in loads.items()}
    with tempfile.TemporaryDirectory(prefix="dipevents-bench-") as tmpdir:
        tmp = Path(tmpdir)
        inputs = tmp / "inputs.json"
        payload = {
            "workloads": {k: w.articles for k, w in loads.items()},
            "heldout_per_set": per_set,
            "real_labelled": {"articles": real_labelled.articles, "expected": real_labelled.expected}
            if real_labelled
            else None,
            "single_sample": size["single_sample"],
        }
        inputs.write_text(json.dumps(payload), encoding="utf-8")
        res["sides"] = {}
        for side, label in SIDES.items():
            log(f"side {label}")
            res["sides"][side] = run_side(side, inputs, tmp)
        res["ratios"] = ratios(res["sides"]["ours"], res["sides"]["naive"])
        if with_kafka:
            try:
                measure_kafka(args, res, loads["mixed"], tmp)
            except Exception as e:  # noqa: BLE001 - the extraction results are kept and written; exit 1 below
                log(f"kafka measurements failed: {e!r}")
                res["kafka_error"] = repr(e)
    res["loadavg_1m"]["end"] = loadavg()
    res["goals"] = goals.evaluate(res)
    res["elapsed_seconds"] = round(time.monotonic() - began, 1)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{res['timestamp']}.json"
    path.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    markdown = report.run_markdown(res)
    path.with_suffix(".md").write_text(markdown, encoding="utf-8")
    print(markdown)
    print(f"results: {path} and .md ({res['elapsed_seconds']} s)")
    return 1 if "kafka_error" in res else 0


if __name__ == "__main__":
    sys.exit(main())
