"""A scroll area's viewport reached without PySide resolving every widget class (issue 19: start-up).

A plain QWidget that C++ hands to Python for the first time (`QAbstractScrollArea.viewport()`) makes PySide
look for its most derived class among every QWidget subclass it knows: it creates each of those Python
classes with their enums (about 70 in a bare process, 20-30 ms before the window's first paint). Asked for
by class and name (`findChild`), the same viewport arrives as the QWidget it is, at once; PySide keeps that
wrapper, so every later `viewport()` call returns it without a search."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

VIEWPORT_NAME = "qt_scrollarea_viewport"  # the object name QAbstractScrollArea gives its own viewport


def adopt_viewport(area: QAbstractScrollArea) -> QWidget:
    """The area's viewport, wrapped as a QWidget before anything else asks for it (so nothing searches)."""
    area.findChild(QWidget, VIEWPORT_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    return area.viewport()  # the wrapper just made; if Qt ever names it otherwise, the area's own answer
