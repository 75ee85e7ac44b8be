"""The menu bar: every command with its standard shortcut. The shortcuts list under Help is read from it."""
from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar, QWidget

from desktop.ui.dialogs import TextDialog, shortcuts_html
from desktop.ui.keyboard import unique_keys
from desktop.ui.window_layout import Ui
from desktop.ui.window_parts import Commands

# Keys handled by the reader and the find bar rather than by a menu command.
OTHER_KEYS = [
    ("1 – 9", "Tag the selected passage with one of the first nine tags"),
    ("Shift+arrows, Ctrl+Shift+Right", "In the reader: select a passage by keyboard (Alt+2 puts the focus there)"),
    ("Tab / Shift+Tab", "Move between the search box, filters, list, reader and the claim editor"),
    ("Enter / Shift+Enter", "In the find bar: next / previous match"),
    ("Esc", "Close the find bar; clear the highlighted search hits"),
    ("A / Enter", "In Elsewhere in the library: accept the candidate (a linked claim there, same tags)"),
    ("X", "In Elsewhere in the library: dismiss the candidate"),
]


def _action(parent: QWidget, menu: QMenu, text: str, slot: Callable[..., object],
            shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None) -> QAction:
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def build_menus(win: QMainWindow, ui: Ui, do: Commands) -> None:
    """The window's menu bar; each command calls one of the window's helpers (do)."""
    bar = win.menuBar()
    _file_menu(win, bar.addMenu("&File"), do)
    _edit_menu(win, bar.addMenu("&Edit"), ui, do)
    _view_menu(win, bar.addMenu("&View"), ui, do)
    _article_menu(win, bar.addMenu("&Article"), do)
    _go_menu(win, bar.addMenu("&Go"), do)
    do.team.build_menu(bar.addMenu("Tea&m"), _action)
    help_ = bar.addMenu("&Help")
    _action(win, help_, "&Keyboard shortcuts", lambda: show_shortcuts(win), "F1")
    help_.addSeparator()
    _action(win, help_, "Add &demo articles", do.demo.add)
    _action(win, help_, "&Remove demo articles", do.demo.remove)
    help_.addSeparator()
    _action(win, help_, "&About ClaimDesk", do.library.about)


def _file_menu(win: QMainWindow, menu: QMenu, do: Commands) -> None:
    libs = do.library
    _action(win, menu, "Import &files…", libs.ask_import_files, "Ctrl+I")
    _action(win, menu, "Import f&older…", libs.ask_import_folder, "Ctrl+Shift+I")
    menu.addSeparator()
    _action(win, menu, "&Open library…", libs.ask_open_library, QKeySequence.StandardKey.Open)
    _action(win, menu, "&New library…", libs.ask_new_library, QKeySequence.StandardKey.New)
    recent = menu.addMenu("&Recent libraries")
    recent.aboutToShow.connect(lambda: libs.fill_recent(recent))
    _action(win, menu, "Restore from &backup…", libs.restore_from_backup)
    menu.addSeparator()
    _action(win, menu, "&Export report…", libs.export_report, "Ctrl+E")
    _action(win, menu, "Export REFI-QDA &project…", do.revisions.export_project, "Ctrl+Shift+E")
    menu.addSeparator()
    _action(win, menu, "&Quit", win.close, QKeySequence.StandardKey.Quit)


