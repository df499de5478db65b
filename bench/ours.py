"""Our side: the processor the worker runs (build_processor), fed in the worker's batches.

`build(prefilter=False)` is the equal-work variant: every sentence the pipeline would look at (all but the
over-long ones, within its per-article parse budget) is parsed and offered to every extractor, so the
prefilter's saving and its cost in recall can both be read off the table. The prefilter predicate still runs
(its result is then ignored), which charges that side a few percent it would not pay without the code.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from dipevents.core.models import Article
from dipevents.core.processor import ArticleProcessor, Extraction
from dipevents.core.syndication import SyndicationIndex
from dipevents.settings import Settings

from bench.measure import Timing, timed


@dataclass
class ParseCount:
    """Sentences the pipeline saw and the ones it parsed (the candidates)."""

    sentences: int = 0
    parsed: int = 0


def build(settings: Settings, *, prefilter: bool = True, count: ParseCount | None = None) -> ArticleProcessor:
    from dipevents.main import build_processor

    processor = build_processor(settings)
    if count is not None or not prefilter:
        _instrument(processor, prefilter=prefilter, count=count or ParseCount())
    return processor


def _instrument(processor: ArticleProcessor, *, prefilter: bool, count: ParseCount) -> None:
    """Wrap the pipeline's per-article preparation (normalize, actors, prefilter): count, and with the
    prefilter off make every sentence a candidate. The instance attribute shadows the method."""
    from dipevents.core import pipeline as stage

    pipeline = processor.pipeline
    prepare: Callable[[Article], Any] = pipeline._prepare  # the one seam for "every sentence"

    def prepared(article: Article) -> Any:
        p = prepare(article)
        sentences = p.clean.sentences
        if not prefilter:
            every = [i for i, s in enumerate(sentences) if len(s.text) <= stage.MAX_SENTENCE_CHARS]
            p.candidates = stage._within_budget(every, sentences)  # the pipeline's own budget
        count.sentences += len(sentences)
        count.parsed += len(p.candidates)
        return p

    setattr(pipeline, "_prepare", prepared)  # noqa: B010 - mypy forbids assigning to a method


def reset_copies(processor: ArticleProcessor) -> None:
    """A fresh syndicated-copy index, so one workload's articles are never copies of another's."""
    if processor.syndication is not None:
        processor.syndication = SyndicationIndex(threshold=processor.syndication.threshold)


def extract(
    processor: ArticleProcessor, raw: Sequence[dict[str, Any]], batch: int, latencies: list[float] | None = None
) -> tuple[list[Extraction], Timing]:
    """Process `raw` (Article JSON) in batches of `batch`; decoding into Articles is outside the timed part.
    With `latencies`, each article's latency is its batch's wall time (it waits for the whole batch)."""
    articles = [Article.model_validate(a) for a in raw]
    reset_copies(processor)
    out: list[Extraction] = []
    with timed() as t:
        for i in range(0, len(articles), batch):
            chunk = articles[i : i + batch]
            with timed() as b:
                out.extend(processor.process(chunk))
            if latencies is not None:
                latencies.extend([b.wall] * len(chunk))
    return out, t


def events_json(extractions: Sequence[Extraction]) -> list[dict[str, Any]]:
    return [e.model_dump(mode="json") for x in extractions for e in x.events]
