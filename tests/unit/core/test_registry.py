"""Extractors are registered by versioned name; mistakes name the valid choices."""

from __future__ import annotations

import pytest
from dipevents.core.extractors.registry import UnknownExtractor, default_registry


def test_default_registry_has_one_versioned_extractor_per_type() -> None:
    """Three extractors, one per event type, each with a version in its name."""
    reg = default_registry()
    assert reg.names() == ["consultation_agreement.v1", "ministry_instruction.v1", "summit.v1"]
    assert {e.event_type for e in reg.build()} == {"summit", "ministry_instruction", "consultation_agreement"}


def test_duplicate_and_unknown_names_are_errors_listing_valid_ones() -> None:
    """Registering twice or asking for an unknown name fails with the valid names in the message."""
    reg = default_registry()
    with pytest.raises(ValueError, match=r"summit\.v1"):
        reg.register("summit.v1", lambda: reg.build(["summit.v1"])[0])
    with pytest.raises(UnknownExtractor, match=r"valid: \['consultation_agreement\.v1'"):
        reg.build(["summit.v2"])
