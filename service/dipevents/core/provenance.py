"""How an event's date and place were found: the two vocabularies, strongest first, and their ranks.

Extraction writes them (dates, occasion), the event model declares them (records), the merge score weighs them
and merging keeps the strongest (merge_score, merge_reports). Defined here once.
"""

from __future__ import annotations

from typing import Literal, get_args

# A calendar date in a mention, a weekday or "yesterday" in a mention, the dateline's date, the day of
# publication (the event was reported, so it happened by then).
DateSource = Literal["explicit", "relative", "dateline", "publication"]
DATE_SOURCES: tuple[DateSource, ...] = get_args(DateSource)
# written in a mention: what a sentence of the event itself says
MENTION_DATE_SOURCES: tuple[DateSource, ...] = ("explicit", "relative")

# Named next to the meeting word in a mention, the article's dateline city, a city a mention names further away.
PlaceSource = Literal["venue", "dateline", "mention"]
PLACE_SOURCES: tuple[PlaceSource, ...] = get_args(PlaceSource)
# A place without a source was written before sources existed: all of those were venues.
UNSOURCED_PLACE: PlaceSource = "venue"

_DATE_RANK: dict[str, int] = {s: i for i, s in enumerate(DATE_SOURCES)}
_PLACE_RANK: dict[str, int] = {s: i for i, s in enumerate(PLACE_SOURCES)}


def date_rank(source: str | None) -> int:
    """0 for the strongest kind of date; an unknown or missing source ranks after every known one."""
    return _DATE_RANK.get(source or "", len(DATE_SOURCES))


def place_rank(source: str | None) -> int:
    """0 for the strongest kind of place (a place with no source counts as a venue); unknown ranks last."""
    return _PLACE_RANK.get(source or UNSOURCED_PLACE, len(PLACE_SOURCES))
