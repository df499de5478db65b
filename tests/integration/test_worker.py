"""The worker on the real broker: articles in, first sightings and revisions out, bad input dead-lettered,
a graceful stop on SIGTERM."""

from __future__ import annotations

import asyncio
import json
import signal
import time

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from tests.integration.harness import REPO, Stack, article_lines, collect, produce

DEV = REPO / "tests" / "fixtures" / "dev" / "articles.jsonl"


def test_seed_article_gives_its_three_events(stack: Stack) -> None:
    """The seed story through the worker: three first sightings keyed by event id, with their content."""
    stack.start_worker()
    produce(stack.bootstrap, stack.topic("articles"), article_lines(DEV, {"seed-putin-abe"}))
    records = collect(stack.bootstrap, stack.topic("events"), until=3, settle=2.0)
    events = {json.loads(r.value)["event_type"]: json.loads(r.value) for r in records}
    assert len(records) == 3 and set(events) == {"summit", "ministry_instruction", "consultation_agreement"}
    for r in records:
        assert r.key.decode() == json.loads(r.value)["event_id"]
    summit = events["summit"]
    assert summit["countries"] == ["JPN", "RUS"] and summit["event_date"] == "2013-04-29"
    assert {k: summit["location"][k] for k in ("name", "country")} == {"name": "Moscow", "country": "RUS"}
    assert len(events["ministry_instruction"]["mentions"]) == 4
    assert events["consultation_agreement"]["countries"] == ["JPN", "RUS"]


def test_story_from_three_wires_is_one_event_with_revisions(stack: Stack) -> None:
    """D05 (Reuters, AP, TASS on the Biden–Putin call) plus the announcement three days before: the summit is
    first-sighted once; the state topic's last revision carries the three sources; the announcement adds none."""
    stack.start_worker()
    ids = {"dev-e4778a99d3ec", "dev-ce0d11b9a4d5", "dev-d0668388ad07", "dev-cde701b2a3cd"}
    produce(stack.bootstrap, stack.topic("articles"), article_lines(DEV, ids))
    firsts = collect(stack.bootstrap, stack.topic("events"), until=3, settle=3.0)
    kinds = sorted(json.loads(r.value)["event_type"] for r in firsts)
    assert kinds == ["consultation_agreement", "ministry_instruction", "summit"]
    states = collect(stack.bootstrap, stack.topic("state"), until=7, settle=3.0)
    latest: dict[str, dict] = {}
    for r in states:
        rev = json.loads(r.value)
        if rev["revision"] >= latest.get(rev["event_id"], {}).get("revision", 0):
            latest[rev["event_id"]] = rev
    by_type = {v["event"]["event_type"]: v for v in latest.values()}
    assert by_type["summit"]["event"]["sources"] == ["AP", "Reuters", "TASS"]
    assert by_type["summit"]["revision"] == 3
    assert by_type["consultation_agreement"]["event"]["sources"] == ["AP", "TASS"]
    assert by_type["ministry_instruction"]["event"]["sources"] == ["Reuters", "TASS"]
    assert "dev-cde701b2a3cd" not in {a for v in latest.values() for a in v["article_ids"]}


BAD = {
    "not_json": b"this is not json {",
    "invalid_utf8": b'{"article_id": "x", "body": "\xff\xfe"}',
    "not_an_object": b"[1, 2, 3]",
    "missing_field": json.dumps({"article_id": "m1", "source": "S"}).encode(),
    "empty_body": json.dumps({"article_id": "e1", "source": "S", "body": "   "}).encode(),
    "wrong_type": json.dumps({"article_id": 5, "source": "S", "body": "text"}).encode(),
    "bad_timestamp": json.dumps(
        {"article_id": "t1", "source": "S", "body": "Putin met Abe.", "published_at": "soon"}
    ).encode(),
    "too_large": json.dumps({"article_id": "l1", "source": "S", "body": "word " * 40_000}).encode(),
    "token_too_long": json.dumps({"article_id": "k1", "source": "S", "body": "x" * 5_000 + " and more words"}).encode(),
    "not_english": json.dumps(
        {"article_id": "n1", "source": "S", "language": "ru", "body": "Путин встретился с Абэ."}
    ).encode(),
    "binary": bytes(range(256)) * 4,
}


