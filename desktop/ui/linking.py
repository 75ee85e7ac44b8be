"""Claims across articles in the window: link by hand, the trail, and candidates found elsewhere."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, SignalInstance
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from desktop.services import UserError
from desktop.services.dto import ClaimInfo
from desktop.ui.db_executor import DbExecutor, Priority
from desktop.ui.link_dialog import LinkDialog
from desktop.ui.window_parts import ArticleOpener, ArticleView, Editor, Say

if TYPE_CHECKING:  # types only: the window paints before the services' modules load (issue 19)
    from desktop.services.similar import Candidate
    from desktop.services.trail import Trail

CANDIDATES_SHOWN = 8


class Linking:
    def __init__(self, parent: QWidget, db: DbExecutor, view: ArticleView, editor: Editor, edited: SignalInstance,
                 open_article: ArticleOpener, say: Say) -> None:
        self._parent, self._db, self._view, self._editor, self._open, self._say = (parent, db, view, editor,
                                                                                   open_article, say)
        self.dialog: LinkDialog | None = None
        self._lookup = 0  # the newest lookup; older answers arriving late are dropped
        # Edit ▸ Link claim… and the claims list's right-click menu share this one command.
        self.link_action = QAction("&Link claim…", parent)
        self.link_action.setShortcut(QKeySequence("Ctrl+L"))
        self.link_action.triggered.connect(self.link_current)
        panel, elsewhere = view.claims, view.elsewhere
        panel.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        panel.list.customContextMenuRequested.connect(self._context_menu)
        panel.sig_selected.connect(self.show_claim)
        elsewhere.sig_accept.connect(self.accept)
        elsewhere.sig_dismiss.connect(self.dismiss)
        elsewhere.sig_open.connect(self._open_passage)
        edited.connect(self._edited)

    # ---- the chosen claim
    def show_claim(self, claim_id: int) -> None:
        self._lookup += 1
        ticket = self._lookup
        self._db.submit(lambda lib: lib.trails.get(claim_id), on_done=lambda trail: self._trail(ticket, trail),
                        on_failed=lambda exc: self._no_trail(ticket, exc), label="trail")
        self._db.submit(lambda lib: lib.similar.for_claim(claim_id, CANDIDATES_SHOWN),
                        on_done=lambda found: self._found(ticket, found),
                        on_failed=lambda exc: self._found(ticket, [], str(exc)),
                        label="candidates elsewhere", priority=Priority.BACKGROUND)

    def _trail(self, ticket: int, trail: Trail) -> None:
        if ticket == self._lookup:
            self._view.elsewhere.set_trail(trail)
            self._view.elsewhere.set_busy()

    def _no_trail(self, ticket: int, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            self._db.report_failure(exc)
        elif ticket == self._lookup:  # deleted meanwhile
            self._lookup += 1  # its candidates, still on the way, are not shown either
            self._view.elsewhere.clear()

    def _found(self, ticket: int, found: list[Candidate], failure: str | None = None) -> None:
        if ticket != self._lookup:
            return
        self._view.elsewhere.set_candidates(found)
        if failure:
            self._say(f"Could not look for the claim elsewhere: {failure}", 8000)

    def _edited(self, _edit: object) -> None:
        current = self._view.claims.current_id()
        if current is None:
            self._view.elsewhere.clear()
            return
        panel = self._view.claims
        self._db.submit(lambda lib: lib.claims.links(current),
                        on_done=lambda links: panel.show_links(links) if panel.current_id() == current else None,
                        label="claim links")
        self.show_claim(current)

    # ---- linking by hand
    def link_current(self) -> None:
        claim_id = self._view.claims.current_id()
        if claim_id is None:
            self._say("Choose a claim in the Claims panel to link it", 5000)
            return
        self._db.submit(lambda lib: (lib.claims.get(claim_id), [c for c in lib.claims.all() if c.id != claim_id]),
                        on_done=lambda found: self._ask_link(claim_id, *found), label="claims to link")

    def _ask_link(self, claim_id: int, claim: ClaimInfo, others: list[ClaimInfo]) -> None:
        if not others:
            self._say("There is no other claim to link to yet", 5000)
            return
        # open(), not exec(): window-modal without a nested event loop, so tests drive it by keys.
        self.dialog = LinkDialog(claim, others, self._parent)
        self.dialog.accepted.connect(lambda: self._link(claim_id))
        self.dialog.open()

    def _link(self, claim_id: int) -> None:
        from desktop import edits  # loaded with the first edit, not at start-up (issue 19)

        if self.dialog is None:
            return
        other, kind, note = self.dialog.chosen()
        self._editor.do(edits.LinkClaims(claim_id, other, kind, label=f"Link claims ({kind})", note=note))

    def _context_menu(self, pos: QPoint) -> None:
        panel = self._view.claims
        item = panel.list.itemAt(pos)
        if item is None:
            return
        panel.list.setCurrentItem(item)
        menu = QMenu(panel.list)
        menu.addAction(self.link_action)
        menu.addAction("Look elsewhere in the library", self._look_elsewhere)
        menu.popup(panel.list.viewport().mapToGlobal(pos))

    def _look_elsewhere(self) -> None:
        claim_id = self._view.claims.current_id()
        if claim_id is not None:
            self.show_claim(claim_id)

    # ---- candidates
    def accept(self, cand: Candidate) -> None:
        from desktop import edits

        claim_id = self._view.claims.current_id()
        if claim_id is None:
            return
        kind = "contradicts" if cand.figure_differs else "repeats"
        if cand.claim_id is not None:  # a claim is already there: link to it rather than make a second
            self._editor.do(edits.LinkClaims(claim_id, cand.claim_id, kind, label="Accept candidate"))
        else:
            self._editor.do(edits.AcceptCandidate(claim_id, cand.article_id, cand.start, cand.end, kind))
        self._say(f"Linked to the claim in “{cand.title}”", 5000)

    def dismiss(self, cand: Candidate) -> None:
        from desktop import edits

        claim_id = self._view.claims.current_id()
        if claim_id is not None:
            self._editor.do(edits.DismissCandidate(claim_id, cand))

    def _open_passage(self, article_id: int, start: int, end: int) -> None:
        self._open(article_id, then=lambda: self._view.reader.spotlight([(start, end)]))
