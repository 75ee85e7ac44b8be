"""Run Alembic from code, on the app's own connection, each upgrade as one transaction."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, cast

from db.library_file import APPLICATION_ID
from db.paths import LibraryOpenError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection, Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# The newest migration's revision, so that opening an up-to-date library needs neither Alembic
# nor its migration scripts (about a tenth of a second of every start). tests/db/test_migrations.py
# fails when a new migration is added without moving this along.
HEAD = "0009_polish_sort_indexes"


def alembic_config(engine: Engine | None = None) -> Config:
    """Alembic's settings. The database goes in as an object, never as a URL string: Alembic's
    Config is a ConfigParser, whose interpolation breaks on a '%' in a file name."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str | None:
    """The head as the migration scripts say (slow: reads them all); HEAD is its cached copy."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return _revision(conn)


def _revision(conn: Connection) -> str | None:
    from sqlalchemy import inspect, text  # here: an up-to-date library opens without SQLAlchemy (HEAD)

    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def check_known(revision: str) -> None:
    """A revision none of our migrations knows was written by a newer ClaimDesk."""
    from alembic.script import ScriptDirectory
    from alembic.script.revision import RevisionError
    from alembic.util import CommandError

    try:
        known = ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except (RevisionError, CommandError):
        known = False
    if not known:
        raise LibraryOpenError(f"this library was made by a newer ClaimDesk (revision {revision}); "
                               "update ClaimDesk to open it")


def upgrade_to_head(engine: Engine, before_migrating: Callable[[str], None] | None = None,
                    mark: bool = False, leftovers: tuple[str, ...] = ()) -> str | None:
    """Create a new library or bring an old one up to date, in one transaction.

    Returns the revision the library had (None: it was created now). before_migrating(revision)
    runs before an existing library is changed (the backup); mark=True also writes ClaimDesk's
    application id (a library of an earlier release, which had none); leftovers are the empty
    tables of an earlier release's unfinished first start, dropped before the library is made.
    """
    found = current_revision(engine)
    if found == HEAD and not mark:
        return found
    if found is not None and found != HEAD:
        check_known(found)
        if before_migrating is not None:
            before_migrating(found)
    return migrate(engine, "head", leftovers)


def migrate(engine: Engine, target: str, leftovers: tuple[str, ...] = ()) -> str | None:
    """Upgrade to target in one transaction; returns the revision found inside it."""
    from alembic import command

    cfg = alembic_config()
    with migration_transaction(engine) as conn:
        found = _revision(conn)  # read under the lock: another process may have just done the work
        if found is None:
            for table in leftovers:  # a virtual table takes its shadow tables with it
                conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{table}"')
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    return found


@contextmanager
def migration_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction around schema changes, so a crash or error leaves the old schema whole.

    PostgreSQL has transactional DDL as is. Python's sqlite3 (in its legacy mode, which the
    app keeps for its own sessions) opens a transaction only before INSERT/UPDATE/DELETE, so
    CREATE/DROP would each commit on their own: here the driver is put in autocommit mode and
    the transaction is begun by hand (BEGIN IMMEDIATE: the write lock up front, so two first
    starts queue instead of both creating tables).
    """
    if engine.dialect.name != "sqlite":
        with engine.begin() as conn:
            yield conn
        return
    with engine.connect() as conn:
        # SQLite here (checked above), so the driver connection is sqlite3's.
        dbapi = cast("sqlite3.Connection", conn.connection.driver_connection)
        legacy = dbapi.isolation_level
        dbapi.isolation_level = None
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.rollback()
                raise
            conn.commit()
        finally:
            dbapi.isolation_level = legacy
