"""Held-out quality of one side, scored the way the quality tests score it (dipevents.evaluation).

Article level: an article's (event type, set of states) pairs against its labels; micro-F1 over all types and
F1 per type. A type with neither labels nor predictions has no F1 (None, printed n/a), not a perfect one.
"""

from __future__ import annotations

from typing import Any

from dipevents.evaluation import article_scores

from bench.labelled import LabelledSet


def event_types() -> tuple[str, ...]:
    """The registered event types, in the registry's order; the bench never spells one."""
    from dipevents.core.models import BUILTIN_TYPES

    return BUILTIN_TYPES.event_types()


def _f1(tp: int, fp: int, fn: int) -> float | None:
    return round(2 * tp / (2 * tp + fp + fn), 4) if tp + fp + fn else None


def score(events: list[dict[str, Any]], labelled: LabelledSet) -> dict[str, Any]:
    """`events`: event JSON (event_type, countries, mentions[].article_id) found on `labelled.articles`."""
    s = article_scores(events, labelled.expected)
    types = event_types()
    tp, fp, fn = (sum(counts.get(t, 0) for t in types) for counts in (s.tp, s.fp, s.fn))
    return {
        "set": labelled.name,
        "articles": len(labelled.articles),
        "micro_f1": _f1(tp, fp, fn),
        "per_type_f1": {t: _f1(s.tp.get(t, 0), s.fp.get(t, 0), s.fn.get(t, 0)) for t in types},
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }
