"""Corners of File ▸ Restore from backup… and of the saved settings, through the window: what each backup
is called, a library with none, a backup that turns out to be damaged, Cancel; and settings written by
hand or by an older release that the window must not trip over."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop.services.backups import Backups
from desktop.ui.backup_dialog import BackupDialog
from desktop.ui.settings import open_store
from tests.ui.driving import activate, click, menu_command, settled


def test_the_backups_are_listed_newest_first_with_why_they_were_made(qtbot, window, library, dialogs):
    path = Path(library.location)
    backups = Backups(path)
    for reason in ("daily", "manual", "before-0005_i14", "before-restore"):
        backups.make(reason)
    seen = {}

    def look(dialog: BackupDialog) -> None:
        seen["rows"] = [dialog.list.item(i).text().split("   ")[1] for i in range(dialog.list.count())]
        seen["restore enabled"] = dialog.restore_button.isEnabled()  # nothing chosen yet
        click(qtbot, dialog, "Cancel")
    dialogs.dialog(BackupDialog, look)
    activate(qtbot, window)
    menu_command(qtbot, window, "File", "Restore from backup…")
    assert seen == {"rows": ["before a restore", "before the upgrade to 0005_i14", "made by hand", "daily"],
                    "restore enabled": False}
    assert window.lib is library  # Cancel: the open library stays


def test_a_library_without_backups_says_so(qtbot, window, library, dialogs):
    seen = []

    def look(dialog: BackupDialog) -> None:
        from PySide6.QtWidgets import QLabel

        seen.extend(label.text() for label in dialog.findChildren(QLabel) if label.text().startswith("No backups"))
        seen.append(dialog.list.count())
    dialogs.dialog(BackupDialog, look)  # then Esc
    activate(qtbot, window)
    menu_command(qtbot, window, "File", "Restore from backup…")
    assert seen[0].startswith("No backups yet in ") and seen[1] == 0


def test_a_damaged_backup_is_refused_and_the_library_is_untouched(qtbot, window, library, dialogs):
    path = Path(library.location)
    damaged = Backups(path).make("manual")
    damaged.path.write_bytes(b"this backup was cut short " * 100)

    def choose_it(dialog: BackupDialog) -> None:
        item = dialog.list.item(0)
        qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=dialog.list.visualItemRect(item).center())
        click(qtbot, dialog, "Restore")
    dialogs.dialog(BackupDialog, choose_it)
    dialogs.message("Could not restore the backup")
    activate(qtbot, window)
    menu_command(qtbot, window, "File", "Restore from backup…")
    # the library was closed for the restore and is opened again as it was
    assert [r.title for r in window.lib.articles.rows()] == ["Harbour figures"]
    if window.lib is not library:
        window.lib.close()


def test_settings_from_an_older_release_or_edited_by_hand_fall_back_to_the_defaults(qtbot, library):
    from desktop.ui.main_window import MainWindow
    from tests.helpers import add_article
    from tests.ui.driving import menu_texts

    add_article(library, "The Halvik ferry ran late all week because of fog.", title="Ferry")
    fresh = MainWindow(library)
    qtbot.addWidget(fresh)
    default_size = fresh.reader.font().pointSizeF()
    fresh.close()
    raw = open_store()
    raw.setValue("reader/zoom", "very big")
    raw.setValue("library/last_article", "not a mapping")
    raw.setValue("library/recent", "")
    raw.sync()
    win = MainWindow(library)
    qtbot.addWidget(win)
    activate(qtbot, win)
    assert win.reader.font().pointSizeF() == default_size
    assert menu_texts(qtbot, win, "File", "Recent libraries") == [library.location]
    win.open_article(1)
    settled()
    win.close()
    again = MainWindow(library)  # what the window wrote back is read again
    qtbot.addWidget(again)
    settled()
    assert again.reader.article is not None and again.reader.article.id == 1
