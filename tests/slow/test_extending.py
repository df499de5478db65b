"""docs/extending.md, followed: a fourth event type, declared in this file alone and registered in a test-only
registry, runs through process_article, dedup and evaluation; no module of the package was changed for it.

The toy type is 'ambassador_recall' ("Ukraine recalled its ambassador from Hungary"): CAMEO 161 (reduce or
break diplomatic relations), PLOVER REDUCE. It is a toy: enough rules for the sentences below, no more.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any, Literal

import pytest
from dipevents.core.dedup import Deduplicator
from dipevents.core.events import builtin_types
from dipevents.core.extractors.modality import is_background, is_irrealis
from dipevents.core.extractors.parties import states_of
from dipevents.core.extractors.syntax import lemma, subjects
from dipevents.core.extractors.view import Candidate, SentenceView, TypeExtractor, candidate
from dipevents.core.knowledge import Knowledge
from dipevents.core.models import BUILTIN_TYPES
from dipevents.core.pipeline import Pipeline
from dipevents.core.records import EventBase
from dipevents.core.registry import Codes, EventType, MergeRule, Prefilter
from dipevents.evaluation import article_scores
from dipevents.testing import make_article
from pydantic import Field

# --- the type's module (docs/extending.md, steps 1-6) ------------------------------------------------------


class AmbassadorRecallEvent(EventBase):
    event_type: Literal["ambassador_recall"] = "ambassador_recall"
    envoy: str | None = Field(default=None, description="who was recalled: ambassador, envoy, chargé d'affaires")


LEXICON = {
    "_doc": "ambassador_recall.v1: a state recalled its envoy from another state",
    "verbs": ["recall", "withdraw"],
    "envoy_nouns": ["ambassador", "envoy", "chargé"],
}


class RecallExtractor(TypeExtractor):
    def extract(self, view: SentenceView) -> Iterator[Candidate]:
        kb = view.kb
        for t in view.doc:
            if t.pos_ != "VERB" or lemma(t) not in kb.words("ambassador_recall", "verbs"):
                continue
            envoys = [
                c
                for c in t.children
                if c.dep_ in ("dobj", "nsubjpass") and lemma(c) in kb.words("ambassador_recall", "envoy_nouns")
            ]
            if not envoys or is_irrealis(t, kb) or is_background(view, t):
                continue
            recalling, used = states_of(view, view.actors_of(subjects(t)), leaders_only=False)
            # "recalled its ambassador from Hungary": the phrase hangs off the verb or the envoy
            heads = [t, *envoys]
            hosts = [
                g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "from" for g in c.children
            ]
            host_states, host_used = (
                states_of(view, view.actors_of(hosts), leaders_only=False) if hosts else (set(), [])
            )
            states = recalling | host_states
            if len(recalling) == 1 and len(states) == 2:
                yield candidate(self, view, t, states, used + host_used, 0.8, envoy=envoys[0].lower_)
                return


def _assemble(cands: list[Candidate], states: frozenset[str]) -> dict[str, Any]:
    return {"envoy": next((c.fields["envoy"] for c in cands if c.fields.get("envoy")), None)}


def _codes(record: Mapping[str, Any], kb: Knowledge) -> Codes:
    return Codes("161", "REDUCE")


EVENT_TYPE = EventType(
    name="ambassador_recall.v1",
    model=AmbassadorRecallEvent,
    prefilter=Prefilter(triggers=("verbs",)),
    extractor=RecallExtractor,
    assemble=_assemble,
    codes=_codes,
    merge=MergeRule(fill=("envoy",)),
    lexicon=LEXICON,  # a type inside the package puts this in data/lexicons/ambassador_recall.json instead
)

# --- the test-only registry (step 7) -------------------------------------------------------------------------

TYPES = builtin_types()
TYPES.register(EVENT_TYPE)

PUB = "2024-03-06T15:00:00+00:00"
RECALL = (
    "Ukraine recalled its ambassador from Hungary on Tuesday after Budapest blocked a European Union aid package. "
    "French President Emmanuel Macron met German Chancellor Olaf Scholz in Paris on Tuesday."
)
SAME_RECALL = "KYIV (Wire) - Ukraine on Tuesday recalled its envoy from Hungary in protest at the veto."
NOT_YET = "Ukraine will recall its ambassador from Hungary if the veto stands, the foreign ministry said."


@pytest.fixture(scope="module")
def toy_pipeline(pipeline: Any, kb: Knowledge) -> Pipeline:
    return Pipeline(pipeline.nlp, kb, types=TYPES)


def test_the_fourth_type_is_extracted_next_to_the_built_in_ones(toy_pipeline: Pipeline) -> None:
    """process_article gives the toy event (typed, versioned, coded, with its own field) and the summit."""
    events = toy_pipeline.process_article(make_article(RECALL, published_at=PUB))
    assert sorted((e.event_type, tuple(e.countries)) for e in events) == [
        ("ambassador_recall", ("HUN", "UKR")),
        ("summit", ("DEU", "FRA")),
    ]
    recall = next(e for e in events if e.event_type == "ambassador_recall")
    assert isinstance(recall, AmbassadorRecallEvent)
    assert (recall.extractor, recall.envoy, recall.cameo_code, recall.plover_type) == (
        "ambassador_recall.v1",
        "ambassador",
        "161",
        "REDUCE",
    )
    assert str(recall.event_date) == "2024-03-05"


def test_the_fourth_type_uses_the_shared_modality_rules(toy_pipeline: Pipeline) -> None:
    """A conditional, future recall is not an event: the toy gets is_irrealis for free."""
    assert toy_pipeline.process_article(make_article(NOT_YET, published_at=PUB)) == []


def test_two_reports_of_one_recall_deduplicate_into_one_event(toy_pipeline: Pipeline) -> None:
    """Dedup with the toy registry merges two outlets' reports and fills the type's own field by its merge rule."""
    dedup = Deduplicator({}, types=TYPES)
    for source, body in (("Wire A", SAME_RECALL), ("Wire B", RECALL)):
        article = make_article(body, published_at=PUB, source=source)
        for event in toy_pipeline.process_article(article):
            if event.event_type == "ambassador_recall":
                dedup.observe(event, article.article_id, article.published_at)
    [merged] = list(dedup.events())
    assert merged.sources == ["Wire A", "Wire B"] and len(merged.mentions) == 2
    assert isinstance(merged, AmbassadorRecallEvent) and merged.envoy == "envoy"


def test_evaluation_scores_the_fourth_type(toy_pipeline: Pipeline) -> None:
    """article_scores with the toy registry reports the toy type next to the built-in ones."""
    articles = [make_article(b, published_at=PUB, article_id=f"t{i}") for i, b in enumerate([RECALL, NOT_YET])]
    expected = {
        "t0": [
            {"event_type": "ambassador_recall", "countries": ["HUN", "UKR"]},
            {"event_type": "summit", "countries": ["DEU", "FRA"]},
        ],
        "t1": [],
    }
    events = [json.loads(e.model_dump_json()) for a in articles for e in toy_pipeline.process_article(a)]
    scores = article_scores(events, expected, TYPES)
    assert scores.f1("ambassador_recall") == 1.0 and "ambassador_recall" in scores.summary()["per_type_f1"]


def test_nothing_outside_this_file_changed() -> None:
    """The built-in registry and the wire contract do not know the toy; the toy registry's contract does."""
    assert "ambassador_recall" not in BUILTIN_TYPES.event_types()
    assert "ambassador_recall" in TYPES.event_types()
    mapping = TYPES.adapter.json_schema()["discriminator"]["mapping"]
    assert mapping["ambassador_recall"] == "#/$defs/AmbassadorRecallEvent"
    assert set(mapping) == {*BUILTIN_TYPES.event_types(), "ambassador_recall"}
