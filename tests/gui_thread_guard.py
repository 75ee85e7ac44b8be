"""The GUI thread never touches the database: a pool checkout made there by window code is recorded.

Every session and connection starts with a checkout from the engine's pool, so listening to the
Pool class catches them all. Only checkouts whose call stack runs through desktop/ui or
desktop/charts on the main thread count: a test's own setup and assertions read the library
directly on the main thread, and that is not the window's doing.
"""
from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.pool import Pool

import desktop

DESKTOP = Path(desktop.__file__).resolve().parent
WINDOW_CODE = tuple(str(DESKTOP / part) + "/" for part in ("ui", "charts"))
EXECUTOR = str(DESKTOP / "ui" / "db_executor.py")


def window_frame_on_stack() -> str | None:
    """The first frame of window code on the current stack, as 'file:line', or None."""
    frame = sys._getframe(1)
    while frame is not None:
        name = frame.f_code.co_filename
        if name.startswith(WINDOW_CODE) and name != EXECUTOR:
            return f"{name[len(str(DESKTOP)) + 1:]}:{frame.f_lineno} in {frame.f_code.co_name}"
        frame = frame.f_back
    return None


_found_by: list[list[str]] = []  # the guards in force, innermost last: it alone records


def _checkout(_dbapi_conn, _record, _proxy) -> None:
    if not _found_by or threading.current_thread() is not threading.main_thread():
        return
    where = window_frame_on_stack()
    if where is not None:
        _found_by[-1].append(f"{where}\n" + "".join(traceback.format_stack(limit=12)))


@contextmanager
def gui_thread_guard() -> Iterator[list[str]]:
    """Collects a description of each database checkout window code made on the GUI thread."""
    found: list[str] = []
    if not _found_by:
        event.listen(Pool, "checkout", _checkout)
    _found_by.append(found)
    try:
        yield found
    finally:
        _found_by.remove(found)
        if not _found_by:
            event.remove(Pool, "checkout", _checkout)
