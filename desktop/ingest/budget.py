"""What one file may cost to read, checked by the readers as they go.

Readers work in time linear in what they read, and call check() at every page or paragraph:
a file that runs over its time is refused with the reason, and a cancelled import stops inside
the file rather than after it. Memory is held down by the readers themselves (they stream, and
stop once the text passes the length limit). Things worth telling the person about the file
("one byte was not UTF-8") are noted here and end up in the import summary.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from desktop.ingest.types import IngestError

READ_SECONDS = 60.0  # one file; the slowest real article reads in well under a second


class ReadCancelled(Exception):
    """The person cancelled the import while this file was being read."""


@dataclass
class ReadBudget:
    deadline: float
    seconds: float
    cancelled: Callable[[], bool] | None = None  # answers whether the import was cancelled
    notes: list[str] = field(default_factory=list)

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ReadCancelled()
        if time.monotonic() > self.deadline:
            raise IngestError(f"reading it took longer than {self.seconds:.0f} s, the limit for one file, "
                              "and it was refused")


_current: ContextVar[ReadBudget | None] = ContextVar("claimdesk_read_budget", default=None)


@contextmanager
def reading(seconds: float = READ_SECONDS, cancelled: Callable[[], bool] | None = None) -> Iterator[ReadBudget]:
    """The budget of one file, in force for the readers called inside the block."""
    budget = ReadBudget(time.monotonic() + seconds, seconds, cancelled)
    token = _current.set(budget)
    try:
        yield budget
    finally:
        _current.reset(token)


@contextmanager
def this_file() -> Iterator[ReadBudget]:
    """The budget already in force (an import sets one per file with its cancel), or a fresh one."""
    budget = _current.get()
    if budget is not None:
        yield budget
        return
    with reading() as budget:
        yield budget


def check() -> None:
    budget = _current.get()
    if budget is not None:
        budget.check()


def note(text: str) -> None:
    budget = _current.get()
    if budget is not None and text not in budget.notes:
        budget.notes.append(text)
