"""The article list: holds only ids in order and fetches rows a page at a time, so 100,000 open at once.

A new list (start-up, another filter or order) shows its first page as soon as that is read; the rest
of its ids follow in one background read (Qt's canFetchMore/fetchMore ask for it at once when the
person scrolls to the end), so nothing the size of the library stands between start-up and the window."""
from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from desktop.services import Library, UserError
from desktop.services.dto import ArticleFilter, ArticleRow, Snippet
from desktop.ui.db_executor import DbExecutor, Priority, Ticket
from desktop.ui.plain import plain_tooltip

COLUMNS = (("title", "Title"), ("outlet", "Outlet"), ("published", "Date"), ("author", "Author"),
           ("claims", "Claims"), ("status", "Status"))
PAGE = 200
Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


class ArticleTableModel(QAbstractTableModel):
    """Rows and ids come from the database executor: a row not yet fetched shows empty for the
    moment its page takes to arrive, and the view is told when it has."""

    sig_listed = Signal()  # every id of the list is here (rowCount is the whole list's length)

    def __init__(self, db: DbExecutor, parent=None) -> None:
        super().__init__(parent)
        self._db = db
        self._ids: list[int] = []
        self._complete = True  # False while only the first page of ids is here
        self._rest: Ticket | None = None  # the read of the rest of the ids, while it is on its way
        self._rest_urgent = False  # the person is waiting for the rest (scrolled to the end, pressed End)
        self._when_listed: list[Callable[[], None]] = []  # to run once the whole list is here
        self._listed_as: tuple[ArticleFilter, str, bool] | None = None  # the filter and order of the ids held
        self._rows: dict[int, ArticleRow] = {}
        self._asked: set[int] = set()  # first rows of pages asked for and not yet here
        self._snippets: dict[int, str] = {}  # the search's words around their hits, for the title's tooltip
        self._snippets_asked: set[int] = set()
        self._generation = 0  # bumped by every reload: pages asked for an older list are dropped
        self.entity_name: str | None = None  # the name of the filter's entity, for the list's note
        self._filter = ArticleFilter()
        self._sort, self._descending = "published", True  # newest first; window_state sets the person's choice
        self._loaded = False  # until the first reload, sorting only records the order (see sort)
        self._bold = QFont()
        self._bold.setBold(True)

    # ---- loading
    def set_filter(self, flt: ArticleFilter) -> None:
        self._filter = flt
        self.reload()

    @property
    def filter(self) -> ArticleFilter:
        return self._filter

    def reload(self, then: Callable[[], None] | None = None) -> None:
        """Read the list's ids again (on the database thread); the model resets when they arrive, and
        then() runs (with the first page shown: see when_listed for the whole list).

        A new list (the first, or another filter or order) is read first page first. The same list read
        again (after an edit, a colleague's change) is read whole, so it is not cut to one page meanwhile."""
        flt, sort, descending = self._filter, self._sort, self._descending
        again = self._loaded and self._complete and (flt, sort, descending) == self._listed_as
        self._loaded = True
        limit = None if again else PAGE + 1  # one more than a page says whether there is more
        self._db.submit(lambda lib: _list(lib, flt, sort, descending, limit),
                        on_done=lambda listed: self._reset(flt, listed, then), label="article list")

    def _reset(self, flt: ArticleFilter, listed: Listed, then: Callable[[], None] | None) -> None:
        if flt != self._filter:
            return  # another filter was chosen since; its own list is on the way
        self.beginResetModel()
        self._listed_as = (flt, listed.sort, listed.descending)
        self._complete = listed.complete
        self._ids, self.entity_name = listed.ids, listed.entity_name
        self._generation += 1
        if self._rest is not None:
            self._rest.cancel()  # a read of an older list's rest
        self._rest, self._rest_urgent = None, False
        self._rows = dict(listed.first_rows)
        self._asked = {0}
        self._snippets = {i: _marked_html(*listed.first_snippets[i]) if i in listed.first_snippets else ""
                          for i in listed.ids[:PAGE]} if flt.text else {}
        self._snippets_asked = {0} if flt.text else set()
        self.endResetModel()
        if self._complete:
            self._listed()
        else:
            self._read_rest(Priority.BACKGROUND)
        if then is not None:
            then()

    # ---- the rest of a list shown first page first
    def canFetchMore(self, parent: Index = ROOT) -> bool:
        return not parent.isValid() and not self._complete

    def fetchMore(self, parent: Index = ROOT) -> None:
        """The view reached the end of what is here: the rest is read before other waiting work."""
        if not parent.isValid() and not self._complete and not self._rest_urgent:
            self._read_rest(Priority.NOW)

    @property
    def complete(self) -> bool:
        """Every id of the list is here (else only its first page, the rest on its way)."""
        return self._complete

    def when_listed(self, then: Callable[[], None]) -> None:
        """then() once the whole list is here: now if it is, else when the rest arrives (read at once)."""
        if self._complete:
            then()
            return
        self._when_listed.append(then)
        self.fetchMore()

    def _read_rest(self, priority: Priority) -> None:
        if self._rest is not None:
            self._rest.cancel()  # the background read, overtaken by one the person waits for
        self._rest_urgent = priority == Priority.NOW
        flt, sort, descending = self._listed_as or (self._filter, self._sort, self._descending)
        generation = self._generation
        self._rest = self._db.submit(lambda lib: lib.articles.ids(flt, sort, descending),
                                     on_done=lambda ids: self._rest_arrived(generation, ids),
                                     label="the rest of the article list", priority=priority)

    def _rest_arrived(self, generation: int, ids: list[int]) -> None:
        if generation != self._generation or self._complete:
            return
        self._rest = None
        have = len(self._ids)
        if ids[:have] != self._ids:  # the library changed between the two reads: show the list as it is now
            self.beginResetModel()
            self._ids = ids
            self._generation += 1
            self._rows, self._asked = {}, set()
            self._snippets, self._snippets_asked = {}, set()
            self._complete = True
            self.endResetModel()
        else:
            if len(ids) > have:
                self.beginInsertRows(ROOT, have, len(ids) - 1)
                self._ids = ids
                self._complete = True
                self.endInsertRows()
            self._complete = True
        self._listed()

    def _listed(self) -> None:
        waiting, self._when_listed = self._when_listed, []
        self.sig_listed.emit()
        for then in waiting:
            then()

    def refresh_article(self, article_id: int) -> None:
        """Re-read one row (its claim count or status changed)."""
        generation = self._generation
        self._db.submit(lambda lib: lib.articles.rows_by_id([article_id]),
                        on_done=lambda rows: self._rows_arrived(generation, rows), label="article row")

    def ids(self) -> list[int]:
        """The ids listed so far (all of them once `complete`; see when_listed)."""
        return list(self._ids)

    def article_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, article_id: int) -> int | None:
        try:
            return self._ids.index(article_id)
        except ValueError:
            return None

    def _row(self, row: int) -> ArticleRow | None:
        """The row if its page is here; else its page is asked for and the row shows when it arrives."""
        article_id = self._ids[row]
        if article_id not in self._rows:
            start = row - row % PAGE
            if start not in self._asked:
                self._asked.add(start)
                page, generation = self._ids[start:start + PAGE], self._generation
                self._db.submit(lambda lib: lib.articles.rows_by_id(page),
                                on_done=lambda rows: self._rows_arrived(generation, rows), label="article rows")
        return self._rows.get(article_id)

    def _rows_arrived(self, generation: int, rows: dict[int, ArticleRow]) -> None:
        if generation != self._generation:
            return
        self._rows.update(rows)
        places = [self._ids.index(i) for i in rows if i in self._ids] if len(rows) < 4 else \
            [n for n, i in enumerate(self._ids) if i in rows]
        if places:
            self.dataChanged.emit(self.index(min(places), 0), self.index(max(places), len(COLUMNS) - 1))

    def _snippet_tip(self, row: int, article: ArticleRow) -> str:
        """The title and, under it, the words around the search's hits (fetched a page at a time)."""
        start = row - row % PAGE
        if article.id not in self._snippets and start not in self._snippets_asked:
            self._snippets_asked.add(start)
            page, query, generation = self._ids[start:start + PAGE], self._filter.text or "", self._generation
            self._db.submit(lambda lib: lib.searcher.snippets(query, page),
                            on_done=lambda found: self._snippets_arrived(generation, page, found), label="snippets")
        snippet = self._snippets.get(article.id, "")
        return f"<b>{_esc(article.title)}</b>" + (f"<br>{snippet}" if snippet else "")

    def _snippets_arrived(self, generation: int, page: list[int], found: dict) -> None:
        if generation == self._generation:
            self._snippets.update({i: _marked_html(*found[i]) if i in found else "" for i in page})

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


