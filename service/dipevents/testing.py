"""Fakes next to the ports, for tests here and in downstream projects: article and event factories, a fixed
clock, an in-memory dedup store, an in-memory topic (the handlers' Output port), an in-memory log (the ledger's
LogSource port), a scripted processor and group. Preferred over patching.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import socket
import time
from collections.abc import Awaitable, Callable, Collection, Generator, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from dipevents.core.errors import ExtractionError
from dipevents.core.ids import event_id
from dipevents.core.models import BUILTIN_TYPES, EVENT_ADAPTER, Article, Event
from dipevents.core.processor import Extraction
from dipevents.stream.ledger import InFlight, Record

_ids = itertools.count(1)


def make_article(
    body: str,
    *,
    source: str = "Test Wire",
    published_at: str | datetime | None = "2023-01-09T12:00:00Z",
    article_id: str | None = None,
    title: str | None = None,
    **extra: Any,
) -> Article:
    """An Article with sensible defaults; `published_at` may be an RFC 3339 string."""
    return Article.model_validate(
        {
            "article_id": article_id or f"test-{next(_ids)}",
            "source": source,
            "body": body,
            "title": title,
            "published_at": published_at,
            **extra,
        }
    )


@dataclass
class FixedClock:
    now: datetime = field(default_factory=lambda: datetime(2023, 1, 9, 12, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> datetime:
        self.now += timedelta(**kw)
        return self.now


def memory_store() -> dict[str, list[dict[str, Any]]]:
    """The dedup store port, in memory (the worker uses a changelog-backed faust table)."""
    return {}


class ExplodingExtractor:
    """An extractor with a bug: raises on any sentence containing `marker`. For poison-message tests."""

    name = "exploding.v0"
    event_type = "exploding"  # registered nowhere: it never yields a candidate

    def __init__(self, marker: str = "EXPLODE") -> None:
        self.marker = marker

    def extract(self, view: Any) -> list[Any]:
        if self.marker in view.text:
            raise ZeroDivisionError(f"bug triggered by {self.marker!r}")
        return []


def exploding_extractors(marker: str = "EXPLODE") -> list[Any]:
    """The default extractors plus one that raises on `marker` (run_worker(extractors=...))."""
    return [*BUILTIN_TYPES.extractors(), ExplodingExtractor(marker)]


class ExitingExtractor(ExplodingExtractor):
    """An extractor that kills its process (os._exit, as a segfault or an OOM kill would) on any sentence containing
    `marker`: no exception handler runs. For the poison-pill guard's test."""

    name = "exiting.v0"

    def extract(self, view: Any) -> list[Any]:
        if self.marker in view.text:
            os._exit(70)
        return []


def exiting_extractors(marker: str = "EXIT") -> list[Any]:
    """The default extractors plus one that ends the process on `marker` (run_worker(extractors=...))."""
    return [*BUILTIN_TYPES.extractors(), ExitingExtractor(marker)]


class HangingExtractor(ExplodingExtractor):
    """An extractor that blocks the NLP thread for `seconds` on any sentence containing `marker`: a hung extraction,
    for the liveness test."""

    name = "hanging.v0"

    def __init__(self, marker: str = "HANG", seconds: float = 15.0) -> None:
        super().__init__(marker)
        self.seconds = seconds

    def extract(self, view: Any) -> list[Any]:
        if self.marker in view.text:
            time.sleep(self.seconds)
        return []


def hanging_extractors(marker: str = "HANG", seconds: float = 15.0) -> list[Any]:
    """The default extractors plus one that blocks for `seconds` on `marker` (run_worker(extractors=...))."""
    return [*BUILTIN_TYPES.extractors(), HangingExtractor(marker, seconds)]


