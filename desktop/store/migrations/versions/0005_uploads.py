"""what this laptop has uploaded to (or fetched from) the central server:
the audit trail's last entry and the evidence files (desktop.sync.uploads)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import desktop.store.models

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_uploads",
        sa.Column("server_url", sa.Text(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("server_url", name=op.f("pk_audit_uploads")),
    )
    op.create_table(
        "evidence_uploads",
        sa.Column("server_url", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("at", desktop.store.models.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("server_url", "sha256", name=op.f("pk_evidence_uploads")),
    )


def downgrade() -> None:
    op.drop_table("evidence_uploads")
    op.drop_table("audit_uploads")
