"""ministry_instruction.v1 — leaders instructed, ordered, tasked or directed their ministries, ministers,
governments, negotiators, representatives or agencies to act.

Active ("Putin and Abe instructed their foreign ministers to ..."), passive ("the foreign ministers were
tasked by the presidents with ...", "ministries have been given the task of ..."), and "agreed to instruct".
States: the instructing leaders'; with no named instructor, the states owning the instructed bodies.

Codes: no native CAMEO/PLOVER code, unless the directive commits the states to talks (then 036 / AGREE).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from dipevents.core.calendar_words import MONTHS, WEEKDAYS
from dipevents.core.extractors.modality import is_background, is_irrealis
from dipevents.core.extractors.parties import states_of
from dipevents.core.extractors.syntax import (
    agents,
    compound_in,
    is_name_word,
    is_word_of,
    lemma,
    misparsed_past,
    phrase_without_relative,
    relative_antecedent,
    subject_taken_for_apposition,
    subjects,
)
from dipevents.core.extractors.view import Candidate, SentenceView, TypeExtractor, candidate
from dipevents.core.knowledge import Knowledge
from dipevents.core.records import Alpha3, EventBase
from dipevents.core.registry import Codes, EventType, MergeRule, Prefilter

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dipevents.core.actors import ActorMention


class InstructedBody(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str = Field(description="e.g. foreign ministries, negotiators")
    countries: list[Alpha3] = Field(default_factory=list)


class MinistryInstructionEvent(EventBase):
    event_type: Literal["ministry_instruction"] = "ministry_instruction"
    instructed: list[InstructedBody] = Field(default_factory=list)
    directive: str | None = Field(default=None, description="what they were told to do, in a short phrase")


_MAX_DIRECTIVE_WORDS = 14


class InstructionExtractor(TypeExtractor):
    def extract(self, view: SentenceView) -> Iterator[Candidate]:
        kb = view.kb
        strong = kb.words("ministry_instruction", "strong_verbs")
        weak = kb.words("ministry_instruction", "weak_verbs_need_body")
        give_nouns = kb.words("ministry_instruction", "give_nouns")
        allow = kb.words("ministry_instruction", "allowed_governors")
        for t in view.doc:
            lem = lemma(t)
            if t.pos_ == "NOUN" and lem in kb.words("ministry_instruction", "held_nouns") | kb.words(
                "ministry_instruction", "behest_nouns"
            ) | kb.words("ministry_instruction", "mandate_nouns"):
                yield from self._held(t, view)
                continue
            if t.pos_ != "VERB":
                continue
            own_bodies_only = False  # is another state's body no addressee (as for weak verbs)?
            if lem in strong or lem in weak:
                bodies = _called_on(t, view) if lem == "call" else _bodies(t, view)
                if lem in weak and not _by_leaders(t, view):
                    # "told their ministers to": only a leader's own bodies make it an instruction; "told ministries
                    # to curb spending" by a leader is his own ministries unless another state's are named
                    own_default = lem in kb.words("ministry_instruction", "weak_verbs_own_body") and _led(t, view)
                    bodies = [b for b in bodies if own_default or _owned(b, view)]
                if not bodies and lem in strong:
                    # "ordered a review of embassy security": the government tasked, not named
                    bodies = [
                        c
                        for c in t.children
                        if c.dep_ == "dobj" and lemma(c) in kb.words("ministry_instruction", "tasking_objects")
                    ]
                if not bodies:
                    bodies = _own_head_of_government(t, view)
                if not bodies and lem in strong:
                    bodies = _acronym_agencies(t, view)
            elif lem in kb.words("ministry_instruction", "give_verbs") and any(
                c.dep_ in ("dobj", "dative", "nsubjpass")
                and (_given_noun(c, kb).lower_ in give_nouns or compound_in(_given_noun(c, kb), give_nouns))
                for c in t.children
            ):
                # "were given instructions", "gave instructions to their officials", "gave the ministries
                # instructions" (parsed as a compound), "issued a directive barring the staff from ..."
                bodies = _bodies(t, view, passive_subject_only=True) or _to_bodies(t, view) or _bodies_in_order(t, view)
            elif lem in kb.words("ministry_instruction", "give_verbs") and _deadline(t, kb):
                # a time given to act in: a weak order, to the leader's own bodies only
                bodies = [b for b in _bodies(t, view) if b.dep_ in ("dobj", "dative", "conj", "appos")]
                own_bodies_only = True
            else:
                continue
            if not bodies:
                continue
            if lem in weak and not _to_do(t, kb):
                continue  # "Nakasone told the committee ...": speech, not an instruction
            if _courtesy(t, kb):
                continue  # "asked the delegation's head to convey his greetings": a message carried
            # "the two presidents will instruct their negotiators": leaders announcing a decision taken together;
            # one leader saying he will instruct is a plan, and "will be asked" is not a decision at all
            modals = kb.words("ministry_instruction", "allowed_modals") if _jointly_led(t, view) else frozenset()
            if _dated(t, kb):
                # "said he would instruct the economy ministry on Tuesday to ...": a day set for it is a decision
                modals = kb.words("ministry_instruction", "dated_modals")
            # what the bodies are told to do can name older things ("a review of the pact, which took effect in
            # 2015"): a relative clause there dates its noun, not the order
            if is_irrealis(t, kb, allow=allow | modals) or is_background(view, t, relative=False):
                continue
            if view.sentence.start in view.ctx.recalled_frames:
                continue  # "A year ago today, ... In the hours that followed, she had instructed officials"
            if modals and _conditioned(t, kb):
                continue  # "will instruct the ministry on Friday if the talks fail": a condition, not a decision
            by_noun = _by_object(t, deep=False)  # "given instructions by the presidents"
            if not by_noun and _passive(t) and not agents(t):
                # "were given the job of supervising the talks by the two leaders": the parser hung the agent deep
                # in the task's phrase; only leaders there are read as its givers
                by_noun = [
                    g
                    for g in _by_object(t, deep=True)
                    if any(a.kind in ("leader", "plural_leaders") for a in view.actors_of_tokens([g]))
                ]
            giver_tokens = agents(t) or by_noun or [s for s in subjects(t) if s.dep_ != "nsubjpass"]
            speaker = _reporting_speaker(t, giver_tokens, view)
            if speaker == []:
                continue  # "a commander at the temple said he had ordered his troops": the speaker's own order
            givers = speaker or _actors_of_doers(giver_tokens, view)
            document = _document_giver(t, view)
            if document is not None:
                # "a provision directing U.S. officials", "a petition asking the Commission": the order is the
                # text's (a law's, a bill's, a company's), unless a leader's own ("Putin's decree instructing")
                giver_tokens, givers = [t.head], document
            if any(a.kind == "official" for a in givers) and not any(a.kind == "leader" for a in givers):
                continue  # a minister ordering staff is not a leader's instruction
            if len(givers) > 1 and any(a.kind == "i" and not a.country for a in givers):
                continue  # "His Majesty and I have directed": the quote leaves a giver unnamed, states unknown
            states, used = states_of(view, _named_plurals(givers, view), leaders_only=False)
            body_actors = view.actors_of_tokens(_owner_tokens(bodies, kb.words("state_bodies", "bodies")))
            # "the Kenyan ministry", "Israeli Defense Minister X": the state a body or its titled member is of
            body_states = {a.country for a in body_actors if a.kind in ("state", "official") and a.country}
            if (lem in weak or own_bodies_only) and body_states and states and not body_states & states:
                continue  # "called on the US administration to intervene": another state's, not an instruction
            if not states:
                if giver_tokens:
                    continue  # the instructor is someone we cannot tie to a state's leadership
                if not body_states or not _passive(t):
                    continue  # no instructor named: only "the ministries of X and Y were tasked", not "legislation to
                    # direct the Treasury" (an active verb whose doer the parse did not find)
                states = set(body_states)
            # "they" counts when the sentence itself names the leaders ("the two leaders said they had told ..."),
            # or the sentence before was about the leaders and no one else ("The two presidents met ... They asked")
            leader_in_sentence = any(a.kind in ("leader", "plural_leaders") and not a.former for a in view.actors)
            leader_in_sentence = leader_in_sentence or _leaders_before(view)
            leader_backed = (
                any(a.kind in ("leader", "plural_leaders", "we", "i", "he_or_she") for a in used)
                or (leader_in_sentence and any(a.kind == "they" for a in used))
                # "the parties/the two sides agreed to instruct their ministries", in an article about leaders' talks
                or (bool(view.ctx.main_states) and any(a.kind == "plural_parties" for a in used))
                # no one named as giving it ("ministries were asked to"): only where leaders are in the story
                or (not giver_tokens and (leader_in_sentence or bool(view.ctx.main_states)))
            )
            if not leader_backed:
                continue
            directive = _directive(t)
            body_names = sorted({_body_name(b) for b in bodies})
            confidence = 0.6 + 0.25 * (lem in strong) + 0.1 * any(a.kind == "leader" for a in used)
            instructed = [{"name": n, "countries": sorted(body_states or states)} for n in body_names]
            yield candidate(self, view, t, states, used, confidence, instructed=instructed, directive=directive)
            return

    def _held(self, noun: Token, view: SentenceView) -> Iterator[Candidate]:
        """A leader's instructions named as such: 'the President's instructions were unequivocal', 'on the
        orders of the prime minister, the army ...', 'at the direction of the President, the military has ...'."""
        kb = view.kb
        if any(
            c.dep_ in ("amod", "compound") and c.lower_ in kb.words("ministry_instruction", "not_held_modifiers")
            for c in noun.children
        ):
            return  # "an executive order", "a court order"
        bodies: list[Token] = []
        obliged: frozenset[str] = frozenset()
        if noun.dep_ == "dobj" and lemma(noun.head) in kb.words("ministry_instruction", "holding_verbs"):
            # "the team has orders from the president to ...": the body holding them was instructed
            holders = [_reporting_body(s, noun.head, kb) or s for s in subjects(noun.head) if s.dep_ == "nsubj"]
            bodies = [s for s in holders if _is_body(s, kb)]
            if not bodies or lemma(noun) not in kb.words("ministry_instruction", "held_nouns") | kb.words(
                "ministry_instruction", "mandate_nouns"
            ):
                return
            giver = [c for c in noun.children if c.dep_ == "poss"]
            giver += [g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "from") for g in c.children]
            act = noun.head
        elif noun.dep_ == "pobj" and noun.head.lower_ in kb.words("ministry_instruction", "behest_preps"):
            if lemma(noun) not in kb.words("ministry_instruction", "behest_nouns"):
                return
            # "on the orders of the prime minister", "acting on instructions from the President"
            giver = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "from") for g in c.children]
            giver += [c for c in noun.children if c.dep_ == "poss"]
            giver += _signers(noun, kb)
            act = noun.head.head
            # "under a directive signed by the President, agencies must stop ...": what the behest obliges
            obliged = kb.words("ministry_instruction", "deontic_modals")
        elif noun.dep_ in ("nsubj", "nsubjpass", "dobj") and lemma(noun) in kb.words(
            "ministry_instruction", "held_nouns"
        ):
            giver = [c for c in noun.children if c.dep_ == "poss"]
            act = noun.head
        else:
            return
        leaders = [
            a
            for a in view.actors_of(giver)
            if a.kind in ("leader", "he_or_she") and not a.former and a.country and _well_named(a, view)
        ]
        if not giver or not leaders or act.pos_ not in ("VERB", "AUX"):
            return
        if (
            is_irrealis(act, kb, allow=obliged)
            or is_background(view, act)
            # "Scholz's order to the ministries last year ... remains in place": the noun's own phrase dates it
            or is_background(view, noun, relative=False)
            or view.sentence.start in view.ctx.recalled_frames
        ):
            return
        states = {a.country for a in leaders if a.country}
        confidence = 0.6 + 0.1 * any(a.kind == "leader" for a in leaders)
        instructed = [{"name": _body_name(b), "countries": sorted(states)} for b in bodies]
        held_for = [c for c in noun.children if c.dep_ == "acl"] if bodies else []  # "orders ... to start"
        directive = _phrase(held_for[0]) if held_for else _phrase(act)
        yield candidate(self, view, noun, states, leaders, confidence, instructed=instructed, directive=directive)


