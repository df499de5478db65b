"""Fakes next to the ports, for tests here and in downstream projects: an article factory, a fixed clock,
an in-memory dedup store and a list sink. Preferred over patching.
"""

from __future__ import annotations

import itertools
import os
import socket
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from dipevents.core.models import Article

_ids = itertools.count(1)


def make_article(
    body: str,
    *,
    source: str = "Test Wire",
    published_at: str | datetime | None = "2023-01-09T12:00:00Z",
    article_id: str | None = None,
    title: str | None = None,
    **extra: Any,
) -> Article:
    """An Article with sensible defaults; `published_at` may be an RFC 3339 string."""
    return Article.model_validate(
        {
            "article_id": article_id or f"test-{next(_ids)}",
            "source": source,
            "body": body,
            "title": title,
            "published_at": published_at,
            **extra,
        }
    )


@dataclass
class FixedClock:
    now: datetime = field(default_factory=lambda: datetime(2023, 1, 9, 12, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> datetime:
        self.now += timedelta(**kw)
        return self.now


def memory_store() -> dict[str, list[dict[str, Any]]]:
    """The dedup store port, in memory (the worker uses a changelog-backed faust table)."""
    return {}


class ExplodingExtractor:
    """An extractor with a bug: raises on any sentence containing `marker`. For poison-message tests."""

    name = "exploding.v0"
    event_type = "summit"

    def __init__(self, marker: str = "EXPLODE") -> None:
        self.marker = marker

    def extract(self, view: Any) -> list[Any]:
        if self.marker in view.text:
            raise ZeroDivisionError(f"bug triggered by {self.marker!r}")
        return []


def exploding_extractors(marker: str = "EXPLODE") -> list[Any]:
    """The default extractors plus one that raises on `marker` (run_worker(extractors=...))."""
    from dipevents.core.extractors.registry import default_registry

    return [*default_registry().build(), ExplodingExtractor(marker)]


@dataclass
class ListSink:
    records: list[tuple[bytes | None, bytes, list[tuple[str, bytes]]]] = field(default_factory=list)

    async def __call__(self, key: bytes | None, value: bytes | None, headers: list[tuple[str, bytes]]) -> None:
        self.records.append((key, value or b"", headers))


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now (for a worker's metrics port, a test broker)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def deployment_env(bootstrap: str, name: str, partitions: int, **extra: str) -> dict[str, str]:
    """The environment of a worker of one isolated deployment on a shared broker: topics and group named after
    `name`, every other DIPEVENTS_ setting of the caller cleared (pass what should stay in `extra`)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIPEVENTS_")}
    env.update(
        {
            "DIPEVENTS_KAFKA__BOOTSTRAP_SERVERS": bootstrap,
            "DIPEVENTS_KAFKA__GROUP_ID": name,
            "DIPEVENTS_KAFKA__ARTICLES_TOPIC": f"{name}.articles",
            "DIPEVENTS_KAFKA__EVENTS_TOPIC": f"{name}.events",
            "DIPEVENTS_KAFKA__STATE_TOPIC": f"{name}.state",
            "DIPEVENTS_KAFKA__CANDIDATES_TOPIC": f"{name}.candidates",
            "DIPEVENTS_KAFKA__DEAD_LETTER_TOPIC": f"{name}.dlq",
            "DIPEVENTS_KAFKA__PARTITIONS": str(partitions),
            "DIPEVENTS_LOG_LEVEL": "WARNING",
            **extra,
        }
    )
    return env
