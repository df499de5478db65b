"""Settings come from DIPEVENTS_* variables, nested with '__'; secrets never show when printed."""

from __future__ import annotations

import pytest
from dipevents.settings import Settings


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
