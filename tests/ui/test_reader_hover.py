"""What the reader says when the mouse rests on a word: the person or place named, who is quoted, the
claim with its tags, verdict and note; nothing over plain text. Hover is Qt's ToolTip event at the
mouse position, as a resting mouse sends it."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QToolTip

from tests.ui.driving import activate, settled


def hover(qtbot, win, phrase: str, into: int = 2) -> str:
    """Rest the mouse on a phrase of the open article and return the tooltip that shows ('' if none)."""
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=3000)
    cursor = win.reader.document().find(phrase)
    assert not cursor.isNull(), phrase
    cursor.setPosition(cursor.selectionStart() + into)
    pos = win.reader.cursorRect(cursor).center() + QPoint(1, 0)
    event = QHelpEvent(QEvent.Type.ToolTip, pos, win.reader.viewport().mapToGlobal(pos))
    QApplication.sendEvent(win.reader.viewport(), event)
    if not QToolTip.isVisible():
        return ""
    shown = QTextDocument()
    shown.setHtml(QToolTip.text())  # as the person reads it: the tooltip is rich text
    return shown.toPlainText()


def test_hover_names_the_entity_and_the_speaker_of_a_quotation(qtbot, window):
    activate(qtbot, window)
    window.open_article(1)
    settled()
    assert hover(qtbot, window, "Dalia Orsek") == "Dalia Orsek — People"
    said = hover(qtbot, window, "The figures are invented", into=6)
    assert said.startswith("Quoted: Tomas Brenn")
    assert hover(qtbot, window, "harbour handled", into=3) == ""


def test_hover_over_a_claim_shows_its_tags_verdict_and_note(qtbot, window, library):
    start = library.articles.get(1).body.index("3.2 million tonnes")
    library.claims.create(1, start, start + len("3.2 million tonnes of grain"), [next(t.id for t in library.tags.list() if t.name == "Statistic")],
                          verdict="disputed", note="the port's yearbook says 2.9")
    activate(qtbot, window)
    window.open_article(1)
    settled()
    text = hover(qtbot, window, "tonnes of grain", into=3)
    assert "Claim: Statistic · disputed" in text
    assert "the port's yearbook says 2.9" in text
