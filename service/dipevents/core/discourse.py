"""Discourse: references whose meaning is elsewhere in the article, found before the context resolves a sentence.

- "the leaders of the two countries", "the two nations' presidents": the leaders of the states this sentence
  names (when it names as many as the reference counts), else of the article's main meeting;
- "the North and the South": the states the article named "North ..." and "South ..." ("North Korea"), or the
  other half of a divided state the article named one half of; "the two Koreas": the halves themselves;
- "Hage Geingob, president of Namibia": the name before a title in apposition is that office-holder's name, so
  "Geingob" alone later is the same leader;
- "the foreign ministers", "the two envoys": officials named only as a group are those of the last sentence
  that named officials of two or more states ("Minister X met his Greek and Cypriot counterparts");
- "the meeting with X" in a sentence naming X alone: X's meeting with the leader the article was just about;
- "the talks", "the meeting", "Monday's summit": when the article's meeting is one of leaders (the first
  sentence reporting a meeting named two or more leaders of different states and no minister or envoy: news
  leads with its event, background comes later), a definite reference in a sentence naming no one else is that
  meeting: a plural reference to its states, marked as a reference (form "meeting") so an extractor can ask more
  of it (a meeting told as past, not as a plan);
- "at the end of two days of talks": a meeting measured in time, in a sentence naming no one, right after a
  sentence naming leaders of two or more states, is those leaders' meeting (form "duration").

Patterns come from the lexicon's "discourse" section; nothing here parses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from dipevents.core.actors import FACILITY_AFTER, ActorMention

if TYPE_CHECKING:
    from dipevents.core.knowledge import Knowledge

MEETING_REFERENCE = "meeting"  # ActorMention.form of a definite reference to the article's meeting
DURATION_REFERENCE = "duration"  # ActorMention.form of a meeting measured in time standing for the leaders before it


def _alternatives(words: frozenset[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class Discourse:
    leaders_of_parties: re.Pattern[str]
    north_south: re.Pattern[str]
    apposed_name: re.Pattern[str]
    attribution_before: re.Pattern[str]
    meeting_reference: re.Pattern[str]
    meeting_words: re.Pattern[str]
    counts: dict[str, int]
    plural_officials: re.Pattern[str]
    officials_of: re.Pattern[str]
    counterparts: re.Pattern[str]
    counted_parties: re.Pattern[str]
    lateral_counts: dict[str, int]
    divided: re.Pattern[str]
    meeting_with: re.Pattern[str]
    halves: dict[str, tuple[str, ...]]
    state_names: dict[str, str]
    duration_meeting: re.Pattern[str]
    talk_bodies: re.Pattern[str]

    @classmethod
    def from_knowledge(cls, kb: Knowledge, meeting_words: frozenset[str], reference_nouns: frozenset[str]) -> Discourse:
        """Patterns of the lexicon's discourse section; `meeting_words` mark a sentence reporting a meeting and
        `reference_nouns` are the meeting nouns a definite reference uses (both from the registered meeting types)."""
        leaders = _alternatives(kb.words("discourse", "plural_leader_nouns"))
        parties = _alternatives(kb.words("discourse", "party_nouns"))
        counts = {w: int(n) for n, ws in kb.word_map("discourse", "number_words").items() for w in ws}
        number = _alternatives(frozenset(counts))
        determiners = _alternatives(kb.words("discourse", "meeting_determiners"))
        officials = _alternatives(kb.words("discourse", "plural_official_nouns"))
        laterals = {w: int(n) for n, ws in kb.word_map("discourse", "lateral_words").items() for w in ws}
        suffixes = _alternatives(kb.words("discourse", "counted_party_suffixes"))
        halves = {name: tuple(sorted(states)) for name, states in kb.word_map("discourse", "divided_states").items()}
        return cls(
            leaders_of_parties=re.compile(
                rf"\b(?:the\s+)?(?:{leaders})\s+of\s+(?:(?:the\s+)?(?P<n1>{number})\s+|the\s+)(?:{parties})\b"
                rf"|\b(?:the\s+)?(?P<n2>{number})\s+(?:{parties})['’]\s+(?:{leaders})\b",
                re.IGNORECASE,
            ),
            north_south=re.compile(  # "the North and the South", "the North and South"
                r"(?:\b[Tt]he\s+|(?<=[Nn]orth\sand\s)|(?<=[Ss]outh\sand\s))(?P<side>[Nn]orth|[Ss]outh)\b"
                r"(?![\s-]*(?:[A-Z]|of\b|ern\b|east|west))"
            ),
            apposed_name=re.compile(r"(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}),\s+(?:the\s+)?$"),
            attribution_before=re.compile(
                rf"\b(?:{_alternatives(kb.words('discourse', 'attribution_phrases'))})\s+$", re.IGNORECASE
            ),
            meeting_reference=re.compile(
                rf"\b(?:{determiners})\s+(?:[\w-]+\s+){{0,2}}?(?:{_alternatives(reference_nouns)})\b", re.IGNORECASE
            ),
            meeting_words=re.compile(rf"\b(?:{_alternatives(meeting_words)})\b", re.IGNORECASE),
            counts=counts,
            plural_officials=re.compile(
                rf"\b(?:the|both)\s+(?:(?:{number})\s+)?(?:{officials})"
                r"\b(?!\s+(?:of|from|in|at)\b)",
                re.IGNORECASE,
            ),
            officials_of=re.compile(
                rf"\b(?:the|both)\s+(?:(?:{number})\s+)?(?:{officials})\s+(?:of|from)\s+", re.IGNORECASE
            ),
            meeting_with=re.compile(
                rf"\b[Tt]he\s+(?:[\w-]+\s+){{0,2}}?(?:{_alternatives(reference_nouns)})(?=\s+with\b)", re.IGNORECASE
            ),
            divided=re.compile(rf"\b(?:[Tt]he|[Bb]oth)\s+(?:two\s+)?(?P<name>{_alternatives(frozenset(halves))})\b"),
            halves=halves,
            state_names=dict(kb.state_names),
            counterparts=re.compile(rf"\b(?:{_alternatives(kb.words('discourse', 'counterpart_nouns'))})\b"),
            counted_parties=re.compile(
                rf"\b(?:(?P<n>\w+)-(?:{suffixes})s?|(?P<lateral>{_alternatives(frozenset(laterals))}))\b", re.IGNORECASE
            ),
            lateral_counts=laterals,
            duration_meeting=re.compile(
                rf"\b(?:{number}|{_alternatives(kb.words('discourse', 'duration_counts'))}|\d+)\s+"
                rf"(?:and\s+a\s+half\s+)?(?:{_alternatives(kb.words('discourse', 'duration_units'))})"
                rf"(?:\s+and\s+a\s+half)?\s+of\s+(?:{_alternatives(reference_nouns)})\b",  # "two and a half hours of"
                re.IGNORECASE,
            ),
            talk_bodies=re.compile(rf"\b(?:{_alternatives(kb.words('state_bodies', 'talk_bodies'))})\b", re.IGNORECASE),
        )

    # -- references ----------------------------------------------------------------------------------------
    def references(
        self,
        text: str,
        actors: list[ActorMention],
        named_states: dict[str, str],
        led: set[str] | frozenset[str] = frozenset(),
    ) -> list[ActorMention]:
        """The sentence's actors with the references only the article explains added (or named)."""
        actors = self._apposed_names(text, actors)
        extra: list[ActorMention] = []
        sentence_states = list(dict.fromkeys(a.country for a in actors if a.kind == "state" and a.country))
        for m in self.leaders_of_parties.finditer(text):
            n = self.counts.get((m.group("n1") or m.group("n2") or "").lower(), 0)
            states = tuple(sorted(sentence_states)) if len(sentence_states) == n else ()
            extra.append(ActorMention(m.start(), m.end(), m.group(0), "plural_leaders", states=states))
        for m in self.divided.finditer(text):
            states = self.halves[m.group("name")]
            extra.append(ActorMention(m.start(), m.end(), m.group(0), "plural_parties", states=states, form="name"))
        for m in self.north_south.finditer(text):
            state = _side(m.group("side").lower(), named_states, self.state_names)
            if state is None:
                # "Moon and Kim met ... The north and the south agreed": the halves the article's leaders lead
                here = {a.country for a in actors if a.is_sitting_leader and a.country}
                state = _side(m.group("side").lower(), self._names_of({*led, *here}), self.state_names)
            if state:
                extra.append(ActorMention(m.start(), m.end(), m.group(0), "state", country=state, form="name"))
        return _with(actors, extra)

    def _names_of(self, states: set[str] | frozenset[str]) -> dict[str, str]:
        return {surface: iso for surface, iso in self.state_names.items() if iso in states}

    def meeting_references(self, text: str, actors: list[ActorMention], meeting: tuple[str, ...]) -> list[ActorMention]:
        """'The meeting lasted three hours', 'after the talks at the residence, Macron said': a definite reference
        to the article's leaders' meeting, in a sentence naming no one else."""
        if len(meeting) < 2:
            return actors
        # others named, or a group ('we' of a quote is its speaker's side: '"We want ...," X said after the talks')
        groups = ("official", "plural_parties", "plural_leaders", "we", "they")
        if any(a.kind in groups and not (a.kind == "we" and a.in_quote) for a in actors):
            return actors
        present = {a.country for a in actors if a.kind in ("leader", "he_or_she", "i") and not a.former and a.country}
        if len(present) >= 2 or not present <= set(meeting):
            return actors
        extra = [
            ActorMention(m.start(), m.end(), m.group(0), "plural_leaders", states=meeting, form=MEETING_REFERENCE)
            for m in self.meeting_reference.finditer(text)
            if self._counts_as(m.group(0), len(meeting))
        ]
        return _with(actors, extra)

    def duration_references(self, text: str, actors: list[ActorMention], before: tuple[str, ...]) -> list[ActorMention]:
        """'The declaration was signed at the end of two days of talks': a meeting measured in time, after a sentence
        naming leaders of two or more states, is those leaders' meeting when this sentence names no one else: only
        those states (another state's demonym may qualify a thing: 'an Irish-theme gala'), their leaders or former
        leaders of any state, and no body that exists to negotiate ('after three days of talks, negotiators reached a
        deal' is the negotiators' round). Officials are not refused: they may be the talks' witnesses ('talks that
        U.S. officials described as ...')."""
        if len(before) < 2:
            return actors
        extra = [
            ActorMention(m.start(), m.end(), m.group(0), "plural_leaders", states=before, form=DURATION_REFERENCE)
            for m in self.duration_meeting.finditer(text)
        ]
        if not extra:
            return actors
        if any(
            not (a.kind in ("state", "leader") and (a.country in before or (a.kind == "leader" and a.former)))
            and not (a.kind == "state" and a.text not in self.state_names)
            for a in actors
        ):
            return actors
        spans = [(a.start, a.end) for a in actors]
        if any(not any(s <= m.start() < e for s, e in spans) for m in self.talk_bodies.finditer(text)):
            return actors
        return _with(actors, extra)

    def officials_group(self, text: str, actors: list[ActorMention]) -> tuple[str, ...]:
        """The states of the officials this sentence names, when there are two or more: named officials, and the
        states qualifying 'counterparts' after one ('Minister X and his Greek and Cypriot counterparts')."""
        officials = [a for a in actors if a.kind == "official" and a.country and not a.former and not a.in_quote]
        if not officials:
            return self._officials_of_states(text, actors)
        states = {a.country for a in officials if a.country}
        for m in self.counterparts.finditer(text):
            if any(a.end <= m.start() for a in officials):
                # the states named between the official and "counterparts"
                first = max(a.end for a in officials if a.end <= m.start())
                states |= {
                    a.country for a in actors if a.kind == "state" and a.country and first <= a.start < m.start()
                }
        return tuple(sorted(states)) if len(states) >= 2 else ()

    def _officials_of_states(self, text: str, actors: list[ActorMention]) -> tuple[str, ...]:
        """'The foreign ministers of Egypt, Greece and Cyprus': officials named as a group with their states
        listed right after it."""
        for m in self.officials_of.finditer(text):
            states: list[str] = []
            at = m.end()
            for a in actors:
                if a.start < at:
                    continue
                if a.kind != "state" or not a.country or not _LIST_GAP.fullmatch(text[at : a.start]):
                    break
                states.append(a.country)
                at = a.end
            if len(set(states)) >= 2:
                return tuple(sorted(set(states)))
        return ()

    def official_references(self, text: str, actors: list[ActorMention], group: tuple[str, ...]) -> list[ActorMention]:
        """'The foreign ministers agreed ...': the officials of the article's last group of them."""
        if len(group) < 2 or any(a.kind in ("official", "plural_parties", "plural_leaders") for a in actors):
            return actors
        extra = [
            ActorMention(m.start(), m.end(), m.group(0), "plural_parties", states=group, form="officials")
            for m in self.plural_officials.finditer(text)
            if not any(a.start < m.end() and m.start() < a.end for a in actors)
        ]
        return _with(actors, extra)

    def _counts_as(self, reference: str, parties: int) -> bool:
        """Can a reference be a meeting of `parties` states? Not when it counts other parties: 'the six-party talks'
        in a story of a two-leader summit are another gathering."""
        for m in self.counted_parties.finditer(reference):
            if m.group("lateral"):
                n = self.lateral_counts[m.group("lateral").lower()]
                if (n == 0 and parties < 3) or (n and n != parties):
                    return False
            else:
                word = m.group("n").lower()
                if (int(word) if word.isdigit() else self.counts.get(word)) != parties:
                    return False
        return True

    def visitor_reference(self, text: str, actors: list[ActorMention], visitor: ActorMention) -> list[ActorMention]:
        """'Scholz visited Paris on Monday. The meeting with Macron lasted three hours': 'the meeting with X' in a
        sentence naming X alone is the meeting of X and the leader the article was just about (a reference, so
        the extractor asks for a meeting told as past)."""
        if any(a.kind in ("official", "plural_parties", "plural_leaders", "we", "they", "he_or_she") for a in actors):
            return actors
        present = {a.country for a in actors if a.is_sitting_leader and a.country}
        if len(present) != 1 or visitor.country in present:
            return actors
        extra = [
            replace(visitor, start=m.start(), end=m.end(), text=m.group(0), kind="he_or_she", form=MEETING_REFERENCE)
            for m in self.meeting_with.finditer(text)
        ]
        return _with(actors, extra[:1])

    def _apposed_names(self, text: str, actors: list[ActorMention]) -> list[ActorMention]:
        out = []
        for a in actors:
            # the name right before the title: a window, not the whole sentence before it, per actor (quadratic)
            window = max(0, a.start - _APPOSED_WINDOW)
            m = self.apposed_name.search(text, window, a.start) if a.kind in ("leader", "official") and a.role else None
            if m and _place_name(text, m):
                m = None  # "at the Francisco Bangoy International Airport, the President said": a place, no name
            if m and self.attribution_before.search(text, max(0, m.start() - 20), m.start()):
                m = None  # "According to Yastrzhembsky, the president and ...": the source, not the title's name
            if a.name is None and m and not any(b.start < a.start and m.start() < b.end for b in actors if b is not a):
                out.append(replace(a, name=m.group("name"), start=m.start(), text=text[m.start() : a.end]))
            else:
                out.append(a)
        return out

    def leaders_meeting(self, text: str, actors: list[ActorMention]) -> tuple[str, ...] | None:
        """The meeting this sentence reports, read from words only: the states of leaders of two or more states
        at it, () for one with a minister or envoy in it, None when it reports none that decides."""
        if not self.meeting_words.search(text):
            return None
        if any(a.kind == "official" for a in actors):
            return ()
        states = {
            a.country
            for a in actors
            if a.kind in ("leader", "he_or_she") and not a.former and a.country and a.form != MEETING_REFERENCE
        }
        states |= {c for a in actors if a.kind == "plural_leaders" and a.form != MEETING_REFERENCE for c in a.states}
        if len(states) > 2:
            return ()  # a lead naming three leaders or more ("... after Trump called off his summit with Kim"):
            # which of them met is for the parser to say, not for words
        return tuple(sorted(states)) if len(states) == 2 else None


