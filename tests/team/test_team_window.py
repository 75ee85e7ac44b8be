"""Two windows on one library, as two colleagues have them: each sees the other's work, stale edits are
refused and explained, blind coding, a claim's history, and the disagreements one key from the article."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog

from desktop.services import Library, identity
from tests.gui_thread_guard import gui_thread_guard
from tests.helpers import add_article
from tests.ui.waiting import settle

pytestmark = pytest.mark.usefixtures("gui_env")  # the same as every GUI test's (tests/gui.py)

BODY = ("The harbour board of Osterlund said the ferry fare would rise by a third in June. "
        "Fuel prices on the islands rose by a fifth over the winter, the board added.")


@pytest.fixture(autouse=True)
def no_database_work_on_the_gui_thread():
    with gui_thread_guard() as found:  # the windows' database work stays off the GUI thread
        yield
    assert not found, "window code used the database on the GUI thread:\n" + "\n".join(found[:3])


def _window(qtbot, lib):
    from desktop.ui.main_window import MainWindow

    win = MainWindow(lib)
    qtbot.addWidget(win)
    settle(qtbot)
    win.show()
    settle(qtbot)
    win.open_article(1)
    settle(qtbot)
    return win


def _press(qtbot, win, keys: str) -> None:
    """A shortcut as a person types it, into the active window, through Qt's shortcut dispatch."""
    win.activateWindow()
    settle(qtbot)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=2000)
    QTest.keySequence(win, QKeySequence(keys))
    settle(qtbot)


def _tag(qtbot, win, passage: str, key=Qt.Key.Key_1) -> None:
    start = BODY.index(passage)
    win.reader.select_span(start, start + len(passage))
    qtbot.keyClick(win.reader, key)
    settle(qtbot)


@pytest.fixture
def desks(qtbot, shared_url):
    mara = Library.open(shared_url, annotator="Mara Veld")
    tomas = Library.open(shared_url, annotator="Tomas Irle")
    add_article(mara, BODY, title="Ferry fares")
    yield _window(qtbot, mara), _window(qtbot, tomas)
    mara.close()
    tomas.close()


def test_each_window_shows_the_others_new_claim_within_five_seconds(qtbot, desks):
    mara, tomas = desks
    _tag(qtbot, tomas, "Fuel prices on the islands")
    own = tomas.claims_panel.current_id()
    scroll = tomas.table.verticalScrollBar().value()
    _tag(qtbot, mara, "the ferry fare would rise by a third")
    mara_claim = mara.claims_panel.current_id()
    qtbot.waitUntil(lambda: tomas.claims_panel.shown(mara_claim) is not None, timeout=5000)
    assert tomas.claims_panel.current_id() == own  # his selection held through the refresh
    assert tomas.table.verticalScrollBar().value() == scroll
    assert tomas.claims_panel.shown(mara_claim).annotator == "Mara Veld"
    qtbot.waitUntil(lambda: mara.claims_panel.shown(own) is not None, timeout=5000)  # and the other way


def test_a_stale_edit_is_refused_and_the_colleagues_version_shown(qtbot, desks, dialogs):
    mara, tomas = desks
    dialogs.message("here is their version")
    _tag(qtbot, mara, "the ferry fare would rise by a third")
    claim = mara.claims_panel.current_id()
    qtbot.waitUntil(lambda: tomas.claims_panel.shown(claim) is not None, timeout=5000)
    tomas.team.stop()  # he has not looked up since: his panel still shows version 1
    tomas.claims_panel.select(claim)
    settle(qtbot)
    mara.claims_panel.verdict.setFocus()
    mara.claims_panel.verdict.setCurrentText("disputed")
    mara.claims_panel.verdict.activated.emit(mara.claims_panel.verdict.currentIndex())
    settle(qtbot)
    assert mara.lib.claims.get(claim).verdict == "disputed"
    tomas.claims_panel.note.setFocus()
    qtbot.keyClicks(tomas.claims_panel.note, "confirmed by the port office")
    settle(qtbot)
    tomas.claims_panel.flush_note()  # as when he moves on
    settle(qtbot)
    assert dialogs.messages[-1].startswith("Mara Veld changed this claim at ")
    assert tomas.claims_panel.verdict.currentText() == "disputed"  # her version, in his editor
    assert tomas.claims_panel.note.toPlainText() == ""
    assert tomas.lib.claims.get(claim).note == ""


