"""The labelled real-copy set (tests/fixtures/real): floors on both splits, scored by totals only.

The never-studied split is only ever scored here and by `tools/realset.py score`: a failure prints its totals,
never an article or a story (tests/fixtures/real/README.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from dipevents.core.models import Article
from dipevents.evaluation import TYPES, article_scores

LABELS = Path(__file__).resolve().parents[1] / "fixtures" / "real" / "labels.json"

# At most 0.02 under the scores docs/extraction.md gives for the code as it is (precision, recall, each type's F1).
# Raise a floor when a change raises its score; never lower one to make a change pass.
FLOORS: dict[str, dict[str, float]] = {
    # studied: P 1.00, R 0.92; F1 summit 0.92, instruction 1.00, consultation 0.92 (4f161ec)
    "studied": {
        "precision": 0.98,
        "recall": 0.90,
        "summit": 0.90,
        "ministry_instruction": 0.98,
        "consultation_agreement": 0.90,
    },
    # never studied, its first measurement after the real-copy work: P 0.36, R 0.21; F1 summit 0.46, instruction
    # 0.15, consultation 0.00 (4f161ec) - far under the studied split: the rules did not generalise (docs/extraction.md)
    "never_studied": {
        "precision": 0.34,
        "recall": 0.19,
        "summit": 0.44,
        "ministry_instruction": 0.13,
        "consultation_agreement": 0.0,
    },
}


def test_every_registered_type_has_a_floor_on_both_splits() -> None:
    assert all(set(floors) == {*TYPES, "precision", "recall"} for floors in FLOORS.values())


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_real_copy_does_not_regress(pipeline: Any, real_articles: list[dict[str, Any]], split: str) -> None:
    """Each split keeps its micro precision and recall and every type's F1 at or above its floor."""
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    ids = {aid for aid, s in labels["split"].items() if s == split}
    articles = [Article.model_validate(a) for a in real_articles if a["article_id"] in ids]
    assert len(articles) == len(ids)
    events = [json.loads(e.model_dump_json()) for evs in pipeline.process_all(articles) for e in evs]
    scores = article_scores(events, {aid: labels["articles"][aid] for aid in ids})
    precision, recall, _ = scores.prf()
    got = {"precision": precision, "recall": recall} | {t: scores.f1(t) for t in TYPES}
    below = {k: (got[k], floor) for k, floor in FLOORS[split].items() if got[k] is None or got[k] < floor}
    # totals only: the per-type counts, never an article
    assert below == {}, {t: scores.counts(t) for t in TYPES}
