"""Whose order it is (core/events/ministry_instruction.py): a leader's, not a law's, a bill's or a company's."""

from __future__ import annotations

from typing import Any

import pytest
from dipevents.testing import make_article

PUB = "2024-03-06T15:00:00+00:00"


def instructions(pipeline: Any, body: str) -> list[list[str]]:
    events = pipeline.process_article(make_article(body, published_at=PUB))
    return [e.countries for e in events if e.event_type == "ministry_instruction"]


@pytest.mark.parametrize(
    "body",
    [
        "Congress passed a provision directing U.S. officials to oppose the loan.",
        "Republican senators said they would back a bill ordering U.S. officials to publish the data.",
        "A resolution instructing French diplomats to seek a ceasefire cleared the assembly.",
        "The Canadian airline filed a petition asking the Canadian Transport Agency to review the fare rules.",
        "Officials said Japanese ministries were asked to trim their budgets.",
    ],
)
def test_orders_of_laws_bills_companies_and_no_one_are_not_instructions(pipeline: Any, body: str) -> None:
    """A law, bill or petition 'directing' officials, or an unattributed request with no leader near, is no event."""
    assert instructions(pipeline, body) == []


def test_a_leaders_own_decree_is_an_instruction(pipeline: Any) -> None:
    """A decree issued by a leader that instructs diplomats is the leader's instruction."""
    body = "President Emmanuel Macron issued a decree instructing French diplomats to seek a ceasefire."
    assert instructions(pipeline, body) == [["FRA"]]
