"""The Article, View and Edit menus' reading commands through the real window: status keys, Correct
details, find in the article, zoom, speaker labels, the panels' dock, the appearance and the Go menu."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from desktop.ui.details_dialog import DetailsDialog
from tests.helpers import add_article
from tests.ui.driving import activate, click, menu_command, menu_texts, press, settled, type_text


def status_of(win, article_id: int) -> str:
    model = win.model
    column = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "Status")
    return model.data(model.index(model.row_of(article_id), column))


def opened(qtbot, win, article_id: int = 1):
    activate(qtbot, win)
    win.open_article(article_id)
    settled()
    win.reader.setFocus()


def test_status_keys_mark_the_open_article_and_undo(qtbot, window, library):
    opened(qtbot, window)
    assert library.articles.get(1).status == "read"  # opening an unread article reads it
    for keys, status in (("Ctrl+D", "done"), ("Ctrl+U", "unread"), ("Ctrl+R", "read")):
        press(window, keys)
        qtbot.waitUntil(lambda s=status: library.articles.get(1).status == s)
        qtbot.waitUntil(lambda s=status: status_of(window, 1).startswith(s))
    press(window, "Ctrl+Z")
    qtbot.waitUntil(lambda: library.articles.get(1).status == "unread")


def test_an_empty_library_has_no_article_to_mark_or_correct(qtbot, library):
    from desktop.ui.main_window import MainWindow

    win = MainWindow(library)  # a new library: nothing to open
    qtbot.addWidget(win)
    activate(qtbot, win)
    press(win, "Ctrl+D")
    menu_command(qtbot, win, "Article", "Correct details…")  # no dialog: tests/gui.py would fail on one
    assert win.statusBar().currentMessage() == "Open an article first"
    assert not win.undo_stack.canUndo()


def test_correct_details_changes_what_the_person_edits_in_one_step(qtbot, window, library, dialogs):
    opened(qtbot, window)
    shown = {}

    def correct(dialog: DetailsDialog) -> None:
        shown["title"] = dialog.fields["title"].text()
        type_text(qtbot, dialog.fields["author"], "Mara Quell")
        type_text(qtbot, dialog.fields["outlet"], "")  # left as it was
        dialog.published.setDate(QDate(2026, 2, 11))
        click(qtbot, dialog, "OK")
    dialogs.dialog(DetailsDialog, correct)
    menu_command(qtbot, window, "Article", "Correct details…")
    qtbot.waitUntil(lambda: library.articles.get(1).author == "Mara Quell")
    article = library.articles.get(1)
    assert shown == {"title": "Harbour figures"}
    assert article.published == dt.date(2026, 2, 11) and article.outlet == "Coastal Ledger"
    qtbot.waitUntil(lambda: "Mara Quell" in window.article_header.text())
    assert "2026-02-11" in window.article_header.text()
    press(window, "Ctrl+Z")  # author and date together
    qtbot.waitUntil(lambda: library.articles.get(1).author is None)
    assert library.articles.get(1).published is None


def test_correct_details_cancelled_changes_nothing(qtbot, window, library, dialogs):
    opened(qtbot, window)
    dialogs.dialog(DetailsDialog, lambda d: (type_text(qtbot, d.fields["title"], "Other"), click(qtbot, d, "Cancel")))
    menu_command(qtbot, window, "Article", "Correct details…")
    assert library.articles.get(1).title == "Harbour figures"
    assert not window.undo_stack.canUndo()


def test_find_in_the_article_forwards_backwards_and_not_found(qtbot, window):
    opened(qtbot, window)
    press(window, "Ctrl+F")
    assert window.find_bar.isVisible() and QApplication.focusWidget() is window.find_bar
    qtbot.keyClicks(window.find_bar, "Orsek")
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Return)
    first = window.reader.textCursor().selectionStart()
    assert window.reader.textCursor().selectedText() == "Orsek"
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Return)
    second = window.reader.textCursor().selectionStart()
    assert second > first and window.reader.textCursor().selectedText() == "Orsek"
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.reader.textCursor().selectionStart() == first
    type_text(qtbot, window.find_bar, "pelicans", enter=True)
    assert window.statusBar().currentMessage() == "“pelicans” is not in this article"
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()


def test_f3_without_search_hits_steps_through_the_find_bars_matches_or_explains(qtbot, window):
    opened(qtbot, window)
    press(window, "F3")
    assert "No search hits here" in window.statusBar().currentMessage()
    press(window, "Ctrl+F")
    qtbot.keyClicks(window.find_bar, "Brenn")
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Escape)
    window.reader.setFocus()
    press(window, "F3")
    assert window.reader.textCursor().selectedText() == "Brenn"


def test_zoom_in_out_and_back_to_actual_size_is_kept_for_the_next_window(qtbot, window, library):
    from desktop.ui.main_window import MainWindow

    opened(qtbot, window)
    size = window.reader.font().pointSizeF()
    menu_command(qtbot, window, "View", "Zoom in")
    menu_command(qtbot, window, "View", "Zoom in")
    bigger = window.reader.font().pointSizeF()
    assert bigger == size + 2
    menu_command(qtbot, window, "View", "Zoom out")
    assert window.reader.font().pointSizeF() == size + 1
    window.close()
    again = MainWindow(library)
    qtbot.addWidget(again)
    assert again.reader.font().pointSizeF() == size + 1
    activate(qtbot, again)
    press(again, "Ctrl+0")
    assert again.reader.font().pointSizeF() == size


def test_speaker_labels_from_the_view_menu(qtbot, window):
    opened(qtbot, window)
    assert window.reader.labels  # on by default: "— Dalia Orsek" after her quotation
    menu_command(qtbot, window, "View", "Speaker labels")
    assert window.reader.labels == []
    menu_command(qtbot, window, "View", "Speaker labels")
    assert any("Orsek" in text for _, text in window.reader.labels)


def test_the_panels_can_be_hidden_and_shown_from_the_view_menu(qtbot, window):
    activate(qtbot, window)
    assert window.dock.isVisible()
    menu_command(qtbot, window, "View", "Panels")
    assert not window.dock.isVisible()
    menu_command(qtbot, window, "View", "Panels")
    assert window.dock.isVisible()


def test_appearance_dark_and_light_from_the_menu(qtbot, window):
    from PySide6.QtGui import QPalette

    activate(qtbot, window)
    try:
        menu_command(qtbot, window, "View", "Appearance", "Dark")
        assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
        texts = menu_texts(qtbot, window, "View", "Appearance")
        assert texts == ["Follow the &system", "&Light", "&Dark"]
    finally:
        menu_command(qtbot, window, "View", "Appearance", "Light")
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() >= 128


def test_go_menu_walks_the_list_and_stops_at_its_ends(qtbot, window, library):
    add_article(library, "The lighthouse at Tarvik Point was repainted in May.", title="Lighthouse",
                published=dt.date(2026, 5, 2))
    add_article(library, "The Halvik ferry ran late all week because of fog.", title="Ferry",
                published=dt.date(2026, 5, 9))
    window.refresh_library_views()
    settled()
    activate(qtbot, window)
    order = [window.model.article_id(r) for r in range(window.model.rowCount())]
    first = window.table.visualRect(window.model.index(0, 0)).center()
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=first)
    settled()
    assert window.reader.article.id == order[0]
    seen = []
    for _ in range(3):
        menu_command(qtbot, window, "Go", "Next article")
        seen.append(window.reader.article.id)
    assert seen == order[1:] + [order[-1]]  # stays on the last
    assert window.statusBar().currentMessage() == "This is the last article"
    menu_command(qtbot, window, "Go", "Previous article")
    assert window.reader.article.id == order[-2]


def test_re_analyse_pending_analyses_an_article_added_behind_the_windows_back(qtbot, window, library):
    activate(qtbot, window)
    late = add_article(library, "Dalia Orsek opened the new grain terminal in Halvik.", title="Terminal")
    assert library.articles.get(late).analyser_version is None
    menu_command(qtbot, window, "Article", "Re-analyse pending")
    qtbot.waitUntil(lambda: library.articles.get(late).analyser_version is not None, timeout=20_000)
    assert "Dalia Orsek" in {e.name for e in library.entities.list(late)}
