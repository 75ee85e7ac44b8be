"""Shift+Enter in the find bar finds the previous match.

QLineEdit reports Return as returnPressed whatever the modifiers (a forward find), and then passes the
key on, so a window-level Shift+Enter handler ran after a forward find and undid it: the selection never
moved back. This filter takes Shift+Enter before the line edit sees it.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit


class ShiftEnterFindsBack(QObject):
    def __init__(self, bar: QLineEdit, find_back: Callable[[], None]) -> None:
        super().__init__(bar)
        self._find_back = find_back
        bar.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._find_back()
            return True
        return False
