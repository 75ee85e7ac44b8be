"""What the window's helpers are handed instead of the window: narrow, typed pieces of it.

Each helper (reading, team, linking, library_actions, revision_view, demo_actions, the menus) is
given the widgets it draws in, as one of the small structures below, and what else it calls, as a
protocol or a plain callable; none of them holds the window.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QMenu, QTabWidget, QWidget

from desktop.services import Library
from desktop.services.dto import ArticleFilter
from desktop.ui.article_model import ArticleTableModel
from desktop.ui.article_table import ArticleTable
from desktop.ui.claims_panel import ClaimsPanel
from desktop.ui.elsewhere import ElsewherePanel
from desktop.ui.entities_panel import EntitiesPanel
from desktop.ui.legend import Legend
from desktop.ui.lists_panel import QuotesPanel, SuggestionsPanel
from desktop.ui.reader import Reader

if TYPE_CHECKING:  # the helpers import this module; the menus' structure names them only for the checker
    from PySide6.QtGui import QUndoStack

    from desktop.edits import Edit
    from desktop.ui.demo_actions import DemoActions
    from desktop.ui.import_flow import ImportFlow
    from desktop.ui.keyboard import Navigation
    from desktop.ui.library_actions import LibraryActions
    from desktop.ui.linking import Linking
    from desktop.ui.reading import Reading
    from desktop.ui.revision_view import RevisionActions
    from desktop.ui.settings import Settings
    from desktop.ui.tagging import Tagging
    from desktop.ui.team import Team
    from desktop.ui.window_layout import Ui

Then = Callable[[], None] | None
Say = Callable[[str, int], None]  # a line in the status bar, shown for so many milliseconds
ShowFilter = Callable[[ArticleFilter], None]  # the list filtered, and the filter bar saying so


class Editor(Protocol):
    """Applies a person's edits through the undo stack (the main window is one)."""

    def do(self, edit: Edit, then: Then = None) -> None: ...

    def do_all(self, label: str, edits: Sequence[Edit], then: Then = None) -> None: ...


class ArticleOpener(Protocol):
    def __call__(self, article_id: int, then: Then = None) -> None: ...


class MarksRefresher(Protocol):
    """Reads the open article's marks and claims again (Reading is one)."""

    def refresh_marks(self, keep_claim: int | None = None, then: Then = None) -> None: ...


class LibraryViews(Protocol):
    """Reads the list, its filters' choices and the library's entities again; then() once the list is."""

    def __call__(self, then: Then = None) -> None: ...


class AddAction(Protocol):
    """Puts a command in a menu (menus._action): the action belongs to the parent, so its shortcut works there."""

    def __call__(self, parent: QWidget, menu: QMenu, text: str, slot: Callable[..., object],
                 shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None) -> QAction: ...


class HoldsLibrary(Protocol):
    """Where the window keeps the library it has open. Opening another puts it in its place, so a
    helper reads it from here each time rather than keeping the one it was first given."""

    lib: Library


@dataclass(frozen=True)
class ArticleView:
    """The open article as shown: the reader with its header, legend and find bar, and the panels beside it."""

    reader: Reader
    header: QLabel
    legend: Legend
    find_bar: QLineEdit
    tabs: QTabWidget
    claims: ClaimsPanel
    elsewhere: ElsewherePanel
    quotes: QuotesPanel
    suggestions: SuggestionsPanel
    entities: EntitiesPanel

    @classmethod
    def of(cls, ui: Ui) -> ArticleView:
        return cls(ui.reader, ui.article_header, ui.legend, ui.find_bar, ui.tabs, ui.claims_panel, ui.elsewhere,
                   ui.quotes_panel, ui.suggestions_panel, ui.entities_panel)


@dataclass(frozen=True)
class ArticleList:
    """The list of articles, and how to show a row as the open one without opening it again."""

    model: ArticleTableModel
    table: ArticleTable
    select_quietly: Callable[[int], None]


@dataclass(frozen=True)
class Commands:
    """What the menu bar's commands call: the window's helpers and the few things of its own."""

    library: LibraryActions
    revisions: RevisionActions
    tagging: Tagging
    linking: Linking
    reading: Reading
    team: Team
    navigation: Navigation
    demo: DemoActions
    imports: ImportFlow
    undo_stack: QUndoStack
    settings: Settings
    set_scheme: Callable[[str], None]