def _signers(noun: Token, kb: Knowledge) -> list[Token]:
    """Who signed the behest ('under a directive signed by the President', 'a decree now in force on his
    signature'): its giver."""
    out: list[Token] = []
    for x in noun.subtree:
        if x.i == noun.i:
            continue
        if lemma(x) in kb.words("ministry_instruction", "signing_nouns"):
            out += [c for c in x.children if c.dep_ == "poss"]
            out += [g for c in x.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        elif lemma(x) in kb.words("ministry_instruction", "signing_verbs") and x.tag_ == "VBN":
            out += agents(x)
    return out


def _reporting_body(x: Token, verb: Token, kb: Knowledge) -> Token | None:
    """'Officials at the ministry said they had been instructed', 'the ministry said it had received orders': the
    pronoun in what a body reports is that body; None for any other word."""
    if x.lower_ not in ("they", "it", "we") or verb.dep_ != "ccomp":
        return None
    if lemma(verb.head) not in kb.words("ministry_instruction", "speech_verbs"):
        return None
    return next((s for s in verb.head.children if s.dep_ == "nsubj" and _is_body(s, kb)), None)


def _is_body(x: Token, kb: Knowledge) -> bool:
    """A state body word, not a legislature's, an international organisation's or a person's own staff."""
    body_words = kb.words("state_bodies", "bodies")
    named = is_word_of(x, body_words)
    return named and not (_legislative(x, kb) or _personal(x, kb) or _not_a_states(x, kb))


def _deadline(t: Token, kb: Knowledge) -> bool:
    """'gave the police 48 hours to clear the roads', 'gave the Home Office until Friday to produce a plan': a time
    given with what to do in it."""
    nouns = kb.words("ministry_instruction", "deadline_nouns")
    preps = kb.words("ministry_instruction", "deadline_preps")
    timed = any(
        (c.dep_ in ("dobj", "npadvmod") and lemma(c) in nouns) or (c.dep_ == "prep" and c.lower_ in preps)
        for c in t.children
    )
    to_do = any(
        c.dep_ in ("advcl", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in t.children
    )
    return timed and to_do


def _conditioned(t: Token, kb: Knowledge) -> bool:
    """An announced instruction under a condition of its own ('... if the talks fail', 'unless they apologise')."""
    marks = kb.words("modality", "conditional_marks")
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in t.children)
    return modal and any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children) for c in t.children
    )


