"""The migrations and the models must describe the same schema."""
from __future__ import annotations

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from db.engine import make_engine
from db.fts import include_object
from db.migrate import HEAD, current_revision, head_revision, upgrade_to_head
from db.models import Base


def _engine(tmp_path, name="m.sqlite"):
    return make_engine(f"sqlite:///{tmp_path / name}")


# Alembic cannot reflect SQLite's expression indexes; tests/db/test_get_or_create.py checks that one.
@pytest.mark.filterwarnings("ignore:.*expression-based index:UserWarning",
                            "ignore:.*expression-based index:sqlalchemy.exc.SAWarning")
def test_models_and_migrations_agree(tmp_path):
    """The equivalent of `alembic check`: a model change without a migration fails here."""
    engine = _engine(tmp_path)
    upgrade_to_head(engine)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": include_object, "compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_empty_database_upgrades_to_head(tmp_path):
    engine = _engine(tmp_path)
    assert current_revision(engine) is None
    upgrade_to_head(engine)
    assert current_revision(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert {"article_fts", "claim_fts"} <= tables


def test_the_cached_head_is_the_newest_migration():
    """Opening a library compares against HEAD without reading the scripts: it must be their head."""
    assert HEAD == head_revision()


def test_upgrade_is_idempotent(tmp_path):
    engine = _engine(tmp_path)
    upgrade_to_head(engine)
    upgrade_to_head(engine)
    assert current_revision(engine) == head_revision()


def test_sqlite_pragmas(tmp_path):
    engine = _engine(tmp_path)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_downgrade_removes_everything(tmp_path):
    from alembic import command

    from db.migrate import alembic_config

    engine = _engine(tmp_path)
    upgrade_to_head(engine)
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    raw = sqlite3.connect(tmp_path / "m.sqlite")
    names = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert names <= {"alembic_version"}


def test_an_older_library_upgrades_on_open_and_keeps_a_persons_work(tmp_path):
    """A library last opened by the first release (0001) gains the new index; nothing it held is lost."""
    from alembic import command

    from db.migrate import alembic_config
    from desktop.services import Library
    from tests.helpers import add_article

    path = tmp_path / "old.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    engine.dispose()
    with Library.open(path, annotator="tester") as lib:  # opening upgrades it
        aid = add_article(lib, "Minister Dalia Orsek said the harbour would reopen in May.")
        tag = lib.tags.ensure_path("Factual claim").id
        claim = lib.claims.create(aid, 0, 20, [tag], note="check the decree").id
        lib.claims.update(claim, verdict="disputed")
    engine = make_engine(f"sqlite:///{path}")  # back to 0001 through every later migration's downgrade
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    engine.dispose()
    with Library.open(path) as lib:
        assert current_revision(lib.engine) == HEAD
        again = lib.claims.get(claim)
        assert (again.text, again.note) == ("Minister Dalia Orsek", "check the decree")
        # 0005 gave the old audit entries the claim named in their detail (a tagging names none)
        assert [h.what for h in lib.history.for_claim(claim)] == ["set the verdict to disputed"]
        # Its articles' sentences are indexed on the first search for similar passages.
        assert [c.article_id for c in lib.similar.find("the harbour would reopen in May", limit=1)] == [aid]
    indexes = {r[0] for r in sqlite3.connect(path).execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "ix_entity_mentions_entity_article" in indexes and "ix_entity_mentions_entity_id" not in indexes
