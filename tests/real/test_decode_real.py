"""Real published English copy is never refused as another language, figures-only market items included."""

from __future__ import annotations

import json
from typing import Any

from dipevents.core.decode import decode_article


def test_no_real_english_article_is_rejected(real_articles: list[dict[str, Any]]) -> None:
    """All 19,338 real articles decode: none is dead-lettered as not_english (nor for any other reason)."""
    assert len(real_articles) > 19_000
    refused = []
    for art in real_articles:
        try:
            decode_article(json.dumps(art).encode())
        except Exception as e:
            refused.append((art["article_id"], repr(e)[:120]))
    assert refused == []
