"""Background analysis shown in the status bar: a progress bar and a Stop button."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QToolButton, QWidget

from desktop.ui.tasks import Task


class AnalysisProgress(QWidget):
    """Hidden until analysis runs; Stop cancels it after the article being analysed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._task: Task | None = None
        self._running = False
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(160)
        self.bar.setFormat("Analysing %v of %m")
        self.bar.setAccessibleName("Background analysis progress")
        self.stop = QToolButton(self)
        self.stop.setText("Stop")
        self.stop.setToolTip("Stop analysing; the rest is analysed the next time the library opens")
        self.stop.clicked.connect(self._stop)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.stop)
        self.hide()

    def begin(self) -> None:
        self._running = True
        self.bar.setRange(0, 0)  # busy until the first article is done
        self.stop.setEnabled(True)
        self.show()

    def attach(self, task: Task) -> None:
        """The running task Stop cancels (none when it has already finished)."""
        if self._running:
            self._task = task

    def advance(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def finish(self) -> None:
        self._running = False
        self._task = None
        self.hide()

    def _stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.stop.setEnabled(False)
