"""The reader: an article's cleaned text with entities, quotations and claims drawn on it."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QFontMetricsF, QHelpEvent, QKeyEvent, QTextDocument
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip

from desktop.services.dto import ArticleDetail, ClaimInfo, MentionInfo, QuoteInfo
from desktop.ui import theme
from desktop.ui.claims_panel import swatch
from desktop.ui.mark_drawing import Look, Mark, draw, plain_document
from desktop.ui.offsets import OffsetMap
from desktop.ui.plain import plain_tooltip
from desktop.ui.viewports import adopt_viewport

# QPainter and the text format and cursor classes are imported where used: PySide makes each class, with
# all its enums, when it is first imported, and the window paints its first page without them (issue 19).
if TYPE_CHECKING:
    from PySide6.QtGui import QTextBlockFormat, QTextCharFormat

READING_WIDTH = 760
DOCUMENT_MARGIN = 28
CLOSING_MARKS = "”’»\"'›」』"  # a label goes after the quotation's closing mark, not inside it
LABEL_GAP = 4
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"}


@dataclass
class _Marks:
    """The marks drawn on the open article."""

    mentions: list[MentionInfo]
    quotes: list[QuoteInfo]
    claims: list[ClaimInfo]


class Reader(QTextEdit):
    sig_tag_key = Signal(int)  # 1..9 pressed (the window says what to do when nothing is selected)
    sig_entity_clicked = Signal(int)
    sig_claim_clicked = Signal(int)
    sig_tag = Signal(int)  # tag id chosen from the context menu for the selection
    sig_pick_tag = Signal()  # "any tag…" from the context menu

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        adopt_viewport(self)  # its paint and marks ask for it (issue 19: start-up)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setObjectName("reader")
        font = QFont()
        font.setFamilies(["Noto Serif", "DejaVu Serif", "Georgia", "Times New Roman", "serif"])
        font.setPointSizeF(12.5)
        self.setFont(font)
        self.document().setDocumentMargin(DOCUMENT_MARGIN)
        self._article: ArticleDetail | None = None
        self._map = OffsetMap("")
        self._plain = True  # the text has no marks drawn on it (show_article), so plain text stays as it is
        self._marks = _Marks([], [], [])
        self._hidden: set[str] = set()
        self._tag_colours: dict[int, str] = {}
        self._menu_tags: list[tuple[int, str, str]] = []  # (id, label, colour) for the context menu
        self._labels: list[tuple[int, str]] = []  # (code point the label follows, "— Speaker") when shown
        self.speaker_labels = True
        self._spot: list[tuple[int, int]] = []  # what a panel points at (yellow)
        self._hits: list[tuple[int, int]] = []  # the library search's words (their own colour)
        self.setPlaceholderText("Choose an article on the left to read it here.")

    # ---- content
    @property
    def article(self) -> ArticleDetail | None:
        return self._article

    def show_article(self, article: ArticleDetail | None) -> None:
        self._article = article
        self._marks = _Marks([], [], [])
        self._spot, self._hits = [], []
        self.setExtraSelections([])
        self._map = OffsetMap(article.body if article else "")
        shown = self.document()
        ours = shown.parent() is self  # the first document is the widget's own, deleted by setDocument
        self.setDocument(plain_document(article.body if article else "", self.font(), DOCUMENT_MARGIN,
                                        self._block_format(), self))
        if ours:
            shown.deleteLater()
        self._plain = True  # no marks drawn on this text yet
        from PySide6.QtGui import QTextCursor

        self.moveCursor(QTextCursor.MoveOperation.Start)

    def set_marks(self, mentions: list[MentionInfo], quotes: list[QuoteInfo], claims: list[ClaimInfo],
                  tag_colours: dict[int, str]) -> None:
        self._marks = _Marks(mentions, quotes, claims)
        self._tag_colours = tag_colours
        self._paint()

    def set_speaker_labels(self, shown: bool) -> None:
        """View ▸ Speaker labels: '— Orsek' after each quotation's closing mark, as the Word report has it."""
        self.speaker_labels = shown
        self._paint()

    @property
    def labels(self) -> list[tuple[int, str]]:
        return list(self._labels)

    def set_hidden_types(self, hidden: set[str]) -> None:
        self._hidden = set(hidden)
        self._paint()

    @staticmethod
    def _block_format() -> QTextBlockFormat:
        from PySide6.QtGui import QTextBlockFormat

        block = QTextBlockFormat()
        block.setLineHeight(145, 1)  # ProportionalHeight; paragraphs are already apart by a blank line
        return block

    def _paint(self) -> None:
        """Draw every mark in one edit block (mark_drawing); runs once per article, not per keystroke."""
        if self._article is None:
            return
        marks: list[Mark] = [(m.start, m.end, ("entity", m.type)) for m in self._marks.mentions
                             if m.type in theme.ENTITY_TYPES and m.type not in self._hidden]
        marks += [(q.start, q.end, ("quote", q.is_scare)) for q in self._marks.quotes]
        marks += [(c.start, c.end, ("claim", self._tag_colours.get(c.tag_ids[0], "#888888")
                                    if c.tag_ids else "#888888")) for c in self._marks.claims]
        labels = self._speaker_room() if self.speaker_labels else []  # in the quotations' order, as merged
        marks += [(at, at + 1, ("label", label)) for at, label in labels]
        self._labels = sorted(labels)
        draw(self.document(), self._map, marks, self._look_format, reset=not self._plain)
        self._plain = False
        self.viewport().update()

    def _look_format(self, look: Look) -> QTextCharFormat:
        """The format of one kind of mark, as _paint names it."""
        kind, value = cast(tuple[str, Any], look)  # the looks _paint makes are (kind, value) pairs
        from PySide6.QtGui import QTextCharFormat

        fmt = QTextCharFormat()
        if kind == "entity":
            fmt.setBackground(theme.entity_colour(value))
        elif kind == "quote":
            fmt.setForeground(theme.quote_colour())
            if not value:  # a scare quote or title is coloured, not italic
                fmt.setFontItalic(True)
        elif kind == "claim":
            colour = QColor(value)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(colour)
            fmt.setFontUnderline(True)
            shade = QColor(colour)
            shade.setAlpha(60)
            fmt.setBackground(shade)
        else:  # a speaker label: room after the closing mark, as wide as the label
            fmt.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
            fmt.setFontLetterSpacing(QFontMetricsF(self._label_font()).horizontalAdvance(value) + 2 * LABEL_GAP)
        return fmt

    def _speaker_room(self) -> list[tuple[int, str]]:
        """Where each quotation's speaker label goes: after its closing mark, in a widened space.

        The label is painted, not typed into the text: every offset into the article stays as it is.
        """
        labels: list[tuple[int, str]] = []
        if self._article is None:
            return labels
        body = self._article.body
        for q in self._marks.quotes:
            who = q.speaker or q.speaker_text  # the resolved name: "— he" would say nothing
            if q.is_scare or not who or who.lower() in PRONOUNS:
                continue
            after = q.end if q.end < len(body) and body[q.end] in CLOSING_MARKS else q.end - 1
            labels.append((after, f"— {who}"))
        return labels

    def _label_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.72))
        font.setItalic(False)
        return font

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._labels:
            return
        from PySide6.QtGui import QPainter, QTextCursor

        painter = QPainter(self.viewport())
        painter.setFont(self._label_font())
        painter.setPen(theme.muted())
        ascent = QFontMetricsF(self._label_font()).ascent()
        # Only the labels on screen: a long article has hundreds, and this runs on every scroll.
        first = self._map.from_qt(self.cursorForPosition(event.rect().topLeft()).position())
        last = self._map.from_qt(self.cursorForPosition(event.rect().bottomRight()).position())
        lo = bisect_left(self._labels, (first - 1, ""))
        hi = bisect_right(self._labels, (last + 1, "\uffff"))
        for at, label in self._labels[lo:hi]:
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._map.to_qt(at))
            left = self.cursorRect(cursor)
            cursor.setPosition(self._map.to_qt(at) + 1)
            right = self.cursorRect(cursor)
            if right.top() != left.top():  # the gap ends the line: the label goes after the mark's glyph
                body = self._article.body if self._article is not None else ""
                x = left.left() + QFontMetricsF(cursor.charFormat().font()).horizontalAdvance(
                    body[at:at + 1]) + LABEL_GAP
            else:
                x = right.left() - QFontMetricsF(self._label_font()).horizontalAdvance(label) - LABEL_GAP
            baseline = left.top() + (left.height() + ascent) / 2 - 1
            painter.drawText(QPointF(x, baseline), label)
        painter.end()

    # ---- selection and navigation
    def selected_span(self) -> tuple[int, int] | None:
        """The selection as [start, end) code points, trimmed of white space; None without one."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or self._article is None:
            return None
        start = self._map.from_qt(cursor.selectionStart())
        end = self._map.from_qt(cursor.selectionEnd())
        body = self._article.body
        while start < end and body[start].isspace():
            start += 1
        while end > start and body[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def select_span(self, start: int, end: int) -> None:
        from PySide6.QtGui import QTextCursor

        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_qt(start))
        cursor.setPosition(self._map.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def spotlight(self, spans: list[tuple[int, int]]) -> None:
        """Outline every occurrence of something chosen in a panel, and scroll to the first."""
        self._spot = list(spans)
        self._show_extra()
        if spans:
            self._put_cursor(spans[0][0])

    def clear_spotlight(self) -> None:
        if self._spot:
            self._spot = []
            self._show_extra()

    def set_hits(self, spans: list[tuple[int, int]]) -> None:
        """The library search's words in this article, marked in a colour of their own until Esc."""
        self._hits = sorted(spans)
        self._show_extra()

    @property
    def hits(self) -> list[tuple[int, int]]:
        return list(self._hits)

    def next_hit(self, backwards: bool = False) -> bool:
        """Select the search hit after (or before) the cursor, wrapping around the article."""
        if not self._hits:
            return False
        cursor = self.textCursor()
        at = self._map.from_qt(cursor.selectionStart() if backwards else cursor.selectionEnd())
        if backwards:
            hit = next((h for h in reversed(self._hits) if h[1] <= at), self._hits[-1])
        else:
            hit = next((h for h in self._hits if h[0] >= at), self._hits[0])
        self.select_span(*hit)
        return True

    def _put_cursor(self, at: int) -> None:
        from PySide6.QtGui import QTextCursor

        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_qt(at))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def _show_extra(self) -> None:
        on_hit = QColor("#ffffff" if theme.is_dark() else "#000000")
        selections = [self._extra(a, b, theme.hit_colour(), on_hit) for a, b in self._hits]
        selections += [self._extra(a, b, QColor("#ffd54a"), QColor("#000000")) for a, b in self._spot]
        self.setExtraSelections(selections)

    def _extra(self, start: int, end: int, background: QColor, foreground: QColor) -> QTextEdit.ExtraSelection:
        from PySide6.QtGui import QTextCursor, QTextFormat

        sel = QTextEdit.ExtraSelection()
        sel.cursor = QTextCursor(self.document())
        sel.cursor.setPosition(self._map.to_qt(start))
        sel.cursor.setPosition(self._map.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        sel.format.setBackground(background)
        sel.format.setForeground(foreground)
        sel.format.setProperty(QTextFormat.Property.FullWidthSelection, False)
        return sel

    def find_text(self, needle: str, backwards: bool = False) -> bool:
        """Find the next (or previous) occurrence, wrapping around the article."""
        flags = QTextDocument.FindFlag.FindBackward if backwards else QTextDocument.FindFlag(0)
        if self.find(needle, flags):
            return True
        from PySide6.QtGui import QTextCursor

        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End if backwards else QTextCursor.MoveOperation.Start)
        self.setTextCursor(cursor)
        return self.find(needle, flags)

    def set_menu_tags(self, tags: list[tuple[int, str, str]]) -> None:
        """The tags the context menu offers for a selection, in codebook order, labelled with their keys."""
        self._menu_tags = list(tags)

    def context_menu(self) -> QMenu:
        """Copy and select-all as usual, and with a selection the tags to make it a claim."""
        menu = self.createStandardContextMenu()
        if self.selected_span() is None:
            return menu
        tag_menu = QMenu("Tag selection as", menu)
        for tag_id, label, colour in self._menu_tags:
            tag_menu.addAction(swatch(colour), label, lambda t=tag_id: self.sig_tag.emit(t))
        pick = QAction("Tag with any tag…\tCtrl+T", menu)
        pick.triggered.connect(self.sig_pick_tag)
        if not menu.actions():
            menu.addMenu(tag_menu)
            menu.addAction(pick)
            return menu
        first = menu.actions()[0]
        menu.insertMenu(first, tag_menu)
        menu.insertAction(first, pick)
        menu.insertSeparator(first)
        return menu

    def contextMenuEvent(self, event) -> None:
        menu = self.context_menu()
        menu.exec(event.globalPos())
        menu.deleteLater()

    # ---- events
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if plain and Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and self._article is not None:
            self.sig_tag_key.emit(key - Qt.Key.Key_0)
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if self.textCursor().hasSelection() or self._article is None:
            return
        at = self._map.from_qt(self.cursorForPosition(event.position().toPoint()).position())
        claim = next((c for c in self._marks.claims if c.start <= at < c.end), None)
        if claim is not None:
            self.sig_claim_clicked.emit(claim.id)
            return
        quote = next((q for q in self._marks.quotes if q.start <= at < q.end and q.speaker_entity_id), None)
        if quote is not None:
            self.sig_entity_clicked.emit(quote.speaker_entity_id)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self._article is not None and isinstance(event, QHelpEvent):
            at = self._map.from_qt(self.cursorForPosition(self.viewport().mapFromGlobal(event.globalPos())).position())
            text = self._tooltip_at(at)
            if text:
                QToolTip.showText(event.globalPos(), plain_tooltip(text), self)  # names and notes as text
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def _tooltip_at(self, at: int) -> str:
        lines = []
        for q in self._marks.quotes:
            if q.start <= at < q.end:
                who = q.speaker or "unknown speaker"
                cue = f" ({q.cue})" if q.cue else ""
                lines.append("Scare quote or title" if q.is_scare else f"Quoted: {who}{cue}")
        for m in self._marks.mentions:
            if m.start <= at < m.end:
                lines.append(f"{m.entity_name} — {theme.TYPE_LABELS.get(m.type, m.type)}")
        for c in self._marks.claims:
            if c.start <= at < c.end:
                tags = ", ".join(c.tag_names) or "no tags"
                lines.append(f"Claim: {tags} · {c.verdict}" + (f"\n{c.note}" if c.note else ""))
        return "\n".join(lines)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        margin = max(0, (self.width() - READING_WIDTH) // 2)
        self.setViewportMargins(margin, 0, margin, 0)
