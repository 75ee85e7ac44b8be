"""The main window: article list, reader and panels, wired together in this one place."""
from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QColorDialog,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import edits
from desktop.services import Library, UserError
from desktop.services.dto import ArticleFilter
from desktop.ui import theme
from desktop.ui.article_model import ArticleTableModel
from desktop.ui.article_table import ArticleTable
from desktop.ui.claims_panel import ClaimsPanel
from desktop.ui.codebook import CodebookPanel, TagPicker
from desktop.ui.dialogs import TextDialog, dossier_html, shortcuts_html, show_error
from desktop.ui.entities_panel import EntitiesPanel, SplitDialog
from desktop.ui.filter_bar import FilterBar
from desktop.ui.import_flow import ImportFlow
from desktop.ui.legend import Legend
from desktop.ui.lists_panel import QuotesPanel, SuggestionsPanel
from desktop.ui.reader import Reader
from desktop.ui.settings import Settings
from desktop.ui.tasks import TaskRunner
from desktop.ui.undo import perform

log = logging.getLogger(__name__)
LIST_WIDTH = 600  # at the default size the list shows every column, the reader ~65 characters a line
WINDOW_SIZE = (1500, 900)


class MainWindow(QMainWindow):
    def __init__(self, lib: Library, runner: TaskRunner | None = None, settings: Settings | None = None) -> None:
        super().__init__()
        self.lib = lib
        self.runner = runner or TaskRunner()
        self.settings = settings or Settings()
        self.undo_stack = QUndoStack(self)
        theme.apply_scheme(self.settings.get("view/scheme"))  # before building, so widgets start in it
        self.imports = ImportFlow(lib, self.runner, self)
        self._tags = []
        self._note_commit: int | None = None
        self._build_list()
        self._build_reader()
        self._build_panels()
        self._build_menus()
        self._wire()
        self.setAcceptDrops(True)
        self.setStyleSheet(theme.STYLE)
        self.resize(*_fit_screen(WINDOW_SIZE))
        self.default_split()
        self._set_title()
        self.refresh_tags()
        self.refresh_library_views()
        self._restore_state()

    # ------------------------------------------------------------------ layout
    def _build_list(self) -> None:
        self.filters = FilterBar()
        self.search = self.filters.search
        self.model = ArticleTableModel(self.lib, self)
        self.table = ArticleTable(self.model)
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(6, 6, 0, 6)
        box.addWidget(self.filters)
        box.addWidget(self.table)
        self.left = left

    def _build_reader(self) -> None:
        self.reader = Reader()
        self.article_header = QLabel()
        self.article_header.setWordWrap(True)
        self.article_header.setTextFormat(Qt.TextFormat.RichText)
        self.article_header.setContentsMargins(12, 8, 12, 4)
        self.legend = Legend()
        self.find_bar = QLineEdit()
        self.find_bar.setPlaceholderText("Find in article (Enter: next, Shift+Enter: previous, Esc: close)")
        self.find_bar.hide()
        centre = QWidget()
        box = QVBoxLayout(centre)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.article_header)
        box.addWidget(self.legend)
        box.addWidget(self.find_bar)
        box.addWidget(self.reader, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(centre)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.left.setMinimumWidth(300)
        self.setCentralWidget(self.splitter)

    def default_split(self) -> None:
        """On a small screen the reader keeps most of the room; the list never takes more than half of it."""
        room = self.width() - self.dock.width() - 12
        list_width = min(LIST_WIDTH, int(room * 0.5))
        self.splitter.setSizes([list_width, room - list_width])

    def _build_panels(self) -> None:
        self.claims_panel = ClaimsPanel()
        self.entities_panel = EntitiesPanel()
        self.quotes_panel = QuotesPanel()
        self.suggestions_panel = SuggestionsPanel()
        self.codebook_panel = CodebookPanel()
        self.tabs = QTabWidget()
        for widget, label in ((self.claims_panel, "Claims"), (self.entities_panel, "Entities"),
                              (self.quotes_panel, "Quotes"), (self.suggestions_panel, "Suggestions"),
                              (self.codebook_panel, "Codebook")):
            self.tabs.addTab(widget, label)
        self.dock = QDockWidget("Panels", self, objectName="panels")
        self.dock.setWidget(self.tabs)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                              | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                              | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.dock.setMinimumWidth(300)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        # Wide enough for every panel's tab, so none hides behind scroll arrows.
        self.resizeDocks([self.dock], [max(330, self.tabs.tabBar().sizeHint().width() + 12)],
                         Qt.Orientation.Horizontal)
        self.statusBar().showMessage("Ready")

    def _action(self, menu, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        self._action(file, "Import &files…", self.ask_import_files, "Ctrl+I")
        self._action(file, "Import f&older…", self.ask_import_folder, "Ctrl+Shift+I")
        file.addSeparator()
        self._action(file, "&Open library…", self.ask_open_library, QKeySequence.StandardKey.Open)
        self._action(file, "&New library…", self.ask_new_library, QKeySequence.StandardKey.New)
        self.recent_menu = file.addMenu("Recent libraries")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file.addSeparator()
        self._action(file, "&Export report…", self.export_report, "Ctrl+E")
        file.addSeparator()
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        edit = bar.addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.StandardKey.Redo])
        edit.addAction(undo)
        edit.addAction(redo)
        edit.addSeparator()
        self._action(edit, "&Tag selection…", self.pick_tag_for_selection, "Ctrl+T")
        self._action(edit, "&Delete claim", self.delete_current_claim, QKeySequence.StandardKey.Delete)
        self._action(edit, "&Find in article", self.show_find, QKeySequence.StandardKey.Find)
        self._action(edit, "Search &library", lambda: self.search.setFocus(), "Ctrl+K")
        view = bar.addMenu("&View")
        self._action(view, "Zoom &in", lambda: self.zoom(1), QKeySequence.StandardKey.ZoomIn)
        self._action(view, "Zoom &out", lambda: self.zoom(-1), QKeySequence.StandardKey.ZoomOut)
        self._action(view, "&Actual size", lambda: self.zoom(0), "Ctrl+0")
        view.addAction(self.dock.toggleViewAction())
        self._build_scheme_menu(view.addMenu("A&ppearance"))
        self._action(view, "&Dashboard", self.show_dashboard, "Ctrl+Shift+D")
        article = bar.addMenu("&Article")
        self._action(article, "Mark &done", lambda: self.set_status("done"), "Ctrl+D")
        self._action(article, "Mark &read", lambda: self.set_status("read"), "Ctrl+R")
        self._action(article, "Mark &unread", lambda: self.set_status("unread"), "Ctrl+U")
        self._action(article, "&Correct details…", self.correct_metadata)
        self._action(article, "Re-&analyse pending", lambda: self.imports.analyse_pending())
        help_ = bar.addMenu("&Help")
        self._action(help_, "&Keyboard shortcuts", lambda: TextDialog("Keyboard shortcuts", shortcuts_html(),
                                                                      self, (520, 480)).exec(), "F1")
        self._action(help_, "&About ClaimDesk", self.about)

    def _build_scheme_menu(self, menu) -> None:
        group = QActionGroup(self)
        chosen = self.settings.get("view/scheme")
        for scheme, label in (("system", "Follow the &system"), ("light", "&Light"), ("dark", "&Dark")):
            action = menu.addAction(label, lambda s=scheme: self.set_scheme(s))
            action.setCheckable(True)
            action.setChecked(scheme == chosen)
            group.addAction(action)
        QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _s: self._system_scheme_changed())

    def set_scheme(self, scheme: str) -> None:
        self.settings.set("view/scheme", scheme)
        theme.apply_scheme(scheme)
        self._repaint_for_palette()

    def _system_scheme_changed(self) -> None:
        if self.settings.get("view/scheme") == "system":
            theme.apply_scheme("system")
            self._repaint_for_palette()

    def _repaint_for_palette(self) -> None:
        """Highlight colours differ between light and dark, so the legend and the marks are drawn again."""
        self.setStyleSheet(theme.STYLE)  # a style sheet keeps the old palette until re-applied
        self.legend.recolour()
        self.refresh_marks()

    # ------------------------------------------------------------------ wiring (all in one place)
    def _wire(self) -> None:
        self.filters.sig_changed.connect(self.apply_filters)
        self.filters.sig_cleared.connect(lambda: self.model.set_filter(ArticleFilter()))
        self.legend.sig_hidden_changed.connect(self._types_toggled)
        self.reader.sig_tag.connect(self.tag_selection)
        self.reader.sig_pick_tag.connect(self.pick_tag_for_selection)
        self.entities_panel.sig_split.connect(self.split_entity)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.open_row(cur.row()))
        self.model.modelReset.connect(self._after_reset)
        self.reader.sig_tag_key.connect(self.tag_with_key)
        self.reader.sig_entity_clicked.connect(self.show_dossier)
        self.reader.sig_claim_clicked.connect(self._claim_clicked)
        self.find_bar.returnPressed.connect(lambda: self.reader.find_text(self.find_bar.text()))
        self.claims_panel.sig_selected.connect(self._claim_selected)
        self.claims_panel.sig_changed.connect(self.update_claim)
        self.claims_panel.sig_delete.connect(lambda cid: self.do(edits.DeleteClaim(cid)))
        self.claims_panel.sig_edit_tags.connect(self.edit_claim_tags)
        self.entities_panel.sig_spotlight.connect(self.spotlight_entity)
        self.entities_panel.sig_filter.connect(lambda eid: self.set_filter(entity_id=eid))
        self.entities_panel.sig_merge.connect(lambda src, dst: self.do(edits.MergeEntities(src, dst)))
        self.entities_panel.sig_rename.connect(self.rename_entity)
        self.entities_panel.sig_retype.connect(self.retype_entity)
        self.entities_panel.sig_dossier.connect(self.show_dossier)
        self.entities_panel.sig_scope_changed.connect(lambda _b: self.refresh_entities())
        self.quotes_panel.sig_show.connect(lambda a, b: self.reader.spotlight([(a, b)]))
        self.suggestions_panel.sig_show.connect(lambda a, b: self.reader.spotlight([(a, b)]))
        self.suggestions_panel.sig_accept.connect(self.accept_suggestion)
        self.suggestions_panel.sig_dismiss.connect(lambda s: self.do(edits.DismissSuggestion(s.article_id, s.text)))
        self.codebook_panel.sig_moved.connect(self.move_tag)
        self.codebook_panel.sig_add.connect(self.add_tag)
        self.codebook_panel.sig_rename.connect(self.rename_tag)
        self.codebook_panel.sig_colour.connect(self.recolour_tag)
        self.codebook_panel.sig_describe.connect(self.describe_tag)
        self.codebook_panel.sig_delete.connect(lambda tid: self.do(edits.DeleteTag(tid)))
        self.codebook_panel.sig_filter.connect(lambda tid: self.set_filter(tag_id=tid))
        self.undo_stack.indexChanged.connect(lambda _i: self.after_edit())
        self.imports.sig_imported.connect(lambda _r: self.refresh_library_views())
        self.imports.sig_analysed.connect(self._analysed)
        self.imports.sig_status.connect(lambda text: self.statusBar().showMessage(text, 8000))

    # ------------------------------------------------------------------ the article list
    def apply_filters(self) -> None:
        self.model.set_filter(self.filters.current(self.model.filter))

    def set_filter(self, **changes) -> None:
        """A panel narrows the list (to a tag, an entity) on top of what the filter bar says."""
        self.model.set_filter(replace(self.filters.current(ArticleFilter()), **changes))
        self.filters.show_filter(self.model.filter)

    def clear_filters(self) -> None:
        self.filters.reset()

    def _after_reset(self) -> None:
        f = self.model.filter
        notes = []
        if f.entity_id is not None:
            try:
                notes.append(f"naming {self.lib.entities.get(f.entity_id).name}")
            except UserError:
                pass
        if f.article_ids is not None:
            notes.append("chosen in the dashboard")
        self.filters.note.setText(f"{self.model.rowCount():,} articles" + (" " + ", ".join(notes) if notes else ""))
        article = self.reader.article
        row = self.model.row_of(article.id) if article else None
        if row is not None:
            self.table.selectionModel().blockSignals(True)
            self.table.selectRow(row)
            self.table.selectionModel().blockSignals(False)

    def refresh_library_views(self) -> None:
        self.filters.set_outlets(self.lib.articles.outlets())
        self.model.reload()
        if self.entities_panel.library_scope.isChecked():
            self.refresh_entities()

    # ------------------------------------------------------------------ the reader
    def open_row(self, row: int) -> None:
        article_id = self.model.article_id(row)
        if article_id is not None:
            self.open_article(article_id)

    def open_article(self, article_id: int) -> None:
        try:
            article = self.lib.articles.get(article_id)
        except UserError as exc:
            self.statusBar().showMessage(str(exc), 5000)
            return
        self.claims_panel.flush_note()
        self.reader.show_article(article)
        meta = " · ".join(x for x in (article.outlet, article.published.isoformat() if article.published else None,
                                      article.author) if x)
        pending = "" if article.analyser_version else " · <i>analysing…</i>"
        self.article_header.setText(f"<span style='font-size:15pt; font-weight:600'>{_esc(article.title)}</span>"
                                    f"<br><span style='color:palette(mid)'>{_esc(meta)}{pending}</span>")
        self.refresh_marks()
        self.settings.set_last_article(self.lib.location, article_id)
        row = self.model.row_of(article_id)
        if row is not None and self.table.currentIndex().row() != row:
            self.table.selectionModel().blockSignals(True)
            self.table.selectRow(row)
            self.table.selectionModel().blockSignals(False)
        if article.status == "unread":
            self.lib.articles.set_status(article_id, "read")  # opening is not an edit worth undoing
            self.model.refresh_article(article_id)

    def refresh_marks(self, keep_claim: int | None = None) -> None:
        article = self.reader.article
        if article is None:
            return
        colours = {t.id: t.color for t in self._tags}
        claims = self.lib.claims.for_article(article.id)
        quotes = self.lib.entities.quotes(article_id=article.id)
        self.reader.set_marks(self.lib.entities.mentions(article.id), quotes, claims, colours)
        self.claims_panel.set_claims(claims, colours, keep=keep_claim or self.claims_panel.current_id())
        self.quotes_panel.set_quotes(quotes)
        self.suggestions_panel.set_suggestions(self.lib.suggestions.for_article(article.id))
        self.refresh_entities()

    def refresh_entities(self) -> None:
        article = self.reader.article
        library = self.entities_panel.library_scope.isChecked()
        if not library and article is None:
            self.entities_panel.set_entities([])
            return
        self.entities_panel.set_entities(self.lib.entities.list(None if library else article.id,
                                                                types=theme.ENTITY_TYPES, limit=500))

    def spotlight_entity(self, entity_id: int) -> None:
        article = self.reader.article
        if article is None:
            return
        spans = [(m.start, m.end) for m in self.lib.entities.mentions(article.id) if m.entity_id == entity_id]
        self.reader.spotlight(spans)

    def _claim_selected(self, claim_id: int) -> None:
        claim = next((c for c in self.lib.claims.for_article(self.reader.article.id) if c.id == claim_id), None) \
            if self.reader.article else None
        if claim is not None:
            self.reader.spotlight([(claim.start, claim.end)])
            self.claims_panel.show_links(self.lib.claims.links(claim_id))

    def _claim_clicked(self, claim_id: int) -> None:
        self.tabs.setCurrentWidget(self.claims_panel)
        self.claims_panel.select(claim_id)

    def _types_toggled(self, hidden: set[str]) -> None:
        self.reader.set_hidden_types(hidden)
        self.settings.set("reader/hidden_types", sorted(hidden))

    def show_find(self) -> None:
        self.find_bar.show()
        self.find_bar.setFocus()
        self.find_bar.selectAll()

    def zoom(self, step: int) -> None:
        current = self.settings.get("reader/zoom")
        target = 0 if step == 0 else max(-6, min(12, current + step))
        self.reader.zoomIn(target - current) if target != current else None
        self.settings.set("reader/zoom", target)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.find_bar.isVisible():
            self.find_bar.hide()
            self.reader.setFocus()
            return
        if self.find_bar.hasFocus() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.reader.find_text(self.find_bar.text(), backwards=True)
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------------ edits
    def do(self, edit) -> bool:
        """Apply one edit through the undo stack; a person's mistake becomes a message, not a crash."""
        try:
            perform(self.undo_stack, self.lib, edit)
        except UserError as exc:
            show_error(self, str(exc))
            return False
        return True

    def after_edit(self) -> None:
        if self._note_commit is not None:
            self.claims_panel.replace(self.lib.claims.get(self._note_commit))
            self.statusBar().showMessage("Saved", 2000)
            return
        self.refresh_tags()
        self.refresh_marks()
        if self.reader.article:
            self.model.refresh_article(self.reader.article.id)
        self.statusBar().showMessage("Saved", 2000)

    def tag_keys(self) -> dict[int, int]:
        """Number keys 1-9 for the first nine tags in codebook order."""
        return {t.id: n for n, t in enumerate(self._tags[:9], start=1)}

    def tag_with_key(self, number: int) -> None:
        tag = next((t for t, n in self.tag_keys().items() if n == number), None)
        if tag is not None:
            self.tag_selection(tag)

    def tag_selection(self, tag_id: int) -> None:
        span = self.reader.selected_span()
        article = self.reader.article
        if span is None or article is None:
            self.statusBar().showMessage("Select a passage first, then press a number key", 4000)
            return
        edit = edits.CreateClaim(article.id, span[0], span[1], (tag_id,))
        if self.do(edit):
            self.tabs.setCurrentWidget(self.claims_panel)
            self.claims_panel.select(edit.claim_id)

    def pick_tag_for_selection(self) -> None:
        if self.reader.selected_span() is None:
            self.statusBar().showMessage("Select a passage first", 4000)
            return
        picker = TagPicker(self._tags, self)
        if picker.exec() and picker.chosen() is not None:
            self.tag_selection(picker.chosen())

    def accept_suggestion(self, suggestion) -> None:
        picker = TagPicker(self._tags, self, "Tag the suggested sentence")
        if picker.exec() and picker.chosen() is not None:
            self.do(edits.CreateClaim(suggestion.article_id, suggestion.start, suggestion.end, (picker.chosen(),)))

    def update_claim(self, claim_id: int, changes: dict) -> None:
        # Typing a note must not rebuild the panel under the person's cursor.
        self._note_commit = claim_id if set(changes) == {"note"} else None
        self.do(edits.UpdateClaim(claim_id, changes, label="Edit note" if self._note_commit else "Edit claim"))
        self._note_commit = None

    def edit_claim_tags(self, claim_id: int) -> None:
        picker = TagPicker(self._tags, self, "Add a tag to the claim")
        if picker.exec() and picker.chosen() is not None:
            current = self.lib.claims.get(claim_id).tag_ids
            tags = tuple(t for t in current if t != picker.chosen()) if picker.chosen() in current \
                else (*current, picker.chosen())
            self.do(edits.SetClaimTags(claim_id, tags))

    def delete_current_claim(self) -> None:
        claim_id = self.claims_panel.current_id()
        if claim_id is not None:
            self.do(edits.DeleteClaim(claim_id))

    def set_status(self, status: str) -> None:
        if self.reader.article:
            self.do(edits.SetArticleStatus(self.reader.article.id, status))

    def correct_metadata(self) -> None:
        article = self.reader.article
        if article is None:
            return
        field, ok = QInputDialog.getItem(self, "Correct details", "Which detail?", ["title", "author", "outlet",
                                                                                    "published"], 0, False)
        if not ok:
            return
        current = getattr(article, field)
        value, ok = QInputDialog.getText(self, "Correct details", f"{field} (found: {article.found.get(field)})",
                                         text=str(current or ""))
        if ok:
            self.do(edits.SetArticleMetadata(article.id, field, value.strip() or None))
            self.open_article(article.id)

    # ---- entities
    def rename_entity(self, entity_id: int) -> None:
        info = self.lib.entities.get(entity_id)
        name, ok = QInputDialog.getText(self, "Rename entity", "Name:", text=info.name)
        if ok and name.strip():
            self.do(edits.RenameEntity(entity_id, name))

    def split_entity(self, entity_id: int) -> None:
        dialog = SplitDialog(self.lib.entities.get(entity_id), self)
        if dialog.exec() and dialog.chosen():
            self.do(edits.SplitEntity(entity_id, dialog.chosen(), dialog.new_name()))

    def retype_entity(self, entity_id: int) -> None:
        info = self.lib.entities.get(entity_id)
        types = list(theme.ENTITY_TYPES)
        type_, ok = QInputDialog.getItem(self, "Change type", f"{info.name} is a…", types,
                                         types.index(info.type) if info.type in types else 0, False)
        if ok:
            self.do(edits.RetypeEntity(entity_id, type_))

    def show_dossier(self, entity_id: int) -> None:
        try:
            info = self.lib.entities.get(entity_id)
        except UserError:
            return
        quotes = self.lib.entities.quotes(speaker_id=entity_id)
        claims = [c for c in self.lib.claims.all() if c.speaker_entity_id == entity_id
                  or any(a.lower() in c.text.lower() for a in info.aliases if len(a) > 3)]
        TextDialog(f"Dossier: {info.name}", dossier_html(info, quotes, claims), self).exec()

    # ---- codebook
    def refresh_tags(self) -> None:
        self._tags = self.lib.tags.list()
        keys = self.tag_keys()
        self.codebook_panel.set_tags(self._tags, self.lib.tags.usage(), keys)
        self.filters.set_tags(self._tags)
        self.reader.set_menu_tags([(t.id, f"&{keys[t.id]}  {t.path}" if t.id in keys else t.path.replace("&", "&&"),
                                    t.color) for t in self._tags])

    def move_tag(self, tag_id: int, parent_id, order: int) -> None:
        self.do(edits.UpdateTag(tag_id, {"parent_id": parent_id, "sort_order": order}, label="Move tag"))

    def add_tag(self, parent_id) -> None:
        name, ok = QInputDialog.getText(self, "New tag", "Name:")
        if ok and name.strip():
            self.do(edits.CreateTag(name, parent_id))

    def rename_tag(self, tag_id: int) -> None:
        name, ok = QInputDialog.getText(self, "Rename tag", "Name:", text=self.lib.tags.get(tag_id).name)
        if ok and name.strip():
            self.do(edits.UpdateTag(tag_id, {"name": name}, label="Rename tag"))

    def recolour_tag(self, tag_id: int) -> None:
        from PySide6.QtGui import QColor

        colour = QColorDialog.getColor(QColor(self.lib.tags.get(tag_id).color), self, "Tag colour")
        if colour.isValid():
            self.do(edits.UpdateTag(tag_id, {"color": colour.name()}, label="Recolour tag"))

    def describe_tag(self, tag_id: int) -> None:
        text, ok = QInputDialog.getMultiLineText(self, "Describe tag", "When to use this tag:",
                                                 self.lib.tags.get(tag_id).description)
        if ok:
            self.do(edits.UpdateTag(tag_id, {"description": text}, label="Describe tag"))

    # ------------------------------------------------------------------ import, libraries, extras
    def ask_import_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Import articles", "",
                                                "Articles (*.txt *.md *.html *.htm *.docx *.pdf);;All files (*)")
        if paths:
            self.imports.import_paths(paths)

    def ask_import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import a folder of articles")
        if folder:
            self.imports.import_paths([folder])

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.imports.import_paths(paths)

    def _analysed(self, ids: list) -> None:
        self.refresh_library_views()
        article = self.reader.article
        if article is not None and article.id in ids:
            self.open_article(article.id)

    def ask_open_library(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open library", "", "ClaimDesk library (*.sqlite *.db);;All (*)")
        if path:
            self.switch_library(path)

    def ask_new_library(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New library", "library.sqlite", "ClaimDesk library (*.sqlite)")
        if path:
            self.switch_library(path)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for location in self.settings.get("library/recent"):
            self.recent_menu.addAction(location, lambda loc=location: self.switch_library(loc))

    def switch_library(self, location: str) -> None:
        from db.engine import LibraryOpenError

        try:
            lib = Library.open(location)
        except (LibraryOpenError, UserError) as exc:
            show_error(self, str(exc))
            return
        self.claims_panel.flush_note()
        self.runner.wait()
        self.lib.close()
        self.lib = lib
        self.undo_stack.clear()
        self.model.set_library(lib)
        self.imports.set_library(lib)
        self.reader.show_article(None)
        self.settings.remember_library(lib.location)
        self._set_title()
        self.refresh_tags()
        self.refresh_library_views()
        self.imports.analyse_pending()

    def _set_title(self) -> None:
        self.setWindowTitle(f"ClaimDesk — {Path(self.lib.location).name}")

    def export_report(self) -> None:
        try:
            from desktop.ui.export_dialog import ExportDialog
        except ImportError:
            show_error(self, "Report export is not available in this build.")
            return
        ids = None if self.model.filter == ArticleFilter() else self.model.ids()
        ExportDialog(self.lib, ids, self).exec()

    def show_dashboard(self) -> None:
        try:
            from desktop.ui.dashboard import Dashboard
        except ImportError:
            show_error(self, "The dashboard is not available in this build.")
            return
        dash = Dashboard(self.lib, self)
        dash.setWindowFlag(Qt.WindowType.Window)
        dash.sig_filter_requested.connect(self.model.set_filter)
        dash.set_scope(None if self.model.filter == ArticleFilter() else self.model.ids())
        dash.resize(900, 640)
        dash.show()

    def about(self) -> None:
        # An instance rather than QMessageBox.about(), so the icon is the app's and tests can stop it blocking.
        box = QMessageBox(self)
        box.setWindowTitle("About ClaimDesk")
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.setText("<h3>ClaimDesk 0.1</h3><p>Read the news with who is named and who is quoted in view, "
                    "tag the claims that matter and hand colleagues an annotated Word report.</p>"
                    f"<p>Library: {_esc(self.lib.location)}</p>")
        box.exec()

    # ------------------------------------------------------------------ state kept between runs
    def _restore_state(self) -> None:
        geometry = self.settings.get("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = self.settings.get("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        splitter = self.settings.get("window/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        self.table.restore_columns(self.settings.get("window/list_header"))
        self.tabs.setCurrentIndex(self.settings.get("window/panel_tab"))
        self.legend.set_hidden(self.settings.get("reader/hidden_types"))
        zoom = self.settings.get("reader/zoom")
        if zoom:
            self.reader.zoomIn(zoom)
        self.settings.remember_library(self.lib.location)
        last = self.settings.last_article(self.lib.location)
        if last is not None and self.model.row_of(last) is not None:
            self.open_article(last)
        elif self.model.rowCount():
            self.open_row(0)

    def closeEvent(self, event) -> None:
        self.claims_panel.flush_note()
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set("window/state", self.saveState())
        self.settings.set("window/splitter", self.splitter.saveState())
        self.settings.set("window/list_header", self.table.save_columns())
        self.settings.set("window/panel_tab", self.tabs.currentIndex())
        self.settings.sync()
        super().closeEvent(event)


def _esc(text: str | None) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _fit_screen(size: tuple[int, int]) -> tuple[int, int]:
    """The default size, but never larger than the screen the window opens on."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return size
    free = screen.availableGeometry()
    return min(size[0], max(free.width(), 1000)), min(size[1], max(free.height(), 640))
