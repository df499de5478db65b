"""The English names of months and weekdays, from data/calendar.json: what dates reads, what hygiene takes for a
dateline's date or an abbreviation, what syndication ignores as a day word. One list, read once."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def _load() -> dict[str, Any]:
    text = (resources.files("dipevents") / "data" / "calendar.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


_DATA = _load()

# each month's full name first, then its abbreviations; January is month 1
MONTH_FORMS: tuple[tuple[str, ...], ...] = tuple(tuple(m) for m in _DATA["months"])
WEEKDAY_NAMES: tuple[str, ...] = tuple(_DATA["weekdays"])  # Monday first, as date.weekday() counts

# lower-case name or abbreviation -> month number (1-12); lower-case weekday -> 0 (Monday) .. 6
MONTHS: dict[str, int] = {form.lower(): i + 1 for i, forms in enumerate(MONTH_FORMS) for form in forms}
WEEKDAYS: dict[str, int] = {name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)}
# lower-case abbreviations only ("jan", "sept"): a full stop after one does not end a sentence
MONTH_ABBREVIATIONS: frozenset[str] = frozenset(f.lower() for forms in MONTH_FORMS for f in forms[1:])
# every lower-case month and weekday word
CALENDAR_WORDS: frozenset[str] = frozenset(MONTHS) | frozenset(WEEKDAYS)


def alternation(forms: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal words, longest first ("Sept" is tried before "Sep")."""
    return "|".join(sorted(forms, key=lambda f: (-len(f), f)))


# regex fragments, capitalised as written: every month form; the three-letter stem of each month
MONTH_PATTERN = alternation([f for forms in MONTH_FORMS for f in forms])
MONTH_STEM_PATTERN = alternation([forms[0][:3] for forms in MONTH_FORMS])
WEEKDAY_PATTERN = alternation(WEEKDAY_NAMES)
