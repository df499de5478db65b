"""The article streams every side is timed on.

* **diplomatic** — synthetic diplomatic-only articles (bench.synthetic), ~530 words, nearly all with events.
* **mixed** — real copy when the shared folder has it: a seeded sample of the Reuters-21578 stories
  (../shared/data/real/reuters21578, converted by its own to_articles.py: 1987 wire copy, economy, trade and
  politics, a few percent with a diplomatic event). Without it, the synthetic mix (20% diplomatic).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import realcopy, synthetic
from bench.measure import word_count


@dataclass(frozen=True)
class Workload:
    name: str  # "diplomatic" | "mixed"
    source: str  # "synthetic" | "reuters21578"
    label: str  # what a reader of the table needs to know about it
    articles: list[dict[str, Any]]

    def describe(self) -> dict[str, Any]:
        words = sum(word_count(a["body"]) for a in self.articles)
        n = len(self.articles)
        return {
            "name": self.name,
            "source": self.source,
            "label": self.label,
            "articles": n,
            "words": words,
            "mean_words": round(words / n, 1) if n else 0.0,
        }


def diplomatic(n: int, seed: int = synthetic.SEED) -> Workload:
    arts = synthetic.build("diplomatic", n, seed)
    return Workload("diplomatic", "synthetic", f"synthetic diplomatic-only, {n} articles", arts)


def mixed(n: int, seed: int = synthetic.SEED, real: Path | None = None, pool: int | None = None) -> Workload:
    """N articles of the mixed stream: a seeded sample of the Reuters stories (of the first `pool` of them, for
    a quick run; of all by default) when `real` is given, else the synthetic mix."""
    if real is None:
        arts = synthetic.build("mixed", n, seed)
        share = round(100 * synthetic.DIPLOMATIC_SHARE)
        return Workload("mixed", "synthetic", f"synthetic mix, {share}% diplomatic, {n} articles", arts)
    stories = realcopy.convert(real, "reuters", pool)
    chosen = random.Random(seed).sample(stories, min(n, len(stories)))
    return Workload("mixed", "reuters21578", f"Reuters-21578, {len(chosen)} of {len(stories)} stories", chosen)
