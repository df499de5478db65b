"""process_article: one Article in, its typed events out. Pure: no Kafka, no metrics, no I/O.

Stages: normalize (hygiene, sentences) -> actors (regex over the knowledge base, every sentence) ->
context (resolve references in reading order; find the main meeting) -> prefilter (candidate sentences) ->
nlp (spaCy parse of candidates only, batched) -> extractors (registry) -> assemble (one event per type and
state set in the article, with every mention).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from spacy.language import Language

from dipevents.core.actors import ActorMention, find_actors
from dipevents.core.codes import consultation_codes, instruction_codes, summit_codes
from dipevents.core.context import ArticleContext
from dipevents.core.dates import resolve_text
from dipevents.core.errors import ExtractionError
from dipevents.core.extractors.base import Candidate, SentenceView
from dipevents.core.extractors.registry import Extractor, default_registry
from dipevents.core.ids import event_id
from dipevents.core.knowledge import Knowledge, Place
from dipevents.core.models import (
    EVENT_ADAPTER,
    Actor,
    Article,
    Event,
    Location,
    Mention,
)
from dipevents.core.normalize import CleanArticle, Sentence, normalize
from dipevents.core.prefilter import is_candidate

_MEETING = re.compile(
    r"\b(?:met|meet|meets|meeting|talks|summit|spoke|speak|call|conversation|hosted|hosts|received|welcomed|"
    r"videoconference|telephone|phone)\b",
    re.IGNORECASE,
)


MAX_SENTENCE_CHARS = 2_000  # about 300 words; wire sentences stay far below


# Characters of candidate sentences parsed per article at most. A wire story has a few kilobytes of text in all
# (the fixtures: under 4 KB); thousands of meeting sentences are a flood, and spaCy's time grows with them.
MAX_PARSE_CHARS = 20_000


def _within_budget(candidates: list[int], sentences: list[Sentence]) -> list[int]:
    kept, used = [], 0
    for i in candidates:
        used += len(sentences[i].text)
        if used > MAX_PARSE_CHARS:
            break
        kept.append(i)
    return kept


@dataclass
class _Prepared:
    article: Article
    clean: CleanArticle
    ref: date | None
    ctx: ArticleContext
    actors: list[list[ActorMention]]
    candidates: list[int]  # indexes of sentences to parse


class Pipeline:
    def __init__(self, nlp: Language, kb: Knowledge, extractors: Sequence[Extractor] | None = None) -> None:
        self.nlp = nlp
        self.kb = kb
        self.extractors = list(extractors) if extractors is not None else default_registry().build()

    def _roles_of(self, name: str) -> set[str]:
        return {lead.role for lead in self.kb.leaders.get(name, [])}

    def process_article(self, article: Article) -> list[Event]:
        return self.process_batch([article])[0]

    def process_batch(self, articles: Sequence[Article], batch_size: int = 64) -> list[list[Event]]:
        prepared = [self._prepare(a) for a in articles]
        jobs = [(p.clean.sentences[i].text, (k, i)) for k, p in enumerate(prepared) for i in p.candidates]
        docs: dict[tuple[int, int], Any] = {}
        for doc, key in self.nlp.pipe(jobs, as_tuples=True, batch_size=batch_size):
            docs[key] = doc
        results: list[list[Event]] = []
        for k, p in enumerate(prepared):
            try:
                results.append(self._extract(p, {i: docs[(k, i)] for i in p.candidates}))
            except Exception as e:  # a bug in one article must not take the batch down
                raise ExtractionError(
                    f"{type(e).__name__}: {e}",
                    article_id=p.article.article_id,
                    source=p.article.source,
                    stage="extract",
                ) from e
        return results

    # -- stages ---------------------------------------------------------------------------------------
    def _prepare(self, article: Article) -> _Prepared:
        clean = normalize(article.body, article.title)
        ref = article.published_at.date() if article.published_at else None
        ctx = ArticleContext(roles_of=self._roles_of)
        # A "sentence" of thousands of characters is not news prose (a table, a list, an attack on the regexes):
        # it gets no actors, so it is never parsed. Everything else stays linear in the body's length.
        actors = [
            ctx.resolve(s.text, find_actors(s.text, self.kb, ref)) if len(s.text) <= MAX_SENTENCE_CHARS else []
            for s in clean.sentences
        ]
        ctx.main_states = _main_states(clean.sentences, actors, ctx)
        candidates = [i for i, s in enumerate(clean.sentences) if is_candidate(s.text, actors[i], self.kb)]
        candidates = _within_budget(candidates, clean.sentences)
        return _Prepared(article, clean, ref, ctx, actors, candidates)

    def _extract(self, p: _Prepared, docs: dict[int, Any]) -> list[Event]:
        views = [
            SentenceView(
                p.clean.sentences[i], docs[i], p.actors[i], p.ctx, self.kb, p.ref, p.actors[i - 1] if i else []
            )
            for i in p.candidates
        ]
        # Pass 1: meetings between named leaders only; their states are what "the two leaders" and "we" mean.
        fallback, p.ctx.main_states = p.ctx.main_states, ()
        explicit = [c for v in views for ex in self.extractors if ex.event_type == "summit" for c in ex.extract(v)]
        p.ctx.main_states = _main_meeting(explicit) or fallback
        # Pass 2: everything, with references resolved.
        found = [c for v in views for ex in self.extractors for c in ex.extract(v)]
        return self._assemble(p, found)

    def _assemble(self, p: _Prepared, found: Iterable[Candidate]) -> list[Event]:
        groups: dict[tuple[str, frozenset[str]], list[Candidate]] = {}
        for c in found:
            groups.setdefault((c.event_type, c.states), []).append(c)
        dateline_day = resolve_text(p.clean.dateline.date_text if p.clean.dateline else None, p.ref)
        if dateline_day and p.ref and not (p.ref - timedelta(days=7) <= dateline_day <= p.ref + timedelta(days=1)):
            dateline_day = None
        summit_days = {
            states: _most_common([c.event_date for c in cands])
            for (etype, states), cands in groups.items()
            if etype == "summit"
        }
        events: list[Event] = []
        for (etype, states), cands in groups.items():
            day = _most_common([c.event_date for c in cands]) or dateline_day or summit_days.get(states)
            events.append(self._event(p, etype, states, cands, day))
        return sorted(events, key=lambda e: (e.event_type, e.countries))

    def _event(
        self, p: _Prepared, etype: str, states: frozenset[str], cands: list[Candidate], day: date | None
    ) -> Event:
        a = p.article
        seen: set[tuple[int, int]] = set()
        mentions = []
        for c in sorted(cands, key=lambda c: c.sentence.start):
            if (c.sentence.start, c.sentence.end) in seen:
                continue
            seen.add((c.sentence.start, c.sentence.end))
            mentions.append(
                Mention(
                    article_id=a.article_id,
                    source=a.source,
                    sentence=c.sentence.text,
                    start=c.sentence.start,
                    end=c.sentence.end,
                    credits=p.clean.credits,
                )
            )
        actors = _actors(cands, p.ctx, states)
        confidence = min(0.99, max(c.confidence for c in cands) + 0.03 * (len(mentions) - 1))
        record: dict[str, Any] = {
            "event_id": event_id(etype, states, day),
            "event_type": etype,
            "countries": sorted(states),
            "actors": actors,
            "event_date": day,
            "sources": [a.source],
            "mentions": mentions,
            "confidence": round(confidence, 3),
            "extractor": cands[0].extractor,
        }
        if etype == "summit":
            place = _most_common_place([c.place for c in cands])
            fmt = (
                _most_common([c.fields.get("format") for c in cands if c.fields.get("format") != "in_person"])
                or "in_person"
            )
            if fmt != "in_person":
                place = None
            cameo, plover, mode = summit_codes(fmt, states, place.country if place else None)
            record.update(
                location=Location(name=place.city or place.name, country=place.country) if place else None,
                format=fmt,
                scope="bilateral" if len(states) == 2 else "multilateral",
                cameo_code=cameo,
                plover_type=plover,
                plover_mode=mode,
            )
        elif etype == "ministry_instruction":
            directive = next((c.fields.get("directive") for c in cands if c.fields.get("directive")), None)
            instructed: dict[str, list[str]] = {}
            for c in cands:
                for body in c.fields.get("instructed", []):
                    instructed.setdefault(body["name"], body["countries"])
            cameo2, plover2 = instruction_codes(directive)
            record.update(
                instructed=[{"name": n, "countries": cs} for n, cs in sorted(instructed.items())],
                directive=directive,
                cameo_code=cameo2,
                plover_type=plover2,
            )
        else:
            cameo3, plover3 = consultation_codes()
            levels = [c.fields.get("level") for c in cands if c.fields.get("level")]
            topics = sorted({t for c in cands for t in c.fields.get("topics", [])})
            record.update(
                level=levels[0] if levels else None,
                topics=topics,
                mechanism=cands[0].fields.get("mechanism"),
                cameo_code=cameo3,
                plover_type=plover3,
            )
        return EVENT_ADAPTER.validate_python(record)


def _main_meeting(summits: list[Candidate]) -> tuple[str, ...]:
    """The states of the summit the article reports most (the first one on a tie)."""
    if not summits:
        return ()
    counts = Counter(c.states for c in summits)
    best = max(counts.values())
    return tuple(sorted(next(c.states for c in summits if counts[c.states] == best)))


def _main_states(sentences: list[Sentence], actors: list[list[ActorMention]], ctx: ArticleContext) -> tuple[str, ...]:
    """The article's main pair when no meeting of named leaders was found: the two leaders it keeps
    talking about, else the first meeting sentence naming two or more leaders."""
    counted = ctx.leader_counts.most_common(2)
    if len(counted) == 2 and counted[1][1] >= 2:
        return tuple(sorted(c for c, _ in counted))
    for s, acts in zip(sentences, actors, strict=True):
        if not _MEETING.search(s.text):
            continue
        states = {a.country for a in acts if a.is_sitting_leader and a.country}
        states |= {c for a in acts if a.kind == "plural_leaders" for c in a.states}
        if len(states) >= 2:
            return tuple(sorted(states))
    return tuple(sorted(c for c, _ in counted)) if len(counted) == 2 else ()


def _most_common(values: Iterable[Any]) -> Any:
    vals = [v for v in values if v is not None]
    return Counter(vals).most_common(1)[0][0] if vals else None


def _most_common_place(places: Iterable[Place | None]) -> Place | None:
    ps = [p for p in places if p is not None]
    if not ps:
        return None
    # a venue beats its city: it is the more specific evidence
    counts = Counter(p.city or p.name for p in ps)
    best = counts.most_common(1)[0][0]
    return next(p for p in ps if (p.city or p.name) == best)


def _actors(cands: list[Candidate], ctx: ArticleContext, states: frozenset[str]) -> list[Actor]:
    out: dict[tuple[str, str | None], Actor] = {}
    for c in cands:
        refs = list(c.actors)
        if any(a.kind in ("plural_leaders", "plural_parties", "we", "they") for a in c.actors):
            # "the two leaders": the leaders the article named for those states
            refs += [ctx.named[s] for s in sorted(states) if s in ctx.named]
        for a in refs:
            if a.kind not in ("leader", "i", "we") or not a.country:
                continue
            if a.kind == "we" and not a.name:
                continue
            name = a.name or (a.role or "leader")
            key = (a.country, a.role if not a.name else None) if not a.name else (a.country, None)
            current = out.get(key)
            if current is None or (current.name == current.role and a.name):
                out[key] = Actor(name=name, role=a.role, country=a.country)
    return sorted(out.values(), key=lambda x: (x.country or "", x.name))
