"""Which sentences narrate on from a moment recalled before them (core/frames.py), found without a parse."""

from __future__ import annotations

from typing import Any

from dipevents.core.frames import recalled_frames


def test_a_sequence_phrase_after_a_moment_long_ago_is_recalled(kb: Any) -> None:
    """'Two years ago, ... The next day, ...': the next day of two years ago."""
    texts = [
        "Two years ago this week, floods swept through the valley.",
        "The next day the president sent the army to the villages.",
        "Residents say little has changed.",
    ]
    assert recalled_frames(texts, kb) == frozenset({1})


def test_a_recent_moment_or_a_time_of_its_own_is_no_recalled_frame(kb: Any) -> None:
    """Three days ago is the news's week; a weekday in the sentence is a time of its own."""
    recent = ["Three days ago, floods swept through the valley.", "The next day the president sent the army in."]
    assert recalled_frames(recent, kb) == frozenset()
    own = [
        "A decade ago, floods swept through the valley.",
        "On Monday the river rose again.",
        "Within hours the president sent the army in.",
    ]
    assert recalled_frames(own, kb) == frozenset()


def test_without_a_sequence_phrase_a_sentence_is_not_tied_to_the_old_moment(kb: Any) -> None:
    """A sentence that does not narrate on from the recalled moment keeps the tense's own reading."""
    texts = ["Five years ago, floods swept through the valley.", "The president sent the army to the villages."]
    assert recalled_frames(texts, kb) == frozenset()
