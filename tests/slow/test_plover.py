"""PLOVER gold-standard sentences (CC BY-SA 4.0, Open Event Data Alliance), read in place from
../shared/data/plover-gsr (its SOURCE.md): the project holds no copy. Skipped where that folder is absent."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from dipevents.core.models import Article

PLOVER = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "plover-gsr" / "PLOVER_GSR_CAMEO.txt"
# CONSULT records in which leaders of two states meet (the others are ministers, envoys or one-sided visits).
LEADER_CONSULT = {"PLOVER-GSR01-CONSULT-0005", "PLOVER-GSR01-CONSULT-0006"}


def records() -> list[dict[str, Any]]:
    if not PLOVER.is_file():
        pytest.skip(f"{PLOVER.parent} is absent (public data stays in ../shared)")
    return [r for r in json.loads(PLOVER.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]


def run(pipeline: Any, recs: list[dict[str, Any]]) -> dict[str, list[Any]]:
    # The CAMEO manual's sentences are undated: no publication date, so leaders of any era resolve.
    arts = [Article(article_id=r["id"], source="PLOVER", body=r["text"]) for r in recs]
    return {a.article_id: evs for a, evs in zip(arts, pipeline.process_all(arts), strict=True)}


def test_other_categories_yield_no_events(pipeline: Any) -> None:
    """None of the non-CONSULT, non-AGREE sentences (protests, attacks, sanctions, threats...) yields an event."""
    recs = [r for r in records() if r["event"] not in ("CONSULT", "AGREE")]
    assert len(recs) > 250
    out = run(pipeline, recs)
    fired = {k: [(e.event_type, e.countries) for e in v] for k, v in out.items() if v}
    assert fired == {}


def test_leader_level_consult_sentences_yield_summits(pipeline: Any) -> None:
    """Yeltsin hosting Hashimoto, Mitterrand welcoming de Klerk: summits with both states."""
    recs = [r for r in records() if r["id"] in LEADER_CONSULT]
    out = run(pipeline, recs)
    expected = {"PLOVER-GSR01-CONSULT-0005": ["JPN", "RUS"], "PLOVER-GSR01-CONSULT-0006": ["FRA", "ZAF"]}
    for rid, states in expected.items():
        summits = [e.countries for e in out[rid] if e.event_type == "summit"]
        assert summits == [states], (rid, out[rid])
