"""Dates resolve against publication: weekdays to the latest such day, month-days to the nearest year."""

from __future__ import annotations

from datetime import date

import pytest
from dipevents.core.dates import find_dates, period_end, resolve_text

REF = date(2013, 4, 29)  # a Monday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("talks held in Moscow Monday", date(2013, 4, 29)),
        ("they met on Wednesday", date(2013, 4, 24)),
        ("earlier today", date(2013, 4, 29)),
        ("yesterday", date(2013, 4, 28)),
        ("on April 29", date(2013, 4, 29)),
        ("on Dec. 30", date(2012, 12, 30)),
        ("on 28 April", date(2013, 4, 28)),
        ("July 9/2018", date(2018, 7, 9)),
        ("on October 11 and 12, 1986", date(1986, 10, 11)),
    ],
)
def test_day_resolution(text: str, expected: date) -> None:
    """Each wire-style date expression resolves to the right day."""
    days = [d for d in find_dates(text, REF) if d.precision == "day"]
    assert days and days[0].value == expected


def test_month_and_year_precision_and_since() -> None:
    """'in June' is the last June; 'in 2003' is a year; a date after 'since' is flagged."""
    ds = find_dates("They last met in June. Koizumi visited in 2003. The first call since December 2022.", REF)
    june, y2003, dec = ds
    assert (june.value, june.precision) == (date(2012, 6, 1), "month")
    assert period_end(june) == date(2012, 6, 30)
    assert (y2003.value, y2003.precision) == (date(2003, 1, 1), "year")
    assert dec.since


def test_without_publication_date_only_explicit_years_resolve() -> None:
    """No reference date: weekdays are unknown (null, not guessed)."""
    assert resolve_text("Monday", None) is None
    assert resolve_text("April 29, 2013", None) == date(2013, 4, 29)
