"""The dashboard: pyqtgraph charts of the library or the list, a click on a bar filters the list;
the export dialog writes the report in the worker."""
from __future__ import annotations

import datetime as dt

import docx
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from desktop.services.dto import ArticleFilter
from desktop.ui.dashboard import Dashboard, filter_for
from tests.helpers import add_article
from tests.ui.waiting import settle


def dated_article(library) -> int:
    return add_article(library, "The Veltran port board met in Halvik on Tuesday.", title="Port board",
                       published=dt.date(2026, 3, 14))


def click_bar(qtbot, view, x: float, y: float) -> None:
    """Click the widget where the plot shows the data point (x, y)."""
    view.resize(460, view.sizeHint().height())
    view.show()
    qtbot.waitExposed(view)
    scene_pos = view.getPlotItem().getViewBox().mapViewToScene(QPointF(x, y))
    pos = view.mapFromScene(scene_pos)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(pos.x(), pos.y()))


def dashboard(qtbot, window) -> Dashboard:
    """The window's dashboard, once its charts are counted on the database thread."""
    dash = Dashboard(window.db)
    qtbot.addWidget(dash)
    settle(qtbot)
    qtbot.waitUntil(lambda: len(dash.views) == 6, timeout=10_000)
    return dash


def test_dashboard_has_every_chart(qtbot, window, library):
    library.claims.create(dated_article(library), 4, 16, [library.tags.find("Opinion").id], verdict="disputed")
    dash = dashboard(qtbot, window)
    titles = {v.chart.key: v.chart for v in dash.views}
    assert set(titles) == {"tags", "verdicts", "named", "quoted", "trails", "time"}
    assert [b.label for b in titles["tags"].bars] == ["Opinion"]
    assert [b.label for b in titles["verdicts"].bars] == ["disputed"]
    assert {"Dalia Orsek", "Tomas Brenn"} <= {b.label for b in titles["quoted"].bars}
    # an article and a claim in March; the window's own article has no date and is counted, not dropped
    assert [(b.label, b.values) for b in titles["time"].bars] == [("Mar 2026", (1, 1)), ("undated", (1, 0))]


def test_clicking_a_tag_bar_filters_the_article_list(qtbot, window, library):
    tag = library.tags.find("Opinion")
    library.claims.create(1, 0, 16, [tag.id])
    dash = dashboard(qtbot, window)
    dash.sig_filter_requested.connect(window.model.set_filter)
    settle(qtbot)
    click_bar(qtbot, dash.view("tags"), 0.3, 0)  # a short way along the first bar's row
    settle(qtbot)
    qtbot.waitUntil(lambda: window.model.filter.tag_id == tag.id)
    assert window.model.rowCount() == 1


def test_clicking_beside_the_bars_does_nothing(qtbot, window, library):
    library.claims.create(1, 0, 16, [library.tags.find("Opinion").id])
    dash = dashboard(qtbot, window)
    requests = []
    dash.sig_filter_requested.connect(requests.append)
    settle(qtbot)
    click_bar(qtbot, dash.view("tags"), 0.3, 3)  # below the only bar
    settle(qtbot)
    click_bar(qtbot, dash.view("tags"), 0.3, 0)  # then on it: the only answer is this one's
    settle(qtbot)
    qtbot.waitUntil(lambda: requests != [])
    assert requests == [ArticleFilter(tag_id=library.tags.find("Opinion").id)]


def test_month_and_verdict_bars_filter_by_date_and_article(qtbot, window, library):
    dated = dated_article(library)
    library.claims.create(dated, 4, 16, [library.tags.find("Opinion").id], verdict="false")
    dash = dashboard(qtbot, window)
    verdict = dash.view("verdicts").chart.bars[0]
    # Operations of the database thread: run there, as the dashboard's clicks run them.
    assert window.db.call(lambda lib: filter_for(lib, "verdicts", verdict, None)) == \
        ArticleFilter(article_ids=(dated,))
    march = dash.view("time").chart.bars[0]
    assert window.db.call(lambda lib: filter_for(lib, "time", march, None)) == \
        ArticleFilter(date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 31))


def test_scoped_to_the_list(qtbot, window, library):
    library.claims.create(1, 0, 16, [library.tags.find("Opinion").id])
    dash = dashboard(qtbot, window)
    dash.set_scope([])
    settle(qtbot)
    qtbot.waitUntil(lambda: all(v.chart.empty for v in dash.views))
    dash.set_scope([1])
    settle(qtbot)
    qtbot.waitUntil(lambda: [b.values for b in dash.view("tags").chart.bars] == [(1,)])


def test_export_dialog_writes_a_report(qtbot, window, library, tmp_path, dialogs):
    library.claims.create(1, 0, 16, [library.tags.find("Opinion").id], note="check")
    from desktop.ui.export_dialog import ExportDialog

    dialog = ExportDialog(window.db, window.codebook_actions.tags, None, window)
    qtbot.addWidget(dialog)
    settle(qtbot)
    dialog.path.setText(str(tmp_path / "out.docx"))
    dialogs.message(f"Saved {tmp_path / 'out.docx'}")
    export = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(export, Qt.MouseButton.LeftButton)
    # Charts read, drawn on the GUI thread between two operations, then the report written.
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=60_000)
    document = docx.Document(str(tmp_path / "out.docx"))
    assert len(list(document.comments)) == 1
    assert len(document.inline_shapes) >= 3  # the charts, drawn on the GUI thread


def test_the_dashboard_counts_off_the_gui_thread(qtbot, window, library):
    """A large library takes a while to count: the window shows "Counting…" and stays responsive."""
    import threading

    library.claims.create(dated_article(library), 4, 16, [library.tags.find("Opinion").id])
    counted_on = []
    real = library.stats.claims_per_tag

    def spy(*args, **kwargs):
        counted_on.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    library.stats.claims_per_tag = spy
    dash = Dashboard(window.db)
    qtbot.addWidget(dash)
    assert dash._caption.text().startswith("Counting") and dash.views == []
    qtbot.waitUntil(lambda: len(dash.views) == 6, timeout=10_000)
    assert counted_on == [False]
    assert [b.label for b in dash.view("tags").chart.bars] == ["Opinion"]
