"""Simple lists of the open article's quotations and suggested claims."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from desktop.services.dto import QuoteInfo, SuggestionInfo


class QuotesPanel(QWidget):
    sig_show = Signal(int, int)  # start, end

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(1)  # a gap between entries, so two-line items do not run together
        self.list.itemClicked.connect(self._clicked)
        QVBoxLayout(self).addWidget(self.list)

    def set_quotes(self, quotes: list[QuoteInfo]) -> None:
        self.list.clear()
        for q in quotes:
            if q.is_scare:
                continue
            text = q.text if len(q.text) < 160 else q.text[:157] + "…"
            who = q.speaker or q.speaker_text or "unattributed"
            item = QListWidgetItem(f"“{text}”\n— {who}" + (f" ({q.cue})" if q.cue else ""))
            item.setData(Qt.ItemDataRole.UserRole, (q.start, q.end))
            self.list.addItem(item)

    def _clicked(self, item: QListWidgetItem) -> None:
        self.sig_show.emit(*item.data(Qt.ItemDataRole.UserRole))


class SuggestionsPanel(QWidget):
    sig_show = Signal(int, int)
    sig_accept = Signal(object)  # SuggestionInfo
    sig_dismiss = Signal(object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(1)  # a gap between entries, so two-line items do not run together
        self.list.itemClicked.connect(self._clicked)
        accept = QPushButton("Tag as claim…")
        accept.clicked.connect(lambda: self._act(self.sig_accept))
        dismiss = QPushButton("Dismiss")
        dismiss.clicked.connect(lambda: self._act(self.sig_dismiss))
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(dismiss)
        buttons.addWidget(accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def set_suggestions(self, suggestions: list[SuggestionInfo]) -> None:
        self.list.clear()
        for s in suggestions:
            # One paragraph however the sentence was cut, then why it was suggested.
            item = QListWidgetItem(f"{' '.join(s.text.split())}\nWhy: {s.reason}")
            item.setData(Qt.ItemDataRole.UserRole, s)
            self.list.addItem(item)

    def _clicked(self, item: QListWidgetItem) -> None:
        info = item.data(Qt.ItemDataRole.UserRole)
        self.sig_show.emit(info.start, info.end)

    def _act(self, signal) -> None:
        item = self.list.currentItem()
        if item is not None:
            signal.emit(item.data(Qt.ItemDataRole.UserRole))
