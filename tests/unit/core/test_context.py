"""Article-level resolution without a parse: who a pronoun, a surname or a plural reference stands for."""

from __future__ import annotations

from datetime import date
from typing import Any

from dipevents.core.actors import ActorMention, find_actors
from dipevents.core.context import ArticleContext, context_factory

ON = date(2019, 5, 15)


def read(kb: Any, *sentences: str, on: date = ON) -> tuple[ArticleContext, list[list[ActorMention]]]:
    """Resolve the sentences in reading order, as the pipeline does."""
    ctx = context_factory(kb)()
    ctx.on = on
    return ctx, [ctx.resolve(s, find_actors(s, kb, on)) for s in sentences]


def pronoun(actors: list[ActorMention]) -> ActorMention:
    return next(a for a in actors if a.kind == "he_or_she")


def test_sentence_initial_pronoun_is_the_previous_sentences_subject(kb: Any) -> None:
    """'She' opening a sentence is the leader the previous sentence was about (named first), not the last one named."""
    _, found = read(
        kb,
        "Theresa May flew home from Berlin on Tuesday after a working lunch with Angela Merkel.",
        "She had spent the morning in The Hague with Mark Rutte.",
    )
    assert pronoun(found[1]).country == "GBR"


def test_pronoun_after_an_officials_sentence_stays_unresolved(kb: Any) -> None:
    """'He' after a sentence about a spokesman is the spokesman, never a leader named before."""
    _, found = read(
        kb,
        "Vladimir Putin welcomed the decision.",
        "Kremlin spokesman Dmitry Peskov said on Monday that the sides would keep in touch.",
        "He gave no further details.",
    )
    assert [a for a in found[2] if a.kind == "he_or_she" and a.country] == []


def test_family_name_first_leaders_are_called_by_their_first_name_word(kb: Any) -> None:
    """'Kim' after 'Kim Jong Un' (and 'Moon' after 'Moon Jae-in') is that leader, not an unknown word."""
    _, found = read(
        kb,
        "North Korean leader Kim Jong Un crossed into the South with President Moon Jae-in at his side.",
        "On Friday Kim and Moon planted a tree together.",
    )
    assert {(a.text, a.country) for a in found[1] if a.kind == "leader"} == {("Kim", "PRK"), ("Moon", "KOR")}


def test_a_surname_inside_another_persons_name_is_not_the_leader(kb: Any) -> None:
    """'Kim Yo Jong' after 'Kim Jong Un' is his sister, not him; 'President Kim' is him."""
    _, found = read(
        kb,
        "North Korean leader Kim Jong Un inspected a factory.",
        "Kim Yo Jong issued a statement.",
        "Later President Kim returned to the capital.",
    )
    assert [a for a in found[1] if a.kind == "leader"] == []
    assert [a.country for a in found[2] if a.kind == "leader"] == ["PRK"]


def test_a_title_a_surname_and_a_quoted_we_resolve_to_leaders_named_before(kb: Any) -> None:
    """'The Prime Minister' is the last prime minister named, 'Wong' the leader named in full earlier, and a quoted
    'We' the speaker's state."""
    _, found = read(
        kb,
        "Singapore's Prime Minister Lawrence Wong met Malaysian Prime Minister Anwar Ibrahim in Putrajaya.",
        "The Prime Minister said the talks were useful.",
        "Wong later flew home.",
        '"We agreed to work together," Anwar said.',
        on=date(2024, 3, 6),
    )
    assert [(a.name, a.country) for a in found[1] if a.kind == "leader"] == [("Anwar Ibrahim", "MYS")]
    assert [(a.name, a.country) for a in found[2] if a.kind == "leader"] == [("Lawrence Wong", "SGP")]
    assert [a.country for a in found[3] if a.kind == "we"] == ["MYS"]


