"""Extraction-only throughput on a fixed article set: the reference for speed gates.

    python -m bench.speed [--limit N] [--json PATH]

The set is held-out sets 1-6 (bench.labelled.SPEED_REFERENCE, 200 articles), pinned so every branch reads the same
articles; four development-set articles warm the model and caches first. The processor is the worker's
(build_processor, the worker's batch size, a fresh syndicated-copy index). It prints one line: articles per
CPU-second of extraction (the figure to compare), wall-clock rate, events found and the held-out micro-F1, so a
faster change that found other events shows it.

To compare two checkouts as whole processes, pair them (A/B ratios, run by run), for example with
`/usr/bin/time -v` or any harness that alternates the two commands:

    sh -c 'cd ../main && exec .venv/bin/python -m bench.speed'  versus  .venv/bin/python -m bench.speed

A whole-process figure includes loading spaCy (about 1-2 s), so the in-process articles/CPU-s is the sharper one.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench import labelled, ours
from bench.measure import git_rev, memory_mb, rates
from bench.quality import score

WARM_UP = 4  # development-set articles processed first: spaCy's and the regexes' first-call costs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bench.speed", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles of the set")
    ap.add_argument("--json", default=None, help="also write the figures to this JSON file")
    args = ap.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        ap.error("--limit must be at least 1")

    from dipevents.main import build_settings

    settings = build_settings()
    processor = ours.build(settings)
    batch = settings.nlp.batch_size
    ours.extract(processor, labelled.load(labelled.DEV).articles[:WARM_UP], batch)
    pool = labelled.pooled(labelled.heldout(labelled.SPEED_REFERENCE)).head(args.limit)
    found, t = ours.extract(processor, pool.articles, batch)
    quality = score(ours.events_json(found), pool)
    result = {
        "commit": git_rev(),
        "set": pool.name,
        "batch_size": batch,
        **rates(pool.articles, t),
        "events": sum(len(x.events) for x in found),
        "copies": sum(1 for x in found if x.copy_of),
        "errors": sum(1 for x in found if x.error),
        "micro_f1": quality["micro_f1"],
        "peak_rss_mb": memory_mb()["peak_mb"],
    }
    print(
        f"extraction-only: {result['articles_per_cpu_s']:.1f} articles/CPU-s ({result['articles_per_s']:.1f}/s wall) "
        f"on {result['articles']} held-out articles, {result['cpu_seconds']:.2f} CPU-s; events {result['events']}, "
        f"copies {result['copies']}, errors {result['errors']}, micro-F1 {result['micro_f1']}; "
        f"peak RSS {result['peak_rss_mb']:.0f} MB; {result['commit']}"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
