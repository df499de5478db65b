"""consultation_agreement.v1 — two or more states agreed to start, hold, resume or launch consultations,
talks, a dialogue, a consultation mechanism or commission.

Shapes: "agreed to launch a dialogue", "agreed to instruct their representatives to hold consultations",
"decided to hold meetings of their foreign ministers", "agreed on the resumption of consultations",
"a framework for regular consultations was agreed upon", "agreed to consult one another"; in real copy also
"the two sides will resume talks" (a joint announcement by states or their negotiators, not leaders alone),
"confirmed the intention to continue talks", "agreed to X's proposal for talks" (the proposer is a party),
"agreed to discuss X in its talks with Y", "agreed that talks would resume"; joining talks ("agreed to take part
in talks", "to return to the negotiating table"), talks accepted outright or by invitation ("accepted talks
with X", "accepted X's invitation to talks"), "struck a deal to launch talks", "agreed the working group would
carry on".
Vague pledges ("remain in contact", "strengthen communication") and restored relations do not count.

Codes: CAMEO 036 (express intent to meet or negotiate), PLOVER AGREE.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from dipevents.core.extractors.modality import is_background, is_irrealis
from dipevents.core.extractors.parties import states_of
from dipevents.core.extractors.syntax import (
    agents,
    compound_in,
    is_word_of,
    lemma,
    own_clause_conjunct,
    subjects,
    verb_in,
)
from dipevents.core.extractors.view import Candidate, SentenceView, TypeExtractor, candidate
from dipevents.core.knowledge import Knowledge
from dipevents.core.records import EventBase
from dipevents.core.registry import Codes, EventType, MergeRule, Prefilter

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dipevents.core.actors import ActorMention


class ConsultationAgreementEvent(EventBase):
    event_type: Literal["consultation_agreement"] = "consultation_agreement"
    level: Literal["leaders", "ministers", "deputy_ministers", "experts", "two_plus_two", "officials"] | None = None
    topics: list[str] = Field(default_factory=list)
    mechanism: str | None = Field(default=None, description="consultations, talks, dialogue, commission...")


_GROUPS = ("they", "we", "plural_leaders", "plural_parties")  # actor kinds that stand for several parties
_OBJECT_DEPS = ("dobj", "nsubjpass", "pobj", "attr", "oprd")


class ConsultationExtractor(TypeExtractor):
    def extract(self, view: SentenceView) -> Iterator[Candidate]:
        kb = view.kb
        agree = kb.words("consultation_agreement", "agree_verbs")
        joint_agree = kb.words("consultation_agreement", "joint_agree_verbs")
        intent_verbs = kb.words("consultation_agreement", "intent_verbs")
        joint_verbs = (
            kb.words("consultation_agreement", "joint_start_verbs")
            | kb.words("consultation_agreement", "joint_meet_verbs")
            | kb.words("consultation_agreement", "joint_round_verbs")
            | kb.words("consultation_agreement", "intent_continue_verbs")
        )
        continuing = kb.words("consultation_agreement", "intent_continue_verbs")
        for t in view.doc:
            if t.pos_ not in ("VERB", "AUX"):
                continue
            lem = lemma(t)
            if lem in agree or lem in joint_agree:
                talk = _talk_object(t, view)
            elif lem in intent_verbs:
                talk = _intended_talk(t, view)  # "confirmed the intention to continue talks"
            elif lem in joint_verbs or verb_in(t, continuing):  # "will step up consultations": with its particle
                yield from self._joint_start(t, view)
                continue
            else:
                continue
            if talk is None or (lem in joint_agree and not _pledged_together(t, talk)):
                continue
            if _held_meeting_arranged(t, talk, view) or _leaders_next_meeting(t, talk, view):
                continue
            if is_irrealis(t, kb) or is_background(view, t, content=_agreed_phrase(t, talk)) or _in_progress(t):
                continue
            intents = kb.words("consultation_agreement", "intent_nouns") if lem in intent_verbs else frozenset()
            subj = [
                s
                for s in subjects(t)
                if s.dep_ != "nsubjpass"
                # "talks were agreed": the talks; "an agreement was reached to hold talks": the intent noun
                or ((lemma(t) != "agree" or not _is_talk(s, view)) and lemma(s) not in intents)
            ]
            reporters = subjects(t.head) if t.dep_ == "ccomp" else []
            if (
                subj
                and reporters
                and (
                    # not "he said it was agreed that ...": an expletive, no reporter named by it
                    all(s.lower_ == "it" and s.dep_ == "nsubj" for s in subj)
                    or (all(s.lower_ in ("they", "we") for s in subj) and _named_parties(reporters, view))
                )
            ):
                # "North Korea said it agreed ...", "Argentina and Chile said they had agreed ...": the reporters
                # (not "aides said they agreed": then 'they' keeps its own meaning)
                subj = reporters
            if subj and all(s.lower_ == "it" and s.dep_ in ("nsubjpass", "expl") for s in subj):
                subj = []  # "It was agreed that consultations ... would be held": no one named, the talks' own parties
            parties = view.actors_of(subj) if subj else []
            if not subj and talk.dep_ == "dobj" and talk.head.i != t.i:
                # "It was decided that X and Y would hold the next round": who holds the talks
                parties = view.actors_of([s for s in subjects(talk.head) if s.dep_ == "nsubj"])
            if lem in joint_agree and len(states_of(view, parties, leaders_only=False)[0]) < 2:
                continue  # "Obama pledged to hold talks with Tehran": one side's pledge
            with_parties = [g for c in t.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children]
            # "consultations between the foreign ministry of X and the State Department of Y": the talks' sides
            with_parties += [g for c in talk.children if c.dep_ == "prep" and c.lower_ == "between" for g in c.children]
            # "talks with Hanoi": the partner of the talks themselves
            with_parties += [g for c in talk.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children]
            # a partner named after "with" is a party by name or leader; "the Russian side" there is a broker
            parties += [a for a in view.actors_of(with_parties) if a.form != "demonym"] if with_parties else []
            parties += _proposers(t, talk, view)
            # "Seoul's proposal for talks was accepted by Pyongyang": who accepted it
            parties += [a for a in view.actors_of(agents(t)) if a.form != "demonym"] if talk.i != t.i else []
            states, used = states_of(view, parties, leaders_only=False)
            home = _home_side(view, parties, states)
            if home:
                states, used = {*states, home.country or ""}, [*used, home]
            if parties and all(a.kind == "they" and not a.states for a in parties):
                # "Biden and Xi agreed to resume ... They also agreed to ...", "Yoon and Li held a separate meeting
                # in which they agreed": the leaders just named, not the article's main meeting
                named = _leaders_named_before(view, parties[0].start)
                states = named if len(named) >= 2 else states
            refs = [a for a in parties if a.kind == "plural_parties"]
            if len(states) < 2 and refs:
                # "The two sides agreed ..." where no leaders met: the states the sentence before named
                states |= _states_before(view, refs)
            elif refs and len(states) not in _counts(view, refs, len(states)):
                # "the two sides" in a story of a three-way summit: the two besides a mediator, else the two the
                # sentences name, else no guess
                mediated = states - _brokers(view)
                states = mediated if len(mediated) in _counts(view, refs, 0) else _states_before(view, refs)
                states = states or _held_counted(view, refs)
            elif refs and all(not a.states for a in refs):
                # "In a conversation with Prime Minister of Japan X, ... It was agreed that the ministers of the two
                # countries ...": the pair whose leader the sentence before tells of, not the article's main meeting
                states = _pair_told_before(view, refs, states) or states
            numbers = [s for s in subj if s.pos_ == "NUM" and any(d.dep_ == "det" for d in s.children)]
            if len(states) < 2 and numbers:
                # "The two agreed to launch a dialogue": the two the sentence before named, else the article's
                # meeting of that many states ("The two also agreed to meet every year" after their ministers)
                wanted = _counts(view, numbers, 0)
                states |= _states_counted(view, wanted, []) or (
                    set(view.ctx.main_states) if len(view.ctx.main_states) in wanted else set()
                )
            if not subj and not states:
                # the parser lost the subject ("..., Presidents X and Y agreed"): the leaders right before the verb
                states, used = states_of(view, _leaders_just_before(t, view), leaders_only=True)
            if not subj and len(states) < 2:
                states = set(view.ctx.main_states)  # "a framework ... was agreed upon at the meeting"
                hosts = view.ctx.meeting_hosts.get(frozenset(states), frozenset())
                counted = [a for a in view.actors if a.kind == "plural_parties"]
                if hosts and counted and len(states - hosts) in _counts(view, counted, 0):
                    states -= hosts  # "it was agreed that the two states would ...": not the meeting's host
            sides = _meeting_bodies_states(talk, view)
            if len(sides) >= 2 and (len(states) >= 2 or any(a.kind in _GROUPS for a in parties)):
                # "they agreed that special envoys of the three countries would meet" (never one side's
                # announcement that several states' envoys will meet)
                states = sides
            brokers = _brokers(view) if len(states) > 2 else set()
            if brokers and len(states - brokers) >= 2:
                states -= brokers  # "the two countries agreed ..., with the facilitation of Türkiye"
            if not subj and len(states) < 2:
                # "Agreement was reached on resuming the Japanese-Soviet fisheries talks": no one named as agreeing,
                # the talks' own sides named before them
                states = _paired_modifiers(talk, view) or states
            if len(states) < 2:
                continue
            level, topics = _level_and_topics(talk, view)
            confidence = 0.6 + 0.2 * (lemma(t) == "agree") + 0.1 * any(a.kind in ("leader", "state") for a in used)
            yield candidate(
                self,
                view,
                t,
                states,
                used,
                confidence,
                other_moments=_agreed_content(t, talk),
                level=level,
                topics=topics,
                mechanism=talk.lemma_.lower(),
            )
            return

    def _joint_start(self, t: Token, view: SentenceView) -> Iterator[Candidate]:
        """'Moscow and Washington will launch a dialogue', 'the two sides will resume talks', 'Soviet and American
        negotiators will resume talks': two or more parties announcing together that talks begin or resume have
        agreed on them. Leaders alone are not: their own talks announced are a planned summit."""
        kb = view.kb
        modals = kb.words("consultation_agreement", "joint_modals")
        if _told_by_joint_text(t, view) or _told_together(t, view):
            modals = modals | kb.words("consultation_agreement", "reported_modals")  # "would" of reported speech
        anchor = _shared_modal_verb(t)  # "will hold meetings ... and open talks": 'open' under 'will' too
        if (
            not any(c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in modals for c in anchor.children)
            and not _is_to_be(anchor)
            and not _body_set_up(t, view)
        ):
            return
        lem = lemma(t)
        means = None
        if verb_in(t, kb.words("consultation_agreement", "intent_continue_verbs")):
            # "will continue talks on the border", "will continue their efforts for a settlement through dialogue"
            means = _means_talk(t, view)
            talk = _talks_on_issue(t, view) or means
        elif lem in kb.words("consultation_agreement", "joint_round_verbs") and lem not in kb.words(
            "consultation_agreement", "joint_start_verbs"
        ):
            talk = _round_of_talks(t, view)  # "will hold the next round of their dialogue"
            if talk is None:
                talk = _bodies_talk(t, view)  # "will hold talks between their prime ministers"
            if talk is None and (
                _bodies_under_accord(t, view, meeting=False) or _shared_bodies(t, view, meeting=False)
            ):
                # "under the declaration, their ministries will hold consultations", "the two countries' defence
                # ministers would hold their first meeting"
                talk = _object_talk(t, view)
            if talk is None:
                # "the two countries will hold the commission every year": a session of a body that meets
                talk = next((c for c in t.children if c.dep_ == "dobj" and _meeting_body(c, view)), None)
        else:
            talk = _object_talk(t, view)
        joining = kb.word_map("consultation_agreement", "join_verbs").get(lem, frozenset())
        if talk is None and joining:
            # "the two nations will sit down again for a new round of their joint commission"
            talk = next(
                (
                    g
                    for c in t.children
                    if c.dep_ == "prep" and c.lower_ in joining
                    for g in c.children
                    if _is_talk(g, view)
                ),
                None,
            )
        if (
            talk is None
            and lem in kb.words("consultation_agreement", "joint_meet_verbs")
            and (_shared_bodies(t, view) or _bodies_under_accord(t, view))
        ):
            talk = t  # "their special representatives will meet soon", "under the deal, their ministers will meet"
        if talk is None and _negotiates_text(t, view):
            talk = t  # "the United States and Mexico will negotiate a free trade agreement"
        subj = [s for s in subjects(t) if s.dep_ == "nsubj"]
        if talk is None and lem in kb.words("consultation_agreement", "joint_start_verbs"):
            # "talks between X and Y will resume next week": the talks' own sides
            talk = next((s for s in subjects(t) if _is_talk(s, view)), None)
            subj = _between(talk) if talk is not None else []
            if talk is not None and not subj and _told_together(t, view):
                # "The United States and the Soviet Union said the arms talks would resume": the reporters' talks
                subj = [r for r in t.head.children if r.dep_ == "nsubj"]
        if talk is None:
            return
        parties = view.actors_of(subj) if subj else []
        if not parties or (
            # leaders' own talks announced are a planned summit; a dialogue they pursue a settlement through is not,
            # nor a body that meets which they revive or convene
            talk is not means
            and not _meeting_body(talk, view)
            and all(a.kind in ("leader", "plural_leaders", "he_or_she") for a in parties)
        ):
            return
        # "are to resume": the schedule words read as 'will' is
        if is_irrealis(anchor, kb, allow=modals | kb.words("consultation_agreement", "joint_schedule_words")) or (
            is_background(view, t)
        ):
            return
        states, used = states_of(view, parties, leaders_only=False)
        if len(states) < 2:
            return
        level, topics = _level_and_topics(talk, view)
        confidence = 0.6 + 0.1 * any(a.kind in ("leader", "state") for a in used)
        yield candidate(
            self, view, t, states, used, confidence, level=level, topics=topics, mechanism=talk.lemma_.lower()
        )


def _negotiates_text(verb: Token, view: SentenceView) -> bool:
    """'will negotiate a comprehensive free trade agreement': a negotiating verb with a treaty or agreement as its
    object (who announces it is for the caller: two or more parties, not leaders alone)."""
    kb = view.kb
    if lemma(verb) not in kb.words("consultation_agreement", "negotiating_verbs"):
        return False
    texts = kb.words("consultation_agreement", "negotiated_texts")
    return any(c.dep_ == "dobj" and c.lower_ in texts for c in verb.children)


def _held_meeting_arranged(verb: Token, talk: Token, view: SentenceView) -> bool:
    """'The meeting was arranged through contacts over several weeks', after the article told the meeting as held:
    how the meeting it reports came about, not an agreement to meet again."""
    return (
        talk.dep_ == "nsubjpass"
        and talk.head.i == verb.i
        and all(c.dep_ == "det" and c.lower_ in ("the", "this") for c in talk.children)
        and any(c.dep_ == "det" for c in talk.children)
        and (lemma(talk) in view.ctx.meeting_nouns or talk.lower_ in view.ctx.meeting_nouns)
        and any(at < view.sentence.start for at in view.ctx.held_meetings.values())
    )


def _body_set_up(verb: Token, view: SentenceView) -> bool:
    """'The two countries also set up a joint working group, which will meet every six months', 'the presidents
    set up a committee ... to meet twice a year': a body that meets, founded together in the past tense, is talks
    agreed (a founding verb, no auxiliary; whether two parties did it is for the subject to say)."""
    if verb.tag_ != "VBD" or lemma(verb) not in view.kb.words("consultation_agreement", "founding_verbs"):
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    reported = verb.dep_ == "ccomp" and lemma(verb.head) in view.kb.words("discourse", "report_verbs")
    if verb.dep_ not in ("ROOT", "conj") and not reported:
        return False  # "proposed that the two countries set up a committee": a proposal's subjunctive
    return any(c.dep_ == "dobj" and _meeting_body(c, view) for c in verb.children)


def _bodies_talk(verb: Token, view: SentenceView) -> Token | None:
    """'will hold talks between their prime ministers', 'will hold defence ministers' talks': talks the
    parties' bodies hold, not the announcing parties' own meeting."""
    talk = _object_talk(verb, view)
    if talk is None:
        return None
    bodies = view.kb.words("state_bodies", "bodies")
    sides = [*_between(talk), *(c for c in talk.children if c.dep_ in ("poss", "compound"))]
    # "will hold regular meetings of their foreign ministers": the bodies whose meetings they are
    sides += [g for p in talk.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children]
    return talk if any(is_word_of(x, bodies) for s in sides for x in (s, *s.conjuncts)) else None


def _meeting_bodies_states(talk: Token, view: SentenceView) -> set[str]:
    """The states of bodies named to meet with their states ('special envoys of the three countries would
    meet', 'the Egyptian and Sudanese water ministers will meet'): the talks' own sides."""
    if talk.pos_ not in ("VERB", "AUX") or not _bodies_meet(talk, view):
        return set()
    actors = view.actors_of([s for s in subjects(talk) if s.dep_ in ("nsubj", "nsubjpass")])
    named = {a.country for a in actors if a.country and a.kind in ("state", "official")}
    counted = [a for a in actors if a.kind == "plural_parties" and not a.states]
    if counted and len(named) < 2:
        named = _states_before(view, counted)
    return named


def _shared_modal_verb(t: Token) -> Token:
    """The verb whose modal a joint start is announced with: its own, or, for a conjunct with no subject or
    auxiliary of its own ('will hold meetings of their ministers and open talks among experts'), the first verb's."""
    if t.dep_ != "conj" or t.head.pos_ not in ("VERB", "AUX") or own_clause_conjunct(t):
        return t
    return t.head


def _between(talk: Token) -> list[Token]:
    return [g for p in talk.children if p.dep_ == "prep" and p.lower_ == "between" for g in p.children]


def _in_progress(t: Token) -> bool:
    """'X and Y are arranging to hold talks': an agreement still being worked out, not reached."""
    return t.tag_ == "VBG" and any(c.dep_ == "aux" and lemma(c) == "be" for c in t.children)


def _told_together(verb: Token, view: SentenceView) -> bool:
    """'The two presidents said they would revive the committee': what two or more parties report together is
    their joint announcement, its 'would' the 'will' of reported speech (not one side's statement)."""
    if verb.dep_ != "ccomp" or lemma(verb.head) not in view.kb.words("discourse", "report_verbs"):
        return False
    reporters = view.actors_of([s for s in verb.head.children if s.dep_ == "nsubj"])
    return any(a.kind in ("plural_leaders", "plural_parties") for a in reporters) or _named_parties(
        [s for s in verb.head.children if s.dep_ == "nsubj"], view
    )


def _is_to_be(t: Token) -> bool:
    """'X and Y are to resume talks': a schedule announced, as 'will' does."""
    return t.dep_ == "xcomp" and lemma(t.head) == "be" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)


