"""Scoring on a labelled set (the dev-set format): article-level (type, set of states) precision/recall/F1,
and dedup exactness per story event (one output event, mentions inside its story, sources as expected).
Used by the quality tests and by `make bench`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from dipevents.core.models import BUILTIN_TYPES
from dipevents.core.registry import EventTypes

TYPES = BUILTIN_TYPES.event_types()


@dataclass
class Scores:
    tp: dict[str, int]
    fp: dict[str, int]
    fn: dict[str, int]
    types: tuple[str, ...] = TYPES

    def f1(self, t: str | None = None) -> float:
        types = [t] if t else list(self.types)
        tp = sum(self.tp.get(x, 0) for x in types)
        fp = sum(self.fp.get(x, 0) for x in types)
        fn = sum(self.fn.get(x, 0) for x in types)
        return 2 * tp / (2 * tp + fp + fn) if (2 * tp + fp + fn) else 1.0

    def summary(self) -> dict[str, Any]:
        return {
            "micro_f1": round(self.f1(), 4),
            "per_type_f1": {t: round(self.f1(t), 4) for t in self.types},
            "tp": sum(self.tp.values()),
            "fp": sum(self.fp.values()),
            "fn": sum(self.fn.values()),
        }

    def prf(self, t: str) -> tuple[float, float, float]:
        tp, fp, fn = self.tp.get(t, 0), self.fp.get(t, 0), self.fn.get(t, 0)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, self.f1(t)


def article_scores(
    events: list[dict[str, Any]],
    expected_articles: dict[str, list[dict[str, Any]]],
    types: EventTypes = BUILTIN_TYPES,
) -> Scores:
    pred: dict[str, set[tuple[str, frozenset[str]]]] = defaultdict(set)
    for ev in events:
        for aid in {m["article_id"] for m in ev["mentions"]}:
            pred[aid].add((ev["event_type"], frozenset(ev["countries"])))
    tp: dict[str, int] = defaultdict(int)
    fp: dict[str, int] = defaultdict(int)
    fn: dict[str, int] = defaultdict(int)
    for aid, labels in expected_articles.items():
        want = {(e["event_type"], frozenset(e["countries"])) for e in labels}
        got = pred.get(aid, set())
        for k in got & want:
            tp[k[0]] += 1
        for k in got - want:
            fp[k[0]] += 1
        for k in want - got:
            fn[k[0]] += 1
    return Scores(tp, fp, fn, types.event_types())


def dedup_scores(events: list[dict[str, Any]], expected: dict[str, Any]) -> tuple[float, int, int]:
    """-> (dedup_exact, duplicates, merge_errors)"""
    group: dict[str, str] = {}
    for s in expected["stories"]:
        for aid in s["article_ids"]:
            group[aid] = s["story_id"]
    for aid in expected["negatives"]:
        group[aid] = f"neg:{aid}"
    merge_err = sum(1 for ev in events if len({group.get(m["article_id"], "?") for m in ev["mentions"]}) > 1)
    exact = dups = total = 0
    for s in expected["stories"]:
        for want in s["events"]:
            total += 1
            matches = [
                ev
                for ev in events
                if ev["event_type"] == want["event_type"]
                and sorted(ev["countries"]) == want["countries"]
                and ev["mentions"]
                and all(group.get(m["article_id"]) == s["story_id"] for m in ev["mentions"])
            ]
            dups += max(0, len(matches) - 1)
            if len(matches) == 1 and sorted(matches[0]["sources"]) == want["sources"]:
                exact += 1
    return exact / total, dups, merge_err
