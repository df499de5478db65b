"""The bench corpus: reproducible (seeded), news-like, ~500 words an article.

Two kinds of articles, mixed two ways:

* **diplomatic** — the 24 story articles of the development set (tests/fixtures/dev, stories D01–D08; the six
  negatives are not used), each padded to ~500 words with seeded background paragraphs (trade figures,
  history, analysts, security, markets: wire-style context, mostly about the same two states). The first 24
  diplomatic articles keep their leaders, states, dates and outlets; every later one is a seeded *variation*
  of a story article: its states are swapped for other states (names, aliases, demonyms, capitals and seats
  of government replaced), its leaders for leaders sitting in those states in a new year (1995–2025, from
  service/dipevents/data/leaders.json: same office when the new state has one), its publication date moved to that
  year (by whole weeks, so weekdays in the text stay right), its outlet changed, and new padding drawn.
* **non-diplomatic** — generated from templates: sports, business, weather, crime, science, technology,
  health and culture. Each article has a dateline, a headline, a lead and ~25 sentences drawn from the topic's
  template pool and a shared pool (quotes, context), with seeded names, places (service/dipevents/data/countries.json),
  numbers and dates. Some sentences contain the words the prefilter looks for ("met", "talks", "agreed",
  "called", "held", "we", "they") next to a state or a capital, as real news does.

Mixes: **(a) diplomatic** — all N articles diplomatic; **(b) mixed** — 20% diplomatic (every fifth slot, then
shuffled with the seed), 80% non-diplomatic. Variations differ enough (swapped names, new padding) that the
syndicated-copy check does not treat them as copies of each other; bench.run reports how many it did.

Everything depends only on the seed and the repository's data files: `build("mixed", 200, seed=1)` is the same
list of articles on every machine.
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

REPO = Path(__file__).resolve().parents[1]
DEV = REPO / "tests" / "fixtures" / "dev"
DATA = REPO / "service" / "dipevents" / "data"
SEED = 20240607
DIPLOMATIC_SHARE = 0.2  # of the mixed corpus

Mix = Literal["diplomatic", "mixed"]

OUTLETS = [
    "Reuters",
    "AFP",
    "AP",
    "TASS",
    "Xinhua",
    "Kyodo",
    "Yonhap",
    "ANSA",
    "EFE",
    "dpa",
    "Anadolu",
    "PTI",
    "Bernama",
    "Antara",
    "Al Jazeera",
    "NHK",
    "Prensa Latina",
    "Interfax",
    "RIA Novosti",
    "Agencia Brasil",
    "Bloomberg",
    "APA",
    "Notimex",
    "Lusa",
    "CTK",
    "PAP",
    "BTA",
    "Kuna",
    "WAM",
    "SPA",
    "IRNA",
    "ENA",
]


@dataclass(frozen=True)
class Corpus:
    mix: Mix
    seed: int
    articles: list[dict[str, Any]]  # Article JSON (the worker's input contract)

    @property
    def diplomatic(self) -> int:
        return sum(1 for a in self.articles if a["article_id"].startswith("bench-dip-"))

    @property
    def words(self) -> int:
        return sum(word_count(a["body"]) for a in self.articles)

    def describe(self) -> dict[str, Any]:
        n = len(self.articles)
        return {
            "mix": self.mix,
            "seed": self.seed,
            "articles": n,
            "diplomatic": self.diplomatic,
            "words": self.words,
            "mean_words": round(self.words / n, 1) if n else 0.0,
        }


def word_count(text: str) -> int:
    return len(text.split())


def build(mix: Mix, n: int, seed: int = SEED) -> Corpus:
    """N articles of the given mix, reproducible from `seed`."""
    gen = _Generator(seed)
    if mix == "diplomatic":
        arts = [gen.diplomatic(i) for i in range(n)]
    else:
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
    return Corpus(mix, seed, arts)


def dev_articles() -> list[dict[str, Any]]:
    with open(DEV / "articles.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def dev_expected() -> dict[str, Any]:
    with open(DEV / "expected.json", encoding="utf-8") as f:
        return json.load(f)  # type: ignore[no-any-return]


# -- the world: states and leaders from service/dipevents/data ----------------------------------------------------
class _World:
    def __init__(self) -> None:
        with open(DATA / "countries.json", encoding="utf-8") as f:
            self.countries: dict[str, dict[str, Any]] = {c["iso3"]: c for c in json.load(f)}
        with open(DATA / "leaders.json", encoding="utf-8") as f:
            self.leaders: list[dict[str, Any]] = json.load(f)

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
        return _alternation(forms), forms

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


def _alternation(keys: dict[str, str] | list[str]) -> re.Pattern[str]:
    alts = sorted(keys, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(k) for k in alts) + r")(?![\w])")


def _short_name(leader: dict[str, Any]) -> str:
    return next((a for a in leader["aliases"] if " " not in a), leader["name"].split()[-1])


# -- generation -----------------------------------------------------------------------------------------
class _Generator:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.world = _World()
        expected = dev_expected()
        by_id = {a["article_id"]: a for a in dev_articles()}
        self.stories: list[tuple[dict[str, Any], list[str]]] = []  # (article, the story's states)
        for story in expected["stories"]:
            states = sorted({c for ev in story["events"] for c in ev["countries"]})
            self.stories.extend((by_id[aid], states) for aid in story["article_ids"])

    def _rng(self, kind: str, i: int) -> random.Random:
        return random.Random(f"{self.seed}:{kind}:{i}")

    # diplomatic ------------------------------------------------------------------------------------
    def diplomatic(self, i: int, offset: int = 0) -> dict[str, Any]:
        """The i-th diplomatic article: story article i % 24; i < 24 (and offset 0) keeps the original pair."""
        rng = self._rng("dip", i + offset)
        art, states = self.stories[i % len(self.stories)]
        original = published = datetime.fromisoformat(art["published_at"])
        title, body, source = art["title"], art["body"], art["source"]
        if i >= len(self.stories) or offset:
            year = rng.randint(1995, 2025)
            published = original + timedelta(weeks=round((year - original.year) * 365.2425 / 7))
            title, body, states = self._swap(title, body, states, year=published.year, old_year=original.year, rng=rng)
            outlet = rng.choice([o for o in OUTLETS if o != source])
            body = re.sub(rf"(?<![\w]){re.escape(source)}(?![\w])", outlet, body)
            source = outlet
        body = self._pad(body, states, published.year, rng)
        return {
            "article_id": f"bench-dip-{i + offset:05d}-{rng.getrandbits(32):08x}",
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
        templates = list(_DIP_BACKGROUND)
        rng.shuffle(templates)
        while word_count("\n\n".join(paragraphs)) < target and templates:
            para = _fill(templates.pop(), rng, ctx)
            at = rng.randint(1, max(1, last + 1))
            paragraphs.insert(at, para)
            last += 1
        return "\n\n".join(paragraphs)

    # non-diplomatic --------------------------------------------------------------------------------
    def other(self, i: int) -> dict[str, Any]:
        rng = self._rng("other", i)
        w = self.world
        topic = _TOPICS[i % len(_TOPICS)] if i < len(_TOPICS) else rng.choice(_TOPICS)
        iso = rng.choice(sorted(c for c, v in w.countries.items() if v["cities"] and v["capitals"]))
        c = w.countries[iso]
        city = rng.choice(c["cities"] + c["capitals"])
        other_iso = rng.choice(sorted(w.countries))
        year = rng.randint(1995, 2025)
        published = datetime(year, 1, 1, rng.randint(5, 22), rng.choice((0, 15, 30, 45)))
        published += timedelta(days=rng.randint(0, 364))
        ctx = {
            "city": city,
            "country": w.name(iso),
            "dem": w.demonym(iso),
            "cap": w.capital(iso),
            "other": w.name(other_iso),
            "odem": w.demonym(other_iso),
            "P": _person(rng),
            "Q": _person(rng),
            "R": _person(rng),
            "T1": f"{rng.choice(c['cities'] + c['capitals'])} {rng.choice(_MASCOTS)}",
            "T2": f"{city} {rng.choice(_MASCOTS)}",
            "co": f"{rng.choice(_CO_A)} {rng.choice(_CO_B)}",
            "co2": f"{rng.choice(_CO_A)} {rng.choice(_CO_B)}",
            "inst": f"{rng.choice(_INST)} {city}",
            "year": str(year),
            "y1": str(year - 1),
            "weekday": rng.choice(_WEEKDAYS),
            "month": rng.choice(_MONTHS),
            "s1": str(rng.randint(2, 4)),
            "s2": str(rng.randint(0, 1)),
        }
        outlet = rng.choice(OUTLETS)
        spec = _TEMPLATES[topic]
        lead = _fill(rng.choice(spec["lead"]), rng, ctx)
        dateline = f"{city.upper()}, {published.strftime('%B')} {published.day} ({outlet}) - "
        sentences = list(spec["body"]) + rng.sample(_GENERIC, k=min(len(_GENERIC), rng.randint(5, 9)))
        rng.shuffle(sentences)
        target = rng.randint(460, 560)
        paragraphs = [dateline + lead]
        words = word_count(paragraphs[0])
        while sentences and words < target:
            k = rng.randint(1, 3)
            para = " ".join(_fill(s, rng, ctx) for s in sentences[:k])
            del sentences[:k]
            paragraphs.append(para)
            words += word_count(para)
        return {
            "article_id": f"bench-oth-{i:05d}-{rng.getrandbits(32):08x}",
            "source": outlet,
            "url": f"https://news.example/{topic}/{year}/{i}",
            "title": _fill(rng.choice(spec["title"]), rng, ctx),
            "body": "\n\n".join(paragraphs),
            "published_at": published.isoformat() + "Z",
            "language": "en",
        }


_SLOT = re.compile(r"\{([^{}]+)\}")


def _fill(template: str, rng: random.Random, ctx: dict[str, str]) -> str:
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
            return rng.choice(arg.split("|"))
        if kind == "person":
            return _person(rng)
        raise KeyError(key)

    return _SLOT.sub(one, template)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


_FIRST = [
    "Anna",
    "Maria",
    "Elena",
    "Sofia",
    "Laura",
    "Ines",
    "Amira",
    "Leila",
    "Yuki",
    "Mei",
    "Priya",
    "Ama",
    "Olga",
    "Ingrid",
    "Fatima",
    "Chloe",
    "Rosa",
    "Nadia",
    "Hana",
    "Carmen",
    "Daniel",
    "Lukas",
    "Marco",
    "Javier",
    "Kenji",
    "Wei",
    "Arjun",
    "Kwame",
    "Ivan",
    "Omar",
    "Pierre",
    "Tomas",
    "Andre",
    "Samuel",
    "Jonas",
    "Felipe",
    "Hassan",
    "Mateo",
    "Victor",
    "Rafael",
    "Emil",
    "Noah",
    "Diego",
    "Karim",
    "Stefan",
    "Ali",
    "Jin",
    "Minh",
    "Tariq",
]
_LAST = [
    "Novak",
    "Rossi",
    "Garcia",
    "Tanaka",
    "Chen",
    "Sharma",
    "Mensah",
    "Ivanova",
    "Larsen",
    "Haddad",
    "Dubois",
    "Kowalski",
    "Silva",
    "Okafor",
    "Nguyen",
    "Morales",
    "Fischer",
    "Jansen",
    "Petrov",
    "Costa",
    "Moreau",
    "Romero",
    "Yilmaz",
    "Nakamura",
    "Kim",
    "Park",
    "Singh",
    "Alvarez",
    "Schmidt",
    "Weber",
    "Bianchi",
    "Lindqvist",
    "Adeyemi",
    "Mwangi",
    "Oliveira",
    "Horvath",
    "Nielsen",
    "Varga",
    "Popescu",
    "Andersen",
    "Castillo",
    "Reyes",
    "Ortiz",
    "Kovacs",
    "Santos",
    "Mendes",
    "Brandt",
    "Keller",
    "Suzuki",
    "Rahman",
    "Banda",
    "Torres",
]
_MASCOTS = (
    "United",
    "City",
    "Rovers",
    "Wanderers",
    "Athletic",
    "Lions",
    "Eagles",
    "Sharks",
    "Rangers",
    "Stars",
    "Falcons",
    "Dynamo",
    "Sporting",
    "Tigers",
    "Bulls",
    "Wolves",
)
_CO_A = (
    "Northwind",
    "Bluestone",
    "Helix",
    "Orion",
    "Granite",
    "Silverline",
    "Apex",
    "Meridian",
    "Cobalt",
    "Evergreen",
    "Quantum",
    "Harbor",
    "Redwood",
    "Summit Peak",
    "Atlas",
    "Nova",
    "Pioneer",
    "Vertex",
)
_CO_B = (
    "Holdings",
    "Energy",
    "Logistics",
    "Foods",
    "Motors",
    "Pharma",
    "Bank",
    "Telecom",
    "Steel",
    "Retail",
    "Airlines",
    "Mining",
    "Software",
    "Insurance",
    "Chemicals",
    "Textiles",
)
_INST = (
    "University of",
    "Institute of Technology,",
    "National Museum,",
    "Central Hospital,",
    "Centre for Economic Research,",
    "Observatory of",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_DIP_BACKGROUND = (
    "Trade between {A} and {B} reached ${money} billion in {y1}, up {pct} percent from a year earlier, according to "
    "official customs data. {Ad} exporters shipped mainly machinery, chemicals and farm goods, while {Bd} companies "
    "sold energy, metals and consumer electronics.",
    "Diplomats in {Acap} said preparations had taken several months. Officials worked through a long list of "
    "documents, from customs procedures and veterinary certificates to cultural exchanges and student scholarships.",
    'Analysts said the relationship had been shaped by economic needs more than by ideology. "Both governments want '
    'investment and stable markets, and neither wants surprises," said {person}, a researcher at a policy institute '
    "in {Bcap}.",
    "Security was tight in the capital, where police closed several streets near the government district and "
    "diverted traffic for most of the day. Residents said queues formed at checkpoints and some shops stayed shut.",
    "Opposition politicians in {A} criticised the government, arguing that it should focus on rising prices and "
    "unemployment at home. A recent poll showed {int:35:68} percent of respondents considered the economy the most "
    "pressing issue facing the country.",
    "Business delegations were also in town. Executives from energy, construction and banking firms signed "
    "memorandums worth an estimated ${int:120:900} million, though few details were disclosed and several "
    "similar deals in the past were never carried out.",
    "Energy cooperation has been a recurring theme. {A} imports a growing share of its fuel, and several pipeline "
    "and power-grid projects have been studied over the past decade without reaching construction.",
    "{Ad} media gave the story extensive coverage, with state television broadcasting the arrival ceremony live and "
    "newspapers publishing special supplements on the history of bilateral ties going back to {y2}.",
    'Human rights groups urged both governments to raise the cases of detained journalists and activists. "Economic '
    'deals should not come at the expense of basic freedoms," one group said in a statement on its website.',
    "The {Bd} currency edged {pick:up|down|higher|lower} after the news, while the main stock index closed {pct} "
    "percent {pick:higher|lower}. Government bond yields were little changed and traders said volumes were thin.",
    "Tourism has recovered since the pandemic, with about {int:40:900} thousand visitors travelling between "
    "the two countries in {y1}, according to tourism board figures. Airlines have added direct flights between "
    "{Acap} and {Bcap}.",
    "Regional experts noted that neighbouring states were watching closely. Any shift in the balance could affect "
    "grain exports, shipping routes and migration across the region, they said, and markets would price that in.",
    "Education and culture also featured in the programme, including a planned exhibition of {Ad} art in {Bcap} "
    "and an expanded exchange programme for university students, young scientists and engineers.",
    "The weather was {pick:hot and humid|cold and grey|mild and sunny|wet and windy}, and a small crowd gathered "
    "outside the palace gates, some waving flags, others holding banners about pensions and local wages.",
    "Military officials from the two sides have held occasional contacts over the years, though defence "
    "cooperation remains limited to training courses and a handful of port calls by naval vessels.",
    "Economists cautioned that many previous agreements had been slow to produce results, citing bureaucracy, "
    'currency controls and a lack of transport links. "Signing is the easy part," said one banker in {Acap}.',
    "Farmers' associations in {B} welcomed the prospect of new export quotas for fruit, beef and dairy products, "
    "which have faced strict inspection rules for years and long delays at border crossings.",
    "The {A} embassy in {Bcap} employs about {int:40:300} people and the consulates handle tens of thousands of visa "
    "applications a year, most of them from students, tourists and seasonal workers.",
)

_GENERIC = (
    '"We have seen nothing like this in years," said {Q}, who has lived in {city} for most of her life.',
    "Officials did not immediately respond to requests for comment on {weekday}.",
    "The figures are provisional and may be revised next month, the statistics office said.",
    'Critics said the decision came too late. "They knew about the problem for years," said {R}.',
    "Local newspapers reported the story on their front pages, and it was widely shared on social media.",
    "More details are expected to be published on {weekday}, according to a statement.",
    "The announcement came as {country} prepares for a busy {month}, with several public holidays ahead.",
    "{R}, a spokesperson, said the organisation would hold a news conference later in the week.",
    'Residents said they hoped for a quick return to normal. "We just want to get on with our lives," one said.',
    "In {y1}, a similar case drew thousands of complaints and led to a parliamentary inquiry.",
    "The story was first reported by a regional broadcaster, which cited people familiar with the matter.",
    "Experts from {other} followed the developments closely, according to people familiar with the discussions.",
)

_TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {
    "sports": {
        "title": (
            "{T1} beat {T2} {s1}-{s2} to go top",
            "{P} scores twice as {T1} stun {T2}",
            "Late drama as {T2} and {T1} share the points",
        ),
        "lead": (
            "{T1} beat {T2} {s1}-{s2} on {weekday} to move top of the table, with {P} scoring twice "
            "in front of a crowd of {int:12:68} thousand.",
            "{P} struck in stoppage time as {T1} came from behind to beat {T2} in a tense derby on {weekday}.",
        ),
        "body": (
            "{T2} had started brightly and took the lead after {int:5:30} minutes when {Q} headed in from a corner.",
            "The home side pressed for an equaliser and {P} levelled with a low shot from the edge of the area.",
            '"We showed character today and the fans carried us through the second half," coach {R} told reporters.',
            "The visitors had a goal ruled out for offside shortly before half-time after a lengthy video review.",
            "{Q} was booked for a late challenge and will miss the next match through suspension.",
            "The two teams meet again in the cup quarter-final next month, when {T2} will have home advantage.",
            "Attendance was the highest of the season, and ticket prices had been cut for students and pensioners.",
            "{T1} have now won {int:3:9} of their last {int:10:12} league games and conceded only {int:4:9} goals.",
            "The club's president said after the match that contract talks with {P} would resume after the season.",
            "{P}, who joined from a {odem} club for a reported {money} million euros, has scored {int:8:21} goals.",
            "Heavy rain before kick-off left the pitch slippery, and both sides struggled to keep the ball.",
            "The referee was surrounded by players after awarding a penalty, which {Q} converted calmly.",
            "Fans held up banners thanking the departing captain, who played his last home game for the club.",
            "The league said it would investigate crowd trouble that briefly delayed the second half.",
            "{T2} remain {int:2:7} points behind with {int:5:12} matches left, and their coach admitted the title race "
            "was slipping away.",
            '"They played with more hunger than us, and we have to accept that," said {R}, the {T2} captain.',
            "Midfielder {Q} limped off with a hamstring injury and is expected to be out for several weeks.",
            "The match was broadcast live in {int:30:120} countries, the organisers said.",
            "Earlier in the day, the women's team won their semi-final and will play in the final in {cap}.",
            "Club officials met with supporters' groups on {weekday} to discuss safety measures at away games.",
            "The transfer window opens in {month}, and the club is expected to strengthen its defence.",
            "A minute's silence was held before kick-off in memory of a former player who died last week.",
        ),
    },
    "business": {
        "title": (
            "{co} profit {pick:jumps|falls|beats forecasts} as demand {pick:recovers|slows}",
            "{co} to buy {co2} in ${money} billion deal",
            "{co} shares slide after outlook cut",
        ),
        "lead": (
            "{co} reported a {pct} percent {pick:rise|fall} in quarterly profit on {weekday}, as demand in its "
            "home market in {country} {pick:recovered|weakened} and costs eased.",
            "{co} agreed to buy rival {co2} for ${money} billion in cash and shares, creating one of the "
            "largest groups in its sector in {country}.",
        ),
        "body": (
            "Revenue rose to {money} billion, slightly above the average forecast of analysts polled by the company.",
            "Chief executive {P} said the company would keep investing in new plants despite higher interest rates.",
            '"We are confident about the second half, but we remain cautious on costs," {P} told analysts on a call.',
            "Shares of {co} rose {pct} percent in early trading in {city}, outperforming the broader market.",
            "The company held its full-year guidance and said it expected margins to improve by the end of {year}.",
            "Union leaders met management on {weekday} but no agreement was reached on wages for factory workers.",
            "The deal is subject to approval by competition authorities in {country} and {other}.",
            "Analysts at several banks said the price was reasonable given the target's growth in online sales.",
            "{co2} employs about {int:2:40} thousand people, mostly in {country} and neighbouring markets.",
            "The board will propose a dividend of {money} cents per share at the annual meeting in {month}.",
            "Debt fell to {money} billion from {money} billion a year earlier, helped by the sale of a "
            "loss-making unit.",
            "The company said it would cut about {int:300:2500} jobs over two years as it closes older factories.",
            "Investors will be watching the central bank's policy meeting next week for signs of lower rates.",
            "{Q}, an analyst at a brokerage in {cap}, said the results showed the restructuring was working.",
            "Exports to {other} accounted for about {int:10:40} percent of sales, down from the previous year.",
            "The chief financial officer said the firm was in talks with lenders to refinance bonds due next year.",
            "Consumer prices in {country} rose {pct} percent in the year to {month}, squeezing household budgets.",
            "The company also announced a share buyback of up to {money} billion, to be completed within a year.",
            "Competitors have struggled with supply problems, giving {co} room to raise prices in several markets.",
            "Trading volumes were {pick:light|heavy} ahead of a public holiday, brokers said.",
            "The firm said it had received approval to build a new distribution centre near {city}.",
            "Regulators ordered the company last year to pay a fine over misleading advertising, which it appealed.",
        ),
    },
    "weather": {
        "title": (
            "Heatwave grips {country} as temperatures pass {int:38:46}C",
            "Storm brings floods to {city}",
            "Snow disrupts travel across {country}",
        ),
        "lead": (
            "Heavy rain and strong winds battered {city} on {weekday}, flooding streets, cutting power to "
            "thousands of homes and forcing schools to close.",
            "Temperatures climbed above {int:38:45} degrees Celsius across much of {country} on {weekday}, and "
            "forecasters warned the heatwave could last into next week.",
        ),
        "body": (
            "The national weather service issued its highest warning for {int:3:12} provinces and urged people "
            "to stay indoors.",
            "Firefighters received more than {int:200:1500} calls overnight, mostly about fallen trees and "
            "flooded basements.",
            '"We have not seen rainfall like this in half a century," said meteorologist {Q}.',
            "Rail operators cancelled dozens of services and the main airport in {cap} reported long delays.",
            "Emergency shelters were opened in schools and sports halls for residents forced from their homes.",
            "Farmers warned that the harvest could be hit hard if the dry spell continues through {month}.",
            "Authorities ordered the evacuation of low-lying villages along the river as water levels kept rising.",
            "Electricity demand hit a record as households turned on air conditioning, the grid operator said.",
            "Hospitals reported a rise in patients with heatstroke, most of them elderly people living alone.",
            "The storm is expected to move toward {other} by the weekend, weakening as it crosses the mountains.",
            "Volunteers handed out water and sandbags, and soldiers were deployed to reinforce river banks.",
            "Scientists say such extreme weather events are becoming more frequent as the climate warms.",
            "The mayor of {city} told residents to avoid unnecessary travel and to check on elderly neighbours.",
            "Insurers estimated early damage at about {money} million, though the figure was likely to rise.",
            "Schools will remain closed until at least {weekday}, the education ministry said.",
            "Some {int:20:90} thousand homes were still without power on {weekday} evening, the utility said.",
            "Forecasters expect temperatures to return to seasonal averages by the end of the month.",
            "A landslide blocked the main road to the coast, leaving several villages cut off.",
            "Tourists on the beaches were warned about strong currents and high waves.",
            "The government said it would release emergency funds to help farmers and small businesses.",
        ),
    },
    "crime": {
        "title": (
            "Police arrest {int:3:12} in {city} fraud probe",
            "Court jails gang leader for {int:6:20} years",
            "Armed robbery at {city} jewellery store",
        ),
        "lead": (
            "Police in {city} arrested {int:3:12} people on {weekday} in connection with a fraud that cost "
            "pensioners an estimated {money} million, investigators said.",
            "A court in {city} sentenced a man to {int:6:20} years in prison on {weekday} for leading a gang "
            "that smuggled cigarettes and fuel across the border.",
        ),
        "body": (
            "Officers searched {int:5:30} homes and seized cash, computers and several luxury cars, police said.",
            "The suspects are accused of calling elderly victims and posing as bank employees to obtain their savings.",
            '"This was a well-organised network that targeted the most vulnerable," prosecutor {Q} said.',
            "The investigation began last year after a bank employee noticed unusual transfers to foreign accounts.",
            "Defence lawyers said their clients denied the charges and would appeal any conviction.",
            "The judge said the defendant had shown no remorse and had ordered others to destroy evidence.",
            "Police urged residents to hang up on callers asking for personal details and to report suspicious calls.",
            "Two of the suspects were detained at the airport as they tried to board a flight to {other}.",
            "The gang is believed to have operated for at least {int:2:6} years, laundering money through "
            "shell companies.",
            "Witnesses told the court they had been threatened after agreeing to testify.",
            "A police spokesperson said more arrests could follow as officers examine seized phones.",
            "The victims' families said they hoped the sentence would deter others.",
            "Prosecutors had asked for a longer sentence and said they were considering an appeal.",
            "Crime statistics published last month showed a rise in online fraud of {pct} percent.",
            "Neighbours described the main suspect as quiet and said they had never suspected anything.",
            "The interior ministry said it would hire more cybercrime investigators next year.",
            "Security camera footage showed the robbers leaving in a stolen car, which was later found burned out.",
            "Officers from {other} helped trace the money, under a cooperation agreement between police forces.",
            "The trial of the remaining defendants is due to open in {month}.",
            "Police said they received a tip-off from a member of the public shortly before the arrests.",
        ),
    },
    "science": {
        "title": (
            "Scientists find {pick:new species|ancient remains|water ice} in "
            "{pick:rainforest|desert cave|polar crater}",
            "Study links sleep to memory in older adults",
            "Telescope captures birth of distant star",
        ),
        "lead": (
            "Researchers at the {inst} said on {weekday} they had identified a new species of frog in a remote "
            "rainforest, the first found in the region in decades.",
            "A study published on {weekday} suggests that older adults who sleep less than six hours a night "
            "perform worse on memory tests, researchers in {city} said.",
        ),
        "body": (
            "The team spent {int:2:9} months in the field collecting samples and recording calls at night.",
            '"It was a complete surprise; we were looking for something else entirely," said lead author {P}.',
            "The findings were published in a peer-reviewed journal and have been welcomed by other researchers.",
            "The study followed {int:800:9000} volunteers for {int:3:12} years and controlled for age, diet "
            "and exercise.",
            "Scientists cautioned that the results show a correlation and do not prove cause and effect.",
            "The telescope, which cost about {money} billion dollars, began science operations last year.",
            "Data from the mission will be shared with research groups in {other} and elsewhere.",
            "Funding for the project came from a national science foundation and a private philanthropic trust.",
            "Biologists say habitat loss threatens many species before they can even be described.",
            '{Q}, who was not involved in the research, called the results "intriguing but preliminary".',
            "The researchers plan to return next year with genetic sequencing equipment.",
            "Images released by the team show clouds of gas and dust where new stars are forming.",
            "Previous studies had reached conflicting conclusions, partly because of small sample sizes.",
            "The samples will be analysed at laboratories in {cap} over the coming months.",
            "Participants wore wrist sensors that recorded movement and heart rate throughout the night.",
            "The discovery brings the number of known species in the genus to {int:12:60}.",
            "Scientists from several countries held a workshop last year to agree on common methods.",
            "The university said the work could help doctors identify patients at risk earlier.",
            "The instrument was designed and built by engineers at a laboratory near {city}.",
            "The authors called for larger trials before any change to medical advice.",
        ),
    },
    "technology": {
        "title": (
            "{co} unveils new chip, promises faster phones",
            "Outage hits online banking in {country}",
            "{co} to open data centre near {city}",
        ),
        "lead": (
            "{co} unveiled a new generation of processors on {weekday}, saying they would make phones faster "
            "and use less power, as competition in the chip market intensifies.",
            "Customers of several banks in {country} were unable to make payments for hours on {weekday} after "
            "a technical outage at a payment processor.",
        ),
        "body": (
            "The company said the chips would go into devices sold from {month} and would be made at a plant "
            "in {city}.",
            '"This is the biggest leap in performance we have delivered in a decade," said {P}, the product chief.',
            "Analysts said the launch was aimed at winning back customers lost to rivals in the past two years.",
            "The outage began shortly after midnight and was fixed by mid-afternoon, the processor said.",
            "The central bank said it had ordered a review and would ask for a detailed report within a week.",
            "Customers complained on social media that card payments were declined at supermarkets and "
            "petrol stations.",
            "The company said there was no evidence of a cyberattack and that no customer data was compromised.",
            "The new data centre will cost about {money} billion and create {int:200:900} jobs, the company said.",
            "Local officials welcomed the investment but residents raised concerns about water use for cooling.",
            "Regulators in {other} are examining whether the company's app store rules limit competition.",
            "The firm said sales of its cloud services grew {pct} percent in the last quarter.",
            "Engineers worked through the night to restore the systems, a spokesperson said.",
            "Shares of {co} rose {pct} percent after the announcement.",
            "Privacy campaigners said the new devices collect too much data about their users.",
            "{Q}, an industry analyst in {cap}, said the prices would be a key test for demand.",
            "The company plans to hire engineers in {city} and {cap} over the next two years.",
            "Smaller banks said they would seek compensation for losses caused by the disruption.",
            "The chips are built on a new manufacturing process that took {int:3:6} years to develop.",
            "Consumers will be able to order the phones online from next week, with deliveries in {month}.",
            "The government said it would hold hearings on the resilience of digital payment systems.",
        ),
    },
    "health": {
        "title": (
            "Hospitals in {city} under strain as flu cases rise",
            "New clinic opens for rural patients",
            "Health ministry extends vaccination campaign",
        ),
        "lead": (
            "Hospitals in {city} postponed routine operations on {weekday} as a surge in flu cases filled "
            "emergency wards and left staff exhausted, health officials said.",
            "The health ministry in {country} said on {weekday} it would extend its vaccination campaign by a "
            "month after uptake among older people fell short of targets.",
        ),
        "body": (
            "Emergency departments saw about {int:20:60} percent more patients than usual for the time of year.",
            '"Our staff are doing everything they can, but we are at full capacity," said hospital director {P}.',
            "Doctors urged people with mild symptoms to stay at home and call their family doctor instead.",
            "The ministry said {int:1:5} million doses had been given so far, about two thirds of the target.",
            "Pharmacies reported shortages of some medicines, including children's fever syrups.",
            "The nurses' union said its members had worked double shifts for weeks and called for more hiring.",
            "The new clinic will offer consultations by video for patients living far from the nearest hospital.",
            "Officials said the peak was expected in the next two weeks, followed by a gradual decline.",
            "Schools were advised to improve ventilation and to send home pupils with symptoms.",
            "{Q}, an epidemiologist, said the season had started earlier than usual this year.",
            "The government plans to spend {money} billion on new hospital beds and equipment over five years.",
            "Health workers visited care homes to vaccinate residents who could not travel.",
            "Waiting times for specialist appointments have grown to several months in some regions.",
            "The ministry said it had received reports of rare side effects, none of them serious.",
            "Medical students will be allowed to assist in wards under supervision, the ministry said.",
            "Experts from {other} shared data on the strain circulating there, officials said.",
            "Hospital managers met ministry officials on {weekday} to discuss emergency funding.",
            "Patients' groups welcomed the extra money but said it would take years to train enough staff.",
            "Infection rates were highest among children under five and adults over 75.",
            "A hotline set up for questions about vaccines received thousands of calls in its first week.",
        ),
    },
    "culture": {
        "title": (
            "Film festival in {city} opens with record entries",
            "Museum returns artefacts to {other}",
            "{P} wins top literary prize",
        ),
        "lead": (
            "The film festival in {city} opened on {weekday} with a record {int:900:2500} entries and a gala "
            "screening attended by actors, directors and hundreds of fans.",
            "Novelist {P} won the country's top literary prize on {weekday} for a book about three generations "
            "of a family in {city}.",
        ),
        "body": (
            "The jury, led by director {Q}, will announce the winners at a ceremony next {weekday}.",
            '"Cinema is about meeting other lives, and this year we have films from every continent," said {Q}.',
            "Tickets for the opening night sold out within minutes, organisers said.",
            "The museum said the objects had been acquired in the colonial era and belonged to communities in {other}.",
            "Curators spent two years researching the history of each piece before agreeing to the return.",
            "The prize comes with a cash award of {int:20:100} thousand euros and a translation grant.",
            "Critics praised the novel for its language and its portrait of life in a changing city.",
            "The festival also hosts workshops for young filmmakers and a market for distributors.",
            "The author thanked her publisher and her late mother, who inspired the book.",
            "Visitors can see the artefacts one last time before they are shipped in {month}.",
            "A retrospective of a celebrated {dem} director will run alongside the main competition.",
            "The city council has increased funding for the festival, which attracts thousands of tourists.",
            "Several films deal with migration, war and climate change, reflecting the concerns of the moment.",
            "The ceremony was broadcast live on public television and streamed online.",
            '{R}, the museum\'s director, said the return was "a matter of justice and of respect".',
            "Booksellers said sales of the winning novel had tripled since the shortlist was announced.",
            "Organisers held talks with sponsors to secure funding for next year's edition.",
            "Street performers and musicians entertained crowds in the old town during the opening weekend.",
            "The festival's programme includes {int:60:200} feature films and {int:80:300} short films.",
            "Some directors called for more support for independent cinema, which struggles to reach audiences.",
        ),
    },
}
_TOPICS = tuple(_TEMPLATES)
