"""The claim's tags as a checklist: the ones it has are ticked; tick or untick any, then OK (one undo step)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from desktop.services.dto import TagInfo
from desktop.ui.claims_panel import swatch


class ClaimTagsDialog(QDialog):
    def __init__(self, tags: list[TagInfo], chosen: tuple[int, ...], excerpt: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tags of the claim")
        self.resize(440, 500)
        about = QLabel(f"Tick the tags this claim has, untick those it should lose:\n“{_short(excerpt)}”")
        about.setWordWrap(True)
        about.setTextFormat(Qt.TextFormat.PlainText)
        self.search = QLineEdit(placeholderText="Type to find a tag; Enter ticks or unticks it")
        self.list = QListWidget()
        for t in tags:
            item = QListWidgetItem(swatch(t.color), t.path)
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if t.id in chosen else Qt.CheckState.Unchecked)
            item.setToolTip(t.description)
            self.list.addItem(item)
        self._order = [t.id for t in tags]
        self._first = tuple(chosen)
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)  # Enter ticks; it must not also press OK and close the dialog
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (about, self.search, self.list, box):
            layout.addWidget(widget)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._tick_current()
            return True
        return super().eventFilter(watched, event)

    def _filter(self, text: str) -> None:
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(text.lower() not in item.text().lower())
            if not item.isHidden() and first is None:
                first = item
        if first is not None:
            self.list.setCurrentItem(first)

    def _tick_current(self) -> None:
        item = self.list.currentItem()
        if item is not None and not item.isHidden():
            ticked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if ticked else Qt.CheckState.Checked)

    def chosen(self) -> tuple[int, ...]:
        """The ticked tags: those the claim had keep their order (the first gives its colour), new ones follow."""
        ticked = {self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                  if self.list.item(i).checkState() == Qt.CheckState.Checked}
        kept = [t for t in self._first if t in ticked]
        return (*kept, *(t for t in self._order if t in ticked and t not in kept))


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
