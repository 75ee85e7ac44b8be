"""Only ClaimDesk libraries are opened: another program's database is refused and left byte for byte
as it was; a library of an earlier ClaimDesk is adopted; one from a newer ClaimDesk says so."""
from __future__ import annotations

import hashlib
import sqlite3

import pytest

from db.engine import LibraryOpenError, make_engine
from db.library_file import APPLICATION_ID
from db.migrate import HEAD, migrate
from desktop.cli import main
from desktop.services import Library


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _app_id(path) -> int:
    with sqlite3.connect(path) as raw:
        return raw.execute("PRAGMA application_id").fetchone()[0]


def test_a_new_library_is_marked(tmp_path):
    with Library.open(tmp_path / "new.sqlite"):
        pass
    assert _app_id(tmp_path / "new.sqlite") == APPLICATION_ID


@pytest.mark.parametrize("tables", [
    ["CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)"],
    # a clashing table name used to leave half a schema behind
    ["CREATE TABLE annotators (id INTEGER PRIMARY KEY, nick TEXT)", "CREATE TABLE bookmarks (url TEXT)"],
])
def test_another_programs_database_is_refused_unchanged(tmp_path, capsys, tables):
    path = tmp_path / "other.db"
    raw = sqlite3.connect(path)
    for sql in tables:
        raw.execute(sql)
    raw.execute("INSERT INTO " + sql.split()[2] + " DEFAULT VALUES")
    raw.commit()
    raw.close()
    before = _digest(path)
    with pytest.raises(LibraryOpenError, match="not a ClaimDesk library .*nothing was changed"):
        Library.open(path)
    assert main(["list", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert "not a ClaimDesk library" in err and len(err.strip().splitlines()) == 1
    assert _digest(path) == before  # not even switched to WAL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_a_database_marked_by_another_program_is_refused(tmp_path):
    path = tmp_path / "marked.db"
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA application_id = 1598903374")  # the id another program chose
    before = _digest(path)
    with pytest.raises(LibraryOpenError, match="another program"):
        Library.open(path)
    assert _digest(path) == before


def test_an_empty_file_becomes_a_library(tmp_path):
    path = tmp_path / "empty.sqlite"
    path.touch()
    with Library.open(path) as lib:
        assert lib.created
    assert _app_id(path) == APPLICATION_ID


def test_a_library_of_an_earlier_claimdesk_opens_and_gets_the_mark(tmp_path):
    """Earlier releases did not mark their libraries; theirs are recognised by their tables."""
    path = tmp_path / "earlier.sqlite"
    with Library.open(path, annotator="tester") as lib:
        tag = lib.tags.ensure_path("Harbour fees").id
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA application_id = 0")
    assert _app_id(path) == 0
    with Library.open(path) as lib:
        assert lib.tags.get(tag).name == "Harbour fees"
    assert _app_id(path) == APPLICATION_ID


def test_an_earlier_library_at_an_old_revision_is_upgraded_and_marked(tmp_path):
    path = tmp_path / "first-release.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine, "0001")
    engine.dispose()
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA application_id = 0")
    with Library.open(path) as lib, lib.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD
    assert _app_id(path) == APPLICATION_ID


def test_a_library_from_a_newer_claimdesk_says_so_in_one_line(tmp_path, capsys):
    path = tmp_path / "newer.sqlite"
    with Library.open(path):
        pass
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0099_future'")
    before = _digest(path)
    assert main(["list", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == ("claimdesk: this library was made by a newer ClaimDesk (revision 0099_future); "
                           "update ClaimDesk to open it")
    assert _digest(path) == before


def test_an_earlier_releases_unfinished_first_start_is_made_whole(tmp_path):
    """Killed while making its tables, an earlier release left some of them and no version:
    "table annotators already exists" at every start. Empty, they are ours to replace."""
    from db.models import Base

    path = tmp_path / "unfinished.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine, tables=[Base.metadata.tables[t] for t in ("annotators", "articles")])
    engine.dispose()
    with Library.open(path) as lib:
        assert lib.created and lib.tags.list()
    assert _app_id(path) == APPLICATION_ID


def test_an_unfinished_looking_file_with_rows_is_not_touched(tmp_path):
    from db.models import Base

    path = tmp_path / "has-rows.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine, tables=[Base.metadata.tables["annotators"]])
    engine.dispose()
    with sqlite3.connect(path) as raw:
        raw.execute("INSERT INTO annotators (name, created_at) VALUES ('Ana', '2026-01-01')")
    before = _digest(path)
    with pytest.raises(LibraryOpenError, match="not a ClaimDesk library"):
        Library.open(path)
    assert _digest(path) == before
