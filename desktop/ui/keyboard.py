"""Reading and tagging a whole library without the mouse: moving between articles and panes, the tab order,
and window commands that keep working while a text field has the focus."""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QActionEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from desktop.ui.window_layout import Ui
from desktop.ui.window_parts import ArticleList, ArticleView, Say

# What a text field truly needs even when a window command has the same keys: editing and moving in its own text.
# Everything else a field would take (Emacs-style Ctrl+E, Ctrl+K, Ctrl+U on Linux) goes to the window's command.
FIELD_KEYS = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut, QKeySequence.StandardKey.Paste,
              QKeySequence.StandardKey.SelectAll,
              QKeySequence.StandardKey.MoveToNextWord, QKeySequence.StandardKey.MoveToPreviousWord,
              QKeySequence.StandardKey.SelectNextWord, QKeySequence.StandardKey.SelectPreviousWord,
              QKeySequence.StandardKey.DeleteStartOfWord, QKeySequence.StandardKey.DeleteEndOfWord)
READ_ONLY_KEYS = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.SelectAll,
                  QKeySequence.StandardKey.MoveToNextWord, QKeySequence.StandardKey.MoveToPreviousWord,
                  QKeySequence.StandardKey.SelectNextWord, QKeySequence.StandardKey.SelectPreviousWord)
TYPING_KEYS = {Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_Left,
               Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter,
               Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}
PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.KeypadModifier)


def unique_keys(*sequences: QKeySequence | str) -> list[QKeySequence]:
    """Shortcuts without repeats: Qt treats one key given twice as ambiguous and then does nothing."""
    seen, keys = set(), []
    for seq in sequences:
        seq = QKeySequence(seq)
        if not seq.isEmpty() and seq.toString() not in seen:
            seen.add(seq.toString())
            keys.append(seq)
    return keys


def _is_text_field(widget: QObject) -> bool:
    return isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit | QAbstractSpinBox) or (
        isinstance(widget, QComboBox) and widget.isEditable())


def _editable(widget: QObject) -> bool:
    if isinstance(widget, QLineEdit):
        return not widget.isReadOnly()
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    return True


def _own_history(widget: QObject, redo: bool) -> bool:
    """Whether the field has typing of its own to undo (or redo); if not, Ctrl+Z undoes the last edit in the window."""
    if isinstance(widget, QLineEdit):
        return widget.isRedoAvailable() if redo else widget.isUndoAvailable()
    if isinstance(widget, QTextEdit | QPlainTextEdit) and not widget.isReadOnly():
        doc = widget.document()
        return doc.isRedoAvailable() if redo else doc.isUndoAvailable()
    return False


def field_needs(widget: QObject, event: QKeyEvent) -> bool:
    """Whether a focused text field must keep a key for itself rather than let a window command have it."""
    if event.modifiers() in PLAIN and (event.key() < Qt.Key.Key_Escape or event.key() in TYPING_KEYS):
        return True
    if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
        return _own_history(widget, redo=event.matches(QKeySequence.StandardKey.Redo))
    return any(event.matches(k) for k in (FIELD_KEYS if _editable(widget) else READ_ONLY_KEYS))


def _keys_of(action: QAction) -> tuple[str, ...]:
    return tuple(key.toString() for key in action.shortcuts())


