"""Batches on the cluster, a bounded number at a time, handed back in the order they were made.

In order because the library resolves entities through the spellings stored before them: a
cluster import must write articles in the same order as a local one to give the same library.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from desktop.services.errors import UserError
from desktop.services.progress import CancelToken

T = TypeVar("T")
P = TypeVar("P")  # a batch's payload
R = TypeVar("R")  # a batch's result
POLL_S = 0.25  # how often a wait looks at the cancel token


def chunks(items: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def in_order(client: Any, fn: Callable[[P], R], batches: Iterable[tuple[T, P]], window: int,
             cancel: CancelToken | None = None) -> Iterator[tuple[T, R | BaseException]]:
    """(key, result) per (key, payload), in order; result is the task's exception when it failed.

    At most `window` batches are out at once, so a million files never sit in the scheduler's
    memory; the next ones are sent before a result is handed back, so workers stay busy while
    the caller writes. Stops when cancelled, and takes back whatever is still out.
    """
    source = iter(batches)
    out: deque = deque()

    def fill() -> None:
        while len(out) < window and not (cancel and cancel.cancelled):
            item = next(source, None)
            if item is None:
                return
            key, payload = item
            out.append((key, client.submit(fn, payload, pure=False)))

    fill()
    try:
        while out:
            key, future = out[0]
            result = _wait(client, future, cancel)
            if result is _CANCELLED:
                return
            out.popleft()
            future.release()
            fill()
            yield key, result
    finally:
        if out:
            client.cancel([f for _k, f in out])


_CANCELLED = object()


def _wait(client: Any, future: Any, cancel: CancelToken | None) -> Any:
    while True:
        if cancel and cancel.cancelled:
            return _CANCELLED
        try:
            return future.result(timeout=POLL_S)
        except TimeoutError:
            continue
        except Exception as exc:
            if client.status not in ("running", "connecting"):
                raise UserError("lost the connection to the Dask scheduler; run the same command again "
                                "to resume") from exc
            return exc  # this batch failed (say, it killed workers again and again); the others go on
