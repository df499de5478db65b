"""The naive baseline extractor (bench.naive): a trigger word and two states among spaCy's entities."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from dipevents.core.models import BUILTIN_TYPES

from bench import naive


def test_every_registered_type_has_its_declared_trigger_words(kb: Any) -> None:
    """The naive triggers are derived from the registry and the lexicons: every registered type gets the single
    words of the trigger lists its prefilter declares, and no others."""
    triggers = naive.trigger_words(kb, BUILTIN_TYPES)
    assert set(triggers) == set(BUILTIN_TYPES.event_types())
    for t in BUILTIN_TYPES:
        declared = {w for name in t.prefilter.triggers for w in kb.lexicon[t.section][name] if " " not in w}
        assert declared and triggers[t.event_type] == declared, t.name


def test_a_type_without_a_lexicon_section_is_an_error(kb: Any) -> None:
    """A registered type whose section is missing is reported with the sections there are, not given no triggers."""
    gone = next(iter(BUILTIN_TYPES)).section
    lacking = replace(kb, lexicon={k: v for k, v in kb.lexicon.items() if k != gone})
    with pytest.raises(KeyError, match="sections"):
        naive.trigger_words(lacking, BUILTIN_TYPES)


@pytest.fixture(scope="module")
def full_nlp() -> Any:
    import spacy
    from dipevents.settings import Settings

    return spacy.load(Settings().nlp.model)


def _events(nlp: Any, kb: Any, body: str) -> list[dict[str, Any]]:
    article = {"article_id": "t-1", "source": "Test", "title": None, "body": body, "published_at": "2023-05-10T09:00Z"}
    ex = naive.NaiveExtractor(kb, naive.trigger_words(kb, BUILTIN_TYPES))
    return ex.events(nlp(naive.article_text(article)), article)


@pytest.mark.slow
def test_trigger_and_two_leaders_make_an_event(full_nlp: Any, kb: Any) -> None:
    """Two sitting leaders named as people next to a meeting word make a meeting between their states."""
    found = _events(full_nlp, kb, "Emmanuel Macron met Pedro Sanchez over lunch in a Paris suburb on Tuesday.")
    pairs = {(e["event_type"], tuple(e["countries"])) for e in found}
    meetings = {t for t, words in naive.trigger_words(kb, BUILTIN_TYPES).items() if "meet" in words}
    assert meetings and {(t, ("ESP", "FRA")) for t in meetings} <= pairs
    assert all(e["mentions"] == [{"article_id": "t-1", "source": "Test"}] for e in found)


@pytest.mark.slow
def test_no_trigger_or_one_state_makes_nothing(full_nlp: Any, kb: Any) -> None:
    """Two states without a trigger word, or a trigger with one state, give no event."""
    assert _events(full_nlp, kb, "Emmanuel Macron and Pedro Sanchez both wore dark suits on Tuesday.") == []
    assert _events(full_nlp, kb, "Emmanuel Macron met farmers in Brittany on Tuesday.") == []
