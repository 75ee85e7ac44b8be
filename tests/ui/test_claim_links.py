"""Claims across articles in the window: link by hand with Ctrl+L, accept and dismiss candidates by key, undo."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from desktop.ingest.types import ParsedArticle
from tests.claims_match.test_similar import COURIER, HARBOUR, TRIBUNE
from tests.ui.demo_window import show_active
from tests.ui.waiting import settle

CLAIM = "Grain exports through Port Kessa fell by less than 5% in March"


@pytest.fixture
def linked_window(qtbot, library):
    from desktop.ui.main_window import MainWindow

    items = [(f"{o}.txt", ParsedArticle(title=f"{o} report", body=b, original_text=b, outlet=o))
             for o, b in (("Coastal Ledger", HARBOUR), ("Marenhal Tribune", TRIBUNE), ("Northern Courier", COURIER))]
    ids = [i for _p, i in library.importer.add_parsed(items).added]
    tag = library.tags.ensure_path("Economy/Exports")
    start = HARBOUR.index(CLAIM)
    claim = library.claims.create(ids[0], start, start + len(CLAIM), [tag.id])
    win = MainWindow(library)
    qtbot.addWidget(win)
    settle(qtbot)
    win.show()
    settle(qtbot)
    win.open_article(ids[0])
    settle(qtbot)
    win.tabs.setCurrentWidget(win.claims_panel)
    settle(qtbot)
    return win, ids, claim, tag


def click_claim(qtbot, win, row: int = 0) -> None:
    lst = win.claims_panel.list
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=lst.visualItemRect(lst.item(row)).center())
    settle(qtbot)


def test_link_by_hand_with_ctrl_l_then_undo(qtbot, linked_window, library):
    win, ids, claim, _tag = linked_window
    start = TRIBUNE.index("The weather")
    other = library.claims.create(ids[1], start, start + len("The weather in Marenhal stayed cold"))
    win.open_article(ids[0])
    settle(qtbot)
    click_claim(qtbot, win)
    settle(qtbot)
    assert win.claims_panel.current_id() == claim.id

    QTest.keySequence(win, QKeySequence("Ctrl+L"))
    settle(qtbot)
    dialog = win.linking.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.search, "weather")
    settle(qtbot)
    assert [dialog.list.item(i).isHidden() for i in range(dialog.list.count())] == [False]
    dialog.kind.setFocus()
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)  # repeats -> supports
    settle(qtbot)
    qtbot.keyClicks(dialog.note, "same week, other subject")
    settle(qtbot)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    settle(qtbot)
    assert not dialog.isVisible()

    (link,) = library.claims.links(claim.id)
    assert (link.to_claim_id, link.kind, link.note) == (other.id, "supports", "same week, other subject")
    assert library.claims.links(other.id)[0].from_claim_id == claim.id  # shown on both claims
    assert "supports" in win.claims_panel.links.text() and "other subject" in win.claims_panel.links.text()

    show_active(qtbot, win)  # the key goes to the window the person is back in
    QTest.keySequence(win, QKeySequence.StandardKey.Undo)
    settle(qtbot)
    assert library.claims.links(claim.id) == []
    assert win.claims_panel.links.text() == "—"


def test_accept_a_candidate_by_key_dismiss_another_and_undo_both(qtbot, linked_window, library):
    win, ids, claim, tag = linked_window
    click_claim(qtbot, win)
    settle(qtbot, win)
    found = win.elsewhere.list
    texts = [found.item(i).data(Qt.ItemDataRole.UserRole).text for i in range(found.count())]
    assert texts[0] == "The harbour authority said grain exports through Port Kessa fell by less than 5% in March."
    assert "Marenhal Tribune" in found.item(0).text()

    found.setFocus()
    found.setCurrentRow(0)
    settle(qtbot)
    qtbot.keyClick(found, Qt.Key.Key_A)
    settle(qtbot, win)
    (made,) = library.claims.for_article(ids[1])
    assert made.text == texts[0] and made.tag_ids == (tag.id,)
    assert [lk.other_text for lk in library.claims.links(claim.id)] == [texts[0]]
    assert "In 2 articles" in win.elsewhere.trail.text()
    remaining = [found.item(i).data(Qt.ItemDataRole.UserRole) for i in range(found.count())]
    assert [c.article_id for c in remaining if c] == [ids[2]]  # the other figure is still offered

    found.setFocus()
    found.setCurrentRow(0)
    settle(qtbot)
    qtbot.keyClick(found, Qt.Key.Key_X)
    settle(qtbot, win)
    assert library.similar.for_claim(claim.id) == []

    QTest.keySequence(win, QKeySequence.StandardKey.Undo)  # the dismissal
    settle(qtbot, win)
    assert [c.article_id for c in library.similar.for_claim(claim.id)] == [ids[2]]
    QTest.keySequence(win, QKeySequence.StandardKey.Undo)  # the accepted candidate
    settle(qtbot, win)
    assert library.claims.for_article(ids[1]) == [] and library.claims.links(claim.id) == []
    assert win.elsewhere.list.count() == 2


def test_the_dashboard_charts_linked_claims_per_outlet_and_a_click_lists_them(qtbot, linked_window, library):
    from tests.ui.test_dashboard_export import click_bar, dashboard

    win, ids, claim, _tag = linked_window
    start = TRIBUNE.index("The harbour authority")
    other = library.claims.create(ids[1], start, start + 40)
    library.claims.link(claim.id, other.id, "repeats")
    dash = dashboard(qtbot, win)
    chart = dash.view("trails").chart
    assert [(b.label, b.values) for b in chart.bars] == [("Coastal Ledger", (1,)), ("Marenhal Tribune", (1,))]
    dash.sig_filter_requested.connect(win.model.set_filter)
    settle(qtbot)
    click_bar(qtbot, dash.view("trails"), 0.3, 1)  # the second bar's row
    settle(qtbot)
    qtbot.waitUntil(lambda: win.model.filter.article_ids == (ids[1],))
    assert win.model.rowCount() == 1
