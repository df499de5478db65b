"""Event types as plugins, registered by versioned name ("summit.v1"; the version is stamped on each event).

One module per type (dipevents.core.events) declares an EventType: its pydantic model, its prefilter predicate,
its extractor, how its candidates assemble into an event, which fields merge in dedup, its CAMEO/PLOVER codes and
its lexicon section (the lexicon file named after the type, or words it brings along). Everything else, the
pipeline, prefilter, dedup, evaluation, CLI and schemas, iterates over an EventTypes registry and never spells
a type's name. Duplicate or unknown names raise errors that list the valid ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, Literal, Protocol, Union, get_args, get_origin

from pydantic import BaseModel, Field, TypeAdapter, create_model

from dipevents.core.records import EventBase, EventRevisionBase

if TYPE_CHECKING:
    from dipevents.core.actors import ActorMention
    from dipevents.core.extractors.view import Candidate, SentenceView
    from dipevents.core.knowledge import Knowledge

_VERSIONED = re.compile(r"^(?P<type>[a-z][a-z0-9_]*)\.v(?P<version>\d+)$")


class Extractor(Protocol):
    name: str  # versioned, e.g. "summit.v1"
    event_type: str

    def extract(self, view: SentenceView) -> Iterable[Candidate]: ...


class UnknownEventType(KeyError):
    pass


@dataclass(frozen=True)
class Codes:
    """CAMEO and PLOVER codes of one event (None where the type has no native code)."""

    cameo: str | None = None
    plover_type: str | None = None
    plover_mode: str | None = None

    def fields(self) -> dict[str, str | None]:
        return {"cameo_code": self.cameo, "plover_type": self.plover_type, "plover_mode": self.plover_mode}


@dataclass(frozen=True)
class MergeRule:
    """How dedup merges a later report of an event into the first one, beyond the fields every event merges
    (mentions, actors, sources, confidence, date and place). It also tells core.bounds what of the type's own
    fields to bound: the `union` and `union_by` lists grow with every report (capped at the budget's items, then
    cut to a few short ones); a `fill` field is one report's (a long string of it is cut)."""

    fill: tuple[str, ...] = ()  # fields a later report fills when the first left them empty
    union: tuple[str, ...] = ()  # list fields (of strings) merged as a sorted set
    union_by: Mapping[str, str] = field(default_factory=dict)  # list-of-object field -> the key (a string) it merges by
    # what kind of occasion a report says it was (a call is not a meeting), or None when it does not say: the merge
    # score counts two different kinds against (not a conflict: one more report may settle it). By default the
    # event's `occasion` (for a type that is not a meeting: the kind of its article's meeting of the same states)
    distinguish: Callable[[EventBase], str | None] = lambda event: event.occasion
    # what a report says the event was about, as content words (an instruction's addressees and task), empty when
    # it does not say: two reports that both say and share no word count against. Wires reporting one order name
    # its addressees in overlapping words; two orders of one leader a day apart ("negotiators", "staff") do not
    subject: Callable[[EventBase], frozenset[str]] | None = None


@dataclass(frozen=True)
class MainMeeting:
    """What a meeting type lends the rest of the article: the states of its most reported event are what "the
    two leaders" and "we" mean, and its date dates the article's undated events. `mention_words` names the
    lexicon list of words marking a sentence that reports a meeting (the fallback main pair), `reference_nouns`
    the list of nouns a definite reference to the article's meeting uses ("the talks lasted three hours")."""

    mention_words: str
    reference_nouns: str


@dataclass(frozen=True)
class Prefilter:
    """The type's prefilter predicate, declared: a sentence can hold the type when it contains a surface form of a
    word of the `triggers` lists of the type's lexicon section (the lists its extractor triggers on; the forms are
    derived by prefilter.trigger_forms) and, if `parties` is given, its actors pass it. Cheap: no parse."""

    triggers: tuple[str, ...]
    narrow: str | None = None  # an object of the section: word -> the only forms that count ("called on")
    parties: Callable[[list[ActorMention]], bool] | None = None
    officials: bool = False  # officials alone may be the parties ("Argentina's foreign minister and his counterpart")
    # a list of the section: impersonal forms ("it was agreed") whose sentence needs no party named in it when the
    # article has a main meeting (whose parties it stands for)
    impersonal: str | None = None


Assemble = Callable[["list[Candidate]", frozenset[str]], dict[str, Any]]


