"""The faust app: builds the collaborators and wires thin agents, timers and signals to them.

  articles --extract--> candidates (re-keyed by type + sorted states) --dedup--> events (first sighting)
      \\--> dead letters                                                     \\--> state (every revision)

What each step does lives in its handler (extract.py, deduplicate.py) and in upkeep.py; topics and the table in
topology.py. The agents here only turn faust events into ledger records and hand them on: the ledgers decide
what is done (ledger.py), the committer commits it (committer.py).
"""

from __future__ import annotations

from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import faust
from faust.types import TP

from dipevents.core.decode import DecodeLimits
from dipevents.core.dedup import Deduplicator
from dipevents.core.processor import ArticleProcessor
from dipevents.settings import Settings
from dipevents.stream.committer import OffsetCommitter
from dipevents.stream.deduplicate import DedupHandler
from dipevents.stream.dlq import DeadLetterPolicy
from dipevents.stream.extract import ExtractHandler
from dipevents.stream.health import HealthState
from dipevents.stream.kafka_config import brokers, faust_credentials
from dipevents.stream.ledger import OffsetLedger, Record
from dipevents.stream.log_reader import KafkaLogSource
from dipevents.stream.metrics import Metrics
from dipevents.stream.outputs import topic_output
from dipevents.stream.replay import ReplayGuard
from dipevents.stream.store import TableStore
from dipevents.stream.topology import declare
from dipevents.stream.upkeep import Upkeep

CANDIDATES_CHUNK = 100


@dataclass
class Worker:
    app: faust.App
    health: HealthState
    metrics: Metrics


class FaustGroup:
    """The `Group` port of upkeep over a faust app."""

    def __init__(self, app: faust.App) -> None:
        self._app = app

    @property
    def rebalancing(self) -> bool:
        return bool(self._app.rebalancing)

    def assignment(self) -> Collection[TP]:
        return set(self._app.consumer.assignment())

    async def recovered(self) -> None:
        await self._app.tables.recovery.completed.wait()


def _faust_app(settings: Settings) -> faust.App:
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
        broker_commit_every=100,
        broker_commit_interval=1.0,
        stream_wait_empty=True,
        worker_redirect_stdouts=False,
    )


def create_app(settings: Settings, processor: ArticleProcessor, metrics: Metrics, health: HealthState) -> Worker:
    k = settings.kafka
    app = _faust_app(settings)
    topology = declare(app, k)
    metrics.describe_build(settings.nlp.model)

    dead_letters = DeadLetterPolicy(topic_output(topology.dead_letters), metrics)
    dedup = Deduplicator(
        TableStore(topology.clusters),
        window_days=settings.dedup.window_days,
        date_tolerance_days=settings.dedup.date_tolerance_days,
    )
    source = KafkaLogSource(k)
    replay = ReplayGuard(source, k.candidates_topic, k.events_topic)
    extract_handler = ExtractHandler(
        processor,
        DecodeLimits(settings.nlp.max_body_bytes, settings.nlp.max_token_chars),
        candidates=topic_output(topology.candidates),
        dead_letters=dead_letters,
        metrics=metrics,
        executor=ThreadPoolExecutor(max_workers=1, thread_name_prefix="nlp"),
    )
    dedup_handler = DedupHandler(
        dedup,
        events=topic_output(topology.events),
        state=topic_output(topology.state),
        dead_letters=dead_letters,
        metrics=metrics,
        already_announced=replay.already_announced,
    )

    def observer(topic: str) -> Any:
        return lambda kind, n: metrics.offset_repairs.labels(topic=topic, kind=kind).inc(n)

    articles_ledger = OffsetLedger(
        k.articles_topic,
        source,
        extract_handler.handle,
        chunk=settings.nlp.batch_size,
        observe=observer(k.articles_topic),
    )
    candidates_ledger = OffsetLedger(
        k.candidates_topic,
        source,
        dedup_handler.handle,
        chunk=CANDIDATES_CHUNK,
        observe=observer(k.candidates_topic),
        on_start=replay.recall,
    )
    ledgers = {k.articles_topic: articles_ledger, k.candidates_topic: candidates_ledger}
    upkeep = Upkeep(
        FaustGroup(app),
        ledgers,
        committer=OffsetCommitter(app, list(ledgers.values()), metrics, health),
        source=source,
        replay=replay,
        state_size=dedup.size,
        health=health,
        metrics=metrics,
        repair_idle_seconds=k.repair_idle_seconds,
    )

    @app.agent(topology.articles, name="extract")
    async def extract(stream: Any) -> None:
        async for batch in stream.take_events(settings.nlp.batch_size, within=0.25):
            await articles_ledger.process(_record(ev) for ev in batch)

    @app.agent(topology.candidates, name="dedup")
    async def deduplicate(stream: Any) -> None:
        async for batch in stream.take_events(CANDIDATES_CHUNK, within=0.05):
            await candidates_ledger.process(_record(ev) for ev in batch)

    @app.timer(interval=k.commit_interval_seconds)
    async def commit_offsets() -> None:
        await upkeep.commit_offsets()

    @app.timer(interval=5.0)
    async def repair_stalls() -> None:
        await upkeep.repair_stalls()

    @app.timer(interval=settings.dedup.sweep_seconds)
    async def sweep() -> None:
        await dedup_handler.sweep()

    @app.timer(interval=10.0)
    async def report_lag() -> None:
        await upkeep.report_lag()

    @app.on_partitions_revoked.connect
    async def on_revoked(sender: Any, revoked: Any, **kwargs: Any) -> None:
        await upkeep.on_revoked(TP(tp.topic, tp.partition) for tp in revoked)

    @app.on_partitions_assigned.connect
    async def on_assigned(sender: Any, assigned: Any, **kwargs: Any) -> None:
        await upkeep.on_assigned()

    @app.on_before_shutdown.connect
    async def on_shutdown(sender: Any, **kwargs: Any) -> None:
        await upkeep.on_shutdown()

    return Worker(app=app, health=health, metrics=metrics)


def _record(ev: Any) -> Record:
    m = ev.message
    return Record(m.topic, m.partition, m.offset, ev.key, ev.value)
