"""What an extractor sees (one parsed candidate sentence in its article) and what it returns (a Candidate),
plus the shared linguistic tests: is a trigger real (not future, conditional, negated or recalled)?
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from spacy.tokens import Doc, Span, Token

from service.core.actors import ActorMention
from service.core.context import ArticleContext
from service.core.dates import DateMention, find_dates, period_end
from service.core.knowledge import Knowledge, Place
from service.core.normalize import Sentence

_RECENT_DAYS = 7  # an event dated more than a week before publication is background, not news


@dataclass
class SentenceView:
    sentence: Sentence
    doc: Doc
    actors: list[ActorMention]
    ctx: ArticleContext
    kb: Knowledge
    ref: date | None

    @property
    def text(self) -> str:
        return self.sentence.text

    def actors_in(self, start: int, end: int) -> list[ActorMention]:
        return [a for a in self.actors if a.start < end and start < a.end]

    def actors_of(self, tokens: Span | Token | Iterable[Token]) -> list[ActorMention]:
        roots = [tokens] if isinstance(tokens, Token) else list(tokens)
        toks = [x for t in roots for x in t.subtree]
        if not toks:
            return []
        return self.actors_in(min(t.idx for t in toks), max(t.idx + len(t) for t in toks))

    def dates(self) -> list[DateMention]:
        return find_dates(self.text, self.ref)

    def places(self) -> list[tuple[int, Place]]:
        out = []
        for m in self.kb.place_re.finditer(self.text):
            before = self.text[max(0, m.start() - 25) : m.start()]
            if re.search(r"\b(?:in|at|to|into|inside|near|outside)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$", before) and not re.search(
                r"\bfrom\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$", before
            ):
                out.append((m.start(), self.kb.places[m.group(0)]))
        return out


@dataclass
class Candidate:
    event_type: str
    extractor: str
    states: frozenset[str]
    sentence: Sentence
    actors: list[ActorMention]
    confidence: float
    event_date: date | None = None
    place: Place | None = None
    fields: dict[str, Any] = field(default_factory=dict)


def lemma(t: Token) -> str:
    return t.lemma_.lower()


def governing_chain(t: Token, limit: int = 6) -> list[Token]:
    """t and the tokens above it, up to the clause's root verb (not crossing into a reporting verb)."""
    chain = [t]
    cur = t
    for _ in range(limit):
        if cur.head is cur or cur.dep_ in ("ROOT", "ccomp", "parataxis") and cur.pos_ in ("VERB", "AUX") and cur is not t:
            break
        if cur.dep_ in ("ccomp", "parataxis", "advcl", "relcl") and cur.pos_ in ("VERB", "AUX"):
            break
        cur = cur.head
        chain.append(cur)
    return chain


def is_irrealis(t: Token, kb: Knowledge, allow: frozenset[str] = frozenset()) -> bool:
    """Future, planned, wished, conditional or negated: the trigger did not happen (yet)."""
    aux = kb.words("irrealis", "aux")
    governors = kb.words("irrealis", "governors") - allow
    noun_governors = kb.words("irrealis", "noun_governors")
    negs = kb.words("irrealis", "negations")
    for i, tok in enumerate(governing_chain(t)):
        for c in tok.children:
            lc = c.lower_
            if c.dep_ in ("aux", "auxpass") and (lc in aux or lemma(c) in aux) and c.tag_ == "MD":
                return True
            if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and lc in ("never", "no")):
                return True
            if c.dep_ == "mark" and lc in ("if", "unless", "whether"):
                return True
        if i > 0 and (lemma(tok) in governors or tok.lower_ in governors):
            return True
        if i > 0 and tok.pos_ in ("NOUN",) and tok.lower_ in noun_governors:
            return True
        if tok.lower_ in ("ahead", "before") and i > 0:
            return True
        # "to meet" under a noun or adjective ("plans to meet", "ready to resume")
        if tok.dep_ == "xcomp" and tok.head.pos_ in ("ADJ", "NOUN") and lemma(tok.head) not in allow:
            return True
        if lemma(tok) in negs and i > 0 and tok.pos_ == "VERB":
            return True
    # "going to", "set to", "due to" spelled as phrases around the trigger
    left = t.doc[max(0, t.i - 4) : t.i].text.lower()
    return bool(re.search(r"\b(?:will|would|to be held|is to|are to|due to|set to|going to)\s*(?:\w+\s+)?$", left))


