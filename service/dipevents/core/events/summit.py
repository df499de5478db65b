"""summit.v1 — leaders of two or more states met or held talks (in person, by phone or by video).

Trigger: a meeting verb (met, hosted, received, welcomed, spoke, phoned...) or a meeting noun (talks,
meeting, summit, call, conversation, videoconference...) that is realis (not future, planned, conditional,
negated) and not a recalled past meeting. Participants: sitting leaders in the sentence, plural references
("the two leaders") resolved to the article's main meeting, a quoted "we". At least two states.

Codes: CAMEO 04x CONSULT — 041 discuss by telephone (phone or video), 043 host a visit (in a participant state),
044 meet at a third location, 040 otherwise; PLOVER CONSULT with mode phone / visit / third-party / multilateral.
A summit is the article's main meeting: "the two leaders" elsewhere in the article are its leaders.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal

from dipevents.core.actors import ActorMention
from dipevents.core.discourse import MEETING_REFERENCE
from dipevents.core.extractors.modality import is_background, is_irrealis
from dipevents.core.extractors.parties import states_of
from dipevents.core.extractors.syntax import (
    agents,
    clause_root,
    clause_tokens,
    governing_chain,
    lemma,
    subjects,
)
from dipevents.core.extractors.tense import is_announced
from dipevents.core.extractors.view import Candidate, SentenceView, TypeExtractor, candidate, most_common
from dipevents.core.knowledge import Knowledge, Place
from dipevents.core.records import EventBase, Location
from dipevents.core.registry import Codes, EventType, MainMeeting, MergeRule, Prefilter

if TYPE_CHECKING:
    from spacy.tokens import Token


class SummitEvent(EventBase):
    event_type: Literal["summit"] = "summit"
    format: Literal["in_person", "phone", "video"] = "in_person"
    scope: Literal["bilateral", "multilateral"] = "bilateral"


def _two_states_of_people(actors: list[ActorMention]) -> bool:
    """A summit needs two states from people: a plural reference, "we"/"they", or sitting leaders (or resolved
    "he"/"I") of two different states. States named alone never make a summit."""
    if any(a.kind in ("plural_leaders", "we", "they") for a in actors):
        return True
    states = {
        a.country
        for a in actors
        if a.country and ((a.kind == "leader" and not a.former) or a.kind in ("he_or_she", "i"))
    }
    return len(states) >= 2


class SummitExtractor(TypeExtractor):
    def _triggers(self, view: SentenceView) -> tuple[list[Token], dict[int, frozenset[int]]]:
        """The meeting words of the sentence, and for each of one meeting after another, the others' partners."""
        kb = view.kb
        verbs = kb.words("summit", "verbs")
        nouns = kb.words("summit", "nouns")
        excluded_preps = kb.word_map("summit", "verb_excluded_preps")
        required_particles = kb.word_map("summit", "verb_required_particles")
        triggers: list[Token] = []
        prefixed = "co-" in view.text.lower()  # a look at the text spares every token a look at its neighbours
        for t in view.doc:
            lem = _prefixed(t) if prefixed else lemma(t)
            if t.pos_ in ("VERB",) and lem in verbs:
                visit = _visit_call(t, view)
                if (
                    lem in excluded_preps
                    and any(c.dep_ == "prep" and c.lower_ in excluded_preps[lem] for c in t.children)
                    and not visit
                ):
                    continue  # "called on X to", "called for talks"
                if lem in required_particles and not any(c.lower_ in required_particles[lem] for c in t.children):
                    continue  # "sat down with", not any sitting
                if not _meeting_sense(t, view):
                    continue
                if lem in kb.words("summit", "verb_requires_object") and not (visit or _has_person_object(t, view)):
                    continue
                if lem in kb.words("summit", "verb_requires_partner") and not _between_parties(t, view):
                    continue
                if lem in kb.words("summit", "past_only_verbs") and t.tag_ not in ("VBD", "VBN"):
                    continue  # "X shakes hands with Y": a photo's caption, of any year
                triggers.append(t)
            elif t.pos_ in ("NOUN", "PROPN") and (t.lower_ in nouns or lem in nouns) and not _is_setting(t, kb):
                if not _meeting_sense(t, view):
                    continue
                triggers.append(t)
            elif t.pos_ == "NOUN" and _joint_appearance(t, view):
                triggers.append(t)
            elif t.dep_ == "prep" and t.lower_ in kb.words("summit", "copresence_preps"):
                act = _copresent_act(t, view)
                if act is not None and act not in triggers:
                    triggers.append(act)
        triggers = [t for t in triggers if not _at_another_meeting(t, triggers, kb)]
        return triggers, _successive(view, triggers)

    def extract(self, view: SentenceView) -> Iterator[Candidate]:
        kb = view.kb
        # the triggers, whether each tells a meeting held, and who sat at its table are the sentence's alone: the
        # second pass over the article (the main meeting known) reads them from the first
        triggers, successive = view.memo("summit.triggers", self._triggers, view)
        told: set[frozenset[str]] = set()
        for trigger in triggers:
            held, people = view.memo(f"summit.table.{trigger.i}", _table, view, trigger, successive)
            if held == "held" and view.ctx.main_states:
                people = [*people, *_pair_talking_with(view, trigger, people)]  # the pair known in the second pass
            if held == "not held":
                _remember_if_recalled(view, trigger)
                continue
            if held == "instructed":
                continue
            separate = _separate_meetings(trigger, view, people)
            if separate:
                for states, used in separate:
                    yield self._candidate(view, trigger, states, used)
                return
            states, used = states_of(view, people, leaders_only=True)
            hosted = _hosted_reference(view, trigger, states)
            if hosted:
                meeting = frozenset(hosted.states)
                states |= meeting
                used = [*used, hosted]
                if view.ctx.held_meetings.get(meeting, view.sentence.start) < view.sentence.start:
                    view.ctx.widened_meetings[meeting] = (frozenset(states), view.sentence.start, trigger.lower_)
            if lemma(trigger) in kb.words("summit", "joint_act_verbs"):
                states = _at_the_meeting(view, states)
            if len(states) < 2:
                continue
            if any(a.form == MEETING_REFERENCE for a in used) and not _told_as_past(trigger, kb):
                continue  # "the meeting comes after ...": a reference to a meeting still to come is no news of it
            if _refers_to_recalled(view, trigger, states):
                continue
            view.ctx.held_meetings.setdefault(frozenset(states), view.sentence.start)
            hosts = _hosts(view, trigger)
            if hosts and hosts < states:
                view.ctx.meeting_hosts.setdefault(frozenset(states), frozenset(hosts))
            if trigger.i in successive:  # one meeting after another: each trigger tells its own
                if frozenset(states) not in told:
                    told.add(frozenset(states))
                    yield self._candidate(view, trigger, states, used)
                continue
            yield self._candidate(view, trigger, states, used)
            return

    def _candidate(self, view: SentenceView, trigger: Token, states: set[str], used: list[Any]) -> Candidate:
        explicit = sum(1 for a in used if a.kind == "leader")
        verb_trigger = trigger.pos_ == "VERB"
        confidence = 0.55 + 0.2 * verb_trigger + 0.1 * min(explicit, 2)
        kb = view.kb
        fmt = "in_person"
        if kb.pattern("summit", "video_words").search(view.text):
            fmt = "video"
        elif kb.pattern("summit", "phone_words").search(view.text) or (
            lemma(trigger) in kb.words("summit", "phone_triggers") and not _visit_call(trigger, view)
        ):
            fmt = "phone"  # but 'called on the President at his palace' is a visit, in person
        places = _outside_attribution(view, trigger, view.places())
        place = None
        if fmt == "in_person" and places:
            place = min(places, key=lambda p: abs(p[0] - trigger.idx))[1]
        return candidate(
            self,
            view,
            trigger,
            states,
            used,
            confidence,
            place=place,
            other_moments=_relatives_of_others(trigger),
            format=fmt,
        )


