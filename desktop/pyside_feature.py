"""A faster answer to the question PySide asks of every module imported after it (issue 19: start-up).

PySide 6 keeps, for its `from __feature__ import ...` switches, a note of whether each imported module
uses PySide: it reads the module's source through `inspect.getsource` (linecache, tokenize, encoding
detection) and looks for the word "PySide6". At start-up that is some 130 modules, about 8 ms of CPU.
Reading the file's bytes asks the same question for a fraction of that. Anything else (no file, not a
.py file, unreadable) still gets PySide's own answer. Stdlib only: the headless core may call this.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

_FEATURE = "shibokensupport.feature"  # PySide's module; present once PySide6 is imported


def install() -> bool:
    """Put the faster check in place if PySide is loaded and has the check; True when ours is in place."""
    feature = sys.modules.get(_FEATURE)
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original):
        return False
    if getattr(original, "reads_bytes", False):
        return True
    feature._mod_uses_pyside = _reading_bytes(original)  # type: ignore[attr-defined]
    return True


def _reading_bytes(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    uses_pyside.reads_bytes = True  # type: ignore[attr-defined]
    return uses_pyside
