"""Did a trigger happen? `is_irrealis`: future, planned, wished, conditional, denied or negated (it did not,
or not yet); `is_background`: a recalled earlier event (dated well before publication, phrased as history, or a
when-clause of a recalled meeting). The words are the `modality` lexicon."""

from __future__ import annotations

import re
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING

from dipevents.core.dates import DateMention, period_end
from dipevents.core.extractors.syntax import (
    clause_root,
    clause_tokens,
    governing_chain,
    lemma,
    own_clause_conjunct,
    subtree_without_since,
    temporal_scope,
    verb_in,
)
from dipevents.core.extractors.view import RECENT_DAYS, SentenceView
from dipevents.core.knowledge import Knowledge

if TYPE_CHECKING:
    from spacy.tokens import Token


def is_irrealis(t: Token, kb: Knowledge, allow: frozenset[str] = frozenset(), *, clause_future: bool = False) -> bool:
    """Future, planned, wished, conditional, denied or negated: the trigger did not happen (yet). `allow` names
    governing verbs, and modal auxiliaries of the trigger itself, that a type reads as a decision taken."""
    aux = kb.words("modality", "aux")
    governors = kb.words("modality", "governors") - allow
    noun_governors = kb.words("modality", "noun_governors")
    negs = kb.words("modality", "negations")
    locating = kb.words("modality", "locating_preps")
    fronted = kb.words("modality", "fronted_locating_preps")
    negating = kb.words("modality", "negating_modifiers")
    conditional = kb.words("modality", "conditional_marks")
    anticipating = kb.words("modality", "anticipating_words")
    pending = kb.words("modality", "pending_markers")
    meal_preps = kb.words("modality", "meal_preps")
    chain = _past_conjunct_cut(governing_chain(t))
    located = False  # once inside "during/at/after the summit", verbs above locate the meeting, not plan it
    sequenced: Token | None = None  # inside "after the talks", what is denied above is what came next
    sequencing = kb.words("modality", "sequencing_preps")
    for i, tok in enumerate(chain):
        if sequenced is None and i > 0 and tok.dep_ == "prep" and tok.lower_ in sequencing:
            sequenced = tok
        next_denied = sequenced is not None and not _meeting_outside(tok, sequenced)
        if i > 0 and tok.dep_ == "prep" and (tok.lower_ in locating or (tok.lower_ in fronted and tok.i < tok.head.i)):
            located = True  # "In the talks, the two sides decided": fronted, 'in' locates ('to take part in' does not)
        elif i > 0 and tok.dep_ == "prep" and tok.lower_ in fronted and _locating_after(tok, kb):
            located = True  # "agreed to cooperate on chips in a meeting on Sunday"
        elif i > 0 and tok.dep_ == "prep" and tok.lower_ in meal_preps:
            located = located or lemma(chain[i - 1]) in kb.words("modality", "meal_nouns")  # "agreed over dinner"
        if i > 0 and own_clause_conjunct(chain[i - 1]):
            continue  # "X did not grant the request but the two sides agreed": the first clause's negation
        for c in tok.children:
            lc = c.lower_
            modal = c.dep_ in ("aux", "auxpass") and (lc in aux or lemma(c) in aux) and c.tag_ == "MD"
            if modal and not (i == 0 and lc in allow):  # "will instruct": a decision announced, where a type allows it
                return True
            if (c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and lc in negating)) and not next_denied:
                return True
            if c.dep_ == "mark" and lc in conditional:
                return True
            if i > 0 and c.dep_ == "advmod" and lc in pending and chain[i - 1].dep_ == "xcomp":
                return True  # "has yet to speak with": not yet
        if i > 0 and (lemma(tok) in governors or tok.lower_ in governors) and not (located and _done_there(tok, kb)):
            return True
        if i > 0 and tok.pos_ in ("NOUN",) and tok.lower_ in noun_governors:
            return True
        if tok.lower_ in anticipating and i > 0:
            return True
        # "was to have held talks", "were to meet on Friday": an infinitive under a past "be" is a plan of the past
        # (unrealised, or not told as realised); the present "are to begin negotiations" is what an agreement says
        if (
            tok.dep_ == "xcomp"
            and lemma(tok.head) == "be"
            and tok.head.tag_ == "VBD"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        ):
            return True
        # "to meet" under a noun or adjective ("plans to meet", "ready to resume")
        if tok.dep_ == "xcomp" and tok.head.pos_ in ("ADJ", "NOUN") and lemma(tok.head) not in allow:
            return True
        if i > 0 and tok.pos_ == "VERB" and verb_in(tok, negs) and not next_denied:
            return True  # but "cancelled a news conference after the talks" held them
        if i > 0 and tok.dep_ == "prep" and tok.lower_ in negs:
            return True  # "ended their talks without agreeing on a date": not agreed
        if tok.pos_ in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBN") and _conditioned_on(tok, kb):
            return True  # "he also calls on X, if X's health permits": the wire's schedule, on a condition
    top = chain[-1]
    # "wants the others to agree": a wish's object-control infinitive the parser hung off it as a clause
    if (
        top.dep_ == "ccomp"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in top.children)
        and (lemma(top.head) in governors or top.head.lower_ in governors)
    ):
        return True
    # a subjunctive under a demand or a wish: "demanded that the President order the navy", "proposed that they meet"
    if (
        top.dep_ == "ccomp"
        and top.tag_ in ("VB", "VBP")  # the parser tags "that the President order" VBP
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in top.children)
        and not any(c.dep_ in ("aux", "auxpass") for c in top.children)
        and (lemma(top.head) in governors or top.head.lower_ in governors)
    ):
        return True
    # denied: "rejected claims that X had met Y", "denied reports that they spoke"
    if top.dep_ in ("ccomp", "acl", "relcl") and (
        lemma(top.head) in kb.words("modality", "denial_verbs")
        or (top.head.pos_ == "NOUN" and top.head.lower_ in kb.words("modality", "denial_nouns"))
    ):
        return True
    clause = ""
    if clause_future:
        own = clause_tokens(t)  # walked once: the purposes are looked for in it too
        later = _anticipated(t, anticipating) | _purposes_elsewhere(t, own) | _conjoined_clauses(t, own)
        clause = " ".join(x.lower_ for x in own if x.i not in later)
    if clause and any(
        p in clause for p in kb.words("modality", "future_phrases") if " " in p and not p.startswith(("is ", "are "))
    ):
        return True
    # "going to", "set to", "due to" spelled as phrases around the trigger
    left = t.doc[max(0, t.i - 4) : t.i].text.lower()
    found = kb.memo("future_before_trigger", lambda: _future_before(kb)).search(left)
    return found is not None and found.group(0).split()[0] not in allow


