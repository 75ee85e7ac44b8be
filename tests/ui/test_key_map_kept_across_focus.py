"""The window's key map (which keys belong to window commands) is read once and kept while the focus moves
between fields; it is read again only when a command with keys comes, goes or changes its keys."""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow, QTextEdit, QVBoxLayout, QWidget

from desktop.ui.keyboard import WindowKeys
from tests.ui.demo_window import show_active
from tests.ui.test_keyboard import press
from tests.ui.waiting import settle


def _focus(qtbot, field: QWidget) -> None:
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)


def _window(qtbot):
    win = QMainWindow()
    qtbot.addWidget(win)
    box = QWidget()
    layout = QVBoxLayout(box)
    fields = QLineEdit(), QLineEdit(), QTextEdit()
    for field in fields:
        layout.addWidget(field)
    win.setCentralWidget(box)
    menu = win.menuBar().addMenu("&File")
    export = QAction("Export", win)
    export.setShortcut(QKeySequence("Ctrl+E"))
    menu.addAction(export)
    win.show()
    qtbot.waitExposed(win)
    return win, menu, export, fields


def test_the_key_map_is_kept_while_the_focus_moves(qtbot):
    win, menu, export, (first, second, notes) = _window(qtbot)
    keys = WindowKeys(win)
    _focus(qtbot, first)
    with qtbot.waitSignal(export.triggered, timeout=2000):
        QTest.keySequence(first, QKeySequence("Ctrl+E"))
    read = keys._keys
    assert read is not None and "Ctrl+E" in read
    for field in (second, notes, first, notes):
        _focus(qtbot, field)
        with qtbot.waitSignal(export.triggered, timeout=2000):
            QTest.keySequence(field, QKeySequence("Ctrl+E"))
    # Actions without keys coming and going (a menu filled as it opens), a command renamed or disabled and
    # enabled: the map stands.
    recent = menu.addMenu("Recent")
    for name in ("one", "two"):
        recent.addAction(name)
    recent.clear()
    export.setText("Export report")
    export.setEnabled(False)
    export.setEnabled(True)
    with qtbot.waitSignal(export.triggered, timeout=2000):
        QTest.keySequence(notes, QKeySequence("Ctrl+E"))
    assert keys._keys is read


def test_a_command_added_changed_or_removed_later_is_known_in_a_field(qtbot):
    win, menu, export, (first, second, _notes) = _window(qtbot)
    keys = WindowKeys(win)
    _focus(qtbot, first)
    with qtbot.waitSignal(export.triggered, timeout=2000):
        QTest.keySequence(first, QKeySequence("Ctrl+E"))  # the map is read

    later = QAction("Mark done", win)  # a command made after the map was read, in a menu made since
    later.setShortcut(QKeySequence("Ctrl+K"))
    article = menu.addMenu("&Article")
    article.addAction(later)
    _focus(qtbot, second)
    with qtbot.waitSignal(later.triggered, timeout=2000):
        QTest.keySequence(second, QKeySequence("Ctrl+K"))  # a line edit would take Ctrl+K (delete to the end)

    export.setShortcut(QKeySequence("Ctrl+Shift+E"))  # its keys changed
    with qtbot.waitSignal(export.triggered, timeout=2000):
        QTest.keySequence(second, QKeySequence("Ctrl+Shift+E"))

    article.removeAction(later)  # gone from the window, then deleted
    later.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(later))
    QTest.keySequence(second, QKeySequence("Ctrl+K"))  # no deleted command asked whether it is enabled
    assert keys._keys is not None and "Ctrl+K" not in keys._keys and "Ctrl+E" not in keys._keys


def test_the_windows_key_map_survives_moving_between_its_fields(qtbot, window):
    show_active(qtbot, window)
    search, date_from = window.ui.search, window.ui.filters.date_from
    press(window, "Ctrl+K")  # Search library: the focus goes to the search box
    settle(qtbot)
    assert QApplication.focusWidget() is search
    press(window, "Ctrl+K")  # pressed in the field: the window's key map is read
    read = window.window_keys._keys
    assert read is not None and "Ctrl+K" in read
    qtbot.mouseClick(date_from, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not search)
    press(window, "Ctrl+K")  # from the date field back to the search box
    settle(qtbot)
    assert QApplication.focusWidget() is search
    assert window.window_keys._keys is read  # the focus moved twice; the map was not read again
