"""File names as text: a name is bytes on Linux and need not be valid UTF-8 (Latin-1 names from an
old archive). Python hands such bytes over as surrogates, which SQLite, JSON and the terminal all
refuse; shown() puts a replacement character where a byte is not UTF-8, for display and storing,
while the Path itself still opens the file."""
from __future__ import annotations

import os
from pathlib import Path


def shown(path: str | Path) -> str:
    return os.fsencode(path).decode("utf-8", errors="replace")


def is_disk_full(exc: BaseException) -> bool:
    """SQLite's 'database or disk is full', or the system's 'No space left on device'."""
    import errno

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        exc = current
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if "database or disk is full" in str(exc) or "No space left on device" in str(exc):
            return True
        current = getattr(exc, "orig", None) or exc.__cause__ or exc.__context__
    return False
