"""What an extractor sees (one parsed candidate sentence in its article, SentenceView) and what it returns
(Candidate, made by `candidate()`, dated from its trigger), and the base class the registry builds extractors
from."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, TypeGuard

from dipevents.core.actors import ActorMention
from dipevents.core.context import ArticleContext
from dipevents.core.dates import DateMention, event_day, find_dates
from dipevents.core.knowledge import Knowledge, Place
from dipevents.core.normalize import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

RECENT_DAYS = 7  # an event dated more than a week before publication is background, not news


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

    def memo(self, key: str, compute: Callable[..., Any], *args: Any) -> Any:
        """A per-sentence value several triggers (or both passes over the article) ask for, `compute(*args)`:
        walking the doc again per trigger is what costs. The key names everything the value depends on."""
        if key not in self._memo:
            self._memo[key] = compute(*args)
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
        found: list[DateMention] = self.memo("dates", lambda: find_dates(self.text, self.ref, self._modal_at))
        return found

    def _modal_at(self, start: int) -> bool:
        """Does the verb the word at `start` hangs off look forward: a modal auxiliary ('will give instructions to
        A, B and C at Friday's cabinet meeting', 'shares could move on Monday') or a present progressive ('are
        bracing for a rally on Monday')? Not a perfect ('may have met on Monday'), nor a negated past ability
        ('could not agree on Monday')."""
        starts: list[int] = self.memo("token_starts", lambda: [x.idx for x in self.doc])
        at = bisect.bisect_right(starts, start) - 1
        if at < 0:
            return False
        tok = self.doc[at]
        for _ in range(6):  # up the noun and preposition phrases to their verb
            if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
                break
            tok = tok.head
        if tok.pos_ not in ("VERB", "AUX"):
            return False
        auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        if any(c.lemma_ == "have" for c in auxes):
            return False
        if tok.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in ("VBP", "VBZ") for c in auxes):
            return True  # "investors are bracing for a rally on Monday": a present progressive's weekday is arranged
        modals = self.kb.words("modality", "aux")
        past = self.kb.words("modality", "past_ability_aux") if any(c.dep_ == "neg" for c in tok.children) else ()
        return any(c.lower_ in modals and c.lower_ not in past for c in auxes)

    def places(self) -> list[tuple[int, Place]]:
        out = []
        for m in self.kb.place_re.finditer(self.text):
            before = self.text[max(0, m.start() - 25) : m.start()]
            if re.search(
                r"\b(?:in|at|to|into|inside|near|outside)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$", before
            ) and not _NOT_WHERE.search(before):
                out.append((m.start(), self.kb.place_on(self.kb.places[m.group(0)], self.ref)))
        return out


# "from X" is where someone came from; "according to a Kremlin readout", "in response to a Tokyo proposal": a
# preposition ending in "to" that names no place leaves the name a source or an owner, not where it happened
_NOT_WHERE = re.compile(
    r"\b(?:from|(?:according|due|owing|thanks|addition|response|reply|reference|regard|relation|contrast|respect"
    r"|prior|similar|opposed|compared|contrary)\s+to)\s+(?:the\s+|an?\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)


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
    other_moments: Sequence[tuple[int, int]] = (),
    **fields: Any,
) -> Candidate:
    """A candidate event of `extractor` (which has `name` and `event_type`) dated from its trigger (not from the
    `other_moments` spans a type knows tell of another time)."""
    elsewhere = [*other_moment_spans(trigger), *other_moments]
    if place is not None and any(a <= _place_at(view, place, trigger) < b for a, b in elsewhere):
        place = None  # named in a clause about another moment of the meeting
    return Candidate(
        event_type=extractor.event_type,
        extractor=extractor.name,
        states=frozenset(states),
        sentence=view.sentence,
        actors=actors,
        confidence=min(confidence, 0.95),
        event_date=event_date(view, trigger.idx, elsewhere),
        place=place,
        fields=fields,
        trigger_at=trigger.idx,
    )


def event_date(view: SentenceView, near: int, elsewhere: Sequence[tuple[int, int]] = ()) -> date | None:
    """The day-precision date of the sentence nearest to character `near`, if plausible for news, outside the
    `elsewhere` spans (clauses that tell of another time)."""
    dates = [d for d in view.dates() if not any(a <= d.start < b for a, b in elsewhere)]
    found = event_day(dates, near, view.ref, RECENT_DAYS)
    return found.value if found else None


def other_moment_spans(trigger: Token) -> list[tuple[int, int]]:
    """Character spans of clauses hanging off a meeting noun that tell of another moment of it ('the discussion
    they began in Moscow', 'the exchange of views, begun during the meeting in the Kremlin on March 5, was
    continued'): their dates and places are that moment's, not the trigger's."""
    if not _is_token(trigger) or trigger.pos_ not in ("NOUN", "PROPN"):
        return []
    out = []
    for c in trigger.children:
        if c.dep_ in ("relcl", "acl") and c.tag_ in ("VBD", "VBN") and c.i > trigger.i:
            sub = list(c.subtree)
            out.append((sub[0].idx, sub[-1].idx + len(sub[-1].text)))
    return out


def _place_at(view: SentenceView, place: Place, trigger: Token) -> int:
    """Where in the sentence the place nearest the trigger is named."""
    spots = [at for at, p in view.places() if p == place]
    return min(spots, key=lambda at: abs(at - trigger.idx)) if spots else -1
