"""The frozen bundle behaves like the installed app: first start with the demo, import, export.

Slow (a PyInstaller build takes a minute or two): bash scripts/test.sh -m slow tests/packaging
Set CLAIMDESK_BUNDLE=dist/ClaimDesk to test a bundle that is already built.
"""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    given = os.environ.get("CLAIMDESK_BUNDLE")
    if given:
        return Path(given)
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (pip install -e '.[packaging]')")
    work = tmp_path_factory.mktemp("pyinstaller")
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--workpath",
                    str(work / "build"), "--distpath", str(work / "dist"), str(ROOT / "packaging" / "claimdesk.spec")],
                   check=True, cwd=ROOT, timeout=1800)
    return work / "dist" / "ClaimDesk"


def run(bundle: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state")}
    return subprocess.run([str(bundle / "claimdesk"), *args], env=env, capture_output=True, text=True, timeout=600)


def test_first_start_screenshot_import_and_export(bundle, tmp_path):
    shot = tmp_path / "shot.png"
    result = run(bundle, tmp_path, "--screenshot", str(shot))
    assert result.returncode == 0, result.stderr[-3000:]
    assert shot.stat().st_size > 10_000
    assert (tmp_path / "data" / "ClaimDesk" / "library.sqlite").exists()  # the platform data folder
    assert list((tmp_path / "state" / "ClaimDesk" / "log").glob("*.log"))  # the platform log folder

    article = tmp_path / "in" / "note.txt"
    article.parent.mkdir()
    article.write_text("Port Fees Rise\n\nBy Mara Quell\n\n“The dredging has to be paid for,” said Bruno Sakari, "
                       "the port director, after fees rose 8% on Monday.\n", encoding="utf-8")
    result = run(bundle, tmp_path, "import", str(article.parent))
    assert result.returncode == 0 and "1 imported" in result.stdout, result.stderr[-3000:]
    out = tmp_path / "report.docx"
    result = run(bundle, tmp_path, "export", "--out", str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    document = docx.Document(str(out))
    assert len(list(document.comments)) >= 1  # the demo's claims

    # The same-claim model's weights, vectors, tokenizer and cross-encoder ship in the bundle.
    result = run(bundle, tmp_path, "similar", "Bruno Sakari said the dredging has to be paid for", "--json")
    assert result.returncode == 0, result.stderr[-3000:]
    matches = json.loads(result.stdout)[0]["matches"]
    assert any("dredging" in m["text"] for m in matches), matches
