"""The invariants service/dipevents/data/README.md marks '(checked)' hold for the data files, and the checks
find a violation when there is one."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[3] / "service" / "dipevents" / "data"
SURFACES = ("aliases", "demonyms", "capitals", "metonyms", "cities")


def load(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def surface_clashes(countries: list[dict[str, Any]]) -> dict[str, set[str]]:
    """Surface strings (compared case-insensitively) that more than one country claims."""
    owners: dict[str, set[str]] = defaultdict(set)
    for c in countries:
        for s in [c["name"], *(x for key in SURFACES for x in c.get(key, []))]:
            owners[s.lower()].add(c["iso3"])
    return {s: isos for s, isos in owners.items() if len(isos) > 1}


def _years(leader: dict[str, Any]) -> tuple[int, int]:
    return leader["from"], leader["to"] if leader["to"] is not None else 9999


def alias_clashes(leaders: list[dict[str, Any]]) -> list[str]:
    """An alias of two countries in overlapping years, or of two people of one country in overlapping years
    (one shared year is a handover and allowed)."""
    by_alias: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for leader in leaders:
        for alias in {leader["name"], *leader.get("aliases", [])}:
            by_alias[alias].append(leader)
    out = []
    for alias, holders in by_alias.items():
        for i, x in enumerate(holders):
            for y in holders[i + 1 :]:
                (f1, t1), (f2, t2) = _years(x), _years(y)
                first, last = max(f1, f2), min(t1, t2)
                if first > last:
                    continue
                if x["country"] != y["country"]:
                    out.append(f"{alias}: {x['country']} and {y['country']} in {first}-{last}")
                elif x["name"] != y["name"] and first != last:
                    out.append(f"{alias}: {x['name']} and {y['name']} ({x['country']}) in {first}-{last}")
    return out


def aliases_that_are_places(leaders: list[dict[str, Any]], countries: list[dict[str, Any]]) -> list[str]:
    places = {s.lower() for c in countries for s in [c["name"], *(x for key in SURFACES for x in c.get(key, []))]}
    return sorted({a for leader in leaders for a in [leader["name"], *leader["aliases"]] if a.lower() in places})


def test_every_surface_string_belongs_to_one_country() -> None:
    """Names, aliases, demonyms, capitals, metonyms and cities each name exactly one state (case-insensitive)."""
    assert surface_clashes(load("countries.json")) == {}


def test_no_leader_alias_is_ambiguous_in_its_years() -> None:
    """No alias names two states, or two people of one state, in overlapping years (a handover year aside)."""
    assert alias_clashes(load("leaders.json")) == []


def test_no_leader_alias_is_a_country_city_or_metonym() -> None:
    """'Jordan' the state is never a leader's alias."""
    assert aliases_that_are_places(load("leaders.json"), load("countries.json")) == []


def test_the_checks_find_violations() -> None:
    """Each check reports a doctored example (so the tests above can fail)."""
    countries = [
        {"iso3": "AAA", "name": "Aland", "capitals": ["Port"], "aliases": [], "demonyms": [], "metonyms": []},
        {"iso3": "BBB", "name": "Bland", "cities": ["port"], "aliases": [], "demonyms": [], "metonyms": []},
    ]
    assert surface_clashes(countries) == {"port": {"AAA", "BBB"}}
    one = {"name": "Ann Lee", "aliases": ["Lee"], "country": "AAA", "role": "president", "from": 2000, "to": 2005}
    assert alias_clashes([one, {**one, "name": "Bo Lee", "from": 2004, "to": None}])
    assert not alias_clashes([one, {**one, "name": "Bo Lee", "from": 2005, "to": None}])  # the handover year
    assert alias_clashes([one, {**one, "country": "BBB"}])
    assert aliases_that_are_places([{**one, "aliases": ["Port"]}], countries) == ["Port"]


def test_a_stint_counts_as_a_leaders_only_from_its_leader_from_day() -> None:
    """The office's own start stays a fact of the data (MBS crown prince since 2017); `leader_from` is when its
    holder starts counting as the state's leader: before it he is out of office."""
    from datetime import date

    from dipevents.core.knowledge import Knowledge

    kb = Knowledge.load()
    raw = [x for x in load("leaders.json") if x["name"] == "Mohammed bin Salman" and x["role"] == "crown prince"]
    assert raw and raw[0]["from_day"] == "2017-06-21"
    assert kb.leader("Mohammed bin Salman", date(2019, 3, 1)) is None
    found = kb.leader("Mohammed bin Salman", date(2023, 3, 1))
    assert found is not None and found.country == "SAU"
