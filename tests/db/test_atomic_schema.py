"""Creating a library and every migration are one transaction: a failure or a kill half way
leaves the library as it was (empty, or at its old revision), and it opens."""
from __future__ import annotations

import sqlite3

import pytest
from alembic.ddl.impl import DefaultImpl

from db.engine import make_engine
from db.migrate import HEAD, current_revision, migrate
from desktop.services import Library
from tests.helpers import add_article


def _library_at(path, revision: str) -> None:
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine, revision)
    engine.dispose()


def _downgrade(path, revision: str) -> None:
    """Back to an old revision through every later migration's downgrade; the work stays."""
    from alembic import command

    from db.migrate import alembic_config, migration_transaction

    engine = make_engine(f"sqlite:///{path}")
    cfg = alembic_config()
    with migration_transaction(engine) as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
    engine.dispose()


def _indexes(path) -> set[str]:
    with sqlite3.connect(path) as raw:
        return {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def _tables(path) -> set[str]:
    with sqlite3.connect(path) as raw:
        return {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_a_migration_that_fails_half_way_leaves_the_old_revision_whole(tmp_path, monkeypatch):
    """0002 drops an index and then creates one: a failure in between used to lose the first."""
    path = tmp_path / "old.sqlite"
    _library_at(path, "0001")
    with Library.open(path, annotator="tester") as lib:  # upgrades; then back to 0001
        aid = add_article(lib, "The port authority said ferry fares would rise by a fifth in June.")
        claim = lib.claims.create(aid, 4, 18, [], note="check the tariff sheet").id
    _downgrade(path, "0001")

    def disk_full(*_a, **_k):
        raise sqlite3.OperationalError("database or disk is full")
    with monkeypatch.context() as m:
        m.setattr(DefaultImpl, "create_index", disk_full)
        with pytest.raises(Exception, match="disk is full"):
            Library.open(path)
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    assert "ix_entity_mentions_entity_id" in _indexes(path)  # the dropped index came back with the rollback

    with Library.open(path) as lib:  # and the next start upgrades it
        assert current_revision(lib.engine) == HEAD
        assert lib.claims.get(claim).note == "check the tariff sheet"
    assert "ix_entity_mentions_entity_article" in _indexes(path)


def test_a_first_start_that_fails_half_way_leaves_an_empty_file_that_opens(tmp_path, monkeypatch):
    path = tmp_path / "new.sqlite"

    def disk_full(*_a, **_k):
        raise sqlite3.OperationalError("database or disk is full")
    with monkeypatch.context() as m:
        m.setattr(DefaultImpl, "create_index", disk_full)  # after several tables were made
        with pytest.raises(Exception, match="disk is full"):
            Library.open(path)
    assert _tables(path) == set()
    with Library.open(path) as lib:
        assert lib.created and current_revision(lib.engine) == HEAD
        assert lib.tags.list()  # the default codebook


def test_a_second_first_start_waits_for_the_first(tmp_path):
    """Two processes making the same new library: the lock is taken before any table is made."""
    path = tmp_path / "both.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    from db.migrate import migration_transaction

    with migration_transaction(engine) as conn:
        conn.exec_driver_sql("CREATE TABLE probe (x)")
        other = sqlite3.connect(path, timeout=0.2)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()
    engine.dispose()