def _locating_after(prep: Token, kb: Knowledge) -> bool:
    """'in' after a verb locates a meeting there when the verb is the agreement itself ('agreed in a working
    dinner to ...') or the meeting is one occasion, counted or measured ('agreed to cooperate on chips in a
    two-hour meeting'); never after a noun ('a delay in their talks', 'a say in the talks'), a word that takes
    'in' as its complement ('take part in', 'engage in') or before bare talks ('agreed to mediate in talks')."""
    head = prep.head
    complement_heads = kb.words("modality", "in_complement_heads")
    if head.pos_ not in ("VERB", "AUX") or lemma(head) in complement_heads:
        return False
    if any(lemma(c) in complement_heads for c in head.children if c.dep_ in ("dobj", "prt")):
        return False
    if lemma(head) in kb.words("modality", "agreeing_verbs"):
        return True
    return any(
        c.lower_ in ("a", "an") or c.dep_ == "nummod" or (c.dep_ in ("amod", "compound") and "-" in c.text)
        for o in prep.children
        if o.dep_ == "pobj"
        for c in o.children
    )


def _meeting_outside(verb: Token, sequencing: Token) -> bool:
    """Does the denied verb above 'after the talks' deny a meeting with someone ('did not meet Xi after his talks
    with Erdogan', 'did not speak to X', 'cancelled his meeting with X after ...')? Then its partner was not at the
    table and the clause is not held; 'cancelled a news conference', 'took no questions' deny what came next."""
    skip = {x.i for x in sequencing.subtree}
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    partners = [c for c in verb.children if c.dep_ == "dobj"]
    partners += [
        g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in ("with", "to") for g in c.children
    ]
    return any(p.pos_ == "PROPN" and p.i not in skip for p in partners)


