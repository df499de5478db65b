"""The error tree of the core. Every error carries context (article id, source, stage).

DipeventsError
├── BadInput            a record that can never become events (dead-letter it; do not retry)
│                        .reason is a stable, low-cardinality class used as a metric label
└── ExtractionError      a bug or resource failure inside a pipeline stage for one article
"""

from __future__ import annotations


class DipeventsError(Exception):
    def __init__(
        self, message: str, *, article_id: str | None = None, source: str | None = None, stage: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.article_id = article_id
        self.source = source
        self.stage = stage


class BadInput(DipeventsError):
    """Input that can never become events. `reason` is one of BAD_INPUT_REASONS."""

    def __init__(self, reason: str, message: str, **context: str | None) -> None:
        if reason not in BAD_INPUT_REASONS:
            raise ValueError(f"unknown bad-input reason {reason!r}; valid: {sorted(BAD_INPUT_REASONS)}")
        super().__init__(message, stage=context.pop("stage", None) or "decode", **context)
        self.reason = reason


class ExtractionError(DipeventsError):
    """An unexpected failure inside a stage for one article (a bug, or a resource limit)."""

    reason = "extractor_error"


BAD_INPUT_REASONS = frozenset(
    {
        "not_json",
        "invalid_utf8",
        "not_an_object",
        "missing_field",
        "empty_body",
        "wrong_type",
        "bad_timestamp",
        "too_large",
        "token_too_long",
        "not_english",
        "binary",
        "invalid",
    }
)
