"""The ledger's view of the log: committed offsets, log bounds, and direct reads of an offset range.

A plain aiokafka consumer with no group (it only reads what it is told to) and an admin client, both started on
first use: a healthy worker never needs them except for one committed-offset lookup per partition and rebalance.
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
        self._admin: AIOKafkaAdminClient | None = None
        self._lock = asyncio.Lock()  # one reader: its assignment is changed per read

    async def _clients(self) -> tuple[AIOKafkaConsumer, AIOKafkaAdminClient]:
        if self._consumer is None:
            kw = aiokafka_kwargs(self._settings)
            consumer = AIOKafkaConsumer(
                **kw,
                group_id=None,
                enable_auto_commit=False,
                auto_offset_reset="earliest",
                client_id="dipevents-ledger",
            )
            admin = AIOKafkaAdminClient(**kw, client_id="dipevents-ledger-admin")
            await consumer.start()
            try:
                await admin.start()
            except BaseException:
                await consumer.stop()
                raise
            self._consumer, self._admin = consumer, admin
        assert self._admin is not None
        return self._consumer, self._admin

    async def committed(self, topic: str, partition: int) -> int | None:
        async with self._lock:
            _, admin = await self._clients()
            tp = TopicPartition(topic, partition)
            offsets = await admin.list_consumer_group_offsets(self._settings.group_id, partitions=[tp])
            meta = offsets.get(tp)
            return None if meta is None or meta.offset < 0 else int(meta.offset)

    async def bounds(self, topic: str, partition: int) -> tuple[int, int]:
        async with self._lock:
            consumer, _ = await self._clients()
            tp = TopicPartition(topic, partition)
            start = (await consumer.beginning_offsets([tp]))[tp]
            end = (await consumer.end_offsets([tp]))[tp]
            return int(start), int(end)

    async def read(self, topic: str, partition: int, start: int, end: int) -> list[Record]:
        if start >= end:
            return []
        async with self._lock:
            consumer, _ = await self._clients()
            tp = TopicPartition(topic, partition)
            end = min(end, int((await consumer.end_offsets([tp]))[tp]))  # never wait for records not yet written
            if start >= end:
                return []
            consumer.assign([tp])
            consumer.seek(tp, start)
            out: list[Record] = []
            deadline = time.monotonic() + self._read_timeout
            while await consumer.position(tp) < end:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"reading {topic}[{partition}] {start}..{end} took over {self._read_timeout}s")
                batch = await consumer.getmany(tp, timeout_ms=500, max_records=500)
                for r in batch.get(tp, []):
                    if start <= r.offset < end:
                        out.append(Record(r.topic, r.partition, r.offset, r.key, r.value, r.timestamp))
            return out

    async def keys_since(self, topic: str, timestamp_ms: int) -> set[bytes]:
        """The keys of every record of `topic` (all partitions) written at or after `timestamp_ms`."""
        async with self._lock:
            consumer, admin = await self._clients()
            described = await admin.describe_topics([topic])
            tps = sorted(TopicPartition(topic, p["partition"]) for d in described for p in d.get("partitions", []))
            if not tps:
                return set()
            starts = await consumer.offsets_for_times(dict.fromkeys(tps, timestamp_ms))
            ends = await consumer.end_offsets(tps)
        keys: set[bytes] = set()
        for tp in tps:
            found = starts.get(tp)
            if found is not None:
                keys.update(r.key for r in await self.read(topic, tp.partition, found.offset, ends[tp]) if r.key)
        return keys

    async def close(self) -> None:
        consumer, admin, self._consumer, self._admin = self._consumer, self._admin, None, None
        if consumer is not None:
            await consumer.stop()
        if admin is not None:
            await admin.close()