def _dated(t: Token, kb: Knowledge) -> bool:
    """Does the instructing verb itself carry the day it is given ('on Tuesday', 'tomorrow', 'at Friday's cabinet
    meeting'), not its directive?"""
    days = kb.words("ministry_instruction", "announced_days")
    for c in t.children:
        if c.dep_ in ("npadvmod", "tmod", "advmod") and (c.lower_ in WEEKDAYS or c.lower_ in days):
            return True
    # the parser may hang the day on the bodies told ("give instructions to the ministries at Friday's meeting")
    addressed = [
        x
        for c in t.children
        if c.dep_ in ("dobj", "dative", "nsubjpass")
        for x in c.subtree
        if x.head.pos_ in ("NOUN", "PROPN")  # on a noun of theirs, not in a clause of its own
    ]
    for c in [*t.children, *addressed]:
        if c.dep_ != "prep" or c.lower_ not in ("on", "at"):
            continue
        for g in c.children:
            if g.dep_ != "pobj":
                continue
            if c.lower_ == "on" and (g.lower_ in WEEKDAYS or g.lower_ in MONTHS):
                return True
            if any(d.dep_ == "poss" and d.lower_ in WEEKDAYS for d in g.children):
                return True  # "at Friday's cabinet meeting": the occasion of a set day
    return False


def _given_noun(c: Token, kb: Knowledge) -> Token:
    """'issued a number of instructions': what a quantity noun counts is what was given."""
    if lemma(c) in kb.words("ministry_instruction", "quantity_nouns"):
        return next((g for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children), c)
    return c


def _well_named(a: ActorMention, view: SentenceView) -> bool:
    """A leader named by title or in full, resolved from 'he', or a surname the article named in full before:
    a bare surname can be someone else's ('Marrero's order' of a judge)."""
    role = (a.role or "").split()
    titled = bool(role) and role[0] in a.text.lower()  # "the President", resolved by the context
    # the context files a surname for any leader it found, even by a bare alias: only one named in full counts
    full = view.ctx.surnames.get(a.text)
    return (
        a.kind == "he_or_she" or titled or len(a.text.split()) > 1 or (full is not None and len(full.text.split()) > 1)
    )


def _to_do(t: Token, kb: Knowledge) -> bool:
    """A weak verb instructs only with what to do: 'told ministries to curb spending', 'asked X to stay on',
    'told his ministers that Japan must act faster'."""
    deontic = kb.words("ministry_instruction", "deontic_modals")
    if lemma(t) in kb.words("ministry_instruction", "mandative_verbs") and any(_subjunctive(c) for c in t.children):
        return True  # "requested that the coalition remain in office"
    return (
        any(
            c.dep_ in ("xcomp", "ccomp", "advcl")
            and any(
                g.dep_ == "aux" and (g.lower_ == "to" or (c.dep_ == "ccomp" and g.lower_ in deontic))
                for g in c.children
            )
            for c in t.children
        )
        or any(c.dep_ == "prep" and c.lower_ == "on" for c in t.children)
        or _to_do_after_participle(t)
    )


def _to_do_after_participle(t: Token) -> bool:
    """'told officials traveling with him to study whether ...': the parser hangs the infinitive on the participle
    that describes the addressees; the participle's own infinitive after its phrase is what they were told."""
    return any(
        c.dep_ == "dobj"
        and p.dep_ == "acl"
        and p.tag_ == "VBG"
        and any(x.dep_ == "aux" and x.lower_ == "to" for x in inf.children)
        for c in t.children
        for p in c.children
        for inf in p.children
        if inf.dep_ in ("advcl", "xcomp") and inf.i > p.i
    )


def _courtesy(t: Token, kb: Knowledge) -> bool:
    """What the addressee is to do is pass on a courtesy ('to convey his warm greetings to the president', 'to
    extend his thanks'): a message carried, not a state body's task."""
    verbs = kb.words("ministry_instruction", "courtesy_verbs")
    objects = kb.words("ministry_instruction", "courtesy_objects")
    return any(
        c.dep_ in ("xcomp", "ccomp", "advcl")
        and is_word_of(c, verbs)
        # "to pass on his condolences": the parser may take the particle for a preposition
        and any(
            is_word_of(o, objects)
            for o in (
                *c.children,
                *(g for p in c.children if p.dep_ == "prep" and p.lower_ == "on" for g in p.children),
            )
            if o.dep_ in ("dobj", "pobj")
        )
        for c in t.children
    )


