"""The article list shows its first page before the rest of a large library's ids are read (issue 19).

Each test holds the window's database thread once the first page is on screen, so the rest of the list
is still on its way while keys are pressed, as it is for a moment after start-up with 100,000 articles.
"""
from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.ingest.types import ParsedArticle
from desktop.ui.article_model import PAGE
from tests.ui.test_keyboard import key, press
from tests.ui.waiting import settle

N = PAGE + 90
FIRST_DAY = dt.date(2024, 1, 1)


@pytest.fixture
def big_library(library):
    """N articles a day apart: newest first, article i is on row N - 1 - i; each has a word of its own."""
    library.importer.add_parsed((f"a{i}", ParsedArticle(
        title=f"Harbour note {i}", body=f"The port council met about fees, note tag{i}x.", original_text="",
        outlet=f"Outlet {i % 5}", published=FIRST_DAY + dt.timedelta(days=i))) for i in range(N))
    return library


@pytest.fixture
def held(qtbot, big_library):
    """A window whose first page is shown and whose database thread is held until release() is called."""
    from desktop.ui.main_window import MainWindow

    gate, started = threading.Event(), threading.Event()

    def hold(_lib) -> None:
        started.set()
        gate.wait(30)

    win = MainWindow(big_library)
    # Queued behind the window's first reads (the list's first page among them), before the rest is asked for.
    win.db.submit(hold, label="held by the test")
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitUntil(lambda: started.is_set() and win.model.rowCount() > 0, timeout=30_000)
    yield win, gate.set
    gate.set()
    settle(qtbot)


def _keys(win, keys: str) -> None:
    """Keys to the focused widget without waiting for the database thread (the test holds it)."""
    QTest.keySequence(QApplication.focusWidget() or win, QKeySequence(keys))
    QApplication.processEvents()


def _title(win) -> str:
    return win.reader.article.title if win.reader.article else ""


def _to_end_of_first_page(win) -> None:
    _keys(win, "Alt+1")
    _keys(win, "Home")
    for _ in range(PAGE):  # a page of rows at a time, to the last row that is here
        if win.table.currentIndex().row() == PAGE - 1:
            break
        _keys(win, "PgDown")
    assert win.table.currentIndex().row() == PAGE - 1


def test_the_first_page_shows_and_end_reaches_the_last_article(qtbot, held):
    win, release = held
    assert win.model.rowCount() == PAGE and win.model.canFetchMore(win.model.index(-1, -1))
    assert win.model.data(win.model.index(0, 0)) == f"Harbour note {N - 1}"  # newest first
    assert win.filters.note.text() == ""  # the count once the whole list is here
    _keys(win, "Alt+1")
    assert QApplication.focusWidget() is win.table
    _keys(win, "End")
    assert win.table.currentIndex().row() < PAGE  # the rest is still on its way
    release()
    settle(qtbot)
    assert win.model.rowCount() == N and not win.model.canFetchMore(win.model.index(-1, -1))
    assert win.table.currentIndex().row() == N - 1
    qtbot.waitUntil(lambda: _title(win) == "Harbour note 0", timeout=10_000)
    assert win.filters.note.text() == f"{N} articles"
    key(win, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: _title(win) == f"Harbour note {N - 1}", timeout=10_000)


def test_page_down_at_the_end_of_the_first_page_loads_the_rest(qtbot, held):
    win, release = held
    _to_end_of_first_page(win)
    release()
    settle(qtbot)
    assert win.model.rowCount() == N
    press(win, "PgDown")
    assert win.table.currentIndex().row() > PAGE - 1
    row = win.table.currentIndex().row()
    qtbot.waitUntil(lambda: _title(win) == f"Harbour note {N - 1 - row}", timeout=10_000)


def test_next_article_from_the_last_row_of_the_first_page_waits_for_the_rest(qtbot, held):
    win, release = held
    _to_end_of_first_page(win)
    _keys(win, "Ctrl+Down")
    release()
    settle(qtbot)
    assert win.table.currentIndex().row() == PAGE
    qtbot.waitUntil(lambda: _title(win) == f"Harbour note {N - 1 - PAGE}", timeout=10_000)
    assert "last article" not in win.statusBar().currentMessage()


def test_search_and_filter_find_articles_beyond_the_first_page(qtbot, held):
    win, release = held
    release()
    settle(qtbot)
    press(win, "Ctrl+K")
    qtbot.keyClicks(QApplication.focusWidget(), "tag3x")
    qtbot.waitUntil(lambda: win.model.filter.text == "tag3x", timeout=5000)
    settle(qtbot)
    assert win.model.rowCount() == 1 and win.model.data(win.model.index(0, 0)) == "Harbour note 3"
    press(win, "Ctrl+A")
    key(win, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: win.model.filter.text is None, timeout=5000)
    settle(qtbot)
    assert win.model.rowCount() == N
    key(win, Qt.Key.Key_Tab)  # from the search box to the status filter, then to the outlet filter
    key(win, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is win.filters.outlet
    for _ in range(4):  # past "All outlets" and Outlet 0, 1, 2
        key(win, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: win.model.filter.outlet == "Outlet 3", timeout=5000)
    settle(qtbot)
    titles = {win.model.data(win.model.index(r, 0)) for r in range(win.model.rowCount())}
    assert win.model.rowCount() == N // 5 == len(titles)
    assert "Harbour note 3" in titles and "Harbour note 8" in titles  # the oldest, far beyond a page


def test_the_article_open_at_close_beyond_the_first_page_opens_again(qtbot, big_library):
    from desktop.ui.main_window import MainWindow

    first = MainWindow(big_library)
    qtbot.addWidget(first)
    first.show()
    settle(qtbot)
    press(first, "Alt+1")
    press(first, "End")
    qtbot.waitUntil(lambda: _title(first) == "Harbour note 0", timeout=10_000)
    first.close()

    again = MainWindow(big_library)
    qtbot.addWidget(again)
    again.show()
    settle(qtbot)  # its row is not in the first page: it opens once the rest of the list is here
    assert _title(again) == "Harbour note 0" and again.table.currentIndex().row() == N - 1
