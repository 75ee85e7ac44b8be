"""Timing shared by the benchmarks."""
from __future__ import annotations

import time
from collections.abc import Callable


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """(wall, CPU) seconds: the CPU time of the process is what a machine shared with others disturbs least."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu
