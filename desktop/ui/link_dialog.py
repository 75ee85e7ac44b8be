"""Pick the claim to link to: a searchable list of the library's claims, the kind of link and a note."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from desktop.services.dto import LINK_KINDS, ClaimInfo


class LinkDialog(QDialog):
    def __init__(self, claim: ClaimInfo, others: list[ClaimInfo], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Link claim")
        self.resize(620, 520)
        self.search = QLineEdit(placeholderText="Type to find a claim by its words or article")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        for c in others:
            text = c.text if len(c.text) < 160 else c.text[:157] + "…"
            item = QListWidgetItem(f"{text}\n— {c.article_title}")
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            self.list.addItem(item)
        self.kind = QComboBox()
        self.kind.addItems(LINK_KINDS)
        self.note = QLineEdit(placeholderText="Why they are linked (optional)")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Link")
        buttons.accepted.connect(self._accept_if_chosen)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("This claim", _quoted(claim.text))
        form.addRow("Link as", self.kind)
        form.addRow("Note", self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self._filter)
        # Down and Enter in the search box move through and choose from the list, without the mouse.
        self.search.returnPressed.connect(self._accept_if_chosen)
        self._filter("")
        self.search.setFocus()

    def keyPressEvent(self, event) -> None:
        if self.search.hasFocus() and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._step(1 if event.key() == Qt.Key.Key_Down else -1)
            return
        super().keyPressEvent(event)

    def _step(self, delta: int) -> None:
        rows = [i for i in range(self.list.count()) if not self.list.item(i).isHidden()]
        if not rows:
            return
        current = self.list.currentRow()
        at = rows.index(current) + delta if current in rows else 0
        self.list.setCurrentRow(rows[max(0, min(len(rows) - 1, at))])

    def _filter(self, text: str) -> None:
        words = text.lower().split()
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hidden = not all(w in item.text().lower() for w in words)
            item.setHidden(hidden)
            if not hidden and first is None:
                first = i
        if first is not None and (self.list.currentItem() is None or self.list.currentItem().isHidden()):
            self.list.setCurrentRow(first)

    def _accept_if_chosen(self) -> None:
        item = self.list.currentItem()
        if item is not None and not item.isHidden():
            self.accept()

    def chosen(self) -> tuple[int, str, str]:
        """(other claim id, kind, note)."""
        return (self.list.currentItem().data(Qt.ItemDataRole.UserRole), self.kind.currentText(),
                self.note.text().strip())


def _quoted(text: str):
    from PySide6.QtWidgets import QLabel

    label = QLabel(f"“{text if len(text) < 200 else text[:197] + '…'}”")
    label.setWordWrap(True)
    return label
