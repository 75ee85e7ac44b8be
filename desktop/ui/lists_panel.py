"""Simple lists of the open article's quotations and suggested claims."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from desktop.services.dto import QuoteInfo, SuggestionInfo
from desktop.ui.entry_lists import button_row, entry_list, send_current


class QuotesPanel(QWidget):
    sig_show = Signal(int, int)  # start, end

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.list = entry_list(QListWidget())
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
        self.list = entry_list(QListWidget())
        self.list.itemClicked.connect(self._clicked)
        accept = QPushButton("Tag as claim…")
        accept.clicked.connect(lambda: send_current(self.list, self.sig_accept))
        dismiss = QPushButton("Dismiss")
        dismiss.clicked.connect(lambda: send_current(self.list, self.sig_dismiss))
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(button_row(dismiss, accept))

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
