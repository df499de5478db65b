"""Date expressions in wire copy, resolved against the article's local day of publication.

"Monday", "on Wednesday", "earlier today", "yesterday", "last night", "tomorrow", "Thursday's summit",
"on April 29", "Aug. 18", "July 9/2018", "in June", "in 2003".

The reference day is the day it was at the dateline when the article was published (`local_day`): a US paper
dated Monday evening writes "Tuesday" about Singapore, where it is already Tuesday. Weekdays take the tense of
their clause: "next Thursday", "ahead of Thursday's summit", "will meet on Thursday" look forward (such a date
is `ahead`: it dates something still to come, never a held event); anything else is the latest such day on or
before the reference (wire copy reports the past); a month without a year looks forward in such a clause too
("will hold talks in November"). Month-day without a year takes the year nearest to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from dipevents.core.calendar_words import MONTH_PATTERN, MONTHS, WEEKDAY_PATTERN, WEEKDAYS
from dipevents.core.provenance import DateSource

Precision = Literal["day", "month", "year"]

_MON = rf"(?P<mon>{MONTH_PATTERN})\.?"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "mdy",
        re.compile(
            rf"\b{_MON}(?:\s+|-)(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:and|-|–|to)\s*\d{{1,2}})?(?:(?:,\s*|/|\s+)(?P<year>(?:19|20)\d\d))?\b(?!\s*(?:%|percent|million|billion|people|km|years))"
        ),
    ),
    ("dmy", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MON}(?:,?\s+(?P<year>(?:19|20)\d\d))?\b")),
    (
        "month",
        re.compile(
            rf"\b(?:(?:by|until|before)\s+(?:the\s+)?(?:end|middle|start|beginning)\s+of|in|since|during|last|early|late|mid-|until|by|of)\s+(?:early\s+|late\s+|mid-)?{_MON}(?:\s+(?P<year>(?:19|20)\d\d))?\b"
        ),
    ),
    (
        "year",
        re.compile(
            r"\b(?:in|since|during|of|until|by|from|and|between)\s+(?:early\s+|late\s+|mid-)?(?P<year>(?:19|20)\d\d)\b(?!-)"
        ),
    ),
    ("weekday", re.compile(rf"\b(?P<wd>{WEEKDAY_PATTERN})\b")),
    (
        "rel",
        re.compile(
            r"\b(?P<rel>earlier today|today|this morning|this afternoon|this evening|tonight|the day before yesterday"
            r"|yesterday|last night|overnight|tomorrow|on the eve)\b",
            re.IGNORECASE,
        ),
    ),
]
_REL_OFFSET = {
    "yesterday": -1,
    "last night": -1,
    "overnight": -1,
    "on the eve": -1,
    "the day before yesterday": -2,
    "tomorrow": 1,
}
# The tense of a weekday's clause, read in the words before it (back to the clause's start): "next Thursday",
# "ahead of Thursday's summit", "will meet on Thursday" look forward; "last Thursday" is before today.
_CLAUSE_START = re.compile(r"[,;:()\u2014\u2013]|\s-\s|\b(?:who|which|whom|while|whereas|but)\b", re.IGNORECASE)
_AHEAD_RIGHT_BEFORE = re.compile(
    r"(?:\b(?:next|coming|upcoming|until|till|by|before)\s+(?:the\s+|this\s+)?"
    r"|\b(?:ahead\s+of|scheduled\s+for|set\s+for|slated\s+for|planned\s+for|due\s+on)\s+(?:the\s+|this\s+|a\s+)?"
    r"(?:(?:\w+\s+){0,6}on\s+)?)"
    # "ahead of a crucial EU summit in Brussels on Thursday and Friday": the day after the first looks ahead too
    r"(?:\w+\s+(?:and|or|to|through)\s+)?$",
    re.IGNORECASE,
)
_FUTURE_IN_CLAUSE = re.compile(
    r"\b(?:will|shall|won't|would|wo\s+n't|'ll|is\s+to|are\s+to|due\s+to|set\s+to|scheduled\s+to"
    r"|expected\s+to|plans?\s+to|planning\s+to|going\s+to|to\s+be\s+held|tomorrow"
    # a traveller's plain present is his schedule: "leaves for Bombay on Saturday", "flies home on Monday"
    r"|leaves|departs|flies|arrives)\b",
    re.IGNORECASE,
)
_PAST_RIGHT_BEFORE = re.compile(r"\b(?:last|previous|past)\s+$", re.IGNORECASE)
_NEXT_RIGHT_BEFORE = re.compile(r"\bnext\s+$", re.IGNORECASE)
# Words that date the clause itself, not the event ("the first contact since December 2022").
_SINCE = re.compile(r"\b(?:since|after|ago|before|until|for the first time in)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: date
    precision: Precision
    since: bool = False  # the date follows "since"/"before": it dates a contrast, not the event
    relative: bool = False  # a weekday or "yesterday": resolved against the reference day, not written out
    ahead: bool = False  # resolved forward by its clause's tense: it dates something still to come


def find_dates(text: str, ref: date | None, modal_at: Callable[[int], bool] | None = None) -> list[DateMention]:
    """The date expressions of `text`; `modal_at(start)` (from the parse, when there is one) tells whether the
    verb a weekday hangs off has a modal auxiliary, which the words before it may not show ("I will give
    instructions to A, B and C at Friday's cabinet meeting": the list's commas end the text's clause). Only a
    weekday: a month's year feeds other checks, and a plan "which could take place in May" stays last May's
    (a year-old date, background) rather than becoming this May's."""
    found: list[DateMention] = []
    taken = bytearray(len(text))  # 1 where a date was already found (a list of spans made this quadratic)
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if taken.find(1, m.start(), m.end()) >= 0:
                continue
            direction = _direction(text, m.start()) if kind in ("weekday", "month") else 0
            if direction == 0 and kind == "weekday" and modal_at is not None and modal_at(m.start()):
                direction = 1
            value, precision = _resolve(kind, m, ref, direction)
            if value is None:
                continue
            since = bool(_SINCE.search(text[max(0, m.start() - 30) : m.start()])) or text[
                m.start() : m.start() + 6
            ].lower().startswith(("since", "until"))
            relative = kind in ("weekday", "rel")
            ahead = relative and ref is not None and value > ref
            found.append(DateMention(m.start(), m.end(), value, precision, since, relative, ahead))
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return sorted(found, key=lambda d: d.start)


def resolve_text(text: str | None, ref: date | None) -> date | None:
    """The first day-precision date in a short text such as a dateline's 'April 29'."""
    if not text:
        return None
    for d in find_dates(text, ref):
        if d.precision == "day":
            return d.value
    return None


def _direction(text: str, start: int) -> int:
    """+1 when the weekday's clause looks forward, 2 for 'next', -1 for 'last', 0 for the plain past."""
    before = text[max(0, start - 80) : start]
    cuts = [m.end() for m in _CLAUSE_START.finditer(before)]
    clause = before[cuts[-1] :] if cuts else before
    if _PAST_RIGHT_BEFORE.search(clause):
        return -1
    if _NEXT_RIGHT_BEFORE.search(clause):
        return 2
    if _AHEAD_RIGHT_BEFORE.search(clause) or _FUTURE_IN_CLAUSE.search(clause):
        return 1
    return 0


def _resolve(kind: str, m: re.Match[str], ref: date | None, direction: int = 0) -> tuple[date | None, Precision]:
    gd = m.groupdict()
    year = int(gd["year"]) if gd.get("year") else None
    if kind in ("mdy", "dmy"):
        month = MONTHS[gd["mon"].lower().rstrip(".")]
        day = int(gd["day"])
        if year is None:
            if ref is None:
                return None, "day"
            return _nearest_year(month, day, ref), "day"
        return _safe(year, month, day), "day"
    if kind == "month":
        month = MONTHS[gd["mon"].lower().rstrip(".")]
        if year is None:
            if ref is None:
                return None, "month"
            # "in June" is the last June; "by (the end of) March", "until March" and a month in a clause that
            # looks forward ("will hold talks in November") look ahead
            ahead = m.group(0).lower().startswith(("by", "until", "before")) or direction > 0
            if ahead:
                year = ref.year if month >= ref.month else ref.year + 1
            else:
                year = ref.year if month <= ref.month else ref.year - 1
        return _safe(year, month, 1), "month"
    if kind == "year":
        return date(int(gd["year"]), 1, 1), "year"
    if ref is None:
        return None, "day"
    if kind == "weekday":
        wd = WEEKDAYS[gd["wd"].lower()]
        if direction > 0:  # the first such day from today on ("next": after today)
            forward = (wd - ref.weekday()) % 7 or (7 if direction == 2 else 0)
            return ref + timedelta(days=forward), "day"
        back = (ref.weekday() - wd) % 7 or (7 if direction < 0 else 0)
        return ref - timedelta(days=back), "day"
    rel = gd["rel"].lower()
    return ref + timedelta(days=_REL_OFFSET.get(rel, 0)), "day"


def _nearest_year(month: int, day: int, ref: date) -> date | None:
    options = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := _safe(y, month, day)) is not None]
    return min(options, key=lambda d: abs((d - ref).days)) if options else None


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def period_end(d: DateMention) -> date:
    """The last day a mention of the given precision can stand for."""
    if d.precision == "day":
        return d.value
    if d.precision == "month":
        nxt = date(d.value.year + (d.value.month == 12), d.value.month % 12 + 1, 1)
        return nxt - timedelta(days=1)
    return date(d.value.year, 12, 31)


