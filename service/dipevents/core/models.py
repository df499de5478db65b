"""The wire contract: Article in, typed Events out (a discriminated union), as frozen pydantic v2 models.

schemas/ is generated from these models (`make schemas`); a test fails when the two drift.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator

from dipevents import SCHEMA_VERSION

Alpha3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3 code")]


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


class Actor(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    role: str | None = None
    country: Alpha3 | None = None


class Location(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    country: Alpha3 | None = None


class Mention(BaseModel):
    """One statement of an event in one article; start/end are character offsets of `sentence` in `body`."""

    model_config = ConfigDict(frozen=True)

    article_id: str
    source: str
    sentence: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    credits: list[str] = Field(default_factory=list, description="wires credited inside the article")


class _EventBase(BaseModel):
    model_config = ConfigDict(frozen=True)

    event_id: str
    countries: list[Alpha3] = Field(description="sorted, unique")
    actors: list[Actor] = Field(default_factory=list)
    location: Location | None = None
    event_date: date | None = None
    sources: list[str] = Field(default_factory=list, description="distinct outlets that reported it, sorted")
    mentions: list[Mention] = Field(default_factory=list)
    confidence: float = Field(ge=0.0, le=1.0)
    cameo_code: str | None = Field(default=None, pattern=r"^\d{2,4}$")
    plover_type: str | None = None
    plover_mode: str | None = None
    extractor: str = Field(description="versioned name of the extractor, e.g. summit.v1")
    schema_version: str = SCHEMA_VERSION

    @field_validator("countries")
    @classmethod
    def _sorted_unique(cls, v: list[str]) -> list[str]:
        return sorted(set(v))


class SummitEvent(_EventBase):
    event_type: Literal["summit"] = "summit"
    format: Literal["in_person", "phone", "video"] = "in_person"
    scope: Literal["bilateral", "multilateral"] = "bilateral"


class InstructedBody(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str = Field(description="e.g. foreign ministries, negotiators")
    countries: list[Alpha3] = Field(default_factory=list)


class MinistryInstructionEvent(_EventBase):
    event_type: Literal["ministry_instruction"] = "ministry_instruction"
    instructed: list[InstructedBody] = Field(default_factory=list)
    directive: str | None = Field(default=None, description="what they were told to do, in a short phrase")


class ConsultationAgreementEvent(_EventBase):
    event_type: Literal["consultation_agreement"] = "consultation_agreement"
    level: Literal["leaders", "ministers", "deputy_ministers", "experts", "two_plus_two", "officials"] | None = None
    topics: list[str] = Field(default_factory=list)
    mechanism: str | None = Field(default=None, description="consultations, talks, dialogue, commission...")


Event = Annotated[
    SummitEvent | MinistryInstructionEvent | ConsultationAgreementEvent,
    Field(discriminator="event_type"),
]
EVENT_ADAPTER: TypeAdapter[Event] = TypeAdapter(Event)
EventType = Literal["summit", "ministry_instruction", "consultation_agreement"]
EVENT_TYPES: tuple[EventType, ...] = ("summit", "ministry_instruction", "consultation_agreement")


class EventRevision(BaseModel):
    """A record of the compacted state topic: the latest merged view of one event."""

    model_config = ConfigDict(frozen=True)

    event_id: str
    revision: int = Field(ge=1)
    first_seen_at: datetime
    updated_at: datetime
    source_count: int = Field(ge=0)
    mention_count: int = Field(ge=0)
    article_ids: list[str] = Field(default_factory=list)
    event: Event
    schema_version: str = SCHEMA_VERSION
