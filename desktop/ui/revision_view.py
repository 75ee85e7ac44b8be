"""Revised articles and REFI-QDA projects in the window: the "revised on" line, the differences
view with the claims to review, undo of a revision import, and File ▸ Export REFI-QDA project."""
from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import theme
from desktop.ui.claims_panel import ClaimsPanel
from desktop.ui.db_executor import DbExecutor
from desktop.ui.dialogs import TextDialog, show_error
from desktop.ui.import_flow import ImportFlow
from desktop.ui.undo import EditCommand, push_command
from desktop.ui.window_parts import ArticleView, MarksRefresher, Say

if TYPE_CHECKING:  # reading draws the "revised on" line from this module
    from desktop import edits
    from desktop.services.revisions import RevisionDiff, RevisionInfo
    from desktop.ui.reading import Reading

CONTEXT = 80  # characters of unchanged text shown around each change


def esc(text: str | None) -> str:
    return html.escape(text or "", quote=False)


def revision_line(info: RevisionInfo | None) -> str:
    """The header's line under a revised article's details, with a link to the differences."""
    if info is None:
        return ""
    review = f" · {len(info.flagged)} claim{'s' if len(info.flagged) != 1 else ''} to review" if info.flagged else ""
    return (f"<br><span style='color:{theme.muted().name()}'>Version {info.version}: "
            f"<a href='revision:{info.article_id}'>{esc(info.banner)}</a>{review}</span>")


def diff_html(diff: RevisionDiff) -> str:
    """Each changed passage with some text around it: removed words struck out, added words underlined."""
    parts = []
    for n, ch in enumerate(diff.changes, start=1):
        before = words_before(diff.new, ch.new_start)
        after = words_after(diff.new, ch.new_end)
        removed = diff.old[ch.old_start:ch.old_end]
        added = diff.new[ch.new_start:ch.new_end]
        parts.append(
            f"<p><b>{n}.</b> {esc(before)}"
            + (f"<span style='color:#c0392b; text-decoration:line-through'>{esc(removed)}</span>" if removed else "")
            + (f"<span style='color:#1e8449; text-decoration:underline'>{esc(added)}</span>" if added else "")
            + f"{esc(after)}</p>")
    return "".join(parts) or "<p>No words changed.</p>"


def words_before(text: str, end: int, width: int = CONTEXT) -> str:
    """About `width` characters of text before `end`, starting at a word: a word the cut would split is
    left out, and "…" says that text comes before."""
    start = max(0, end - width)
    if start == 0:
        return text[:end]
    if not text[start - 1].isspace():  # the cut falls inside a word: start at the next one
        gap = next((i for i in range(start, end) if text[i].isspace()), end)
        start = gap
    return "…" + text[start:end].lstrip()


def words_after(text: str, start: int, width: int = CONTEXT) -> str:
    """About `width` characters of text after `start`, ending at a word (the mirror of words_before)."""
    end = min(len(text), start + width)
    if end == len(text):
        return text[start:]
    if not text[end].isspace():  # the cut falls inside a word: end at the one before it
        end = next((i for i in range(end, start, -1) if text[i - 1].isspace()), start)
    return text[start:end].rstrip() + "…"


def mark_flagged(claims: ClaimsPanel, flags: dict[int, str]) -> None:
    """Claims whose words a revision changed say so in the claims list until someone reviews them."""
    if not flags:
        return
    items = claims.list
    for i in range(items.count()):
        item = items.item(i)
        message = flags.get(item.data(Qt.ItemDataRole.UserRole))
        if message:
            short = message if len(message) < 120 else message[:117] + "…'"
            item.setText(f"{item.text()}\n⚠ {short}")
            item.setToolTip(message)


