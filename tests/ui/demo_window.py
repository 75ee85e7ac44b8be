"""A window on the demo library (ten invented articles, analysed once per test session), shown and active so
that key presses go through Qt's shortcut dispatch and focus as a person's would."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QApplication

from desktop.services import Library
from tests.ui.waiting import settle


@pytest.fixture(scope="session")
def demo_library_file(tmp_path_factory):
    from desktop.analysis import analyze_text  # noqa: F401  (loads spaCy once per session)
    from desktop.services.demo import seed_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with Library.open(path, annotator="tester") as lib:
        seed_demo(lib)
        lib.importer.analyse(lib.importer.pending_analysis(), n_process=1)
    return path


@pytest.fixture
def demo_lib(demo_library_file, tmp_path):
    path = tmp_path / "library.sqlite"
    shutil.copy(demo_library_file, path)
    lib = Library.open(path, annotator="tester")
    yield lib
    lib.close()


def show_active(qtbot, window) -> None:
    window.show()
    settle(qtbot)
    qtbot.waitExposed(window)
    window.activateWindow()
    settle(qtbot)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)


@pytest.fixture
def demo_window(qtbot, demo_lib):
    from desktop.ui.main_window import MainWindow

    win = MainWindow(demo_lib)
    qtbot.addWidget(win)
    settle(qtbot)
    show_active(qtbot, win)
    return win
