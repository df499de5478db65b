"""The cheap path: decide which sentences are worth parsing, with no spaCy at all.

A sentence is a candidate when it has a trigger stem (meet, talks, instruct, agree, consult...) and someone
who could be a party (a leader, a state, "the two leaders", "we"). Most news never reaches the parser.
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.core.actors import ActorMention
from service.core.knowledge import Knowledge

_PARTY_KINDS = frozenset({"leader", "plural_leaders", "plural_parties", "we", "i", "they", "state"})


@lru_cache(maxsize=8)
def _stems(pattern_source: str) -> re.Pattern[str]:
    return re.compile(pattern_source, re.IGNORECASE)


def trigger_pattern(kb: Knowledge) -> re.Pattern[str]:
    stems = kb.lexicon["prefilter"]["stems"]
    return _stems(r"\b(?:" + "|".join(stems) + ")")


def is_candidate(text: str, actors: list[ActorMention], kb: Knowledge) -> bool:
    if not any(a.kind in _PARTY_KINDS for a in actors):
        return False
    return trigger_pattern(kb).search(text) is not None