class RevisionDialog(QDialog):
    """What changed between the previous and this version, and the claims whose words changed."""

    def __init__(self, parent: QWidget, db: DbExecutor, marks: MarksRefresher, article_id: int, info: RevisionInfo,
                 diff: RevisionDiff) -> None:
        super().__init__(parent)
        self._db, self._marks, self._article_id = db, marks, article_id
        self.setWindowTitle("Changes in this version")
        self.resize(720, 560)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{esc(info.banner[0].upper() + info.banner[1:])}</b> "
                                f"(version {info.version}; the previous version is kept unchanged)"))
        self.changes = QTextBrowser()
        self.changes.setHtml(diff_html(diff))
        layout.addWidget(self.changes, 2)
        layout.addWidget(QLabel("Claims whose words changed (tick when reviewed):"))
        self.flagged = QListWidget()
        self.flagged.setWordWrap(True)
        for f in info.flagged:
            item = QListWidgetItem(f"{f.message} — now '{f.new_text}'")
            item.setData(Qt.ItemDataRole.UserRole, f.claim_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.flagged.addItem(item)
        self.flagged.itemChanged.connect(self._reviewed)
        layout.addWidget(self.flagged, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _reviewed(self, item: QListWidgetItem) -> None:
        claim_id, reviewed = item.data(Qt.ItemDataRole.UserRole), item.checkState() == Qt.CheckState.Checked
        marks = self._marks
        self._db.submit(lambda lib: lib.revisions.mark_reviewed(claim_id, reviewed),
                        on_done=lambda _none: marks.refresh_marks(), label="claim reviewed")


class RevisionCommand(EditCommand):
    """Undo of a revision import; the version left unanalysed by undo or redo is analysed in the background."""

    def __init__(self, parent: QWidget, db: DbExecutor, edit: edits.ImportRevision,
                 changed: Callable[[], None]) -> None:
        super().__init__(db, edit, on_changed=lambda _edit: changed(),
                         on_refused=lambda exc: show_error(parent, f"Cannot undo the revision: {exc}"))


class RevisionActions:
    def __init__(self, parent: QWidget, db: DbExecutor, view: ArticleView, reading: Reading, undo_stack: QUndoStack,
                 imports: ImportFlow, after_edit: Callable[[], None], say: Say) -> None:
        self._parent, self._db, self._view, self._reading = parent, db, view, reading
        self._undo_stack, self._imports, self._after_edit, self._say = undo_stack, imports, after_edit, say
        self.dialog: RevisionDialog | None = None
        view.header.linkActivated.connect(self._link)
        imports.sig_imported.connect(self.imported)

    def imported(self, report) -> None:
        """Each revision an import stored becomes one undo step; a project's import is listed in full."""
        from desktop import edits  # loaded with the first edit, not at start-up (issue 19)

        for _path, revised in getattr(report, "revised", []):
            edit = edits.ImportRevision(revised.article_id)
            push_command(self._undo_stack, RevisionCommand(self._parent, self._db, edit, self._changed_version))
        projects = getattr(report, "projects", [])
        if projects:
            self._say("; ".join(p.summary() for p in projects), 10000)
            if not self._imports.quiet:
                lines = "\n".join(line for p in projects for line in p.lines())
                TextDialog("REFI-QDA import", f"<pre>{esc(lines)}</pre>", self._parent, (720, 420)).exec()

    def _changed_version(self) -> None:
        """A revision undone or redone: the window shows it, and the version left unanalysed is analysed."""
        self._after_edit()
        self._imports.analyse_pending()

    def _link(self, link: str) -> None:
        if link.startswith("revision:"):
            self.show_changes(int(link.split(":", 1)[1]))

    def show_current(self) -> None:
        # The database answers, not the reader's copy: that is cleared while the article reloads (after
        # a background analysis, say), and a key pressed then would be told there is no revision.
        article = self._view.reader.article
        if article is None:
            self._say("This article has not been revised since it was imported", 5000)
            return
        self.show_changes(article.id)

    def show_changes(self, article_id: int) -> None:
        self._db.submit(lambda lib: (lib.revisions.for_article(article_id), lib.revisions.diff(article_id)),
                        on_done=lambda found: self._show_dialog(article_id, *found), label="revision diff")

    def _show_dialog(self, article_id: int, info: RevisionInfo | None, diff: RevisionDiff | None) -> None:
        if info is None or diff is None:
            self._say("This article has not been revised since it was imported", 5000)
            return
        self.dialog = RevisionDialog(self._parent, self._db, self._reading, article_id, info, diff)
        self.dialog.show()

    # ---- REFI-QDA
    def export_project(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # not at start-up: issue 19

        path, _ = QFileDialog.getSaveFileName(self._parent, "Export REFI-QDA project",
                                              str(Path.home() / "ClaimDesk.qdpx"), "REFI-QDA project (*.qdpx)")
        if not path:
            return
        out = Path(path) if path.lower().endswith(".qdpx") else Path(path + ".qdpx")
        self._say("Writing the REFI-QDA project…", 0)

        def work(lib, progress, _cancel):
            from desktop.exchange.refi_export import export_qdpx

            return export_qdpx(lib, out, progress=progress)

        self._db.run_task(work, on_done=lambda done: self._say(
            f"Saved {done.path}: {done.summary()}", 10000),
            on_failed=lambda exc: show_error(self._parent, f"Export failed: {exc}"), label="REFI-QDA export")
