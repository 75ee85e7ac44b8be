"""The article list's first page at start-up, read with the standard library's sqlite3.

Importing SQLAlchemy and the models takes longer than a bare window takes to appear (issue 19), so an
up-to-date library file is not connected to until the window has painted: this reads the one thing the
window shows first, the unfiltered list (by date, or by the text column the person sorts by), with the
statements the services would run (ArticleService.ids with its order, and rows_by_id), and the same values
in the same types.
tests/db/test_first_page.py compares the two on a library with corrections, claims and revisions."""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

from db.paths import BUSY_TIMEOUT_MS, read_only_uri
from desktop.services.dto import ArticleRow

# The list's orders read here, each off its index (migrations 0008 and 0009), written as ArticleService's
# SORT_KEYS write them on SQLite; an article revised since shows as its newest version (revisions.superseded).
SORTS = {"published": "coalesce(published_user, published)",
         "title": "lower(coalesce(title_user, title, ''))",
         "outlet": "lower(coalesce(outlet_user, outlet, ''))",
         "author": "lower(coalesce(author_user, author, ''))"}
_IDS = ("SELECT id FROM articles WHERE id NOT IN (SELECT previous_id FROM article_revisions) "
        "ORDER BY {key} {dir}, id {dir} LIMIT ?")
_ROWS = ("SELECT id, coalesce(title_user, title), coalesce(outlet_user, outlet), coalesce(author_user, author), "
         "coalesce(published_user, published), status, "
         "(SELECT count(claims.id) FROM claims WHERE claims.article_id = articles.id), imported_at, analysis_error "
         "FROM articles WHERE id IN ({marks})")


def read_first_page(path: Path, sort: str, descending: bool,
                    limit: int) -> tuple[list[int], dict[int, ArticleRow]]:
    """The first `limit` ids of the unfiltered list in one of the SORTS, and their rows."""
    direction = "DESC" if descending else "ASC"
    conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        with conn:  # one read transaction: the rows are those of the ids read
            conn.execute("BEGIN")
            ids = [r[0] for r in conn.execute(_IDS.format(key=SORTS[sort], dir=direction), (limit,))]
            rows = conn.execute(_ROWS.format(marks=", ".join("?" * len(ids))), ids).fetchall() if ids else []
    finally:
        conn.close()
    return ids, {r[0]: _row(r) for r in rows}


def _row(r: tuple[Any, ...]) -> ArticleRow:
    """As SQLAlchemy's Date and DateTime read SQLite's text (which they wrote in ISO format)."""
    published = dt.date.fromisoformat(r[4]) if r[4] is not None else None
    return ArticleRow(r[0], r[1], r[2], r[3], published, r[5], r[6], dt.datetime.fromisoformat(r[7]), r[8])
