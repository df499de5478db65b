"""Golden test on the seed article (the 2013 Voice of Russia wire on the Putin–Abe talks)."""

from __future__ import annotations

from typing import Any

from dipevents.core.models import Article


def seed(dev_articles: list[dict[str, Any]]) -> Article:
    return Article.model_validate(next(a for a in dev_articles if a["article_id"] == "seed-putin-abe"))


def test_one_event_of_each_type_for_japan_and_russia(pipeline: Any, dev_articles: list[dict[str, Any]]) -> None:
    """Exactly one summit, one instruction and one consultation agreement, all JPN+RUS."""
    events = pipeline.process_article(seed(dev_articles))
    assert sorted((e.event_type, tuple(e.countries)) for e in events) == [
        ("consultation_agreement", ("JPN", "RUS")),
        ("ministry_instruction", ("JPN", "RUS")),
        ("summit", ("JPN", "RUS")),
    ]


def test_summit_in_moscow_on_29_april_2013(pipeline: Any, dev_articles: list[dict[str, Any]]) -> None:
    """The summit is in Moscow (Russia), in person, on Monday 29 April 2013, with both leaders named."""
    summit = next(e for e in pipeline.process_article(seed(dev_articles)) if e.event_type == "summit")
    assert summit.location is not None and (summit.location.name, summit.location.country) == ("Moscow", "RUS")
    assert str(summit.event_date) == "2013-04-29"
    assert summit.format == "in_person" and summit.cameo_code == "043"
    assert {(a.name, a.country) for a in summit.actors} >= {("Vladimir Putin", "RUS"), ("Shinzo Abe", "JPN")}


def test_instruction_carries_its_four_mentions(pipeline: Any, dev_articles: list[dict[str, Any]]) -> None:
    """The instruction is stated four times: one event, four mentions, offsets true to the body."""
    art = seed(dev_articles)
    ins = next(e for e in pipeline.process_article(art) if e.event_type == "ministry_instruction")
    assert len(ins.mentions) == 4
    for m in ins.mentions:
        assert art.body[m.start : m.end] == m.sentence
        assert m.credits == ["Voice of Russia", "RIA", "Interfax"]
    assert any("foreign" in b.name for b in ins.instructed)


def test_consultation_level_and_topics(pipeline: Any, dev_articles: list[dict[str, Any]]) -> None:
    """Minister-level consultations on defence and security."""
    ca = next(e for e in pipeline.process_article(seed(dev_articles)) if e.event_type == "consultation_agreement")
    assert ca.level == "ministers"
    assert {"defence", "security"} <= set(ca.topics)


def test_nothing_comes_from_the_footer(pipeline: Any, dev_articles: list[dict[str, Any]]) -> None:
    """No mention points into the credit line or the 'You might also like / Latest news' footer."""
    art = seed(dev_articles)
    footer = art.body.index("Source:Voice of Russia")
    for e in pipeline.process_article(art):
        assert all(m.end <= footer for m in e.mentions)
