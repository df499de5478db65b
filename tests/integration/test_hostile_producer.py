"""A hostile upstream producer against one live worker on the real broker (issue 14): each class of bad or
extreme input, then one good article on the same partition. The good article must give its events; the worker must
still run; every hostile record must be dead-lettered with the expected reason or give events, never neither.

One worker serves every class (one partition, so records are handled in the order sent). Each class's good
article is the seed story published 30 days x its index later with a footer of its own (so it is a new occasion,
not a syndicated copy of an earlier one): three events of its own on the state topic. Set
DIPEVENTS_HOSTILE_REPORT=path to write the class table (time, RSS) as JSON lines.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from tests.integration.harness import REPO, Stack

pytestmark = pytest.mark.adversarial

DEV = REPO / "tests" / "fixtures" / "dev" / "articles.jsonl"
FAST_REJOIN = {"BROKER_SESSION_TIMEOUT": "10", "BROKER_HEARTBEAT_INTERVAL": "1"}
Rec = tuple[bytes | None, bytes | None, list[tuple[str, bytes]]]


def seed() -> dict[str, Any]:
    for line in DEV.read_text(encoding="utf-8").splitlines():
        if '"seed-putin-abe"' in line:
            return dict(json.loads(line))
    raise AssertionError("seed article missing")


SEED = seed()


def good(k: int, prefix: str = "good") -> dict[str, Any]:
    """The seed story as a new occasion k (published 30 k days later, its own footer) under its own id."""
    a = dict(SEED)
    a["article_id"] = f"{prefix}-{k:03d}"
    a["published_at"] = (datetime.fromisoformat(SEED["published_at"]) + timedelta(days=30 * k)).isoformat()
    a["body"] = (
        SEED["body"].rstrip()
        + "\n\nYou might also like\n"
        + " ".join(str(9_000_000 + 1000 * k + j) for j in range(150))
    )
    return a


def js(obj: Any) -> bytes:
    return json.dumps(obj).encode()


def article(aid: str, **over: Any) -> dict[str, Any]:
    return {
        "article_id": aid,
        "source": "Hostile Wire",
        "body": SEED["body"],
        "published_at": SEED["published_at"],
        **over,
    }


def one(value: bytes | None, key: bytes | None = None, headers: list[tuple[str, bytes]] | None = None) -> list[Rec]:
    return [(key, value, headers or [])]


def meeting_sentences(n: int) -> str:
    return " ".join(
        f"President Vladimir Putin and Prime Minister Shinzo Abe held talks in Moscow on Monday, round {i}."
        for i in range(n)
    )


def distinct_summits(k: int, n: int) -> list[Rec]:
    """n meetings of one pair on n different dates (each article its own event)."""
    out = []
    start = datetime(2013, 1, 1)  # inside both leaders' terms of office
    for i in range(n):
        day = start + timedelta(days=3 * i)
        body = (
            f"MOSCOW, {day:%B} {day.day}, {day.year} - President Vladimir Putin and Japanese Prime Minister Shinzo Abe "
            f"held talks in Moscow on {day:%B} {day.day}, {day.year}, the Kremlin said. The two leaders discussed a "
            "peace treaty and economic cooperation between Russia and Japan."
        )
        a = {
            "article_id": f"pair-{k}-{i}",
            "source": f"Wire {i % 7}",
            "body": body,
            "published_at": f"{day:%Y-%m-%d}T18:00:00Z",
        }
        out.append((None, js(a), []))
    return out


@dataclass(frozen=True)
class Hostile:
    name: str
    make: Callable[[int], list[Rec]]
    expect: str  # a dead-letter reason, or "events"
    timeout: float = 90.0


CLASSES = [
    Hostile("not_json", lambda k: one(b"this is not json {"), "not_json"),
    Hostile("invalid_utf8", lambda k: one(b'{"article_id": "x", "body": "\xff\xfe"}'), "invalid_utf8"),
    Hostile("json_array", lambda k: one(b"[1, 2, 3]"), "not_an_object"),
    Hostile("json_null", lambda k: one(b"null"), "not_an_object"),
    Hostile("missing_field", lambda k: one(js({"article_id": f"m{k}", "source": "S"})), "missing_field"),
    Hostile("empty_body", lambda k: one(js(article(f"e{k}", body="   "))), "empty_body"),
    Hostile("wrong_type", lambda k: one(js(article(f"w{k}") | {"article_id": 5})), "wrong_type"),
    Hostile("timestamp_text", lambda k: one(js(article(f"t{k}", published_at="soon"))), "bad_timestamp"),
    Hostile("year_0001", lambda k: one(js(article(f"y1-{k}", published_at="0001-01-01T00:00:00Z"))), "bad_timestamp"),
    Hostile("year_9999", lambda k: one(js(article(f"y9-{k}", published_at="9999-12-31T23:59:59Z"))), "bad_timestamp"),
    Hostile(
        "two_years_ahead", lambda k: one(js(article(f"fut-{k}", published_at="2099-01-01T00:00:00Z"))), "bad_timestamp"
    ),
    Hostile(
        "copy_dated_0001",
        lambda k: [
            (None, js(good(k, "orig")), []),
            (None, js(good(k, "orig") | {"article_id": f"copy1-{k}", "published_at": "0001-01-01T00:00:00Z"}), []),
        ],
        "events|bad_timestamp",
    ),
    Hostile("nan", lambda k: one(js(article(f"nan-{k}"))[:-1] + b', "score": NaN}'), "not_json"),
    Hostile("infinity", lambda k: one(js(article(f"inf-{k}"))[:-1] + b', "score": -Infinity}'), "not_json"),
    Hostile("utf8_bom", lambda k: one(b"\xef\xbb\xbf" + js(good(k, "bom"))), "events"),
    Hostile("tombstone", lambda k: one(None, key=b"deleted-article"), "null_value"),
    Hostile("empty_value", lambda k: one(b""), "not_json"),
    Hostile("too_large_1010000", lambda k: one(js(article(f"big-{k}", body="word " * 202_000))), "too_large"),
    Hostile(
        "million_digit_number",
        lambda k: one(js(article(f"num-{k}"))[:-1] + b', "n": ' + b"7" * 1_000_000 + b"}"),
        "not_json",
    ),
    Hostile("binary", lambda k: one(bytes(range(256)) * 4), "binary"),
    Hostile(
        "token_too_long", lambda k: one(js(article(f"tok-{k}", body="x" * 5_000 + " and more words"))), "token_too_long"
    ),
    Hostile(
        "not_english",
        lambda k: one(js(article(f"ru-{k}", language="ru", body="Путин встретился с Абэ."))),
        "not_english",
    ),
    Hostile("huge_key_bad_value", lambda k: one(b"{" * 10 + b"x" * 500_000, key=b"k" * 500_000), "not_json"),
    Hostile("article_id_100kb", lambda k: one(js(article("i" * 100_000))), "invalid"),
    Hostile("nested_100k_deep", lambda k: one(b"[" * 100_000 + b"]" * 100_000), "not_json"),
    Hostile(
        "lone_surrogate_in_body",
        lambda k: one(js(article(f"sur-{k}", body="Putin met Abe \ud800 in Moscow."))),
        "invalid_utf8",
    ),
    Hostile(
        "lone_surrogate_in_title",
        lambda k: one(js(good(k, "surt"))[:-1] + b', "title": "\\ud800"}'),
        "events|invalid_utf8",
    ),
    Hostile(
        "duplicate_json_keys", lambda k: one(js(good(k, "dup"))[:-1] + b', "source": "Second Source Wins"}'), "events"
    ),
    Hostile("unknown_field_900kb", lambda k: one(js(good(k, "pad") | {"padding": "p" * 900_000})), "events"),
    Hostile(
        "junk_headers",
        lambda k: one(js(good(k, "hdr")), headers=[("\x00\xff", bytes(range(256))), ("x" * 1000, b"")]),
        "events",
    ),
    Hostile(
        "bidi_and_zero_width",
        lambda k: one(
            js(good(k, "bidi") | {"body": "\u202e\u200b" + good(k, "bidi")["body"].replace(" ", " \u200b", 40)})
        ),
        "events",
    ),
    Hostile(
        "3000_mentions_one_article",
        lambda k: one(
            js(article(f"many-{k}", body=meeting_sentences(3000)) | {"published_at": good(k)["published_at"]})
        ),
        "events",
        180.0,
    ),
    Hostile(
        "600_copies",
        lambda k: [
            (None, js(good(k, "copysrc") | {"article_id": f"cp-{k}-{i:04d}", "source": f"Outlet {i}"}), [])
            for i in range(600)
        ],
        "events",
        600.0,
    ),
    Hostile("600_distinct_summits_one_pair", lambda k: distinct_summits(k, 600), "events", 600.0),
]


# --- the shared worker and its topics ---------------------------------------------------------------------


class Tail:
    """Reads a one-partition topic onwards from where the last read stopped."""

    def __init__(self, bootstrap: str, topic: str) -> None:
        self.bootstrap, self.topic, self.position = bootstrap, topic, 0
        self.records: list[Any] = []

    def poll(self) -> list[Any]:
        async def run() -> list[Any]:
            consumer = AIOKafkaConsumer(
                bootstrap_servers=self.bootstrap,
                enable_auto_commit=False,
                fetch_max_bytes=60_000_000,
                max_partition_fetch_bytes=20_000_000,
            )
            await consumer.start()
            try:
                tp = TopicPartition(self.topic, 0)
                consumer.assign([tp])
                end = (await consumer.end_offsets([tp]))[tp]
                consumer.seek(tp, self.position)
                out = []
                while self.position < end:
                    batch = await consumer.getmany(tp, timeout_ms=1000)
                    for r in batch.get(tp, []):
                        out.append(r)
                        self.position = r.offset + 1
                return out
            finally:
                await consumer.stop()

        new = asyncio.run(run())
        self.records.extend(new)
        return new


def send(bootstrap: str, topic: str, records: list[Rec]) -> list[int]:
    async def run() -> list[int]:
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", max_request_size=3_000_000, linger_ms=5)
        await producer.start()
        try:
            futures = [await producer.send(topic, value=v, key=k, headers=h) for k, v, h in records]
            return [(await f).offset for f in futures]
        finally:
            await producer.stop()

    return asyncio.run(run())


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@dataclass
class Deployment:
    stack: Stack
    proc: Any
    state: Tail
    dlq: Tail
    report: list[dict[str, Any]]


@pytest.fixture(scope="module")
def deployment(kafka_bootstrap: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    tmp = tmp_path_factory.mktemp("hostile")
    stack = Stack(kafka_bootstrap, tmp, partitions=1)
    # The broker's topics accept up to 1,048,588 bytes; the producer 1,000,000 (the defaults the issue met).
    proc, _ = stack.start_worker(**FAST_REJOIN)
    d = Deployment(
        stack, proc, Tail(kafka_bootstrap, stack.topic("state")), Tail(kafka_bootstrap, stack.topic("dlq")), []
    )
    yield d
    stack.stop_all()
    path = os.environ.get("DIPEVENTS_HOSTILE_REPORT")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            for row in d.report:
                f.write(json.dumps(row) + "\n")


def ids_in_revisions(records: list[Any]) -> dict[str, set[str]]:
    """article id -> event ids of the revisions naming it."""
    out: dict[str, set[str]] = {}
    for r in records:
        rev = json.loads(r.value)
        for aid in rev["article_ids"]:
            out.setdefault(aid, set()).add(rev["event_id"])
    return out


def article_id_of(value: bytes | None) -> str | None:
    try:
        obj = json.loads(value.removeprefix(b"\xef\xbb\xbf")) if value else None
    except (ValueError, RecursionError):
        return None
    return obj.get("article_id") if isinstance(obj, dict) and isinstance(obj.get("article_id"), str) else None


@pytest.mark.parametrize("hostile", CLASSES, ids=[c.name for c in CLASSES])
def test_hostile_input_never_stops_the_worker_and_the_next_article_gets_its_events(
    deployment: Deployment, hostile: Hostile
) -> None:
    """The class's records, then a good article: the good article's three events reach the state topic, the
    worker is still running, and every hostile record was dead-lettered with the expected reason or gave events."""
    k = CLASSES.index(hostile) + 1
    bad = hostile.make(k)
    follow = good(100 + k, "next")
    started = time.monotonic()
    offsets = send(deployment.stack.bootstrap, deployment.stack.topic("articles"), [*bad, (None, js(follow), [])])
    bad_offsets = offsets[:-1]
    deadline = started + hostile.timeout
    while time.monotonic() < deadline and deployment.proc.poll() is None:
        deployment.state.poll()
        if len(ids_in_revisions(deployment.state.records).get(follow["article_id"], ())) >= 3:
            break
        time.sleep(0.3)
    seconds = time.monotonic() - started
    alive = deployment.proc.poll() is None
    deployment.dlq.poll()
    dead = {
        int(dict(r.headers)["dipevents.source.offset"]): dict(r.headers)["dipevents.reason"].decode()
        for r in deployment.dlq.records
    }
    with_events = ids_in_revisions(deployment.state.records)
    next_ok = len(with_events.get(follow["article_id"], ())) >= 3
    outcomes: dict[str, int] = {}
    for (_, value, _), offset in zip(bad, bad_offsets, strict=True):
        aid = article_id_of(value)
        outcome = dead.get(offset) or ("events" if aid and aid in with_events else "neither")
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    deployment.report.append(
        {
            "class": hostile.name,
            "records": len(bad),
            "outcome": ", ".join(f"{o} ×{n}" if n > 1 else o for o, n in sorted(outcomes.items())),
            "worker_alive": alive,
            "next_article_ok": next_ok,
            "seconds": round(seconds, 1),
            "rss_mb": round(rss_mb(deployment.proc.pid)) if alive else None,
        }
    )
    assert alive, f"the worker exited with {deployment.proc.returncode}"
    assert next_ok, f"the good article after {hostile.name} gave no events in {hostile.timeout}s"
    assert "neither" not in outcomes, outcomes
    assert set(outcomes) <= set(hostile.expect.split("|")), outcomes
    for r in deployment.dlq.records:
        assert len(r.value or b"") + len(r.key or b"") <= 1_000_000
