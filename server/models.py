"""The server's tables (SQLAlchemy 2.0). The schema is made by the Alembic
migrations in ``server/migrations``; keep the two in step.

* ``users``, ``user_roles``, ``devices``, ``auth_sessions``: accounts. A session
  token is never stored, only its SHA-256; passwords only as argon2id hashes.
* ``office_keys``: public keys the laptops seal identities for (the office
  recovery key). Handlers' public keys are on ``users``.
* ``ops``: the log of every operation pushed, accepted or rejected, with the
  global sequence number (``seq``) that pull cursors count. A rejected op keeps
  no ``changes`` (only a digest), so refused input never lands in the database.
* ``records``: the current state of every synced record, built by applying the
  accepted ops, plus the fields authorisation needs (``plan_id``, ``state``...).
* ``sync_lock``: one row; on SQLite every push transaction writes it first, so
  pushes run one at a time. On PostgreSQL pushes take advisory locks instead
  (``server.db.lock_for_push``) and their sequence numbers last, under a lock
  held to the commit (``server.db.take_sequence_numbers``): numbers commit in
  order, so a pull never skips an op that commits later with a smaller number.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# The timestamp type, naming convention and clock are the laptop's: one definition.
from desktop.store.models import NAMING, UtcDateTime as UtcDateTime, utcnow as utcnow

#: JSON as ``jsonb`` on PostgreSQL, JSON text on SQLite.
JsonType = JSON().with_variant(JSONB(), "postgresql")
#: A 64-bit key that autoincrements on both (SQLite only does so for INTEGER).
SeqType = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# ------------------------------------------------------------------ accounts


class User(Base):
    """A person who signs in. ``id`` is the same id the laptops use for them."""

    __tablename__ = "users"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    display_name: Mapped[str] = mapped_column(String(100), nullable=False)
    password_hash: Mapped[str] = mapped_column(String(200), nullable=False)
    office_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    public_key: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    public_key_updated_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    #: A handler's private key sealed with their password (argon2id), so each
    #: laptop they sign in on opens the same key; the server cannot open it.
    sealed_private_key: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow, nullable=False)
    roles: Mapped[list[UserRole]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="UserRole.role"
    )

    @property
    def role_names(self) -> frozenset[str]:
        return frozenset(r.role for r in self.roles)


class UserRole(Base):
    """One role a user holds (``desktop.domain.common.Role`` values)."""

    __tablename__ = "user_roles"
    user_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(32), primary_key=True)


class Device(Base):
    """A laptop, registered the first time someone signs in on it."""

    __tablename__ = "devices"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), default="", nullable=False)
    registered_by: Mapped[str] = mapped_column(String(36), ForeignKey("users.id"), nullable=False)
    registered_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    last_seen_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)


class AuthSession(Base):
    """A signed-in session: the SHA-256 of an opaque token, never the token."""

    __tablename__ = "auth_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("users.id"), nullable=False, index=True
    )
    device_id: Mapped[str] = mapped_column(String(36), ForeignKey("devices.id"), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)


class OfficeKey(Base):
    """A public key the laptops seal for besides the handlers' (``recovery``)."""

    __tablename__ = "office_keys"
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)


# ---------------------------------------------------------------------- sync


class SyncLock(Base):
    """The one row every push transaction locks first (see the module doc)."""

    __tablename__ = "sync_lock"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pushes: Mapped[int] = mapped_column(BigInteger, default=0, nullable=False)


class Op(Base):
    """One pushed operation and what the server made of it."""

    __tablename__ = "ops"
    __table_args__ = (
        Index("ix_ops_status_seq", "status", "seq"),
        {"sqlite_autoincrement": True},
    )
    seq: Mapped[int] = mapped_column(SeqType, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(String(36), nullable=False, unique=True)
    op_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    entity: Mapped[str] = mapped_column(String(32), nullable=False)
    entity_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    action: Mapped[str] = mapped_column(String(64), nullable=False)
    #: The changes as applied (after a last-writer-wins merge); NULL when rejected.
    changes: Mapped[dict[str, Any] | None] = mapped_column(JsonType, nullable=True)
    base_version: Mapped[int] = mapped_column(Integer, nullable=False)
    #: The record's version after this op (accepted ops only).
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    hlc: Mapped[str] = mapped_column(String(80), nullable=False)
    device_id: Mapped[str] = mapped_column(String(36), nullable=False)
    user_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    pushed_by: Mapped[str | None] = mapped_column(String(36), nullable=True)
    status: Mapped[str] = mapped_column(String(16), nullable=False)  # accepted | rejected
    code: Mapped[str] = mapped_column(String(64), default="", nullable=False)
    reason: Mapped[str] = mapped_column(Text, default="", nullable=False)
    #: The reason's template and values (``desktop.sync.protocol.message_json``),
    #: answered again to a duplicate push; NULL for a reason not made with ``msg()``.
    message: Mapped[dict[str, Any] | None] = mapped_column(JsonType, nullable=True)
    received_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    #: The plan an inspection_plans / visits op belongs to (for 暗访 filtering).
    plan_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class Record(Base):
    """The server's current state of one synced record."""

    __tablename__ = "records"
    __table_args__ = (UniqueConstraint("entity", "natural_key"),)
    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    data: Mapped[dict[str, Any]] = mapped_column(JsonType, nullable=False)
    #: The HLC of the last write of each field (last-writer-wins merges).
    field_hlcs: Mapped[dict[str, str]] = mapped_column(JsonType, nullable=False)
    last_hlc: Mapped[str] = mapped_column(String(80), nullable=False)
    last_seq: Mapped[int] = mapped_column(BigInteger, nullable=False)
    #: Authorisation fields, copied from ``data``: a plan's own id or a visit's plan.
    plan_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    #: An appeal's decision (other parents later).
    parent_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    office_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    state: Mapped[str | None] = mapped_column(String(32), nullable=True)
    #: A key unique within the entity besides the id: a document number, a
    #: rating's agency and year. Two laptops cannot both get one accepted.
    natural_key: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
