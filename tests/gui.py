"""What every GUI test shares: fresh settings, scripted answers for the dialogs a person would answer,
and a teardown that fails the test on an unanswered or unexpected dialog, a window left open or a
worker thread still running.

A test says beforehand what the person answers, in order:

    dialogs.text("Harbour fees")                 # QInputDialog.getText: typed, then OK (None: Cancel)
    dialogs.colour("#336699")                    # QColorDialog.getColor
    dialogs.save_file(tmp_path / "out.docx")     # QFileDialog.getSaveFileName
    dialogs.dialog(ClaimTagsDialog, tick_two)    # a dialog of the app's own: tick_two(dialog) clicks in it
    dialogs.message("cannot be read")            # a message box whose text contains this

then presses the keys. A dialog that opens with no answer queued for it, an answer of the wrong kind,
or an answer left over at the end fails the test; the dialog itself never blocks. A dialog shown with
open() (window-modal, no nested loop) is answered from the script when its answer is next; otherwise
the test drives it as the real window it is, and one left open fails the test at its end.
"""
from __future__ import annotations

import importlib.util
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QThread, QThreadPool, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QColorDialog,
    QDialog,
    QFileDialog,
    QFontDialog,
    QInputDialog,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from desktop.ui.tasks import TaskRunner


@dataclass
class Answer:
    kind: str  # text, item, multiline, number, colour, open_file, open_files, save_file, folder, message, dialog
    value: Any = None
    cls: type | None = None  # for "dialog": the dialog class expected
    where: str = ""  # the test line that queued it, for the failure message


@dataclass
class Asked:
    """A dialog that opened: its kind, title and text (label or message), for assertions."""
    kind: str
    title: str
    text: str
    options: list = field(default_factory=list)  # the items of getItem


class Dialogs:
    def __init__(self) -> None:
        self._queue: deque[Answer] = deque()
        self.asked: list[Asked] = []
        self.problems: list[str] = []

    # ---------------------------------------------------------------- what the person will answer
    def _add(self, kind: str, value: Any = None, cls: type | None = None) -> Dialogs:
        import inspect

        caller = inspect.stack()[2]
        self._queue.append(Answer(kind, value, cls, f"{Path(caller.filename).name}:{caller.lineno}"))
        return self

    def text(self, value: str | None) -> Dialogs:
        """QInputDialog.getText: the text typed, then OK; None presses Cancel."""
        return self._add("text", value)

    def item(self, value: str | None) -> Dialogs:
        """QInputDialog.getItem: the item chosen (it must be one offered); None presses Cancel."""
        return self._add("item", value)

    def multiline(self, value: str | None) -> Dialogs:
        return self._add("multiline", value)

    def number(self, value: float | None) -> Dialogs:
        return self._add("number", value)

    def colour(self, value: str | None) -> Dialogs:
        """QColorDialog.getColor: the colour picked; None presses Cancel."""
        return self._add("colour", value)

    def open_file(self, path: str | Path | None) -> Dialogs:
        return self._add("open_file", path)

    def open_files(self, paths: list[str | Path] | None) -> Dialogs:
        return self._add("open_files", paths)

    def save_file(self, path: str | Path | None) -> Dialogs:
        return self._add("save_file", path)

    def folder(self, path: str | Path | None) -> Dialogs:
        return self._add("folder", path)

    def message(self, contains: str = "", button: Any = None) -> Dialogs:
        """A message box whose text contains this; button is the one pressed (a StandardButton, or the text
        of a button the app added), by default the box's default answer."""
        return self._add("message", (contains, button))

    def dialog(self, cls: type, act: Callable[[QDialog], Any] | None = None) -> Dialogs:
        """One of the app's own dialogs: act(dialog) works it with keys and clicks while it is shown and
        may press OK or Cancel; a dialog act leaves open is closed as by Esc (rejected)."""
        return self._add("dialog", act, cls)

    # ---------------------------------------------------------------- answering
    def pending(self) -> list[Answer]:
        return list(self._queue)

    @property
    def messages(self) -> list[str]:
        """The texts of the message boxes shown so far."""
        return [a.text for a in self.asked if a.kind == "message"]

    def _next(self, kind: str, title: str, text: str, options: list | None = None) -> Answer | None:
        self.asked.append(Asked(kind, title, text, list(options or [])))
        if not self._queue:
            self.problems.append(f"unexpected {kind} dialog {title!r}: {text!r}")
            return None
        answer = self._queue[0]
        if answer.kind != kind:
            self.problems.append(f"a {kind} dialog {title!r} ({text!r}) opened where {answer.where} expected "
                                 f"a {answer.kind} dialog")
            return None
        return self._queue.popleft()

    def get_text(self, kind: str, title: str, label: str, default: str = "") -> tuple[str, bool]:
        answer = self._next(kind, title, label)
        if answer is None or answer.value is None:
            return "", False
        return str(answer.value), True

    def get_item(self, title: str, label: str, items: list[str]) -> tuple[str, bool]:
        answer = self._next("item", title, label, items)
        if answer is None or answer.value is None:
            return "", False
        if answer.value not in items:
            self.problems.append(f"{answer.where}: {answer.value!r} is not offered in {title!r} ({items})")
            return "", False
        return answer.value, True

    def get_colour(self, title: str) -> QColor:
        answer = self._next("colour", title, "")
        return QColor() if answer is None or answer.value is None else QColor(answer.value)

    def get_path(self, kind: str, title: str) -> Any:
        answer = self._next(kind, title, "")
        if answer is None or answer.value is None:
            return [] if kind == "open_files" else ""
        if kind == "open_files":
            return [str(p) for p in answer.value]
        return str(answer.value)

    def run_message(self, box: QMessageBox) -> int:
        answer = self._next("message", box.windowTitle(), box.text())
        if answer is None:
            return 0
        contains, button = answer.value
        if contains not in box.text():
            self.problems.append(f"{answer.where}: message {box.text()!r} does not say {contains!r}")
        if isinstance(button, str):
            chosen = next((b for b in box.buttons() if b.text().replace("&", "") == button.replace("&", "")), None)
            if chosen is None:
                self.problems.append(f"{answer.where}: no button {button!r} in {box.text()!r}")
                return 0
            chosen.click()  # sets clickedButton() as a person's click does
            return box.result()
        if button is not None:
            box.button(button).click() if box.button(button) is not None else None
            return int(button.value) if hasattr(button, "value") else int(button)
        default = box.defaultButton() or (box.buttons()[0] if box.buttons() else None)
        if default is not None:
            default.click()
        return box.result()

    def run_dialog(self, dialog: QDialog) -> int:
        answer = self._next("dialog", dialog.windowTitle(), type(dialog).__name__)
        if answer is None:
            return 0
        if answer.cls is not None and not isinstance(dialog, answer.cls):
            self.problems.append(f"{answer.where}: expected a {answer.cls.__name__}, "
                                 f"{type(dialog).__name__} {dialog.windowTitle()!r} opened")
            return 0
        parent = dialog.parentWidget()
        dialog.show()
        result = answer.value(dialog) if answer.value is not None else None
        if dialog.isVisible():
            if result is None:
                dialog.reject()  # left open: as if the person pressed Esc
            else:
                dialog.done(int(result))
        window = parent.window() if parent is not None else None
        if window is not None and window.isVisible():
            window.activateWindow()  # as when a modal dialog closes: its window has the keys again
        return dialog.result()

    def check(self) -> list[str]:
        problems = list(self.problems)
        problems += [f"{a.where}: the {a.kind} answer was never asked for" for a in self._queue]
        return problems


