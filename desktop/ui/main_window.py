"""The main window: article list, reader and panels, with every signal wired here in one place.

What each part does lives beside it: window_layout (the widgets), menus, reading (the open article),
tagging (claims), entity_actions, codebook_actions, library_actions (import, libraries, export), window_state.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import QMainWindow

from desktop.services import Library, UserError
from desktop.services.dto import ArticleFilter, ClaimInfo
from desktop.services.errors import StaleEdit
from desktop.ui import theme, window_state
from desktop.ui.codebook_actions import CodebookActions
from desktop.ui.db_executor import DbExecutor, Priority
from desktop.ui.demo_actions import DemoActions
from desktop.ui.dialogs import show_error
from desktop.ui.entity_actions import EntityActions
from desktop.ui.find_keys import ShiftEnterFindsBack
from desktop.ui.first_paint import ConnectAfterFirstPaint
from desktop.ui.import_flow import ImportFlow
from desktop.ui.keyboard import Navigation, WindowKeys, set_tab_order
from desktop.ui.library_actions import LibraryActions
from desktop.ui.linking import Linking
from desktop.ui.menus import build_menus
from desktop.ui.reading import Reading, esc
from desktop.ui.revision_view import RevisionActions
from desktop.ui.settings import Settings
from desktop.ui.tagging import Tagging
from desktop.ui.tasks import TaskRunner
from desktop.ui.team import Team
from desktop.ui.undo import perform, perform_all
from desktop.ui.window_layout import Ui, build_ui, default_split, fit_screen
from desktop.ui.window_parts import ArticleList, ArticleView, Commands

if TYPE_CHECKING:  # the edits load with the first one made (issue 19: start-up)
    from desktop.edits import Edit


class MainWindow(QMainWindow):
    sig_edited = Signal(object)  # an Edit, once applied, undone or redone (and the window refreshed for it)

    def __init__(self, lib: Library, runner: TaskRunner | None = None, settings: Settings | None = None,
                 preview: bool = False, db: DbExecutor | None = None) -> None:
        super().__init__()
        self.lib = lib
        self.runner = runner or TaskRunner()
        # The one thread that works on the library (db_executor); the app hands in the one that opened it.
        self.db = db or DbExecutor(lib, self)
        self.db.sig_failed.connect(self._operation_failed)
        release_db = self.db.hold()  # what the parts below submit starts once all is built: first page first
        self.settings = settings or Settings()
        self.undo_stack = QUndoStack(self)
        self.preview = preview  # --screenshot: showing an article changes nothing in the library or the settings
        theme.apply_scheme(self.settings.get("view/scheme"))  # before building, so widgets start in it
        self.imports = ImportFlow(lib, self.runner, self.db, self, shown=self._shown_article)
        self.ui: Ui = build_ui(self, self.db)
        self._take_widgets(self.ui)
        # The helpers below are handed what they use (window_parts), not the window: the window is only
        # their parent widget, their editor (do, do_all) and the holder of the open library (lib).
        view, articles = ArticleView.of(self.ui), ArticleList(self.model, self.table, self.select_row_quietly)
        self.codebook_actions = CodebookActions(self, self.db, self, self.codebook_panel, self.filters, self.reader,
                                                self._say)
        self.reading = Reading(self, self.db, view, articles, self.codebook_actions, editor=self,
                               settings=self.settings, holder=self, coder=lambda: self.team.visible_coder(),
                               say=self._say, preview=preview)
        self.tagging = Tagging(self, self, self.reader, self.claims_panel, self.codebook_actions, self._show_claim,
                               self._say)
        self.entity_actions = EntityActions(self, self.db, self, self.reader, self._say, self.open_article)
        self.library_actions = LibraryActions(
            self, self.db, view, articles, self.codebook_actions, holder=self, imports=self.imports,
            wait_for_imports=self.runner.wait, undo_stack=self.undo_stack, settings=self.settings,
            refresh_views=self.refresh_library_views, open_article=self.open_article, show_filter=self.show_filter,
            say=self._say)
        self.revision_actions = RevisionActions(  # revised articles, REFI-QDA export
            self, self.db, view, self.reading, self.undo_stack, self.imports, after_edit=self.after_edit,
            say=self._say)
        self.team = Team(self, self.db, view, articles, self.codebook_actions, marks=self.reading, holder=self,
                         open_article=self.open_article, say=self._say)
        self.navigation = Navigation(articles, view, self.dock, self._say)
        self.demo_actions = DemoActions(self.db, view, self.refresh_library_views, self.codebook_actions,
                                        analyse_pending=self.imports.analyse_pending, say=self._say)
        self.linking = Linking(self, self.db, view, editor=self, edited=self.sig_edited, open_article=self.open_article,
                               say=self._say)
        build_menus(self, self.ui, Commands(
            self.library_actions, self.revision_actions, self.tagging, self.linking, self.reading, self.team,
            self.navigation, self.demo_actions, self.imports, self.undo_stack, self.settings, self.set_scheme))
        set_tab_order(self.ui)
        self.window_keys = WindowKeys(self)
        self._wire()
        self.setAcceptDrops(True)
        self.setStyleSheet(theme.STYLE)
        self.resize(*fit_screen())
        self.default_split()
        self.library_actions.set_title()
        window_state.restore(self)
        self._first_page_in = False
        self.first_paint = ConnectAfterFirstPaint(lib, self.table.viewport(), lambda: self._first_page_in)
        self.refresh_library_views(then=self._first_page_shown)
        self.codebook_actions.refresh()  # after the list's first page, which the person waits for
        release_db()

    def _first_page_shown(self) -> None:
        self._first_page_in = True
        self.first_paint.first_page_in()
        window_state.reopen_last_article(self)

    def _take_widgets(self, ui: Ui) -> None:
        """The widgets as the window's own typed attributes (what the window, its helpers and tests use)."""
        self.filters, self.search, self.model, self.table = ui.filters, ui.search, ui.model, ui.table
        self.left, self.reader, self.article_header, self.legend = ui.left, ui.reader, ui.article_header, ui.legend
        self.find_bar, self.splitter, self.claims_panel, self.elsewhere = (ui.find_bar, ui.splitter, ui.claims_panel,
                                                                           ui.elsewhere)
        self.entities_panel, self.quotes_panel = ui.entities_panel, ui.quotes_panel
        self.suggestions_panel, self.codebook_panel = ui.suggestions_panel, ui.codebook_panel
        self.tabs, self.dock = ui.tabs, ui.dock

    def _show_claim(self, claim_id: int | None) -> None:
        """The Claims tab in front, with this claim chosen once the claims are read again."""
        self.tabs.setCurrentWidget(self.claims_panel)
        self.reading.refresh_marks(keep_claim=claim_id)

    def _say(self, text: str, msecs: int) -> None:
        self.statusBar().showMessage(text, msecs)

    def default_split(self) -> None:
        default_split(self, self.ui)

    # ------------------------------------------------------------------ wiring (all in one place)
    def _wire(self) -> None:
        self._wire_list()
        self._wire_reader()
        self._wire_claims()
        self._wire_entities()
        self._wire_codebook()
        # Bound methods, not lambdas, for signals that outlive the window or fire while it is torn
        # down: Qt drops those connections when the window goes, and a lambda would call a dead one.
        self.imports.sig_imported.connect(lambda _r: self.refresh_library_views())
        self.imports.sig_analysed.connect(self.library_actions.analysed)
        self.imports.sig_open_analysed.connect(lambda _id: self.reading.refresh_marks())
        self.imports.sig_status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

    def _wire_list(self) -> None:
        self.filters.sig_changed.connect(self.apply_filters)
        self.filters.sig_cleared.connect(lambda: self.model.set_filter(ArticleFilter()))
        self.filters.sig_clear_narrowing.connect(
            lambda: self.model.set_filter(replace(self.model.filter, entity_id=None, article_ids=None)))
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.open_row(cur.row()))
        self.model.modelReset.connect(self._after_reset)
        self.model.sig_listed.connect(self._after_listed)

    def _wire_reader(self) -> None:
        reading = self.reading
        self.legend.sig_hidden_changed.connect(reading.types_toggled)
        self.reader.sig_tag.connect(self.tagging.selection)
        self.reader.sig_pick_tag.connect(self.tagging.pick_for_selection)
        self.reader.sig_tag_key.connect(self.tagging.with_key)
        self.reader.sig_entity_clicked.connect(self.entity_actions.show_dossier)
        self.reader.sig_claim_clicked.connect(reading.claim_clicked)
        self.find_bar.returnPressed.connect(lambda: reading.find())
        ShiftEnterFindsBack(self.find_bar, lambda: reading.find(backwards=True))
        self.quotes_panel.sig_show.connect(lambda a, b: self.reader.spotlight([(a, b)]))
        self.suggestions_panel.sig_show.connect(lambda a, b: self.reader.spotlight([(a, b)]))
        self.suggestions_panel.sig_accept.connect(self.tagging.accept_suggestion)
        self.suggestions_panel.sig_dismiss.connect(self.tagging.dismiss_suggestion)

    def _wire_claims(self) -> None:
        self.claims_panel.sig_selected.connect(self.reading.claim_selected)
        self.claims_panel.sig_changed.connect(self.tagging.update_claim)
        self.claims_panel.sig_delete.connect(self.tagging.delete_claim)
        self.claims_panel.sig_edit_tags.connect(self.tagging.edit_claim_tags)

    def _wire_entities(self) -> None:
        panel, actions = self.entities_panel, self.entity_actions
        panel.sig_spotlight.connect(self.reading.spotlight_entity)
        panel.sig_filter.connect(lambda eid: self.set_filter(entity_id=eid))
        panel.sig_merge.connect(actions.merge)
        panel.sig_split.connect(actions.split)
        panel.sig_rename.connect(actions.rename)
        panel.sig_retype.connect(actions.retype)
        panel.sig_dossier.connect(actions.show_dossier)
        panel.sig_scope_changed.connect(lambda _b: self.reading.refresh_entities())

    def _wire_codebook(self) -> None:
        panel, actions = self.codebook_panel, self.codebook_actions
        panel.sig_moved.connect(actions.move)
        panel.sig_add.connect(actions.add)
        panel.sig_rename.connect(actions.rename)
        panel.sig_colour.connect(actions.recolour)
        panel.sig_describe.connect(actions.describe)
        panel.sig_delete.connect(actions.delete)
        panel.sig_filter.connect(lambda tid: self.set_filter(tag_id=tid))

    # ------------------------------------------------------------------ the article list
    def apply_filters(self) -> None:
        self.model.set_filter(self.filters.current(self.model.filter))

    def set_filter(self, **changes) -> None:
        """A panel narrows the list (to a tag, an entity) on top of what the filter bar says."""
        self.show_filter(replace(self.filters.current(ArticleFilter()), **changes))

    def show_filter(self, flt: ArticleFilter) -> None:
        """Filter the list and let the filter bar say so (the dashboard's clicks come here)."""
        self.model.set_filter(flt)
        self.filters.show_filter(flt)

    def _after_reset(self) -> None:
        self.reading.refresh_hits()
        self._select_open_row()

    def _after_listed(self) -> None:
        """The whole list is here (a new list shows its first page before): its count, and the open
        article's row if it was beyond that page."""
        self.filters.note.setText(self._list_note())
        self._select_open_row()

    def _select_open_row(self) -> None:
        """The open article's row, unless the person has put the list's cursor on a row since the list came."""
        article = self.reader.article
        row = self.model.row_of(article.id) if article else None
        if row is not None and not self.table.currentIndex().isValid():
            self.select_row_quietly(row)

    def _list_note(self) -> str:
        """'3 articles naming Dalia Orsek': how many are listed, and why if a panel narrowed the list."""
        f, count = self.model.filter, self.model.rowCount()
        notes = []
        if f.entity_id is not None and self.model.entity_name:  # None: merged away since the filter was set
            notes.append(f"naming {self.model.entity_name}")
        if f.article_ids is not None:
            notes.append("chosen in the dashboard")
        listed = f"{count:,} article{'' if count == 1 else 's'}"
        if not notes:
            return listed
        return f"{listed} {esc(', '.join(notes))} · <a href='clear'>show all</a>"

    def select_row_quietly(self, row: int) -> None:
        """Show which row is open without the selection change opening it again."""
        self.table.selectionModel().blockSignals(True)
        self.table.selectRow(row)
        self.table.selectionModel().blockSignals(False)

    def refresh_library_views(self, then: Callable[[], None] | None = None) -> None:
        """The list, its filters' choices and the library's entities read again; then() once the list is."""
        # Reading every article's outlet or date takes a while in a large library: after the list's first
        # page, which is what the person waits for.
        self.db.submit(lambda lib: lib.articles.outlets(), on_done=self.filters.set_outlets, label="outlets",
                       priority=Priority.BACKGROUND)
        self.db.submit(lambda lib: lib.articles.newest_date(), on_done=self._newest_date, label="newest date",
                       priority=Priority.BACKGROUND)
        self.model.reload(then=then)
        if self.entities_panel.library_scope.isChecked():
            self.reading.refresh_entities()

    def _newest_date(self, newest: dt.date | None) -> None:
        self.filters.set_newest(lambda: newest)

    def open_row(self, row: int) -> None:
        article_id = self.model.article_id(row)
        if article_id is not None:
            self.open_article(article_id)

    def open_article(self, article_id: int, then: Callable[[], None] | None = None) -> None:
        """Open an article (read on the database thread); then() once it is shown."""
        self.reading.open_article(article_id, then)

    def _shown_article(self) -> int | None:
        article = self.reader.article
        return article.id if article is not None else None

    # ------------------------------------------------------------------ edits
    def do(self, edit: Edit, then: Callable[[], None] | None = None) -> None:
        """Apply one edit through the undo stack on the database thread; then() once it is committed.
        A person's mistake becomes a message, not a crash."""
        perform(self.undo_stack, self.db, edit, on_changed=self.after_edit, on_refused=self._refused, then=then)

    def do_all(self, label: str, edits: Sequence[Edit], then: Callable[[], None] | None = None) -> None:
        """Several edits as one step to undo (moving a tag renumbers its siblings)."""
        perform_all(self.undo_stack, self.db, label, edits, on_changed=self.after_edit, on_refused=self._refused,
                    then=then)

    def _refused(self, exc: UserError) -> None:
        self.team.refused(exc) if isinstance(exc, StaleEdit) else show_error(self, str(exc))

    def _operation_failed(self, message: str, details: str) -> None:
        show_error(self, message, details)

    def after_edit(self, edit: Edit | None = None) -> None:
        """Refresh what an edit touched. A note being typed only updates its claim: rebuilding the
        panel would move the person's cursor."""
        from desktop import edits  # loaded with the first edit, not at start-up (issue 19)

        if isinstance(edit, edits.UpdateClaim) and set(edit.changes) == {"note"}:
            claim_id = edit.claim_id
            self.db.submit(lambda lib: lib.claims.get(claim_id), on_done=self._claim_saved, label="claim saved")
        else:
            self.codebook_actions.refresh()
            self.reading.refresh_marks()
            if self.reader.article:
                self.model.refresh_article(self.reader.article.id)
        self.statusBar().showMessage("Saved", 2000)
        if edit is not None:
            self.sig_edited.emit(edit)

    def _claim_saved(self, claim: ClaimInfo) -> None:
        self.claims_panel.replace(claim)

    # ------------------------------------------------------------------ palette
    def set_scheme(self, scheme: str) -> None:
        self.settings.set("view/scheme", scheme)
        theme.apply_scheme(scheme)
        self._repaint_for_palette()

    def _system_scheme_changed(self, _scheme=None) -> None:
        if self.settings.get("view/scheme") == "system":
            theme.apply_scheme("system")
            self._repaint_for_palette()

    def _repaint_for_palette(self) -> None:
        """Highlight colours differ between light and dark, so the legend and the marks are drawn again."""
        self.setStyleSheet(theme.STYLE)  # a style sheet keeps the old palette until re-applied
        self.legend.recolour()
        self.reading.refresh_header()
        self.reading.refresh_marks()

    # ------------------------------------------------------------------ Qt events
    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.find_bar.isVisible():
            self.reading.close_find()
            return
        if event.key() == Qt.Key.Key_Escape and self.reading.clear_hits():
            return
        super().keyPressEvent(event)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.imports.import_paths(paths)

    def closeEvent(self, event) -> None:
        self.claims_panel.flush_note()
        self.team.stop()
        self.imports.shutdown()  # analysis workers end with the window
        if not self.preview:
            window_state.save(self)
        self.first_paint.open()  # a window closed before its loop went idle: the queued reads may connect now
        self.db.shutdown()  # what was queued (the note just flushed) is written first
        super().closeEvent(event)
