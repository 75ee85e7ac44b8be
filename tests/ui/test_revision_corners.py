"""Corners of revisions and the REFI-QDA export in the window: an article never revised says so, a file
name without .qdpx gets it, a cancelled choice writes nothing, and an export that fails is explained."""
from __future__ import annotations

import zipfile

from tests.ui.driving import activate, menu_command, press, settled


def test_changes_of_an_article_never_revised_says_so(qtbot, window):
    activate(qtbot, window)
    window.open_article(1)
    settled()
    press(window, "Ctrl+Shift+V")
    assert window.statusBar().currentMessage() == "This article has not been revised since it was imported"


def test_the_project_gets_its_extension_and_a_cancel_writes_nothing(qtbot, window, tmp_path, dialogs):
    activate(qtbot, window)
    dialogs.save_file(None)
    press(window, "Ctrl+Shift+E")
    assert list(tmp_path.glob("*.qdpx")) == []
    dialogs.save_file(tmp_path / "for colleagues")
    menu_command(qtbot, window, "File", "Export REFI-QDA project…")
    qtbot.waitUntil(lambda: (tmp_path / "for colleagues.qdpx").exists(), timeout=10_000)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Saved "))
    assert "1 article," in window.statusBar().currentMessage()
    with zipfile.ZipFile(tmp_path / "for colleagues.qdpx") as z:
        assert "project.qde" in z.namelist()


def test_an_export_that_cannot_be_written_is_explained(qtbot, window, tmp_path, dialogs):
    activate(qtbot, window)
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    dialogs.save_file(blocked / "project.qdpx")
    dialogs.message("Export failed")
    press(window, "Ctrl+Shift+E")
    qtbot.waitUntil(lambda: len(dialogs.messages) == 1, timeout=10_000)
