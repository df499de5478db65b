"""The faust app: topics, the dedup table and two short agents around the pure core.

  articles --extract--> candidates (re-keyed by type + sorted states) --dedup--> events (first sighting)
      \\--> dead letters                                                     \\--> state (every revision)

Extraction is CPU-bound spaCy work: it runs in a worker thread, one bounded batch at a time, so the event
loop keeps heartbeating and serving /live. The dedup step reads and writes a changelog-backed table keyed by
the same blocking key as the candidates topic, so a key's candidates and its state live on one partition,
whatever the number of workers.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import faust
from faust.types import TP

from dipevents.core.decode import DecodeLimits, decode_article
from dipevents.core.dedup import Deduplicator
from dipevents.core.errors import BadInput, ExtractionError
from dipevents.core.ids import blocking_key
from dipevents.core.models import Article
from dipevents.core.processor import ArticleProcessor
from dipevents.settings import Settings
from dipevents.stream.codecs import CandidateRecord, encode_event
from dipevents.stream.committer import OffsetCommitter
from dipevents.stream.dlq import DeadLetterPolicy, Origin
from dipevents.stream.health import HealthState
from dipevents.stream.kafka_config import brokers, faust_credentials
from dipevents.stream.ledger import OffsetLedger, Record
from dipevents.stream.log_reader import KafkaLogSource
from dipevents.stream.metrics import Metrics
from dipevents.stream.replay import ReplayGuard

log = logging.getLogger("dipevents.worker")


def candidate_key(block: str) -> bytes:
    """The candidates topic key: the blocking key as the dedup table's changelog serialises it (JSON)."""
    return json.dumps(block).encode()


class TableStore:
    """The Deduplicator's store port over a faust Table (str keys, JSON values).

    faust-streaming 0.15 restores changelog keys of a str-keyed table as bytes, while live writes use str:
    reads fall back to the restored bytes key, and a live write supersedes it.
    """

    def __init__(self, table: Any) -> None:
        self.table = table

    def _read(self, key: str) -> Any:
        value = self.table.get(key)
        if value is None:
            value = self.table.get(key.encode())
        return value

    def __getitem__(self, key: str) -> list[dict[str, Any]]:
        value = self._read(key)
        if value is None:
            raise KeyError(key)
        return list(value)

    def get(self, key: str, default: Any = None) -> Any:
        value = self._read(key)
        return default if value is None else list(value)

    def __setitem__(self, key: str, value: list[dict[str, Any]]) -> None:
        self.table[key] = value

    def __delitem__(self, key: str) -> None:
        for k in (key, key.encode()):
            if self.table.get(k) is not None:
                del self.table[k]

    def keys(self) -> list[str]:
        return sorted({k.decode() if isinstance(k, bytes) else str(k) for k in list(self.table.keys())})

    def values(self) -> list[list[dict[str, Any]]]:
        return [v for k in self.keys() if (v := self.get(k)) is not None]


@dataclass
class Worker:
    app: faust.App
    health: HealthState
    metrics: Metrics


