"""Who the parties are: the states a group of actor mentions stands for (named leaders and officials, states,
"he"/"she", "I", "we", "they", "the two leaders", "both sides") in the context of the article."""

from __future__ import annotations

import re

from dipevents.core.actors import ActorMention
from dipevents.core.extractors.view import SentenceView


def states_of(
    view: SentenceView, actors: list[ActorMention], *, leaders_only: bool
) -> tuple[set[str], list[ActorMention]]:
    """The states a group of actor mentions stands for, and the actors that carried them."""
    states: set[str] = set()
    used: list[ActorMention] = []
    explicit = {a.country for a in actors if a.kind == "leader" and not a.former and a.country}
    for a in actors:
        if a.kind in ("plural_leaders", "plural_parties", "we", "they") and len(explicit) >= 2 and not a.states:
            continue  # "both leaders" next to two named leaders means those two, not the article's main pair
        if a.kind in ("plural_leaders", "plural_parties") and a.weak and leaders_only:
            continue  # "the leaders attending the summit": generic
        if a.kind == "he_or_she":
            if a.country:
                states.add(a.country)
                used.append(a)
            continue
        if a.kind == "leader":
            if a.former or not a.country:
                continue
            states.add(a.country)
            used.append(a)
        elif a.kind == "plural_leaders":
            s = view.ctx.plural_states(a)
            s = _as_counted(view, a, s)
            if s:
                states.update(s)
                used.append(a)
        elif a.kind in ("we", "they") or (a.kind == "plural_parties" and not leaders_only):
            s = a.states or view.ctx.main_states  # "the foreign ministers": their own group, when the article named it
            if not s and a.kind == "plural_parties":
                s = _article_states_counted(view, a)
            if a.kind == "we" and a.country and a.country not in s:
                s = (a.country,)
            if s:
                states.update(s)
                used.append(a)
        elif (a.kind == "i" and a.country) or (
            not leaders_only
            and a.country
            and not a.former
            # ministers agreeing for their states ("the Argentine and Uruguayan foreign ministers agreed")
            and (a.kind == "official" or (a.kind == "state" and a.form in ("name", "metonym", "demonym")))
        ):
            states.add(a.country)
            used.append(a)
    return states, used


def _as_counted(view: SentenceView, a: ActorMention, states: tuple[str, ...]) -> tuple[str, ...]:
    """'The meeting of the three heads of state' after a sentence naming three presidents: a counted reference
    the article's main pair cannot fill stands for the leaders of the sentence before when they are that many,
    else for no one."""
    if a.states:
        return states
    words = re.findall(r"[a-z]+|\d+", a.text.lower())
    n = _count_of(view, words)
    # a former leader is one of the people too ('Former Chancellor X met President Y. The two men discussed ...')
    people = [b for b in view.previous if b.kind in ("leader", "official") and b.name]
    if n and {"men", "women"} & set(words) and len({b.name for b in people}) == n:
        # "The two men met" right after a sentence naming two people: those two, leaders of states or not
        leaders = {b.country for b in people if b.is_sitting_leader and b.country}
        return tuple(sorted(leaders)) if len(leaders) == n else ()
    if not n or len(states) == n:
        if {"men", "women"} & set(words) and _named_later(view, a, states):
            return ()  # "the two men" are people named already, not a pair whose leader the article names later
        return states
    before = {b.country for b in view.previous if b.is_sitting_leader and b.country}
    before |= {c for b in view.previous if b.kind == "plural_leaders" for c in b.states}
    return tuple(sorted(before)) if len(before) == n else ()


def _article_states_counted(view: SentenceView, a: ActorMention) -> tuple[str, ...]:
    """'Under the accord, the two countries will form a joint commission', in an article with no leaders' meeting:
    the states the article names by name or through their leaders, when it names as many as the reference counts."""
    n = _count_of(view, re.findall(r"[a-z]+|\d+", a.text.lower()))
    named = view.ctx.led_states | set(view.ctx.named_states.values())
    return tuple(sorted(named)) if n >= 2 and len(named) == n else ()


def _named_later(view: SentenceView, a: ActorMention, states: tuple[str, ...]) -> bool:
    """Is one of the states neither led by someone the article named before this sentence nor named in it before
    the reference ('The prime ministers of X and Y directed ..., after the two men met' names them)?"""
    here = {b.country for b in view.actors if b.country and b.end <= a.start}
    return any(view.ctx.first_led.get(c, -1) > view.sentence.start and c not in here for c in states)


def _count_of(view: SentenceView, words: list[str]) -> int:
    """The number a reference's words count ('the two countries', 'the 3 leaders'), 0 if none."""
    counts = view.memo("number_words", lambda: _number_words(view))
    return next((counts[w] for w in words if w in counts), 0)


def _number_words(view: SentenceView) -> dict[str, int]:
    return {w: int(n) for n, ws in view.kb.word_map("discourse", "number_words").items() for w in ws}