def _agreed_content(t: Token, talk: Token) -> list[tuple[int, int]]:
    """The span of what was agreed ('decided to have their ministers hold a session on Wednesday'): its day is the
    talks', not the agreement's."""
    x = talk
    for _ in range(12):
        if x.head.i in (x.i, t.i):
            break
        x = x.head
    if x.head.i != t.i or x.i == t.i:
        return []
    sub = list(x.subtree)
    return [(sub[0].idx, sub[-1].idx + len(sub[-1].text))]


def _agreed_phrase(t: Token, talk: Token) -> Token | None:
    """The prepositional phrase of the agreeing verb that holds the talks ('agreed on talks in May'): what was
    agreed, whose dates are the talks' own."""
    x = talk
    while x.head.i not in (x.i, t.i):
        x = x.head
    return x if x.head.i == t.i and x.dep_ == "prep" else None


def _pledged_together(verb: Token, talk: Token) -> bool:
    """'X and Y pledged to open negotiations': the pledge's own infinitive starts the parties' own talks. Not a
    pledge to someone ('promised Kyiv that talks would begin'), to press a third party, or of talks with another."""
    if any(c.dep_ in ("dative", "ccomp", "dobj") for c in verb.children):
        return False
    starter = talk if talk.pos_ == "VERB" else talk.head
    if starter.dep_ != "xcomp" or starter.head.i != verb.i:
        return False
    return not any(c.dep_ == "prep" and c.lower_ == "with" for h in (starter, talk) for c in h.children)


