"""Write a file completely or not at all: a temporary file in the same folder, then a rename."""
from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from desktop.services.errors import UserError


def check_target(out: Path) -> None:
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.exists():
        raise UserError(f"the folder {folder} does not exist")
    if not folder.is_dir():
        raise UserError(f"{folder} is not a folder")
    if out.is_dir():
        raise UserError(f"{out} is a folder; give a file name")
    if out.exists() and not _writable(out):
        # As Word does: a read-only file is not replaced (a rename would, and root may write anyway).
        raise UserError(f"{out} is read-only; choose another name or make it writable first")
    if not os.access(folder, os.W_OK):
        raise UserError(f"cannot write in {folder} (permission denied)")


def _writable(path: Path) -> bool:
    """The file's own write permission, read from its mode bits: root passes os.access anyway."""
    return bool(path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) and os.access(path, os.W_OK)


def write_atomically(out: Path, write: Callable[[Path], None]) -> Path:
    check_target(out)
    tmp = out.parent / f".{out.name}.{secrets.token_hex(4)}.part"
    try:
        # Created like any new file of the user's (mkstemp would make it private, 0600, and the
        # report is for colleagues); O_EXCL so no other file is ever overwritten.
        os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
    except OSError as exc:  # a read-only mount or a folder locked by another program
        raise UserError(f"cannot write in {out.parent}: {exc.strerror or exc}") from exc
    try:
        write(tmp)
        os.replace(tmp, out)
    except PermissionError as exc:
        raise UserError(f"cannot write {out}: it is read-only or open in another program") from exc
    except OSError as exc:
        if exc.filename and Path(exc.filename) not in (tmp, out):
            # Not the destination's fault: a file the writer needed is missing or unreadable.
            raise UserError(f"could not write the report: {exc.strerror or exc} ({exc.filename})") from exc
        raise UserError(f"cannot write {out}: {exc.strerror or exc}") from exc
    finally:
        if tmp.exists():
            tmp.unlink()
    return out

