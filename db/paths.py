"""Where a library is and how to read its file, with the standard library only: opening an up-to-date
SQLite library can then look at it before SQLAlchemy is imported (issue 19: start-up paints first)."""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import platformdirs

APP_NAME = "ClaimDesk"
BUSY_TIMEOUT_MS = 10_000


class LibraryOpenError(Exception):
    """The library cannot be opened; the message is one line for the user."""


def default_library_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "library.sqlite"


def file_path(path_or_url: str | Path | None) -> Path | None:
    """The library file a path names (its folder made if missing), as db.engine.to_url would store it;
    None for anything given as a URL, which only SQLAlchemy reads."""
    if path_or_url is None:
        path_or_url = default_library_path()
    text = str(path_or_url)
    if "://" in text:
        return None
    path = Path(text).expanduser()
    if path.is_dir():
        raise LibraryOpenError(f"{path} is a folder, not a library file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LibraryOpenError(f"cannot create the folder for {path}: {exc.strerror}") from exc
    return path.resolve()


def is_read_only(path: Path) -> bool:
    """A library a person cannot write: the file, or the folder that must hold its WAL files."""
    if path.exists() and not os.access(path, os.W_OK):
        return True
    return not os.access(path.parent, os.W_OK)


def read_only_uri(path: Path) -> str:
    """An SQLite URI that opens without writing anything: not the file, nor -wal/-shm files beside it."""
    flags = "mode=ro"
    if not os.access(path.parent, os.W_OK) and not Path(f"{path}-wal").exists():
        # SQLite cannot create the shared-memory file in a read-only folder; with no WAL file
        # there is nothing beyond the main file to read, and nobody else can be writing it.
        flags += "&immutable=1"
    return f"file:{quote(str(path))}?{flags}"
