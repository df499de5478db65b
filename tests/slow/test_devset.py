"""The development set (8 multi-wire stories, 6 negatives): quality floors the project commits to."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from dipevents.core.dedup import Deduplicator
from dipevents.core.models import Article
from dipevents.core.processor import ArticleProcessor
from dipevents.core.syndication import SyndicationIndex
from dipevents.evaluation import TYPES, article_scores, dedup_scores


def test_article_level_f1(pipeline: Any, dev_articles: list[dict[str, Any]], dev_expected: dict[str, Any]) -> None:
    """Article-level micro-F1 >= 0.90 and every type >= 0.85."""
    articles = [Article.model_validate(a) for a in dev_articles]
    events = [json.loads(e.model_dump_json()) for evs in pipeline.process_batch(articles) for e in evs]
    scores = article_scores(events, dev_expected["articles"])
    assert scores.f1() >= 0.90, {t: scores.prf(t) for t in TYPES}
    for t in TYPES:
        assert scores.f1(t) >= 0.85, (t, scores.prf(t))


def test_negatives_yield_nothing(
    pipeline: Any, dev_articles: list[dict[str, Any]], dev_expected: dict[str, Any]
) -> None:
    """Announced call, ministers' meeting, sanctions, protests, business news, anniversary: no events."""
    negatives = [Article.model_validate(a) for a in dev_articles if a["article_id"] in dev_expected["negatives"]]
    assert len(negatives) == 6
    assert [e for evs in pipeline.process_batch(negatives) for e in evs] == []


def test_cross_source_dedup(pipeline: Any, dev_articles: list[dict[str, Any]], dev_expected: dict[str, Any]) -> None:
    """Deduplicated over all articles (shuffled order): dedup exact >= 0.90, no merge across stories."""
    import random

    shuffled = list(dev_articles)
    random.Random(7).shuffle(shuffled)
    processor = ArticleProcessor(pipeline, SyndicationIndex())
    dedup = Deduplicator({})
    for ext in processor.process([Article.model_validate(a) for a in shuffled]):
        for ev in ext.events:
            dedup.observe(ev, ext.article.article_id, ext.article.published_at)
    events = [json.loads(e.model_dump_json()) for e in dedup.events()]
    exact, dups, merge_err = dedup_scores(events, dev_expected)
    assert merge_err == 0
    assert exact >= 0.90, (exact, dups)


@pytest.mark.parametrize(
    ("name", "floor"),
    [
        ("heldout", 0.90),
        ("heldout2", 0.90),
        ("heldout3", 0.95),
        ("heldout4", 0.75),
        ("heldout5", 0.85),
        ("heldout6", 0.80),
    ],
)
def test_held_out_sets_do_not_regress(pipeline: Any, name: str, floor: float) -> None:
    """The held-out sets (written by teammates; first-run micro-F1 0.80, 0.81, 0.81, 0.78, 0.80, 0.87; sets 1-3 and 5
    then studied, set 4 only scored; see docs/extraction.md) stay above a regression floor."""
    folder = Path(__file__).resolve().parents[1] / "fixtures" / name
    articles = [
        Article.model_validate_json(line)
        for line in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    events = [json.loads(e.model_dump_json()) for evs in pipeline.process_batch(articles) for e in evs]
    scores = article_scores(events, expected["articles"])
    assert scores.f1() >= floor, {t: scores.prf(t) for t in TYPES}
