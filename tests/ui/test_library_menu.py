"""The File and Help menus through the real window: importing files and folders, opening, making and
switching libraries, a library that cannot be opened, the report export and About. Every dialog is
answered from tests/gui.py's script; what counts is what the person then sees and what is stored."""
from __future__ import annotations

from pathlib import Path

import docx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.services import Library
from desktop.ui.dialogs import TextDialog
from desktop.ui.export_dialog import ExportDialog
from tests.helpers import add_article
from tests.ui.driving import activate, click, menu_command, menu_texts, press, settled, type_text

FEES = ("Port Fees Rise\n\nBy Mara Quell\n\nThe port authority of Halvik raised its fees by 8% on Monday, the first "
        "rise in six years, citing the cost of dredging the eastern channel.\n")
FERRY = ("Ferry Timetable Cut\n\nBy Ilo Varn\n\nThe island ferry will sail twice a day instead of four times from "
         "June, the operator said, blaming the price of diesel.\n")


def titles(win) -> list[str]:
    model = win.model
    return sorted(model.data(model.index(r, 0)) for r in range(model.rowCount()))


def test_import_files_from_the_file_menu(qtbot, window, library, tmp_path, dialogs):
    activate(qtbot, window)
    (tmp_path / "fees.txt").write_text(FEES)
    (tmp_path / "ferry.md").write_text(FERRY)
    dialogs.open_files([tmp_path / "fees.txt", tmp_path / "ferry.md"])
    press(window, "Ctrl+I")
    qtbot.waitUntil(lambda: len(titles(window)) == 3)
    assert titles(window) == ["Ferry Timetable Cut", "Harbour figures", "Port Fees Rise"]
    assert dialogs.asked[0].title == "Import articles"
    ferry = next(r.id for r in library.articles.rows() if r.title == "Ferry Timetable Cut")
    qtbot.waitUntil(lambda: library.articles.get(ferry).analyser_version is not None)  # analysed after


def test_a_cancelled_file_choice_imports_nothing(qtbot, window, library, dialogs):
    activate(qtbot, window)
    dialogs.open_files(None)
    menu_command(qtbot, window, "File", "Import files…")
    dialogs.folder(None)
    press(window, "Ctrl+Shift+I")
    assert titles(window) == ["Harbour figures"]
    assert len(library.articles.rows()) == 1


def test_import_a_folder_lists_what_could_not_be_read(qtbot, window, library, tmp_path, dialogs):
    activate(qtbot, window)
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "fees.txt").write_text(FEES)
    (folder / "copy of fees.txt").write_text(FEES)  # the same article twice
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    report = []
    dialogs.folder(folder)
    dialogs.dialog(TextDialog, lambda d: report.append((d.windowTitle(), d.view.toPlainText())))
    press(window, "Ctrl+Shift+I")
    qtbot.waitUntil(lambda: len(titles(window)) == 2)
    assert titles(window) == ["Harbour figures", "Port Fees Rise"]
    ((title, text),) = report
    assert title == "Import finished"
    assert "Not imported" in text and "broken.pdf" in text
    assert "Already in the library" in text and "fees.txt" in text
    assert "Imported" in window.statusBar().currentMessage() or "Analys" in window.statusBar().currentMessage()


def test_open_another_library_and_come_back_through_recent(qtbot, window, library, tmp_path, dialogs):
    activate(qtbot, window)
    other_path = tmp_path / "colleague.sqlite"
    with Library.open(other_path, annotator="colleague") as other:
        add_article(other, FERRY, title="Ferry Timetable Cut")
    dialogs.open_file(other_path)
    press(window, "Ctrl+O")
    qtbot.waitUntil(lambda: titles(window) == ["Ferry Timetable Cut"])
    assert window.windowTitle() == "ClaimDesk — colleague.sqlite"
    assert window.reader.article is None  # nothing of the old library stays on screen
    assert window.undo_stack.count() == 0

    recent = menu_texts(qtbot, window, "File", "Recent libraries")
    assert str(other_path) in recent and library.location in recent
    menu_command(qtbot, window, "File", "Recent libraries", library.location)
    qtbot.waitUntil(lambda: titles(window) == ["Harbour figures"])
    assert window.windowTitle() == f"ClaimDesk — {Path(library.location).name}"
    window.lib.close()


def test_a_new_library_starts_empty_and_is_where_the_person_chose(qtbot, window, tmp_path, dialogs):
    activate(qtbot, window)
    where = tmp_path / "fresh" / "mine.sqlite"
    where.parent.mkdir()
    dialogs.save_file(where)
    press(window, "Ctrl+N")
    qtbot.waitUntil(lambda: window.windowTitle() == "ClaimDesk — mine.sqlite")
    assert where.exists()
    assert window.model.rowCount() == 0
    assert window.lib.location == str(where)
    assert window.codebook_panel.tree.topLevelItemCount() > 0  # a new library has the starter codebook
    window.lib.close()


def test_a_library_that_cannot_be_opened_is_explained_and_the_open_one_stays(qtbot, window, library, tmp_path,
                                                                          dialogs):
    activate(qtbot, window)
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"this is not a database at all " * 200)
    dialogs.open_file(broken)
    dialogs.message("", "Close")
    press(window, "Ctrl+O")
    assert window.lib is library
    assert titles(window) == ["Harbour figures"]
    assert "library" in dialogs.messages[0].lower()


def test_the_recent_menu_says_when_there_is_no_other_library(qtbot, window):
    activate(qtbot, window)
    window.settings.set("library/recent", [])
    assert menu_texts(qtbot, window, "File", "Recent libraries") == ["No other library yet"]


