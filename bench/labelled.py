"""The project's labelled article sets (tests/fixtures/<name>: articles.jsonl + expected.json).

`make bench` scores every side on all the held-out sets (tests/fixtures/heldout*) and warms up on the
development set. The extraction-only reference (bench.speed) reads a pinned list instead, so that every branch
reads the same articles however many sets are added later.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from bench.paths import FIXTURES

SPEED_REFERENCE = ("heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6")  # 200 articles
DEV = "dev"


@dataclass(frozen=True)
class LabelledSet:
    name: str
    articles: list[dict[str, Any]]  # Article JSON, the worker's input contract
    expected: dict[str, list[dict[str, Any]]]  # article id -> [{"event_type", "countries"}, ...]
    stories: list[dict[str, Any]] = field(default_factory=list)  # the development set's multi-wire stories

    def head(self, n: int | None) -> LabelledSet:
        """The first n articles and their labels (all of them when n is None)."""
        if n is None:
            return self
        articles = self.articles[:n]
        return LabelledSet(self.name, articles, {a["article_id"]: self.expected[a["article_id"]] for a in articles})


def load(name: str) -> LabelledSet:
    folder = FIXTURES / name
    with open(folder / "articles.jsonl", encoding="utf-8") as f:
        articles = [json.loads(line) for line in f if line.strip()]
    with open(folder / "expected.json", encoding="utf-8") as f:
        expected = json.load(f)
    return LabelledSet(name, articles, expected["articles"], expected.get("stories", []))


def heldout_names() -> tuple[str, ...]:
    """Every held-out set in the fixtures, in order (heldout, heldout2, ...)."""
    names = [p.name for p in FIXTURES.glob("heldout*") if (p / "expected.json").is_file()]
    return tuple(sorted(names, key=lambda n: int(n.removeprefix("heldout") or 1)))


def heldout(names: tuple[str, ...] | None = None, per_set: int | None = None) -> list[LabelledSet]:
    return [load(name).head(per_set) for name in (names if names is not None else heldout_names())]


def pooled(sets: list[LabelledSet]) -> LabelledSet:
    """All sets as one (their article ids are distinct)."""
    articles = [a for s in sets for a in s.articles]
    expected = {aid: labels for s in sets for aid, labels in s.expected.items()}
    if len(expected) != len(articles):
        raise ValueError("labelled sets share article ids; they cannot be pooled")
    return LabelledSet("+".join(s.name for s in sets), articles, expected)
