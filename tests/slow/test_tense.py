"""The wire's own tense (core/extractors/tense.py): meetings the copy announces are not summits; held ones are."""

from __future__ import annotations

from typing import Any

import pytest
from dipevents.testing import make_article

from tests.slow.sentences import states_found


def summits(pipeline: Any, body: str) -> list[list[str]]:
    return states_found(pipeline, body, "summit")


@pytest.mark.parametrize(
    "body",
    [
        # a calendar date after publication in the meeting's own phrase
        "Officials linked the tariff pause to the March 20 summit between Joe Biden and Justin Trudeau in Ottawa.",
        # a present tense in a clause of time under a future or a hope
        "Trudeau will press the lumber dispute when he sits down with Joe Biden in Ottawa.",
        "Japanese Prime Minister Fumio Kishida says he hopes to raise fisheries when he meets South Korean "
        "President Yoon Suk Yeol.",
        # a proposal that they meet
        "Japanese Prime Minister Fumio Kishida proposed in a letter to South Korean President Yoon Suk Yeol that "
        "they meet in Tokyo.",
        # the noun itself announced
        "The upcoming talks between Joe Biden and Justin Trudeau in Ottawa drew protesters.",
        "Two rounds of talks between Joe Biden and Justin Trudeau scheduled for Thursday and Friday top the agenda.",
        "Kishida sent Yoon a note in advance of their meeting in Seoul.",
    ],
)
def test_announced_meetings_are_not_summits(pipeline: Any, body: str) -> None:
    """A meeting stated in the tense or words of an announcement gives no summit."""
    assert summits(pipeline, body) == []


@pytest.mark.parametrize(
    "body",
    [
        "Joe Biden met Justin Trudeau in Ottawa on March 4.",
        "The long-planned talks between Joe Biden and Justin Trudeau opened in Ottawa on Monday.",
        "Trudeau raised the lumber dispute when he sat down with Joe Biden in Ottawa on Monday.",
        "Biden and Trudeau took questions after they met for two hours in Ottawa on Monday.",
    ],
)
def test_reported_meetings_stay_summits(pipeline: Any, body: str) -> None:
    """Past, perfect and planned-then-held meetings are reported, not announced."""
    assert summits(pipeline, body) == [["CAN", "USA"]]


@pytest.mark.parametrize(
    "body",
    [
        # a simple present dated by a weekday: the wire's schedule
        "Indonesian President Prabowo Subianto meets Australian Prime Minister Anthony Albanese on Friday in Jakarta.",
        # Saturday and Sunday are weekdays too
        "Albanese meets Indonesian President Prabowo Subianto and Vice President Gibran on Sunday afternoon, "
        "officials said.",
        "Albanese flies to Jakarta on Thursday. He holds talks with Indonesian President Prabowo Subianto on Friday "
        "and Saturday.",
        # a present clause hanging off the schedule shares its time
        "Lula sees Argentine President Javier Milei once more on Friday in Montevideo, where the Mercosur "
        "presidents hold their summit.",
        # not yet
        "Albanese has yet to speak with Indonesian President Prabowo Subianto about the fishing dispute.",
    ],
)
def test_a_schedule_in_the_present_and_a_meeting_not_yet_held_are_no_summits(pipeline: Any, body: str) -> None:
    """'meets X on Friday' announces; 'has yet to speak with' denies."""
    assert summits(pipeline, body) == []


@pytest.mark.parametrize(
    ("body", "found"),
    [
        # an interval back from the sentence's own event dates the meeting weeks before publication
        (
            "The fisheries pact comes two months after Australian Prime Minister Anthony Albanese held talks with "
            "Indonesian President Prabowo Subianto in Jakarta.",
            [],
        ),
        # hours or days after is this week's news; a past tense with a weekday is a report; 'yet again' is no denial
        (
            "The pact came hours after Australian Prime Minister Anthony Albanese met Indonesian President Prabowo "
            "Subianto in Jakarta.",
            [["AUS", "IDN"]],
        ),
        ("Albanese met Indonesian President Prabowo Subianto on Monday in Jakarta.", [["AUS", "IDN"]]),
        ("Albanese and Indonesian President Prabowo Subianto met yet again in Jakarta on Monday.", [["AUS", "IDN"]]),
    ],
)
def test_an_interval_before_a_clause_of_after_dates_the_meeting(pipeline: Any, body: str, found: list[Any]) -> None:
    """'comes two months after they met': background; 'came hours after they met': news."""
    assert summits(pipeline, body) == found


def test_what_a_copula_says_of_a_meeting_dates_it(pipeline: Any) -> None:
    """'The last meeting ... was X's visit in January 2023' is history; 'The meeting ... was on Monday' is news."""
    old = (
        "The last meeting between Brazilian and Argentine heads of state was President Lula's visit to Buenos Aires "
        "in January 2023."
    )
    new = "The meeting between Brazilian President Lula and Argentine President Javier Milei was on Monday in Brasilia."
    assert (summits(pipeline, old), summits(pipeline, new)) == ([], [["ARG", "BRA"]])


def test_a_later_date_in_a_clause_of_the_topic_does_not_announce_the_call(pipeline: Any) -> None:
    """'talked about the report that X will present on Monday': the clause of the noun tells the report's time."""
    held = (
        "Spanish Prime Minister Pedro Sanchez and Portuguese Prime Minister Antonio Costa talked late on Tuesday "
        "about the audit that the commission will publish on Friday, aides in Madrid said."
    )
    events = pipeline.process_article(make_article(held, published_at="2023-05-17T09:00:00+02:00"))
    assert [e.countries for e in events if e.event_type == "summit"] == [["ESP", "PRT"]]
    ahead = "Pedro Sanchez and Antonio Costa hold talks in Lisbon on Friday about the audit."
    events = pipeline.process_article(make_article(ahead, published_at="2023-05-17T09:00:00+02:00"))
    assert [e.countries for e in events if e.event_type == "summit"] == []