def test_undo_after_a_colleagues_edit_is_refused_not_forced(qtbot, desks, dialogs):
    mara, tomas = desks
    dialogs.message("Tomas Irle changed this claim at ")
    _tag(qtbot, mara, "the ferry fare would rise by a third")
    claim = mara.claims_panel.current_id()
    theirs = tomas.lib.claims.get(claim)
    tomas.lib.claims.update(claim, expected_version=theirs.version, note="Tomas: the minutes say a quarter")
    mara.team.stop()
    _press(qtbot, mara, "Ctrl+Z")
    assert dialogs.messages[-1].startswith("Tomas Irle changed this claim at ")
    assert mara.lib.claims.get(claim).note == "Tomas: the minutes say a quarter"  # his work stands
    assert not mara.undo_stack.canUndo()  # the step that can no longer be undone left the stack


def test_blind_coding_history_and_coder_filter(qtbot, desks):
    mara, tomas = desks
    _tag(qtbot, mara, "the ferry fare would rise by a third")
    _tag(qtbot, tomas, "Fuel prices on the islands")
    qtbot.waitUntil(lambda: tomas.claims_panel.list.count() == 2, timeout=5000)
    _press(qtbot, tomas, "Ctrl+Shift+B")
    assert tomas.team.blind and tomas.claims_panel.list.count() == 1
    assert tomas.claims_panel.shown(tomas.claims_panel.list.item(0).data(Qt.ItemDataRole.UserRole)).annotator \
        == "Tomas Irle"
    _press(qtbot, tomas, "Ctrl+Shift+B")
    assert not tomas.team.blind and tomas.claims_panel.list.count() == 2
    tomas.team.filter_coder("Mara Veld")
    settle(qtbot)
    assert tomas.claims_panel.list.count() == 1 and tomas.model.rowCount() == 1
    tomas.team.filter_coder(None)
    settle(qtbot)
    mine = tomas.claims_panel.list.item(1).data(Qt.ItemDataRole.UserRole)
    tomas.lib.claims.update(mine, verdict="supported")
    tomas.claims_panel.select(mine)
    settle(qtbot)
    _press(qtbot, tomas, "Ctrl+Shift+H")
    table = tomas.team.history_dialog.table
    assert [(table.item(r, 1).text(), table.item(r, 2).text()) for r in range(table.rowCount())] == [
        ("Tomas Irle", "tagged the passage"), ("Tomas Irle", "set the verdict to supported")]


def test_disagreements_are_one_key_from_the_article(qtbot, desks):
    mara, tomas = desks
    _tag(qtbot, mara, "the ferry fare would rise by a third")
    _tag(qtbot, tomas, "the ferry fare would rise", key=Qt.Key.Key_2)  # same passage, another tag
    _tag(qtbot, tomas, "Fuel prices on the islands")  # Mara marked nothing here
    _press(qtbot, tomas, "Ctrl+Shift+G")
    dialog = tomas.team.agreement_dialog
    assert dialog.disagreements.rowCount() == 2
    sides = [dialog.disagreements.item(1, c).text() for c in (2, 3)]
    assert sides[0] == "nothing marked" and sides[1]
    tomas.open_article(1)
    settle(qtbot)
    tomas.reader.verticalScrollBar().setValue(0)
    dialog.disagreements.selectRow(1)
    dialog.disagreements.setFocus()
    spotted = []
    tomas.reader.spotlight = spotted.append  # records where the reader was sent
    qtbot.keyClick(dialog.disagreements, Qt.Key.Key_Return)
    settle(qtbot)
    start = BODY.index("Fuel prices on the islands")
    assert spotted[-1] == [(start, start + len("Fuel prices on the islands"))]  # after the open claim's own
    assert tomas.reader.article.id == 1


def test_the_name_is_asked_once_and_kept(qtbot, monkeypatch, dialogs):
    from desktop.ui.identity_prompt import ask_name_once

    monkeypatch.delenv(identity.ENV_VAR, raising=False)

    def answer(dialog) -> None:
        QTest.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(dialog.focusWidget(), "Ilse Marr")
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    dialogs.dialog(QInputDialog, answer)
    assert ask_name_once() == "Ilse Marr"
    settle(qtbot)
    assert identity.saved_name() == "Ilse Marr" and identity.display_name() == "Ilse Marr"
    assert ask_name_once() == "Ilse Marr"  # not asked twice: an unexpected dialog would fail the test
    settle(qtbot)
    assert ask_name_once("Jon Aska") == "Jon Aska"  # --user wins for this run, without asking
    settle(qtbot)
    monkeypatch.setenv(identity.ENV_VAR, "Pia Lund")
    assert identity.display_name() == "Pia Lund"
