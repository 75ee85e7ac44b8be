"""Guards for the dependency choices in DESIGN.md."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

GUARD = """
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget()
for i in range(50_000):
    w.resize(100 + i % 7, 100)
print("ok")
"""


def test_none_returning_calls_do_not_abort_the_process():
    """PySide6 6.12.0 over-releases None and aborts CPython 3.11; the pin below 6.12 must hold."""
    result = subprocess.run([sys.executable, "-c", GUARD], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"


def test_core_never_imports_qt():
    """The import-linter contracts in pyproject.toml: db/ and the desktop core stay headless."""
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(linter)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_core_imports_without_qt_loaded():
    code = ("import sys; import desktop.services, desktop.edits, desktop.cli, db.models; "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))]; print(bad)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_contracts_catch_what_they_forbid(tmp_path):
    """The contracts have teeth: in a copy of the code, a window that imports db, a report that draws
    its own charts and an analysis that asks the library each break the run, named in its output."""
    import shutil

    for part in ("desktop", "db"):
        shutil.copytree(ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    for module, line in (("desktop/ui/reading.py", "import db.models"),
                         ("desktop/report/segments.py", "from desktop.charts.export import render_png"),
                         ("desktop/analysis/quotes.py", "from desktop.services import Library")):
        path = tmp_path / module
        path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(linter)], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    for broken in ("desktop.ui.reading -> db.models", "desktop.report.segments -> desktop.charts.export",
                   "desktop.analysis.quotes -> desktop.services"):
        assert broken in result.stdout, result.stdout[-3000:]
