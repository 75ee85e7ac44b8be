"""Shared fixtures: every test gets its own data, config and log folders, and no screen."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.postgres_server import pg_server, pg_url  # noqa: F401  (shared fixtures: one server per run)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# gui_env and dialogs: the GUI tests' settings, scripted dialogs and teardown checks.
pytest_plugins = ["tests.gui"]


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the user's real library, settings and logs out of reach of every test."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                     ("XDG_STATE_HOME", "state"), ("XDG_CACHE_HOME", "cache")):
        (home / sub).mkdir()
        monkeypatch.setenv(var, str(home / sub))
    return home


@pytest.fixture
def library(tmp_path: Path):
    from desktop.services import Library

    lib = Library.open(tmp_path / "library.sqlite", annotator="tester")
    yield lib
    lib.close()
