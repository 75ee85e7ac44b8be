"""Working as a team: who you are, blind coding, a claim's history, agreement, and colleagues' changes live.

The Team menu's commands, the refusal of a stale edit (the colleague's version is shown), and the
timer that picks up what others committed (services.changes) while keeping the person's place.
"""
from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from desktop.services import Library, UserError, identity
from desktop.services.changes import ChangeWatcher
from desktop.services.errors import StaleEdit
from desktop.ui.codebook_actions import CodebookActions
from desktop.ui.db_executor import Priority
from desktop.ui.dialogs import show_error

log = logging.getLogger(__name__)

POLL_MS = 1500  # colleagues' work shows within two polls, well inside the promised few seconds


class Team:
    def __init__(self, win, codebook: CodebookActions) -> None:
        self._win = win
        self._codebook = codebook
        self.blind = False
        self.blind_action: QAction | None = None
        # The watcher lives on the database thread: made, polled and closed only by operations there.
        self._watched: Library | None = None  # the library the watcher belongs to (the window can switch)
        self._watcher: ChangeWatcher | None = None
        self._polling = False  # a poll is on its way: the timer does not queue another behind it
        self._pending = False  # a change seen while the person was typing in the claim editor
        self._timer = QTimer(win, interval=POLL_MS)
        self._timer.timeout.connect(self.poll)
        self._timer.start()
        # Before the window first reads the library (it is queued first), so no change falls between the two.
        win.db.submit(self._start_watching, on_failed=self._watch_failed, label="watch for colleagues")

    # ------------------------------------------------------------------ who
    def me(self) -> str | None:
        return self._win.lib.store.annotator

    def visible_coder(self) -> str | None:
        """Whose claims the reader and the claims panel show: yours while coding blind, else the filter's."""
        return self.me() if self.blind else self._win.model.filter.coder

    def ask_name(self) -> None:
        win = self._win
        name, ok = QInputDialog.getText(win, "Your name", "The name your colleagues see on your claims and edits:",
                                        QLineEdit.EchoMode.Normal, self.me() or identity.system_name() or "")
        if ok and identity.clean(name):
            win.lib.store.annotator = identity.save_name(name)
            win.statusBar().showMessage(f"Your edits are now signed {win.lib.store.annotator}", 5000)

    # ------------------------------------------------------------------ the menu
    def build_menu(self, menu, add_action) -> None:
        win = self._win
        add_action(win, menu, "Your &name…", self.ask_name)
        blind = add_action(win, menu, "&Blind coding: only my claims", self.set_blind, QKeySequence("Ctrl+Shift+B"))
        blind.setCheckable(True)
        self.blind_action = blind
        coders = menu.addMenu("Articles coded &by")
        coders.aboutToShow.connect(lambda: self._fill_coders(coders))
        menu.addSeparator()
        add_action(win, menu, "Claim &history…", self.show_history, QKeySequence("Ctrl+Shift+H"))
        add_action(win, menu, "&Agreement and disagreements…", self.show_agreement, QKeySequence("Ctrl+Shift+G"))

    def _fill_coders(self, menu) -> None:
        """The menu as it was, until the library's list of coders arrives (a moment later)."""
        self._win.db.submit(lambda lib: lib.history.coders(), on_done=lambda names: self._list_coders(menu, names),
                            label="coders")

    def _list_coders(self, menu, coders: list[str]) -> None:
        menu.clear()
        current = self._win.model.filter.coder
        for name in [None, *coders]:
            action = menu.addAction("Everyone" if name is None else name.replace("&", "&&"),
                                    lambda n=name: self.filter_coder(n))
            action.setCheckable(True)
            action.setChecked(name == current)

    def filter_coder(self, name: str | None) -> None:
        """Only the articles this person coded, and only their claims in the reader."""
        win = self._win
        win.model.set_filter(replace(win.model.filter, coder=name))
        win.reading.refresh_marks()
        win.statusBar().showMessage(f"Showing the work of {name}" if name else "Showing everyone's work", 5000)

    def set_blind(self, on: bool) -> None:
        self.blind = bool(on)
        if self.blind_action is not None and self.blind_action.isChecked() != self.blind:
            self.blind_action.setChecked(self.blind)
        self._win.reading.refresh_marks()
        self._win.statusBar().showMessage(
            "Blind coding: you see only your own claims" if self.blind else "You see everyone's claims", 5000)

    # ------------------------------------------------------------------ history and agreement
    def show_history(self) -> None:

        win = self._win
        claim_id = win.claims_panel.current_id()
        if claim_id is None:
            win.statusBar().showMessage("Choose a claim first, then ask for its history", 4000)
            return
        names = {t.id: t.path for t in self._codebook.tags}
        claim = win.claims_panel.shown(claim_id)
        win.db.submit(lambda lib: lib.history.for_claim(claim_id, names),
                      on_done=lambda history: self._show_history(claim, history), label="claim history")

    def _show_history(self, claim, history) -> None:
        from desktop.ui.team_dialogs import HistoryDialog

        self.history_dialog = HistoryDialog(claim, history, self._win)
        self.history_dialog.show()

    def show_agreement(self) -> None:

        win = self._win
        win.db.submit(lambda lib: lib.agreement.compute(), on_done=self._show_agreement,
                      on_failed=self._no_agreement, label="agreement")

    def _no_agreement(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            show_error(self._win, f"No agreement to show: {exc}")
        else:
            self._win.db.report_failure(exc)

    def _show_agreement(self, report) -> None:
        from desktop.ui.team_dialogs import AgreementDialog

        win = self._win
        self.agreement_dialog = AgreementDialog(report, win)
        self.agreement_dialog.sig_open.connect(self.open_passage)
        self.agreement_dialog.show()

    def open_passage(self, article_id: int, start: int, end: int) -> None:
        win = self._win
        win.open_article(article_id, then=lambda: win.reader.spotlight([(start, end)]))
        win.raise_()
        win.activateWindow()

    # ------------------------------------------------------------------ a stale edit
    def refused(self, exc: StaleEdit) -> None:
        """Say who got there first, then show their version (or that the claim is gone)."""
        win = self._win
        if exc.kind == "claim":
            claim_id = getattr(exc.current, "id", None) or win.claims_panel.current_id()
            if claim_id is not None:
                win.claims_panel.take_fresh(claim_id, exc.current)
        else:  # a tag or an entity: the codebook and the entities as they are now
            self._codebook.refresh()
        win.reading.refresh_marks(keep_claim=getattr(exc.current, "id", None) if exc.kind == "claim" else None)
        win.model.reload()
        show_error(win, str(exc))

    # ------------------------------------------------------------------ colleagues' changes
    def poll(self) -> None:
        if self._polling:
            return
        self._polling = True
        self._win.db.submit(self._poll_changes, on_done=self._polled, on_failed=self._watch_failed,
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
        self._win.db.submit(self._forget_watcher, label="drop the watcher")

    def _forget_watcher(self, _lib: Library) -> None:
        """Database thread."""
        self._stop_watching(_lib)
        self._watched = None

    def _typing(self) -> bool:
        """In the claim editor's note or speaker: a refresh would reset the field under the cursor."""
        focus = QApplication.focusWidget()
        return focus is not None and self._win.claims_panel.editor.isAncestorOf(focus)

    def refresh(self) -> None:
        """Others' work in: the list, the codebook, the open article's marks and claims; place kept."""
        win = self._win
        list_pos = win.table.verticalScrollBar().value()
        reader_pos = win.reader.verticalScrollBar().value()
        cursor = win.reader.textCursor()

        def keep_reader_place() -> None:
            win.reader.setTextCursor(cursor)
            win.reader.verticalScrollBar().setValue(reader_pos)

        self._codebook.refresh()
        win.model.reload(then=lambda: win.table.verticalScrollBar().setValue(list_pos))
        win.reading.refresh_marks(then=keep_reader_place)

    def stop(self) -> None:
        """The window closes: no more polls; the watcher is closed on the database thread."""
        self._timer.stop()
        self._win.db.submit(self._stop_watching, label="stop watching")

    def _stop_watching(self, _lib: Library) -> None:
        """Database thread."""
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
