"""Low-level python-docx helpers: shaded runs and comment text (python-docx has no shading API)."""
from __future__ import annotations

import copy
from collections.abc import Sequence

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
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
