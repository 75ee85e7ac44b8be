"""Start-up paints the list's first page before SQLAlchemy loads (issue 19), and keys pressed as the window
appears still reach their shortcuts and the library."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.ingest.types import ParsedArticle
from desktop.services import Library
from desktop.ui.article_model import PAGE
from tests.ui.unconnected_window import shown_unconnected
from tests.ui.waiting import settle

ROOT = Path(__file__).resolve().parents[2]
N = PAGE + 30


def _make(path: Path) -> None:
    """N articles a day apart (newest first: article i on row N - 1 - i), each with a word of its own."""
    with Library.open(path, annotator="tester") as lib:
        lib.importer.add_parsed((f"a{i}", ParsedArticle(
            title=f"Quay note {i}", body=f"The ferry board met about berths, note berth{i}x.", original_text="",
            outlet="Vell Gazette", published=dt.date(2024, 1, 1) + dt.timedelta(days=i))) for i in range(N))


@pytest.fixture
def lazy_window(qtbot, tmp_path):
    _make(tmp_path / "lib.sqlite")
    win = shown_unconnected(qtbot, tmp_path / "lib.sqlite", for_keys=True)
    yield win
    win.close()
    win.lib.close()


def test_a_search_typed_as_the_window_appears_lists_what_it_finds(qtbot, lazy_window):
    win = lazy_window  # shown this moment: the services are not made yet
    QTest.keySequence(win, QKeySequence("Ctrl+K"))
    assert QApplication.focusWidget() is win.search
    QTest.keyClicks(win.search, "berth7x")
    QTest.keyClick(win.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.model.rowCount() == 1 and win.model.data(win.model.index(0, 0)) == "Quay note 7",
                    timeout=30_000)
    settle(qtbot)
    assert win.lib.connected


def test_end_pressed_before_the_first_page_arrives_opens_the_oldest_article(qtbot, lazy_window):
    win = lazy_window
    win.table.setFocus()
    QTest.keyClick(win.table, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: win.model.complete and win.model.rowCount() == N, timeout=30_000)
    QTest.keyClick(win.table, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: win.reader.article is not None and win.reader.article.title == "Quay note 0",
                    timeout=30_000)
    settle(qtbot)
    assert win.table.currentIndex().row() == N - 1


START = """
import sys
from PySide6.QtCore import QEvent, QEventLoop, QObject
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.services import Library
from desktop.ui.main_window import MainWindow
seen = {}
LATER = ("sqlalchemy", "alembic", "desktop.edits", "desktop.parallel.pool", "desktop.services.articles")

class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and w.model.rowCount() and "paint" not in seen:
            seen["paint"] = [m for m in LATER if m in sys.modules]
        return False

lib = Library.open(sys.argv[1])
w = MainWindow(lib)
painted = Painted()
w.table.viewport().installEventFilter(painted)
w.model.modelReset.connect(lambda: seen.setdefault("first page", "sqlalchemy" in sys.modules))
w.show()
while not (w.reader.article and "paint" in seen):
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
seen["article open"] = "sqlalchemy" in sys.modules
print(seen)
w.close()
"""


def test_the_first_page_is_painted_before_sqlalchemy_loads_and_the_article_opens_after(tmp_path):
    """Nor Alembic, the services' modules, the edits or the analysis workers' pool."""
    _make(tmp_path / "lib.sqlite")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_STATE_HOME": str(tmp_path / "state")}
    out = subprocess.run([sys.executable, "-c", START, str(tmp_path / "lib.sqlite")], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == str({"first page": False, "paint": [], "article open": True})
