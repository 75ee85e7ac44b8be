"""SQLite FTS5 indexes over articles and claims, kept in sync by triggers.

Shared by the first migration and by any later one that must rebuild them, so the
DDL lives in exactly one place.
"""
from __future__ import annotations

TOKENIZE = "porter unicode61 remove_diacritics 2"

# table -> (fts table, indexed columns)
INDEXES = {
    "articles": ("article_fts", ("title", "title_user", "body", "outlet", "author")),
    "claims": ("claim_fts", ("text", "note")),
}


def create_statements() -> list[str]:
    out: list[str] = []
    for table, (fts, cols) in INDEXES.items():
        col_list = ", ".join(cols)
        new_vals = ", ".join(f"new.{c}" for c in cols)
        old_vals = ", ".join(f"old.{c}" for c in cols)
        out += [
            f"CREATE VIRTUAL TABLE {fts} USING fts5({col_list}, content='{table}', "
            f"content_rowid='id', tokenize='{TOKENIZE}')",
            f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, {col_list}) VALUES (new.id, {new_vals}); END",
            f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {col_list}) VALUES ('delete', old.id, {old_vals}); END",
            # Only the indexed columns: marking an article read must not re-index its body.
            f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {col_list} ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {col_list}) VALUES ('delete', old.id, {old_vals}); "
            f"INSERT INTO {fts}(rowid, {col_list}) VALUES (new.id, {new_vals}); END",
            f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
        ]
    return out


def drop_statements() -> list[str]:
    out: list[str] = []
    for fts, _cols in INDEXES.values():
        out += [f"DROP TRIGGER IF EXISTS {fts}_{s}" for s in ("ai", "ad", "au")]
        out.append(f"DROP TABLE IF EXISTS {fts}")
    return out
