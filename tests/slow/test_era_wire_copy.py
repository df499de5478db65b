"""Wire copy of 1979-85 and 1989-93: leaders of the era by name (data/leaders.json), men tipped as a future leader
(core/actors.py), hyphenated given names of officials (core/extractors/syntax.py)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.slow.sentences import keys


@pytest.mark.parametrize(
    ("body", "published_at", "expected"),
    [
        # a president known only by name and a bare title: his state from the knowledge base
        (
            "President Carter and Soviet leader Leonid Brezhnev met for three hours at the Soviet embassy on Sunday.",
            "1979-06-17T20:00:00+02:00",
            {("summit", ("SUN", "USA"))},
        ),
        (
            "Chancellor Helmut Schmidt held talks with head of state Erich Honecker at his hunting lodge on Friday.",
            "1981-12-11T20:00:00+01:00",
            {("summit", ("DDR", "DEU"))},
        ),
        (
            "President Reagan spent two hours with General Efrain Rios Montt at a military airfield on Saturday.",
            "1982-12-04T20:00:00-06:00",
            {("summit", ("GTM", "USA"))},
        ),
        # out of office on the day: a recall, not a participant
        (
            "President Bush said on Monday he had met Mr. Carter to discuss the Haiti mission.",
            "1994-09-19T20:00:00-04:00",
            set(),
        ),
    ],
)
def test_leaders_of_the_era_by_name(pipeline: Any, body: str, published_at: str, expected: set[Any]) -> None:
    assert {k for k in keys(pipeline, body, published_at) if k[0] == "summit"} == expected


def test_a_man_tipped_as_the_next_leader_is_not_one(pipeline: Any) -> None:
    body = (
        "LONDON, Dec 16 - Prime Minister Margaret Thatcher spent four hours with Mikhail Gorbachev, widely seen as the "
        "next Soviet leader, at Chequers on Sunday. British officials said the talks covered arms control."
    )
    assert keys(pipeline, body, "1984-12-16T18:00:00+00:00") == set()


@pytest.mark.parametrize(
    "body",
    [
        "President Roh Tae-woo said he had told Foreign Minister Chung Won-shik to open preparations for the talks.",
        "President Roh Tae-woo ordered Defence Minister Kang Young-hoon to step up preparations for the exercise.",
    ],
)
def test_an_official_with_a_hyphenated_given_name_is_a_body(pipeline: Any, body: str) -> None:
    """'Han Sung-joo': the tagger reads the lower-case tail of the name as a common noun; it is still a name."""
    assert ("ministry_instruction", ("KOR",)) in keys(pipeline, body, "1991-03-28T18:00:00+09:00")


def test_a_defence_force_is_an_armed_force(pipeline: Any) -> None:
    body = "Prime Minister Robert Mugabe said he had ordered the Zimbabwe Defence Force to pull its units back from the border."
    assert ("ministry_instruction", ("ZWE",)) in keys(pipeline, body, "1983-05-10T18:00:00+02:00")


def test_the_date_of_a_document_named_in_the_order_is_not_the_orders(pipeline: Any) -> None:
    """'on the basis of the October 2, 1986, joint statement': the statement's date, not the order's."""
    body = (
        "Kohl and Mitterrand instructed their negotiators at the Vienna talks on troop cuts to accelerate the work "
        "on the basis of the October 2, 1986, joint statement."
    )
    assert ("ministry_instruction", ("DEU", "FRA")) in keys(pipeline, body, "1987-11-13T18:00:00+01:00")


def test_who_is_named_in_the_occasion_before_or_after_a_meeting_is_not_at_it(pipeline: Any) -> None:
    body = (
        "Prime Minister Bettino Craxi and President Francois Mitterrand talked for an hour at the French embassy "
        "after the memorial service for Indian Prime Minister Rajiv Gandhi."
    )
    summits = {k for k in keys(pipeline, body, "1985-06-04T18:00:00+05:30") if k[0] == "summit"}
    assert summits == {("summit", ("FRA", "ITA"))}


def test_the_two_after_a_sentence_naming_a_third_leader_are_the_pair_that_met(pipeline: Any) -> None:
    body = (
        "Prime Minister Bettino Craxi and President Francois Mitterrand talked for an hour at the French embassy "
        "after the memorial service for Indian Prime Minister Rajiv Gandhi. An Italian spokesman said the two "
        "agreed that talks between experts of the two governments on the Alpine tunnel would resume in June."
    )
    assert ("consultation_agreement", ("FRA", "ITA")) in keys(pipeline, body, "1985-06-04T18:00:00+05:30")


def test_talks_ended_without_agreeing_on_more_are_no_agreement(pipeline: Any) -> None:
    body = (
        "The foreign ministers of Ethiopia and Somalia closed two days of talks in Nairobi on Monday without "
        "agreeing to hold another round, diplomats said."
    )
    assert {k for k in keys(pipeline, body, "1986-01-20T18:00:00+03:00") if k[0] == "consultation_agreement"} == set()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Prime Minister Bob Hawke also calls on President Suharto, if the president's schedule allows.", set()),
        ("Prime Minister Bob Hawke meets President Suharto unless the talks in Bali run late.", set()),
        # a concession is no condition
        (
            "Prime Minister Bob Hawke met President Suharto in Jakarta on Monday, even if no accord was signed.",
            {("summit", ("AUS", "IDN"))},
        ),
    ],
)
def test_a_meeting_on_a_condition_is_not_held(pipeline: Any, body: str, expected: set[Any]) -> None:
    assert {k for k in keys(pipeline, body, "1988-06-13T18:00:00+07:00") if k[0] == "summit"} == expected


def test_two_states_announcing_they_will_negotiate_cuts_agreed_to_talks(pipeline: Any) -> None:
    body = (
        "Greece and Turkey will negotiate cuts in their forces on the Aegean islands, officials of both governments "
        "said on Friday."
    )
    assert ("consultation_agreement", ("GRC", "TUR")) in keys(pipeline, body, "1988-03-04T18:00:00+02:00")
