"""The cheap path: decide which sentences are worth parsing, with no spaCy at all.

A sentence is a candidate when it has a trigger stem (meet, talks, instruct, agree, consult...) and someone
who could be a party (a leader, a state, "the two leaders", "we"). Most news never reaches the parser.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dipevents.core.actors import ActorMention
from dipevents.core.knowledge import Knowledge

_PARTY_KINDS = frozenset({"leader", "plural_leaders", "plural_parties", "we", "i", "they", "state"})


@lru_cache(maxsize=8)
def _stems(pattern_source: str) -> re.Pattern[str]:
    return re.compile(pattern_source, re.IGNORECASE)


def trigger_pattern(kb: Knowledge) -> re.Pattern[str]:
    stems = kb.lexicon["prefilter"]["stems"]
    return _stems(r"\b(?:" + "|".join(stems) + ")")


# Verbs without which the instruction and consultation extractors never fire (their trigger lemmas; "give",
# "assign", "entrust", "issue" + an instruction noun is the instruction extractor's second path).
_IRREGULAR = {"tell": ("told",), "give": ("gave",)}
# Lemmas whose bare stem is too common to send a sentence to the parser: only the instructing use counts.
_SPECIAL = {
    "call": r"call(?:s|ed|ing)?\s+(?:up)?on\b",
    "urge": r"urg(?:e|es|ed|ing)\b",
    "request": r"request(?:s|ed|ing)\b",
}


def verb_pattern(kb: Knowledge) -> re.Pattern[str]:
    return _verb_re(
        kb.words("instruction", "strong_verbs"),
        kb.words("instruction", "weak_verbs_need_body"),
        kb.words("consultation", "agree_verbs"),
    )


@lru_cache(maxsize=8)
def _verb_re(*groups: frozenset[str]) -> re.Pattern[str]:
    lemmas = {*("give", "assign", "entrust", "issue"), *(lem for g in groups for lem in g)}
    special = [_SPECIAL[lem] for lem in sorted(lemmas) if lem in _SPECIAL]
    lemmas -= set(_SPECIAL)
    forms = {lem[:-1] if lem.endswith("e") else lem for lem in lemmas}  # agree -> agre(ed), give -> giv(en)
    forms |= {f for lem in lemmas for f in _IRREGULAR.get(lem, ())}
    alternatives = [re.escape(f) for f in sorted(forms)] + special
    return re.compile(r"\b(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


def summit_possible(actors: list[ActorMention]) -> bool:
    """The summit extractor needs two states from people: a plural reference, "we"/"they", or sitting
    leaders (or resolved "he"/"I") of two different states. States named alone never make a summit."""
    if any(a.kind in ("plural_leaders", "we", "they") for a in actors):
        return True
    states = {
        a.country for a in actors if a.country and ((a.kind == "leader" and not a.former) or a.kind in ("he", "i"))
    }
    return len(states) >= 2


def is_candidate(text: str, actors: list[ActorMention], kb: Knowledge) -> bool:
    if not any(a.kind in _PARTY_KINDS for a in actors):
        return False
    if trigger_pattern(kb).search(text) is None:
        return False
    # parse only when some extractor can fire: a possible summit, or an instruction / agreement verb
    return summit_possible(actors) or verb_pattern(kb).search(text) is not None
