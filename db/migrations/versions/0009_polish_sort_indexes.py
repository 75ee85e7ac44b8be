"""the article list's text sorts: case ignored, indexed

Sorting the list by title, outlet or author compared the raw text ("apple" after "Zebra"), and sorted
the whole library for the first page (100,000 articles). The list now sorts on lower(correction, else
imported value, else ''), compared by code point on both databases (db/sort_text.py), and these indexes
hold that expression with the id that breaks ties. Nothing is changed in any row.

Revision ID: 0009_polish_sort_indexes
Revises: 0008_i19_list_sort
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa


revision = '0009_polish_sort_indexes'
down_revision = '0008_i19_list_sort'
branch_labels = None
depends_on = None

COLUMNS = ('title', 'outlet', 'author')


def _folded(column: str) -> str:
    """As db/sort_text.py writes it (written out here: a migration does not change with the code)."""
    text = f"coalesce({column}_user, {column}, '')"
    if op.get_bind().dialect.name == 'postgresql':
        return f'lower(({text}) COLLATE "C")'
    return f'lower({text})'


def upgrade() -> None:
    for column in COLUMNS:
        op.create_index(f'ix_articles_{column}_sort', 'articles', [sa.text(_folded(column)), 'id'])


def downgrade() -> None:
    for column in COLUMNS:
        op.drop_index(f'ix_articles_{column}_sort', table_name='articles')
