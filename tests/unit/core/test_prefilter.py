"""The cheap prefilter never hides a trigger the extractors know: every lexicon trigger passes it."""

from __future__ import annotations

from typing import Any

import pytest
from dipevents.core.prefilter import trigger_pattern

IRREGULAR = ["met", "spoke", "held", "told", "gave", "given", "sat down", "agreed", "decided", "tasked", "instructed"]


def test_every_trigger_word_passes_the_prefilter(kb: Any) -> None:
    """Summit verbs and nouns, instruction verbs and nouns and agreement verbs all match a stem (an agreement
    needs its verb, so talk nouns need no stem of their own)."""
    pattern = trigger_pattern(kb)
    words = (
        kb.words("summit", "verbs")
        | kb.words("summit", "nouns")
        | kb.words("ministry_instruction", "verbs")
        | kb.words("ministry_instruction", "give_nouns")
        | kb.words("consultation_agreement", "agree_verbs")
    )
    missed = sorted(w for w in words if not pattern.search(w) and not pattern.search(w + "s"))
    assert missed == []


@pytest.mark.parametrize("form", IRREGULAR)
def test_irregular_forms_pass(kb: Any, form: str) -> None:
    """Past tenses wire copy uses most."""
    assert trigger_pattern(kb).search(f"The two leaders {form} on Monday.")


def test_sports_sentence_does_not_pass(kb: Any) -> None:
    """An ordinary news sentence without any trigger is not parsed."""
    assert not trigger_pattern(kb).search("The striker scored twice as the home side won 3-1 in front of 40,000 fans.")
