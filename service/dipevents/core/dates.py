"""Date expressions in wire copy, resolved against the article's publication date.

"Monday", "on Wednesday", "earlier today", "yesterday", "on April 29", "Aug. 18", "July 9/2018", "in June",
"in 2003". Weekdays resolve to the latest such day on or before publication (wire copy reports the past);
month-day without a year takes the year that puts it nearest to publication.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Precision = Literal["day", "month", "year"]

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_MON = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "mdy",
        re.compile(
            rf"\b{_MON}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:and|-|–|to)\s*\d{{1,2}})?(?:(?:,\s*|/|\s+)(?P<year>(?:19|20)\d\d))?\b(?!\s*(?:%|percent|million|billion|people|km|years))"
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
    ("weekday", re.compile(r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
    (
        "rel",
        re.compile(
            r"\b(?P<rel>earlier today|today|this morning|this afternoon|this evening|tonight|yesterday|last night"
            r"|on the eve)\b",
            re.IGNORECASE,
        ),
    ),
]
_REL_OFFSET = {"yesterday": -1, "last night": -1, "on the eve": -1}
# Words that date the clause itself, not the event ("the first contact since December 2022").
_SINCE = re.compile(r"\b(?:since|after|ago|before|until|for the first time in)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: date
    precision: Precision
    since: bool = False  # the date follows "since"/"before": it dates a contrast, not the event


def find_dates(text: str, ref: date | None) -> list[DateMention]:
    found: list[DateMention] = []
    taken = bytearray(len(text))  # 1 where a date was already found (a list of spans made this quadratic)
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if taken.find(1, m.start(), m.end()) >= 0:
                continue
            value, precision = _resolve(kind, m, ref)
            if value is None:
                continue
            since = bool(_SINCE.search(text[max(0, m.start() - 30) : m.start()])) or text[
                m.start() : m.start() + 6
            ].lower().startswith(("since", "until"))
            found.append(DateMention(m.start(), m.end(), value, precision, since))
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


def _resolve(kind: str, m: re.Match[str], ref: date | None) -> tuple[date | None, Precision]:
    gd = m.groupdict()
    year = int(gd["year"]) if gd.get("year") else None
    if kind in ("mdy", "dmy"):
        month = _MONTHS[gd["mon"].lower().rstrip(".")]
        day = int(gd["day"])
        if year is None:
            if ref is None:
                return None, "day"
            return _nearest_year(month, day, ref), "day"
        return _safe(year, month, day), "day"
    if kind == "month":
        month = _MONTHS[gd["mon"].lower().rstrip(".")]
        if year is None:
            if ref is None:
                return None, "month"
            # "in June" is the last June; "by (the end of) March", "until March" look ahead
            ahead = m.group(0).lower().startswith(("by", "until", "before"))
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
        back = (ref.weekday() - _WEEKDAYS[gd["wd"].lower()]) % 7
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
