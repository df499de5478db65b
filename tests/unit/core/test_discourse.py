"""References only the rest of the article explains, found without a parse (core/discourse.py via the context)."""

from __future__ import annotations

from datetime import date
from typing import Any

from dipevents.core.actors import ActorMention, find_actors
from dipevents.core.context import context_factory
from dipevents.core.discourse import DURATION_REFERENCE, MEETING_REFERENCE

ON = date(2024, 5, 15)


def read(kb: Any, *sentences: str) -> list[list[ActorMention]]:
    # the meeting type's words, as the pipeline passes them from the registry
    ctx = context_factory(kb, kb.words("summit", "meeting_mentions"), kb.words("summit", "nouns"))()
    return [ctx.resolve(s, find_actors(s, kb, ON)) for s in sentences]


def test_leaders_of_the_two_countries_are_the_two_states_the_sentence_names(kb: Any) -> None:
    """'the leaders of the two countries' after 'Armenia and Azerbaijan' in the same sentence: their leaders."""
    (found,) = read(
        kb, "Armenia and Azerbaijan fought two wars, yet the leaders of the two countries talked on Friday."
    )
    plural = [a for a in found if a.kind == "plural_leaders"]
    assert [a.states for a in plural] == [("ARM", "AZE")]


def test_the_nations_presidents_without_named_states_stand_for_the_main_meeting(kb: Any) -> None:
    """'both nations' presidents' with no states in the sentence is a plural reference with no list of its own."""
    (found,) = read(kb, "Both nations' presidents later spoke by telephone.")
    assert [(a.kind, a.states) for a in found if a.kind.startswith("plural")] == [("plural_leaders", ())]


def test_the_north_and_the_south_are_the_divided_states_the_article_named(kb: Any) -> None:
    """'the North' and 'the South' after 'North Korea' and 'South Korea'; 'the North Atlantic' is not a state."""
    found = read(
        kb,
        "Officials from North Korea and South Korea met at the border.",
        "The North told the South it would reopen the liaison office, far from the North Atlantic.",
    )
    assert [(a.text, a.country) for a in found[1] if a.kind == "state"] == [("The North", "PRK"), ("the South", "KOR")]


def test_a_name_in_apposition_before_a_title_is_remembered(kb: Any) -> None:
    """'Nangolo Mbumba, president of Namibia' names the office-holder; 'Mbumba' alone later is that leader."""
    found = read(
        kb,
        "Cyril Ramaphosa received Nangolo Mbumba, president of Namibia, in Pretoria.",
        "Mbumba thanked his host.",
    )
    assert [(a.name, a.country) for a in found[1] if a.kind == "leader"] == [("Nangolo Mbumba", "NAM")]


def test_a_definite_meeting_after_a_leaders_lead_refers_to_it(kb: Any) -> None:
    """'The meeting' in a sentence naming no one else, after a lead on two leaders' talks, is their meeting."""
    found = read(
        kb,
        "Spanish Prime Minister Pedro Sanchez held talks with Moroccan King Mohammed VI in Rabat.",
        "The meeting ran past midnight.",
    )
    refs = [a for a in found[1] if a.form == MEETING_REFERENCE]
    assert [(a.text, a.states) for a in refs] == [("The meeting", ("ESP", "MAR"))]


def test_no_meeting_reference_after_a_ministers_lead_or_beside_another_leader(kb: Any) -> None:
    """After a lead on ministers' talks 'the talks' are theirs; a sentence naming a third leader is not about it."""
    ministers = read(
        kb,
        "Spanish Foreign Minister Jose Manuel Albares held talks with Moroccan Foreign Minister Nasser Bourita.",
        "Pedro Sanchez and King Mohammed VI were kept informed.",
        "The talks ran past midnight.",
    )
    assert [a for a in ministers[2] if a.form == MEETING_REFERENCE] == []
    other = read(
        kb,
        "Spanish Prime Minister Pedro Sanchez held talks with Moroccan King Mohammed VI in Rabat.",
        "The meeting came a week after Emmanuel Macron visited Algiers.",
    )
    assert [a for a in other[1] if a.form == MEETING_REFERENCE] == []


