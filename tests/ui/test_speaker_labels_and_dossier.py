"""A quotation's speaker written after its closing mark (View ▸ Speaker labels), and the dossier's
quotations and claims opening their article at that place."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QPushButton

from desktop.ui.dialogs import TextDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.reader import CLOSING_MARKS
from tests.ui.conftest import BODY
from tests.ui.demo_window import show_active
from tests.ui.test_claim_and_article_dialogs import run_dialog
from tests.ui.test_demo_and_parent_tags import choose_from_menu
from tests.ui.test_merge_name import click_entity
from tests.ui.waiting import settle


def test_speaker_labels_follow_the_closing_mark_and_toggle_in_view(qtbot, window, library):
    show_active(qtbot, window)
    qtbot.waitUntil(lambda: window.reader.labels != [], timeout=10_000)  # drawn with the marks, once they arrive
    labels = window.reader.labels
    assert ("— Dalia Orsek" in [text for _at, text in labels]) and ("— Tomas Brenn" in [t for _a, t in labels])
    assert all(BODY[at] in CLOSING_MARKS for at, _text in labels)  # after the mark, not inside it
    with_labels = window.reader.viewport().grab().toImage()
    choose_from_menu(qtbot, window, "Alt+V", Qt.Key.Key_S)
    assert window.reader.labels == []
    assert window.reader.viewport().grab().toImage() != with_labels  # the labels were really drawn
    window.close()
    again = MainWindow(library)
    qtbot.addWidget(again)
    settle(qtbot)
    assert again.reader.labels == []  # the choice is kept


def test_dossier_quotation_opens_its_article_at_that_place(qtbot, monkeypatch, window, library):
    show_active(qtbot, window)
    window.tabs.setCurrentWidget(window.entities_panel)
    settle(qtbot)
    quote = "Exports will double by 2028,"

    def interact(dialog):
        view = dialog.view
        found = view.document().find(quote, 0, QTextDocument.FindFlag(0))
        assert not found.isNull()
        found.setPosition(found.selectionStart() + 3)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect(found).center())

    run_dialog(qtbot, monkeypatch, TextDialog, interact)
    click_entity(qtbot, window.entities_panel.tree, "Dalia Orsek")
    dossier = next(b for b in window.entities_panel.findChildren(QPushButton) if b.text() == "Dossier…")
    window.reader.select_span(0, 0)
    qtbot.mouseClick(dossier, Qt.MouseButton.LeftButton)
    settle(qtbot)
    start = BODY.index(quote)
    assert window.reader.selected_span() == (start, start + len(quote))
