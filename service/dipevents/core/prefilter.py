"""The cheap path: decide which sentences are worth parsing, with no spaCy at all.

A sentence is a candidate when someone in it could be a party (a leader, a state, "the two leaders", "we") and
some registered event type's prefilter predicate holds: the sentence has a surface form of one of the type's
trigger words (`trigger_forms`, derived from the very lexicon lists its extractor reads, so a word added to a
list reaches both) and its actors pass the type's own test, if it has one. Most news never reaches the parser.
"""

from __future__ import annotations

import re

from dipevents.core.actors import ActorMention
from dipevents.core.knowledge import Knowledge, word_pattern
from dipevents.core.registry import EventType, EventTypes

_PARTY_KINDS = frozenset({"leader", "plural_leaders", "plural_parties", "we", "i", "they", "state"})


def trigger_forms(kb: Knowledge, section: str, *lists: str, narrow: str | None = None) -> re.Pattern[str]:
    """The surface forms a sentence must contain for a word of these lexicon lists to be its trigger: the word's
    stem with any ending (agree: agreed, agreeing; talks: talks), its irregular forms (met, spoke, told: the
    `inflection` lexicon) or, for a word whose every form is too common, only the forms the `narrow` object of
    the section lists for it ("called on", not "called")."""

    def build() -> re.Pattern[str]:
        irregular = kb.word_map("inflection", "irregular")
        only = kb.word_map(section, narrow) if narrow else {}
        entries: set[str] = set()
        for word in set().union(*(kb.words(section, name) for name in lists)):
            if word in only:
                entries |= only[word]
                continue
            entries.add((word[:-1] if word.endswith("e") else word) + "*")  # agree -> agre*: agreed, agreeing
            entries |= irregular.get(word, frozenset())
        return word_pattern(entries)

    found: re.Pattern[str] = kb.memo(("trigger_forms", section, lists, narrow), build)
    return found


def is_candidate(
    text: str, actors: list[ActorMention], kb: Knowledge, types: EventTypes, main_meeting: bool = False
) -> bool:
    if not any(a.kind in _PARTY_KINDS or (a.kind == "he_or_she" and a.country) for a in actors):
        # a party: someone or some state; "he" only when the context resolved it to a leader; officials of a
        # state only for a type whose parties they can be
        if any(a.kind == "official" and a.country for a in actors) and any(
            possible(t, text, actors, kb) for t in types if t.prefilter.officials
        ):
            return True
        # "He said it was agreed that ...": no one named, the article's meeting's parties
        return main_meeting and any(
            impersonal_forms(kb, t.section, t.prefilter.impersonal).search(text) is not None
            and possible(t, text, actors, kb)
            for t in types
            if t.prefilter.impersonal
        )
    # parse only when some registered event type can be there
    return any(possible(t, text, actors, kb) for t in types)


def impersonal_forms(kb: Knowledge, section: str, name: str) -> re.Pattern[str]:
    found: re.Pattern[str] = kb.memo(("impersonal_forms", section, name), lambda: word_pattern(kb.words(section, name)))
    return found


def possible(t: EventType, text: str, actors: list[ActorMention], kb: Knowledge) -> bool:
    """The type's prefilter predicate: its actors' test (cheap, first), then its trigger forms."""
    pf = t.prefilter
    if pf.parties is not None and not pf.parties(actors):
        return False
    return trigger_forms(kb, t.section, *pf.triggers, narrow=pf.narrow).search(text) is not None
