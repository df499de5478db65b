"""Article-level scoring: per type and micro; a type with nothing to count is n/a, never a perfect 1.0."""

from __future__ import annotations

from typing import Any

import pytest
from dipevents.evaluation import article_scores


def ev(article: str, event_type: str, *countries: str) -> dict[str, Any]:
    return {"event_type": event_type, "countries": list(countries), "mentions": [{"article_id": article}]}


EXPECTED = {
    "a1": [{"event_type": "summit", "countries": ["DEU", "FRA"]}],
    "a2": [{"event_type": "summit", "countries": ["JPN", "RUS"]}],
    "a3": [],
}


def test_a_type_without_labels_or_output_is_not_applicable() -> None:
    """No instruction labelled and none found: F1, precision and recall are None (n/a), not 1.0."""
    scores = article_scores([ev("a1", "summit", "DEU", "FRA")], EXPECTED)
    assert scores.f1("ministry_instruction") is None
    assert scores.prf("ministry_instruction") == (None, None, None)
    assert scores.summary()["per_type_f1"]["ministry_instruction"] is None
    assert "n/a" in scores.table().splitlines()[list(scores.types).index("ministry_instruction") + 1]


def test_output_for_an_unlabelled_type_scores_zero() -> None:
    """An instruction found where none is labelled is a false positive: precision and F1 are 0, recall n/a."""
    scores = article_scores([ev("a3", "ministry_instruction", "DEU")], EXPECTED)
    assert scores.prf("ministry_instruction") == (0.0, None, 0.0)


def test_per_type_and_micro_scores_count_article_keys() -> None:
    """One of two summits found, one wrong state set: P 0.5, R 0.5; matching is on type and state set."""
    scores = article_scores([ev("a1", "summit", "DEU", "FRA"), ev("a2", "summit", "RUS", "USA")], EXPECTED)
    assert scores.counts("summit") == (1, 1, 1)
    assert scores.prf("summit") == (0.5, 0.5, 0.5)
    assert scores.f1() == pytest.approx(0.5)
