"""Who agreed to consult, as real copy names them (core/events/consultation_agreement.py, core/discourse.py):
officials named only as a group, a mediator named by its role, and verbs the tagger takes for nouns."""

from __future__ import annotations

from typing import Any

import pytest

from tests.slow.sentences import states_found


def agreements(pipeline: Any, body: str) -> list[list[str]]:
    return states_found(pipeline, body, "consultation_agreement")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # officials named only as a group: those of the last sentence that named officials of two or more states
        (
            "Chilean Foreign Minister Alberto van Klaveren received his Peruvian and Bolivian counterparts in "
            "Arica. The foreign ministers agreed to a further meet in Lima.",
            ["BOL", "CHL", "PER"],
        ),
        (
            "Chilean Foreign Minister Alberto van Klaveren received his Peruvian counterpart in Arica. The two "
            "ministers agreed to meet again before the end of the year.",
            ["CHL", "PER"],
        ),
        # one official arriving later is not in the group
        (
            "Chilean Foreign Minister Alberto van Klaveren received his Peruvian counterpart in Arica. Later, the "
            "Argentine foreign minister joined them. The ministers agreed to set up a consultation mechanism.",
            ["CHL", "PER"],
        ),
        # a mediator named by its role is not a party
        (
            "Sudan and South Sudan agreed on a framework for talks over Abyei, with Ethiopia as facilitator.",
            ["SDN", "SSD"],
        ),
        # an infinitive the tagger took for a noun
        ("Uganda and Tanzania agreed to commence negotiations on the pipeline tariffs.", ["TZA", "UGA"]),
    ],
)
def test_parties_named_by_group_or_role(pipeline: Any, body: str, expected: list[str]) -> None:
    """Officials named as a group are the states of their last group; a role after 'as' takes a mediator
    out; a misparsed infinitive still carries the talks."""
    assert agreements(pipeline, body) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        # no group of officials named before: "the ministers" stand for nobody
        "The foreign ministers agreed to a further meet in Lima.",
        # leaders agreeing to meet again plan a summit
        "President Gabriel Boric received President Dina Boluarte in Arica. The two presidents agreed to meet again "
        "in Lima.",
        # "meet" as a verb of a plan is no talk noun
        "Chile and Peru agreed on a plan to meet the export targets.",
    ],
)
def test_no_group_no_agreement(pipeline: Any, body: str) -> None:
    """'The ministers' with no group named, leaders planning to meet, 'meet' as a verb: no agreement."""
    assert agreements(pipeline, body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the parties' own bodies, together, announced to meet
        (
            "President Ilham Aliyev and Prime Minister Nikol Pashinyan talked in Brussels. Their deputy prime "
            "ministers will meet on the border next month, an aide said.",
            ["ARM", "AZE"],
        ),
        (
            "Prime Minister Giorgia Meloni hosted President Kais Saied. The two countries' interior ministries "
            "will consult on migration from June.",
            ["ITA", "TUN"],
        ),
        # the halves of a divided nation, named as such or as 'the north and the south'
        ("The two Koreas agreed to reopen their liaison talks at the truce village.", ["KOR", "PRK"]),
        (
            "North Korea sent a message on Monday. The north and the south then agreed to hold Red Cross talks.",
            ["KOR", "PRK"],
        ),
    ],
)
def test_bodies_together_and_divided_nations(pipeline: Any, body: str, expected: list[str]) -> None:
    """The parties' bodies announced to meet one another are their agreement to consult; 'the two Koreas' and
    'the north and the south' after one half was named are both halves."""
    assert agreements(pipeline, body) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        # meeting someone else, not one another
        "President Ilham Aliyev and Prime Minister Nikol Pashinyan talked in Brussels. Their aides will meet "
        "reporters after lunch.",
        # a possibility, not an announcement
        "President Ilham Aliyev and Prime Minister Nikol Pashinyan talked in Brussels. Their deputy prime "
        "ministers may meet later.",
        # done already: a meeting of officials, not an agreement
        "President Ilham Aliyev and Prime Minister Nikol Pashinyan talked in Brussels. Their deputy prime "
        "ministers met on Monday.",
    ],
)
def test_bodies_that_meet_others_or_may_meet(pipeline: Any, body: str) -> None:
    """Aides meeting reporters, a possible meeting, or officials who met: no agreement to consult."""
    assert agreements(pipeline, body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # restored channels of talks (not relations)
        ("Vietnam and the Philippines agreed to restore their coast guard hotline.", ["PHL", "VNM"]),
        # continued talks with the issue named
        ("Bhutan and China agreed to continue negotiations on the boundary question.", ["BTN", "CHN"]),
        # an accepted plan for talks
        ("Georgia and Armenia accepted a Swiss plan for a new round of consultations.", ["ARM", "CHE", "GEO"]),
    ],
)
def test_restored_continued_and_planned_talks(pipeline: Any, body: str, expected: list[str]) -> None:
    """Restoring a channel of talks, continuing named talks, accepting a state's plan for talks (its author is a
    party, like a proposal's)."""
    assert agreements(pipeline, body) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        "Vietnam and the Philippines agreed to restore diplomatic relations.",
        "Bhutan and China agreed to continue the talks.",
        "Bhutan and China agreed to continue cooperation on the boundary question.",
    ],
)
def test_restored_relations_and_bare_continuation_stay_out(pipeline: Any, body: str) -> None:
    """Restored relations, talks continued with no issue named, continued cooperation: no agreement."""
    assert agreements(pipeline, body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an agreement or consensus reached on talks
        ("Nepal and India reached an understanding to reopen their boundary talks.", ["IND", "NPL"]),
        ("Mongolia and China reached consensus on launching an energy dialogue.", ["CHN", "MNG"]),
        # agreeing on a gerund of starting talks
        ("Laos and Cambodia agreed on convening annual consultations on the Mekong.", ["KHM", "LAO"]),
        # a signed document about consultations
        (
            "Georgia and Azerbaijan signed a memorandum on regular consultations between their foreign ministries.",
            ["AZE", "GEO"],
        ),
    ],
)
def test_reached_and_signed_agreements_on_talks(pipeline: Any, body: str, expected: list[str]) -> None:
    """An understanding or consensus reached to start talks, agreement on convening them, a memorandum on
    consultations: consultation agreements."""
    assert agreements(pipeline, body) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        # a record of a meeting held, and agreements reached at talks, are not agreements to consult
        "Georgia and Azerbaijan signed the protocol of the fifth meeting of their joint commission.",
        "Georgia and Azerbaijan reached an agreement on transit fees during the talks.",
        # not reached, or still to be signed
        "Nepal and India failed to reach an understanding to reopen their boundary talks.",
        "Georgia and Azerbaijan will sign a memorandum on consultations next month.",
    ],
)
def test_records_and_failed_or_future_signings_stay_out(pipeline: Any, body: str) -> None:
    """A meeting's protocol, an agreement reached at talks, a failed or future understanding: none."""
    assert agreements(pipeline, body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # officials alone, with no state named beside them, are parties
        ("Peru's trade minister and his Ecuadorian counterpart agreed to launch a border dialogue.", ["ECU", "PER"]),
        # the states that reported the agreement are the 'they' that agreed
        ("Ghana and Burkina Faso said they had agreed to resume talks on the power line.", ["BFA", "GHA"]),
        # an announced resumption of talks
        ("Ghana and Burkina Faso announced the resumption of their talks on the power line.", ["BFA", "GHA"]),
        ("Ghana announced the resumption of talks with Burkina Faso on the power line.", ["BFA", "GHA"]),
    ],
)
def test_officials_reporters_and_announcements(pipeline: Any, body: str, expected: list[str]) -> None:
    """Ministers alone, states reporting that they agreed, an announced resumption of talks: agreements."""
    assert agreements(pipeline, body) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        "Ghana announced the suspension of talks with Burkina Faso.",
        "Ghana and Burkina Faso announced a new power tariff after talks in Accra.",
        "Ghana and Burkina Faso will announce the resumption of talks next week.",
        "Peru's trade minister met his Ecuadorian counterpart in Lima.",
    ],
)
def test_suspensions_outcomes_and_future_announcements_stay_out(pipeline: Any, body: str) -> None:
    """Suspended talks, an outcome announced after talks, an announcement still to come, a ministers'
    meeting: no agreement to consult."""
    assert agreements(pipeline, body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Oman and Yemen will hold a new round of talks on the border in Muscat, officials said.", ["OMN", "YEM"]),
        (
            "Kazakhstan and Kyrgyzstan will convene the next session of their joint commission in Almaty.",
            ["KAZ", "KGZ"],
        ),
    ],
)
def test_a_round_of_talks_announced_together(pipeline: Any, body: str, expected: list[str]) -> None:
    """Two states announcing together the next round or session of their talks have agreed on it."""
    assert agreements(pipeline, body) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        # talks of any other shape announced stay a plan; leaders' own round is a planned summit
        "Oman and Yemen will hold talks on the border in Muscat.",
        "President Gustavo Petro and President Lula will hold a new round of talks in Bogota.",
        # one state, or a round already held
        "Oman will hold a new round of talks with the rebels next week.",
        "Oman and Yemen held a new round of talks on the border in Muscat on Monday.",
    ],
)
def test_other_holdings_stay_out(pipeline: Any, body: str) -> None:
    """Announced talks that are not a round, leaders' rounds, one state, a round held: no agreement."""
    assert agreements(pipeline, body) == []


