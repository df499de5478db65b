"""process_article: one Article in, its typed events out. Pure: no Kafka, no metrics, no I/O.

Stages: normalize (hygiene, sentences) -> actors (regex over the knowledge base, every sentence) ->
context (resolve references in reading order; find the main meeting) -> prefilter (candidate sentences) ->
nlp (spaCy parse of candidates only, batched) -> extractors (one per registered event type) -> assemble (one
event per type and state set in the article, with every mention; the type adds its own fields and codes).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from spacy.language import Language

from dipevents.core.actors import ActorMention, find_actors
from dipevents.core.context import ArticleContext, context_factory
from dipevents.core.dates import date_confidence, local_day, resolve_text
from dipevents.core.discourse import MEETING_REFERENCE
from dipevents.core.errors import ExtractionError
from dipevents.core.extractors.view import Candidate, SentenceView
from dipevents.core.frames import recalled_frames
from dipevents.core.ids import event_id
from dipevents.core.knowledge import Knowledge, Place
from dipevents.core.models import BUILTIN_TYPES, Actor, Article, Event, Mention
from dipevents.core.normalize import CleanArticle, Sentence, normalize
from dipevents.core.occasion import Dated, choose_date, choose_place
from dipevents.core.prefilter import is_candidate
from dipevents.core.provenance import MENTION_DATE_SOURCES
from dipevents.core.records import Location
from dipevents.core.registry import EventTypes, Extractor

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
    ref: date | None  # the day it was at the dateline when the article was published
    dateline_place: Place | None
    ctx: ArticleContext
    actors: list[list[ActorMention]]
    candidates: list[int]  # indexes of sentences to parse


class Pipeline:
    def __init__(
        self,
        nlp: Language,
        kb: Knowledge,
        extractors: Sequence[Extractor] | None = None,
        *,
        types: EventTypes = BUILTIN_TYPES,
    ) -> None:
        self.nlp = nlp
        self.types = types
        self.kb = kb.with_sections({t.section: t.lexicon for t in types if t.lexicon is not None})
        missing = [t.name for t in types if t.section not in self.kb.lexicon]
        if missing:
            raise ValueError(f"event type(s) {missing} have no lexicon section; sections: {sorted(self.kb.lexicon)}")
        self.extractors = list(extractors) if extractors is not None else types.extractors()
        self.meeting_types = types.main_meetings()
        words = {w for t in types if t.main_meeting for w in self.kb.words(t.section, t.main_meeting.mention_words)}
        nouns = {w for t in types if t.main_meeting for w in self.kb.words(t.section, t.main_meeting.reference_nouns)}
        self._meeting_mention = _whole_words(words)
        self._new_context = context_factory(self.kb, frozenset(words), frozenset(nouns))

    def process_article(self, article: Article) -> list[Event]:
        """One article's events; its failure raised as an ExtractionError."""
        return self.process_all([article])[0]

    def process_all(self, articles: Sequence[Article]) -> list[list[Event]]:
        """Each article's events; the first failure raised (evaluation and tools, where a failure is a bug to see)."""
        results = self.process_batch(articles)
        for r in results:
            if isinstance(r, ExtractionError):
                raise r
        return [r for r in results if not isinstance(r, ExtractionError)]

    def process_batch(self, articles: Sequence[Article], batch_size: int = 64) -> list[list[Event] | ExtractionError]:
        """Each article's events, or the ExtractionError it failed with: one failing article (a bug, a resource
        limit) costs only itself, and the others are not processed again. The one place that isolates articles."""
        results: list[list[Event] | ExtractionError] = []
        prepared: dict[int, _Prepared] = {}
        for k, a in enumerate(articles):
            try:
                prepared[k] = self._prepare(a)
            except Exception as e:  # noqa: BLE001 - this article's error
                results.append(ExtractionError.wrapping(e, article_id=a.article_id, source=a.source, stage="prepare"))
            else:
                results.append([])
        docs = self._parse(prepared, batch_size)
        for k, p in prepared.items():
            try:
                parsed = docs[k]
                results[k] = parsed if isinstance(parsed, ExtractionError) else self._extract(p, parsed)
            except Exception as e:  # noqa: BLE001 - this article's error
                results[k] = ExtractionError.wrapping(
                    e, article_id=p.article.article_id, source=p.article.source, stage="extract"
                )
        return results

    def _parse(self, prepared: dict[int, _Prepared], batch_size: int) -> dict[int, dict[int, Any] | ExtractionError]:
        """The candidate sentences of all articles through spaCy in one stream; if that raises, article by
        article, so that the failure is the one article's that causes it."""
        jobs = [(p.clean.sentences[i].text, (k, i)) for k, p in prepared.items() for i in p.candidates]
        parsed: dict[int, dict[int, Any]] = {k: {} for k in prepared}
        try:
            for doc, (k, i) in self.nlp.pipe(jobs, as_tuples=True, batch_size=batch_size):
                parsed[k][i] = doc
            return dict(parsed.items())
        except Exception:  # noqa: BLE001, S110 - find the article at fault below
            pass
        docs: dict[int, dict[int, Any] | ExtractionError] = {}
        for k, p in prepared.items():
            try:
                texts = [p.clean.sentences[i].text for i in p.candidates]
                docs[k] = dict(zip(p.candidates, self.nlp.pipe(texts, batch_size=batch_size), strict=True))
            except Exception as e:  # noqa: BLE001 - this article's error
                docs[k] = ExtractionError.wrapping(
                    e, article_id=p.article.article_id, source=p.article.source, stage="nlp"
                )
        return docs

    # -- stages ---------------------------------------------------------------------------------------
    def _prepare(self, article: Article) -> _Prepared:
        clean = normalize(article.body, article.title, self.kb.known_place)
        place = clean.dateline.place if clean.dateline else None
        zone = self.kb.dateline_zone(place) if place else None
        ref = local_day(article.published_at, zone)
        dateline_place = self.kb.dateline_place(place) if place else None
        dateline_place = self.kb.place_on(dateline_place, ref) if dateline_place else None
        ctx = self._new_context()
        ctx.on = ref
        if dateline_place is not None and dateline_place.kind == "capital":
            ctx.home_state = dateline_place.country
        if dateline_place is not None:
            ctx.home_leaders(self.kb, dateline_place.country, ref, [s.text for s in clean.sentences])
        # A "sentence" of thousands of characters is not news prose (a table, a list, an attack on the regexes):
        # it gets no actors, so it is never parsed. Everything else stays linear in the body's length.
        actors = []
        for s in clean.sentences:
            actors.append(
                ctx.resolve(s.text, find_actors(s.text, self.kb, ref)) if len(s.text) <= MAX_SENTENCE_CHARS else []
            )
            for state in ctx.led_states:
                ctx.first_led.setdefault(state, s.start)  # where the article first named a leader of the state
        ctx.main_states = _main_states(clean.sentences, actors, ctx, self._meeting_mention)
        ctx.recalled_frames = frozenset(
            clean.sentences[i].start for i in recalled_frames([s.text for s in clean.sentences], self.kb)
        )
        meeting = len(ctx.main_states) >= 2
        candidates = [
            i
            for i, s in enumerate(clean.sentences)
            if is_candidate(s.text, actors[i], self.kb, self.types, main_meeting=meeting)
        ]
        candidates = _within_budget(candidates, clean.sentences)
        return _Prepared(article, clean, ref, dateline_place, ctx, actors, candidates)

    def _extract(self, p: _Prepared, docs: dict[int, Any]) -> list[Event]:
        views = [
            SentenceView(
                p.clean.sentences[i], docs[i], p.actors[i], p.ctx, self.kb, p.ref, p.actors[i - 1] if i else []
            )
            for i in p.candidates
        ]
        # Pass 1: meetings between named leaders only; their states are what "the two leaders" and "we" mean.
        fallback, p.ctx.main_states = p.ctx.main_states, ()
        meetings = [ex for ex in self.extractors if ex.event_type in self.meeting_types]
        explicit = [c for v in views for ex in meetings for c in ex.extract(v)]
        p.ctx.main_states = _main_meeting(explicit) or fallback
        p.ctx.lead_meeting = _lead_meeting(explicit)
        for c in explicit:
            if c.place is not None and c.place.country:
                p.ctx.meeting_places.setdefault(c.states, c.place.country)
        # Pass 2: everything, with references resolved.
        found = [c for v in views for ex in self.extractors for c in ex.extract(v)]
        return self._assemble(p, [self._widened(c, p.ctx) for c in found])

    def _widened(self, c: Candidate, ctx: ArticleContext) -> Candidate:
        """'... after a meeting of five hours. The meeting was hosted by X': a report of the meeting before the
        reference that named its hosts, by the same noun, is of the meeting with them in it."""
        wider = ctx.widened_meetings.get(c.states) if c.event_type in self.meeting_types else None
        if (
            wider is None
            or c.sentence.start >= wider[1]
            or not re.search(rf"\b{re.escape(wider[2])}\b", c.sentence.text, re.IGNORECASE)
        ):
            return c
        return replace(c, states=wider[0])

    def _assemble(self, p: _Prepared, found: Iterable[Candidate]) -> list[Event]:
        groups: dict[tuple[str, frozenset[str]], list[Candidate]] = {}
        for c in found:
            groups.setdefault((c.event_type, c.states), []).append(c)
        dateline_day = resolve_text(p.clean.dateline.date_text if p.clean.dateline else None, p.ref)
        if dateline_day and p.ref and not (p.ref - timedelta(days=7) <= dateline_day <= p.ref + timedelta(days=1)):
            dateline_day = None
        # an event of the same states with no date of its own took place at their meeting
        meeting_days = {
            states: dated
            for (etype, states), cands in groups.items()
            if etype in self.meeting_types and (dated := choose_date(cands, p.ref, None)).source in MENTION_DATE_SOURCES
        }
        events: list[Event] = []
        for (etype, states), cands in groups.items():
            dated = choose_date(cands, p.ref, dateline_day, meeting_days.get(states))
            events.append(self._event(p, etype, states, cands, dated))
        # the kind of each meeting (a call, a video link, in person) as its type reads it; an instruction or an
        # agreement of the same states was given at that meeting (dedup tells occasions of one pair apart by it)
        meeting_kind = {
            tuple(e.countries): self.types.get(e.event_type).merge.distinguish(e)
            for e in events
            if e.event_type in self.meeting_types
        }
        events = [e.model_copy(update={"occasion": _as_occasion(meeting_kind.get(tuple(e.countries)))}) for e in events]
        return sorted(events, key=lambda e: (e.event_type, e.countries))

    def _event(self, p: _Prepared, etype: str, states: frozenset[str], cands: list[Candidate], dated: Dated) -> Event:
        a = p.article
        day = dated.day
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
            "date_source": dated.source,
            "date_confidence": date_confidence(dated.source, a.published_at),
            "sources": [a.source],
            "mentions": mentions,
            "confidence": round(confidence, 3),
            "extractor": cands[0].extractor,
        }
        event_type = self.types.get(etype)
        fields = event_type.assemble(cands, states)
        if fields.get("location") is not None:
            # The type placed the event; which place, and how it was found, is the generic choice: a venue next to
            # a trigger, else the dateline city, else a city a mention only names; none of them: unknown.
            place, how = choose_place([c for c in cands if c.place is not None], p.dateline_place)
            fields["location"] = (
                Location(name=place.city or place.name, country=place.country, source=how) if place else None
            )
        record.update(fields)
        record.update(event_type.codes(record, self.kb).fields())
        return self.types.adapter.validate_python(record)


