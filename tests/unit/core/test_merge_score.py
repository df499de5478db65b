"""The merge score: date distance by how each date was found, places, type fields, wires, sentences."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from dipevents.core.ids import event_id
from dipevents.core.merge_score import THRESHOLD, Dating, _one_city, score
from dipevents.core.models import EVENT_ADAPTER, Event

D = date(2023, 5, 15)


def report(
    article: str,
    day: date | None,
    how: str | None = "explicit",
    *,
    city: str | None = None,
    place_source: str = "venue",
    country: str = "KOR",
    fmt: str = "in_person",
    sentence: str = "Yoon held talks with Kishida.",
    credits: tuple[str, ...] = (),
    confidence: float | None = None,
) -> Event:
    rec: dict[str, Any] = {
        "event_id": event_id("summit", ("JPN", "KOR"), day),
        "event_type": "summit",
        "countries": ["JPN", "KOR"],
        "location": {"name": city, "country": country, "source": place_source} if city else None,
        "event_date": day,
        "date_source": how if day else None,
        "date_confidence": confidence,
        "sources": [f"outlet-{article}"],
        "confidence": 0.8,
        "extractor": "summit.v1",
        "format": fmt,
        "mentions": [
            {
                "article_id": article,
                "source": f"outlet-{article}",
                "sentence": sentence,
                "start": 0,
                "end": len(sentence),
                "credits": list(credits),
            }
        ],
    }
    return EVENT_ADAPTER.validate_python(rec)


def test_same_day_merges_without_a_place_and_a_day_apart_too() -> None:
    """Unknown places do not conflict; a day apart is time zones or 'yesterday'."""
    a = report("a", D)
    assert score(a, report("b", D, sentence="The leaders met.")).same_event
    assert score(a, report("b", D + timedelta(days=1), "relative", sentence="The leaders met.")).same_event


def test_written_dates_days_apart_are_a_conflict_whatever_else_agrees() -> None:
    """Two meetings of one pair three days apart never merge, even in one city with one sentence and one wire."""
    a = report("a", D, city="Seoul", credits=("Yonhap",))
    b = report("b", D + timedelta(days=3), "relative", city="Seoul", credits=("Yonhap",))
    s = score(a, b)
    assert s.conflict and not s.same_event
    assert s.parts["text"] > 0 and s.parts["wires"] > 0


def test_a_publication_day_is_looser_than_a_written_date() -> None:
    """An undated report published two days later may still be the meeting; four days later it is against."""
    a = report("a", D)
    two = score(a, report("b", D + timedelta(days=2), "publication", sentence="The leaders met."))
    four = score(a, report("b", D + timedelta(days=4), "publication", sentence="The leaders met."))
    assert two.same_event and not two.conflict
    assert not four.same_event and not four.conflict and four.parts["date"] < 0


def test_a_dateline_date_is_a_filing_day_not_a_meeting_day() -> None:
    """A report datelined two days after a dated meeting ('returned home Thursday from the three-day visit') may
    still tell it; far off it counts against without a conflict, which only two dates written in mentions make."""
    a = report("a", D, city="Hanoi")
    filed = score(a, report("b", D + timedelta(days=2), "dateline", city="Hanoi", sentence="The two leaders met."))
    assert filed.same_event and not filed.conflict
    late = score(a, report("b", D + timedelta(days=6), "dateline", city="Hanoi", sentence="The two leaders met."))
    assert not late.same_event and not late.conflict


def test_day_only_weekday_gets_a_day_more() -> None:
    """A weekday resolved against a time known only to the day may be a day off."""
    a = report("a", D)
    loose = report("b", D + timedelta(days=2), "relative", confidence=0.7, sentence="The leaders met.")
    firm = report("b", D + timedelta(days=2), "relative", confidence=0.85, sentence="The leaders met.")
    assert score(a, loose).same_event and score(a, firm).conflict


def test_two_venues_in_two_cities_conflict_but_a_dateline_or_a_mention_does_not() -> None:
    """Seoul and Hiroshima as venues: two meetings; a desk's dateline or a city only mentioned is weaker."""
    seoul = report("a", D, city="Seoul")
    assert score(seoul, report("b", D, city="Hiroshima", country="JPN")).conflict
    weak = score(seoul, report("b", D, city="Tokyo", country="JPN", place_source="dateline"))
    assert not weak.conflict and weak.parts["place"] < 0
    assert score(seoul, report("b", D, city="Tokyo", country="JPN", place_source="mention")).parts["place"] == 0


def test_a_phone_call_the_day_after_a_meeting_stays_apart() -> None:
    """Same pair, a day apart, other format, other wording: below the threshold."""
    meeting = report("a", D, city="Paris", country="FRA", sentence="Macron hosted Scholz at the Elysee for talks.")
    call = report("b", D + timedelta(days=1), "relative", fmt="phone", sentence="Scholz and Macron spoke by telephone.")
    s = score(meeting, call)
    assert not s.conflict and s.total < THRESHOLD


def test_a_cluster_counts_its_nearest_report_date_and_conflicts_with_any_far_written_one() -> None:
    """Every report's date of a cluster counts: the nearest for, any written one too far against."""
    late = report("c", D + timedelta(days=3), "publication", sentence="The leaders met.")
    cluster = report("a", D)
    dates = [Dating(D, "explicit"), Dating(D + timedelta(days=1), "relative")]
    assert not score(late, cluster).same_event
    assert score(late, cluster, b_dates=dates).same_event
    written = report("c", D + timedelta(days=3), "explicit", sentence="The leaders met.")
    assert score(written, cluster, b_dates=dates).conflict


