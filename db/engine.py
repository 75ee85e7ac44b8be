"""Open a library: engine with the right SQLite pragmas, schema brought to the newest migration."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

# What needs no SQLAlchemy lives in db.paths (start-up reads an up-to-date library before importing it).
from db.paths import (  # noqa: F401 (callers import some of them from here too)
    APP_NAME,
    BUSY_TIMEOUT_MS,
    LibraryOpenError,
    default_library_path,
    file_path,
    is_read_only,
    read_only_uri,
)


def to_url(path_or_url: str | Path | URL | None) -> URL:
    """Accept a file path or any SQLAlchemy URL.

    A path becomes a URL object, never a URL string: "What?.sqlite" or "a#b%c.sqlite" would be
    cut or misread by URL parsing (and by ConfigParser interpolation, if it ever reached one).
    """
    if isinstance(path_or_url, URL):
        return path_or_url
    if path_or_url is None:
        path_or_url = default_library_path()
    path = file_path(path_or_url)
    if path is None:
        text = str(path_or_url)
        try:
            url = make_url(text)
        except ArgumentError as exc:
            raise LibraryOpenError(f"not a database URL: {text}") from exc
        _check_dialect(url)
        return url
    return URL.create("sqlite", database=str(path))


def _check_dialect(url: URL) -> None:
    try:
        url.get_dialect()
    except NoSuchModuleError as exc:
        raise LibraryOpenError(
            f"unknown kind of database {url.drivername!r} in {url.render_as_string(hide_password=True)}: "
            "give a file path, sqlite:///PATH or postgresql+psycopg://USER@HOST/DATABASE") from exc
    except ImportError as exc:  # the dialect is known but its driver is not installed
        raise LibraryOpenError(f"{url.drivername} needs the {exc.name or 'driver'} package "
                               "(for PostgreSQL: pip install 'claimdesk[team]')") from exc


def sqlite_path(url: URL) -> Path | None:
    """The library file of an SQLite URL (None for PostgreSQL or an in-memory database)."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)




def _set_sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    # WAL + NORMAL is durable against application crashes; FULL also against power loss.
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def make_engine(url: str | URL, read_only: bool = False) -> Engine:
    url = make_url(url)
    is_sqlite = url.get_backend_name() == "sqlite"
    # Sessions are per action and never shared, but workers open theirs on other threads.
    kwargs: dict[str, Any] = {"connect_args": {"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}} if is_sqlite else {}
    path = sqlite_path(url) if is_sqlite else None
    if read_only and path is not None:
        kwargs["creator"] = lambda: _connect_read_only(path)
    engine = create_engine(url, **kwargs)
    if is_sqlite:
        event.listen(engine, "connect", _set_read_only_pragmas if read_only and path else _set_sqlite_pragmas)
    return engine


def _connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)




def _set_read_only_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA query_only=ON")
    cur.close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: services hand out plain data built inside the session anyway,
    # and this keeps attribute access after commit from issuing surprise queries.
    return sessionmaker(engine, expire_on_commit=False)
