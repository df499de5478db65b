"""The records every event type shares: who (Actor), where (Location), which sentence said it (Mention), the
fields of every event (EventBase) and of every state-topic revision (EventRevisionBase).

Each event type's own model subclasses EventBase in the type's module (dipevents.core.events); the Event union
and the EventRevision model of a registry are built from the registered models (see registry).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from dipevents import SCHEMA_VERSION
from dipevents.core.provenance import DateSource, PlaceSource

Alpha3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3 code")]


class Actor(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    role: str | None = None
    country: Alpha3 | None = None


class Location(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    country: Alpha3 | None = None
    source: PlaceSource | None = Field(
        default=None,
        description="how the place was found: venue = named next to the meeting word in a mention; dateline = the "
        "article's dateline city (no mention placed the meeting); mention = a city a mention names further from "
        "the meeting word (weak). Dedup treats only two venues, or a venue and a dateline, as able to conflict.",
    )


class Mention(BaseModel):
    """One statement of an event in one article; start/end are character offsets of `sentence` in `body`."""

    model_config = ConfigDict(frozen=True)

    article_id: str
    source: str
    sentence: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    credits: list[str] = Field(default_factory=list, description="wires credited inside the article")


class EventBase(BaseModel):
    """The fields of every event; a type's model adds `event_type: Literal[...]` and its own fields."""

    model_config = ConfigDict(frozen=True)

    event_id: str = Field(
        description="'ev-' + 16 hex digits, a hash of event_type, countries and event_date salted with the event's "
        "first report (its article id and where its first mention starts): dedup names an event when it first sees "
        "it and every later report keeps the id; a replay of the first report names it the same way. Without dedup "
        "(one article's extraction) the salt is empty."
    )
    countries: list[Alpha3] = Field(description="sorted, unique")
    actors: list[Actor] = Field(default_factory=list)
    location: Location | None = None
    event_date: date | None = None
    date_source: DateSource | None = Field(
        default=None,
        description="how event_date was found: explicit = a calendar date in a mention; relative = a weekday, "
        "'yesterday', 'last night' resolved against the dateline's local day of publication; dateline = the "
        "dateline's date; publication = the day of publication (no date was written); null when undated",
    )
    date_confidence: float | None = Field(
        default=None, ge=0.0, le=1.0, description="how sure event_date is (lower for day-only publication times)"
    )
    occasion: Literal["in_person", "phone", "video"] | None = Field(
        default=None,
        description="the kind of leaders' meeting the event belongs to, as its reports say: a meeting's own kind; "
        "an instruction's or an agreement's is that of the meeting of the same states its article reports (an "
        "instruction given on a call the day after a meeting is another instruction); null when unsaid",
    )
    sources: list[str] = Field(default_factory=list, description="distinct outlets that reported it, sorted")
    mentions: list[Mention] = Field(default_factory=list, description="kept in full, at most a configured number")
    omitted_mentions: dict[str, int] = Field(
        default_factory=dict,
        description="mentions past those kept in full, counted by source ('(other sources)' past the listed ones)",
    )
    confidence: float = Field(ge=0.0, le=1.0)
    cameo_code: str | None = Field(default=None, pattern=r"^\d{2,4}$")
    plover_type: str | None = None
    plover_mode: str | None = None
    extractor: str = Field(
        description="versioned name of the event type's extractor, '<event_type>.v<N>': the version changes when "
        "its behaviour does"
    )
    schema_version: str = SCHEMA_VERSION

    # Every registered model narrows this to its own Literal; the union discriminates on it.
    event_type: str

    @field_validator("countries")
    @classmethod
    def _sorted_unique(cls, v: list[str]) -> list[str]:
        return sorted(set(v))


class EventRevisionBase(BaseModel):
    """A record of the compacted state topic: the latest merged view of one event."""

    model_config = ConfigDict(frozen=True)

    event_id: str
    revision: int = Field(ge=1)
    first_seen_at: datetime
    updated_at: datetime
    source_count: int = Field(ge=0)
    mention_count: int = Field(ge=0, description="every mention: those kept in full plus omitted_mentions")
    article_ids: list[str] = Field(default_factory=list, description="the first and the latest reporting articles")
    article_count: int = Field(default=0, ge=0, description="articles that reported the event")
    event: EventBase
    merged_into: str | None = Field(
        default=None,
        description="set when a later article showed this event and another are one: this id is retired; the "
        "event lives on under merged_into, whose revision carries every source and mention of both. Consumers "
        "treat this id as an alias of merged_into (one alert for both) and expect no further revision of it.",
    )
    schema_version: str = SCHEMA_VERSION
