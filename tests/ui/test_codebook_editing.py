"""The Codebook panel's buttons through the real window: add, add a child, rename, colour, describe and
delete tags, each one step to undo with Ctrl+Z; a name a sibling already has is refused with a message;
a double-click lists the tag's articles. The dialogs are answered from the script (tests/gui.py)."""
from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.driving import activate, click, click_tree_item, open_tab, press, settled, tree_items


def codebook(qtbot, win):
    activate(qtbot, win)
    return open_tab(qtbot, win, "Codebook")


def tag_named(lib, name: str):
    return next((t for t in lib.tags.list() if t.name == name), None)


def test_add_a_tag_and_undo_it(qtbot, window, library, dialogs):
    panel = codebook(qtbot, window)
    dialogs.text("Harbour fees")
    click(qtbot, panel, "Add")
    qtbot.waitUntil(lambda: tag_named(library, "Harbour fees") is not None)
    assert tag_named(library, "Harbour fees").parent_id is None
    assert "Harbour fees" in tree_items(panel.tree)
    assert dialogs.asked[0].title == "New tag"
    press(window, "Ctrl+Z")
    qtbot.waitUntil(lambda: tag_named(library, "Harbour fees") is None)
    assert "Harbour fees" not in tree_items(panel.tree)


def test_an_empty_or_cancelled_name_adds_nothing(qtbot, window, library, dialogs):
    panel = codebook(qtbot, window)
    before = [t.path for t in library.tags.list()]
    dialogs.text("   ")
    click(qtbot, panel, "Add")
    dialogs.text(None)
    click(qtbot, panel, "Add")
    assert [t.path for t in library.tags.list()] == before
    assert not window.undo_stack.canUndo()


def test_add_a_child_under_the_chosen_tag(qtbot, window, library, dialogs):
    panel = codebook(qtbot, window)
    click_tree_item(qtbot, panel.tree, "Economy")
    dialogs.text("Port charges")
    click(qtbot, panel, "Add child")
    qtbot.waitUntil(lambda: tag_named(library, "Port charges") is not None)
    assert library.tags.get(tag_named(library, "Port charges").id).path == "Economy/Port charges"
    items = tree_items(panel.tree)
    assert items["Port charges"].parent() is items["Economy"]


def test_rename_a_tag_keeps_its_claims(qtbot, window, library, dialogs):
    opinion = tag_named(library, "Opinion")
    claim = library.claims.create(1, 0, 16, [opinion.id]).id
    window.open_article(1)
    settled()
    panel = codebook(qtbot, window)
    click_tree_item(qtbot, panel.tree, "Opinion")
    dialogs.text("Commentary")
    click(qtbot, panel, "Rename")
    qtbot.waitUntil(lambda: library.tags.get(opinion.id).name == "Commentary")
    assert library.claims.get(claim).tag_names == ("Commentary",)
    assert "Commentary" in tree_items(panel.tree) and "Opinion" not in tree_items(panel.tree)
    assert panel.tree.currentItem().text(0) == "Commentary"  # the person's place in the tree stays
    press(window, "Ctrl+Z")
    qtbot.waitUntil(lambda: library.tags.get(opinion.id).name == "Opinion")


def test_a_name_a_sibling_has_is_refused_with_a_message(qtbot, window, library, dialogs):
    panel = codebook(qtbot, window)
    click_tree_item(qtbot, panel.tree, "Opinion")
    dialogs.text("Policy")
    dialogs.message("Policy")
    click(qtbot, panel, "Rename")
    assert library.tags.get(tag_named(library, "Opinion").id).name == "Opinion"
    assert [t.name for t in library.tags.list()].count("Policy") == 1
    assert not window.undo_stack.canUndo()


def test_recolour_a_tag_redraws_its_claims(qtbot, window, library, dialogs):
    opinion = tag_named(library, "Opinion")
    library.claims.create(1, 0, 16, [opinion.id])
    window.open_article(1)
    settled()
    panel = codebook(qtbot, window)
    click_tree_item(qtbot, panel.tree, "Opinion")
    dialogs.colour("#123456")
    click(qtbot, panel, "Colour")
    qtbot.waitUntil(lambda: library.tags.get(opinion.id).color == "#123456")
    icon = tree_items(panel.tree)["Opinion"].icon(0).pixmap(12, 12).toImage()
    assert icon.pixelColor(6, 6).name() == "#123456"
    underline = window.reader.document().find("Finance Minister")
    underline.setPosition(underline.selectionStart() + 3)
    assert underline.charFormat().underlineColor().name() == "#123456"


