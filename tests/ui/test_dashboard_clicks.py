"""The dashboard opened from the window (Ctrl+Shift+D): a click on a bar of the most named, the most quoted
or the undated month lists exactly the articles behind it, and the filter bar says so."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QApplication

from desktop.ui.dashboard import Dashboard
from tests.helpers import add_article
from tests.ui.driving import activate, press, settled
from tests.ui.test_dashboard_export import click_bar


def open_dashboard(qtbot, win) -> Dashboard:
    activate(qtbot, win)
    press(win, "Ctrl+Shift+D")
    qtbot.waitUntil(lambda: any(isinstance(w, Dashboard) and w.isVisible() for w in QApplication.topLevelWidgets()))
    dash = next(w for w in QApplication.topLevelWidgets() if isinstance(w, Dashboard) and w.isVisible())
    qtbot.waitUntil(lambda: len(dash.views) == 6, timeout=10_000)
    return dash


def listed(win) -> set[int]:
    return {win.model.article_id(r) for r in range(win.model.rowCount())}


def test_a_click_on_the_most_quoted_lists_the_articles_quoting_them(qtbot, window, library):
    other = add_article(library, "Nobody in Lund Bay wanted to comment on the new ferry timetable.", title="Quiet",
                        published=dt.date(2026, 4, 2))
    library.importer.analyse([other], n_process=1)
    window.refresh_library_views()
    settled()
    dash = open_dashboard(qtbot, window)
    quoted = dash.view("quoted").chart
    row = [b.label for b in quoted.bars].index("Tomas Brenn")
    click_bar(qtbot, dash.view("quoted"), 0.3, row)
    qtbot.waitUntil(lambda: listed(window) == {1})
    assert "naming Tomas Brenn" in window.filters.note.text()
    dash.close()


def test_a_click_on_the_undated_column_lists_the_undated_articles(qtbot, window, library):
    dated = add_article(library, "The Halvik ferry ran late all week because of fog.", title="Fog",
                        published=dt.date(2026, 3, 14))
    window.refresh_library_views()
    settled()
    dash = open_dashboard(qtbot, window)
    months = [b.label for b in dash.view("time").chart.bars]
    assert months == ["Mar 2026", "undated"]
    click_bar(qtbot, dash.view("time"), 1, 0.3)  # the undated column, a little way up
    qtbot.waitUntil(lambda: listed(window) == {1})
    assert "chosen in the dashboard" in window.filters.note.text()
    click_bar(qtbot, dash.view("time"), 0, 0.3)  # March: a date range, shown in the filter bar
    qtbot.waitUntil(lambda: listed(window) == {dated})
    dash.close()