def _table(
    view: SentenceView, trigger: Token, successive: dict[int, frozenset[int]]
) -> tuple[Literal["held", "not held", "instructed"], list[ActorMention]]:
    """Whether the trigger tells a meeting held (not one to come, announced or recalled; not a task given), and
    the people at its table if so."""
    kb = view.kb
    anchor = _report_adjunct(trigger, kb) or trigger
    if is_irrealis(anchor, kb, clause_future=True) or is_announced(view, trigger) or _recalled(view, trigger):
        return "not held", []
    if _describes_meeting_not_held(view, trigger):
        return "not held", []
    if _instructed(trigger, kb):
        return "instructed", []
    return "held", _participants(view, trigger, successive.get(trigger.i, frozenset()))


def _describes_meeting_not_held(view: SentenceView, trigger: Token) -> bool:
    """'follows a phone call in September in which the two leaders discussed ...': a meeting verb in a relative
    clause on a meeting noun tells of that meeting, so it is as recalled or as still to come as that meeting."""
    root = clause_root(trigger)
    noun = root.head
    if root.dep_ != "relcl" or noun.i == trigger.i or noun.pos_ not in ("NOUN", "PROPN"):
        return False
    if lemma(noun) not in view.kb.words("summit", "nouns") and noun.lower_ not in view.kb.words("summit", "nouns"):
        return False
    return is_irrealis(noun, view.kb, clause_future=True) or _recalled(view, noun)


def _recalled(view: SentenceView, trigger: Token) -> bool:
    recalled: bool = view.memo(f"summit.recalled.{trigger.i}", is_background, view, trigger)
    return recalled


def _outside_attribution(
    view: SentenceView, trigger: Token, places: list[tuple[int, Place]]
) -> list[tuple[int, Place]]:
    """'talks at X, according to a statement issued by State House in Lusaka': a place in the phrase that names
    the source is where the source spoke, not where the leaders met (unless the meeting is in that phrase:
    'according to a document signed at their summit in Pyongyang')."""
    if not places or "according" not in view.text.lower():
        return places
    spans = [
        (sub[0].idx, sub[-1].idx + len(sub[-1].text))
        for t in view.doc
        if t.lower_ == "according" and t.dep_ == "prep"
        for sub in [list(t.subtree)]
        if trigger not in sub
    ]
    return [(at, p) for at, p in places if not any(a <= at < b for a, b in spans)]


def _prefixed(t: Token) -> str:
    """The lemma with the prefix the tokenizer split off it: 'co-chaired' is 'co' '-' 'chaired', a co-chair."""
    if t.i >= 2 and t.doc[t.i - 1].text == "-" and t.doc[t.i - 2].lower_ == "co":
        return f"co-{lemma(t)}"
    return lemma(t)


def _hosts(view: SentenceView, trigger: Token) -> set[str]:
    """The states of the leaders a meeting noun names as its hosts ('the meeting ... hosted by X')."""
    hosting = view.kb.words("summit", "hosting_verbs")
    # "the meeting in the Elysee Palace hosted by X": the parser may hang the participle on the place
    verbs = [c for c in trigger.subtree if c.dep_ == "acl" and lemma(c) in hosting]
    people = view.actors_of_tokens([y for v in verbs for g in agents(v) for y in g.subtree])
    return {a.country for a in people if a.is_sitting_leader and a.country}


def _at_another_meeting(t: Token, triggers: list[Token], kb: Knowledge) -> bool:
    """'he and X had signed a joint declaration at the conclusion of the meeting hosted by Z': an appearance
    located at a meeting the sentence names is a moment of that meeting, whose table is the one to read."""
    if t.pos_ not in ("NOUN", "PROPN") or lemma(t) not in kb.words("summit", "joint_appearance_nouns"):
        return False
    verb = t.head
    if t.dep_ != "dobj" or verb.pos_ != "VERB":
        return False
    others = {x.i for x in triggers if x.i != t.i and x.pos_ in ("NOUN", "PROPN")}
    locating = kb.words("summit", "locating_preps")
    return any(
        c.dep_ == "prep" and c.lower_ in locating and any(y.i in others for y in c.subtree) for c in verb.children
    )


def _reported_actors(trigger: Token, kb: Knowledge) -> list[Token]:
    """'X and Y agreed on Thursday to ..., the French presidency announced after a meeting hosted by Z': a meeting
    in the phrase of the report verb that closes the sentence had at its table those whose act is reported."""
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in kb.words("summit", "trailing_preps"):
        return []
    verb = prep.head
    if lemma(verb) not in kb.words("discourse", "report_verbs") or any(c.dep_ == "ccomp" for c in verb.children):
        return []
    # the parser hangs "..., the presidency announced" off the reported clause: as a participle of a noun there
    # (npadvmod, appos) or as a parataxis
    holder = verb.head if verb.dep_ == "acl" and verb.head.dep_ in ("npadvmod", "appos") else verb
    if holder.dep_ not in ("npadvmod", "appos", "parataxis") or holder.head.i > verb.i:
        return []
    return [y for s in subjects(holder.head) for y in s.subtree]