@dataclass(frozen=True)
class Listed:
    """The list as read in one operation: its ids in order (all, or the first page), and the first page
    ready to show."""

    ids: list[int]
    complete: bool  # False: more ids follow the first page
    sort: str
    descending: bool
    entity_name: str | None  # the entity the list is narrowed to, None if none (or merged away)
    first_rows: dict[int, ArticleRow]
    first_snippets: dict[int, Snippet]


def _list(lib: Library, flt: ArticleFilter, sort: str, descending: bool, limit: int | None) -> Listed:
    """Database thread: the list's ids in order (at most `limit`: one more than a page tells that more
    follow), the first page's rows (and search snippets), and the name of the entity it is narrowed to."""
    quick = lib.first_page(flt, sort, descending, limit) if limit is not None else None
    if quick is None:
        lib.connect(wait=False)  # the window waits for this read: it cannot wait for the window
    name = None
    if flt.entity_id is not None:
        try:
            name = lib.entities.get(flt.entity_id).name
        except UserError:  # merged away since the filter was set
            name = None
    if quick is not None:  # start-up: read before the services are loaded
        ids, first_rows = quick
    else:
        ids, first_rows = lib.articles.ids(flt, sort, descending, limit=limit), {}
    complete = limit is None or len(ids) < limit
    if not complete:
        ids = ids[:PAGE]
    first = ids[:PAGE]
    if quick is not None:
        first_rows = {i: first_rows[i] for i in first}
    elif first:
        first_rows = lib.articles.rows_by_id(first)
    return Listed(ids, complete, sort, descending, name, first_rows,
                  lib.searcher.snippets(flt.text, first) if flt.text and first else {})


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