def test_the_two_leaders_are_the_articles_main_meeting(kb: Any) -> None:
    """A plural reference without its own states stands for the article's main meeting; one that names its states
    keeps them."""
    ctx, found = read(kb, "The two leaders and the leaders of Japan and South Korea were pleased.")
    ctx.main_states = ("MYS", "SGP")
    plural = [a for a in found[0] if a.kind == "plural_leaders"]
    assert [ctx.plural_states(a) for a in plural] == [("MYS", "SGP"), ("JPN", "KOR")]


def home(kb: Any, country: str, on: date, *sentences: str) -> list[list[ActorMention]]:
    """Resolve the sentences of a story datelined in `country`, as the pipeline does."""
    ctx = context_factory(kb)()
    ctx.home_leaders(kb, country, on, list(sentences))
    return [ctx.resolve(s, find_actors(s, kb, on)) for s in sentences]


def leaders(actors: list[ActorMention]) -> list[tuple[str | None, str | None]]:
    return [(a.name, a.country) for a in actors if a.kind == "leader"]


def test_the_dateline_states_leader_goes_by_a_surname_the_knowledge_base_keeps_out(kb: Any) -> None:
    """In a story from Ashgabat in 2015, 'Berdimuhamedow' alone is the sitting president (the alias is kept out
    because his son bears it too; only one of them was in office)."""
    found = home(kb, "TKM", date(2015, 6, 1), "Berdimuhamedow opened the new gas plant near the border.")
    assert leaders(found[0]) == [("Gurbanguly Berdimuhamedow", "TKM")]


def test_no_home_surname_when_the_story_names_someone_else_by_it(kb: Any) -> None:
    """A given name or a minister's title before the surname anywhere in the story: the bare surname may be them."""
    for other in ("Ogulgerek Berdimuhamedow chaired the meeting.", "Deputy Minister Berdimuhamedow spoke first."):
        found = home(kb, "TKM", date(2015, 6, 1), other, "Berdimuhamedow opened the new gas plant.")
        assert leaders(found[1]) == []


def test_no_home_surname_for_common_words_or_a_handover_year(kb: Any) -> None:
    """'Major' is a common word; in 2022 two Berdimuhamedows held the presidency in turn."""
    assert leaders(home(kb, "GBR", date(1993, 6, 1), "Major banks cut their rates on Monday.")[0]) == []
    assert leaders(home(kb, "TKM", date(2022, 6, 1), "Berdimuhamedow opened the new gas plant.")[0]) == []


def test_a_function_word_opening_the_sentence_is_no_given_name(kb: Any) -> None:
    """'But Berdimuhamedow said' does not name another Berdimuhamedow."""
    found = home(kb, "TKM", date(2015, 6, 1), "But Berdimuhamedow said the plant would open in May.")
    assert leaders(found[0]) == [("Gurbanguly Berdimuhamedow", "TKM")]


def test_a_royal_style_standing_alone_is_the_royal_leader_named(kb: Any) -> None:
    """'His Highness and the Prime Minister ...' after 'President His Highness Sheikh Tamim ...': the emir."""
    _, found = read(
        kb,
        "Emir Sheikh Tamim bin Hamad Al Thani received Prime Minister Shehbaz Sharif in Doha.",
        "His Highness and the Pakistani Prime Minister reviewed the gas contracts.",
        on=date(2024, 5, 2),
    )
    assert ("Sheikh Tamim bin Hamad Al Thani", "QAT") in [(a.name, a.country) for a in found[1] if a.kind == "leader"]


def test_a_royal_style_is_no_one_when_two_royals_were_named(kb: Any) -> None:
    """With a king and an emir in the story, 'His Majesty' alone is not resolved."""
    _, found = read(
        kb,
        "King Abdullah II of Jordan met Emir Sheikh Tamim bin Hamad Al Thani in Amman.",
        "His Majesty stressed the need for calm in the region.",
        on=date(2024, 5, 2),
    )
    assert [a for a in found[1] if a.kind == "leader"] == []


