"""Article and user text in labels, tooltips and lists is shown as text, never rendered as markup
(issue 18, item 14: an article's <font size=7> drew giant red letters in the claims panel)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from tests.helpers import add_article
from tests.ui.waiting import settle

FIRST = "The harbour board of Port Kessa wrote <font color=red size=7>BIG RED</font> in its minutes on Monday."
SECOND = "Osterlund's clerk copied <font color=red size=7>BIG RED</font> from the minutes of Port Kessa."


def _click_claim(qtbot, window, row: int = 0) -> None:
    panel = window.claims_panel
    window.tabs.setCurrentWidget(panel)
    settle(qtbot)
    rect = panel.list.visualItemRect(panel.list.item(row))
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    settle(qtbot)


def test_linked_and_tags_labels_show_article_and_tag_text_literally(qtbot, window, library):
    a = add_article(library, FIRST, title="<b>Board minutes</b>")
    b = add_article(library, SECOND, title="Clerk <i>copies</i>")
    tag = library.tags.ensure_path("<font size=7>tilted").id
    start = FIRST.index("<font")
    first = library.claims.create(a, start, FIRST.index(" in its"), [tag], note="<b>check</b>")
    start2 = SECOND.index("<font")
    second = library.claims.create(b, start2, SECOND.index(" from"), [tag])
    library.claims.link(first.id, second.id, "repeats")
    window.refresh_library_views()
    settle(qtbot)
    window.open_article(a)
    settle(qtbot)
    _click_claim(qtbot, window)
    settle(qtbot)
    panel = window.claims_panel
    assert panel.current_id() == first.id
    assert "<font color=red size=7>BIG RED</font>" in panel.links.text()
    assert "Clerk <i>copies</i>" in panel.links.text()
    assert panel.links.textFormat() == Qt.TextFormat.PlainText
    assert panel.tags.text() == "<font size=7>tilted" and panel.tags.textFormat() == Qt.TextFormat.PlainText
    # Drawn as text: a label rendering size=7 markup would be several lines tall.
    assert panel.links.sizeHint().height() < 4 * panel.fontMetrics().height()


def test_reader_tooltip_shows_names_and_notes_as_text(qtbot, window, library):
    a = add_article(library, FIRST, title="Board minutes")
    tag = library.tags.ensure_path("<font size=7>tilted").id
    start = FIRST.index("<font")
    library.claims.create(a, start, FIRST.index(" in its"), [tag], note="<b>check</b> the minutes")
    window.refresh_library_views()
    settle(qtbot)
    window.open_article(a)
    settle(qtbot)
    reader = window.reader
    cursor = reader.textCursor()
    cursor.setPosition(reader._map.to_qt(start + 3))
    at = reader.cursorRect(cursor).center()
    event = QHelpEvent(QEvent.Type.ToolTip, at, reader.viewport().mapToGlobal(at))
    QApplication.sendEvent(reader, event)
    shown = QToolTip.text()
    assert "&lt;font size=7&gt;tilted" in shown and "&lt;b&gt;check&lt;/b&gt; the minutes" in shown
    assert "<font size=7>tilted" not in shown


def test_article_list_tooltips_escape_titles(qtbot, window, library):
    a = add_article(library, FIRST, title="<font size=7>Huge</font> minutes")
    window.refresh_library_views()
    settle(qtbot)
    row = window.model.row_of(a)
    tip = window.model.data(window.model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    assert "&lt;font size=7&gt;Huge&lt;/font&gt; minutes" in tip and "<font" not in tip
