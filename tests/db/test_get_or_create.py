"""Several clients making the same tag or coder at once get one row, and none of them fails."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from db.engine import make_engine
from db.migrate import migrate
from desktop.services import Library, UserError
from tests.helpers import add_article

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 8
# Waits for the go file so that all clients reach get-or-create together.
CLIENT = """
import os, sys, time
from desktop.services import Library
lib = Library.open(sys.argv[1], annotator=sys.argv[3])
while not os.path.exists(sys.argv[2]):
    time.sleep(0.001)
tag = lib.tags.ensure_path("Port levies/Night fees")
claim = lib.claims.create(1, 4, 12, [tag.id])
print(tag.id, claim.id)
"""


def race(db: str, tmp_path: Path, coder: str = "Mira Toll") -> list[str]:
    go = tmp_path / f"go-{time.monotonic_ns()}"
    procs = [subprocess.Popen([sys.executable, "-c", CLIENT, db, str(go), coder], cwd=ROOT, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env={**os.environ, "PYTHONUNBUFFERED": "1"}) for _ in range(CLIENTS)]
    time.sleep(3)  # every client has opened the library and waits
    go.touch()
    results = [p.communicate(timeout=120) for p in procs]
    failures = [err for p, (_out, err) in zip(procs, results, strict=True) if p.returncode != 0]
    assert failures == []
    return [out.split()[0] for out, _err in results]


def check_one_of_each(lib: Library) -> None:
    assert [t.path for t in lib.tags.list() if t.path.startswith("Port levies")] == [
        "Port levies", "Port levies/Night fees"]
    assert len(lib.claims.all()) == CLIENTS
    with lib.store.read() as s:
        coders = s.execute(text("SELECT DISTINCT annotator_id FROM claims")).all()
        assert len(coders) == 1 and coders[0][0] is not None


def test_eight_processes_make_one_tag_and_one_coder_on_sqlite(tmp_path):
    path = tmp_path / "race.sqlite"
    with Library.open(path, annotator="setup") as lib:
        add_article(lib, "The port authority raised night fees for ferries.")
    tag_ids = race(str(path), tmp_path)
    assert len(set(tag_ids)) == 1
    with Library.open(path) as lib:
        check_one_of_each(lib)


def test_a_top_level_twin_is_refused_by_the_database_itself(library):
    library.tags.create("Harbour")
    with pytest.raises(IntegrityError, match="UNIQUE"), library.store.write() as s:
        s.execute(text("INSERT INTO tags (name, parent_id, color, description, sort_order) "
                       "VALUES ('HARBOUR', NULL, '#000000', '', 9)"))
    with pytest.raises(UserError, match="already exists"):
        library.tags.create("harbour")


def test_twins_made_by_earlier_releases_are_renamed_not_merged(tmp_path):
    path = tmp_path / "twins.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine, "0002")
    engine.dispose()
    with sqlite3.connect(path) as raw:
        for name in ("Economy", "economy", "Economy", "Economy (2)"):
            raw.execute("INSERT INTO tags (name, parent_id, color, description, sort_order) "
                        "VALUES (?, NULL, '#4e79a7', '', 1)", (name,))
    with Library.open(path) as lib:
        names = sorted(t.name for t in lib.tags.list())
    assert names == ["Economy", "Economy (2)", "Economy (4)", "economy (3)"]


def test_the_top_level_index_is_in_the_schema_as_the_model_declares(library):
    """The models-and-migrations check cannot compare expression indexes on SQLite; this does."""
    with library.store.read() as s:
        sql = s.execute(text("SELECT sql FROM sqlite_master WHERE name = 'uq_tags_top_level_name'")).scalar()
    assert " ".join(sql.split()) == "CREATE UNIQUE INDEX uq_tags_top_level_name ON tags (lower(name)) WHERE parent_id IS NULL"
