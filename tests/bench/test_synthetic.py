"""The synthetic corpus (bench.synthetic) and its template data files: seeded, mixed as documented, fillable."""

from __future__ import annotations

import random
import re

import pytest

from bench import synthetic
from bench.measure import word_count


def test_same_seed_same_articles_other_seed_other_articles() -> None:
    """The corpus depends on the seed only: rebuilt with the same seed it is identical, with another it is not."""
    assert synthetic.build("mixed", 20, seed=5) == synthetic.build("mixed", 20, seed=5)
    assert synthetic.build("mixed", 20, seed=6) != synthetic.build("mixed", 20, seed=5)


def test_mixed_is_one_fifth_diplomatic_and_diplomatic_is_all() -> None:
    """The mixed corpus is 20% diplomatic articles; the diplomatic one is all diplomatic; ids are unique."""
    mixed = synthetic.build("mixed", 30, seed=5)
    dip = synthetic.build("diplomatic", 30, seed=5)
    assert sum(map(synthetic.is_diplomatic, mixed)) == 6
    assert all(map(synthetic.is_diplomatic, dip))
    assert len({a["article_id"] for a in mixed + dip}) == 60


def test_articles_are_news_sized_and_in_the_input_contract() -> None:
    """Every article is valid worker input and about 500 words long (350-700)."""
    from dipevents.core.models import Article

    for art in synthetic.build("mixed", 24, seed=3) + synthetic.build("diplomatic", 8, seed=3):
        Article.model_validate(art)
        assert 350 <= word_count(art["body"]) <= 700, art["article_id"]


def test_later_variations_swap_the_states() -> None:
    """A variation of a story article names other states than the original, so it is not a syndicated copy."""
    dip = synthetic.build("diplomatic", 30, seed=5)
    stories = len(synthetic._Generator(5).stories)
    original, variation = dip[0], dip[stories]
    world = synthetic._World()
    assert world.states_in(variation["body"]) != world.states_in(original["body"])


@pytest.mark.parametrize("topic", sorted(synthetic.Templates.load().topics))
def test_every_template_of_a_topic_fills(topic: str) -> None:
    """Each template in the topic's data file fills without an unknown slot or a leftover brace."""
    gen = synthetic._Generator(1)
    ctx = {k: k.upper() for k in ("city", "country", "dem", "cap", "other", "odem", "P", "Q", "R", "T1", "T2")}
    ctx |= dict.fromkeys(("co", "co2", "inst", "year", "y1", "weekday", "month", "s1", "s2"), "X")
    spec = gen.t.topics[topic]
    assert spec["title"] and spec["lead"] and len(spec["body"]) >= 15
    for template in spec["title"] + spec["lead"] + spec["body"] + gen.t.generic:
        filled = gen._fill(template, random.Random(0), ctx)
        assert not re.search(r"[{}]", filled), (topic, template)


def test_background_paragraphs_fill_with_the_two_states() -> None:
    """The diplomatic padding paragraphs fill from the pair of states and the drawn values alone."""
    gen = synthetic._Generator(1)
    ctx = {k: k for k in ("A", "B", "Ad", "Bd", "Acap", "Bcap", "y1", "y2")}
    for template in gen.t.background:
        assert not re.search(r"[{}]", gen._fill(template, random.Random(0), ctx)), template
