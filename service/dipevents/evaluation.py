"""Scoring on a labelled set (the dev-set format): article-level (type, set of states) precision/recall/F1,
and dedup exactness per story event (one output event, mentions inside its story, sources as expected).
Used by the quality tests and by `make bench`.

A score with nothing to count (a type with no labels and no output in a set) is None, printed "n/a": it is not
a perfect 1.0. `python -m dipevents.evaluation DIR ...` prints the per-type scores of labelled sets (folders
with articles.jsonl and expected.json).
"""

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

    def counts(self, t: str | None = None) -> tuple[int, int, int]:
        """(tp, fp, fn) of one type, or of all."""
        types = [t] if t else list(self.types)
        return (
            sum(self.tp.get(x, 0) for x in types),
            sum(self.fp.get(x, 0) for x in types),
            sum(self.fn.get(x, 0) for x in types),
        )

    def f1(self, t: str | None = None) -> float | None:
        """Micro-F1 of one type or of all; None when the set has neither labels nor output for it."""
        tp, fp, fn = self.counts(t)
        return _ratio(2 * tp, 2 * tp + fp + fn)

    def prf(self, t: str | None = None) -> tuple[float | None, float | None, float | None]:
        """Precision (None without output), recall (None without labels) and F1."""
        tp, fp, fn = self.counts(t)
        return _ratio(tp, tp + fp), _ratio(tp, tp + fn), self.f1(t)

    def summary(self) -> dict[str, Any]:
        tp, fp, fn = self.counts()
        return {
            "micro_f1": _round(self.f1()),
            "per_type_f1": {t: _round(self.f1(t)) for t in self.types},
            "tp": tp,
            "fp": fp,
            "fn": fn,
        }

    def table(self) -> str:
        """Per type and in all: precision, recall, F1 and the counts, 'n/a' where there is nothing to count."""
        rows = [f"{'':<24} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"]
        for name, t in [*((t, t) for t in self.types), ("all (micro)", None)]:
            cells = " ".join(f"{'n/a' if v is None else f'{v:.3f}':>6}" for v in self.prf(t))
            rows.append(f"{name:<24} {cells} " + " ".join(f"{n:>4}" for n in self.counts(t)))
        return "\n".join(rows)


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _round(v: float | None) -> float | None:
    return None if v is None else round(v, 4)


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


def main(argv: list[str] | None = None) -> int:
    """Print the per-type scores of each labelled set folder given (the built-in types, the installed model)."""
    import json
    import sys
    from pathlib import Path

    from dipevents.core.models import Article
    from dipevents.main import build_pipeline, build_settings

    folders = [Path(a) for a in (argv if argv is not None else sys.argv[1:])]
    if not folders:
        print("usage: python -m dipevents.evaluation DIR [DIR ...]  (folders with articles.jsonl, expected.json)")
        return 2
    pipeline = build_pipeline(build_settings())
    for folder in folders:
        lines = (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines()
        articles = [Article.model_validate_json(line) for line in lines if line.strip()]
        expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        events = [json.loads(e.model_dump_json()) for evs in pipeline.process_all(articles) for e in evs]
        print(f"{folder} ({len(articles)} articles)\n{article_scores(events, expected['articles']).table()}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