def _named_parties(toks: list[Token], view: SentenceView) -> bool:
    """Reporters that name two or more states themselves ('Argentina and Chile said they ...'), or by a counted
    plural ('the two governments said they had agreed')."""
    actors = view.actors_of(toks)
    if any(a.kind == "plural_parties" and not a.weak for a in actors):
        return True
    named = {a.country for a in actors if a.kind in ("state", "official", "leader") and a.country}
    return len(named) >= 2


def _round_of_talks(verb: Token, view: SentenceView) -> Token | None:
    """'hold the next round of talks', 'convene a new session of the joint commission': the talks of a round."""
    rounds = view.kb.words("consultation_agreement", "round_nouns")
    for c in verb.children:
        if c.dep_ == "dobj" and c.lower_ in rounds:
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    for g in p.children:
                        if g.dep_ == "pobj" and _is_talk(g, view):
                            return g
    return None


def _told_by_joint_text(verb: Token, view: SentenceView) -> bool:
    """'The joint statement said the defence ministers would meet in March': what a text of both sides reports is
    their joint announcement, its 'would' the 'will' of reported speech."""
    if verb.dep_ != "ccomp" or lemma(verb.head) not in view.kb.words("discourse", "report_verbs"):
        return False
    texts = view.kb.words("consultation_agreement", "joint_texts")
    return any(s.dep_ == "nsubj" and is_word_of(s, texts) for s in verb.head.children)


