"""How the report gets its chart pictures: drawn by whoever calls it, so the report needs no Qt.

The app and the CLI pass desktop.charts.export.render_png (pyqtgraph, the dashboard's own
drawing); a test or a headless caller may pass any function that writes a PNG, or none.
"""
from __future__ import annotations

from pathlib import Path
from typing import Protocol

from desktop.charts.data import Chart


class ChartRenderer(Protocol):
    def __call__(self, chart: Chart, out: Path, /) -> Path:
        """Write the chart as a PNG at out and return where it is."""
