"""One failing article costs only itself, found in one pass: Pipeline.process_batch gives it its ExtractionError,
the others their events, and no article is processed twice (core/pipeline.py, core/processor.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import pytest
import spacy
from dipevents.core.errors import ExtractionError
from dipevents.core.extractors.view import Candidate, SentenceView
from dipevents.core.models import Article
from dipevents.core.pipeline import Pipeline
from dipevents.core.processor import ArticleProcessor
from dipevents.core.registry import Extractor
from dipevents.core.syndication import SyndicationIndex
from dipevents.settings import Settings
from spacy.language import Language

MARK = "Zyxwv"  # a made-up word: the fault injected below fires on sentences that contain it


class Tripwire:
    """A registered extractor with a bug that only one article's wording triggers; counts the sentences it sees."""

    def __init__(self, inner: Extractor, seen: Counter[str]) -> None:
        self.inner, self.seen = inner, seen
        self.name, self.event_type = inner.name, inner.event_type

    def extract(self, view: SentenceView) -> Iterable[Candidate]:
        self.seen[view.text] += 1
        if MARK in view.text:
            raise ZeroDivisionError("a bug in an extractor")
        return self.inner.extract(view)


@Language.component("dipevents_test_parser_fault")
def _parser_fault(doc: Any) -> Any:
    if MARK in doc.text:
        raise MemoryError("the parser ran out")
    return doc


def _articles(dev_articles: list[dict[str, Any]]) -> list[Article]:
    seed = Article.model_validate(next(a for a in dev_articles if a["article_id"] == "seed-putin-abe"))
    bad = seed.model_copy(
        update={"article_id": "bad", "body": seed.body.replace("Winding up talks", f"Winding up {MARK} talks")}
    )
    assert bad.body != seed.body
    return [seed, bad, seed.model_copy(update={"article_id": "again"})]


def test_an_extractor_failure_costs_only_its_article_and_nothing_runs_twice(
    pipeline: Pipeline, dev_articles: list[dict[str, Any]]
) -> None:
    """The article whose extraction raises gets an ExtractionError (stage extract, its id); the others get the
    events they get alone; every candidate sentence of the batch is extracted once."""
    seen: Counter[str] = Counter()
    tripped = Pipeline(pipeline.nlp, pipeline.kb, [Tripwire(x, seen) for x in pipeline.extractors])
    good, bad, again = _articles(dev_articles)
    results = tripped.process_batch([good, bad, again])
    err = results[1]
    assert isinstance(err, ExtractionError) and err.article_id == "bad" and err.stage == "extract"
    assert "ZeroDivisionError" in err.message
    expected = pipeline.process_article(good)
    assert len(expected) == 3
    assert [e.model_dump() for e in results[0]] == [e.model_dump() for e in expected]  # type: ignore[union-attr]
    assert len(results[2]) == 3  # type: ignore[arg-type]
    # per extractor, each sentence of the three articles once (the bad one stops at its faulty sentence)
    assert max(seen.values()) <= 3 * len(pipeline.extractors)
    with pytest.raises(ExtractionError):
        tripped.process_article(bad)


def test_a_parser_failure_is_found_article_by_article(pipeline: Pipeline, dev_articles: list[dict[str, Any]]) -> None:
    """When spaCy raises on one article's sentence, the batch's parse is redone article by article: that article
    gets an ExtractionError (stage nlp), the others their events."""
    nlp = spacy.load(Settings().nlp.model)
    nlp.add_pipe("dipevents_test_parser_fault", first=True)
    faulty = Pipeline(nlp, pipeline.kb)
    good, bad, again = _articles(dev_articles)
    results = faulty.process_batch([good, bad, again])
    err = results[1]
    assert isinstance(err, ExtractionError) and err.article_id == "bad" and err.stage == "nlp"
    assert "MemoryError" in err.message
    assert len(results[0]) == len(results[2]) == 3  # type: ignore[arg-type]


def test_the_processor_passes_each_articles_error_on(pipeline: Pipeline, dev_articles: list[dict[str, Any]]) -> None:
    """ArticleProcessor: the failing article's Extraction carries the error and no events; a copy of it that
    came after it is extracted on its own."""
    seen: Counter[str] = Counter()
    tripped = Pipeline(pipeline.nlp, pipeline.kb, [Tripwire(x, seen) for x in pipeline.extractors])
    good, bad, _ = _articles(dev_articles)
    out = ArticleProcessor(tripped, SyndicationIndex(kb=pipeline.kb)).process([bad, good])
    assert out[0].events == [] and out[0].error is not None and out[0].error.article_id == "bad"
    assert out[1].error is None and out[1].copy_of is None and len(out[1].events) == 3