def test_a_title_next_to_its_holders_other_title_is_the_other_holder(kb: Any) -> None:
    """'the Crown Prince welcomed the prime minister': the crown prince is also a prime minister, but not the one he
    welcomed; the visiting prime minister named before is."""
    _, found = read(
        kb,
        "Prime Minister Shehbaz Sharif and Saudi Crown Prince and Prime Minister Mohammed bin Salman held talks.",
        "At the palace, the Crown Prince welcomed the prime minister with a guard of honour.",
        "Later the prime minister chaired a meeting of his ministers.",
        on=date(2025, 9, 17),
    )
    pm = [a.country for s in found[1:] for a in s if a.kind == "leader" and a.role == "prime minister"]
    assert pm == ["PAK", "PAK"]


def test_the_king_and_the_prime_minister_of_one_state_stay_two_people(kb: Any) -> None:
    """A king and his prime minister in one sentence: the prime minister is the one named before, not another."""
    _, found = read(
        kb,
        "King Felipe VI and Prime Minister Pedro Sanchez received President Emmanuel Macron in Madrid.",
        "The King thanked the prime minister for organising the visit.",
        on=date(2023, 5, 2),
    )
    assert [a.name for a in found[1] if a.kind == "leader" and a.role == "prime minister"] == ["Pedro Sanchez"]


def test_the_head_of_state_is_the_one_holder_of_such_an_office_named(kb: Any) -> None:
    """'the head of state' after a president and a prime minister of one state is the president; after two
    presidents it is no one."""
    _, found = read(
        kb,
        "Prime Minister Theresa May called on President Emmanuel Macron in Paris.",
        "The head of state said the talks were useful.",
    )
    assert [a.country for a in found[1] if a.kind == "leader"] == ["FRA"]
    _, found = read(
        kb,
        "President Emmanuel Macron met President Donald Trump in Biarritz.",
        "The head of state said the talks were useful.",
    )
    assert [a.country for a in found[1] if a.kind == "leader"] == [None]
    _, found = read(
        kb,
        "Prime Minister Theresa May called on President Emmanuel Macron in Paris.",
        "The head of government said the talks were useful.",
    )
    assert [a.country for a in found[1] if a.kind == "leader"] == ["GBR"]


def test_a_leader_is_later_called_by_the_name_the_article_wrote(kb: Any) -> None:
    """'Cristina Fernandez' (of Cristina Fernandez de Kirchner) named in full: 'Fernandez' alone later is her."""
    _, found = read(
        kb,
        "President Cristina Fernandez received President Lula in Buenos Aires.",
        "Fernandez said the two would meet again in May.",
        on=date(2010, 7, 28),
    )
    assert [(a.kind, a.country) for a in found[1] if a.text == "Fernandez"] == [("leader", "ARG")]


def test_a_surname_the_article_spells_with_accents_is_the_leader(kb: Any) -> None:
    """'Vázquez' after 'Tabaré Vázquez' (the knowledge base's 'Tabare Vazquez', with no bare surname of its own) is
    that leader, as the unaccented surname would be."""
    _, found = read(
        kb,
        "President Tabaré Vázquez opened the new port terminal on Monday.",
        "Vázquez then flew to the border.",
        on=date(2016, 6, 3),
    )
    assert [(a.text, a.country) for a in found[1] if a.kind == "leader"] == [("Vázquez", "URY")]


def test_a_title_the_other_leader_held_only_in_other_years_is_not_his(kb: Any) -> None:
    """'the prime minister' in a sentence with the Armenian prime minister's name is still him when the other
    leader named, Putin, was prime minister only years before: offices count on the article's day."""
    _, found = read(
        kb,
        "Armenian Prime Minister Nikol Pashinyan met Russian President Vladimir Putin in Moscow on Monday.",
        "Aides travelling with Pashinyan were told by the prime minister to stay on.",
        on=date(2023, 5, 25),
    )
    assert {a.country for a in found[1] if a.kind == "leader"} == {"ARM"}
