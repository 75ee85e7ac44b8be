"""Copies of a library in the user's data folder: before every migration and once a day of use.

Made with SQLite's online backup API (a consistent copy even while the library is in use,
WAL included) and kept per library, the newest `keep` of them. PostgreSQL libraries are
the server's to back up (pg_dump); nothing here touches them.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from db.library_file import examine
from db.paths import APP_NAME, LibraryOpenError, read_only_uri
from desktop.services.config_files import read_config, write_config
from desktop.services.errors import UserError

DEFAULT_KEEP = 10
MAX_KEEP = 1000
KEEP_ENV = "CLAIMDESK_KEEP_BACKUPS"  # overrides the setting for one run (scripts, tests)
_SETTINGS = "backups.json"
_SETTINGS_VERSION = 1
_STAMP = "%Y-%m-%d_%H-%M-%S"
_NAME = re.compile(r"^(\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d)(?:-\d+)?_([\w.-]+)\.sqlite$")


@dataclass(frozen=True)
class Backup:
    """One backup copy of the library: its file, when and why it was made."""

    path: Path
    made: dt.datetime  # local time
    reason: str  # "daily", "before-0002", "before-restore"
    size: int


def _made_at(stamp: str) -> dt.datetime:
    """The time in a backup's name (_STAMP, which _NAME has matched). Read by hand, not with strptime:
    its first call costs about 5 ms, and the daily backup lists the folder as the library opens (issue 19)."""
    year, month, day, hour, minute, second = (int(part) for part in re.split("[-_]", stamp))
    return dt.datetime(year, month, day, hour, minute, second)


def backup_root() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "backups"


def keep_setting() -> int:
    """How many backups to keep per library: CLAIMDESK_KEEP_BACKUPS, else the saved setting, else 10."""
    for value in (os.environ.get(KEEP_ENV), read_config(_SETTINGS).get("keep")):
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            try:
                return _bounded(int(value))
            except ValueError:
                pass  # a damaged value counts as none
    return DEFAULT_KEEP


def save_keep_setting(keep: int) -> int:
    """Keep the last `keep` backups of every library from now on (the window and the command line)."""
    kept = _bounded(keep)
    write_config(_SETTINGS, {"version": _SETTINGS_VERSION, "keep": kept})
    return kept


def _bounded(keep: int) -> int:
    return min(MAX_KEEP, max(1, keep))


class Backups:
    """The backups of one SQLite library."""

    def __init__(self, library: Path, keep: int | None = None, root: Path | None = None) -> None:
        self.library = Path(library).resolve()
        self.keep = keep if keep is not None else keep_setting()
        # One folder per library, named so a person can tell which: its name plus a short digest of its full path.
        digest = hashlib.sha256(str(self.library).encode("utf-8", "surrogateescape")).hexdigest()[:8]
        self.folder = (root or backup_root()) / f"{_safe(self.library.stem)}-{digest}"

    @classmethod
    def of(cls, location: str | Path | None) -> Backups | None:
        """The backups of the library at a path or URL (None: a server's library, not ours to back up)."""
        from db.engine import sqlite_path, to_url  # SQLAlchemy's URLs: not needed to open a library file

        path = sqlite_path(to_url(location))
        return cls(path) if path is not None else None

    def list(self) -> list[Backup]:
        """Newest first."""
        if not self.folder.is_dir():
            return []
        found = []
        for path in self.folder.glob("*.sqlite"):
            m = _NAME.match(path.name)
            if m:
                made = _made_at(m.group(1))
                info = path.stat()
                found.append((made, info.st_mtime_ns, Backup(path, made, m.group(2), info.st_size)))
        # Within one second (a backup, then the restore's own), the file's time decides.
        return [b for _made, _ns, b in sorted(found, key=lambda f: f[:2], reverse=True)]

    def make(self, reason: str) -> Backup:
        """Copy the library now (it may be open and in use) and drop the oldest beyond `keep`."""
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "library.txt").write_text(f"{self.library}\n", encoding="utf-8", errors="surrogateescape")
        now = dt.datetime.now().replace(microsecond=0)
        target = self._free_name(now, _safe(reason))
        part = target.with_name(target.name + ".part")
        _copy(read_only_uri(self.library), part)
        os.replace(part, target)
        self._prune()
        return Backup(target, now, _safe(reason), target.stat().st_size)

    def daily(self) -> Backup | None:
        """A backup unless one was made today."""
        newest = self.list()[:1]
        if newest and newest[0].made.date() == dt.date.today():
            return None
        return self.make("daily")

    def restore(self, backup: Backup | Path) -> Backup | None:
        """Put a backup in the library's place. The library must be closed.

        What the library held until now is kept first, as a backup of its own ("before-restore"),
        or, when it cannot even be read, as a plain copy of the file beside the backups.
        """
        source = backup.path if isinstance(backup, Backup) else Path(backup)
        _check_readable(source)
        kept = self._keep_current()
        part = self.library.with_name(self.library.name + ".restoring")
        _copy(read_only_uri(source), part)
        # A WAL file left from the old library would be replayed into the restored one.
        for extra in ("-wal", "-shm"):
            Path(f"{self.library}{extra}").unlink(missing_ok=True)
        os.replace(part, self.library)
        return kept

    def _keep_current(self) -> Backup | None:
        if not self.library.exists():
            return None
        try:
            _check_readable(self.library)
        except UserError:
            self.folder.mkdir(parents=True, exist_ok=True)
            stamp = dt.datetime.now().strftime(_STAMP)
            damaged = self.folder / f"unreadable-{stamp}.sqlite.damaged"
            damaged.write_bytes(self.library.read_bytes())
            return None
        # Not subject to pruning before the restore is done: keep one more than usual.
        self.keep += 1
        try:
            return self.make("before-restore")
        finally:
            self.keep -= 1

    def _free_name(self, when: dt.datetime, reason: str) -> Path:
        stamp = when.strftime(_STAMP)
        target = self.folder / f"{stamp}_{reason}.sqlite"
        n = 2
        while target.exists():
            target = self.folder / f"{stamp}-{n}_{reason}.sqlite"
            n += 1
        return target

    def _prune(self) -> None:
        for old in self.list()[self.keep:]:
            old.path.unlink(missing_ok=True)


def _copy(source_uri: str, target: Path) -> None:
    target.unlink(missing_ok=True)
    src = sqlite3.connect(source_uri, uri=True, timeout=10)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)
        raise UserError(f"could not copy the library: {exc}") from exc
    finally:
        src.close()


def _check_readable(path: Path) -> None:
    if not path.is_file():
        raise UserError(f"no such backup: {path}")
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=10)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise UserError(f"{path} cannot be read ({exc})") from exc
    if ok != "ok":
        raise UserError(f"{path} is damaged ({ok})")
    # An empty file or another program's database reads fine, and would have replaced the library.
    try:
        found = examine(path)
    except LibraryOpenError as exc:
        raise UserError(f"{path} is not a ClaimDesk library; the library was left as it was") from exc
    if found.kind not in ("marked", "unmarked"):
        raise UserError(f"{path} is not a ClaimDesk library (it is empty); the library was left as it was")


def _safe(name: str) -> str:
    return re.sub(r"[^\w.-]+", "-", name).strip("-") or "library"