def _shared_bodies(verb: Token, view: SentenceView, *, meeting: bool = True) -> bool:
    """'their special representatives', 'the two countries' foreign ministries': the subject is the parties'
    bodies together (a plural body word owned by 'their' or by a plural of the parties), not one named minister."""
    bodies = view.kb.words("state_bodies", "bodies")
    if meeting and any(c.dep_ == "dobj" for c in verb.children):
        return False  # "their aides will meet reporters": meeting someone else, not one another
    for s in verb.children:
        if s.dep_ != "nsubj" or s.tag_ != "NNS" or not is_word_of(s, bodies):
            continue
        owners = [c for c in s.children if c.dep_ == "poss"]
        if any(o.lower_ == "their" for o in owners):
            return True
        if any(a.kind == "plural_parties" for a in view.actors_of(owners)):
            return True
    return False


def _bodies_under_accord(verb: Token, view: SentenceView, *, meeting: bool = True) -> bool:
    """'Under the deal / its third point, the foreign ministers of X and Y will meet (hold consultations)': what a
    text the parties agreed provides for, bodies of theirs meeting (the states come from the subject: two or more
    are needed)."""
    kb = view.kb
    if meeting and any(c.dep_ == "dobj" for c in verb.children):
        return False  # meeting someone else, not one another
    accords = kb.words("consultation_agreement", "accord_nouns")
    under = any(
        c.dep_ == "prep" and c.lower_ in kb.words("consultation_agreement", "accord_preps") and c.i < verb.i
        for c in verb.children
        for g in c.children
        if g.dep_ == "pobj" and lemma(g) in accords
    )
    # "The document provides that their foreign ministers will meet": the text as the subject of a provision verb
    provided = (
        verb.dep_ == "ccomp"
        and lemma(verb.head) in kb.words("consultation_agreement", "provision_verbs")
        and any(s.dep_ == "nsubj" and lemma(s) in accords for s in verb.head.children)
    )
    if not (under or provided):
        return False
    bodies = kb.words("state_bodies", "bodies")
    return any(s.dep_ == "nsubj" and is_word_of(s, bodies) for s in verb.children)


def _counts(view: SentenceView, refs: list[Any], default: int) -> set[int]:
    """How many states references count ('the two sides', 'the three'); {default} when they count none."""
    counts = {w: int(n) for n, ws in view.kb.word_map("discourse", "number_words").items() for w in ws}
    found = {counts[w] for a in refs for w in a.text.lower().split() if w in counts}
    return found or {default}


def _states_before(view: SentenceView, refs: list[Any]) -> set[str]:
    """The states 'the two sides' stands for: those the sentence before named, else those this sentence names,
    as many as the reference counts ('the two countries' after a sentence naming four states is not all four)."""
    return _states_counted(view, _counts(view, refs, 0) - {0}, refs)


def _states_counted(view: SentenceView, wanted: set[int], refs: list[Any]) -> set[str]:
    for actors in (view.previous, [a for a in view.actors if a not in refs]):
        groups = [set(a.states) for a in actors if a.kind in ("plural_leaders", "plural_parties") and a.states]
        counted = [g for g in groups if len(g) in wanted]
        if counted:
            return counted[0]  # "the three countries" after "the presidents of Russia, Iran and Turkey"
        named = {a.country for a in actors if a.country and a.kind in ("state", "official", "leader")}
        named |= {c for g in groups for c in g}
        if len(named) >= 2 and (not wanted or len(named) in wanted):
            return named
        guests = _guests_of_home(view, named)
        if guests and len(guests) in wanted:
            return guests  # "the two governments" after a three-way meeting in the dateline's country: its guests
        # "X and Y met ... after the funeral of Z. A spokesman said the two agreed": the pair that met, as the
        # sentence before reported it (its leaders)
        led = {a.country for a in view.previous if a.is_sitting_leader and a.country}
        held = [
            k
            for k, at in view.ctx.held_meetings.items()
            if len(k) in wanted and k <= named and k <= led and at < view.sentence.start
        ]
        if len(held) == 1:
            return set(held[0])
        if not wanted:
            return set()  # an uncounted reference is only ever the sentence before's states
    return set()


def _paired_modifiers(talk: Token, view: SentenceView) -> set[str]:
    """The states named together in a talk noun's own modifiers ('the Japanese-Soviet fisheries talks', 'the
    U.S.-China talks'), when two or more."""
    if talk.pos_ not in ("NOUN", "PROPN") or talk.left_edge.i == talk.i:
        return set()
    named = view.actors_in(talk.left_edge.idx, talk.idx)
    states = {a.country for a in named if a.kind == "state" and a.country}
    return states if len(states) >= 2 else set()


def _guests_of_home(view: SentenceView, named: set[str]) -> set[str]:
    """The states of a meeting the article reports held in the dateline's country, without that host ('SAN JOSE
    - Presidents X of Mexico and Y of Venezuela signed the accord after talks with Costa Rican President Z. The two
    governments also agreed ...'): a host sitting in is not one of the parties counted."""
    home = view.ctx.home_state
    meeting = frozenset(named)
    if not home or home not in named or len(named) < 3 or meeting not in view.ctx.held_meetings:
        return set()
    if view.ctx.meeting_places.get(meeting, home) != home:
        return set()  # held elsewhere ("in the Elysee Palace"): the dateline's state is a guest too
    return named - {home}


def _pair_told_before(view: SentenceView, refs: list[Any], states: set[str]) -> set[str]:
    """The states the sentence before names, as many as the references count, with a sitting leader of theirs,
    when they are not the states the references were read as: that sentence told the occasion of this one."""
    named = {a.country for a in view.previous if a.country and a.kind in ("state", "official", "leader")}
    if len(named) not in _counts(view, refs, 0) or states <= named:
        return set()
    if not any(a.is_sitting_leader and a.country in named for a in view.previous):
        return set()
    return named


def _held_counted(view: SentenceView, refs: list[Any]) -> set[str]:
    """'the three countries agreed' in an article whose main meeting is a bilateral beside a three-way summit: the
    one meeting of leaders the article reports with that many states (three or more: a pair is too common a count
    to pick one meeting by)."""
    wanted = {n for n in _counts(view, refs, 0) if n >= 3}
    held = [set(k) for k in view.ctx.held_meetings if len(k) in wanted]
    return held[0] if len(held) == 1 else set()