def _subjunctive(c: Token) -> bool:
    """'(requested) that the coalition remain': a that-clause with a bare verb and a subject of its own says what to
    do."""
    return (
        c.dep_ == "ccomp"
        and c.tag_ in ("VB", "VBP")
        and any(s.dep_ == "nsubj" for s in c.children)
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        and not any(a.dep_ in ("aux", "auxpass") for a in c.children)
    )


def _passive(t: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children) or (t.tag_ == "VBN" and t.dep_ == "acl")


def _actors_of_doers(doers: list[Token], view: SentenceView) -> list[ActorMention]:
    """The actors of the givers' phrases without what a relative clause says of them ('Lula, who met Scholz on
    Monday, told his ministers' is Lula's order); a relative pronoun stands for its antecedent ('it was President X
    who ordered the army')."""
    phrases = [phrase_without_relative(relative_antecedent(x) or x) for x in doers]
    found = view.actors_of_tokens([y for p in phrases for y in p])
    return found + [a for p in phrases for a in _split_conjunct(p, view) if a not in found]


def _split_conjunct(phrase: list[Token], view: SentenceView) -> list[ActorMention]:
    """'were tasked by the crown prince and Modi with ...', parsed with 'Modi' as a verb: an 'and' ending the phrase
    or right after it, then a leader's name the parser hung elsewhere, is the phrase's conjunct it lost."""
    if not phrase:
        return []
    doc, at = phrase[-1].doc, phrase[-1].i + (phrase[-1].dep_ != "cc")
    if at + 1 >= len(doc) or doc[at].lower_ != "and" or doc[at].dep_ != "cc":
        return []
    name = doc[at + 1]
    if any(x.i == name.i for x in phrase):
        return []
    return [a for a in view.actors if a.start == name.idx and a.kind == "leader"]


def _named_plurals(givers: list[ActorMention], view: SentenceView) -> list[ActorMention]:
    """'... the presidents of Azerbaijan and Armenia will continue work. The presidents have also instructed':
    a bare plural of leaders right after a sentence that named such a group's states is that group, not the
    article's whole meeting."""
    named = [b.states for b in view.previous if b.kind == "plural_leaders" and len(b.states) >= 2]
    if len(set(named)) != 1:
        return givers
    return [
        replace(a, states=named[0]) if a.kind == "plural_leaders" and a.weak and not a.states else a for a in givers
    ]


def _reporting_speaker(t: Token, doers: list[Token], view: SentenceView) -> list[ActorMention] | None:
    """'Hosokawa told Kim he had directed the Foreign Ministry': 'he' in what a speaker reports is the speaker (the
    context, reading no parse, takes the leader named last). None when the verb is no such report; empty when the
    speaker is a person who is no leader ('a commander at the temple said he had ordered')."""
    # "'I have told the finance minister to ...,' Prime Minister X said": the quote's 'I' is its speaker too
    if len(doers) != 1 or doers[0].lower_ not in ("he", "she", "i") or doers[0].conjuncts or t.dep_ != "ccomp":
        return None
    if lemma(t.head) not in view.kb.words("ministry_instruction", "speech_verbs"):
        return None
    subj = [s for s in t.head.children if s.dep_ == "nsubj"]
    speakers = view.actors_of(subj)
    voices = view.kb.words("ministry_instruction", "voice_roles")
    if any(a.kind == "official" and _role_in(a.role, voices) for a in speakers):
        return None  # "He told the ministry to ..., the spokesman said": a spokesman's 'he' is his principal
    # a minister speaking reports his own order: an official stays one, and no leader's instruction follows
    people = [a for a in speakers if a.kind in ("leader", "he_or_she", "official")]
    if people:
        return people
    if doers[0].lower_ != "i" and any(s.pos_ == "PROPN" and not view.actors_of(s) for s in subj):
        return []  # "Musk said he had asked his team to": a named person who is no leader speaks of himself
    # a member of a body who can give orders himself (a commander, an official); a spokesman speaks for another
    commanders = view.kb.words("ministry_instruction", "commanding_speakers")
    commanding = any(
        s.pos_ == "NOUN" and (lemma(s) in commanders or is_word_of(s, view.kb.words("state_bodies", "bodies")))
        for s in subj
    )
    return [] if commanding else None


def _role_in(role: str | None, words: frozenset[str]) -> bool:
    """Is the role one of the words, or a kind of one ('presidential spokesman' of 'spokesman')?"""
    return role is not None and any(role == w or role.endswith(" " + w) for w in words)


def _led(t: Token, view: SentenceView) -> bool:
    """Is the verb's subject a sitting leader (named, or 'he' resolved to one)?"""
    subj = [s for s in subjects(t) if s.dep_ != "nsubjpass"]
    # "I have told the finance minister to ...": the quote's speaker, resolved by the context or by the parse
    actors = _reporting_speaker(t, subj, view) or _actors_of_doers(subj, view)
    return any(a.kind in ("leader", "he_or_she", "i") and not a.former and a.country for a in actors)


def _jointly_led(t: Token, view: SentenceView) -> bool:
    """Is the verb's subject two or more sitting leaders ('the two presidents', 'Putin and Abe')?"""
    subj = [s for s in subjects(t) if s.dep_ != "nsubjpass"]
    actors = _actors_of_doers(subj, view)
    states = {a.country for a in actors if a.kind in ("leader", "he_or_she") and not a.former and a.country}
    # "They will task their commerce ministries" right after a sentence about the two leaders
    they = any(a.kind == "they" for a in actors) and _leaders_before(view)
    return len(states) >= 2 or any(a.kind == "plural_leaders" for a in actors) or they


def _own_head_of_government(t: Token, view: SentenceView) -> list[Token]:
    """'President Cossiga asked Craxi to stay on': a head of state instructing the head of government of his own
    state instructs the government."""
    # "Putin said he had instructed Prime Minister X": the pronoun resolved to a leader gives it too
    doers = [a for a in view.actors_of(subjects(t)) if a.kind in ("leader", "he_or_she") and not a.former]
    givers = {a.country for a in doers if a.country}
    names = {a.name for a in doers}
    out = []
    for c in t.children:
        if c.dep_ in ("dobj", "dative"):
            own = [a for a in view.actors_of_tokens([c]) if a.is_sitting_leader and a.country in givers]
            if own and all(a.name not in names for a in own):
                out.append(c)
    return out


