"""Details a person notices: the date calendar's first page, a greyed-out claim editor, the shortcuts list."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QKeySequence

from desktop.ui.dialogs import dossier_html
from desktop.ui.menus import OTHER_KEYS, shortcut_rows
from tests.helpers import add_article
from tests.ui.waiting import settle


def _open_calendar(qtbot, edit):
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(edit.width() - 6, edit.height() // 2))
    calendar = edit.calendarWidget()
    qtbot.waitUntil(calendar.isVisible, timeout=2000)
    return calendar


def test_an_empty_date_filter_opens_its_calendar_on_the_newest_article(qtbot, window, library):
    add_article(library, "The Veltra council met on Friday about the harbour.", title="Council meets",
                published=dt.date(2026, 5, 2))
    window.refresh_library_views()
    settle(qtbot)
    calendar = _open_calendar(qtbot, window.filters.date_from)
    assert (calendar.yearShown(), calendar.monthShown()) == (2026, 5)
    calendar.window().hide()
    window.filters.date_to.setDate(QDate(2025, 11, 20))  # a date chosen: the calendar shows it
    settle(qtbot)
    assert (_open_calendar(qtbot, window.filters.date_to).yearShown(),
            window.filters.date_to.calendarWidget().monthShown()) == (2025, 11)


def test_an_empty_date_filter_in_a_library_without_dates_opens_on_this_month(qtbot, window):
    window.filters.set_newest(lambda: None)
    calendar = _open_calendar(qtbot, window.filters.date_from)
    today = QDate.currentDate()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())


def test_claim_editor_fields_look_alike_until_a_claim_is_chosen(qtbot, window):
    panel = window.claims_panel
    window.open_article(1)
    settle(qtbot)
    assert panel.list.count() == 0
    assert not panel.editor.isEnabled()
    assert (panel.speaker.placeholderText(), panel.note.placeholderText()) == ("", "")
    window.reader.select_span(0, 15)
    window.tagging.with_key(1)
    settle(qtbot)
    assert panel.editor.isEnabled() and panel.current_id() is not None
    assert panel.speaker.placeholderText() and panel.note.placeholderText()


def test_shortcuts_list_names_every_menu_shortcut(qtbot, window):
    rows = dict(shortcut_rows(window.menuBar()))
    for keys in ("Ctrl+R", "Ctrl+E", "Ctrl+Shift+D", "Ctrl+T", "F1"):
        native = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
        assert any(native in k.split(" / ") for k in rows), keys
        settle(qtbot)
    assert "Article ▸ Mark read" in rows.values()
    assert [k for k, _ in OTHER_KEYS][0] == "1 – 9"


def test_dossier_lists_claims_about_the_entity_from_the_library(window, library):
    orsek = next(e for e in library.entities.list(None) if e.name == "Dalia Orsek")
    body = library.articles.get(1).body
    start = body.index("Finance Minister Dalia Orsek")
    library.claims.create(1, start, start + len("Finance Minister Dalia Orsek said the harbour"))
    html = dossier_html(library.dossiers.get(orsek.id))
    assert "Claims about or by Dalia Orsek (1)" in html
    assert "<p>Person · " in html and " in 1 article</p>" in html
    assert "<small>unverified · Harbour figures</small>" in html  # no tags: no empty place for them
