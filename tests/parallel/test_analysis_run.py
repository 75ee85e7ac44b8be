"""Analysis in spawned workers: the same results as in this process, the open article first,
cancel kills the workers, and workers end with the process that started them."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from desktop.analysis import Analysis, analyze_many
from desktop.parallel.pool import AnalysisPool
from desktop.parallel.run import AnalysisRun

ROOT = Path(__file__).resolve().parents[2]
TEXTS = {
    n: (f"“The ferry to Osterlund will run {n} times a day from spring,” said Nadia Vorst, the transport "
        f"minister of Veltra. Pavel Lind of the Harbour Union said the crews had not been asked.\n\n"
        f"The Coastal Ledger reported that {n * 3} new crew members would be hired.")
    for n in range(1, 13)
}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "State:\tZ" in status.read_text())  # a zombie has ended


def _wait_gone(pids: list[int], seconds: float = 10) -> list[int]:
    deadline = time.monotonic() + seconds
    while any(map(_alive, pids)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return [p for p in pids if _alive(p)]


@pytest.fixture(scope="module")
def pool():
    analyze_many([TEXTS[1]])  # this process's pipeline, for the comparison
    workers = AnalysisPool(processes=1)
    yield workers
    workers.kill()


def test_workers_give_the_same_analyses_and_the_open_article_goes_first(pool):
    stored: dict[int, object] = {}
    order: list[list[int]] = []
    run = AnalysisRun(list(TEXTS), pool, lambda ids: [(i, TEXTS[i]) for i in ids], lambda rs: stored.update(rs),
                      preferred=lambda: 9, stored=lambda ids, _d, _t: order.append(ids), local=False)
    done = run.run()

    assert sorted(done) == sorted(TEXTS) and order[0][0] == 9
    here = dict(zip(TEXTS, analyze_many(TEXTS.values()), strict=True))
    assert stored == here  # the same frozen results, whichever process made them
    nadia = {e.name for e in stored[4].entities}
    assert isinstance(stored[4], Analysis) and "Nadia Vorst" in nadia
    assert pool.pids() and all(map(_alive, pool.pids()))  # kept warm for the next run


def test_this_process_analyses_while_the_workers_load_and_cancel_kills_them():
    """A fresh pool is not ready at once: a loaded pipeline here takes the first articles meanwhile.
    Cancelled once a worker's batch is in, the workers end at once and nothing of a batch in flight
    is stored."""
    pool = AnalysisPool(processes=1)
    here: list[int] = []
    stored: dict[int, object] = {}
    cancel = threading.Event()
    texts = {i: TEXTS[1 + i % 12] * 20 for i in range(60)}

    def store(results):
        stored.update(results)
        if pool.ready:
            cancel.set()  # a worker has loaded (this batch may be its first): stop
        else:
            here.extend(i for i, _a in results)

    run = AnalysisRun(list(texts), pool, lambda ids: [(i, texts[i]) for i in ids], store, cancelled=cancel.is_set)
    pool.start()
    workers = pool.pids()
    try:
        done = run.run()
        left, warm = _wait_gone(workers), pool.warm  # before the clean-up below could kill them
    finally:
        pool.kill()
    assert here  # some were done before any worker had loaded its pipeline
    assert workers and left == [] and not warm
    assert 0 < len(done) < len(texts) and sorted(stored) == sorted(done)


def test_a_run_without_workers_analyses_here_open_article_first():
    stored: dict[int, object] = {}
    run = AnalysisRun(list(TEXTS), None, lambda ids: [(i, TEXTS[i]) for i in ids], lambda rs: stored.update(rs),
                      preferred=lambda: 12)
    assert run.run()[0] == 12 and sorted(stored) == sorted(TEXTS)


def test_deleted_articles_are_skipped():
    """An article deleted while the run waits for it reads as nothing and is not stored."""
    stored: dict[int, object] = {}
    run = AnalysisRun([1, 2, 3], None, lambda ids: [(i, TEXTS[i]) for i in ids if i != 2],
                      lambda rs: stored.update(rs))
    assert run.run() == [1, 3] and sorted(stored) == [1, 3]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_spawned_worker_dies_with_its_parent(tmp_path):
    """Kill (SIGKILL) the process that started a worker: the worker ends within a second or so."""
    marker = tmp_path / "worker.pid"
    script = textwrap.dedent(f"""
        import multiprocessing, os, time
        from desktop.worker_lifetime import die_with_parent

        def worker(parent):
            die_with_parent(parent)
            open({str(marker)!r}, "w").write(str(os.getpid()))
            time.sleep(600)

        if __name__ == "__main__":
            multiprocessing.get_context("spawn").Process(target=worker, args=(os.getpid(),)).start()
            time.sleep(600)
    """)
    main = tmp_path / "parent.py"
    main.write_text(script)
    parent = subprocess.Popen([sys.executable, str(main)], cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        deadline = time.monotonic() + 60
        while not (marker.exists() and marker.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        worker = int(marker.read_text())
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        assert _wait_gone([worker], 5) == []
    finally:
        parent.kill()
