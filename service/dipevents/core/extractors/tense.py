"""The wire's own tense: a meeting the copy announces rather than reports.

Wire copy states what is still to come without a modal: a present tense inside a when/before/that clause
("when he arrives for talks with X", "proposed that they meet"), a calendar date after publication ("the
April 5-6 summit in Ottawa"), a meeting noun qualified as planned ("the scheduled talks", "in advance of their
meeting"). `modality.is_irrealis` reads modals, governing verbs and negation; this module reads the tense. The
words are the `modality` lexicon.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dipevents.core.calendar_words import WEEKDAYS
from dipevents.core.extractors.modality import is_irrealis, scope_of
from dipevents.core.extractors.syntax import clause_root, lemma
from dipevents.core.extractors.view import SentenceView

if TYPE_CHECKING:
    from spacy.tokens import Token

_PRESENT = frozenset({"VBZ", "VBP"})
_SUBCLAUSE = frozenset({"advcl", "relcl", "ccomp", "acl"})


def is_announced(view: SentenceView, t: Token) -> bool:
    """The trigger names a meeting still to come, in the tense or the words of announcements."""
    return (
        _present_in_subclause(view, t)
        or _planned_noun(view, t)
        or _dated_ahead(view, t)
        or _present_with_a_weekday(view, t)
        or _opens_in_the_present(view, t)
    )


def _opens_in_the_present(view: SentenceView, t: Token) -> bool:
    """'The Washington summit, the first meeting of the two leaders since ..., opens amid a crisis': a meeting
    (or a noun in apposition to it) that begins in the simple present is the wire's schedule."""
    if t.pos_ not in ("NOUN", "PROPN"):
        return False
    node = t.head if t.dep_ == "appos" else t
    verb = node.head
    return (
        node.dep_ == "nsubj"
        and verb.tag_ in _PRESENT
        and lemma(verb) in view.kb.words("modality", "opening_verbs")
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    )


def _present_in_subclause(view: SentenceView, t: Token) -> bool:
    """'when he sits down with X', 'after he meets Y', 'proposed that they meet': a simple present in a clause
    of time or of a proposal is the future (news reports a held meeting in the past or perfect tense)."""
    root = clause_root(t)
    if root.tag_ not in _PRESENT or root.dep_ not in _SUBCLAUSE:
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in root.children):
        return False  # "when they have met", "as they are meeting": perfect and progressive report
    markers = view.kb.words("modality", "future_clause_markers")
    if root.left_edge.lower_ in markers or any(
        c.dep_ in ("mark", "advmod") and c.lower_ in markers for c in root.children
    ):
        return True  # the parser hangs "that" as a mark, an advmod or even an object: its place says what it is
    # present under a verb of planning or speech about the future ("hopes ... when he meets")
    return root.head.pos_ in ("VERB", "AUX") and is_irrealis(root.head, view.kb)


def _present_with_a_weekday(view: SentenceView, t: Token) -> bool:
    """'Clinton meets Jiang on Friday', 'he holds talks with X on Tuesday': a simple present dated by a weekday
    is the wire's future (a meeting it reports is in the past tense, and a weekday in the present is a
    schedule). A present clause hanging off such a clause shares its time ('meets X on Thursday in Brussels,
    where the leaders hold their summit')."""
    # "Sunday's": only the possessive ending goes (stripping the letter s off both ends lost Saturday and Sunday)
    weekdays = [
        d
        for d in view.dates()
        if re.sub(r"(?:['’]s?)?[.,]*$", "", view.text[d.start : d.end].split()[0].lower()) in WEEKDAYS
    ]
    if not weekdays:
        return False
    spans = [view.doc.char_span(d.start, d.end, alignment_mode="expand") for d in weekdays]
    node = t
    for _ in range(3):
        root = clause_root(node)
        if root.tag_ not in _PRESENT or any(c.dep_ in ("aux", "auxpass") for c in root.children):
            return False
        scope = set(scope_of(view, node))
        if any(span is not None and any(x in scope for x in span) for span in spans):
            return True
        if root.dep_ not in ("relcl", "advcl") or root.head.i == root.i:
            return False
        node = root.head
    return False


def _planned_noun(view: SentenceView, t: Token) -> bool:
    """'the upcoming talks', 'a proposed summit', 'talks scheduled for Thursday': the noun itself is announced.
    ('the long-planned summit opened' reports it: a participle before the noun says nothing of the tense.)"""
    if t.pos_ not in ("NOUN", "PROPN"):
        return False
    before = view.kb.words("modality", "planned_modifiers")
    after = view.kb.words("modality", "planned_participles")
    nouns = [t]
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ == "NOUN":
        nouns.append(t.head.head)  # "two rounds of talks scheduled for ...", "a series of meetings planned"
    return any(
        (c.dep_ in ("amod", "compound") and c.lower_ in before)
        or (c.dep_ == "acl" and c.i > n.i and c.tag_ in ("VBN", "VBD") and lemma(c) in after)
        for n in nouns
        for c in n.children
    )


def _dated_ahead(view: SentenceView, t: Token) -> bool:
    """A date in the trigger's own scope after the day of publication: the meeting is announced. A relative clause
    inside a phrase of the trigger tells its noun's time ('talked about the report that X will present on Monday')."""
    if view.ref is None:
        return False
    dates = [d for d in view.dates() if not d.since]
    if not dates:
        return False
    scope = set(scope_of(view, t, relative=False))
    for d in dates:
        if not (d.ahead or (d.precision == "day" and d.value > view.ref)):
            continue
        span = view.doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is not None and any(x in scope for x in span):
            return True
    return False