def _report_adjunct(trigger: Token, kb: Knowledge) -> Token | None:
    """'X said his country could not fight piracy alone, after talks with Y': a phrase of a meeting set off by a
    comma at the end of a reported clause tells when the report was made, so the reported clause's modal and
    negation are not the meeting's; the report verb is what says whether it happened."""
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in kb.words("summit", "trailing_preps"):
        return None
    verb = prep.head
    if lemma(verb) in kb.words("discourse", "report_verbs"):
        return verb  # "..., the presidency announced after a meeting": the report's own time, not a plan announced
    if verb.dep_ != "ccomp" or lemma(verb.head) not in kb.words("discourse", "report_verbs"):
        return None
    if prep.i == 0 or prep.doc[prep.i - 1].text != ",":
        return None
    if any(c.i > prep.i and not c.is_punct for c in verb.children):
        return None  # the phrase ends the reported clause
    return verb.head


def _at_the_meeting(view: SentenceView, states: set[str]) -> set[str]:
    """'X and Y signed the accord', 'struck a deal': leaders acting together met, at the article's meeting when
    it is one (a third leader hosting them is at the signing too); no meeting of its own where the article reports
    none (the first pass, which finds the meetings, does not count them)."""
    meetings = [m for m in (view.ctx.lead_meeting, view.ctx.main_states) if m]
    if not meetings or len(states) < 2:
        return set()
    wider = next((set(m) for m in meetings if set(m) > states), None)
    return wider or states


def _relatives_of_others(trigger: Token) -> list[tuple[int, int]]:
    """'shook hands after the signing, the culmination of talks that began on Sunday': a relative clause on
    another noun dates that noun, not the trigger."""
    out = []
    for x in trigger.doc:
        if x.dep_ == "relcl" and x.head.i != trigger.i and trigger not in x.subtree:
            sub = list(x.subtree)
            out.append((sub[0].idx, sub[-1].idx + len(sub[-1].text)))
    return out


def _participants(view: SentenceView, trigger: Token, elsewhere: frozenset[int] = frozenset()) -> list[ActorMention]:
    """The people at the trigger's table: leaders and references in its own clause, minus those elsewhere."""
    there = _at_the_destination(trigger, view.kb) + _flanking(trigger, view.kb) + _partners_of_participle(trigger)
    clause = clause_tokens(trigger) + _extracted_subject(trigger) + _participle_subject(trigger) + there
    clause += _reported_actors(trigger, view.kb)
    clause += _at_which_subjects(trigger, view.kb)
    absent = view.memo("conveyed", lambda: _conveyed(view)) | _other_meeting(view, trigger) | elsewhere
    absent |= _described_elsewhere(trigger) - {x.i for x in there}
    absent |= _told_in_conjunct(trigger)
    absent |= _occasion_before_or_after(clause, view.kb, trigger)
    found = view.actors_of_tokens([x for x in clause if x.i not in absent])
    partitive = [a for a in found if a.kind == "they" and _partitive(a, view)]
    people = [
        a
        for a in found
        if a.kind in ("leader", "plural_leaders", "we", "i", "he_or_she", "they")
        and a not in partitive
        and not _aside(a, trigger, view)
        and (a.kind != "they" or _leaders_at_hand(view))
    ]
    people += _speaker_before(view, trigger, people)
    if partitive:
        # "Duterte found time for a string of meetings. Among them was a meeting with X": 'them' are the meetings
        # of the leader the sentence before named, who held each of them
        people += [b for b in view.previous if b.is_sitting_leader]
    return people


def _speaker_before(view: SentenceView, trigger: Token, people: list[ActorMention]) -> list[ActorMention]:
    """'Putin said Russia would drop the pipeline. The announcement, made at a news conference with Erdogan after
    talks in Ankara, ...': an unowned definite speech noun heading the meeting's clause (as the noun a participle
    describes, or the subject) is what the one leader the sentence before reported said; he was at the table. Only
    when the meeting names one partner, with him ('with Erdogan'), and not his own state's: talks 'between' two
    leaders name both sides, and the speech is then someone's word on another meeting."""
    root = clause_root(trigger)
    if root.dep_ == "acl" and root.tag_ == "VBN" and not agents(root):
        nouns = [root.head]
    else:
        nouns = [c for c in root.children if c.dep_ == "nsubj"]
    kb = view.kb
    speech = [
        n
        for n in nouns
        if n.lower_ in kb.words("summit", "speech_nouns")
        and n.i != trigger.i
        and any(c.dep_ == "det" and c.lower_ in kb.words("summit", "definite_determiners") for c in n.children)
        and not any(c.dep_ == "poss" for c in n.children)
    ]
    if not speech:
        return []
    table = {a.country for a in people if a.is_sitting_leader and a.country}
    if len(table) != 1:
        return []
    preps = {t.lower_ for t in clause_tokens(trigger) if t.dep_ == "prep"}
    if "with" not in preps or "between" in preps:
        return []
    speakers = {a.name: a for a in view.previous if a.is_sitting_leader and a.country and not a.in_quote}
    if len(speakers) != 1 or {a.country for a in speakers.values()} <= table:
        return []
    return list(speakers.values())


def _pair_talking_with(view: SentenceView, trigger: Token, people: list[ActorMention]) -> list[ActorMention]:
    """'After talks with President X in Ankara, the two countries agreed to ...': the pair the clause's subject names
    held the talks with the one leader named, so the other state's side was its leader when the article has named
    him (a plural of states alone, or talks with no leader of the other state named anywhere, make no summit)."""
    if trigger.pos_ != "NOUN" or trigger.dep_ != "pobj" or trigger.head.head.pos_ != "VERB":
        return []
    if not any(c.dep_ == "prep" and c.lower_ == "with" for c in trigger.children):
        return []
    leaders = {a.country for a in people if a.is_sitting_leader and a.country}
    if len(leaders) != 1 or any(a.kind in ("plural_leaders", "we", "they") for a in people):
        return []
    partners = [y.idx for c in trigger.children if c.dep_ == "prep" and c.lower_ == "with" for y in c.subtree]
    if not any(a.is_sitting_leader and a.start in partners for a in people):
        return []
    out = []
    # the plural must head the subject: "the two countries' foreign ministers signed" is the ministers' act
    for a in view.actors_of_tokens([s for s in subjects(trigger.head.head) if s.dep_ == "nsubj"]):
        pair = view.ctx.plural_states(a) if a.kind == "plural_parties" and not a.weak else ()
        if len(pair) == 2 and leaders < set(pair) and set(pair) - leaders <= view.ctx.led_states:
            out.append(replace(a, kind="plural_leaders", states=pair))
    return out


