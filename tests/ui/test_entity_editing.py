"""The Entities panel through the real window: rename, change type, split and merge from its buttons
and its right-click menu, the dossier, the whole-library scope, and a click that spotlights the
mentions; each edit is one step to undo. The dialogs are answered from the script (tests/gui.py)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog

from desktop.ui.dialogs import TextDialog
from desktop.ui.entities_panel import SplitDialog
from tests.helpers import add_article
from tests.ui.conftest import BODY
from tests.ui.driving import (
    activate,
    choose_from_context_menu,
    click,
    click_checkbox,
    click_tree_item,
    context_menu_entries,
    open_tab,
    press,
    settled,
    tree_items,
)


def entities(qtbot, win):
    activate(qtbot, win)
    win.open_article(1)
    settled()
    return open_tab(qtbot, win, "Entities")


def named(lib, article_id: int = 1) -> dict:
    return {e.name: e for e in lib.entities.list(article_id)}


def right_click(qtbot, panel, name: str, *path: str) -> None:
    item = tree_items(panel.tree)[name]
    panel.tree.setCurrentItem(item)
    pos = panel.tree.visualItemRect(item).center()
    choose_from_context_menu(qtbot, lambda: panel.tree.customContextMenuRequested.emit(pos), *path)


def test_rename_from_the_button_and_undo(qtbot, window, library, dialogs):
    panel = entities(qtbot, window)
    click_tree_item(qtbot, panel.tree, "Tomas Brenn")
    dialogs.text("Tomas Brenn-Alvik")
    click(qtbot, panel, "Rename…")
    qtbot.waitUntil(lambda: "Tomas Brenn-Alvik" in named(library))
    assert "Tomas Brenn-Alvik" in tree_items(panel.tree)
    assert dialogs.asked[0].title == "Rename entity"
    press(window, "Ctrl+Z")
    qtbot.waitUntil(lambda: "Tomas Brenn" in named(library))
    # the new name is no longer a spelling of his: a later article naming "Tomas Brenn-Alvik" is not him
    assert sorted(named(library)["Tomas Brenn"].aliases) == ["Brenn", "Tomas Brenn"]


def test_rename_cancelled_or_blank_changes_nothing(qtbot, window, library, dialogs):
    panel = entities(qtbot, window)
    click_tree_item(qtbot, panel.tree, "Tomas Brenn")
    dialogs.text(None).text("  ")
    click(qtbot, panel, "Rename…")
    click(qtbot, panel, "Rename…")
    assert "Tomas Brenn" in named(library)
    assert not window.undo_stack.canUndo()


def test_change_type_from_the_right_click_menu(qtbot, window, library, dialogs):
    panel = entities(qtbot, window)
    dialogs.item("ORG")
    right_click(qtbot, panel, "Zoë", "Change type…")
    qtbot.waitUntil(lambda: named(library)["Zoë"].type == "ORG")
    asked = dialogs.asked[0]
    assert asked.text == "Zoë is a…" and "PERSON" in asked.options
    groups = [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]
    assert any(g.startswith("Organisation") for g in groups)
    press(window, "Ctrl+Z")
    qtbot.waitUntil(lambda: named(library)["Zoë"].type == "PERSON")


def test_split_a_spelling_off_from_the_right_click_menu(qtbot, window, library, dialogs):
    panel = entities(qtbot, window)
    seen = {}

    def split_brenn(dialog: SplitDialog) -> None:
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        seen["ok before"] = ok.isEnabled()
        item = next(dialog.aliases.item(i) for i in range(dialog.aliases.count())
                    if dialog.aliases.item(i).text() == "Brenn")
        rect = dialog.aliases.visualItemRect(item)
        dialog.aliases.setCurrentItem(item)
        qtbot.keyClick(dialog.aliases, Qt.Key.Key_Space)  # ticks it, as the space bar does in a list
        seen["ok after"] = ok.isEnabled()
        qtbot.keyClicks(dialog.name, "Ivo Brenn")
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        seen["rect"] = rect.isValid()
    dialogs.dialog(SplitDialog, split_brenn)
    right_click(qtbot, panel, "Tomas Brenn", "Split off spellings…")
    qtbot.waitUntil(lambda: "Ivo Brenn" in named(library))
    assert seen == {"ok before": False, "ok after": True, "rect": True}
    assert named(library)["Tomas Brenn"].aliases == ("Tomas Brenn",)
    press(window, "Ctrl+Z")
    qtbot.waitUntil(lambda: "Ivo Brenn" not in named(library))
    assert set(named(library)["Tomas Brenn"].aliases) == {"Tomas Brenn", "Brenn"}


def test_split_is_offered_only_for_an_entity_with_several_spellings(qtbot, window, library):
    panel = entities(qtbot, window)

    def entries(name: str) -> dict[str, bool]:
        item = tree_items(panel.tree)[name]
        pos = panel.tree.visualItemRect(item).center()
        return context_menu_entries(qtbot, lambda: panel.tree.customContextMenuRequested.emit(pos))
    assert entries("Zoë")["Split off spellings"] is False
    assert entries("Tomas Brenn")["Split off spellings"] is True
    assert entries("Tomas Brenn")["Merge selected"] is False  # one entity chosen


def test_merge_selected_from_the_menu_asks_for_the_name(qtbot, window, library, dialogs):
    panel = entities(qtbot, window)
    click_tree_item(qtbot, panel.tree, "Dalia Orsek")
    item = tree_items(panel.tree)["Zoë"]
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     panel.tree.visualItemRect(item).center())
    offered = []

    def type_a_third_name(dialog: QInputDialog) -> None:
        offered.append(dialog.comboBoxItems())
        dialog.setTextValue("Dalia Orsek-Zoë")
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)
    dialogs.dialog(QInputDialog, type_a_third_name)
    pos = panel.tree.visualItemRect(item).center()
    choose_from_context_menu(qtbot, lambda: panel.tree.customContextMenuRequested.emit(pos), "Merge selected")
    qtbot.waitUntil(lambda: "Dalia Orsek-Zoë" in named(library))
    assert offered == [["Dalia Orsek", "Zoë"]]
    assert "Zoë" not in named(library) and "Dalia Orsek" not in named(library)
    press(window, "Ctrl+Z")  # the merge and its new name are one step
    qtbot.waitUntil(lambda: {"Dalia Orsek", "Zoë"} <= set(named(library)))


def test_merge_cancelled_merges_nothing(qtbot, window, library, dialogs):
    panel = entities(qtbot, window)
    click_tree_item(qtbot, panel.tree, "Dalia Orsek")
    item = tree_items(panel.tree)["Zoë"]
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     panel.tree.visualItemRect(item).center())
    dialogs.dialog(QInputDialog)  # closed with Esc
    click(qtbot, panel, "Merge…")
    assert {"Dalia Orsek", "Zoë"} <= set(named(library))
    assert not window.undo_stack.canUndo()


def test_merge_needs_two_selected(qtbot, window, library):
    panel = entities(qtbot, window)
    click_tree_item(qtbot, panel.tree, "Dalia Orsek")
    click(qtbot, panel, "Merge…")  # one chosen: no dialog (tests/gui.py would fail on one)
    assert len(named(library)) == 6


def test_dossier_lists_quotes_and_claims_about_the_entity(qtbot, window, library, dialogs):
    start = BODY.index("The figures are invented")
    library.claims.create(1, start, start + len("The figures are invented"), [library.tags.find("Opinion").id])
    panel = entities(qtbot, window)
    click_tree_item(qtbot, panel.tree, "Tomas Brenn")
    shown = []
    dialogs.dialog(TextDialog, lambda d: shown.append((d.windowTitle(), d.view.toPlainText())))
    click(qtbot, panel, "Dossier…")
    ((title, text),) = shown
    assert title == "Dossier: Tomas Brenn"
    assert "Quoted (1)" in text and "The figures are invented" in text
    assert "Also written: Brenn" in text


def test_a_quotation_clicked_in_the_reader_opens_its_speakers_dossier(qtbot, window, library, dialogs):
    activate(qtbot, window)
    window.open_article(1)
    settled()
    shown = []
    dialogs.dialog(TextDialog, lambda d: shown.append(d.windowTitle()))
    cursor = window.reader.document().find("figures are invented")
    cursor.setPosition(cursor.selectionStart() + 2)
    pos = window.reader.cursorRect(cursor).center()
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    settled()
    assert shown == ["Dossier: Tomas Brenn"]


def test_whole_library_scope_and_double_click_filters_the_list(qtbot, window, library):
    other = add_article(library, "Tomas Brenn visited the grain silos in Halvik on Monday.", title="Silos")
    library.importer.analyse([other], n_process=1)
    panel = entities(qtbot, window)
    assert tree_items(panel.tree)["Tomas Brenn"].text(1) == "2"  # in the open article
    click_checkbox(qtbot, panel.library_scope)
    qtbot.waitUntil(lambda: tree_items(panel.tree)["Tomas Brenn"].text(1) == "3")
    assert "Halvik" in tree_items(panel.tree)  # named only in the other article
    click_tree_item(qtbot, panel.tree, "Halvik", double=True)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.model.article_id(0) == other
    assert "naming Halvik" in window.filters.note.text()


def test_a_click_spotlights_the_entitys_mentions(qtbot, window, library):
    panel = entities(qtbot, window)
    click_tree_item(qtbot, panel.tree, "Tomas Brenn")
    spots = [s.cursor.selectedText() for s in window.reader.extraSelections()]
    assert spots.count("Tomas Brenn") == 1 and spots.count("Brenn") == 1  # both spellings, nothing else
    assert len(spots) == 2
