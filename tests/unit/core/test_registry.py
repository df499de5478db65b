"""Event types are registered by versioned name; the wire contract is built from the registered models; mistakes
name the valid choices."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pydantic
import pytest
from dipevents.core.events import builtin_types
from dipevents.core.models import BUILTIN_TYPES, EVENT_ADAPTER
from dipevents.core.registry import EventTypes, UnknownEventType


def record(event_type: str) -> dict[str, Any]:
    return {
        "event_id": "ev-1",
        "event_type": event_type,
        "countries": ["JPN", "RUS"],
        "confidence": 0.9,
        "extractor": f"{event_type}.v1",
    }


def test_builtin_types_are_versioned_and_build_extractors_under_their_names() -> None:
    """Three types, each named '<event_type>.v<N>', each building an extractor that carries that name and type."""
    assert len(BUILTIN_TYPES) == 3
    for t in BUILTIN_TYPES:
        assert t.name.startswith(f"{t.event_type}.v")
    assert [(e.name, e.event_type) for e in BUILTIN_TYPES.extractors()] == [
        (t.name, t.event_type) for t in sorted(BUILTIN_TYPES, key=lambda t: t.name)
    ]


def test_duplicate_and_unknown_names_are_errors_listing_valid_ones() -> None:
    """Registering a type twice or asking for an unknown one fails with the valid names in the message."""
    types = builtin_types()
    first = next(iter(types))
    with pytest.raises(ValueError, match=rf"already registered; registered: \['{types.names()[0]}'"):
        types.register(first)
    with pytest.raises(UnknownEventType, match=rf"unknown event type 'protest.v1'; valid: \['{types.names()[0]}'"):
        types.get("protest.v1")
    with pytest.raises(UnknownEventType, match="valid"):
        types.select([first.event_type, "protest"])


def test_a_name_must_be_versioned_and_match_its_model() -> None:
    """'<event_type>.v<N>' is required, and the type part must be the model's event_type literal."""
    first = next(iter(BUILTIN_TYPES))
    with pytest.raises(ValueError, match="not versioned"):
        replace(first, name=first.event_type)
    other = next(t for t in BUILTIN_TYPES if t.event_type != first.event_type)
    with pytest.raises(ValueError, match="does not match"):
        replace(first, name=other.name)


def test_the_event_union_is_built_from_the_registered_models() -> None:
    """The default adapter accepts every built-in type and nothing else; a registry of one type accepts only it."""
    for t in BUILTIN_TYPES:
        assert isinstance(EVENT_ADAPTER.validate_python(record(t.event_type)), t.model)
    with pytest.raises(pydantic.ValidationError):
        EVENT_ADAPTER.validate_python(record("protest"))
    first, second = list(BUILTIN_TYPES)[:2]
    only = BUILTIN_TYPES.select([first.name])
    assert isinstance(only.adapter.validate_python(record(first.event_type)), first.model)
    with pytest.raises(pydantic.ValidationError):
        only.adapter.validate_python(record(second.event_type))


def test_the_revision_model_carries_the_registrys_union() -> None:
    """EventRevision of a registry validates its events as their own models, and refuses other types."""
    now = datetime(2024, 3, 6, tzinfo=UTC)
    first, second = list(BUILTIN_TYPES)[:2]
    only = EventTypes([first])
    revision = {
        "event_id": "ev-1",
        "revision": 1,
        "first_seen_at": now,
        "updated_at": now,
        "source_count": 1,
        "mention_count": 0,
    }
    rev = only.revision_model.model_validate({**revision, "event": record(first.event_type)})
    assert isinstance(rev.event, first.model)
    assert only.revision_model.__name__ == "EventRevision"
    with pytest.raises(pydantic.ValidationError):
        only.revision_model.model_validate({**revision, "event": record(second.event_type)})


def test_registering_after_use_rebuilds_the_contract() -> None:
    """A type registered after the union was built is in the next union (no stale adapter)."""
    first, second = list(BUILTIN_TYPES)[:2]
    types = EventTypes([first])
    assert types.adapter.validate_python(record(first.event_type))
    types.register(second)
    assert isinstance(types.adapter.validate_python(record(second.event_type)), second.model)
