"""The ledger's view of the log: committed offsets, log bounds, and direct reads of an offset range.

A plain aiokafka consumer with no group (it only reads what it is told to) and an admin client, both started on
first use: a healthy worker never needs them except for one committed-offset lookup per partition and rebalance.

Offsets (bounds, lookups by time) are asked with a second consumer that is never assigned a partition, and the
reader gives up its partition after each read. A consumer assigned a partition it has read to the end keeps a
long-polling fetch open on the broker's connection, and the broker answers that connection's requests in order:
every offset request then waited for the fetch, ~0.5 s each, and the stall-repair timer took 8-9 s (issue 14).
"""

from __future__ import annotations

import asyncio
import time

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from dipevents.settings import KafkaSettings
from dipevents.stream.kafka_config import aiokafka_kwargs
from dipevents.stream.ledger import Record


class KafkaLogSource:
    def __init__(self, settings: KafkaSettings, *, read_timeout: float = 30.0) -> None:
        self._settings = settings
        self._read_timeout = read_timeout
        self._consumer: AIOKafkaConsumer | None = None
        self._offsets: AIOKafkaConsumer | None = None
        self._admin: AIOKafkaAdminClient | None = None
        self._lock = asyncio.Lock()  # one reader: its assignment is changed per read

    async def _clients(self) -> tuple[AIOKafkaConsumer, AIOKafkaAdminClient]:
        if self._consumer is None:
            kw = aiokafka_kwargs(self._settings)

            def consumer(name: str) -> AIOKafkaConsumer:
                return AIOKafkaConsumer(
                    **kw, group_id=None, enable_auto_commit=False, auto_offset_reset="earliest", client_id=name
                )

            reader, offsets = consumer("dipevents-ledger"), consumer("dipevents-ledger-offsets")
            admin = AIOKafkaAdminClient(**kw, client_id="dipevents-ledger-admin")
            started: list[AIOKafkaConsumer] = []
            try:
                for c in (reader, offsets):
                    await c.start()
                    started.append(c)
                await admin.start()
            except BaseException:
                for c in started:
                    await c.stop()
                raise
            self._consumer, self._offsets, self._admin = reader, offsets, admin
        assert self._admin is not None
        return self._consumer, self._admin

    async def _offset_client(self) -> AIOKafkaConsumer:
        await self._clients()
        assert self._offsets is not None
        return self._offsets

    async def committed(self, topic: str, partition: int) -> int | None:
        async with self._lock:
            _, admin = await self._clients()
            tp = TopicPartition(topic, partition)
            offsets = await admin.list_consumer_group_offsets(self._settings.group_id, partitions=[tp])
            meta = offsets.get(tp)
            return None if meta is None or meta.offset < 0 else int(meta.offset)

    async def bounds(self, topic: str, partition: int) -> tuple[int, int]:
        async with self._lock:
            offsets = await self._offset_client()
            tp = TopicPartition(topic, partition)
            start = (await offsets.beginning_offsets([tp]))[tp]
            end = (await offsets.end_offsets([tp]))[tp]
            return int(start), int(end)

    async def read(self, topic: str, partition: int, start: int, end: int) -> list[Record]:
        if start >= end:
            return []
        async with self._lock:
            consumer, _ = await self._clients()
            tp = TopicPartition(topic, partition)
            offsets = await self._offset_client()
            end = min(end, int((await offsets.end_offsets([tp]))[tp]))  # never wait for records not yet written
            if start >= end:
                return []
            consumer.assign([tp])
            try:
                consumer.seek(tp, start)
                out: list[Record] = []
                deadline = time.monotonic() + self._read_timeout
                while await consumer.position(tp) < end:
                    if time.monotonic() > deadline:
                        raise TimeoutError(
                            f"reading {topic}[{partition}] {start}..{end} took over {self._read_timeout}s"
                        )
                    batch = await consumer.getmany(tp, timeout_ms=500, max_records=500)
                    for r in batch.get(tp, []):
                        if start <= r.offset < end:
                            out.append(Record(r.topic, r.partition, r.offset, r.key, r.value, r.timestamp))
                return out
            finally:
                consumer.unsubscribe()  # no fetch left polling the partition's end

    async def keys_since(self, topic: str, timestamp_ms: int) -> set[bytes]:
        """The keys of every record of `topic` (all partitions) written at or after `timestamp_ms`."""
        async with self._lock:
            _, admin = await self._clients()
            offsets = await self._offset_client()
            described = await admin.describe_topics([topic])
            tps = sorted(TopicPartition(topic, p["partition"]) for d in described for p in d.get("partitions", []))
            if not tps:
                return set()
            starts = await offsets.offsets_for_times(dict.fromkeys(tps, timestamp_ms))
            ends = await offsets.end_offsets(tps)
        keys: set[bytes] = set()
        for tp in tps:
            found = starts.get(tp)
            if found is not None:
                keys.update(r.key for r in await self.read(topic, tp.partition, found.offset, ends[tp]) if r.key)
        return keys

    async def close(self) -> None:
        consumers = [c for c in (self._consumer, self._offsets) if c is not None]
        admin, self._consumer, self._offsets, self._admin = self._admin, None, None, None
        for c in consumers:
            await c.stop()
        if admin is not None:
            await admin.close()