def _owner_tokens(bodies: list[Token], body_words: frozenset[str]) -> list[Token]:
    """The words of a body's phrase that can name its state: the body, its modifiers, and the head of its
    'of' phrase ('the Kenyan ministry', 'Ukraine's government', 'the government of Ukraine'), not every word
    of a long phrase ('the coalition of Social Democrats ... and Swedish members'), nor the modifiers a
    misparse glued to a phrase-final body ('Swedish members' of '... and Swedish members government')."""
    out: list[Token] = []
    for b in bodies:
        out.append(b)
        if _glued(b, body_words):
            continue
        for c in b.children:
            if c.dep_ in ("amod", "compound", "poss", "nmod"):
                out += list(c.subtree)
            elif c.dep_ == "prep" and c.lower_ == "of":
                heads = [h for g in c.children if g.dep_ == "pobj" for h in [g, *g.conjuncts]]
                out += [x for h in heads for x in [h, *(y for y in h.children if y.dep_ in ("amod", "compound"))]]
    return out


def _acronym_agencies(t: Token, view: SentenceView) -> list[Token]:
    """'ordered the FBI to investigate', 'instructed ODESC [a committee] to report': an agency by its acronym, with
    what it is to do, is the instructing leader's own (unless an international body's or a state's)."""
    foreign = view.kb.words("ministry_instruction", "foreign_acronyms")
    if not any(c.dep_ in ("xcomp", "advcl", "ccomp") for c in t.children) and not any(
        x.dep_ == "aux" and x.lower_ == "to" for x in t.doc[t.i + 1 : t.i + 20]
    ):
        return []
    return [
        c
        for c in t.children
        if c.dep_ == "dobj"
        and (
            (
                _ACRONYM.fullmatch(c.text)
                and c.text not in foreign
                and not any(a.kind == "state" for a in view.actors_of_tokens([c]))
            )
            or _acronymed(c, view)
        )
    ]


_ACRONYM = re.compile(r"[A-Z]{2,6}")


def _acronymed(x: Token, view: SentenceView) -> bool:
    """'the State Hydraulic Works (DSI)': a proper name given with its acronym in brackets is an institution's; told
    what to do by a leader, his state's agency (not an international body's, a legislature's or a party's)."""
    if x.pos_ != "PROPN":
        return False
    foreign = view.kb.words("ministry_instruction", "foreign_acronyms")
    acronyms = [
        c
        for c in x.children
        if c.dep_ == "appos" and _ACRONYM.fullmatch(c.text) and c.text not in foreign and x.doc[c.i - 1].text == "("
    ]
    if not acronyms:
        return False
    name = [w for w in x.subtree if w.i < acronyms[0].i]
    kb = view.kb
    lowers = {w.lower_.strip(".") for w in name}
    # a state mark ('State', 'National', a demonym) makes it the state's, a state corporation too ('the National
    # Water and Sewerage Corporation (NWSC)'); unmarked, it needs an institution's head word and no company's
    # ('Tencent Holdings (TCEHY)')
    marked = lowers & kb.words("ministry_instruction", "acronymed_state_marks") or any(
        w.text in kb.demonyms for w in name
    )
    if not marked and (
        lowers & kb.words("ministry_instruction", "acronymed_company_words")
        or not lowers & kb.words("ministry_instruction", "acronymed_heads")
    ):
        return False
    # "the United Nations Development Programme (UNDP)", "the Workers' Party (PT)", "the Republic of Korea (ROK)"
    others = kb.words("state_bodies", "legislatures") | kb.words("ministry_instruction", "non_state_modifiers")
    return not any(w.lower_ in others for w in name) and not any(
        a.kind in ("state", "leader", "official") for a in view.actors_of_tokens([x])
    )


def _bodies_in_order(t: Token, view: SentenceView) -> list[Token]:
    """Bodies inside the instruction noun: 'gave the ministries instructions' (a compound), 'issued a directive
    barring the staff from ...' (the object of a clause on the noun)."""
    body_words = view.kb.words("state_bodies", "bodies")
    give_nouns = view.kb.words("ministry_instruction", "give_nouns")
    out: list[Token] = []
    for n in t.children:
        if n.dep_ not in ("dobj", "nsubjpass") or n.lower_ not in give_nouns:
            continue
        for c in n.children:
            if c.dep_ == "compound" and (lemma(c) in body_words or c.lower_ in body_words):
                out.append(c)
            if c.dep_ in ("acl", "relcl"):
                out += [
                    g
                    for g in c.children
                    if g.dep_ == "dobj" and not _personal(g, view.kb) and is_word_of(g, body_words)
                ]
    return out


def _document_giver(t: Token, view: SentenceView) -> list[ActorMention] | None:
    """The actors of the noun an order verb modifies as a participle ('a bill ordering X', 'a petition asking Y'),
    without the participle's own words; None when the verb is not such a modifier."""
    if t.dep_ != "acl" or t.head.pos_ not in ("NOUN", "PROPN") or t.i < t.head.i:
        return None
    inner = {x.i for x in t.subtree}
    doc = t.head
    owners = list(doc.subtree)
    if doc.dep_ == "dobj":  # "Macron issued a decree instructing ...": the decree is its issuer's
        owners += [x for s in subjects(doc.head) for x in s.subtree]
    return view.actors_of_tokens([x for x in owners if x.i not in inner])


def _leaders_before(view: SentenceView) -> bool:
    """Was the sentence before about the leaders and no one else: two leaders, 'the two presidents', or 'the two
    sides' in a story of the leaders' meeting ("The two sides agreed ... They will task their ministries")?"""
    prev = view.previous
    leaders = {a.country for a in prev if a.kind == "leader" and not a.former and a.country}
    plural = any(a.kind == "plural_leaders" for a in prev)
    parties = bool(view.ctx.main_states) and any(a.kind == "plural_parties" for a in prev)
    # an official named after the leaders' plural that opens the sentence is no subject of it ("The two men talked
    # at Winfield House, the U.S. ambassador's residence")
    opened = bool(prev) and prev[0].kind == "plural_leaders" and not prev[0].weak
    return (plural or parties or len(leaders) >= 2) and (opened or not any(a.kind == "official" for a in prev))


