"""The window's key filter watches the text field that has the focus, not every event of the application
(issue 19: a filter on the application made Python objects of every event before the first paint), and a
window command still reaches the window from whichever of its fields has the focus."""
from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow, QTextEdit, QVBoxLayout, QWidget

from desktop.ui.keyboard import WindowKeys


def test_a_command_key_reaches_the_window_from_each_field_that_takes_the_focus(qtbot):
    win = QMainWindow()
    qtbot.addWidget(win)
    box = QWidget()
    layout = QVBoxLayout(box)
    first, second, notes = QLineEdit(), QLineEdit(), QTextEdit()
    for widget in (first, second, notes):
        layout.addWidget(widget)
    win.setCentralWidget(box)
    command = QAction("Export", win)
    command.setShortcut(QKeySequence("Ctrl+E"))
    win.addAction(command)
    win.show()
    qtbot.waitExposed(win)
    first.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)
    keys = WindowKeys(win)  # made while a field already has the focus, as at start-up
    for field in (first, second, notes, first):
        field.setFocus()
        qtbot.waitUntil(lambda f=field: QApplication.focusWidget() is f)
        with qtbot.waitSignal(command.triggered, timeout=2000):
            QTest.keySequence(field, QKeySequence("Ctrl+E"))
    assert keys._watched is first  # only the focused field is watched
    first.setText("abc")
    first.setCursorPosition(0)
    QTest.keySequence(first, QKeySequence("Delete"))  # a key the field needs stays with it
    assert first.text() == "bc"
