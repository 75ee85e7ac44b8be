"""The Team menu through one window: your name, a claim's history and the agreement view when there is
nothing to compare. Two windows on one library are in tests/team."""
from __future__ import annotations

from PySide6.QtCore import Qt

from tests.helpers import add_article
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


def test_articles_coded_by_lists_every_coder_the_first_time_it_opens(qtbot, library):
    from desktop.ui.main_window import MainWindow

    add_article(library, BODY, title="Harbour figures")
    opinion = library.tags.find("Opinion").id
    library.claims.create(1, 0, 16, [opinion])
    library.store.annotator = "Oskar Lind"
    library.claims.create(1, BODY.index("Tomas"), BODY.index(", the"), [opinion])
    window = MainWindow(library)  # a library where two people have coded, as the app opens it
    qtbot.addWidget(window)
    activate(qtbot, window)
    settled()
    menu_command(qtbot, window, "Team", "Articles coded by", "Oskar Lind")
    assert window.model.filter.coder == "Oskar Lind"
    assert window.statusBar().currentMessage() == "Showing the work of Oskar Lind"
    assert menu_texts(qtbot, window, "Team", "Articles coded by") == ["Everyone", "Oskar Lind", "tester"]
