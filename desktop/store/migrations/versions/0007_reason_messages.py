"""the template and values of a refused op's reason and of the last sync
error, to show them in the UI's language: outbox.reason_message,
sync_state.last_error_message

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 22:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("reason_message", sa.JSON(), nullable=True))
    with op.batch_alter_table("sync_state") as batch:
        batch.add_column(sa.Column("last_error_message", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.drop_column("last_error_message")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("reason_message")
