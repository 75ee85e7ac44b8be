"""The window as a person meets it: the list's columns, filters, the reader's menu, split, palettes, restart."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from desktop.ui import theme
from desktop.ui.entities_panel import SplitDialog
from desktop.ui.main_window import MainWindow
from tests.helpers import add_article
from tests.ui.conftest import BODY
from tests.ui.waiting import settle


def test_default_window_shows_every_column_of_the_list_in_full(qtbot, window):
    window.resize(1500, 900)
    window.default_split()
    qtbot.waitUntil(lambda: window.table.viewport().width() > 300)
    header = window.table.horizontalHeader()
    used = sum(header.sectionSize(c) for c in range(window.model.columnCount()))
    assert used <= window.table.viewport().width()  # no column pushed out of sight
    date = window.table.fontMetrics().horizontalAdvance("2026-03-03")
    assert header.sectionSize(2) > date
    assert header.sectionSize(0) == max(header.sectionSize(c) for c in range(6))  # the title gets the most


def test_window_can_shrink_to_a_small_laptop_screen(window):
    assert window.minimumSizeHint().width() <= 1000


def test_person_arranged_columns_survive_a_resize_and_a_restart(qtbot, window, library):
    window.table.horizontalHeader().resizeSection(1, 200)
    window.resize(1300, 800)
    assert window.table.horizontalHeader().sectionSize(1) == 200
    window.tabs.setCurrentWidget(window.codebook_panel)
    settle(qtbot)
    window.splitter.setSizes([420, 600])
    window.close()
    again = MainWindow(library)
    qtbot.addWidget(again)
    settle(qtbot)
    again.show()
    settle(qtbot)
    again.resize(1300, 800)  # the offscreen screen is 800 px wide, which clamps the restored geometry
    assert again.table.horizontalHeader().sectionSize(1) == 200
    assert again.tabs.currentWidget() is again.codebook_panel
    assert again.splitter.sizes()[0] == 420


def test_filters_by_date_range_and_tag(qtbot, window, library):
    add_article(library, "The council met on Friday to discuss the harbour.", title="Council meets",
                outlet="Veltra Today", published=dt.date(2026, 5, 2))
    window.refresh_library_views()
    settle(qtbot)
    assert window.model.rowCount() == 2
    window.filters.date_from.setDate(QDate(2026, 5, 1))
    settle(qtbot)
    window.apply_filters()
    settle(qtbot)
    assert [window.model.data(window.model.index(r, 0)) for r in range(window.model.rowCount())] == ["Council meets"]
    window.filters.reset()
    settle(qtbot)
    assert window.model.rowCount() == 2

    window.open_article(1)
    settle(qtbot)
    window.reader.select_span(0, 15)
    window.tagging.with_key(1)
    settle(qtbot)
    tag_id = library.claims.all()[0].tag_ids[0]
    window.filters.tag.setCurrentIndex(window.filters.tag.findData(tag_id))
    settle(qtbot)
    window.apply_filters()
    settle(qtbot)
    assert window.model.ids() == [1]


def test_codebook_double_click_filter_shows_in_the_tag_box(qtbot, window, library):
    tag = library.tags.list()[0]
    window.codebook_panel.sig_filter.emit(tag.id)
    settle(qtbot)
    assert window.filters.tag.currentData() == tag.id
    assert window.model.filter.tag_id == tag.id


def test_reader_context_menu_tags_the_selection(qtbot, window, library):
    window.open_article(1)
    settle(qtbot)
    start = BODY.index("Exports will double")
    window.reader.select_span(start, start + len("Exports will double by 2028"))
    menu = window.reader.context_menu()
    (submenu,) = [a.menu() for a in menu.actions() if a.menu() is not None]
    first = submenu.actions()[0]
    assert first.text().startswith("&1 ")
    first.trigger()
    settle(qtbot)
    assert [c.text for c in library.claims.all()] == ["Exports will double by 2028"]
    window.reader.select_span(start, start)  # no selection: no tag entries
    assert all(a.menu() is None for a in window.reader.context_menu().actions())


def test_split_off_a_spelling_from_the_panel(qtbot, window, library, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "exec", lambda self: 1)  # merge under the name offered (test_merge_name)
    window.open_article(1)
    settle(qtbot)
    ents = {e.name: e.id for e in library.entities.list(1)}
    window.entities_panel.sig_merge.emit([ents["Zoë"]], ents["Dalia Orsek"])
    settle(qtbot)
    assert "Zoë" not in {e.name for e in library.entities.list(1)}

    def choose_zoe(dialog: SplitDialog) -> int:
        for i in range(dialog.aliases.count()):
            if dialog.aliases.item(i).text() == "Zoë":
                dialog.aliases.item(i).setCheckState(dialog.aliases.item(i).checkState().Checked)
        return 1

    monkeypatch.setattr(SplitDialog, "exec", choose_zoe)
    window.entities_panel.sig_split.emit(ents["Dalia Orsek"])
    settle(qtbot)
    names = {e.name for e in library.entities.list(1)}
    assert {"Zoë", "Dalia Orsek"} <= names
    window.undo_stack.undo()
    settle(qtbot)
    assert "Zoë" not in {e.name for e in library.entities.list(1)}


def test_split_dialog_refuses_all_or_none_of_the_spellings(qtbot, library):
    from desktop.services.dto import EntityInfo

    info = EntityInfo(1, "Dalia Orsek", "PERSON", ("Dalia Orsek", "Orsek"), 3, 1)
    dialog = SplitDialog(info)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.aliases.item(1).setCheckState(dialog.aliases.item(1).checkState().Checked)
    assert ok.isEnabled() and dialog.chosen() == ["Orsek"]
    dialog.aliases.item(0).setCheckState(dialog.aliases.item(0).checkState().Checked)
    assert not ok.isEnabled()


def test_dark_palette_repaints_the_highlights(qtbot, window):
    window.open_article(1)
    settle(qtbot)
    light = theme.entity_colour("PERSON")
    try:
        window.set_scheme("dark")
        settle(qtbot)
        assert QApplication.instance().palette().color(QPalette.ColorRole.Window).lightness() < 128
        assert theme.entity_colour("PERSON") != light
        start = BODY.index("Dalia Orsek")
        cursor = window.reader.textCursor()
        cursor.setPosition(start + 2)
        assert cursor.charFormat().background().color() == theme.entity_colour("PERSON")
        assert window.settings.get("view/scheme") == "dark"
    finally:
        window.set_scheme("light")
        settle(qtbot)
    assert QApplication.instance().palette().color(QPalette.ColorRole.Window).lightness() >= 128
