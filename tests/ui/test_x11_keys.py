"""Keys under a real X server (Xvfb), where Linux's standard bindings apply: redo by Ctrl+Shift+Z is not
ambiguous, and a search box does not swallow Ctrl+E. Skipped where Xvfb is not installed."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs Xvfb (Debian: xvfb)")
def test_linux_key_bindings_under_x11(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT)}
    env.pop("DISPLAY", None)
    done = subprocess.run(["xvfb-run", "-a", sys.executable, str(ROOT / "tests/ui/x11_keys_probe.py")],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["platform"] == "xcb" and result["active"]
    assert result["repeated_keys"] == []
    assert result["export_from_search_box"] == 1
    assert (result["tagged"], result["after_undo"], result["after_redo"]) == (1, 0, 1)
