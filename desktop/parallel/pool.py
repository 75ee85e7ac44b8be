"""Worker processes that analyse articles: spawned (never forked), the pipeline loaded once in each.

A GUI process has Qt's threads running, and forking it copies their locks in whatever state they
were: the child can hang. `spawn` starts a fresh interpreter instead, which loads the spaCy
pipeline once in its initializer and then serves batches until it is told to stop, killed on
cancel, or its parent goes (a thread in each worker watches the parent's id, so the workers end
however the app ends: closed, crashed or killed).
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from desktop.analysis import ANALYSER_VERSION, Analysis, AnalysisFailure, analyze_many, get_nlp
from desktop.worker_lifetime import die_with_parent

log = logging.getLogger(__name__)

Result = tuple[int, Analysis | AnalysisFailure]
IDLE_SECONDS = 120.0  # a finished run keeps its workers this long, so the next import starts warm
# Workers are background work: on a machine with as many cores as workers, the window's own process
# (painting, the person's edits on its database thread) is served first when it wants a core.
WORKER_NICENESS = 5


def default_processes() -> int:
    """One worker per core this process may use."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, cores)


class AnalysisPool:
    """Spawned workers, started on first use and kept warm between runs for IDLE_SECONDS."""

    def __init__(self, processes: int | None = None, idle_seconds: float = IDLE_SECONDS) -> None:
        self.processes = processes or default_processes()
        self._idle_seconds = idle_seconds
        self._executor: ProcessPoolExecutor | None = None
        self._ready: list[Future[int]] = []
        self._idle: threading.Timer | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Spawn the workers now (each loads the pipeline in the background); nothing waits for them."""
        with self._lock:
            self._cancel_idle()
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    self.processes, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_worker_start, initargs=(os.getpid(),))
                # One call per worker makes the executor spawn them all at once, not one per batch.
                self._ready = [self._executor.submit(os.getpid) for _ in range(self.processes)]

    @property
    def warm(self) -> bool:
        """Whether workers are running (or starting): a run of any size then goes to them."""
        return self._executor is not None

    @property
    def ready(self) -> bool:
        """Whether a worker has loaded the pipeline and can take a batch at once."""
        return any(f.done() and not f.exception() for f in self._ready)

    def submit(self, items: Sequence[tuple[int, str]]) -> Future[list[Result]]:
        """Analyse (id, body) pairs in a worker; the future holds (id, analysis or failure) in order."""
        self.start()
        assert self._executor is not None
        return self._executor.submit(analyse_items, list(items))

    def pids(self) -> list[int]:
        """The workers' process ids (tests check that they are gone)."""
        executor = self._executor
        processes = getattr(executor, "_processes", None) or {}
        return [p.pid for p in list(processes.values()) if p.pid is not None]

    def release(self) -> None:
        """A run ended: keep the workers for the next one a while, then let them go."""
        with self._lock:
            self._cancel_idle()
            if self._executor is not None:
                self._idle = threading.Timer(self._idle_seconds, self.close)
                self._idle.daemon = True
                self._idle.start()

    def kill(self) -> None:
        """Stop now: work in flight is lost (its articles stay pending) and the workers end at once."""
        with self._lock:
            self._cancel_idle()
            executor, self._executor, self._ready = self._executor, None, []
        if executor is None:
            return
        # Python 3.14 has executor.kill_workers(); before it, the executor's own process table.
        processes = list((getattr(executor, "_processes", None) or {}).values())
        for process in processes:
            if process.is_alive():
                process.kill()
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.join(5)

    def close(self) -> None:
        """Let the workers finish what they hold and end."""
        with self._lock:
            self._cancel_idle()
            executor, self._executor, self._ready = self._executor, None, []
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    def _cancel_idle(self) -> None:
        if self._idle is not None:
            self._idle.cancel()
            self._idle = None


def loaded_here() -> bool:
    """Whether this process has the pipeline loaded already (then a few articles cost nothing to start)."""
    from desktop.analysis import pipeline

    return pipeline._nlp is not None  # asked, not loaded: loading takes seconds a worker spends better


def _worker_start(parent: int) -> None:
    die_with_parent(parent)
    if hasattr(os, "nice"):  # not on Windows
        os.nice(WORKER_NICENESS)
    get_nlp()


def analyse_items(items: list[tuple[int, str]]) -> list[Result]:
    """(id, body) pairs to (id, analysis); a text the analyser cannot finish gets its failure, the rest go on."""
    ids = [i for i, _b in items]
    bodies = [b for _i, b in items]
    try:
        return list(zip(ids, analyze_many(bodies), strict=True))
    except Exception:
        # analyze_many answers a failure per text; this is the pipeline itself failing (memory, say):
        # again one text at a time, so only the text at fault is lost.
        log.exception("analysis of a batch failed; analysing its %d texts one by one", len(items))
    out: list[Result] = []
    for article_id, body in items:
        try:
            out.append((article_id, next(analyze_many([body]))))
        except Exception as exc:
            out.append((article_id, AnalysisFailure(ANALYSER_VERSION, f"the analysis failed ({type(exc).__name__}: "
                                                                      f"{str(exc)[:120]})")))
    return out
