"""Article-level resolution: who "the President", "his counterpart", "the two leaders", "we" and "they" are.

Wire copy names people once and refers to them by role afterwards. The context remembers the last sitting
leader per role and the article's main meeting (the states of its leaders' talks), and resolves references
sentence by sentence, in reading order.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from dipevents.core.actors import FACILITY_AFTER, SPEECH, ActorMention, speaker
from dipevents.core.discourse import MEETING_REFERENCE, Discourse
from dipevents.core.knowledge import Knowledge

_DAYS_MONTHS = (
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August"
    "|September|October|November|December"
)
_NAME_WORD_AFTER = re.compile(rf"[ \t]+(?!(?:{_DAYS_MONTHS})\b)[A-Z][a-z]+(?:-[a-z]+)?\b")
_NAME_WORD_BEFORE = re.compile(rf"(?<![.!?]\s)(?<![\"“‘(])\b(?!(?:{_DAYS_MONTHS})\b)([A-Z][a-z]+)[ \t]+$")


ROYAL_STYLE = "royal_style"  # the form of a mention that is a royal style standing alone ("His Highness")


@dataclass
class ArticleContext:
    main_states: tuple[str, ...] = ()
    last_by_role: dict[str, ActorMention] = field(default_factory=dict)
    last_leader: ActorMention | None = None
    leader_counts: Counter[str] = field(default_factory=Counter)
    named: dict[str, ActorMention] = field(default_factory=dict)  # country -> first named sitting leader
    # every office the KB knows a name by on a day (None: ever): Erdogan in 2023 is no prime minister
    roles_of: Callable[[str, date | None], frozenset[str]] = lambda name, on: frozenset()
    on: date | None = None  # the article's day
    surnames: dict[str, ActorMention] = field(default_factory=dict)  # "Wong" after "Lawrence Wong" in this article
    # the state whose capital datelines the story: wire copy names that state's cabinet without a nationality
    home_state: str | None = None
    titled: set[str] = field(default_factory=set)  # roles the article itself used as titles
    # the person a sentence is about: the first one named in the last sentence that named someone ("Thatcher
    # left Bonn after talks with Kohl. She had flown ..." is Thatcher, not the last-named Kohl)
    salient: ActorMention | None = None
    family_name_first: frozenset[str] = frozenset()  # states whose leaders' names start with the family name
    family_name_first_of_three: frozenset[str] = frozenset()  # ... when written in three words ("Lee Hsien Loong")
    title_words: frozenset[str] = frozenset()  # words of titles and honorifics that may stand before a surname
    meeting_nouns: frozenset[str] = frozenset()  # the nouns a reference to the article's meeting uses ("the talks")
    royal_forms: re.Pattern[str] | None = None  # "His Highness", "His Majesty" standing alone for a royal leader
    royal_marks: frozenset[str] = frozenset()  # words of a royal leader's title or style ("emir", "sheikh")
    # "the head of state", "the premier": the offices such a title stands for (discourse lexicon, generic_roles and
    # role_synonyms)
    generic_roles: dict[str, frozenset[str]] = field(default_factory=dict)
    voice_after: re.Pattern[str] | None = None  # "'s office", "'s spokesman": a leader's own voice (discourse lexicon)
    # the leader the article called by a bare title ("the President" of its own president): a holder of that title
    # it then names with his state ("Indonesian President Joko Widodo") does not take the bare title over
    bare_titled: dict[str, ActorMention] = field(default_factory=dict)
    royals: list[ActorMention] = field(default_factory=list)  # royal leaders the article has named, in order
    discourse: Discourse | None = None  # references only the rest of the article explains
    named_states: dict[str, str] = field(default_factory=dict)  # every state the article named so far: surface -> iso3
    led_states: set[str] = field(default_factory=set)  # the states of every sitting leader named so far
    first_led: dict[str, int] = field(default_factory=dict)  # state -> offset of the sentence first naming its leader
    meeting: tuple[str, ...] | None = None  # the states of the leaders' meeting the article leads with ("the talks")
    lead_meeting: tuple[str, ...] = ()  # the states of the first meeting of leaders the parse found
    officials: tuple[str, ...] = ()  # the states of the last sentence that named officials of two or more states
    # meetings by their leaders' states -> where the article first told one as background / as news (offsets)
    recalled_meetings: dict[frozenset[str], int] = field(default_factory=dict)
    held_meetings: dict[frozenset[str], int] = field(default_factory=dict)
    # "a meeting of five hours ... The meeting was hosted by X": a meeting's states -> the states with the hosts a
    # later reference named, the offset of that reference's sentence and its meeting noun (reports of the meeting
    # before it with that noun are of the wider meeting)
    widened_meetings: dict[frozenset[str], tuple[frozenset[str], int, str]] = field(default_factory=dict)
    # a meeting's states -> the states of the leaders named as hosting it ('the meeting hosted by X'): a host who
    # sits in is no party to what "the two states" there agreed
    meeting_hosts: dict[frozenset[str], frozenset[str]] = field(default_factory=dict)
    # a meeting's states -> the state of the place the first pass found named for it (none named: the dateline's)
    meeting_places: dict[frozenset[str], str] = field(default_factory=dict)
    # where the sentences that narrate on from a moment recalled before them start (core/frames.py)
    recalled_frames: frozenset[int] = frozenset()
    previous_leaders: tuple[str, ...] = ()  # the states of the sitting leaders the last sentence named

    def resolve(self, text: str, actors: list[ActorMention]) -> list[ActorMention]:
        actors = self._local_surnames(text, actors)
        actors = self._royal_references(text, actors)
        if self.discourse is not None:
            actors = self.discourse.references(text, actors, self.named_states, self.led_states)
        sitting_named = [a for a in actors if a.is_sitting_leader and a.country]
        out: list[ActorMention] = []
        for found in actors:
            a = found
            if a.kind == "leader" and a.role == "counterpart":
                # a counterpart of a leader is a leader; of a minister, a minister: the person named just
                # before it decides ("Rangel held talks with his Angolan counterpart ... where Lourenço ...")
                people = [b for b in actors if b.kind in ("leader", "official") and b.end <= found.start]
                others = [b for b in sitting_named if b is not found and b.role != "counterpart"]
                if (people and people[-1].kind == "official") or not others:
                    a = replace(a, kind="official")
            if a.kind == "leader" and a.country is None and not a.former and a.name in self.surnames:
                known = self.surnames[a.name]  # "President Kim" after "Kim Jong Un"
                if known.kind == "leader":
                    a = replace(a, country=known.country, name=known.name)
            if a.kind == "leader" and a.country is None and not a.former:
                prev = self.last_by_role.get(a.role or "") or (self.last_leader if a.role in ("leader",) else None)
                if prev is None and a.role in self.generic_roles:
                    # "President Cossiga ... The head of state asked": the one holder of such an office named
                    offices = self.generic_roles[a.role]
                    office_holders = {
                        b.name: b
                        for b in [*self.named.values(), *self.last_by_role.values()]
                        if b.name and {b.role, *self._roles(b.name)} & offices
                    }
                    prev = next(iter(office_holders.values())) if len(office_holders) == 1 else None
                if prev is None:
                    # "approved by President Donald Trump ...: 'At the direction of the President'": in the sentence
                    # that names the article's first holder of a title, the one holder it named before
                    same = {b.name: b for b in sitting_named if b.role == a.role and b.end <= a.start and b.name}
                    prev = next(iter(same.values())) if len(same) == 1 else None
                voiced = [
                    b
                    for b in out
                    if b.kind == "leader" and b.country and a.role in {b.role, *self._roles(b.name or "")}
                ]
                voiced = [b for b in voiced if self._voiced(text, b)] if voiced and not a.name else []
                if voiced:
                    prev = voiced[-1]  # "a statement from Meloni's office said the prime minister had ...": Meloni
                if (
                    prev is not None
                    and not a.name
                    and any(_same_holder(b, prev, self._roles) and not self._voiced(text, b) for b in out)
                ):
                    # "the Crown Prince welcomed the prime minister": one person is not both; the title's other holder
                    holders = {
                        b.name: b
                        for b in self.named.values()
                        if b.name != prev.name and a.role in {b.role, *self._roles(b.name or "")}
                    }
                    prev = next(iter(holders.values())) if len(holders) == 1 else prev
                if prev is not None and _same_person(a.name, prev.name):
                    a = replace(a, country=prev.country, name=a.name or prev.name)
                    if not found.name and a.role and prev is self.last_by_role.get(a.role):
                        self.bare_titled[a.role] = a  # the title's holder so far, referred to by it alone
            out.append(a)
        spk = speaker(text, out)
        resolved: list[ActorMention] = []
        for unresolved in out:
            a = unresolved
            if a.kind in ("we", "i") and spk is None and SPEECH.search(text):
                # 'She said, "I have instructed ..."': a pronoun the context resolved to a leader is the speaker
                said = [b for b in resolved if b.kind == "he_or_she" and b.country and not b.in_quote]
                if said:
                    a = replace(a, name=said[-1].name, role=said[-1].role, country=said[-1].country)
            if a.kind in ("we", "i") and spk is not None and spk.country:
                a = replace(a, name=spk.name, role=spk.role, country=spk.country)
            if a.kind == "he_or_she":
                # the nearest leader before it in this sentence, else the last one of the article; a minister
                # named in between is who "he" is ("Rangel held talks with his counterpart")
                people = [b for b in resolved if b.kind in ("leader", "official") and b.end <= a.start]
                if not a.in_quote:
                    # '"I have ordered Defense Minister X to ...," he said': who a quote names is not its speaker
                    people = [b for b in people if not b.in_quote]
                if people and people[-1].kind == "official":
                    continue
                before = [b for b in resolved if b.is_sitting_leader and b.country and b.end <= a.start]
                ref = before[-1] if before else self._salient_leader()
                if ref is None:
                    continue
                a = replace(a, name=ref.name, role=ref.role, country=ref.country)
            resolved.append(a)
        if self.discourse is not None:
            visitor = self.salient
            if visitor is not None and visitor.is_sitting_leader and visitor.country and not visitor.in_quote:
                resolved = self.discourse.visitor_reference(text, resolved, visitor)
            if self.meeting:
                resolved = self.discourse.meeting_references(text, resolved, self.meeting)
            elif self.meeting is None:
                self.meeting = self.discourse.leaders_meeting(text, resolved)
        if self.discourse is not None:
            resolved = self.discourse.duration_references(text, resolved, self.previous_leaders)
            resolved = self.discourse.official_references(text, resolved, self.officials)
            self.officials = self.discourse.officials_group(text, resolved) or self.officials
        self.previous_leaders = tuple(
            sorted({a.country for a in resolved if a.is_sitting_leader and a.country and not a.in_quote})
        )
        for a in resolved:
            if a.kind == "state" and a.country and a.form == "name":
                self.named_states.setdefault(a.text, a.country)
            elif a.is_sitting_leader and a.country:
                self.led_states.add(a.country)
        people = [
            a
            for a in resolved
            if not a.in_quote and (a.kind == "official" or (a.kind in ("leader", "he_or_she") and a.country))
        ]
        if people:
            self.salient = people[0]
        for a in resolved:
            if a.kind == "official" and a.name and not a.former:  # "Mr Botha" after "Foreign Minister Pik Botha"
                surname = self._surname(a)
                if surname:
                    self.surnames.setdefault(surname, a)  # "Rangel" after "Minister ... Paulo Rangel"
            if a.is_sitting_leader and a.country and a.kind == "leader" and a.form != ROYAL_STYLE:
                # a royal style refers back; it does not make its leader the last one named by role
                if a.role and a.role not in ("leader", "counterpart") and not self._keeps_bare_title(a):
                    self.last_by_role[a.role] = a
                    self.titled.add(a.role)
                for role in self._roles(a.name or "") - {a.role, "leader", "counterpart"} - self.titled:
                    # offices the person holds but the article did not call them by: used only when no one
                    # else was called that ("the Crown Prince" after "Mohammed bin Salman")
                    self.last_by_role.setdefault(role, a)
                self.last_leader = a
                self.leader_counts[a.country] += 1
                words = f"{a.role or ''} {a.text}".lower().split()
                if any(w in words for w in self.royal_marks) and all(r.name != a.name for r in self.royals):
                    self.royals.append(a)
                if a.name and a.country not in self.named:
                    self.named[a.country] = a
                for surname in (self._surname(a), self._written_surname(a), self._spelled_surname(a)):
                    if surname:
                        self.surnames.setdefault(surname, a)
        return resolved

    def _roles(self, name: str) -> frozenset[str]:
        return self.roles_of(name, self.on)

    def _voiced(self, text: str, b: ActorMention) -> bool:
        """'Abadi's office said the prime minister had ...': a leader named as the owner of his own voice reports,
        and is not someone else in the sentence."""
        return self.voice_after is not None and self.voice_after.match(text, b.end) is not None

    def _keeps_bare_title(self, a: ActorMention) -> bool:
        """Does 'the President' stay the leader the article called so, though it now names another holder with his
        state or by surname ('his meeting with Indonesian President Joko Widodo', 'he told Widodo')?"""
        own = self.bare_titled.get(a.role or "")
        if own is None or own.country == a.country or not a.role:
            return False
        # only the title itself before another holder's name hands it over ("President Widodo"); his state before
        # it ("Indonesian President Joko Widodo") or his surname alone ("told Widodo") keeps it
        low = a.text.lower()
        return not (low.startswith(a.role) or low.startswith("the " + a.role))

    def _written_surname(self, a: ActorMention) -> str | None:
        """'Cristina Fernandez' of Cristina Fernandez de Kirchner: the article's own last name word, when it is one
        of the full name's words other than the first and not the knowledge base's surname, is called by later."""
        parts = (a.name or "").split()
        words = [w for w in a.text.split() if w.strip(".,").lower() not in self.title_words]
        if len(words) < 2 or len(parts) < 3 or a.country in self.family_name_first:
            return None
        word = words[-1]
        if word not in parts[1:-1] or not word[:1].isupper() or len(word) <= 2 or "-" in word:
            return None
        return word

    def _spelled_surname(self, a: ActorMention) -> str | None:
        """'Fernández' of 'Alberto Fernández' (the knowledge base's 'Alberto Fernandez'): the surname as the article
        spells it, when that differs from the knowledge base's only by accents, is what it calls him by later."""
        surname = self._surname(a)
        if surname is None or surname in a.text:
            return None
        return next((w for w in a.text.split() if w != surname and _unaccented(w) == surname), None)

    def _salient_leader(self) -> ActorMention | None:
        """Who a sentence-initial 'he'/'she' is: the person the previous sentence was about when that is a leader;
        nobody when it is an official; the last leader when no one was named yet."""
        if self.salient is None:
            return self.last_leader
        if self.salient.kind == "official":
            return None
        return self.salient if self.salient.is_sitting_leader or self.salient.kind == "he_or_she" else self.last_leader

    def _surname(self, a: ActorMention) -> str | None:
        """The word a leader named in full is called by later: the last one ("Wong" of "Lawrence Wong"), the first
        where names start with the family name ("Kim" of "Kim Jong Un", "Moon" of "Moon Jae-in")."""
        parts = (a.name or "").split()
        if len(parts) < 2:
            return None
        first = a.country in self.family_name_first or (
            len(parts) == 3 and a.country in self.family_name_first_of_three
        )
        word = parts[0] if first else parts[-1]
        # a family name that comes first is often of two letters ("Li" of "Li Peng", "Hu" of "Hu Yaobang")
        shortest = 2 if first else 3
        return word if word[:1].isupper() and len(word) >= shortest and "-" not in word else None

    def _royal_references(self, text: str, actors: list[ActorMention]) -> list[ActorMention]:
        """'His Highness and the Indian Prime Minister directed ...': a royal style standing alone is the one royal
        leader the article has named (a king, an emir, a crown prince, a ruler styled Sheikh or His Highness)."""
        if self.royal_forms is None or len({a.country for a in self.royals}) != 1:
            return actors
        ref = self.royals[0]
        extra = [
            replace(ref, start=m.start(), end=m.end(), text=m.group(0), in_quote=False, form=ROYAL_STYLE)
            for m in self.royal_forms.finditer(text)
            if not any(a.start < m.end() and m.start() < a.end for a in actors)
        ]
        return sorted([*actors, *extra], key=lambda a: a.start) if extra else actors

    def home_leaders(self, kb: Knowledge, country: str, on: date | None, texts: list[str]) -> None:
        """A story datelined in a state calls that state's sitting leader by surname alone ('NEW DELHI - ...
        Gandhi told ministries to ...') even where the knowledge base keeps the surname out of the aliases
        because other people bear it. Taken only for the one holder of the office, never for a common word or
        name, and never when the article names someone else by it ('Sonia Gandhi', 'Minister Garcia')."""
        common = kb.words("discourse", "common_word_surnames")
        sitting = kb.sitting_leaders(country, on)
        for lead in sitting:
            if sum(other.role == lead.role for other in sitting) > 1:
                continue  # a handover year: which of the two the surname means is not known
            mention = ActorMention(0, 0, lead.name, "leader", lead.name, lead.role, lead.country)
            surname = self._surname(mention)
            if not surname or surname in common or surname in kb.leaders or surname in self.surnames:
                continue
            own = {w.lower() for w in lead.name.split()}
            if not any(_names_another(kb, t, surname, own) for t in texts):
                self.surnames[surname] = mention

    def _local_surnames(self, text: str, actors: list[ActorMention]) -> list[ActorMention]:
        """A leader named in full earlier in the article is later called by surname alone."""
        if not self.surnames:
            return actors
        extra = []
        for surname, ref in self.surnames.items():
            if surname not in text:
                continue  # most sentences name few of the article's leaders: no regex for the others
            for m in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
                if FACILITY_AFTER.match(text, m.end()) or self._part_of_other_name(text, m.start(), m.end()):
                    continue
                if not any(a.start <= m.start() < a.end for a in actors):
                    extra.append(replace(ref, start=m.start(), end=m.end(), text=surname, in_quote=False))
        return sorted([*actors, *extra], key=lambda a: a.start) if extra else actors

    def _part_of_other_name(self, text: str, start: int, end: int) -> bool:
        """'Melania Trump', 'Kim Yo Jong': the surname is part of another person's name."""
        if _NAME_WORD_AFTER.match(text, end):
            return True
        before = _NAME_WORD_BEFORE.search(text, 0, start)
        return before is not None and before.start() > 0 and before.group(1).lower() not in self.title_words

    def plural_states(self, a: ActorMention) -> tuple[str, ...]:
        """States a plural reference stands for: its own list, else the article's main meeting; a definite
        reference to the article's meeting ('the talks') is the first meeting the parse found, when it found one."""
        if a.form == MEETING_REFERENCE and self.lead_meeting:
            return self.lead_meeting
        return a.states or self.main_states


def _unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _same_holder(b: ActorMention, ref: ActorMention, roles_of: Callable[[str], frozenset[str]]) -> bool:
    """Is b the leader ref, by name or by another title ref holds in the same state ('the Crown Prince' of MBS)?"""
    if b.kind != "leader" or b.former:
        return False
    if b.name:
        return b.name == ref.name
    return b.country == ref.country and b.role is not None and b.role in roles_of(ref.name or "")


def _names_another(kb: Knowledge, text: str, surname: str, own: set[str]) -> bool:
    """Does the text name someone else with this surname: a given name ('Sonia Gandhi') or a title that is no
    leader's ('Finance Minister Garcia') right before it? The leader's own given names and titles do not count."""
    openers = kb.words("discourse", "sentence_openers")
    for m in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
        titled = kb.title_before_re.search(text, max(0, m.start() - 80), m.start())
        if titled:
            if not kb.is_leader_title(titled.group("title")):
                return True
            continue
        before = _NAME_WORD_BEFORE.search(text, 0, m.start())
        if before is None or before.group(1).lower() in own:
            continue
        # a capitalised word opening the sentence is a given name unless a function word ("But Gandhi said")
        if before.start() > 0 or before.group(1).lower() not in openers:
            return True
    return False


def _same_person(name: str | None, known: str | None) -> bool:
    """'the President' or 'President Sudani' can be Mohammed Shia al-Sudani; 'Prime Minister Bisher
    Al-Khasawneh' cannot: another name is another person."""
    if not name or not known:
        return True
    words = {w.lower() for w in re.split(r"[\s-]+", known)}
    return all(w.lower() in words for w in re.split(r"[\s-]+", name))


def context_factory(
    kb: Knowledge, meeting_words: frozenset[str] = frozenset(), reference_nouns: frozenset[str] = frozenset()
) -> Callable[[], ArticleContext]:
    """A fresh ArticleContext per article, with what it needs of the knowledge base computed once. The meeting
    types' words (a sentence reporting a meeting; the nouns a reference to it uses) let the discourse step find
    definite references to the article's meeting; without them it finds none."""
    titles = [*kb.leader_titles, *kb.non_leader_titles, *kb.honorifics]
    title_words = frozenset(w.strip(".").lower() for t in titles for w in t.split())
    family_name_first = kb.words("discourse", "family_name_first")
    family_name_first_of_three = kb.words("discourse", "family_name_first_of_three")
    discourse = Discourse.from_knowledge(kb, meeting_words, reference_nouns)

    @functools.lru_cache(maxsize=4096)  # asked for every pair of people in a sentence: a sentence of titles asks a lot
    def roles_of(name: str, on: date | None) -> frozenset[str]:
        return frozenset(lead.role for lead in kb.leaders.get(name, []) if lead.in_office(on))

    forms = sorted(kb.words("discourse", "royal_styles"), key=len, reverse=True)
    # a style with no name after it ("His Highness and the Prime Minister", not "His Highness Sheikh Mohamed")
    royal_forms = re.compile(rf"\b(?:{'|'.join(re.escape(f) for f in forms)})\b(?![ \t]+(?:the[ \t]+)?[A-Z])")
    royal_marks = kb.words("discourse", "royal_marks")
    # a bare title stands for the one leader named holding an office it names: by what it is, or by another name
    generic_roles = {**kb.word_map("discourse", "generic_roles"), **kb.word_map("discourse", "role_synonyms")}
    voices = sorted(kb.words("discourse", "voice_nouns"), key=len, reverse=True)
    voice_after = re.compile(rf"['’]s\s+(?:own\s+)?(?:{'|'.join(re.escape(v) for v in voices)})\b", re.IGNORECASE)

    def new() -> ArticleContext:
        return ArticleContext(
            roles_of=roles_of,
            family_name_first=family_name_first,
            family_name_first_of_three=family_name_first_of_three,
            title_words=title_words,
            meeting_nouns=reference_nouns,
            discourse=discourse,
            royal_forms=royal_forms,
            royal_marks=royal_marks,
            generic_roles=generic_roles,
            voice_after=voice_after,
        )

    return new
