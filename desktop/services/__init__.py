"""The headless core the GUI and the CLI both drive; no Qt below this line."""
from db.paths import APP_NAME
from desktop.services.errors import LibraryOpenError, NotFound, UserError
from desktop.services.library import Library

__all__ = ["APP_NAME", "Library", "LibraryOpenError", "NotFound", "UserError"]
