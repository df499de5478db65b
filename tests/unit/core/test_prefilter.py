"""The cheap prefilter derives its surface forms from the extractors' own lexicon lists, so it never hides a
trigger the extractors know, and a word added to a list reaches both."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from dipevents.core.actors import ActorMention
from dipevents.core.models import BUILTIN_TYPES
from dipevents.core.prefilter import is_candidate, trigger_forms

# The lists each type's prefilter predicate reads: the ones its extractor triggers on.
TRIGGER_LISTS = {t.section: t.prefilter.triggers for t in BUILTIN_TYPES}
NARROW = {t.section: t.prefilter.narrow for t in BUILTIN_TYPES if t.prefilter.narrow}


def forms(kb: Any, section: str) -> Any:
    return trigger_forms(kb, section, *TRIGGER_LISTS[section], narrow=NARROW.get(section))


@pytest.mark.parametrize("section", sorted(TRIGGER_LISTS))
def test_every_trigger_word_and_its_inflections_pass(kb: Any, section: str) -> None:
    """Each trigger word of a type passes as written and with -s/-ed/-ing endings, unless it is one of the
    narrow words whose listed forms are all that count."""
    pattern = forms(kb, section)
    narrow = kb.word_map(section, NARROW[section]) if section in NARROW else {}
    missed = []
    for name in TRIGGER_LISTS[section]:
        for word in kb.words(section, name):
            if word in narrow:
                missed += [f for f in narrow[word] if not pattern.search(f"They {f} them.")]
                continue
            stem = word[:-1] if word.endswith("e") else word
            missed += [f for f in (word, word + "s", stem + "ed", stem + "ing") if not pattern.search(f"They {f}.")]
    assert missed == []


@pytest.mark.parametrize(
    ("section", "form"),
    [
        ("summit", "met"),
        ("summit", "spoke"),
        ("summit", "sat down"),
        ("ministry_instruction", "told"),
        ("ministry_instruction", "gave"),
        ("ministry_instruction", "given"),
        ("ministry_instruction", "called upon"),
        ("consultation_agreement", "agreed"),
        ("consultation_agreement", "decided"),
    ],
)
def test_irregular_and_narrow_forms_pass(kb: Any, section: str, form: str) -> None:
    """Past tenses wire copy uses most, from the inflection lexicon, and the narrow forms of 'call'."""
    assert forms(kb, section).search(f"The two leaders {form} on Monday.")


def test_narrow_words_pass_only_in_their_listed_forms(kb: Any) -> None:
    """'called' alone is too common to parse for an instruction; 'called on' is the instructing use."""
    pattern = forms(kb, "ministry_instruction")
    assert not pattern.search("The president called his counterpart.")
    assert pattern.search("The president called on the ministries to act.")


def test_stems_do_not_match_inside_other_words(kb: Any) -> None:
    """Forms are whole words: 'sat' is not 'Saturday', 'met' is not 'metre', 'spoke' is not 'spokesman'."""
    pattern = forms(kb, "summit")
    assert not pattern.search("The spokesman said on Saturday that the metre-gauge line reopened.")


def test_a_word_added_to_a_list_reaches_the_prefilter(kb: Any) -> None:
    """The prefilter reads the extractors' lists: adding 'parley' to the meeting verbs makes it a trigger form."""
    assert not forms(kb, "summit").search("The two leaders parleyed in Geneva.")
    section = dict(kb.lexicon["summit"])
    section["verbs"] = [*section["verbs"], "parley"]
    widened = replace(kb, lexicon={**kb.lexicon, "summit": section})
    assert forms(widened, "summit").search("The two leaders parleyed in Geneva.")


def test_sports_sentence_does_not_pass(kb: Any) -> None:
    """An ordinary news sentence without any trigger is not parsed, whoever is in it."""
    text = "Japan beat Russia 3-1 in front of 40,000 fans, and Putin watched from the stands."
    leader = ActorMention(text.index("Putin"), text.index("Putin") + 5, "Putin", "leader", country="RUS")
    state = ActorMention(0, 5, "Japan", "state", country="JPN", form="name")
    assert not is_candidate(text, [state, leader], kb, BUILTIN_TYPES)


def test_a_sentence_needs_a_possible_party(kb: Any) -> None:
    """'Talks resumed' with nobody who could be a party is not parsed; with two leaders it is."""
    text = "Talks resumed in Geneva on Monday between Putin and Abe."
    assert not is_candidate(text, [], kb, BUILTIN_TYPES)
    putin = ActorMention(text.index("Putin"), text.index("Putin") + 5, "Putin", "leader", country="RUS")
    abe = ActorMention(text.index("Abe"), text.index("Abe") + 3, "Abe", "leader", country="JPN")
    assert is_candidate(text, [putin, abe], kb, BUILTIN_TYPES)


def test_a_meeting_needs_two_states_from_people(kb: Any) -> None:
    """States named alone never make a summit, so a meeting sentence with one leader and a state is not parsed."""
    text = "Putin met officials from Japan on Monday."
    putin = ActorMention(0, 5, "Putin", "leader", country="RUS")
    japan = ActorMention(text.index("Japan"), text.index("Japan") + 5, "Japan", "state", country="JPN", form="name")
    assert not is_candidate(text, [putin, japan], kb, BUILTIN_TYPES)


def test_an_impersonal_agreement_needs_the_articles_meeting(kb: Any) -> None:
    """'It was decided that the commission would meet again' names no party: parsed only in an article with a
    meeting of two or more states, whose parties it stands for; a plain sentence with no party never."""
    text = "He added that it was decided that the joint commission would resume its sessions in May."
    assert not is_candidate(text, [], kb, BUILTIN_TYPES)
    assert is_candidate(text, [], kb, BUILTIN_TYPES, main_meeting=True)
    assert not is_candidate(
        "He added that the commission would resume its sessions.", [], kb, BUILTIN_TYPES, main_meeting=True
    )
