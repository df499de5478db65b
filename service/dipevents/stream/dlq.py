"""The poison-message policy: log, count, and dead-letter with the reason; never stop the worker.

The dead letter keeps the original bytes untouched when they fit; headers carry the reason class, a human message,
the exception type and where the record came from (topic, partition, offset). A record too large for the
dead-letter topic (a 1 MB article the producer refuses once the headers are added) keeps the start of its value
(and of its key), with the original sizes and SHA-256 digests in headers, so it can be matched to the input.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from dipevents.core.errors import DipeventsError
from dipevents.stream.ledger import Record
from dipevents.stream.limits import record_size
from dipevents.stream.metrics import Metrics
from dipevents.stream.outputs import Output

log = logging.getLogger("dipevents.dlq")

MAX_KEY_BYTES = 1024  # a longer key is cut too when the record must be cut
_SLACK = 64  # bytes kept free under the limit for the producer's own accounting


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


def fit_dead_letter(
    key: bytes | None, value: bytes, headers: list[tuple[str, bytes]], limit: int
) -> tuple[bytes | None, bytes, list[tuple[str, bytes]]]:
    """The dead letter as it is when it fits under `limit`; otherwise cut, with the original sizes and digests."""
    if record_size(key, value, headers) <= limit - _SLACK:
        return key, value, headers
    headers = [
        *headers,
        ("dipevents.original.size", str(len(value)).encode()),
        ("dipevents.original.sha256", hashlib.sha256(value).hexdigest().encode()),
    ]
    if key is not None and len(key) > MAX_KEY_BYTES:
        headers += [
            ("dipevents.original.key.size", str(len(key)).encode()),
            ("dipevents.original.key.sha256", hashlib.sha256(key).hexdigest().encode()),
        ]
        key = key[:MAX_KEY_BYTES]
    room = max(0, limit - _SLACK - record_size(key, b"", headers))
    return key, value[:room], headers


class DeadLetterPolicy:
    def __init__(self, send: Output, metrics: Metrics, *, limit: int) -> None:
        self._send = send
        self._metrics = metrics
        self._limit = limit  # the dead-letter topic's record size limit (dipevents.stream.limits)

    async def handle(self, key: bytes | None, value: bytes | None, error: DipeventsError, origin: Origin) -> None:
        reason = getattr(error, "reason", "extractor_error")
        exc_type = getattr(error, "exception", None) or type(error).__name__
        self._metrics.dead_letters.labels(reason=reason).inc()  # articles_consumed is the extract handler's
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
        headers = dead_letter_headers(reason, error.message, exc_type, origin)
        key, body, headers = fit_dead_letter(key, value or b"", headers, self._limit)
        # Awaited to the ack: a flush does not raise for a failed send, so the committer would pass a lost dead
        # letter (finding 6). Raising here leaves the record before the ledger's position: it is read again.
        await (await self._send(key, body, headers))
