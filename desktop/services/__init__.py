"""The headless core the GUI and the CLI both drive; no Qt below this line."""
from desktop.services.errors import NotFound, UserError
from desktop.services.library import Library

__all__ = ["Library", "NotFound", "UserError"]
