"""Who is in a sentence: leaders, officials, states and the references wire copy uses for them.

Finds "Japanese Prime Minister Shinzo Abe", "Abe", "the Russian leader", "his Colombian counterpart",
"the President of Venezuela, Nicolas Maduro", "the leaders of Japan and South Korea", "the two leaders",
"the parties", quoted "we"/"I", and state names, demonyms and metonyms ("Moscow and Tokyo").
Pure text matching over the knowledge base; resolution against the rest of the article is in `context`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from dipevents.core.calendar_words import CALENDAR_WORDS
from dipevents.core.knowledge import Knowledge

# "he_or_she": a singular third-person pronoun (he, she, his, her), resolved by the context to a person
Kind = Literal["leader", "official", "state", "plural_leaders", "plural_parties", "we", "i", "they", "he_or_she"]

_NAME_PARTICLES = r"(?:de|da|do|dos|das|del|della|di|du|van|von|der|den|la|le|el|al|bin|binti|ibn|bint|ul|y)"
_CAP_WORD = r"[A-Z][\w'’\-]*\.?"
_NAME_AFTER = re.compile(rf"^,?\s+(?P<name>{_CAP_WORD}(?:\s+(?:{_NAME_PARTICLES}\s+)*{_CAP_WORD}){{0,4}})(?:,|\b)")
# A sentence opening with a prepositional phrase ("According to the minister, ...", "In a statement read out by
# the foreign minister, ..."): the comma after a title there may close the phrase, not open an appositive
_INTRODUCTORY = re.compile(
    r"^\W*(?:according\s+to|in|on|at|by|for|from|with|after|before|during|under|like|unlike|as)\b[^,;]*$",
    re.IGNORECASE,
)
# not in office on the day: "former", "late" ... and a man tipped as "the next Soviet leader"
_FORMER = re.compile(
    r"(?:\b(?:former|ex|then|late|outgoing|acting|interim|incoming|designate|next|future|would-be)[- ]\s*)$",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"['’]s?\s+$")
# "the first visit by an Indian prime minister in 50 years": a title after an indefinite article is any holder, no one
_INDEFINITE_BEFORE = re.compile(r"\b(?:a|an|A|An)\s+$")
_NUMBER = r"(?:two|three|four|five|six|seven|eight|both|\d+)"
_PLURAL_LEADERS = re.compile(
    rf"\b(?:(?:the|both|all|their)\s+(?:{_NUMBER}\s+)?(?:visiting\s+)?"
    r"(?:leaders|presidents|heads of state(?: and government)?|heads of government|prime ministers|premiers"
    r"|chancellors|PMs)"
    rf"|(?:the|both)\s+{_NUMBER}\s+(?:men|women)|{_NUMBER}\s+(?:leaders|presidents|heads of state)"
    # "The two met at the royal residence": a bare "the two" only as the subject of a meeting verb
    r"|(?:the|both)\s+two(?=\s+(?:(?:had|have|also)\s+)?(?:met|spoke|talked|spent|sat\s+down|held\s+(?:talks|a\s+meeting)))"
    rf"|both\s+(?:leaders|presidents|heads of state|men)"
    # "each leader gave instructions to his own team": each of the leaders just named (weak: no number, so no
    # summit of its own)
    r"|each\s+(?:leader|president|prime minister|premier|head of state|head of government))\b",
    re.IGNORECASE,
)
_NAMED_BODY = re.compile(r"[A-Z][\w'’-]*")


def _heads_a_body(text: str, at: int, kb: Knowledge) -> bool:
    """A capitalised name after 'president of (the)' that is no state and no people ('King of the Belgians'):
    a body the title heads ('of CELAC', 'of the Senate')."""
    m = _NAMED_BODY.match(text, at)
    return m is not None and m.group(0).removesuffix("s") not in kb.demonyms


_AND_LEADERS = r"\s+(?:leaders|presidents|prime ministers|premiers|heads of state|heads of government)\b"
_AND_LEADERS_RE = re.compile(_AND_LEADERS, re.IGNORECASE)
_LEADERS_OF = re.compile(
    r"\b(?:the\s+)?(?:leaders|presidents|heads of state|heads of government)\s+of\s+", re.IGNORECASE
)
_PLURAL_PARTIES = re.compile(
    rf"\b(?:(?:the|both|all)\s+(?:{_NUMBER}\s+)?(?:sides|parties|countries|nations|governments|neighbou?rs|states|delegations|capitals|allies)"
    rf"|{_NUMBER}\s+(?:sides|countries|nations|governments))\b",
    re.IGNORECASE,
)
_HE_OR_SHE = re.compile(r"\b(?:he|He|she|She|his|His|her|Her)\b")
_PATRONYMIC_BEFORE = re.compile(r"\b(?:bin|ibn|bint|binti)\s$")
_BARREL_BEFORE = re.compile(r"\b[A-Z][a-z]{3,}-$")  # "Dlamini-" of "Dlamini-Zuma" (not "El-" of "El-Sisi")
# a capitalised word right before a one-word alias, in the sentence ("Gen Raheel Sharif", "Sonia Gandhi")
_NAME_WORD_BEFORE = re.compile(r"(?<![.!?]\s)(?<![\"“‘(])\b([A-Z][a-z]+)[ \t]+$")
_WE = re.compile(r"\b(?:we|We|our|Our|us|WE)\b")
_I = re.compile(r"\bI\b")
_THEY = re.compile(r"\b(?:they|They|their|Their|them)\b")
_QUOTES = re.compile(r"[\"“](.*?)(?:[\"”]|$)|‘(.*?)(?:’(?!\w)|$)", re.DOTALL)
SPEECH = re.compile(r"\b(?:said|says|told|added|noted|stressed|explained|declared|announced|wrote|according to)\b")


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    text: str
    kind: Kind
    name: str | None = None
    role: str | None = None
    country: str | None = None
    former: bool = False
    states: tuple[str, ...] = ()  # for plural references that name their states
    in_quote: bool = False
    form: str | None = None  # for states: name | demonym | metonym
    weak: bool = False  # "the leaders" without a number: generic, never enough to make a summit

    @property
    def is_sitting_leader(self) -> bool:
        return self.kind == "leader" and not self.former


_CLOSE_THEN_SPEECH = re.compile(r"[,.!?]?[\"”]\s*(?:[A-Z][\w.' -]{0,60}?\s)?(?:said|says|told|added|stressed|noted)\b")


def quote_spans(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in _QUOTES.finditer(text)]
    # A quote opened in the previous sentence ends in this one: '... our ministries," Putin said.'
    first_open = min((text.find(q) for q in '“"' if text.find(q) >= 0), default=-1)
    close = _CLOSE_THEN_SPEECH.search(text)
    if close and (first_open < 0 or first_open >= close.start()) and "“" not in text[: close.start()]:
        # the closing mark is no opening of a new quote (a straight '"' matches both ways)
        mark = close.start() + (close.group(0)[0] in ",.!?")
        spans = [(0, close.start() + 1)] + [sp for sp in spans if sp[0] > mark]
    return spans


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(s <= pos < e for s, e in spans)


FACILITY_AFTER = re.compile(
    r"(?:'s)?\s+(?:Palace|House|Hall|Square|Street|Avenue|Road|Boulevard|Airport|University|Stadium|Centre|Center|"
    r"Park|Bridge|Building|Museum|Foundation|Institute|School|Hospital|Port|Station|Tower|Mausoleum|Library|Dam)\b"
)


def _given_name_of_another(text: str, at: int, alias: str, kb: Knowledge, on: date | None) -> bool:
    """Do given names not the leader's own stand right before a one-word alias ('army chief Gen Raheel Sharif',
    'Foreign Minister Bilawal Bhutto', 'first lady Melania Trump')? One given name is someone else's; several are
    someone else's only after a title no leader bears (middle names: 'President Rodrigo Roa Duterte')."""
    before = _NAME_WORD_BEFORE.search(text, max(0, at - 30), at)
    if before is None:
        return False
    leader = kb.leader(alias, on) or kb.any_leader(alias)
    own = {w.lower() for w in re.split(r"[\s.-]+", leader.name)} if leader else set()

    def other_word(word: str) -> bool:  # a word that is no given name: a title, a state, a month, 'But'
        return (
            word.lower() in kb.words("discourse", "sentence_openers")
            or word.lower() in CALENDAR_WORDS
            or kb.state_of(word) is not None
            or kb.title_re.fullmatch(word) is not None
            or kb.title_re.fullmatch(word.removesuffix("s")) is not None  # "Presidents Tshisekedi and Kagame"
            or any(word.lower() == h.lower().rstrip(".") for h in kb.honorifics)
        )

    word = before.group(1)
    if word.lower() in own or other_word(word):
        return False
    start, words = before.start(), 1
    while words < 3 and (prev := _NAME_WORD_BEFORE.search(text, max(0, start - 30), start)):
        if prev.group(1).lower() in own:
            return False  # the leader's own given name first: what follows it are his middle names
        if other_word(prev.group(1)):
            break
        start, words = prev.start(), words + 1
    titled = kb.title_before_re.search(text, max(0, start - 80), start)
    if titled:
        # a leader's title, now or before ("former Prime Minister Takeo Fukuda"), keeps the leader reading
        title = re.sub(r"^(?:former|ex-)\s*", "", titled.group("title").lower())
        return not kb.is_leader_title(title)
    return words == 1


