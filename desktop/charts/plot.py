"""Draw a Chart on a pyqtgraph PlotItem: the same drawing for the dashboard and the report's PNGs."""
from __future__ import annotations

import os

# pyqtgraph picks the first Qt binding it finds; ClaimDesk is a PySide6 application.
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import pyqtgraph as pg  # noqa: E402
from PySide6.QtGui import QFont  # noqa: E402

from desktop.charts.data import Bar, Chart  # noqa: E402

pg.setConfigOptions(antialias=True)

ROW_PX, HEADER_PX, COLUMNS_PX = 30, 56, 300
LABEL_CHARS = 30
BAR_THICKNESS = 0.64  # of one row, so neighbouring bars keep a gap


def height_for(chart: Chart) -> int:
    """Pixel height that gives each horizontal bar the same room, however many there are."""
    return COLUMNS_PX if chart.columns else HEADER_PX + ROW_PX * max(len(chart.bars), 2)


def ink(dark: bool) -> str:
    return "#e6e6e6" if dark else "#2b2b2b"


def draw(plot: pg.PlotItem, chart: Chart, dark: bool = False) -> None:
    """Replace whatever the plot shows with the chart."""
    plot.clear()
    plot.setContentsMargins(6, 4, 16, 6)  # keep the longest label and the legend off the edge
    plot.hideButtons()
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)  # a summary to read and click, not a data set to pan
    plot.setTitle(chart.title, color=ink(dark), size="11pt", bold=True)
    font = QFont()
    font.setPointSizeF(9)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setStyle(tickFont=font, tickLength=0)
        axis.setPen(pg.mkPen("#8a8a8a"))
        axis.setTextPen(pg.mkPen(ink(dark)))
    if chart.empty:
        _nothing_yet(plot, dark)
    elif chart.columns:
        _columns(plot, chart, dark)
    else:
        _bars(plot, chart, dark)


def bar_at(chart: Chart, x: float, y: float) -> Bar | None:
    """The bar whose row (or column) holds the point in plot coordinates: a click need not hit the ink."""
    position = x if chart.columns else y
    index = round(position)
    if chart.empty or not 0 <= index < len(chart.bars) or abs(position - index) > 0.5:
        return None
    if not chart.columns and x < 0:
        return None
    return chart.bars[index]


def _bars(plot: pg.PlotItem, chart: Chart, dark: bool) -> None:
    rows = list(range(len(chart.bars)))
    values = [bar.values[0] for bar in chart.bars]
    plot.addItem(pg.BarGraphItem(x0=0, y=rows, height=BAR_THICKNESS, width=values, pen=None,
                                 brushes=[pg.mkBrush(bar.colour) for bar in chart.bars]))
    for row, bar in zip(rows, chart.bars, strict=True):
        _value_label(plot, bar.values[0], bar.values[0], row, (0, 0.5), dark)
    plot.getAxis("left").setTicks([[(row, _short(bar.label)) for row, bar in zip(rows, chart.bars, strict=True)],
                                   []])
    plot.hideAxis("bottom")
    plot.invertY(True)
    # Room right of the longest bar for its number.
    plot.setXRange(0, max(values) * 1.16, padding=0)
    plot.setYRange(-0.5, len(rows) - 0.5, padding=0)


def _columns(plot: pg.PlotItem, chart: Chart, dark: bool) -> None:
    width = 0.8 / len(chart.series)
    legend = plot.addLegend(offset=(-8, 4), labelTextColor=ink(dark), labelTextSize="10pt")
    top = max(v for bar in chart.bars for v in bar.values)
    for s, (name, colour) in enumerate(chart.series):
        xs = [i - 0.4 + width * (s + 0.5) for i in range(len(chart.bars))]
        heights = [bar.values[s] for bar in chart.bars]
        item = pg.BarGraphItem(x=xs, y0=0, width=width * 0.92, height=heights, pen=None, brush=colour)
        plot.addItem(item)
        legend.addItem(item, name)
        for x, value in zip(xs, heights, strict=True):
            if value:
                _value_label(plot, value, x, value, (0.5, 1), dark)
    every = max(1, len(chart.bars) // 12)  # at most about a dozen month labels, however long the span
    plot.getAxis("bottom").setTicks([[(i, bar.label) for i, bar in enumerate(chart.bars) if i % every == 0], []])
    plot.getAxis("left").setTickSpacing(major=_step(top), minor=_step(top))
    plot.showGrid(y=True, alpha=0.15)
    plot.setXRange(-0.6, len(chart.bars) - 0.4, padding=0)
    plot.setYRange(0, top * 1.3, padding=0)  # headroom for the numbers and the legend


def _nothing_yet(plot: pg.PlotItem, dark: bool) -> None:
    plot.hideAxis("left")
    plot.hideAxis("bottom")
    text = pg.TextItem("nothing yet", color="#8a8a8a", anchor=(0.5, 0.5))
    text.setPos(0.5, 0.5)
    plot.addItem(text)
    plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)


def _value_label(plot: pg.PlotItem, value: int, x: float, y: float, anchor: tuple[float, float], dark: bool) -> None:
    label = pg.TextItem(str(value), color=ink(dark), anchor=anchor)
    font = QFont()
    font.setPointSizeF(8.5)
    label.setFont(font)
    label.setPos(x, y)
    plot.addItem(label)


def _step(top: int) -> float:
    """Whole-number gridlines: counts of articles and claims have no fractions."""
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000):
        if top / step <= 6:
            return step
    return 10 ** len(str(top))


def _short(label: str) -> str:
    label = label or "—"
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"