def _bodies(t: Token, view: SentenceView, passive_subject_only: bool = False) -> list[Token]:
    kb = view.kb
    body_words = kb.words("state_bodies", "bodies")
    deps = ("nsubjpass",) if passive_subject_only else ("dobj", "nsubjpass", "dative", "iobj")
    heads = [c for c in t.children if c.dep_ in deps]
    if not any(c.dep_ == "nsubjpass" for c in t.children) and any(c.dep_ == "auxpass" for c in t.children):
        heads += subject_taken_for_apposition(t)  # "According to the communique, Secretary X was instructed"
    if misparsed_past(t) and not passive_subject_only:
        heads.append(t.head)  # "Mbeki tasked Foreign Minister X": the noun the verb was hung on is its object
    if not passive_subject_only and not any(c.dep_ == "dobj" for c in t.children):
        # "mandated their ministers to prepare": parsed as the subject of the complement clause
        # ... and "ordered that the army be deployed": the passive subject of the ordered clause
        heads += [
            g
            for c in t.children
            if c.dep_ in ("ccomp", "xcomp")
            for g in c.children
            if g.dep_ in ("nsubj", "nsubjpass")
        ]
    if passive_subject_only:
        heads += [
            c
            for c in t.children
            if c.dep_ == "dative" and c.lower_ not in kb.words("ministry_instruction", "give_nouns")
        ]
    heads = [relative_antecedent(h) or _reporting_body(h, t, kb) or h for h in heads]
    if t.dep_ == "relcl" and not any(c.dep_ in ("dobj", "nsubjpass") for c in t.children):
        # "the committee, which she told to look at ...": the pronoun is the object, wherever the parser hung it
        heads += [
            t.head
            for x in t.subtree
            if x.i < t.i and x.dep_ in ("dobj", "dative") and relative_antecedent(x) is not None
            if relative_antecedent(x) == t.head
        ]
    out: list[Token] = []
    named_body = any(is_word_of(x, body_words) for x in t.doc if x.i != t.i and x.pos_ == "NOUN")
    members = kb.words("ministry_instruction", "member_nouns")
    for h in heads:
        # "instructed Deputy Chairman X, Minister of Foreign Affairs Y, to": the object's apposition names the body
        appositions = [a for y in [h, *h.conjuncts] for a in y.children if a.dep_ == "appos"]
        # "their security establishments, including the intelligence agencies": the bodies the phrase includes
        included = [
            g
            for y in [h, *h.conjuncts]
            for p in y.children
            if p.dep_ == "prep" and p.lower_ == "including"
            for g in p.children
            if g.dep_ == "pobj"
        ]
        for named in [h, *h.conjuncts, *appositions, *included]:
            if (
                named.pos_ == "NOUN"
                and not (lemma(named) in members or named.lower_ in members)
                and _kept_in_office(t, named, kb)
                and not _not_a_states(named, kb)
            ):
                # "asked the outgoing three-party coalition to carry on as a caretaker administration": a
                # government, whatever the noun and its parties (a person, 'the party chairman', is no government)
                out.append(named)
                continue
            if _legislative(named, kb) or _personal(named, kb) or _not_a_states(named, kb):
                continue
            if _own_domain(named, kb):
                out.append(named)  # "instructed the relevant fields to take measures": the sectors of his state
                continue
            x = named
            if lemma(named) in members or named.lower_ in members:
                # "the heads of the government delegations", "the members of the commission": the body they lead
                x = next(
                    (g for p in named.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children), named
                )
                if _legislative(x, kb) or _not_a_states(x, kb):
                    continue
                if x.i != named.i and lemma(x) in kb.words("ministry_instruction", "portfolio_nouns"):
                    out.append(named)  # "the secretary of commerce": a member of the government by portfolio
                    continue
            if (
                # "told Japan's prime minister that ...": a leader's title is no body (his own state's head of
                # government is the government: _own_head_of_government)
                (is_word_of(x, body_words) and not any(a.kind == "leader" for a in _people_of(x, view)))
                or _named_body(x, view)
                # "instructed Mr Botha to ...", the minister the article titled before: a member of a body
                or _minister_by_surname(x, view)
                # a titled name is a body's member unless a leader ('asked Prime Minister X to' is not a ministry) or
                # an international organisation's officer ('Secretary General X')
                or (
                    _of_a_body(x, kb, body_words)
                    and not any(
                        a.kind == "leader"
                        or (a.role or "").startswith("former")  # "former Prime Minister X" holds no office
                        or (a.role or "") in kb.words("ministry_instruction", "not_member_roles")
                        for a in _people_of(x, view)
                    )
                )
            ):
                out.append(x)
            elif x.lower_ == "them" and (named_body or _officials_before(view)):
                # "the special representatives ... tasked them with"; "X and Y will act as special representatives.
                # The two heads of state tasked them with ..."
                out.append(x)
            else:
                out += _phrase_final_body(x, body_words)
    return out


def _own_domain(x: Token, kb: Knowledge) -> bool:
    """'the relevant fields', 'the sectors concerned': a domain of the state's work, marked as the leader's own
    (alone, 'the energy sector' is no body)."""
    own = kb.words("ministry_instruction", "own_modifiers")
    return lemma(x) in kb.words("ministry_instruction", "domain_nouns") and any(
        c.dep_ in ("amod", "acl") and c.lower_ in own for c in x.children
    )


def _officials_before(view: SentenceView) -> bool:
    """Did the sentence before name two or more officials by title, that a plural pronoun can stand for?"""
    return len({a.start for a in view.previous if a.kind == "official"}) >= 2


def _kept_in_office(t: Token, x: Token, kb: Knowledge) -> bool:
    """Is x told to stay in office ('asked the coalition to remain in office', 'requested that the coalition carry
    on as a caretaker administration')? Then x is a government, whatever the noun calls it."""
    keeping = kb.words("ministry_instruction", "office_keeping_verbs")
    offices = kb.words("ministry_instruction", "office_words")
    body_words = kb.words("state_bodies", "bodies")
    for c in t.children:
        if c.dep_ not in ("xcomp", "ccomp") or lemma(c) not in keeping:
            continue
        if c.dep_ == "ccomp" and not any(s.i == x.i for s in c.children if s.dep_ == "nsubj"):
            continue  # "requested that the coalition remain": the clause must be about x
        for p in c.children:
            if p.dep_ != "prep" or p.lower_ not in ("in", "as"):
                continue
            for g in p.children:
                words = [g, *(m for m in g.children if m.dep_ in ("compound", "amod"))]
                if any(w.lower_ in offices for w in words) or (p.lower_ == "as" and is_word_of(g, body_words)):
                    return True
    return False


def _glued(b: Token, body_words: frozenset[str]) -> bool:
    """Is the body the phrase-final head of an object the parser took for its modifier (_phrase_final_body)?"""
    x = b
    while x.dep_ in ("conj", "pobj", "prep") and x.head.i != x.i:
        x = x.head
    return x.i != b.i and _phrase_final_body(x, body_words) == [b]


