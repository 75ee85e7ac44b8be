"""The command line: every command works, and a user's mistake is one line and exit 1."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main

ARTICLE = """Harbour Tariff Lifted in Veltra

By Mara Quell

The Veltran harbour authority said on Monday that grain exports rose 14% after the tariff was lifted.

Minister Ilsa Roavik called the figures encouraging and promised a review of port fees.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "two.txt").write_text(ARTICLE.replace("Veltra", "Osterlund").replace("14%", "9%"), encoding="utf-8")
    return d


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "lib.sqlite")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_list_search_claim(capsys, folder, db):
    code, out, _ = run(capsys, "import", str(folder), "--db", db, "--no-analysis")
    assert code == 0 and "2 imported" in out
    code, out, _ = run(capsys, "import", str(folder / "one.txt"), "--db", db, "--no-analysis")
    assert code == 0 and "1 already in the library" in out
    code, out, _ = run(capsys, "list", "--db", db, "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 2 and {"id", "title", "outlet", "published", "claims"} <= set(rows[0])
    assert [(r["entities"], r["quotes"]) for r in rows] == [(0, 0), (0, 0)]  # imported without analysis
    code, out, _ = run(capsys, "search", "tariff", "--db", db, "--json")
    assert code == 0 and len(json.loads(out)) == 2
    code, out, _ = run(capsys, "claim", "add", "--article", "1", "--text", "grain exports rose 14%",
                       "--tag", "Economy/Exports", "--verdict", "disputed", "--note", "check customs", "--db", db)
    assert code == 0 and "Exports" in out
    code, out, _ = run(capsys, "search", "customs", "--db", db, "--json")
    assert [h["kind"] for h in json.loads(out)] == ["claim"]
    code, out, _ = run(capsys, "list", "--db", db, "--json")
    assert {r["id"]: r["claims"] for r in json.loads(out)}[1] == 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["claim", "add", "--article", "99", "--text", "x", "--tag", "T"], "no article with id 99"),
        (["claim", "add", "--article", "1", "--text", "not in there", "--tag", "T"], "does not occur"),
        (["claim", "add", "--article", "1", "--text", "the", "--tag", "T"], "times"),
        (["claim", "add", "--article", "1", "--text", "the", "--occurrence", "99", "--tag", "T"], "occurrence"),
        (["list", "--sort", "colour"], "cannot sort"),
    ],
)
def test_user_mistakes_are_one_line(capsys, folder, db, args, message):
    run(capsys, "import", str(folder / "one.txt"), "--db", db, "--no-analysis")
    code, out, err = run(capsys, *args, "--db", db)
    assert code == 1
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_missing_file_fails_but_others_import(capsys, folder, db):
    code, out, _ = run(capsys, "import", str(folder / "one.txt"), str(folder / "nope.txt"), "--db", db,
                       "--no-analysis")
    assert code == 1 and "1 imported" in out and "no such file" in out


def test_db_that_is_not_a_database(capsys, tmp_path):
    bad = tmp_path / "notes.sqlite"
    bad.write_text("this is not a database, just some notes " * 200)
    code, _out, err = run(capsys, "list", "--db", str(bad))
    assert code == 1 and "cannot open the library" in err


def test_db_that_is_a_folder(capsys, tmp_path):
    code, _out, err = run(capsys, "list", "--db", str(tmp_path))
    assert code == 1 and "folder" in err


def test_default_library_lives_in_user_data_folder(capsys, folder, isolated_user_dirs):
    code, out, err = run(capsys, "import", str(folder / "one.txt"), "--no-analysis")
    assert code == 0
    library = isolated_user_dirs / "data" / "ClaimDesk" / "library.sqlite"
    assert library.exists() and f"created a new library at {library}" in err
    code, out, _ = run(capsys, "list")
    assert code == 0 and "1 articles" in out


def test_help_and_entry_point():
    exe = Path(sys.executable).with_name("claimdesk")
    for args in (["--help"], ["import", "--help"], ["claim", "add", "--help"], ["export", "--help"]):
        result = subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0 and "usage" in result.stdout


def test_a_fault_of_ours_is_one_line_and_logged(capsys, monkeypatch, db, isolated_user_dirs):
    from desktop.services.articles import ArticleService

    def broken(*_args, **_kwargs):
        raise RuntimeError("the index went missing\nsecond line")

    from desktop.services import Library

    Library.open(db).close()
    monkeypatch.setattr(ArticleService, "rows", broken)
    code, out, err = run(capsys, "list", "--db", db)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "unexpected error (RuntimeError: the index went missing)" in err
    log = next(isolated_user_dirs.rglob("claimdesk.log")).read_text(encoding="utf-8")
    assert "Traceback" in log and "the index went missing" in log
