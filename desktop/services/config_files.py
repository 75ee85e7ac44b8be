"""Small JSON files in the user's settings folder, shared by the window and the command line.

QSettings would keep them from the command line, which must honour the same choices (who is
working, how many backups to keep), so they live here, written atomically.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import platformdirs

from db.paths import APP_NAME


def config_file(name: str) -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / name


def read_config(name: str) -> dict[str, Any]:
    """The file's object; a missing or damaged file counts as empty."""
    try:
        data = json.loads(config_file(name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_config(name: str, data: dict[str, Any]) -> None:
    path = config_file(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)  # atomic: a crash leaves the old file or the new, never half of one
