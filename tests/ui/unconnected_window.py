"""The main window as the app opens it on an up-to-date library: shown before the library connects."""
from __future__ import annotations

from pathlib import Path

from desktop.services import Library


def shown_unconnected(qtbot, path: Path, *, for_keys: bool = False):
    """A window on the library file at `path` (made beforehand), not connected yet, shown; `for_keys`:
    and active, for tests that press keys at once."""
    from desktop.ui.main_window import MainWindow

    lib = Library.open(path, annotator="tester")
    assert not lib.connected
    win = MainWindow(lib)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    if not for_keys:  # the first-paint tests need a loop that has not waited for anything yet
        return win
    # Keys reach a window only once it is active. Offscreen it is at once (the check returns without
    # processing an event, so nothing connects first); under a real X server the window manager takes a
    # moment, as on a person's desktop, where nothing can be typed into a window before it is active.
    qtbot.waitUntil(win.isActiveWindow, timeout=10_000)
    return win
