"""The wire contract: Article in, typed Events out (a discriminated union), as frozen pydantic v2 models.

The Event union, its TypeAdapter and EventRevision are built from the built-in event types' models (see
registry and dipevents.core.events); schemas/ is generated from them (`make schemas`) and a test fails when
the two drift.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, TypeAlias

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator

from dipevents.core.events import builtin_types
from dipevents.core.records import Actor, Alpha3, EventBase, EventRevisionBase, Location, Mention

__all__ = [
    "BUILTIN_TYPES",
    "EVENT_ADAPTER",
    "Actor",
    "Alpha3",
    "Article",
    "Event",
    "EventBase",
    "EventRevision",
    "Location",
    "Mention",
]


class Article(BaseModel):
    """One news article as crawlers publish it. Unknown extra fields are ignored."""

    model_config = ConfigDict(frozen=True, extra="ignore", str_strip_whitespace=False)

    article_id: str = Field(min_length=1, max_length=512)
    source: str = Field(min_length=1, max_length=256, description="outlet or wire that published it")
    url: str | None = None
    title: str | None = None
    body: str = Field(min_length=1)
    published_at: datetime | None = Field(default=None, description="RFC 3339; naive times are taken as UTC")
    language: str | None = Field(default=None, description="BCP 47 tag as declared by the crawler")

    @field_validator("body")
    @classmethod
    def _body_has_text(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("body is blank")
        return v


BUILTIN_TYPES = builtin_types()

if TYPE_CHECKING:
    # Statically an event is an EventBase (its type's fields are read by name); at run time the union below.
    Event: TypeAlias = EventBase
    EventRevision: TypeAlias = EventRevisionBase
else:
    Event = BUILTIN_TYPES.union
    EventRevision = BUILTIN_TYPES.revision_model

EVENT_ADAPTER: TypeAdapter[Event] = BUILTIN_TYPES.adapter