def _at_which_subjects(trigger: Token, kb: Knowledge) -> list[Token]:
    """'the final declaration of the summit, at which the five presidents ... adopted a plan': the subject of a
    relative clause opened by 'at/during which' on the meeting (or on the noun the meeting's 'of' phrase hangs off,
    where the parser may put it) was at the meeting."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return []
    owners = [trigger]
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "of":
        owners.append(trigger.head.head)
    locating = kb.words("summit", "locating_preps")
    return [
        y
        for o in owners
        for r in o.children
        if r.dep_ == "relcl"
        and any(p.lower_ in locating and any(w.lower_ == "which" for w in p.children) for p in r.children)
        for s in r.children
        if s.dep_ in ("nsubj", "nsubjpass")
        for y in s.subtree
    ]


def _occasion_before_or_after(clause: list[Token], kb: Knowledge, trigger: Token) -> set[int]:
    """'talked at the embassy after the funeral of Soviet leader X': the occasion a meeting came after or before
    (not itself a meeting) names people who were not at its table. A phrase holding the trigger is the meeting's
    own measure, not another occasion ('won a promise after three hours of talks with X')."""
    preps = kb.words("summit", "occasion_preps")
    nouns = kb.words("summit", "nouns")
    return {
        y.i
        for x in clause
        if x.dep_ == "prep" and x.lower_ in preps
        for g in x.children
        if g.dep_ == "pobj"
        and g.pos_ == "NOUN"
        and lemma(g) not in nouns
        and g.lower_ not in nouns
        and trigger not in g.subtree
        for y in g.subtree
    }


def _partitive(a: ActorMention, view: SentenceView) -> bool:
    """'Among them was ...': a pronoun after a partitive preposition names the set the subject is one of."""
    preps = view.kb.words("summit", "partitive_preps")
    return any(x.dep_ == "pobj" and x.head.lower_ in preps for x in view.doc if a.start <= x.idx < a.end)


def _hosted_reference(view: SentenceView, trigger: Token, hosts: set[str]) -> ActorMention | None:
    """'The meeting, held at the palace, was hosted by X and by Y': a definite reference to the article's meeting
    naming only its hosts is that meeting with them in it (a host who takes part is a party)."""
    if not hosts or trigger.pos_ not in ("NOUN", "PROPN"):
        return None
    kb = view.kb
    if not any(c.dep_ == "det" and c.lower_ in kb.words("summit", "definite_determiners") for c in trigger.children):
        return None
    verbs = [trigger.head] if trigger.dep_ == "nsubjpass" else []
    verbs += [c for c in trigger.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    hosting = kb.words("summit", "hosting_verbs")
    if not any(lemma(v) in hosting and agents(v) for v in verbs):
        return None
    meeting = view.ctx.lead_meeting or view.ctx.main_states
    if len(meeting) < 2 or set(meeting) & hosts:
        return None  # a table naming one of the meeting's own leaders is a table of its own
    return ActorMention(trigger.idx, trigger.idx + len(trigger), trigger.text, "plural_leaders", states=meeting)


def _instructed(trigger: Token, kb: Knowledge) -> bool:
    """'tasked the foreign ministers with intensifying the negotiations': a meeting someone was instructed to hold
    is a task, not a meeting held ('ordered the strike after talks with X' locates the order, it does not task)."""
    instructing = kb.words("summit", "tasking_verbs")
    locating = kb.words("modality", "locating_preps") | kb.words("summit", "other_meeting_preps")
    for tok in governing_chain(trigger)[1:]:
        if tok.dep_ == "prep" and tok.lower_ in locating and not _placing_negotiators(tok, kb):
            return False
        if tok.pos_ == "VERB" and lemma(tok) in instructing:
            return True
    return False


def _placing_negotiators(prep: Token, kb: Knowledge) -> bool:
    """'instructed their delegations at the Geneva negotiations to ...': a phrase right after negotiators (however
    the parser hung it) places them at their own talks; it does not locate the order at a meeting of those giving it."""
    talkers = kb.words("state_bodies", "talk_bodies")
    head = prep.head
    if head.pos_ in ("NOUN", "PROPN"):
        return head.lower_ in talkers
    return any(c.dep_ == "dobj" and c.lower_ in talkers and c.right_edge.i + 1 == prep.i for c in head.children)


def _participle_subject(trigger: Token) -> list[Token]:
    """'X and Y signed the agreements on Thursday, ending four days of direct talks': a participle clause with no
    subject of its own shares the subject of the verb it hangs off."""
    root = clause_root(trigger)
    # "..., issuing a statement raising concerns after talks in Queenstown": a subjectless participle on the
    # object of the participle clause (where the parser hung the meeting) is still that clause's act
    for _ in range(2):
        if root.dep_ != "acl" or root.tag_ not in ("VBG", "VBN") or root.head.dep_ != "dobj":
            break
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children):
            break
        root = root.head.head
    if root.dep_ != "advcl" or root.tag_ not in ("VBG", "VBN") or root.head.pos_ not in ("VERB", "AUX"):
        return []
    if any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in root.children):
        return []
    return [y for c in root.head.children if c.dep_ in ("nsubj", "nsubjpass") for y in c.subtree]


def _copresent_act(t: Token, view: SentenceView) -> Token | None:
    """'Buhari put his name to the deal alongside President Talon': an act done alongside a leader is the two
    leaders together; the act's verb is the trigger."""
    if not any(a.is_sitting_leader for g in t.children if g.dep_ == "pobj" for a in view.actors_of(g)):
        return None
    act = clause_root(t)
    if any(
        c.dep_ == "prep" and c.lower_ == "in" and any(g.tag_ == "VBG" for g in c.children)
        for h in (act, t)
        for c in h.children
    ):
        return None  # "stood alongside Biden in condemning the coup": taking a side, not a shared occasion
    return act if act.pos_ == "VERB" and act.tag_ in ("VBD", "VBN") else None


def _flanking(trigger: Token, kb: Knowledge) -> list[Token]:
    """'..., flanked on the podium by the host, President Issoufou, and Sisi': those flanking the act's subject
    stood with them."""
    root = clause_root(trigger)
    words = kb.words("summit", "copresence_participles")
    return [
        y
        for c in root.children
        if c.dep_ == "advcl" and c.tag_ == "VBN" and lemma(c) in words and c.i != trigger.i
        for y in c.subtree
    ]


def _partners_of_participle(trigger: Token) -> list[Token]:
    """'Erdogan made his first visit to Athens, signing a declaration with Prime Minister Mitsotakis': whom a
    subjectless participle clause of the visit's own verb acts with was there with the visitor."""
    verb = trigger if trigger.pos_ == "VERB" else trigger.head
    if verb.pos_ != "VERB" or (verb.i != trigger.i and trigger.dep_ != "dobj"):
        return []
    acts = [
        c
        for c in verb.children
        if c.dep_ == "advcl"
        and c.tag_ == "VBG"
        and not any(g.dep_ in ("nsubj", "nsubjpass", "mark") for g in c.children)
    ]
    # the with-phrase may hang off a noun of the act ('a declaration of friendship with X'), not off a clause in it
    withs = [p for a in acts for p in a.subtree if p.dep_ == "prep" and p.lower_ == "with" and _own_act(p, a)]
    return [y for p in withs for g in p.children if g.dep_ == "pobj" for y in g.subtree]