def test_export_report_of_the_filtered_list_with_a_chosen_file(qtbot, window, library, tmp_path, dialogs):
    activate(qtbot, window)
    fees = add_article(library, FEES.split("\n\n", 2)[2], title="Port Fees Rise")
    opinion = library.tags.find("Opinion")
    library.claims.create(1, 0, 16, [opinion.id], note="in the harbour piece")
    library.claims.create(fees, 4, 18, [opinion.id], note="in the fees piece")
    window.refresh_library_views()
    settled()
    type_text(qtbot, window.search, "dredging")
    window.apply_filters()
    settled()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    out = tmp_path / "fees report.docx"
    seen = {}

    def fill_in(dialog: ExportDialog) -> None:
        seen["listed"] = (dialog.listed.text(), dialog.listed.isChecked())
        click(qtbot, dialog, "Choose…")
        seen["path"] = dialog.path.text()
        click(qtbot, dialog, "Export")
    dialogs.dialog(ExportDialog, fill_in)
    dialogs.save_file(out)  # the Choose… button's file dialog, inside the export dialog
    dialogs.message("Saved")
    press(window, "Ctrl+E")
    assert seen == {"listed": ("The 1 articles in the list", True), "path": str(out)}
    qtbot.waitUntil(out.exists)
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Port Fees Rise" in text and "Harbour figures" not in text
    comments = [c.text for c in docx.Document(str(out)).comments]
    assert any("in the fees piece" in c for c in comments)
    assert not any("in the harbour piece" in c for c in comments)


def test_export_cancelled_writes_nothing(qtbot, window, tmp_path, dialogs):
    activate(qtbot, window)
    dialogs.dialog(ExportDialog, lambda d: click(qtbot, d, "Cancel"))
    menu_command(qtbot, window, "File", "Export report…")
    assert not list(tmp_path.glob("*.docx"))


def test_about_names_the_open_library(qtbot, window, dialogs):
    activate(qtbot, window)
    dialogs.message("ClaimDesk")
    menu_command(qtbot, window, "Help", "About ClaimDesk")
    assert window.lib.location in dialogs.messages[0]


def test_keyboard_shortcuts_lists_the_menus_keys(qtbot, window, dialogs):
    activate(qtbot, window)
    shown = []
    dialogs.dialog(TextDialog, lambda d: shown.append(d.view.toPlainText()))
    press(window, "F1")
    (text,) = shown
    assert "Import files" in text and "Ctrl+I" in text
    assert "Tag the selected passage" in text  # the reader's own keys too


def test_quit_closes_the_window_and_keeps_its_layout(qtbot, window):
    activate(qtbot, window)
    window.open_article(1)
    settled()
    menu_command(qtbot, window, "File", "Quit")  # Ctrl+Q where the platform has it (not offscreen)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert window.settings.last_article(window.lib.location) == 1
    assert QApplication.activeWindow() is not window


def test_dashboard_opens_as_its_own_window_on_the_list(qtbot, window, library):
    activate(qtbot, window)
    library.claims.create(1, 0, 16, [library.tags.find("Opinion").id])
    before = set(QApplication.topLevelWidgets())
    press(window, "Ctrl+Shift+D")
    qtbot.waitUntil(lambda: any(w.isVisible() and w.windowTitle() for w in set(QApplication.topLevelWidgets())
                                - before))
    (dash,) = [w for w in set(QApplication.topLevelWidgets()) - before if w.isVisible()]
    qtbot.waitUntil(lambda: len(getattr(dash, "views", [])) == 6, timeout=10_000)
    assert [b.label for b in dash.view("tags").chart.bars] == ["Opinion"]
    assert dash.isWindow() and dash.windowFlags() & Qt.WindowType.Window
    dash.close()


def test_remove_demo_articles_when_there_are_none_says_so(qtbot, window, library):
    activate(qtbot, window)
    menu_command(qtbot, window, "Help", "Remove demo articles")
    assert "demo" in window.statusBar().currentMessage().lower()
    assert titles(window) == ["Harbour figures"]


def test_removing_the_demo_closes_the_demo_article_being_read(qtbot, window, library):
    from desktop.services.demo import sample_paths

    activate(qtbot, window)
    menu_command(qtbot, window, "Help", "Add demo articles")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1 + len(sample_paths()))
    demo = next(i for i in library.articles.ids() if i != 1)
    window.open_article(demo)
    settled()
    menu_command(qtbot, window, "Help", "Remove demo articles")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.reader.article is None and window.article_header.text() == ""
    assert window.statusBar().currentMessage() == f"Removed {len(sample_paths())} demo articles"


def test_a_bare_qde_project_imports_from_the_file_menu_with_its_sources_folder(qtbot, window, library, tmp_path,
                                                                              dialogs):
    """A project some tools leave unzipped: project.qde with its texts in sources/ beside it."""
    from tests.exchange.test_refi_other_tools import TEXT, cargo_source, g, project

    activate(qtbot, window)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / f"{g(1)}.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "project.qde").write_text(project(cargo_source(g(1), f'plainTextPath="internal://{g(1)}.txt"')),
                                          encoding="utf-8")
    report = []
    dialogs.open_files([tmp_path / "project.qde"])
    dialogs.dialog(TextDialog, lambda d: report.append((d.windowTitle(), d.view.toPlainText())))
    press(window, "Ctrl+I")
    qtbot.waitUntil(lambda: len(titles(window)) == 2 and bool(report))
    ((title, text),) = report
    assert title == "REFI-QDA import" and "1 claim" in text
    (aid,) = [r.id for r in library.articles.rows() if r.title != "Harbour figures"]
    assert [(c.text, c.tag_names) for c in library.claims.for_article(aid)] == [
        ("handled 3.1 million tonnes of cargo", ("Cargo",))]
