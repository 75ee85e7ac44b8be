"""How the report gets its chart pictures: drawn by whoever calls it, so the report needs no Qt.

The CLI passes desktop.charts.export.render_png (pyqtgraph, the dashboard's own drawing); a test or
a headless caller may pass any function that writes a PNG, or none. The window writes its reports
on its database thread, where Qt cannot draw: it reads the charts first (charts_to_draw), draws
them on the GUI thread, and passes the pictures as DrawnCharts.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from desktop.charts.data import Chart, library_charts
from desktop.services import Library, UserError


class ChartRenderer(Protocol):
    def __call__(self, chart: Chart, out: Path, /) -> Path:
        """Write the chart as a PNG at out and return where it is."""


def report_charts(lib: Library, article_ids: list[int] | None) -> list[Chart]:
    """The charts a report shows: the dashboard's, for its articles (None: the whole library), empty ones left out."""
    colours = {t.id: t.color for t in lib.tags.list()}
    return [c for c in library_charts(lib.stats, colours, article_ids) if not c.empty]


@dataclass(frozen=True)
class DrawnCharts:
    """Chart pictures drawn ahead, by chart key; as a ChartRenderer it copies the right one into the report."""

    pictures: dict[str, Path]

    def __call__(self, chart: Chart, out: Path, /) -> Path:
        drawn = self.pictures.get(chart.key)
        if drawn is None:  # the counts changed between drawing and writing (an import added a chart)
            raise UserError("the library changed while the report was prepared; export it again")
        shutil.copyfile(drawn, out)
        return Path(out)
