"""The project's labelled article sets (tests/fixtures/<name>: articles.jsonl + expected.json).

The bench scores every side on the held-out sets and warms up on the development set. The held-out list is
pinned, not globbed: the extraction-only reference (bench.speed) must read the same articles on every branch,
even after a seventh set is added.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from bench.paths import FIXTURES

HELDOUT = ("heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6")
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


def heldout(per_set: int | None = None) -> list[LabelledSet]:
    return [load(name).head(per_set) for name in HELDOUT]


def pooled(sets: list[LabelledSet]) -> LabelledSet:
    """All sets as one (their article ids are distinct)."""
    articles = [a for s in sets for a in s.articles]
    expected = {aid: labels for s in sets for aid, labels in s.expected.items()}
    if len(expected) != len(articles):
        raise ValueError("labelled sets share article ids; they cannot be pooled")
    return LabelledSet("+".join(s.name for s in sets), articles, expected)
