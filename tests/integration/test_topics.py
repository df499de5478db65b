"""Creating the service's topics on the real broker: an existing topic whose partition count differs from the
settings, where the dedup state is placed by that count, stops the worker with a clear error (review finding 8)."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from dipevents.settings import KafkaSettings
from dipevents.stream.topics import PartitionMismatch, ensure_topics, placed_topics, topic_specs

from tests.integration.conftest import create_topics, delete_topics_async


def _settings(bootstrap: str) -> KafkaSettings:
    name = f"it.topics.{uuid.uuid4().hex[:10]}"
    return KafkaSettings(
        bootstrap_servers=bootstrap,
        group_id=name,
        articles_topic=f"{name}.articles",
        events_topic=f"{name}.events",
        state_topic=f"{name}.state",
        candidates_topic=f"{name}.candidates",
        dead_letter_topic=f"{name}.dlq",
        inflight_topic=f"{name}.inflight",
        partitions=4,
    )


def _cleanup(bootstrap: str, k: KafkaSettings) -> None:
    names = sorted({t.name for t in topic_specs(k)} | set(placed_topics(k)))
    try:
        asyncio.run(delete_topics_async(bootstrap, names))
    except Exception as exc:
        print(f"could not delete test topics: {exc!r}")


def test_an_existing_candidates_topic_with_another_partition_count_is_a_clear_error(kafka_bootstrap: str) -> None:
    """The candidates topic already has 2 partitions, the settings say 4: ensure_topics raises, naming the topic,
    its count and the setting."""
    k = _settings(kafka_bootstrap)
    try:
        create_topics(kafka_bootstrap, [k.candidates_topic], partitions=2)
        with pytest.raises(PartitionMismatch) as caught:
            asyncio.run(ensure_topics(k))
        assert caught.value.wrong == {k.candidates_topic: 2}
        message = str(caught.value)
        assert f"{k.candidates_topic} has 2" in message and "DIPEVENTS_KAFKA__PARTITIONS is 4" in message
    finally:
        _cleanup(kafka_bootstrap, k)


def test_existing_topics_with_the_configured_partition_count_pass(kafka_bootstrap: str) -> None:
    """The table's changelog exists with 4 partitions (a restart): the missing topics are created, nothing raises,
    and a second start finds everything in place."""
    k = _settings(kafka_bootstrap)
    try:
        changelog = placed_topics(k)[-1]
        create_topics(kafka_bootstrap, [changelog], partitions=4)
        assert sorted(asyncio.run(ensure_topics(k))) == sorted(t.name for t in topic_specs(k))
        assert asyncio.run(ensure_topics(k)) == []
    finally:
        _cleanup(kafka_bootstrap, k)
