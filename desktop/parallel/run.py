"""One analysis run over many articles: workers do the bulk, the open article goes first.

The run keeps each worker one batch ahead and stores every batch the moment it comes back,
through the caller's `store` (the GUI passes one that submits small writes to its database
executor), so highlights appear batch by batch. Two things are analysed here, in this process,
when the pipeline is already loaded in it: the article the person has open (at once, not behind
the queue), and the first articles while the workers are still loading theirs. Cancelling kills
the workers: a batch in flight is lost and its articles stay pending, never half stored.
"""
from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from desktop.parallel.pool import AnalysisPool, Result, analyse_items, loaded_here

log = logging.getLogger(__name__)

BATCH = 4  # articles a worker gets at a time: small, so a batch's highlights come soon after it is sent
POLL_SECONDS = 0.05  # how often a run looks at cancel and at which article is open

Read = Callable[[list[int]], list[tuple[int, str]]]  # ids -> (id, body) of those still in the library
Store = Callable[[list[Result]], None]
Stored = Callable[[list[int], int, int], None]  # ids just stored, how many done, of how many


def _nothing_open() -> int | None:
    return None


def _never() -> bool:
    return False


def _no_report(_ids: list[int], _done: int, _total: int) -> None:
    return None


@dataclass
class AnalysisRun:
    ids: Sequence[int]
    pool: AnalysisPool | None  # None: everything here, in this process
    read: Read
    store: Store
    preferred: Callable[[], int | None] = _nothing_open  # the article open now; thread-safe
    cancelled: Callable[[], bool] = _never
    stored: Stored = _no_report
    local: bool | None = None  # may analyse in this process; None: when its pipeline is loaded already
    # Also the first articles here while the workers load. Off in the window: analysis on a thread
    # of the GUI process holds the interpreter lock for long stretches, and the window would stall.
    warm_up_here: bool = True
    batch: int = BATCH
    done: list[int] = field(default_factory=list)
    _pending: deque[int] = field(default_factory=deque)
    _in_flight: dict[Future[list[Result]], list[int]] = field(default_factory=dict)

    def run(self) -> list[int]:
        """Analyse and store every article; returns the ids done, in the order they were stored."""
        self._pending = deque(dict.fromkeys(self.ids))
        if not self._pending:
            return self.done
        pool = self.pool
        if pool is None:
            self.local = True
            while self._pending and not self.cancelled():
                self._here_first(self.preferred(), self.batch)
            return self.done
        if self.local is None:
            self.local = loaded_here()
        try:
            while (self._pending or self._in_flight) and not self.cancelled():
                self._step(pool)
        except BaseException:
            pool.kill()
            raise
        if self.cancelled():
            pool.kill()  # the workers stop now, not after the batch they hold
        else:
            pool.release()
        return self.done

    def _step(self, pool: AnalysisPool) -> None:
        wanted = self.preferred()
        if self.local and wanted in self._pending:
            # Before the workers start, too: loading their pipelines would take the cores from it.
            self._here_first(wanted, 1)
            return
        pool.start()
        self._feed(pool, wanted)
        if self.local and self.warm_up_here and self._pending and not pool.ready:
            self._here_first(None, 1)  # the workers are still loading: do not wait idle
            return
        finished, _ = wait(list(self._in_flight), timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
        for future in finished:
            self._collect(future)

    def _feed(self, pool: AnalysisPool, wanted: int | None) -> None:
        """Keep one batch queued behind each worker's, the open article at the head of the next."""
        self._to_front(wanted)
        while self._pending and len(self._in_flight) <= pool.processes:
            ids = [self._pending.popleft() for _ in range(min(self.batch, len(self._pending)))]
            items = self.read(ids)
            if items:
                self._in_flight[pool.submit(items)] = [i for i, _b in items]

    def _collect(self, future: Future[list[Result]]) -> None:
        ids = self._in_flight.pop(future)
        try:
            results = future.result()
        except BrokenProcessPool:
            # A worker died (out of memory, killed from outside): do the rest here, in this process.
            log.warning("an analysis worker ended unexpectedly; analysing the rest in this process")
            self._pending.extendleft(reversed(ids))
            for other in list(self._in_flight):
                self._pending.extendleft(reversed(self._in_flight.pop(other)))
            if self.pool is not None:
                self.pool.kill()
            self.pool, self.local = None, True  # run() sees no pool from here on
            while self._pending and not self.cancelled():
                self._here_first(self.preferred(), self.batch)
            return
        self._keep(results)

    def _to_front(self, wanted: int | None) -> None:
        if wanted is not None and wanted in self._pending and self._pending[0] != wanted:
            self._pending.remove(wanted)
            self._pending.appendleft(wanted)

    def _here_first(self, wanted: int | None, count: int) -> None:
        """Analyse the next `count` pending articles in this process, `wanted` first if still pending."""
        self._to_front(wanted)
        ids = [self._pending.popleft() for _ in range(min(count, len(self._pending)))]
        items = self.read(ids)
        if items:
            self._keep(analyse_items(items))

    def _keep(self, results: list[Result]) -> None:
        self.store(results)
        ids = [i for i, _a in results]
        self.done.extend(ids)
        self.stored(ids, len(self.done), len(self.ids))
