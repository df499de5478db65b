"""`python -m bench.copies [N ...]`: what N copies of one article cost the live worker (issue 14).

One isolated deployment on the broker (own topics and group, one partition), one worker process; N copies of the
seed article with distinct ids are published at once, and the clock runs until the worker has consumed all N and
deduplicated every candidate they gave (its /metrics), or until it exits or the timeout passes. Printed per N:
seconds, the worker's peak and final RSS, the largest record on the state and changelog topics, whether the
worker is still alive. Each N gets a fresh worker and deployment.

The broker: --bootstrap, else DIPEVENTS_KAFKA__BOOTSTRAP_SERVERS, else 127.0.0.1:19092.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer
from aiokafka.admin import AIOKafkaAdminClient

from tests.integration.harness import REPO, Stack, produce

SEED = REPO / "tests" / "fixtures" / "dev" / "articles.jsonl"


def seed_article() -> dict[str, Any]:
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if '"seed-putin-abe"' in line:
            return dict(json.loads(line))
    raise SystemExit("seed article not found")


def metric_sum(port: int, name: str, **labels: str) -> float:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as r:
        text = r.read().decode()
    total = 0.0
    for line in text.splitlines():
        m = re.match(r"^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})?\s+(\S+)", line)
        if m and m.group(1) == name and all(f'{k}="{v}"' in (m.group(2) or "") for k, v in labels.items()):
            total += float(m.group(3))
    return total


def rss_kb(pid: int) -> tuple[int, int]:
    """(peak, current) resident set size of the process in kB (VmHWM, VmRSS)."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("Vm")
    )
    return int(fields["VmHWM"].split()[0]), int(fields["VmRSS"].split()[0])


async def largest_records(bootstrap: str, topics: list[str]) -> dict[str, int]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    existing = set(await admin.list_topics())
    await admin.close()
    out = {}
    for topic in topics:
        if topic not in existing:
            continue
        consumer = AIOKafkaConsumer(
            topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", group_id=None, fetch_max_bytes=50_000_000
        )
        await consumer.start()
        biggest = 0
        try:
            while batch := await consumer.getmany(timeout_ms=2000):
                for records in batch.values():
                    biggest = max([biggest, *(len(r.value or b"") for r in records)])
        finally:
            await consumer.stop()
        out[topic] = biggest
    return out


def run_one(bootstrap: str, n: int, timeout: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        stack = Stack(bootstrap, Path(tmp), partitions=1)
        proc, port = stack.start_worker(DIPEVENTS_LOG_LEVEL="ERROR")
        try:
            base = seed_article()
            lines = [json.dumps({**base, "article_id": f"copy-{i:05d}"}).encode() for i in range(n)]
            started = time.monotonic()
            produce(bootstrap, stack.topic("articles"), lines)
            done = False
            while time.monotonic() - started < timeout and proc.poll() is None:
                try:
                    consumed = metric_sum(port, "dipevents_articles_consumed_total")
                    extracted = metric_sum(port, "dipevents_events_extracted_total")
                    deduped = metric_sum(port, "dipevents_processing_seconds_count", stage="publish")
                except OSError:
                    time.sleep(0.5)
                    continue
                if consumed >= n and deduped >= extracted > 0:
                    done = True
                    break
                time.sleep(0.2)
            seconds = time.monotonic() - started
            alive = proc.poll() is None
            peak, current = rss_kb(proc.pid) if alive else (0, 0)
            changelog = f"{stack.name}-dedup-events-changelog"
            legacy = f"{stack.name}-dedup-clusters-changelog"
            sizes = asyncio.run(largest_records(bootstrap, [stack.topic("state"), changelog, legacy]))
            return {
                "copies": n,
                "done": done,
                "seconds": round(seconds, 1),
                "alive": alive,
                "exit_code": proc.returncode,
                "peak_rss_mb": round(peak / 1024),
                "rss_mb": round(current / 1024),
                "largest_state_record": sizes.get(stack.topic("state"), 0),
                "largest_changelog_record": max(sizes.get(changelog, 0), sizes.get(legacy, 0)),
            }
        finally:
            stack.stop_all()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("copies", nargs="*", type=int, default=[100, 500, 2000])
    ap.add_argument("--bootstrap", default=os.environ.get("DIPEVENTS_KAFKA__BOOTSTRAP_SERVERS", "127.0.0.1:19092"))
    ap.add_argument("--timeout", type=float, default=900.0, help="seconds per run")
    args = ap.parse_args()
    for n in args.copies:
        print(json.dumps(run_one(args.bootstrap, n, args.timeout)), flush=True)


if __name__ == "__main__":
    main()
