"""Article hygiene: datelines, credits, bylines and footers never reach the extractors; offsets stay true."""

from __future__ import annotations

import pytest
from dipevents.core.knowledge import Knowledge
from dipevents.core.normalize import normalize


@pytest.mark.parametrize(
    ("body", "place", "agency", "first"),
    [
        ("MOSCOW, April 29 (Interfax) - Putin met Abe.", "MOSCOW", "Interfax", "Putin met Abe."),
        ("BOGOR, Indonesia, Jan 9 (Reuters) - Widodo met Anwar.", "BOGOR, Indonesia", "Reuters", "Widodo met Anwar."),
        ("BEIJING, April 14 (Xinhua) -- Xi held talks.", "BEIJING", "Xinhua", "Xi held talks."),
        (
            "Caracas, Nov 1 (Prensa Latina) The President received him.",
            "Caracas",
            "Prensa Latina",
            "The President received him.",
        ),
        ("MOSCOW. Nov 15 (Interfax) - Putin spoke.", "MOSCOW", "Interfax", "Putin spoke."),
        ("Berlin (dpa) - Scholz phoned Putin.", "Berlin", "dpa", "Scholz phoned Putin."),
        ("Caracas (EFE).- Petro met Maduro.", "Caracas", "EFE", "Petro met Maduro."),
        ("THURMONT, Maryland - Japan agreed.", "THURMONT, Maryland", None, "Japan agreed."),
        ("Addis Ababa July 9/2018 (ENA) - Abiy signed.", "Addis Ababa", "ENA", "Abiy signed."),
        ("MOSCOW, December 7. /TASS/.\n\nPutin and Biden spoke.", "MOSCOW", "TASS", "Putin and Biden spoke."),
        # a bracketed place opening the copy; an agency in brackets, then the place's own dateline
        ("(Lima) — Boluarte met Lula on Monday.", "Lima", None, "Boluarte met Lula on Monday."),
        ("(ANSA) - ROME, June 15 - Meloni met Modi.", "ROME", "ANSA", "Meloni met Modi."),
    ],
)
def test_datelines_are_masked(body: str, place: str, agency: str | None, first: str) -> None:
    """The dateline is recognised in many house styles and is not part of the first sentence."""
    clean = normalize(body)
    assert clean.dateline is not None
    assert clean.dateline.place == place
    assert clean.dateline.agency == agency
    assert clean.sentences[0].text == first
    s = clean.sentences[0]
    assert body[s.start : s.end] == s.text


def test_credit_line_footer_and_initials_are_removed() -> None:
    """'Source:' credits are kept as credits; 'You might also like' and what follows are dropped."""
    body = (
        "Putin met Abe in Moscow.\n\nThey agreed to talk.\n\nSource:Voice of Russia, RIA, Interfax\n\nR.S\n\n"
        "You might also like\nLatest news\nPutin met Xi in Beijing."
    )
    clean = normalize(body)
    assert clean.credits == ["Voice of Russia", "RIA", "Interfax"]
    texts = [s.text for s in clean.sentences]
    assert texts == ["Putin met Abe in Moscow.", "They agreed to talk."]


def test_headline_repeated_as_first_paragraph_is_skipped() -> None:
    """A first paragraph equal to the title is a headline, not a sentence."""
    clean = normalize(
        "Russia, Japan to work towards treaty\n\nPutin met Abe.", title="Russia, Japan to work towards treaty"
    )
    assert [s.text for s in clean.sentences] == ["Putin met Abe."]


def test_sentences_do_not_split_on_abbreviations() -> None:
    """'U.S. President', 'Aug. 18' and initials do not end sentences; offsets map back into the body."""
    body = "U.S. President Joe Biden met S. Korean leaders on Aug. 18 at Camp David. F.W. de Klerk was not there."
    clean = normalize(body)
    assert [s.text for s in clean.sentences] == [
        "U.S. President Joe Biden met S. Korean leaders on Aug. 18 at Camp David.",
        "F.W. de Klerk was not there.",
    ]
    for s in clean.sentences:
        assert body[s.start : s.end] == s.text


def test_quoted_sentence_keeps_closing_quote() -> None:
    """A closing quote stays with its sentence."""
    body = '"We instructed our ministries," Putin said. "It is important."'
    clean = normalize(body)
    assert [s.text for s in clean.sentences] == ['"We instructed our ministries," Putin said.', '"It is important."']


def test_an_abbreviation_ending_a_hyphenated_compound_does_not_end_a_sentence() -> None:
    """'the Japan-U.S. Economic Dialogue': the abbreviation after the hyphen is still an abbreviation."""
    body = "They set up the Japan-U.S. Economic Dialogue in Tokyo. It meets twice a year."
    assert [s.text for s in normalize(body).sentences] == [
        "They set up the Japan-U.S. Economic Dialogue in Tokyo.",
        "It meets twice a year.",
    ]


@pytest.mark.parametrize(
    ("body", "place", "agency"),
    [
        ("(AP) - Two presidents shook hands in the rain.", None, "AP"),
        ("(Agence France-Presse) -- Talks resumed.", None, "Agence France-Presse"),
        ("(Nairobi) - Ruto hosted Museveni.", "Nairobi", None),
    ],
)
def test_bracket_that_is_no_known_place_is_the_agency(body: str, place: str | None, agency: str | None) -> None:
    """A bracket opening the copy with no dateline after it is a place only if the knowledge base knows one by
    that name; otherwise it is the wire service credited."""
    clean = normalize(body, None, Knowledge.load().known_place)
    assert clean.dateline is not None
    assert (clean.dateline.place, clean.dateline.agency) == (place, agency)
