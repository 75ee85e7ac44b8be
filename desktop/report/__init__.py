"""Everything that leaves the analyst's desk: the Word report and the CSV/JSON data export."""
from __future__ import annotations

from pathlib import Path

from desktop.charts.data import Chart
from desktop.report.atomic import write_atomically
from desktop.report.charts import ChartRenderer, DrawnCharts, report_charts
from desktop.report.data_export import write_csv, write_json
from desktop.report.scope import chart_scope, check_article_ids, load_scope
from desktop.services import Library, UserError
from desktop.services.progress import CancelToken, ProgressFn, no_progress

__all__ = ["ChartRenderer", "DrawnCharts", "charts_to_draw", "check_project_scope", "export"]


def check_project_scope(lib: Library, tags: list[str] | None, verdicts: list[str] | None,
                        article_ids: list[int] | None) -> None:
    """A REFI-QDA project holds every claim of its articles: a tag or verdict asked for would be
    ignored unsaid, and an unknown article left out unsaid; both are refused instead."""
    if tags or verdicts:
        raise UserError("a REFI-QDA project (.qdpx) holds every claim of its articles; choose articles, "
                        "not tags or verdicts, or export .docx, .csv or .json")
    if article_ids:
        check_article_ids(lib, article_ids)


def export(lib: Library, out: Path, tags: list[str] | None = None, article_ids: list[int] | None = None,
           excerpts_only: bool = False, charts: ChartRenderer | None = None, verdicts: list[str] | None = None,
           progress: ProgressFn = no_progress, cancel: CancelToken | None = None,
           agreement: bool = False) -> Path:
    """Write a report (.docx) or data (.csv, .json), chosen by the file's ending.

    charts: draws the report's charts as PNGs (the app and the CLI pass desktop.charts.export's
    render_png, which needs Qt; the report itself stays headless); None leaves them out.
    agreement: the report gets a table of agreement between coders (kappa, alpha).
    """
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix == ".qdpx":  # a REFI-QDA project for other analysis tools: the articles, codebook and claims
        from desktop.exchange.refi_export import export_qdpx

        check_project_scope(lib, tags, verdicts, article_ids)
        return export_qdpx(lib, out, article_ids, progress).path
    if suffix not in (".docx", ".csv", ".json"):
        raise UserError("the output must end in .docx (report), .csv or .json (data), or .qdpx (REFI-QDA project)")
    scope = load_scope(lib, tags, article_ids, verdicts)
    if suffix == ".docx":
        from desktop.report.document import build_report

        return write_atomically(out, lambda tmp: build_report(lib, scope, tmp, excerpts_only, charts, progress,
                                                              cancel, agreement=agreement))
    writer = write_csv if suffix == ".csv" else write_json
    return write_atomically(out, lambda tmp: writer(scope, tmp))


def charts_to_draw(lib: Library, tags: list[str] | None = None, article_ids: list[int] | None = None,
                   verdicts: list[str] | None = None) -> list[Chart]:
    """The charts export() with the same choices puts in a report: for drawing them ahead, as DrawnCharts."""
    return report_charts(lib, chart_scope(lib, tags, article_ids, verdicts))
