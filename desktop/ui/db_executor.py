"""The window's one way to the library: a single worker thread that owns every database session.

Anki-style operations: the GUI submits a function of the library; it runs on the worker, in order,
and its frozen result (or its error) comes back to a callback on the GUI thread. One thread means
edits, reads, import writes and exports never race each other for SQLite's lock, and a read
submitted after an edit sees that edit. The GUI thread never opens a session.

Operations are kept short. Two queues keep the window responsive during long work: what the
person is waiting for (an edit, a refresh) runs before background work (an import's writes, an
export's batches) already waiting, so a tag made during a 1,000-file import appears at once.
"""
from __future__ import annotations

import atexit
import gc
import itertools
import logging
import queue
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QThread, QTimer, Signal

from desktop.services import Library
from desktop.services.progress import CancelToken

log = logging.getLogger(__name__)

FOLLOW_UP_S = 0.05  # after an operation the person waits for, background work waits this long at most

T = TypeVar("T")
Operation = Callable[[Library], T]
Done = Callable[[T], None]
Failed = Callable[[BaseException], None]
Progress = Callable[[int, int, str], None]


class ExecutorStopped(RuntimeError):
    """The window closed (its database thread stopped) while a worker thread waited on an operation."""


class Priority(IntEnum):
    """Lower runs first; within a priority, operations run in the order they were submitted."""

    NOW = 0  # the person waits for it: edits, undo, redo, the refresh after them, the open article
    BACKGROUND = 1  # long work in small steps: import writes, analysis results, counts for charts


@dataclass
class Ticket(Generic[T]):
    """A submitted operation: cancel() skips it if it has not started and stops its callbacks."""

    label: str
    on_done: Done[T] | None = None
    on_failed: Failed | None = None
    owner: QObject | None = None  # callbacks are dropped once this widget is deleted
    token: CancelToken = field(default_factory=CancelToken)
    delivered: threading.Event = field(default_factory=threading.Event)  # its callbacks have run (or never will)
    started: bool = False  # the worker has taken it: until then it will see every write committed before it
    finished: bool = False
    result: Any = None
    error: BaseException | None = None

    def cancel(self) -> None:
        self.token.cancel()

    @property
    def cancelled(self) -> bool:
        return self.token.cancelled


class _Worker(QThread):
    """Runs queued operations one at a time; reports each through the executor's signals.

    Kept in _LIVE until it stops, so Python never destroys a running thread (Qt aborts on that)
    when a window is dropped without being closed.
    """

    def __init__(self, executor: DbExecutor) -> None:
        super().__init__()
        self.setObjectName("claimdesk-db")
        self._executor = executor
        self.queue: queue.PriorityQueue[tuple[int, int, Any]] = queue.PriorityQueue()
        _LIVE.add(self)

    def executor_idle(self) -> bool:
        return not self.isRunning() or self._executor.idle()

    def stop(self, msecs: int = 10_000) -> None:
        self.queue.put((99, -1, None))
        if self.wait(msecs):
            _LIVE.discard(self)
        if not _LIVE:
            _collect_anywhere()

    def run(self) -> None:
        ex = self._executor
        while True:
            priority, _seq, item = self.queue.get()
            if item is None:  # shutdown
                return
            if isinstance(item, threading.Event):  # held (see DbExecutor.held): wait for the release
                item.wait()
                continue
            delivered = item[0].delivered if priority == Priority.NOW else None
            self._run_one(ex, item)
            # This thread keeps no reference to an operation or its ticket once handed over: were the
            # last one dropped here, a widget the callbacks hold would be destroyed off the GUI thread.
            item = None
            if delivered is not None and self._background_next():
                # What the person waits for comes in steps: an edit, then the reads its callback asks
                # for on the GUI thread. Background work waits for those (briefly), not they for it.
                delivered.wait(FOLLOW_UP_S)

    def _background_next(self) -> bool:
        """Nothing queued, or background work at the head (not an operation the person waits for, nor
        the stop)."""
        with self.queue.mutex:
            return not self.queue.queue or self.queue.queue[0][0] == Priority.BACKGROUND

    @staticmethod
    def _run_one(ex: DbExecutor, item: list[Any]) -> None:
        ticket = item[0]
        ticket.started = True
        if not ticket.cancelled:
            started = time.perf_counter()
            try:
                ticket.result = item[1](ex._lib)
            except BaseException as exc:  # handed to the GUI thread, which decides what the person sees
                ticket.error = exc
                if not isinstance(exc, _expected_errors()):
                    log.error("database operation %r failed\n%s", ticket.label, traceback.format_exc())
            log.debug("operation %r ran %.1f ms", ticket.label, 1000 * (time.perf_counter() - started))
        ticket = None
        ex._settle(item)


_LIVE: set[_Worker] = set()


@atexit.register
def _stop_all() -> None:
    for worker in list(_LIVE):
        worker.stop(2_000)


