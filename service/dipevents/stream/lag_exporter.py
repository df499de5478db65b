"""`dipevents lag-exporter`: the consumer group's lag per input partition, read from the brokers.

Workers report lag only for the partitions they own, so when no worker owns a partition (all of them crash-loop,
none is scheduled, an assignment went wrong) nothing reports it. This small process, one per deployment, asks the
brokers instead: the group's committed offsets (OffsetFetch, without joining the group) and each partition's log
start and end (ListOffsets), every `interval` seconds, and exports `dipevents_group_lag_records` and
`dipevents_group_committed_offset`. Same image, same DIPEVENTS_KAFKA__* settings and credentials as the worker.

When the brokers do not answer, the group series are dropped (no stale numbers for the alerts to act on) and the
`error` poll counter grows; the next good poll brings them back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from dipevents.settings import KafkaSettings
from dipevents.stream.kafka_config import aiokafka_kwargs
from dipevents.stream.metrics import GroupLagMetrics

log = logging.getLogger("dipevents.lag_exporter")


@dataclass(frozen=True)
class PartitionOffsets:
    topic: str
    partition: int
    committed: int | None  # None: the group never committed this partition
    start: int
    end: int

    @property
    def lag(self) -> int:
        """What the group has still to finish: from its committed offset, or from the log start (it reads from the
        earliest offset when it has none), to the log end."""
        return max(0, self.end - max(self.committed if self.committed is not None else self.start, self.start))


class GroupOffsetReader:
    """Reads one group's committed offsets and the log bounds of its input topics. Never joins the group."""

    def __init__(self, settings: KafkaSettings, topics: list[str], *, request_timeout_ms: int = 10_000) -> None:
        self._settings = settings
        self._topics = topics
        self._timeout_ms = request_timeout_ms
        self._consumer: AIOKafkaConsumer | None = None
        self._admin: AIOKafkaAdminClient | None = None

    async def _clients(self) -> tuple[AIOKafkaConsumer, AIOKafkaAdminClient]:
        if self._consumer is None or self._admin is None:
            kw = aiokafka_kwargs(self._settings)
            consumer = AIOKafkaConsumer(
                **kw, group_id=None, enable_auto_commit=False, client_id="dipevents-lag-exporter"
            )
            admin = AIOKafkaAdminClient(
                **kw, client_id="dipevents-lag-exporter-admin", request_timeout_ms=self._timeout_ms
            )
            try:
                await consumer.start()
                await admin.start()
            except BaseException:
                await consumer.stop()
                await admin.close()
                raise
            self._consumer, self._admin = consumer, admin
        return self._consumer, self._admin

    async def read(self) -> list[PartitionOffsets]:
        consumer, admin = await self._clients()
        # A metadata request for a missing topic creates it on brokers with auto.create.topics.enable: ask only for
        # topics that exist (the worker creates them at its first start).
        existing = set(await admin.list_topics())
        wanted = [t for t in self._topics if t in existing]
        if not wanted:
            return []
        described = await admin.describe_topics(wanted)
        tps = sorted(
            TopicPartition(d["topic"], p["partition"])
            for d in described
            if d.get("error_code", 0) == 0
            for p in d.get("partitions", [])
        )
        if not tps:
            return []
        committed = await admin.list_consumer_group_offsets(self._settings.group_id, partitions=tps)
        starts = await consumer.beginning_offsets(tps)
        ends = await consumer.end_offsets(tps)
        out = []
        for tp in tps:
            meta = committed.get(tp)
            offset = None if meta is None or meta.offset < 0 else int(meta.offset)
            out.append(PartitionOffsets(tp.topic, tp.partition, offset, int(starts[tp]), int(ends[tp])))
        return out

    async def close(self) -> None:
        consumer, admin, self._consumer, self._admin = self._consumer, self._admin, None, None
        if consumer is not None:
            await consumer.stop()
        if admin is not None:
            await admin.close()


class LagExporter:
    """One poll = one read of the brokers turned into gauges; a failed poll drops the group series."""

    def __init__(self, reader: GroupOffsetReader, metrics: GroupLagMetrics, group: str, timeout: float) -> None:
        self._reader = reader
        self._metrics = metrics
        self._group = group
        self._timeout = timeout
        self._healthy = True

    async def poll(self) -> bool:
        try:
            async with asyncio.timeout(self._timeout):
                offsets = await self._reader.read()
        except Exception as e:  # noqa: BLE001 - the exporter outlives a broker outage; the counter tells
            self._metrics.polls.labels(result="error").inc()
            self._metrics.lag.clear()
            self._metrics.committed_offset.clear()
            if self._healthy:
                log.warning("cannot read the group's offsets from the brokers", extra={"error": repr(e)})
            self._healthy = False
            await self._reader.close()  # start afresh next time: a failed start leaves a client unusable
            return False
        if not self._healthy:
            log.info("reading the group's offsets again")
        self._healthy = True
        self._metrics.polls.labels(result="ok").inc()
        self._metrics.lag.clear()  # partitions that disappeared (topic deleted) go too
        self._metrics.committed_offset.clear()
        for p in offsets:
            labels = {"group": self._group, "topic": p.topic, "partition": str(p.partition)}
            self._metrics.lag.labels(**labels).set(p.lag)
            if p.committed is not None:
                self._metrics.committed_offset.labels(**labels).set(p.committed)
        return True

    async def run(self, interval: float, stop: asyncio.Event) -> None:
        while not stop.is_set():
            await self.poll()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=interval)
        with contextlib.suppress(Exception):  # a broker that is gone must not hold up the exit
            await asyncio.wait_for(self._reader.close(), timeout=5)


def run_lag_exporter(interval: float = 15.0) -> int:
    """Serve /metrics on DIPEVENTS_METRICS__HOST:PORT and poll the brokers until SIGTERM or SIGINT."""
    from prometheus_client import start_http_server

    from dipevents.main import build_settings
    from dipevents.stream.logs import configure_logging

    # Settings only: dipevents.main imports the NLP side only when it is built, so no spaCy here.
    settings = build_settings()
    configure_logging(settings.log_level)
    k = settings.kafka
    metrics = GroupLagMetrics()
    exporter = LagExporter(
        GroupOffsetReader(k, [k.articles_topic, k.candidates_topic]), metrics, k.group_id, timeout=max(10.0, interval)
    )
    server, thread = start_http_server(settings.metrics.port, settings.metrics.host, registry=metrics.registry)
    log.info(
        "lag exporter on http://%s:%s/metrics",
        settings.metrics.host,
        settings.metrics.port,
        extra={"group": k.group_id, "topics": [k.articles_topic, k.candidates_topic]},
    )

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        await exporter.run(interval, stop)

    try:
        asyncio.run(main())
    finally:
        server.shutdown()
        thread.join(timeout=5)
    return 0
