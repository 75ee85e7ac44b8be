"""The database executor: operations run in order on one worker thread, results come back on the GUI thread."""
from __future__ import annotations

import threading

import pytest

from desktop.services import UserError
from desktop.ui.db_executor import DbExecutor, Priority
from tests.gui_thread_guard import gui_thread_guard
from tests.helpers import add_article


@pytest.fixture
def executor(qapp, library):
    ex = DbExecutor(library)
    yield ex
    ex.shutdown()


def test_operations_run_in_order_off_the_gui_thread_and_answer_on_it(qtbot, executor, library):
    threads, answers = [], []

    def add(lib):
        threads.append(threading.current_thread())
        return add_article(lib, "The ferry to Velmar sails twice a week.", title="Ferry")

    executor.submit(add, on_done=lambda aid: answers.append(("added", aid, threading.current_thread())))
    executor.submit(lambda lib: lib.articles.get(1).title,  # submitted after the write: it sees it
                    on_done=lambda title: answers.append(("read", title, threading.current_thread())))
    qtbot.waitUntil(executor.idle, timeout=5000)
    assert threads[0] is not threading.main_thread()
    assert [a[:2] for a in answers] == [("added", 1), ("read", "Ferry")]
    assert all(a[2] is threading.main_thread() for a in answers)


def test_a_failure_reaches_on_failed_or_the_window(qtbot, executor):
    failures, unhandled = [], []
    executor.sig_failed.connect(lambda message, _details: unhandled.append(message))

    def refuse(_lib):
        raise UserError("no such tag")

    executor.submit(refuse, on_failed=failures.append)
    executor.submit(refuse)  # nobody asked: the window's handler hears it
    executor.submit(lambda lib: 1 / 0)
    qtbot.waitUntil(executor.idle, timeout=5000)
    assert [str(e) for e in failures] == ["no such tag"]
    assert unhandled == ["no such tag", "division by zero"]


def test_what_the_person_waits_for_runs_before_queued_background_work(qtbot, executor):
    gate, order = threading.Event(), []
    executor.submit(lambda _lib: gate.wait(5), label="busy")  # holds the worker while the queue fills
    for n in range(5):
        executor.submit(lambda _lib, n=n: order.append(f"import {n}"), priority=Priority.BACKGROUND)
    executor.submit(lambda _lib: order.append("tag"))
    gate.set()
    qtbot.waitUntil(executor.idle, timeout=5000)
    assert order[0] == "tag"
    assert order[1:] == [f"import {n}" for n in range(5)]


def test_cancelled_before_it_starts_never_runs(qtbot, executor):
    gate, ran, told = threading.Event(), [], []
    executor.submit(lambda _lib: gate.wait(5))
    ticket = executor.submit(lambda _lib: ran.append(1), on_done=told.append)
    ticket.cancel()
    gate.set()
    qtbot.waitUntil(executor.idle, timeout=5000)
    assert ran == [] and told == []


def test_a_task_reports_progress_on_the_gui_thread_and_can_be_cancelled(qtbot, executor):
    seen, results = [], []

    def work(_lib, progress, cancel):
        for n in range(3):
            progress(n + 1, 3, f"step {n + 1}")
        return cancel.cancelled

    executor.run_task(work, on_done=results.append,
                      on_progress=lambda d, t, w: seen.append((d, t, w, threading.current_thread())))
    qtbot.waitUntil(executor.idle, timeout=5000)
    assert [s[:3] for s in seen] == [(1, 3, "step 1"), (2, 3, "step 2"), (3, 3, "step 3")]
    assert all(s[3] is threading.main_thread() for s in seen)
    assert results == [False]


def test_wait_blocks_until_the_worker_is_done(qtbot, executor):
    import time

    finished = threading.Event()
    executor.submit(lambda _lib: (time.sleep(0.2), finished.set()))
    assert not finished.is_set()
    assert executor.wait(5000)
    assert finished.is_set()
    qtbot.waitUntil(executor.idle, timeout=5000)


