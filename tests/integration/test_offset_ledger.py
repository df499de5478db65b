"""The offset ledger with the worker's real log source on the real broker: committed offsets and log bounds come
from Kafka, skipped offsets are read back from the log, transaction markers (offsets without a record) are passed
over, and an idle tail is caught up to the log end."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.structs import OffsetAndMetadata
from dipevents.settings import KafkaSettings
from dipevents.stream.ledger import OffsetLedger, Record
from dipevents.stream.log_reader import KafkaLogSource


async def _produce_in_transactions(bootstrap: str, topic: str, batches: int, per_batch: int) -> None:
    """`batches` transactions of `per_batch` records: each commit marker takes an offset that holds no record."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, transactional_id=f"it.ledger.{topic}")
    await producer.start()
    try:
        for b in range(batches):
            async with producer.transaction():
                for i in range(per_batch):
                    await producer.send(topic, f"r{b}-{i}".encode())
    finally:
        await producer.stop()


async def _commit(bootstrap: str, group: str, topic: str, offset: int) -> None:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False)
    await consumer.start()
    try:
        tp = TopicPartition(topic, 0)
        consumer.assign([tp])
        await consumer.commit({tp: OffsetAndMetadata(offset, "")})
    finally:
        await consumer.stop()


def test_ledger_reads_skipped_and_idle_offsets_back_from_the_broker(
    kafka_bootstrap: str, new_topic: Callable[..., str]
) -> None:
    topic = new_topic("ledger")
    group = f"{topic}.group"

    async def scenario() -> None:
        await _produce_in_transactions(kafka_bootstrap, topic, batches=3, per_batch=10)
        source = KafkaLogSource(KafkaSettings(bootstrap_servers=kafka_bootstrap, group_id=group))
        try:
            assert await source.committed(topic, 0) is None
            start, end = await source.bounds(topic, 0)
            assert (start, end) == (0, 33)  # 30 records + 3 commit markers (offsets 10, 21, 32)
            everything = await source.read(topic, 0, 0, end)
            assert [r.offset for r in everything] == [o for o in range(33) if o not in (10, 21, 32)]
            by_offset = {r.offset: r for r in everything}

            await _commit(kafka_bootstrap, group, topic, 5)
            assert await source.committed(topic, 0) == 5

            handled: list[Record] = []

            async def handler(records: list[Record]) -> None:
                handled.extend(records)

            ledger = OffsetLedger(topic, source, handler, chunk=4)
            await ledger.process([by_offset[7]])  # the consumer skipped 5 and 6
            assert [r.offset for r in handled] == [5, 6, 7]
            await ledger.process([by_offset[6], by_offset[15]])  # 6 again; 8..14 skipped, 10 is a marker
            assert [r.offset for r in handled] == [5, 6, 7, 8, 9, 11, 12, 13, 14, 15]
            assert handled[-1].value == b"r1-4"
            assert ledger.stats.redelivered == 1 and ledger.stats.recovered == 2 + 6

            assert await ledger.catch_up(0, idle_seconds=0) == 15  # 16..31 without the marker at 21
            assert [r.offset for r in handled][-3:] == [29, 30, 31]
            assert ledger.committable() == {0: 33}  # past the last marker: nothing is left to read
        finally:
            await source.close()

    asyncio.run(asyncio.wait_for(scenario(), 120))
