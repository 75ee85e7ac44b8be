"""Get-or-create without a race: INSERT … ON CONFLICT DO NOTHING, then read what is there.

A plain "select, then insert if missing" lets two clients both miss and both insert: one
then fails on the unique index (PostgreSQL) or, where no index holds, a twin is stored.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from db.models import Base


def insert_if_absent(session: Session, table: type[Base], values: dict[str, Any]) -> None:
    """Insert the row unless a unique constraint or index already holds one like it."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        session.execute(postgresql.insert(table).values(**values).on_conflict_do_nothing())
    elif dialect == "sqlite":
        from sqlalchemy.dialects import sqlite

        session.execute(sqlite.insert(table).values(**values).on_conflict_do_nothing())
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise NotImplementedError(dialect)
