"""Who is in a sentence, by text matching over the knowledge base (no parse)."""

from __future__ import annotations

from datetime import date
from typing import Any

from dipevents.core.actors import find_actors


def _countries(text: str, kb: Any, on: date | None) -> list[str | None]:
    return [a.country for a in find_actors(text, kb, on) if a.kind in ("leader", "state")]


def test_dissolved_states_in_copy_of_their_time(kb: Any) -> None:
    """Before the Soviet Union ended, its capital, its leader and the successor's demonym stand for SUN."""
    text = "The Kremlin said Mikhail Gorbachev would see Russian and Soviet officials in Moscow."
    assert set(_countries(text, kb, date(1987, 6, 1))) == {"SUN"}


def test_successor_states_after_dissolution(kb: Any) -> None:
    """After the end of 1991 the Kremlin is Russia's, while 'Soviet' still names the old state."""
    assert _countries("The Kremlin rejected the plan.", kb, date(2019, 6, 1)) == ["RUS"]
    assert _countries("Soviet archives were opened.", kb, date(2019, 6, 1)) == ["SUN"]


def test_yugoslavia_czechoslovakia_east_germany(kb: Any) -> None:
    """Belgrade before 2006 is Yugoslavia, Prague before 1993 Czechoslovakia; East and West Germany differ."""
    on = date(1987, 3, 5)
    assert _countries("Belgrade and Prague signed a trade protocol.", kb, on) == ["YUG", "CSK"]
    assert _countries("East German and West German envoys met.", kb, on) == ["DDR", "DEU"]
    assert _countries("Belgrade and Prague signed a trade protocol.", kb, date(2010, 1, 1)) == ["SRB", "CZE"]


def test_plural_leaders_name_their_states_as_of_the_day(kb: Any) -> None:
    """'the Russian and Polish leaders' in 1987 are SUN and POL, listed once each."""
    found = find_actors("the Russian and Polish leaders shook hands", kb, date(1987, 4, 1))
    plural = next(a for a in found if a.kind == "plural_leaders")
    assert plural.states == ("SUN", "POL")
