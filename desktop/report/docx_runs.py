"""Low-level python-docx helpers: shaded runs and comment text (python-docx has no shading API)."""
from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from typing import Any, cast

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.run import CT_R
from docx.text.paragraph import Paragraph
from docx.text.run import Run


def shade(run: Run, hex_fill: str) -> None:
    """Give a run a background colour (w:shd), which Word and LibreOffice both show."""
    props = run._r.get_or_add_rPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_fill.lstrip("#"))
    props.append(shd)  # type: ignore[arg-type]  # types-lxml takes a child to be of its parent's class; any element may be one


def set_widths(table, widths) -> None:
    """Fixed column widths (Word reads the cells, LibreOffice the grid): set both."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def plain_first_column(table, header_row: bool = True) -> None:
    """Table styles embolden the first column by default; in ClaimDesk's tables it is ordinary data."""
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is not None:
        look.set(qn("w:firstColumn"), "0")
        look.set(qn("w:firstRow"), "1" if header_row else "0")
        look.set(qn("w:val"), "0420" if header_row else "0400")


def comment_text(tags: tuple[str, ...], verdict: str, speaker: str | None, note: str) -> str:
    lines = [f"Tags: {', '.join(tags) if tags else '—'}", f"Verdict: {verdict}"]
    if speaker:
        lines.append(f"Speaker: {speaker}")
    if note:
        lines.append(f"Note: {note}")
    return "\n".join(lines)


def append_rows(table, rows: Sequence[tuple[str, ...]], font_size=None) -> None:
    """Add many text rows at once by copying one row's XML: python-docx's add_row is ~50x slower."""
    from desktop.report.segments import xml_safe

    if not rows:
        return
    probe = table.add_row()
    for cell in probe.cells:
        cell.paragraphs[0].add_run("-").font.size = font_size
    template = probe._tr
    tbl = table._tbl
    tbl.remove(template)
    for values in rows:
        tr = copy.deepcopy(template)
        for node, value in zip(tr.iter(qn("w:t")), values, strict=True):
            node.text = xml_safe(value)
            node.set(qn("xml:space"), "preserve")
        tbl.append(tr)


class FastWriter:
    """Runs and styled paragraphs for a long document, the same XML as python-docx writes, made quicker.

    python-docx looks a paragraph style up by name among all styles on every paragraph, adds a run's text
    one character at a time and inserts each run property by walking the schema's order; a report of a
    few hundred articles does that tens of thousands of times. Here a style's id is looked up once, a
    run is a copy of a ready-made run for its look, and text without tabs or line breaks is set at once.
    """

    def __init__(self, doc) -> None:
        self._doc = doc
        self._style_ids: dict[str, str | None] = {}
        self._looks: dict[tuple[bool, bool, str | None], CT_R] = {}

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        paragraph = self._doc.add_paragraph(text)
        if style is not None:
            if style not in self._style_ids:
                self._style_ids[style] = self._doc.part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
            paragraph._p.style = self._style_ids[style]
        return paragraph

    def heading(self, text: str, level: int) -> Paragraph:
        return self.paragraph(text, f"Heading {level}")

    def run(self, paragraph: Paragraph, text: str, italic: bool = False, underline: bool = False,
            fill: str | None = None) -> Run:
        """A run of text in italics, underlined and shaded as asked, appended to the paragraph."""
        look = (italic, underline, fill)
        template = self._looks.get(look)
        if template is None:
            template = self._looks[look] = _run_template(paragraph, italic, underline, fill)
        r = copy.deepcopy(template)
        cast(Any, paragraph._p).append(r)  # python-docx types _p's children as paragraphs only
        run = Run(r, paragraph)
        if _SPECIAL.search(text):
            run.text = text  # tabs and breaks become their own elements, as python-docx makes them
        elif text:
            t = OxmlElement("w:t")
            t.text = text
            if len(text.strip()) < len(text):
                t.set(qn("xml:space"), "preserve")
            cast(Any, r).append(t)
        return run


_SPECIAL = re.compile("[\t\n\r]")


def _run_template(paragraph: Paragraph, italic: bool, underline: bool, fill: str | None) -> CT_R:
    """An empty run with these properties, made by python-docx itself so its XML is python-docx's own
    (not put in the paragraph: the paragraph is only the run's parent for python-docx)."""
    run = Run(cast(CT_R, OxmlElement("w:r")), paragraph)
    if fill is not None:
        shade(run, fill)
    if underline:
        run.underline = True
    if italic:
        run.italic = True
    return run._r
