"""The log file in the user's log folder, shared by the window and the command line."""
from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import platformdirs

from db.paths import APP_NAME


def log_folder() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def setup_logging() -> Path:
    """Send INFO and above to a rotating claimdesk.log; returns the folder it is in."""
    folder = log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(folder / "claimdesk.log", maxBytes=2_000_000, backupCount=3,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return folder
