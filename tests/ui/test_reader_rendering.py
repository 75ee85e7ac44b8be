"""The reader draws an article's marks exactly as it did when it merged them one by one (issue 19).

The reference below is the drawing as it was before the reader built its formats in one pass: the plain
text, every character reset, then each mark's format merged over its span in order (entities, quotations,
claims, speaker labels). Every character's format, every block's line height and the labels must match.
"""
from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QTextCharFormat, QTextCursor, QTextDocument

from desktop.services.dto import ArticleDetail, ClaimInfo, MentionInfo, QuoteInfo
from desktop.ui import theme
from desktop.ui.offsets import OffsetMap
from desktop.ui.reader import CLOSING_MARKS, LABEL_GAP, PRONOUNS, Reader

BODY = ("Finance Minister Dalia Orsek said the harbour at Port Kessa handled 3.2 million tonnes. "
        "“Exports will double by 2028,” Orsek told the Coastal Ledger 🌊.\n\n"
        "Tomas Brenn of the Harbour Union disagreed: “The figures are invented,\n\nand the port knows it,” "
        "he said. The so-called “reform” was dropped. Zoë Lind 🌊 of Vellmark added “nothing”")


def _at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = BODY.index(needle, start + 1)
    return start, start + len(needle)


def _mention(name: str, type_: str, needle: str, nth: int = 0) -> MentionInfo:
    start, end = _at(BODY, needle, nth)
    return MentionInfo(1, name, type_, start, end, needle)


def _quote(i: int, needle: str, speaker: str | None, scare: bool = False) -> QuoteInfo:
    start, end = _at(BODY, needle)
    return QuoteInfo(i, 1, start, end, needle, None, speaker, speaker, "said", scare)


def _claim(i: int, needle: str, tags: tuple[int, ...]) -> ClaimInfo:
    import datetime as dt
    start, end = _at(BODY, needle)
    now = dt.datetime(2026, 1, 1)
    return ClaimInfo(i, 1, start, end, needle, "unverified", tags, tuple(f"t{t}" for t in tags), None, None,
                     "", now, now)


MENTIONS = [
    _mention("Dalia Orsek", "PERSON", "Finance Minister Dalia Orsek"),
    _mention("Dalia Orsek", "PERSON", "Dalia Orsek"),  # nested inside the one before
    _mention("Port Kessa", "GPE", "Port Kessa"),
    _mention("Dalia Orsek", "PERSON", "Orsek", 1),
    _mention("Coastal Ledger", "ORG", "Coastal Ledger"),
    _mention("Tomas Brenn", "PERSON", "Tomas Brenn"),
    _mention("Harbour Union", "ORG", "Harbour Union"),
    _mention("2028", "DATE", "2028"),  # a type the reader does not colour
    _mention("Zoë Lind", "PERSON", "Zoë Lind 🌊"),
    _mention("Vellmark", "GPE", "Vellmark"),
]
QUOTES = [
    _quote(1, "“Exports will double by 2028,”", "Dalia Orsek"),
    _quote(2, "“The figures are invented,\n\nand the port knows it,”", "Tomas Brenn"),  # over a paragraph break
    _quote(3, "“reform”", None, scare=True),
    _quote(4, "port knows", "he"),  # a pronoun gets no label
    _quote(5, "“nothing”", "Zoë Lind"),  # ends the article
    _quote(6, "Exports will", "Dalia Orsek"),  # inside another quotation, no closing mark after it
]
CLAIMS = [
    _claim(1, "harbour at Port Kessa handled 3.2 million", (7,)),
    _claim(2, "Port Kessa handled", (8,)),  # over the claim before, another tag's colour
    _claim(3, "Orsek told the Coastal", ()),  # no tags: grey
    _claim(4, "figures are invented", (9,)),
]
COLOURS = {7: "#d04f4f", 8: "#2f7fd0"}  # tag 9's colour is unknown: grey too


