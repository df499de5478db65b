"""Syndicated copies: the same wire text republished by another outlet, recognised cheaply (MinHash + LSH
over word shingles) so its events are re-attributed without running the NLP again.

Similar text is not enough: two briefs that differ only in one leader ("Putin and Biden held talks ..." and
"Xi and Biden held talks ...") share most shingles but not their events. A copy is a copy only if its *facts*
are the original's too: the capitalised and numeric words of the two article texts are compared, and a word
that differs must not name a leader, a state, a place or a day (the knowledge base's names; without one, no
such word may differ), nor may the dateline differ. Credit lines, bylines, agencies and footers are masked first
(normalize), so an outlet's furniture does not make a copy look different; an edit elsewhere ("said" for
"told", a reworded quote) still leaves a copy a copy.

Whether an article is a copy depends only on what came before it, not on how the stream was batched: an
article of the current batch is in the index (its events still to come) before the next one is looked up.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from typing import Any

from datasketch import MinHash, MinHashLSH

from dipevents.core.calendar_words import CALENDAR_WORDS
from dipevents.core.knowledge import Knowledge
from dipevents.core.models import Article, Event, Mention
from dipevents.core.normalize import normalize

_WORD = re.compile(r"\w+")
_RELATIVE_DAY = re.compile(r"\b(?:yesterday|today|tomorrow|tonight|last night|overnight)\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$")
# words that say when, not what: a copy re-dated for another day is still a copy
_DAY_WORDS = CALENDAR_WORDS | {"yesterday", "today", "tomorrow", "tonight", "overnight"}
_SHINGLE = 5
_PERMUTATIONS = 64


_FACT_TOKEN = re.compile(r"\b(?:[A-Z][\w'’.-]*|\w*\d\w*)")

Facts = frozenset[str]


@dataclass(frozen=True)
class Original:
    article_id: str
    events: list[Event] | None  # None while the original (of the same batch) is still being extracted


@dataclass
class _Entry:
    sig: MinHash
    events: list[Event] | None
    # Its facts are read only when a near-duplicate of it comes (most articles never have one): until then the
    # entry keeps the article to read them from, then only the facts.
    article: Article | None = None
    facts: Facts | None = None


@cache
def _permutations() -> Any:
    """The seed's permutations, drawn once: every signature draws the same ones, and drawing them cost a fourth
    of a signature (datasketch shares the array between sketches itself when handed it)."""
    return MinHash(num_perm=_PERMUTATIONS, seed=7, scheme="affine32").permutations


class SyndicationIndex:
    """Bounded (LRU) index of recent articles' text signatures, facts and extracted events."""

    def __init__(self, threshold: float = 0.8, capacity: int = 20_000, kb: Knowledge | None = None) -> None:
        self.threshold = threshold
        self.capacity = capacity
        self.kb = kb
        self._lsh = MinHashLSH(threshold=threshold, num_perm=_PERMUTATIONS)
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._kb_words: frozenset[str] | None = None  # every word of a leader's, state's or place's name

    def facts(self, article: Article) -> Facts:
        """The words an article's events could be made of, cheaply (no actor scan): every capitalised or numeric
        token of its article text (credits, bylines, agencies and footers masked), its relative-day words and its
        dateline. Compared only when the text is already a near-duplicate (`same_facts`)."""
        clean = normalize(article.body, article.title, self.kb.known_place if self.kb is not None else None)
        out: set[str] = set()
        if clean.dateline is not None:
            out.add(f"dateline:{(clean.dateline.place or '').casefold()}|{(clean.dateline.date_text or '').casefold()}")
        for sent in clean.sentences:
            out.update(_POSSESSIVE.sub("", t).rstrip(".") for t in _FACT_TOKEN.findall(sent.text))
            out.update(w.casefold() for w in _RELATIVE_DAY.findall(sent.text))
        return frozenset(out)

    def same_facts(self, a: Facts, b: Facts) -> bool:
        """Would the two texts give the same events? Only if no word that differs between them can name a
        leader, a state, a place or a day (or, without a knowledge base, if no such word differs at all)."""
        differing = a ^ b
        if not differing:
            return True
        if self.kb is None:
            return False
        return not any(self._significant(t) for t in differing)

    def _significant(self, token: str) -> bool:
        if token.startswith("dateline:") or any(ch.isdigit() for ch in token) or token.casefold() in _DAY_WORDS:
            return True
        if self._kb_words is None:
            self._kb_words = _knowledge_words(self.kb) if self.kb is not None else frozenset()
        return token in self._kb_words

    def signature(self, body: str) -> MinHash:
        words = _WORD.findall(body.lower())
        shingles = {" ".join(words[i : i + _SHINGLE]).encode() for i in range(max(1, len(words) - _SHINGLE + 1))}
        m = MinHash(num_perm=_PERMUTATIONS, seed=7, permutations=_permutations(), scheme="affine32")
        m.update_batch(list(shingles))
        return m

    def find(self, article: Article, sig: MinHash | None = None, facts: Facts | None = None) -> Original | None:
        """The most similar indexed article whose facts are this one's too, if similar enough."""
        sig = sig or self.signature(article.body)
        scored = []
        for key in self._lsh.query(sig):
            if key == article.article_id or key not in self._entries:
                continue
            score = sig.jaccard(self._entries[key].sig)
            if score >= self.threshold:
                scored.append((-score, key))
        for _, key in sorted(scored):  # best first; the key breaks ties the same way every time
            if facts is None:
                facts = self.facts(article)  # only for an article that looks like a copy
            if self.same_facts(self._facts_of(self._entries[key]), facts):
                self._entries.move_to_end(key)
                return Original(key, self._entries[key].events)
        return None

    def add(
        self, article: Article, events: list[Event] | None, sig: MinHash | None = None, facts: Facts | None = None
    ) -> None:
        """Index an original; `events` None reserves its place until `settle` gives them."""
        if article.article_id in self._entries:
            return
        sig = sig or self.signature(article.body)
        self._lsh.insert(article.article_id, sig)
        self._entries[article.article_id] = _Entry(sig, events, None if facts is not None else article, facts)
        while len(self._entries) > self.capacity:
            old, _ = self._entries.popitem(last=False)
            self._lsh.remove(old)

    def _facts_of(self, entry: _Entry) -> Facts:
        if entry.facts is None:
            assert entry.article is not None  # an entry holds one or the other
            entry.facts, entry.article = self.facts(entry.article), None
        return entry.facts

    def settle(self, article_id: str, events: list[Event] | None) -> None:
        """The events of a reserved original; None (its extraction failed) forgets it."""
        entry = self._entries.get(article_id)
        if entry is None:
            return
        if events is None:
            del self._entries[article_id]
            self._lsh.remove(article_id)
        else:
            entry.events = events

    def __len__(self) -> int:
        return len(self._entries)


