"""Are two reports (or a report and a cluster) one real-world event? A score, one threshold.

Candidates share a blocking key (type + set of states) and sit inside the dedup window. The score adds:
- **date distance**, weighed by how each date was found: the same day counts most; a day or two apart is
  within what time zones and "yesterday" explain (two days for a day of publication or a dateline's date, which
  are when the report was filed and may trail the event); further apart, two dates written in mentions
  (explicit, relative) are a *conflict*: two meetings of one pair a few days apart never merge, whatever else
  agrees; a filing day further off only counts against. A cluster keeps the date of each
  of its reports: the nearest one counts for, any one read from the text that is too far is a conflict, so
  the outcome does not hang on which report came first;
- **place compatibility**: two venues, or a venue and a dateline, in different cities conflict (two venues) or
  count against; the same city counts for; an unknown place or a city only mentioned is neither;
- **the kind of occasion**, as the type reads it (a summit: a call or video link when a report says so, in
  person when a venue places it, else unsaid): two different kinds are against, not a conflict; and what each
  report says the event was about (an instruction's addressees and task): no word in common is against too;
- **shared credited wires** ("Source: RIA, Interfax" in both): for;
- **similarity of the mention sentences** (word-set Jaccard, best pair): for, in proportion.
A conflict is final; otherwise the sum decides against `THRESHOLD`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dipevents.core.models import BUILTIN_TYPES, Event
from dipevents.core.provenance import MENTION_DATE_SOURCES, UNSOURCED_PLACE, date_rank
from dipevents.core.registry import EventTypes

THRESHOLD = 0.5

# Days two dates may differ by, beyond the tolerance, and still be one event, by how the dates were found: the
# day a report was filed (its publication, its dateline's "June 15") may trail the event by a day.
_DATE_SLACK = {"explicit": 0, "relative": 0, "dateline": 1, "publication": 1}
_SAME_DAY, _NEAR_DAY = 1.0, 0.6
_FAR_DAY, _FAR_DAY_STEP = -1.0, 0.3  # a weakly dated report a few days off: against, more so the further
_SAME_PLACE = {"venue": 0.5, "dateline": 0.3}
# a dateline is often the desk, not the venue (a Tokyo-datelined report of talks in Washington): a little against
_OTHER_CITY_WEAK, _OTHER_STATE_WEAK = -0.2, -0.3
_FIELD_DIFFERS = -0.5
_SHARED_WIRE = 0.3
_TEXT_WEIGHT = 0.8
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "and",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "that",
        "this",
        "it",
        "its",
        "their",
        "his",
        "her",
        "they",
        "he",
        "she",
        "said",
        "says",
        "will",
        "would",
        "also",
        "after",
        "before",
        "during",
    ]
)
_MAX_SENTENCES = 24  # per side: the best pair among a bounded number of mentions


@dataclass(frozen=True)
class Score:
    total: float
    conflict: bool
    parts: dict[str, float] = field(default_factory=dict)

    @property
    def same_event(self) -> bool:
        return not self.conflict and self.total >= THRESHOLD


@dataclass(frozen=True)
class Dating:
    """One report's date and how it was found."""

    day: date
    source: str  # explicit | relative | dateline | publication
    day_only: bool = False  # resolved against a publication time known only to the day: may be a day off

    def as_json(self) -> list[Any]:
        return [self.day.isoformat(), self.source, self.day_only]

    @classmethod
    def from_json(cls, v: Sequence[Any]) -> Dating:
        return cls(date.fromisoformat(v[0]), str(v[1]), bool(v[2]))


def dating(e: Event) -> list[Dating]:
    """The event's own date as evidence (none when undated)."""
    if e.event_date is None:
        return []
    source = e.date_source or "publication"
    loose = source == "relative" and (e.date_confidence or 1.0) < 0.8
    return [Dating(e.event_date, source, loose)]


def union_datings(*groups: Iterable[Dating], limit: int = 16) -> list[Dating]:
    """Distinct datings, strongest first (a bounded list: a cluster keeps at most `limit`)."""
    seen = sorted({d for g in groups for d in g}, key=lambda d: (date_rank(d.source), d.day_only, d.day))
    return seen[:limit]


def score(
    a: Event,
    b: Event,
    tolerance_days: int = 1,
    *,
    a_dates: Sequence[Dating] | None = None,
    b_dates: Sequence[Dating] | None = None,
    types: EventTypes = BUILTIN_TYPES,
) -> Score:
    """How strongly two events of one blocking key look like one real-world event. `tolerance_days` is how far
    apart two dates read from the text may be (time zones, "yesterday"); a day of publication gets a day more.
    `a_dates`/`b_dates` are every report's date of a cluster (default: the event's own)."""
    parts: dict[str, float] = {}
    conflict = False
    d, hard = _date_term(
        dating(a) if a_dates is None else a_dates, dating(b) if b_dates is None else b_dates, tolerance_days
    )
    parts["date"], conflict = d, conflict or hard
    p, hard = _place_term(a, b)
    parts["place"], conflict = p, conflict or hard
    parts["fields"] = _field_term(a, b, types)
    parts["wires"] = _SHARED_WIRE if _credits(a) & _credits(b) else 0.0
    parts["text"] = round(_TEXT_WEIGHT * sentence_similarity(a, b), 3)
    return Score(round(sum(parts.values()), 3), conflict, parts)


