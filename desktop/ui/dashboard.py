"""Charts of the library or the current list; clicking a bar filters the article list."""
from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from desktop.charts.data import UNDATED, Bar, Chart, library_charts, trail_chart
from desktop.charts.plot import bar_at, draw, height_for
from desktop.services import Library
from desktop.services.dto import ArticleFilter
from desktop.services.stats import StatsService
from desktop.ui import theme
from desktop.ui.db_executor import DbExecutor, Priority


class ChartView(pg.PlotWidget):
    """One chart; a click anywhere in a bar's row (or column) reports that bar."""

    sig_clicked = Signal(str, object)  # chart key, Bar

    def __init__(self, chart: Chart, parent=None) -> None:
        dark = theme.is_dark()
        super().__init__(parent, background="#1e1e1e" if dark else "w")
        self.chart = chart
        draw(self.getPlotItem(), chart, dark=dark)
        self.setMinimumHeight(height_for(chart))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if not chart.empty:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setToolTip("Click a bar to list the articles behind it")
        self.scene().sigMouseClicked.connect(self._clicked)

    def sizeHint(self):
        hint = super().sizeHint()
        hint.setHeight(height_for(self.chart))
        return hint

    def bar_at_scene(self, scene_pos) -> Bar | None:
        vb = self.getPlotItem().getViewBox()
        point = vb.mapSceneToView(scene_pos)
        return bar_at(self.chart, point.x(), point.y())

    def _clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        bar = self.bar_at_scene(event.scenePos())
        if bar is not None:
            event.accept()
            self.sig_clicked.emit(self.chart.key, bar)


class Dashboard(QWidget):
    sig_filter_requested = Signal(object)  # ArticleFilter

    def __init__(self, db: DbExecutor, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("ClaimDesk — Dashboard")
        self._db = db  # counting a large library takes a while: on the database thread, never the GUI's
        self._scope: list[int] | None = None
        self.views: list[ChartView] = []
        self._grid = QGridLayout()
        inner = QWidget()
        inner.setLayout(self._grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self._caption = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self._caption)
        layout.addWidget(scroll)
        self.refresh()

    def set_scope(self, article_ids: list[int] | None) -> None:
        """None charts the whole library; a list charts just those articles (the filtered list)."""
        self._scope = article_ids
        self.refresh()

    def view(self, key: str) -> ChartView:
        return next(v for v in self.views if v.chart.key == key)

    def refresh(self) -> None:
        ids = self._scope
        self._caption.setText("Counting claims, names and quotations…")
        # Charts are plain data (desktop.charts.data): counted on the database thread, drawn here.
        self._db.submit(lambda lib: count_charts(lib, ids), on_done=self.show_charts, label="count charts",
                        priority=Priority.BACKGROUND, owner=self)

    def show_charts(self, counted: tuple[list[int] | None, list[Chart]]) -> None:
        ids, charts = counted
        if ids is not self._scope:
            return  # counted for a scope that has changed since; its own count is on the way
        for view in self.views:
            self._grid.removeWidget(view)
            view.deleteLater()
        self._caption.setText("Whole library — click a bar to list its articles" if ids is None
                              else f"The {len(ids)} articles in the list — click a bar to list its articles")
        self.views = [ChartView(chart) for chart in charts]
        for n, view in enumerate(self.views):
            view.sig_clicked.connect(self._filter_by)
            if view.chart.columns:  # the time line gets the full width below the bar charts
                self._grid.addWidget(view, (n + 1) // 2, 0, 1, 2)
            else:
                self._grid.addWidget(view, n // 2, n % 2, Qt.AlignmentFlag.AlignTop)
        # Spare height goes below the charts, not between short ones.
        self._grid.setRowStretch(self._grid.rowCount(), 1)

    def _filter_by(self, key: str, bar: Bar) -> None:
        scope = self._scope
        self._db.submit(lambda lib: filter_for(lib, key, bar, scope), on_done=self.sig_filter_requested.emit,
                        label="articles behind a bar", owner=self)


def _stats(lib: Library) -> StatsService:
    """The library's statistics service (Library.stats also names a dead method of the same name)."""
    return lib.stats


def count_charts(lib: Library, ids: list[int] | None) -> tuple[list[int] | None, list[Chart]]:
    """Database thread: the dashboard's charts for the articles (None: the whole library)."""
    colours = {t.id: t.color for t in lib.tags.list()}
    charts = library_charts(_stats(lib), colours, ids)
    charts.insert(-1, trail_chart(lib.trails.claims_per_outlet(ids)))  # the time line stays last
    return ids, charts


def filter_for(lib: Library, key: str, bar: Bar, scope: list[int] | None) -> ArticleFilter:
    """Database thread: the article-list filter that shows the articles behind one bar."""
    payload: Any = bar.payload  # its type depends on the chart (see charts.data)
    if key == "tags":
        return ArticleFilter(tag_id=payload)
    if key in ("named", "quoted"):
        return ArticleFilter(entity_id=payload)
    if key == "trails":
        return ArticleFilter(article_ids=payload)
    if key == "verdicts":
        return ArticleFilter(article_ids=tuple(_stats(lib).article_ids_with_verdict(payload, scope)))
    if payload == UNDATED:
        return ArticleFilter(article_ids=tuple(_stats(lib).undated_article_ids(scope)))
    year, month = (int(part) for part in str(bar.payload).split("-"))
    last = calendar.monthrange(year, month)[1]
    return ArticleFilter(date_from=dt.date(year, month, 1), date_to=dt.date(year, month, last))
