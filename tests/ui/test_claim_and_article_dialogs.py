"""The claim's tags as a checklist and one dialog for an article's details, driven by keys and clicks."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel

from desktop.ui.claim_tags_dialog import ClaimTagsDialog
from desktop.ui.details_dialog import DetailsDialog
from tests.ui.test_keyboard import key, press
from tests.ui.waiting import settle


def run_dialog(qtbot, monkeypatch, cls, interact) -> list:
    """Let the real dialog open, have the test act on it with keys and clicks, and return what it returns."""
    seen = []

    def exec_(self):
        self.show()
        seen.append(self)
        interact(self)
        self.hide()
        self.parentWidget().activateWindow()  # as when a modal dialog closes: its window has the keys again
        qtbot.waitUntil(lambda: QApplication.activeWindow() is self.parentWidget())
        return self.result()

    monkeypatch.setattr(cls, "exec", exec_)
    return seen


def click_ok(qtbot, dialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def type_into(qtbot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def test_tags_dialog_shows_the_claims_tags_ticked_and_unticks_one(qtbot, monkeypatch, demo_window, demo_lib):
    win = demo_window
    claim = next(c for c in demo_lib.claims.all() if len(c.tag_ids) == 1)
    win.table.setFocus()
    while win.reader.article.id != claim.article_id:
        press(win, "Ctrl+Down")
        settle(qtbot)
    press(win, "Alt+3")
    settle(qtbot)
    while win.claims_panel.current_id() != claim.id:
        key(win, Qt.Key.Key_Down)
    other = next(t for t in win.codebook_actions.tags if t.id not in claim.tag_ids and t.parent_id is None)
    had = next(t for t in win.codebook_actions.tags if t.id == claim.tag_ids[0])
    shown = {}

    def interact(dialog):
        shown["title"] = dialog.windowTitle()
        shown["ticked"] = [dialog.list.item(i).text() for i in range(dialog.list.count())
                           if dialog.list.item(i).checkState() == Qt.CheckState.Checked]
        for tag in (other, had):  # type to find a tag, Enter ticks or unticks it
            type_into(qtbot, dialog.search, tag.path)
            qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
        click_ok(qtbot, dialog)

    run_dialog(qtbot, monkeypatch, ClaimTagsDialog, interact)
    qtbot.mouseClick(win.claims_panel.tags_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert shown == {"title": "Tags of the claim", "ticked": [had.path]}
    assert demo_lib.claims.get(claim.id).tag_ids == (other.id,)
    press(win, "Ctrl+Z")
    settle(qtbot)
    assert demo_lib.claims.get(claim.id).tag_ids == claim.tag_ids


def test_correct_details_is_one_dialog_with_a_date_and_the_found_values(qtbot, monkeypatch, demo_window, demo_lib):
    win = demo_window
    article = win.reader.article
    shown = {}

    def interact(dialog):
        shown["title"] = dialog.fields["title"].text()
        shown["found"] = [lbl.text() for lbl in dialog.findChildren(QLabel) if lbl.text().startswith("found")]
        type_into(qtbot, dialog.fields["author"], "Mira Tallis")
        date = dialog.published
        date.setFocus()
        key_date(qtbot, date, "2026-01-15")
        click_ok(qtbot, dialog)

    run_dialog(qtbot, monkeypatch, DetailsDialog, interact)
    press(win, "Alt+A")
    settle(qtbot)
    menu = QApplication.activePopupWidget()
    assert menu is not None and "Correct details…" in [a.text().replace("&", "") for a in menu.actions()]
    qtbot.keyClick(menu, Qt.Key.Key_C)
    settle(qtbot)
    assert shown["title"] == article.title
    assert f"found in the file: {article.found['published'].isoformat()}" in shown["found"]
    again = demo_lib.articles.get(article.id)
    assert (again.author, again.published) == ("Mira Tallis", dt.date(2026, 1, 15))
    assert again.found["author"] == article.found["author"]  # what the reader found is kept beside it
    assert QApplication.focusWidget() is win.search  # an empty search box has nothing of its own to undo
    press(win, "Ctrl+Z")
    settle(qtbot)
    again = demo_lib.articles.get(article.id)
    assert (again.author, again.published) == (article.author, article.published)


def key_date(qtbot, edit, iso: str) -> None:
    """Select the whole date and type another over it."""
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, iso)


@pytest.fixture(autouse=True)
def _no_real_modal(monkeypatch):
    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
