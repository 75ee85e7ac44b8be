"""Start-up paints before it imports the database layer (issue 19).

An up-to-date library file is opened without SQLAlchemy, and the window's first page is read with sqlite3
(services.first_page). The services connect (importing SQLAlchemy and the models, longer than a bare window
takes to appear) on the database thread, which holds off until the window has painted that page: two
threads importing and painting at once share one interpreter, and the painting would wait."""
from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from desktop.services import Library

WAIT_S = 2.0  # the database thread waits no longer than this for the paint (a window never shown)


class ConnectAfterFirstPaint(QObject):
    """Lets the library connect once `widget` has painted with `shown()` true (the first page is in)."""

    def __init__(self, lib: Library, widget: QWidget, shown: Callable[[], bool]) -> None:
        super().__init__(widget)
        self._painted = threading.Event()
        self._widget, self._shown = widget, shown
        lib.connect_after(self._painted, WAIT_S)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._shown():
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, self.open)  # after this paint, and the rest of the window's
        return False

    def first_page_in(self) -> None:
        """The first page is in the list: it paints next, unless it is not on screen (no paint will come)."""
        if not self._widget.isVisible():
            self.open()

    def open(self) -> None:
        self._painted.set()

    @property
    def painted(self) -> bool:
        return self._painted.is_set()
