"""Who is in a sentence, by text matching over the knowledge base (no parse)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from dipevents.core.actors import find_actors


def _countries(text: str, kb: Any, on: date | None) -> list[str | None]:
    return [a.country for a in find_actors(text, kb, on) if a.kind in ("leader", "state")]


def test_dissolved_states_in_copy_of_their_time(kb: Any) -> None:
    """Before the Soviet Union ended, its capital, its leader and the successor's demonym stand for SUN."""
    text = "The Kremlin said Mikhail Gorbachev would see Russian and Soviet officials in Moscow."
    assert set(_countries(text, kb, date(1987, 6, 1))) == {"SUN"}


def test_successor_states_after_dissolution(kb: Any) -> None:
    """After the end of 1991 the Kremlin is Russia's, while 'Soviet' still names the old state."""
    assert _countries("The Kremlin rejected the plan.", kb, date(2019, 6, 1)) == ["RUS"]
    assert _countries("Soviet archives were opened.", kb, date(2019, 6, 1)) == ["SUN"]


def test_yugoslavia_czechoslovakia_east_germany(kb: Any) -> None:
    """Belgrade before 2006 is Yugoslavia, Prague before 1993 Czechoslovakia; East and West Germany differ."""
    on = date(1987, 3, 5)
    assert _countries("Belgrade and Prague signed a trade protocol.", kb, on) == ["YUG", "CSK"]
    assert _countries("East German and West German envoys met.", kb, on) == ["DDR", "DEU"]
    assert _countries("Belgrade and Prague signed a trade protocol.", kb, date(2010, 1, 1)) == ["SRB", "CZE"]


def test_zaire_before_it_took_the_congos_name(kb: Any) -> None:
    """Kinshasa and its president are Zaire (ZAR) until the state took the name Democratic Republic of the Congo
    in May 1997, and COD from then on."""
    text = "President Mobutu Sese Seko flew back to Kinshasa, Zairean radio said."
    assert set(_countries(text, kb, date(1996, 11, 2))) == {"ZAR"}
    assert _countries("Kinshasa denied the report.", kb, date(1999, 3, 1)) == ["COD"]


def test_a_republics_president_before_its_state_existed_is_no_leader(kb: Any) -> None:
    """In the summer of 1991 the presidents of the Soviet republics led no state of their own: a known name is
    read as out of office until the day the republic became a state, then as its leader."""
    text = "Ukrainian President Leonid Kravchuk flew to Minsk."
    (before,) = [a for a in find_actors(text, kb, date(1991, 8, 30)) if a.kind == "leader"]
    (after,) = [a for a in find_actors(text, kb, date(1991, 12, 30)) if a.kind == "leader"]
    assert before.former and not after.former and after.country == "UKR"


def test_the_former_yugoslav_republic_is_macedonia_in_lower_case_too(kb: Any) -> None:
    """'the former Yugoslav Republic of Macedonia', as copy writes the UN name: Macedonia, not Yugoslavia."""
    text = "Greece lifted its veto on the former Yugoslav Republic of Macedonia joining the alliance."
    assert _countries(text, kb, date(2008, 4, 2)) == ["GRC", "MKD"]


def test_the_president_of_a_body_is_no_state_leader(kb: Any) -> None:
    """'in her capacity as rotating president of Mercosur', 'the president of the Senate': a title of a body, so
    no leader for the context to give a state; 'the King of the Belgians' still is one."""
    on = date(2024, 3, 6)
    for text in (
        "Pena, in his capacity as rotating president of Mercosur, opened the session.",
        "She later met the president of the Senate.",
    ):
        assert [a for a in find_actors(text, kb, on) if a.role == "president" and a.name is None] == []
    assert [a.kind for a in find_actors("The King of the Belgians opened the fair.", kb, on)] == ["leader"]


def test_plural_leaders_name_their_states_as_of_the_day(kb: Any) -> None:
    """'the Russian and Polish leaders' in 1987 are SUN and POL, listed once each."""
    found = find_actors("the Russian and Polish leaders shook hands", kb, date(1987, 4, 1))
    plural = next(a for a in found if a.kind == "plural_leaders")
    assert plural.states == ("SUN", "POL")


ON = date(2024, 3, 6)


def _found(kb: Any, text: str) -> dict[str, Any]:
    return {a.text: a for a in find_actors(text, kb, ON)}


def test_leaders_by_title_and_name_with_their_state_and_term(kb: Any) -> None:
    """A sitting leader carries name, role and state; one out of office on the day is a former leader."""
    found = _found(
        kb, "Kenyan President William Ruto welcomed former British Prime Minister Tony Blair to State House."
    )
    ruto = found["Kenyan President William Ruto"]
    assert (ruto.kind, ruto.name, ruto.role, ruto.country, ruto.former) == (
        "leader",
        "William Ruto",
        "president",
        "KEN",
        False,
    )
    blair = found["British Prime Minister Tony Blair"]
    assert (blair.kind, blair.country, blair.former) == ("leader", "GBR", True)


