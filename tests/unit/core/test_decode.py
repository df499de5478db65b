"""Bad input of every class is recognised with a stable reason; good articles pass unchanged."""

from __future__ import annotations

import json

import pytest
from dipevents.core.decode import DecodeLimits, decode_article, looks_english
from dipevents.core.errors import BAD_INPUT_REASONS, BadInput

GOOD = {
    "article_id": "a1",
    "source": "TASS",
    "body": "Putin met Abe in Moscow on Monday.",
    "published_at": "2013-04-29T18:00:00+04:00",
}


def _reason(raw: bytes, limits: DecodeLimits | None = None) -> str:
    with pytest.raises(BadInput) as e:
        decode_article(raw, limits or DecodeLimits())
    assert e.value.reason in BAD_INPUT_REASONS
    assert e.value.message
    return e.value.reason


def test_good_article_decodes_and_keeps_unknown_fields_out() -> None:
    """A valid article decodes; unknown fields are ignored, not fatal."""
    a = decode_article(json.dumps({**GOOD, "crawler": "x", "extra": [1, 2]}).encode())
    assert a.article_id == "a1" and a.source == "TASS" and a.published_at is not None


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"not json at all", "not_json"),
        (b"\xff\xfe\xfa broken", "invalid_utf8"),
        (b"[1, 2, 3]", "not_an_object"),
        (b'"just a string"', "not_an_object"),
        (json.dumps({"source": "x", "body": "y"}).encode(), "missing_field"),
        (json.dumps({**GOOD, "body": "   \n "}).encode(), "empty_body"),
        (json.dumps({**GOOD, "body": ""}).encode(), "empty_body"),
        (json.dumps({**GOOD, "article_id": 12}).encode(), "wrong_type"),
        (json.dumps({**GOOD, "body": ["a"]}).encode(), "wrong_type"),
        (json.dumps({**GOOD, "published_at": "last Tuesday"}).encode(), "bad_timestamp"),
        (json.dumps({**GOOD, "language": "de"}).encode(), "not_english"),
        (b"\x00\x01\x02\x03binary\x00garbage", "binary"),
        (b"[" * 100_000, "not_json"),
    ],
)
def test_bad_input_classes(raw: bytes, reason: str) -> None:
    """Each kind of bad record maps to its reason class."""
    assert _reason(raw) == reason


def test_size_and_token_limits() -> None:
    """Bodies over the byte limit, and megabyte 'words' without spaces, are rejected."""
    limits = DecodeLimits(max_body_bytes=1000, max_token_chars=50)
    assert _reason(json.dumps({**GOOD, "body": "word " * 400}).encode(), limits) == "too_large"
    assert _reason(json.dumps({**GOOD, "body": "x" * 60 + " then text"}).encode(), limits) == "token_too_long"
    assert _reason(json.dumps({**GOOD, "body": "a" * 2_000_000}).encode()) == "too_large"


def test_detects_non_english_text() -> None:
    """Undeclared German or Russian text is caught by the offline heuristic; English passes."""
    german = (
        "Der Bundeskanzler hat am Freitag mit dem russischen Präsidenten telefoniert und die Lage in der "
        "Ukraine besprochen, wie ein Sprecher der Regierung in Berlin mitteilte. Es war das erste Gespräch."
    )
    russian = "Президент России Владимир Путин провел переговоры с премьер-министром Японии Синдзо Абэ в Кремле в понедельник."
    assert not looks_english(german)
    assert not looks_english(russian)
    assert looks_english(GOOD["body"] * 5)
