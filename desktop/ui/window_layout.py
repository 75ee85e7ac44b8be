"""The main window's widgets and where they sit: list on the left, reader in the middle, panels on the right.

Like a Designer form's setupUi(): build_ui() builds and places the widgets and connects nothing, and
hands them back as one typed structure (Ui); the window keeps it and wires the widgets.
"""
from __future__ import annotations

from dataclasses import dataclass

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
from desktop.ui.db_executor import DbExecutor
from desktop.ui.elsewhere import ElsewherePanel
from desktop.ui.entities_panel import EntitiesPanel
from desktop.ui.filter_bar import FilterBar
from desktop.ui.legend import Legend
from desktop.ui.lists_panel import QuotesPanel, SuggestionsPanel
from desktop.ui.reader import Reader

LIST_WIDTH = 600  # at the default size the list shows every column, the reader ~65 characters a line
WINDOW_SIZE = (1500, 900)


@dataclass(frozen=True)
class Ui:
    """Every widget of the main window that code outside this module touches."""

    filters: FilterBar
    search: QLineEdit
    model: ArticleTableModel
    table: ArticleTable
    left: QWidget
    reader: Reader
    article_header: QLabel
    legend: Legend
    find_bar: QLineEdit
    splitter: QSplitter
    claims_panel: ClaimsPanel
    elsewhere: ElsewherePanel
    entities_panel: EntitiesPanel
    quotes_panel: QuotesPanel
    suggestions_panel: SuggestionsPanel
    codebook_panel: CodebookPanel
    tabs: QTabWidget
    dock: QDockWidget


def build_ui(win: QMainWindow, db: DbExecutor) -> Ui:
    filters = FilterBar()
    model = ArticleTableModel(db, win)
    table = ArticleTable(model)
    left = _list_side(filters, table)
    reader, header, legend, find_bar, centre = _reader_side()
    splitter = QSplitter()
    splitter.addWidget(left)
    splitter.addWidget(centre)
    splitter.setStretchFactor(1, 1)
    splitter.setChildrenCollapsible(False)
    win.setCentralWidget(splitter)
    claims_panel = ClaimsPanel()
    elsewhere = ElsewherePanel()  # the chosen claim's trail and candidates, under its editor
    layout = claims_panel.layout()
    assert isinstance(layout, QVBoxLayout)
    layout.addWidget(elsewhere, 1)
    entities_panel, quotes_panel = EntitiesPanel(), QuotesPanel()
    suggestions_panel, codebook_panel = SuggestionsPanel(), CodebookPanel()
    tabs = QTabWidget()
    for widget, label in ((claims_panel, "Claims"), (entities_panel, "Entities"), (quotes_panel, "Quotes"),
                          (suggestions_panel, "Suggestions"), (codebook_panel, "Codebook")):
        tabs.addTab(widget, label)
    dock = _dock(win, tabs)
    win.statusBar().showMessage("Ready")
    return Ui(filters, filters.search, model, table, left, reader, header, legend, find_bar, splitter,
              claims_panel, elsewhere, entities_panel, quotes_panel, suggestions_panel, codebook_panel, tabs, dock)


def _list_side(filters: FilterBar, table: ArticleTable) -> QWidget:
    left = QWidget()
    left.setMinimumWidth(300)
    box = QVBoxLayout(left)
    box.setContentsMargins(6, 6, 0, 6)
    box.addWidget(filters)
    box.addWidget(table)
    return left


def _reader_side() -> tuple[Reader, QLabel, Legend, QLineEdit, QWidget]:
    reader = Reader()
    header = QLabel()
    header.setWordWrap(True)
    header.setTextFormat(Qt.TextFormat.RichText)
    header.setContentsMargins(12, 8, 12, 4)
    legend = Legend()
    find_bar = QLineEdit()
    find_bar.setPlaceholderText("Find in article (Enter: next, Shift+Enter: previous, Esc: close)")
    find_bar.setClearButtonEnabled(True)
    find_bar.hide()
    centre = QWidget()
    box = QVBoxLayout(centre)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(0)
    for widget in (header, legend, find_bar):
        box.addWidget(widget)
    box.addWidget(reader, 1)
    return reader, header, legend, find_bar, centre


def _dock(win: QMainWindow, tabs: QTabWidget) -> QDockWidget:
    dock = QDockWidget("Panels", win)
    dock.setObjectName("panels")
    dock.setWidget(tabs)
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                     | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                     | QDockWidget.DockWidgetFeature.DockWidgetClosable)
    dock.setMinimumWidth(300)
    win.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    # Wide enough for every panel's tab, so none hides behind scroll arrows.
    win.resizeDocks([dock], [max(330, tabs.tabBar().sizeHint().width() + 12)], Qt.Orientation.Horizontal)
    return dock


def default_split(win: QMainWindow, ui: Ui) -> None:
    """On a small screen the reader keeps most of the room; the list never takes more than half of it."""
    room = win.width() - ui.dock.width() - 12
    list_width = min(LIST_WIDTH, int(room * 0.5))
    ui.splitter.setSizes([list_width, room - list_width])


def fit_screen(size: tuple[int, int] = WINDOW_SIZE) -> tuple[int, int]:
    """The default size, but never larger than the screen the window opens on."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return size
    free = screen.availableGeometry()
    return min(size[0], max(free.width(), 1000)), min(size[1], max(free.height(), 640))
