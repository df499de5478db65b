"""Bad input of every class is recognised with a stable reason; good articles pass unchanged."""

from __future__ import annotations

import json
from datetime import UTC, datetime

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


def test_figures_and_tables_are_not_rejected_as_another_language() -> None:
    """A wire item made of figures (results tables, market prices) holds no event but is English copy: it passes."""
    results = (
        "CHICAGO, March 3 - Qtr to Jan 31 Oper shr 41 cts vs 37 cts\n\nOper net 8,412,000 vs 7,655,000\n\n"
        "Revs 190.3 mln vs 176.8 mln\n\nNine mths Oper shr 1.12 dlrs vs 98 cts\n\nAvg shrs 20.5 mln vs 20.7 mln"
    )
    prices = "LONDON, June 2 - Spot 1,245-1,250 stg, three months 1,262-1,265, turnover 4,150 tonnes, " * 3
    assert looks_english(results)
    assert looks_english(prices)


def test_a_bilingual_article_with_much_english_passes() -> None:
    """An interview printed with its Hindi original beside the English text is still English copy."""
    english = (
        "The workers told our reporter that the lockdown had cut their income to nothing, and that the "
        "railway staff had handed out food parcels at the station every evening for two months. "
    )
    hindi = "लॉकडाउन के दौरान हमारी आमदनी पूरी तरह बंद हो गई और स्टेशन पर रोज़ शाम को खाना बांटा जाता था। "
    assert looks_english((english + hindi) * 6)


def test_french_copy_is_caught_without_a_declared_language() -> None:
    """Undeclared French prose is recognised as another language (CLD2 is sure of it)."""
    french = (
        "Le président de la République a reçu lundi son homologue sénégalais au palais de l'Élysée pour un "
        "entretien consacré à la sécurité au Sahel et aux échanges commerciaux entre les deux pays."
    )
    assert not looks_english(french)


# --- issue 14: validation where it belongs -------------------------------------------------------------

_GOOD = {"article_id": "v1", "source": "Wire", "body": "President Putin met Prime Minister Abe in Moscow on Monday."}


def test_a_tombstone_is_a_null_value() -> None:
    """A record without a value (a Kafka tombstone) is null_value, not an empty body or bad JSON."""
    with pytest.raises(BadInput) as e:
        decode_article(None)
    assert e.value.reason == "null_value"


def test_a_utf8_byte_order_mark_is_stripped() -> None:
    """A producer that writes a UTF-8 BOM before the JSON still gets its article decoded."""
    assert decode_article(b"\xef\xbb\xbf" + json.dumps(_GOOD).encode()).article_id == "v1"


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json(constant: str) -> None:
    """NaN and Infinity are a Python extension of JSON: rejected as not_json, wherever they stand."""
    raw = json.dumps(_GOOD)[:-1] + f', "score": {constant}}}'
    with pytest.raises(BadInput) as e:
        decode_article(raw.encode())
    assert e.value.reason == "not_json"


@pytest.mark.parametrize(
    "published", ["0001-01-01T00:00:00Z", "1899-12-31T23:59:59Z", "9999-12-31T23:59:59Z", "2026-01-01T00:00:00+14:00"]
)
def test_publication_times_outside_1900_to_a_year_ahead_are_bad_timestamps(published: str) -> None:
    """Before 1900 or more than a year after now (here 2024-06-01): bad_timestamp, before any date arithmetic."""
    now = datetime(2024, 6, 1, tzinfo=UTC)
    with pytest.raises(BadInput) as e:
        decode_article(json.dumps({**_GOOD, "published_at": published}).encode(), now=now)
    assert e.value.reason == "bad_timestamp"


@pytest.mark.parametrize("published", ["1900-01-01T00:00:00Z", "2025-05-31T00:00:00", "2013-04-29T18:00:00+04:00"])
def test_publication_times_inside_the_range_are_accepted(published: str) -> None:
    """The range's ends and a naive time (taken as UTC) are accepted."""
    now = datetime(2024, 6, 1, tzinfo=UTC)
    assert decode_article(json.dumps({**_GOOD, "published_at": published}).encode(), now=now).published_at
