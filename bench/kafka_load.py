"""Driving workers through Kafka: a backlog (capacity) or a steady offered load, with a warm-up first; what
reaches the state topic, and when; the four runs of the bench's Kafka section.

(c) one worker draining a backlog of the mixed stream (its capacity, against extraction-only), then steady
    loads at 70% of the extraction-only capacity (the goal's definition) and at 70% of the worker's own;
(d) two workers (same group, 4 partitions) draining the same backlog: throughput two / one.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import time
import uuid
from pathlib import Path
from typing import Any

from bench import labelled
from bench.kafka_stack import Stack, ready
from bench.log import log
from bench.measure import percentiles
from bench.worker_metrics import histogram_summary, stage_means


async def drive(
    stack: Stack, articles: list[dict[str, Any]], rate: float | None, warmup: list[dict[str, Any]], expected: int
) -> dict[str, Any]:
    """Produce `articles` (at `rate` per second, or as fast as possible) after a warm-up; follow the workers'
    counters and the state topic. Returns timings, per-article latencies and histogram windows."""
    from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

    loop = asyncio.get_running_loop()

    async def scrape() -> list[dict[str, Any]]:
        return await loop.run_in_executor(None, stack.metrics)

    async def consumed() -> float:
        return float(sum(m["consumed"] for m in await scrape()))

    producer = AIOKafkaProducer(bootstrap_servers=stack.bootstrap, acks="all", linger_ms=0)
    await producer.start()
    state = AIOKafkaConsumer(
        stack.topic("state"),
        bootstrap_servers=stack.bootstrap,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        group_id=None,
    )
    await state.start()
    first_seen: dict[str, float] = {}  # article id -> state-record timestamp (s) of its first mention
    last_state = time.time()

    async def follow_state() -> None:
        nonlocal last_state
        while True:
            batch = await state.getmany(timeout_ms=200)
            for records in batch.values():
                for rec in records:
                    last_state = time.time()
                    ev = json.loads(rec.value)["event"]
                    for m in ev["mentions"]:
                        first_seen.setdefault(m["article_id"], rec.timestamp / 1000)

    follower = asyncio.create_task(follow_state())
    try:
        # Warm-up: the first batches of a fresh worker pay spaCy's and the regexes' first-call costs.
        base = await consumed()
        for a in warmup:
            await producer.send_and_wait(stack.topic("articles"), json.dumps(a).encode(), key=a["article_id"].encode())
        deadline = time.monotonic() + 120
        while await consumed() < base + len(warmup):
            if time.monotonic() > deadline:
                raise RuntimeError("warm-up articles were not consumed in 120 s\n" + stack.tail())
            await asyncio.sleep(0.2)
        await asyncio.sleep(1.0)
        before = await scrape()
        cpu_before = stack.cpu_seconds()
        start_count = sum(m["consumed"] for m in before)
        sent_at: dict[str, float] = {}
        t_start = time.time()
        futures = []
        for i, a in enumerate(articles):
            if rate:
                delay = t_start + i / rate - time.time()
                if delay > 0:
                    await asyncio.sleep(delay)
            now = time.time()
            sent_at[a["article_id"]] = now
            futures.append(
                await producer.send(
                    stack.topic("articles"),
                    json.dumps(a).encode(),
                    key=a["article_id"].encode(),
                    timestamp_ms=int(now * 1000),
                )
            )
        await producer.flush()
        t_produced = time.time()
        deadline = time.monotonic() + max(120.0, 10 * len(articles) / (rate or 10))
        t_done = None
        while time.monotonic() < deadline:
            if await consumed() >= start_count + len(articles):
                t_done = time.time()
                break
            await asyncio.sleep(0.1)
        if t_done is None:
            raise RuntimeError(f"workers did not consume {len(articles)} articles in time\n" + stack.tail())
        cpu_used = stack.cpu_seconds() - cpu_before
        # Let the last events make it through candidates -> dedup -> state.
        settle_until = time.monotonic() + 30
        while time.monotonic() < settle_until:
            have = sum(1 for aid in sent_at if aid in first_seen)
            if have >= expected and time.time() - last_state > 1.0:
                break
            if time.time() - last_state > 5.0:
                break
            await asyncio.sleep(0.2)
        after = await scrape()
    finally:
        follower.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await follower
        await state.stop()
        await producer.stop()
    lat = [first_seen[aid] - t for aid, t in sent_at.items() if aid in first_seen]
    per_worker = [a["consumed"] - b["consumed"] for b, a in zip(before, after, strict=True)]
    return {
        "articles": len(articles),
        "offered_rate": rate,
        "produce_seconds": round(t_produced - t_start, 3),
        "seconds": round(t_done - t_start, 3),
        "articles_per_s": round(len(articles) / (t_done - t_start), 2),
        "worker_cpu_seconds": round(cpu_used, 2),
        "articles_per_worker_cpu_s": round(len(articles) / cpu_used, 2) if cpu_used > 0 else None,
        "per_worker_consumed": per_worker,
        "articles_with_events": len(lat),
        "expected_with_events": expected,
        "produce_to_state_s": percentiles(lat) | {"n": len(lat)},
        "consume_to_publish_hist": histogram_summary(before, after),
        "worker_stage_means": stage_means(before, after),
    }


def measure_through_kafka(
    bootstrap: str, articles: list[dict[str, Any]], *, capacity: float, capacity_cpu: float, expected: int, tmp: Path
) -> dict[str, Any]:
    warm = [
        a | {"article_id": f"warm-{uuid.uuid4().hex[:8]}-{a['article_id']}"}
        for a in labelled.load(labelled.DEV).articles[:8]
    ]
    out: dict[str, Any] = {
        "bootstrap": bootstrap,
        "partitions": 4,
        "extraction_capacity_art_s": capacity,
        "extraction_capacity_art_cpu_s": capacity_cpu,
    }

    def one(name: str, workers: int, rate: float | None) -> dict[str, Any]:
        stack = Stack(bootstrap, tmp)
        try:
            log(f"kafka {name}: starting {workers} worker(s) on {stack.name}")
            t0 = time.monotonic()
            stack.start_workers(workers)
            if workers > 1:
                time.sleep(3.0)  # let the group settle after the last join (one rebalance per join)
                deadline = time.monotonic() + 60
                while not all(ready(p) for p in stack.ports) and time.monotonic() < deadline:
                    time.sleep(0.3)
            started = time.monotonic() - t0
            what = f"at {rate:.1f} art/s" if rate else "as a backlog"
            log(f"kafka {name}: ready after {started:.1f}s; producing {len(articles)} articles {what}")
            res = asyncio.run(drive(stack, articles, rate, warm, expected))
            res["workers"] = workers
            res["startup_seconds"] = round(started, 1)
            res["loadavg_1m"] = round(os.getloadavg()[0], 2)
            log(
                f"kafka {name}: {res['articles_per_s']} art/s ({res['articles_per_worker_cpu_s']} per worker CPU-s), "
                f"produce->state {res['produce_to_state_s']}, consume->publish {res['consume_to_publish_hist']}"
                f", worker stages {res['worker_stage_means']}"
            )
            return res
        finally:
            stack.stop()

    # (c) one worker: a backlog (its capacity), then steady loads at 70% of the extraction-only capacity (the
    # goal's definition) and at 70% of the worker's own measured capacity (not overloaded when that is lower).
    out["backlog_1_worker"] = one("(c) backlog, 1 worker", 1, None)
    one_w = out["backlog_1_worker"]["articles_per_s"]
    out["steady_70pct"] = one("(c) steady 70% of extraction-only capacity, 1 worker", 1, round(0.7 * capacity, 2))
    out["steady_70pct_of_worker"] = one("(c) steady 70% of the worker's capacity, 1 worker", 1, round(0.7 * one_w, 2))
    # (d) two workers, same group, 4 partitions, the same backlog
    out["backlog_2_workers"] = one("(d) backlog, 2 workers", 2, None)
    out["kafka_vs_extraction"] = round(one_w / capacity, 3) if capacity else None
    per_cpu = out["backlog_1_worker"]["articles_per_worker_cpu_s"]
    out["kafka_vs_extraction_cpu"] = round(per_cpu / capacity_cpu, 3) if capacity_cpu and per_cpu else None
    out["two_workers_ratio"] = round(out["backlog_2_workers"]["articles_per_s"] / one_w, 3) if one_w else None
    return out