@dataclass(frozen=True)
class EventType:
    """Everything the project knows about one event type, declared in the type's own module."""

    name: str  # versioned: "<event_type>.v<N>"
    model: type[EventBase]  # frozen pydantic model with `event_type: Literal["<event_type>"]`
    prefilter: Prefilter  # can this sentence (its text, its actors) hold this type?
    extractor: Callable[[str, str], Extractor]  # built with (name, event_type)
    assemble: Assemble  # the type's own fields of one event, from its candidates in one article
    codes: Callable[[Mapping[str, Any], Knowledge], Codes]  # from the assembled record (and the lexicon)
    merge: MergeRule = MergeRule()
    main_meeting: MainMeeting | None = None
    lexicon: Mapping[str, Any] | None = None  # its lexicon section, when not a data file of the project
    display: Callable[[EventBase], str] = lambda event: ""  # extra detail on a one-line display

    def __post_init__(self) -> None:
        m = _VERSIONED.match(self.name)
        if m is None:
            raise ValueError(f"event type name {self.name!r} is not versioned as '<event_type>.v<N>'")
        if m["type"] != self.event_type:
            raise ValueError(f"event type name {self.name!r} does not match its model's event_type {self.event_type!r}")

    @property
    def event_type(self) -> str:
        """The discriminator value, read from the model's `event_type: Literal[...]`."""
        annotation = self.model.model_fields["event_type"].annotation
        args = get_args(annotation) if get_origin(annotation) is Literal else ()
        if len(args) != 1 or not isinstance(args[0], str):
            raise ValueError(f"{self.model.__name__}.event_type must be Literal['<event_type>'], not {annotation}")
        return args[0]

    @property
    def section(self) -> str:
        """The type's lexicon section: data/lexicons/<event_type>.json, or `lexicon`."""
        return self.event_type


class EventTypes:
    """A registry of event types, in registration order."""

    def __init__(self, types: Iterable[EventType] = ()) -> None:
        self._by_type: dict[str, EventType] = {}
        for t in types:
            self.register(t)

    def register(self, t: EventType) -> None:
        if t.event_type in self._by_type:
            raise ValueError(f"event type {t.name!r} is already registered; registered: {self.names()}")
        self._by_type[t.event_type] = t
        for derived in ("union", "adapter", "revision_model"):
            self.__dict__.pop(derived, None)

    def __iter__(self) -> Iterator[EventType]:
        return iter(self._by_type.values())

    def __len__(self) -> int:
        return len(self._by_type)

    def names(self) -> list[str]:
        """The versioned names, sorted."""
        return sorted(t.name for t in self)

    def event_types(self) -> tuple[str, ...]:
        return tuple(self._by_type)

    def get(self, name: str) -> EventType:
        """By event type ("summit") or versioned name ("summit.v1")."""
        found = self._by_type.get(name) or next((t for t in self if t.name == name), None)
        if found is None:
            raise UnknownEventType(f"unknown event type {name!r}; valid: {self.names()}")
        return found

    def select(self, names: Iterable[str]) -> EventTypes:
        """A registry of only these types (by event type or versioned name)."""
        return EventTypes(self.get(n) for n in names)

    def extractors(self) -> list[Extractor]:
        """One extractor per type, in the order of their versioned names."""
        return [t.extractor(t.name, t.event_type) for t in sorted(self, key=lambda t: t.name)]

    def main_meetings(self) -> frozenset[str]:
        """The event types whose events are the article's meetings."""
        return frozenset(t.event_type for t in self if t.main_meeting is not None)

    # The wire contract of this registry's types, built on first use.
    @cached_property
    def union(self) -> Any:
        """The discriminated union of the registered models (a type for pydantic fields and TypeAdapters)."""
        if not self._by_type:
            raise ValueError("no event types registered")
        models = tuple(t.model for t in self)
        members: Any = models[0] if len(models) == 1 else Union[models]  # noqa: UP007 - built at run time
        return Annotated[members, Field(discriminator="event_type")]

    @cached_property
    def adapter(self) -> TypeAdapter[EventBase]:
        return TypeAdapter(self.union)

    @cached_property
    def revision_model(self) -> type[EventRevisionBase]:
        """EventRevision with `event` as this registry's union."""
        model: type[BaseModel] = create_model(
            "EventRevision",
            __base__=EventRevisionBase,
            __doc__=EventRevisionBase.__doc__,
            __module__=EventRevisionBase.__module__,
            event=(self.union, ...),
        )
        return model  # type: ignore[return-value]