def _own_act(t: Token, act: Token) -> bool:
    """No verb between t and the act above it: t belongs to the act's own clause."""
    cur = t.head
    while cur.i != act.i:
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return True


def _at_the_destination(trigger: Token, kb: Knowledge) -> list[Token]:
    """'made a visit to the DRC, where he and his host, President Kabila, pledged ...': the people of a where-clause
    hanging off a visit's destination were there with the visitor."""
    if lemma(trigger) not in kb.words("summit", "destination_nouns"):
        return []
    places = [g for c in trigger.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children]
    return [
        y
        for g in places
        for r in g.children
        if r.dep_ == "relcl" and any(w.lower_ == "where" for w in r.subtree if w.dep_ == "advmod")
        for y in r.subtree
    ]


def _remember_if_recalled(view: SentenceView, trigger: Token) -> None:
    """'in a phone call in late July, Trump ... Zelensky': the article dates a meeting of these leaders as
    background; a later 'the call' with them is that one (see _refers_to_recalled)."""
    if not _recalled(view, trigger):
        return
    people = view.memo(f"summit.recalled_table.{trigger.i}", _participants, view, trigger)
    states, _ = states_of(view, people, leaders_only=True)
    if len(states) >= 2:
        view.ctx.recalled_meetings.setdefault(frozenset(states), view.sentence.start)


def _refers_to_recalled(view: SentenceView, trigger: Token, states: set[str]) -> bool:
    """'Trump characterized the call with Zelensky as routine', after the article dated that call two months
    back: a definite meeting noun with no date of its own, of leaders whose meeting the article told only as
    background before, is that recalled meeting."""
    key, here = frozenset(states), view.sentence.start
    recalled = view.ctx.recalled_meetings.get(key)
    if recalled is None or recalled >= here or view.ctx.held_meetings.get(key, here) < here:
        return False
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    definite = view.kb.words("summit", "definite_determiners")
    if not any(c.dep_ == "det" and c.lower_ in definite for c in trigger.children):
        return False
    return not view.dates()  # "the call on Monday": a sentence that dates something may date the call anew


def _meeting_sense(t: Token, view: SentenceView) -> bool:
    """The word means a meeting here: not 'the call was seconded by' (an appeal), 'spoke of optimism' (a
    statement), 'summit nations' (a modifier of another noun)."""
    kb = view.kb
    if t.pos_ in ("NOUN", "PROPN"):
        if t.dep_ == "compound" and t.head.pos_ in ("NOUN", "PROPN"):
            nouns = kb.words("summit", "nouns")
            return t.head.lower_ in nouns or lemma(t.head) in nouns
        if lemma(t) == "call":
            return _is_phone_call(t, view)
        return True
    if lemma(t) in ("speak", "talk"):
        preps = {c.lower_ for c in t.children if c.dep_ == "prep"}
        return not (preps & kb.words("summit", "topic_preps")) or bool(preps & {"with", "to"})
    if lemma(t) in kb.words("summit", "phone_triggers"):
        # "called Hashimoto by his first name", "called him a friend": naming someone, not phoning him
        naming = kb.words("summit", "naming_nouns")
        return not any(
            c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "by" and any(lemma(g) in naming for g in c.children))
            for c in t.children
        )
    return True


def _visit_call(t: Token, view: SentenceView) -> bool:
    """'Singh called on President Mubarak at the Congress Centre and thanked him': a call on a leader with no
    infinitive of an appeal ('called on X to resign') is a visit."""
    preps = view.kb.word_map("summit", "verb_visit_preps").get(lemma(t), frozenset())
    hosts = [g for c in t.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children if g.dep_ == "pobj"]
    if not hosts:
        return False
    heads = [t, *hosts]
    if any(
        c.dep_ in ("xcomp", "advcl", "acl", "ccomp") and any(a.lower_ == "to" for a in c.children)
        for h in heads
        for c in h.children
    ):
        return False
    return any(a.is_sitting_leader for a in view.actors_of_tokens([x for h in hosts for x in h.subtree]))


def _between_parties(t: Token, view: SentenceView) -> bool:
    """'Ramaphosa and Ruto discussed trade', 'the two leaders exchanged views', 'discussed trade with Ruto',
    'hugged Ruto': the parties act with each other (two subjects, a plural of leaders, a leader as the object or
    after 'with'), not one leader discussing or opening something."""
    objects = [c for c in t.children if c.dep_ == "dobj"]
    # "discussed trade with X": 'with' on the object; "hugged X": the object itself
    partners = [
        g for h in [t, *objects] for c in h.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children
    ]
    partners += [x for o in objects for x in [o, *o.conjuncts]]
    # the partner itself is a leader ('with his ministers' is not: 'his' only owns them)
    if any(a.kind in ("leader", "plural_leaders", "he_or_she") for a in view.actors_of_tokens(partners)):
        return True
    subj = [c for c in t.children if c.dep_ == "nsubj"]
    if not subj and t.dep_ == "acl" and objects:
        subj = [t.head]  # a predicate the parser hung off its subject as a participle (which takes no object)
    if any(c.conjuncts for c in subj):
        return True
    if not subj:
        return False
    # "The Prime Minister of Poland, X, and the Chancellor of Germany, Y, ... discussed": however the parser hung
    # the list, a subject naming leaders of two states is both parties
    inner = {x.i for x in t.subtree} if t.dep_ == "acl" else set()  # the participle's own words are no subject
    named = view.actors_of_tokens([x for c in subj for x in c.subtree if x.i not in inner])
    states = {a.country for a in named if a.is_sitting_leader and a.country}
    return len(states) >= 2 or any(a.kind == "plural_leaders" for a in named)


