"""The one way long work leaves the GUI thread: a worker that reports progress and can be cancelled.

Results and progress come back through Qt signals, which Qt delivers on the main thread,
so no widget is ever touched from a worker. Tests switch to synchronous mode.
"""
from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.services.progress import CancelToken

log = logging.getLogger(__name__)


class _Signals(QObject):
    sig_progress = Signal(int, int, str)
    sig_done = Signal(object)
    sig_failed = Signal(str, str)  # message, details


class _Job(QRunnable):
    def __init__(self, fn: Callable, signals: _Signals, token: CancelToken) -> None:
        super().__init__()
        self._fn, self._signals, self._token = fn, signals, token

    def run(self) -> None:
        try:
            result = self._fn(self._signals.sig_progress.emit, self._token)
        except Exception as exc:  # reported to the user as a dialog, with details on demand
            log.exception("background task failed")
            self._signals.sig_failed.emit(str(exc) or type(exc).__name__, traceback.format_exc())
        else:
            try:
                self._signals.sig_done.emit(result)
            except RuntimeError:  # the window closed while this ran (--screenshot exits at once): no one to tell
                log.debug("background task finished after its window closed")


class Task:
    """A handle on running work: cancel() asks it to stop at the next safe point."""

    def __init__(self, signals: _Signals, token: CancelToken) -> None:
        self.signals = signals
        self.token = token

    def cancel(self) -> None:
        self.token.cancel()


class TaskRunner:
    """Runs work one job at a time on a single worker thread, so library writes never race."""

    synchronous = False  # tests set this to run jobs inline
    active = 0  # jobs started and not yet reported back, across runners (tests wait for none)

    def __init__(self) -> None:
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(1)
        self._keep: list[_Signals] = []

    def run(self, fn: Callable, on_done: Callable | None = None, on_progress: Callable | None = None,
            on_failed: Callable | None = None) -> Task:
        """fn(progress, cancel_token) runs off the GUI thread; the callbacks run on it."""
        signals = _Signals()
        token = CancelToken()
        if on_done:
            signals.sig_done.connect(on_done)
        if on_progress:
            signals.sig_progress.connect(on_progress)
        if on_failed:
            signals.sig_failed.connect(on_failed)
        self._keep.append(signals)
        TaskRunner.active += 1
        signals.sig_done.connect(lambda _r, s=signals: self._release(s))
        signals.sig_failed.connect(lambda _m, _d, s=signals: self._release(s))
        job = _Job(fn, signals, token)
        if self.synchronous:
            job.run()
        else:
            self._pool.start(job)
        return Task(signals, token)

    def _release(self, signals: _Signals) -> None:
        if signals in self._keep:
            self._keep.remove(signals)
            TaskRunner.active -= 1

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)
