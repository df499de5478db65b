"""The prefilter's party rules (a summit needs two states from people; instructions and agreements need their
verbs) only skip what no extractor could use: parse every sentence of the labelled sets, and no sentence with
a party and a trigger stem that the prefilter skips may yield a candidate event (in either extraction pass).

(Sentences without any trigger stem are a separate matter: "the two men ... embracing" in the D06 AFP article
yields a summit when parsed, but "embrac" is not among the stems — a recall question for the lexicon.)"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dipevents.core.extractors.base import SentenceView
from dipevents.core.models import Article
from dipevents.core.pipeline import _main_meeting
from dipevents.core.prefilter import _PARTY_KINDS, trigger_pattern

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _articles() -> list[Article]:
    out = []
    for path in (FIXTURES / "dev" / "articles.jsonl", FIXTURES / "heldout" / "articles.jsonl"):
        out += [
            Article.model_validate(json.loads(line))
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
    return out


def test_no_skipped_sentence_would_yield_an_event(pipeline: Any) -> None:
    leaks = []
    for article in _articles():
        p = pipeline._prepare(article)
        sentences = p.clean.sentences
        docs = list(pipeline.nlp.pipe([s.text for s in sentences]))
        views = [
            SentenceView(s, d, p.actors[i], p.ctx, pipeline.kb, p.ref)
            for i, (s, d) in enumerate(zip(sentences, docs, strict=True))
        ]
        fallback, p.ctx.main_states = p.ctx.main_states, ()
        explicit = {
            i: [c for ex in pipeline.extractors if ex.event_type == "summit" for c in ex.extract(v)]
            for i, v in enumerate(views)
        }
        p.ctx.main_states = _main_meeting([c for cs in explicit.values() for c in cs]) or fallback
        for i, v in enumerate(views):
            found = explicit[i] + [c for ex in pipeline.extractors for c in ex.extract(v)]
            has_party = any(a.kind in _PARTY_KINDS for a in p.actors[i])
            has_stem = trigger_pattern(pipeline.kb).search(sentences[i].text) is not None
            if found and has_party and has_stem and i not in p.candidates:
                leaks.append((article.article_id, sentences[i].text, sorted({c.event_type for c in found})))
    assert leaks == []
