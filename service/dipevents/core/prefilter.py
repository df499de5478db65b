"""The cheap path: decide which sentences are worth parsing, with no spaCy at all.

A sentence is a candidate when it has a trigger stem (meet, talks, instruct, agree, consult...), someone who
could be a party (a leader, a state, "the two leaders", "we"), and some registered event type's prefilter
predicate holds. Most news never reaches the parser.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dipevents.core.actors import ActorMention
from dipevents.core.knowledge import Knowledge
from dipevents.core.registry import EventTypes

_PARTY_KINDS = frozenset({"leader", "plural_leaders", "plural_parties", "we", "i", "they", "state"})


@lru_cache(maxsize=8)
def _stems(pattern_source: str) -> re.Pattern[str]:
    return re.compile(pattern_source, re.IGNORECASE)


def trigger_pattern(kb: Knowledge) -> re.Pattern[str]:
    stems = kb.lexicon["prefilter"]["stems"]
    return _stems(r"\b(?:" + "|".join(stems) + ")")


_IRREGULAR = {"tell": ("told",), "give": ("gave",)}
# Lemmas whose bare stem is too common to send a sentence to the parser: only the instructing use counts.
_SPECIAL = {
    "call": r"call(?:s|ed|ing)?\s+(?:up)?on\b",
    "urge": r"urg(?:e|es|ed|ing)\b",
    "request": r"request(?:s|ed|ing)\b",
}


@lru_cache(maxsize=16)
def verb_forms(lemmas: frozenset[str]) -> re.Pattern[str]:
    """The surface forms of these verbs that a sentence must contain for them to be its trigger."""
    special = [_SPECIAL[lem] for lem in sorted(lemmas) if lem in _SPECIAL]
    rest = lemmas - set(_SPECIAL)
    forms = {lem[:-1] if lem.endswith("e") else lem for lem in rest}  # agree -> agre(ed), give -> giv(en)
    forms |= {f for lem in rest for f in _IRREGULAR.get(lem, ())}
    alternatives = [re.escape(f) for f in sorted(forms)] + special
    return re.compile(r"\b(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


def is_candidate(text: str, actors: list[ActorMention], kb: Knowledge, types: EventTypes) -> bool:
    if not any(a.kind in _PARTY_KINDS for a in actors):
        return False
    if trigger_pattern(kb).search(text) is None:
        return False
    # parse only when some event type can be there
    return any(t.prefilter(text, actors, kb) for t in types)
