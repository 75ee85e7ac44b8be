"""Worker processes die with the process that started them.

spaCy's nlp.pipe(n_process=2) forks workers that wait on a queue; when the parent was killed
(kill -9, a closed terminal) they waited forever, each holding 150 MB and the caller's output
pipe. Forked while armed, a child asks the kernel for SIGKILL when its parent goes
(prctl PR_SET_PDEATHSIG on Linux); elsewhere a thread in the child watches its parent id.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

PR_SET_PDEATHSIG = 1
_state = {"armed": False, "parent": 0, "registered": False}


@contextmanager
def workers_die_with_this_process() -> Iterator[None]:
    """Processes forked inside this block end when this process ends, however it ends."""
    if not _state["registered"] and hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=_after_fork_in_child)
        _state["registered"] = True
    _state["armed"], _state["parent"] = True, os.getpid()
    try:
        yield
    finally:
        _state["armed"] = False


def die_with_parent(parent: int) -> None:
    """Called in a spawned worker: end it when `parent` ends (or has already ended).

    A thread polls the parent's id rather than asking the kernel: PR_SET_PDEATHSIG fires when
    the *thread* that started the worker ends, and a pool may start workers from any thread.
    """
    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent, 0.2), daemon=True, name="parent-watch").start()


def _after_fork_in_child() -> None:
    if not _state["armed"]:
        return
    _state["armed"] = False  # the child's own forks are its business
    parent = _state["parent"]
    if not _ask_kernel_for_sigkill():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="parent-watch").start()
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _ask_kernel_for_sigkill() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int, every: float = 0.5) -> None:
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)
