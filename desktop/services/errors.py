"""Errors a person can cause; each message is one plain line."""
from __future__ import annotations

# A library that cannot be opened (locked, foreign, read-only, too new) is the engine's to find;
# the window catches it from here, since it never imports db.
from db.paths import LibraryOpenError

__all__ = ["LibraryOpenError", "NotFound", "StaleEdit", "UserError"]


class UserError(Exception):
    """Bad input from a person: shown as a message, never as a traceback."""


class NotFound(UserError):
    pass


class StaleEdit(UserError):
    """An edit made against a version of a row that a colleague has since changed or deleted.

    `current` is the row as it is now (a frozen dataclass), or None when it was deleted, so the
    window can show the colleague's version instead of the stale one.
    """

    def __init__(self, message: str, current: object | None = None, kind: str = "claim") -> None:
        super().__init__(message)
        self.current = current
        self.kind = kind  # claim | tag | entity
