"""A chart to PNG without a window, for the Word report, drawn by the same code as the dashboard.

pyqtgraph draws axes only inside a view, and a view is a widget: widgets live on the GUI thread, so
this draws there only. The CLI calls it on its main thread; the window draws a report's charts on
its GUI thread before the report is written on the database thread (desktop.report.DrawnCharts).
"""
from __future__ import annotations

import os
from pathlib import Path

from desktop.charts.data import Chart

SCALE = 2  # pixels per point of the on-screen chart: sharp in print and at Word's zoom


def ensure_app():
    """A Qt application for drawing; headless (offscreen) when none is running, e.g. from the CLI."""
    from PySide6.QtWidgets import QApplication

    # A full QApplication, not a QGuiApplication: the plot is a widget.
    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([])
    return app


def render_png(chart: Chart, out: Path, width: int = 640) -> Path:
    """Write the chart as a PNG `width * SCALE` pixels wide. On the GUI (main) thread only: a worker
    reads the Chart data and leaves the drawing to that thread."""
    from PySide6.QtCore import QThread

    app = ensure_app()
    if QThread.currentThread() is not app.thread():
        raise RuntimeError("charts are drawn on the GUI thread: read the Chart there and draw it there")
    _render(chart, Path(out), width)
    return Path(out)


def _render(chart: Chart, out: Path, width: int) -> None:
    import pyqtgraph as pg
    from PySide6.QtCore import QCoreApplication, QSize
    from PySide6.QtGui import QResizeEvent

    from desktop.charts.plot import draw, height_for

    view = pg.PlotWidget(background="w")
    try:
        size = QSize(width, height_for(chart))
        view.resize(size)
        # A hidden widget hears of its size only when shown, and showing one would flash a window
        # (or warn on a headless platform): hand pyqtgraph the resize directly so it lays out the plot.
        view.resizeEvent(QResizeEvent(size, QSize()))
        draw(view.getPlotItem(), chart)
        # An axis learns how wide its labels are while it paints and then asks for a new layout:
        # paint until the layout stops changing, or the labels come out clipped or missing.
        for _ in range(4):
            before = view.getPlotItem().getAxis("left").width()
            image = _paint(view, size)
            QCoreApplication.sendPostedEvents()
            if view.getPlotItem().getAxis("left").width() == before:
                break
        if not image.save(str(out), "PNG"):
            raise OSError(f"could not write the chart {out}")
    finally:
        view.close()
        view.deleteLater()


def _paint(view, size):
    """The widget painted into an image of SCALE device pixels per pixel: every text, the numbers
    beside the bars included, is drawn sharp and in proportion (a scaled export leaves those small)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    image = QImage(size * SCALE, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(SCALE)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    area = QRectF(0, 0, size.width(), size.height())
    view.scene().render(painter, area, area)
    painter.end()
    return image
