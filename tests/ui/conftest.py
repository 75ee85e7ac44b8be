"""GUI tests: offscreen, fresh settings, scripted dialogs (tests/gui.py), no database work on the GUI
thread, and a teardown that fails on a dialog left unanswered, a window left open or a worker still running."""
from __future__ import annotations

import pytest

from tests.gui import Dialogs
from tests.gui_thread_guard import gui_thread_guard
from tests.helpers import add_article
from tests.ui.waiting import settle

BODY = ("Finance Minister Dalia Orsek said the harbour handled 3.2 million tonnes of grain last year. "
        "“Exports will double by 2028,” Orsek told the Coastal Ledger.\n\n"
        "Tomas Brenn, the opposition leader, disagreed. “The figures are invented,” Brenn said. 🌊 Zoë agreed.")


@pytest.fixture(autouse=True)
def _every_gui_test(gui_env: Dialogs) -> Dialogs:
    return gui_env


@pytest.fixture(autouse=True)
def no_database_work_on_the_gui_thread():
    """Fails a test in which window code opened a database session on the GUI thread."""
    with gui_thread_guard() as found:
        yield
    assert not found, "window code used the database on the GUI thread:\n" + "\n".join(found[:3])


@pytest.fixture
def window(qtbot, library):
    from desktop.analysis import analyze_text  # noqa: F401  (loads spaCy once per session)
    from desktop.ui.main_window import MainWindow

    add_article(library, BODY, title="Harbour figures", outlet="Coastal Ledger")
    library.importer.analyse(library.importer.pending_analysis(), n_process=1)
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.show()
    settle(qtbot)  # the window's first reads (the list, the codebook, the last article) have arrived
    return win


from tests.ui.demo_window import demo_lib, demo_library_file, demo_window  # noqa: E402, F401  (fixtures)
