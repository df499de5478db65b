"""How real newsrooms state the three events (issue 11), on sentences written for these tests: definite
references to the article's meeting, plural references, appositions, aides and spokesmen, and each type's
shapes. Every test here failed before the rule it pins."""

from __future__ import annotations

from typing import Any

from tests.slow.sentences import keys


# -- discourse: references the rest of the article explains --------------------------------------------------
def test_leaders_of_the_two_countries_named_in_the_sentence_met(pipeline: Any) -> None:
    """'the leaders of the two countries spoke' after the sentence names the two states: their leaders' call."""
    body = (
        "Armenia and Azerbaijan have traded fire along their border for weeks, but the leaders of the two "
        "countries spoke by telephone on Tuesday evening."
    )
    assert keys(pipeline, body) == {("summit", ("ARM", "AZE"))}


def test_a_definite_reference_reports_the_leads_meeting_when_told_as_past(pipeline: Any) -> None:
    """A lead that only announces the summit, then 'The summit ended on Tuesday': the meeting took place."""
    body = (
        "Spanish Prime Minister Pedro Sanchez and Moroccan King Mohammed VI posed for photographers in Rabat on "
        "Monday before their summit. The summit ended on Tuesday with a joint declaration on migration."
    )
    assert ("summit", ("ESP", "MAR")) in keys(pipeline, body)


def test_a_definite_reference_in_the_present_or_as_a_plan_is_no_news(pipeline: Any) -> None:
    """'The summit comes a week after ...' and 'the meeting was to have covered ...' do not report a meeting."""
    for second in (
        "The summit comes a week after a row over fishing rights.",
        "The summit was to have covered fishing rights.",
    ):
        body = (
            "Spanish Prime Minister Pedro Sanchez and Moroccan King Mohammed VI posed for photographers in Rabat "
            f"on Monday before their summit. {second}"
        )
        assert keys(pipeline, body) == set(), second


def test_a_meeting_attended_by_named_leaders_is_their_meeting(pipeline: Any) -> None:
    """'The meeting was attended by ... Chancellor X of Germany and President Y': the named leaders met; a G20
    summit attended by leaders stays a setting."""
    body = (
        "Finance officials of both countries failed to settle the budget row in Brussels on Monday. The meeting "
        "was attended by the two finance ministers and by Chancellor Olaf Scholz of Germany and President "
        "Emmanuel Macron."
    )
    assert ("summit", ("DEU", "FRA")) in keys(pipeline, body)
    setting = "The G20 summit in New Delhi was attended by Joe Biden, Narendra Modi and Olaf Scholz."
    assert keys(pipeline, setting, "2023-09-10T12:00:00+00:00") == set()


def test_the_north_and_the_south_are_parties(pipeline: Any) -> None:
    """'the North agreed with the South to resume ... talks' in a Korea story: both Koreas agreed."""
    body = (
        "Tension between North Korea and South Korea eased on Tuesday. The North agreed with the South to "
        "resume talks between their military officers."
    )
    assert ("consultation_agreement", ("KOR", "PRK")) in keys(pipeline, body, "2018-06-13T09:00:00+00:00")
