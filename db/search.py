"""Full-text search that takes whatever a person types and never raises on it.

User input is reduced to plain word terms (and "quoted phrases" when the quotes
balance), each passed to FTS5 as a quoted string, so operators such as AND, NEAR(
or a stray `"` are searched as words rather than parsed as query syntax.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

# Unicode noncharacters, which it keeps for a program's internal use: private-use characters such as
# U+E000 do occur in articles (icon fonts in PDFs and Word files) and shifted every hit after them.
HIT_OPEN, HIT_CLOSE = "\ufdd0", "\ufdd1"
_WORD = re.compile(r"\w+", re.UNICODE)
_PHRASE = re.compile(r'"([^"]*)"')
MAX_TERMS = 32


@dataclass(frozen=True)
class RawHit:
    kind: str  # article | claim
    article_id: int
    claim_id: int | None
    title: str
    snippet: str  # highlighted words wrapped in HIT_OPEN ... HIT_CLOSE
    score: float


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def build_match(query: str, prefix_last: bool = False) -> str | None:
    """Turn free text into a safe FTS5 MATCH expression, or None if nothing is searchable."""
    query = query.replace(HIT_OPEN, " ").replace(HIT_CLOSE, " ")
    parts: list[str] = []
    if query.count('"') % 2 == 0:
        for phrase in _PHRASE.findall(query):
            words = _WORD.findall(phrase)
            if words:
                parts.append(_quote(" ".join(words)))
        query = _PHRASE.sub(" ", query)
    words = _WORD.findall(query)
    ends_in_word = bool(words) and bool(re.search(r"\w\*?$", query.strip()))
    for i, word in enumerate(words):
        term = _quote(word)
        starred = bool(re.search(re.escape(word) + r"\*", query))
        if starred or (prefix_last and ends_in_word and i == len(words) - 1):
            term += "*"
        parts.append(term)
    return " ".join(parts[:MAX_TERMS]) or None


def words(query: str) -> list[str]:
    """The plain words of a query, as the LIKE fallback searches them."""
    return _WORD.findall(query)[:MAX_TERMS]


def fts_available(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def search_articles(session: Session, match: str, limit: int) -> list[RawHit]:
    rows = session.execute(
        text(
            "SELECT a.id, coalesce(a.title_user, a.title), "
            f"snippet(article_fts, 2, '{HIT_OPEN}', '{HIT_CLOSE}', '…', 16), "
            "bm25(article_fts, 10.0, 10.0, 1.0, 3.0, 3.0) AS score "
            "FROM article_fts JOIN articles a ON a.id = article_fts.rowid "
            "WHERE article_fts MATCH :m ORDER BY score LIMIT :n"
        ),
        {"m": match, "n": limit},
    )
    return [RawHit("article", r[0], None, r[1], r[2], r[3]) for r in rows]


def search_claims(session: Session, match: str, limit: int) -> list[RawHit]:
    rows = session.execute(
        text(
            "SELECT c.article_id, c.id, coalesce(a.title_user, a.title), "
            f"snippet(claim_fts, -1, '{HIT_OPEN}', '{HIT_CLOSE}', '…', 16), "
            "bm25(claim_fts) AS score "
            "FROM claim_fts JOIN claims c ON c.id = claim_fts.rowid "
            "JOIN articles a ON a.id = c.article_id "
            "WHERE claim_fts MATCH :m ORDER BY score LIMIT :n"
        ),
        {"m": match, "n": limit},
    )
    return [RawHit("claim", r[0], r[1], r[2], r[3], r[4]) for r in rows]


def matching_article_ids_sql() -> str:
    """A sub-select of article ids for a MATCH parameter :fts, for filtering lists."""
    return "SELECT rowid FROM article_fts WHERE article_fts MATCH :fts"


def search_like(session: Session, query: str, limit: int) -> list[RawHit]:
    """Fallback for servers without FTS5 (PostgreSQL): every word must appear somewhere."""
    words = _WORD.findall(query)[:MAX_TERMS]
    if not words:
        return []
    conds = " AND ".join(
        f"(lower(coalesce(title_user, title) || ' ' || body || ' ' || coalesce(outlet, '') || ' ' "
        f"|| coalesce(author, '')) LIKE :w{i} ESCAPE '\\')"
        for i in range(len(words))
    )
    # "_" is a word character, and a LIKE wildcard: every word is matched as typed.
    params: dict[str, str | int] = {f"w{i}": f"%{_like_escaped(w.lower())}%" for i, w in enumerate(words)}
    params["n"] = limit
    rows = session.execute(
        text(f"SELECT id, coalesce(title_user, title), substr(body, 1, 200) FROM articles WHERE {conds} LIMIT :n"),
        params,
    )
    return [RawHit("article", r[0], None, r[1], r[2], 0.0) for r in rows]


def search_like_claims(session: Session, query: str, limit: int) -> list[RawHit]:
    """Fallback for servers without FTS5: claims whose words or note hold every word."""
    words = _WORD.findall(query)[:MAX_TERMS]
    if not words:
        return []
    conds = " AND ".join(f"(lower(c.text || ' ' || c.note) LIKE :w{i} ESCAPE '\\')" for i in range(len(words)))
    params: dict[str, str | int] = {f"w{i}": f"%{_like_escaped(w.lower())}%" for i, w in enumerate(words)}
    params["n"] = limit
    rows = session.execute(
        text("SELECT c.article_id, c.id, coalesce(a.title_user, a.title), substr(c.text, 1, 200) "
             f"FROM claims c JOIN articles a ON a.id = c.article_id WHERE {conds} ORDER BY c.id LIMIT :n"),
        params,
    )
    return [RawHit("claim", r[0], r[1], r[2], r[3], 0.0) for r in rows]


def article_highlight(session: Session, match: str, article_id: int) -> str | None:
    """The article's body with every hit of the MATCH wrapped in HIT_OPEN ... HIT_CLOSE; None if it has none."""
    return session.execute(
        text(f"SELECT highlight(article_fts, 2, '{HIT_OPEN}', '{HIT_CLOSE}') FROM article_fts "
             "WHERE article_fts MATCH :m AND rowid = :id"),
        {"m": match, "id": article_id},
    ).scalar()


def article_snippets(session: Session, match: str, article_ids: list[int]) -> dict[int, str]:
    """A short marked snippet of each listed article's body around its hits."""
    if not article_ids:
        return {}
    rows = session.execute(
        text(f"SELECT rowid, snippet(article_fts, 2, '{HIT_OPEN}', '{HIT_CLOSE}', '…', 14) FROM article_fts "
             f"WHERE article_fts MATCH :m AND rowid IN ({','.join(str(int(i)) for i in article_ids)})"),
        {"m": match},
    )
    return {r[0]: r[1] for r in rows}


def _like_escaped(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
