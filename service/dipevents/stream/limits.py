"""How large a record each output topic takes: the smaller of the producer's `max_request_size` and the topic's
`max.message.bytes` (the broker's `message.max.bytes` for a topic not created yet), read from the broker at start.

Outputs are wrapped by `sized`: a record over its topic's limit raises RecordTooLarge before it reaches the
producer (whose own refusal, MessageSizeTooLargeError, used to crash the agent: issue 14). Dead letters are cut to
fit instead (dipevents.stream.dlq); events, revisions and table records fit by construction
(dipevents.core.bounds), so for them the check is a guard.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Iterable
from dataclasses import dataclass, field

from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from aiokafka.record.default_records import DefaultRecordBatchBuilder

from dipevents.settings import KafkaSettings
from dipevents.stream.kafka_config import aiokafka_kwargs
from dipevents.stream.outputs import Headers, Output

log = logging.getLogger("dipevents.limits")

BROKER_DEFAULT = 1_048_588  # Kafka's message.max.bytes when the broker says nothing
_UNKNOWN_TOPIC = 3


class RecordTooLarge(Exception):
    def __init__(self, topic: str, size: int, limit: int) -> None:
        super().__init__(f"a {size}-byte record for {topic} is over its {limit}-byte limit")
        self.topic, self.size, self.limit = topic, size, limit


def record_size(key: bytes | None, value: bytes | None, headers: Headers = ()) -> int:
    """The record's size as the producer counts it against max_request_size."""
    return int(DefaultRecordBatchBuilder.estimate_size_in_bytes(key, value, list(headers)))


@dataclass(frozen=True)
class RecordLimits:
    max_request_size: int
    topics: dict[str, int] = field(default_factory=dict)  # topic -> max.message.bytes
    default: int = BROKER_DEFAULT

    def limit(self, topic: str) -> int:
        return min(self.max_request_size, self.topics.get(topic, self.default))


async def read_limits(k: KafkaSettings, topics: Iterable[str], max_request_size: int) -> RecordLimits:
    """Ask the broker for each topic's max.message.bytes and its own message.max.bytes."""
    names = sorted(set(topics))
    admin = AIOKafkaAdminClient(**aiokafka_kwargs(k), request_timeout_ms=15_000)
    await admin.start()
    try:
        found: dict[str, int] = {}
        for response in await admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, n) for n in names]):
            for error, _, _, name, entries, *_ in response.resources:
                if error == 0:
                    for entry in entries:
                        if entry[0] == "max.message.bytes":
                            found[name] = int(entry[1])
                elif error != _UNKNOWN_TOPIC:
                    log.warning("could not read a topic's max.message.bytes", extra={"topic": name, "error": error})
        default = BROKER_DEFAULT
        brokers = (await admin.describe_cluster())["brokers"]
        if brokers:
            resource = ConfigResource(ConfigResourceType.BROKER, str(brokers[0]["node_id"]))
            for response in await admin.describe_configs([resource]):
                for error, _, _, _, entries, *_ in response.resources:
                    if error == 0:
                        default = next((int(e[1]) for e in entries if e[0] == "message.max.bytes"), default)
    finally:
        await admin.close()
    limits = RecordLimits(max_request_size, found, default)
    log.info("record size limits", extra={"limits": {t: limits.limit(t) for t in names}})
    return limits


def sized(output: Output, topic: str, limit: int) -> Output:
    """`output` that refuses, with RecordTooLarge, a record the producer or the broker would refuse."""

    async def send(key: bytes | None, value: bytes, headers: Headers = ()) -> Awaitable[object]:
        size = record_size(key, value, headers)
        if size > limit:
            raise RecordTooLarge(topic, size, limit)
        return await output(key, value, headers)

    return send