def _intended_talk(t: Token, view: SentenceView) -> Token | None:
    """'confirmed the intention to continue talks', 'reaffirmed their commitment to resume the dialogue'."""
    intents = view.kb.words("consultation_agreement", "intent_nouns")
    starts = view.kb.words("consultation_agreement", "start_verbs") | view.kb.words(
        "consultation_agreement", "intent_continue_verbs"
    )
    for n in t.children:
        # "an agreement was reached to hold consultations": the intent noun as the passive's subject
        if n.dep_ not in ("dobj", "nsubjpass") or lemma(n) not in intents:
            continue
        if any(c.dep_ == "det" and c.lower_ in view.kb.words("modality", "negating_modifiers") for c in n.children):
            continue  # "no agreement was reached on resuming the talks"
        # "struck a deal to launch talks": the parser may hang the noun's infinitive off the verb
        infinitives = [
            c for c in t.children if c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        ]
        # "agreement was reached on resuming the talks": the parser may hang the noun's 'on' off the verb too
        ons = [c for c in t.children if c.dep_ == "prep" and c.lower_ == "on"]
        for c in [*n.children, *infinitives, *ons]:
            if c.dep_ in ("acl", "xcomp", "relcl", "advcl") and lemma(c) in starts:
                return _object_talk(c, view)
            # "reached consensus on launching a dialogue"
            for g in c.children if c.dep_ == "prep" and c.lower_ == "on" else ():
                if g.dep_ == "pcomp" and lemma(g) in starts:
                    return _object_talk(g, view)
    return None


def _proposers(t: Token, talk: Token, view: SentenceView) -> list[Any]:
    """'agreed to a South Korean proposal for talks': whoever made the accepted proposal is a party too (its
    modifiers, not the talks inside it)."""
    proposals = view.kb.words("consultation_agreement", "proposal_nouns")
    inside = {x.i for x in talk.subtree}
    # the talks are what is proposed: "a proposal for talks", "an offer to resume talks" (not talks named deeper,
    # "a proposal to set a price after the failure of the talks")
    x = talk.head.head if talk.head.dep_ in ("prep", "acl") else talk.head
    if talk.dep_ not in ("pobj", "dobj", "acl") or x.i == t.i or x.pos_ != "NOUN" or x.lower_ not in proposals:
        return []
    toks = [
        y
        for c in x.children
        if c.dep_ in ("amod", "poss", "compound") or (c.dep_ == "prep" and c.lower_ in ("of", "from", "by"))
        for y in c.subtree
        if y.i not in inside
    ]
    return [a for a in view.actors_of_tokens(toks) if a.kind in ("state", "leader", "official")]


