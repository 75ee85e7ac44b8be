"""A chart to PNG without a window, for the Word report, drawn by the same code as the dashboard.

pyqtgraph draws axes only inside a view, and a view is a widget: widgets live on the GUI thread.
The report is written by a worker thread in the app, so from there the drawing is handed to the
GUI thread and the worker waits for the file.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

from desktop.charts.data import Chart

SCALE = 2  # pixels per point of the on-screen chart: sharp in print and at Word's zoom
GUI_WAIT_S = 60


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
    """Write the chart as a PNG `width * SCALE` pixels wide; safe to call from any thread."""
    from PySide6.QtCore import QThread

    app = ensure_app()
    if QThread.currentThread() is app.thread():
        _render(chart, Path(out), width)
    else:
        _on_gui_thread(lambda: _render(chart, Path(out), width))
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


def _on_gui_thread(job) -> None:
    """Run job on the GUI thread and wait for it; its exception is raised here."""
    from PySide6.QtCore import QObject, Qt, Signal, Slot

    class Runner(QObject):
        """Lives on the GUI thread, so a queued call to run() executes there."""

        @Slot(object)
        def run(self, call) -> None:
            call()

    class Courier(QObject):
        sig_job = Signal(object)

    done = threading.Event()
    failure: list[BaseException] = []

    def call() -> None:
        try:
            job()
        except BaseException as exc:  # handed back to the waiting worker
            failure.append(exc)
        finally:
            done.set()

    runner = Runner()
    runner.moveToThread(ensure_app().thread())
    courier = Courier()
    courier.sig_job.connect(runner.run, Qt.ConnectionType.QueuedConnection)
    courier.sig_job.emit(call)
    if not done.wait(GUI_WAIT_S):
        raise OSError("the charts could not be drawn: the window did not respond")
    if failure:
        raise failure[0]
