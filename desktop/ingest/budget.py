"""What one file may cost to read, checked by the readers as they go.

Readers work in time linear in what they read, and call check() at every page or paragraph:
a file that runs over its time, or makes the process grow by more than its memory allowance,
is refused with the reason, and a cancelled import stops inside the file rather than after it.
The readers hold memory down themselves (they stream, and stop once the text passes the length
limit); the allowance is the backstop for a file that defeats them. Things worth telling the
person about the file ("one byte was not UTF-8") are noted here and end up in the import summary.
"""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from desktop.ingest.types import IngestError

READ_SECONDS = 60.0  # one file; the slowest real article reads in well under a second
# Growth of the process while one file is read. A 20 MB article (the size limit) read whole
# needs a few hundred MB at most; the 7 MB .docx holding 190 MB of XML went past 1.4 GB.
READ_MEGABYTES = 1024
_MEMORY_EVERY = 0.05  # seconds between looks at the process's size: check() runs per line
_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def resident_megabytes() -> float | None:
    """The process's resident size now; None where it cannot be read cheaply (then no memory cap)."""
    if sys.platform.startswith("linux"):
        try:
            return int(_read_statm().split()[1]) * _PAGE_BYTES / 1_000_000
        except (OSError, ValueError, IndexError):
            return None
    try:
        import resource
    except ImportError:  # Windows: the time budget alone
        return None
    # The peak, not the current size (macOS has no cheap current figure): growth past it is still caught.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1_000_000 if sys.platform == "darwin" else peak / 1000


class ReadCancelled(Exception):
    """The person cancelled the import while this file was being read."""


_statm: tuple[int, int] | None = None  # (process id, open file) of /proc/self/statm


def _read_statm() -> bytes:
    """/proc/self/statm read through a file kept open: one pread where opening, reading and closing
    took three calls into the system, five times the time (every file read looks once). A forked
    process opens its own, since the file it inherits shows its parent."""
    global _statm
    pid = os.getpid()
    if _statm is None or _statm[0] != pid:
        _statm = (pid, os.open("/proc/self/statm", os.O_RDONLY | os.O_CLOEXEC))
    return os.pread(_statm[1], 256, 0)


@dataclass
class ReadBudget:
    deadline: float
    seconds: float
    cancelled: Callable[[], bool] | None = None  # answers whether the import was cancelled
    megabytes: float = READ_MEGABYTES
    notes: list[str] = field(default_factory=list)
    start_megabytes: float | None = field(default_factory=resident_megabytes)
    # The first look once the file has been read for a while: most files are read in a few
    # milliseconds, far too soon to grow by the allowance, and a look is a read of /proc.
    _next_memory_look: float = field(default_factory=lambda: time.monotonic() + _MEMORY_EVERY)

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ReadCancelled()
        now = time.monotonic()
        if now > self.deadline:
            raise IngestError(f"reading it took longer than {self.seconds:.0f} s, the limit for one file, "
                              "and it was refused")
        if self.start_megabytes is not None and now >= self._next_memory_look:
            self._next_memory_look = now + _MEMORY_EVERY
            self.check_memory()

    def check_memory(self) -> None:
        size = resident_megabytes()
        if size is not None and self.start_megabytes is not None and size - self.start_megabytes > self.megabytes:
            raise IngestError(f"reading it needed more than {self.megabytes:.0f} MB of memory, the limit for "
                              "one file, and it was refused")


_current: ContextVar[ReadBudget | None] = ContextVar("claimdesk_read_budget", default=None)


@contextmanager
def reading(seconds: float = READ_SECONDS, cancelled: Callable[[], bool] | None = None,
            megabytes: float | None = None) -> Iterator[ReadBudget]:
    """The budget of one file, in force for the readers called inside the block."""
    budget = ReadBudget(time.monotonic() + seconds, seconds, cancelled,
                        READ_MEGABYTES if megabytes is None else megabytes)
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
