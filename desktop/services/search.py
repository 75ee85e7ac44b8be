"""Library-wide search over articles and claims."""
from __future__ import annotations

import re

from sqlalchemy import select

from db import search as fts
from db.models import Article
from desktop.services.dto import SearchHit, Snippet
from desktop.services.store import Store


def _split_highlights(snippet: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Strip the FTS hit marks and return where the hits are in the plain snippet."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    start = None
    pos = 0
    for ch in snippet:
        if ch == fts.HIT_OPEN:
            start = pos
        elif ch == fts.HIT_CLOSE:
            if start is not None:
                spans.append((start, pos))
            start = None
        else:
            plain.append(ch)
            pos += 1
    return "".join(plain), tuple(spans)


class SearchService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def search(self, query: str, limit: int = 50, kinds: tuple[str, ...] = ("article", "claim")) -> list[SearchHit]:
        """Ranked hits; any text at all is accepted, and text with no searchable word finds nothing."""
        match = fts.build_match(query)
        if match is None:
            return []
        with self._store.read() as s:
            if not fts.fts_available(s):
                raw = fts.search_like(s, query, limit) if "article" in kinds else []
                raw += fts.search_like_claims(s, query, limit) if "claim" in kinds else []
            else:
                raw = fts.search_articles(s, match, limit) if "article" in kinds else []
                raw += fts.search_claims(s, match, limit) if "claim" in kinds else []
        raw.sort(key=lambda h: h.score)
        hits = []
        for h in raw[:limit]:
            snippet, spans = _split_highlights(h.snippet or "")
            hits.append(SearchHit(h.kind, h.article_id, h.claim_id, h.title, snippet, spans, h.score))
        return hits

    def in_article(self, query: str, article_id: int) -> list[tuple[int, int]]:
        """Where the list's search words are in one article's body, as [start, end) code points."""
        match = fts.build_match(query, prefix_last=True)
        if match is None:
            return []
        with self._store.read() as s:
            body = s.execute(select(Article.body).where(Article.id == article_id)).scalar() or ""
            if not fts.fts_available(s):
                return _plain_hits(body, query)
            marked = fts.article_highlight(s, match, article_id)
        if not marked:
            return []
        plain, spans = _split_highlights(marked)
        # A body that itself holds a mark character cannot be told from the marks: find the words instead.
        return list(spans) if plain == body else _plain_hits(body, query)

    def snippets(self, query: str, article_ids: list[int]) -> dict[int, Snippet]:
        """Each article's words around its hits, with where the hits are in that snippet (for the list)."""
        match = fts.build_match(query, prefix_last=True)
        if match is None:
            return {}
        with self._store.read() as s:
            if not fts.fts_available(s):
                return {}
            raw = fts.article_snippets(s, match, article_ids)
        return {article_id: Snippet(*_split_highlights(snippet)) for article_id, snippet in raw.items()}


def _plain_hits(body: str, query: str) -> list[tuple[int, int]]:
    """Without FTS5 (PostgreSQL): each search word where it starts a word, ignoring case."""
    words = [re.escape(w) for w in fts.words(query)]
    if not words:
        return []
    pattern = re.compile(r"\b(?:" + "|".join(words) + r")\w*", re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(body)]
