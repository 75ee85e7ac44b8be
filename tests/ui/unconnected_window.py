"""The main window as the app opens it on an up-to-date library: shown before the library connects."""
from __future__ import annotations

from pathlib import Path

from desktop.services import Library


def shown_unconnected(qtbot, path: Path):
    """A window on the library file at `path` (made beforehand), not connected yet, shown."""
    from desktop.ui.main_window import MainWindow

    lib = Library.open(path, annotator="tester")
    assert not lib.connected
    win = MainWindow(lib)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    return win
