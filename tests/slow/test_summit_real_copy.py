"""How real copy states a held summit besides "met" (core/events/summit.py), and the near misses."""

from __future__ import annotations

from typing import Any

import pytest

from tests.slow.sentences import states_found


def summits(pipeline: Any, body: str) -> list[list[str]]:
    return states_found(pipeline, body, "summit")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an appearance or a document given together
        (
            "Chancellor Olaf Scholz and Prime Minister Petr Fiala gave a joint news conference in Prague.",
            ["CZE", "DEU"],
        ),
        ("Prime Minister Pedro Sanchez held a press conference with President Lula in Madrid.", ["BRA", "ESP"]),
        (
            "President Gabriel Boric and President Luis Arce signed a joint declaration on lithium in La Paz.",
            ["BOL", "CHL"],
        ),
        # leaders shaking hands were in one room
        ("President William Ruto shook hands with President Yoweri Museveni at the border post.", ["KEN", "UGA"]),
        # leaders discussing with each other: two subjects, a plural of them, or a partner after 'with'
        ("President Gustavo Petro discussed the border with President Nicolas Maduro on Monday.", ["COL", "VEN"]),
        (
            "President Gustavo Petro and President Lula discussed the Amazon and trade in Brasilia on Monday.",
            ["BRA", "COL"],
        ),
        # an embrace or an opening done together
        ("President Lula hugged President Gustavo Petro at the airport in Bogota.", ["BRA", "COL"]),
        (
            "President Vladimir Putin and President Recep Tayyip Erdogan inaugurated a gas hub in Istanbul on Monday.",
            ["RUS", "TUR"],
        ),
        # a later occasion's time does not make the talks before it planned
        (
            "Prime Minister Rishi Sunak flew home after talks with Chancellor Olaf Scholz ahead of his trip to "
            "Warsaw next week.",
            ["DEU", "GBR"],
        ),
    ],
)
def test_held_meetings_in_other_words(pipeline: Any, body: str, expected: list[str]) -> None:
    """A joint press conference or declaration, a press conference with a leader, shaking hands, talks before
    a later trip: summits of the two leaders' states."""
    assert summits(pipeline, body) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        # announced, refused, or another sense
        "Chancellor Olaf Scholz will give a joint news conference with Prime Minister Petr Fiala on Friday.",
        "President William Ruto refused to shake hands with President Yoweri Museveni.",
        "President William Ruto shook up his cabinet after President Yoweri Museveni spoke on the radio.",
        # one leader at a press conference, the other only named in what was said
        "Prime Minister Pedro Sanchez told a press conference that President Lula had been right.",
        # one leader discussing something, or with his own ministers
        "President Gustavo Petro discussed the budget on Monday, President Lula said.",
        "President Gustavo Petro discussed the floods with his ministers before President Lula arrived.",
        "President Gustavo Petro and President Lula exchanged messages on Monday.",
        "President Gustavo Petro hugged his daughter after President Lula left.",
        "President Vladimir Putin inaugurated a bridge on Monday, President Recep Tayyip Erdogan said.",
        # a handshake in the present tense captions a photo, of any year
        "President William Ruto shakes hands with President Yoweri Museveni in an archive picture.",
        # a joint statement is also issued by leaders apart
        "President Gabriel Boric and President Luis Arce issued a joint statement on the floods.",
        # a date written with hyphens after publication: a meeting still to come
        "Officials tied the decision to an April-11-12 summit of President Gabriel Boric and President Luis Arce.",
    ],
)
def test_near_misses_are_not_summits(pipeline: Any, body: str) -> None:
    """Announced, refused, another sense, one leader speaking, a joint statement, a hyphenated future date."""
    assert summits(pipeline, body) == []


def test_the_meeting_the_article_dated_as_background_stays_background(pipeline: Any) -> None:
    """'the call with X' after the article dated a call of the same leaders weeks back is that recalled call;
    once the article reports a new meeting of theirs, or the sentence gives a date, it is news again."""
    recalled = (
        "Reporters learnt that, in a telephone call in mid-January, President Javier Milei may have asked "
        "President Lula for gas. Milei later described the call with Lula as cordial."
    )
    assert summits(pipeline, recalled) == []
    held_since = (
        "President Javier Milei telephoned President Lula in January. Milei received Lula in Buenos Aires on "
        "Monday. Milei described the meeting with Lula as cordial."
    )
    assert summits(pipeline, held_since) == [["ARG", "BRA"]]
    dated = "President Javier Milei telephoned President Lula in January. Milei held the call with Lula on Monday."
    assert summits(pipeline, dated) == [["ARG", "BRA"]]


def test_the_meeting_with_x_after_the_visitor_is_their_meeting(pipeline: Any) -> None:
    """'The meeting with X' in a sentence naming X alone, told as past, is X's meeting with the leader the story
    was just about; told as a plan, or as 'a meeting', it is not."""
    held = (
        "Prime Minister Mark Rutte flew to Warsaw on Monday. The meeting with President Andrzej Duda lasted two hours."
    )
    assert summits(pipeline, held) == [["NLD", "POL"]]
    planned = (
        "Prime Minister Mark Rutte flew to Warsaw on Monday. The meeting with President Andrzej Duda will last an hour."
    )
    assert summits(pipeline, planned) == []
    indefinite = (
        "Prime Minister Mark Rutte flew to Warsaw on Monday. A meeting with President Andrzej Duda lasted an hour."
    )
    assert summits(pipeline, indefinite) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "President Cyril Ramaphosa and President Bola Tinubu co-chaired the bi-national commission in Cape Town "
            "on Tuesday.",
            [["NGA", "ZAF"]],
        ),
        # one leader chairing with no partner, and a co-chairmanship still to come
        ("President Cyril Ramaphosa co-chaired the investment forum in Cape Town on Tuesday.", []),
        (
            "President Cyril Ramaphosa and President Bola Tinubu will co-chair the bi-national commission in Abuja "
            "next year.",
            [],
        ),
    ],
)
def test_leaders_who_co_chaired_a_body_met(pipeline: Any, body: str, expected: list[Any]) -> None:
    """'X and Y co-chaired the commission' (split by the tokenizer into 'co' '-' 'chaired'): a co-chair is a
    meeting verb between the parties."""
    assert summits(pipeline, body) == expected
