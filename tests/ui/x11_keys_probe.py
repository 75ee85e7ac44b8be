"""Run under a real X server (tests/ui/test_x11_keys.py starts it with xvfb-run): Linux's own key bindings
apply there (redo is Ctrl+Shift+Z, a line edit's end-of-line is Ctrl+E), which the offscreen platform lacks.
Presses keys on the shown window and prints what happened as JSON."""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from tests.ui.waiting import settle_now


def press(keys: str) -> None:
    QTest.keySequence(QApplication.focusWidget(), QKeySequence(keys))
    settle_now()  # what the keys started on the window's database thread has come back


def main() -> int:
    app = QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp())
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QDialog.exec = lambda self: 0  # the export dialog must not wait for a click
    QMessageBox.exec = lambda self: 0
    from desktop.services import Library
    from desktop.services.demo import seed_demo
    from desktop.ui.main_window import MainWindow

    lib = Library.open(folder / "library.sqlite", annotator="tester")
    seed_demo(lib)
    win = MainWindow(lib)
    settle_now()
    win.show()
    win.activateWindow()
    for _ in range(50):
        QTest.qWait(20)
        if QApplication.activeWindow() is win:
            break
    out = {"platform": app.platformName(), "active": QApplication.activeWindow() is win}
    keys: list[str] = []
    for a in win.findChildren(QAction):
        keys += [k.toString() for k in a.shortcuts()]
    out["repeated_keys"] = sorted({k for k in keys if keys.count(k) > 1})
    exports: list[bool] = []
    next(a for a in win.findChildren(QAction) if a.text() == "&Export report…").triggered.connect(lambda *_a: exports.append(True))
    win.search.setFocus()
    press("Ctrl+E")
    out["export_from_search_box"] = len(exports)
    press("Alt+2")
    for _ in range(3):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    before = len(lib.claims.all())
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    settle_now()
    out["tagged"] = len(lib.claims.all()) - before
    press("Ctrl+Z")
    out["after_undo"] = len(lib.claims.all()) - before
    press("Ctrl+Shift+Z")
    out["after_redo"] = len(lib.claims.all()) - before
    print(json.dumps(out))
    win.close()
    lib.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
