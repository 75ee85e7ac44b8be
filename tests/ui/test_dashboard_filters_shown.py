"""Dashboard clicks filter the list visibly: the filter bar shows what was chosen and clears it; undated
articles have a column of their own in the month chart."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.ui.dashboard import Dashboard
from tests.helpers import add_article
from tests.ui.test_dashboard_export import click_bar
from tests.ui.test_keyboard import press
from tests.ui.waiting import settle


def open_dashboard(qtbot, win) -> Dashboard:
    press(win, "Ctrl+Shift+D")
    settle(qtbot)
    dash = next(w for w in QApplication.topLevelWidgets() if isinstance(w, Dashboard) and w.isVisible())
    qtbot.addWidget(dash)
    settle(qtbot)
    qtbot.waitUntil(lambda: len(dash.views) == 6, timeout=10_000)  # five charts and the linked claims
    return dash


def test_a_tag_bar_click_shows_in_the_filter_bar_and_clears_from_there(qtbot, demo_window, demo_lib):
    win = demo_window
    dash = open_dashboard(qtbot, win)
    first = dash.view("tags").chart.bars[0]
    click_bar(qtbot, dash.view("tags"), 0.3, 0)
    settle(qtbot, win)
    assert win.model.filter.tag_id == first.payload
    assert win.filters.tag.currentData() == first.payload
    assert win.filters.tag.currentText().strip() == first.label.split("/")[-1].strip() or \
        first.label in win.filters.tag.currentText()
    settle(qtbot)
    qtbot.mouseClick(win.filters.clear, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert win.model.filter.tag_id is None and win.filters.tag.currentIndex() == 0
    assert win.model.rowCount() == demo_lib.articles.count()


def test_month_chart_counts_undated_articles_and_lists_them(qtbot, demo_window, demo_lib):
    win = demo_window
    add_article(demo_lib, "The Halvik ferry timetable changes on Monday, the harbour office said.",
                title="Ferry timetable")  # no date found
    dash = open_dashboard(qtbot, win)
    bars = dash.view("time").chart.bars
    undated = [a for a in demo_lib.articles.ids() if demo_lib.articles.get(a).published is None]
    assert bars[-1].label == "undated" and bars[-1].values[0] == len(undated)
    assert sum(b.values[0] for b in bars) == demo_lib.articles.count()
    click_bar(qtbot, dash.view("time"), len(bars) - 1, 0.5)
    settle(qtbot, win)
    assert sorted(win.model.ids()) == sorted(undated)
    assert "chosen in the dashboard" in win.filters.note.text() and "show all" in win.filters.note.text()
    march = next(i for i, b in enumerate(bars) if b.label != "undated")
    click_bar(qtbot, dash.view("time"), march, 0.5)
    settle(qtbot, win)
    assert win.filters.date_from.date().toPython() == win.model.filter.date_from is not None
