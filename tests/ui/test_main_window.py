"""Driving the app as a person would: read, tag with a key, undo, redo, note, restart, import, merge, search."""
from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.services import Library
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import BODY
from tests.ui.waiting import settle


def select(window, passage: str) -> None:
    start = BODY.index(passage)
    window.reader.select_span(start, start + len(passage))


def test_tag_with_number_key_undo_redo_note_and_restart(qtbot, window, library):
    window.open_article(1)
    settle(qtbot)
    assert window.reader.article.id == 1
    select(window, "3.2 million tonnes of grain")
    qtbot.keyClick(window.reader, Qt.Key.Key_1)
    settle(qtbot)
    claims = library.claims.all()
    assert [c.text for c in claims] == ["3.2 million tonnes of grain"]
    first_tag = window.codebook_actions.keys()
    assert claims[0].tag_ids == (next(t for t, n in first_tag.items() if n == 1),)
    assert window.claims_panel.list.count() == 1

    window.undo_stack.undo()
    settle(qtbot)
    assert library.claims.all() == [] and window.claims_panel.list.count() == 0
    window.undo_stack.redo()
    settle(qtbot)
    assert [c.text for c in library.claims.all()] == ["3.2 million tonnes of grain"]

    window.claims_panel.select(claims[0].id)
    settle(qtbot)
    window.claims_panel.note.setPlainText("Check the port authority's yearbook")
    window.claims_panel.flush_note()
    settle(qtbot)
    assert library.claims.get(claims[0].id).note == "Check the port authority's yearbook"
    window.claims_panel.verdict.setCurrentText("disputed")
    window.claims_panel.verdict.activated.emit(window.claims_panel.verdict.currentIndex())
    settle(qtbot)
    window.close()

    with Library.open(library.location) as again:
        claim = again.claims.get(claims[0].id)
        assert (claim.text, claim.note, claim.verdict) == ("3.2 million tonnes of grain",
                                                           "Check the port authority's yearbook", "disputed")
    reopened = MainWindow(library)
    qtbot.addWidget(reopened)
    settle(qtbot)
    assert reopened.reader.article.id == 1  # the last article comes back
    assert reopened.claims_panel.list.count() == 1


def test_selection_after_emoji_maps_to_code_points(qtbot, window, library):
    window.open_article(1)
    settle(qtbot)
    select(window, "Zoë agreed")
    qtbot.keyClick(window.reader, Qt.Key.Key_2)
    settle(qtbot)
    (claim,) = library.claims.all()
    assert BODY[claim.start:claim.end] == claim.text == "Zoë agreed"


def test_highlights_quotes_and_entities_are_shown(qtbot, window):
    window.open_article(1)
    settle(qtbot)
    names = {window.entities_panel.tree.topLevelItem(i).child(j).text(0)
             for i in range(window.entities_panel.tree.topLevelItemCount())
             for j in range(window.entities_panel.tree.topLevelItem(i).childCount())}
    assert "Dalia Orsek" in names and "Tomas Brenn" in names
    assert window.quotes_panel.list.count() == 2
    assert "Dalia Orsek" in window.quotes_panel.list.item(0).text()


def test_merge_two_entities_from_the_panel(qtbot, window, library, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "exec", lambda self: 1)  # the name offered is kept (test_merge_name)
    window.open_article(1)
    settle(qtbot)
    ents = {e.name: e.id for e in library.entities.list(1)}
    window.entities_panel.sig_merge.emit([ents["Tomas Brenn"]], ents["Dalia Orsek"])
    settle(qtbot)
    # the name offered is the most mentioned full name: Brenn is named twice
    assert "Dalia Orsek" not in {e.name for e in library.entities.list(1)}
    window.undo_stack.undo()
    settle(qtbot)
    assert {"Dalia Orsek", "Tomas Brenn"} <= {e.name for e in library.entities.list(1)}


def test_import_folder_with_a_broken_file(qtbot, window, library, tmp_path, gui_env):
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "good.txt").write_text("Port Fees Rise\n\nBy Mara Quell\n\nThe port authority raised fees by 8% on "
                                     "Monday, the first rise in six years, citing the cost of dredging.\n")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    window.imports.quiet = True
    reports = []
    window.imports.sig_imported.connect(reports.append)
    settle(qtbot)
    window.imports.import_paths([str(folder)])
    settle(qtbot)
    (report,) = reports
    assert [p.endswith("good.txt") for p, _ in report.added] == [True]
    assert report.failed and report.failed[0][0].endswith("broken.pdf")
    assert window.model.rowCount() == 2


def test_live_search_filters_the_list(qtbot, window):
    window.search.setText("tonnes")
    window.apply_filters()
    settle(qtbot)
    assert window.model.rowCount() == 1
    window.search.setText("nothing-like-this")
    window.apply_filters()
    settle(qtbot)
    assert window.model.rowCount() == 0


def test_article_model_passes_the_model_tester(qtmodeltester, window):
    qtmodeltester.check(window.model)
