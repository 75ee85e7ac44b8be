"""Article and user text shown as text: Qt takes any string that looks like markup for rich text.

A label or tooltip that shows words from an article or a person must never render them
as markup (an article's <font size=7> drew giant red letters in the claims panel).
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def plain_tooltip(text: str) -> str:
    """A tooltip always shows its text literally: Qt guesses rich text for tooltips, so escape it
    inside a paragraph that keeps line breaks."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>" if text else ""


def plain_label(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_progress_label(dialog) -> None:
    """A progress dialog names files and article titles: its label must not render them as markup."""
    label = plain_label(QLabel(dialog.labelText()))
    dialog.setLabel(label)
