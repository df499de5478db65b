"""What an extractor sees (one parsed candidate sentence in its article) and what it returns (a Candidate),
plus the shared linguistic tests: is a trigger real (not future, conditional, negated or recalled)?
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, TypeGuard

from dipevents.core.actors import ActorMention
from dipevents.core.context import ArticleContext
from dipevents.core.dates import DateMention, event_day, find_dates, period_end
from dipevents.core.knowledge import Knowledge, Place
from dipevents.core.normalize import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_RECENT_DAYS = 7  # an event dated more than a week before publication is background, not news


@dataclass
class SentenceView:
    sentence: Sentence
    doc: Doc
    actors: list[ActorMention]
    ctx: ArticleContext
    kb: Knowledge
    ref: date | None
    previous: list[ActorMention] = field(default_factory=list)  # the actors of the sentence before this one
    _memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """A per-sentence value several triggers ask for: walking the doc again per trigger is what costs."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @property
    def text(self) -> str:
        return self.sentence.text

    def actors_in(self, start: int, end: int) -> list[ActorMention]:
        return [a for a in self.actors if a.start < end and start < a.end]

    def actors_of(self, tokens: Span | Token | Iterable[Token]) -> list[ActorMention]:
        roots: list[Token] = [tokens] if _is_token(tokens) else list(tokens)
        toks = [x for t in roots for x in t.subtree]
        if not toks:
            return []
        return self.actors_in(min(t.idx for t in toks), max(t.idx + len(t) for t in toks))

    def actors_of_tokens(self, toks: Iterable[Token]) -> list[ActorMention]:
        """Actors overlapping exactly these tokens (no subtree expansion)."""
        spans = [(x.idx, x.idx + len(x)) for x in toks]
        return [a for a in self.actors if any(a.start < e and s < a.end for s, e in spans)]

    def dates(self) -> list[DateMention]:
        found: list[DateMention] = self.memo("dates", lambda: find_dates(self.text, self.ref))
        return found

    def places(self) -> list[tuple[int, Place]]:
        out = []
        for m in self.kb.place_re.finditer(self.text):
            before = self.text[max(0, m.start() - 25) : m.start()]
            if re.search(
                r"\b(?:in|at|to|into|inside|near|outside)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$", before
            ) and not re.search(r"\bfrom\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$", before):
                out.append((m.start(), self.kb.place_on(self.kb.places[m.group(0)], self.ref)))
        return out


def _is_token(x: object) -> TypeGuard[Token]:
    """A Token (not a Span or a list of tokens): checked without importing spaCy, so the registry and the models
    import without it."""
    return hasattr(x, "head") and hasattr(x, "i")


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
    trigger_at: int = -1  # character offset of the trigger in the sentence: where "next to the trigger" is


class TypeExtractor:
    """An extractor bound to its registered type: the registry builds it with its versioned name and type."""

    def __init__(self, name: str, event_type: str) -> None:
        self.name = name
        self.event_type = event_type


def most_common(values: Iterable[Any]) -> Any:
    """The most frequent value that is not None (the first seen on a tie), or None."""
    vals = [v for v in values if v is not None]
    return Counter(vals).most_common(1)[0][0] if vals else None


def candidate(  # noqa: PLR0917 - every argument is a distinct part of the evidence
    extractor: Any,
    view: SentenceView,
    trigger: Token,
    states: set[str],
    actors: list[ActorMention],
    confidence: float,
    *,
    place: Place | None = None,
    **fields: Any,
) -> Candidate:
    """A candidate event of `extractor` (which has `name` and `event_type`) dated from its trigger."""
    return Candidate(
        event_type=extractor.event_type,
        extractor=extractor.name,
        states=frozenset(states),
        sentence=view.sentence,
        actors=actors,
        confidence=min(confidence, 0.95),
        event_date=event_date(view, trigger.idx),
        place=place,
        fields=fields,
        trigger_at=trigger.idx,
    )


def lemma(t: Token) -> str:
    return str(t.lemma_).lower()


