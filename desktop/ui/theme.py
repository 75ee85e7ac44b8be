"""Colours for entity types and verdicts, readable on light and dark palettes."""
from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from desktop.palette import DARK as _DARK
from desktop.palette import ENTITY_TYPES, QUOTE_DARK, QUOTE_LIGHT, TYPE_LABELS  # noqa: F401  (re-exported for the widgets)
from desktop.palette import LIGHT as _LIGHT


def is_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def entity_colour(type_: str) -> QColor:
    table = _DARK if is_dark() else _LIGHT
    return QColor(table.get(type_, "#dddddd" if not is_dark() else "#444444"))


def quote_colour() -> QColor:
    return QColor(QUOTE_DARK if is_dark() else QUOTE_LIGHT)


STYLE = """
QMainWindow::separator { width: 4px; height: 4px; }
QTableView { gridline-color: transparent; }
QTableView::item { padding: 2px 6px; }
QDockWidget::title { padding: 4px 6px; font-weight: 600; }
QLineEdit#search { padding: 4px 8px; border-radius: 4px; }
"""
