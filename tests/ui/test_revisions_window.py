"""A revised article in the window: the 'revised on' line, the changes view by key, undo by key; and
File ▸ Export REFI-QDA project by its shortcut."""
from __future__ import annotations

import zipfile

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from desktop.ui.dialogs import TextDialog
from tests.helpers import add_article
from tests.ui.demo_window import show_active
from tests.ui.waiting import settle, settle_now

HEADER = "Harbour Board Reports Record Grain Tonnage\n\nBy Ilse Varnow\n\nThe Coastal Ledger — 12 May 2026\n\n"
FIRST = ("Port Kessa handled 4.2 million tonnes of grain last year, the harbour board said on Tuesday. "
         "Board chair Orla Fenwick said the new quay would be finished by September.")


def _revised_in_window(window, library, tmp_path):
    old_id = add_article(library, FIRST, title="Harbour Board Reports Record Grain Tonnage",
                         outlet="The Coastal Ledger")
    tag = library.tags.list()[0].id
    start = FIRST.index("Port Kessa")
    library.claims.create(old_id, start, FIRST.index(" of grain"), [tag])
    start = FIRST.index("the new quay")
    library.claims.create(old_id, start, start + len("the new quay would be finished by September"), [tag])
    path = tmp_path / "revised.txt"
    path.write_text(HEADER + FIRST.replace("4.2", "4.5") + "\n\nThe board corrected the figure on Friday.\n",
                    encoding="utf-8")
    window.imports.import_paths([str(path)])
    settle_now()  # the import runs off the GUI thread
    new_id = max(r.id for r in library.articles.rows())
    return old_id, new_id


def test_a_revision_shows_its_changes_and_undoes_by_key(qtbot, window, library, tmp_path):
    old_id, new_id = _revised_in_window(window, library, tmp_path)
    assert new_id != old_id and [r.id for r in library.articles.rows()] == [1, new_id]
    window.open_article(new_id)
    settle(qtbot)
    header = window.article_header.text()
    assert "passages changed" in header and "revised on" in header and "1 claim to review" in header
    flagged = [window.claims_panel.list.item(i).text() for i in range(window.claims_panel.list.count())]
    assert sum("⚠ text changed: was 'Port Kessa handled 4.2 million tonnes'" in t for t in flagged) == 1
    show_active(qtbot, window)  # a shortcut reaches only the active window
    QTest.keySequence(window, QKeySequence("Ctrl+Shift+V"))
    qtbot.waitUntil(lambda: window.revision_actions.dialog is not None)  # the diff is read on the database thread
    dialog = window.revision_actions.dialog
    assert dialog.isVisible()
    html = dialog.changes.toHtml()
    assert "4.2" in html and "4.5" in html and "corrected the figure" in html
    item = dialog.flagged.item(0)
    assert item.text().startswith("text changed: was 'Port Kessa handled 4.2 million tonnes'")
    dialog.grab().save(str(tmp_path / "changes.png"))
    item.setCheckState(Qt.CheckState.Checked)  # reviewed
    settle(qtbot)
    assert library.revisions.flags(new_id) == {}
    assert "to review" not in window.article_header.text()
    assert not any("⚠" in window.claims_panel.list.item(i).text() for i in range(window.claims_panel.list.count()))
    dialog.close()
    show_active(qtbot, window)
    assert window.undo_stack.undoText() == "Import revised article"
    QTest.keySequence(window, QKeySequence("Ctrl+Z"))  # undo the revision import
    settle(qtbot)
    assert [r.id for r in library.articles.rows()] == [1, old_id]
    assert {c.article_id for c in library.claims.all()} == {old_id}
    assert [c.text for c in library.claims.for_article(old_id)] == [
        "Port Kessa handled 4.2 million tonnes", "the new quay would be finished by September"]
    assert library.importer.pending_analysis() == []  # the old version was analysed again


def test_export_a_refi_qda_project_by_its_shortcut(qtbot, window, library, tmp_path, monkeypatch):
    out = tmp_path / "team.qdpx"
    # The save dialog is the system's; the test answers it with a file name.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.activateWindow()
    settle(qtbot)
    QTest.keySequence(window, QKeySequence("Ctrl+Shift+E"))
    settle(qtbot)
    assert zipfile.is_zipfile(out)
    assert "project.qde" in zipfile.ZipFile(out).namelist()
    assert "Saved" in window.statusBar().currentMessage()


def test_dropping_a_refi_qda_project_on_the_window_imports_it(qtbot, window, library, tmp_path, dialogs):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    from desktop.exchange.refi_export import export_qdpx
    from desktop.services import Library

    other = Library.open(tmp_path / "colleague.sqlite", annotator="colleague")
    body = "The ferry operator said fares would rise by 8% in June, citing fuel costs."
    aid = add_article(other, body, title="Ferry fares")
    other.claims.create(aid, body.index("fares"), body.index(" in June"), [other.tags.list()[0].id])
    export_qdpx(other, tmp_path / "colleague.qdpx")
    other.close()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "colleague.qdpx"))])
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    seen = []
    dialogs.dialog(TextDialog, lambda d: seen.append(d.view.toPlainText()))  # what was imported, then Esc
    # QApplication only delivers drops that its own drag manager started, so the event goes straight
    # to the window's event dispatch, as the drag manager would hand it over.
    assert window.event(drop) and drop.isAccepted()
    settle(qtbot)
    titles = [r.title for r in library.articles.rows()]
    assert "Ferry fares" in titles
    assert [c.text for c in library.claims.all()] == ["fares would rise by 8%"]
    assert "Ferry fares" in seen[0] and "1 claim," in seen[0]  # the import's summary, shown to the person
    ferry = next(r.id for r in library.articles.rows() if r.title == "Ferry fares")
    assert library.articles.get(ferry).analyser_version  # analysed in the background like any import
