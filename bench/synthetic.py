"""The synthetic corpus: seeded, news-like articles of ~500 words, used where real copy is absent.

* **diplomatic** — the story articles of the development set (tests/fixtures/dev; its negatives are not used),
  each padded to ~500 words with seeded background paragraphs (bench/data/templates/diplomatic_background.json).
  The first ones keep their leaders, states, dates and outlets; every later one is a seeded *variation*: its
  states swapped for others (names, aliases, demonyms, capitals, seats of government), its leaders for leaders
  sitting in those states in a new year (1995-2025, from the project's leaders.json: same office where the new
  state has one), its date moved to that year by whole weeks (weekdays in the text stay right), its outlet
  changed, new padding drawn.
* **other** — non-diplomatic articles from the topic templates (bench/data/templates/topics/*.json): a
  dateline, a headline, a lead and ~25 sentences from the topic's pool and the generic pool, with seeded names,
  places, numbers and dates. Some sentences carry the prefilter's words (met, talks, agreed, called, held,
  "we", "they") next to a state or a capital, as real news does.

`build("mixed", 200, seed)` is the same list of articles on every machine: it depends only on the seed, the
template files and the project's data files.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from bench.labelled import DEV, load
from bench.measure import word_count
from bench.paths import REPO

TEMPLATES = Path(__file__).resolve().parent / "data" / "templates"
WORLD = REPO / "service" / "dipevents" / "data"
SEED = 20240607
DIPLOMATIC_SHARE = 0.2  # of the mixed corpus
DIPLOMATIC_PREFIX = "bench-dip-"

Mix = Literal["diplomatic", "mixed"]


def _read(path: Path) -> Any:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


@dataclass(frozen=True)
class Templates:
    vocabulary: dict[str, list[str]]
    background: list[str]
    generic: list[str]
    topics: dict[str, dict[str, list[str]]]  # topic -> title / lead / body templates

    @classmethod
    def load(cls, folder: Path = TEMPLATES) -> Templates:
        return cls(
            vocabulary=_read(folder / "vocabulary.json"),
            background=_read(folder / "diplomatic_background.json")["paragraphs"],
            generic=_read(folder / "generic.json")["sentences"],
            topics={p.stem: _read(p) for p in sorted((folder / "topics").glob("*.json"))},
        )

    def words(self, name: str) -> list[str]:
        return self.vocabulary[name]


def build(mix: Mix, n: int, seed: int = SEED) -> list[dict[str, Any]]:
    """N articles (Article JSON) of the given mix: all diplomatic, or 20% diplomatic (every fifth slot, then
    shuffled with the seed)."""
    gen = _Generator(seed)
    if mix == "diplomatic":
        return [gen.diplomatic(i) for i in range(n)]
    n_dip = round(n * DIPLOMATIC_SHARE)
    dip_slots = set(range(0, n, max(1, round(1 / DIPLOMATIC_SHARE)))) if n_dip else set()
    arts, d, o = [], 0, 0
    for i in range(n):
        if i in dip_slots and d < n_dip:
            arts.append(gen.diplomatic(d, offset=1000))
            d += 1
        else:
            arts.append(gen.other(o))
            o += 1
    random.Random(seed).shuffle(arts)
    return arts


def is_diplomatic(article: dict[str, Any]) -> bool:
    return str(article["article_id"]).startswith(DIPLOMATIC_PREFIX)


class _World:
    """States and leaders from the project's data files."""

    def __init__(self) -> None:
        # states of today only: a dissolved one ("until") has no capital and no leaders after 1995
        self.countries: dict[str, dict[str, Any]] = {
            c["iso3"]: c for c in _read(WORLD / "countries.json") if "until" not in c
        }
        self.leaders: list[dict[str, Any]] = _read(WORLD / "leaders.json")

    def sitting(self, iso: str, year: int) -> list[dict[str, Any]]:
        return [ld for ld in self.leaders if ld["country"] == iso and ld["from"] <= year <= (ld["to"] or 9999)]

    def with_leaders(self, year: int) -> list[str]:
        return sorted(
            {ld["country"] for ld in self.leaders if ld["from"] <= year <= (ld["to"] or 9999)}
            & {iso for iso, c in self.countries.items() if c["capitals"]}
        )

    @cached_property
    def _surface(self) -> tuple[re.Pattern[str], dict[str, str]]:
        forms: dict[str, str] = {}
        for iso, c in self.countries.items():
            for s in [c["name"], *c["aliases"], *c["demonyms"], *c["capitals"], *c["metonyms"]]:
                forms.setdefault(s, iso)
        return _alternation(list(forms)), forms

    def states_in(self, text: str) -> set[str]:
        pattern, forms = self._surface
        return {forms[m.group(0)] for m in pattern.finditer(text)}

    def demonym(self, iso: str) -> str:
        c = self.countries[iso]
        return str(c["demonyms"][0]) if c["demonyms"] else str(c["name"])

    def capital(self, iso: str) -> str:
        return str(self.countries[iso]["capitals"][0])

    def name(self, iso: str) -> str:
        return str(self.countries[iso]["name"])


