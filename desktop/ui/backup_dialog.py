"""File ▸ Restore from backup…, and the same offer when a library cannot be opened."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TypeVar

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.services import LibraryOpenError, UserError
from desktop.services.backups import MAX_KEEP, Backup, Backups, keep_setting, save_keep_setting
from desktop.ui.db_executor import DbExecutor
from desktop.ui.dialogs import show_error

T = TypeVar("T")


class FileWork(Protocol):
    """Runs a piece of file work and returns what it returned."""

    def __call__(self, fn: Callable[[], T]) -> T: ...


def here(fn: Callable[[], T]) -> T:
    return fn()


def on_database_thread(db: DbExecutor) -> FileWork:
    """File work on the executor's thread (a local event loop keeps the windows painting meanwhile)."""
    def run(fn: Callable[[], T]) -> T:
        return db.call(lambda _lib: fn(), label="backups")
    return run


class BackupDialog(QDialog):
    """The library's backups, newest first; Restore puts the chosen one in the library's place."""

    def __init__(self, backups: Backups, listed: list[Backup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backups = backups
        self.setWindowTitle("Restore from backup")
        self.resize(560, 360)
        intro = QLabel(f"Backups of {backups.library.name}, newest first. What the library holds now "
                       "is kept as a backup too, so a restore can itself be undone.")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.list = QListWidget()
        for backup in listed:
            item = QListWidgetItem(f"{backup.made:%Y-%m-%d %H:%M}   {_reason(backup.reason)}   "
                                   f"{backup.size / 1_000_000:.1f} MB")
            item.setData(Qt.ItemDataRole.UserRole, backup)
            self.list.addItem(item)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton("&Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(False)
        self.list.currentItemChanged.connect(lambda item, _old: self.restore_button.setEnabled(item is not None))
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        if not self.list.count():
            layout.addWidget(QLabel(f"No backups yet in {backups.folder}"))
        layout.addLayout(self._keep_row())
        layout.addWidget(self.buttons)

    def _keep_row(self) -> QHBoxLayout:
        """How many backups to keep: saved as it changes (the command line's `backup keep` reads it too)."""
        self.keep = QSpinBox()
        self.keep.setRange(1, MAX_KEEP)
        self.keep.setValue(keep_setting())
        self.keep.valueChanged.connect(save_keep_setting)
        label = QLabel("&Keep the last")
        label.setBuddy(self.keep)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.keep)
        row.addWidget(QLabel("backups of each library (older ones go at the next backup)"))
        row.addStretch(1)
        return row

    def chosen(self) -> Backup | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None


def _reason(reason: str) -> str:
    if reason.startswith("before-restore"):
        return "before a restore"
    if reason.startswith("before-"):
        return f"before the upgrade to {reason.removeprefix('before-')}"
    return {"daily": "daily", "manual": "made by hand"}.get(reason, reason)


def _wait(dialog: QDialog) -> int:
    """Show a dialog window-modal and wait for it without QDialog.exec's nested modal loop."""
    loop = QEventLoop()
    dialog.finished.connect(loop.quit)
    dialog.open()
    loop.exec()
    return dialog.result()


def choose_and_restore(parent: QWidget | None, library: Path, close_library: Callable[[], None] | None = None,
                       run: FileWork = here) -> bool:
    """Let the person pick a backup and restore it; close_library() runs just before the file is replaced.

    run(fn) does the file work (listing backups, copying one back): on the database thread in the app."""
    backups = Backups(library)
    dialog = BackupDialog(backups, run(backups.list), parent)
    if _wait(dialog) != QDialog.DialogCode.Accepted or dialog.chosen() is None:
        return False
    if close_library is not None:
        close_library()
    chosen = dialog.chosen()
    if chosen is None:
        return False
    try:
        run(lambda: dialog.backups.restore(chosen))
    except (OSError, UserError) as exc:
        show_error(parent, f"Could not restore the backup: {exc}")
        return False
    return True


def offer_restore(location: str | None, message: str, run: FileWork = here) -> bool:
    """The error shown when a library cannot be opened, with Restore from backup… when there are any."""
    try:
        backups = Backups.of(location)
    except LibraryOpenError:
        backups = None
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("ClaimDesk")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(message)
    restore = None
    if backups is not None and run(backups.list):
        box.setInformativeText("There are backups of this library.")
        restore = box.addButton("Restore from &backup…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    _wait(box)
    return restore is not None and backups is not None and box.clickedButton() is restore and \
        choose_and_restore(None, backups.library, run=run)
