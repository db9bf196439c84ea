"""where a user's first sync stands while it takes the server's records page
by page (desktop.sync.initial): sync_state.snapshot_cursor, snapshot_after

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 20:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.add_column(sa.Column("snapshot_cursor", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("snapshot_after", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.drop_column("snapshot_after")
        batch.drop_column("snapshot_cursor")
