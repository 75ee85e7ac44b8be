"""Measuring the event loop while work runs: a heartbeat for the stalls, and a sampler that says what the
GUI thread was doing during each one (for finding, not for asserting).

The heartbeat is a precise QTimer; a gap longer than its interval is time the event loop could not run.
The sampler is a plain thread that looks at the heartbeat every few milliseconds; once it is late, it
records the GUI thread's Python stack (sys._current_frames) until the beat comes back. A stall spent in
C code that holds the interpreter lock shows as the Python frame that called it. Garbage collections on
the GUI thread are timed through gc.callbacks, since they show as no Python frame at all.
"""
from __future__ import annotations

import collections
import gc
import sys
import threading
import time
import traceback

from PySide6.QtCore import Qt, QTimer

HEARTBEAT_MS = 5


class Heartbeat:
    """A timer that should fire every HEARTBEAT_MS; a longer gap is time the event loop could not run."""

    def __init__(self) -> None:
        self.stamps: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(lambda: self.stamps.append(time.perf_counter()))

    def start(self) -> None:
        self.stamps = [time.perf_counter()]
        self.timer.start()

    def last(self) -> float:
        return self.stamps[-1] if self.stamps else time.perf_counter()

    def stalls_ms(self) -> list[float]:
        self.timer.stop()
        return [1000 * (b - a) - HEARTBEAT_MS for a, b in zip(self.stamps, self.stamps[1:], strict=False)]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[int(share * (len(ordered) - 1))] if ordered else 0.0


class StallSampler:
    """While the heartbeat is more than `late_ms` late, sample the GUI thread's stack every `every_ms`."""

    def __init__(self, beat: Heartbeat, late_ms: float = 40, every_ms: float = 5) -> None:
        self._beat, self._late, self._every = beat, late_ms / 1000, every_ms / 1000
        self._main = threading.main_thread().ident
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="stall-sampler", daemon=True)
        self.samples: collections.Counter[str] = collections.Counter()  # innermost frames -> samples
        self.stalls: list[tuple[float, str]] = []  # (ms, the stack seen most in it)
        self.gc_ms: list[float] = []  # collections on the GUI thread
        self._gc_started = 0.0

    def start(self) -> None:
        gc.callbacks.append(self._gc)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        gc.callbacks.remove(self._gc)

    def _gc(self, phase: str, _info: dict) -> None:
        if threading.get_ident() != self._main:
            return
        if phase == "start":
            self._gc_started = time.perf_counter()
        else:
            self.gc_ms.append(1000 * (time.perf_counter() - self._gc_started))

    def _stack(self) -> str:
        frame = sys._current_frames().get(self._main)
        if frame is None:
            return "?"
        lines = traceback.format_list(traceback.extract_stack(frame)[-14:])
        return "".join(line for line in lines if "site-packages/_pytest" not in line)

    def _sched_ms(self) -> tuple[float, float]:
        """The GUI thread's time on a core and time waiting for one (runnable, not run), so far (Linux
        schedstat). The rest of a stall it was blocked: waiting for the interpreter lock, mostly."""
        try:
            with open(f"/proc/self/task/{threading.main_thread().native_id}/schedstat") as stat:
                on_cpu, queued, _slices = stat.read().split()
            return int(on_cpu) / 1e6, int(queued) / 1e6
        except (OSError, ValueError):
            return float("nan"), float("nan")

    def _watch(self) -> None:
        seen: collections.Counter[str] = collections.Counter()
        start = None
        cpu = (0.0, 0.0)
        while not self._stop.wait(self._every):
            last = self._beat.last()
            if time.perf_counter() - last > self._late:
                if start is None:
                    cpu = self._sched_ms()
                stack = self._stack()
                seen[stack] += 1
                self.samples[stack] += 1
                start = last
            elif start is not None:
                now = self._sched_ms()
                self.stalls.append((1000 * (time.perf_counter() - start),
                                    f"(since seen: GUI thread on a core {now[0] - cpu[0]:.0f} ms, waiting for a core "
                                    f"{now[1] - cpu[1]:.0f} ms, the rest blocked)\n" + seen.most_common(1)[0][0]))
                seen.clear()
                start = None

    def report(self, top: int = 6) -> str:
        out = [f"GUI-thread garbage collections: {len(self.gc_ms)}, max {max(self.gc_ms, default=0):.0f} ms, "
               f"total {sum(self.gc_ms):.0f} ms, over 50 ms: {sum(1 for g in self.gc_ms if g > 50)}"]
        out.append(f"stalls over {1000 * self._late:.0f} ms seen by the sampler: {len(self.stalls)}")
        for ms, stack in sorted(self.stalls, reverse=True)[:top]:
            out.append(f"--- stall of {ms:.0f} ms, mostly in:\n{stack}")
        out.append("--- stacks sampled most during stalls:")
        for stack, n in self.samples.most_common(top):
            out.append(f"[{n} samples]\n{stack}")
        return "\n".join(out)
