"""Corners of importing in the window: files dropped on it, drops that carry nothing to import, and an
analysis that fails as a whole (said in a dialog and the status bar; the articles stay, unanalysed)."""
from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from tests.ui.driving import activate, menu_command

FEES = ("Port Fees Rise\n\nBy Mara Quell\n\nThe port authority of Halvik raised its fees by 8% on Monday, the first "
        "rise in six years, citing the cost of dredging the eastern channel.\n")


def drop(win, urls: list[QUrl], text: str | None = None) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls(urls)
    if text is not None:
        mime.setText(text)
    enter = QDragEnterEvent(QPointF(60, 60).toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    win.event(enter)  # the drag manager asks first whether the window takes it
    event = QDropEvent(QPointF(60, 60), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    win.event(event)
    return event, enter


def test_files_dropped_on_the_window_are_imported_and_analysed(qtbot, window, library, tmp_path):
    activate(qtbot, window)
    (tmp_path / "fees.txt").write_text(FEES)
    event, enter = drop(window, [QUrl.fromLocalFile(str(tmp_path / "fees.txt"))])
    assert enter.isAccepted() and event.isAccepted()
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    fees = next(r.id for r in library.articles.rows() if r.title == "Port Fees Rise")
    qtbot.waitUntil(lambda: library.articles.get(fees).analyser_version is not None, timeout=20_000)


def test_a_drop_of_text_or_web_links_is_not_taken(qtbot, window, library):
    activate(qtbot, window)
    event, enter = drop(window, [QUrl("https://example.org/article")], text="some words")
    assert not event.isAccepted()
    assert library.articles.count() == 1


def test_an_analysis_that_fails_as_a_whole_is_explained_and_keeps_the_articles(qtbot, window, library, tmp_path,
                                                                              dialogs, monkeypatch):
    from desktop.services.importer import Importer

    activate(qtbot, window)
    (tmp_path / "fees.txt").write_text(FEES)

    def broken(self, *args, **kwargs):  # the analyser itself fails (a fault injected where no person reaches)
        raise RuntimeError("the language model could not be loaded")

    monkeypatch.setattr(Importer, "analyse", broken)
    dialogs.open_files([tmp_path / "fees.txt"])
    dialogs.message("Analysis failed: the language model could not be loaded")
    menu_command(qtbot, window, "File", "Import files…")
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    qtbot.waitUntil(lambda: len(dialogs.messages) == 1, timeout=10_000)
    assert window.statusBar().currentMessage() == "Analysis failed: the language model could not be loaded"
    fees = next(r.id for r in library.articles.rows() if r.title == "Port Fees Rise")
    assert library.articles.get(fees).analyser_version is None  # imported, waiting for the next analysis