def create_app(settings: Settings, processor: ArticleProcessor, metrics: Metrics, health: HealthState) -> Worker:
    k = settings.kafka
    app = faust.App(
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
    # acks=False: faust never commits the input topics; the ledgers decide what is done (dipevents.stream.ledger).
    articles = app.topic(k.articles_topic, key_type=bytes, value_type=bytes, partitions=k.partitions, acks=False)
    candidates = app.topic(
        k.candidates_topic, key_type=bytes, value_type=bytes, partitions=k.partitions, internal=True, acks=False
    )
    events_topic = app.topic(k.events_topic, key_type=bytes, value_type=bytes, partitions=k.partitions)
    state_topic = app.topic(k.state_topic, key_type=bytes, value_type=bytes, partitions=k.partitions)
    dlq_topic = app.topic(k.dead_letter_topic, key_type=bytes, value_type=bytes, partitions=k.partitions)
    table = app.Table(
        "dedup-clusters",
        default=None,
        partitions=k.partitions,
        use_partitioner=True,
        schema=faust.Schema(key_type=bytes, key_serializer="raw", value_serializer="json"),
    )
    dedup = Deduplicator(
        TableStore(table),
        window_days=settings.dedup.window_days,
        date_tolerance_days=settings.dedup.date_tolerance_days,
    )
    limits = DecodeLimits(settings.nlp.max_body_bytes, settings.nlp.max_token_chars)
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nlp")

    async def send_dead_letter(key: bytes | None, value: bytes | None, headers: list[tuple[str, bytes]]) -> None:
        await dlq_topic.send(key=key, value=value if value is not None else b"", headers=headers)

    poison = DeadLetterPolicy(send_dead_letter, metrics)
    background: set[asyncio.Future[None]] = set()  # keeps fire-and-forget tasks referenced
    metrics.build.info({"version": _version(), "model": settings.nlp.model})

    async def handle_articles(records: list[Record]) -> None:
        loop = asyncio.get_running_loop()
        consumed_at = time.time()
        good: list[tuple[Record, Article]] = []
        for rec in records:
            started = time.perf_counter()
            try:
                good.append((rec, decode_article(rec.value if rec.value is not None else b"", limits)))
            except BadInput as e:
                await poison.handle(rec.key, rec.value, e, _origin(rec))
            except Exception as e:  # noqa: BLE001 - a decoder bug: a crashed agent would lose the whole batch
                err = ExtractionError(f"{type(e).__name__}: {e}", stage="decode")
                await poison.handle(rec.key, rec.value, err, _origin(rec))
            finally:
                metrics.stage_seconds.labels(stage="decode").observe(time.perf_counter() - started)
        pending: list[Any] = []
        if good:
            started = time.perf_counter()
            extractions = await loop.run_in_executor(executor, processor.process, [a for _, a in good])
            metrics.stage_seconds.labels(stage="extract").observe(time.perf_counter() - started)
            for (rec, article), ext in zip(good, extractions, strict=True):
                if ext.error is not None:
                    await poison.handle(rec.key, rec.value, ext.error, _origin(rec))
                    continue
                metrics.articles.labels(outcome="copy" if ext.copy_of else "processed").inc()
                if ext.copy_of:
                    metrics.duplicates.labels(kind="syndicated_copy").inc()
                for event in ext.events:
                    metrics.events_extracted.labels(event_type=event.event_type).inc()
                    record = CandidateRecord(
                        event,
                        article.article_id,
                        article.published_at,
                        consumed_at,
                        "copy" if ext.copy_of else "extracted",
                    )
                    pending.append(
                        await candidates.send(
                            key=candidate_key(blocking_key(event.event_type, event.countries)),
                            value=record.encode(),
                        )
                    )
        # Acknowledged by the broker before the ledger counts these offsets as done: never half-processed.
        await asyncio.gather(*pending)

    async def handle_candidates(records: list[Record]) -> None:
        for rec in records:
            started = time.perf_counter()
            try:
                cand = CandidateRecord.decode(rec.value or b"")
            except Exception as e:  # noqa: BLE001 - a corrupt internal record must not stop dedup
                err = ExtractionError(f"undecodable candidate: {e}", stage="dedup")
                await poison.handle(rec.key, rec.value, err, _origin(rec))
                continue
            result = dedup.plan(cand.event, cand.article_id, cand.published_at, datetime.now(UTC))
            metrics.stage_seconds.labels(stage="dedup").observe(time.perf_counter() - started)
            started = time.perf_counter()
            key = result.event.event_id.encode()
            if result.merged:
                metrics.duplicates.labels(kind="same_event").inc()
            if result.outcome == "new" and replay.already_announced(key):
                # Published by a worker that died before recording the cluster: recorded now, not announced again.
                metrics.duplicates.labels(kind="republish_suppressed").inc()
                log.info("first sighting already on the events topic", extra={"event_id": result.event.event_id})
            elif result.outcome == "new":
                # The first sighting is sent and acknowledged before the state topic hears of it.
                fut = await events_topic.send(key=key, value=encode_event(result.event))
                await fut
                metrics.events_published.labels(event_type=result.event.event_type).inc()
                metrics.latency.observe(max(0.0, time.time() - cand.consumed_at))
            if result.outcome in ("new", "updated"):
                await state_topic.send(key=key, value=result.record.model_dump_json().encode())
                metrics.revisions.labels(event_type=result.event.event_type).inc()
            dedup.commit(result)  # recorded only after the first sighting is acknowledged
            metrics.stage_seconds.labels(stage="publish").observe(time.perf_counter() - started)
            metrics.dedup_state.set(dedup.size())

    source = KafkaLogSource(k)
    replay = ReplayGuard(source, k.candidates_topic, k.events_topic)

    def observer(topic: str) -> Any:
        return lambda kind, n: metrics.offset_repairs.labels(topic=topic, kind=kind).inc(n)

    ledgers = {
        k.articles_topic: OffsetLedger(
            k.articles_topic, source, handle_articles, chunk=settings.nlp.batch_size, observe=observer(k.articles_topic)
        ),
        k.candidates_topic: OffsetLedger(
            k.candidates_topic,
            source,
            handle_candidates,
            chunk=100,
            observe=observer(k.candidates_topic),
            on_start=replay.recall,
        ),
    }
    offsets = OffsetCommitter(app, list(ledgers.values()), metrics, health)

    @app.agent(articles, name="extract")
    async def extract(stream: Any) -> None:
        async for batch in stream.take_events(settings.nlp.batch_size, within=0.25):
            await ledgers[k.articles_topic].process(_record(ev) for ev in batch)

    @app.agent(candidates, name="dedup")
    async def deduplicate(stream: Any) -> None:
        async for batch in stream.take_events(100, within=0.05):
            await ledgers[k.candidates_topic].process(_record(ev) for ev in batch)

    @app.timer(interval=k.commit_interval_seconds)
    async def commit_offsets() -> None:
        await offsets.commit()

    @app.timer(interval=5.0)
    async def repair_stalls() -> None:
        # A partition that gets nothing while its log has more: the consumer dropped a redelivery (BUG-6).
        if app.rebalancing or not health.recovered:
            return
        for tp in app.consumer.assignment():
            ledger = ledgers.get(tp.topic)
            if ledger is not None:
                await ledger.catch_up(tp.partition, k.repair_idle_seconds)

    @app.timer(interval=settings.dedup.sweep_seconds)
    async def sweep() -> None:
        # Events not updated within the window leave the table (their tombstones go to the changelog too).
        dropped = dedup.expire(datetime.now(UTC))
        metrics.dedup_state.set(dedup.size())
        if dropped:
            log.info("expired %d events from the dedup window", dropped, extra={"expired": dropped})

    @app.timer(interval=10.0)
    async def report_lag() -> None:
        await offsets.report_lag(source, k.articles_topic)

    @app.on_partitions_revoked.connect
    async def on_revoked(sender: Any, revoked: Any, **kwargs: Any) -> None:
        # faust has waited for the streams and flushed the producer: commit what is done while still a member.
        await offsets.commit({TP(tp.topic, tp.partition) for tp in revoked})
        for ledger in ledgers.values():
            ledger.reset(tp.partition for tp in revoked if tp.topic == ledger.topic)

    @app.on_partitions_assigned.connect
    async def on_assigned(sender: Any, assigned: Any, **kwargs: Any) -> None:
        metrics.rebalances.inc()
        for ledger in ledgers.values():
            ledger.reset()  # positions come from the committed offsets of the new generation
        replay.clear()
        health.assigned = True
        health.recovered = False
        background.add(task := asyncio.ensure_future(_await_recovery(app, health, dedup, metrics, ledgers)))
        task.add_done_callback(background.discard)

    @app.on_before_shutdown.connect
    async def on_shutdown(sender: Any, **kwargs: Any) -> None:
        # The streams are empty (stream_wait_empty): the last commit, then the side clients go.
        await offsets.commit()
        await source.close()

    return Worker(app=app, health=health, metrics=metrics)


async def _await_recovery(
    app: faust.App, health: HealthState, dedup: Deduplicator, metrics: Metrics, ledgers: dict[str, OffsetLedger]
) -> None:
    await app.tables.recovery.completed.wait()
    # Positions (and the replay's published ids) before the first record, not in its latency.
    for tp in sorted(app.consumer.assignment()):
        ledger = ledgers.get(tp.topic)
        if ledger is None:
            continue
        try:
            await ledger.prepare(tp.partition)
        except Exception as e:  # noqa: BLE001 - the first record of the partition will try again
            log.warning("could not read the committed offset yet", extra={"topic": tp.topic, "error": repr(e)})
    size = dedup.size()
    metrics.dedup_state.set(size)
    log.info("dedup state recovered: %d events", size, extra={"events": size})
    health.progress()  # the stall clock starts now, not at the last commit before the rebalance
    health.recovered = True


def _record(ev: Any) -> Record:
    m = ev.message
    return Record(m.topic, m.partition, m.offset, ev.key, ev.value)


def _origin(rec: Record) -> Origin:
    return Origin(rec.topic, rec.partition, rec.offset)


def _version() -> str:
    from dipevents import __version__

    return __version__
