"""Opening a library analysed by an earlier analyser re-analyses it in the background: the status
bar shows the progress, Stop cancels, and a person's claims are untouched."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import update

from db.models import Article
from desktop.ui.tasks import TaskRunner
from tests.helpers import add_article
from tests.ui.waiting import settle

ARTICLES = 60


@pytest.mark.gui
def test_reanalysis_runs_in_the_background_and_stop_cancels_it(qtbot, library, monkeypatch):
    from desktop.analysis import ANALYSER_VERSION, analyze_text  # noqa: F401  (spaCy loaded once)
    from desktop.ui.main_window import MainWindow

    ids = [add_article(library, f"“Tram line {n} opens in June,” said Nadia Vorst. Pavel Lind agreed on day {n}.",
                       title=f"Tram {n}") for n in range(ARTICLES)]
    library.importer.analyse(ids, n_process=1)
    with library.store.write() as s:
        s.execute(update(Article).values(analyser_version="claimdesk-analysis-2"))  # the previous analyser
    claim = library.claims.create(ids[0], 0, 20, [], note="mine")
    monkeypatch.setattr(TaskRunner, "synchronous", False)  # the real worker thread

    win = MainWindow(library)
    qtbot.addWidget(win)
    settle(qtbot)
    win.show()
    settle(qtbot)
    progress = win.imports.progress
    win.imports.analyse_pending()  # what opening a library does (app start and Open library)
    qtbot.waitUntil(lambda: progress.isVisible() and progress.bar.value() >= 1, timeout=60_000)
    assert progress.bar.maximum() == ARTICLES
    assert "Analysing" in win.statusBar().currentMessage()
    qtbot.mouseClick(progress.stop, Qt.MouseButton.LeftButton)
    settle(qtbot)
    qtbot.waitUntil(lambda: not progress.isVisible(), timeout=60_000)
    win.runner.wait()

    left = library.importer.pending_analysis()
    assert 0 < len(left) < ARTICLES  # stopped part-way; the rest waits for the next opening
    assert "stopped" in win.statusBar().currentMessage()
    assert library.claims.get(claim.id).note == "mine"
    done = [i for i in ids if i not in left]
    assert {library.articles.get(i).analyser_version for i in done} == {ANALYSER_VERSION}