@pytest.mark.parametrize(
    ("body", "published_at", "expected"),
    [
        # the halves told only by their leaders' names
        (
            "Sudan's Omar al-Bashir and South Sudan's Salva Kiir met in Addis Ababa on Sunday. The north and the "
            "south agreed to resume negotiations on oil transit fees, the mediators said.",
            "2013-09-04T09:00:00+00:00",
            [["SDN", "SSD"]],
        ),
        (
            "Kim Jong Un and Moon Jae-in talked for two hours at the truce village. Afterwards the North and South "
            "agreed to hold working-level military talks in June.",
            "2018-05-27T09:00:00+00:00",
            [["KOR", "PRK"]],
        ),
        # a compass word in a story of no divided state is no party
        (
            "Chancellor Olaf Scholz and President Emmanuel Macron met in Hamburg. The North and the South of Europe "
            "agreed long ago to hold regular talks.",
            "2023-10-10T09:00:00+00:00",
            [],
        ),
    ],
)
def test_the_north_and_the_south_are_the_halves_the_leaders_lead(
    pipeline: Any, body: str, published_at: str, expected: list[Any]
) -> None:
    """'the north and the south' (or 'the North and South') in a story naming the halves' leaders, not the states:
    the halves those leaders lead."""
    assert states_found(pipeline, body, "consultation_agreement", published_at) == expected
