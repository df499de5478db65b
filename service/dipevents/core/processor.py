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
        sigs = [idx.signature(a.body) for a in articles] if idx is not None else []
        copy_of: dict[int, str] = {}
        batch_original: dict[int, int] = {}
        known: dict[str, list[Event]] = {}
        if idx is not None:
            for i, a in enumerate(articles):
                found = idx.find(a, sigs[i])
                if found is not None:
                    copy_of[i] = found.article_id
                    known[found.article_id] = found.events
                    continue
                for j in range(i):  # a copy of an article earlier in this same batch
                    if (
                        j not in copy_of
                        and articles[j].article_id != a.article_id
                        and sigs[i].jaccard(sigs[j]) >= idx.threshold
                    ):
                        batch_original[i] = j
                        copy_of[i] = articles[j].article_id
                        break
        originals = [i for i in range(len(articles)) if i not in copy_of]
        results: dict[int, Extraction] = {}
        for i, events in zip(originals, self._extract([articles[i] for i in originals]), strict=True):
            results[i] = events
            if idx is not None and events.error is None:
                idx.add(articles[i], events.events, sigs[i])
        for i, original_id in copy_of.items():
            source_events = results[batch_original[i]].events if i in batch_original else known[original_id]
            results[i] = Extraction(articles[i], reattribute(source_events, articles[i]), copy_of=original_id)
        return [results[i] for i in range(len(articles))]

    def _extract(self, articles: list[Article]) -> list[Extraction]:
        if not articles:
            return []
        try:
            return [Extraction(a, evs) for a, evs in zip(articles, self.pipeline.process_batch(articles), strict=True)]
        except Exception:  # noqa: BLE001 - isolate the failing article(s); the rest of the batch is not lost
            out: list[Extraction] = []
            for a in articles:
                try:
                    out.append(Extraction(a, self.pipeline.process_article(a)))
                except ExtractionError as e:
                    out.append(Extraction(a, [], error=e))
                except Exception as e:  # noqa: BLE001 - a bug in a stage becomes this article's error
                    err = ExtractionError(f"{type(e).__name__}: {e}", article_id=a.article_id, source=a.source)
                    out.append(Extraction(a, [], error=err))
            return out
