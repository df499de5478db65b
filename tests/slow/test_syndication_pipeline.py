"""A syndicated copy of an article is recognised before the NLP and its outlet joins the original's events."""

from __future__ import annotations

from typing import Any

from dipevents.core.dedup import Deduplicator
from dipevents.core.models import Article
from dipevents.core.processor import ArticleProcessor
from dipevents.core.syndication import SyndicationIndex


def test_copy_is_reattributed_without_nlp_and_merged(pipeline: Any, dev_articles: list[dict[str, Any]]) -> None:
    """The seed republished by another outlet (credit line changed): same events, two sources, no NLP pass."""
    seed = Article.model_validate(next(a for a in dev_articles if a["article_id"] == "seed-putin-abe"))
    copy = seed.model_copy(
        update={
            "article_id": "copy-1",
            "source": "Moscow Times",
            "body": seed.body.replace("Source:Voice of Russia, RIA, Interfax", "Source: VoR"),
        }
    )
    calls = []

    class Counting:
        def __init__(self) -> None:
            self.inner = pipeline

        def process_batch(self, arts: Any) -> Any:
            calls.extend(a.article_id for a in arts)
            return self.inner.process_batch(arts)

    processor = ArticleProcessor(Counting(), SyndicationIndex())  # type: ignore[arg-type]
    first = processor.process([seed])
    second = processor.process([copy])
    assert calls == ["seed-putin-abe"]  # the copy never reached the NLP
    assert second[0].copy_of == "seed-putin-abe"
    assert len(second[0].events) == 3
    for ev in second[0].events:
        assert ev.sources == ["Moscow Times"]
        for m in ev.mentions:
            assert m.article_id == "copy-1" and copy.body[m.start : m.end] == m.sentence
    dedup = Deduplicator({})
    for ext in (*first, *second):
        for ev in ext.events:
            dedup.observe(ev, ext.article.article_id, ext.article.published_at)
    merged = list(dedup.events())
    assert len(merged) == 3 and all(e.sources == ["Moscow Times", "Voice of Russia"] for e in merged)


_BRIEF = (
    "GENEVA, June 16 (Test Wire) - {leader} and U.S. President Joe Biden held talks at a lakeside villa in Geneva "
    "on Wednesday, covering arms control, attacks on computer networks, the return of ambassadors to both "
    "capitals and the fate of citizens held in each other's prisons. Officials from both delegations told "
    "reporters after the meeting ended that the atmosphere had been businesslike and that working groups of "
    "experts would follow up on each of the points raised during the session. No joint statement was issued, "
    "and neither side announced a date for another meeting. Security around the villa had been tight since the "
    "early morning, with roads closed along the shore and boats kept away from the jetty for most of the day."
)


def _brief(article_id: str, leader: str) -> Article:
    return Article.model_validate(
        {
            "article_id": article_id,
            "source": f"Outlet {article_id}",
            "body": _BRIEF.format(leader=leader),
            "published_at": "2021-06-16T18:40:00Z",
        }
    )


def test_briefs_differing_in_one_leader_or_state_are_not_copies_in_one_batch_or_two(pipeline: Any) -> None:
    """Near-identical briefs whose leader (or state) differs give their own events, batched together or not."""
    putin = _brief("b-putin", "Russian President Vladimir Putin")
    xi = _brief("b-xi", "Chinese President Xi Jinping")
    french = _brief("b-fra", "The French president")
    index = SyndicationIndex()
    assert index.signature(putin.body).jaccard(index.signature(xi.body)) >= index.threshold  # text alone: a copy
    expected = {
        "b-putin": ("RUS", "USA"),
        "b-xi": ("CHN", "USA"),
        "b-fra": ("FRA", "USA"),
    }
    one_batch = ArticleProcessor(pipeline, SyndicationIndex(kb=pipeline.kb)).process([putin, xi, french])
    proc = ArticleProcessor(pipeline, SyndicationIndex(kb=pipeline.kb))
    two_batches = [*proc.process([putin]), *proc.process([xi]), *proc.process([french])]
    for results in (one_batch, two_batches):
        got = {
            ext.article.article_id: tuple(e.countries)
            for ext in results
            for e in ext.events
            if e.event_type == "summit"
        }
        assert got == expected
        assert all(ext.copy_of is None for ext in results)
    true_copy = _brief("b-putin-2", "Russian President Vladimir Putin")
    again = proc.process([true_copy])
    assert again[0].copy_of == "b-putin" and again[0].events[0].sources == ["Outlet b-putin-2"]


