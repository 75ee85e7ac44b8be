"""Start-up paints before it imports the database layer (issue 19).

An up-to-date library file is opened without SQLAlchemy, and the window's first page is read with sqlite3
(services.first_page). The services connect (importing SQLAlchemy and the models, longer than a bare window
takes to appear) on the database thread, which holds off until the window has painted that page and Qt has
nothing left to do: two threads importing and painting at once share one interpreter, and the painting
would wait (each return from Qt to Python waits for the importing thread to let go of the interpreter)."""
from __future__ import annotations

import threading
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from desktop.services import Library

WAIT_S = 2.0  # the database thread waits no longer than this for the paint (a window never shown)
# After the first page is painted, the library connects when Qt's event loop is about to wait for input,
# that is once the rest of the window is painted. A loop that polls without ever waiting (qWait, or
# processEvents with a time limit) never says so: then it connects this long after the paint.
IDLE_AT_LATEST_MS = 100


class ConnectAfterFirstPaint(QObject):
    """Lets the library connect once `widget` has painted with `shown()` true (the first page is in)
    and the event loop has gone idle."""

    def __init__(self, lib: Library, widget: QWidget, shown: Callable[[], bool]) -> None:
        super().__init__(widget)
        self._painted = threading.Event()
        self._widget, self._shown = widget, shown
        self._idle: QAbstractEventDispatcher | None = None  # whose aboutToBlock is awaited
        lib.connect_after(self._painted, WAIT_S)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._shown():
            self._widget.removeEventFilter(self)
            self._open_when_idle()
        return False

    def _open_when_idle(self) -> None:
        dispatcher = QAbstractEventDispatcher.instance()
        if dispatcher is not None:
            self._idle = dispatcher
            dispatcher.aboutToBlock.connect(self.open)
        QTimer.singleShot(IDLE_AT_LATEST_MS, self, self.open)

    def first_page_in(self) -> None:
        """The first page is in the list: it paints next, unless it is not on screen (no paint will come)."""
        if not self._widget.isVisible():
            self.open()

    def is_open(self) -> bool:
        """Whether the library may connect now."""
        return self._painted.is_set()

    def open(self) -> None:
        """Let the library connect (also called when the window closes: nothing more is to be painted)."""
        idle, self._idle = self._idle, None
        if idle is not None and shiboken6.isValid(idle):  # the application may be going already
            idle.aboutToBlock.disconnect(self.open)
        self._painted.set()
