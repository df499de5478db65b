"""Property tests (hypothesis): whatever arrives, the decoder only ever says BadInput, the pure pre-NLP stages never
raise and keep their offsets honest, and the whole processor turns every failure into Extraction.error.

Budget: the file runs in well under a minute (the slow, model-loading property has few examples).
"""

from __future__ import annotations

import json
import os
from datetime import date
from typing import Any

import pytest
from dipevents.core.actors import find_actors
from dipevents.core.dates import find_dates
from dipevents.core.decode import DecodeLimits, decode_article
from dipevents.core.errors import BAD_INPUT_REASONS, BadInput
from dipevents.core.knowledge import Knowledge
from dipevents.core.normalize import normalize
from dipevents.testing import make_article
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

KB = Knowledge.load()
# `make test-fast` tries fewer examples (the fast tier stays under a minute); `make test` tries them all.
EXAMPLES = 100 if os.environ.get("DIPEVENTS_FAST_TIER") else 500
FAST = settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

# --- strategies ---------------------------------------------------------------------------------------

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
# Article-shaped objects whose fields hold anything: exercises the classification, not only "not an object".
article_like = st.fixed_dictionaries(
    {"article_id": json_values, "source": json_values, "body": json_values},
    optional={
        "published_at": json_values | st.sampled_from(["2013-04-29T18:00:00+04:00", "2013-04-29", "soon", ""]),
        "language": json_values | st.sampled_from(["en", "en-GB", "ru", ""]),
        "title": json_values,
        "url": json_values,
    },
)

# Wire-copy vocabulary: the pieces the regexes look for, so generated bodies reach datelines, credits, footers,
# titles, leaders, plural references, quotes, dates and sentence ends, not just random code points.
WIRE_PIECES = [
    "MOSCOW, April 29 (Interfax) -",
    "TOKYO (Kyodo) --",
    "Source: RIA, Interfax",
    "By John Smith",
    "R.S",
    "(END)",
    "You might also like",
    "President",
    "Prime Minister",
    "Russian",
    "Japanese",
    "U.S.",
    "Putin",
    "Shinzo Abe",
    "Vladimir Putin",
    "Abe",
    "the two leaders",
    "leaders of Japan and Russia",
    "the Russian and Japanese leaders",
    "his counterpart",
    "met",
    "held talks",
    "instructed",
    "agreed to hold consultations",
    "foreign ministers",
    "in Moscow",
    "on Monday",
    "yesterday",
    "April 29",
    "Aug. 18",
    "July 9/2018",
    "in June",
    "since 2003",
    "said",
    '"',
    "“",
    "”",
    "‘",
    "’",
    "(",
    ")",
    "[",
    "]",
    ",",
    ".",
    "!",
    "?",
    ";",
    ":",
    "-",
    "—",
    "\n",
    "\n\n",
    " ",
    "  ",
    "we",
    "We",
    "I",
    "they",
    "Mr.",
    "Dr.",
    "F.W. de Klerk",
    "St.",
    "2013",
    "2023",
    "Kremlin",
]
wire_text = st.lists(st.sampled_from(WIRE_PIECES) | st.text(max_size=8), min_size=1, max_size=60).map(" ".join)
any_text = st.text(max_size=400) | wire_text
body_text = any_text.filter(lambda s: bool(s.strip()))
refs = st.none() | st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31))


def _assert_bad_input_only(raw: bytes | str) -> None:
    try:
        decode_article(raw, DecodeLimits(max_body_bytes=20_000, max_token_chars=200))
    except BadInput as e:
        error = e
    else:
        return
    assert error.reason in BAD_INPUT_REASONS
    assert error.message


# --- decode -------------------------------------------------------------------------------------------


@FAST
@given(st.binary(max_size=3000))
@example(b"")
@example(b"\x00")
@example(b"[" * 5000 + b"]" * 5000)
@example(b'{"article_id": "a", "source": "s", "body": "\\ud800 the"}')
def test_arbitrary_bytes_only_ever_raise_bad_input(raw: bytes) -> None:
    _assert_bad_input_only(raw)


@FAST
@given(json_values | article_like)
def test_arbitrary_json_values_only_ever_raise_bad_input(value: Any) -> None:
    _assert_bad_input_only(json.dumps(value).encode())


@FAST
@given(st.text(alphabet=st.characters(blacklist_categories=()), max_size=300))
def test_arbitrary_str_records_with_surrogates_only_ever_raise_bad_input(raw: str) -> None:
    _assert_bad_input_only(raw)


def test_huge_integer_literal_is_bad_input_not_a_crash() -> None:
    """An integer literal past Python's 4300-digit limit is bad input (not_json), not a crash."""
    raw = b'{"article_id": "a", "source": "s", "body": "Putin met Abe.", "n": ' + b"1" * 5000 + b"}"
    _assert_bad_input_only(raw)


# --- the pure pre-NLP stages ------------------------------------------------------------------------


@FAST
@given(body_text, st.none() | st.text(max_size=60), refs)
def test_normalize_actors_dates_never_raise_and_offsets_map_back(
    body: str, title: str | None, ref: date | None
) -> None:
    article = make_article(body, title=title, published_at=None)
    clean = normalize(article.body, article.title)
    previous_end = 0
    for s in clean.sentences:
        assert 0 <= s.start <= s.end <= len(article.body)
        assert article.body[s.start : s.end] == s.text, (s, article.body)
        assert s.text and s.text == s.text.strip()
        assert s.start >= previous_end  # in reading order, never overlapping
        previous_end = s.end
        for a in find_actors(s.text, KB, ref):
            assert 0 <= a.start <= a.end <= len(s.text)
            assert s.text[a.start : a.end] == a.text
        for d in find_dates(s.text, ref):
            assert 0 <= d.start < d.end <= len(s.text)
            assert d.precision in ("day", "month", "year")
    # the stages also hold up on the raw body as one "sentence" (no splitting at all)
    find_actors(article.body, KB, ref)
    find_dates(article.body, ref)
    for credit in clean.credits:
        assert credit == credit.strip() and credit


# --- the whole processor (loads spaCy) ------------------------------------------------------------


@pytest.mark.slow
@settings(max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.lists(body_text, min_size=1, max_size=3))
def test_processor_never_raises_and_mentions_map_back(pipeline: Any, bodies: list[str]) -> None:
    """ArticleProcessor.process over arbitrary texts returns one Extraction per article; failures are in .error."""
    from dipevents.core.processor import ArticleProcessor
    from dipevents.core.syndication import SyndicationIndex

    processor = ArticleProcessor(pipeline, SyndicationIndex())
    articles = [make_article(b) for b in bodies]
    out = processor.process(articles)
    assert [x.article.article_id for x in out] == [a.article_id for a in articles]
    for ext, article in zip(out, articles, strict=True):
        if ext.error is not None:
            assert ext.events == []
            continue
        for ev in ext.events:
            for m in ev.mentions:
                if m.article_id == article.article_id:
                    assert article.body[m.start : m.end] == m.sentence
