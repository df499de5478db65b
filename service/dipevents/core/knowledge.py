"""World knowledge as data: states (ISO alpha-3, names, demonyms, capitals, metonyms, cities), venues, leaders
with their terms of office, titles of office, time zones, and the trigger lexicons. Loaded once, then read-only.

The files live in service/dipevents/data/ (see its README); nothing here is specific to one article.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Leader:
    name: str
    country: str
    role: str
    start: int
    end: int | None
    # the first day the office was one of a state, where the year alone says too much: a republic's president of
    # a state that had not yet dissolved (Yeltsin in August 1991 led the Russian republic of the Soviet Union)
    first_day: date | None = None

    def in_office(self, on: date | None) -> bool:
        if on is None:
            return True
        if self.first_day is not None and on < self.first_day:
            return False
        return self.start <= on.year and (self.end is None or on.year <= self.end)


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    kind: str  # capital | city | venue
    city: str | None = None


@dataclass
class Knowledge:
    country_names: dict[str, str]  # iso3 -> display name
    state_names: dict[str, str]  # surface (case kept) -> iso3: names and aliases
    demonyms: dict[str, str]  # surface -> iso3
    metonyms: dict[str, str]  # surface -> iso3 ("Kremlin", "Moscow")
    places: dict[str, Place]  # surface -> place (capitals, cities, venues)
    leaders: dict[str, list[Leader]]  # alias -> leaders known by it
    leader_titles: list[str]
    non_leader_titles: list[str]
    honorifics: list[str]
    lexicon: dict[str, Any] = field(default_factory=dict)  # section (a file of data/lexicons) -> its lists
    # IANA zones: "countries" (iso3 -> its capital's zone), "places" and "regions" (surface -> zone) where a
    # city or a state/province keeps other hours than its country's capital
    time_zones: dict[str, dict[str, str]] = field(default_factory=dict)
    # a state that was part of one that no longer exists stands for it in copy of that time: iso3 -> (the day it
    # is itself from, the dissolved state) -- Moscow and Gorbachev are the Soviet Union (SUN) in 1987
    predecessors: dict[str, tuple[date, str]] = field(default_factory=dict)
    _words: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _derived: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Knowledge:
        base = Path(str(data_dir)) if data_dir else Path(str(resources.files("dipevents") / "data"))
        countries = _read(base / "countries.json")
        venues = _read(base / "venues.json") if (base / "venues.json").exists() else []
        leaders_raw = _read(base / "leaders.json")
        titles = _read(base / "titles.json")
        lexicon = {path.stem: _read(path) for path in sorted((base / "lexicons").glob("*.json"))}
        zones = _read(base / "time_zones.json") if (base / "time_zones.json").exists() else {}

        names: dict[str, str] = {}
        demonyms: dict[str, str] = {}
        metonyms: dict[str, str] = {}
        places: dict[str, Place] = {}
        display: dict[str, str] = {}
        predecessors: dict[str, tuple[date, str]] = {}
        for c in countries:
            iso = c["iso3"]
            display[iso] = c["name"]
            for successor, since in c.get("stood_for_by", {}).items():
                predecessors[successor] = (date.fromisoformat(since), iso)
            for n in [c["name"], *c.get("aliases", [])]:
                names.setdefault(n, iso)
                if n.startswith("the "):
                    names.setdefault(n[4:], iso)
            for d in c.get("demonyms", []):
                demonyms.setdefault(d, iso)
            for m in c.get("metonyms", []):  # ambiguous capitals (Kingston, Victoria) are places, not metonyms
                metonyms.setdefault(m, iso)
            for cap in c.get("capitals", []):
                places.setdefault(cap, Place(cap, iso, "capital", cap))
            for city in c.get("cities", []):
                places.setdefault(city, Place(city, iso, "city", city))
        for v in venues:
            places.setdefault(v["name"], Place(v["name"], v["country"], "venue", v.get("city")))
        leaders: dict[str, list[Leader]] = {}
        for item in leaders_raw:
            # 'leader_from': the day a stint's holder starts counting as his state's leader, later than the office's
            # own start (a crown prince made prime minister); before it he is read as out of office
            counts_from = item.get("leader_from") or item.get("from_day")
            first_day = date.fromisoformat(counts_from) if counts_from else None
            start = first_day.year if item.get("leader_from") and first_day else int(item["from"])
            leader = Leader(item["name"], item["country"], item["role"], start, item.get("to"), first_day)
            for alias in {item["name"], *item.get("aliases", [])}:
                leaders.setdefault(alias, []).append(leader)
        return cls(
            country_names=display,
            state_names=names,
            demonyms=demonyms,
            metonyms=metonyms,
            places=places,
            leaders=leaders,
            leader_titles=sorted({t.lower() for t in titles["leader_titles"]}, key=len, reverse=True),
            non_leader_titles=sorted({t.lower() for t in titles["non_leader_titles"]}, key=len, reverse=True),
            honorifics=sorted(set(titles.get("honorifics", [])), key=len, reverse=True),
            lexicon=lexicon,
            time_zones={k: v for k, v in zones.items() if isinstance(v, dict)},
            predecessors=predecessors,
        )

    def leader(self, alias: str, on: date | None) -> Leader | None:
        """The leader known by `alias` in office on `on` (any term if `on` is None)."""
        options = self.leaders.get(alias, [])
        sitting = [lead for lead in options if lead.in_office(on)]
        if sitting:
            return max(sitting, key=lambda lead: lead.start)
        return None

    def sitting_leaders(self, country: str, on: date | None) -> list[Leader]:
        """Every leader of `country` in office on `on` (each stint once)."""
        by_country = self.memo("leaders_by_country", self._leaders_by_country)
        return [lead for lead in by_country.get(country, ()) if lead.in_office(on)]

    def _leaders_by_country(self) -> dict[str, tuple[Leader, ...]]:
        found: dict[str, set[Leader]] = {}
        for options in self.leaders.values():
            for lead in options:
                found.setdefault(lead.country, set()).add(lead)
        return {c: tuple(sorted(ls, key=lambda lead: (lead.start, lead.name))) for c, ls in found.items()}

    def any_leader(self, alias: str) -> Leader | None:
        options = self.leaders.get(alias, [])
        return max(options, key=lambda lead: lead.start) if options else None

    def as_of(self, iso: str | None, on: date | None) -> str | None:
        """The state `iso` was part of on `on`, if it was not yet a state of its own ('RUS' in 1987 is 'SUN')."""
        found = self.predecessors.get(iso) if iso else None
        if found is None or on is None or on >= found[0]:
            return iso
        return found[1]

    def place_on(self, place: Place, on: date | None) -> Place:
        """The place with the state it belonged to on `on` (Moscow is in the Soviet Union in 1987)."""
        country = self.as_of(place.country, on)
        return place if country == place.country or country is None else replace(place, country=country)

    def state_of(self, surface: str) -> str | None:
        return self.state_names.get(surface) or self.demonyms.get(surface) or self.metonyms.get(surface)

    # Compiled matchers, built on first use and reused for every article.
    @cached_property
    def leader_re(self) -> re.Pattern[str]:
        return _alternation(self.leaders)

    @cached_property
    def state_re(self) -> re.Pattern[str]:
        return _alternation([*self.state_names, *self.demonyms, *self.metonyms])

    @cached_property
    def place_re(self) -> re.Pattern[str]:
        return _alternation(self.places)

    @cached_property
    def title_re(self) -> re.Pattern[str]:
        alts = _trie({*self.leader_titles, *self.non_leader_titles})
        return re.compile(rf"(?<![\w-])(?:{alts})(?![\w])", re.IGNORECASE)

    @cached_property
    def title_before_re(self) -> re.Pattern[str]:
        """A title (and honorifics) right before a name: 'Prime Minister Dr. ' + 'Mahathir'."""
        hon = "|".join(re.escape(h) for h in self.honorifics) or r"Dr\."
        return re.compile(rf"(?P<title>{self.title_re.pattern})\s+(?:(?:{hon})\s+)*$", re.IGNORECASE)

    @cached_property
    def _places_folded(self) -> dict[str, Place]:
        return {k.casefold(): v for k, v in sorted(self.places.items(), key=lambda kv: kv[1].kind == "capital")}

    def dateline_place(self, dateline: str) -> Place | None:
        """The city of a dateline ('LONDON', 'ST. PETERSBURG', 'Thurmont, Maryland'), if the knowledge base
        knows it; a state name alone ('SINGAPORE' aside, which is its capital) is not a city."""
        city = dateline.split(",", maxsplit=1)[0].strip().casefold()
        return self._places_folded.get(city)

    def known_place(self, name: str) -> bool:
        """Whether a dateline's name is a place the knowledge base knows (a city, a region, a state), not an
        agency's ('Reuters')."""
        return self.dateline_place(name) is not None or self.dateline_zone(name) is not None

    @cached_property
    def _zones_folded(self) -> tuple[dict[str, str], dict[str, str]]:
        return (
            {k.casefold(): v for k, v in self.time_zones.get("places", {}).items()},
            {k.casefold(): v for k, v in self.time_zones.get("regions", {}).items()},
        )

    def dateline_zone(self, dateline: str) -> ZoneInfo | None:
        """The time zone of a dateline: its city's, else its region's ('..., Maryland'), else its state's."""
        parts = [x.strip() for x in dateline.split(",") if x.strip()]
        if not parts:
            return None
        folded, regions = self._zones_folded
        countries = self.time_zones.get("countries", {})
        name = folded.get(parts[0].casefold())
        for part in parts[1:]:
            name = name or regions.get(part.casefold()) or countries.get(self.state_names.get(part, ""), None)
        if name is None:
            place = self.dateline_place(dateline)
            iso = place.country if place else self.state_names.get(parts[0].title(), "")
            name = countries.get(iso)
        return _zone(name) if name else None

    def is_leader_title(self, title: str) -> bool:
        return title.lower() in self.leader_titles

    def with_sections(self, sections: Mapping[str, Any]) -> Knowledge:
        """This knowledge with lexicon sections added (an event type that brings its own words)."""
        if not sections:
            return self
        clash = sorted(k for k, v in sections.items() if k in self.lexicon and self.lexicon[k] != v)
        if clash:
            raise ValueError(f"lexicon section(s) {clash} already exist with other words")
        return replace(self, lexicon={**self.lexicon, **sections})

    def words(self, *path: str) -> frozenset[str]:
        """A lexicon list as a set: words("summit", "verbs")."""
        found = self._words.get(path)
        if found is None:  # asked per token by the extractors: build each set once
            found = self._words[path] = frozenset(self._node(path))
        return found

    def word_map(self, *path: str) -> dict[str, frozenset[str]]:
        """A lexicon object of lists, in the file's order: word_map("summit", "verb_excluded_preps")."""
        found: dict[str, frozenset[str]] = self.memo(
            ("word_map", *path), lambda: {k: frozenset(v) for k, v in self._node(path).items()}
        )
        return found

    def pattern(self, *path: str, ignore_case: bool = True) -> re.Pattern[str]:
        """A lexicon list as one regex of whole words or phrases. In an entry, `*` stands for any word characters,
        `#` for digits and a space for any white space: ["phon*", "online summit", "G-#"]."""
        found: re.Pattern[str] = self.memo(
            ("pattern", ignore_case, *path), lambda: word_pattern(self._node(path), ignore_case)
        )
        return found

    def memo(self, key: Any, compute: Callable[[], Any]) -> Any:
        """A value derived from the knowledge (a compiled lexicon regex), computed once per Knowledge."""
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]

    def _node(self, path: tuple[str, ...]) -> Any:
        node: Any = self.lexicon
        for p in path:
            node = node[p]
        return node


