"""Colours for entity types and verdicts, readable on light and dark palettes."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desktop.palette import DARK as _DARK
from desktop.palette import ENTITY_TYPES, QUOTE_DARK, QUOTE_LIGHT, TYPE_LABELS  # noqa: F401  (re-exported for the widgets)
from desktop.palette import LIGHT as _LIGHT


def _gui_app() -> QGuiApplication | None:
    app = QGuiApplication.instance()
    return app if isinstance(app, QGuiApplication) else None


def is_dark() -> bool:
    app = _gui_app()
    if app is None:
        return False
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def entity_colour(type_: str) -> QColor:
    table = _DARK if is_dark() else _LIGHT
    return QColor(table.get(type_, "#dddddd" if not is_dark() else "#444444"))


def quote_colour() -> QColor:
    return QColor(QUOTE_DARK if is_dark() else QUOTE_LIGHT)


def hit_colour() -> QColor:
    """The library search's words in the reader: a strong pink, apart from every entity colour and the spotlight."""
    return QColor("#c2185b" if is_dark() else "#ff7eb6")


def muted() -> QColor:
    """Secondary text (dates, bylines): halfway to the background, yet readable on light and dark."""
    app = _gui_app()
    palette = app.palette() if app is not None else QPalette()
    text, back = palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window)
    return QColor(*(int(a * 0.6 + b * 0.4) for a, b in ((text.red(), back.red()), (text.green(), back.green()),
                                                          (text.blue(), back.blue()))))


SCHEMES = ("system", "light", "dark")
_DARK_ROLES = {
    QPalette.ColorRole.Window: "#2b2d31", QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1f2023", QPalette.ColorRole.AlternateBase: "#27292d",
    QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#34363b",
    QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.Highlight: "#3d6fb6",
    QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#34363b",
    QPalette.ColorRole.ToolTipText: "#e6e6e6", QPalette.ColorRole.PlaceholderText: "#8a8d93",
    QPalette.ColorRole.Link: "#8ab4f8", QPalette.ColorRole.Mid: "#8a8d93", QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Light: "#45484e", QPalette.ColorRole.Midlight: "#3a3c41", QPalette.ColorRole.Dark: "#18191b",
    QPalette.ColorRole.Shadow: "#000000",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK_ROLES.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7d83"))
    return palette


def wants_dark(scheme: str) -> bool:
    """'system' follows the desktop's light or dark setting, as Qt reports it."""
    if scheme in ("light", "dark"):
        return scheme == "dark"
    app = _gui_app()
    return app is not None and app.styleHints().colorScheme() == Qt.ColorScheme.Dark


_platform: dict[str, QPalette] = {}  # the desktop's own light palette, kept to return to from dark


def apply_scheme(scheme: str) -> None:
    """Give the whole application the light or dark palette; widgets repaint on the palette change."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    original = _platform.setdefault("light", app.palette())
    if wants_dark(scheme):
        app.setPalette(dark_palette())
    elif is_dark():  # the desktop itself is dark but light was asked for
        app.setPalette(original if original.color(QPalette.ColorRole.Window).lightness() >= 128
                       else app.style().standardPalette())


# Rules name the widgets they style: a bare QTableView rule also padded the date filter's calendar
# (a table inside) until its day numbers were cut to "...".
STYLE = """
QMainWindow::separator { width: 4px; height: 4px; }
QTableView { gridline-color: transparent; }
ArticleTable::item { padding: 2px 6px; }
QDockWidget::title { padding: 4px 6px; font-weight: 600; }
QLineEdit#search { padding: 4px 8px; border-radius: 4px; }
"""
