"""Memory with a 100,000-article library open and the reader on a 10,000-word analysed article (goal <= 300 MB
resident), beside a bare PySide6 window showing the same text in a QTextEdit.

Run: bash scripts/test.sh -m benchmark -s tests/benchmarks/test_memory.py
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.benchmarks.big_library import N, add_long_analysed_article, long_body, make_big_library

ROOT = Path(__file__).resolve().parents[2]
RSS = """
def rss_mb():  # resident now and at its highest (VmHWM: this process's own, unlike ru_maxrss, kept over exec)
    with open("/proc/self/status") as f:
        kb = {k: int(v.split()[0]) for k, v in (line.split(":", 1) for line in f) if k in ("VmRSS", "VmHWM")}
    return kb["VmRSS"] / 1024, kb["VmHWM"] / 1024
"""
BARE = RSS + """
import html, sys
from PySide6.QtWidgets import QApplication, QMainWindow, QTextEdit
app = QApplication([])
w = QMainWindow(); w.resize(1400, 860)
text = QTextEdit(); w.setCentralWidget(text)
body = open(sys.argv[1], encoding="utf-8").read()
text.setHtml("".join(f"<p>{html.escape(p)}</p>" for p in body.split("\\n\\n")))
w.show(); text.document().size(); app.processEvents()
print(*rss_mb())
"""
OURS = RSS + """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.services import Library
from desktop.ui.main_window import MainWindow
lib = Library.open(sys.argv[1])
from PySide6.QtCore import QEventLoop
w = MainWindow(lib); w.resize(1400, 860); w.show(); app.processEvents()
w.open_article(int(sys.argv[2]))
while not (w.reader.article is not None and w.reader.article.id == int(sys.argv[2]) and w.db.idle()):
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 20)  # read on the database thread
w.reader.document().size(); app.processEvents()
marks = sum(1 for _ in lib.entities.mentions(int(sys.argv[2]))) + len(lib.entities.quotes(article_id=int(sys.argv[2])))
print(*rss_mb(), marks)
w.close()
"""


def _run(code: str, tmp_path: Path, *args: str) -> list[float]:
    """The child's numbers; its settings and data folders are temporary, so nothing of the user's is read."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_STATE_HOME": str(tmp_path / "state")}
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    return [float(x) for x in out.stdout.split()[-4:] if x]


@pytest.mark.benchmark
def test_memory_with_a_large_library_and_a_long_article(tmp_path):
    from desktop.services import Library

    path = tmp_path / "big.sqlite"
    make_big_library(path)
    with Library.open(path) as lib:
        article_id = add_long_analysed_article(lib)
    text = tmp_path / "long.txt"
    text.write_text(long_body(), encoding="utf-8")
    bare_rss, bare_peak = _run(BARE, tmp_path, str(text))[:2]
    rss, peak, marks = _run(OURS, tmp_path, str(path), str(article_id))[-3:]
    print(f"\nmemory, {N} articles and the reader on a {len(long_body().split())}-word article with {marks:.0f} "
          f"entity and quote marks: ClaimDesk {rss:.0f} MB resident (peak {peak:.0f} MB), goal <= 300; "
          f"a bare PySide6 window with the same text in a QTextEdit {bare_rss:.0f} MB (peak {bare_peak:.0f} MB); "
          f"ratio {rss / bare_rss:.2f}")
