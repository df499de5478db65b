"""The naive baseline extractor (bench.naive): a trigger word and two states among spaCy's entities."""

from __future__ import annotations

from typing import Any

import pytest

from bench import naive
from bench.quality import event_types


def test_every_event_type_has_trigger_words_from_its_lexicon_section(kb: Any) -> None:
    """The naive triggers are derived from the project's lexicons: every scored type gets some, and a word the
    lexicon lists for a type is among that type's triggers."""
    triggers = naive.trigger_words(kb, event_types())
    assert set(triggers) == set(event_types())
    for t, words in triggers.items():
        assert words, t
        section = naive.lexicon_section(kb.lexicon, t)
        verbs = next(v for k, v in section.items() if k.endswith("verbs"))
        assert {w for w in verbs if " " not in w} <= words


def test_an_event_type_without_a_lexicon_section_is_an_error(kb: Any) -> None:
    """A type the lexicons do not know is reported with the sections there are, not given no triggers."""
    with pytest.raises(KeyError, match="sections"):
        naive.lexicon_section(kb.lexicon, "ceasefire_violation")


@pytest.fixture(scope="module")
def full_nlp() -> Any:
    import spacy
    from dipevents.settings import Settings

    return spacy.load(Settings().nlp.model)


def _events(nlp: Any, kb: Any, body: str) -> list[dict[str, Any]]:
    article = {"article_id": "t-1", "source": "Test", "title": None, "body": body, "published_at": "2023-05-10T09:00Z"}
    ex = naive.NaiveExtractor(kb, naive.trigger_words(kb, event_types()))
    return ex.events(nlp(naive.article_text(article)), article)


@pytest.mark.slow
def test_trigger_and_two_leaders_make_an_event(full_nlp: Any, kb: Any) -> None:
    """Two sitting leaders named as people next to a meeting word make a meeting between their states."""
    found = _events(full_nlp, kb, "Emmanuel Macron met Pedro Sanchez over lunch in a Paris suburb on Tuesday.")
    pairs = {(e["event_type"], tuple(e["countries"])) for e in found}
    meeting = next(t for t in event_types() if "meet" in naive.trigger_words(kb, [t])[t])
    assert (meeting, ("ESP", "FRA")) in pairs
    assert all(e["mentions"] == [{"article_id": "t-1", "source": "Test"}] for e in found)


@pytest.mark.slow
def test_no_trigger_or_one_state_makes_nothing(full_nlp: Any, kb: Any) -> None:
    """Two states without a trigger word, or a trigger with one state, give no event."""
    assert _events(full_nlp, kb, "Emmanuel Macron and Pedro Sanchez both wore dark suits on Tuesday.") == []
    assert _events(full_nlp, kb, "Emmanuel Macron met farmers in Brittany on Tuesday.") == []