def find_actors(text: str, kb: Knowledge, on: date | None) -> list[ActorMention]:
    quotes = quote_spans(text)
    found: list[ActorMention] = []
    taken = bytearray(len(text))  # 1 where a found mention already explains the text

    def free(s: int, e: int) -> bool:
        return taken.find(1, s, e) < 0

    def take(s: int, e: int) -> None:
        taken[s:e] = b"\x01" * (e - s)

    title_before = kb.title_before_re

    # 1. Known leaders by name, with the title in front of them if any.
    for m in kb.leader_re.finditer(text):
        alias = m.group(0)
        if _PATRONYMIC_BEFORE.search(text[max(0, m.start() - 6) : m.start()]):
            continue  # "Abdulaziz bin Salman", "Faisal bin Farhan": part of someone else's name
        barrel = _BARREL_BEFORE.search(text, max(0, m.start() - 20), m.start())
        if barrel and not kb.leader_re.fullmatch(barrel.group(0)[:-1]):
            continue  # "Foreign Minister Dlamini-Zuma": a double-barrelled name, not "Zuma" (but "Bashir-Kiir talks")
        if FACILITY_AFTER.match(text, m.end()):
            continue  # "the Santos Palace", "Mandela Hall": a place named after someone
        if " " not in alias and _given_name_of_another(text, m.start(), alias, kb, on):
            continue  # "army chief Gen Raheel Sharif": another person of the leader's surname
        start, role, former, country_hint = m.start(), None, False, None
        tb = title_before.search(text[max(0, m.start() - 80) : m.start()])
        if tb:
            start = m.start() - (len(text[max(0, m.start() - 80) : m.start()]) - tb.start())
            role = tb.group("title").lower()
            country_hint, start = _qualifier_before(text, start, kb)
        if _FORMER.search(text[max(0, start - 12) : start]):
            former = True
        leader = kb.leader(alias, on)
        if role is not None and not kb.is_leader_title(role):
            kind: Kind = "official"
        else:
            kind = "leader"
            if leader is None:
                former = True  # named leader not in office at the time of the article: a recall
        info = leader or kb.any_leader(alias)
        country = info.country if info else country_hint
        if country_hint and kind == "official":
            country = country_hint
        found.append(
            ActorMention(
                start,
                m.end(),
                text[start : m.end()],
                kind,
                info.name if info else alias,
                role or (info.role if info else None),
                country,
                former,
                in_quote=_inside(quotes, m.start()),
            )
        )
        take(start, m.end())

    # 2. Titles not attached to a known name: "Chilean President Gabriel Boric", "the Russian leader".
    for m in kb.title_re.finditer(text):
        if not free(m.start(), m.end()):
            continue
        title = m.group(0).lower()
        qual, start = _qualifier_before(text, m.start(), kb)
        after = text[m.end() :]
        of_state = re.match(r"^\s+of\s+(?:the\s+)?", after)
        end = m.end()
        if of_state:
            sm = kb.state_re.match(after, of_state.end())
            if sm and kb.state_names.get(sm.group(0)):
                qual = qual or kb.state_names[sm.group(0)]
                end = m.end() + sm.end()
            elif not sm and kb.is_leader_title(m.group(0)) and _heads_a_body(after, of_state.end(), kb):
                continue  # "pro tempore president of CELAC", "president of the Senate": a body's, not a state's
        name = None
        nm = _NAME_AFTER.match(text[end:])
        if nm and nm.group(0).startswith(",") and _opens_clause(text, start, end + nm.end("name")):
            nm = None
        if nm and not kb.state_re.fullmatch(nm.group("name")) and not kb.title_re.match(nm.group("name")):
            name = nm.group("name").rstrip(".,")
            end = end + nm.start("name") + len(name)
        former = bool(_FORMER.search(text[max(0, start - 12) : start]))
        if name is None and _INDEFINITE_BEFORE.search(text, max(0, start - 4), start):
            take(start, end)  # a kind of office-holder, not a person: no actor, and its demonym is no state either
            continue
        if kb.is_leader_title(title):
            if title in ("leader", "counterpart") and not qual:
                continue  # "opposition leader", "business leaders": not a head of state or government
            kind2: Kind = "leader"
        else:
            kind2 = "official"
        found.append(
            ActorMention(
                start, end, text[start:end], kind2, name, title, qual, former, in_quote=_inside(quotes, m.start())
            )
        )
        take(start, end)

    # 3. Plural references: "the Russian and Japanese leaders", "the leaders of Japan and South Korea", ...
    walked = 0  # a start inside a list already walked would only find the tail of the same list
    for m in re.finditer(r"\b(?:the\s+|their\s+)?(?=[A-Z])", text):
        if m.start() < walked:
            continue
        states, end = _state_list(text, m.end(), kb, demonyms_only=True)
        walked = end if states else walked
        if len(states) >= 2:
            tail = _AND_LEADERS_RE.match(text, end)
            if tail and free(m.start(), tail.end()):
                end = tail.end()
                found.append(
                    ActorMention(m.start(), end, text[m.start() : end], "plural_leaders", states=tuple(states))
                )
                take(m.start(), end)
    for m in _LEADERS_OF.finditer(text):
        states, end = _state_list(text, m.end(), kb)
        if states and free(m.start(), end):
            found.append(ActorMention(m.start(), end, text[m.start() : end], "plural_leaders", states=tuple(states)))
            take(m.start(), end)
    plurals: tuple[tuple[re.Pattern[str], Kind], ...] = (
        (_PLURAL_LEADERS, "plural_leaders"),
        (_PLURAL_PARTIES, "plural_parties"),
    )
    for pattern, kind3 in plurals:
        for m in pattern.finditer(text):
            if free(m.start(), m.end()):
                weak = not re.search(rf"\b(?:{_NUMBER})\b", m.group(0), re.IGNORECASE)
                found.append(
                    ActorMention(
                        m.start(),
                        m.end(),
                        m.group(0),
                        kind3,
                        in_quote=_inside(quotes, m.start()),
                        weak=weak,
                    )
                )
                take(m.start(), m.end())
    pronouns: tuple[tuple[re.Pattern[str], Kind], ...] = ((_WE, "we"), (_I, "i"))
    for pattern, kind4 in pronouns:
        for m in pattern.finditer(text):
            if _inside(quotes, m.start()) or (kind4 == "i" and re.match(r"I and\b", text[m.start() :])):
                found.append(ActorMention(m.start(), m.end(), m.group(0), kind4, in_quote=True))  # type: ignore[arg-type]
    for m in _THEY.finditer(text):
        if not _inside(quotes, m.start()):
            found.append(ActorMention(m.start(), m.end(), m.group(0), "they"))
    for m in _HE_OR_SHE.finditer(text):
        if re.match(r"\s+(?:Royal\s+)?(?:Highness|Majesty|Excellency|Holiness)", text[m.end() :]):
            continue  # "His Royal Highness the Crown Prince": an honorific, not a pronoun
        if not _inside(quotes, m.start()):
            found.append(ActorMention(m.start(), m.end(), m.group(0), "he_or_she"))

    # 4. States by name, demonym or metonym (outside the spans already explained); the first half of "North and
    # South Korea" by itself (the second is a name).
    for m in _COMPASS_PAIR.finditer(text):
        halves = _compass_pair(m, kb)
        if halves and free(m.start("a"), m.end("a")):
            found.append(
                ActorMention(
                    m.start("a"),
                    m.end("a"),
                    m["a"],
                    "state",
                    country=halves[0],
                    form="demonym" if f"{m['b']} {m['rest']}" in kb.demonyms else "name",
                    in_quote=_inside(quotes, m.start()),
                )
            )
            take(m.start("a"), m.end("a"))
    for m in kb.state_re.finditer(text):
        if not free(m.start(), m.end()):
            continue
        s = m.group(0)
        form = "name" if s in kb.state_names else "demonym" if s in kb.demonyms else "metonym"
        found.append(
            ActorMention(
                m.start(), m.end(), s, "state", country=kb.state_of(s), form=form, in_quote=_inside(quotes, m.start())
            )
        )
    if kb.predecessors and on is not None:
        found = [_as_of(a, kb, on) for a in found]
    return sorted(found, key=lambda a: a.start)


