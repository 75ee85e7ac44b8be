"""Codebook drag and drop: a drop through the tree's model moves the tag in the library, and undo puts it back."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from tests.ui.waiting import settle


def _layout(library) -> list[tuple[str, str | None, int]]:
    names = {t.id: t.name for t in library.tags.list()}
    return [(t.name, names.get(t.parent_id), t.sort_order) for t in library.tags.list()]


def _drop(window, name: str, onto: str | None, row: int = -1) -> bool:
    """Drop a tag as the view does: the mime data the view makes for the dragged row, into the model."""
    tree = window.codebook_panel.tree
    model = tree.model()
    dragged = _index(tree, name)
    target = _index(tree, onto) if onto else QModelIndex()
    mime = model.mimeData([dragged])
    return model.dropMimeData(mime, Qt.DropAction.MoveAction, row, -1 if row < 0 else 0, target)


def _index(tree, name: str) -> QModelIndex:
    found = tree.findItems(name, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 0)
    assert found, name
    return tree.indexFromItem(found[0])


def _children(library, parent: str | None) -> list[str]:
    tags = library.tags.list()
    parent_id = next((t.id for t in tags if t.name == parent), None)
    return [t.name for t in tags if t.parent_id == parent_id]


def test_dropping_a_tag_onto_another_nests_it_and_undo_restores(qtbot, window, library):
    before = _layout(library)
    assert _drop(window, "Prediction", onto="Framing")
    settle(qtbot)
    assert _children(library, "Framing") == ["Loaded language", "Missing context", "Prediction"]
    assert "Prediction" not in _children(library, None)
    tree = window.codebook_panel.tree
    assert tree.findItems("Prediction", Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)[0].parent().text(0) \
        == "Framing"  # the tree is redrawn from the library
    window.undo_stack.undo()
    settle(qtbot)
    assert _layout(library) == before
    window.undo_stack.redo()
    settle(qtbot)
    assert _children(library, "Framing")[-1] == "Prediction"


def test_dropping_between_two_tags_reorders_them_in_one_undo_step(qtbot, window, library):
    top = _children(library, None)
    opinion_row = top.index("Opinion")
    causal_row = top.index("Causal claim")
    assert causal_row < opinion_row
    before = _layout(library)
    assert _drop(window, "Opinion", onto=None, row=causal_row)  # above "Causal claim"
    settle(qtbot)
    expected = [t for t in top if t != "Opinion"]
    expected.insert(causal_row, "Opinion")
    assert _children(library, None) == expected
    orders = [t.sort_order for t in library.tags.list() if t.parent_id is None]
    assert orders == sorted(set(orders))  # renumbered, no two siblings share a place
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    settle(qtbot)
    assert _layout(library) == before


def test_a_tag_cannot_be_dropped_inside_its_own_child(qtbot, window, library):
    before = _layout(library)
    _drop(window, "Factual claim", onto="Statistic")
    settle(qtbot)
    assert _layout(library) == before
    assert window.undo_stack.count() == 0
    assert "cannot go inside" in window.statusBar().currentMessage()