def test_the_guard_catches_window_code_opening_a_session_on_the_gui_thread(qtbot, executor, library):
    from pathlib import Path

    import desktop

    add_article(library, "The harbour of Velmar was dredged in spring.", title="Harbour")
    # Code as a panel would have it, compiled under a desktop/ui file name (no such panel is left).
    panel = Path(desktop.__file__).parent / "ui" / "a_panel.py"
    window_read = compile("title = lib.articles.get(1).title", str(panel), "exec")
    with gui_thread_guard() as found:
        library.articles.get(1)  # a test's own read: not the window's doing
        done = []
        executor.submit(lambda lib: exec(window_read, {"lib": lib}), on_done=done.append)  # on the db thread
        qtbot.waitUntil(lambda: done != [], timeout=5000)
        assert found == []
        exec(window_read, {"lib": library})  # the same on the GUI thread
    assert len(found) == 1 and "ui/a_panel.py:1" in found[0]


def test_the_reads_an_edit_asks_for_run_before_background_work_queued_meanwhile(qtbot, executor):
    """An edit's callback (GUI thread) asks for the marks; an import step queued while the edit ran
    waits for that read, so the person's redraw is not behind it."""
    order: list[str] = []
    gate = threading.Event()

    def edit(_lib):
        order.append("edit")
        # The import's thread queues its next step while the edit runs.
        executor.submit(lambda _l: order.append("import step"), priority=Priority.BACKGROUND)

    executor.submit(lambda _lib: gate.wait(5), label="busy")
    executor.submit(edit, on_done=lambda _r: executor.submit(lambda _l: order.append("marks")))
    gate.set()
    qtbot.waitUntil(executor.idle, timeout=5000)
    assert order == ["edit", "marks", "import step"]


def test_a_worker_thread_runs_an_operation_and_waits_for_its_answer(qtbot, executor, library):
    from desktop.ui.db_executor import ExecutorStopped

    answers: list[object] = []

    def import_thread() -> None:
        answers.append((executor.run_here(lambda lib: add_article(lib, "The tide rose at Velmar.", title="Tide")),
                        threading.current_thread().name))
        try:
            executor.run_here(lambda _lib: 1 / 0)
        except ZeroDivisionError as exc:  # the operation's error, raised in the thread that asked
            answers.append(type(exc).__name__)

    worker = threading.Thread(target=import_thread, name="import")
    worker.start()
    qtbot.waitUntil(lambda: len(answers) == 2, timeout=10_000)
    worker.join()
    assert answers == [(1, "import"), "ZeroDivisionError"]
    assert library.articles.get(1).title == "Tide"
    with pytest.raises(RuntimeError):
        executor.run_here(lambda lib: 1)  # the GUI thread submits; it never waits
    executor.shutdown()
    stopped: list[BaseException] = []
    late = threading.Thread(target=lambda: _catch(stopped, lambda: executor.run_here(lambda lib: 1)))
    late.start()
    late.join(10)
    assert len(stopped) == 1 and isinstance(stopped[0], ExecutorStopped)


def _catch(into: list[BaseException], call) -> None:
    try:
        call()
    except BaseException as exc:  # the test looks at which
        into.append(exc)


def test_the_gui_thread_collects_everything_only_once_long_lived_objects_grew_by_a_quarter(qapp, monkeypatch):
    """A full collection walks every object (0.1-0.5 s with the pipeline loaded): like Python's own
    collector, the GUI thread's runs one only after the old generation grew by a quarter."""
    import gc

    from desktop.ui import db_executor

    collector = db_executor._GuiThreadCollector(qapp)
    collected: list[int] = []
    old = [1000]
    monkeypatch.setattr(gc, "get_count", lambda: (0, 0, 50))  # the oldest generation's threshold passed
    monkeypatch.setattr(gc, "get_objects", lambda generation=None: [None] * old[0])
    monkeypatch.setattr(gc, "collect", lambda generation=2: collected.append(generation) or 0)
    monkeypatch.setattr(collector, "LOOK_EVERY_S", 0.0)
    collector.check()  # counts what lives long now: nothing to collect yet
    old[0] = 1200
    collector.check()
    assert collected == []
    old[0] = 1300
    collector.check()
    assert collected == [2]
    collector.deleteLater()
