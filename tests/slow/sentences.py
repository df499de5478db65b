"""What the sentence tests of this folder ask of the pipeline: the events one invented article gives."""

from __future__ import annotations

from typing import Any

from dipevents.testing import make_article

PUB = "2024-03-06T15:00:00+00:00"  # a Wednesday


def keys(pipeline: Any, body: str, published_at: str | None = PUB) -> set[tuple[str, tuple[str, ...]]]:
    """(type, states) of every event of the article."""
    events = pipeline.process_article(make_article(body, published_at=published_at))
    return {(e.event_type, tuple(e.countries)) for e in events}


def states_found(pipeline: Any, body: str, event_type: str, published_at: str | None = PUB) -> list[list[str]]:
    """The states of each event of one type, in the pipeline's order."""
    events = pipeline.process_article(make_article(body, published_at=published_at))
    return [e.countries for e in events if e.event_type == event_type]