def _joint_appearance(t: Token, view: SentenceView) -> bool:
    """'a joint press conference with Scholz', 'issued a joint declaration', 'a news conference with Lula': leaders
    appearing or signing together met (who appeared is still for the clause to say)."""
    kb = view.kb
    if lemma(t) not in kb.words("summit", "joint_appearance_nouns"):
        return False
    if any(c.dep_ == "amod" and c.lower_ in kb.words("summit", "joint_words") for c in t.children):
        return True
    press = any(c.dep_ in ("compound", "amod") and c.lower_ in kb.words("summit", "press_words") for c in t.children)
    withs = [g for c in t.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"]
    if press and withs:
        return True
    # "said at a short briefing with Aliyev and Sargsyan at his side": an appearance with leaders named
    return any(a.is_sitting_leader for a in view.actors_of_tokens([x for g in withs for x in g.subtree]))


def _is_phone_call(t: Token, view: SentenceView) -> bool:
    """'a call with', 'a phone call', 'held a call', 'a call between': a conversation; otherwise an appeal."""
    if any(c.dep_ == "prep" and c.lower_ in ("with", "between", "from") for c in t.children):
        return True
    kb = view.kb
    durations = kb.words("summit", "duration_nouns")
    if any(
        c.dep_ == "prep" and c.lower_ in kb.words("summit", "appeal_preps") and lemma(g) not in durations
        for c in t.children
        for g in c.children
        if g.dep_ == "pobj"
    ):
        return False  # "his call for the restoration of X": an appeal
    phone, video = view.kb.pattern("summit", "phone_words"), view.kb.pattern("summit", "video_words")
    if any(c.dep_ in ("compound", "amod", "nmod") and (phone.match(c.text) or video.match(c.text)) for c in t.children):
        return True
    if t.dep_ in ("dobj", "nsubjpass") and lemma(t.head) in view.kb.words("summit", "call_holding_verbs"):
        return True
    return bool(phone.search(view.text) or video.search(view.text))


def _aside(a: ActorMention, trigger: Token, view: SentenceView) -> bool:
    """A possessor of someone else is not at the table: 'their Japanese colleagues', 'one of President X's
    aides'. A possessor of the meeting itself is ('their talks', "Putin's visit")."""
    # the tokens starting inside the mention, found by offset (a scan of the doc per actor was quadratic)
    starts: list[int] = view.memo("token_starts", lambda: [x.idx for x in view.doc])
    lo, hi = bisect.bisect_left(starts, a.start), bisect.bisect_left(starts, a.end)
    if lo == hi:
        return False
    last = view.doc[hi - 1]
    possessor = last.dep_ == "poss" or any(c.dep_ == "case" for c in last.children)
    if not possessor:
        return False
    owned = last.head
    nouns = view.kb.words("summit", "nouns")
    if lemma(owned) in view.kb.words("summit", "partner_nouns"):
        return False  # "met his Colombian counterpart": who has a counterpart at the table sits across from them
    return owned.i != trigger.i and owned.lower_ not in nouns and lemma(owned) not in nouns


_SETTING_VERBS = frozenset(
    {
        "attend",
        "address",
        "open",
        "close",
        "chair",
        "leave",
        "skip",
        "boycott",
        "miss",
        "cover",
        "prepare",
        "organize",
        "organise",
    }
)
_MOVEMENT_VERBS = frozenset({"arrive", "travel", "head", "fly", "return", "go", "come", "depart"})
_MULTILATERAL = re.compile(
    r"^(?:G-?\d+|BRICS|ASEAN|NATO|EU|APEC|SCO|UN|OSCE|CHOGM|COP\d*|CIS|CSTO|OIC|GCC|SAARC|AU|OAS|CELAC|Mercosur|"
    r"Quad|Arab|African|European|Commonwealth|Francophonie|Ibero-American|East|Asia|Pacific|Nordic|Baltic|"
    r"Group|Union|League|Council|Organization|Organisation|Forum|Davos|Munich|Shangri-La|Raisina|Valdai)$"
)


_CONVEYED_NOUNS = frozenset(
    {
        "greeting",
        "greetings",
        "regards",
        "wishes",
        "message",
        "messages",
        "letter",
        "letters",
        "congratulations",
        "invitation",
        "condolences",
        "invite",
    }
)


def _conveyed(view: SentenceView) -> set[int]:
    """Tokens naming who sent or is to receive a message an envoy carries ('convey his greetings to President
    X', 'delivered a message from Prime Minister Y', 'on behalf of Z'): that leader is not in the room."""
    conveyed = view.kb.words("summit", "conveyed_nouns")
    out: set[int] = set()
    for t in view.doc:
        if t.dep_ not in ("prep", "dative") or t.lower_ not in ("to", "from", "of"):
            continue
        head = t.head
        if t.lower_ == "of" and not (head.lower_ == "behalf" or lemma(head) in conveyed):
            continue
        carried = lemma(head) in conveyed or head.lower_ in conveyed or head.lower_ == "behalf"
        if not carried and head.pos_ == "VERB":
            carried = any(c.dep_ == "dobj" and (c.lower_ in conveyed or lemma(c) in conveyed) for c in head.children)
        if carried:
            out.update(x.i for g in t.children if g.dep_ == "pobj" for x in g.subtree)
            # "sent a letter to Lee protesting the visit": the parser may take the addressee for the subject of the
            # participle after him
            out.update(
                x.i
                for g in t.children
                if g.dep_ == "pcomp"
                for s in g.children
                if s.dep_ in ("nsubj", "nsubjpass")
                for x in s.subtree
            )
    return out


def _described_elsewhere(trigger: Token) -> set[int]:
    """'talks with the ambassador, who arrived from a meeting with X': a relative clause inside the meeting's
    phrase tells what a participant did elsewhere; its people were not at this meeting."""
    return {y.i for x in trigger.subtree if x.dep_ == "relcl" and trigger.i not in (x.head.i, x.i) for y in x.subtree}


def _told_in_conjunct(trigger: Token) -> set[int]:
    """'X telephoned Y and told him the US backed the restoration of Z': what a verb conjoined with the meeting
    verb reports (its clausal complement) is speech about others, not the table."""
    if trigger.pos_ != "VERB":
        return set()
    return {
        y.i for v in trigger.conjuncts if v.pos_ == "VERB" for c in v.children if c.dep_ == "ccomp" for y in c.subtree
    }


_RELATIVE = frozenset({"who", "whom", "that", "which"})


def _extracted_subject(trigger: Token) -> list[Token]:
    """'Garcia, who he said had spoken by telephone with X': the subject of a clause reported inside a relative
    clause is the relative clause's antecedent."""
    root = clause_root(trigger)
    said = root.head
    if root.dep_ != "ccomp" or said.dep_ != "relcl":
        return []
    subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subj and not any(c.lower_ in _RELATIVE for c in subj):
        return []
    if not subj and not any(c.lower_ in _RELATIVE for c in said.children):
        return []
    inner = {x.i for x in said.subtree}
    return [x for x in said.head.subtree if x.i not in inner]


def _leaders_at_hand(view: SentenceView) -> bool:
    """'they' stands for leaders only next to them: this sentence or the one before names two leaders' states or
    'the leaders' (a 'they' in a quote about anyone else would otherwise bring in the article's main pair)."""

    def leaders(actors: list[ActorMention]) -> bool:
        states = {a.country for a in actors if a.kind == "leader" and not a.former and a.country}
        return len(states) >= 2 or any(a.kind == "plural_leaders" and not a.weak for a in actors)

    return leaders(view.actors) or leaders(view.previous)


def _other_meeting(view: SentenceView, trigger: Token) -> set[int]:
    """'met X on Friday, two days after his talks with Y': Y was at another meeting."""
    out: set[int] = set()
    for sub in view.memo("other_meetings", lambda: _meeting_phrases(view)):
        if trigger.i not in sub:
            out |= sub
    return out


def _successive(view: SentenceView, triggers: list[Token]) -> dict[int, frozenset[int]]:
    """'had talks with Mitterrand in Normandy, then flew to Bonn for a meeting with Kohl': meeting words each with
    partners of their own, of no state in common, tell one meeting after another; each trigger's table leaves out
    the partners of the others (a meeting noun after 'after', 'before' ... is already another occasion)."""
    recalled = view.memo("other_meetings", lambda: _meeting_phrases(view))
    at = {t.i for t in triggers}
    # "breakfast talks with X": a meeting word modifying another is the same meeting
    anchor = {t.i: t.head if t.dep_ == "compound" and t.head.i in at else t for t in triggers}
    own: list[tuple[int, frozenset[int], set[str]]] = []
    between = False
    for t in dict.fromkeys(anchor.values()):
        if any(t.i in sub for sub in recalled):
            continue
        toks = _own_partners(t, "with")
        sides = _own_partners(t, "between") if t.pos_ in ("NOUN", "PROPN") else []
        leaders = [a for a in view.actors_of_tokens(toks + sides) if a.is_sitting_leader and a.country]
        if len({a.country for a in leaders}) >= 2 - (not sides):
            own.append((t.i, frozenset(x.i for x in toks + sides), {a.country for a in leaders if a.country}))
            between = between or bool(sides)
    # one meeting after another; or, beside a meeting word naming no one, 'a conversation between X and Y' of
    # its own ('the summit, called by Kirchner, opened with a conversation between Morales and Lula')
    if not (len(own) >= 2 or (between and len(anchor) > 1)):
        return {}
    if any(a[2] & b[2] for n, a in enumerate(own) for b in own[n + 1 :]):
        return {}
    elsewhere = {a.i: frozenset().union(*(toks for j, toks, _ in own if j != a.i)) for a in anchor.values()}
    return {i: elsewhere[a.i] for i, a in anchor.items()}


def _own_partners(t: Token, prep: str) -> list[Token]:
    """Who the trigger itself names as met: 'talks with X', 'met X', 'spoke with X' ('with'), 'a conversation
    between X and Y' ('between')."""
    heads = [g for c in t.children if c.dep_ == "prep" and c.lower_ == prep for g in c.children if g.dep_ == "pobj"]
    if t.pos_ == "VERB" and prep == "with":
        heads += [c for c in t.children if c.dep_ == "dobj"]
    return [y for g in heads for y in g.subtree]


def _meeting_phrases(view: SentenceView) -> list[set[int]]:
    nouns = view.kb.words("summit", "nouns")
    preps = view.kb.words("summit", "other_meeting_preps")
    return [
        {x.i for x in g.subtree}
        for t in view.doc
        if t.lower_ in preps and t.dep_ == "prep"
        for g in t.children
        if g.dep_ == "pobj" and (g.lower_ in nouns or lemma(g) in nouns)
    ]


def _separate_meetings(trigger: Token, view: SentenceView, people: list[Any]) -> list[tuple[set[str], list[Any]]]:
    """'held separate talks with Aliyev and then with Pashinyan': one meeting per guest, with the host."""
    verb = trigger if trigger.pos_ == "VERB" else trigger.head
    near = [*trigger.children, *verb.children, *(c for d in verb.children if d.dep_ == "dobj" for c in d.children)]
    kb = view.kb
    # a with-phrase naming someone ("with the three leaders underlining ..." is a clause of its own, no partner)
    withs = [
        c
        for c in [*trigger.children, *verb.children]
        if c.lower_ == "with" and c.dep_ in ("prep", "conj") and any(g.dep_ == "pobj" for g in c.children)
    ]
    withs += [c for w in withs for c in w.conjuncts if c.lower_ == "with" and c not in withs]
    marked = any(c.lower_ in kb.words("summit", "separate_markers") for c in near)
    # "spoke with A and then with B": a with-phrase each; a leader's calls with A and B are two calls unless
    # the copy says they were on one ("a joint call", "a three-way video conference")
    marked = marked or len({w.i for w in withs}) >= 2 or (_by_phone(trigger, view) and not _joint(near, kb))
    if not marked:
        return []
    guests = [x for w in withs for g in w.children if g.dep_ == "pobj" for x in [g, *g.conjuncts]]
    if not guests and trigger.pos_ == "VERB":  # "met A and B separately": the objects are the guests
        guests = [x for c in trigger.children if c.dep_ == "dobj" for x in [c, *c.conjuncts]]
    if len(guests) < 2:
        return []
    guest_idx = {y.i for g in guests for y in g.subtree}
    hosts = [a for a in people if not any(a.start <= view.doc[i].idx < a.end for i in guest_idx)]
    host_states, host_used = states_of(view, hosts, leaders_only=True)
    if not host_states:
        return []
    out: list[tuple[set[str], list[Any]]] = []
    for g in guests:
        gs, gu = states_of(view, view.actors_of_tokens([g]), leaders_only=True)
        if gs and not gs <= host_states and all(host_states | gs != o[0] for o in out):
            out.append((host_states | gs, host_used + gu))
    return out if len(out) >= 2 else []


def _by_phone(trigger: Token, view: SentenceView) -> bool:
    phone = view.kb.pattern("summit", "phone_words")
    return bool(phone.search(view.text)) or lemma(trigger) in view.kb.words("summit", "phone_triggers")


def _joint(near: list[Token], kb: Knowledge) -> bool:
    joint = kb.words("summit", "joint_markers")
    return any(c.lower_ in joint or lemma(c) in joint for c in near) or bool(
        kb.pattern("summit", "video_words").search(" ".join(c.text for c in near))
    )


def _told_as_past(t: Token, kb: Knowledge) -> bool:
    """'The meeting lasted three hours', 'the talks were held at the residence', 'after the talks, Moon said': a
    referred meeting is news only as the subject of a predicate of its course, or the place of a past act."""
    if t.dep_ in ("nsubj", "nsubjpass"):
        verb = t.head
        if lemma(verb) not in kb.words("discourse", "reference_predicates"):
            return False
        if _planned_be(verb):
            return False  # "the meeting was to have included ...": a plan
        return _past(verb)
    if t.dep_ == "pobj" and t.head.lower_ in kb.words("discourse", "reference_prepositions"):
        root = clause_root(t)
        # "agreements that were to have been signed during the visit": the plan of an act, not an act of the visit
        return _past(root) and not _planned_be(root)
    return False


def _planned_be(verb: Token) -> bool:
    """'was to have included', 'were to be signed': 'be' with an infinitive tells a plan, not what was done."""
    return lemma(verb) == "be" and any(c.dep_ in ("xcomp", "acomp") and c.pos_ == "VERB" for c in verb.children)


def _past(verb: Token) -> bool:
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP") for c in verb.children
    )


