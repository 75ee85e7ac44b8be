"""Progress and cancellation for long work, without any GUI dependency."""
from __future__ import annotations

import threading
from collections.abc import Callable

# (done, total, what is being worked on)
ProgressFn = Callable[[int, int, str], None]

# Below this many articles, starting a second analysis process costs more than it saves (the importer
# and the window's import flow both use it; it lives here, where the window can read it without the importer).
BULK_ANALYSIS_MIN = 40


class Cancelled(Exception):
    pass


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


def no_progress(_done: int, _total: int, _what: str) -> None:
    return None