_BACKGROUND = (
    " Officials from both delegations told reporters after the meeting ended that the atmosphere had been "
    "businesslike and that working groups of experts would follow up on each of the points raised during the "
    "session. No joint statement was issued, and neither side announced a date for another meeting. Security "
    "around the villa had been tight since the early morning, with roads closed along the shore and boats kept "
    "away from the jetty for most of the day. Local shops reopened in the evening once the motorcades had left. "
    "Residents who had been asked to keep their windows shut said the day had passed more quietly than they had "
    "feared, and the ferries that cross the lake were running to their usual timetable again by nightfall, with "
    "cafes along the waterfront full of delegates, journalists and police officers coming off their shifts. "
    "Hotel managers said bookings for the week had been the strongest since before the pandemic, although most "
    "of the visitors were expected to leave the city by the following afternoon. The organisers had prepared "
    "two rooms for the talks, a library with a view of the water and a smaller study upstairs, and had stocked "
    "both with maps, notebooks and bottled water; staff said only the library had been used in the end, and "
    "that the study had stayed locked throughout the long afternoon while aides waited in the garden outside."
)


_REACTION = (
    " In Moscow, commentators on state television called the meeting overdue and said the two countries could not "
    "afford to stop talking, while in Washington several senators said they would wait to see whether any of the "
    "promised working groups actually met before judging the outcome. Markets barely moved on the news, and the "
    "rouble ended the day slightly weaker against the dollar after a quiet session in which traders said they had "
    "expected little from the encounter and had positioned themselves accordingly well in advance of the talks. "
    "Diplomats in both capitals cautioned that the real test would come in the autumn, when the first of the "
    "expert groups was due to report, and that neither government had much room to compromise before elections "
    "and budget fights at home; one former ambassador said the most useful outcome was simply that the two men "
    "had agreed to keep their staffs talking, something that had not been true for most of the previous year."
)


def test_a_copy_that_rewrote_the_events_sentence_is_read_on_its_own(pipeline: Any) -> None:
    """A copy of one story that rewrote the sentence stating the meeting has no sentence of the original to point
    at: it is extracted itself, and its event cites its own sentence (never an event without a mention)."""
    original = Article(
        article_id="wire-1",
        source="Wire One",
        published_at="2021-06-16T18:00:00+02:00",
        body="GENEVA - Russian President Vladimir Putin and U.S. President Joe Biden held talks in Geneva on "
        "Wednesday." + _BACKGROUND + _REACTION,
    )
    rewritten = original.model_copy(
        update={
            "article_id": "paper-1",
            "source": "Paper One",
            "body": "GENEVA - Russian President Vladimir Putin met U.S. President Joe Biden for closed-door "
            "discussions at a villa outside Geneva on Wednesday." + _BACKGROUND + _REACTION,
        }
    )
    index = SyndicationIndex()
    assert index.signature(rewritten.body).jaccard(index.signature(original.body)) >= index.threshold
    processor = ArticleProcessor(pipeline, index)
    processor.process([original])
    assert index.find(rewritten) is not None  # a copy by its text and its facts
    (ext,) = processor.process([rewritten])
    assert ext.copy_of is None and ext.error is None
    summits = [e for e in ext.events if e.event_type == "summit"]
    assert [e.countries for e in summits] == [["RUS", "USA"]]
    for m in summits[0].mentions:
        assert m.article_id == "paper-1" and rewritten.body[m.start : m.end] == m.sentence
