"""The poison-message policy: log, count, and dead-letter with the reason; never stop the worker.

The dead letter keeps the original bytes untouched; headers carry the reason class, a human message, the
exception type and where the record came from (topic, partition, offset).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from dipevents.core.errors import DipeventsError
from dipevents.stream.ledger import Record
from dipevents.stream.metrics import Metrics
from dipevents.stream.outputs import Output

log = logging.getLogger("dipevents.dlq")


@dataclass(frozen=True)
class Origin:
    topic: str
    partition: int
    offset: int


def origin_of(rec: Record) -> Origin:
    return Origin(rec.topic, rec.partition, rec.offset)


def dead_letter_headers(reason: str, message: str, exc_type: str, origin: Origin) -> list[tuple[str, bytes]]:
    return [
        ("dipevents.reason", reason.encode()),
        ("dipevents.message", message[:1000].encode("utf-8", "replace")),
        ("dipevents.exception", exc_type.encode()),
        ("dipevents.source.topic", origin.topic.encode()),
        ("dipevents.source.partition", str(origin.partition).encode()),
        ("dipevents.source.offset", str(origin.offset).encode()),
    ]


class DeadLetterPolicy:
    def __init__(self, send: Output, metrics: Metrics) -> None:
        self._send = send
        self._metrics = metrics

    async def handle(self, key: bytes | None, value: bytes | None, error: DipeventsError, origin: Origin) -> None:
        reason = getattr(error, "reason", "extractor_error")
        self._metrics.dead_letters.labels(reason=reason).inc()
        self._metrics.articles.labels(outcome="dead_letter").inc()
        log.warning(
            "dead-lettered record",
            extra={
                "reason": reason,
                "article_id": error.article_id,
                "topic": origin.topic,
                "partition": origin.partition,
                "offset": origin.offset,
                "error": error.message[:300],
            },
        )
        # Not awaited to the ack: the committer flushes the producer before it commits the record's offset.
        await self._send(key, value or b"", dead_letter_headers(reason, error.message, type(error).__name__, origin))
