"""Starting the app as `claimdesk` does: the name asked once on the first start, the library opened and
shown, the article list filled, the window closed to quit; a screenshot of an article that is not there."""
from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog

from desktop.services import Library, identity
from tests.helpers import add_article


def _shown_main_window():
    from desktop.ui.main_window import MainWindow

    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)


@pytest.mark.timeout(180)
def test_the_app_asks_the_name_shows_the_library_and_quits_when_closed(qtbot, tmp_path, dialogs, monkeypatch):
    from desktop.ui.app import run_app

    monkeypatch.delenv(identity.ENV_VAR, raising=False)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app installs its own; put ours back after
    db = tmp_path / "lib.sqlite"
    with Library.open(db, annotator="tester") as lib:
        add_article(lib, "The Halvik ferry ran late all week because of fog.", title="Ferry")

    def type_name(dialog: QInputDialog) -> None:
        QTest.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(dialog.focusWidget(), "Ilse Marr")
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    dialogs.dialog(QInputDialog, type_name)
    seen = {}

    def look_then_close() -> None:
        win = _shown_main_window()
        if win is None or not win.model.rowCount():  # the window paints first; the list follows from the database
            QTimer.singleShot(50, look_then_close)
            return
        seen.update(title=win.windowTitle(), rows=win.model.rowCount(), signed=win.lib.store.annotator)
        win.close()  # the last window: the app quits
    QTimer.singleShot(0, look_then_close)
    QTimer.singleShot(60_000, QApplication.quit)  # never hang the run if the window does not close
    assert run_app(str(db)) == 0
    assert seen == {"title": "ClaimDesk — lib.sqlite", "rows": 1, "signed": "Ilse Marr"}
    assert identity.saved_name() == "Ilse Marr"


def test_a_screenshot_of_an_article_that_is_not_there_is_exit_1(tmp_path, capsys):
    from desktop.ui.app import run_app

    db = tmp_path / "lib.sqlite"
    with Library.open(db, annotator="tester") as lib:
        add_article(lib, "The Halvik ferry ran late all week because of fog.", title="Ferry")
    assert run_app(str(db), screenshot=str(tmp_path / "shot.png"), article_id=99) == 1
    assert "99" in capsys.readouterr().err
    assert not (tmp_path / "shot.png").exists()
