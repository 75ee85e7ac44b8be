"""Import and analysis in the background, with a progress dialog that can cancel.

Files are read and cleaned on the import's own thread (the runner), never the GUI thread; every
database step is a small background operation on the window's database executor, which that
thread waits for (run_here). So the executor is the only thread that writes to the library, no
transaction is long, and an edit the person makes runs before import writes already waiting.

Analysis of many articles runs in spawned worker processes (desktop.parallel), never in a fork
of this Qt process; the open article goes first and its highlights appear as soon as its batch
is stored. A few articles are analysed here, where the pipeline is already loaded.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.services import Library
from desktop.services.progress import BULK_ANALYSIS_MIN, CancelToken, ProgressFn
from desktop.ui.analysis_progress import AnalysisProgress
from desktop.ui.db_executor import DbExecutor, ExecutorStopped, Priority
from desktop.ui.dialogs import TextDialog, import_report_html, show_error
from desktop.ui.plain import plain_progress_label
from desktop.ui.tasks import Task, TaskRunner

if TYPE_CHECKING:  # types only: the window paints before these modules load (issue 19)
    from desktop.parallel.pool import AnalysisPool, Result
    from desktop.parallel.run import AnalysisRun
    from desktop.services.importer import ImportReport

IMPORT_BATCH = 25  # articles stored per operation (one transaction): short, so an edit never waits long
WATCH_MS = 100  # how often a running analysis looks at which article is open
SWITCH_S = 0.001  # the interpreter's thread switch interval while a window runs (Python's default: 5 ms)
PROGRESS_MS = 100  # how often the reading's progress dialog shows the file being read

T = TypeVar("T")


def _nothing_open() -> int | None:
    return None


class ImportFlow(QObject):
    sig_imported = Signal(object)  # ImportReport
    sig_analysed = Signal(list)  # article ids with new annotations, when a run ends
    sig_open_analysed = Signal(int)  # the open article's analysis is stored: its highlights can be shown
    sig_status = Signal(str)
    _sig_stored = Signal(list)  # ids of a batch just stored (sent from the analysis thread)

    workers_from = BULK_ANALYSIS_MIN  # fewer articles than this are analysed here (unless the workers are warm)

    def __init__(self, lib: Library, runner: TaskRunner, db: DbExecutor, parent: QWidget,
                 shown: Callable[[], int | None] = _nothing_open) -> None:
        super().__init__(parent)
        # The import's threads (reading, the database thread, the workers' results) share the interpreter
        # with the GUI thread, which waits for it each time it comes back from Qt: at most 1 ms, not 5.
        sys.setswitchinterval(SWITCH_S)
        self._lib = lib
        self._runner = runner  # the import's own thread: reads files, waits on the workers; no session
        self._db = db
        self._parent = parent
        self._shown = shown  # the article open in the reader (read on this thread only)
        self._open: int | None = None  # its id as the analysis thread sees it
        self.quiet = False  # tests and --screenshot: no result dialog
        self._pool: AnalysisPool | None = None  # made on first use: see pool
        self._analysis: Task | None = None
        self._watch = QTimer(self)
        self._watch.setInterval(WATCH_MS)
        self._watch.timeout.connect(self._look_at_reader)
        self._sig_stored.connect(self._stored)
        self.progress = AnalysisProgress(parent)
        status_bar = getattr(parent, "statusBar", None)
        if status_bar is not None:
            status_bar().addPermanentWidget(self.progress)

    def set_library(self, lib: Library) -> None:
        self._lib = lib

    def import_paths(self, paths: list[str]) -> None:
        dialog = QProgressDialog("Reading articles…", "Cancel", 0, 0, self._parent)
        plain_progress_label(dialog)
        dialog.setWindowTitle("Import")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setMinimumWidth(420)  # room for a long file name, so the dialog does not jump as names change
        lib, gate = self._lib, self._on_db

        def work(progress: ProgressFn, cancel: CancelToken) -> ImportReport | None:
            try:
                return lib.importer.import_paths(paths, analyse=False, progress=progress, cancel=cancel,
                                                 batch=IMPORT_BATCH, gate=gate)
            except ExecutorStopped:  # the window closed meanwhile: what was stored stays, no one to tell
                return None

        shown = _Throttled(lambda done, total, what: _progress(dialog, done, total, f"Reading {what}"))
        task = self._runner.run(
            work,
            on_done=lambda report: self._imported(report, dialog),
            on_progress=lambda done, total, what: shown(done, total, what),
            on_failed=lambda msg, details: self._failed(dialog, msg, details),
        )
        # A lambda, not task.cancel: PySide holds a plain object's bound method weakly, and the Task
        # handle would be collected as this method returns, leaving Cancel connected to nothing.
        dialog.canceled.connect(lambda: task.cancel())

    def _failed(self, dialog: QProgressDialog, message: str, details: str) -> None:
        dialog.close()
        show_error(self._parent, f"Import failed: {message}", details)

    def _on_db(self, work: Callable[[], T]) -> T:
        """Import thread: one step of database work as a background operation; waits for its result."""
        return self._db.run_here(lambda _lib: work(), label="import", priority=Priority.BACKGROUND)

    def _imported(self, report: ImportReport | None, dialog: QProgressDialog) -> None:
        dialog.close()
        if report is None:
            return
        self.sig_imported.emit(report)
        self.sig_status.emit(report.summary())
        if not self.quiet and (report.failed or report.duplicates or report.cancelled or report.notes
                               or report.stopped):
            TextDialog("Import finished", import_report_html(report.summary(), report.failed, report.duplicates,
                                                             report.notes),
                       self._parent, (600, 380)).exec()
        self.analyse_pending()

    def analyse_pending(self, on_done: Callable | None = None) -> None:
        """Analyse whatever has not been analysed by this version, without blocking the window."""
        if self._lib.read_only:  # analyses are stored; nothing can be stored
            if on_done:
                on_done([])
            return
        self.sig_status.emit("Analysing articles in the background…")
        db = self._db

        def work(progress: ProgressFn, cancel: CancelToken) -> tuple[list[int], int]:
            try:
                ids = db.run_here(lambda lib: lib.importer.pending_analysis(), label="pending analysis")
                run = self._run(ids, progress, cancel)
                return run.run(), len(ids)
            except ExecutorStopped:  # the window closed: what was stored stays, the rest stays pending
                return [], 0

        def done(result):
            analysed, total = result
            self.progress.finish()
            if len(analysed) < total:
                self.sig_status.emit(f"Analysis stopped after {len(analysed)} of {total} article(s); "
                                     "the rest is analysed the next time the library opens")
            else:
                self.sig_status.emit(f"Analysed {total} article(s)" if total else "Ready")
            self.sig_analysed.emit(analysed)
            if on_done:
                on_done(analysed)

        def progressed(done_count: int, total: int, _what: str) -> None:
            self.progress.advance(done_count, total)
            self.sig_status.emit(f"Analysing {done_count} of {total}…")

        def failed(msg: str, details: str) -> None:
            self.progress.finish()
            # Quiet (--screenshot, tests): a status line, never a modal dialog that waits for a click.
            self.sig_status.emit(f"Analysis failed: {msg}")
            if not self.quiet:
                show_error(self._parent, f"Analysis failed: {msg}", details)
            if on_done:
                on_done([])

        def ended() -> None:
            self._watch.stop()
            self._analysis = None

        self.progress.begin()
        self._look_at_reader()
        self._watch.start()
        def finished(result: Any) -> None:
            ended()
            done(result)

        def broke(msg: str, details: str) -> None:
            ended()
            failed(msg, details)

        task = self._runner.run(work, on_done=finished, on_progress=progressed, on_failed=broke)
        self._analysis = task
        self.progress.attach(task)

    @property
    def pool(self) -> AnalysisPool:
        """The analysis workers (multiprocessing and the analysis modules load with them, not at start-up)."""
        if self._pool is None:
            from desktop.parallel.pool import AnalysisPool

            self._pool = AnalysisPool()
        return self._pool

    @pool.setter
    def pool(self, pool: AnalysisPool) -> None:
        self._pool = pool

    def _run(self, ids: list[int], progress: ProgressFn, cancel: CancelToken) -> AnalysisRun:
        """Workers for many articles (or when they are warm from the last run); this process for a few.
        Bodies are read and analyses stored by background operations on the database executor."""
        from desktop.parallel.run import AnalysisRun

        in_workers = len(ids) >= self.workers_from or self.pool.warm
        db = self._db

        def read(batch: list[int]) -> list[tuple[int, str]]:
            return db.run_here(lambda lib: lib.importer.bodies(batch), label="bodies to analyse")

        def store(results: list[Result]) -> None:
            for article_id, analysis in results:  # one short operation each: an edit never waits long
                db.run_here(_storing(article_id, analysis), label="store an analysis")

        def stored(batch: list[int], done: int, total: int) -> None:
            progress(done, total, "")
            self._sig_stored.emit(batch)

        return AnalysisRun(ids, self.pool if in_workers else None, read, store,
                           preferred=lambda: self._open, cancelled=lambda: cancel.cancelled, stored=stored,
                           warm_up_here=False)

    def _look_at_reader(self) -> None:
        self._open = self._shown()

    def _stored(self, ids: list[int]) -> None:
        shown = self._shown()
        if shown is not None and shown in ids:
            self.sig_open_analysed.emit(shown)

    def shutdown(self) -> None:
        """The window closes: stop the analysis and its workers now."""
        self._watch.stop()
        if self._analysis is not None:
            self._analysis.cancel()
        if self._pool is not None:
            self._pool.kill()


def _storing(article_id: int, analysis: Any) -> Callable[[Library], None]:
    return lambda lib: lib.importer.store_analysis(article_id, analysis)


class _Throttled:
    """Progress shown at most every PROGRESS_MS: a modal progress dialog lays out, paints and runs the
    event loop on each new value, and a thousand small files would keep the GUI thread at it."""

    def __init__(self, show: Callable[[int, int, str], None]) -> None:
        self._show = show
        self._last = 0.0

    def __call__(self, done: int, total: int, what: str) -> None:
        now = time.monotonic()
        if done >= total or now - self._last >= PROGRESS_MS / 1000:
            self._last = now
            self._show(done, total, what)


def _progress(dialog: QProgressDialog, done: int, total: int, label: str) -> None:
    dialog.setMaximum(max(total, 1))
    dialog.setValue(done)
    dialog.setLabelText(label[:80])
