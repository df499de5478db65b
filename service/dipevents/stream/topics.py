"""Creating the service's topics up front (idempotent): partitions and configs are part of the contract.

The state topic is compacted: it keeps the latest revision of every event id; the in-flight journal is compacted
too (the last note per input partition is all it is read for).
"""

from __future__ import annotations

import asyncio
import contextlib

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from dipevents.settings import KafkaSettings
from dipevents.stream.kafka_config import aiokafka_kwargs
from dipevents.stream.topology import changelog_name


def topic_specs(k: KafkaSettings) -> list[NewTopic]:
    rf = k.replication_factor
    plain = [k.articles_topic, k.candidates_topic, k.events_topic, k.dead_letter_topic]
    specs = [NewTopic(name, num_partitions=k.partitions, replication_factor=rf) for name in plain]
    specs += [
        NewTopic(name, num_partitions=k.partitions, replication_factor=rf, topic_configs={"cleanup.policy": "compact"})
        for name in (k.state_topic, k.inflight_topic)
    ]
    return specs


async def ensure_topics(k: KafkaSettings, start_within: float = 60.0) -> list[str]:
    """Create missing topics; returns the names created. Retries while the broker is still starting."""
    admin = AIOKafkaAdminClient(**aiokafka_kwargs(k), request_timeout_ms=10_000)
    deadline = asyncio.get_running_loop().time() + start_within
    while True:
        try:
            await admin.start()
            break
        except Exception:
            if asyncio.get_running_loop().time() > deadline:
                raise
            await asyncio.sleep(1.0)
    try:
        existing = set(await admin.list_topics())
        missing = [t for t in topic_specs(k) if t.name not in existing]
        if missing:
            with contextlib.suppress(TopicAlreadyExistsError):  # a concurrent worker won the race
                await admin.create_topics(missing)
        placed = [t for t in placed_topics(k) if t in existing]
        wrong = {
            d["topic"]: len(d["partitions"])
            for d in (await admin.describe_topics(placed) if placed else [])
            if d.get("error_code", 0) == 0 and len(d["partitions"]) != k.partitions
        }
        if wrong:
            raise PartitionMismatch(wrong, k.partitions)
        return [t.name for t in missing]
    finally:
        await admin.close()


def placed_topics(k: KafkaSettings) -> list[str]:
    """The topics whose partition count must be DIPEVENTS_KAFKA__PARTITIONS: the dedup table places its keys by it
    (candidates and its changelog) and the in-flight journal writes to input partition % it. The others may have
    any count."""
    return [k.candidates_topic, k.inflight_topic, changelog_name(k.group_id)]


class PartitionMismatch(RuntimeError):
    """An existing topic has another partition count than the settings: the worker would misplace state."""

    def __init__(self, wrong: dict[str, int], expected: int) -> None:
        found = ", ".join(f"{t} has {n}" for t, n in sorted(wrong.items()))
        super().__init__(
            f"partition count mismatch: {found}; DIPEVENTS_KAFKA__PARTITIONS is {expected}. Set it to the topics' "
            "count, or recreate the topics (the dedup state is placed by this count: docs/operations.md)"
        )
        self.wrong, self.expected = wrong, expected
