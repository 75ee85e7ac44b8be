"""i14: versions against lost updates, and the audit log indexed by claim

Claims, tags and entities carry a version that every ORM update checks and bumps
(UPDATE ... WHERE version = :seen), so an edit made against a stale copy is refused
instead of silently overwriting a colleague's. The audit log names the claim each
edit touched (and a link's other end), so a claim has a history; older entries get
theirs from the JSON detail they already carry (an older tagging named no claim id).

Revision ID: 0005_i14
Revises: 0004_i18b
Create Date: 2026-12-01 06:03:32.972757
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_i14'
down_revision = '0004_i18b'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claim_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('other_claim_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_audit_log_claim_id'), ['claim_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_other_claim_id'), ['other_claim_id'], unique=False)

    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    with op.batch_alter_table('tags', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    _backfill_claim_ids()


def _backfill_claim_ids() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        field = lambda key: f"CAST(json_extract(detail, '$.{key}') AS INTEGER)"  # noqa: E731
    elif bind.dialect.name == "postgresql":
        field = lambda key: f"CAST(CAST(detail AS json) ->> '{key}' AS INTEGER)"  # noqa: E731
    else:
        return
    op.execute(f"UPDATE audit_log SET claim_id = {field('claim_id')} "
               "WHERE action LIKE 'claim.%' AND detail LIKE '%\"claim_id\"%'")
    op.execute(f"UPDATE audit_log SET claim_id = {field('from_id')}, other_claim_id = {field('to_id')} "
               "WHERE action = 'claim.link'")


def downgrade() -> None:
    with op.batch_alter_table('tags', schema=None) as batch_op:
        batch_op.drop_column('version')

    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.drop_column('version')

    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_column('version')

    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_other_claim_id'))
        batch_op.drop_index(batch_op.f('ix_audit_log_claim_id'))
        batch_op.drop_column('other_claim_id')
        batch_op.drop_column('claim_id')

