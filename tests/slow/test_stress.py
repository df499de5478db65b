"""The dedup stress corpus (tests/fixtures/stress): the same states meeting more than once within days stay
apart, every report of one meeting comes together, in any arrival order."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from dipevents.core.dedup import Deduplicator
from dipevents.core.models import Article, Event
from dipevents.core.processor import ArticleProcessor
from dipevents.core.syndication import SyndicationIndex
from dipevents.evaluation import dedup_scores
from hypothesis import given, settings
from hypothesis import strategies as st

STRESS = Path(__file__).resolve().parents[1] / "fixtures" / "stress"


@pytest.fixture(scope="module")
def reports(pipeline: Any) -> list[tuple[Article, list[Event]]]:
    arts = [Article.model_validate_json(line) for line in (STRESS / "articles.jsonl").read_text().splitlines()]
    processor = ArticleProcessor(pipeline, SyndicationIndex(kb=pipeline.kb))
    return [(ext.article, ext.events) for ext in processor.process(arts)]


def _dedup(reports: list[tuple[Article, list[Event]]]) -> list[dict[str, Any]]:
    dd = Deduplicator({})
    for article, events in reports:
        for ev in events:
            dd.observe(ev, article.article_id, article.published_at)
    return [e.model_dump(mode="json") for e in dd.events()]


def _partition(events: list[dict[str, Any]]) -> set[tuple[str, tuple[str, ...], frozenset[str]]]:
    return {(e["event_type"], tuple(e["countries"]), frozenset(m["article_id"] for m in e["mentions"])) for e in events}


def test_every_meeting_kept_apart_and_every_report_merged(reports: list[tuple[Article, list[Event]]]) -> None:
    """Two meetings of one pair in a week, a call the day after a meeting, bilaterals beside a trilateral:
    no story event is split (dup 0), none merged across occasions (merge_err 0)."""
    expected = json.loads((STRESS / "expected.json").read_text())
    exact, dups, merge_err = dedup_scores(_dedup(reports), expected)
    assert (dups, merge_err) == (0, 0)
    # 6 of 10 story events exact at 070369d (7 at 168e302: st-203's call is no longer extracted since the summit
    # rule of 2cff18b); every miss is an extraction miss, none a dedup split or merge
    assert exact >= 0.58


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_any_arrival_order_gives_the_same_clusters(reports: list[tuple[Article, list[Event]]], data: Any) -> None:
    """Any permutation of the corpus's articles ends in the same clusters (as sets of reporting articles)."""
    order = data.draw(st.permutations(reports))
    assert _partition(_dedup(order)) == _partition(_dedup(reports))
