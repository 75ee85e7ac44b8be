"""Who is working: the name that every edit, report and export carries.

Resolved in this order: a name given for this run (`--user`), the `CLAIMDESK_USER` variable,
the name the person chose in the app (kept in the settings folder, so the command line finds
it too), the system's full name (the passwd "gecos" field), and last the login name.
Headless: the window asks for the name once and saves it through save_name().
"""
from __future__ import annotations

import getpass
import os
import unicodedata
from pathlib import Path

from desktop.services.config_files import config_file, read_config, write_config

ENV_VAR = "CLAIMDESK_USER"
_FILE = "identity.json"
MAX_LENGTH = 200  # annotators.name


def identity_file() -> Path:
    return config_file(_FILE)


def clean(name: str | None) -> str | None:
    """One line of plain words, or None when nothing is left.

    Control characters go ($USER or a terminal can hold any; a Word report's comments then
    failed with "All strings must be XML compatible").
    """
    if name is None:
        return None
    printable = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cs"))
    text = " ".join(printable.split())[:MAX_LENGTH]
    return text or None


def saved_name() -> str | None:
    """The name chosen in the app, if any (a damaged file counts as none)."""
    name = read_config(_FILE).get("name")
    return clean(name) if isinstance(name, str) else None


def save_name(name: str) -> str:
    cleaned = clean(name)
    if cleaned is None:
        raise ValueError("a name is needed")
    write_config(_FILE, {"name": cleaned})
    return cleaned


def system_name() -> str | None:
    """The full name the system knows (first field of gecos), else the login name."""
    try:
        import pwd

        gecos = pwd.getpwuid(os.getuid()).pw_gecos
    except (ImportError, KeyError, OSError):
        gecos = ""
    full = clean(gecos.split(",")[0]) if gecos else None
    if full:
        return full
    try:
        return clean(getpass.getuser())
    except (KeyError, OSError):
        return None


def override_name(given: str | None = None) -> str | None:
    """A name fixed for this run, by option or environment: the app then does not ask."""
    return clean(given) or clean(os.environ.get(ENV_VAR))


def display_name(given: str | None = None) -> str | None:
    """Who is working now, by the order in the module's docstring."""
    return override_name(given) or saved_name() or system_name()
