"""sync state: pull cursors, the server's copy of synced records, push answers

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 13:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import desktop.store.models

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("server_url", sa.Text(), nullable=False),
        sa.Column("cursor", sa.Integer(), nullable=False),
        sa.Column("last_sync_at", desktop.store.models.UtcDateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "user_id", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "sync_records",
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("field_seqs", sa.JSON(), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("updated_at", desktop.store.models.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "entity_id", name=op.f("pk_sync_records")),
    )
    op.create_table(
        "sync_answers",
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("answered_at", desktop.store.models.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["op_id"], ["outbox.op_id"], name=op.f("fk_sync_answers_op_id_outbox")
        ),
        sa.PrimaryKeyConstraint("op_id", name=op.f("pk_sync_answers")),
    )
    with op.batch_alter_table("sync_answers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_answers_seq"), ["seq"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sync_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_answers_seq"))
    op.drop_table("sync_answers")
    op.drop_table("sync_records")
    op.drop_table("sync_state")
