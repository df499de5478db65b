"""A syndicated copy of an article is recognised before the NLP and its outlet joins the original's events."""

from __future__ import annotations

from typing import Any

from dipevents.core.dedup import Deduplicator
from dipevents.core.models import Article
from dipevents.core.processor import ArticleProcessor
from dipevents.core.syndication import SyndicationIndex


def test_copy_is_reattributed_without_nlp_and_merged(pipeline: Any, dev_articles: list[dict[str, Any]]) -> None:
    """The seed republished by another outlet (credit line changed): same events, two sources, no NLP pass."""
    seed = Article.model_validate(next(a for a in dev_articles if a["article_id"] == "seed-putin-abe"))
    copy = seed.model_copy(
        update={
            "article_id": "copy-1",
            "source": "Moscow Times",
            "body": seed.body.replace("Source:Voice of Russia, RIA, Interfax", "Source: VoR"),
        }
    )
    calls = []

    class Counting:
        def __init__(self) -> None:
            self.inner = pipeline

        def process_batch(self, arts: Any) -> Any:
            calls.extend(a.article_id for a in arts)
            return self.inner.process_batch(arts)

        def process_article(self, a: Any) -> Any:
            calls.append(a.article_id)
            return self.inner.process_article(a)

    processor = ArticleProcessor(Counting(), SyndicationIndex())  # type: ignore[arg-type]
    first = processor.process([seed])
    second = processor.process([copy])
    assert calls == ["seed-putin-abe"]  # the copy never reached the NLP
    assert second[0].copy_of == "seed-putin-abe"
    assert len(second[0].events) == 3
    for ev in second[0].events:
        assert ev.sources == ["Moscow Times"]
        for m in ev.mentions:
            assert m.article_id == "copy-1" and copy.body[m.start : m.end] == m.sentence
    dedup = Deduplicator({})
    for ext in (*first, *second):
        for ev in ext.events:
            dedup.observe(ev, ext.article.article_id, ext.article.published_at)
    merged = list(dedup.events())
    assert len(merged) == 3 and all(e.sources == ["Moscow Times", "Voice of Russia"] for e in merged)
