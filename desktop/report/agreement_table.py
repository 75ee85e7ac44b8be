"""Agreement between coders as text (the command line), JSON, and a table in the Word report."""
from __future__ import annotations

from docx.shared import Inches, Pt

from desktop.report.docx_runs import append_rows, plain_first_column, set_widths
from desktop.services.agreement import OVERALL, AgreementReport
from desktop.services.errors import UserError

COLUMNS = [Inches(3.1), Inches(1.0), Inches(1.0), Inches(1.0)]


def fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def headline(report: AgreementReport) -> str:
    return (f"{len(report.coders)} coders ({', '.join(report.coders)}), {len(report.units)} units "
            f"in {report.articles} article{'' if report.articles == 1 else 's'}, "
            f"{len(report.disagreements())} with disagreement")


def agreement_lines(report: AgreementReport) -> list[str]:
    width = max([len(OVERALL), *(len(r.tag) for r in report.rows)]) + 2
    lines = [headline(report), "",
             f"{'tag':{width}}{'units':>7}{'kappa':>9}{'alpha':>9}"]
    for r in report.rows:
        lines.append(f"{r.tag:{width}}{r.units:>7}{fmt(r.kappa):>9}{fmt(r.alpha):>9}")
    if len(report.coders) != 2:
        lines.append("(Cohen's kappa compares two coders; choose two with --coders for it)")
    return lines


def agreement_json(report: AgreementReport) -> dict:
    return {"coders": list(report.coders), "units": len(report.units), "articles": report.articles,
            "disagreements": len(report.disagreements()),
            "rows": [{"tag": r.tag, "units": r.units, "kappa": r.kappa, "alpha": r.alpha} for r in report.rows]}


def add_agreement_section(doc, lib, article_ids: list[int] | None, table_number: int = 2) -> None:
    """The agreement table (asked for in the export), or one line saying why there is none."""
    doc.add_heading("Agreement between coders", level=1)
    try:
        report = lib.agreement.compute(article_ids=article_ids)
    except UserError as exc:
        doc.add_paragraph(f"No agreement figures: {exc}.")
        return
    doc.add_paragraph(headline(report) + ". Units are passages marked by any coder (overlapping claims "
                      "form one); Cohen's kappa by scikit-learn (two coders), Krippendorff's alpha "
                      "(nominal) by the krippendorff package.")
    table = doc.add_table(rows=1, cols=4)
    table.style = "Light Grid Accent 1"
    plain_first_column(table)
    for cell, label in zip(table.rows[0].cells, ("Tag", "Units", "Cohen's κ", "Krippendorff's α"), strict=True):
        cell.paragraphs[0].add_run(label).font.size = Pt(9)
    set_widths(table, COLUMNS)
    append_rows(table, [(r.tag, str(r.units), fmt(r.kappa), fmt(r.alpha)) for r in report.rows], font_size=Pt(9))
    doc.add_paragraph(f"Table {table_number}. Agreement per tag and overall", style="Caption")
