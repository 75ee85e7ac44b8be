"""What the main window keeps between runs: geometry, panels, splitter, columns, zoom and the last article."""
from __future__ import annotations

from PySide6.QtCore import QByteArray


def _saved(settings, key: str) -> QByteArray | None:
    value = settings.get(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def restore(win) -> None:
    settings = win.settings
    if (geometry := _saved(settings, "window/geometry")) is not None:
        win.restoreGeometry(geometry)
    if (state := _saved(settings, "window/state")) is not None:
        win.restoreState(state)
    if (splitter := _saved(settings, "window/splitter")) is not None:
        win.splitter.restoreState(splitter)
    win.table.restore_columns(settings.get("window/list_header"))
    win.table.set_sorting(settings.get("list/sort"))
    win.tabs.setCurrentIndex(settings.get("window/panel_tab"))
    win.legend.set_hidden(settings.get("reader/hidden_types"))
    win.reader.set_speaker_labels(bool(settings.get("reader/speaker_labels")))
    zoom = settings.get("reader/zoom")
    if zoom:
        win.reader.zoomIn(zoom)
    if not win.preview:
        settings.remember_library(win.lib.location)


def reopen_last_article(win) -> None:
    """Once the list's first page is shown: the article open when the window last closed, or the first one."""
    last = win.settings.last_article(win.lib.location)
    if last is not None and win.model.row_of(last) is not None:
        win.open_article(last)
    elif last is not None and not win.model.complete:  # perhaps further down: once the rest is here
        win.model.when_listed(lambda: _reopen_if_none_open(win, last))
    elif win.model.rowCount():
        win.open_row(0)


def _reopen_if_none_open(win, last: int) -> None:
    if win.reader.article is not None:  # the person opened one meanwhile
        return
    if win.model.row_of(last) is not None:
        win.open_article(last)
    elif win.model.rowCount():
        win.open_row(0)


def save(win) -> None:
    settings = win.settings
    settings.set("window/geometry", win.saveGeometry())
    settings.set("window/state", win.saveState())
    settings.set("window/splitter", win.splitter.saveState())
    settings.set("window/list_header", win.table.save_columns())
    settings.set("list/sort", win.table.sorting())
    settings.set("window/panel_tab", win.tabs.currentIndex())
    settings.sync()
