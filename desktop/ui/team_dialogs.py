"""A claim's history, and agreement between coders with their disagreements side by side."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.report.agreement_table import fmt, headline
from desktop.services.agreement import AgreementReport
from desktop.services.history import local_time


def _table(headers: list[str], rows: list[list[str]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value))
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.resizeRowsToContents()
    return table


class HistoryDialog(QDialog):
    """Who did what to one claim, and when, oldest first (the audit trail)."""

    def __init__(self, claim, entries, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Claim history")
        self.resize(640, 380)
        text = claim.text if claim is not None else ""
        title = QLabel(f"“{text[:120]}{'…' if len(text) > 120 else ''}”" if text else "")
        title.setWordWrap(True)
        self.table = _table(["When", "Who", "What"],
                            [[local_time(e.at), e.who or "—", e.what] for e in entries])
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.table, 1)


class AgreementDialog(QDialog):
    """The figures per tag, then each passage where the coders differ; Enter or a double-click opens it."""

    sig_open = Signal(int, int, int)  # article id, start, end

    def __init__(self, report: AgreementReport, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Agreement between coders")
        self.resize(980, 640)
        self.report = report
        self.figures = _table(["Tag", "Units", "Cohen's κ", "Krippendorff's α"],
                              [[r.tag, str(r.units), fmt(r.kappa), fmt(r.alpha)] for r in report.rows])
        self.units = report.disagreements()
        rows = [[u.article_title, _passage(u)] + [_coded(u, c) for c in report.coders]
                for u in self.units]
        self.disagreements = _table(["Article", "Passage", *report.coders], rows)
        self.disagreements.activated.connect(lambda index: self._open(index.row()))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(headline(self.report)))
        layout.addWidget(self.figures, 1)
        layout.addWidget(QLabel(f"Where the coders differ ({len(self.units)}) — Enter or double-click "
                                "opens the passage in the article"))
        layout.addWidget(self.disagreements, 2)
        if self.units:
            self.disagreements.selectRow(0)
        self.disagreements.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.units):
            unit = self.units[row]
            self.sig_open.emit(unit.article_id, unit.start, unit.end)


def _passage(unit) -> str:
    text = " / ".join(dict.fromkeys(s.text for s in unit.spans))
    return text if len(text) < 200 else text[:197] + "…"


def _coded(unit, coder: str) -> str:
    """One coder's side: their tags here, 'nothing marked', or 'did not code this article'."""
    if coder not in unit.values:
        return "did not code this article"
    tags = sorted(unit.values[coder])
    if not tags and not any(s.coder == coder for s in unit.spans):
        return "nothing marked"
    return ", ".join(tags) or "marked, no tag"
