"""The error tree of the core. Every error carries context (article id, source, stage).

DipeventsError
├── BadInput            a record that can never become events (dead-letter it; do not retry)
│                        .reason is a stable, low-cardinality class used as a metric label
├── ExtractionError      a bug or resource failure inside a pipeline stage for one article
└── InternalError        any other exception while one record was handled (the worker isolates that record)
    └── Quarantined      a record that was in flight when the worker process exited, again and again
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

    @classmethod
    def wrapping(cls, exc: Exception, *, article_id: str, source: str | None, stage: str) -> ExtractionError:
        """`exc`, raised inside `stage` for this article, as its ExtractionError (one keeps its own context)."""
        if isinstance(exc, ExtractionError):
            return exc
        err = cls(f"{type(exc).__name__}: {exc}", article_id=article_id, source=source, stage=stage)
        err.__cause__ = exc
        return err


class InternalError(DipeventsError):
    """An unexpected exception while the worker handled one record: the record is dead-lettered, the worker goes
    on. `exception` names the original exception's type."""

    reason = "internal_error"

    def __init__(self, exc: BaseException, **context: str | None) -> None:
        super().__init__(describe_exception(exc), **context)
        self.exception = type(exc).__name__


class Quarantined(InternalError):
    """A record the worker process exited on (crash, OOM kill, hang killed by the liveness probe) at every one of
    several starts in a row: not processed again."""

    reason = "quarantined"

    def __init__(self, exits: int, **context: str | None) -> None:
        DipeventsError.__init__(
            self,
            f"the worker process exited {exits} times in a row with this record in flight: not processed again",
            **context,
        )
        self.exception = "ProcessExit"


def describe_exception(exc: BaseException) -> str:
    """`Type: message (at file:line in function)`, from the innermost frame of the traceback."""
    text = f"{type(exc).__name__}: {str(exc)[:500]}"
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is not None:
        code = tb.tb_frame.f_code
        text += f" (at {code.co_filename.rsplit('/', 1)[-1]}:{tb.tb_lineno} in {code.co_name})"
    return text


BAD_INPUT_REASONS = frozenset(
    {
        "null_value",
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