def _alternation(keys: list[str]) -> re.Pattern[str]:
    alts = sorted(keys, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(k) for k in alts) + r")(?![\w])")


def _short_name(leader: dict[str, Any]) -> str:
    return str(next((a for a in leader["aliases"] if " " not in a), leader["name"].split()[-1]))


class _Generator:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.world = _World()
        self.t = Templates.load()
        dev = load(DEV)
        by_id = {a["article_id"]: a for a in dev.articles}
        self.stories: list[tuple[dict[str, Any], list[str]]] = []  # (article, the story's states)
        for story in dev.stories:
            states = sorted({c for ev in story["events"] for c in ev["countries"]})
            self.stories.extend((by_id[aid], states) for aid in story["article_ids"])

    def _rng(self, kind: str, i: int) -> random.Random:
        return random.Random(f"{self.seed}:{kind}:{i}")

    def _fill(self, template: str, rng: random.Random, ctx: dict[str, str]) -> str:
        """{name} from ctx; {int:a:b}, {pct}, {money}, {pick:x|y|z}, {person} drawn from rng."""

        def one(m: re.Match[str]) -> str:
            key = m.group(1)
            if key in ctx:
                return ctx[key]
            kind, _, arg = key.partition(":")
            if kind == "int":
                lo, hi = (int(x) for x in arg.split(":"))
                return str(rng.randint(lo, hi))
            if kind == "pct":
                return f"{rng.uniform(0.2, 19.8):.1f}"
            if kind == "money":
                return f"{rng.uniform(1.1, 98.9):.1f}"
            if kind == "pick":
                return str(rng.choice(arg.split("|")))
            if kind == "person":
                return self._person(rng)
            raise KeyError(key)

        return _SLOT.sub(one, template)

    def _person(self, rng: random.Random) -> str:
        return f"{rng.choice(self.t.words('first_names'))} {rng.choice(self.t.words('last_names'))}"

    # diplomatic ------------------------------------------------------------------------------------
    def diplomatic(self, i: int, offset: int = 0) -> dict[str, Any]:
        """The i-th diplomatic article: story article i % stories; the first pass (offset 0) keeps the original."""
        rng = self._rng("dip", i + offset)
        art, states = self.stories[i % len(self.stories)]
        original = published = datetime.fromisoformat(art["published_at"])
        title, body, source = art["title"], art["body"], art["source"]
        if i >= len(self.stories) or offset:
            year = rng.randint(1995, 2025)
            published = original + timedelta(weeks=round((year - original.year) * 365.2425 / 7))
            title, body, states = self._swap(title, body, states, year=published.year, old_year=original.year, rng=rng)
            outlet = rng.choice([o for o in self.t.words("outlets") if o != source])
            body = re.sub(rf"(?<![\w]){re.escape(source)}(?![\w])", outlet, body)
            source = outlet
        body = self._pad(body, states, published.year, rng)
        return {
            "article_id": f"{DIPLOMATIC_PREFIX}{i + offset:05d}-{rng.getrandbits(32):08x}",
            "source": source,
            "url": None,
            "title": title,
            "body": body,
            "published_at": published.isoformat(),
            "language": "en",
        }

    def _swap(
        self, title: str, body: str, states: list[str], *, year: int, old_year: int, rng: random.Random
    ) -> tuple[str, str, list[str]]:
        w = self.world
        text = title + "\n" + body
        taken = w.states_in(text)
        repl: dict[str, str] = {}
        new_states: list[str] = []
        pool = [iso for iso in w.with_leaders(year) if iso not in taken]
        for iso in states:
            new_iso = rng.choice(pool)
            pool.remove(new_iso)
            new_states.append(new_iso)
            new_leaders = w.sitting(new_iso, year)
            seen: set[str] = set()
            for old in w.sitting(iso, old_year):
                if old["name"] in seen or not any(re.search(rf"\b{re.escape(a)}\b", text) for a in old["aliases"]):
                    continue
                seen.add(old["name"])
                same_office = [ld for ld in new_leaders if ld["role"] == old["role"]] or new_leaders
                new = rng.choice(same_office)
                for a in old["aliases"]:
                    repl.setdefault(a, new["name"] if " " in a else _short_name(new))
            c = w.countries[iso]
            for s in [c["name"], *c["aliases"]]:
                repl.setdefault(s, w.name(new_iso))
            for s in c["demonyms"]:
                repl.setdefault(s, w.demonym(new_iso))
            for s in [*c["capitals"], *c["metonyms"]]:
                repl.setdefault(s, w.capital(new_iso))
        pattern = _alternation(list(repl))

        def sub(s: str) -> str:
            return pattern.sub(lambda m: repl[m.group(0)], s)

        return sub(title), sub(body), sorted(new_states)

    def _pad(self, body: str, states: list[str], year: int, rng: random.Random) -> str:
        w = self.world
        a, b = (states + states)[:2] if len(states) < 2 else rng.sample(states, 2)
        ctx = {
            "A": w.name(a),
            "B": w.name(b),
            "Ad": w.demonym(a),
            "Bd": w.demonym(b),
            "Acap": w.capital(a),
            "Bcap": w.capital(b),
            "y1": str(year - 1),
            "y2": str(rng.randint(1950, 1995)),
        }
        paragraphs = body.split("\n\n")
        # insert after the lead, never after trailing credit lines / page furniture (short last paragraphs)
        last = max((k for k, p in enumerate(paragraphs) if word_count(p) >= 12), default=0)
        target = rng.randint(460, 560)
        templates = list(self.t.background)
        rng.shuffle(templates)
        while word_count("\n\n".join(paragraphs)) < target and templates:
            para = self._fill(templates.pop(), rng, ctx)
            at = rng.randint(1, max(1, last + 1))
            paragraphs.insert(at, para)
            last += 1
        return "\n\n".join(paragraphs)

    # non-diplomatic --------------------------------------------------------------------------------
    def other(self, i: int) -> dict[str, Any]:
        rng = self._rng("other", i)
        w, t = self.world, self.t
        names = tuple(t.topics)
        topic = names[i % len(names)] if i < len(names) else rng.choice(names)
        iso = rng.choice(sorted(c for c, v in w.countries.items() if v["cities"] and v["capitals"]))
        c = w.countries[iso]
        city = rng.choice(c["cities"] + c["capitals"])
        other_iso = rng.choice(sorted(w.countries))
        year = rng.randint(1995, 2025)
        published = datetime(year, 1, 1, rng.randint(5, 22), rng.choice((0, 15, 30, 45)))
        published += timedelta(days=rng.randint(0, 364))

        def company() -> str:
            return f"{rng.choice(t.words('company_first'))} {rng.choice(t.words('company_second'))}"

        ctx = {
            "city": city,
            "country": w.name(iso),
            "dem": w.demonym(iso),
            "cap": w.capital(iso),
            "other": w.name(other_iso),
            "odem": w.demonym(other_iso),
            "P": self._person(rng),
            "Q": self._person(rng),
            "R": self._person(rng),
            "T1": f"{rng.choice(c['cities'] + c['capitals'])} {rng.choice(t.words('mascots'))}",
            "T2": f"{city} {rng.choice(t.words('mascots'))}",
            "co": company(),
            "co2": company(),
            "inst": f"{rng.choice(t.words('institutions'))} {city}",
            "year": str(year),
            "y1": str(year - 1),
            "weekday": rng.choice(t.words("weekdays")),
            "month": rng.choice(t.words("months")),
            "s1": str(rng.randint(2, 4)),
            "s2": str(rng.randint(0, 1)),
        }
        outlet = rng.choice(t.words("outlets"))
        spec = t.topics[topic]
        lead = self._fill(rng.choice(spec["lead"]), rng, ctx)
        dateline = f"{city.upper()}, {published.strftime('%B')} {published.day} ({outlet}) - "
        sentences = list(spec["body"]) + rng.sample(t.generic, k=min(len(t.generic), rng.randint(5, 9)))
        rng.shuffle(sentences)
        target = rng.randint(460, 560)
        paragraphs = [dateline + lead]
        words = word_count(paragraphs[0])
        while sentences and words < target:
            k = rng.randint(1, 3)
            para = " ".join(self._fill(s, rng, ctx) for s in sentences[:k])
            del sentences[:k]
            paragraphs.append(para)
            words += word_count(para)
        return {
            "article_id": f"bench-oth-{i:05d}-{rng.getrandbits(32):08x}",
            "source": outlet,
            "url": f"https://news.example/{topic}/{year}/{i}",
            "title": self._fill(rng.choice(spec["title"]), rng, ctx),
            "body": "\n\n".join(paragraphs),
            "published_at": published.isoformat() + "Z",
            "language": "en",
        }


_SLOT = re.compile(r"\{([^{}]+)\}")
