"""Importing through the window: File ▸ Import folder by its key, analysis in spawned workers with the
open article first, highlights as batches are stored, and cancel (of the reading and of the analysis)
keeping what was stored whole."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog, QPushButton
from sqlalchemy import func, select

from db.models import Article, EntityMention
from desktop.parallel.pool import AnalysisPool
from desktop.ui.tasks import TaskRunner
from tests.data.fictional_articles import write_articles
from tests.ui.demo_window import show_active
from tests.ui.driving import highlighted
from tests.ui.waiting import settle


def press(window, keys: str) -> None:
    QTest.keySequence(QApplication.focusWidget() or window, QKeySequence(keys))


def _alive(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    return status.exists() and "State:\tZ" not in status.read_text()


def _mentions(library, article_id: int) -> int:
    with library.store.read() as s:
        return s.scalar(select(func.count()).select_from(EntityMention).where(EntityMention.article_id == article_id))


def _articles(library) -> int:
    with library.store.read() as s:
        return s.scalar(select(func.count()).select_from(Article))


@pytest.fixture
def window(qtbot, library):
    from desktop.analysis import analyze_text  # noqa: F401  (loads spaCy once per session)
    from desktop.ui.main_window import MainWindow

    win = MainWindow(library)
    qtbot.addWidget(win)
    win.imports.quiet = True
    show_active(qtbot, win)
    return win


def test_import_a_folder_by_its_key_and_see_the_highlights(qtbot, window, library, tmp_path, monkeypatch):
    folder = tmp_path / "drop"
    write_articles(folder, 5, paragraphs=2)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    press(window, "Ctrl+Shift+I")  # File ▸ Import folder…
    qtbot.waitUntil(lambda: window.model.rowCount() == 5 and not library.importer.pending_analysis(),
                    timeout=60_000)
    settle(qtbot)  # the list's own refresh after the import has arrived
    show_active(qtbot, window)  # the window is active again once the import's progress dialog has gone
    press(window, "Alt+1")
    settle(qtbot)
    press(window, "Ctrl+Down")  # the first article of the list opens
    qtbot.waitUntil(lambda: window.reader.article is not None)  # read by the database executor
    names = [e.name for e in library.entities.list(window.reader.article.id) if e.type == "PERSON"]
    assert names and all(highlighted(window, n) for n in names)


@pytest.mark.gui
def test_workers_analyse_the_open_article_first_and_stop_kills_them(qtbot, window, library, tmp_path, monkeypatch):
    monkeypatch.setattr(TaskRunner, "synchronous", False)  # the real worker thread, as in the app
    window.imports.pool = AnalysisPool(processes=1)
    folder = tmp_path / "drop"
    write_articles(folder, 48, paragraphs=6)
    imported: list = []
    window.imports.sig_imported.connect(imported.append)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    press(window, "Ctrl+Shift+I")
    qtbot.waitUntil(lambda: bool(imported), timeout=60_000)
    # The person opens the last article of the import as soon as it is listed: it goes first.
    last = max(i for _p, i in imported[0].added)
    window.open_article(last)
    qtbot.waitUntil(lambda: _mentions(library, last) > 0, timeout=120_000)
    qtbot.waitUntil(lambda: highlighted(window, "Veltra") or highlighted(window, "Marenhal"), timeout=10_000)
    pending = library.importer.pending_analysis()
    assert len(pending) > 10  # most still to do: it did not wait its turn at the end

    qtbot.waitUntil(lambda: bool(window.imports.pool.pids()), timeout=60_000)
    workers = window.imports.pool.pids()
    qtbot.mouseClick(window.imports.progress.stop, Qt.MouseButton.LeftButton)  # Stop, in the status bar
    qtbot.waitUntil(lambda: not window.imports.progress.isVisible(), timeout=30_000)
    deadline = time.monotonic() + 10
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(_alive, workers))
    window.runner.wait()

    left = set(library.importer.pending_analysis())
    assert 0 < len(left) < 48 and _articles(library) == 48  # every article imported stays
    for article_id in (i for _p, i in imported[0].added):
        # Whole or not at all: an analysed article has its mentions, a pending one has none.
        assert (_mentions(library, article_id) > 0) == (article_id not in left)
    assert "stopped" in window.statusBar().currentMessage()


@pytest.mark.gui
def test_cancelling_the_reading_keeps_the_batches_already_stored(qtbot, window, library, tmp_path, monkeypatch):
    monkeypatch.setattr(TaskRunner, "synchronous", False)
    window.imports.workers_from = 10**9  # what was stored is analysed here after the cancel, no workers started
    folder = tmp_path / "drop"
    write_articles(folder, 3000, paragraphs=1)
    reports: list = []
    window.imports.sig_imported.connect(reports.append)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    press(window, "Ctrl+Shift+I")

    def stored() -> int:
        return _articles(library)

    qtbot.waitUntil(lambda: stored() > 0, timeout=60_000)
    dialog = window.findChild(QProgressDialog)
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=10_000)
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # Cancel
    qtbot.waitUntil(lambda: bool(reports), timeout=60_000)
    (report,) = reports
    assert report.cancelled and 0 < len(report.added) < 3000
    assert stored() == len(report.added)  # each stored batch whole, nothing after the cancel
    with library.store.read() as s:
        titles = set(s.scalars(select(Article.title)))
    assert all(library.articles.get(i).title in titles for _p, i in report.added)
    window.imports.shutdown()
    window.runner.wait()


def test_closing_the_window_stops_the_analysis_workers(qtbot, window, monkeypatch):
    window.imports.pool = AnalysisPool(processes=1)
    window.imports.pool.start()
    qtbot.waitUntil(lambda: bool(window.imports.pool.pids()), timeout=30_000)
    workers = window.imports.pool.pids()
    window.close()
    deadline = time.monotonic() + 10
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(_alive, workers)) and os.getpid() not in workers