def word_pattern(entries: Iterable[str], ignore_case: bool = True) -> re.Pattern[str]:
    """Whole words or phrases, longest first; `*` = any word characters, `#` = digits, space = any white space."""
    alternatives = [
        re.escape(e).replace(r"\*", r"\w*").replace(r"\#", r"\d+").replace(r"\ ", r"\s+")
        for e in sorted(set(entries), key=lambda e: (-len(e), e))
    ]
    if not alternatives:
        return re.compile(r"(?!)")  # an empty list matches nothing
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE if ignore_case else 0)


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError):  # a zone the machine's tz database lacks: the publisher's offset decides
        return None


def _read(path: Path) -> Any:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _trie(words: Any) -> str:
    """`(?:w1|w2|...)` with the longest alternative first, as a prefix trie: the same matches (the longest word
    that matches at a position, with what follows it), but the regex engine tests one branch per character
    instead of every word at every position of the text."""
    root: dict[str, Any] = {}
    for w in words:
        if w:
            node = root
            for ch in w:
                node = node.setdefault(ch, {})
            node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if "" in node else "")

    return build(root)


def _alternation(surfaces: Any) -> re.Pattern[str]:
    alts = _trie(set(surfaces))
    # Letters on either side break a match; hyphens and apostrophes do not ("Putin-Abe", "Russia's").
    return re.compile(rf"(?<![A-Za-z\u00C0-\u024F])(?:{alts})(?![A-Za-z\u00C0-\u024F])")
