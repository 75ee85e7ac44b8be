"""One-line reasons, never a traceback or a broken terminal, for hostile command-line input
(issue 18, item 18), and an import on a disk that fills up."""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from desktop.cli import main
from tests.data.hostile_inputs import MARKUP_TEXT, long_article
from tests.helpers import add_article


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("limit", ["1e20", "100000000000000000000", "0", "-3"])
def test_a_search_limit_out_of_range_is_one_line(capsys, tmp_path, limit):
    with pytest.raises(SystemExit) as stop:
        main(["search", "harbour", "--limit", limit, "--db", str(tmp_path / "l.sqlite")])
    err = capsys.readouterr().err
    assert stop.value.code == 2
    assert err.strip().splitlines()[-1].startswith("claimdesk search: error: argument --limit:")
    assert "Traceback" not in err


def test_a_note_or_tag_that_is_not_utf8_is_refused_in_one_line(capsys, tmp_path):
    from desktop.services import Library

    db = tmp_path / "l.sqlite"
    with Library.open(db) as lib:
        aid = add_article(lib, "The ferry to Lund Bay runs again, the harbour master said.")
    latin1 = os.fsdecode(b"caf\xe9")  # what Python hands over from a Latin-1 terminal
    for option in ("--note", "--tag"):
        args = ["claim", "add", "--article", str(aid), "--text", "The ferry", "--tag", "Opinion",
                "--db", str(db), option, latin1]
        code, _out, err = run(capsys, *args)
        assert code == 1 and err.count("\n") == 1
        assert f"the {option} text is not valid UTF-8" in err
    with Library.open(db) as lib:
        assert lib.claims.all() == []


def test_list_and_claim_list_print_no_terminal_escapes(capsys, tmp_path):
    from desktop.services import Library

    db = tmp_path / "l.sqlite"
    body = MARKUP_TEXT.split("\n\n", 1)[1]
    with Library.open(db) as lib:
        aid = add_article(lib, body, title="Minutes \x1b]0;owned\x07\x1b[2J of Port Kessa")
        start = body.index("the clerk")
        lib.claims.create(aid, start, start + 40, [lib.tags.ensure_path("Opinion").id])
    for command in (["list"], ["claim", "list"]):
        code, out, _err = run(capsys, *command, "--db", str(db))
        assert code == 0
        assert "\x1b" not in out and "\x07" not in out
    code, out, _err = run(capsys, "list", "--db", str(db))
    assert "Minutes  of Port Kessa" in out


@pytest.fixture
def small_disk(tmp_path):
    """A real 4 MB file system (tmpfs), mounted as root; skipped where mounting is not allowed.

    Room for the first batch of 200 articles with their sentence index (3.6 MB), not for all 900."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small file system needs root")
    where = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(where)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield where
    finally:
        with contextlib.suppress(Exception):
            subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_disk_that_fills_during_import_says_what_was_imported(capsys, tmp_path, small_disk):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(900):
        (folder / f"{n:04}.txt").write_text(long_article(3_000, seed=n), encoding="utf-8")
    db = small_disk / "library.sqlite"
    code, out, err = run(capsys, "import", str(folder), "--no-analysis", "--db", str(db))
    summary = out.strip().splitlines()[-1]
    assert code == 1 and "Traceback" not in err
    assert "the disk is full: the import stopped after" in summary
    imported = sum(1 for line in out.splitlines() if line.startswith("imported"))
    assert 0 < imported < 900 and f"after {imported} article" in summary
    shutil.copy(db, tmp_path / "copy.sqlite")  # read it where there is room for its journal
    for suffix in ("-wal", "-shm"):
        if Path(f"{db}{suffix}").exists():
            shutil.copy(f"{db}{suffix}", f"{tmp_path / 'copy.sqlite'}{suffix}")
    code, out, _err = run(capsys, "list", "--db", str(tmp_path / "copy.sqlite"))
    assert out.strip().splitlines()[-1] == f"{imported} articles"


def _fill(folder: Path) -> None:
    """Take the rest of the file system's space, for real."""
    with (folder / "filler.bin").open("wb") as fh:
        try:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        except OSError:
            pass


def test_a_disk_that_fills_before_the_analysis_keeps_the_imported_articles(tmp_path, small_disk):
    from desktop.services import Library

    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(long_article(4_000, seed=n), encoding="utf-8")

    def fill_when_stored(done: int, total: int, what: str) -> None:
        if done == total and not what:  # every file stored, the analysis about to start
            _fill(small_disk)

    with Library.open(small_disk / "library.sqlite") as lib:
        report = lib.importer.import_paths([folder], progress=fill_when_stored)
        assert len(report.added) == 3
        assert report.stopped == f"the disk is full: 3 imported, {report.analysed} analysed before it filled"
        assert report.analysed < 3
        (small_disk / "filler.bin").unlink()
        assert len(lib.articles.rows()) == 3
