"""Help ▸ Add / Remove demo articles in a library that was not new, and a parent tag in the list's filter."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.services.demo import sample_paths
from tests.ui.demo_window import show_active
from tests.ui.test_keyboard import press
from tests.ui.waiting import settle


def choose_from_menu(qtbot, win, menu_keys: str, item_key: Qt.Key) -> None:
    press(win, menu_keys)
    settle(qtbot)
    menu = QApplication.activePopupWidget()
    assert menu is not None
    qtbot.keyClick(menu, item_key)
    settle(qtbot)
    QApplication.processEvents()


def test_help_adds_the_demo_to_any_library_and_removes_it_again(qtbot, window, library):
    show_active(qtbot, window)
    mine = library.articles.ids()
    library.claims.create(mine[0], 0, 15, [library.tags.list()[0].id])
    choose_from_menu(qtbot, window, "Alt+H", Qt.Key.Key_D)
    assert library.articles.count() == len(mine) + len(sample_paths())
    assert window.model.rowCount() == library.articles.count()
    demo = [i for i in library.articles.ids() if i not in mine]
    library.claims.create(demo[0], 0, 10, [library.tags.list()[0].id], note="my own")  # a person's work
    choose_from_menu(qtbot, window, "Alt+H", Qt.Key.Key_R)
    assert sorted(library.articles.ids()) == sorted([*mine, demo[0]])
    assert "kept because they carry your claims" in window.statusBar().currentMessage()
    assert [c.note for c in library.claims.for_article(demo[0])] == ["my own"]
    assert len(library.claims.for_article(mine[0])) == 1


def test_a_parent_tag_in_the_filter_lists_articles_tagged_with_its_children(qtbot, demo_window, demo_lib):
    win = demo_window
    parent = next(t for t in demo_lib.tags.list() if t.name == "Factual claim")
    child = next(t for t in demo_lib.tags.list() if t.parent_id == parent.id and demo_lib.claims.all(tag_id=t.id))
    tagged = {c.article_id for c in demo_lib.claims.all(tag_id=child.id)}
    assert not demo_lib.claims.all(tag_id=parent.id)  # only the child carries claims
    win.filters.tag.setFocus()
    qtbot.keyClicks(win.filters.tag, "Factual claim")
    settle(qtbot)
    qtbot.waitUntil(lambda: win.model.filter.tag_id == parent.id, timeout=2000)
    assert set(win.model.ids()) == tagged
