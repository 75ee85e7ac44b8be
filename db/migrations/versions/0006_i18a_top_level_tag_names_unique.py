"""top-level tag names unique

Two clients creating the same top-level tag at once made it twice: the unique constraint on
(parent_id, name) never holds when parent_id is NULL. A partial index on lower(name) for
top-level tags does. Libraries that already hold such twins keep both: the later ones are
renamed "Name (2)", "Name (3)" (nothing a person tagged is merged away unasked).

Revision ID: 0006_i18a
Revises: 0005_i14
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_i18a'
down_revision = '0005_i14'
branch_labels = None
depends_on = None

TOP_LEVEL = sa.text("parent_id IS NULL")


def upgrade() -> None:
    _rename_twins()
    op.create_index('uq_tags_top_level_name', 'tags', [sa.text('lower(name)')], unique=True,
                    sqlite_where=TOP_LEVEL, postgresql_where=TOP_LEVEL)


def downgrade() -> None:
    op.drop_index('uq_tags_top_level_name', table_name='tags')


def _rename_twins() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, name FROM tags WHERE parent_id IS NULL ORDER BY id")).all()
    taken = {name.lower() for _id, name in rows}
    seen: set[str] = set()
    for tag_id, name in rows:
        if name.lower() not in seen:
            seen.add(name.lower())
            continue
        n = 2
        while f"{name[:190]} ({n})".lower() in taken:
            n += 1
        new = f"{name[:190]} ({n})"
        taken.add(new.lower())
        conn.execute(sa.text("UPDATE tags SET name = :name WHERE id = :id"), {"name": new, "id": tag_id})
