"""File ▸ Restore from backup…, the same offer when a library cannot be opened, and a read-only
library's window: driven by keys and clicks on the real widgets."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.services import Library
from desktop.services.backups import Backups
from desktop.ui.backup_dialog import BackupDialog
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import BODY
from tests.ui.waiting import settle


def _when_shown(qtbot, find, act) -> None:
    """Act on a window once it appears: the dialogs wait in their own event loop."""
    def poll() -> None:
        widget = find()
        if widget is None or not widget.isVisible():
            QTimer.singleShot(20, poll)
            return
        act(widget)
    QTimer.singleShot(0, poll)


def _top_level(kind):
    return lambda: next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None)


def _pick_first_and_restore(qtbot):
    def act(dialog: BackupDialog) -> None:
        item = dialog.list.item(0)
        qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton,
                         pos=dialog.list.visualItemRect(item).center())
        assert dialog.restore_button.isEnabled()
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    return act


def test_restore_from_the_file_menu(qtbot, window, library):
    path = Path(library.location)
    start = BODY.index("3.2 million")
    library.claims.create(1, start, start + 11, [1], note="before the backup")
    Backups(path).make("manual")
    library.claims.create(1, 0, 7, [1], note="after the backup")

    _when_shown(qtbot, _top_level(BackupDialog), _pick_first_and_restore(qtbot))
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    settle(qtbot)
    menu = QApplication.activePopupWidget()
    assert menu is not None and "Restore from &backup…" in [a.text() for a in menu.actions()]
    qtbot.keyClick(menu, Qt.Key.Key_B)
    settle(qtbot)

    assert window.lib is not library  # closed, replaced, opened again
    assert [c.note for c in window.lib.claims.all()] == ["before the backup"]
    assert window.claims_panel.list.count() in (0, 1)
    reasons = [b.reason for b in Backups(path).list()]
    assert reasons[0] == "before-restore"  # what was replaced is kept
    window.close()
    window.lib.close()


def test_a_library_that_cannot_be_opened_offers_its_backups(qtbot, tmp_path):
    from desktop.ui.app import _open_library
    from desktop.ui.db_executor import DbExecutor

    path = tmp_path / "lib.sqlite"
    with Library.open(path, annotator="tester") as lib:
        lib.tags.ensure_path("Ferry fares")
    Backups(path).make("manual")
    path.write_bytes(b"not a library any more " * 300)

    def press_restore(box: QMessageBox) -> None:
        assert "cannot open the library" in box.text()
        button = next(b for b in box.buttons() if b.text() == "Restore from &backup…")
        _when_shown(qtbot, _top_level(BackupDialog), _pick_first_and_restore(qtbot))
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    _when_shown(qtbot, _top_level(QMessageBox), press_restore)
    executor = DbExecutor(None)  # the app opens its library on the database thread
    lib = _open_library(executor, str(path), interactive=True)
    executor.shutdown()
    assert lib is not None
    assert "Ferry fares" in [t.name for t in lib.tags.list()]
    lib.close()


def test_a_read_only_library_says_edits_are_off(qtbot, library, monkeypatch, gui_env):
    from tests.helpers import add_article

    add_article(library, BODY, title="Harbour figures")
    path = Path(library.location)
    library.close()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode & os.W_OK and Path(p) in (
        path, path.parent) else real_access(p, mode, **kw))
    lib = Library.open(path)
    win = MainWindow(lib)
    qtbot.addWidget(win)
    settle(qtbot)
    win.show()
    settle(qtbot)
    assert win.windowTitle().endswith("(read-only: edits are off)")
    win.open_article(1)
    settle(qtbot)
    start = BODY.index("3.2 million")
    win.reader.select_span(start, start + 11)
    gui_env.message("edits are off")
    qtbot.keyClick(win.reader, Qt.Key.Key_1)
    settle(qtbot)
    assert lib.claims.all() == []
    assert gui_env.messages == ["the library is read-only (its file or folder cannot be written): edits are off"]
    win.close()
    lib.close()


def test_how_many_backups_are_kept_is_set_in_the_dialog_and_kept(qtbot, window, library):
    from desktop.services.backups import keep_setting

    path = Path(library.location)
    Backups(path).make("manual")
    focused: list[bool] = []

    def set_to_three_and_cancel(dialog: BackupDialog) -> None:
        dialog.activateWindow()  # as the window system does for a newly shown dialog
        qtbot.waitUntil(dialog.isActiveWindow)
        qtbot.keyClick(dialog, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # the label's mnemonic
        focused.append(dialog.keep.hasFocus())
        dialog.keep.selectAll()
        qtbot.keyClicks(dialog.keep, "3")
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # the setting is saved as it changes, not on Restore
    _when_shown(qtbot, _top_level(BackupDialog), set_to_three_and_cancel)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_B)
    qtbot.waitUntil(lambda: _top_level(BackupDialog)() is None)

    assert focused == [True]
    assert keep_setting() == 3
    backups = Backups(path)
    for n in range(4):
        backups.make(f"manual{n}")
    assert len(backups.list()) == 3
    window.close()
