"""The dedup store's record of one event (a Cluster) and what it remembers: its merged event, every report's
date, the articles that reported it; and how old a cluster is against another (the first seen survives a bridge).
dipevents.core.dedup decides what joins what; this module owns what a cluster holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from dipevents.core.bounds import Budget, json_size
from dipevents.core.merge_score import Dating, dating
from dipevents.core.models import BUILTIN_TYPES, Event
from dipevents.core.registry import EventTypes


class Cluster(BaseModel):
    """The merged state of one event, as kept in the dedup store (JSON-serialisable)."""

    model_config = ConfigDict(frozen=True)

    event: dict[str, Any]
    revision: int
    anchor: date  # event date, or the publication day of the first report when undated
    first_seen_at: datetime
    updated_at: datetime
    article_ids: list[str]  # remembered, in arrival order: the first half and the latest (see remember_articles)
    article_count: int = 0  # every article that reported it (0 in clusters written before the count existed)
    dates: list[list[Any]] = []  # every report's date and how it was found (merge_score.Dating), strongest first, <= 16

    def datings(self, types: EventTypes = BUILTIN_TYPES) -> list[Dating]:
        return [Dating.from_json(d) for d in self.dates] if self.dates else dating(self.typed(types))

    def typed(self, types: EventTypes = BUILTIN_TYPES) -> Event:
        return types.adapter.validate_python(self.event)

    @property
    def articles(self) -> int:
        return max(self.article_count, len(self.article_ids))


@dataclass(frozen=True)
class ParsedCluster:
    """A stored cluster as one plan reads it: validated once, whatever the scoring and merging do with it."""

    cluster: Cluster
    event: Event
    dates: list[Dating]

    @classmethod
    def of(cls, stored: dict[str, Any], types: EventTypes) -> ParsedCluster:
        c = Cluster.model_validate(stored)
        return cls(c, c.typed(types), c.datings(types))


def seniority(c: Cluster) -> tuple[datetime, str]:
    """The cluster first seen comes first (its id survives a bridge); the id breaks a tie the same way always."""
    return (c.first_seen_at, str(c.event.get("event_id", "")))


def remember_articles(known: list[str], new: list[str], budget: Budget) -> list[str]:
    """Article ids a cluster keeps, in arrival order: all of them up to the cap, then the first half and the
    latest half. The latest are what a replay after a crash re-delivers, so replays stay idempotent; their total
    size is held to a third of the budget (ids may be 512 characters)."""
    ids = [*known, *(a for a in new if a not in known)]
    head = budget.max_article_ids // 2
    while len(ids) > budget.max_article_ids or (len(ids) > 2 and json_size(ids) > budget.max_bytes // 3):
        del ids[min(head, len(ids) - 2)]
    return ids