def _is_setting(t: Token, kb: Knowledge) -> bool:
    """'attended the G20 summit', 'the NATO summit in Vilnius': a gathering named as the setting."""
    settings = kb.words("summit", "setting_nouns")
    if t.lower_ not in settings and not (t.dep_ == "conj" and lemma(t) in settings):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "with" for c in t.children):
        return False  # "attended a trilateral meeting with his counterparts" is a meeting, not a setting
    if t.dep_ == "conj" and t.head.i != t.i and _is_setting(t.head, kb):
        return True  # "attended the ASEAN summit and related meetings": a conjunct shares the setting's verb
    if t.tag_ == "NNS" and any(c.dep_ == "nummod" for c in t.children):
        return True  # "at two regional summits": gatherings counted are settings, never one meeting of leaders
    head = t.head
    setting_verbs = kb.words("summit", "setting_verbs")
    multilateral = kb.pattern("summit", "multilateral_names", ignore_case=False)
    named_multilateral = any(multilateral.fullmatch(x.text) for x in t.subtree if x.i < t.i)
    if t.dep_ == "nsubjpass" and lemma(head) == "attend" and agents(head) and not named_multilateral:
        return False  # "the meeting was attended by Mitterrand and Kohl": those who sat in it, named
    if head.pos_ in ("VERB",) and lemma(head) in setting_verbs:
        return True
    if (
        t.dep_ == "pobj"
        and head.head.pos_ == "VERB"
        and lemma(head.head) in kb.words("summit", "movement_verbs") | setting_verbs
        and head.lower_ not in kb.words("summit", "joining_preps")  # "went into a meeting": they sat in it
    ):
        return True
    return named_multilateral


