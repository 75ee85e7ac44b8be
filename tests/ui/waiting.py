"""Waiting for the window's database work: it runs on the executor's thread, so a test that pressed a
key waits until every operation it started has run and its result reached the window."""
from __future__ import annotations

SETTLE_MS = 30_000  # generous: the machine running the tests may be busy


def settle(qtbot, win=None) -> None:
    """Until the window's database executor (every live one, without a window) is idle: nothing
    queued, running, or waiting to be delivered. Answers that start more work are waited for too."""
    from desktop.ui.db_executor import all_idle
    from desktop.ui.tasks import TaskRunner

    # The import flow reads files and waits on its analysis workers on a thread of its own (TaskRunner,
    # no session: its writes are executor operations); it is waited for too.
    idle = win.db.idle if win is not None else all_idle
    qtbot.waitUntil(lambda: idle() and TaskRunner.active == 0, timeout=SETTLE_MS)


def settle_now(timeout_ms: int = SETTLE_MS) -> None:
    """settle() for helpers that have no qtbot: events are processed until all is idle."""
    import time

    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from desktop.ui.db_executor import all_idle
    from desktop.ui.tasks import TaskRunner

    deadline = time.monotonic() + timeout_ms / 1000
    while not (all_idle() and TaskRunner.active == 0):
        if time.monotonic() > deadline:
            raise TimeoutError("the window's database work did not finish")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        time.sleep(0.002)
    QApplication.processEvents()
