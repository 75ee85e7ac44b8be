"""Cheaper module loading before the window paints (issue 19): PySide's per-module check reads bytes,
the dataclasses loaded at start-up carry their own docstrings (so dataclasses skips inspect.signature for
each), and a backup's time is read from its name without strptime. Each keeps the answer it replaced."""
from __future__ import annotations

import datetime as dt
import inspect
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_pyside_asks_each_module_with_the_faster_check_and_gets_the_same_answers(tmp_path, monkeypatch):
    import desktop.ui  # noqa: F401  (installs the check)

    feature = sys.modules["shibokensupport.feature"]
    assert getattr(feature._mod_uses_pyside, "reads_bytes", False)
    (tmp_path / "harbour_widgets.py").write_text("from PySide6.QtWidgets import QLabel\nLABEL = QLabel\n")
    (tmp_path / "harbour_fees.py").write_text("FEE = 12  # no Qt here\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("harbour_widgets", "harbour_fees"):
        monkeypatch.delitem(sys.modules, name, raising=False)
        feature.pyside_feature_dict.pop(name, None)
        __import__(name)  # the import statement's path, which PySide hooks (importlib does not)
    # 0: a module that uses PySide (its feature switches apply); -1: one PySide ignores.
    assert feature.pyside_feature_dict["harbour_widgets"] == 0
    assert feature.pyside_feature_dict["harbour_fees"] == -1
    # The same answer as PySide's own check (the word in the module's source) for every module loaded.
    checked = 0
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None)
        if name.startswith(("desktop", "db", "sqlite3", "json")) and isinstance(path, str) and path.endswith(".py"):
            assert feature._mod_uses_pyside(module) == _pysides_own_answer(module), name
            checked += 1
    assert checked > 20


def _pysides_own_answer(module: object) -> bool:
    """What PySide's check answers: the word in the module's source; no source (an empty file): no."""
    try:
        return "PySide6" in inspect.getsource(module)  # type: ignore[arg-type]
    except OSError:
        return False


def test_a_module_without_a_source_file_still_gets_pysides_own_answer():
    import desktop.ui  # noqa: F401

    feature = sys.modules["shibokensupport.feature"]
    assert feature._mod_uses_pyside(sys) is False  # built in: no file, PySide's check says no


def test_the_headless_core_installs_nothing_and_loads_no_qt():
    code = "import sys, desktop, desktop.services; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "False"


LIST_GENERATED_DOCSTRINGS = """
import dataclasses, sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.services import Library
from desktop.ui.main_window import MainWindow
for name, module in list(sys.modules.items()):
    if name.startswith(("desktop", "db")):
        for value in vars(module).values():
            if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == name:
                if (value.__doc__ or "").startswith(value.__name__ + "("):  # made by dataclasses: slow
                    print(name + "." + value.__name__)
"""


def test_dataclasses_loaded_at_start_up_have_their_own_docstrings():
    """What the window imports before it paints, in a fresh process as the app starts."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", LIST_GENERATED_DOCSTRINGS], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == []


def test_a_backups_time_is_read_from_its_name_as_strptime_would():
    from desktop.services.backups import _STAMP, _made_at

    for when in (dt.datetime(2026, 3, 4, 5, 6, 7), dt.datetime(1999, 12, 31, 23, 59, 59)):
        stamp = when.strftime(_STAMP)
        assert _made_at(stamp) == dt.datetime.strptime(stamp, _STAMP) == when
