"""What the window's helpers are handed instead of the window: narrow, typed pieces of it."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from desktop.edits import Edit

Then = Callable[[], None] | None
Say = Callable[[str, int], None]  # a line in the status bar, shown for so many milliseconds


class Editor(Protocol):
    """Applies a person's edits through the undo stack (the main window is one)."""

    def do(self, edit: Edit, then: Then = None) -> None: ...

    def do_all(self, label: str, edits: Sequence[Edit], then: Then = None) -> None: ...


class ArticleOpener(Protocol):
    def __call__(self, article_id: int, then: Then = None) -> None: ...