# The static functions the app calls; each is answered from the queue.
def _patch_static(monkeypatch: pytest.MonkeyPatch, dialogs: Dialogs) -> None:
    def text(kind):
        return staticmethod(lambda parent, title, label, *a, **k: dialogs.get_text(kind, title, label))

    monkeypatch.setattr(QInputDialog, "getText", text("text"))
    monkeypatch.setattr(QInputDialog, "getMultiLineText", text("multiline"))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(
        lambda parent, title, label, items, *a, **k: dialogs.get_item(title, label, list(items))))

    def number(parent, title, label, *a, **k):
        answer = dialogs._next("number", title, label)
        return (0, False) if answer is None or answer.value is None else (answer.value, True)
    monkeypatch.setattr(QInputDialog, "getInt", staticmethod(number))
    monkeypatch.setattr(QInputDialog, "getDouble", staticmethod(number))
    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(
        lambda initial=None, parent=None, title="", *a, **k: dialogs.get_colour(title)))

    def path(kind, pair: bool):
        def ask(parent=None, caption="", *a, **k):
            found = dialogs.get_path(kind, caption)
            return (found, "") if pair else found
        return staticmethod(ask)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", path("open_file", True))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", path("open_files", True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", path("save_file", True))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", path("folder", False))
    for name in ("getOpenFileUrl", "getOpenFileUrls", "getSaveFileUrl", "getExistingDirectoryUrl"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(
            lambda *a, _n=name, **k: dialogs.problems.append(f"unexpected QFileDialog.{_n}")))
    monkeypatch.setattr(QFontDialog, "getFont", staticmethod(
        lambda *a, **k: dialogs.problems.append("unexpected QFontDialog.getFont") or (False, None)))

    def box(icon):
        def ask(parent, title, text, *a, **k):
            message = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
            return QMessageBox.StandardButton(dialogs.run_message(message) or QMessageBox.StandardButton.Ok)
        return staticmethod(ask)
    for name, icon in (("question", QMessageBox.Icon.Question), ("information", QMessageBox.Icon.Information),
                       ("warning", QMessageBox.Icon.Warning), ("critical", QMessageBox.Icon.Critical)):
        monkeypatch.setattr(QMessageBox, name, box(icon))
    monkeypatch.setattr(QMessageBox, "about", staticmethod(
        lambda parent, title, text: dialogs.run_message(QMessageBox(QMessageBox.Icon.NoIcon, title, text))))


