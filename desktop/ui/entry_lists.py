"""The side panels' lists of wrapped entries, and the row of buttons that acts on the chosen entry."""
from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QPushButton

ListT = TypeVar("ListT", bound=QListWidget)


def entry_list(entries: ListT) -> ListT:
    """Entries of a line or two, wrapped and striped, with a gap between them so they do not run together."""
    entries.setWordWrap(True)
    entries.setAlternatingRowColors(True)
    entries.setSpacing(1)
    return entries


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    """The buttons at the right-hand end of a row, in the order given."""
    row = QHBoxLayout()
    row.addStretch()
    for button in buttons:
        row.addWidget(button)
    return row


def send_current(entries: QListWidget, signal: SignalInstance) -> None:
    """The chosen entry's data to the signal; nothing for no entry or a placeholder line without data."""
    item = entries.currentItem()
    if item is not None and item.data(Qt.ItemDataRole.UserRole) is not None:
        signal.emit(item.data(Qt.ItemDataRole.UserRole))
