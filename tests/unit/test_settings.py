"""Settings come from DIPEVENTS_* variables, nested with '__'; secrets never show when printed."""

from __future__ import annotations

import pytest
from dipevents.settings import Settings
from pydantic import ValidationError


def test_env_overrides_nested_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nested sections are set through the environment."""
    monkeypatch.setenv("DIPEVENTS_KAFKA__BOOTSTRAP_SERVERS", "broker-1:9092,broker-2:9092")
    monkeypatch.setenv("DIPEVENTS_NLP__MODEL", "en_core_web_sm")
    monkeypatch.setenv("DIPEVENTS_DEDUP__WINDOW_DAYS", "3")
    s = Settings()
    assert s.kafka.bootstrap_servers == "broker-1:9092,broker-2:9092"
    assert s.nlp.model == "en_core_web_sm"
    assert s.dedup.window_days == 3


def test_password_is_never_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    """repr, str and JSON dumps of the settings hide the SASL password."""
    monkeypatch.setenv("DIPEVENTS_KAFKA__SASL_PASSWORD", "hunter2-very-secret")
    s = Settings()
    assert s.kafka.sasl_password is not None
    assert s.kafka.sasl_password.get_secret_value() == "hunter2-very-secret"
    for text in (repr(s), str(s), s.model_dump_json()):
        assert "hunter2-very-secret" not in text


@pytest.mark.parametrize("days", ["2.5", "0.5", "0", "-1"])
def test_dedup_window_is_a_whole_number_of_days(monkeypatch: pytest.MonkeyPatch, days: str) -> None:
    """The dedup window is scanned day by day: a fraction or less than a day is refused at start."""
    monkeypatch.setenv("DIPEVENTS_DEDUP__WINDOW_DAYS", days)
    with pytest.raises(ValidationError, match="window_days"):
        Settings()


def test_expiry_can_be_shorter_than_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """How long an event stays in the table (processing time) defaults to the window and may be any positive time."""
    assert Settings().dedup.expire_after_days is None  # the Deduplicator then expires after the window
    monkeypatch.setenv("DIPEVENTS_DEDUP__EXPIRE_AFTER_DAYS", "0.0001")
    assert Settings().dedup.expire_after_days == 0.0001
