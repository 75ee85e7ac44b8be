"""The main window's widgets and where they sit: list on the left, reader in the middle, panels on the right.

Like a Designer form's setupUi(): it builds and places widgets and connects nothing; the window wires them.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.article_model import ArticleTableModel
from desktop.ui.article_table import ArticleTable
from desktop.ui.claims_panel import ClaimsPanel
from desktop.ui.codebook import CodebookPanel
from desktop.ui.elsewhere import ElsewherePanel
from desktop.ui.entities_panel import EntitiesPanel
from desktop.ui.filter_bar import FilterBar
from desktop.ui.legend import Legend
from desktop.ui.lists_panel import QuotesPanel, SuggestionsPanel
from desktop.ui.reader import Reader

LIST_WIDTH = 600  # at the default size the list shows every column, the reader ~65 characters a line
WINDOW_SIZE = (1500, 900)


def setup_ui(win: QMainWindow) -> None:
    _build_list(win)
    _build_reader(win)
    _build_panels(win)


def _build_list(win) -> None:
    win.filters = FilterBar()
    win.search = win.filters.search
    win.model = ArticleTableModel(win.db, win)
    win.table = ArticleTable(win.model)
    win.left = QWidget()
    win.left.setMinimumWidth(300)
    box = QVBoxLayout(win.left)
    box.setContentsMargins(6, 6, 0, 6)
    box.addWidget(win.filters)
    box.addWidget(win.table)


def _build_reader(win) -> None:
    win.reader = Reader()
    win.article_header = QLabel()
    win.article_header.setWordWrap(True)
    win.article_header.setTextFormat(Qt.TextFormat.RichText)
    win.article_header.setContentsMargins(12, 8, 12, 4)
    win.legend = Legend()
    win.find_bar = QLineEdit()
    win.find_bar.setPlaceholderText("Find in article (Enter: next, Shift+Enter: previous, Esc: close)")
    win.find_bar.setClearButtonEnabled(True)
    win.find_bar.hide()
    centre = QWidget()
    box = QVBoxLayout(centre)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(0)
    for widget in (win.article_header, win.legend, win.find_bar):
        box.addWidget(widget)
    box.addWidget(win.reader, 1)
    win.splitter = QSplitter()
    win.splitter.addWidget(win.left)
    win.splitter.addWidget(centre)
    win.splitter.setStretchFactor(1, 1)
    win.splitter.setChildrenCollapsible(False)
    win.setCentralWidget(win.splitter)


def _build_panels(win) -> None:
    win.claims_panel = ClaimsPanel()
    win.elsewhere = ElsewherePanel()  # the chosen claim's trail and candidates, under its editor
    win.claims_panel.layout().addWidget(win.elsewhere, 1)
    win.entities_panel = EntitiesPanel()
    win.quotes_panel = QuotesPanel()
    win.suggestions_panel = SuggestionsPanel()
    win.codebook_panel = CodebookPanel()
    win.tabs = QTabWidget()
    for widget, label in ((win.claims_panel, "Claims"), (win.entities_panel, "Entities"),
                          (win.quotes_panel, "Quotes"), (win.suggestions_panel, "Suggestions"),
                          (win.codebook_panel, "Codebook")):
        win.tabs.addTab(widget, label)
    win.dock = QDockWidget("Panels", win, objectName="panels")
    win.dock.setWidget(win.tabs)
    win.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
    win.dock.setMinimumWidth(300)
    win.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, win.dock)
    # Wide enough for every panel's tab, so none hides behind scroll arrows.
    win.resizeDocks([win.dock], [max(330, win.tabs.tabBar().sizeHint().width() + 12)], Qt.Orientation.Horizontal)
    win.statusBar().showMessage("Ready")


def default_split(win) -> None:
    """On a small screen the reader keeps most of the room; the list never takes more than half of it."""
    room = win.width() - win.dock.width() - 12
    list_width = min(LIST_WIDTH, int(room * 0.5))
    win.splitter.setSizes([list_width, room - list_width])


def fit_screen(size: tuple[int, int] = WINDOW_SIZE) -> tuple[int, int]:
    """The default size, but never larger than the screen the window opens on."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return size
    free = screen.availableGeometry()
    return min(size[0], max(free.width(), 1000)), min(size[1], max(free.height(), 640))