def _reference(reader: Reader, marks: tuple[list, list, list], hidden: set[str],
               labels_on: bool) -> tuple[QTextDocument, list]:
    """The old drawing: plain text, a reset, then one merge per mark in the reader's order."""
    mentions, quotes, claims = marks
    doc = QTextDocument()
    doc.setDefaultFont(reader.document().defaultFont())
    doc.setPlainText(BODY)
    offsets = OffsetMap(BODY)
    cursor = QTextCursor(doc)
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.setCharFormat(QTextCharFormat())

    def merge(start: int, end: int, fmt: QTextCharFormat) -> None:
        cursor.setPosition(offsets.to_qt(start))
        cursor.setPosition(offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)

    for m in mentions:
        if m.type in theme.ENTITY_TYPES and m.type not in hidden:
            fmt = QTextCharFormat()
            fmt.setBackground(theme.entity_colour(m.type))
            merge(m.start, m.end, fmt)
    for q in quotes:
        fmt = QTextCharFormat()
        fmt.setForeground(theme.quote_colour())
        if not q.is_scare:
            fmt.setFontItalic(True)
        merge(q.start, q.end, fmt)
    for c in claims:
        fmt = QTextCharFormat()
        colour = QColor(COLOURS.get(c.tag_ids[0], "#888888") if c.tag_ids else "#888888")
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(colour)
        fmt.setFontUnderline(True)
        shade = QColor(colour)
        shade.setAlpha(60)
        fmt.setBackground(shade)
        merge(c.start, c.end, fmt)
    labels = []
    metrics = QFontMetricsF(reader._label_font())
    for q in quotes if labels_on else []:
        who = q.speaker or q.speaker_text
        if q.is_scare or not who or who.lower() in PRONOUNS:
            continue
        after = q.end if q.end < len(BODY) and BODY[q.end] in CLOSING_MARKS else q.end - 1
        fmt = QTextCharFormat()
        fmt.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
        fmt.setFontLetterSpacing(metrics.horizontalAdvance(f"— {who}") + 2 * LABEL_GAP)
        merge(after, after + 1, fmt)
        labels.append((after, f"— {who}"))
    return doc, sorted(labels)


def _formats(doc: QTextDocument) -> list[dict]:
    """Each character's format (the one after each UTF-16 position), as a dict of its properties."""
    cursor = QTextCursor(doc)
    out = []
    for pos in range(1, doc.characterCount()):
        cursor.setPosition(pos)
        out.append(cursor.charFormat().properties())
    return out


def _assert_same(reader: Reader, hidden: set[str], labels_on: bool,
                 marks: tuple[list, list, list] = (MENTIONS, QUOTES, CLAIMS)) -> None:
    doc, labels = _reference(reader, marks, hidden, labels_on)
    assert reader.toPlainText() == doc.toPlainText()
    ours, theirs = _formats(reader.document()), _formats(doc)
    assert len(ours) == len(theirs)
    for pos, (a, b) in enumerate(zip(ours, theirs, strict=True)):
        assert a == b, f"format differs at UTF-16 position {pos}: {a} != {b}"
    assert reader.labels == labels
    block = reader.document().begin()
    while block.isValid():
        assert block.blockFormat().lineHeight() == 145 and block.blockFormat().lineHeightType() == 1
        block = block.next()


@pytest.fixture
def reader(qtbot):
    widget = Reader()
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    widget.show_article(ArticleDetail(1, "Harbour", None, None, None, "read", BODY, None, None, "txt", "x", 60))
    return widget


def test_marks_drawn_as_one_merge_per_mark_drew_them(reader):
    reader.set_marks(MENTIONS, QUOTES, CLAIMS, COLOURS)
    _assert_same(reader, set(), True)


def test_redrawing_after_hiding_types_and_labels_matches_too(reader):
    reader.set_marks(MENTIONS, QUOTES, CLAIMS, COLOURS)
    reader.set_hidden_types({"PERSON", "GPE"})
    _assert_same(reader, {"PERSON", "GPE"}, True)
    reader.set_speaker_labels(False)
    _assert_same(reader, {"PERSON", "GPE"}, False)
    reader.set_hidden_types(set())
    reader.set_speaker_labels(True)
    _assert_same(reader, set(), True)
    fewer = (MENTIONS[:3], [], CLAIMS[1:2])
    reader.set_marks(*fewer, COLOURS)  # the marks drawn before are gone
    _assert_same(reader, set(), True, fewer)


def test_the_same_article_opened_again_is_drawn_the_same(reader):
    reader.set_marks(MENTIONS, QUOTES, CLAIMS, COLOURS)
    reader.show_article(reader.article)
    reader.set_marks(MENTIONS, QUOTES, CLAIMS, COLOURS)
    _assert_same(reader, set(), True)
