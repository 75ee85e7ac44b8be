"""Colours for entity types and verdicts, readable on light and dark palettes."""
from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW")
TYPE_LABELS = {"PERSON": "People", "ORG": "Organisations", "GPE": "Countries & cities", "LOC": "Places",
               "NORP": "Groups", "FAC": "Facilities", "EVENT": "Events", "LAW": "Laws"}
_LIGHT = {"PERSON": "#cfe3ff", "ORG": "#ffe0b8", "GPE": "#d4f2d0", "LOC": "#c8efe9", "NORP": "#f1d7f5",
          "FAC": "#e8e1d2", "EVENT": "#ffd6d6", "LAW": "#f3f0b5"}
_DARK = {"PERSON": "#27446b", "ORG": "#6b4a1f", "GPE": "#2d5a2a", "LOC": "#1f5550", "NORP": "#5a3560",
         "FAC": "#4f4836", "EVENT": "#6b2f2f", "LAW": "#5c5822"}
QUOTE_LIGHT, QUOTE_DARK = "#7a4fd0", "#b79cff"


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