def _done_there(verb: Token, kb: Knowledge) -> bool:
    """A governor the meeting locates was done at it: an agreement ('agreed at the summit'), or a report told in
    the past ('announced at a joint press conference with X'); not one still expected there."""
    if lemma(verb) in kb.words("modality", "agreeing_verbs"):
        return True
    return lemma(verb) in kb.words("discourse", "report_verbs") and verb.tag_ in ("VBD", "VBN")


def _past_conjunct_cut(chain: list[Token]) -> list[Token]:
    """'pledged to cut tariffs and held talks with X', parsed with 'held' on the infinitive: a past tense cannot
    be the infinitive's conjunct, so it is the finite verb's, and what governs the infinitive does not govern it."""
    for j, tok in enumerate(chain[:-1]):
        if tok.dep_ == "conj" and tok.tag_ == "VBD" and chain[j + 1].tag_ == "VB":
            return chain[: j + 2]
    return chain


def _anticipated(t: Token, anticipating: frozenset[str]) -> set[int]:
    """'after talks with Kohl ahead of her visit to Moscow next week': a time inside the phrase of what the
    trigger came before dates that later occasion, not the trigger."""
    out: set[int] = set()
    for x in t.doc:
        if x.dep_ == "prep" and (x.lower_ in anticipating or x.head.lower_ in anticipating) and x.head.i != t.i:
            sub = {y.i for g in x.children if g.dep_ == "pobj" for y in g.subtree}
            if t.i not in sub:
                out |= sub
    return out


def _purposes_elsewhere(t: Token, clause: list[Token]) -> set[int]:
    """'had talks with X, then flew to Bonn to prepare for her trip to Moscow next week': a time inside a purpose
    infinitive of the trigger's clause that the trigger is not part of dates that purpose, not the trigger."""
    return {
        y.i
        for x in clause
        if x.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in x.children) and t not in x.subtree
        for y in x.subtree
    }


def _conjoined_clauses(t: Token, clause: list[Token]) -> set[int]:
    """'X spoke by telephone with Y, and the two agreed that negotiators would meet next month': a conjoined
    clause with a subject of its own tells its own time, not the trigger's."""
    return {
        y.i
        for x in clause
        if x.dep_ == "conj"
        and x.pos_ in ("VERB", "AUX")
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in x.children)
        and t not in x.subtree
        for y in x.subtree
    }


def _future_before(kb: Knowledge) -> re.Pattern[str]:
    phrases = "|".join(re.escape(p) for p in sorted(kb.words("modality", "future_before_trigger")))
    return re.compile(rf"\b(?:{phrases})\s*(?:\w+\s+)?$")


def is_background(
    view: SentenceView, t: Token | None = None, *, relative: bool = True, content: Token | None = None
) -> bool:
    """A recalled earlier meeting: dated well before publication, or phrased as history (in its scope; without
    `relative`, not by a relative clause describing a noun of the trigger's phrases; never by the `content` phrase,
    what the trigger is about: 'agreed to talks in May' dates the talks, not the agreement)."""
    if t is not None and (
        _recalling_adverb(t, view.kb)
        or _in_recalled_when_clause(view, t)
        or _interval_back(view, t) > RECENT_DAYS
        or _dated_by_clause_subject(view, t)
    ):
        return True
    scope = scope_of(view, t, relative=relative) if t is not None else []  # once per trigger, not once per date
    if content is not None:
        own = {x.i for x in content.subtree}
        scope = [x for x in scope if x.i not in own]
    if t is not None:
        earlier = _earlier_clauses(t, view.kb.words("modality", "earlier_clause_marks"))
        if t.pos_ in ("NOUN", "PROPN"):
            earlier |= _counted_in_series(t, view)
        scope = [x for x in scope if x.i not in earlier] if earlier else scope
    in_scope = set(scope) | (_copula_predicate(t) if t is not None else set())
    if any(_ago_days(view, x) > RECENT_DAYS for x in scope):
        return True
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
        if t is not None and _dates_another_thing(view, d, t):
            continue
        if period_end(d) < view.ref - timedelta(days=RECENT_DAYS):
            return True
    return False


