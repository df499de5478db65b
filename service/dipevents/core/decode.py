"""Raw bytes (a Kafka record value or a JSON Lines line) -> a validated Article, or BadInput with a reason.

The worker and the CLI share this, so both classify bad input the same way.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pycld2
from pydantic import ValidationError

from dipevents.core.errors import BadInput
from dipevents.core.models import Article

_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")
_LONG_TOKEN_TMPL = r"\S{{{n},}}"
_LETTER = re.compile(r"[^\W\d_]")
# A text whose letters are mostly of another script is not English; CLD2's share of English text below this is
# another language (a bilingual interview with half its text in English still passes).
_MIN_LATIN_SHARE = 0.5
_MIN_ENGLISH_PERCENT = 20
_REQUIRED = ("article_id", "source", "body")


_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class DecodeLimits:
    max_body_bytes: int = 1_000_000
    max_token_chars: int = 200
    # A publication time outside this range is bad_timestamp: news is not older than 1900 nor dated more than a
    # year ahead, and every date found in the text is resolved from it (no date arithmetic can overflow then).
    earliest: datetime = datetime(1900, 1, 1, tzinfo=UTC)
    latest_ahead: timedelta = timedelta(days=366)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def decode_article(
    raw: bytes | str | None, limits: DecodeLimits = DecodeLimits(), now: datetime | None = None
) -> Article:
    """Decode one record; raises BadInput whose `.reason` names the class of problem. `now` (default: the
    clock) bounds the publication time."""
    if raw is None:
        raise BadInput("null_value", "the record has no value (a tombstone)")
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    data = data.removeprefix(_BOM)  # some producers write a UTF-8 byte order mark; JSON does not allow one
    if len(data) > limits.max_body_bytes + 64_000:
        raise BadInput("too_large", f"record is {len(data)} bytes; the limit is {limits.max_body_bytes}")
    if b"\x00" in data or len(_CONTROL.findall(data[:4096])) > 8:
        raise BadInput("binary", "record contains binary (control) bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise BadInput("invalid_utf8", f"not valid UTF-8 at byte {e.start}") from None
    try:
        obj: Any = json.loads(text, parse_constant=_reject_constant)  # NaN, Infinity: Python's extension, not JSON
    except (ValueError, RecursionError) as e:  # ValueError also covers over-long integer literals
        msg = (
            e.msg
            if isinstance(e, json.JSONDecodeError)
            else ("nested too deeply" if isinstance(e, RecursionError) else str(e)[:200])
        )
        raise BadInput("not_json", f"not JSON: {msg}") from None
    if not isinstance(obj, dict):
        raise BadInput("not_an_object", f"JSON {type(obj).__name__} where an object was expected")
    return article_from_dict(obj, limits, now)


def article_from_dict(
    obj: dict[str, Any], limits: DecodeLimits = DecodeLimits(), now: datetime | None = None
) -> Article:
    aid = obj.get("article_id") if isinstance(obj.get("article_id"), str) else None
    src = obj.get("source") if isinstance(obj.get("source"), str) else None
    ctx = {"article_id": aid, "source": src}
    missing = [k for k in _REQUIRED if obj.get(k) is None]
    if missing:
        raise BadInput("missing_field", f"missing required field(s): {', '.join(missing)}", **ctx)
    body = obj["body"]
    if isinstance(body, str) and not body.strip():
        raise BadInput("empty_body", "body is empty", **ctx)
    if isinstance(body, str) and len(body.encode("utf-8", "surrogatepass")) > limits.max_body_bytes:
        raise BadInput("too_large", f"body is over the {limits.max_body_bytes}-byte limit", **ctx)
    try:
        article = Article.model_validate(obj)
    except ValidationError as e:
        raise _classify(e, ctx) from None
    _check_published(article, limits, now or datetime.now(UTC))
    _check_text(article, limits)
    return article


def _check_published(article: Article, limits: DecodeLimits, now: datetime) -> None:
    published = article.published_at
    if published is None:
        return
    aware = published if published.tzinfo is not None else published.replace(tzinfo=UTC)
    if not limits.earliest <= aware <= now + limits.latest_ahead:
        raise BadInput(
            "bad_timestamp",
            f"published_at {published.isoformat()} is outside {limits.earliest.date()} .. a year from now",
            article_id=article.article_id,
            source=article.source,
        )


def _classify(e: ValidationError, ctx: dict[str, str | None]) -> BadInput:
    first = e.errors()[0]
    field = ".".join(str(p) for p in first["loc"]) or "record"
    if first["type"] == "string_unicode":  # "\ud800": a lone surrogate, text that is not valid Unicode
        return BadInput("invalid_utf8", f"{field}: {first['msg']}", **ctx)
    if field == "published_at":
        return BadInput("bad_timestamp", f"published_at is not an RFC 3339 time: {first['msg']}", **ctx)
    if first["type"] in {"string_type", "int_type", "float_type", "bool_type", "model_type"}:
        return BadInput("wrong_type", f"{field}: {first['msg']}", **ctx)
    if field == "body":
        return BadInput("empty_body", f"body: {first['msg']}", **ctx)
    return BadInput("invalid", f"{field}: {first['msg']}", **ctx)


def _check_text(article: Article, limits: DecodeLimits) -> None:
    ctx: dict[str, str | None] = {"article_id": article.article_id, "source": article.source}
    if re.search(_LONG_TOKEN_TMPL.format(n=limits.max_token_chars + 1), article.body):
        raise BadInput(
            "token_too_long", f"body has a run of over {limits.max_token_chars} characters without space", **ctx
        )
    lang = (article.language or "").strip().lower()
    if lang and lang.split("-")[0].split("_")[0] not in {"en", "eng", "english"}:
        raise BadInput("not_english", f"declared language {article.language!r} is not English", **ctx)
    if not looks_english(article.body):
        raise BadInput("not_english", "body does not look like English text", **ctx)


def looks_english(text: str) -> bool:
    """False only for text that is confidently in another language.

    CLD2 (Chrome's compact language detector, through pycld2) decides when it calls its own answer reliable;
    text mostly in another script is not English whatever CLD2 says about its few Latin words. Figures,
    tables and very short text get the benefit of the doubt: a wire story made of numbers ("Shr 34 cts vs
    1.19 dlrs") holds no event, but it is not bad input either.
    """
    letters = _LETTER.findall(text[:4000])
    if len(letters) < 40:
        return True
    if sum(1 for ch in letters if ch.isascii()) / len(letters) < _MIN_LATIN_SHARE:
        return False
    try:
        reliable, _, languages = pycld2.detect(text)
    except pycld2.error:  # bytes CLD2 cannot take (decode has already refused invalid UTF-8): no verdict
        return True
    english = sum(percent for _, code, percent, _ in languages if code == "en")
    return not (reliable and english < _MIN_ENGLISH_PERCENT)