def _date_term(da: Sequence[Dating], db: Sequence[Dating], tolerance: int) -> tuple[float, bool]:
    if not da or not db:
        return 0.0, False  # unknown is not conflicting
    best, conflict = _FAR_DAY * 10, False
    for x in da:
        for y in db:
            value, hard = _pair_term(x, y, tolerance)
            best, conflict = max(best, value), conflict or hard
    # a cluster whose reports date a meeting over days of its own (19 November written, the 20th a filing day), and
    # a report of its closing day (21): near one of those days, it does not conflict with the others
    spread = max(_days_spanned(da), _days_spanned(db)) >= 1
    return best, conflict and not (spread and best >= _NEAR_DAY)


def _days_spanned(ds: Sequence[Dating]) -> int:
    days = [d.day for d in ds]
    return (max(days) - min(days)).days if days else 0


def _pair_term(x: Dating, y: Dating, tolerance: int) -> tuple[float, bool]:
    days = abs((x.day - y.day).days)
    if days == 0:
        return _SAME_DAY, False
    slack = tolerance + max(_DATE_SLACK[x.source], _DATE_SLACK[y.source]) + x.day_only + y.day_only
    if days <= slack:
        return _NEAR_DAY, False
    if x.source in MENTION_DATE_SOURCES and y.source in MENTION_DATE_SOURCES:
        return _FAR_DAY, True
    return _FAR_DAY - _FAR_DAY_STEP * (days - slack), False


def _place_term(a: Event, b: Event) -> tuple[float, bool]:
    la, lb = getattr(a, "location", None), getattr(b, "location", None)
    if la is None or lb is None:
        return 0.0, False
    sa, sb = la.source or UNSOURCED_PLACE, lb.source or UNSOURCED_PLACE
    if "mention" in (sa, sb):
        return 0.0, False
    if la.name.casefold() == lb.name.casefold() or _one_city(la.name, lb.name, la.country, lb.country):
        return min(_SAME_PLACE[sa], _SAME_PLACE[sb]), False
    if sa == "venue" and sb == "venue":
        return -1.0, True  # two venues in two cities: two meetings
    if sa == "dateline" and sb == "dateline":
        return 0.0, False  # two outlets' desks
    other_state = la.country is not None and lb.country is not None and la.country != lb.country
    return (_OTHER_STATE_WEAK if other_state else _OTHER_CITY_WEAK), False


def _one_city(a: str, b: str, ca: str | None, cb: str | None) -> bool:
    """'Delhi' and 'New Delhi', 'Washington' and 'Washington, D.C.', 'Port of Spain' and 'Port-of-Spain': in one
    state, a name whose words begin or end the other's is one city spelled two ways."""
    if ca is None or ca != cb:
        return False
    wa, wb = re.findall(r"\w+", a.casefold()), re.findall(r"\w+", b.casefold())
    short, long = sorted((wa, wb), key=len)
    return bool(short) and (long[: len(short)] == short or long[-len(short) :] == short)


def _field_term(a: Event, b: Event, types: EventTypes) -> float:
    if a.event_type not in types.event_types():
        return 0.0
    rule = types.get(a.event_type).merge
    ka, kb = rule.distinguish(a), rule.distinguish(b)
    term = _FIELD_DIFFERS if ka is not None and kb is not None and ka != kb else 0.0
    if rule.subject is not None:
        sa, sb = rule.subject(a), rule.subject(b)
        if sa and sb and not sa & sb:
            term += _FIELD_DIFFERS
    return term


def _credits(e: Event) -> set[str]:
    return {c.casefold() for m in e.mentions for c in m.credits}


@functools.lru_cache(maxsize=4096)  # a cluster's sentences are scored against every report of its key
def _words(sentence: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(sentence.lower()) if w not in _STOP)


def sentence_similarity(a: Event, b: Event) -> float:
    """The best word-set Jaccard between a mention sentence of each."""
    wa = [_words(m.sentence) for m in a.mentions[:_MAX_SENTENCES]]
    wb = [_words(m.sentence) for m in b.mentions[:_MAX_SENTENCES]]
    best = 0.0
    for x in wa:
        for y in wb:
            if x and y:
                best = max(best, len(x & y) / len(x | y))
    return best


def explain(s: Score) -> dict[str, Any]:
    """The score as a log-friendly dict."""
    return {"total": s.total, "conflict": s.conflict, **s.parts}
