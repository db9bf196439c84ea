"""a logged op's reason with its template and values (ops.message), so a
duplicate push gets the same translatable answer

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 23:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.models

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ops") as batch:
        batch.add_column(sa.Column("message", server.models.JsonType, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ops") as batch:
        batch.drop_column("message")
