"""The lag exporter against the real broker: the group's committed offsets and lag per partition, whether a
consumer owns the partition or not; it never joins the group, never creates a topic, and survives a broker
it cannot reach."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.structs import OffsetAndMetadata
from dipevents.settings import KafkaSettings
from dipevents.stream.lag_exporter import GroupOffsetReader, LagExporter
from dipevents.stream.metrics import GroupLagMetrics
from dipevents.testing import free_port

from tests.integration.conftest import unique_topic_name


async def _produce(bootstrap: str, topic: str, per_partition: dict[int, int]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        for partition, count in per_partition.items():
            for i in range(count):
                await producer.send(topic, value=f"r{i}".encode(), partition=partition)
        await producer.flush()
    finally:
        await producer.stop()


async def _commit(bootstrap: str, group: str, offsets: dict[TopicPartition, int]) -> None:
    """Commit `offsets` for `group` the way a worker would (a member of an otherwise empty group)."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False)
    await consumer.start()
    try:
        consumer.assign(list(offsets))
        await consumer.commit({tp: OffsetAndMetadata(o, "") for tp, o in offsets.items()})
    finally:
        await consumer.stop()


def _sample(metrics: GroupLagMetrics, name: str, topic: str, partition: int, group: str) -> float | None:
    return metrics.registry.get_sample_value(name, {"group": group, "topic": topic, "partition": str(partition)})


def test_lag_and_committed_offsets_per_partition_from_the_brokers(
    kafka_bootstrap: str, new_topic: Callable[..., str]
) -> None:
    """Committed partitions: lag = end - committed; a never-committed one: lag = end - start, no committed
    series; the exporter is not a group member afterwards, and a missing topic is not created."""
    articles = new_topic("lagx.articles", partitions=3)
    candidates = new_topic("lagx.candidates", partitions=2)
    missing = unique_topic_name("lagx.missing")
    group = unique_topic_name("lagx.group")
    settings = KafkaSettings(bootstrap_servers=kafka_bootstrap, group_id=group)
    metrics = GroupLagMetrics()

    async def scenario() -> tuple[bool, str, bool]:
        await _produce(kafka_bootstrap, articles, {0: 10, 1: 5, 2: 7})
        await _produce(kafka_bootstrap, candidates, {0: 4})
        await _commit(kafka_bootstrap, group, {TopicPartition(articles, 0): 6, TopicPartition(articles, 1): 5})
        exporter = LagExporter(GroupOffsetReader(settings, [articles, candidates, missing]), metrics, group, 30)
        ok = await exporter.poll()
        await exporter._reader.close()
        admin = AIOKafkaAdminClient(bootstrap_servers=kafka_bootstrap)
        await admin.start()
        try:
            (response,) = await admin.describe_consumer_groups([group])
            (described,) = response.to_object()["groups"]
            exists = missing in await admin.list_topics()
        finally:
            await admin.close()
        return ok, described["state"], exists

    ok, state, missing_created = asyncio.run(scenario())
    assert ok
    lag = "dipevents_group_lag_records"
    committed = "dipevents_group_committed_offset"
    assert _sample(metrics, lag, articles, 0, group) == 4.0
    assert _sample(metrics, committed, articles, 0, group) == 6.0
    assert _sample(metrics, lag, articles, 1, group) == 0.0
    assert _sample(metrics, lag, articles, 2, group) == 7.0, "never committed: the whole log is lag"
    assert _sample(metrics, committed, articles, 2, group) is None
    assert _sample(metrics, lag, candidates, 0, group) == 4.0
    assert _sample(metrics, lag, candidates, 1, group) == 0.0
    assert state == "Empty", "the exporter must not join the group it watches"  # members left, offsets kept
    assert not missing_created, "asking about a missing topic must not create it"
    assert metrics.registry.get_sample_value("dipevents_group_lag_polls_total", {"result": "ok"}) == 1.0


def test_an_unreachable_broker_is_counted_and_drops_the_series() -> None:
    """No broker: poll() returns False without raising, the group series go, the error counter grows."""
    metrics = GroupLagMetrics()
    metrics.lag.labels(group="g", topic="t", partition="0").set(42)  # from an earlier good poll
    settings = KafkaSettings(bootstrap_servers=f"127.0.0.1:{free_port()}", group_id="g")
    exporter = LagExporter(GroupOffsetReader(settings, ["t"]), metrics, "g", timeout=10)
    assert asyncio.run(exporter.poll()) is False
    assert (
        metrics.registry.get_sample_value("dipevents_group_lag_records", {"group": "g", "topic": "t", "partition": "0"})
        is None
    )
    assert metrics.registry.get_sample_value("dipevents_group_lag_polls_total", {"result": "error"}) == 1.0
