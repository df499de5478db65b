"""The faust app: builds the collaborators and wires thin agents, timers and signals to them.

  articles --extract--> candidates (re-keyed by type + sorted states) --dedup--> events (first sighting)
      \\--> dead letters                                                     \\--> state (every revision)

What each step does lives in its handler (extract.py, deduplicate.py) and in upkeep.py; topics and the table in
topology.py. The agents here only turn faust events into ledger records and hand them on: the ledgers decide
what is done (ledger.py), the committer commits it (committer.py). Nothing a turn of an agent or a timer raises
stops the app (contain.py); every output is sized against what its topic accepts (limits.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import faust
from faust.types import TP

from dipevents.core.bounds import Budget
from dipevents.core.decode import DecodeLimits
from dipevents.core.errors import Quarantined
from dipevents.core.processor import ArticleProcessor
from dipevents.main import build_deduplicator
from dipevents.settings import Settings
from dipevents.stream.committer import OffsetCommitter
from dipevents.stream.contain import contain
from dipevents.stream.deduplicate import DedupHandler
from dipevents.stream.dlq import DeadLetterPolicy, origin_of
from dipevents.stream.extract import ExtractHandler
from dipevents.stream.health import HealthState
from dipevents.stream.inflight import KafkaJournal
from dipevents.stream.kafka_config import brokers, faust_credentials
from dipevents.stream.ledger import OffsetLedger, Record
from dipevents.stream.limits import RecordLimits, sized
from dipevents.stream.log_reader import KafkaLogSource
from dipevents.stream.metrics import Metrics
from dipevents.stream.outputs import Output, topic_output
from dipevents.stream.replay import ReplayGuard
from dipevents.stream.store import TableStore
from dipevents.stream.topology import changelog_name, declare
from dipevents.stream.upkeep import Upkeep

CANDIDATES_CHUNK = 100
RECORD_SLACK = 4096  # bytes a revision or changelog record may take beyond its cluster's JSON (wrapper, key)


def changelog_topic(settings: Settings) -> str:
    return changelog_name(settings.kafka.group_id)


def output_topics(settings: Settings) -> list[str]:
    """The topics the worker writes: what their size limits are read for at start."""
    k = settings.kafka
    return [
        k.candidates_topic,
        k.events_topic,
        k.state_topic,
        k.dead_letter_topic,
        k.inflight_topic,
        changelog_topic(settings),
    ]


@dataclass
class Worker:
    app: faust.App
    health: HealthState
    metrics: Metrics


class FaustGroup:
    """The `Group` port of upkeep over a faust app.

    Recovery: faust's `Recovery.completed` is set at the first rebalance and never cleared, so waiting on it
    reported every later recovery done at once (/ready and dipevents_recovered at 1 on an unrestored table; review
    finding 5). Here a fresh event per rebalance: made at each revocation (which precedes every assignment, even
    the first, and comes before the recovery it waits for) and set when faust says the rebalance completed."""

    def __init__(self, app: faust.App) -> None:
        self._app = app
        self._recovered = asyncio.Event()
        app.on_partitions_revoked.connect(self._rebalance_started)
        app.on_rebalance_complete.connect(self._rebalance_completed)

    async def _rebalance_started(self, sender: Any, *args: Any, **kwargs: Any) -> None:
        if self._recovered.is_set():  # not yet set: who waits for the interrupted recovery waits for the next one
            self._recovered = asyncio.Event()

    async def _rebalance_completed(self, sender: Any, *args: Any, **kwargs: Any) -> None:
        self._recovered.set()

    @property
    def rebalancing(self) -> bool:
        return bool(self._app.rebalancing)

    def assignment(self) -> Collection[TP]:
        return set(self._app.consumer.assignment())

    async def recovered(self) -> None:
        await self._recovered.wait()


def faust_app(settings: Settings) -> faust.App:
    k = settings.kafka
    return faust.App(
        k.group_id,
        broker=[f"kafka://{b}" for b in brokers(k)],
        broker_credentials=faust_credentials(k),
        store="memory://",
        datadir=settings.data_dir,
        topic_partitions=k.partitions,
        topic_replication_factor=k.replication_factor,
        table_standby_replicas=0,
        key_serializer="raw",
        value_serializer="raw",
        web_enabled=False,
        consumer_auto_offset_reset="earliest",
        producer_acks=-1,
        # broker_commit_* and stream_wait_empty stay at faust's defaults: with acks off on both inputs faust tracks
        # none of their records, so it commits and waits for nothing of theirs; the ledgers and upkeep do (review
        # finding 25).
        worker_redirect_stdouts=False,
    )


def create_app(
    app: faust.App,
    settings: Settings,
    processor: ArticleProcessor,
    metrics: Metrics,
    health: HealthState,
    *,
    limits: RecordLimits,
    budget: Budget,
) -> Worker:
    """Wire the worker into `app` (from faust_app). `limits` are the output topics' record size limits (read from
    the broker at start); `budget` is what one event may hold, within them (dipevents.main.build_budget)."""
    k = settings.kafka
    topology = declare(app, k)

    def output(topic: Any, name: str) -> Output:
        return sized(topic_output(topic), name, limits.limit(name))

    dead_letters = DeadLetterPolicy(
        topic_output(topology.dead_letters), metrics, limit=limits.limit(k.dead_letter_topic)
    )
    dedup = build_deduplicator(settings, TableStore(topology.clusters), budget)
    source = KafkaLogSource(k)
    replay = ReplayGuard(source, k.candidates_topic, k.events_topic)
    extract_handler = ExtractHandler(
        processor,
        DecodeLimits(settings.nlp.max_body_bytes, settings.nlp.max_token_chars),
        candidates=output(topology.candidates, k.candidates_topic),
        dead_letters=dead_letters,
        metrics=metrics,
        budget=budget,
        executor=ThreadPoolExecutor(max_workers=1, thread_name_prefix="nlp"),
        health=health,
    )
    health.busy_limit = settings.nlp.max_batch_seconds  # a batch running longer is hung: /live fails
    dedup_handler = DedupHandler(
        dedup,
        events=output(topology.events, k.events_topic),
        state=output(topology.state, k.state_topic),
        dead_letters=dead_letters,
        metrics=metrics,
        already_announced=replay.already_announced,
    )

    async def note(key: bytes, value: bytes, partition: int) -> Any:
        return await topology.inflight.send(key=key, value=value, partition=partition)

    journal = KafkaJournal(k.inflight_topic, k.partitions, note, source)

    async def quarantine(rec: Record, exits: int) -> None:
        await dead_letters.handle(rec.key, rec.value, Quarantined(exits, stage=rec.topic), origin_of(rec))
        if rec.topic == k.articles_topic:  # an article never handed to the extract handler: its outcome here
            metrics.articles.labels(outcome="dead_letter").inc()

    def observer(topic: str) -> Any:
        def observe(kind: str, n: int) -> None:
            if kind == "quarantined":
                metrics.quarantined.labels(topic=topic).inc(n)
            else:
                metrics.offset_repairs.labels(topic=topic, kind=kind).inc(n)

        return observe

    articles_ledger = OffsetLedger(
        k.articles_topic,
        source,
        extract_handler.handle,
        chunk=settings.nlp.batch_size,
        observe=observer(k.articles_topic),
        journal=journal,
        quarantine=quarantine,
        quarantine_after=k.quarantine_after_exits,
    )
    candidates_ledger = OffsetLedger(
        k.candidates_topic,
        source,
        dedup_handler.handle,
        chunk=CANDIDATES_CHUNK,
        observe=observer(k.candidates_topic),
        on_start=replay.recall,
        journal=journal,
        quarantine=quarantine,
        quarantine_after=k.quarantine_after_exits,
    )
    ledgers = {k.articles_topic: articles_ledger, k.candidates_topic: candidates_ledger}
    upkeep = Upkeep(
        FaustGroup(app),
        ledgers,
        committer=OffsetCommitter(
            app, list(ledgers.values()), metrics, health, acked=topology.clusters.changelog_acked
        ),
        source=source,
        replay=replay,
        state_size=dedup.recount,
        health=health,
        metrics=metrics,
        repair_idle_seconds=k.repair_idle_seconds,
        keep_state=lambda assigned: topology.clusters.keep_partitions(
            {tp.partition for tp in assigned if tp.topic == k.candidates_topic}
        ),
    )

    @app.agent(topology.articles, name="extract")
    async def extract(stream: Any) -> None:
        async for batch in stream.take_events(settings.nlp.batch_size, within=0.25):
            # Contained: what raised stays unprocessed before the ledger's position and is read again later.
            await contain("extract", metrics, articles_ledger.process(_record(ev) for ev in batch))

    @app.agent(topology.candidates, name="dedup")
    async def deduplicate(stream: Any) -> None:
        async for batch in stream.take_events(CANDIDATES_CHUNK, within=0.05):
            await contain("dedup", metrics, candidates_ledger.process(_record(ev) for ev in batch))

    @app.timer(interval=k.commit_interval_seconds)
    async def commit_offsets() -> None:
        await upkeep.commit_offsets()

    @app.timer(interval=5.0)
    async def repair_stalls() -> None:
        await upkeep.repair_stalls()

    @app.timer(interval=settings.dedup.sweep_seconds)
    async def sweep() -> None:
        if upkeep.settled:  # never while a rebalance moves partitions: tombstones only for what this worker owns
            await dedup_handler.sweep()

    @app.timer(interval=10.0)
    async def report_lag() -> None:
        await upkeep.report_lag()

    @app.on_partitions_revoked.connect
    async def on_revoked(sender: Any, revoked: Any, **kwargs: Any) -> None:
        await upkeep.on_revoked(TP(tp.topic, tp.partition) for tp in revoked)

    @app.on_partitions_assigned.connect
    async def on_assigned(sender: Any, assigned: Any, **kwargs: Any) -> None:
        await upkeep.on_assigned(set(assigned))

    @app.on_before_shutdown.connect
    async def on_shutdown(sender: Any, **kwargs: Any) -> None:
        await upkeep.on_shutdown()

    return Worker(app=app, health=health, metrics=metrics)


def _record(ev: Any) -> Record:
    m = ev.message
    return Record(m.topic, m.partition, m.offset, ev.key, ev.value)
