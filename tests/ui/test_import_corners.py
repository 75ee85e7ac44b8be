"""Corners of importing in the window: files dropped on it are imported and analysed; drops that carry
nothing to import are not taken."""
from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from tests.data.fictional_articles import write_articles
from tests.ui.driving import activate, highlighted, press

FEES = ("Port Fees Rise\n\nBy Mara Quell\n\nThe port authority of Halvik raised its fees by 8% on Monday, the first "
        "rise in six years, citing the cost of dredging the eastern channel.\n")


def drop(win, urls: list[QUrl], text: str | None = None) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls(urls)
    if text is not None:
        mime.setText(text)
    enter = QDragEnterEvent(QPointF(60, 60).toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    win.event(enter)  # the drag manager asks first whether the window takes it
    event = QDropEvent(QPointF(60, 60), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    win.event(event)
    return event, enter


def test_files_dropped_on_the_window_are_imported_and_analysed(qtbot, window, library, tmp_path):
    activate(qtbot, window)
    (tmp_path / "fees.txt").write_text(FEES)
    event, enter = drop(window, [QUrl.fromLocalFile(str(tmp_path / "fees.txt"))])
    assert enter.isAccepted() and event.isAccepted()
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    fees = next(r.id for r in library.articles.rows() if r.title == "Port Fees Rise")
    qtbot.waitUntil(lambda: library.articles.get(fees).analyser_version is not None, timeout=20_000)


def test_a_dropped_folders_top_article_opens_by_key_with_its_names_highlighted(qtbot, window, library, tmp_path):
    """Issue 19's path: drop a folder, open the first new article as soon as the list shows it, and see
    who is named in it highlighted once its analysis is stored (the rest may still be analysed)."""
    activate(qtbot, window)
    folder = tmp_path / "drop"
    write_articles(folder, 6, paragraphs=2)
    event, _enter = drop(window, [QUrl.fromLocalFile(str(folder))])
    assert event.isAccepted()
    qtbot.waitUntil(lambda: window.model.rowCount() == 7, timeout=60_000)  # the demo article and six new
    activate(qtbot, window)  # the reading dialog has gone
    press(window, "Alt+1")  # the list
    press(window, "Home")
    qtbot.waitUntil(lambda: window.reader.article is not None, timeout=10_000)
    if window.reader.article.title == "Harbour figures":  # the window's own article sorts first: the next one
        press(window, "Down")
        qtbot.waitUntil(lambda: window.reader.article.title != "Harbour figures", timeout=10_000)
    opened = window.reader.article.id
    qtbot.waitUntil(lambda: library.articles.get(opened).analyser_version is not None, timeout=60_000)
    people = [e.name for e in library.entities.list(opened) if e.type == "PERSON"]
    assert people
    qtbot.waitUntil(lambda: all(highlighted(window, name) for name in people), timeout=10_000)


def test_a_drop_of_text_or_web_links_is_not_taken(qtbot, window, library):
    activate(qtbot, window)
    event, enter = drop(window, [QUrl("https://example.org/article")], text="some words")
    assert not event.isAccepted()
    assert library.articles.count() == 1
