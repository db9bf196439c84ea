"""document-number blocks per issuer prefix and year (server.numbers)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 14:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.models

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "number_series",
        sa.Column("prefix", sa.String(length=32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_serial", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("prefix", "year", name=op.f("pk_number_series")),
    )
    op.create_table(
        "number_blocks",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("request_id", sa.String(length=36), nullable=False),
        sa.Column("prefix", sa.String(length=32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("first_serial", sa.Integer(), nullable=False),
        sa.Column("last_serial", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("issued_at", server.models.UtcDateTime(), nullable=False),
        sa.Column("returned_from", sa.Integer(), nullable=True),
        sa.Column("returned_at", server.models.UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_number_blocks_device_id_devices")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_number_blocks_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_number_blocks")),
        sa.UniqueConstraint(
            "device_id", "request_id", name=op.f("uq_number_blocks_device_id_request_id")
        ),
    )
    with op.batch_alter_table("number_blocks", schema=None) as batch_op:
        batch_op.create_index(
            "ix_number_blocks_series", ["prefix", "year", "first_serial"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("number_blocks", schema=None) as batch_op:
        batch_op.drop_index("ix_number_blocks_series")
    op.drop_table("number_blocks")
    op.drop_table("number_series")
