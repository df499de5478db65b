"""Narrative frames: which sentences tell the story of an earlier moment the article set before them.

A feature recalls ("A year ago today, a gunman walked into the mosque.") and then narrates on from that moment
("In the hours that followed, ... within a day she had instructed officials"). A sentence is in a recalled frame
when it ties itself to the moment told before it (a sequence phrase: "in the hours that followed", "the next day",
"days later") and the last time the article set before it was more than a week before publication ("N units ago").
A sentence with a time of its own (a weekday, "today", "yesterday") starts a frame of its own. The words are the
`modality` lexicon; nothing here parses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dipevents.core.calendar_words import WEEKDAY_PATTERN
from dipevents.core.extractors.view import RECENT_DAYS
from dipevents.core.knowledge import Knowledge


def recalled_frames(texts: Sequence[str], kb: Knowledge) -> frozenset[int]:
    """Indexes of the sentences that narrate on from a moment recalled before them."""
    ago, current, sequence = _patterns(kb)
    out: set[int] = set()
    old = False
    for i, text in enumerate(texts):
        # "ago" is in every match, in any case (no other letter folds to a, g or o): most sentences skip the scan
        told_ago = "ago" in text.lower()
        back = max((_days(m, kb) for m in ago.finditer(text)), default=0) if told_ago else 0
        if back > RECENT_DAYS:
            old = True
            continue
        stripped = ago.sub(" ", text) if told_ago else text
        if back or current.search(stripped):
            old = False  # a time of the sentence's own: the story is back in the news's week
            continue
        if old and sequence.search(text):
            out.add(i)
    return frozenset(out)


def _days(m: re.Match[str], kb: Knowledge) -> int:
    units = {w: int(n) for n, ws in kb.word_map("modality", "interval_units").items() for w in ws}
    counts = {w: int(n) for n, ws in kb.word_map("modality", "interval_counts").items() for w in ws}
    count = m.group("count").lower()
    return units.get(m.group("unit").lower(), 0) * (int(count) if count.isdigit() else counts.get(count, 1))


def _patterns(kb: Knowledge) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    def build() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
        units = sorted({w for ws in kb.word_map("modality", "interval_units").values() for w in ws}, key=len)
        counts = sorted({w for ws in kb.word_map("modality", "interval_counts").values() for w in ws}, key=len)
        number = "|".join([r"\d+", *(re.escape(c) for c in reversed(counts))])
        ago = re.compile(
            rf"\b(?P<count>{number})\s+(?P<unit>{'|'.join(reversed(units))})\s+ago(?:\s+(?:today|this\s+\w+))?\b",
            re.IGNORECASE,
        )
        now_words = "|".join(re.escape(w) for w in sorted(kb.words("modality", "current_time_words"), key=len)[::-1])
        current = re.compile(rf"\b(?:{WEEKDAY_PATTERN}|{now_words})\b", re.IGNORECASE)
        phrases = sorted(kb.words("modality", "sequence_phrases"), key=len)[::-1]
        sequence = re.compile(r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) + r")\b", re.I)
        return ago, current, sequence

    found: tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]] = kb.memo("recalled_frame_patterns", build)
    return found
