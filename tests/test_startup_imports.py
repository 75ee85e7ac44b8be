"""Start-up loads only what the window needs to show the list (issue 19): the analysis pipeline (spaCy),
the charts, the Word report and the file readers are loaded when first used, not before the window paints."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOT_AT_START = ("spacy", "thinc", "pyqtgraph", "docx", "desktop.analysis.article", "desktop.report",
                "desktop.charts", "desktop.ingest.plain_text", "charset_normalizer", "trafilatura", "dateparser")
START = """
import sys
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.services import Library
from desktop.ui.main_window import MainWindow
from tests.helpers import add_article
lib = Library.open(sys.argv[1])
add_article(lib, "The port council met about the fees.", title="Fees")
w = MainWindow(lib); w.show()
while not (w.model.rowCount() and w.model.data(w.model.index(0, 0)) and w.reader.article):
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
app.processEvents()
print(" ".join(m for m in sys.argv[2:] if m in sys.modules))
w.close()
"""


def test_start_up_loads_no_analysis_charts_report_or_readers(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_STATE_HOME": str(tmp_path / "state")}
    out = subprocess.run([sys.executable, "-c", START, str(tmp_path / "lib.sqlite"), *NOT_AT_START], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1:] in ([], [""]), f"loaded at start-up: {out.stdout.strip()}"
