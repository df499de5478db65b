"""Order independence on the real broker: the dedup stress corpus, shuffled, through 2 workers on 4
partitions, ends in the clusters the pure core makes in file order (one process, no Kafka)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from typing import Any

from tests.integration.harness import REPO, Stack, article_lines, collect, produce

STRESS = REPO / "tests" / "fixtures" / "stress" / "articles.jsonl"


def _clusters(events: list[dict[str, Any]]) -> set[tuple[str, tuple[str, ...], frozenset[str]]]:
    return {(e["event_type"], tuple(e["countries"]), frozenset(m["article_id"] for m in e["mentions"])) for e in events}


def test_shuffled_stress_corpus_through_two_workers_gives_the_core_clusters(stack: Stack) -> None:
    """Two workers, 4 partitions, a shuffled stream: the final state (latest revision of every id not merged
    into another) holds the same clusters as the pure core in file order, and no id is first-sighted twice."""
    reference = subprocess.run(
        [sys.executable, "-m", "dipevents.cli", "extract", "--dedup", str(STRESS)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        timeout=300,
    )
    want = _clusters([json.loads(line) for line in reference.stdout.splitlines() if line.strip()])
    lines = article_lines(STRESS)
    random.Random(7).shuffle(lines)
    stack.start_worker(0)
    stack.start_worker(1)
    produce(stack.bootstrap, stack.topic("articles"), lines, keys=[json.loads(v)["article_id"].encode() for v in lines])
    deadline = time.monotonic() + 180
    while True:  # the state topic only grows: read it until it holds the reference clusters (or time out)
        latest: dict[str, dict[str, Any]] = {}
        for r in collect(stack.bootstrap, stack.topic("state"), until=10_000, timeout=4):
            rev = json.loads(r.value)
            if rev["revision"] >= latest.get(rev["event_id"], {}).get("revision", 0):
                latest[rev["event_id"]] = rev
        got = _clusters([v["event"] for v in latest.values() if not v.get("merged_into")])
        if got == want or time.monotonic() > deadline:
            break
    assert got == want
    firsts = [r.key for r in collect(stack.bootstrap, stack.topic("events"), until=10_000, timeout=4)]
    assert len(firsts) == len(set(firsts))
