"""document-number blocks from the central server (number_blocks)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 14:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import desktop.store.models

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "number_blocks",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("server_url", sa.Text(), nullable=False),
        sa.Column("request_id", sa.String(length=36), nullable=False),
        sa.Column("prefix", sa.String(length=32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("first_serial", sa.Integer(), nullable=False),
        sa.Column("last_serial", sa.Integer(), nullable=False),
        sa.Column("received_at", desktop.store.models.UtcDateTime(), nullable=False),
        sa.Column("returned_from", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_number_blocks")),
    )
    with op.batch_alter_table("number_blocks", schema=None) as batch_op:
        batch_op.create_index(
            "ix_number_blocks_series", ["server_url", "prefix", "year"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("number_blocks", schema=None) as batch_op:
        batch_op.drop_index("ix_number_blocks_series")
    op.drop_table("number_blocks")
