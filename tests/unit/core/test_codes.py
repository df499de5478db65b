"""CAMEO and PLOVER codes, as each built-in type declares them in its module (no parse needed)."""

from __future__ import annotations

from typing import Any

import pytest
from dipevents.core.models import BUILTIN_TYPES
from dipevents.core.records import Location
from dipevents.core.registry import Codes


def codes(event_type: str, kb: Any, **record: Any) -> Codes:
    return BUILTIN_TYPES.get(event_type).codes(record, kb)


@pytest.mark.parametrize(
    ("fmt", "countries", "place", "want"),
    [
        ("phone", ["DEU", "FRA"], None, Codes("041", "CONSULT", "phone")),
        ("video", ["DEU", "FRA", "ITA"], None, Codes("041", "CONSULT", "phone")),
        ("in_person", ["DEU", "FRA"], "FRA", Codes("043", "CONSULT", "visit")),
        ("in_person", ["DEU", "FRA", "ITA"], "FRA", Codes("043", "CONSULT", "multilateral")),
        ("in_person", ["ARM", "AZE"], "RUS", Codes("044", "CONSULT", "third-party")),
        ("in_person", ["DEU", "FRA"], None, Codes("040", "CONSULT", "visit")),
    ],
)
def test_summit_codes_by_format_and_place(
    kb: Any, fmt: str, countries: list[str], place: str | None, want: Codes
) -> None:
    """041 by phone or video, 043 hosted by a participant, 044 at a third state's place, 040 with no place."""
    location = Location(name="somewhere", country=place) if place else None
    assert codes("summit", kb, format=fmt, countries=countries, location=location) == want


@pytest.mark.parametrize(
    ("directive", "want"),
    [
        ("intensify consultations on a peace treaty", Codes("036", "AGREE")),
        ("resume negotiations on the border", Codes("036", "AGREE")),
        ("prepare a joint plan on energy", Codes()),
        (None, Codes()),
    ],
)
def test_instruction_codes_only_when_the_directive_commits_to_talks(
    kb: Any, directive: str | None, want: Codes
) -> None:
    """An instruction has no native code unless it tells the bodies to talk (then 036 / AGREE)."""
    assert codes("ministry_instruction", kb, directive=directive, countries=["JPN", "RUS"]) == want


def test_consultation_agreements_are_036_agree(kb: Any) -> None:
    """Agreeing to consult is CAMEO 036 (express intent to meet or negotiate), PLOVER AGREE."""
    assert codes("consultation_agreement", kb, countries=["JPN", "RUS"]) == Codes("036", "AGREE")


def test_codes_become_the_event_fields() -> None:
    """A type's Codes fill cameo_code, plover_type and plover_mode."""
    assert Codes("041", "CONSULT", "phone").fields() == {
        "cameo_code": "041",
        "plover_type": "CONSULT",
        "plover_mode": "phone",
    }
