"""initial schema: accounts, devices, sessions, keys, ops log, records

Revision ID: 0001
Revises:
Create Date: 2026-11-26 12:26:45.651030
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.models

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "office_keys",
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", server.models.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("kind", name=op.f("pk_office_keys")),
    )
    op.create_table(
        "ops",
        sa.Column("seq", server.models.SeqType, autoincrement=True, nullable=False),
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("op_hash", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("changes", server.models.JsonType, nullable=True),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("hlc", sa.String(length=80), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=True),
        sa.Column("pushed_by", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("received_at", server.models.UtcDateTime(), nullable=False),
        sa.Column("plan_id", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_ops")),
        sa.UniqueConstraint("op_id", name=op.f("uq_ops_op_id")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("ops", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ops_entity_id"), ["entity_id"], unique=False)
        batch_op.create_index("ix_ops_status_seq", ["status", "seq"], unique=False)

    op.create_table(
        "records",
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("data", server.models.JsonType, nullable=False),
        sa.Column("field_hlcs", server.models.JsonType, nullable=False),
        sa.Column("last_hlc", sa.String(length=80), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("plan_id", sa.String(length=36), nullable=True),
        sa.Column("parent_id", sa.String(length=36), nullable=True),
        sa.Column("office_id", sa.String(length=36), nullable=True),
        sa.Column("state", sa.String(length=32), nullable=True),
        sa.Column("natural_key", sa.String(length=200), nullable=True),
        sa.Column("created_at", server.models.UtcDateTime(), nullable=False),
        sa.Column("updated_at", server.models.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "id", name=op.f("pk_records")),
        sa.UniqueConstraint("entity", "natural_key", name=op.f("uq_records_entity_natural_key")),
    )
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_records_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_records_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "sync_lock",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pushes", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_lock")),
    )
    op.bulk_insert(
        sa.table("sync_lock", sa.column("id", sa.Integer()), sa.column("pushes", sa.BigInteger())),
        [{"id": 1, "pushes": 0}],
    )
    op.create_table(
        "users",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=100), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("office_id", sa.String(length=36), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=True),
        sa.Column("public_key_updated_at", server.models.UtcDateTime(), nullable=True),
        sa.Column("created_at", server.models.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_users_office_id"), ["office_id"], unique=False)

    op.create_table(
        "devices",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("registered_by", sa.String(length=36), nullable=False),
        sa.Column("registered_at", server.models.UtcDateTime(), nullable=False),
        sa.Column("last_seen_at", server.models.UtcDateTime(), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["registered_by"], ["users.id"], name=op.f("fk_devices_registered_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_devices")),
    )
    op.create_table(
        "user_roles",
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_roles_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "role", name=op.f("pk_user_roles")),
    )
    op.create_table(
        "auth_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", server.models.UtcDateTime(), nullable=False),
        sa.Column("expires_at", server.models.UtcDateTime(), nullable=False),
        sa.Column("revoked_at", server.models.UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_auth_sessions_device_id_devices")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_auth_sessions_user_id_users")
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_auth_sessions")),
    )
    with op.batch_alter_table("auth_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auth_sessions_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("auth_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auth_sessions_user_id"))

    op.drop_table("auth_sessions")
    op.drop_table("user_roles")
    op.drop_table("devices")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_office_id"))

    op.drop_table("users")
    op.drop_table("sync_lock")
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_records_plan_id"))
        batch_op.drop_index(batch_op.f("ix_records_parent_id"))

    op.drop_table("records")
    with op.batch_alter_table("ops", schema=None) as batch_op:
        batch_op.drop_index("ix_ops_status_seq")
        batch_op.drop_index(batch_op.f("ix_ops_entity_id"))

    op.drop_table("ops")
    op.drop_table("office_keys")