class _GuiThreadCollector(QObject):
    """Python's cycle collector runs in whichever thread happens to allocate. Run on the database
    thread, it could free a cycle holding a dead window's widgets (pyqtgraph makes such cycles) and
    destroy Qt objects off the GUI thread, which crashes. So automatic collection is off, and a timer
    collects on the GUI thread when the same thresholds are passed (pyqtgraph's GarbageCollector idea)."""

    INTERVAL_MS = 200
    # A full collection walks every object (with spaCy loaded, a few hundred thousand: 0.1-0.5 s on the
    # GUI thread). Python itself runs one only once the long-lived objects have grown by a quarter since
    # the last; so does this, counting them (a few ms) at most every LOOK_EVERY_S.
    LOOK_EVERY_S = 10.0
    GROWTH = 0.25

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._timer = QTimer(self, interval=self.INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._looked = time.monotonic()
        self._long_lived: int | None = None  # objects in the oldest generation after the last full collection

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """No database thread runs any more: Python may collect as usual again."""
        self._timer.stop()
        gc.enable()

    def check(self) -> None:
        counts, limits = gc.get_count(), gc.get_threshold()
        if counts[2] > limits[2] and time.monotonic() - self._looked >= self.LOOK_EVERY_S:
            self._looked = time.monotonic()
            now = len(gc.get_objects(generation=2))
            if self._long_lived is None:
                self._long_lived = now  # what has lived long so far: the start-up's modules, the pipeline
            elif now - self._long_lived > self.GROWTH * self._long_lived:
                gc.collect(2)
                self._long_lived = len(gc.get_objects(generation=2))
                return
        for generation in (1, 0):
            if counts[generation] > limits[generation]:
                gc.collect(generation)
                return


_collector: _GuiThreadCollector | None = None


def _collect_on_gui_thread() -> None:
    global _collector
    app = QCoreApplication.instance()
    if app is None:
        return
    if _collector is None or not shiboken6.isValid(_collector):
        _collector = _GuiThreadCollector(app)
    _collector.start()


def _collect_anywhere() -> None:
    if _collector is not None and shiboken6.isValid(_collector):
        _collector.stop()
    else:
        gc.enable()


def all_idle() -> bool:
    """Every running executor is idle (tests wait for this; see DbExecutor.idle)."""
    return all(worker.executor_idle() for worker in list(_LIVE))


def _expected_errors() -> tuple[type[BaseException], ...]:
    from desktop.services.errors import UserError

    return (UserError,)


class DbExecutor(QObject):
    """Submit operations with submit() (or run_task() for work with progress); see executor-api notes."""

    _sig_settled = Signal()  # an operation is over: its [ticket, op] waits in _settled for the GUI thread
    _sig_progress = Signal(object, int, int, str)  # (callback, done, total, what)
    sig_failed = Signal(str, str)  # message, details: a failure no on_failed callback took

    def __init__(self, lib: Library | None, parent: QObject | None = None) -> None:
        """lib may be None until one is opened by an operation (start-up) and set with set_library."""
        super().__init__(parent)
        self._lib: Any = lib
        self._seq = itertools.count()
        self._pending = 0  # submitted and not yet delivered to the GUI thread
        self._unfinished = 0  # submitted and not yet run to its end on the worker
        self._settled: queue.Queue[list[Any]] = queue.Queue()  # finished, for the GUI thread to deliver
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._holds: list[threading.Event] = []  # see hold
        self._sig_settled.connect(self._deliver)
        self._sig_progress.connect(lambda callback, done, total, what: callback(done, total, what))
        _collect_on_gui_thread()
        self._worker = _Worker(self)
        self._queue = self._worker.queue
        self._worker.start()

    # ------------------------------------------------------------------ submitting
    def submit(self, op: Operation[T], on_done: Done[T] | None = None, on_failed: Failed | None = None, *,
               label: str = "", priority: Priority = Priority.NOW, owner: QObject | None = None) -> Ticket[T]:
        """Run op(library) on the database thread; on_done(result) or on_failed(error) on the GUI thread.

        Without on_failed, a failure is logged and emitted as sig_failed (the window shows it).
        """
        ticket: Ticket[T] = Ticket(label or getattr(op, "__name__", "operation"), on_done, on_failed, owner)
        with self._lock:
            self._pending += 1
            self._unfinished += 1
        self._queue.put((int(priority), next(self._seq), [ticket, op]))
        return ticket

    def hold(self) -> Callable[[], None]:
        """Operations submitted from now on start when the returned function is called (or the executor
        shuts down), in priority order, not in the order the worker happened to be free for them: the
        window is built while held, so its first page (submitted NOW) goes before the background reads
        its parts submitted earlier."""
        release = threading.Event()
        self._holds.append(release)
        self._queue.put((-1, next(self._seq), release))  # before anything waiting; after what is running
        return release.set

    def run_task(self, work: Callable[[Library, Progress, CancelToken], T], on_done: Done[T] | None = None,
                 on_progress: Progress | None = None, on_failed: Failed | None = None, *, label: str = "",
                 priority: Priority = Priority.BACKGROUND, owner: QObject | None = None) -> Ticket[T]:
        """Longer work with progress and a cancel token: work(library, progress, cancel).

        It holds the database thread while it runs, so edits wait behind it: give it short steps
        (submit one operation per batch) when it can take more than a moment.
        """
        report: Progress = (lambda done, total, what: self._sig_progress.emit(on_progress, done, total, what)) \
            if on_progress is not None else (lambda _d, _t, _w: None)
        holder: list[Ticket[T]] = []
        ticket = self.submit(lambda lib: work(lib, report, holder[0].token), on_done, on_failed, label=label,
                             priority=priority, owner=owner)
        holder.append(ticket)
        return ticket

    def call(self, op: Operation[T], label: str = "") -> T:
        """Run op on the database thread and return its result (or raise its error), spinning a local
        event loop meanwhile so windows keep painting. For start-up before the window exists and for
        --screenshot; a window's handlers submit() instead."""
        loop = QEventLoop()
        outcome: list[Any] = []

        def finish(value: Any) -> None:
            outcome.append(value)
            loop.quit()

        ticket = self.submit(op, on_done=finish, on_failed=finish, label=label)
        if not outcome:
            loop.exec()
        if ticket.error is not None:
            raise ticket.error
        return outcome[0]

    def run_here(self, op: Operation[T], *, label: str = "", priority: Priority = Priority.BACKGROUND) -> T:
        """From a worker thread of the window (an import's reading or analysis): run op on the database
        thread, wait for it, and return its result (or raise its error) here.

        Never from the GUI thread (it would freeze the window) nor from the database thread (it would
        wait for itself). Raises ExecutorStopped if the executor stops before op has run.
        """
        if threading.current_thread() is threading.main_thread() or QThread.currentThread() is self._worker:
            raise RuntimeError("run_here is for worker threads; the GUI thread submits")
        ran = threading.Event()
        outcome: list[Any] = []

        def on_db_thread(lib: Library) -> None:
            try:
                outcome.append((True, op(lib)))
            except BaseException as exc:  # raised again on the waiting thread, which decides what it means
                outcome.append((False, exc))
            finally:
                ran.set()

        self.submit(on_db_thread, label=label or getattr(op, "__name__", "operation"), priority=priority)
        while not ran.wait(0.5):
            if not self._worker.isRunning():
                raise ExecutorStopped(f"the window's database thread stopped before {label or 'an operation'} ran")
        ok, value = outcome[0]
        if not ok:
            raise value
        return value

    def set_library(self, lib: Library, close_old: bool = True) -> None:
        """Operations submitted from now on work on lib; those queued before still see the old one,
        which is closed once they are done."""
        def switch(old: Library) -> None:
            self._lib = lib
            if close_old and old is not None and old is not lib:
                old.close()
        self.submit(switch, label="switch library")

    # ------------------------------------------------------------------ waiting (tests, closing)
    def idle(self) -> bool:
        """Nothing queued, running, or waiting to be delivered to the GUI thread."""
        with self._lock:
            return self._pending == 0

    def wait(self, msecs: int = -1) -> bool:
        """Block until the worker has finished what was submitted (callbacks not yet delivered are
        still delivered by the event loop). For closing the window and its library, never on a keystroke."""
        with self._idle:
            return self._idle.wait_for(lambda: self._unfinished == 0, None if msecs < 0 else msecs / 1000)

    def shutdown(self, msecs: int = 10_000) -> None:
        """Finish what is queued, then stop the thread; nothing can be submitted after."""
        for release in self._holds:
            release.set()
        self._worker.stop(msecs)

    def report_failure(self, exc: BaseException) -> None:
        """GUI thread: a failure no callback handles, for the window to show (sig_failed)."""
        details = "" if isinstance(exc, _expected_errors()) else \
            "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        self.sig_failed.emit(str(exc) or type(exc).__name__, details)

    # ------------------------------------------------------------------ internals
    def _settle(self, item: list[Any]) -> None:
        """Worker thread: the operation is over; hand [ticket, op] to the GUI thread, which empties the
        list (so the references are released there, whichever thread lets go of the list last)."""
        item[0].finished = True
        self._settled.put(item)
        del item
        try:
            self._sig_settled.emit()
        except RuntimeError:  # the executor's window is gone (closing): no one to tell
            log.debug("an operation finished after its window closed")
        with self._idle:
            self._unfinished -= 1
            self._idle.notify_all()

    def _deliver(self) -> None:
        """GUI thread: call the callbacks of what has finished, unless cancelled or their owner deleted."""
        while True:
            try:
                item = self._settled.get_nowait()
            except queue.Empty:
                return
            ticket, _op = item
            item.clear()
            try:
                self._call_back(ticket)
            finally:
                ticket.delivered.set()
                with self._lock:
                    self._pending -= 1

    def _call_back(self, ticket: Ticket[Any]) -> None:
        if ticket.cancelled or (ticket.owner is not None and not shiboken6.isValid(ticket.owner)):
            return
        if ticket.error is None:
            if ticket.on_done is not None:
                ticket.on_done(ticket.result)
        elif ticket.on_failed is not None:
            ticket.on_failed(ticket.error)
        else:
            self.report_failure(ticket.error)