_SUBCLAUSE = ("advcl", "relcl", "ccomp", "parataxis", "acl", "csubj")


def _is_purpose_infinitive(t: Token) -> bool:
    return t.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)


def governing_chain(t: Token, limit: int = 8) -> list[Token]:
    """t and the tokens above it, up to its clause's root verb. A purpose infinitive ("travel ... to meet")
    belongs to the clause it serves, so the chain goes on through it."""
    chain = [t]
    cur = t
    for _ in range(limit):
        if cur.head.i == cur.i:
            break
        if cur.dep_ in _SUBCLAUSE and cur.pos_ in ("VERB", "AUX") and not _is_purpose_infinitive(cur):
            break
        cur = cur.head
        chain.append(cur)
    return chain


def clause_root(t: Token) -> Token:
    return governing_chain(t)[-1]


def clause_tokens(t: Token) -> list[Token]:
    """The tokens of t's clause: the root's subtree without other clauses hanging off it; for a relative
    clause ("Biden, who met Xi on Monday, said"), its antecedent too."""
    root = clause_root(t)
    own = set(t.subtree)  # the trigger's own modifiers always count ("talks hosted by Erdogan")
    out: set[Token] = set(own)
    stack = [root]
    while stack:
        tok = stack.pop()
        out.add(tok)
        for c in tok.children:
            if c in own:
                continue
            if (
                c.dep_ in _SUBCLAUSE
                and c.pos_ in ("VERB", "AUX")
                and t not in c.subtree
                and not _is_purpose_infinitive(c)
            ):
                continue
            if _since(c):
                continue  # "their first meeting since the Camp David summit": dates the contrast, not the event
            stack.append(c)
    # A relative clause ("Biden, who met Xi on Monday, said"), or a finite predicate the parser hung off its
    # subject as a participle ("Tebboune, Saied and Menfi, held on Monday the first meeting": a passive
    # participle takes no direct object, so one with a dobj is the sentence's verb).
    hung = root.dep_ == "acl" and any(c.dep_ == "dobj" for c in root.children)
    # ... or a subjectless adverbial clause hung off the subject phrase ("The President ..., in his capacity
    # as ..., hosted ..."): the whole noun phrase above it is its subject
    hung_advcl = (
        root.dep_ == "advcl"
        and root.head.pos_ not in ("VERB", "AUX")
        and (
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children)
            # "in his capacity as Champion ... hosted": the role phrase was taken for the subject
            or any(c.dep_ == "mark" and c.lower_ == "as" for c in root.children)
        )
    )
    if hung_advcl:
        top = root.head
        while top.head.i != top.i and top.head.pos_ not in ("VERB", "AUX"):
            top = top.head
        inner = set(root.subtree)
        out.update(x for x in top.subtree if x not in inner)
    if root.dep_ == "relcl" or hung:
        antecedent = root.head
        while antecedent.dep_ == "conj" and antecedent.head.i != antecedent.i:
            antecedent = antecedent.head  # "Putin and Biden, who held talks": both
        inner = set(root.subtree)
        out.update(x for x in antecedent.subtree if x not in inner)
    return sorted(out, key=lambda x: x.i)