def _recalling_adverb(t: Token, kb: Knowledge) -> bool:
    """'Trump and Xi last spoke by phone in early May', 'when the two last held talks': 'last' right before the
    verb of the trigger's clause (its auxiliaries aside; the parser may hang it on the subject) tells the latest of
    earlier meetings, background however near its date ('at last met' is news)."""
    verb = next((x for x in governing_chain(t) if x.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    i = verb.i - 1
    while i >= 0 and verb.doc[i].dep_ in ("aux", "neg") and verb.doc[i].head.i == verb.i:
        i -= 1
    word = verb.doc[i] if i >= 0 else None  # the tagger may call it an adjective ("had last held")
    if word is None or word.lower_ not in kb.words("modality", "recalling_adverbs"):
        return False
    if word.dep_ != "advmod" and word.pos_ != "ADV":
        return False
    return i == 0 or verb.doc[i - 1].lower_ not in kb.words("modality", "not_recalling_before")


def _earlier_clauses(t: Token, marks: frozenset[str]) -> set[int]:
    """The tokens of finite clauses of 'after' hung off the trigger's chain, with their own subject and without the
    trigger: the earlier event they tell does not date the trigger."""
    return {
        y.i
        for tok in governing_chain(t)
        for c in tok.children
        if c.dep_ == "advcl"
        and t not in c.subtree
        and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
        and any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children)
        for y in c.subtree
    }


def scope_of(view: SentenceView, t: Token, *, relative: bool = True) -> list[Token]:
    """The trigger's temporal scope, walked once per sentence: the background and the announcement tests both
    read it."""
    found: list[Token] = view.memo(f"temporal_scope.{t.i}.{relative}", partial(temporal_scope, t, relative=relative))
    return found


def _counted_in_series(t: Token, view: SentenceView) -> set[int]:
    """'a 90-minute summit, the third meeting of the two presidents after San Francisco in June': an apposition
    that counts the meeting in a series from an earlier one dates that earlier one, not the trigger."""
    marks = view.kb.words("modality", "interval_marks")
    return {
        x.i
        for a in t.children
        if a.dep_ == "appos"
        and any(c.dep_ == "amod" and c.tag_ == "JJ" and c.lower_.endswith(("st", "nd", "rd", "th")) for c in a.children)
        and any(c.dep_ == "prep" and c.lower_ in marks for c in a.children)
        for x in a.subtree
    }


def _copula_predicate(t: Token) -> set[Token]:
    """'The last meeting between the two was Bush's visit to Beijing in February 1989': what a copula says of a
    meeting noun dates it as much as the noun's own phrase."""
    if t.pos_ not in ("NOUN", "PROPN") or t.dep_ not in ("nsubj", "nsubjpass") or lemma(t.head) != "be":
        return set()
    return {x for c in t.head.children if c.dep_ in ("attr", "acomp", "prep", "npadvmod") for x in c.subtree}


def _interval_back(view: SentenceView, t: Token) -> int:
    """Days between the sentence's event and the trigger's clause of 'after' ('The visit comes two weeks after
    the two leaders met'); 0 when no interval is written."""
    root = clause_root(t)
    marks = [c for c in root.children if c.dep_ == "mark" and c.lower_ in view.kb.words("modality", "interval_marks")]
    if not marks or root.dep_ != "advcl":
        return 0
    for noun in [c for x in (root, *marks) for c in x.children if c.dep_ == "npadvmod"]:
        days = _interval_days(view, noun)
        if days:
            return days
    return 0


def _ago_days(view: SentenceView, x: Token) -> int:
    """'when Garcia paid a state visit a month ago': the days an 'ago' in the trigger's scope counts back."""
    if x.lower_ != "ago":
        return 0
    return max((_interval_days(view, c) for c in x.children if c.dep_ == "npadvmod"), default=0)


def _interval_days(view: SentenceView, noun: Token) -> int:
    """Days of an interval noun with its count ('two months', 'a year'); 0 for a noun of no interval unit."""
    units = {w: int(n) for n, ws in view.kb.word_map("modality", "interval_units").items() for w in ws}
    if noun.lower_ not in units:
        return 0
    counts = {w: int(n) for n, ws in view.kb.word_map("modality", "interval_counts").items() for w in ws}
    word = next((c.lower_ for c in noun.children if c.dep_ in ("nummod", "det")), "a")
    return units[noun.lower_] * (int(word) if word.isdigit() else counts.get(word, 1))


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
    return is_background(view, head) or _dated_by_subject(view, head)


def _dated_by_clause_subject(view: SentenceView, t: Token) -> bool:
    """'The announcements on Dec. 17, 2014, followed a phone call between the two presidents the day before': the
    object of a clause whose subject is dated long ago is as old, when the sentence dates nothing in the news's
    week ('Sanctions imposed in 2014 prompted a call on Tuesday' stays news)."""
    chain = governing_chain(t)
    if view.ref is None or len(chain) < 2:
        return False
    obj, verb = chain[-2], chain[-1]  # "followed a call ... and months of negotiations": anything inside the object
    if obj.dep_ != "dobj" or verb.pos_ not in ("VERB", "AUX"):
        return False
    # the subject's own phrase, not a clause on it ('Rajoy, whose party won the Nov. 20 election, held talks')
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    own = {x for c in subjects for x in subtree_without_since(c, relative=False)}
    own -= {x for y in own if y.dep_ in ("acl", "advcl") for x in y.subtree}
    if not own:
        return False
    cutoff = view.ref - timedelta(days=RECENT_DAYS)
    dates = [d for d in view.dates() if not d.since]
    if any(period_end(d) >= cutoff for d in dates):
        return False
    return any(_date_in_scope(view, d, own) for d in dates)


def _dated_by_subject(view: SentenceView, verb: Token) -> bool:
    """'Last year's disaster eased tensions, when X and Y spoke': the time its subject is of ('last year's') is
    the time of the clause the when-clause describes."""
    owners = [g for s in verb.children if s.dep_ in ("nsubj", "nsubjpass") for g in s.children if g.dep_ == "poss"]
    for owner in owners:
        low = " ".join(x.lower_ for x in owner.subtree)
        if any(p in low for p in view.kb.words("modality", "background_phrases")):
            return True
    return False


def _conditioned_on(verb: Token, kb: Knowledge) -> bool:
    """Does a clause of condition hang on the verb ('..., if his health permits', 'unless talks fail'; the parser
    may hang it on the verb's object)? Not a concession ('even if') or a manner ('as if')."""
    marks = kb.words("modality", "condition_clause_marks")
    not_conditions = kb.words("modality", "not_condition_before_marks")
    for m in verb.subtree:
        if m.dep_ != "mark" or m.lower_ not in marks:
            continue
        if m.i > 0 and verb.doc[m.i - 1].lower_ in not_conditions:
            continue
        x = m.head
        if x.dep_ == "advcl" and x.head.i == verb.i:
            return True
        for _ in range(6):  # up to the verb through nouns only: no other clause in between
            if x.i == verb.i:
                return True
            if x.pos_ in ("VERB", "AUX") or x.head.i == x.i:
                break
            x = x.head
    return False


def _dates_another_thing(view: SentenceView, d: DateMention, t: Token) -> bool:
    """'on the basis of the principles of the January 8, 1985, joint statement': a date in an 'of' phrase of a
    noun other than the trigger dates that thing (a statement, a treaty), not the trigger; a meeting noun's date
    is its meeting's ('the talks of June 2018')."""
    span = view.doc.char_span(d.start, d.end, alignment_mode="expand")
    if span is None:
        return False
    x = span.root
    meetings = view.ctx.meeting_nouns  # the meeting types' nouns ("talks", "summit")
    for _ in range(6):
        if x.i in (t.i, x.head.i) or lemma(x) in meetings:
            return False  # the date of the trigger, or of a meeting ('the summit in Bangkok last November')
        if x.dep_ == "pobj" and x.head.lower_ == "of":
            owner = x.head.head
            return owner.i != t.i and owner.pos_ in ("NOUN", "PROPN") and lemma(owner) not in meetings
        x = x.head
    return False


def _date_in_scope(view: SentenceView, d: DateMention, scope: set[Token]) -> bool:
    span = view.doc.char_span(d.start, d.end, alignment_mode="expand")  # a lookup, not a scan of the doc
    return span is not None and any(x in scope for x in span if d.start <= x.idx < d.end)
