"""Every edit in the GUI is a QUndoCommand around a core edit: one mechanism for undo, redo and saving."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.edits import Edit
from desktop.services import Library
from desktop.services.errors import StaleEdit


class EditCommand(QUndoCommand):
    def __init__(self, lib: Library, edit: Edit, on_refused: Callable[[StaleEdit], None] | None = None) -> None:
        super().__init__(edit.label)
        self._lib = lib
        self.edit = edit
        self._on_refused = on_refused
        self._applied = True  # apply() ran before the push; QUndoStack's first redo() must not repeat it

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._guarded(self.edit.apply)

    def undo(self) -> None:
        self._guarded(self.edit.revert)

    def _guarded(self, step) -> None:
        """A colleague changed or deleted the claim since: this step cannot be undone or redone any
        more, so it leaves the stack (Qt drops a command made obsolete while it runs) and says why."""
        try:
            step(self._lib)
        except StaleEdit as exc:
            self.setObsolete(True)
            if self._on_refused is not None:
                self._on_refused(exc)


def perform(stack: QUndoStack, lib: Library, edit: Edit,
            on_refused: Callable[[StaleEdit], None] | None = None) -> None:
    """Apply an edit (committing it) and put it on the undo stack; errors propagate unpushed."""
    edit.apply(lib)
    stack.push(EditCommand(lib, edit, on_refused))


def perform_all(stack: QUndoStack, lib: Library, label: str, edits: list[Edit]) -> None:
    """Apply edits as one undo step. Only the first may refuse: it runs before anything is on the stack."""
    first, *rest = edits
    first.apply(lib)
    stack.beginMacro(label)
    try:
        stack.push(EditCommand(lib, first))
        for edit in rest:
            perform(stack, lib, edit)
    finally:
        stack.endMacro()