def _as_of(a: ActorMention, kb: Knowledge, on: date) -> ActorMention:
    """The states as they were on the day: Moscow, Gorbachev and 'the Russian leader' are the Soviet Union in 1987."""
    country = kb.as_of(a.country, on)
    states = tuple(dict.fromkeys(kb.as_of(s, on) or s for s in a.states))
    if country == a.country and states == a.states:
        return a
    return replace(a, country=country, states=states)


def _opens_clause(text: str, title_start: int, name_end: int) -> bool:
    """'According to the minister, Garcia and his counterpart had talked': after a title ending an opening
    prepositional phrase, names not closed by a comma are the clause's subject, not the title's holder ('According
    to the minister, Wilfredo Huayta, the talks ...' is the minister)."""
    if not _INTRODUCTORY.match(text[:title_start]):
        return False
    return not re.match(r"\s*(?:[,.;:)]|$)", text[name_end:])


def _qualifier_before(text: str, start: int, kb: Knowledge) -> tuple[str | None, int]:
    """A state qualifying a title: 'Japanese Prime Minister', "Russia's President", 'the Kremlin leader'."""
    head = text[max(0, start - 60) : start]
    pos = re.search(r"(?:\b(?:the|his|her|their|its)\s+)?(?P<q>[\w.'’\- ]+?)(?P<poss>['’]s?)?\s+$", head)
    best: tuple[str | None, int] = (None, start)
    for m in kb.state_re.finditer(head):
        rest = head[m.end() :]
        if re.fullmatch(r"(?:['’]s?)?\s+(?:(?:former|then|new|outgoing|acting|ex)[- ]?\s*)?", rest):
            best = (kb.state_of(m.group(0)), start - (len(head) - m.start()))
    del pos
    return best


