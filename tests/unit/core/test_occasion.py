"""When and where: the date and place of an event from its candidates' sentences and the article's dateline."""

from __future__ import annotations

from datetime import date

from dipevents.core.extractors.view import Candidate
from dipevents.core.knowledge import Knowledge, Place
from dipevents.core.normalize import Sentence
from dipevents.core.occasion import Dated, choose_date, choose_place

REF = date(2013, 4, 29)  # a Monday
LONDON = Place("London", "GBR", "capital", "London")
DELHI = Place("New Delhi", "IND", "capital", "New Delhi")


def cand(text: str, trigger: str, *, day: date | None = None, place: Place | None = None) -> Candidate:
    return Candidate(
        event_type="summit",
        extractor="summit.v1",
        states=frozenset({"GBR", "USA"}),
        sentence=Sentence(text, 0, len(text), 0),
        actors=[],
        confidence=0.8,
        event_date=day,
        place=place,
        trigger_at=text.index(trigger),
    )


def test_explicit_date_beats_a_weekday_and_publication_is_the_last_resort() -> None:
    """A calendar date outranks a weekday that disagrees; with neither, the dateline's date, then publication."""
    weekday = cand("Biden met Sunak on Sunday.", "met", day=date(2013, 4, 28))
    written = cand("Biden and Sunak held talks on April 27.", "talks", day=date(2013, 4, 27))
    assert choose_date([weekday, written], REF, None) == Dated(date(2013, 4, 27), "explicit")
    assert choose_date([weekday], REF, None) == Dated(date(2013, 4, 28), "relative")
    undated = cand("Biden met Sunak.", "met")
    assert choose_date([undated], REF, date(2013, 4, 28)) == Dated(date(2013, 4, 28), "dateline")
    assert choose_date([undated], REF, None) == Dated(REF, "publication")
    assert choose_date([undated], None, None) == Dated(None, None)


def test_a_city_further_off_never_beats_the_dateline() -> None:
    """LONDON-datelined: 'talks ... ahead of the G20 summit in New Delhi' names Delhi, but not as the venue."""
    later = cand("Biden held talks with Sunak ahead of the G20 summit in New Delhi.", "talks", place=DELHI)
    assert choose_place([later], LONDON) == (LONDON, "dateline")
    assert choose_place([later], None) == (DELHI, "mention")
    venue = cand("Biden held talks with Sunak in New Delhi on Monday.", "talks", place=DELHI)
    assert choose_place([later, venue], LONDON) == (DELHI, "venue")


def test_dateline_zone_and_city_from_the_knowledge_files() -> None:
    """Datelines name a city, a city and region, or a city of a state with several zones."""
    kb = Knowledge.load()
    assert str(kb.dateline_zone("SINGAPORE")) == "Asia/Singapore"
    assert str(kb.dateline_zone("THURMONT, Maryland")) == "America/New_York"
    assert str(kb.dateline_zone("LOS ANGELES")) == "America/Los_Angeles"
    assert str(kb.dateline_zone("VLADIVOSTOK")) == "Asia/Vladivostok"
    assert kb.dateline_zone("ATLANTIS") is None
    london = kb.dateline_place("LONDON")
    assert london is not None and london.country == "GBR"


def test_a_place_a_where_clause_hangs_off_is_the_venue() -> None:
    """'... a lakeside villa outside Hanoi, where the two presidents talked': the clause's place is its venue; a
    where-clause after the meeting names somewhere else."""
    hanoi = Place("Hanoi", "VNM", "capital", "Hanoi")
    before = cand(
        "The visit ended at a lakeside villa outside Hanoi, where the two presidents talked late.",
        "talked",
        place=hanoi,
    )
    assert choose_place([before], LONDON) == (hanoi, "venue")
    after = cand(
        "The two presidents talked on Monday, then flew on to Hanoi, where crowds waited.", "talked", place=hanoi
    )
    assert choose_place([after], LONDON) == (LONDON, "dateline")


def test_a_place_after_to_is_no_venue_of_an_earlier_meeting() -> None:
    """'... during the summit, was read as a signal to Hanoi': the city is whom the act addressed, not where the
    meeting was; 'flew to Hanoi for talks' still places the talks that follow it."""
    hanoi = Place("Hanoi", "VNM", "capital", "Hanoi")
    signal = cand("The timing, during their summit, was read as a signal to Hanoi.", "summit", place=hanoi)
    assert choose_place([signal], LONDON) == (LONDON, "dateline")
    trip = cand("The president flew to Hanoi for talks with his counterpart.", "talks", place=hanoi)
    assert choose_place([trip], LONDON) == (hanoi, "venue")


def test_a_place_someone_goes_to_after_the_meeting_is_never_its_place() -> None:
    """'talks with X ahead of her visit to Moscow next week': a goal after the meeting word is neither the venue
    nor a mentioned place; with no dateline the place is unknown (a wrong place would split the event)."""
    moscow = Place("Moscow", "RUS", "capital", "Moscow")
    trip = cand(
        "Sunak left early after talks with Biden ahead of his visit to Moscow next week.", "talks", place=moscow
    )
    assert choose_place([trip], None) == (None, None)
    assert choose_place([trip], LONDON) == (LONDON, "dateline")