_SAME_SENTENCE = 0.6  # word-set Jaccard of an edited sentence with its original ('on Monday' moved, a name spelt out)


def reattribute(events: list[Event], copy: Article) -> list[Event]:
    """The original's events as reported by the copy: its outlet, its article id, its offsets. A sentence the copy
    edited is found as the copy's most similar one (of its sentences as the pipeline splits them, each used once
    per event); a mention with none similar enough is dropped (an event left with no mention is one the copy does
    not state as the original did: the caller reads the copy itself)."""
    sentences: list[tuple[int, int, frozenset[str]]] | None = None
    out: list[Event] = []
    for ev in events:
        mentions: list[Mention] = []
        taken: set[tuple[int, int]] = set()
        for m in ev.mentions:
            start = copy.body.find(m.sentence)
            end = start + len(m.sentence)
            if start < 0:
                if sentences is None:
                    sentences = [
                        (x.start, x.end, frozenset(w.lower() for w in _WORD.findall(x.text)))
                        for x in normalize(copy.body, copy.title).sentences
                    ]
                start, end = _most_similar(m.sentence, [x for x in sentences if (x[0], x[1]) not in taken])
                if start < 0:
                    continue
            if (start, end) in taken:
                continue
            taken.add((start, end))
            mentions.append(
                Mention(
                    article_id=copy.article_id,
                    source=copy.source,
                    sentence=copy.body[start:end],
                    start=start,
                    end=end,
                    credits=m.credits,
                )
            )
        out.append(ev.model_copy(update={"sources": [copy.source], "mentions": mentions}))
    return out


def _most_similar(sentence: str, sentences: list[tuple[int, int, frozenset[str]]]) -> tuple[int, int]:
    words = frozenset(w.lower() for w in _WORD.findall(sentence))
    best, span = 0.0, (-1, -1)
    for start, end, other in sentences:
        if words and other:
            score = len(words & other) / len(words | other)
            if score > best:
                best, span = score, (start, end)
    return span if best >= _SAME_SENTENCE else (-1, -1)


def _knowledge_words(kb: Knowledge) -> frozenset[str]:
    """Every word of the names the knowledge base knows leaders, states and places by."""
    names = [*kb.leaders, *kb.state_names, *kb.demonyms, *kb.metonyms, *kb.places]
    return frozenset(w.rstrip(".") for n in names for w in n.split() if w[:1].isupper())
