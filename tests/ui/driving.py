"""Driving the window as a person does: shortcuts into the focused widget, menus opened by their
mnemonic and chosen with the arrow keys, clicks on buttons found by their text."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QMenu, QWidget


def settled() -> None:
    """Wait until the window's database work started by the last key or click has reached the window
    (tests/ui/waiting.py, once the window runs it on its executor; before that it is done in the event)."""
    try:
        from tests.ui.waiting import settle_now
    except ImportError:
        return
    settle_now()


def activate(qtbot, win) -> None:
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=3000)


def press(win, keys: str) -> None:
    """A key sequence as the keyboard sends it: to whichever widget of the window has the focus."""
    QTest.keySequence(QApplication.focusWidget() or win, QKeySequence(keys))
    QApplication.processEvents()
    settled()


def _plain(text: str) -> str:
    return text.replace("&", "").rstrip("…").strip()


def menu_command(qtbot, win, menu: str, *path: str) -> None:
    """Open a menu of the menu bar with Alt and its mnemonic, walk to the command with the arrow keys
    (into submenus with Right) and press Enter on it."""
    bar = win.menuBar()
    top = next(a for a in bar.actions() if _plain(a.text()) == menu)
    mnemonic = top.text()[top.text().index("&") + 1]
    QTest.keyClick(win, Qt.Key(ord(mnemonic.upper())), Qt.KeyboardModifier.AltModifier)
    popup = QApplication.activePopupWidget()
    assert isinstance(popup, QMenu), f"the {menu} menu did not open"
    for n, name in enumerate(path):
        popup = QApplication.activePopupWidget()
        target = next((a for a in popup.actions() if _plain(a.text()) == _plain(name)), None)
        assert target is not None, f"{name!r} is not in {[a.text() for a in popup.actions()]}"
        assert target.isEnabled(), f"{name!r} is disabled"
        _walk_to(popup, target)
        if n < len(path) - 1:
            QTest.keyClick(popup, Qt.Key.Key_Right)
            qtbot.waitUntil(lambda p=popup: QApplication.activePopupWidget() is not p, timeout=10_000)
        else:
            QTest.keyClick(popup, Qt.Key.Key_Return)
    QApplication.processEvents()
    _back_to(qtbot, win)
    settled()


def _back_to(qtbot, win) -> None:
    """The window has the keys again once its menu closes (offscreen Qt leaves the menu active), or the
    dialog the command opened over it has them (a window-modal dialog keeps the window from activation)."""
    if win.isVisible() and QApplication.activePopupWidget() is None:
        win.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win or _dialog_over(win), timeout=10_000)


def _dialog_over(win) -> bool:
    modal = QApplication.activeModalWidget()
    parent = modal.parentWidget() if modal is not None else None
    return modal is not None and modal.isVisible() and parent is not None and parent.window() is win


def _walk_to(popup: QMenu, target) -> None:
    for _ in range(len(popup.actions()) + 1):
        if popup.activeAction() is target:
            return
        QTest.keyClick(popup, Qt.Key.Key_Down)
    raise AssertionError(f"the arrow keys never reached {target.text()!r}")


def menu_texts(qtbot, win, menu: str, *path: str) -> list[str]:
    """The entries of a menu (or submenu) as the person sees them when it opens; it is closed again."""
    bar = win.menuBar()
    top = next(a for a in bar.actions() if _plain(a.text()) == menu)
    mnemonic = top.text()[top.text().index("&") + 1]
    QTest.keyClick(win, Qt.Key(ord(mnemonic.upper())), Qt.KeyboardModifier.AltModifier)
    for name in path:
        popup = QApplication.activePopupWidget()
        _walk_to(popup, next(a for a in popup.actions() if _plain(a.text()) == _plain(name)))
        QTest.keyClick(popup, Qt.Key.Key_Right)
        qtbot.waitUntil(lambda p=popup: QApplication.activePopupWidget() is not p, timeout=10_000)
    popup = QApplication.activePopupWidget()
    texts = [a.text() for a in popup.actions() if not a.isSeparator()]
    while QApplication.activePopupWidget() is not None:
        QTest.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_Escape)
    QTest.keyClick(win, Qt.Key.Key_Escape) if bar.activeAction() else None
    _back_to(qtbot, win)
    return texts


def button(parent: QWidget, text: str) -> QAbstractButton:
    found = [b for b in parent.findChildren(QAbstractButton) if _plain(b.text()) == _plain(text) and b.isVisible()]
    assert len(found) == 1, f"{len(found)} visible buttons say {text!r}"
    return found[0]


def click(qtbot, parent: QWidget, text: str) -> None:
    qtbot.mouseClick(button(parent, text), Qt.MouseButton.LeftButton)
    settled()


def choose_from_context_menu(qtbot, open_menu, *path: str) -> None:
    """A context menu runs its own loop (QMenu.exec): the entry is chosen by keys once it shows."""
    window = QApplication.activeWindow()
    missing = []

    def choose() -> None:
        popup = QApplication.activePopupWidget()
        if popup is None:
            QTimer.singleShot(10, choose)
            return
        for n, name in enumerate(path):
            popup = QApplication.activePopupWidget()
            target = next((a for a in popup.actions() if _plain(a.text()) == _plain(name)), None)
            if target is None or not target.isEnabled():
                missing.append(f"{name!r} is not an enabled entry of {[a.text() for a in popup.actions()]}")
                while QApplication.activePopupWidget() is not None:
                    QTest.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_Escape)
                return
            _walk_to(popup, target)
            QTest.keyClick(popup, Qt.Key.Key_Right if n < len(path) - 1 else Qt.Key.Key_Return)
    QTimer.singleShot(0, choose)
    open_menu()
    QApplication.processEvents()
    if window is not None:
        _back_to(qtbot, window)
    settled()
    assert not missing, missing[0]


def context_menu_entries(qtbot, open_menu) -> dict[str, bool]:
    """The entries of a context menu as it shows (text: enabled), then Esc."""
    window = QApplication.activeWindow()
    seen: dict[str, bool] = {}

    def read() -> None:
        popup = QApplication.activePopupWidget()
        if popup is None:
            QTimer.singleShot(10, read)
            return
        seen.update({_plain(a.text()): a.isEnabled() for a in popup.actions() if not a.isSeparator()})
        QTest.keyClick(popup, Qt.Key.Key_Escape)
    QTimer.singleShot(0, read)
    open_menu()
    QApplication.processEvents()
    if window is not None:
        _back_to(qtbot, window)
    return seen


def click_checkbox(qtbot, box) -> None:
    """On the box itself (a wide check box's middle may be empty space)."""
    from PySide6.QtCore import QPoint

    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))


