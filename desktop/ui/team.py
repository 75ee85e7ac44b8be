"""Working as a team: who you are, blind coding, a claim's history, agreement, and colleagues' changes live.

The Team menu's commands, the refusal of a stale edit (the colleague's version is shown), and the
timer that picks up what others committed (services.changes) while keeping the person's place.
"""
from __future__ import annotations

import logging
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QWidget

from desktop.services import Library, UserError, identity
from desktop.services.dto import ClaimInfo
from desktop.services.errors import StaleEdit
from desktop.ui.codebook_actions import CodebookActions
from desktop.ui.db_executor import DbExecutor, Priority
from desktop.ui.dialogs import show_error
from desktop.ui.window_parts import (
    AddAction,
    ArticleList,
    ArticleOpener,
    ArticleView,
    HoldsLibrary,
    MarksRefresher,
    Say,
)

if TYPE_CHECKING:  # types only: the window paints before the services' modules load (issue 19)
    from desktop.services.changes import ChangeWatcher

log = logging.getLogger(__name__)

POLL_MS = 1500  # colleagues' work shows within two polls, well inside the promised few seconds


class Team:
    def __init__(self, parent: QWidget, db: DbExecutor, view: ArticleView, articles: ArticleList,
                 codebook: CodebookActions, marks: MarksRefresher, holder: HoldsLibrary, open_article: ArticleOpener,
                 say: Say) -> None:
        self._parent, self._db, self._view, self._list = parent, db, view, articles
        self._codebook, self._marks, self._holder, self._open, self._say = codebook, marks, holder, open_article, say
        self.blind = False
        self.blind_action: QAction | None = None
        self._coders: list[str] = []  # who has coded in this library, as last read
        self._coders_menu: QMenu | None = None
        # The watcher lives on the database thread: made, polled and closed only by operations there.
        self._watched: Library | None = None  # the library the watcher belongs to (the window can switch)
        self._watcher: ChangeWatcher | None = None
        self._polling = False  # a poll is on its way: the timer does not queue another behind it
        self._pending = False  # a change seen while the person was typing in the claim editor
        self._timer = QTimer(parent, interval=POLL_MS)
        self._timer.timeout.connect(self.poll)
        self._timer.start()
        # Before the window first reads the library (it is queued first), so no change falls between the two.
        self._db.submit(self._start_watching, on_failed=self._watch_failed, label="watch for colleagues")
        self._read_coders(Priority.BACKGROUND)  # after what the window shows first

    # ------------------------------------------------------------------ who
    def me(self) -> str | None:
        return self._holder.lib.store.annotator

    def visible_coder(self) -> str | None:
        """Whose claims the reader and the claims panel show: yours while coding blind, else the filter's."""
        return self.me() if self.blind else self._list.model.filter.coder

    def ask_name(self) -> None:
        from PySide6.QtWidgets import QInputDialog  # not at start-up: issue 19

        name, ok = QInputDialog.getText(self._parent, "Your name",
                                        "The name your colleagues see on your claims and edits:",
                                        QLineEdit.EchoMode.Normal, self.me() or identity.system_name() or "")
        if ok and identity.clean(name):
            self._holder.lib.store.annotator = identity.save_name(name)
            self._say(f"Your edits are now signed {self._holder.lib.store.annotator}", 5000)

    # ------------------------------------------------------------------ the menu
    def build_menu(self, menu: QMenu, add_action: AddAction) -> None:
        parent = self._parent
        add_action(parent, menu, "Your &name…", self.ask_name)
        blind = add_action(parent, menu, "&Blind coding: only my claims", self.set_blind, QKeySequence("Ctrl+Shift+B"))
        blind.setCheckable(True)
        self.blind_action = blind
        coders = menu.addMenu("Articles coded &by")
        # Listed from what was last read: a submenu filled only once shown stays empty the first time
        # (the answer comes after Qt has shown it). Read again as the Team menu opens, for new coders.
        self._coders_menu = coders
        self._list_coders(coders)
        menu.aboutToShow.connect(lambda: self._read_coders())
        coders.aboutToShow.connect(lambda: self._list_coders(coders))
        menu.addSeparator()
        add_action(parent, menu, "Claim &history…", self.show_history, QKeySequence("Ctrl+Shift+H"))
        add_action(parent, menu, "&Agreement and disagreements…", self.show_agreement, QKeySequence("Ctrl+Shift+G"))

    def _read_coders(self, priority: Priority = Priority.NOW) -> None:
        self._db.submit(lambda lib: lib.history.coders(), on_done=self._coders_read, label="coders",
                        priority=priority)

    def _coders_read(self, coders: list[str]) -> None:
        self._coders = coders
        if self._coders_menu is not None:
            self._list_coders(self._coders_menu)

    def _list_coders(self, menu: QMenu) -> None:
        """Everyone, then each coder known so far; the one the list is filtered to is ticked."""
        menu.clear()
        current = self._list.model.filter.coder
        for name in [None, *self._coders]:
            action = menu.addAction("Everyone" if name is None else name.replace("&", "&&"),
                                    partial(self.filter_coder, name))
            action.setCheckable(True)
            action.setChecked(name == current)

    def filter_coder(self, name: str | None) -> None:
        """Only the articles this person coded, and only their claims in the reader."""
        self._list.model.set_filter(replace(self._list.model.filter, coder=name))
        self._marks.refresh_marks()
        self._say(f"Showing the work of {name}" if name else "Showing everyone's work", 5000)

    def set_blind(self, on: bool) -> None:
        self.blind = bool(on)
        if self.blind_action is not None and self.blind_action.isChecked() != self.blind:
            self.blind_action.setChecked(self.blind)
        self._marks.refresh_marks()
        self._say(
                  "Blind coding: you see only your own claims" if self.blind else "You see everyone's claims", 5000)

    # ------------------------------------------------------------------ history and agreement
    def show_history(self) -> None:

        claim_id = self._view.claims.current_id()
        if claim_id is None:
            self._say("Choose a claim first, then ask for its history", 4000)
            return
        names = {t.id: t.path for t in self._codebook.tags}
        claim = self._view.claims.shown(claim_id)
        self._db.submit(lambda lib: lib.history.for_claim(claim_id, names),
                        on_done=lambda history: self._show_history(claim, history), label="claim history")

    def _show_history(self, claim, history) -> None:
        from desktop.ui.team_dialogs import HistoryDialog

        self.history_dialog = HistoryDialog(claim, history, self._parent)
        self.history_dialog.show()

    def show_agreement(self) -> None:

        self._db.submit(lambda lib: lib.agreement.compute(), on_done=self._show_agreement,
                        on_failed=self._no_agreement, label="agreement")

    def _no_agreement(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            show_error(self._parent, f"No agreement to show: {exc}")
        else:
            self._db.report_failure(exc)

    def _show_agreement(self, report) -> None:
        from desktop.ui.team_dialogs import AgreementDialog

        self.agreement_dialog = AgreementDialog(report, self._parent)
        self.agreement_dialog.sig_open.connect(self.open_passage)
        self.agreement_dialog.show()

    def open_passage(self, article_id: int, start: int, end: int) -> None:
        self._open(article_id, then=lambda: self._view.reader.spotlight([(start, end)]))
        self._parent.window().raise_()
        self._parent.window().activateWindow()

    # ------------------------------------------------------------------ a stale edit
    def refused(self, exc: StaleEdit) -> None:
        """Say who got there first, then show their version (or that the claim is gone)."""
        if exc.kind == "claim":
            claim_id = getattr(exc.current, "id", None) or self._view.claims.current_id()
            if claim_id is not None:
                fresh = exc.current if isinstance(exc.current, ClaimInfo) else None  # None: deleted meanwhile
                self._view.claims.take_fresh(claim_id, fresh)
        else:  # a tag or an entity: the codebook and the entities as they are now
            self._codebook.refresh()
        self._marks.refresh_marks(keep_claim=getattr(exc.current, "id", None) if exc.kind == "claim" else None)
        self._list.model.reload()
        show_error(self._parent, str(exc))

    # ------------------------------------------------------------------ colleagues' changes
    def poll(self) -> None:
        if self._polling:
            return
        self._polling = True
        self._db.submit(self._poll_changes, on_done=self._polled, on_failed=self._watch_failed,
                        label="colleagues' changes", priority=Priority.BACKGROUND)

    def _start_watching(self, lib: Library) -> None:
        """Database thread."""
        if self._watcher is not None:
            self._watcher.close()
        self._watched, self._watcher = lib, None
        self._watcher = lib.watch_changes()

    def _poll_changes(self, lib: Library) -> bool:
        """Database thread: True if someone else changed the library (or it is another one now)."""
        if self._watched is not lib:  # another library, or a lost connection: catch up once
            self._start_watching(lib)
            return True
        return self._watcher is not None and self._watcher.poll()

    def _polled(self, changed: bool) -> None:
        self._polling = False
        self._pending = self._pending or changed
        if self._pending and not self._typing():
            self._pending = False
            self.refresh()

    def _watch_failed(self, exc: BaseException) -> None:
        # A dropped connection must not stop the person's work; try again at the next poll.
        self._polling = False
        log.warning("could not check for colleagues' changes: %s", exc)
        self._db.submit(self._forget_watcher, label="drop the watcher")

    def _forget_watcher(self, _lib: Library) -> None:
        """Database thread."""
        self._stop_watching(_lib)
        self._watched = None

    def _typing(self) -> bool:
        """In the claim editor's note or speaker: a refresh would reset the field under the cursor."""
        focus = QApplication.focusWidget()
        return focus is not None and self._view.claims.editor.isAncestorOf(focus)

    def refresh(self) -> None:
        """Others' work in: the list, the codebook, the open article's marks and claims; place kept."""
        list_pos = self._list.table.verticalScrollBar().value()
        reader_pos = self._view.reader.verticalScrollBar().value()
        cursor = self._view.reader.textCursor()

        def keep_reader_place() -> None:
            self._view.reader.setTextCursor(cursor)
            self._view.reader.verticalScrollBar().setValue(reader_pos)

        self._codebook.refresh()
        self._read_coders()
        self._list.model.reload(then=lambda: self._list.table.verticalScrollBar().setValue(list_pos))
        self._marks.refresh_marks(then=keep_reader_place)

    def stop(self) -> None:
        """The window closes: no more polls; the watcher is closed on the database thread."""
        self._timer.stop()
        self._db.submit(self._stop_watching, label="stop watching")

    def _stop_watching(self, _lib: Library) -> None:
        """Database thread."""
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
