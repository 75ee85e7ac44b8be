"""Horizontal bar charts drawn with QPainter: one renderer for the dashboard and the Word report.

pyqtgraph was the first choice, but its ImageExporter drew no axis labels for a plot that
was never laid out on screen (seen here offscreen, pyqtgraph 0.14), which is exactly how
the report renders. Painting the bars ourselves gives the same picture in both places.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

BAR_COLOUR = "#4e79a7"
ROW, TOP, BOTTOM, GAP = 30, 46, 14, 10


def ensure_app():
    """A Qt application for drawing; headless (offscreen) when none is running, e.g. from the CLI."""
    from PySide6.QtWidgets import QApplication

    # A full QApplication, not a QGuiApplication: widgets made later in the same process need it.
    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([])
    return app


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[tuple[str, int, object]]  # label, value, payload handed back on click

    def height(self) -> int:
        return TOP + ROW * max(len(self.bars), 1) + BOTTOM

    def bar_at(self, y: float) -> tuple[str, int, object] | None:
        index = int((y - TOP) // ROW)
        return self.bars[index] if 0 <= index < len(self.bars) and y >= TOP else None


def paint(chart: Chart, width: int, colour: str = BAR_COLOUR, dark: bool = False):
    """The chart as a QImage of the given width."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter

    ensure_app()
    height = chart.height()
    image = QImage(width * 2, height * 2, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(2)
    image.fill(QColor("#1e1e1e" if dark else "#ffffff"))
    ink = QColor("#e6e6e6" if dark else "#2b2b2b")
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    title_font = QFont()
    title_font.setPointSizeF(11)
    title_font.setBold(True)
    painter.setFont(title_font)
    painter.setPen(ink)
    painter.drawText(QRectF(12, 8, width - 24, 26), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     chart.title)
    font = QFont()
    font.setPointSizeF(9)
    painter.setFont(font)
    metrics = QFontMetrics(font)
    label_w = min(width // 3, max((metrics.horizontalAdvance(_short(b[0])) for b in chart.bars), default=40) + 16)
    top_value = max((b[1] for b in chart.bars), default=1) or 1
    plot_w = width - label_w - 60
    for i, (label, value, _payload) in enumerate(chart.bars):
        y = TOP + i * ROW
        painter.setPen(ink)
        painter.drawText(QRectF(8, y, label_w - 12, ROW - 6),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, _short(label))
        bar = max(2.0, plot_w * value / top_value)
        painter.fillRect(QRectF(label_w, y + 3, bar, ROW - GAP), QColor(colour))
        painter.drawText(QRectF(label_w + bar + 6, y, 60, ROW - 6),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, str(value))
    if not chart.bars:
        painter.drawText(QRectF(12, TOP, width - 24, ROW), Qt.AlignmentFlag.AlignLeft, "nothing yet")
    painter.end()
    return image


def render_png(chart: Chart, out: Path, width: int = 900) -> Path:
    if not paint(chart, width).save(str(out)):
        raise OSError(f"could not write the chart {out}")
    return out


def _short(label: str, limit: int = 34) -> str:
    label = label or "—"
    return label if len(label) <= limit else label[:limit - 1] + "…"
