"""Open a library: engine with the right SQLite pragmas, schema brought to the newest migration."""
from __future__ import annotations

from pathlib import Path

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

APP_NAME = "ClaimDesk"
BUSY_TIMEOUT_MS = 10_000


class LibraryOpenError(Exception):
    """The library cannot be opened; the message is one line for the user."""


def default_library_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "library.sqlite"


def to_url(path_or_url: str | Path | None) -> str:
    """Accept a file path or any SQLAlchemy URL."""
    if path_or_url is None:
        path_or_url = default_library_path()
    text = str(path_or_url)
    if "://" in text:
        try:
            make_url(text)
        except ArgumentError as exc:
            raise LibraryOpenError(f"not a database URL: {text}") from exc
        return text
    path = Path(text).expanduser()
    if path.is_dir():
        raise LibraryOpenError(f"{path} is a folder, not a library file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LibraryOpenError(f"cannot create the folder for {path}: {exc.strerror}") from exc
    return f"sqlite:///{path.resolve()}"


def _set_sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    # WAL + NORMAL is durable against application crashes; FULL also against power loss.
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def make_engine(url: str) -> Engine:
    is_sqlite = url.startswith("sqlite")
    # Sessions are per action and never shared, but workers open theirs on other threads.
    kwargs = {"connect_args": {"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}} if is_sqlite else {}
    engine = create_engine(url, **kwargs)
    if is_sqlite:
        event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: services hand out plain data built inside the session anyway,
    # and this keeps attribute access after commit from issuing surprise queries.
    return sessionmaker(engine, expire_on_commit=False)
