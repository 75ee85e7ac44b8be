"""An import in the window writes only through the window's database executor, in small background
operations: a tag made by key press while the import runs is stored and shown, and a cancelled import
leaves every stored article whole. Driven by keys through the real window."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog
from sqlalchemy import event, func, select
from sqlalchemy.engine import Engine

from db.models import Article, Sentence
from tests.data.fictional_articles import write_articles
from tests.ui.demo_window import show_active
from tests.ui.waiting import settle

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


@contextmanager
def writers() -> Iterator[list[str]]:
    """The thread of every statement that writes to the library while the block runs (the executor's
    QThread is named 'claimdesk-db'; any other name is a second writer)."""
    seen: list[str] = []
    lock = threading.Lock()

    def before(_conn, _cursor, statement: str, *_args) -> None:
        if statement.lstrip().upper().startswith(WRITES):
            with lock:
                seen.append(QThread.currentThread().objectName() or threading.current_thread().name)

    event.listen(Engine, "before_cursor_execute", before)  # every engine: the window's library is one
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", before)


def press(window, keys: str) -> None:
    QTest.keySequence(QApplication.focusWidget() or window, QKeySequence(keys))


def underlined(window, at: int) -> bool:
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(window.reader._map.to_qt(at) + 1)
    return cursor.charFormat().fontUnderline()


def _articles(library) -> int:
    with library.store.read() as s:
        return s.scalar(select(func.count()).select_from(Article))


@pytest.fixture
def importing(window, monkeypatch, tmp_path):
    """The window, with File ▸ Import folder… answered by a folder of invented articles."""
    window.imports.quiet = True
    folder = tmp_path / "drop"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    return folder


def test_a_tag_made_by_key_during_an_import_is_stored_and_shown(qtbot, window, library, importing):
    # Analysed here, on the import's thread, so the run lasts long enough to tag during it.
    window.imports.workers_from = 10**9
    write_articles(importing, 80, paragraphs=4)
    mine = window.reader.article.id if window.reader.article else None
    if mine is None:
        press(window, "Alt+1")
        press(window, "Ctrl+Down")
        qtbot.waitUntil(lambda: window.reader.article is not None, timeout=30_000)
        mine = window.reader.article.id
    imported: list = []
    window.imports.sig_imported.connect(imported.append)
    with writers() as threads:
        press(window, "Ctrl+Shift+I")  # File ▸ Import folder…
        qtbot.waitUntil(lambda: bool(imported), timeout=120_000)
        show_active(qtbot, window) if not window.imports.progress.isVisible() else window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=10_000)
        assert window.imports.progress.isVisible(), "the analysis ended before the tag could be made"

        press(window, "Alt+2")  # the reader
        QTest.keySequence(window.reader, QKeySequence("Ctrl+Home"))
        for _ in range(3):
            QTest.keyClick(window.reader, Qt.Key.Key_Right,
                           Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        start, end = window.reader.selected_span()
        QTest.keyClick(window.reader, Qt.Key.Key_1)
        qtbot.waitUntil(lambda: underlined(window, start), timeout=30_000)
        still_running = window.imports.progress.isVisible()
        pending_then = len(library.importer.pending_analysis())

        qtbot.waitUntil(lambda: not window.imports.progress.isVisible(), timeout=300_000)
        settle(qtbot)
    assert still_running and pending_then > 0  # the tag was made and shown while the import ran
    claims = library.claims.for_article(mine)
    assert [(c.start, c.end) for c in claims] == [(start, end)]
    assert not library.importer.pending_analysis() and _articles(library) == 81
    assert underlined(window, start)
    # Every write of the import, its analysis and the tag went through the one database thread.
    assert threads and set(threads) == {"claimdesk-db"}, set(threads)


def test_cancelling_the_import_by_key_leaves_every_stored_article_whole(qtbot, window, library, importing):
    window.imports.workers_from = 10**9
    write_articles(importing, 2000, paragraphs=1)
    reports: list = []
    window.imports.sig_imported.connect(reports.append)
    before = _articles(library)
    with writers() as threads:
        press(window, "Ctrl+Shift+I")
        qtbot.waitUntil(lambda: _articles(library) > before, timeout=60_000)
        dialog = window.findChild(QProgressDialog)
        qtbot.waitUntil(lambda: dialog.isVisible(), timeout=10_000)
        QTest.keyClick(dialog, Qt.Key.Key_Escape)  # cancels the reading
        qtbot.waitUntil(lambda: bool(reports), timeout=60_000)
        window.imports.shutdown()  # and the analysis of what was stored
        window.runner.wait()
        settle(qtbot)
    (report,) = reports
    assert report.cancelled and 0 < len(report.added) < 2000
    # Whole batches only: every article stored is one the report counts, with its text and sentence index.
    assert _articles(library) - before == len(report.added)
    ids = [i for _p, i in report.added]
    with library.store.read() as s:
        bodies = dict(s.execute(select(Article.id, Article.body).where(Article.id.in_(ids))).all())
        indexed = set(s.scalars(select(Sentence.article_id).where(Sentence.article_id.in_(ids))))
    assert set(bodies) == set(ids) and all(bodies.values()) and indexed == set(ids)
    assert set(threads) == {"claimdesk-db"}, set(threads)