def _has_person_object(t: Token, view: SentenceView) -> bool:
    """'hosted Abe', 'received his counterpart', 'was received by Xi', 'welcomed the leaders of ...'
    — the object itself is a leader, not something of theirs ('received a message from the emir')."""
    heads: list[Token] = []
    for c in t.children:
        if c.dep_ in ("dobj", "nsubjpass", "dative", "attr", "oprd"):
            heads += [c, *c.conjuncts]
        elif c.dep_ in ("agent", "prep") and c.lower_ in ("by", "with", "for"):  # "hosted a dinner for X"
            heads += [g for g in c.children if g.dep_ == "pobj"]
    for h in heads:
        if any(a.kind in ("leader", "plural_leaders") and a.start <= h.idx < a.end for a in view.actors):
            return True
    # a guest placed after an adverbial ("received at the palace this evening Prime Minister X")
    leaders_after = [a for a in view.actors if a.kind == "leader" and a.start > t.idx]
    subj = {x.i for c in t.children if c.dep_ in ("nsubj",) for x in c.subtree}
    return bool(
        heads == []
        and leaders_after
        and not any(
            v.pos_ == "VERB" and v.i not in subj for v in view.doc if t.i < v.i and v.idx < leaders_after[0].start
        )
    )


def _assemble(cands: list[Candidate], states: frozenset[str]) -> dict[str, Any]:
    """The most reported place and format (a phone or video mention beats in person, and has no place)."""
    place = _most_common_place([c.place for c in cands])
    fmt = most_common([c.fields.get("format") for c in cands if c.fields.get("format") != "in_person"]) or "in_person"
    if fmt != "in_person":
        place = None
    return {
        "location": Location(name=place.city or place.name, country=place.country) if place else None,
        "format": fmt,
        "scope": "bilateral" if len(states) == 2 else "multilateral",
    }


def _most_common_place(places: Iterable[Place | None]) -> Place | None:
    ps = [p for p in places if p is not None]
    if not ps:
        return None
    # a venue beats its city: it is the more specific evidence
    counts = Counter(p.city or p.name for p in ps)
    best = counts.most_common(1)[0][0]
    return next(p for p in ps if (p.city or p.name) == best)


# Words that put the leaders in one room: a report saying them is of a meeting in person, not of a call.
_IN_PERSON = re.compile(
    r"\b(?:met|meets|hosted|hosts|received|receives|welcomed|welcomes|visit|visits|visited|visiting|arrived|"
    r"in person|in-person|face-to-face|sat down|shook hands|toured|greeted|dinner|lunch|breakfast|"
    r"call(?:ed|s)? on|courtesy call)\b",  # 'called on the President': a visit to his office
    re.IGNORECASE,
)


def _occasion_kind(event: EventBase) -> str | None:
    """A call or a video link when a report says so; in person when a venue places it or its sentences put the
    leaders in one room; else unsaid (a report that only says "held talks" may be of a call). A cluster keeps the
    kind some report said (`occasion`, filled by a later report), not its first report's default format."""
    said = getattr(event, "occasion", None)
    if said is not None:
        return str(said)
    fmt = getattr(event, "format", "in_person")
    if fmt != "in_person":
        return str(fmt)
    if event.location is not None and event.location.source in (None, "venue"):
        return "in_person"
    return "in_person" if any(_IN_PERSON.search(m.sentence) for m in event.mentions) else None


def _codes(record: Mapping[str, Any], kb: Knowledge) -> Codes:
    states, location = record["countries"], record["location"]
    multilateral = len(states) > 2
    if record["format"] in ("phone", "video"):
        return Codes("041", "CONSULT", "phone")
    if location is None or location.country is None:
        return Codes("040", "CONSULT", "multilateral" if multilateral else "visit")
    if location.country in states:
        return Codes("043", "CONSULT", "multilateral" if multilateral else "visit")
    return Codes("044", "CONSULT", "multilateral" if multilateral else "third-party")


def _display(event: EventBase) -> str:
    return f" [{getattr(event, 'format', '')}]"


EVENT_TYPE = EventType(
    name="summit.v1",
    model=SummitEvent,
    prefilter=Prefilter(
        triggers=("verbs", "nouns", "joint_appearance_nouns", "copresence_preps"), parties=_two_states_of_people
    ),
    extractor=SummitExtractor,
    assemble=_assemble,
    codes=_codes,
    merge=MergeRule(distinguish=_occasion_kind),
    main_meeting=MainMeeting(mention_words="meeting_mentions", reference_nouns="nouns"),
    display=_display,
)
