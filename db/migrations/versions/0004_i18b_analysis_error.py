"""articles record why their analysis failed

An article the analyser cannot finish keeps the reason beside its analyser version, so the
list can show it and it is not tried again at every start (issue 18).

Revision ID: 0004_i18b
Revises: 0003_i15
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_i18b'
down_revision = '0003_i15'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: SQLite does it in place, so the table (and its body trigger) is not rebuilt.
    op.add_column('articles', sa.Column('analysis_error', sa.Text(), nullable=True))


def downgrade() -> None:
    # In place too (SQLite 3.35+): a batch rebuild would drop the table's triggers.
    op.drop_column('articles', 'analysis_error')