def _edit_menu(win: QMainWindow, menu: QMenu, ui: Ui, do: Commands) -> None:
    undo = do.undo_stack.createUndoAction(win, "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = do.undo_stack.createRedoAction(win, "&Redo")
    # Linux's standard redo is Ctrl+Shift+Z itself; given twice, Qt finds the key ambiguous and does nothing.
    redo.setShortcuts(unique_keys("Ctrl+Shift+Z", "Ctrl+Y"))
    menu.addAction(undo)
    menu.addAction(redo)
    menu.addSeparator()
    _action(win, menu, "&Tag selection…", do.tagging.pick_for_selection, "Ctrl+T")
    _action(win, menu, "&Delete claim", do.tagging.delete_current_claim, QKeySequence.StandardKey.Delete)
    menu.addAction(do.linking.link_action)  # the claims list's right-click menu offers it too
    reading = do.reading
    _action(win, menu, "&Find in article", reading.show_find, QKeySequence.StandardKey.Find)
    _action(win, menu, "&Next search hit", lambda: reading.next_hit(), "F3")
    _action(win, menu, "Pre&vious search hit", lambda: reading.next_hit(backwards=True), "Shift+F3")
    _action(win, menu, "Search &library", lambda: ui.search.setFocus(), "Ctrl+K")


def _view_menu(win: QMainWindow, menu: QMenu, ui: Ui, do: Commands) -> None:
    reading = do.reading
    _action(win, menu, "Zoom &in", lambda: reading.zoom(1), QKeySequence.StandardKey.ZoomIn)
    _action(win, menu, "Zoom &out", lambda: reading.zoom(-1), QKeySequence.StandardKey.ZoomOut)
    _action(win, menu, "&Actual size", lambda: reading.zoom(0), "Ctrl+0")
    labels = _action(win, menu, "&Speaker labels", reading.toggle_speaker_labels)
    labels.setCheckable(True)
    labels.setChecked(bool(do.settings.get("reader/speaker_labels")))
    labels.setToolTip("Write each quotation's speaker after its closing mark, not only on hover")
    menu.addAction(ui.dock.toggleViewAction())
    _scheme_menu(win, menu.addMenu("A&ppearance"), do)
    _action(win, menu, "&Dashboard", do.library.show_dashboard, "Ctrl+Shift+D")


def _scheme_menu(win: QMainWindow, menu: QMenu, do: Commands) -> None:
    group = QActionGroup(win)
    chosen = do.settings.get("view/scheme")
    for scheme, label in (("system", "Follow the &system"), ("light", "&Light"), ("dark", "&Dark")):
        action = menu.addAction(label, partial(do.set_scheme, scheme))
        action.setCheckable(True)
        action.setChecked(scheme == chosen)
        group.addAction(action)


def _article_menu(win: QMainWindow, menu: QMenu, do: Commands) -> None:
    reading = do.reading
    _action(win, menu, "Mark &done", lambda: reading.set_status("done"), "Ctrl+D")
    _action(win, menu, "Mark &read", lambda: reading.set_status("read"), "Ctrl+R")
    _action(win, menu, "Mark &unread", lambda: reading.set_status("unread"), "Ctrl+U")
    _action(win, menu, "&Correct details…", reading.correct_metadata)
    _action(win, menu, "Re-&analyse pending", lambda: do.imports.analyse_pending())
    _action(win, menu, "Changes in this &version…", do.revisions.show_current, "Ctrl+Shift+V")


def _go_menu(win: QMainWindow, menu: QMenu, do: Commands) -> None:
    nav = do.navigation
    _action(win, menu, "&Next article", lambda: nav.step(1), "Ctrl+Down")
    _action(win, menu, "&Previous article", lambda: nav.step(-1), "Ctrl+Up")
    menu.addSeparator()
    _action(win, menu, "Article &list", nav.focus_list, "Alt+1")
    _action(win, menu, "&Reader", nav.focus_reader, "Alt+2")
    _action(win, menu, "&Claims", nav.focus_claims, "Alt+3")


def shortcut_rows(bar: QMenuBar) -> list[tuple[str, str]]:
    """(keys, what they do) for every menu command that has a shortcut, in menu order."""
    rows = []
    for top in bar.actions():
        top_menu = top.menu()
        for action in _menu_actions(top_menu if isinstance(top_menu, QMenu) else None):
            keys = " / ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
            if keys:
                rows.append((keys, f"{top.text()} ▸ {action.text()}".replace("&", "").rstrip("…")))
    return rows


def _menu_actions(menu: QMenu | None) -> list[QAction]:
    if menu is None:
        return []
    found = []
    for action in menu.actions():
        inner = action.menu()
        found += _menu_actions(inner) if isinstance(inner, QMenu) else [action]
    return found


def show_shortcuts(win: QMainWindow) -> None:
    TextDialog("Keyboard shortcuts", shortcuts_html(OTHER_KEYS + shortcut_rows(win.menuBar())), win, (560, 640)).exec()
