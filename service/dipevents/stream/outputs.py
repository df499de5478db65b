"""The handlers' send port: hand one record to the producer, get back what completes on the broker's ack.

Two steps on purpose: a handler enqueues its records in order (one partition keeps that order) and then awaits
all the acknowledgements together, instead of one round trip per record.
"""

from __future__ import annotations

from collections.abc import Awaitable, Sequence
from typing import Any, Protocol

from aiokafka.errors import KafkaError, KafkaTimeoutError

Headers = Sequence[tuple[str, bytes]]


def retriable(error: BaseException) -> bool:
    """A failed send that may well succeed if tried again (the broker unreachable for a moment, a leader moving, a
    timeout): the handler raises it, so the ledger reads the record again from its position, instead of
    dead-lettering a good record for good (review finding 4). aiokafka marks KafkaTimeoutError (a batch not
    delivered in time) not retriable; for a record it is."""
    if isinstance(error, KafkaError):
        return bool(error.retriable) or isinstance(error, KafkaTimeoutError)
    return isinstance(error, ConnectionError | TimeoutError)


class Output(Protocol):
    async def __call__(self, key: bytes | None, value: bytes, headers: Headers = ()) -> Awaitable[object]:
        """Enqueue the record; the returned awaitable completes when the broker has acknowledged it."""


def topic_output(topic: Any) -> Output:
    """An Output over a faust topic (its `send` returns the delivery future)."""

    async def send(key: bytes | None, value: bytes, headers: Headers = ()) -> Awaitable[object]:
        fut: Awaitable[object] = await topic.send(key=key, value=value, headers=list(headers) or None)
        return fut

    return send
