"""The sentence index: a contentless FTS5 table over every sentence of every article (SQLite).

Contentless because the words are already in articles.body: the index keeps only its
postings (rowid = sentences.id), and a sentence's text is read back by its offsets.
Full detail, because FTS5's BM25 scores every row 0 with detail=none or column. PostgreSQL has no FTS5: there the sentences table alone is kept and
candidates come from a plain word match (see desktop/services/similar.py).
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.orm import Session

from db.fts import TOKENIZE

FTS = "sentence_fts"


def create_statements() -> list[str]:
    return [f"CREATE VIRTUAL TABLE {FTS} USING fts5(text, content='', tokenize='{TOKENIZE}')"]


def drop_statements() -> list[str]:
    return [f"DROP TABLE IF EXISTS {FTS}"]


def has_fts(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def add(session: Session, rows: Iterable[tuple[int, int, int, str]]) -> int:
    """Store sentences given as (article_id, start, end, text); returns how many."""
    rows = list(rows)
    if not rows:
        return 0
    conn = session.connection()
    if has_fts(session):
        # One executemany each; ids are taken in one block so the FTS rows can name them.
        first = (conn.execute(text("SELECT coalesce(max(id), 0) FROM sentences")).scalar() or 0) + 1
        ids = range(first, first + len(rows))
        conn.exec_driver_sql(
            'INSERT INTO sentences (id, article_id, start, "end") VALUES (?, ?, ?, ?)',
            [(i, a, s, e) for i, (a, s, e, _t) in zip(ids, rows, strict=True)],
        )
        conn.exec_driver_sql(f"INSERT INTO {FTS} (rowid, text) VALUES (?, ?)",
                             [(i, t) for i, (_a, _s, _e, t) in zip(ids, rows, strict=True)])
    else:
        conn.execute(text('INSERT INTO sentences (article_id, start, "end") VALUES (:a, :s, :e)'),
                     [{"a": a, "s": s, "e": e} for a, s, e, _t in rows])
    return len(rows)


def search(session: Session, match: str, limit: int) -> list[tuple[int, int, int, int, float]]:
    """(sentence id, article id, start, end, bm25) best first, for an FTS5 MATCH expression."""
    rows = session.execute(
        text(
            f"SELECT s.id, s.article_id, s.start, s.\"end\", f.rank FROM "
            f"(SELECT rowid, rank FROM {FTS} WHERE {FTS} MATCH :m ORDER BY rank LIMIT :n) f "
            "JOIN sentences s ON s.id = f.rowid ORDER BY f.rank"
        ),
        {"m": match, "n": limit},
    )
    return [tuple(r) for r in rows]


def search_unranked(session: Session, match: str, limit: int) -> list[tuple[int, int, int, int]]:
    """(sentence id, article id, start, end) of the first `limit` matches in index order, unscored:
    bm25 would read every posting of each word first, and these words are common ones."""
    rows = session.execute(
        text(
            f"SELECT s.id, s.article_id, s.start, s.\"end\" FROM "
            f"(SELECT rowid FROM {FTS} WHERE {FTS} MATCH :m LIMIT :n) f JOIN sentences s ON s.id = f.rowid"
        ),
        {"m": match, "n": limit},
    )
    return [tuple(r) for r in rows]


def unindexed_article_ids(session: Session) -> list[int]:
    """Articles stored without their sentences (libraries from before the index, or other writers)."""
    return list(session.scalars(text(
        "SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.id) "
        "AND length(a.body) > 0 ORDER BY a.id"
    )))


def capped_counts(session: Session, terms: list[str], cap: int) -> dict[str, int]:
    """How many sentences hold each term, counted no further than cap: enough to tell the rare words
    of a passage from the common ones, and cheap however large the index is."""
    out = {}
    for term in terms:
        out[term] = session.execute(text(
            f"SELECT count(*) FROM (SELECT rowid FROM {FTS} WHERE {FTS} MATCH :m LIMIT :cap)"),
            {"m": '"' + term.replace('"', '""') + '"', "cap": cap}).scalar() or 0
    return out


def last_id(session: Session) -> int:
    """The newest sentence's id: it changes whenever sentences are added or re-added."""
    return session.execute(text("SELECT coalesce(max(id), 0) FROM sentences")).scalar() or 0
