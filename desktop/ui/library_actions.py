"""Libraries and what goes in and out of them: import, open and switch libraries, export, dashboard, About."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.services import Library, LibraryOpenError, UserError
from desktop.services.dto import ArticleFilter
from desktop.ui.dialogs import show_error
from desktop.ui.reading import esc

ARTICLE_FILES = ("Articles (*.txt *.md *.html *.htm *.docx *.pdf);;REFI-QDA projects and codebooks (*.qdpx *.qdc);;"
                 "All files (*)")


class LibraryActions:
    def __init__(self, win) -> None:
        self._win = win

    # ---- import
    def ask_import_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self._win, "Import articles", "", ARTICLE_FILES)
        if paths:
            self._win.imports.import_paths(paths)

    def ask_import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self._win, "Import a folder of articles")
        if folder:
            self._win.imports.import_paths([folder])

    def analysed(self, ids: list) -> None:
        """Highlights appear in the open article as soon as its analysis is stored."""
        win = self._win
        win.refresh_library_views()
        article = win.reader.article
        if article is not None and article.id in ids:
            win.open_article(article.id)

    # ---- which library
    def ask_open_library(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self._win, "Open library", "",
                                              "ClaimDesk library (*.sqlite *.db);;All (*)")
        if path:
            self.switch_library(path)

    def ask_new_library(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self._win, "New library", "library.sqlite",
                                              "ClaimDesk library (*.sqlite)")
        if path:
            self.switch_library(path)

    def fill_recent(self) -> None:
        menu = self._win.recent_menu
        menu.clear()
        for location in self._win.settings.get("library/recent"):
            action = menu.addAction(location, lambda loc=location: self.switch_library(loc))
            action.setCheckable(True)
            action.setChecked(location == self._win.lib.location)  # the open one, ticked
        if menu.isEmpty():
            menu.addAction("No other library yet").setEnabled(False)

    def switch_library(self, location: str) -> None:
        win = self._win
        if location == win.lib.location:
            return
        self.open_library(location, annotator=win.lib.store.annotator)  # the same person, elsewhere

    def open_library(self, location: str, annotator: str | None = None, then: Callable[[], None] | None = None,
                     offer_backups: bool = True) -> None:
        """Open (upgrading, backing up) a library on the database thread, then put it in the window."""
        def opened(lib: Library) -> None:
            self.install_library(lib)
            if then is not None:
                then()

        def refused(exc: BaseException) -> None:
            if not isinstance(exc, (LibraryOpenError, UserError)):
                self._win.db.report_failure(exc)
            elif not offer_backups:
                show_error(self._win, str(exc))
            else:
                from desktop.ui.backup_dialog import offer_restore, on_database_thread

                if offer_restore(location, str(exc), run=on_database_thread(self._win.db)):
                    self.open_library(location, annotator, then, offer_backups=False)

        self._win.db.submit(lambda _current: Library.open(location, annotator=annotator), on_done=opened,
                            on_failed=refused, label="open library")

    def install_library(self, lib: Library) -> None:
        """Put an opened library in the window in place of the one it had."""
        win = self._win
        win.claims_panel.flush_note()
        win.runner.wait()
        win.db.set_library(lib)  # after what is queued for the old library, which it then closes
        win.lib = lib
        win.undo_stack.clear()
        win.model.reload()
        win.imports.set_library(lib)
        win.reader.show_article(None)
        win.article_header.clear()
        win.settings.remember_library(lib.location)
        self.set_title()
        win.codebook_actions.refresh()
        win.refresh_library_views()
        win.imports.analyse_pending()

    def set_title(self) -> None:
        lib = self._win.lib
        state = " (read-only: edits are off)" if lib.read_only else ""
        self._win.setWindowTitle(f"ClaimDesk — {Path(lib.location).name}{state}")
        if lib.read_only:
            self._win.statusBar().showMessage("This library's file or folder cannot be written: edits are off")

    # ---- out of the library
    def _scope(self) -> list[int] | None:
        """The listed articles (None: all); call once the whole list is here (model.when_listed)."""
        model = self._win.model
        return None if model.filter == ArticleFilter() else model.ids()

    def export_report(self) -> None:
        try:
            from desktop.ui.export_dialog import ExportDialog
        except ImportError:
            show_error(self._win, "Report export is not available in this build.")
            return
        self._win.model.when_listed(
            lambda: ExportDialog(self._win.db, self._win.codebook_actions.tags, self._scope(), self._win).exec())

    def show_dashboard(self) -> None:
        try:
            from desktop.ui.dashboard import Dashboard
        except ImportError:
            show_error(self._win, "The dashboard is not available in this build.")
            return
        dash = Dashboard(self._win.db, self._win)
        dash.setWindowFlag(Qt.WindowType.Window)
        dash.sig_filter_requested.connect(self._win.show_filter)  # the filter bar shows what a click chose
        self._win.model.when_listed(lambda: dash.set_scope(self._scope()))
        dash.resize(900, 640)
        dash.show()

    def about(self) -> None:
        # An instance rather than QMessageBox.about(), so the icon is the app's and tests can stop it blocking.
        box = QMessageBox(self._win)
        box.setWindowTitle("About ClaimDesk")
        box.setIconPixmap(self._win.windowIcon().pixmap(64, 64))
        box.setText("<h3>ClaimDesk 0.1</h3><p>Read the news with who is named and who is quoted in view, "
                    "tag the claims that matter and hand colleagues an annotated Word report.</p>"
                    f"<p>Library: {esc(self._win.lib.location)}</p>")
        box.exec()
