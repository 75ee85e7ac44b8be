"""Waiting for the window's database work: it runs on the executor's thread, so a test that pressed a
key waits until every operation it started has run and its result reached the window."""
from __future__ import annotations

SETTLE_MS = 10_000


def settle(qtbot, win) -> None:
    """Until the window's database executor is idle (nothing queued, running or undelivered)."""
    qtbot.waitUntil(win.db.idle, timeout=SETTLE_MS)
