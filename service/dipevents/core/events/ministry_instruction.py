"""ministry_instruction.v1 — leaders instructed, ordered, tasked or directed their ministries, ministers,
governments, negotiators, representatives or agencies to act.

Active ("Putin and Abe instructed their foreign ministers to ..."), passive ("the foreign ministers were
tasked by the presidents with ...", "ministries have been given the task of ..."), and "agreed to instruct".
States: the instructing leaders'; with no named instructor, the states owning the instructed bodies.

Codes: no native CAMEO/PLOVER code, unless the directive commits the states to talks (then 036 / AGREE).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from dipevents.core.extractors.modality import is_background, is_irrealis
from dipevents.core.extractors.parties import states_of
from dipevents.core.extractors.syntax import agents, lemma, subjects
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
            if t.pos_ != "VERB":
                continue
            if lem in strong or lem in weak:
                bodies = _called_on(t, view) if lem == "call" else _bodies(t, view)
                if lem in weak and not _by_leaders(t, view):
                    # "told their ministers to": only a leader's own bodies make it an instruction
                    bodies = [b for b in bodies if _owned(b, view)]
            elif lem in kb.words("ministry_instruction", "give_verbs") and any(
                c.dep_ in ("dobj", "dative", "nsubjpass") and c.lower_ in give_nouns for c in t.children
            ):
                # "were given instructions", "gave instructions to their officials"
                bodies = _bodies(t, view, passive_subject_only=True) or _to_bodies(t, view)
            else:
                continue
            if not bodies:
                continue
            if is_irrealis(t, kb, allow=allow) or is_background(view, t):
                continue
            by_noun = [
                g
                for c in t.children
                if c.dep_ == "dobj"
                for p in c.children
                if p.dep_ == "prep" and p.lower_ == "by"
                for g in p.children
                if g.dep_ == "pobj"
            ]  # "given instructions by the presidents"
            giver_tokens = agents(t) or by_noun or [s for s in subjects(t) if s.dep_ != "nsubjpass"]
            givers = view.actors_of(giver_tokens) if giver_tokens else []
            document = _document_giver(t, view)
            if document is not None:
                # "a provision directing U.S. officials", "a petition asking the Commission": the order is the
                # text's (a law's, a bill's, a company's), unless a leader's own ("Putin's decree instructing")
                giver_tokens, givers = [t.head], document
            if any(a.kind == "official" for a in givers) and not any(a.kind == "leader" for a in givers):
                continue  # a minister ordering staff is not a leader's instruction
            states, used = states_of(view, givers, leaders_only=False)
            body_actors = view.actors_of(bodies)
            body_states = {a.country for a in body_actors if a.kind == "state" and a.country}
            if lem in weak and body_states and states and not body_states & states:
                continue  # "called on the US administration to intervene": another state's, not an instruction
            if not states:
                if giver_tokens:
                    continue  # the instructor is someone we cannot tie to a state's leadership
                if not body_states:
                    continue
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
    prev = view.previous
    leaders = {a.country for a in prev if a.kind == "leader" and not a.former and a.country}
    plural = any(a.kind == "plural_leaders" for a in prev)
    return (plural or len(leaders) >= 2) and not any(a.kind == "official" for a in prev)


def _bodies(t: Token, view: SentenceView, passive_subject_only: bool = False) -> list[Token]:
    kb = view.kb
    body_words = kb.words("state_bodies", "bodies")
    deps = ("nsubjpass",) if passive_subject_only else ("dobj", "nsubjpass", "dative", "iobj")
    heads = [c for c in t.children if c.dep_ in deps]
    if not passive_subject_only and not any(c.dep_ == "dobj" for c in t.children):
        # "mandated their ministers to prepare": parsed as the subject of the complement clause
        heads += [g for c in t.children if c.dep_ in ("ccomp", "xcomp") for g in c.children if g.dep_ == "nsubj"]
    if passive_subject_only:
        heads += [
            c
            for c in t.children
            if c.dep_ == "dative" and c.lower_ not in kb.words("ministry_instruction", "give_nouns")
        ]
    out: list[Token] = []
    named_body = any(lemma(x) in body_words for x in t.doc if x.i != t.i and x.pos_ == "NOUN")
    for h in heads:
        for x in [h, *h.conjuncts]:
            if lemma(x) in body_words or x.lower_ in body_words or _compound_body(x, body_words):
                out.append(x)
            elif x.lower_ == "them" and named_body:
                out.append(x)  # "the special representatives ... tasked them with"
    return out


def _compound_body(x: Token, body_words: frozenset[str]) -> bool:
    """Two-word bodies of the lexicon: 'working group', 'foreign office'."""
    return any(f"{c.lower_} {x.lower_}" in body_words for c in x.children if c.dep_ in ("compound", "amod"))


def _to_bodies(t: Token, view: SentenceView) -> list[Token]:
    body_words = view.kb.words("state_bodies", "bodies")
    out: list[Token] = []
    for x in t.subtree:
        if x.dep_ in ("prep", "dative") and x.lower_ == "to":
            for g in x.children:
                if g.dep_ == "pobj":
                    out += [y for y in [g, *g.conjuncts] if lemma(y) in body_words or y.lower_ in body_words]
    return out


def _owned(body: Token, view: SentenceView) -> bool:
    """'their ministers', 'the Kenyan ministry', 'the ministries concerned', 'officials of the ministries'."""
    body_words = view.kb.words("state_bodies", "bodies")
    own_modifiers = view.kb.words("ministry_instruction", "own_modifiers")
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
    """'called on the ministries concerned to ...'."""
    body_words = view.kb.words("state_bodies", "bodies")
    return [
        x
        for c in t.children
        if c.dep_ == "prep" and c.lower_ == "on"
        for g in c.children
        if g.dep_ == "pobj"
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


EVENT_TYPE = EventType(
    name="ministry_instruction.v1",
    model=MinistryInstructionEvent,
    # the giving verbs too: "gave instructions to"
    prefilter=Prefilter(triggers=("strong_verbs", "weak_verbs_need_body", "give_verbs"), narrow="prefilter_forms"),
    extractor=InstructionExtractor,
    assemble=_assemble,
    codes=_codes,
    merge=MergeRule(fill=("directive",), union_by={"instructed": "name"}),
)