def is_irrealis(t: Token, kb: Knowledge, allow: frozenset[str] = frozenset(), *, clause_future: bool = False) -> bool:
    """Future, planned, wished, conditional, denied or negated: the trigger did not happen (yet)."""
    aux = kb.words("modality", "aux")
    governors = kb.words("modality", "governors") - allow
    noun_governors = kb.words("modality", "noun_governors")
    negs = kb.words("modality", "negations")
    locating = kb.words("modality", "locating_preps")
    agreeing = kb.words("modality", "agreeing_verbs")
    negating = kb.words("modality", "negating_modifiers")
    conditional = kb.words("modality", "conditional_marks")
    anticipating = kb.words("modality", "anticipating_words")
    chain = governing_chain(t)
    located = False  # once inside "during/at/after the summit", verbs above locate the meeting, not plan it
    for i, tok in enumerate(chain):
        if i > 0 and tok.dep_ == "prep" and tok.lower_ in locating:
            located = True
        for c in tok.children:
            lc = c.lower_
            if c.dep_ in ("aux", "auxpass") and (lc in aux or lemma(c) in aux) and c.tag_ == "MD":
                return True
            if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and lc in negating):
                return True
            if c.dep_ == "mark" and lc in conditional:
                return True
        if i > 0 and (lemma(tok) in governors or tok.lower_ in governors) and not (located and lemma(tok) in agreeing):
            return True
        if i > 0 and tok.pos_ in ("NOUN",) and tok.lower_ in noun_governors:
            return True
        if tok.lower_ in anticipating and i > 0:
            return True
        # "to meet" under a noun or adjective ("plans to meet", "ready to resume")
        if tok.dep_ == "xcomp" and tok.head.pos_ in ("ADJ", "NOUN") and lemma(tok.head) not in allow:
            return True
        if lemma(tok) in negs and i > 0 and tok.pos_ == "VERB":
            return True
    # denied: "rejected claims that X had met Y", "denied reports that they spoke"
    top = chain[-1]
    if top.dep_ in ("ccomp", "acl", "relcl") and (
        lemma(top.head) in kb.words("modality", "denial_verbs")
        or (top.head.pos_ == "NOUN" and top.head.lower_ in kb.words("modality", "denial_nouns"))
    ):
        return True
    clause = " ".join(x.lower_ for x in clause_tokens(t)) if clause_future else ""
    if clause and any(
        p in clause for p in kb.words("modality", "future_phrases") if " " in p and not p.startswith(("is ", "are "))
    ):
        return True
    # "going to", "set to", "due to" spelled as phrases around the trigger
    left = t.doc[max(0, t.i - 4) : t.i].text.lower()
    return kb.memo("future_before_trigger", lambda: _future_before(kb)).search(left) is not None


def _future_before(kb: Knowledge) -> re.Pattern[str]:
    phrases = "|".join(re.escape(p) for p in sorted(kb.words("modality", "future_before_trigger")))
    return re.compile(rf"\b(?:{phrases})\s*(?:\w+\s+)?$")


def _since(c: Token) -> bool:
    """'since taking office in December', 'since the Camp David summit': a contrast, not the event's date."""
    return c.lower_ == "since" or any(m.dep_ in ("mark", "prep") and m.lower_ == "since" for m in c.children)


def _pruned(tok: Token) -> list[Token]:
    """tok's subtree without 'since ...' branches."""
    out, stack = [], [tok]
    while stack:
        x = stack.pop()
        out.append(x)
        stack.extend(c for c in x.children if not _since(c))
    return out


def temporal_scope(t: Token) -> list[Token]:
    """Tokens that can date or qualify the trigger itself: a noun trigger's own phrase, and the adverbials
    and prepositional phrases of the trigger and the verbs above it (not those of other noun phrases),
    never the 'since ...' contrast."""
    out: set[Token] = set(_pruned(t)) if t.pos_ in ("NOUN", "PROPN") else {t}
    chain = governing_chain(t)
    for i, tok in enumerate(chain):
        below = chain[i - 1] if i else None
        for c in tok.children:
            if (
                (below is None or c.i != below.i)
                and c.dep_ in ("prep", "npadvmod", "advmod", "tmod", "nmod", "advcl", "neg", "aux")
                and not _since(c)
            ):
                out.update(_pruned(c))
        out.add(tok)
    return sorted(out, key=lambda x: x.i)


def is_background(view: SentenceView, t: Token | None = None) -> bool:
    """A recalled earlier meeting: dated well before publication, or phrased as history (in its scope)."""
    if t is not None and _in_recalled_when_clause(view, t):
        return True
    scope = temporal_scope(t) if t is not None else []  # once per trigger, not once per date
    in_scope = set(scope)
    low = " ".join(x.text.lower() for x in scope) if t is not None else view.text.lower()
    low = low.replace(" - ", "-").replace(" -", "-")
    if any(p in low for p in view.kb.words("modality", "background_phrases")):
        return True
    if t is not None and any(c.dep_ == "mark" and c.lower_ in ("since",) for c in clause_root(t).children):
        return True
    if view.ref is None:
        return False
    for d in view.dates():
        if d.since or (t is not None and not _date_in_scope(view, d, in_scope)):
            continue
        if period_end(d) < view.ref - timedelta(days=_RECENT_DAYS):
            return True
    return False


