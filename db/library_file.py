"""Is this SQLite file a ClaimDesk library? Looked at read-only, before anything writes to it.

ClaimDesk marks its libraries with `PRAGMA application_id`. A file without the mark is
only adopted when it is empty or plainly a library of an earlier ClaimDesk (which did
not mark them): an Alembic version table and ClaimDesk's own tables. Anything else is
another program's database and is refused untouched; not even WAL mode is switched on.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from db.paths import LibraryOpenError, read_only_uri

APPLICATION_ID = 0x436C446B  # "ClDk"
# Tables every ClaimDesk library has had since its first release.
CORE_TABLES = frozenset({"annotators", "articles", "claims", "tags", "claim_tags", "entities"})


@dataclass(frozen=True)
class LibraryFile:
    """What examine() found in a library file: its kind and schema revision."""

    # "new" (missing or empty), "marked", "unmarked" (an earlier ClaimDesk's), "unfinished" (an
    # earlier ClaimDesk's first start, killed while it made the tables: no version, no rows)
    kind: str
    revision: str | None = None
    leftovers: tuple[str, ...] = ()  # the unfinished start's tables, dropped when the library is made


def examine(path: Path) -> LibraryFile:
    """What the file at path is; LibraryOpenError (changing nothing) when it is not a library."""
    if not path.exists() or path.stat().st_size == 0:
        return LibraryFile("new")
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=10)
    except sqlite3.Error as exc:
        raise LibraryOpenError(f"cannot open the library {path}: {exc}") from exc
    try:
        return _classify(path, conn)
    except sqlite3.DatabaseError as exc:
        raise LibraryOpenError(f"cannot open the library {path}: it is not a ClaimDesk library ({exc}); nothing was changed") from exc
    finally:
        conn.close()


def _classify(path: Path, conn: sqlite3.Connection) -> LibraryFile:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    revision = None
    if "alembic_version" in tables:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = revision[0] if revision else None
    if app_id == APPLICATION_ID:
        return LibraryFile("marked", revision)
    if app_id != 0:
        raise LibraryOpenError(f"cannot open the library {path}: it is not a ClaimDesk library (it belongs to another program, "
                               f"application id {app_id:#x}); nothing was changed")
    if not tables:
        return LibraryFile("new")
    if revision is not None and CORE_TABLES <= tables:
        return LibraryFile("unmarked", revision)
    if revision is None and _only_our_empty_tables(conn, tables):
        return LibraryFile("unfinished", None, tuple(sorted(tables)))
    shown = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
    raise LibraryOpenError(f"cannot open the library {path}: it is not a ClaimDesk library "
                           f"(it holds another program's tables: {shown}); "
                           "nothing was changed")


def _only_our_empty_tables(conn: sqlite3.Connection, tables: set[str]) -> bool:
    """Before creation was one transaction, a killed first start could leave some of its tables."""
    from db.fts import INDEXES
    from db.models import Base

    fts = tuple(name for name, _cols in INDEXES.values())
    ours = {t for t in tables if t in Base.metadata.tables}
    if tables - ours - {"sqlite_sequence"} - {t for t in tables if t.startswith(fts)}:
        return False
    return not any(conn.execute(f'SELECT EXISTS (SELECT 1 FROM "{t}")').fetchone()[0] for t in ours)