def test_a_titled_person_with_another_name_is_not_the_last_holder_of_that_title(kb: Any) -> None:
    """'Prime Minister Bisher Al-Khasawneh' after Iraq's prime minister is someone else, not Iraq's leader."""
    found = read(
        kb,
        "Iraqi Prime Minister Mohammed Shia al-Sudani arrived in Amman.",
        "He was greeted by Prime Minister Bisher Al-Khasawneh at the airport.",
    )
    assert [a.country for a in found[1] if a.kind == "leader" and a.name == "Bisher Al-Khasawneh"] == [None]


def test_a_reference_that_counts_other_parties_is_another_gathering(kb: Any) -> None:
    """'the four-nation talks' or 'the multilateral summit' after two leaders' lead are another gathering; 'the
    bilateral talks' and 'the two-hour meeting' are theirs."""
    lead = "Chilean President Gabriel Boric received Peruvian President Dina Boluarte in Santiago on Tuesday."
    other = read(
        kb,
        lead,
        "In Lima the same day, delegates at the four-nation talks on fisheries issued a communique.",
        "The multilateral summit in Brasilia had ended a week before.",
    )
    assert [a for s in other[1:] for a in s if a.form == MEETING_REFERENCE] == []
    theirs = read(kb, lead, "The bilateral talks began at noon.", "The two-hour meeting ended with a lunch.")
    assert [[a.states for a in s if a.form == MEETING_REFERENCE] for s in theirs[1:]] == [
        [("CHL", "PER")],
        [("CHL", "PER")],
    ]


def test_officials_named_with_their_states_listed_are_the_group_a_later_reference_means(kb: Any) -> None:
    """'the finance ministers of Kenya, Uganda and Tanzania' names a group of officials by their states: 'the
    three ministers' later is them; a list broken by other words stops where it breaks."""
    found = read(
        kb,
        "The finance ministers of Kenya, Uganda and Tanzania signed a customs protocol in Arusha.",
        "The three ministers also approved a rail study.",
    )
    assert [a.states for a in found[1] if a.kind == "plural_parties"] == [("KEN", "TZA", "UGA")]
    broken = read(
        kb,
        "The trade ministers of Peru met in Lima, while Chile stayed away.",
        "The ministers then left.",
    )
    assert [a for a in broken[1] if a.kind == "plural_parties"] == []


def test_talks_measured_in_days_stand_for_the_leaders_of_the_sentence_before(kb: Any) -> None:
    """'after three days of talks' naming no one, right after a sentence naming two leaders: those two; not two
    sentences on, and not beside someone the sentence names."""
    found = read(
        kb,
        "Pedro Sanchez and King Mohammed VI signed a migration accord in Rabat.",
        "It was signed after three days of talks.",
        "Critics said little came of the three days of talks.",
    )
    refs = [a for a in found[1] if a.form == DURATION_REFERENCE]
    assert [(a.text, a.states) for a in refs] == [("three days of talks", ("ESP", "MAR"))]
    assert [a for a in found[2] if a.form == DURATION_REFERENCE] == []
    beside = read(
        kb,
        "Pedro Sanchez and King Mohammed VI signed a migration accord in Rabat.",
        "Foreign Minister Jose Manuel Albares said it came after two days of talks.",
    )
    assert [a for a in beside[1] if a.form == DURATION_REFERENCE] == []
    halves = read(
        kb,
        "Pedro Sanchez and King Mohammed VI signed a migration accord in Rabat.",
        "The accord came after an hour and a half of talks, the longest Sanchez has held in Rabat.",
    )
    refs = [a for a in halves[1] if a.form == DURATION_REFERENCE]
    assert [(a.text, a.states) for a in refs] == [("an hour and a half of talks", ("ESP", "MAR"))]
