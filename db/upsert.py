"""Get-or-create without a race: INSERT … ON CONFLICT DO NOTHING, then read what is there.

A plain "select, then insert if missing" lets two clients both miss and both insert: one
then fails on the unique index (PostgreSQL) or, where no index holds, a twin is stored.
"""
from __future__ import annotations

from sqlalchemy import Table
from sqlalchemy.orm import Session


def insert_if_absent(session: Session, table: Table, values: dict) -> None:
    """Insert the row unless a unique constraint or index already holds one like it."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise NotImplementedError(dialect)
    session.execute(insert(table).values(**values).on_conflict_do_nothing())
