"""The controls above the article list: live search, and filters by status, outlet, tag and date range."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QGridLayout, QLabel, QLineEdit, QToolButton, QWidget

from desktop.services.dto import STATUSES, ArticleFilter, TagInfo
from desktop.ui.claims_panel import swatch

SEARCH_DELAY_MS = 250
# A date edit at its minimum shows "any date": QDateEdit has no empty state, this is Qt's own idiom for one.
NO_DATE = QDate(1900, 1, 1)


class FilterBar(QWidget):
    sig_changed = Signal()  # a person changed a filter or typed in the search box
    sig_cleared = Signal()
    sig_clear_narrowing = Signal()  # the note's "show all" link: drop what a panel or the dashboard narrowed

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search every article…  (Ctrl+K)")
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.addItems(["Any status", *[s.capitalize() for s in STATUSES]])
        self.outlet = _combo("All outlets")
        self.tag = _combo("Any tag")
        self.date_from = _date_edit("from any date")
        self.date_to = _date_edit("to any date")
        self.clear = QToolButton()
        self.clear.setText("Show all")
        self.clear.setToolTip("Clear the search and every filter")
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)  # it names an entity as the article wrote it
        self.note.setStyleSheet("color: palette(mid);")
        self.note.setTextFormat(Qt.TextFormat.RichText)
        self.note.linkActivated.connect(lambda _link: self.sig_clear_narrowing.emit())
        self._build_layout()
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.sig_changed)
        self.search.textChanged.connect(self._timer.start)
        for combo in (self.status, self.outlet, self.tag):
            combo.currentIndexChanged.connect(self.sig_changed)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self.sig_changed)
        self.clear.clicked.connect(self.reset)

    def _build_layout(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.addWidget(self.search, 0, 0, 1, 4)
        grid.addWidget(self.status, 1, 0)
        grid.addWidget(self.outlet, 1, 1)
        grid.addWidget(self.tag, 1, 2, 1, 2)
        grid.addWidget(self.date_from, 2, 0)
        grid.addWidget(self.date_to, 2, 1)
        grid.addWidget(self.clear, 2, 3)
        grid.addWidget(self.note, 3, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)

    # ---- what the controls say
    def current(self, base: ArticleFilter) -> ArticleFilter:
        """The filter the controls describe, keeping what only panels set (entity, dashboard selection)."""
        status = STATUSES[self.status.currentIndex() - 1] if self.status.currentIndex() > 0 else None
        return ArticleFilter(status=status, outlet=self.outlet.currentData(), tag_id=self.tag.currentData(),
                             entity_id=base.entity_id, article_ids=base.article_ids, coder=base.coder,
                             date_from=_date(self.date_from), date_to=_date(self.date_to),
                             text=self.search.text().strip() or None)

    def show_filter(self, flt: ArticleFilter) -> None:
        """Make the controls agree with a filter set elsewhere (a codebook double-click, the dashboard)."""
        with _Quiet(self):
            if flt.tag_id != self.tag.currentData():
                self.tag.setCurrentIndex(max(self.tag.findData(flt.tag_id), 0))
            self.status.setCurrentIndex(STATUSES.index(flt.status) + 1 if flt.status in STATUSES else 0)
            self.outlet.setCurrentIndex(max(self.outlet.findData(flt.outlet), 0))
            for edit, day in ((self.date_from, flt.date_from), (self.date_to, flt.date_to)):
                edit.setDate(QDate(day.year, day.month, day.day) if day else NO_DATE)
            if (flt.text or "") != self.search.text().strip():
                self.search.setText(flt.text or "")

    def reset(self) -> None:
        with _Quiet(self):
            self.search.clear()
            for combo in (self.status, self.outlet, self.tag):
                combo.setCurrentIndex(0)
            for edit in (self.date_from, self.date_to):
                edit.setDate(NO_DATE)
        self.sig_cleared.emit()

    # ---- choices that come from the library
    def set_outlets(self, outlets: list[str]) -> None:
        with _Quiet(self):
            _refill(self.outlet, "All outlets", [(o, o) for o in outlets])

    def set_newest(self, newest: Callable[[], dt.date | None]) -> None:
        """An empty date filter's calendar opens on the library's newest month, or this month.

        Asked only when a calendar opens: finding the newest date reads every article, which a
        100,000-article library should not pay for at start-up.
        """
        for edit in (self.date_from, self.date_to):
            edit.newest = newest

    def set_tags(self, tags: list[TagInfo]) -> None:
        with _Quiet(self):
            _refill(self.tag, "Any tag", [("  " * t.depth + t.name, t.id) for t in tags])
            for t in tags:
                self.tag.setItemIcon(self.tag.findData(t.id), swatch(t.color))


class _Quiet:
    """Change controls without each change re-running the query."""

    def __init__(self, bar: FilterBar) -> None:
        self._widgets = (bar.search, bar.status, bar.outlet, bar.tag, bar.date_from, bar.date_to)

    def __enter__(self) -> None:
        for w in self._widgets:
            w.blockSignals(True)

    def __exit__(self, *_exc) -> None:
        for w in self._widgets:
            w.blockSignals(False)


def _combo(everything: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(everything, None)
    combo.setMinimumContentsLength(8)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return combo


def _refill(combo: QComboBox, everything: str, items: list[tuple[str, object]]) -> None:
    chosen = combo.currentData()
    combo.clear()
    combo.addItem(everything, None)
    for label, data in items:
        combo.addItem(label, data)
    combo.setCurrentIndex(max(combo.findData(chosen), 0))


class DateFilterEdit(QDateEdit):
    """A date edit whose "any date" state opens its calendar on a useful month instead of January 1900."""

    def __init__(self) -> None:
        super().__init__()
        self.newest: Callable[[], dt.date | None] = lambda: None
        self.setCalendarPopup(True)
        self.calendarWidget().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        # Qt points the calendar at the edit's date just before showing it; turn the page after that.
        if event.type() == QEvent.Type.Show and watched is self.calendarWidget() and self.date() == NO_DATE:
            newest = self.newest()
            page = QDate(newest.year, newest.month, 1) if newest else QDate.currentDate()
            watched.setCurrentPage(page.year(), page.month())
        return super().eventFilter(watched, event)

    def focusNextPrevChild(self, next_: bool) -> bool:
        # QDateEdit spends Tab on its own year, month and day; arrows move between those, Tab leaves.
        return QWidget.focusNextPrevChild(self, next_)


def _date_edit(empty_text: str) -> DateFilterEdit:
    edit = DateFilterEdit()
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText(empty_text)
    edit.setDate(NO_DATE)
    return edit


def _date(edit: QDateEdit) -> dt.date | None:
    value = edit.date()
    return None if value == NO_DATE else dt.date(value.year(), value.month(), value.day())
