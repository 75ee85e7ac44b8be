"""index entity mentions by entity and article

The "most named" chart and the library-wide entity list count, per entity, the articles
that name it; with (entity_id, article_id) that is read from the index alone. The old
single-column index on entity_id is its prefix, so it goes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('entity_mentions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entity_mentions_entity_id'))
        batch_op.create_index('ix_entity_mentions_entity_article', ['entity_id', 'article_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('entity_mentions', schema=None) as batch_op:
        batch_op.drop_index('ix_entity_mentions_entity_article')
        batch_op.create_index(batch_op.f('ix_entity_mentions_entity_id'), ['entity_id'], unique=False)
