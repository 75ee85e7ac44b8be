"""Library locations that used to go wrong: odd characters in the file name, unknown URL schemes,
and files or folders this user cannot write (opened read-only, edits off)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services import Library, UserError
from tests.helpers import add_article

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["What?.sqlite", "a#b%c.sqlite", "100%.sqlite", "tab\there.sqlite",
                                  "bell\x07.sqlite", "%(here)s.sqlite"])
def test_odd_characters_in_the_file_name(tmp_path, capsys, name):
    path = tmp_path / name
    assert main(["claim", "add", "--db", str(path), "--article", "1", "--text", "x", "--tag", "T"]) == 1
    assert "no article" in capsys.readouterr().err  # the library was made; the article is missing
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [name]
    with Library.open(path) as lib:
        add_article(lib, "The ferry to Ostrel runs twice a day in winter.")
    assert main(["list", "--db", str(path)]) == 0
    assert "1 articles" in capsys.readouterr().out


def test_an_unknown_url_scheme_is_one_line(capsys):
    assert main(["list", "--db", "mongodb://server/library"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("claimdesk: unknown kind of database 'mongodb'") and "\n" not in err


def test_a_postgresql_server_that_is_not_there_is_one_line(capsys):
    pytest.importorskip("psycopg")
    assert main(["list", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/library"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("claimdesk: cannot open the library postgresql+psycopg://nobody@127.0.0.1:1/library")
    assert "\n" not in err and "unexpected" not in err


def _library_with_a_claim(path: Path) -> int:
    with Library.open(path, annotator="tester") as lib:
        aid = add_article(lib, "Council member Ivo Drasch said the bridge toll would double.", title="Toll")
        lib.claims.create(aid, 0, 14, [1])
    return aid


def test_a_library_this_user_cannot_write_opens_read_only(tmp_path, monkeypatch, capsys):
    """As root everything is writable: the permission check is told what a normal user would see."""
    path = tmp_path / "shared.sqlite"
    aid = _library_with_a_claim(path)
    path.chmod(0o444)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode & os.W_OK and Path(p) in (
        path, path.parent) else real_access(p, mode, **kw))
    with Library.open(path) as lib:
        assert lib.read_only
        assert [a.title for a in lib.articles.rows()] == ["Toll"]
        with pytest.raises(UserError, match="edits are off"):
            lib.claims.create(aid, 15, 20, [1])
    assert main(["list", "--db", str(path)]) == 0
    assert "Toll" in capsys.readouterr().out
    assert main(["claim", "add", "--db", str(path), "--article", str(aid), "--text", "bridge", "--tag", "T"]) == 1
    assert capsys.readouterr().err.strip() == ("claimdesk: the library is read-only (its file or folder cannot "
                                                 "be written): edits are off")
    path.chmod(0o644)


# Run in a private mount namespace: a tmpfs holding the library is remounted read-only, which
# stops root as well as anyone, and which no other process on the machine sees.
READ_ONLY_MOUNT = """
set -e
mount -t tmpfs tmpfs "$1"
cp "$2" "$1/team.sqlite"
mount -o remount,ro "$1"
shift 2
for args in "list" "claim add --article 1 --text bridge --tag T"; do
  "$PY" -m desktop.cli $args --db "$MNT/team.sqlite" && echo "exit 0" || echo "exit $?"
done
"$PY" -m desktop.cli import "$SOURCE" --db "$MNT/new.sqlite" && echo "exit 0" || echo "exit $?"
ls -a "$MNT"
"""


def test_a_library_on_a_read_only_file_system_opens_read_only(tmp_path):
    """The real thing: a read-only mount, where SQLite cannot even make its -wal and -shm files."""
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode:
        pytest.skip("cannot make a private mount namespace here (needs root or user namespaces)")
    source = tmp_path / "team.sqlite"
    _library_with_a_claim(source)
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    env = {**os.environ, "PY": sys.executable, "MNT": str(mnt), "SOURCE": str(source)}
    out = subprocess.run(["unshare", "-m", "sh", "-c", READ_ONLY_MOUNT, "sh", str(mnt), str(source)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert "Toll" in out.stdout and lines[lines.index("1 articles") + 1] == "exit 0"  # listed
    errors = out.stderr.strip().splitlines()
    assert errors == [
        "claimdesk: the library is read-only (its file or folder cannot be written): edits are off",
        f"claimdesk: cannot make a library at {mnt}/new.sqlite: the folder or file is read-only",
    ]
    assert lines.count("exit 1") == 2
    assert sorted(lines[-3:]) == [".", "..", "team.sqlite"]  # no -wal, -shm or new file appeared
