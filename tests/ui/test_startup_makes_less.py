"""Start-up makes fewer Qt classes before the first page is painted, and the library connects once the
window has nothing left to paint (issue 19). What the window defers still answers its keys at once."""
from __future__ import annotations

import ast
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QListWidget, QTableView, QTextEdit, QWidget

from desktop.ingest.types import ParsedArticle
from desktop.services import Library
from desktop.ui import first_paint
from desktop.ui.viewports import VIEWPORT_NAME, adopt_viewport
from tests.ui.unconnected_window import shown_unconnected
from tests.ui.waiting import settle

ROOT = Path(__file__).resolve().parents[2]
# Classes the window needs only once a person acts: a dialog, a painter, the text cursor and formats. QWizard
# stands for every QWidget subclass, which PySide makes all at once when a plain QWidget (a scroll area's
# viewport) first reaches Python unannounced.
LATER = {"PySide6.QtWidgets": ("QWizard", "QMessageBox", "QFileDialog", "QInputDialog", "QColorDialog"),
         "PySide6.QtGui": ("QPainter", "QTextCursor", "QTextFormat", "QTextCharFormat", "QTextBlockFormat")}


def _make(path: Path, n: int = 40) -> None:
    with Library.open(path, annotator="tester") as lib:
        lib.importer.add_parsed((f"s{i}", ParsedArticle(
            title=f"Pier notice {i}", body=f"The pier board met about moorings, notice {i}.", original_text="",
            outlet="Vell Gazette", published=dt.date(2024, 2, 1) + dt.timedelta(days=i))) for i in range(n))


START = """
import sys
from PySide6.QtCore import QEvent, QEventLoop, QObject
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.services import Library
from desktop.ui.main_window import MainWindow
LATER = %r
seen = {}

class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and w.model.rowCount() and "made" not in seen:
            seen["made"] = sorted(name for module, names in LATER.items() for name in names
                                  if name in vars(sys.modules[module]))
            seen["connected"] = w.lib.connected
        return False

lib = Library.open(sys.argv[1])
w = MainWindow(lib)
painted = Painted()
w.table.viewport().installEventFilter(painted)
w.show()
while "made" not in seen:
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
print(seen)
w.close()
"""


def test_the_first_page_is_painted_without_the_classes_made_later(tmp_path):
    """In a fresh interpreter, as a person's start: none of LATER exists when the list first paints its page."""
    _make(tmp_path / "lib.sqlite")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_STATE_HOME": str(tmp_path / "state")}
    out = subprocess.run([sys.executable, "-c", START % (LATER,), str(tmp_path / "lib.sqlite")], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert ast.literal_eval(out.stdout.strip().splitlines()[-1]) == {"made": [], "connected": False}


@pytest.mark.parametrize("area_class", [QTableView, QTextEdit, QListWidget])
def test_adopting_a_viewport_gives_the_areas_own_viewport(qtbot, area_class):
    area = area_class()
    qtbot.addWidget(area)
    viewport = adopt_viewport(area)
    assert viewport is area.viewport()
    assert viewport.objectName() == VIEWPORT_NAME and viewport.parent() is area


def test_a_viewport_set_by_hand_is_still_the_one_adopted(qtbot):
    area = QTextEdit()
    qtbot.addWidget(area)
    own = QWidget()
    area.setViewport(own)  # not named as Qt names its own: the area's answer is taken as it is
    assert adopt_viewport(area) is own


def _window(qtbot, tmp_path, for_keys: bool = False):
    _make(tmp_path / "lib.sqlite")
    return shown_unconnected(qtbot, tmp_path / "lib.sqlite", for_keys=for_keys)


@pytest.fixture
def lazy_window(qtbot, tmp_path):
    win = _window(qtbot, tmp_path, for_keys=True)
    yield win
    win.close()
    win.lib.close()


def _until_painted(win) -> None:
    """Events processed as a polling loop does (never waiting), until the first page is painted."""
    app = QApplication.instance()
    assert app is not None
    while not win._first_page_in:
        app.processEvents()
    for _ in range(20):  # its paint
        app.processEvents()


def test_the_library_connects_when_the_event_loop_goes_idle_after_the_first_paint(qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(first_paint, "IDLE_AT_LATEST_MS", 600_000)  # only idleness can open it here
    win = _window(qtbot, tmp_path)
    _until_painted(win)
    assert not win.first_paint.is_open()  # painted, but a loop that never waits has never been idle
    loop = QEventLoop()
    QTimer.singleShot(300, loop.quit)
    loop.exec()  # waits for events: idle
    assert win.first_paint.is_open()
    settle(qtbot)
    assert win.lib.connected
    win.close()
    win.lib.close()


def test_a_loop_that_never_waits_still_lets_the_library_connect_soon_after_the_paint(qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(first_paint, "IDLE_AT_LATEST_MS", 50)
    win = _window(qtbot, tmp_path)
    _until_painted(win)
    qtbot.waitUntil(win.first_paint.is_open, timeout=30_000)  # qWait polls without waiting for events
    settle(qtbot)
    assert win.lib.connected
    win.close()
    win.lib.close()


def test_closing_the_window_before_the_loop_goes_idle_lets_the_queued_reads_finish(qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(first_paint, "IDLE_AT_LATEST_MS", 600_000)
    win = _window(qtbot, tmp_path)
    _until_painted(win)
    assert not win.first_paint.is_open()
    win.close()  # the window's queued reads run (connecting) as its executor shuts down, without a wait
    assert win.first_paint.is_open()
    assert win.lib.connected
    win.lib.close()


def test_keys_for_dialogs_work_as_soon_as_the_window_appears(qtbot, dialogs, lazy_window, tmp_path):
    """Import files (a file dialog), export a project (a save dialog), your name (an input dialog): each class
    is made on first use, with the keys pressed before anything has been read."""
    win = lazy_window
    dialogs.open_files(None).save_file(None).text(None)
    QTest.keySequence(win, QKeySequence("Ctrl+I"))
    QTest.keySequence(win, QKeySequence("Ctrl+Shift+E"))
    win.team.ask_name()  # Team ▸ Your name has no key: its menu command
    assert [a.kind for a in dialogs.asked] == ["open_files", "save_file", "text"]
    assert not dialogs.pending()
    settle(qtbot)


def test_the_reader_draws_marks_and_finds_text_with_its_classes_made_on_first_use(qtbot, lazy_window):
    win = lazy_window
    settle(qtbot)
    win.table.setFocus()
    QTest.keyClick(win.table, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: win.reader.article is not None, timeout=30_000)
    settle(qtbot)
    title = win.reader.article.title
    QTest.keySequence(win, QKeySequence.StandardKey.Find)
    QTest.keyClicks(win.find_bar, "moorings")
    QTest.keyClick(win.find_bar, Qt.Key.Key_Return)
    assert win.reader.textCursor().selectedText() == "moorings", title
    settle(qtbot)
