"""Alembic environment: always runs on a connection (or engine) handed in by db.migrate."""
from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from db.fts import include_object
from db.models import Base


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        include_object=include_object,
        compare_type=True,
        # Alembic assumes SQLite cannot roll back DDL; it can, and db.migrate holds one
        # transaction around the whole upgrade.
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    with context.config.attributes["engine"].begin() as conn:
        run_migrations(conn)
