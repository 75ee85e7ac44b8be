"""Merging entities asks which name stays, offering the most frequent full name; chosen by keys and clicks."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QPushButton

from tests.ui.demo_window import show_active
from tests.ui.test_claim_and_article_dialogs import run_dialog
from tests.ui.waiting import settle


def click_entity(qtbot, tree, name: str, extend: bool = False) -> None:
    item = next(tree.topLevelItem(i).child(j) for i in range(tree.topLevelItemCount())
                for j in range(tree.topLevelItem(i).childCount()) if tree.topLevelItem(i).child(j).text(0) == name)
    tree.scrollToItem(item)
    modifier = Qt.KeyboardModifier.ControlModifier if extend else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, modifier, tree.visualItemRect(item).center())


def test_merge_asks_for_the_name_and_offers_the_full_one(qtbot, monkeypatch, window, library):
    show_active(qtbot, window)
    window.tabs.setCurrentWidget(window.entities_panel)
    settle(qtbot)
    offered = {}

    def interact(dialog):
        offered["default"] = dialog.textValue()
        offered["items"] = dialog.comboBoxItems()
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)

    run_dialog(qtbot, monkeypatch, QInputDialog, interact)
    tree = window.entities_panel.tree
    click_entity(qtbot, tree, "Zoë")
    click_entity(qtbot, tree, "Dalia Orsek", extend=True)
    merge = next(b for b in window.entities_panel.findChildren(QPushButton) if b.text() == "Merge…")
    qtbot.mouseClick(merge, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert offered == {"default": "Dalia Orsek", "items": ["Dalia Orsek", "Zoë"]}  # the full name first
    people = {e.name: e for e in library.entities.list(1)}
    assert "Zoë" not in people and "Zoë" in people["Dalia Orsek"].aliases


def test_merge_keeps_a_typed_name(qtbot, monkeypatch, window, library):
    show_active(qtbot, window)
    window.tabs.setCurrentWidget(window.entities_panel)
    settle(qtbot)

    def interact(dialog):
        combo = dialog.findChild(type(window.filters.tag))
        combo.setFocus()
        qtbot.keyClick(combo, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(combo, "Harbour speakers")
        qtbot.keyClick(combo, Qt.Key.Key_Return)

    run_dialog(qtbot, monkeypatch, QInputDialog, interact)
    tree = window.entities_panel.tree
    click_entity(qtbot, tree, "Dalia Orsek")
    click_entity(qtbot, tree, "Tomas Brenn", extend=True)
    qtbot.mouseClick(next(b for b in window.entities_panel.findChildren(QPushButton) if b.text() == "Merge…"),
                     Qt.MouseButton.LeftButton)
    settle(qtbot)
    names = {e.name for e in library.entities.list(1)}
    assert "Harbour speakers" in names and "Dalia Orsek" not in names and "Tomas Brenn" not in names
