"""The extract step: article records in, candidate events out (keyed by blocking key), bad input dead-lettered.

Extraction is CPU-bound spaCy work: it runs in the executor (one NLP thread in the worker), one bounded batch at a
time, so the event loop keeps heartbeating and serving /live. Every candidate send is acknowledged by the broker
before `handle` returns, so the ledger never counts a half-processed record as done.

No record can stop the step: an exception while one record is handled (decoding, extraction, encoding, a send
the producer refuses) dead-letters that record as `internal_error` with the exception, and the others go on. Only
a dead letter that cannot be sent either (the broker is gone) propagates: the ledger handles the chunk again later.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import Executor
from typing import Protocol

from dipevents.core.bounds import Budget, fit
from dipevents.core.decode import DecodeLimits, decode_article
from dipevents.core.errors import BadInput, DipeventsError, InternalError
from dipevents.core.ids import blocking_key
from dipevents.core.models import Article
from dipevents.core.processor import Extraction
from dipevents.stream.codecs import CandidateRecord
from dipevents.stream.dlq import DeadLetterPolicy, origin_of
from dipevents.stream.health import HealthState
from dipevents.stream.ledger import Record
from dipevents.stream.metrics import Metrics
from dipevents.stream.outputs import Output, retriable
from dipevents.stream.topology import candidate_key

log = logging.getLogger("dipevents.extract")


class Processor(Protocol):
    def process(self, articles: Sequence[Article]) -> list[Extraction]: ...


class ExtractHandler:
    def __init__(
        self,
        processor: Processor,
        limits: DecodeLimits,
        *,
        candidates: Output,
        dead_letters: DeadLetterPolicy,
        metrics: Metrics,
        budget: Budget | None = None,
        executor: Executor | None = None,
        clock: Callable[[], float] = time.time,
        health: HealthState | None = None,
    ) -> None:
        self._processor = processor
        self._limits = limits
        self._budget = budget or Budget()
        self._candidates = candidates
        self._dead_letters = dead_letters
        self.metrics = metrics
        self._executor = executor  # None: extract on the loop (tests)
        self._clock = clock
        self._health = health or HealthState()  # busy_since: /live fails when a batch hangs (dipevents.stream.health)

    async def handle(self, records: Sequence[Record]) -> None:
        consumed_at = self._clock()
        good = [(rec, article) for rec in records if (article := await self._decode(rec)) is not None]
        if not good:
            return
        started = time.perf_counter()
        extractions = await self._extract(good)
        self.metrics.stage_seconds.labels(stage="extract").observe(time.perf_counter() - started)
        pending: list[tuple[Record, Extraction, list[Awaitable[object]]]] = []
        for (rec, article), ext in zip(good, extractions, strict=True):
            if ext.error is not None:
                await self._dead_letter(rec, ext.error)
            else:
                try:
                    pending.append((rec, ext, await self._send(article, ext, consumed_at)))
                except Exception as e:
                    if retriable(e):
                        raise  # the broker, not the record: the ledger reads the chunk again from its position
                    await self._isolate(rec, e, article.article_id)
        # Acknowledged by the broker before the ledger counts these offsets as done: never half-processed.
        for rec, ext, acks in pending:
            try:
                await asyncio.gather(*acks)
            except Exception as e:
                if retriable(e):
                    raise
                await self._isolate(rec, e)
            else:
                self._count(ext)  # an article's outcome counts once its candidates are on the broker (finding 15)

    async def _send(self, article: Article, ext: Extraction, consumed_at: float) -> list[Awaitable[object]]:
        kind = "copy" if ext.copy_of else "extracted"
        acks = []
        for event in ext.events:
            # One article can state an event thousands of times: the candidate carries a bounded event.
            record = CandidateRecord(
                fit(event, self._budget), article.article_id, article.published_at, consumed_at, kind
            )
            key = candidate_key(blocking_key(event.event_type, event.countries))
            acks.append(await self._candidates(key, record.encode()))
        return acks

    def _count(self, ext: Extraction) -> None:
        self.metrics.articles.labels(outcome="copy" if ext.copy_of else "processed").inc()
        if ext.copy_of:
            self.metrics.duplicates.labels(kind="syndicated_copy").inc()
        for event in ext.events:
            self.metrics.events_extracted.labels(event_type=event.event_type).inc()

    async def _dead_letter(self, rec: Record, error: DipeventsError) -> None:
        """An article's dead letter, counted as its outcome: articles are counted here only, not by the policy,
        which dead-letters candidates too (finding 15)."""
        await self._dead_letters.handle(rec.key, rec.value, error, origin_of(rec))
        self.metrics.articles.labels(outcome="dead_letter").inc()

    async def _isolate(self, rec: Record, exc: BaseException, article_id: str | None = None) -> None:
        await self._dead_letter(rec, InternalError(exc, article_id=article_id, stage="extract"))

    async def _decode(self, rec: Record) -> Article | None:
        started = time.perf_counter()
        try:
            return decode_article(rec.value, self._limits)
        except BadInput as e:
            await self._dead_letter(rec, e)
        except Exception as e:  # noqa: BLE001 - a decoder bug: a crashed agent would lose the whole batch
            err = InternalError(e, stage="decode")
            await self._dead_letter(rec, err)
        finally:
            self.metrics.stage_seconds.labels(stage="decode").observe(time.perf_counter() - started)
        return None

    async def _extract(self, good: list[tuple[Record, Article]]) -> list[Extraction]:
        """The batch through the processor, which gives a failing article its error (core.pipeline.process_batch).
        Anything it raises is not one article's fault (the executor is gone): the ledger handles the chunk again."""
        return list(await self._run([a for _, a in good]))

    async def _run(self, articles: list[Article]) -> list[Extraction]:
        if self._executor is None:
            return self._processor.process(articles)
        self._health.busy_since = time.monotonic()
        try:
            return await asyncio.get_running_loop().run_in_executor(self._executor, self._processor.process, articles)
        finally:
            self._health.busy_since = None
