"""The GUI tests' own guard rails (tests/gui.py) fail a test when they should: a dialog nobody scripted,
an answer never asked for, an item that is not offered, a window left open, a worker still running.
Run in a child pytest so that the failures are its, not this run's."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CASES = '''
import time

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QWidget


def test_unexpected_text_dialog(gui_env):
    QInputDialog.getText(None, "Rename tag", "Name:")


def test_answer_never_asked_for(gui_env):
    gui_env.colour("#112233")


def test_answer_of_the_wrong_kind(gui_env):
    gui_env.save_file("/tmp/out.docx")
    QInputDialog.getText(None, "Rename tag", "Name:")


def test_item_not_offered(gui_env):
    gui_env.item("Planet")
    QInputDialog.getItem(None, "Change type", "It is a…", ["Person", "Place"], 0, False)


def test_message_that_says_something_else(gui_env):
    gui_env.message("saved")
    box = QMessageBox()
    box.setText("could not write the file")
    box.exec()


def test_window_left_open(gui_env, qtbot):
    test_window_left_open.keep = w = QWidget()  # still referenced, as a leaked window is
    w.setWindowTitle("Forgotten")
    w.show()


def test_thread_still_running(gui_env):
    class Busy(QThread):
        def run(self):
            time.sleep(8)
    test_thread_still_running.keep = Busy()
    test_thread_still_running.keep.start()


def test_all_answered(gui_env, qtbot):
    gui_env.text("Harbour fees").item("Place").colour(None).message("saved")
    assert QInputDialog.getText(None, "New tag", "Name:") == ("Harbour fees", True)
    assert QInputDialog.getItem(None, "Change type", "It is a…", ["Person", "Place"], 0, False) == ("Place", True)
    assert not QColorDialog.getColor().isValid()
    box = QMessageBox()
    box.setText("Report saved")
    box.exec()
    gui_env.dialog(QDialog, lambda d: d.accept())
    assert QDialog().exec() == 1
    assert [a.kind for a in gui_env.asked] == ["text", "item", "colour", "message", "dialog"]


from PySide6.QtWidgets import QColorDialog  # noqa: E402
'''


def test_the_guard_rails_fail_the_tests_they_should(tmp_path):
    case = tmp_path / "test_cases.py"
    case.write_text(CASES)
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "tests.gui", "--rootdir", str(ROOT),
                             "-c", str(ROOT / "pyproject.toml"), str(case), "-m", ""],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    out = result.stdout
    assert "8 passed, 7 errors" in out, out[-3000:]  # every test's body passes; seven fail at teardown
    for name, says in (("unexpected_text_dialog", "unexpected text dialog 'Rename tag'"),
                       ("answer_never_asked_for", "the colour answer was never asked for"),
                       ("answer_of_the_wrong_kind", "expected a save_file dialog"),
                       ("item_not_offered", "'Planet' is not offered"),
                       ("message_that_says_something_else", "does not say 'saved'"),
                       ("window_left_open", "window left open: QWidget 'Forgotten'"),
                       ("thread_still_running", "still busy at the end of the test: a running Busy")):
        assert re.search(rf"ERROR \S*::test_{name} - Failed", out), (name, out[-3000:])
        assert says in out, (name, says, out[-3000:])
    assert not re.search(r"ERROR \S*::test_all_answered", out)
