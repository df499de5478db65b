"""A weekday under a verb with a modal auxiliary dates something still to come (core/extractors/view.py), even
where a list's commas or a subordinate clause keep the modal out of the words right before it."""

from __future__ import annotations

from typing import Any

from dipevents.testing import make_article

from tests.slow.sentences import PUB

LAST_MONDAY, LAST_THURSDAY = "2024-03-04", "2024-02-29"  # PUB is Wednesday 2024-03-06


def _summit_date(pipeline: Any, body: str) -> str:
    events = pipeline.process_article(make_article(body, published_at=PUB))
    return str(next(e for e in events if e.event_type == "summit").event_date)


def test_a_modal_weekday_after_a_list_does_not_date_the_meeting(pipeline: Any) -> None:
    body = (
        '"We shall brief the treasury, the central bank and the planning office at Thursday\'s cabinet session," '
        "German Chancellor Olaf Scholz told reporters after his talks with French President Emmanuel Macron."
    )
    assert _summit_date(pipeline, body) != LAST_THURSDAY


def test_a_weekday_of_what_markets_may_do_does_not_date_the_meeting(pipeline: Any) -> None:
    body = (
        "Bond prices may climb on Monday after German Chancellor Olaf Scholz held talks with French President "
        "Emmanuel Macron in Paris, traders said."
    )
    assert _summit_date(pipeline, body) != LAST_MONDAY


def test_a_perfect_or_a_plain_past_keeps_its_weekday(pipeline: Any) -> None:
    """'may have met on Monday' and 'met on Monday' are the past: the Monday before."""
    met = "German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Monday, officials said."
    assert _summit_date(pipeline, met) == LAST_MONDAY
    failed = (
        "German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris, but the two could not "
        "settle the farm dispute on Monday, officials said."
    )
    assert _summit_date(pipeline, failed) == LAST_MONDAY


def test_a_weekday_of_a_present_progressive_looks_forward(pipeline: Any) -> None:
    """'Traders are preparing for a selloff on Monday after X and Y met': an arrangement still to come, not the
    Monday before; 'were preparing' is the past and keeps it."""
    body = (
        "Traders in Frankfurt are preparing for a selloff on Monday after German Chancellor Olaf Scholz and French "
        "President Emmanuel Macron settled the farm dispute over lunch in Paris."
    )
    assert _summit_date(pipeline, body) != LAST_MONDAY
    body = (
        "Traders in Frankfurt were preparing for a selloff on Monday after German Chancellor Olaf Scholz and French "
        "President Emmanuel Macron met over lunch in Paris."
    )
    assert _summit_date(pipeline, body) == LAST_MONDAY