def test_a_cluster_dated_over_two_days_takes_a_report_of_the_day_after_them() -> None:
    """Reports written as days 1 and 2 of a meeting, and one of its closing day 3: near day 2, not against day 1."""
    closing = report("c", D + timedelta(days=2), "explicit", sentence="The leaders met.")
    cluster = report("a", D)
    over_two_days = [Dating(D, "explicit"), Dating(D + timedelta(days=1), "explicit")]
    assert not score(closing, cluster, b_dates=over_two_days).conflict
    assert score(closing, cluster, b_dates=[Dating(D, "explicit")]).conflict  # one day, two days off: two


def test_talks_without_a_venue_may_be_the_call_a_meeting_with_one_is_not() -> None:
    """A report that only says 'held talks' leaves the format unsaid and joins a call a day off; a meeting that
    a venue places is in person, and a call the next day is another occasion (against, not a conflict)."""
    call = report("a", D, fmt="phone", sentence="Scholz and Macron spoke by telephone.")
    talks = report("b", D + timedelta(days=1), "relative", sentence="The chancellor held talks with the president.")
    unsaid = score(call, talks)
    assert unsaid.parts["fields"] == 0 and unsaid.same_event
    placed = report("b", D + timedelta(days=1), "relative", city="Paris", country="FRA", sentence="They met.")
    said = score(call, placed)
    assert said.parts["fields"] < 0 and not said.conflict and not said.same_event


def test_an_instruction_given_on_a_call_a_day_after_one_given_in_person_is_another() -> None:
    """Two instructions of one pair a day apart: the kind of meeting each was given at (`occasion`, from its
    article's meeting) tells them apart; the same kind, or one left unsaid, still merges."""
    from dipevents.testing import make_event

    def instruction(article: str, day: date, occasion: str | None, sentence: str) -> Event:
        return make_event(
            "ministry_instruction",
            countries=("GRC", "TUR"),
            day=day,
            article_id=article,
            sentence=sentence,
            city=None,
            date_source="relative",
            occasion=occasion,
        )

    said = "The two leaders told their foreign ministers to draft a road map."
    other = "During the call the leaders ordered the coastguards to share radar data."
    met = instruction("a", D, "in_person", said)
    assert not score(met, instruction("b", D + timedelta(days=1), "phone", other)).same_event
    assert score(met, instruction("c", D + timedelta(days=1), "in_person", other)).same_event
    assert score(met, instruction("d", D + timedelta(days=1), None, other)).same_event


def test_two_orders_of_one_leader_a_day_apart_with_nothing_in_common_are_two() -> None:
    """What an instruction was about (addressees and task) tells two orders of one leader apart; reports naming the
    same addressees in other forms ('the foreign ministry', 'foreign ministries') still merge, and a report that
    names none is not held against the others."""
    from dipevents.testing import make_event

    def order(article: str, day: date, bodies: list[str], directive: str | None) -> Event:
        return make_event(
            "ministry_instruction",
            countries=("BRA",),
            day=day,
            article_id=article,
            sentence=f"The president told the {' and '.join(bodies) or 'cabinet'} to {directive or 'act'}.",
            city=None,
            date_source="dateline",
            instructed=[{"name": b, "countries": ["BRA"]} for b in bodies],
            directive=directive,
        )

    trade = order("a", D, ["foreign ministry"], "open tariff talks with Argentina")
    assert not score(trade, order("b", D + timedelta(days=1), ["army"], "clear the highway blockades")).same_event
    assert score(trade, order("c", D + timedelta(days=1), ["foreign ministries"], None)).same_event
    # one order in other words: bodies of one kind ('the military', 'the army') are not 'nothing in common'
    strike = order("e", D, ["military"], "respond to the drone strike")
    assert score(strike, order("f", D + timedelta(days=1), ["army"], "retaliate against the attack")).same_event
    assert score(
        order("g", D, ["foreign ministries"], None), order("h", D + timedelta(days=1), ["ministry"], None)
    ).same_event
    assert score(trade, order("d", D + timedelta(days=1), [], None)).same_event


@pytest.mark.parametrize(
    ("a", "b", "one"),
    [
        (("Delhi", "IND"), ("New Delhi", "IND"), True),
        (("Washington", "USA"), ("Washington, D.C.", "USA"), True),
        (("Port of Spain", "TTO"), ("Port-of-Spain", "TTO"), True),
        (("Cape Town", "ZAF"), ("Pretoria", "ZAF"), False),
        (("Georgetown", "GUY"), ("George Town", "MYS"), False),
    ],
)
def test_one_city_spelled_two_ways(a: tuple[str, str], b: tuple[str, str], one: bool) -> None:
    """Two venues' names in one state, one's words beginning or ending the other's: one city, no conflict."""
    assert _one_city(a[0], b[0], a[1], b[1]) is one


def test_a_cluster_keeps_the_kind_a_later_report_said() -> None:
    """An unsaid 'held talks' report first, a call joining it: the cluster is the call (the kind a report said),
    so a meeting a venue places the day before stays another occasion, whatever order the reports came in."""
    from dipevents.core.merge_reports import merge_events

    talks = report("a", D + timedelta(days=1), "publication", sentence="Their talks set up the zone.")
    call = report("b", D + timedelta(days=1), "relative", fmt="phone", sentence="They spoke by telephone.")
    call = EVENT_ADAPTER.validate_python({**call.model_dump(mode="json"), "occasion": "phone"})
    cluster = merge_events(talks, call)
    meeting = report("c", D, city="Sochi", country="RUS", sentence="Talks at the residence lasted four hours.")
    meeting = EVENT_ADAPTER.validate_python({**meeting.model_dump(mode="json"), "occasion": "in_person"})
    s = score(meeting, cluster)
    assert s.parts["fields"] < 0 and not s.same_event