def _in_recalled_when_clause(view: SentenceView, t: Token) -> bool:
    """'Scholz last met Tusk in March, when the two leaders and Macron held talks': a when/where clause
    describes the recalled meeting it hangs off."""
    root = clause_root(t)
    if root.dep_ not in ("relcl", "advcl") or not any(
        c.dep_ == "advmod" and c.lower_ in ("when", "where") for c in root.children
    ):
        return False
    head = root.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    if head.i == t.i or head.pos_ not in ("VERB", "AUX"):
        return False
    if root.tag_ == "VBD" and is_irrealis(head, view.kb):
        return True  # a past "when the two met" under "will hold talks" belongs to an earlier visit
    return is_background(view, head)


def _dates_clause_of(view: SentenceView, d: DateMention, trigger: Token) -> bool:
    """Does the date expression date the trigger (not another phrase of the sentence)?"""
    toks = [x for x in view.doc if d.start <= x.idx < d.end]
    if not toks:
        return False
    return _date_in_scope(view, d, set(temporal_scope(trigger)))


def _date_in_scope(view: SentenceView, d: DateMention, scope: set[Token]) -> bool:
    span = view.doc.char_span(d.start, d.end, alignment_mode="expand")  # a lookup, not a scan of the doc
    return span is not None and any(x in scope for x in span if d.start <= x.idx < d.end)


def event_date(view: SentenceView, near: int) -> date | None:
    """The day-precision date of the sentence nearest to character `near`, if plausible for news."""
    found = event_day(view.dates(), near, view.ref, _RECENT_DAYS)
    return found.value if found else None


def subjects(t: Token) -> list[Token]:
    """Subject tokens of t, inherited through xcomp/conj chains ('X and Y agreed to instruct ...')."""
    cur: Token | None = t
    for _ in range(4):
        if cur is None:
            break
        subj = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if subj:
            return subj
        if cur.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acl") and cur.head.i != cur.i:
            cur = cur.head
        else:
            break
    return []


def agents(t: Token) -> list[Token]:
    """'by X' of a passive verb (the parser sometimes labels it a plain preposition)."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children) or t.tag_ == "VBN"
    return [
        g
        for c in t.children
        if c.dep_ == "agent" or (passive and c.dep_ == "prep" and c.lower_ == "by")
        for g in c.children
        if g.dep_ == "pobj"
    ]


def states_of(
    view: SentenceView, actors: list[ActorMention], *, leaders_only: bool
) -> tuple[set[str], list[ActorMention]]:
    """The states a group of actor mentions stands for, and the actors that carried them."""
    states: set[str] = set()
    used: list[ActorMention] = []
    explicit = {a.country for a in actors if a.kind == "leader" and not a.former and a.country}
    for a in actors:
        if a.kind in ("plural_leaders", "plural_parties", "we", "they") and len(explicit) >= 2 and not a.states:
            continue  # "both leaders" next to two named leaders means those two, not the article's main pair
        if a.kind in ("plural_leaders", "plural_parties") and a.weak and leaders_only:
            continue  # "the leaders attending the summit": generic
        if a.kind == "he":
            if a.country:
                states.add(a.country)
                used.append(a)
            continue
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
        elif (a.kind == "i" and a.country) or (
            not leaders_only
            and a.country
            and not a.former
            # ministers agreeing for their states ("the Argentine and Uruguayan foreign ministers agreed")
            and (a.kind == "official" or (a.kind == "state" and a.form in ("name", "metonym", "demonym")))
        ):
            states.add(a.country)
            used.append(a)
    return states, used
