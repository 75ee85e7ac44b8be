"""Working as a team: who you are, blind coding, a claim's history, agreement, and colleagues' changes live.

The Team menu's commands, the refusal of a stale edit (the colleague's version is shown), and the
timer that picks up what others committed (services.changes) while keeping the person's place.
"""
from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from desktop.services import UserError, identity
from desktop.services.errors import StaleEdit
from desktop.ui.dialogs import show_error

log = logging.getLogger(__name__)

POLL_MS = 1500  # colleagues' work shows within two polls, well inside the promised few seconds


class Team:
    def __init__(self, win) -> None:
        self._win = win
        self.blind = False
        self.blind_action = None
        self._watched = None  # the library the watcher belongs to (the window can switch libraries)
        self._watcher = None
        self._pending = False  # a change seen while the person was typing in the claim editor
        self._timer = QTimer(win, interval=POLL_MS)
        self._timer.timeout.connect(self.poll)
        self._timer.start()
        try:  # before the window first reads the library, so no change falls between the two
            self._restart_watcher()
        except Exception:
            log.warning("cannot watch the library for colleagues' changes", exc_info=True)

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
        self.blind_action = add_action(win, menu, "&Blind coding: only my claims", self.set_blind,
                                       QKeySequence("Ctrl+Shift+B"))
        self.blind_action.setCheckable(True)
        coders = menu.addMenu("Articles coded &by")
        coders.aboutToShow.connect(lambda: self._fill_coders(coders))
        menu.addSeparator()
        add_action(win, menu, "Claim &history…", self.show_history, QKeySequence("Ctrl+Shift+H"))
        add_action(win, menu, "&Agreement and disagreements…", self.show_agreement, QKeySequence("Ctrl+Shift+G"))

    def _fill_coders(self, menu) -> None:
        menu.clear()
        current = self._win.model.filter.coder
        for name in [None, *self._win.lib.history.coders()]:
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
        from desktop.ui.team_dialogs import HistoryDialog

        win = self._win
        claim_id = win.claims_panel.current_id()
        if claim_id is None:
            win.statusBar().showMessage("Choose a claim first, then ask for its history", 4000)
            return
        names = {t.id: t.path for t in win.codebook_actions.tags}
        claim = win.claims_panel.shown(claim_id)
        self.history_dialog = HistoryDialog(claim, win.lib.history.for_claim(claim_id, names), win)
        self.history_dialog.show()

    def show_agreement(self) -> None:
        from desktop.ui.team_dialogs import AgreementDialog

        win = self._win
        try:
            report = win.lib.agreement.compute()
        except UserError as exc:
            show_error(win, f"No agreement to show: {exc}")
            return
        self.agreement_dialog = AgreementDialog(report, win)
        self.agreement_dialog.sig_open.connect(self.open_passage)
        self.agreement_dialog.show()

    def open_passage(self, article_id: int, start: int, end: int) -> None:
        win = self._win
        win.open_article(article_id)
        win.reader.spotlight([(start, end)])
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
            win.codebook_actions.refresh()
        win.reading.refresh_marks(keep_claim=getattr(exc.current, "id", None) if exc.kind == "claim" else None)
        win.model.reload()
        show_error(win, str(exc))

    # ------------------------------------------------------------------ colleagues' changes
    def poll(self) -> None:
        win = self._win
        try:
            if self._watched is not win.lib:
                self._restart_watcher()
                self._pending = True  # another library, or a lost connection: catch up once
            if self._watcher is not None and self._watcher.poll():
                self._pending = True
            if self._pending and not self._typing():
                self._pending = False
                self.refresh()
        except Exception:  # a dropped connection must not stop the person's work; try again later
            log.warning("could not check for colleagues' changes", exc_info=True)
            self._watcher = None
            self._watched = None

    def _restart_watcher(self) -> None:
        if self._watcher is not None:
            self._watcher.close()
        self._watched = self._win.lib
        self._watcher = self._win.lib.watch_changes()

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
        win.codebook_actions.refresh()
        win.model.reload()
        win.table.verticalScrollBar().setValue(list_pos)
        win.reading.refresh_marks()
        win.reader.setTextCursor(cursor)
        win.reader.verticalScrollBar().setValue(reader_pos)

    def stop(self) -> None:
        self._timer.stop()
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
