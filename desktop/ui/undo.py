"""Every edit in the GUI is a QUndoCommand around a core edit: one mechanism for undo, redo and saving."""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.edits import Edit
from desktop.services import Library


class EditCommand(QUndoCommand):
    def __init__(self, lib: Library, edit: Edit) -> None:
        super().__init__(edit.label)
        self._lib = lib
        self.edit = edit
        self._applied = True  # apply() ran before the push; QUndoStack's first redo() must not repeat it

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.edit.apply(self._lib)

    def undo(self) -> None:
        self.edit.revert(self._lib)


def perform(stack: QUndoStack, lib: Library, edit: Edit) -> None:
    """Apply an edit (committing it) and put it on the undo stack; errors propagate unpushed."""
    edit.apply(lib)
    stack.push(EditCommand(lib, edit))


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
