"""The date-source and place-source vocabularies are defined once: the event model, ranks and merging follow them."""

from __future__ import annotations

from dipevents.core.provenance import DATE_SOURCES, PLACE_SOURCES, date_rank, place_rank
from dipevents.core.records import EventBase, Location


def _enum(model: type, field: str) -> list[str]:
    schema = model.model_json_schema()  # type: ignore[attr-defined]
    (choice,) = [a for a in schema["properties"][field]["anyOf"] if a.get("type") == "string"]
    return list(choice["enum"])


def test_the_event_model_declares_the_vocabularies() -> None:
    """EventBase.date_source and Location.source accept exactly the sources provenance defines, in its order."""
    assert _enum(EventBase, "date_source") == list(DATE_SOURCES) == ["explicit", "relative", "dateline", "publication"]
    assert _enum(Location, "source") == list(PLACE_SOURCES) == ["venue", "dateline", "mention"]


def test_ranks_strongest_first_and_unknown_last() -> None:
    """A written date outranks a weekday, the dateline and publication; a missing place source counts as a venue."""
    assert [date_rank(s) for s in DATE_SOURCES] == [0, 1, 2, 3]
    assert date_rank(None) > date_rank("publication") and date_rank("guess") == date_rank(None)
    assert place_rank(None) == place_rank("venue") < place_rank("dateline") < place_rank("mention") < place_rank("x")