def _brokers(view: SentenceView) -> set[str]:
    """States named as mediators anywhere in the sentence: 'with the mediation of X', 'brokered by X' (a mediator
    is not a party)."""
    third_party = view.kb.words("consultation_agreement", "third_party_nouns")
    broker_verbs = view.kb.words("consultation_agreement", "broker_verbs")
    roles = view.kb.words("consultation_agreement", "broker_role_nouns")
    spots: list[Token] = []
    for t in view.doc:
        if t.dep_ == "pobj" and t.head.lower_ == "with" and lemma(t) in third_party:
            spots += [g for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        if t.pos_ == "VERB" and lemma(t) in broker_verbs:
            spots += [
                g
                for c in t.children
                if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
                for g in c.children
                if g.dep_ == "pobj"
            ]
        if t.dep_ == "pobj" and t.head.lower_ == "as" and lemma(t) in roles:
            spots += _in_role(t.head)
    actors = view.actors_of(spots) if spots else []
    return {a.country for a in actors if a.country and a.kind in ("state", "leader", "official")}


def _in_role(as_prep: Token) -> list[Token]:
    """Who 'as mediator' is about: the noun it modifies ('Qatar as mediator'), else the object of a 'with' right
    before it ('with Washington as mediator')."""
    if as_prep.head.pos_ in ("PROPN", "NOUN"):
        return [as_prep.head]
    before = [
        g
        for c in as_prep.head.children
        if c.dep_ == "prep" and c.lower_ == "with" and c.i < as_prep.i
        for g in c.children
        if g.dep_ == "pobj" and max(x.i for x in g.subtree) == as_prep.i - 1
    ]
    return before


def _leaders_named_before(view: SentenceView, at: int) -> set[str]:
    """The states of the sitting leaders this sentence names before `at`, else of those the sentence before
    names, when two or more."""
    here = {a.country for a in view.actors if a.is_sitting_leader and a.country and a.end <= at}
    if len(here) >= 2:
        return here
    return {a.country for a in view.previous if a.is_sitting_leader and a.country}


def _leaders_just_before(t: Token, view: SentenceView) -> list[Any]:
    """Sitting leaders between the last verb before `t` and `t`."""
    last_verb = max((x.idx for x in view.doc if x.i < t.i and x.pos_ in ("VERB", "AUX")), default=-1)
    return [a for a in view.actors if a.kind == "leader" and not a.former and last_verb < a.start and a.end <= t.idx]


def _is_talk(t: Token, view: SentenceView) -> bool:
    nouns = view.kb.words("consultation_agreement", "talk_nouns")
    if t.pos_ not in ("NOUN", "PROPN") and t.lower_ in view.kb.words("consultation_agreement", "noun_only_talk_nouns"):
        return False
    if t.lower_ in nouns or lemma(t) in nouns or compound_in(t, nouns):  # "the negotiating table"
        return not _vague(t, view)
    return _marked_body(t, view) and not _vague(t, view)


def _marked_body(t: Token, view: SentenceView) -> bool:
    """'the Second Binational Cabinet', 'the Binational Autonomous Authority of the lake': a body that is one
    government's alone unless a mark before it makes it two or more states' mechanism."""
    kb = view.kb
    if lemma(t) not in kb.words("consultation_agreement", "marked_bodies"):
        return False
    # "joint Cabinet sessions": a body named as the modifier of its sessions takes the marks of the whole phrase
    first = t.head.left_edge.i if t.dep_ == "compound" and t.head.i > t.i else t.left_edge.i
    left = " ".join(x.lower_ for x in t.doc[first : t.i]).replace(" - ", "-")
    if any(_word_in(m, left) for m in kb.words("consultation_agreement", "show_marks")):
        return False  # "a joint press conference"
    if any(_word_in(m, left) for m in kb.words("consultation_agreement", "joint_marks")):
        return True
    # "a conference of cabinet ministers from both governments": its own phrase after it names the two sides
    shared = kb.words("consultation_agreement", "shared_marks")
    if any(x.i > t.i and x.lower_ in shared and x.dep_ in ("det", "predet", "nummod") for x in t.subtree):
        return True
    if t.left_edge.i == t.i:
        return False
    # "the annual Korea-Japan ministerial conference": the states it is between, named before it
    named = view.actors_in(t.left_edge.idx, t.idx)
    return len({a.country for a in named if a.kind == "state" and a.country}) >= 2


def _meeting_body(t: Token, view: SentenceView) -> bool:
    """A commission, council, working group or marked body: talks in a body that exists to meet."""
    return is_word_of(t, view.kb.words("consultation_agreement", "meeting_bodies")) and _is_talk(t, view)


def _vague(t: Token, view: SentenceView) -> bool:
    """'talks' as in 'peace talks with rebels urged by X' are fine; 'meeting' as a time ('at the meeting') is not."""
    return t.dep_ == "pobj" and t.head.lower_ in view.kb.words("consultation_agreement", "time_preps")


def _talk_object(agree_tok: Token, view: SentenceView) -> Token | None:
    """Find the consultations/talks/dialogue that the agreement starts, walking xcomp chains."""
    kb = view.kb
    starts = kb.words("consultation_agreement", "start_verbs")
    consult_verbs = kb.words("consultation_agreement", "consult_verbs")
    bodies_only = kb.words("consultation_agreement", "bodies_consult_verbs")
    # passive: "a framework for regular consultations was agreed upon"
    for c in agree_tok.children:
        if c.dep_ == "nsubjpass":
            for x in c.subtree:
                if _is_talk(x, view):
                    return x
    frontier: list[tuple[Token, int]] = [(agree_tok, 0)]
    while frontier:
        tok, depth = frontier.pop(0)
        for c in tok.children:
            if c.dep_ in ("xcomp", "ccomp", "conj", "advcl") and _verbal(c) and depth < 3:
                if c.pos_ == "NOUN" and _is_talk(c, view):
                    return c  # "consented to talks with X": the parser took "to talks" for an infinitive
                lc = lemma(c)
                joined = _joined_talk(c, view)  # "agreed to join the negotiations"
                if joined is not None:
                    return joined
                if verb_in(c, consult_verbs) and (not verb_in(c, bodies_only) or _bodies_meet(c, view)):
                    return c  # "agreed that their prime ministers would sit down together"
                if verb_in(c, bodies_only):
                    purpose = _negotiating_purpose(c, view)
                    if purpose is not None:
                        return purpose  # "agreed to meet again in Geneva to continue the negotiations"
                    if _recurring(c, view):
                        return c  # "the two leaders agreed to meet every year": a standing mechanism, not one summit
                if lc in kb.words("consultation_agreement", "making_verbs"):
                    made = _made_recurring(c, view)  # "agreed to make it an annual meeting"
                    if made is not None:
                        return made
                if lc in starts:
                    obj = (
                        _object_talk(c, view)
                        or _talk_subject(c, view)
                        or _owned_sessions(c, view)
                        or _talk_bodies_work(c, view)
                    )
                    if obj is not None:
                        return obj
                if verb_in(c, kb.words("consultation_agreement", "go_on_verbs")) or _phrasal_in(
                    c, kb.words("consultation_agreement", "happen_verbs")
                ):
                    obj = _talk_subject(c, view)  # "agreed (that) the working group would carry on"
                    if obj is not None:
                        return obj
                if lc in kb.words("consultation_agreement", "intent_continue_verbs"):
                    # "agreed to continue talks on the border issue", "... their efforts for a settlement through
                    # dialogue"
                    obj = _talks_on_issue(c, view) or _means_talk(c, view)
                    if obj is not None:
                        return obj
                if verb_in(c, kb.words("consultation_agreement", "topic_verbs")):
                    # "agreed to discuss X in its talks with Y" (not "at the talks": a time)
                    found = [x for x in c.subtree if x.dep_ == "pobj" and x.head.lower_ == "in" and _is_talk(x, view)]
                    if found:
                        return found[0]
                frontier.append((c, depth + 1))
            if c.dep_ == "prep" and c.lower_ == "by" and tok.i != agree_tok.i:
                # "agreed to speed up the negotiations by setting up a new framework": the means is agreed too
                for g in c.children:
                    if g.dep_ == "pcomp" and lemma(g) in starts:
                        held = _object_talk(g, view)
                        if held is not None:
                            return held
            if c.dep_ == "prep" and c.lower_ in ("on", "to", "upon") and tok.i == agree_tok.i:
                for g in c.children:
                    if g.dep_ == "pobj":
                        # "agreed on the resumption of consultations", "agreed to a new dialogue"
                        for x in g.subtree:
                            if _is_talk(x, view):
                                return x
                    if g.dep_ == "pcomp" and lemma(g) in starts:
                        held = _object_talk(g, view)  # "agreed on holding regular consultations"
                        if held is not None:
                            return held
            if c.dep_ == "dobj" and tok.i == agree_tok.i:
                on_talks = _document_on_talks(c, view)  # "signed a memorandum on political consultations"
                if on_talks is not None:
                    return on_talks
                if _is_talk(c, view) and lemma(agree_tok) in kb.words("consultation_agreement", "accept_verbs"):
                    return c  # "Iran accepted talks with the United States"
                # "accepted the launch of a dialogue", "accepted a proposal for talks"
                proposed = c.lower_ in kb.words("consultation_agreement", "proposal_nouns")
                if proposed:
                    # "accepted an offer to negotiate a border treaty" (meeting stays the meeting rule's)
                    verbs = [x for x in c.children if x.dep_ in ("acl", "relcl") and lemma(x) in consult_verbs]
                    if any(lemma(x) not in bodies_only for x in verbs):
                        return verbs[0]
                for x in c.subtree:
                    if _is_talk(x, view) and (
                        proposed
                        or any(
                            lemma(y) in starts or y.lower_ in kb.words("consultation_agreement", "start_nouns")
                            for y in c.subtree
                        )
                    ):
                        return x
    return None


def _joined_talk(verb: Token, view: SentenceView) -> Token | None:
    """The talks a joining verb takes: its object ('join the negotiations', 'enter talks') or the object of its
    own prepositions ('take part in talks', 'return to the negotiating table', 'sit down for talks')."""
    joins = view.kb.word_map("consultation_agreement", "join_verbs")
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    entry = lemma(verb)
    if entry not in joins:
        # "take part (in)": the verb with its object word; "go back (to)": with its particle; the preposition on
        # either
        particles = [c for c in verb.children if c.dep_ in ("advmod", "prt")]
        holders = [o for o in [*objects, *particles] if f"{entry} {o.lower_}" in joins]
        if not holders:
            return None
        entry = f"{entry} {holders[0].lower_}"
        holders, objects = [verb, *holders], []
    else:
        holders = [verb]
    found = [o for o in objects if _is_talk(o, view)]
    join_nouns = view.kb.words("consultation_agreement", "join_nouns")
    found += [
        g
        for h in holders
        for p in h.children
        if p.dep_ == "prep" and p.lower_ in joins[entry]
        for g in p.children
        if g.dep_ == "pobj" and (_is_talk(g, view) or g.lower_ in join_nouns)
    ]
    return found[0] if found else None


def _phrasal_in(v: Token, words: frozenset[str]) -> bool:
    """`v` with its bare object word is an entry ('take place')."""
    return any(f"{lemma(v)} {c.lower_}" in words for c in v.children if c.dep_ == "dobj" and not list(c.children))


def _verbal(t: Token) -> bool:
    """A verb, or one the tagger took for a noun after 'to' ('agreed to commence talks')."""
    return t.pos_ in ("VERB", "AUX") or (
        t.dep_ == "xcomp" and t.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
    )


def _document_on_talks(doc_noun: Token, view: SentenceView) -> Token | None:
    """The talks a signed or adopted document is about: 'a memorandum on political consultations', 'a plan of
    consultations between the ministries' (the talks right after its preposition, not deeper in the phrase)."""
    kb = view.kb
    if lemma(doc_noun) not in kb.words("consultation_agreement", "document_nouns"):
        return None
    preps = kb.words("consultation_agreement", "document_preps")
    for p in doc_noun.children:
        if p.dep_ == "prep" and p.lower_ in preps:
            for g in p.children:
                if g.dep_ == "pobj" and _is_talk(g, view):
                    return g
    return None


def _talks_on_issue(verb: Token, view: SentenceView) -> Token | None:
    """The talks, consultations, dialogue or negotiations a verb takes as object, with the issue named."""
    kb = view.kb
    nouns, preps = (
        kb.words("consultation_agreement", "continue_on_issue_nouns"),
        kb.words("consultation_agreement", "issue_preps"),
    )
    aims = kb.words("consultation_agreement", "issue_participles")
    for c in verb.children:
        if c.dep_ == "dobj" and c.lower_ in nouns and any(p.dep_ == "prep" and p.lower_ in preps for p in c.children):
            return c
        if c.dep_ == "dobj" and c.lower_ in nouns and any(p.dep_ == "acl" and lemma(p) in aims for p in c.children):
            return c  # "will step up consultations aimed at removing the tariffs"
        if c.dep_ == "dobj" and c.lower_ in nouns and _level_named(verb, c, view):
            return c  # "continue their talks at the level of water ministers": who is to hold them, named
    return None


def _level_named(verb: Token, talk: Token, view: SentenceView) -> bool:
    """'at the level of water ministers and experts', 'at ministerial level': the talks' level, on the verb or the
    talks (not 'at the highest level', not leaders: their own talks are a summit)."""
    kb = view.kb
    level_nouns = kb.words("consultation_agreement", "level_nouns")
    levels = kb.word_map("consultation_agreement", "levels")
    words = {w for name, ws in levels.items() if name != "leaders" for w in ws}
    for p in (*verb.children, *talk.children):
        if p.dep_ != "prep" or p.lower_ != "at":
            continue
        for g in p.children:
            if g.dep_ == "pobj" and lemma(g) in level_nouns:
                phrase = " ".join(x.lower_ for x in g.subtree if x.i != g.i)
                if any(_word_in(w, phrase) for w in words):
                    return True
    return False


def _means_talk(verb: Token, view: SentenceView) -> Token | None:
    """'continue their efforts for a political settlement through direct dialogue': the talks an undertaking
    with its own object is carried on through (not 'continue to settle disputes through dialogue': no object, a
    pledge)."""
    kb = view.kb
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects or all(o.lower_ in kb.words("consultation_agreement", "vague_objects") for o in objects):
        return None
    preps = kb.words("consultation_agreement", "means_preps")
    subject = {x.i for s in subjects(verb) for x in s.subtree}
    for x in verb.subtree:
        if x.dep_ == "pobj" and x.head.lower_ in preps and x.i not in subject and _is_talk(x, view):
            return x
    return None


def _talk_subject(verb: Token, view: SentenceView) -> Token | None:
    """'agreed that talks would resume', 'agreed that the working group would continue its work'."""
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and _is_talk(c, view)), None)


