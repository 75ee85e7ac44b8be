"""The article list: holds only ids in order and fetches rows a page at a time, so 100,000 open at once."""
from __future__ import annotations

import html

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from desktop.services import Library
from desktop.services.dto import ArticleFilter, ArticleRow
from desktop.ui.plain import plain_tooltip

COLUMNS = (("title", "Title"), ("outlet", "Outlet"), ("published", "Date"), ("author", "Author"),
           ("claims", "Claims"), ("status", "Status"))
PAGE = 200
Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


class ArticleTableModel(QAbstractTableModel):
    def __init__(self, lib: Library, parent=None) -> None:
        super().__init__(parent)
        self._lib = lib
        self._ids: list[int] = []
        self._rows: dict[int, ArticleRow] = {}
        self._snippets: dict[int, str] = {}  # the search's words around their hits, for the title's tooltip
        self._filter = ArticleFilter()
        self._sort, self._descending = "published", True  # newest first; window_state sets the person's choice
        self._loaded = False  # until the first reload, sorting only records the order (see sort)
        self._bold = QFont()
        self._bold.setBold(True)

    # ---- loading
    def set_library(self, lib: Library) -> None:
        self._lib = lib
        self.reload()

    def set_filter(self, flt: ArticleFilter) -> None:
        self._filter = flt
        self.reload()

    @property
    def filter(self) -> ArticleFilter:
        return self._filter

    def reload(self) -> None:
        self.beginResetModel()
        self._ids = self._lib.articles.ids(self._filter, self._sort, self._descending)
        self._rows.clear()
        self._snippets.clear()
        self._loaded = True
        self.endResetModel()

    def refresh_article(self, article_id: int) -> None:
        """Re-read one row (its claim count or status changed)."""
        self._rows.pop(article_id, None)
        if article_id in self._ids:
            row = self._ids.index(article_id)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def ids(self) -> list[int]:
        return list(self._ids)

    def article_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, article_id: int) -> int | None:
        try:
            return self._ids.index(article_id)
        except ValueError:
            return None

    def _row(self, row: int) -> ArticleRow | None:
        article_id = self._ids[row]
        if article_id not in self._rows:
            start = row - row % PAGE
            page = self._ids[start:start + PAGE]
            self._rows.update(self._lib.articles.rows_by_id(page))
        return self._rows.get(article_id)

    def _snippet_tip(self, row: int, article: ArticleRow) -> str:
        """The title and, under it, the words around the search's hits (fetched a page at a time)."""
        if article.id not in self._snippets:
            start = row - row % PAGE
            page = self._ids[start:start + PAGE]
            found = self._lib.searcher.snippets(self._filter.text, page)
            self._snippets.update({i: _marked_html(*found[i]) if i in found else "" for i in page})
        snippet = self._snippets.get(article.id, "")
        return f"<b>{_esc(article.title)}</b>" + (f"<br>{snippet}" if snippet else "")

    # ---- Qt model interface
    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, key)
        if role == Qt.ItemDataRole.FontRole and row.status == "unread" and key == "title":
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole and key == "title" and self._filter.text:
            return self._snippet_tip(index.row(), row)
        if role == Qt.ItemDataRole.ToolTipRole:  # columns can be narrow; the whole value is on hover
            shown = _display(row, key)
            if row.analysis_error and key in ("title", "status"):
                shown = f"{shown}\nNot analysed: {row.analysis_error}"
            return plain_tooltip(shown) if shown else None
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "claims":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def sort_column(self, key: str) -> int:
        """The column a sort key belongs to (a key no column shows, such as import order, sorts by date)."""
        return next((i for i, (k, _label) in enumerate(COLUMNS) if k == key), 2)

    @property
    def sorting(self) -> tuple[str, bool]:
        """(column key, descending) as the list is sorted now."""
        return self._sort, self._descending

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return  # "no column" (-1) would index COLUMNS from the end and sort by status unasked
        wanted = (COLUMNS[column][0], order == Qt.SortOrder.DescendingOrder)
        if self._loaded and wanted == (self._sort, self._descending):
            return
        self._sort, self._descending = wanted
        # While the window is built, the header sorts several times (enabling sorting, restoring
        # its state); reading 100,000 ids each time was most of the start-up, so only the first
        # reload reads them.
        if self._loaded:
            self.reload()


def _display(row: ArticleRow, key: str) -> str:
    if key == "published":
        return row.published.isoformat() if row.published else ""
    if key == "claims":
        return str(row.claim_count) if row.claim_count else ""
    if key == "status" and row.analysis_error:
        return f"{row.status} · analysis failed"
    value = getattr(row, key)
    return value or ""


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _marked_html(snippet: str, spans: tuple[tuple[int, int], ...]) -> str:
    out, pos = [], 0
    for a, b in spans:
        out += [_esc(snippet[pos:a]), "<b><u>", _esc(snippet[a:b]), "</u></b>"]
        pos = b
    out.append(_esc(snippet[pos:]))
    return "".join(out).replace("\n", " ")
