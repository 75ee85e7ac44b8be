"""The report's "Claims across articles": each trail of linked claims as a table, oldest first."""
from __future__ import annotations

from docx.shared import Inches, Pt

from desktop.report.docx_runs import append_rows, plain_first_column, set_widths
from desktop.report.segments import xml_safe
from desktop.services.trail import Trail

HEADING = "Claims across articles"
COLUMNS = ("Date", "Outlet", "Said by", "Claim", "Figure")
WIDTHS = [Inches(0.9), Inches(1.2), Inches(1.1), Inches(3.0), Inches(0.9)]
TEXT = Pt(9)


def write_section(doc, trails: list[Trail], table_style: str) -> int:
    """Write the section (after the articles, before the claims table) if any claim in the report is
    linked; returns how many trails it shows. Captions sit above their tables, as the claims table's."""
    if not trails:
        return 0
    doc.add_heading(HEADING, level=1)
    doc.add_paragraph("Claims linked to the same claim in other articles, by article date; "
                      "a figure marked “changed” differs from the one before it.")
    for n, trail in enumerate(trails):
        first = trail.first_seen
        doc.add_heading(xml_safe(_short(first.text if first else "")), level=2)
        doc.add_paragraph(xml_safe(trail.summary()))
        caption = doc.add_paragraph(f"Trail {n + 1}. The claim in {len(trail.stops)} articles, by date",
                                    style="Caption")
        caption.paragraph_format.keep_with_next = True
        table = doc.add_table(rows=1, cols=len(COLUMNS))
        table.style = table_style
        plain_first_column(table)
        for cell, label in zip(table.rows[0].cells, COLUMNS, strict=True):
            cell.paragraphs[0].add_run(label).font.size = TEXT
        table.rows[0].repeat_header = True
        set_widths(table, WIDTHS)
        append_rows(table, [(s.published.isoformat() if s.published else "undated", s.outlet or s.title,
                             s.speaker or "", s.text,
                             ", ".join(s.figures) + (" (changed)" if s.figure_changed else ""))
                            for s in trail.stops], font_size=TEXT)
    return len(trails)


def _short(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