def has_future_marker(text: str, kb: Knowledge) -> bool:
    low = text.lower()
    return any(p in low for p in kb.words("irrealis", "future_phrases") if " " in p or p in ("upcoming", "forthcoming"))


def is_background(view: SentenceView, t: Token | None = None) -> bool:
    """A recalled earlier meeting: dated well before publication, or phrased as history."""
    low = view.text.lower()
    if any(p in low for p in view.kb.words("irrealis", "background_phrases")):
        return True
    if view.ref is None:
        return False
    for d in view.dates():
        if d.since or (t is not None and not _dates_clause_of(view, d, t)):
            continue
        if period_end(d) < view.ref - timedelta(days=_RECENT_DAYS):
            return True
    return False


def _clause_verb(t: Token) -> Token:
    cur = t
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX") or cur.head is cur:
            return cur
        cur = cur.head
    return cur


def _dates_clause_of(view: SentenceView, d: DateMention, trigger: Token) -> bool:
    """Does the date expression modify the trigger's own clause (not another one in the sentence)?"""
    toks = [x for x in view.doc if d.start <= x.idx < d.end]
    if not toks:
        return False
    return _clause_verb(toks[0]) is _clause_verb(trigger)


def event_date(view: SentenceView, near: int) -> date | None:
    """The day-precision date of the sentence nearest to character `near`, if plausible for news."""
    best: tuple[int, date] | None = None
    for d in view.dates():
        if d.since or d.precision != "day":
            continue
        if view.ref is not None and not (view.ref - timedelta(days=_RECENT_DAYS) <= d.value <= view.ref + timedelta(days=1)):
            continue
        dist = abs(d.start - near)
        if best is None or dist < best[0]:
            best = (dist, d.value)
    return best[1] if best else None


def subjects(t: Token) -> list[Token]:
    """Subject tokens of t, inherited through xcomp/conj chains ('X and Y agreed to instruct ...')."""
    cur: Token | None = t
    for _ in range(4):
        if cur is None:
            break
        subj = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if subj:
            return subj
        if cur.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acl") and cur.head is not cur:
            cur = cur.head
        else:
            break
    return []


def agents(t: Token) -> list[Token]:
    """'by X' of a passive verb."""
    return [g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def span_of(tokens: Iterable[Token]) -> tuple[int, int]:
    toks = [x for t in tokens for x in t.subtree]
    if not toks:
        return (0, 0)
    return min(x.idx for x in toks), max(x.idx + len(x) for x in toks)


def states_of(view: SentenceView, actors: list[ActorMention], *, leaders_only: bool) -> tuple[set[str], list[ActorMention]]:
    """The states a group of actor mentions stands for, and the actors that carried them."""
    states: set[str] = set()
    used: list[ActorMention] = []
    for a in actors:
        if a.kind == "leader":
            if a.former or not a.country:
                continue
            states.add(a.country)
            used.append(a)
        elif a.kind == "plural_leaders":
            s = view.ctx.plural_states(a)
            if s:
                states.update(s)
                used.append(a)
        elif a.kind in ("we", "they") or (a.kind == "plural_parties" and not leaders_only):
            s = view.ctx.main_states
            if a.kind == "we" and a.country and a.country not in s:
                s = (a.country,)
            if s:
                states.update(s)
                used.append(a)
        elif a.kind == "i" and a.country:
            states.add(a.country)
            used.append(a)
        elif a.kind == "state" and not leaders_only and a.country and a.form in ("name", "metonym"):
            states.add(a.country)
            used.append(a)
    return states, used
