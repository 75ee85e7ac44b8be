"""The article list's view: columns that share the width sensibly until the person arranges them."""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop.ui.article_model import ArticleTableModel
from desktop.ui.viewports import adopt_viewport

# Date, claims and status always fit their content; the rest of the width goes to title, outlet and author.
FIXED_SAMPLES = {2: "2026-03-03", 4: "Claims", 5: "Unread"}
SHARES = {0: 0.5, 1: 0.25, 3: 0.25}
PADDING = 18  # cell padding and the sort arrow


class ArticleTable(QTableView):
    def __init__(self, model: ArticleTableModel, parent=None) -> None:
        super().__init__(parent)
        adopt_viewport(self)  # before fit_columns and the first paint ask for it (issue 19: start-up)
        self._article_model = model
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSortingEnabled(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(26)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(self._fit("Claims") - 8)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(2, Qt.SortOrder.DescendingOrder)  # newest first until the person sorts
        self.arranged = False  # True once the person drags a column edge: their widths win from then on
        self._fitting = False
        header.sectionResized.connect(self._on_section_resized)

    def moveCursor(self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Home and End go to the first and last article (a table's own Home and End move between columns,
        which a list chosen by rows does not show). End goes there even while only the list's first page is
        here: the rest is read at once and the cursor goes to its end when it arrives."""
        Move = QAbstractItemView.CursorAction
        if cursorAction == Move.MoveEnd and not self._article_model.complete:
            self._article_model.when_listed(self._to_last_row)
            return self.currentIndex()
        if cursorAction in (Move.MoveHome, Move.MoveEnd):
            modifiers |= Qt.KeyboardModifier.ControlModifier
        return super().moveCursor(cursorAction, modifiers)

    def _to_last_row(self) -> None:
        last = self._article_model.rowCount() - 1
        if last >= 0:
            index = self._article_model.index(last, max(self.currentIndex().column(), 0))
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def _fit(self, sample: str) -> int:
        return self.fontMetrics().horizontalAdvance(sample) + PADDING

    def fit_columns(self) -> None:
        """Share the visible width: fixed columns as wide as their content, the rest by proportion."""
        if self.arranged:
            return
        fixed = {col: self._fit(sample) for col, sample in FIXED_SAMPLES.items()}
        free = max(self.viewport().width() - sum(fixed.values()), 0)
        widths = {**fixed, **{col: max(int(free * share), 40) for col, share in SHARES.items()}}
        self._fitting = True
        for col, width in widths.items():
            self.horizontalHeader().resizeSection(col, width)
        self._fitting = False

    def _on_section_resized(self, *_args) -> None:
        if not self._fitting:
            self.arranged = True

    def set_sorting(self, saved: str) -> None:
        """Sort as saved ("published desc"); the header shows the arrow and the model follows it."""
        key, _, order = str(saved).partition(" ")
        model = self._model()
        descending = order == "desc"
        self.horizontalHeader().setSortIndicator(model.sort_column(key), Qt.SortOrder.DescendingOrder if descending
                                                 else Qt.SortOrder.AscendingOrder)

    def _model(self) -> ArticleTableModel:
        return self._article_model

    def sorting(self) -> str:
        key, descending = self._model().sorting
        return f"{key} {'desc' if descending else 'asc'}"

    def save_columns(self) -> QByteArray:
        """Only widths the person chose are worth keeping; otherwise the proportions apply next time too."""
        return self.horizontalHeader().saveState() if self.arranged else QByteArray()

    def restore_columns(self, state: QByteArray) -> None:
        if isinstance(state, QByteArray) and not state.isEmpty():
            self._fitting = True
            self.horizontalHeader().restoreState(state)
            self._fitting = False
            self.arranged = True

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_columns()