def _bodies_meet(verb: Token, view: SentenceView) -> bool:
    """'agreed that the special representatives would meet': officials meeting is a consultation;
    leaders agreeing to meet again is a planned summit."""
    bodies = view.kb.words("state_bodies", "bodies")
    # "the ministers agreed to meet again": the subject the infinitive shares with the agreeing verb; "agreed that
    # the intergovernmental council would meet": a body that exists to meet
    return any(is_word_of(s, bodies) or _meeting_body(s, view) for c in subjects(verb) for s in [c, *c.conjuncts])


def _owned_sessions(verb: Token, view: SentenceView) -> Token | None:
    """'agreed that the commission would resume its sessions', 'to hold their next round': a body's own rounds
    or sessions, the talks themselves."""
    rounds = view.kb.words("consultation_agreement", "round_nouns")
    owners = view.kb.words("consultation_agreement", "session_owners")
    for c in verb.children:
        if c.dep_ == "dobj" and c.lower_ in rounds and any(p.dep_ == "poss" and p.lower_ in owners for p in c.children):
            return c
    return None


def _negotiating_purpose(meet: Token, view: SentenceView) -> Token | None:
    """The talks a meeting is agreed for ('agreed to meet again in June to continue the negotiations', 'to resume
    talks'): the meeting is a round of those talks, whoever meets (not 'to discuss trade': a planned meeting)."""
    kb = view.kb
    verbs = kb.words("consultation_agreement", "start_verbs") | kb.words(
        "consultation_agreement", "intent_continue_verbs"
    )
    nouns = kb.words("consultation_agreement", "continue_on_issue_nouns")
    for c in meet.children:
        if c.dep_ in ("advcl", "xcomp") and lemma(c) in verbs and any(a.lower_ == "to" for a in c.children):
            for o in c.children:
                if o.dep_ == "dobj" and o.lower_ in nouns and _is_talk(o, view):
                    return o
    return None


def _leaders_next_meeting(agree: Token, talk: Token, view: SentenceView) -> bool:
    """'The two presidents agreed to hold another meeting next year', 'X accepted Y's invitation to hold another
    informal meeting': one meeting of the leaders themselves is a planned summit, as 'agreed to meet' is (EVENTS.md:
    talks that recur, or bodies that meet, are a mechanism); a meeting of their ministers, officials or experts, or
    one that recurs, stays talks agreed."""
    kb = view.kb
    if talk.tag_ != "NN" or lemma(talk) not in kb.words("consultation_agreement", "single_meeting_nouns"):
        return False
    if talk.dep_ != "dobj" or talk.head.pos_ != "VERB":
        return False  # "agreed that the next meeting would be convened": who meets is not said
    holder = talk.head
    if _recurring(talk, view) or _recurring(holder, view):
        return False
    phrase = [x for x in talk.subtree if x.i != talk.i]
    if any(_is_talk(x, view) for x in phrase):
        return False  # "the next meeting in the Astana format": a session of a standing mechanism
    body_words = kb.words("state_bodies", "bodies")
    levels = kb.word_map("consultation_agreement", "levels")
    lower = " ".join(x.lower_ for x in phrase)
    if any(is_word_of(x, body_words) for x in phrase) or any(
        _word_in(w, lower) for name, words in levels.items() if name != "leaders" for w in words
    ):
        return False
    # who holds it: the holding verb's own subject ("agreed that their ministers would hold a meeting"), else those
    # who agreed
    doers = [x for x in subjects(holder) if x.dep_ == "nsubj"]
    actors = view.actors_of(doers or [x for x in subjects(agree) if x.dep_ == "nsubj"])
    return bool(actors) and all(a.kind in ("leader", "plural_leaders", "he_or_she") for a in actors)


