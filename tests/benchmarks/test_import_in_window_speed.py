"""Importing in the window: both cores through spawned workers, a window that keeps answering, and the
first highlights soon after a drop.

1. The 84 held-out articles imported through the window's import flow, against `claimdesk import` of
   the same folder and against plain nlp.pipe(n_process=2) over the same texts (best of alternating runs).
2. While 1,000 invented articles are imported: how long a tag made by key press takes to show in the
   reader, and how long the event loop stalls (a 5 ms heartbeat timer; max and p99 of the gaps).
3. Issue 19: from dropping a folder of 100 articles on the window to the first highlighted article on
   screen (the person opens the first new article as soon as it is listed).

Run: bash scripts/test.sh -m benchmark -s tests/benchmarks/test_import_in_window_speed.py
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desktop.services import Library
from desktop.ui.theme import ENTITY_TYPES
from tests.benchmarks.stalls import Heartbeat, StallSampler, percentile
from tests.data.fictional_articles import write_articles

ROOT = Path(__file__).resolve().parents[2]
POLNEAR = next((p / "shared" / "eval" / "polnear-dev" / "text" for p in Path(__file__).resolve().parents[3:5]
                if (p / "shared" / "eval" / "polnear-dev" / "text").is_dir()), None)
RAW_PIPE = """
import sys, time
from pathlib import Path
from desktop.analysis import COMPONENTS, get_nlp
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
nlp = get_nlp()
list(nlp.pipe(texts[:3]))
t = time.perf_counter()
docs = list(nlp.pipe(texts, n_process=2, batch_size=16, disable=COMPONENTS))
print(time.perf_counter() - t)
"""


@pytest.fixture(autouse=True)
def quiet_window(tmp_path, monkeypatch):
    """Settings of its own, and no dialog that waits for a click (an error would show as a failure)."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: errors.append(self.text()) or 0)
    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
    yield
    assert not errors, errors


def _window(qtbot, lib: Library):
    from desktop.analysis import get_nlp
    from desktop.ui.main_window import MainWindow

    get_nlp()  # as the app's start-up pass loads it, before any import
    win = MainWindow(lib)
    qtbot.addWidget(win)
    win.imports.quiet = True
    win.show()
    qtbot.waitExposed(win)
    _activate(qtbot, win)
    return win


def _activate(qtbot, win) -> None:
    """Shortcuts (Ctrl+Z) reach only the active window, as a person's keys do."""
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=5000)


def _import_in_window(qtbot, folder: Path, db: Path) -> float:
    """Seconds from File ▸ Import to every article stored and analysed, in a fresh window (workers cold)."""
    lib = Library.open(db)
    win = _window(qtbot, lib)
    ended: list = []
    win.imports.sig_analysed.connect(ended.append)
    t = time.perf_counter()
    win.imports.import_paths([str(folder)])
    qtbot.waitUntil(lambda: bool(ended), timeout=1_800_000)
    elapsed = time.perf_counter() - t
    assert not lib.importer.pending_analysis()
    win.close()
    win.runner.wait()
    lib.close()
    return elapsed


def _cli_import(folder: Path, db: Path) -> float:
    exe = Path(sys.executable).with_name("claimdesk")
    t = time.perf_counter()
    out = subprocess.run([str(exe), "import", str(folder), "--db", str(db)], capture_output=True, text=True,
                         timeout=1800)
    elapsed = time.perf_counter() - t
    assert out.returncode == 0, out.stderr[-2000:]
    return elapsed


