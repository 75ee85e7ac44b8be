"""The "Changes in this version" dialog shows whole words around each change, never the end of a cut word."""
from __future__ import annotations

import re

from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from desktop.ui.revision_view import words_after, words_before
from tests.ui.demo_window import show_active
from tests.ui.test_revisions_window import _revised_in_window
from tests.ui.waiting import settle

TEXT = "The ferry to Port Kessa sails on Wednesday. Tickets cost more from June."


def test_the_text_before_a_change_starts_at_a_word():
    end = TEXT.index("Tickets")
    # 8 characters back fall inside "Wednesday": it is left out, not shown as "…sday."
    assert words_before(TEXT, end, 8) == "…"
    assert words_before(TEXT, end, 11) == "…Wednesday. "  # the cut fell just before a word
    assert words_before(TEXT, end, 16) == "…on Wednesday. "  # inside "sails": from the next word
    assert words_before(TEXT, end, 200) == TEXT[:end]  # the whole start: nothing is left out, no "…"
    assert words_before(TEXT, 3, 10) == "The"


def test_the_text_after_a_change_ends_at_a_word():
    start = TEXT.index(" sails")
    assert words_after(TEXT, start, 12) == " sails on…"  # "Wednesday" would be cut: it is left out
    assert words_after(TEXT, start, 9) == " sails on…"  # the cut fell just after "on"
    assert words_after(TEXT, start, 3) == "…"
    assert words_after(TEXT, start, 200) == TEXT[start:]  # to the end: no "…"


def test_the_changes_dialog_shows_whole_words(qtbot, window, library, tmp_path):
    _old_id, new_id = _revised_in_window(window, library, tmp_path)
    window.open_article(new_id)
    settle(qtbot)
    show_active(qtbot, window)
    QTest.keySequence(window, QKeySequence("Ctrl+Shift+V"))
    qtbot.waitUntil(lambda: window.revision_actions.dialog is not None)
    dialog = window.revision_actions.dialog
    shown = dialog.changes.toPlainText()
    body = library.articles.get(new_id).body
    passages = re.findall(r"^\d+\. (.*)$", shown, flags=re.MULTILINE)
    assert len(passages) == 2 and passages[1].startswith("…"), shown
    for passage in passages:
        if passage.startswith("…"):  # text was left out before: what is shown starts a word of the article
            at = body.index(passage[1:30])
            assert at > 0 and body[at - 1].isspace(), passage
        else:
            assert body.startswith(passage[:15])  # the article's start (before "4.2", struck out)
        if passage.endswith("…"):
            tail = passage[-16:-1]
            at = body.index(tail) + len(tail)
            assert body[at].isspace(), passage
    assert "esday." not in shown.replace("Tuesday.", "")
    dialog.close()
