"""The naive baseline extractor: a trigger word and two states among spaCy's named entities, in one sentence.

What a first attempt looks like: `spacy.load(model)` with every pipe it ships (NER included), `nlp.pipe` over
whole articles (title and body), n_process=1, spaCy's default batch size. In each sentence, a lemma from an
event type's trigger words makes that type possible; the sentence's entities name the parties: PERSON
entities that are leaders in office on the publication date (the full name, else its last word), and any
other entity that names a state (a name, demonym or metonym such as "Kremlin"). Two or more states and a
trigger make one event of that type between those states; an article reports each (type, states) once.

Trigger words are derived, not listed here: for each registered event type, the single words of the lexicon
lists its prefilter declares as the ones its extractor triggers on (`Prefilter.triggers`: meet, talks, summit;
instruct, order, task; agree, decide, sign...). No parse tree, no tense or negation, no references ("the two
leaders"), none of the extractors' other conditions.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from dipevents.core.knowledge import Knowledge
from dipevents.core.registry import EventTypes

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

PARTY_LABELS = frozenset({"PERSON", "NORP", "GPE", "ORG", "FAC", "LOC"})


def trigger_words(kb: Knowledge, types: EventTypes) -> dict[str, frozenset[str]]:
    """Event type -> its trigger words: its declared trigger lists, from its lexicon section (a data file, or
    words it brings)."""
    kb = kb.with_sections({t.section: t.lexicon for t in types if t.lexicon is not None})
    out: dict[str, frozenset[str]] = {}
    for t in types:
        section = kb.lexicon.get(t.section)
        if not isinstance(section, Mapping):
            raise KeyError(f"event type {t.name!r} has no lexicon section; sections: {sorted(kb.lexicon)}")
        out[t.event_type] = frozenset(w.lower() for name in t.prefilter.triggers for w in section[name] if " " not in w)
    return out


class NaiveExtractor:
    def __init__(self, kb: Knowledge, triggers: Mapping[str, frozenset[str]]) -> None:
        self.kb = kb
        self.triggers = dict(triggers)

    def events(self, doc: Doc, article: Mapping[str, Any]) -> list[dict[str, Any]]:
        """The article's events as event JSON (the fields scoring reads), one per (type, states)."""
        on = _day(article.get("published_at"))
        found: set[tuple[str, tuple[str, ...]]] = set()
        for sent in doc.sents:
            lemmas = {tok.lemma_.lower() for tok in sent}
            types = [t for t, words in self.triggers.items() if lemmas & words]
            if not types:
                continue
            states = {s for ent in sent.ents if (s := self.state_of(ent, on))}
            if len(states) >= 2:
                found.update((t, tuple(sorted(states))) for t in types)
        mention = {"article_id": article["article_id"], "source": article.get("source")}
        return [
            {"event_type": t, "countries": list(states), "mentions": [mention], "extractor": "naive"}
            for t, states in sorted(found)
        ]

    def state_of(self, ent: Span, on: date | None) -> str | None:
        if ent.label_ not in PARTY_LABELS:
            return None
        if ent.label_ == "PERSON":
            leader = self.kb.leader(ent.text, on) or self.kb.leader(ent[-1].text, on)
            return leader.country if leader else None
        text = ent.text.removeprefix("the ").removeprefix("The ")
        return self.kb.state_of(text)


def article_text(article: Mapping[str, Any]) -> str:
    title = article.get("title")
    return f"{title}\n\n{article['body']}" if title else str(article["body"])


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None
