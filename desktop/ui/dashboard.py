"""Charts of the library or the current list; clicking a bar filters the article list."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.charts.render import Chart, paint
from desktop.services import Library
from desktop.services.dto import ArticleFilter
from desktop.ui import theme

CHART_WIDTH = 430


class ChartView(QLabel):
    """One painted chart; a click on a bar reports the bar's payload."""

    sig_clicked = Signal(object, str)

    def __init__(self, chart: Chart, parent=None) -> None:
        super().__init__(parent)
        self._chart = chart
        self.setPixmap(QPixmap.fromImage(paint(chart, CHART_WIDTH, dark=theme.is_dark())))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Click a bar to list the articles behind it")

    def mousePressEvent(self, event) -> None:
        bar = self._chart.bar_at(event.position().y())
        if bar is not None:
            self.sig_clicked.emit(bar[2], bar[0])


class Dashboard(QWidget):
    sig_filter_requested = Signal(object)  # ArticleFilter

    def __init__(self, lib: Library, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("ClaimDesk — Dashboard")
        self._lib = lib
        self._scope: list[int] | None = None
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
        self._scope = article_ids
        self.refresh()

    def refresh(self) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        ids = self._scope
        stats = self._lib.stats
        self._caption.setText("Whole library" if ids is None else f"The {len(ids)} articles in the list")
        charts = [
            (Chart("Claims per tag", stats.claims_per_tag(ids)), lambda tag_id, _l: ArticleFilter(tag_id=tag_id)),
            (Chart("Claims per verdict", [(v, n, v) for v, n, _ in stats.claims_per_verdict(ids)]),
             lambda verdict, _l: ArticleFilter(article_ids=tuple(stats.article_ids_with_verdict(verdict, ids)))),
            (Chart("Most named", stats.top_entities(ids)), lambda eid, _l: ArticleFilter(entity_id=eid)),
            (Chart("Most quoted", stats.top_speakers(ids)), lambda eid, _l: ArticleFilter(entity_id=eid)),
            (Chart("Articles per month", stats.articles_per_month(ids)), None),
            (Chart("Claims per month", stats.claims_per_month(ids)), None),
        ]
        for n, (chart, to_filter) in enumerate(charts):
            view = ChartView(chart)
            if to_filter is not None:
                view.sig_clicked.connect(lambda payload, label, f=to_filter: self.sig_filter_requested.emit(
                    f(payload, label)))
            self._grid.addWidget(view, n // 2, n % 2, Qt.AlignmentFlag.AlignTop)
