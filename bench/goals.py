"""The project's speed and memory goals, checked against one run's results (docs/benchmarks.md explains them).

Rates are per CPU-second (= per core). A goal whose figure the run did not measure (no Kafka) is None, not met.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

MIN_LATENCY_SAMPLES = 100  # consume-to-publish observations (published events) for a p99 to count as measured

_OPS: dict[str, Callable[[float, float], bool]] = {">=": operator.ge, "<": operator.lt, "<=": operator.le}

# name -> (comparison, target, what it measures)
GOALS: dict[str, tuple[str, float, str]] = {
    "speedup_diplomatic": (">=", 4.0, "ours / naive, diplomatic-only, per CPU-second"),
    "quality_vs_naive": (">=", 0.0, "ours minus naive, held-out micro-F1 (speed not bought with quality)"),
    "ours_diplomatic_art_s_core": (">=", 40.0, "ours, diplomatic-only, articles per CPU-second"),
    "ours_mixed_art_s_core": (">=", 200.0, "ours, mixed stream, articles per CPU-second"),
    "kafka_vs_extraction": (">=", 0.80, "one worker through Kafka / extraction-only (mixed, wall)"),
    "p99_latency_70pct_s": (
        "<",
        0.250,
        f"consume-to-publish p99 at 70% of extraction-only capacity, s (from >= {MIN_LATENCY_SAMPLES} events)",
    ),
    "rss_ours_mb": ("<=", 400.0, "peak RSS of our extraction process, MB"),
    "two_workers_ratio": (">=", 1.8, "two workers / one worker, backlog throughput"),
}


def _get(d: Any, *path: str) -> Any:
    for p in path:
        if not isinstance(d, dict) or p not in d:
            return None
        d = d[p]
    return d


def evaluate(res: dict[str, Any]) -> dict[str, Any]:
    sides, kafka = res["sides"], res.get("kafka") or {}
    c2p = _get(kafka, "steady_70pct", "consume_to_publish_hist") or {}
    naive_f1, ours_f1 = _get(sides, "naive", "heldout", "micro_f1"), _get(sides, "ours", "heldout", "micro_f1")
    values = {
        "speedup_diplomatic": _get(res, "ratios", "diplomatic"),
        "quality_vs_naive": round(ours_f1 - naive_f1, 4) if ours_f1 is not None and naive_f1 is not None else None,
        "ours_diplomatic_art_s_core": _get(sides, "ours", "workloads", "diplomatic", "articles_per_cpu_s"),
        "ours_mixed_art_s_core": _get(sides, "ours", "workloads", "mixed", "articles_per_cpu_s"),
        "kafka_vs_extraction": kafka.get("kafka_vs_extraction"),
        "p99_latency_70pct_s": c2p.get("p99_s") if c2p.get("count", 0) >= MIN_LATENCY_SAMPLES else None,
        "rss_ours_mb": _get(sides, "ours", "rss", "peak_mb"),
        "two_workers_ratio": kafka.get("two_workers_ratio"),
    }
    out = {}
    for name, (op, target, what) in GOALS.items():
        v = values[name]
        out[name] = {"value": v, "target": f"{op} {target}", "met": None if v is None else _OPS[op](v, target)}
        out[name]["what"] = what
    return out