def _raw_pipe(folder: Path) -> float:
    out = subprocess.run([sys.executable, "-c", RAW_PIPE, str(folder)], cwd=ROOT, capture_output=True, text=True,
                         timeout=1800, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr[-2000:]
    return float(out.stdout.strip().splitlines()[-1])


@pytest.mark.benchmark
@pytest.mark.timeout(3600)  # six imports of 84 articles on a shared machine
@pytest.mark.skipif(POLNEAR is None, reason="the held-out folder is not beside the project")
def test_import_in_the_window_against_the_cli_and_plain_spacy(qtbot, tmp_path):
    assert POLNEAR is not None
    runs: dict[str, list[float]] = {"window": [], "cli": [], "pipe": []}
    for n in range(2):  # alternate, and keep each side's best: the order of runs favours the later one
        runs["pipe"].append(_raw_pipe(POLNEAR))
        runs["cli"].append(_cli_import(POLNEAR, tmp_path / f"cli{n}.sqlite"))
        runs["window"].append(_import_in_window(qtbot, POLNEAR, tmp_path / f"window{n}.sqlite"))
    window, cli, pipe = (min(runs[k]) for k in ("window", "cli", "pipe"))
    print(f"\nimport of {len(list(POLNEAR.glob('*.txt')))} articles: window {window:.1f} s, claimdesk import "
          f"{cli:.1f} s, plain nlp.pipe(n_process=2) {pipe:.1f} s (all runs: {runs})")
    print(f"  window / CLI {window / cli:.2f} (goal <= 1.2); window / nlp.pipe {window / pipe:.2f} (goal <= 1.25)")
    assert window / cli <= 1.2 and window / pipe <= 1.25


def _underlined(win, at: int) -> bool:
    cursor = QTextCursor(win.reader.document())
    cursor.setPosition(win.reader._map.to_qt(at) + 1)
    return cursor.charFormat().fontUnderline()


def _tag_by_key(win) -> float:
    """Select the first sentence with the keyboard, press 1, and wait for its underline: the seconds it took."""
    reader = win.reader
    QTest.keySequence(reader, QKeySequence("Ctrl+Home"))
    while True:
        QTest.keyClick(reader, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.ShiftModifier)
        span = reader.selected_span()
        if span and reader.article.body[span[1] - 1] == ".":
            break
    t = time.perf_counter()
    QTest.keyClick(reader, Qt.Key.Key_1)
    while not _underlined(win, span[0]):
        QApplication.processEvents()
        assert time.perf_counter() - t < 30, "the tag never appeared"
    latency = time.perf_counter() - t
    QTest.keySequence(reader, QKeySequence("Ctrl+Z"))  # undo it, so the next tag is a new claim of the same words
    t = time.perf_counter()
    while _underlined(win, span[0]):
        QApplication.processEvents()
        assert time.perf_counter() - t < 30, "the undo never took the underline away"
    return latency


BODY = ("“The new ferry timetable will cut the crossing to Osterlund by forty minutes,” said Nadia Vorst, the "
        "transport minister of Veltra. Pavel Lind of the Harbour Union said the crews had not been asked.\n\n"
        "The Coastal Ledger reported that thirty crew members would be hired before the summer.")


@pytest.mark.benchmark
@pytest.mark.timeout(3600)
def test_tags_and_the_event_loop_while_1000_files_are_imported(qtbot, tmp_path):
    from desktop.analysis import ANALYSER_VERSION  # noqa: F401
    from tests.helpers import add_article

    lib = Library.open(tmp_path / "library.sqlite")
    mine = add_article(lib, BODY, title="Ferry timetable")
    lib.importer.analyse([mine], n_process=1)
    win = _window(qtbot, lib)
    qtbot.waitUntil(lambda: bool(win.codebook_actions.tags), timeout=30_000)  # read by the database executor
    win.open_article(mine)
    qtbot.waitUntil(lambda: win.reader.article is not None, timeout=30_000)
    folder = tmp_path / "drop"
    write_articles(folder, 1000, paragraphs=3)
    imported: list = []
    win.imports.sig_imported.connect(imported.append)
    analysis_seconds = float(os.environ.get("CLAIMDESK_BENCH_ANALYSIS_S", "45"))

    beat = Heartbeat()
    beat.start()
    sampler = StallSampler(beat) if os.environ.get("CLAIMDESK_BENCH_PROFILE") else None
    if sampler:
        sampler.start()
    t0 = time.perf_counter()
    win.imports.import_paths([str(folder)])
    qtbot.waitUntil(lambda: bool(imported), timeout=600_000)  # the reading dialog is modal: no tags before
    read_s = time.perf_counter() - t0
    latencies = []
    _activate(qtbot, win)  # the reading dialog had it
    t1 = time.perf_counter()
    while time.perf_counter() - t1 < analysis_seconds and win.imports.progress.isVisible():
        qtbot.wait(700)
        latencies.append(_tag_by_key(win))
    done_during = len([i for _p, i in imported[0].added]) - len(lib.importer.pending_analysis())
    qtbot.mouseClick(win.imports.progress.stop, Qt.MouseButton.LeftButton)
    stalls = beat.stalls_ms()
    if sampler:
        sampler.stop()
        print("\n" + sampler.report())
    win.close()
    win.runner.wait()
    lib.close()

    p99 = percentile(stalls, 0.99)
    print(f"\n1,000 files: read and stored in {read_s:.1f} s, then {done_during} analysed in "
          f"{time.perf_counter() - t1:.0f} s of analysis")
    print(f"  tag by key press to underline: {len(latencies)} tags, max {1000 * max(latencies):.0f} ms, "
          f"median {1000 * statistics.median(latencies):.0f} ms (goal <= 100 ms)")
    print(f"  event-loop stalls over {len(stalls)} heartbeats: max {max(stalls):.0f} ms, p99 {p99:.0f} ms "
          f"(goal: max <= 100 ms)")
    assert max(latencies) <= 0.1 and max(stalls) <= 100


@pytest.mark.benchmark
def test_time_from_a_drop_to_the_first_highlighted_article(qtbot, tmp_path):
    folder = tmp_path / "drop"
    write_articles(folder, 100, paragraphs=8)
    lib = Library.open(tmp_path / "library.sqlite")
    win = _window(qtbot, lib)
    listed: list = []
    win.imports.sig_imported.connect(listed.append)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    drop = QDropEvent(QPointF(win.width() / 2, win.height() / 2), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    t = time.perf_counter()
    # QApplication delivers only drops its own drag manager started: straight to the window's dispatch.
    assert win.event(drop)

    def first_highlight() -> bool:
        article = win.reader.article
        return article is not None and any(fmt_background(win, m.start) for m in lib.entities.mentions(article.id)
                                           if m.type in ENTITY_TYPES)

    # The person clicks the top article as soon as the list shows the new ones (the list is read again
    # from the database once the import has stored them).
    qtbot.waitUntil(lambda: bool(listed) and win.model.rowCount() > 0, timeout=120_000)
    listed_s = time.perf_counter() - t
    rect = win.table.visualRect(win.model.index(0, 0))
    qtbot.mouseClick(win.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: win.reader.article is not None, timeout=60_000)  # opened by the database executor
    qtbot.waitUntil(first_highlight, timeout=120_000)
    seen = time.perf_counter() - t
    win.close()
    win.runner.wait()
    lib.close()
    print(f"\ndrop of 100 articles to the first highlighted article on screen: {seen:.2f} s (goal <= 2 s); "
          f"read, stored and listed after {listed_s:.2f} s")
    assert seen <= 2.0


def fmt_background(win, at: int) -> bool:
    cursor = QTextCursor(win.reader.document())
    cursor.setPosition(win.reader._map.to_qt(at) + 1)
    return cursor.charFormat().background().style() != Qt.BrushStyle.NoBrush
