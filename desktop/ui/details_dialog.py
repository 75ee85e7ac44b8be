"""Article ▸ Correct details: title, author, outlet and date in one dialog, each beside what the reader found."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from desktop.services.dto import ArticleDetail

NO_DATE = QDate(1900, 1, 1)  # the date edit's minimum shows "no date": Qt's idiom for an empty date
TEXT_FIELDS = (("title", "Title"), ("author", "Author"), ("outlet", "Outlet"))


class DetailsDialog(QDialog):
    def __init__(self, article: ArticleDetail, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Correct details")
        self.resize(520, 0)
        self._article = article
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        for name, label in TEXT_FIELDS:
            edit = QLineEdit(str(getattr(article, name) or ""))
            edit.setPlaceholderText("none")
            self.fields[name] = edit
            form.addRow(label, edit)
            form.addRow("", _found(article.found.get(name)))
        self.published = QDateEdit()
        self.published.setDisplayFormat("yyyy-MM-dd")
        self.published.setCalendarPopup(True)
        self.published.setMinimumDate(NO_DATE)
        self.published.setSpecialValueText("no date")
        self.published.setDate(_qdate(article.published))
        if article.published is None:  # the calendar opens on this month rather than on January 1900
            self.published.calendarWidget().setCurrentPage(QDate.currentDate().year(), QDate.currentDate().month())
        form.addRow("Published", self.published)
        form.addRow("", _found(article.found.get("published")))
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box)

    def changes(self) -> dict[str, object]:
        """The details the person changed: text (None when emptied, the found value then applies) or a date."""
        out: dict[str, object] = {}
        for name, edit in self.fields.items():
            value = edit.text().strip() or None
            if value != (getattr(self._article, name) or None):
                out[name] = value
        date = self.published.date()
        published = None if date == NO_DATE else dt.date(date.year(), date.month(), date.day())
        if published != self._article.published:
            out["published"] = published
        return out


def _found(value) -> QLabel:
    shown = value.isoformat() if isinstance(value, dt.date) else value
    label = QLabel(f"found in the file: {shown}" if shown else "nothing found in the file")
    label.setStyleSheet("color: palette(mid); font-size: small;")
    return label


def _qdate(value: dt.date | None) -> QDate:
    return QDate(value.year, value.month, value.day) if value else NO_DATE