def event_day(dates: Sequence[DateMention], near: int, ref: date | None, recent_days: int = 7) -> DateMention | None:
    """The day-precision date nearest to character `near` that can date a held event: not a contrast ('since
    Monday'), not ahead of publication by its tense, within `recent_days` before the reference day (or a day
    after it, for time zones the reference did not know)."""
    best: tuple[int, DateMention] | None = None
    for d in dates:
        if d.since or d.precision != "day" or d.ahead:
            continue
        if ref is not None and not (ref - timedelta(days=recent_days) <= d.value <= ref + timedelta(days=1)):
            continue
        dist = abs(d.start - near)
        if best is None or dist < best[0]:
            best = (dist, d)
    return best[1] if best else None


# -- the reference day -------------------------------------------------------------------------------------


def day_only(published_at: datetime | None) -> bool:
    """A publication time known only to the day: crawlers write midnight or noon UTC for a date without a time."""
    if published_at is None:
        return False
    offset = published_at.utcoffset()
    return (offset is None or offset == timedelta(0)) and published_at.time() in (time(0, 0), time(12, 0))


def local_day(published_at: datetime | None, zone: ZoneInfo | None) -> date | None:
    """The day it was at the dateline (`zone`) when the article was published, or the day in the publisher's own
    offset if that is later: a weekday is resolved against the latest day it plausibly was for the writer (a
    Washington desk at 23:00 writing "Friday" about Osaka means the Friday that has begun there, and a zone
    behind the publisher's clock must not push a weekday a week back). A time known only to the day keeps its
    calendar day: converting a placeholder noon would invent a day."""
    if published_at is None:
        return None
    if zone is None or day_only(published_at):
        return published_at.date()
    aware = published_at if published_at.tzinfo is not None else published_at.replace(tzinfo=UTC)
    return max(aware.astimezone(zone).date(), published_at.date())


_DATE_CONFIDENCE: dict[DateSource, float] = {"explicit": 0.95, "relative": 0.85, "dateline": 0.8, "publication": 0.5}


def date_confidence(source: DateSource | None, published_at: datetime | None) -> float | None:
    """How sure an event's date is, by how it was found: a weekday or the day of publication is only as good
    as the publication time it was resolved against."""
    if source is None:
        return None
    base = _DATE_CONFIDENCE[source]
    if source in ("relative", "publication") and (published_at is None or day_only(published_at)):
        base -= 0.15
    return base
