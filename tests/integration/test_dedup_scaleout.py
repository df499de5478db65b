"""Cross-source dedup on the real broker with 4 partitions and 2 worker processes: one first sighting per
real-world event, the right sources in the state topic, and state that survives a worker restart."""

from __future__ import annotations

import json
import random
import signal
import time
from typing import Any

from tests.integration.harness import REPO, Stack, article_lines, collect, produce

DEV = REPO / "tests" / "fixtures" / "dev"
LATE = "dev-b95173f896ee"  # TASS on the Putin–Abe talks, held back to arrive after a restart


def latest_revisions(records: list[Any]) -> dict[str, dict[str, Any]]:
    latest: dict[str, dict[str, Any]] = {}
    for r in records:
        rev = json.loads(r.value)
        if rev["revision"] >= latest.get(rev["event_id"], {}).get("revision", 0):
            latest[rev["event_id"]] = rev
    return latest


def test_two_workers_four_partitions_one_first_sighting_per_event(stack: Stack) -> None:
    """Shuffled dev stories over 4 partitions and 2 workers: exactly one first sighting per story event,
    final sources as expected; after a worker restart a late wire joins its existing event."""
    expected = json.loads((DEV / "expected.json").read_text(encoding="utf-8"))
    story_events = [
        (e["event_type"], tuple(e["countries"]), tuple(e["sources"])) for s in expected["stories"] for e in s["events"]
    ]
    lines = [line for line in article_lines(DEV / "articles.jsonl") if json.loads(line)["article_id"] != LATE]
    random.Random(42).shuffle(lines)
    first, _ = stack.start_worker(0)
    stack.start_worker(1)
    produce(stack.bootstrap, stack.topic("articles"), lines, keys=[json.loads(v)["article_id"].encode() for v in lines])

    firsts = collect(stack.bootstrap, stack.topic("events"), until=len(story_events), settle=8.0, timeout=180)
    ids = [r.key.decode() for r in firsts]
    assert len(ids) == len(set(ids)) == len(story_events), "each event id is first-sighted exactly once"
    state = latest_revisions(collect(stack.bootstrap, stack.topic("state"), until=40, settle=5.0, timeout=120))
    assert set(state) == set(ids)
    without_late = sorted(
        (t, c, tuple(x for x in srcs if not (x == "TASS" and c == ("JPN", "RUS")))) for t, c, srcs in story_events
    )
    got = sorted(
        (v["event"]["event_type"], tuple(v["event"]["countries"]), tuple(v["event"]["sources"])) for v in state.values()
    )
    assert got == without_late

    # Restart one worker, then the late wire arrives: it merges into the existing events, no new first sighting.
    first.send_signal(signal.SIGTERM)
    assert first.wait(timeout=40) == 0
    stack.start_worker(0)
    produce(
        stack.bootstrap, stack.topic("articles"), article_lines(DEV / "articles.jsonl", {LATE}), keys=[LATE.encode()]
    )
    deadline = time.monotonic() + 120
    while True:  # the state topic only grows: read it until the late wire's revisions are there (or time out)
        state = latest_revisions(collect(stack.bootstrap, stack.topic("state"), until=10_000, timeout=3))
        d01 = {v["event"]["event_type"]: v for v in state.values() if v["event"]["countries"] == ["JPN", "RUS"]}
        if "TASS" in d01["summit"]["event"]["sources"] or time.monotonic() > deadline:
            break
    assert d01["summit"]["event"]["sources"] == ["Kyodo", "TASS", "Voice of Russia"]
    assert d01["ministry_instruction"]["event"]["sources"] == ["Kyodo", "TASS", "Voice of Russia"]
    assert LATE in d01["summit"]["article_ids"]
    again = collect(stack.bootstrap, stack.topic("events"), until=len(story_events), settle=3.0)
    assert len(again) == len(story_events), "the late article created no new first sighting"
