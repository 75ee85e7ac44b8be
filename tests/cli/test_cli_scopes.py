"""What the command line refuses rather than doing something empty or silent: unknown ids and tags, empty
scopes, libraries that do not exist; a parent tag takes in its children; a screenshot changes nothing."""
from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services import Library
from tests.cli.test_cli import ARTICLE

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> bool:
    return len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.fixture
def db(tmp_path, capsys) -> str:
    path = tmp_path / "lib.sqlite"
    source = tmp_path / "one.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    assert run(capsys, "import", str(source), "--db", str(path), "--no-analysis")[0] == 0
    assert run(capsys, "claim", "add", "--article", "1", "--text", "grain exports rose 14%",
               "--tag", "Economy/Exports", "--db", str(path))[0] == 0
    return str(path)


@pytest.mark.parametrize("args, message", [
    (["--article", "999"], "no article with id 999"),
    (["--tag", "Weather"], "no tag named 'Weather'"),
    (["--tag", "Opinion"], "nothing to export: no claim has tag 'Opinion'"),
])
@pytest.mark.parametrize("suffix", [".docx", ".csv"])
def test_export_refuses_unknown_ids_tags_and_empty_scopes(capsys, tmp_path, db, args, message, suffix):
    out = tmp_path / f"r{suffix}"
    code, _out, err = run(capsys, "export", "--out", str(out), "--no-charts", *args, "--db", db)
    assert code == 1 and message in err and one_line(err)
    assert not out.exists()


def test_a_parent_tag_exports_its_childrens_claims(capsys, tmp_path, db):
    out = tmp_path / "economy.csv"
    code, _out, err = run(capsys, "export", "--out", str(out), "--tag", "Economy", "--db", db)
    assert code == 0, err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["text"] for r in rows] == ["grain exports rose 14%"]


@pytest.mark.parametrize("command", [["list"], ["search", "grain"], ["claim", "list"],
                                     ["export", "--out", "r.docx"]])
def test_reading_commands_refuse_a_library_that_does_not_exist(capsys, tmp_path, command):
    missing = tmp_path / "no" / "such" / "dir" / "lib.sqlite"
    code, _out, err = run(capsys, *command, "--db", str(missing))
    assert code == 1 and f"no library at {missing}" in err and one_line(err)
    assert not (tmp_path / "no").exists()


def test_claim_add_may_create_a_library_and_says_so(capsys, tmp_path):
    new = tmp_path / "fresh" / "lib.sqlite"
    code, _out, err = run(capsys, "claim", "add", "--article", "1", "--text", "x", "--tag", "T", "--db", str(new))
    assert code == 1 and f"created a new library at {new}" in err and "no article with id 1" in err


def test_screenshot_changes_nothing_in_the_library_or_settings(tmp_path, db):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    with Library.open(db) as lib:
        lib.articles.set_status(1, "unread")
    for _ in range(2):
        done = subprocess.run([sys.executable, "-m", "desktop.cli", "--screenshot", str(tmp_path / "s.png"),
                               "--db", db, "--article", "1"], env=env, cwd=ROOT, capture_output=True, text=True,
                              timeout=180)
        assert done.returncode == 0, done.stderr
    with Library.open(db) as lib:
        assert lib.articles.get(1).status == "unread"
    assert not any((tmp_path / "config").rglob("*.conf")) and not any((tmp_path / "config").rglob("*.ini"))
    assert (tmp_path / "s.png").stat().st_size > 10_000


def test_no_display_is_one_line_not_an_abort(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "--db", str(tmp_path / "lib.sqlite")], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "no display" in done.stderr
    assert "QT_QPA_PLATFORM=offscreen" in done.stderr or "--screenshot" in done.stderr
    assert not (tmp_path / "lib.sqlite").exists()


def test_readme_says_what_the_slow_run_needs_for_packaging():
    """The slow run skips the packaging test without PyInstaller; the README must not promise it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    slow_line = next(line for line in readme.splitlines() if "test.sh -m slow " in line)
    assert "packaging" not in slow_line
    assert "pip install -e '.[packaging]'" in readme.split(slow_line, 1)[1].split("## ", 1)[0]
    skip = (ROOT / "tests/packaging/test_frozen.py").read_text(encoding="utf-8")
    assert "pip install -e '.[packaging]'" in skip
