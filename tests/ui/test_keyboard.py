"""Reading and tagging by keyboard alone: keys pressed on the shown, active window, so that Qt's shortcut
dispatch, the focus and the menus decide what happens (no method of the window is called)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.ui.menus import shortcut_rows
from tests.ui.waiting import settle, settle_now


def press(window, keys: str) -> None:
    """Keys as a keyboard sends them: to whichever widget of the window has the focus."""
    QTest.keySequence(QApplication.focusWidget() or window, QKeySequence(keys))
    settle_now()  # and what they started on the database thread has come back


def key(window, k: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget() or window, k, modifiers)
    settle_now()


def focused():
    return QApplication.focusWidget()


def action(window, text: str) -> QAction:
    return next(a for a in window.findChildren(QAction) if a.text().replace("&", "") == text)


def underlined(window, at: int) -> bool:
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(window.reader._map.to_qt(at) + 1)
    return cursor.charFormat().fontUnderline()


def select_first_sentence(window) -> str:
    """Ctrl+Shift+Right, a word at a time, until the selection ends a sentence."""
    for _ in range(80):
        key(window, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        span = window.reader.selected_span()
        if span and window.reader.article.body[span[1] - 1] == ".":
            return window.reader.article.body[span[0]:span[1]]
    raise AssertionError("no sentence end reached")


def test_every_shortcut_in_the_window_is_unique(demo_window):
    seen: dict[str, str] = {}
    for a in demo_window.findChildren(QAction):
        keys = [k.toString() for k in a.shortcuts()]
        assert len(keys) == len(set(keys)), f"{a.text()} has one key twice: {keys}"
        for key in keys:
            assert key not in seen, f"{key} is both {seen[key]!r} and {a.text()!r}"
            seen[key] = a.text()
    for s in demo_window.findChildren(QShortcut):
        assert s.key().toString() not in seen, s.key().toString()
    rows = dict((v, k) for k, v in shortcut_rows(demo_window.menuBar()))
    assert rows["Edit ▸ Redo"] == "Ctrl+Shift+Z / Ctrl+Y"


def test_keyboard_only_walkthrough(qtbot, demo_window, demo_lib):
    """Open, third article, select a sentence, tag it with 1, set a verdict, undo, redo, next article."""
    win = demo_window
    press(win, "Alt+1")
    settle(qtbot)
    assert focused() is win.table
    third = win.model.article_id(2)
    press(win, "Ctrl+Down")
    settle(qtbot)
    press(win, "Ctrl+Down")
    settle(qtbot)
    assert win.reader.article.id == third
    press(win, "Alt+2")
    settle(qtbot)
    assert focused() is win.reader
    sentence = select_first_sentence(win)
    key(win, Qt.Key.Key_1)
    (claim,) = [c for c in demo_lib.claims.for_article(third) if c.text == sentence]
    assert claim.tag_ids == (win.codebook_actions.tags[0].id,)
    assert underlined(win, claim.start)

    press(win, "Alt+3")
    settle(qtbot)
    assert focused() is win.claims_panel.list and win.claims_panel.current_id() == claim.id
    key(win, Qt.Key.Key_Tab)
    assert focused() is win.claims_panel.verdict
    key(win, Qt.Key.Key_Down)
    verdict = demo_lib.claims.get(claim.id).verdict
    assert verdict != "unverified"

    press(win, "Ctrl+Z")
    settle(qtbot)
    assert demo_lib.claims.get(claim.id).verdict == "unverified"
    press(win, "Ctrl+Z")
    settle(qtbot)
    assert claim.id not in {c.id for c in demo_lib.claims.for_article(third)}
    assert not underlined(win, claim.start)
    press(win, "Ctrl+Shift+Z")
    settle(qtbot)
    press(win, "Ctrl+Shift+Z")
    settle(qtbot)
    assert demo_lib.claims.get(claim.id).verdict == verdict
    assert underlined(win, claim.start)

    press(win, "Ctrl+Down")
    settle(qtbot)
    assert win.reader.article.id == win.model.article_id(3)


def test_undoing_a_tag_leaves_no_highlight_in_the_reader(qtbot, demo_window, demo_lib):
    win = demo_window
    press(win, "Alt+2")
    settle(qtbot)
    sentence = select_first_sentence(win)
    key(win, Qt.Key.Key_2)
    (claim,) = [c for c in demo_lib.claims.for_article(win.reader.article.id) if c.text == sentence]
    press(win, "Ctrl+Z")
    settle(qtbot)
    spans = [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in win.reader.extraSelections()]
    assert (win.reader._map.to_qt(claim.start), win.reader._map.to_qt(claim.end)) not in spans
    assert not underlined(win, claim.start)


def test_tab_from_the_search_box_reaches_the_list_and_the_reader(qtbot, demo_window):
    win = demo_window
    press(win, "Ctrl+K")
    settle(qtbot)
    assert focused() is win.search
    path = []
    for _ in range(15):
        key(win, Qt.Key.Key_Tab)
        path.append(focused())
        if focused() is win.reader:
            break
    assert win.table in path and path[-1] is win.reader, [type(w).__name__ for w in path]
    for _ in range(3):
        key(win, Qt.Key.Key_Backtab)
        if focused() is win.table:
            break
    assert focused() is win.table


def test_window_commands_work_from_text_fields(qtbot, demo_window, dialogs):
    from desktop.ui.export_dialog import ExportDialog

    win = demo_window
    export = action(win, "Export report…")
    fields = [win.search, win.claims_panel.speaker, win.filters.date_from]
    for field in fields:
        win.dock.show()
        settle(qtbot)
        win.claims_panel.editor.setEnabled(True)
        field.setFocus()
        qtbot.waitUntil(lambda f=field: focused() is f)
        dialogs.dialog(ExportDialog)  # and closed with Esc
        with qtbot.waitSignal(export.triggered, timeout=1000):
            press(win, "Ctrl+E")
            settle(qtbot)
    win.search.setFocus()
    before = win.reader.article.id
    press(win, "Ctrl+Down")
    settle(qtbot)
    assert win.reader.article.id != before
    # a key the field truly needs stays with it: Delete deletes a character, not the chosen claim
    win.search.setText("abc")
    win.search.setCursorPosition(0)
    press(win, "Delete")
    settle(qtbot)
    assert win.search.text() == "bc"


def test_a_number_key_without_a_selection_says_what_to_do(qtbot, demo_window):
    win = demo_window
    press(win, "Alt+2")
    settle(qtbot)
    key(win, Qt.Key.Key_1)
    assert "Select a passage first" in win.statusBar().currentMessage()
    before = len(win.lib.claims.all())
    assert len(win.lib.claims.all()) == before