def _phrase_final_body(x: Token, body_words: frozenset[str]) -> list[Token]:
    """'asked the outgoing coalition of Greens, Liberals and Agrarian members government to stay on': a long
    modifier before the body word, parsed as the object with the real head glued on as the last conjunct of its
    'of' phrase. The signature: the phrase ends in a bare body word (no article or possessor of its own) that
    carries a noun compound and conjoins names inside the object's 'of' phrase."""
    if not any(c.dep_ == "prep" and c.lower_ == "of" for c in x.children):
        return []
    words = [w for w in x.subtree if not w.is_punct]
    last = words[-1] if words else None
    if last is None or last.i == x.i or last.dep_ != "conj" or last.pos_ != "NOUN":
        return []
    if not (lemma(last) in body_words or last.lower_ in body_words):
        return []
    if any(c.dep_ in ("det", "poss") for c in last.children):
        return []  # "the leaders of the unions and the government": a body of its own, after another
    return [last] if any(c.dep_ == "compound" and c.pos_ == "NOUN" for c in last.children) else []


def _personal(x: Token, kb: Knowledge) -> bool:
    """'his staff': a person's own helpers, not a state body; 'the NSC staff', 'the staff of the ministry' are."""
    if lemma(x) not in kb.words("state_bodies", "relational_bodies"):
        return False
    return not any(
        c.dep_ in ("compound", "amod", "nmod") or (c.dep_ == "prep" and c.lower_ == "of") for c in x.children
    )


def _named_body(x: Token, view: SentenceView) -> bool:
    """'the Economic Planning Board': a body word of named_bodies heading a proper name (a company's board is
    lower-case, or named by its company after 'of': 'the board of the Hyundai group', 'the Board of Hyundai')."""
    if x.tag_ != "NNP" or lemma(x) not in view.kb.words("ministry_instruction", "named_bodies"):
        return False
    return not any(c.dep_ == "prep" and c.lower_ == "of" for c in x.children)


def _minister_by_surname(x: Token, view: SentenceView) -> bool:
    """A proper name the article titled as a minister or official before ('Foreign Minister Pik Botha ... had
    instructed Mr Botha'), called by surname now: a member of his state's bodies (not an organisation's officer)."""
    if x.pos_ != "PROPN":
        return False
    kb = view.kb
    roles = kb.words("ministry_instruction", "not_member_roles")
    # titled as a member of a body ('foreign minister', 'secretary'), not as a legislator ('senator')
    members = kb.words("state_bodies", "bodies") | kb.words("ministry_instruction", "member_titles")
    return any(
        a.kind == "official"
        and a.name
        and not a.former
        and a.text == x.text
        and (a.role or "") not in roles
        and bool(set((a.role or "").lower().split()) & members)
        for a in view.actors_of_tokens([x])
    )


def _people_of(x: Token, view: SentenceView) -> list[ActorMention]:
    """The actors a word names, without a surname read inside a sitting minister's titled name ('Foreign Minister
    Shintaro Abe' is not the later prime minister Abe; 'former Prime Minister X' stays a leader's title)."""
    found = view.actors_of_tokens([x])
    leader_titles = set(view.kb.leader_titles)
    ministers = [
        o
        for o in found
        if o.kind == "official" and o.role and not o.role.startswith("former") and o.role not in leader_titles
    ]
    return [
        a
        for a in found
        if not any(
            o is not a and o.start <= a.start and a.end <= o.end and o.end - o.start > a.end - a.start
            for o in ministers
        )
    ]


def _of_a_body(x: Token, kb: Knowledge, body_words: frozenset[str]) -> bool:
    """People or units named by the body they belong to: 'Foreign Ministers Gerapetritis and Fidan', 'Economy
    Secretary Ebrard' (a name under a body's title), 'coast guard units', 'army personnel' (a unit noun under a body
    word)."""
    name = is_name_word(x)
    if not name and lemma(x) not in kb.words("ministry_instruction", "unit_nouns"):
        return False
    # "Secretary of State X" comes parsed as a nominal modifier, "Economy Secretary X" as a compound
    compounds = [c for c in x.children if c.dep_ == "compound" or (c.dep_ == "nmod" and name)]
    compounds += [g for c in compounds for g in c.children if g.dep_ == "compound"]  # "navy patrol units"
    titles = kb.words("ministry_instruction", "member_titles") if name else frozenset()
    return any(is_word_of(c, body_words) or c.lower_ in titles for c in compounds)


def _not_a_states(x: Token, kb: Knowledge) -> bool:
    """'the UN agencies', 'the international agencies', 'the aid agencies': an international organisation's or a
    charity's bodies, not a state's (EVENTS.md: states only)."""
    foreign = kb.words("ministry_instruction", "foreign_acronyms")
    others = kb.words("ministry_instruction", "non_state_modifiers")
    return any(c.dep_ in ("amod", "compound", "nmod") and (c.text in foreign or c.lower_ in others) for c in x.children)


def _legislative(x: Token, kb: Knowledge) -> bool:
    """'the budget committee of the lower house', 'a parliamentary commission': a legislature's, not a leader's."""
    legislatures = kb.words("state_bodies", "legislatures")
    for c in x.children:
        if c.dep_ in ("amod", "compound") and c.lower_ in legislatures:
            return True
        if c.dep_ == "prep" and c.lower_ == "of" and any(lemma(g) in legislatures for g in c.subtree):
            return True
    return False


def _to_bodies(t: Token, view: SentenceView) -> list[Token]:
    """'gave instructions to the ministries'; 'gave orders for the army to withdraw': the body of a for-phrase with
    an infinitive after it is who is to act."""
    body_words = view.kb.words("state_bodies", "bodies")
    out: list[Token] = []
    for x in t.subtree:
        if (
            x.dep_ == "mark"
            and x.lower_ == "for"
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in x.head.children)
        ):
            # "orders for the army to pull back", parsed as a clause with its own subject
            out += [
                s for s in x.head.children if s.dep_ == "nsubj" and (is_word_of(s, body_words) or _acronymed(s, view))
            ]
            continue
        if x.dep_ not in ("prep", "dative") or x.lower_ not in ("to", "for"):
            continue
        if x.lower_ == "for" and not _infinitive_after(t, x):
            continue
        for g in x.children:
            if g.dep_ == "pobj":
                # "gave instructions to the Armed Forces Commander": a body of several words too
                out += [y for y in [g, *g.conjuncts] if is_word_of(y, body_words) or _acronymed(y, view)]
    return out


