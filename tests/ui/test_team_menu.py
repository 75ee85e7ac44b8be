"""The Team menu through one window: your name, articles coded by a colleague, a claim's history and
the agreement view when there is nothing to compare. Two windows on one library are in tests/team."""
from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.services import Library
from tests.ui.conftest import BODY
from tests.ui.driving import activate, menu_command, menu_texts, press, settled


def test_your_name_signs_the_next_edits(qtbot, window, library, dialogs):
    activate(qtbot, window)
    dialogs.text("Ilse Marr")
    menu_command(qtbot, window, "Team", "Your name…")
    assert window.statusBar().currentMessage() == "Your edits are now signed Ilse Marr"
    assert dialogs.asked[0].title == "Your name"
    window.open_article(1)
    settled()
    start = BODY.index("3.2 million")
    window.reader.select_span(start, start + 11)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_1)
    settled()
    qtbot.waitUntil(lambda: len(library.claims.all()) == 1)
    assert library.claims.all()[0].annotator == "Ilse Marr"


def test_your_name_cancelled_or_blank_keeps_the_old_one(qtbot, window, library, dialogs):
    activate(qtbot, window)
    dialogs.text(None).text("   ")
    menu_command(qtbot, window, "Team", "Your name…")
    menu_command(qtbot, window, "Team", "Your name…")
    assert library.store.annotator == "tester"


def test_articles_coded_by_lists_the_coders_and_filters_the_list(qtbot, window, library, tmp_path):
    from tests.helpers import add_article

    other = add_article(library, "The customs office in Lund Bay reopened on Friday.", title="Customs")
    with Library.open(library.location, annotator="Mara Veld") as mara:
        mara.claims.create(other, 4, 17, [mara.tags.find("Policy").id])
    library.claims.create(1, 0, 16, [library.tags.find("Opinion").id])
    window.refresh_library_views()
    settled()
    activate(qtbot, window)
    coders = menu_texts(qtbot, window, "Team", "Articles coded by")
    assert coders[0] == "Everyone" and set(coders[1:]) == {"Mara Veld", "tester"}
    menu_command(qtbot, window, "Team", "Articles coded by", "Mara Veld")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.model.article_id(0) == other
    assert window.statusBar().currentMessage() == "Showing the work of Mara Veld"
    menu_command(qtbot, window, "Team", "Articles coded by", "Everyone")
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)


def test_history_needs_a_chosen_claim(qtbot, window):
    activate(qtbot, window)
    press(window, "Ctrl+Shift+H")
    assert window.statusBar().currentMessage() == "Choose a claim first, then ask for its history"


def test_agreement_with_one_coder_explains_why_there_is_none(qtbot, window, library, dialogs):
    library.claims.create(1, 0, 16, [library.tags.find("Opinion").id])
    activate(qtbot, window)
    dialogs.message("No agreement to show")
    press(window, "Ctrl+Shift+G")
    assert len(dialogs.messages) == 1
