"""Import and analysis in the background, with a progress dialog that can cancel."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.services import Library
from desktop.services.importer import ImportReport
from desktop.ui.analysis_progress import AnalysisProgress
from desktop.ui.dialogs import TextDialog, import_report_html, show_error
from desktop.ui.plain import plain_progress_label
from desktop.ui.tasks import TaskRunner


class ImportFlow(QObject):
    sig_imported = Signal(object)  # ImportReport
    sig_analysed = Signal(list)  # article ids with new annotations
    sig_status = Signal(str)

    def __init__(self, lib: Library, runner: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._lib = lib
        self._runner = runner
        self._parent = parent
        self.quiet = False  # tests and --screenshot: no result dialog
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
        lib = self._lib
        task = self._runner.run(
            lambda progress, cancel: lib.importer.import_paths(paths, analyse=False, progress=progress,
                                                                cancel=cancel),
            on_done=lambda report: self._imported(report, dialog),
            on_progress=lambda done, total, what: _progress(dialog, done, total, f"Reading {what}"),
            on_failed=lambda msg, details: (dialog.close(), show_error(self._parent, f"Import failed: {msg}",
                                                                         details)),
        )
        dialog.canceled.connect(task.cancel)

    def _imported(self, report: ImportReport, dialog: QProgressDialog) -> None:
        dialog.close()
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
        lib = self._lib
        if lib.read_only:  # analyses are stored; nothing can be stored
            if on_done:
                on_done([])
            return
        self.sig_status.emit("Analysing articles in the background…")

        def work(progress, cancel):
            ids = lib.importer.pending_analysis()
            done_count = lib.importer.analyse(ids, progress, cancel, n_process=1)  # no fork from a Qt process
            return ids[:done_count], len(ids)

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

        self.progress.begin()
        self.progress.attach(self._runner.run(work, on_done=done, on_progress=progressed, on_failed=failed))


def _progress(dialog: QProgressDialog, done: int, total: int, label: str) -> None:
    dialog.setMaximum(max(total, 1))
    dialog.setValue(done)
    dialog.setLabelText(label[:80])
