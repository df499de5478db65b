"""Reading a worker's /metrics: consumed articles, the consume-to-publish histogram, per-stage processing
times; and what they say over a measurement window (after minus before, summed over workers).
"""

from __future__ import annotations

import urllib.request
from collections import defaultdict
from typing import Any


def scrape(port: int) -> dict[str, Any]:
    """The worker's /metrics: consumed-article count and the consume-to-publish histogram."""
    from prometheus_client.parser import text_string_to_metric_families

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as r:
        text = r.read().decode()
    consumed = 0.0
    buckets: dict[float, float] = {}
    count = total = 0.0
    stages: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])  # stage -> [sum, count]
    for fam in text_string_to_metric_families(text):
        for s in fam.samples:
            if s.name == "dipevents_articles_consumed_total":
                consumed += s.value
            elif s.name == "dipevents_consume_to_publish_seconds_bucket":
                buckets[float(s.labels["le"])] = s.value
            elif s.name == "dipevents_consume_to_publish_seconds_count":
                count = s.value
            elif s.name == "dipevents_consume_to_publish_seconds_sum":
                total = s.value
            elif s.name == "dipevents_processing_seconds_sum":
                stages[s.labels.get("stage", "?")][0] = s.value
            elif s.name == "dipevents_processing_seconds_count":
                stages[s.labels.get("stage", "?")][1] = s.value
    return {"consumed": consumed, "buckets": buckets, "count": count, "sum": total, "stages": dict(stages)}


def stage_means(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean seconds per observation of each `dipevents_processing_seconds` stage over a window (all workers);
    "extract" is one batch of articles."""
    out: dict[str, Any] = {}
    for stage in sorted({st for a in after for st in a["stages"]}):
        total = sum(
            a["stages"].get(stage, [0, 0])[0] - b["stages"].get(stage, [0, 0])[0]
            for b, a in zip(before, after, strict=True)
        )
        n = sum(
            a["stages"].get(stage, [0, 0])[1] - b["stages"].get(stage, [0, 0])[1]
            for b, a in zip(before, after, strict=True)
        )
        if n > 0:
            out[stage] = {"mean_ms": round(1000 * total / n, 2), "count": int(n)}
    return out


def histogram_summary(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> dict[str, Any]:
    """The consume-to-publish histogram over a measurement window (after - before, summed over workers):
    quantiles interpolated inside buckets like PromQL histogram_quantile, and the exact share <= 250 ms."""
    buckets: dict[float, float] = defaultdict(float)
    count = total = 0.0
    for b, a in zip(before, after, strict=True):
        for le, v in a["buckets"].items():
            buckets[le] += v - b["buckets"].get(le, 0.0)
        count += a["count"] - b["count"]
        total += a["sum"] - b["sum"]
    if count <= 0:
        return {"count": 0}
    edges = sorted(buckets)

    def q(p: float) -> float:
        rank = p * count
        lo_edge, lo_cum = 0.0, 0.0
        for le in edges:
            cum = buckets[le]
            if cum >= rank:
                if le == float("inf"):
                    return lo_edge
                return lo_edge + (le - lo_edge) * ((rank - lo_cum) / (cum - lo_cum) if cum > lo_cum else 1.0)
            lo_edge, lo_cum = le, cum
        return lo_edge

    return {
        "count": int(count),
        "mean_s": round(total / count, 4),
        "p50_s": round(q(0.50), 4),
        "p95_s": round(q(0.95), 4),
        "p99_s": round(q(0.99), 4),
        "share_le_250ms": round(buckets.get(0.25, 0.0) / count, 4),
    }
