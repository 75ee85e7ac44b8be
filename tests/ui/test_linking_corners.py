"""Linking claims when there is nothing to link: Ctrl+L says why instead of opening an empty dialog;
the claims list's right-click menu offers the link and the look elsewhere."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from desktop.ui.link_dialog import LinkDialog
from tests.ui.conftest import BODY
from tests.ui.driving import (
    activate,
    choose_from_context_menu,
    context_menu_entries,
    open_tab,
    press,
    settled,
)


def shown_link_dialog() -> LinkDialog | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, LinkDialog) and w.isVisible()), None)


def tag(qtbot, win, lib, passage: str) -> int:
    start = BODY.index(passage)
    win.reader.select_span(start, start + len(passage))
    win.reader.setFocus()
    count = len(lib.claims.all())
    qtbot.keyClick(win.reader, Qt.Key.Key_1)
    settled()
    qtbot.waitUntil(lambda: len(lib.claims.all()) == count + 1)
    return max(c.id for c in lib.claims.all())


def test_ctrl_l_without_a_chosen_claim_or_another_claim_says_why(qtbot, window, library):
    activate(qtbot, window)
    window.open_article(1)
    settled()
    press(window, "Ctrl+L")
    assert window.statusBar().currentMessage() == "Choose a claim in the Claims panel to link it"
    tag(qtbot, window, library, "3.2 million tonnes of grain")
    panel = open_tab(qtbot, window, "Claims")
    panel.list.setCurrentRow(0)
    press(window, "Ctrl+L")
    assert window.statusBar().currentMessage() == "There is no other claim to link to yet"
    assert shown_link_dialog() is None


def test_the_claims_right_click_menu_offers_the_link_for_the_claim_under_the_mouse(qtbot, window, library):
    activate(qtbot, window)
    window.open_article(1)
    settled()
    first = tag(qtbot, window, library, "3.2 million tonnes of grain")
    tag(qtbot, window, library, "The figures are invented")
    panel = open_tab(qtbot, window, "Claims")
    row = next(i for i in range(panel.list.count()) if panel.list.item(i).data(Qt.ItemDataRole.UserRole) == first)
    pos = panel.list.visualItemRect(panel.list.item(row)).center()
    entries = context_menu_entries(qtbot, lambda: panel.list.customContextMenuRequested.emit(pos))
    assert set(entries) == {"Link claim", "Look elsewhere in the library"}
    assert panel.current_id() == first  # the right-clicked claim is the one chosen


def test_right_click_link_claim_opens_the_link_dialog_for_the_claim_under_the_mouse(qtbot, window, library):
    activate(qtbot, window)
    window.open_article(1)
    settled()
    first = tag(qtbot, window, library, "3.2 million tonnes of grain")
    second = tag(qtbot, window, library, "The figures are invented")
    panel = open_tab(qtbot, window, "Claims")
    row = next(i for i in range(panel.list.count()) if panel.list.item(i).data(Qt.ItemDataRole.UserRole) == first)
    pos = panel.list.visualItemRect(panel.list.item(row)).center()

    def right_click() -> None:
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, panel.list.viewport().mapToGlobal(pos))
        QApplication.sendEvent(panel.list.viewport(), event)
    choose_from_context_menu(qtbot, right_click, "Link claim")
    qtbot.waitUntil(lambda: shown_link_dialog() is not None)
    dialog = shown_link_dialog()
    assert [dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.list.count())] == [second]
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [link.to_claim_id for link in library.claims.links(first)] == [second])
