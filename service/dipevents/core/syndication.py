"""Syndicated copies: the same wire text republished by another outlet, recognised cheaply (MinHash + LSH
over word shingles) so its events are re-attributed without running the NLP again.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from dipevents.core.models import Article, Event, Mention

_WORD = re.compile(r"\w+")
_SHINGLE = 5
_PERMUTATIONS = 64


@dataclass(frozen=True)
class Original:
    article_id: str
    events: list[Event]


class SyndicationIndex:
    """Bounded (LRU) index of recent articles' text signatures and their extracted events."""

    def __init__(self, threshold: float = 0.8, capacity: int = 20_000) -> None:
        self.threshold = threshold
        self.capacity = capacity
        self._lsh = MinHashLSH(threshold=threshold, num_perm=_PERMUTATIONS)
        self._entries: OrderedDict[str, tuple[MinHash, list[Event]]] = OrderedDict()

    def signature(self, body: str) -> MinHash:
        words = _WORD.findall(body.lower())
        shingles = {" ".join(words[i : i + _SHINGLE]).encode() for i in range(max(1, len(words) - _SHINGLE + 1))}
        m = MinHash(num_perm=_PERMUTATIONS, seed=7)
        m.update_batch(list(shingles))
        return m

    def find(self, article: Article, sig: MinHash | None = None) -> Original | None:
        sig = sig or self.signature(article.body)
        best: tuple[float, str] | None = None
        for key in self._lsh.query(sig):
            if key == article.article_id or key not in self._entries:
                continue
            score = sig.jaccard(self._entries[key][0])
            if score >= self.threshold and (best is None or score > best[0]):
                best = (score, key)
        if best is None:
            return None
        self._entries.move_to_end(best[1])
        return Original(best[1], self._entries[best[1]][1])

    def add(self, article: Article, events: list[Event], sig: MinHash | None = None) -> None:
        if article.article_id in self._entries:
            return
        sig = sig or self.signature(article.body)
        self._lsh.insert(article.article_id, sig)
        self._entries[article.article_id] = (sig, events)
        while len(self._entries) > self.capacity:
            old, _ = self._entries.popitem(last=False)
            self._lsh.remove(old)

    def __len__(self) -> int:
        return len(self._entries)


def reattribute(events: list[Event], copy: Article) -> list[Event]:
    """The original's events as reported by the copy: its outlet, its article id, its offsets."""
    out: list[Event] = []
    for ev in events:
        mentions = []
        for m in ev.mentions:
            start = copy.body.find(m.sentence)
            if start < 0:
                continue  # an edited sentence: the source still counts, the mention does not
            mentions.append(
                Mention(
                    article_id=copy.article_id,
                    source=copy.source,
                    sentence=m.sentence,
                    start=start,
                    end=start + len(m.sentence),
                    credits=m.credits,
                )
            )
        out.append(ev.model_copy(update={"sources": [copy.source], "mentions": mentions}))
    return out
