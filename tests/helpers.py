"""Small builders for tests: articles with invented text, stored without the readers."""
from __future__ import annotations

import hashlib

from desktop.ingest.types import ParsedArticle


def add_article(lib, body: str, title: str = "A test article", **meta) -> int:
    parsed = ParsedArticle(title=title, body=body, original_text=body, **meta)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    with lib.store.write() as s:
        article = lib.articles.add(s, parsed, digest)
        s.flush()
        return article.id