def _patch_exec(monkeypatch: pytest.MonkeyPatch, dialogs: Dialogs) -> None:
    """exec() on any dialog instance (the app's own, a QMessageBox it builds) and open() on one waited for."""
    def run(self) -> int:
        if isinstance(self, QMessageBox):
            return dialogs.run_message(self)
        return dialogs.run_dialog(self)

    for cls in (QDialog, QMessageBox, QInputDialog, QFileDialog, QColorDialog, QFontDialog, QProgressDialog):
        if "exec" in vars(cls):
            monkeypatch.setattr(cls, "exec", run)
    original_open = {cls: vars(cls)["open"] for cls in (QDialog, QMessageBox, QInputDialog, QFileDialog,
                                                         QColorDialog, QFontDialog, QProgressDialog)
                     if "open" in vars(cls)}

    def open_(self, *args) -> None:
        # Shown as the app shows it; the answer comes from the event loop the app waits in, as a click would.
        original_open[next(c for c in type(self).__mro__ if c in original_open)](self, *args)
        QTimer.singleShot(0, lambda: _answer_opened(self))

    def _answer_opened(dialog: QDialog) -> None:
        # Only when the script has an answer for it: a test may also drive an open() dialog itself
        # (it is a real window, not blocking); one left open fails the test as a window left open.
        wanted = "message" if isinstance(dialog, QMessageBox) else "dialog"
        if not dialog.isVisible() or not dialogs.pending() or dialogs.pending()[0].kind != wanted:
            return
        if isinstance(dialog, QMessageBox):
            code = dialogs.run_message(dialog)
        else:
            code = dialogs.run_dialog(dialog)
        if dialog.isVisible():
            dialog.done(code)

    for cls in original_open:
        monkeypatch.setattr(cls, "open", open_)


class Threads:
    """Every thread pool and QThread started during a test, to check none is still busy at its end."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.pools: list[QThreadPool] = []
        self.threads: list[QThread] = []
        pool_start, pool_try, thread_start = QThreadPool.start, QThreadPool.tryStart, QThread.start

        def start(pool, *a, **k):
            self._keep(self.pools, pool)
            return pool_start(pool, *a, **k)

        def try_start(pool, *a, **k):
            self._keep(self.pools, pool)
            return pool_try(pool, *a, **k)

        def start_thread(thread, *a, **k):
            self._keep(self.threads, thread)
            return thread_start(thread, *a, **k)
        monkeypatch.setattr(QThreadPool, "start", start)
        monkeypatch.setattr(QThreadPool, "tryStart", try_start)
        monkeypatch.setattr(QThread, "start", start_thread)

    @staticmethod
    def _keep(found: list, item) -> None:
        if all(x is not item for x in found):
            found.append(item)

    def busy(self, grace_s: float = 5.0) -> list[str]:
        """What is still running after a grace period (a closing window may stop its worker a moment later)."""
        deadline = time.monotonic() + grace_s
        while True:
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
            QCoreApplication.processEvents()
            busy = [f"a thread pool with {p.activeThreadCount()} active thread(s)" for p in self.pools
                    if _alive(p) and p.activeThreadCount()]
            busy += [f"a running {type(t).__name__}" for t in self.threads if _alive(t) and t.isRunning()]
            if not busy or time.monotonic() > deadline:
                return busy
            time.sleep(0.02)


def _alive(obj) -> bool:
    try:
        obj.objectName()
    except RuntimeError:  # its C++ object is gone: nothing of it can be running
        return False
    return True


def _open_windows() -> list[QWidget]:
    from PySide6.QtCore import Qt

    return [w for w in QApplication.topLevelWidgets()
            if w.isVisible() and w.windowType() not in (Qt.WindowType.ToolTip, Qt.WindowType.Desktop)]


def _title(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.windowTitle()!r}"


@pytest.fixture
def dialogs(qapp, monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    """The answers the person gives, queued by the test; checked when the test ends."""
    found = Dialogs()
    _patch_static(monkeypatch, found)
    _patch_exec(monkeypatch, found)
    return found


@pytest.fixture
def gui_env(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs: Dialogs):
    """Fresh settings, synchronous workers, scripted dialogs; at the end no dialog unanswered, no window
    left open, no worker still running. Returns the Dialogs."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    if importlib.util.find_spec("desktop.ui.db_executor") is None:
        # Before the window's database executor the workers run inline in tests; with it they run as in
        # the app, on their threads, and the tests wait for them (tests/ui/waiting.py).
        monkeypatch.setattr(TaskRunner, "synchronous", True)
    threads = Threads(monkeypatch)
    before = {id(w) for w in _open_windows()}
    yield dialogs
    # pytest-qt has closed the widgets the test registered (qtbot.addWidget) by now.
    problems = dialogs.check()
    busy = threads.busy()
    problems += [f"still busy at the end of the test: {b}" for b in busy]
    left = [w for w in _open_windows() if id(w) not in before]
    problems += [f"window left open: {_title(w)}" for w in left]
    for w in left:  # so that the next test starts clean whatever happens here
        w.close()
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
