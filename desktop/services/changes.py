"""Noticing that someone else changed the library: a colleague on the server, another window on the file.

SQLite: `PRAGMA data_version` on a connection of the watcher's own changes whenever any other
connection commits (https://sqlite.org/pragma.html#pragma_data_version), so polling it costs one
tiny query. PostgreSQL: every write of a Store sends NOTIFY on CHANNEL in its own transaction
(delivered only if it commits); the watcher LISTENs on a connection of its own and skips the
notifications that carry its own Store's token.
"""
from __future__ import annotations

import logging
import sqlite3

from sqlalchemy import Engine

log = logging.getLogger(__name__)

CHANNEL = "claimdesk_changes"


class ChangeWatcher:
    def __init__(self, engine: Engine, own_token: str) -> None:
        self._token = own_token
        self._dialect = engine.dialect.name
        self._conn = None
        self._version: int | None = None
        if self._dialect == "sqlite":
            self._conn = sqlite3.connect(engine.url.database, check_same_thread=False)
            self._version = self._data_version()
        elif self._dialect == "postgresql":
            import psycopg

            url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
            self._conn = psycopg.connect(url, autocommit=True)
            self._conn.execute(f"LISTEN {CHANNEL}")

    def _data_version(self) -> int:
        return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def poll(self) -> bool:
        """True when someone else committed since the last poll (or since the watcher started)."""
        if self._conn is None:
            return False
        if self._dialect == "sqlite":
            version = self._data_version()
            changed, self._version = version != self._version, version
            return changed
        others = [n for n in self._conn.notifies(timeout=0) if n.payload != self._token]
        return bool(others)

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:  # closing on the way out; nothing left to save
                log.debug("closing the change watcher", exc_info=True)
            self._conn = None
