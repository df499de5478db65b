"""Who agreed to consult, as real copy names them (core/events/consultation_agreement.py, core/discourse.py):
officials named only as a group, a mediator named by its role, and verbs the tagger takes for nouns."""

from __future__ import annotations

from typing import Any

import pytest
from dipevents.testing import make_article

PUB = "2024-03-06T15:00:00+00:00"


def agreements(pipeline: Any, body: str) -> list[list[str]]:
    events = pipeline.process_article(make_article(body, published_at=PUB))
    return [e.countries for e in events if e.event_type == "consultation_agreement"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # officials named only as a group: those of the last sentence that named officials of two or more states
        (
            "Chilean Foreign Minister Alberto van Klaveren received his Peruvian and Bolivian counterparts in "
            "Arica. The foreign ministers agreed to a further meet in Lima.",
            ["BOL", "CHL", "PER"],
        ),
        (
            "Chilean Foreign Minister Alberto van Klaveren received his Peruvian counterpart in Arica. The two "
            "ministers agreed to meet again before the end of the year.",
            ["CHL", "PER"],
        ),
        # one official arriving later is not in the group
        (
            "Chilean Foreign Minister Alberto van Klaveren received his Peruvian counterpart in Arica. Later, the "
            "Argentine foreign minister joined them. The ministers agreed to set up a consultation mechanism.",
            ["CHL", "PER"],
        ),
        # a mediator named by its role is not a party
        (
            "Sudan and South Sudan agreed on a framework for talks over Abyei, with Ethiopia as facilitator.",
            ["SDN", "SSD"],
        ),
        # an infinitive the tagger took for a noun
        ("Uganda and Tanzania agreed to commence negotiations on the pipeline tariffs.", ["TZA", "UGA"]),
    ],
)
def test_parties_named_by_group_or_role(pipeline: Any, body: str, expected: list[str]) -> None:
    """Officials named as a group are the states of their last group; a role after 'as' takes a mediator
    out; a misparsed infinitive still carries the talks."""
    assert agreements(pipeline, body) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        # no group of officials named before: "the ministers" stand for nobody
        "The foreign ministers agreed to a further meet in Lima.",
        # leaders agreeing to meet again plan a summit
        "President Gabriel Boric received President Dina Boluarte in Arica. The two presidents agreed to meet again "
        "in Lima.",
        # "meet" as a verb of a plan is no talk noun
        "Chile and Peru agreed on a plan to meet the export targets.",
    ],
)
def test_no_group_no_agreement(pipeline: Any, body: str) -> None:
    """'The ministers' with no group named, leaders planning to meet, 'meet' as a verb: no agreement."""
    assert agreements(pipeline, body) == []