def _made_recurring(verb: Token, view: SentenceView) -> Token | None:
    """'agreed to make the dialogue an annual event', '... held their first dialogue and agreed to make it an annual
    meeting', 'to turn the talks into a regular forum': talks made to recur are a standing mechanism. What is made is
    the verb's object (or the subject of its small clause); 'it' is the talks named before the verb."""
    kb = view.kb
    recurrent = kb.words("consultation_agreement", "recurrence_words")
    if not any(x.lower_ in recurrent for x in verb.subtree):
        return None
    made = [c for c in verb.children if c.dep_ == "dobj"]
    made += [g for c in verb.children if c.dep_ == "ccomp" for g in c.children if g.dep_ == "nsubj"]
    # "make the dialogue annual", parsed with the talks as a compound of the adjective
    made += [g for c in verb.children if c.dep_ == "dobj" for g in c.children if g.dep_ == "compound"]
    for x in made:
        if x.lower_ in ("it", "them"):
            before = [y for y in view.doc[: verb.i] if y.pos_ in ("NOUN", "PROPN") and _meeting_noun(y, view)]
            if before:
                return before[-1]
        elif _meeting_noun(x, view):
            return x
    return None


def _meeting_noun(x: Token, view: SentenceView) -> bool:
    """Talks, or a meeting of leaders ('their summit'): what can be made to recur."""
    return _is_talk(x, view) or lemma(x) in view.kb.words("consultation_agreement", "recurring_meeting_nouns")


def _recurring(meet: Token, view: SentenceView) -> bool:
    """'agreed to meet every year', 'to meet regularly': a meeting agreed to recur, said by the meeting verb's own
    modifiers (not a clause of its own hung off it)."""
    phrases = view.kb.words("consultation_agreement", "recurrence_phrases")
    for c in meet.children:
        if c.dep_ not in ("advmod", "npadvmod", "prep", "tmod"):
            continue
        text = " ".join(x.lower_ for x in c.subtree)
        if any(_word_in(p, text) for p in phrases):
            return True
    return False


def _talk_bodies_work(verb: Token, view: SentenceView) -> Token | None:
    """'agreed that the delegations on the delimitation would resume their work': bodies that exist to negotiate,
    resuming their own work, are the talks resumed (not 'the ministries would resume their work')."""
    kb = view.kb
    work = kb.words("consultation_agreement", "work_nouns")
    owners = kb.words("consultation_agreement", "session_owners")
    if not any(
        c.dep_ == "dobj" and c.lower_ in work and any(p.dep_ == "poss" and p.lower_ in owners for p in c.children)
        for c in verb.children
    ):
        return None
    talk_bodies = kb.words("state_bodies", "talk_bodies")
    return next(
        (s for s in subjects(verb) if s.dep_ == "nsubj" and (is_word_of(s, talk_bodies) or _is_talk(s, view))), None
    )


def _object_talk(verb: Token, view: SentenceView) -> Token | None:
    for c in verb.children:
        if c.dep_ in _OBJECT_DEPS or (c.dep_ == "prep" and c.lower_ in ("up",)):
            for x in [c, *c.conjuncts]:
                if _is_talk(x, view):
                    return x
        if c.dep_ == "prt":
            continue
    for c in verb.children:
        if c.dep_ == "dobj":
            for x in c.subtree:
                if _is_talk(x, view):
                    return x
    return _named_in_free_relative(verb, view)


def _named_in_free_relative(verb: Token, view: SentenceView) -> Token | None:
    """'agreed to launch what aides called "sector-selective" talks', '... what officials describe as a strategic
    dialogue': the object is a free relative whose naming verb names the talks."""
    for c in verb.children:
        if c.dep_ not in ("ccomp", "dobj", "xcomp") or c.left_edge.lower_ != "what" or c.pos_ not in ("VERB", "AUX"):
            continue
        named = [x for x in c.children if x.dep_ in ("oprd", "dobj")]
        named += [g for x in c.children if x.dep_ == "prep" and x.lower_ == "as" for g in x.children]
        found = next((x for x in named if _is_talk(x, view)), None)
        if found is not None:
            return found
    return None


def _level_and_topics(talk: Token, view: SentenceView) -> tuple[str | None, list[str]]:
    kb = view.kb
    phrase = " ".join(x.text for x in talk.subtree).lower()
    around = view.text.lower()
    levels = kb.word_map("consultation_agreement", "levels")  # in order of precedence
    level = None
    for name, words in levels.items():
        if any(w in phrase for w in words):
            level = name
            break
    if level is None:
        for name, words in levels.items():
            if any(w in around for w in words if " " in w or "-" in w):
                level = name
                break
    topics = sorted({w for w in kb.words("consultation_agreement", "topics") if _word_in(w, phrase)})
    return level, topics


def _word_in(word: str, text: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def _assemble(cands: list[Candidate], states: frozenset[str]) -> dict[str, Any]:
    """The first level stated, every topic, the first mention's mechanism."""
    levels = [c.fields.get("level") for c in cands if c.fields.get("level")]
    return {
        "level": levels[0] if levels else None,
        "topics": sorted({t for c in cands for t in c.fields.get("topics", [])}),
        "mechanism": cands[0].fields.get("mechanism"),
    }


def _codes(record: Mapping[str, Any], kb: Knowledge) -> Codes:
    return Codes("036", "AGREE")


EVENT_TYPE = EventType(
    name="consultation_agreement.v1",
    model=ConsultationAgreementEvent,
    prefilter=Prefilter(
        triggers=(
            "agree_verbs",
            "joint_agree_verbs",
            "intent_verbs",
            "joint_start_verbs",
            "joint_meet_verbs",
            "joint_round_verbs",
            "intent_continue_verbs",
        ),
        narrow="narrow_forms",
        officials=True,  # ministers agreeing for their states need no state named beside them
        impersonal="impersonal_forms",  # "it was agreed that the committee would continue its meetings"
    ),
    extractor=ConsultationExtractor,
    assemble=_assemble,
    codes=_codes,
    merge=MergeRule(fill=("level", "mechanism"), union=("topics",)),
)


def _home_side(view: SentenceView, parties: list[ActorMention], states: set[str]) -> ActorMention | None:
    """'TOKYO - Trade Minister Tamura and U.S. Trade Representative Yeutter agreed to hold further talks': wire
    copy names the dateline capital's own cabinet without a nationality, so an unqualified minister or secretary
    beside one foreign party is the home side (only then: a lone unqualified minister is no second party)."""
    home = view.ctx.home_state
    if not home or len(states) != 1 or home in states:
        return None
    for a in parties:
        role = a.role or ""
        cabinet = role.endswith(("minister", "secretary")) and not role.startswith("chief")  # not a province's
        if a.kind == "official" and a.country is None and a.name and cabinet:
            return replace(a, country=home)
    return None
