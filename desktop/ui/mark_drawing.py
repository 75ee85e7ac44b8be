"""An article's text and marks put on the reader's document with as little layout as possible.

Opening a long article used to lay its text out four times: once for the plain text, once for the
line spacing set over the whole text, once more because selecting the whole document to reset its
formats makes Qt lay out up to the end, and once for the marks. Now the text and its line spacing go
into a new document before the reader shows it, and the marks are merged in one edit block, each
kind of look made once, so the text is laid out once, after the marks.
(Cutting the text into stretches with one merged format each was tried too: with a call per
stretch instead of per mark it was slower.)
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Hashable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QFont, QTextDocument

from desktop.ui.offsets import OffsetMap

if TYPE_CHECKING:  # made with the first article, not at start-up (issue 19; see reader)
    from PySide6.QtGui import QTextBlockFormat, QTextCharFormat

Look = Hashable  # what one mark looks like, e.g. ("entity", "PERSON"); marks that look alike share a format


Mark = tuple[int, int, Look]  # [start, end) in code points, and its look; a plain tuple is quick to make


def plain_document(text: str, font: QFont, margin: float, block: QTextBlockFormat,
                   parent: QObject) -> QTextDocument:
    """The text as a new document, every paragraph in one block format, nothing laid out yet.

    Inserted into the document a view already shows, the text would move the view's cursor to its
    end, and the view would lay the whole text out at once to keep that cursor in sight.
    """
    from PySide6.QtGui import QTextCharFormat, QTextCursor

    document = QTextDocument(parent)
    document.setUndoRedoEnabled(False)  # read-only: nothing here is an edit to undo
    document.setDefaultFont(font)
    document.setDocumentMargin(margin)
    cursor = QTextCursor(document)
    cursor.setBlockFormat(block)  # each new paragraph takes the cursor's block format
    cursor.insertText(text, QTextCharFormat())
    return document


def draw(document: QTextDocument, offsets: OffsetMap, marks: Sequence[Mark],
         format_of: Callable[[Look], QTextCharFormat], reset: bool) -> None:
    """Merge each mark's format over its span, in order, in one edit block (one layout after it).

    reset first clears the formats drawn before (not needed on a plain_document). Later marks win
    where they set the same property, as when each was merged on its own.
    """
    from PySide6.QtGui import QTextCharFormat, QTextCursor

    cursor = QTextCursor(document)
    move, merge = cursor.setPosition, cursor.mergeCharFormat
    keep = QTextCursor.MoveMode.KeepAnchor  # passing an enum costs a microsecond: only where needed
    wide = offsets.wide
    made: dict[Look, QTextCharFormat] = {}
    cursor.beginEditBlock()
    if reset:  # select(Document) would lay the whole text out to find its end; positions do not
        move(0)
        move(document.characterCount() - 1, keep)
        cursor.setCharFormat(QTextCharFormat())
    for start, end, look in marks:
        fmt = made.get(look)
        if fmt is None:
            fmt = made[look] = format_of(look)
        move(start + bisect_left(wide, start))  # OffsetMap.to_qt, without a call per mark
        move(end + bisect_left(wide, end), keep)
        merge(fmt)
    cursor.endEditBlock()
