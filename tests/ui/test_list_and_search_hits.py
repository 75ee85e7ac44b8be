"""The article list's order (newest first, shown, kept) and the library search's hits in the reader."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from desktop.ui.main_window import MainWindow
from tests.ui.test_keyboard import key, press
from tests.ui.waiting import settle


def test_list_is_newest_first_with_its_arrow_and_keeps_the_persons_sort(qtbot, demo_window, demo_lib):
    header = demo_window.table.horizontalHeader()
    assert header.isSortIndicatorShown()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (2, Qt.SortOrder.DescendingOrder)
    dates = [demo_lib.articles.get(i).published for i in demo_window.model.ids()]
    dated = [d for d in dates if d is not None]
    assert dated == sorted(dated, reverse=True) and dates[:len(dated)] == dated
    title_x = header.sectionViewportPosition(0) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(title_x, header.height() // 2))
    settle(qtbot)
    titles = [demo_lib.articles.get(i).title for i in demo_window.model.ids()]
    assert titles == sorted(titles, key=str.lower) or titles == sorted(titles)
    demo_window.close()

    again = MainWindow(demo_lib)
    qtbot.addWidget(again)
    settle(qtbot)
    assert again.table.horizontalHeader().sortIndicatorSection() == 0
    assert [demo_lib.articles.get(i).title for i in again.model.ids()] == titles


def test_search_hits_are_marked_stepped_with_f3_and_cleared_with_esc(qtbot, demo_window):
    win = demo_window
    press(win, "Ctrl+K")
    settle(qtbot)
    qtbot.keyClicks(QApplication.focusWidget(), "harvest")
    settle(qtbot)
    qtbot.waitUntil(lambda: win.model.filter.text == "harvest", timeout=3000)
    press(win, "Alt+1")
    settle(qtbot)
    key(win, Qt.Key.Key_Home)
    body = win.reader.article.body
    hits = win.reader.hits
    assert hits and all(body[a:b].lower().startswith("harvest") for a, b in hits)
    assert win.legend.hits.isVisible() and f"{len(hits)} search hit" in win.legend.hits.text()
    tip = win.model.data(win.model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert "<u>harvest" in tip.lower()

    press(win, "F3")
    settle(qtbot)
    assert win.reader.selected_span() == hits[0]
    press(win, "F3")
    settle(qtbot)
    assert win.reader.selected_span() == hits[1 % len(hits)]
    press(win, "Shift+F3")
    settle(qtbot)
    assert win.reader.selected_span() == hits[0]
    press(win, "Ctrl+F")
    settle(qtbot)
    assert win.find_bar.text() == "harvest"
    key(win, Qt.Key.Key_Escape)  # closes the find bar
    key(win, Qt.Key.Key_Escape)  # clears the hits
    assert win.reader.hits == [] and not win.legend.hits.isVisible()
    assert win.reader.extraSelections() == []