_LIST_SEP = re.compile(r",?\s+(?:and\s+)?(?:the\s+)?|,\s*")
# "North and South Korea", "East and West German leaders": two states sharing one name after two compass words
_COMPASS_PAIR = re.compile(
    r"\b(?P<a>North|South|East|West)\s+(?:and|&)\s+(?P<b>North|South|East|West)\s+(?P<rest>[A-Z]\w+)(?:['’]s)?"
)


def _compass_pair(m: re.Match[str], kb: Knowledge, demonyms_only: bool = False) -> tuple[str, str] | None:
    """The two states of an elliptical pair, when both halves are states the knowledge base names (as demonyms
    only: 'North and South Korean leaders')."""
    a, b = f"{m['a']} {m['rest']}", f"{m['b']} {m['rest']}"
    if demonyms_only and not (a in kb.demonyms and b in kb.demonyms):
        return None
    first, second = kb.state_of(a), kb.state_of(b)
    return (first, second) if first and second and first != second else None


def _state_list(text: str, pos: int, kb: Knowledge, demonyms_only: bool = False) -> tuple[list[str], int]:
    states: list[str] = []
    end = pos
    while True:
        pair = _COMPASS_PAIR.match(text, end)
        halves = _compass_pair(pair, kb, demonyms_only) if pair else None
        if pair and halves:
            states.extend(halves)
            end = pair.end()
            sep = _LIST_SEP.match(text, end)
            if not sep or not (kb.state_re.match(text, sep.end()) or _COMPASS_PAIR.match(text, sep.end())):
                break
            end = sep.end()
            continue
        m = kb.state_re.match(text, end)
        if not m or not kb.state_of(m.group(0)) or (demonyms_only and m.group(0) not in kb.demonyms):
            break
        states.append(kb.state_of(m.group(0)) or "")
        end = m.end()
        sep = _LIST_SEP.match(text, end)  # at a position: no copy of the rest of the text per state
        if not sep:
            break
        nxt = kb.state_re.match(text, sep.end())
        if not nxt:
            break
        end = sep.end()
    return states, end


def speaker(text: str, actors: list[ActorMention]) -> ActorMention | None:
    """The leader a quote is attributed to within the sentence ('..., Putin said')."""
    outside = [a for a in actors if a.kind == "leader" and not a.in_quote]
    if not outside or not SPEECH.search(text):
        return None
    return outside[-1]