def test_a_cancelled_colour_changes_nothing(qtbot, window, library, dialogs):
    panel = codebook(qtbot, window)
    click_tree_item(qtbot, panel.tree, "Opinion")
    before = tag_named(library, "Opinion").color
    dialogs.colour(None)
    click(qtbot, panel, "Colour")
    assert tag_named(library, "Opinion").color == before
    assert not window.undo_stack.canUndo()


def test_describe_a_tag_shows_the_description_under_the_tree(qtbot, window, library, dialogs):
    panel = codebook(qtbot, window)
    click_tree_item(qtbot, panel.tree, "Prediction")
    dialogs.multiline("A claim about what will happen,\nwith a date or a figure.")
    click(qtbot, panel, "Describe")
    qtbot.waitUntil(lambda: tag_named(library, "Prediction").description.startswith("A claim about"))
    click_tree_item(qtbot, panel.tree, "Opinion")
    click_tree_item(qtbot, panel.tree, "Prediction")
    assert panel.description.text() == "A claim about what will happen,\nwith a date or a figure."
    assert "A claim about what will happen" in tree_items(panel.tree)["Prediction"].toolTip(0)


def test_delete_a_tag_and_undo_brings_it_back_with_its_claims(qtbot, window, library, dialogs):
    follow = tag_named(library, "Follow up")
    claim = library.claims.create(1, 0, 16, [follow.id]).id
    window.open_article(1)
    settled()
    panel = codebook(qtbot, window)
    click_tree_item(qtbot, panel.tree, "Follow up")
    click(qtbot, panel, "Delete")
    qtbot.waitUntil(lambda: tag_named(library, "Follow up") is None)
    assert "Follow up" not in tree_items(panel.tree)
    press(window, "Ctrl+Z")
    qtbot.waitUntil(lambda: tag_named(library, "Follow up") is not None)
    assert library.claims.get(claim).tag_names == ("Follow up",)


def test_buttons_do_nothing_without_a_chosen_tag(qtbot, window, library):
    panel = codebook(qtbot, window)
    panel.tree.setCurrentItem(None)
    before = [(t.path, t.color, t.description) for t in library.tags.list()]
    for label in ("Add child", "Rename", "Colour", "Describe", "Delete"):
        click(qtbot, panel, label)  # no dialog may open: tests/gui.py fails the test if one does
    assert [(t.path, t.color, t.description) for t in library.tags.list()] == before


def test_number_keys_follow_the_codebook_order(qtbot, window, library, dialogs):
    panel = codebook(qtbot, window)
    keys = {item.text(0): item.text(1) for item in tree_items(panel.tree).values()}
    assert (keys["Factual claim"], keys["Statistic"], keys["Prediction"]) == ("1", "2", "6")
    assert keys["Missing context"] == "" and keys["Follow up"] == ""  # only the first nine have a key
    click_tree_item(qtbot, panel.tree, "Causal claim")
    click(qtbot, panel, "Delete")
    qtbot.waitUntil(lambda: tag_named(library, "Causal claim") is None)
    keys = {item.text(0): item.text(1) for item in tree_items(panel.tree).values()}
    assert (keys["Prediction"], keys["Missing context"]) == ("5", "9")
    window.open_article(1)
    settled()
    window.reader.select_span(4, 16)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_5)
    settled()
    qtbot.waitUntil(lambda: len(library.claims.all()) == 1)
    assert library.claims.all()[0].tag_names == ("Prediction",)


def test_double_click_lists_the_tags_articles(qtbot, window, library):
    from tests.helpers import add_article

    other = add_article(library, "The customs office in Lund Bay reopened on Friday.", title="Customs")
    library.claims.create(other, 4, 17, [tag_named(library, "Policy").id])
    window.refresh_library_views()
    settled()
    panel = codebook(qtbot, window)
    click_tree_item(qtbot, panel.tree, "Policy", double=True)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.model.article_id(0) == other
    assert window.filters.isVisible()
