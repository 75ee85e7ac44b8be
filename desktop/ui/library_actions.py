"""Libraries and what goes in and out of them: import, open and switch libraries, export, dashboard, About."""
from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop.services import Library, LibraryOpenError, UserError
from desktop.services.dto import ArticleFilter
from desktop.ui.codebook_actions import CodebookActions
from desktop.ui.db_executor import DbExecutor
from desktop.ui.dialogs import show_error
from desktop.ui.import_flow import ImportFlow
from desktop.ui.reading import esc
from desktop.ui.settings import Settings
from desktop.ui.window_parts import (
    ArticleList,
    ArticleOpener,
    ArticleView,
    HoldsLibrary,
    LibraryViews,
    Say,
    ShowFilter,
)

ARTICLE_FILES = ("Articles (*.txt *.md *.html *.htm *.docx *.pdf);;REFI-QDA projects and codebooks (*.qdpx *.qde *.qdc);;"
                 "All files (*)")


class LibraryActions:
    def __init__(self, window: QMainWindow, db: DbExecutor, view: ArticleView, articles: ArticleList,
                 codebook: CodebookActions, holder: HoldsLibrary, imports: ImportFlow,
                 wait_for_imports: Callable[[], object], undo_stack: QUndoStack, settings: Settings,
                 refresh_views: LibraryViews, open_article: ArticleOpener, show_filter: ShowFilter, say: Say) -> None:
        self._window, self._db, self._holder, self._view, self._list = window, db, holder, view, articles
        self._codebook, self._imports, self._wait_for_imports = codebook, imports, wait_for_imports
        self._undo_stack, self._settings, self._refresh_views = undo_stack, settings, refresh_views
        self._open, self._show_filter, self._say = open_article, show_filter, say

    # ---- import
    def ask_import_files(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # not at start-up: issue 19

        paths, _ = QFileDialog.getOpenFileNames(self._window, "Import articles", "", ARTICLE_FILES)
        if paths:
            self._imports.import_paths(paths)

    def ask_import_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # not at start-up: issue 19

        folder = QFileDialog.getExistingDirectory(self._window, "Import a folder of articles")
        if folder:
            self._imports.import_paths([folder])

    def analysed(self, ids: list) -> None:
        """Highlights appear in the open article as soon as its analysis is stored."""
        self._refresh_views()
        article = self._view.reader.article
        if article is not None and article.id in ids:
            self._open(article.id)

    # ---- which library
    def ask_open_library(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # not at start-up: issue 19

        path, _ = QFileDialog.getOpenFileName(self._window, "Open library", "",
                                              "ClaimDesk library (*.sqlite *.db);;All (*)")
        if path:
            self.switch_library(path)

    def ask_new_library(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # not at start-up: issue 19

        path, _ = QFileDialog.getSaveFileName(self._window, "New library", "library.sqlite",
                                              "ClaimDesk library (*.sqlite)")
        if path:
            self.switch_library(path)

    def fill_recent(self, menu: QMenu) -> None:
        menu.clear()
        for location in self._settings.get("library/recent"):
            action = menu.addAction(location, partial(self.switch_library, location))
            action.setCheckable(True)
            action.setChecked(location == self._holder.lib.location)  # the open one, ticked
        if menu.isEmpty():
            menu.addAction("No other library yet").setEnabled(False)

    def switch_library(self, location: str) -> None:
        if location == self._holder.lib.location:
            return
        self.open_library(location, annotator=self._holder.lib.store.annotator)  # the same person, elsewhere

    def open_library(self, location: str, annotator: str | None = None, then: Callable[[], None] | None = None,
                     offer_backups: bool = True) -> None:
        """Open (upgrading, backing up) a library on the database thread, then put it in the window."""
        def opened(lib: Library) -> None:
            self.install_library(lib)
            if then is not None:
                then()

        def refused(exc: BaseException) -> None:
            if not isinstance(exc, (LibraryOpenError, UserError)):
                self._db.report_failure(exc)
            elif not offer_backups:
                show_error(self._window, str(exc))
            else:
                from desktop.ui.backup_dialog import offer_restore, on_database_thread

                if offer_restore(location, str(exc), run=on_database_thread(self._db)):
                    self.open_library(location, annotator, then, offer_backups=False)

        self._db.submit(lambda _current: Library.open(location, annotator=annotator), on_done=opened,
                        on_failed=refused, label="open library")

    def restore_from_backup(self) -> None:
        """File ▸ Restore from backup…: the open library is replaced and opened again."""
        from desktop.services.backups import Backups
        from desktop.ui.backup_dialog import choose_and_restore, on_database_thread

        lib = self._holder.lib
        backups = Backups.of(lib.location) if lib.engine.dialect.name == "sqlite" else None
        if backups is None:
            show_error(self._window, "A PostgreSQL library is backed up by its server (pg_dump), not by ClaimDesk.")
            return
        path = backups.library

        def close_library() -> None:
            self._view.claims.flush_note()
            self._wait_for_imports()
            self._db.wait()
            lib.close()
        if choose_and_restore(self._window, path, close_library, run=on_database_thread(self._db)):
            self.open_library(str(path), then=lambda: self._say("Restored from the backup", 8000), offer_backups=False)

    def install_library(self, lib: Library) -> None:
        """Put an opened library in the window in place of the one it had."""
        self._view.claims.flush_note()
        self._wait_for_imports()
        self._db.set_library(lib)  # after what is queued for the old library, which it then closes
        self._holder.lib = lib
        self._undo_stack.clear()
        self._list.model.reload()
        self._imports.set_library(lib)
        self._view.reader.show_article(None)
        self._view.header.clear()
        self._settings.remember_library(lib.location)
        self.set_title()
        self._codebook.refresh()
        self._refresh_views()
        self._imports.analyse_pending()

    def set_title(self) -> None:
        lib = self._holder.lib
        state = " (read-only: edits are off)" if lib.read_only else ""
        self._window.setWindowTitle(f"ClaimDesk — {Path(lib.location).name}{state}")
        if lib.read_only:
            self._say("This library's file or folder cannot be written: edits are off", 0)

    # ---- out of the library
    def _scope(self) -> list[int] | None:
        """The listed articles (None: all); call once the whole list is here (model.when_listed)."""
        model = self._list.model
        return None if model.filter == ArticleFilter() else model.ids()

    def export_report(self) -> None:
        try:
            from desktop.ui.export_dialog import ExportDialog
        except ImportError:
            show_error(self._window, "Report export is not available in this build.")
            return

        def ask() -> None:
            ExportDialog(self._db, self._codebook.tags, self._scope(), self._window).exec()

        self._list.model.when_listed(ask)

    def show_dashboard(self) -> None:
        try:
            from desktop.ui.dashboard import Dashboard
        except ImportError:
            show_error(self._window, "The dashboard is not available in this build.")
            return
        dash = Dashboard(self._db, self._window)
        dash.setWindowFlag(Qt.WindowType.Window)
        dash.sig_filter_requested.connect(self._show_filter)  # the filter bar shows what a click chose
        self._list.model.when_listed(lambda: dash.set_scope(self._scope()))
        dash.resize(900, 640)
        dash.show()

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # not at start-up: issue 19

        # An instance rather than QMessageBox.about(), so the icon is the app's and tests can stop it blocking.
        box = QMessageBox(self._window)
        box.setWindowTitle("About ClaimDesk")
        box.setIconPixmap(self._window.windowIcon().pixmap(64, 64))
        box.setText("<h3>ClaimDesk 0.1</h3><p>Read the news with who is named and who is quoted in view, "
                    "tag the claims that matter and hand colleagues an annotated Word report.</p>"
                    f"<p>Library: {esc(self._holder.lib.location)}</p>")
        box.exec()