def tree_items(tree) -> dict[str, object]:
    """Every item of a tree widget by its first column's text."""
    found = {}
    stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        found[item.text(0)] = item
        stack += [item.child(i) for i in range(item.childCount())]
    return found


def click_tree_item(qtbot, tree, text: str, double: bool = False) -> None:
    item = tree_items(tree)[text]
    tree.scrollToItem(item)
    pos = tree.visualItemRect(item).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    if double:  # a double click is a click and then the second press, as the mouse sends it
        qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    settled()


def type_text(qtbot, widget, text: str, enter: bool = False) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)
    if enter:
        qtbot.keyClick(widget, Qt.Key.Key_Return)
        settled()


def open_tab(qtbot, win, label: str) -> QWidget:
    """Click a panel's tab (Claims, Entities, Quotes, Suggestions, Codebook) and return the panel."""
    from PySide6.QtWidgets import QTabWidget

    tabs = next(t for t in win.findChildren(QTabWidget) if label in [t.tabText(i) for i in range(t.count())])
    index = [tabs.tabText(i) for i in range(tabs.count())].index(label)
    if not tabs.isVisible():
        tabs.window().show()
        for dock in (w for w in win.findChildren(QWidget) if w.isWindow() is False and w.isAncestorOf(tabs)):
            dock.show()
    qtbot.mouseClick(tabs.tabBar(), Qt.MouseButton.LeftButton, pos=tabs.tabBar().tabRect(index).center())
    assert tabs.currentIndex() == index
    return tabs.widget(index)


def highlighted(win, words: str) -> bool:
    """Whether `words` are painted as an entity in the reader (a background colour of their own)."""
    found = win.reader.document().find(words)
    if found.isNull():
        return False
    cursor = QTextCursor(win.reader.document())
    cursor.setPosition(found.selectionStart() + 1)
    return cursor.charFormat().background().style() != Qt.BrushStyle.NoBrush
