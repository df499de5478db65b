"""When and where an article says an event happened: the date and the place chosen from its candidates'
sentences and the article's dateline, each with how it was found.

Dates, strongest first: a calendar date in a mention ("on April 29"), a weekday or "yesterday" in a mention
(resolved against the dateline's local day), the dateline's own date, the day of publication.
Places: a place named next to the meeting word ("held talks in London") is the venue; the dateline city
(LONDON —) stands in when no mention places the meeting; a city a mention names further off ("... ahead of
the G20 summit in New Delhi") is only mentioned and never beats the dateline.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from dipevents.core.dates import find_dates
from dipevents.core.knowledge import Place
from dipevents.core.normalize import Sentence
from dipevents.core.provenance import MENTION_DATE_SOURCES, DateSource, PlaceSource

# A clause or phrase boundary between the meeting word and a place: the place belongs to something else
# ("met on Monday, before flying to Paris", "talks ahead of the summit in New Delhi", "after his visit to Rome",
# "the visit followed a stop at the army headquarters in Rawalpindi").
_AWAY = re.compile(
    r"[;\u2014]|,\s*(?:who|which|where|when|while|as|then|and|but)\b"
    r"|\b(?:before|after|ahead\s+of|following|prior\s+to|en\s+route|on\s+(?:his|her|their)\s+way|then|since"
    r"|until|from|follow(?:ed|s)|preced(?:ed|es))\b",
    re.IGNORECASE,
)
# a place the meeting's clause hangs off as "where" ("a banquet hall in Pyongyang, where the two leaders talked",
# "flew on to Hanoi, where she met ..."): the place is the clause's venue, the comma no boundary
_WHERE_CLAUSE = re.compile(r"^[^,;\u2014]*,\s*where\s+[^,;\u2014]*$", re.IGNORECASE)
_TOWARDS = re.compile(r"\bto\s+(?:the\s+)?$", re.IGNORECASE)
# a venue is named within the trigger's phrase ("met ... on the sidelines of the Shanghai Cooperation
# Organization (SCO) summit in Astana"), not a sentence away
_NEAR_CHARS = 140


class HasOccasion(Protocol):
    """What an extractor's candidate tells about when and where (extractors.view.Candidate)."""

    @property
    def sentence(self) -> Sentence: ...
    @property
    def event_date(self) -> date | None: ...
    @property
    def place(self) -> Place | None: ...
    @property
    def trigger_at(self) -> int: ...


@dataclass(frozen=True)
class Dated:
    day: date | None
    source: DateSource | None


def candidate_dates(cands: Iterable[HasOccasion], ref: date | None) -> list[tuple[DateSource, date]]:
    """Each candidate's date with how it was written: a weekday resolved to a day is relative."""
    out: list[tuple[DateSource, date]] = []
    for c in cands:
        if c.event_date is None:
            continue
        written = [
            d
            for d in find_dates(c.sentence.text, ref)
            if d.value == c.event_date and d.precision == "day" and not d.since and not d.ahead
        ]
        out.append(("explicit" if any(not d.relative for d in written) else "relative", c.event_date))
    return out


def choose_date(
    cands: Sequence[HasOccasion], ref: date | None, dateline_day: date | None, fallback: Dated | None = None
) -> Dated:
    """The event's date: the strongest kind of evidence its mentions give (the most common day of that kind),
    else the dateline's date, else `fallback` (the article's summit of the same states), else publication."""
    votes = candidate_dates(cands, ref)
    for kind in MENTION_DATE_SOURCES:
        days = [d for k, d in votes if k == kind]
        if days:
            return Dated(Counter(days).most_common(1)[0][0], kind)
    if dateline_day is not None:
        return Dated(dateline_day, "dateline")
    if fallback is not None and fallback.day is not None:
        return fallback
    if ref is not None:
        return Dated(ref, "publication")
    return Dated(None, None)


def _place_at(c: HasOccasion) -> int:
    """Where the candidate's place is named nearest its meeting word (-1: not in the sentence)."""
    if c.place is None or c.trigger_at < 0:
        return -1
    spots = [m.start() for m in re.finditer(re.escape(c.place.name), c.sentence.text)]
    return min(spots, key=lambda s: abs(s - c.trigger_at)) if spots else -1


def _goal_after(c: HasOccasion, at: int) -> bool:
    """'the summit ... read as a message to Beijing': a place after the meeting word and after "to" is an addressee
    or a goal, not the venue."""
    return at > c.trigger_at and bool(_TOWARDS.search(c.sentence.text, max(0, at - 12), at))


def _goal_of_another_moment(c: HasOccasion, at: int) -> bool:
    """'talks with Kohl ahead of her visit to Moscow next week', 'since Trump's visit to Beijing in 2017': a goal
    past a boundary to another moment is where someone went or goes then, not even a place the report names for
    this meeting ('welcomed him to Downing Street', 'his first visit to Athens' are)."""
    return _goal_after(c, at) and bool(_AWAY.search(c.sentence.text, c.trigger_at, at))


def next_to_trigger(c: HasOccasion) -> bool:
    """Is the candidate's place named in the meeting word's own phrase?"""
    at = _place_at(c)
    if at < 0:
        return False
    lo, hi = sorted((at, c.trigger_at))
    between = c.sentence.text[lo:hi]
    if len(between) > _NEAR_CHARS:
        return False
    if at < c.trigger_at and _WHERE_CLAUSE.match(between):
        return True
    if _goal_after(c, at):
        return False
    return not _AWAY.search(between)


def choose_place(cands: Sequence[HasOccasion], dateline: Place | None) -> tuple[Place | None, PlaceSource | None]:
    """The venue next to a trigger (the most common; the dateline city wins a tie), else the dateline city,
    else a city a mention only names (not where someone went or goes at another moment: unknown is better
    than a wrong place)."""
    venues = [c.place for c in cands if c.place is not None and next_to_trigger(c)]
    if venues:
        return _most_common_place(venues, dateline), "venue"
    if dateline is not None:
        return dateline, "dateline"
    mentioned = [c.place for c in cands if c.place is not None and not _goal_of_another_moment(c, _place_at(c))]
    if mentioned:
        return _most_common_place(mentioned, dateline), "mention"
    return None, None


def _city(p: Place) -> str:
    return p.city or p.name


def _most_common_place(places: list[Place], dateline: Place | None) -> Place:
    counts = Counter(_city(p) for p in places)
    best = max(counts.values())
    tied = [c for c, n in counts.items() if n == best]
    pick = _city(dateline) if dateline is not None and _city(dateline) in tied else tied[0]
    return next(p for p in places if _city(p) == pick)
