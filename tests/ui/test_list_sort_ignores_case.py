"""Clicking the list's Title or Outlet header sorts as a person reads: "apple" before "Zebra"."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from desktop.ui.article_model import COLUMNS
from tests.helpers import add_article
from tests.ui.waiting import settle

ARTICLES = [("Zebra crossing repainted", "harbour Gazette"), ("apple growers meet", "Coastal Ledger"),
            ("Bridge tolls to rise", "coastal ledger"), ("ferry timetable changes", None),
            ("Apple tariffs lifted", "Veltra Times")]


def _click_header(qtbot, win, key: str) -> None:
    header = win.table.horizontalHeader()
    column = next(i for i, (k, _label) in enumerate(COLUMNS) if k == key)
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    settle(qtbot)


def _shown(win, column: int) -> list[str]:
    model = win.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_clicking_title_and_outlet_sorts_ignoring_case(qtbot, library):
    from desktop.ui.main_window import MainWindow

    for n, (title, outlet) in enumerate(ARTICLES):
        add_article(library, f"The port council met about item {n}.", title=title, outlet=outlet)
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    settle(qtbot)

    _click_header(qtbot, win, "title")
    assert win.model.sorting == ("title", False)
    assert _shown(win, 0) == ["apple growers meet", "Apple tariffs lifted", "Bridge tolls to rise",
                              "ferry timetable changes", "Zebra crossing repainted"]
    _click_header(qtbot, win, "title")  # again: the other way
    assert _shown(win, 0) == ["Zebra crossing repainted", "ferry timetable changes", "Bridge tolls to rise",
                              "Apple tariffs lifted", "apple growers meet"]

    _click_header(qtbot, win, "outlet")  # another column starts ascending
    assert win.model.sorting == ("outlet", False)
    # No outlet first; the two spellings of the Coastal Ledger together, in import order.
    assert _shown(win, 1) == ["", "Coastal Ledger", "coastal ledger", "harbour Gazette", "Veltra Times"]
    assert _shown(win, 0)[1:3] == ["apple growers meet", "Bridge tolls to rise"]
