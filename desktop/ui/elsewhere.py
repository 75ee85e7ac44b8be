"""Under the chosen claim: its trail across articles and the passages elsewhere that may state it."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.entry_lists import button_row, entry_list, send_current

if TYPE_CHECKING:  # types only: the window paints before the services' modules load (issue 19)
    from desktop.services.similar import Candidate
    from desktop.services.trail import Trail

ACCEPT_KEYS = (Qt.Key.Key_A, Qt.Key.Key_Return, Qt.Key.Key_Enter)
DISMISS_KEY = Qt.Key.Key_X


class CandidateList(QListWidget):
    """A or Enter accepts the current candidate, X dismisses it."""

    sig_accept = Signal(object)  # Candidate
    sig_dismiss = Signal(object)

    def keyPressEvent(self, event) -> None:
        item = self.currentItem()
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if item is not None and item.data(Qt.ItemDataRole.UserRole) is not None and plain:
            if event.key() in ACCEPT_KEYS:
                self.sig_accept.emit(item.data(Qt.ItemDataRole.UserRole))
                return
            if event.key() == DISMISS_KEY:
                self.sig_dismiss.emit(item.data(Qt.ItemDataRole.UserRole))
                return
        super().keyPressEvent(event)


class ElsewherePanel(QWidget):
    sig_accept = Signal(object)
    sig_dismiss = Signal(object)
    sig_open = Signal(int, int, int)  # article id, start, end

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.trail = QLabel()
        self.trail.setWordWrap(True)
        self.trail.setTextFormat(Qt.TextFormat.PlainText)
        self.heading = QLabel("<b>Elsewhere in the library</b>")
        self.list = entry_list(CandidateList())
        self.list.setMinimumHeight(90)
        self.list.sig_accept.connect(self.sig_accept)
        self.list.sig_dismiss.connect(self.sig_dismiss)
        self.list.itemDoubleClicked.connect(self._open)
        accept = QPushButton("Accept (A)")
        accept.setToolTip("Make it a claim there with the same tags, linked to this one")
        accept.clicked.connect(lambda: send_current(self.list, self.sig_accept))
        dismiss = QPushButton("Dismiss (X)")
        dismiss.setToolTip("Not the same claim; it will not be offered again")
        dismiss.clicked.connect(lambda: send_current(self.list, self.sig_dismiss))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(QLabel("<b>Trail</b>"))
        layout.addWidget(self.trail)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addLayout(button_row(dismiss, accept))
        self.clear()

    def clear(self, text: str = "Choose a claim to see where else it appears") -> None:
        self.trail.setText("—")
        self.list.clear()
        self._placeholder(text)

    def set_trail(self, trail: Trail) -> None:
        """The summary, then one short line a stop: '3 Mar 2026 · Coastal Ledger · less than 5%'."""
        lines = [trail.summary()]
        if len(trail.stops) > 1:
            for s in trail.stops:
                when = s.published.strftime("%-d %b %Y") if s.published else "undated"
                figures = ", ".join(s.figures) + (" (changed)" if s.figure_changed else "")
                lines.append(" · ".join(x for x in (when, s.outlet or s.title, s.speaker, figures) if x))
        self.trail.setText("\n".join(lines))

    def set_busy(self) -> None:
        self.list.clear()
        self._placeholder("Looking through the library…")

    def set_candidates(self, found: list[Candidate]) -> None:
        self.list.clear()
        for c in found:
            item = QListWidgetItem(_label(c))
            item.setData(Qt.ItemDataRole.UserRole, c)
            item.setToolTip(c.text)
            self.list.addItem(item)
        if found:
            self.list.setCurrentRow(0)
        else:
            self._placeholder("Nothing found that states this claim")

    def _placeholder(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.list.addItem(item)

    def _open(self, item: QListWidgetItem) -> None:
        c = item.data(Qt.ItemDataRole.UserRole)
        if c is not None:
            self.sig_open.emit(c.article_id, c.start, c.end)


def _label(c: Candidate) -> str:
    text = c.text if len(c.text) < 180 else c.text[:177] + "…"
    where = " · ".join(p for p in (c.outlet, c.published.strftime("%-d %b %Y") if c.published else None,
                                   c.title) if p)
    verdict = "other figure" if c.figure_differs else f"same claim {c.probability:.0%}" if c.same else f"related ({c.probability:.0%})"
    return f"“{text}”\n{where} — {verdict}"