def test_bad_input_is_dead_lettered_and_good_input_is_not_lost(stack: Stack) -> None:
    """Every bad-input class lands in the dead-letter topic with its reason, original bytes and origin; the
    valid article sent among them still yields its events; the worker keeps running."""
    proc, _ = stack.start_worker(DIPEVENTS_NLP__MAX_BODY_BYTES="100000")
    values = list(BAD.values())
    values.insert(5, article_lines(DEV, {"seed-putin-abe"})[0])
    produce(stack.bootstrap, stack.topic("articles"), values)
    dead = collect(stack.bootstrap, stack.topic("dlq"), until=len(BAD), settle=2.0)
    reasons = {dict(r.headers)["dipevents.reason"].decode(): r for r in dead}
    assert set(reasons) == set(BAD)
    for reason, rec in reasons.items():
        headers = dict(rec.headers)
        assert rec.value == BAD[reason], reason  # original bytes untouched
        assert headers["dipevents.source.topic"].decode() == stack.topic("articles")
        assert int(headers["dipevents.source.offset"]) >= 0
        assert headers["dipevents.message"] and headers["dipevents.exception"] == b"BadInput"
    events = collect(stack.bootstrap, stack.topic("events"), until=3, settle=1.0)
    assert len(events) == 3
    assert proc.poll() is None


def test_sigterm_stops_within_30_seconds(stack: Stack) -> None:
    """SIGTERM: the worker finishes, commits and exits cleanly within 30 s. Periodic commits are switched off
    (an hour apart), so the committed offsets checked afterwards can only come from the commit at shutdown."""
    proc, _ = stack.start_worker(DIPEVENTS_KAFKA__COMMIT_INTERVAL_SECONDS="3600")
    lines = article_lines(DEV)[:8]
    produce(stack.bootstrap, stack.topic("articles"), lines)
    collect(stack.bootstrap, stack.topic("events"), until=3, settle=8.0)
    assert group_offsets(stack, "articles") == (0, len(lines))  # nothing committed while running
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    code = proc.wait(timeout=40)
    assert time.monotonic() - started < 30
    assert code == 0
    assert group_offsets(stack, "articles") == (len(lines), len(lines))
    committed, end = group_offsets(stack, "candidates")
    assert committed == end > 0


def group_offsets(stack: Stack, kind: str) -> tuple[int, int]:
    """(the group's committed offsets, the log end offsets), summed over the topic's partitions."""

    async def run() -> tuple[int, int]:
        topic = stack.topic(kind)
        admin = AIOKafkaAdminClient(bootstrap_servers=stack.bootstrap)
        consumer = AIOKafkaConsumer(bootstrap_servers=stack.bootstrap)
        await admin.start()
        await consumer.start()
        try:
            tps = [TopicPartition(topic, p) for p in range(stack.partitions)]
            committed = await admin.list_consumer_group_offsets(stack.name, partitions=tps)
            ends = await consumer.end_offsets(tps)
            done = sum(max(0, committed[tp].offset) for tp in tps if tp in committed)
            return done, sum(ends.values())
        finally:
            await consumer.stop()
            await admin.close()

    return asyncio.run(run())


def test_dedup_window_expires_in_the_worker(stack: Stack) -> None:
    """With a tiny expiry time, the worker's sweep empties the dedup table (state size gauge back to 0)."""
    import urllib.request

    _, port = stack.start_worker(DIPEVENTS_DEDUP__EXPIRE_AFTER_DAYS="0.0001", DIPEVENTS_DEDUP__SWEEP_SECONDS="1")
    produce(stack.bootstrap, stack.topic("articles"), article_lines(DEV, {"seed-putin-abe"}))
    collect(stack.bootstrap, stack.topic("events"), until=3)

    def state_size() -> float:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as r:
            for line in r.read().decode().splitlines():
                if line.startswith("dipevents_dedup_state_events "):
                    return float(line.split()[1])
        return -1.0

    deadline = time.monotonic() + 40
    seen_full = False
    while time.monotonic() < deadline:
        size = state_size()
        seen_full = seen_full or size > 0
        if seen_full and size == 0:
            break
        time.sleep(0.5)
    assert seen_full and state_size() == 0
