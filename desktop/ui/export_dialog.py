"""File ▸ Export report: choose what goes in, then write it in the background with a progress bar.

The report is written on the window's database thread, where Qt cannot draw. So its charts are read
first (an operation returning plain Chart data), drawn here on the GUI thread one per event-loop turn,
and handed to the report as pictures (DrawnCharts).
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.charts.data import Chart
from desktop.charts.export import render_png
from desktop.report.charts import ChartRenderer, DrawnCharts
from desktop.services import UserError
from desktop.services.dto import VERDICTS, TagInfo
from desktop.ui.db_executor import DbExecutor, Priority
from desktop.ui.dialogs import show_error
from desktop.ui.plain import plain_progress_label


class ExportDialog(QDialog):
    def __init__(self, db: DbExecutor, tags: list[TagInfo], article_ids: list[int] | None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export report")
        self._db, self._ids = db, article_ids
        self.all_articles = QRadioButton("All articles")
        self.listed = QRadioButton(f"The {len(article_ids)} articles in the list" if article_ids else "The list")
        self.listed.setEnabled(bool(article_ids))
        (self.listed if article_ids else self.all_articles).setChecked(True)
        self.tags = _checklist([(t.path, t.path) for t in tags])
        self.verdicts = _checklist([(v, v) for v in VERDICTS])
        self.excerpts = QCheckBox("Only the tagged passages (not full texts)")
        self.charts = QCheckBox("Include charts")
        self.charts.setChecked(True)
        self.agreement = QCheckBox("Agreement between coders (kappa, alpha)")
        self.path = QLineEdit(str(Path.home() / "ClaimDesk report.docx"))
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        scope = QWidget()
        scope_box = QVBoxLayout(scope)
        scope_box.setContentsMargins(0, 0, 0, 0)
        scope_box.addWidget(self.all_articles)
        scope_box.addWidget(self.listed)
        form = QFormLayout()
        form.addRow("Articles", scope)
        form.addRow("Only claims tagged", self.tags)
        form.addRow("Only verdicts", self.verdicts)
        form.addRow("", self.excerpts)
        form.addRow("", self.charts)
        form.addRow("", self.agreement)
        form.addRow("Save as", row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.start)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, 520)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export report", self.path.text(),
                                              "Word report (*.docx);;CSV data (*.csv);;JSON data (*.json)")
        if path:
            self.path.setText(path)

    def options(self) -> dict:
        return {"out": Path(self.path.text().strip()), "tags": _checked(self.tags),
                "verdicts": _checked(self.verdicts) or None,
                "article_ids": self._ids if self.listed.isChecked() else None,
                "excerpts_only": self.excerpts.isChecked(), "agreement": self.agreement.isChecked()}

    def start(self) -> None:
        from desktop.report import charts_to_draw

        opts = self.options()
        progress = QProgressDialog("Writing the report…", "Cancel", 0, 0, self)
        plain_progress_label(progress)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        if not self.charts.isChecked() or opts["out"].suffix.lower() != ".docx":
            self._write(opts, progress, None)
            return
        chosen = {k: opts[k] for k in ("tags", "article_ids", "verdicts")}
        self._db.submit(lambda lib: charts_to_draw(lib, **chosen),
                        on_done=lambda charts: self._draw(charts, opts, progress),
                        on_failed=lambda exc: self._failed(progress, exc), label="charts for the report",
                        owner=self)

    def _draw(self, charts: list[Chart], opts: dict, progress: QProgressDialog) -> None:
        """GUI thread: each chart to a PNG, one per event-loop turn so the window keeps painting."""
        folder = Path(tempfile.mkdtemp(prefix="claimdesk-charts-"))
        self.finished.connect(lambda _result: shutil.rmtree(folder, ignore_errors=True))
        drawn: dict[str, Path] = {}
        left = list(charts)

        def next_chart() -> None:
            if progress.wasCanceled():
                progress.close()
                return
            if not left:
                self._write(opts, progress, DrawnCharts(drawn))
                return
            chart = left.pop(0)
            drawn[chart.key] = render_png(chart, folder / f"{chart.key}.png")
            QTimer.singleShot(0, self, next_chart)

        next_chart()

    def _write(self, opts: dict, progress: QProgressDialog, charts: ChartRenderer | None) -> None:
        from desktop.report import export

        # The person waits for it: ahead of background work, though edits queue behind it while it runs.
        task = self._db.run_task(
            lambda lib, report, cancel: export(lib, progress=report, cancel=cancel, charts=charts, **opts),
            on_done=lambda out: self._done(progress, out),
            on_progress=lambda d, t, w: _progress(progress, d, t, w),
            on_failed=lambda exc: self._failed(progress, exc), label="export report", priority=Priority.NOW)
        progress.canceled.connect(task.cancel)

    def _failed(self, progress: QProgressDialog, exc: BaseException) -> None:
        progress.close()
        if isinstance(exc, UserError):
            show_error(self, str(exc))
        else:
            self._db.report_failure(exc)

    def _done(self, progress: QProgressDialog, out: Path) -> None:
        progress.close()
        box = QMessageBox(QMessageBox.Icon.Information, "Export report", f"Saved {out}", parent=self)
        box.exec()
        self.accept()


def _progress(dialog: QProgressDialog, done: int, total: int, what: str) -> None:
    dialog.setMaximum(max(total, 1))
    dialog.setValue(done)
    dialog.setLabelText(f"Writing {what[:60]}")


def _checklist(items: list[tuple[str, str]]) -> QListWidget:
    widget = QListWidget()
    widget.setMaximumHeight(120)
    for label, value in items:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        widget.addItem(item)
    return widget


def _checked(widget: QListWidget) -> list[str]:
    return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked]