def _infinitive_after(t: Token, prep: Token) -> bool:
    """Is there a to-infinitive on the verb, or on the for-phrase's own words, right after the phrase?"""
    end = max(w.i for w in prep.subtree)
    return any(
        v.dep_ in ("advcl", "xcomp", "acl", "relcl")
        and v.i > end
        and any(a.dep_ == "aux" and a.lower_ == "to" and a.i == end + 1 for a in v.children)
        for v in [*t.children, *(w for w in prep.subtree)]
    )


def _owned(body: Token, view: SentenceView) -> bool:
    """'their ministers', 'the Kenyan ministry', 'the ministries concerned', 'officials of the ministries';
    'them' after 'his fellow ministers' in the sentence."""
    body_words = view.kb.words("state_bodies", "bodies")
    own_modifiers = view.kb.words("ministry_instruction", "own_modifiers")
    if body.lower_ == "them":
        named = [x for x in body.doc if x.i < body.i and x.pos_ == "NOUN" and lemma(x) in body_words]
        return bool(named) and _owned(named[-1], view)
    for c in body.children:
        if c.dep_ == "poss" or (c.dep_ in ("amod", "acl") and c.lower_ in own_modifiers):
            return True
        if c.dep_ == "prep" and c.lower_ == "of" and any(lemma(g) in body_words for g in c.children):
            return True
    return any(a.kind == "state" for a in view.actors_of(body))


def _by_leaders(t: Token, view: SentenceView) -> bool:
    """'the foreign ministers were asked by the two leaders to ...': the leaders' own ministers."""
    return any(a.kind in ("leader", "plural_leaders") for a in view.actors_of(agents(t)))


def _called_on(t: Token, view: SentenceView) -> list[Token]:
    """'called on the ministries concerned to ...', 'called for the relevant departments to ...' (the parser makes
    the body the subject of a 'for'-marked clause)."""
    body_words = view.kb.words("state_bodies", "bodies")
    named = [g for c in t.children if c.dep_ == "prep" and c.lower_ in ("on", "upon") for g in c.children]
    named += [
        g
        for c in t.children
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
        for g in c.children
        if g.dep_ == "nsubj"
    ]
    return [
        x
        for g in named
        if g.dep_ in ("pobj", "nsubj")
        for x in [g, *g.conjuncts]
        if lemma(x) in body_words or x.lower_ in body_words
    ]


def _directive(t: Token) -> str | None:
    for c in t.children:
        if c.dep_ in ("xcomp", "ccomp"):
            return _phrase(c)
        if c.dep_ == "prep" and c.lower_ in ("with", "of", "to"):
            for g in c.children:
                if g.dep_ in ("pcomp", "pobj"):
                    return _phrase(g)
    for c in t.children:
        if c.dep_ == "dobj":
            for g in c.children:
                if g.dep_ == "prep" and g.lower_ == "of":
                    return _phrase(g)
    return None


def _phrase(t: Token) -> str:
    words = [x.text for x in t.subtree if not (x.dep_ == "aux" and x.lower_ == "to" and x.head.i == t.i)]
    if words and words[0].lower() in ("with", "of"):
        words = words[1:]
    text = " ".join(words[:_MAX_DIRECTIVE_WORDS]).replace(" ,", ",").replace(" .", ".")
    return text.rstrip(",. ")


def _body_name(b: Token) -> str:
    mods = [c.text.lower() for c in b.children if c.dep_ in ("amod", "compound") and c.pos_ != "PROPN"]
    return " ".join([*mods, b.text.lower()])


def _assemble(cands: list[Candidate], states: frozenset[str]) -> dict[str, Any]:
    """The first directive stated; every instructed body once (by name, first seen)."""
    directive = next((c.fields.get("directive") for c in cands if c.fields.get("directive")), None)
    instructed: dict[str, list[str]] = {}
    for c in cands:
        for body in c.fields.get("instructed", []):
            instructed.setdefault(body["name"], body["countries"])
    return {
        "instructed": [{"name": n, "countries": cs} for n, cs in sorted(instructed.items())],
        "directive": directive,
    }


def _codes(record: Mapping[str, Any], kb: Knowledge) -> Codes:
    directive = record["directive"]
    if directive and kb.pattern("ministry_instruction", "talk_words").search(directive):
        return Codes("036", "AGREE")
    return Codes()


_SUBJECT_WORD = re.compile(r"[a-z]{3,}")
_SUBJECT_STOP = frozenset(["the", "and", "their", "his", "her", "its", "our", "for", "with", "from", "into", "that"])


def _subject(event: EventBase) -> frozenset[str]:
    """The words of whom the order went to and what it told them, singular, with the kinds of body they name
    ('army' and 'military' are both the armed forces): what two reports of one order share."""
    assert isinstance(event, MinistryInstructionEvent)
    text = " ".join([*(b.name for b in event.instructed), event.directive or ""]).lower()
    words = [_singular(w) for w in _SUBJECT_WORD.findall(text) if w not in _SUBJECT_STOP]
    joined = f" {' '.join(words)} "
    kinds = {f"kind:{k}" for k, names in _body_classes().items() if any(f" {n} " in joined for n in names)}
    return frozenset(words) | kinds


@functools.cache
def _body_classes() -> dict[str, frozenset[str]]:
    # the merge score has no knowledge base at hand; the packaged lexicon is the one the extractor reads
    return Knowledge.load().word_map("state_bodies", "body_classes")


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


EVENT_TYPE = EventType(
    name="ministry_instruction.v1",
    model=MinistryInstructionEvent,
    # the giving verbs too: "gave instructions to"
    prefilter=Prefilter(
        triggers=("strong_verbs", "weak_verbs_need_body", "give_verbs", "held_nouns", "behest_nouns", "mandate_nouns"),
        narrow="prefilter_forms",
    ),
    extractor=InstructionExtractor,
    assemble=_assemble,
    codes=_codes,
    merge=MergeRule(fill=("directive",), union_by={"instructed": "name"}, subject=_subject),
)


def _by_object(t: Token, *, deep: bool) -> list[Token]:
    """The nouns after 'by' on the verb's object ('instructions by the presidents'); `deep`: anywhere inside it."""
    return [
        g
        for c in t.children
        if c.dep_ == "dobj"
        for p in (c.subtree if deep else c.children)
        if p.dep_ == "prep" and p.lower_ == "by"
        for g in p.children
        if g.dep_ == "pobj"
    ]
