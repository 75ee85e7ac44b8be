"""The chart renderer shared by the dashboard and the report: pyqtgraph drawn to PNG without a window,
with its labels, from the GUI thread or a worker."""
from __future__ import annotations

import threading

import pytest

from desktop.charts.data import Bar, Chart, library_charts, over_time
from desktop.charts.export import SCALE, render_png
from desktop.charts.plot import bar_at, height_for
from desktop.services.dto import Count

TAGS = Chart("tags", "Claims per tag", (Bar("Veltran Grain Board", (7,), 1), Bar("Opinion", (2,), 2)))


def dark_pixels(path, x_to: float) -> int:
    """Near-black (text) pixels left of x_to (a fraction of the width): bars and axis lines are lighter."""
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    count = 0
    for x in range(int(image.width() * x_to)):
        for y in range(0, image.height(), 2):
            c = image.pixelColor(x, y)
            count += max(c.red(), c.green(), c.blue()) < 90
    return count


def test_png_has_its_size_and_its_axis_labels(tmp_path, qapp):
    out = render_png(TAGS, tmp_path / "tags.png", width=600)
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (600 * SCALE, height_for(TAGS) * SCALE)
    # The category labels left of the bars: what pyqtgraph leaves out when the plot is never laid out.
    assert dark_pixels(out, 0.2) > 200


def test_a_chart_asked_for_off_the_gui_thread_is_refused(tmp_path, qapp):
    """Qt widgets on a worker thread crash: a worker reads the Chart, the GUI thread draws it."""
    result: list[object] = []

    def work():
        try:
            result.append(render_png(TAGS, tmp_path / "worker.png"))
        except RuntimeError as exc:
            result.append(exc)
    worker = threading.Thread(target=work)
    worker.start()
    worker.join(30)
    assert len(result) == 1 and isinstance(result[0], RuntimeError)
    assert "GUI thread" in str(result[0])
    assert not (tmp_path / "worker.png").exists()


def test_an_empty_chart_still_renders(tmp_path, qapp):
    out = render_png(Chart("quoted", "Most quoted", ()), tmp_path / "empty.png")
    assert out.stat().st_size > 0


def test_a_click_finds_the_bar_of_its_row_or_column():
    assert bar_at(TAGS, 0.5, 0.1).label == "Veltran Grain Board"
    assert bar_at(TAGS, 6.0, 1.3).label == "Opinion"  # right of the short bar, still its row
    assert bar_at(TAGS, 0.5, 2.0) is None and bar_at(TAGS, -1, 0) is None
    months = over_time([Count("2026-03", 2)], [Count("2026-04", 1)])
    assert bar_at(months, 1.2, 0).payload == "2026-04"


def test_articles_and_claims_over_time_share_the_months():
    chart = over_time([Count("2026-03", 5), Count("2026-05", 1)], [Count("2026-03", 4), Count("2026-04", 2)])
    assert [(b.label, b.values, b.payload) for b in chart.bars] == [
        ("Mar 2026", (5, 4), "2026-03"), ("Apr 2026", (0, 2), "2026-04"), ("May 2026", (1, 0), "2026-05")]
    assert chart.columns and [name for name, _ in chart.series] == ["Articles", "Claims"]


@pytest.mark.parametrize("scope", [None, "first"])
def test_library_charts_are_scoped(report_library, scope):
    ids = None if scope is None else report_library.articles.ids()[:1]
    colours = {t.id: t.color for t in report_library.tags.list()}
    charts = {c.key: c for c in library_charts(report_library.stats, colours, ids)}
    assert list(charts) == ["tags", "verdicts", "named", "quoted", "time"]
    per_tag = {b.label: b.values[0] for b in charts["tags"].bars}
    expected = {"Statistic": 2, "Opinion": 1, "Framing": 2} if scope is None else {"Statistic": 1, "Opinion": 1}
    assert per_tag == expected
    assert charts["tags"].bars[0].colour == colours[charts["tags"].bars[0].payload]
    assert [b.label for b in charts["quoted"].bars] == ["Dalia Orsek"]
