"""Noticing that someone else changed the library: a colleague on the server, another window on the file.

SQLite: `PRAGMA data_version` on a connection of the watcher's own changes whenever any other
connection commits (https://sqlite.org/pragma.html#pragma_data_version), so polling it costs one
tiny query. That includes this window's own commits, so a change counts only when it brought an
audit entry this library did not write, or a new article: a person working alone is never
interrupted by a refresh of their own edits. PostgreSQL: every write of a Store sends NOTIFY on CHANNEL in its own transaction
(delivered only if it commits); the watcher LISTENs on a connection of its own and skips the
notifications that carry its own Store's token.
"""
from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psycopg
    from sqlalchemy import Engine

    from desktop.services.store import Store

log = logging.getLogger(__name__)

CHANNEL = "claimdesk_changes"


class ChangeWatcher:
    def __init__(self, engine: Engine | None, store: Callable[[], Store], sqlite_file: str | None = None) -> None:
        """engine None: a library file not connected to yet (start-up), watched at sqlite_file; the store
        (whose own writes are not news) is asked for only when something has changed."""
        self._store = store
        self._sqlite: sqlite3.Connection | None = None
        self._pg: psycopg.Connection[tuple[Any, ...]] | None = None
        self._version: int | None = None
        self._seen: tuple[int, int] = (0, 0)  # the newest audit entry and article already accounted for
        if engine is None or engine.dialect.name == "sqlite":
            database = sqlite_file if engine is None else engine.url.database
            self._sqlite = sqlite3.connect(database or ":memory:", check_same_thread=False)
            self._version = self._data_version(self._sqlite)
            self._seen = self._newest(self._sqlite)
        elif engine is not None and engine.dialect.name == "postgresql":
            import psycopg

            url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
            self._pg = psycopg.connect(url, autocommit=True)
            self._pg.execute(f"LISTEN {CHANNEL}")

    @staticmethod
    def _data_version(conn: sqlite3.Connection) -> int:
        version: int = conn.execute("PRAGMA data_version").fetchone()[0]
        return version

    @staticmethod
    def _newest(conn: sqlite3.Connection) -> tuple[int, int]:
        row = conn.execute("SELECT (SELECT max(id) FROM audit_log), (SELECT max(id) FROM articles)").fetchone()
        return row[0] or 0, row[1] or 0

    def _others_committed(self, conn: sqlite3.Connection) -> bool:
        audit, article = self._seen
        entries = [r[0] for r in conn.execute("SELECT id FROM audit_log WHERE id > ?", (audit,))]
        newest = self._newest(conn)
        self._seen = (max(newest[0], audit), newest[1])
        foreign = any(i not in self._store().own_audit for i in entries)
        return foreign or newest[1] != article

    def poll(self) -> bool:
        """True when someone else committed since the last poll (or since the watcher started)."""
        if self._sqlite is not None:
            version = self._data_version(self._sqlite)
            changed, self._version = version != self._version, version
            return changed and self._others_committed(self._sqlite)
        if self._pg is not None:
            # every waiting notification read (not stopping at the first), so none is left for the next poll
            others = [n for n in self._pg.notifies(timeout=0) if n.payload != self._store().token]
            return bool(others)
        return False

    def close(self) -> None:
        for conn in (self._sqlite, self._pg):
            if conn is not None:
                try:
                    conn.close()
                except Exception:  # closing on the way out; nothing left to save
                    log.debug("closing the change watcher", exc_info=True)
        self._sqlite = self._pg = None
