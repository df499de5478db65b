"""Syndicated copies are recognised by their text and re-attributed without running the NLP."""

from __future__ import annotations

from datetime import date

from dipevents.core.models import Article
from dipevents.core.syndication import Facts, SyndicationIndex, reattribute
from dipevents.testing import make_article

from tests.unit.core.test_dedup import summit

BODY = (
    "MOSCOW, April 29 (Interfax) - Russian President Vladimir Putin held talks with Japanese Prime Minister Shinzo Abe "
    "in the Kremlin on Monday. The two leaders instructed their foreign ministries to intensify contacts on a peace "
    "treaty and agreed to start consultations on defence and security. Trade between the countries reached a record "
    "last year, Putin said, inviting Japanese companies to invest in Siberia and the Russian Far East."
)


def test_near_duplicate_is_found_and_unrelated_text_is_not() -> None:
    """A republished copy with small edits matches; another story does not."""
    idx = SyndicationIndex(threshold=0.8)
    original = make_article(BODY, source="Interfax", article_id="orig")
    sentence = "The two leaders instructed their foreign ministries to intensify contacts on a peace treaty and agreed to start consultations on defence and security."
    idx.add(original, [summit("Interfax", "orig", date(2013, 4, 29), sentence=sentence)])
    copy = make_article(BODY.replace("(Interfax)", "(Interfax via NewsNow)"), source="NewsNow", article_id="copy")
    found = idx.find(copy)
    assert found is not None and found.article_id == "orig"
    other = make_article("Chilean President Gabriel Boric announced a national lithium strategy on Thursday. " * 3)
    assert idx.find(other) is None
    moved = reattribute(found.events, copy)
    assert moved[0].sources == ["NewsNow"]
    m = moved[0].mentions[0]
    assert m.article_id == "copy" and copy.body[m.start : m.end] == m.sentence


def test_index_is_bounded() -> None:
    """The index forgets the oldest articles beyond its capacity."""
    idx = SyndicationIndex(capacity=3)
    for i in range(5):
        idx.add(make_article(f"story number {i} " + "word " * 30 + str(i) * 5, article_id=f"a{i}"), [])
    assert len(idx) == 3


def test_a_copy_must_keep_the_originals_leaders_states_places_and_days() -> None:
    """Near-identical text is a copy when the words that differ name no leader, state, place or day."""
    from dipevents.core.knowledge import Knowledge

    idx = SyndicationIndex(threshold=0.6, kb=Knowledge.load())  # every edit below is a copy by its text alone
    original = make_article(BODY, source="Interfax", article_id="orig")
    idx.add(original, [])
    reworded = make_article(BODY.replace("Putin said", "Putin told reporters"), article_id="reworded")
    assert idx.signature(reworded.body).jaccard(idx.signature(original.body)) >= 0.8
    found = idx.find(reworded)
    assert found is not None and found.article_id == "orig"
    for edit in (
        BODY.replace("Japanese Prime Minister Shinzo Abe", "Chinese President Xi Jinping"),
        BODY.replace("in the Kremlin", "in Sochi"),
        BODY.replace("on Monday", "on Tuesday"),
        BODY.replace("MOSCOW, April 29", "MOSCOW, April 30"),
    ):
        other = make_article(edit, article_id="edited")
        assert idx.signature(other.body).jaccard(idx.signature(original.body)) >= 0.6
        assert idx.find(other) is None


def test_facts_are_read_only_for_near_duplicates() -> None:
    """Indexing and looking up articles that are no near-duplicate of anything never reads their facts (a second
    normalize); a copy reads its own and its original's, once each."""
    read: list[str] = []

    class Counting(SyndicationIndex):
        def facts(self, article: Article) -> Facts:
            read.append(article.article_id)
            return super().facts(article)

    idx = Counting(threshold=0.8)
    for i, story in enumerate(("Chilean lithium strategy", "Kenyan tea harvest", "Norwegian fishing quotas")):
        a = make_article(f"{story} was announced on Thursday, officials said. " * 4, article_id=f"s{i}")
        assert idx.find(a) is None
        idx.add(a, [])
    original = make_article(BODY, source="Interfax", article_id="orig")
    assert idx.find(original) is None
    idx.add(original, [])
    assert read == []
    copy = make_article(BODY.replace("(Interfax)", "(Interfax via NewsNow)"), source="NewsNow", article_id="copy")
    found = idx.find(copy)
    assert found is not None and found.article_id == "orig"
    assert sorted(read) == ["copy", "orig"]
    assert idx.find(copy.model_copy(update={"article_id": "copy2"})) is not None
    assert sorted(read) == ["copy", "copy2", "orig"]  # the original's facts are kept once read


def test_an_edited_sentence_is_found_as_the_copys_most_similar_one() -> None:
    """A copy that moved a phrase inside the event's sentence still points at its own sentence, with offsets into
    its own body; a copy that rewrote the sentence beyond recognition keeps the event with no mention (the
    processor then reads that copy itself)."""
    sentence = (
        "The two leaders instructed their foreign ministries to intensify contacts on a peace treaty and agreed to "
        "start consultations on defence and security."
    )
    event = summit("Interfax", "orig", date(2013, 4, 29), sentence=sentence)
    moved = sentence.replace("The two leaders instructed", "On Monday the two leaders also instructed")
    copy = make_article(BODY.replace(sentence, moved), source="NewsNow", article_id="copy")
    (relocated,) = reattribute([event], copy)
    (m,) = relocated.mentions
    assert m.sentence == moved and copy.body[m.start : m.end] == moved and m.article_id == "copy"
    rewritten = make_article(BODY.replace(sentence, "Both sides set out their positions."), article_id="rewritten")
    (lost,) = reattribute([event], rewritten)
    assert lost.mentions == [] and lost.sources == [rewritten.source]


def test_relocation_uses_the_pipelines_sentences_and_each_once() -> None:
    """'U.S.', a decimal and a dateline do not cut the copy's sentence; two mentions never land on one span; a
    long paragraph with a decimal point is located in linear time."""
    sentence = "Russian President Vladimir Putin and U.S. President Joe Biden held talks in Geneva on Wednesday."
    event = summit("Wire", "orig", date(2021, 6, 16), sentence=sentence)
    event = event.model_copy(update={"mentions": [*event.mentions, event.mentions[0].model_copy()]})
    edited = "On Wednesday, Russian President Vladimir Putin and U.S. President Joe Biden held talks in Geneva."
    body = f"GENEVA - {edited} Oil rose 3.5 percent on the news. " + "Traders said prices of 3.5 dollars held. " * 800
    copy = make_article(body, article_id="copy")
    (moved,) = reattribute([event], copy)
    assert [m.sentence for m in moved.mentions] == [edited]
    assert copy.body[moved.mentions[0].start : moved.mentions[0].end] == edited