def test_a_qualified_title_is_a_leader_and_a_minister_is_an_official(kb: Any) -> None:
    """'the Russian leader' is Russia's leader without a name; a foreign minister is an official of their state."""
    found = _found(kb, "The Russian leader spoke to German Foreign Minister Annalena Baerbock.")
    assert (found["Russian leader"].kind, found["Russian leader"].country) == ("leader", "RUS")
    minister = found["German Foreign Minister Annalena Baerbock"]
    assert (minister.kind, minister.role, minister.country) == ("official", "foreign minister", "DEU")


def test_plural_references_name_their_states_or_leave_them_to_the_context(kb: Any) -> None:
    """'the leaders of Japan and South Korea' names its states; 'the two leaders' and 'both sides' do not; a bare
    'the leaders' is weak (generic)."""
    text = "The two leaders met; the leaders of Japan and South Korea and both sides agreed. The leaders were tired."
    found = _found(kb, text)
    assert found["the leaders of Japan and South Korea"].states == ("JPN", "KOR")
    assert (found["The two leaders"].kind, found["The two leaders"].states, found["The two leaders"].weak) == (
        "plural_leaders",
        (),
        False,
    )
    assert found["both sides"].kind == "plural_parties"
    assert found["The leaders"].weak


def test_we_counts_only_inside_a_quote_and_honorifics_are_not_pronouns(kb: Any) -> None:
    """A quoted 'We' is a party; the reporter's 'we' is not; 'She' is a singular pronoun; 'His Majesty' is not."""
    text = '"We have agreed on a plan," Ruto said, adding that we will see. She nodded and His Majesty the King left.'
    found = find_actors(text, kb, ON)
    assert [(a.text, a.in_quote) for a in found if a.kind == "we"] == [("We", True)]
    assert [a.text for a in found if a.kind == "he_or_she"] == ["She"]


def test_states_by_metonym_and_demonym_but_not_a_hall_named_after_a_leader(kb: Any) -> None:
    """Capitals and demonyms stand for states, with their form; 'the Mandela Hall' is a place, not a leader."""
    found = find_actors("Tokyo and Seoul protested, and Japanese and Kenyan diplomats met at the Mandela Hall.", kb, ON)
    assert [(a.text, a.country, a.form) for a in found] == [
        ("Tokyo", "JPN", "metonym"),
        ("Seoul", "KOR", "metonym"),
        ("Japanese", "JPN", "demonym"),
        ("Kenyan", "KEN", "demonym"),
    ]


def test_a_title_closing_an_opening_phrase_does_not_take_the_subject_after_it(kb: Any) -> None:
    """'According to the minister, Khan and ... had spoken': Khan opens the clause; 'According to the foreign
    minister, Sergei Lavrov, ...' (closed by a comma) and 'the foreign minister, Sergei Lavrov' keep the holder."""

    def named(text: str) -> list[Any]:
        return [a.name for a in find_actors(text, kb, date(2021, 3, 5)) if a.kind == "official"]

    assert named("According to the minister, Khan and his counterpart had spoken by telephone.") == [None]
    assert named("According to the foreign minister, Sergei Lavrov, the talks went well.") == ["Sergei Lavrov"]
    assert named("The talks went well, said the foreign minister, Sergei Lavrov.") == ["Sergei Lavrov"]


def test_the_speaker_after_a_quote_closed_from_the_sentence_before_is_outside_it(kb: Any) -> None:
    """'... peso," Lula said.' ends a quote opened a sentence before: the closing mark opens no new quote, so the
    speaker after it is outside any quote."""
    found = find_actors('It will not replace the peso," Lula said.', kb, date(2023, 1, 23))
    assert [(a.text, a.in_quote) for a in found] == [("Lula", False)]


def test_a_double_barrelled_name_ending_in_a_leaders_surname_is_no_leader(kb: Any) -> None:
    """'Dlamini-Zuma' is a minister's name, not Zuma; two leaders joined by a hyphen ('the Bashir-Kiir talks') stay
    two leaders."""
    found = find_actors("Foreign Minister Nkosazana Dlamini-Zuma spoke.", kb, date(2002, 7, 30))
    assert [a.kind for a in found] == ["official"]
    found = find_actors("The Bashir-Kiir talks ended.", kb, date(2012, 9, 27))
    assert [(a.kind, a.country) for a in found] == [("leader", "SDN"), ("leader", "SSD")]


@pytest.mark.parametrize(
    ("text", "on", "leader"),
    [
        # one given name not the leader's own: someone else of that surname
        ("The envoy dined with army chief Gen Farooq Sharif in Lahore.", date(2015, 3, 2), False),
        ("The aide said that Renata Gorbachev had left.", date(1990, 3, 2), False),
        # several given names after a title no leader bears: a minister of that surname
        ("Trade Minister Anwar Ali Bhutto spoke.", date(1994, 3, 2), False),
        # the leader's own given name and middle names, or a leader's title, keep the leader
        ("President Rodrigo Roa Duterte spoke.", date(2017, 3, 2), True),
        ("President General Mohammad Zia-ul-Haq spoke.", date(1985, 3, 2), True),
        ("But Gorbachev spoke.", date(1990, 3, 2), True),
    ],
)
def test_another_persons_given_name_before_a_leaders_surname(kb: Any, text: str, on: date, leader: bool) -> None:
    assert any(a.kind == "leader" for a in find_actors(text, kb, on)) is leader