class WindowKeys(QObject):
    """Lets a window command's keys through a text field that would otherwise swallow them (item: Ctrl+E)."""

    ACTIONS_MOVED = (QEvent.Type.ActionAdded, QEvent.Type.ActionRemoved, QEvent.Type.ActionChanged)

    def __init__(self, win: QWidget) -> None:
        super().__init__(win)
        self._win = win  # its actions' keys, and only its own text fields
        # key -> the window's actions it triggers. Walking every action of the window on each key press
        # is hundreds of calls into Qt, each of which waits for the interpreter lock while an import's
        # threads run (seconds per key). Shortcuts are set as actions are made; which are enabled is
        # asked at the press, of the few actions the key names.
        self._keys: dict[str, list[QAction]] | None = None
        # Each keyed action's keys as the map has them. The map is read again only when an action comes, goes
        # or changes its keys, as the menus, the window and the widgets that hold keyed actions report it
        # (they are watched from the map's first reading on): not at every focus change (about 450 actions).
        self._held: dict[QAction, tuple[str, ...]] = {}
        self._holders: set[QWidget] = set()
        # Shortcut overrides go to the focus widget, so the filter watches the window's text field that has
        # the focus, not the whole application: a Python filter there turns every event of the application,
        # and every object it reaches, into Python objects (79 enum types made before the first paint alone).
        self._watched: QWidget | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
            self._focus_changed(None, QApplication.focusWidget())

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._watched is not None and shiboken6.isValid(self._watched) and self._watched not in self._holders:
            self._watched.removeEventFilter(self)
        self._watched = None
        if new is not None and _is_text_field(new) and new.window() is self._win:
            new.installEventFilter(self)
            self._watched = new

    def _window_keys(self) -> dict[str, list[QAction]]:
        if self._keys is None:
            keys: dict[str, list[QAction]] = {}
            self._held = {}
            holders: set[QWidget] = {self._win, *self._win.findChildren(QMenu)}
            for action in self._win.findChildren(QAction):
                held = _keys_of(action)
                if held:
                    self._held[action] = held
                    holders.update(w for w in action.associatedObjects() if isinstance(w, QWidget))
                for key in held:
                    keys.setdefault(key, []).append(action)
            for holder in holders - self._holders:
                holder.installEventFilter(self)
            self._holders |= holders
            self._keys = keys
        return self._keys

    def _action_moved(self, event: QEvent) -> None:
        """Forget the map if an action with keys came, went or changed them (most changes are an action
        enabled or renamed, and actions without keys come and go with every menu filled on opening)."""
        action = event.action() if isinstance(event, QActionEvent) else None
        if action is None or self._keys is None:
            return
        if event.type() == QEvent.Type.ActionRemoved:
            if action in self._held:  # it may be on its way to deletion
                self._keys = None
        elif _keys_of(action) != self._held.get(action, ()):
            self._keys = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()  # asked once: each answer is a Python enum made on the spot
        if kind in self.ACTIONS_MOVED:
            self._action_moved(event)
            return False
        if kind != QEvent.Type.ShortcutOverride or not isinstance(watched, QWidget) or \
                not isinstance(event, QKeyEvent):
            return False
        if not _is_text_field(watched) or watched.window() is not self._win:
            return False
        # What the field needs first: it answers for typing and selecting keys (most presses) from
        # the key alone, while the window's keys walk every action of the window.
        if field_needs(watched, event):
            return False
        pressed = QKeySequence(event.keyCombination()).toString()
        if any(shiboken6.isValid(action) and action.isEnabled() for action in self._window_keys().get(pressed, ())):
            event.ignore()  # not taken by the field, so the shortcut map runs the window's command
            return True
        return False


class Navigation:
    """Next and previous article, and a key to put the focus on the list, the reader or the claims."""

    def __init__(self, articles: ArticleList, view: ArticleView, dock: QDockWidget, say: Say) -> None:
        self._list, self._view, self._dock, self._say = articles, view, dock, say

    def step(self, delta: int) -> None:
        model, table, article = self._list.model, self._list.table, self._view.reader.article
        count = model.rowCount()
        if not count:
            return
        row = table.currentIndex().row()
        if row < 0 and article is not None:
            row = model.row_of(article.id) or 0
        target = max(0, min(count - 1, row + delta))
        if target == row and delta > 0 and not model.complete:  # the rest of the list is on its way
            model.when_listed(lambda: self.step(delta))
            return
        if target == row:
            self._say("This is the " + ("last" if delta > 0 else "first") + " article", 3000)
            return
        table.setCurrentIndex(model.index(target, 0))
        table.scrollTo(model.index(target, 0))

    def focus_list(self) -> None:
        self._list.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_reader(self) -> None:
        self._view.reader.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_claims(self) -> None:
        panel = self._view.claims
        self._dock.show()
        self._view.tabs.setCurrentWidget(panel)
        if panel.list.currentRow() < 0 and panel.list.count():
            panel.list.setCurrentRow(0)
        panel.list.setFocus(Qt.FocusReason.ShortcutFocusReason)


def set_tab_order(ui: Ui) -> None:
    """Search, the filters, the list, the reader, then the claims: Tab walks the window as it reads."""
    f, panel = ui.filters, ui.claims_panel
    ui.table.setTabKeyNavigation(False)  # Tab leaves the list instead of walking its cells
    ui.reader.setTabChangesFocus(True)
    chain = [f.search, f.status, f.outlet, f.tag, f.date_from, f.date_to, f.clear, ui.table, ui.find_bar,
             ui.reader, ui.tabs, *panel.tab_chain()]
    for first, second in zip(chain, chain[1:], strict=False):
        QWidget.setTabOrder(first, second)