def make_event(
    event_type: str | None = None,
    *,
    countries: Sequence[str] = ("JPN", "RUS"),
    day: date | None = date(2013, 4, 29),
    source: str = "Test Wire",
    article_id: str = "a1",
    sentence: str = "The two leaders met in Moscow.",
    city: str | None = "Moscow",
    **extra: Any,
) -> Event:
    """An extracted event as the pipeline would give it for one article (one mention, one source); by default of
    the built-in meeting type."""
    event_type = event_type or min(BUILTIN_TYPES.main_meetings())
    return EVENT_ADAPTER.validate_python(
        {
            "event_id": event_id(event_type, countries, day),
            "event_type": event_type,
            "countries": list(countries),
            "location": {"name": city, "country": "RUS"} if city else None,
            "event_date": day,
            "sources": [source],
            "confidence": 0.8,
            "extractor": BUILTIN_TYPES.get(event_type).name,
            "mentions": [
                {"article_id": article_id, "source": source, "sentence": sentence, "start": 0, "end": len(sentence)}
            ],
            **extra,
        }
    )


@dataclass
class MemoryTopic:
    """The handlers' Output port in memory: records in order; `fail` makes the next sends raise it, `fail_ack` their
    acknowledgements (the broker refused a record the producer took: the send itself did not raise)."""

    records: list[tuple[bytes | None, bytes, list[tuple[str, bytes]]]] = field(default_factory=list)
    fail: BaseException | None = None
    fail_ack: BaseException | None = None
    acks_awaited: int = 0

    async def __call__(
        self, key: bytes | None, value: bytes, headers: Sequence[tuple[str, bytes]] = ()
    ) -> Awaitable[object]:
        if self.fail is not None:
            raise self.fail
        self.records.append((key, value, list(headers)))
        return _Ack(self)

    def values(self) -> list[bytes]:
        return [v for _, v, _ in self.records]

    def headers(self, index: int = -1) -> dict[str, str]:
        return {k: v.decode("utf-8", "replace") for k, v in self.records[index][2]}


class _Ack:
    """A broker acknowledgement that counts being awaited (and, like a future, may never be)."""

    def __init__(self, topic: MemoryTopic) -> None:
        self._topic = topic

    def __await__(self) -> Generator[None, None, None]:
        self._topic.acks_awaited += 1
        if self._topic.fail_ack is not None:
            raise self._topic.fail_ack
        yield from ()


class MemoryLog:
    """The ledger's LogSource port over a one-topic log: offsets in `offsets` exist (others are control records
    or compacted away); `reads` records every range read."""

    def __init__(
        self,
        offsets: Iterable[int],
        *,
        committed: dict[int, int] | None = None,
        start: int = 0,
        topic: str = "articles",
    ) -> None:
        self.offsets = sorted(o for o in offsets if o >= start)
        self.committed_offsets = committed or {}
        self.start = start
        self.topic = topic
        self.reads: list[tuple[int, int]] = []
        self.closed = False

    def record(self, offset: int, partition: int = 0) -> Record:
        return Record(self.topic, partition, offset, None, f"v{offset}".encode())

    async def committed(self, topic: str, partition: int) -> int | None:
        return self.committed_offsets.get(partition)

    async def bounds(self, topic: str, partition: int) -> tuple[int, int]:
        return self.start, (self.offsets[-1] + 1 if self.offsets else self.start)

    async def read(self, topic: str, partition: int, start: int, end: int) -> list[Record]:
        self.reads.append((start, end))
        return [self.record(o, partition) for o in self.offsets if max(start, self.start) <= o < end]

    async def keys_since(self, topic: str, timestamp_ms: int) -> set[bytes]:
        return set()

    async def close(self) -> None:
        self.closed = True


class MemoryJournal:
    """The ledger's Journal port in memory: the last note per (topic, partition) survives the ledger, as the
    compacted topic survives a worker process; `notes` lists every note in order."""

    def __init__(self) -> None:
        self.last_notes: dict[tuple[str, int], InFlight] = {}
        self.notes: list[tuple[str, int, InFlight]] = []

    async def begin(self, topic: str, partition: int, span: InFlight) -> None:
        self.last_notes[(topic, partition)] = span
        self.notes.append((topic, partition, span))

    async def last(self, topic: str, partition: int) -> InFlight | None:
        return self.last_notes.get((topic, partition))


