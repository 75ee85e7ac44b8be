"""Every edit in the GUI is a QUndoCommand around a core edit: one mechanism for undo, redo and saving.

Applying, undoing and redoing run as operations on the window's database executor; the command is
pushed once its edit is committed, and on_changed(edit) runs on the GUI thread after every step that
changed the library, so the window refreshes what that edit touched.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.services import Library
from desktop.services.errors import StaleEdit, UserError
from desktop.ui.db_executor import DbExecutor

if TYPE_CHECKING:  # the edits load with the first one made (issue 19: start-up)
    from desktop.edits import Edit

Changed = Callable[["Edit"], None]
Refused = Callable[[UserError], None]


class EditCommand(QUndoCommand):
    def __init__(self, db: DbExecutor, edit: Edit, on_changed: Changed | None = None,
                 on_refused: Refused | None = None) -> None:
        super().__init__(edit.label)
        self._db = db
        self.edit = edit
        self._on_changed = on_changed
        self._on_refused = on_refused
        self._applied = True  # apply() ran before the push; QUndoStack's first redo() must not repeat it
        self._dead = False  # refused once: nothing more to undo or redo
        self._stack: QUndoStack | None = None  # set when pushed, so a refused step can leave it

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._step(self.edit.apply)

    def undo(self) -> None:
        self._step(self.edit.revert)

    def _step(self, step: Callable[[Library], None]) -> None:
        if self._dead:
            return
        self._db.submit(step, on_done=lambda _none: self._changed(), on_failed=self._refused,
                        label=self.edit.label)

    def _changed(self) -> None:
        if self._on_changed is not None:
            self._on_changed(self.edit)

    def _refused(self, exc: BaseException) -> None:
        """A colleague changed or deleted the claim since: this step cannot be undone or redone any
        more. It is marked obsolete, so the stack drops it the next time it reaches it, and says why."""
        if not isinstance(exc, UserError) or self._on_refused is None:
            self._db.report_failure(exc)
        self._dead = True
        self.setObsolete(True)
        self._leave_stack()
        if isinstance(exc, UserError) and self._on_refused is not None:
            self._on_refused(exc)
        if isinstance(exc, StaleEdit):
            self._changed()  # show the colleague's version


    def _leave_stack(self) -> None:
        """Qt drops an obsolete command when it next undoes or redoes it: that is done now (a no-op
        step here), so the refused step leaves the stack at once and the index stays where it is."""
        stack = self._stack
        if stack is None:
            return
        at = stack.index()
        if at < stack.count() and stack.command(at) is self:  # refused while being undone
            stack.redo()
        elif at > 0 and stack.command(at - 1) is self:  # refused while being redone
            stack.undo()


def perform(stack: QUndoStack, db: DbExecutor, edit: Edit, on_changed: Changed | None = None,
            on_refused: Refused | None = None, then: Callable[[], None] | None = None) -> None:
    """Apply an edit (committing it) on the database thread, then put it on the undo stack and call
    then(); an edit refused goes to on_refused and never onto the stack."""
    def applied(_none: None) -> None:
        push_command(stack, EditCommand(db, edit, on_changed, on_refused))
        if on_changed is not None:
            on_changed(edit)
        if then is not None:
            then()

    db.submit(edit.apply, on_done=applied, on_failed=_refusal(db, on_refused), label=edit.label)


def perform_all(stack: QUndoStack, db: DbExecutor, label: str, edits: Sequence[Edit],
                on_changed: Changed | None = None, on_refused: Refused | None = None,
                then: Callable[[], None] | None = None) -> None:
    """Apply edits as one undo step, in one operation. One refused stops the rest; those applied
    before it stay applied and are the step (then() runs only when all were applied)."""
    def apply_all(lib: Library) -> tuple[list[Edit], UserError | None]:
        done: list[Edit] = []
        for edit in edits:
            try:
                edit.apply(lib)
            except UserError as exc:
                return done, exc
            done.append(edit)
        return done, None

    def applied(result: tuple[list[Edit], UserError | None]) -> None:
        done, refusal = result
        if done:
            stack.beginMacro(label)
            for edit in done:
                stack.push(EditCommand(db, edit, on_changed, on_refused))  # inside a macro: not its own step
            stack.endMacro()
            if on_changed is not None:
                on_changed(done[-1])
        if refusal is not None:
            _refusal(db, on_refused)(refusal)
        elif then is not None:
            then()

    db.submit(apply_all, on_done=applied, label=label)


def push_command(stack: QUndoStack, command: EditCommand) -> None:
    """Push a command that already applied its edit; a refused undo or redo can then take it off."""
    command._stack = stack
    stack.push(command)


def _refusal(db: DbExecutor, on_refused: Refused | None) -> Callable[[BaseException], None]:
    """A person's mistake (UserError) goes to on_refused; anything else is the window's to report."""
    def refused(exc: BaseException) -> None:
        if on_refused is not None and isinstance(exc, UserError):
            on_refused(exc)
        else:
            db.report_failure(exc)
    return refused
