"""Articles in, extractions out: the NLP pipeline behind a syndicated-copy check.

Shared by the CLI and the worker, so both treat copies, batches and failures the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dipevents.core.errors import ExtractionError
from dipevents.core.models import Article, Event
from dipevents.core.pipeline import Pipeline
from dipevents.core.syndication import SyndicationIndex, reattribute


@dataclass(frozen=True)
class Extraction:
    article: Article
    events: list[Event]
    copy_of: str | None = None  # article id of the original when this is a syndicated copy
    error: ExtractionError | None = None


class ArticleProcessor:
    def __init__(self, pipeline: Pipeline, syndication: SyndicationIndex | None = None) -> None:
        self.pipeline = pipeline
        self.syndication = syndication

    def process(self, articles: Sequence[Article]) -> list[Extraction]:
        idx = self.syndication
        if idx is None:
            return self._extract(list(articles))
        # In stream order, each article is looked up among everything before it, this batch's originals
        # included (reserved in the index with their events to come): the batching never changes the outcome.
        copy_of: dict[int, str] = {}
        known: dict[str, list[Event] | None] = {}
        reserved: list[str] = []
        results: dict[int, Extraction] = {}
        for i, a in enumerate(articles):
            try:
                sig = idx.signature(a.body)
                found = idx.find(a, sig)  # reads the article's facts only if it is a near-duplicate
            except Exception as e:  # noqa: BLE001 - this article's error; the others go on
                results[i] = Extraction(
                    a,
                    [],
                    error=ExtractionError.wrapping(e, article_id=a.article_id, source=a.source, stage="syndication"),
                )
                continue
            if found is not None:
                copy_of[i] = found.article_id
                known[found.article_id] = found.events
            elif a.article_id not in known and a.article_id not in reserved:
                idx.add(a, None, sig)
                reserved.append(a.article_id)
        originals = [i for i in range(len(articles)) if i not in copy_of and i not in results]
        for i, ext in zip(originals, self._extract([articles[i] for i in originals]), strict=True):
            results[i] = ext
            aid = articles[i].article_id
            if aid in reserved:
                idx.settle(aid, ext.events if ext.error is None else None)
                known[aid] = ext.events if ext.error is None else None
        orphans = [i for i, original in copy_of.items() if known.get(original) is None]
        for i, ext in zip(orphans, self._extract([articles[i] for i in orphans]), strict=True):
            results[i] = ext  # the original failed: the copy is extracted on its own
        edited: list[int] = []
        for i, original_id in copy_of.items():
            if i not in results:
                events = reattribute(known[original_id] or [], articles[i])
                if any(not e.mentions for e in events):
                    # a copy edited where it reports an event: no sentence of the original to point at, so the
                    # copy is read on its own (an event must say where its article states it)
                    edited.append(i)
                    continue
                results[i] = Extraction(articles[i], events, copy_of=original_id)
        for i, ext in zip(edited, self._extract([articles[i] for i in edited]), strict=True):
            results[i] = ext
        return [results[i] for i in range(len(articles))]

    def _extract(self, articles: list[Article]) -> list[Extraction]:
        """The pipeline isolates a failing article (process_batch gives its error): nothing to retry here."""
        if not articles:
            return []
        results = self.pipeline.process_batch(articles)
        return [
            Extraction(a, [], error=r) if isinstance(r, ExtractionError) else Extraction(a, r)
            for a, r in zip(articles, results, strict=True)
        ]