class ScriptedProcessor:
    """The extract handler's Processor port without spaCy: `events_for(article)` gives an article's events; an
    exception it raises becomes that article's `Extraction.error`, as ArticleProcessor isolates a failing one."""

    def __init__(self, events_for: Callable[[Article], list[Event]]) -> None:
        self.events_for = events_for
        self.batches: list[list[str]] = []

    def process(self, articles: Sequence[Article]) -> list[Extraction]:
        self.batches.append([a.article_id for a in articles])
        out = []
        for a in articles:
            try:
                out.append(Extraction(a, self.events_for(a)))
            except Exception as e:  # noqa: BLE001 - the fake mirrors ArticleProcessor's isolation
                err = ExtractionError(f"{type(e).__name__}: {e}", article_id=a.article_id, source=a.source)
                out.append(Extraction(a, [], error=err))
        return out


class FakeFaustApp:
    """What the committer uses of a faust app: the consumer's assignment and commit, the producer's flush.
    `calls` lists them in order; `accept=False` refuses commits (a rebalance), `fail_flush` makes flush raise."""

    def __init__(self, assignment: Collection[Any], accept: bool = True) -> None:
        self.calls: list[Any] = []
        self.fail_flush: BaseException | None = None
        app = self

        class Consumer:
            def assignment(self) -> set[Any]:
                return set(assignment)

            async def _commit(self, offsets: dict[Any, int]) -> bool:
                app.calls.append(("commit", dict(offsets)))
                return accept

        class Producer:
            async def flush(self) -> None:
                if app.fail_flush is not None:
                    raise app.fail_flush
                app.calls.append("flush")

        self.consumer, self.producer = Consumer(), Producer()


@dataclass
class FakeGroup:
    """The upkeep's Group port: a fixed assignment of (topic, partition) pairs; the current rebalance's recovery is
    done when `ready` is set. It stays set across assignments until `rebalance()` starts the next one, as
    dipevents.stream.app.FaustGroup does at each revocation: a test of two assignments sees both recoveries."""

    partitions: Collection[Any] = ()
    rebalancing: bool = False
    ready: asyncio.Event = field(default_factory=asyncio.Event)

    def rebalance(self) -> None:
        if self.ready.is_set():
            self.ready = asyncio.Event()

    def assignment(self) -> Collection[Any]:
        return self.partitions

    async def recovered(self) -> None:
        await self.ready.wait()


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now (for a worker's metrics port, a test broker)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def deployment_env(bootstrap: str, name: str, partitions: int, **extra: str) -> dict[str, str]:
    """The environment of a worker of one isolated deployment on a shared broker: topics and group named after
    `name`, every other DIPEVENTS_ setting of the caller cleared (pass what should stay in `extra`)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIPEVENTS_")}
    env.update(
        {
            "DIPEVENTS_KAFKA__BOOTSTRAP_SERVERS": bootstrap,
            "DIPEVENTS_KAFKA__GROUP_ID": name,
            "DIPEVENTS_KAFKA__ARTICLES_TOPIC": f"{name}.articles",
            "DIPEVENTS_KAFKA__EVENTS_TOPIC": f"{name}.events",
            "DIPEVENTS_KAFKA__STATE_TOPIC": f"{name}.state",
            "DIPEVENTS_KAFKA__CANDIDATES_TOPIC": f"{name}.candidates",
            "DIPEVENTS_KAFKA__DEAD_LETTER_TOPIC": f"{name}.dlq",
            "DIPEVENTS_KAFKA__INFLIGHT_TOPIC": f"{name}.inflight",
            "DIPEVENTS_KAFKA__PARTITIONS": str(partitions),
            "DIPEVENTS_LOG_LEVEL": "WARNING",
            **extra,
        }
    )
    return env
