"""tools/audit_real.py: the draw, the interval and the tally of a real-stream precision audit."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

TOOLS = Path(__file__).resolve().parents[2] / "tools"


def _tool() -> ModuleType:
    sys.path.insert(0, str(TOOLS))
    spec = importlib.util.spec_from_file_location("audit_real", TOOLS / "audit_real.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_draw_keeps_all_or_a_seeded_sample() -> None:
    """Up to the size every event is kept; above it a seeded sample of exactly that size, in event order."""
    audit = _tool()
    events = [{"n": i} for i in range(400)]
    assert audit.draw(events[:150], 150, 1) == events[:150]
    first, again = audit.draw(events, 150, 1), audit.draw(events, 150, 1)
    assert first == again and len(first) == 150 and first == sorted(first, key=lambda e: e["n"])
    assert audit.draw(events, 150, 2) != first


def test_wilson_interval() -> None:
    """135 right of 150 gives about 0.90 with a 95% interval of about 0.84-0.94 (the Wilson score interval)."""
    lo, hi = _tool().wilson(135, 150)
    assert round(lo, 2) == 0.84 and round(hi, 2) == 0.94


def test_score_counts_only_judged_events_and_tallies_classes(tmp_path: Path) -> None:
    """Unjudged rows are left out; wrong verdicts are counted by their class."""
    rows = [
        {"verdict": "right"},
        {"verdict": "right"},
        {"verdict": "wrong", "class": "tense"},
        {"verdict": "wrong", "class": "tense"},
        {"verdict": "wrong", "class": "not a leader"},
        {"verdict": None},
    ]
    sample = tmp_path / "sample.jsonl"
    sample.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    got = _tool().score(sample)
    assert (got["events"], got["judged"], got["right"], got["precision"]) == (6, 5, 2, 0.4)
    assert got["wrong_by_class"] == {"tense": 2, "not a leader": 1}