_APPOSED_WINDOW = 300  # characters before a title where its apposed name ("Kuchma, the president") may start
_LIST_GAP = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+|\s*)")  # between the names of a list of states


def _with(actors: list[ActorMention], extra: list[ActorMention]) -> list[ActorMention]:
    """The actors with the extra references, dropping what a reference spans ('the two countries' inside 'the
    leaders of the two countries')."""
    if not extra:
        return actors
    kept = [a for a in actors if not any(e.start <= a.start and a.end <= e.end for e in extra)]
    return sorted([*kept, *extra], key=lambda a: a.start)


def _side(side: str, named: dict[str, str], known: dict[str, str]) -> str | None:
    """'the north' -> the state the article named 'North ...'; 'the south' -> 'South ...', else the other half
    of a divided name ('Korea' beside 'North Korea', 'South Korea' beside 'North Korea')."""
    prefix = f"{side} "
    for surface, iso in named.items():
        if surface.lower().startswith(prefix):
            return iso
    other = "south " if side == "north" else "north "
    for surface in named:
        if surface.lower().startswith(other):
            half = known.get(f"{side.capitalize()} {surface[len(other) :]}")
            if half:
                return half
    # the half with no compass word: 'the south' beside 'North Yemen', 'the north' beside 'South Sudan'
    whole = "north " if side == "south" else "south "
    for surface in named:
        if surface.lower().startswith(whole):
            rest = surface[len(whole) :].lower()
            return next((iso for s, iso in named.items() if s.lower() == rest), None)
    return None


def _place_name(text: str, m: re.Match[str]) -> bool:
    """A capitalised name before an apposed title that is a place: one with an article before it ('the Francisco
    Bangoy International Airport'), or ending in a facility word ('Malacanang Palace')."""
    words = m.group("name").split()
    return text[max(0, m.start() - 4) : m.start()].lower() == "the " or (
        len(words) > 1 and FACILITY_AFTER.match(" " + words[-1]) is not None
    )