def _as_occasion(kind: str | None) -> str | None:
    """A meeting type's reading of its kind, as the `occasion` field spells it (None for anything else)."""
    return kind if kind in ("in_person", "phone", "video") else None


def _main_meeting(meetings: list[Candidate]) -> tuple[str, ...]:
    """The states of the meeting the article reports most (the first one on a tie)."""
    if not meetings:
        return ()
    counts = Counter(c.states for c in meetings)
    best = max(counts.values())
    return tuple(sorted(next(c.states for c in meetings if counts[c.states] == best)))


def _lead_meeting(meetings: list[Candidate]) -> tuple[str, ...]:
    """The states of the meeting the article reports first (not through a reference to its meeting)."""
    named = [c for c in meetings if not any(a.form == MEETING_REFERENCE for a in c.actors)]
    return tuple(sorted(min(named, key=lambda c: c.sentence.start).states)) if named else ()


def _whole_words(words: set[str]) -> re.Pattern[str]:
    if not words:
        return re.compile(r"(?!)")  # no meeting type registered: no sentence reports a meeting
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words)) + r")\b", re.IGNORECASE)


def _main_states(
    sentences: list[Sentence], actors: list[list[ActorMention]], ctx: ArticleContext, meeting_mention: re.Pattern[str]
) -> tuple[str, ...]:
    """The article's main pair when no meeting of named leaders was found: the two leaders it keeps
    talking about, else the first sentence reporting a meeting that names two or more leaders."""
    counted = ctx.leader_counts.most_common(2)
    if len(counted) == 2 and counted[1][1] >= 2:
        return tuple(sorted(c for c, _ in counted))
    for s, acts in zip(sentences, actors, strict=True):
        if not meeting_mention.search(s.text):
            continue
        states = {a.country for a in acts if a.is_sitting_leader and a.country}
        states |= {c for a in acts if a.kind == "plural_leaders" for c in a.states}
        if len(states) >= 2:
            return tuple(sorted(states))
    return tuple(sorted(c for c, _ in counted)) if len(counted) == 2 else ()


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
