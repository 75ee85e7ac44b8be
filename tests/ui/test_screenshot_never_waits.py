"""--screenshot never shows a modal dialog: an analysis that fails as a whole is a status line,
and a single article that fails is recorded and shown in the list (issue 18, item 5)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.services import Library
from desktop.ui.tasks import TaskRunner
from tests.helpers import add_article
from tests.ui.waiting import settle


@pytest.mark.timeout(120)
def test_screenshot_finishes_when_the_analysis_fails(tmp_path, monkeypatch, gui_env, qapp):
    from desktop.services.importer import Importer
    from desktop.ui.app import run_app

    db = tmp_path / "lib.sqlite"
    with Library.open(db) as lib:
        add_article(lib, "The ferry to Lund Bay runs again, the harbour master Ilsa Roavik said.", title="Ferry")

    def broken(self, *args, **kwargs):
        raise RuntimeError("the analyser crashed")

    monkeypatch.setattr(Importer, "analyse", broken)
    monkeypatch.setattr(TaskRunner, "synchronous", False)  # the real worker thread, as in the app
    out = tmp_path / "shot.png"
    assert run_app(str(db), screenshot=str(out)) == 0
    assert out.exists() and out.stat().st_size > 1000
    assert gui_env.asked == []  # no message box was opened


def test_the_article_list_marks_an_article_whose_analysis_failed(qtbot, window, library):
    from db.models import Article

    aid = add_article(library, "The Tarvik lighthouse keeper said nothing.", title="Lighthouse")
    with library.store.write() as s:
        article = s.get(Article, aid)
        article.analyser_version, article.analysis_error = "claimdesk-analysis-2", "the analysis failed (MemoryError)"
    window.refresh_library_views()
    settle(qtbot)
    model = window.model
    row = model.row_of(aid)
    status_col = [c for c in range(model.columnCount())
                  if model.headerData(c, Qt.Orientation.Horizontal) == "Status"][0]
    assert model.data(model.index(row, status_col)) == "unread · analysis failed"
    tip = model.data(model.index(row, status_col), Qt.ItemDataRole.ToolTipRole)
    assert "Not analysed: the analysis failed (MemoryError)" in tip
