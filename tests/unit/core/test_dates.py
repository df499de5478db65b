"""Dates resolve against publication: weekdays to the latest such day, month-days to the nearest year."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from dipevents.core.dates import (
    date_confidence,
    day_only,
    event_day,
    find_dates,
    local_day,
    period_end,
    resolve_text,
)

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


@pytest.mark.parametrize(
    ("text", "expected", "ahead"),
    [
        ("the talks came ahead of Thursday's summit", date(2013, 5, 2), True),
        ("the two will meet again on Friday", date(2013, 5, 3), True),
        ("they meet next Monday", date(2013, 5, 6), True),
        ("they met last Monday", date(2013, 4, 22), False),
        ("they met on Monday", date(2013, 4, 29), False),
        ("Xi, who will fly to Paris, met Abe on Thursday", date(2013, 4, 25), False),
        ("at Thursday's summit the two spoke", date(2013, 4, 25), False),
        ("tomorrow", date(2013, 4, 30), True),
        ("last night", date(2013, 4, 28), False),
        ("the day before yesterday", date(2013, 4, 27), False),
        # "ahead of" a longer phrase that ends "on <day>", and the day joined to it
        ("a draft was sent ahead of the regional summit of leaders in Nairobi on Wednesday", date(2013, 5, 1), True),
        # a traveller's plain present is his schedule
        ("she toured the port and flies on to Accra on Friday", date(2013, 5, 3), True),
        ("the envoy departs for Lima on Saturday", date(2013, 5, 4), True),
    ],
)
def test_weekdays_take_their_clause_tense(text: str, expected: date, ahead: bool) -> None:
    """Forward cues ('ahead of', 'will', 'next') resolve a weekday forward and mark it ahead; else backward."""
    d = next(d for d in find_dates(text, REF) if d.precision == "day")
    assert (d.value, d.ahead, d.relative) == (expected, ahead, True)


def test_a_date_ahead_never_dates_a_held_event() -> None:
    """'met ... ahead of Thursday's summit' gives the meeting no date from Thursday (it used to take the Thursday
    before); the weekday of the meeting itself wins when there is one."""
    only_ahead = "Abe met Putin ahead of Thursday's summit"
    assert event_day(find_dates(only_ahead, REF), 4, REF) is None
    both = "Abe met Putin on Sunday ahead of Thursday's summit"
    found = event_day(find_dates(both, REF), 4, REF)
    assert found is not None and found.value == date(2013, 4, 28)


def test_local_day_follows_the_dateline_zone() -> None:
    """A US paper's Monday evening is already Tuesday in Singapore: 'Tuesday' there is that day, not last week's."""
    monday_evening_ny = datetime(2018, 6, 11, 21, 30, tzinfo=timezone(timedelta(hours=-4)))
    local = local_day(monday_evening_ny, ZoneInfo("Asia/Singapore"))
    assert local == date(2018, 6, 12)
    met = next(d for d in find_dates("Trump and Kim met on Tuesday", local) if d.precision == "day")
    assert met.value == date(2018, 6, 12)
    # without a known zone the publisher's own offset decides
    assert local_day(monday_evening_ny, None) == date(2018, 6, 11)
    # a zone behind the publisher's clock never takes the day back: 03:00 UTC Friday is Thursday night in
    # Washington, but a weekday there still resolves from Friday (the latest day it plausibly was)
    assert local_day(datetime(2019, 6, 28, 3, 0, tzinfo=UTC), ZoneInfo("America/New_York")) == date(2019, 6, 28)


def test_day_only_publication_times_keep_their_day_and_lower_confidence() -> None:
    """Noon or midnight UTC is a crawler's placeholder for a date without a time: never converted, less sure."""
    noon = datetime(2018, 6, 11, 12, 0, tzinfo=UTC)
    precise = datetime(2018, 6, 11, 12, 7, tzinfo=UTC)
    assert day_only(noon) and not day_only(precise)
    assert local_day(noon, ZoneInfo("Pacific/Auckland")) == date(2018, 6, 11)
    assert local_day(precise, ZoneInfo("Pacific/Auckland")) == date(2018, 6, 12)
    sure, unsure = date_confidence("relative", precise), date_confidence("relative", noon)
    assert sure is not None and unsure is not None and unsure < sure
    assert date_confidence("relative", None) == unsure
    assert local_day(None, None) is None and date_confidence(None, None) is None


def test_a_second_day_after_a_forward_one_looks_forward_too() -> None:
    """'ahead of the summit in Nairobi on Wednesday and Thursday': both days are still to come."""
    text = "The ministers sent a draft ahead of the regional summit in Nairobi on Wednesday and Thursday."
    days = [(d.value, d.ahead) for d in find_dates(text, REF) if d.precision == "day"]
    assert days == [(date(2013, 5, 1), True), (date(2013, 5, 2), True)]


def test_a_month_in_a_clause_that_looks_forward_is_the_next_one() -> None:
    """'will hold talks in November' is the coming November; 'met in November' the last one."""
    ref = date(2007, 10, 4)
    (ahead,) = find_dates("The two sides will hold talks in November.", ref)
    (back,) = find_dates("The two sides held talks in November.", ref)
    assert (ahead.value, back.value) == (date(2007, 11, 1), date(2006, 11, 1))


def test_a_modal_the_parse_finds_turns_a_weekday_forward() -> None:
    """'will brief A, B and C at Thursday's session': the list's commas end the text's clause before 'will', so
    the parse's word (a modal on the weekday's verb) decides; without it the weekday is the one before."""
    text = "I will brief the treasury, the central bank and the planning office at Thursday's session"
    (plain,) = find_dates(text, REF)
    (parsed,) = find_dates(text, REF, modal_at=lambda _start: True)
    assert plain.value == date(2013, 4, 25) and not plain.ahead
    assert parsed.value == date(2013, 5, 2) and parsed.ahead
    # a weekday the words already turn keeps its own direction ("last Thursday" stays behind)
    (last,) = find_dates("last Thursday", REF, modal_at=lambda _start: True)
    assert last.value == date(2013, 4, 25)
