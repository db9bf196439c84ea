"""The laptop's records (SQLAlchemy 2.0), one class per thing in ``shared/domain.md``.

Conventions, held everywhere (DB column = API field = UI label key):

* keys are UUIDv7 text (:func:`desktop.store.ids.new_id`);
* synced records carry ``version`` (bumped on every change; the sync op's
  ``base_version``) and ``updated_at``;
* timestamps are UTC (:class:`UtcDateTime`), dates are plain dates;
* lists of identifiers (measures, grounds, ...) are JSON arrays;
* a complainant's identity exists here only as ciphertext
  (``complaints.sealed_identity``) and blind indexes; no plaintext column.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from desktop.store.ids import new_id

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A timestamp stored as naive UTC and read back as aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: use an aware UTC timestamp")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def key() -> Mapped[str]:
    return mapped_column(String(36), primary_key=True, default=new_id)


def ref(target: str, nullable: bool = False, index: bool = True) -> Mapped[Any]:
    return mapped_column(String(36), ForeignKey(target), nullable=nullable, index=index)


class Synced:
    """Columns every synchronised record has."""

    version: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow, nullable=False)


# ------------------------------------------------------------------ settings


class Setting(Base):
    """A local setting (设置): device id, idle lock minutes, profile, server address."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


class KeyMaterial(Base, Synced):
    """Office key material (密钥): the recovery public key and the blind-index key
    sealed for each complaint handler and the recovery key. Never a private key
    in clear."""

    __tablename__ = "key_material"
    id: Mapped[str] = key()
    kind: Mapped[str] = mapped_column(String(32), nullable=False, unique=True)
    data: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)


# ---------------------------------------------------------- agencies, people


class Agency(Base, Synced):
    """An agency or unit (机关/单位), or an efficiency office (效能办), in a tree (FJ 5)."""

    __tablename__ = "agencies"
    id: Mapped[str] = key()
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)  # agency | office
    level: Mapped[int] = mapped_column(Integer, nullable=False)  # 1 province … 4 township
    parent_id: Mapped[str | None] = ref("agencies.id", nullable=True)
    office_id: Mapped[str | None] = ref("agencies.id", nullable=True)  # same-level 效能办
    profile_id: Mapped[str] = mapped_column(String(64), nullable=False)
    staff_count: Mapped[int] = mapped_column(Integer, default=0, nullable=False)


class Official(Base, Synced):
    """A public servant (机关工作人员) who may be the subject of a decision."""

    __tablename__ = "officials"
    id: Mapped[str] = key()
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    agency_id: Mapped[str] = ref("agencies.id")
    position: Mapped[str] = mapped_column(String(100), default="", nullable=False)
    is_head: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    is_office_staff: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)


class User(Base, Synced):
    """A person who signs in (用户). A complaint handler also has an X25519
    keypair; the private key is stored sealed with their password."""

    __tablename__ = "users"
    id: Mapped[str] = key()
    username: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    display_name: Mapped[str] = mapped_column(String(100), nullable=False)
    password_hash: Mapped[str] = mapped_column(String(200), nullable=False)
    office_id: Mapped[str | None] = ref("agencies.id", nullable=True)
    public_key: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    sealed_private_key: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    roles: Mapped[list[UserRole]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="UserRole.role"
    )

    @property
    def role_names(self) -> frozenset[str]:
        return frozenset(r.role for r in self.roles)


class UserRole(Base):
    """One role a user holds (角色)."""

    __tablename__ = "user_roles"
    user_id: Mapped[str] = mapped_column(String(36), ForeignKey("users.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(32), primary_key=True)


# ------------------------------------------------------------- inspections


class InspectionPlan(Base, Synced):
    """An inspection plan (督查方案, FJ 26) with its team and approvals."""

    __tablename__ = "inspection_plans"
    id: Mapped[str] = key()
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    profile_id: Mapped[str] = mapped_column(String(64), nullable=False)
    office_id: Mapped[str] = ref("agencies.id")
    subject_agency_id: Mapped[str] = ref("agencies.id")
    scope: Mapped[str] = mapped_column(Text, default="", nullable=False)
    method: Mapped[str] = mapped_column(Text, default="", nullable=False)
    starts_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    ends_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    major: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    requested_by_agency: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    special_item: Mapped[int | None] = mapped_column(Integer, nullable=True)
    government_approval_ref: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    state: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    author_id: Mapped[str] = ref("users.id")
    return_reason: Mapped[str] = mapped_column(Text, default="", nullable=False)
    report: Mapped[str] = mapped_column(Text, default="", nullable=False)
    team: Mapped[list[PlanMember]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="PlanMember.position"
    )
    approvals: Mapped[list[PlanApproval]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="PlanApproval.decided_at"
    )

    @property
    def team_ids(self) -> tuple[str, ...]:
        return tuple(m.user_id for m in self.team)


class PlanMember(Base):
    """An inspector on a plan's team (督查组成员)."""

    __tablename__ = "plan_members"
    plan_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("inspection_plans.id"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(String(36), ForeignKey("users.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0, nullable=False)


class PlanApproval(Base):
    """One approval step (审批): first (supervisor) or second (office head)."""

    __tablename__ = "plan_approvals"
    id: Mapped[str] = key()
    plan_id: Mapped[str] = ref("inspection_plans.id")
    step: Mapped[str] = mapped_column(String(16), nullable=False)  # first | second
    approver_id: Mapped[str] = ref("users.id")
    outcome: Mapped[str] = mapped_column(String(16), nullable=False)  # approved | returned
    reason: Mapped[str] = mapped_column(Text, default="", nullable=False)
    decided_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)


class Visit(Base, Synced):
    """A visit (检查/调查/暗访记录): who was there and what was found (MAS 14, 15)."""

    __tablename__ = "visits"
    id: Mapped[str] = key()
    plan_id: Mapped[str] = ref("inspection_plans.id")
    visited_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    place: Mapped[str] = mapped_column(String(200), nullable=False)
    announced: Mapped[bool] = mapped_column(Boolean, nullable=False)
    identity_shown: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    observations: Mapped[str] = mapped_column(Text, default="", nullable=False)
    documents_requested: Mapped[str] = mapped_column(Text, default="", nullable=False)
    documents_copied: Mapped[str] = mapped_column(Text, default="", nullable=False)
    explanations_demanded: Mapped[str] = mapped_column(Text, default="", nullable=False)
    interviews: Mapped[str] = mapped_column(Text, default="", nullable=False)
    state: Mapped[str] = mapped_column(String(16), nullable=False)  # open | finalised
    presence: Mapped[list[VisitPresence]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="VisitPresence.confirmed_at"
    )
    evidence: Mapped[list[Evidence]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="Evidence.added_at"
    )


class VisitPresence(Base):
    """An inspector's confirmation of presence (到场确认), with their own password."""

    __tablename__ = "visit_presence"
    visit_id: Mapped[str] = mapped_column(String(36), ForeignKey("visits.id"), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(36), ForeignKey("users.id"), primary_key=True)
    stage: Mapped[str] = mapped_column(String(16), primary_key=True)  # open | finalise
    confirmed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)


class Evidence(Base):
    """A piece of evidence (证据): photo, scan or audio, stored beside the DB by hash."""

    __tablename__ = "evidence"
    id: Mapped[str] = key()
    visit_id: Mapped[str] = ref("visits.id")
    kind: Mapped[str] = mapped_column(String(16), nullable=False)  # photo | scan | audio | other
    filename: Mapped[str] = mapped_column(String(255), nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    added_by: Mapped[str] = ref("users.id")
    added_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)


# --------------------------------------------------------------- complaints


class Complaint(Base, Synced):
    """A complaint (效能投诉, FJ 30–34, MAS 15–16). The complainant's identity is
    only ciphertext plus keyed blind indexes for finding repeat complainants."""

    __tablename__ = "complaints"
    id: Mapped[str] = key()
    profile_id: Mapped[str] = mapped_column(String(64), nullable=False)
    office_id: Mapped[str] = ref("agencies.id")
    channel: Mapped[str] = mapped_column(String(32), nullable=False)
    received_on: Mapped[dt.date] = mapped_column(Date, nullable=False, index=True)
    anonymous: Mapped[bool] = mapped_column(Boolean, nullable=False)
    sealed_identity: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    id_number_index: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    phone_index: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    subject_agency_id: Mapped[str] = ref("agencies.id")
    subject_official_id: Mapped[str | None] = ref("officials.id", nullable=True)
    matter: Mapped[str] = mapped_column(Text, nullable=False)
    urgent_criteria: Mapped[list[str]] = mapped_column(JSON, default=list, nullable=False)
    registered_by: Mapped[str] = ref("users.id")
    state: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    due_on: Mapped[dt.date] = mapped_column(Date, nullable=False, index=True)
    mode: Mapped[str | None] = mapped_column(String(16), nullable=True)
    handler_agency_id: Mapped[str | None] = ref("agencies.id", nullable=True)
    transfer_limit: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    transfer_requirements: Mapped[str] = mapped_column(Text, default="", nullable=False)
    extensions: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    extension_reason: Mapped[str] = mapped_column(Text, default="", nullable=False)
    result: Mapped[str | None] = mapped_column(String(16), nullable=True)
    explanation: Mapped[str] = mapped_column(Text, default="", nullable=False)
    follow_up: Mapped[list[str]] = mapped_column(JSON, default=list, nullable=False)
    reply_channel: Mapped[str | None] = mapped_column(String(32), nullable=True)
    reply: Mapped[str] = mapped_column(Text, default="", nullable=False)
    closed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class Rectification(Base, Synced):
    """A rectification requirement or supervision suggestion (整改要求 / 督查建议
    FJ 28, 监察建议 MAS 22) with its deadline and follow-up."""

    __tablename__ = "rectifications"
    id: Mapped[str] = key()
    kind: Mapped[str] = mapped_column(String(16), nullable=False)  # requirement | suggestion
    agency_id: Mapped[str] = ref("agencies.id")
    plan_id: Mapped[str | None] = ref("inspection_plans.id", nullable=True)
    complaint_id: Mapped[str | None] = ref("complaints.id", nullable=True)
    decision_id: Mapped[str | None] = ref("decisions.id", nullable=True)
    content: Mapped[str] = mapped_column(Text, nullable=False)
    issued_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    due_on: Mapped[dt.date] = mapped_column(Date, nullable=False, index=True)
    state: Mapped[str] = mapped_column(String(16), nullable=False)  # open | done | rejected
    follow_up: Mapped[str] = mapped_column(Text, default="", nullable=False)


# ----------------------------------------------------------- accountability


class Decision(Base, Synced):
    """An accountability decision (效能问责决定 FJ 35–40 / 效能责任追究 MAS 17–22)."""

    __tablename__ = "decisions"
    id: Mapped[str] = key()
    profile_id: Mapped[str] = mapped_column(String(64), nullable=False)
    decider_id: Mapped[str] = ref("agencies.id")  # the body that decides
    subject_kind: Mapped[str] = mapped_column(String(16), nullable=False)  # agency | official
    subject_agency_id: Mapped[str] = ref("agencies.id")
    subject_official_id: Mapped[str | None] = ref("officials.id", nullable=True)
    complaint_id: Mapped[str | None] = ref("complaints.id", nullable=True)
    plan_id: Mapped[str | None] = ref("inspection_plans.id", nullable=True)
    ground_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    measure_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    baseline_measure_ids: Mapped[list[str]] = mapped_column(JSON, default=list, nullable=False)
    mitigation_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    mitigation_outcome: Mapped[str | None] = mapped_column(String(16), nullable=True)
    conditions_met: Mapped[list[str]] = mapped_column(JSON, default=list, nullable=False)
    facts: Mapped[str] = mapped_column(Text, default="", nullable=False)
    issued_by_higher_office: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    state: Mapped[str] = mapped_column(String(16), nullable=False)  # draft | signed
    decided_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    received_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    document_number: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    signed_by: Mapped[str | None] = ref("users.id", nullable=True)
    published: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    author_id: Mapped[str] = ref("users.id")


class Appeal(Base, Synced):
    """An appeal (申诉 FJ 41 / 复核 MAS 24) against a decision."""

    __tablename__ = "appeals"
    id: Mapped[str] = key()
    decision_id: Mapped[str] = ref("decisions.id")
    body_id: Mapped[str] = ref("agencies.id")  # where it was lodged
    received_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    written: Mapped[bool] = mapped_column(Boolean, nullable=False)
    grounds: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    statement: Mapped[str] = mapped_column(Text, default="", nullable=False)
    state: Mapped[str] = mapped_column(String(16), nullable=False)  # received | decided
    decided_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    outcome: Mapped[str | None] = mapped_column(String(16), nullable=True)
    outcome_measure_ids: Mapped[list[str]] = mapped_column(JSON, default=list, nullable=False)
    reasons: Mapped[str] = mapped_column(Text, default="", nullable=False)
    registered_by: Mapped[str] = ref("users.id")


class PerformanceRating(Base, Synced):
    """An agency's annual performance rating (绩效考评, FJ 18): 优秀/良好/一般/差."""

    __tablename__ = "performance_ratings"
    __table_args__ = (UniqueConstraint("agency_id", "year"),)
    id: Mapped[str] = key()
    agency_id: Mapped[str] = ref("agencies.id")
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    rating: Mapped[str] = mapped_column(String(8), nullable=False)


# ---------------------------------------------------------------- documents


class DocumentCounter(Base):
    """The last serial given for one document number prefix in one year
    (发文字号计数器), incremented in the sign-off's transaction so that numbers
    have no gaps and no duplicates within this database. Local: not synced."""

    __tablename__ = "document_counters"
    prefix: Mapped[str] = mapped_column(String(32), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, nullable=False)


class NumberBlock(Base):
    """A block of document-number serials the central server reserved for this
    laptop (文号段): serials ``first_serial``…``last_serial`` of ``prefix`` in
    ``year``, used in order at sign-off while a server is set
    (:mod:`desktop.documents.numbers`). ``returned_from``: serials from there
    on were given back to the server unused. Local: not synced."""

    __tablename__ = "number_blocks"
    __table_args__ = (Index("ix_number_blocks_series", "server_url", "prefix", "year"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the server's block id
    server_url: Mapped[str] = mapped_column(Text, nullable=False)
    request_id: Mapped[str] = mapped_column(String(36), nullable=False)
    prefix: Mapped[str] = mapped_column(String(32), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    first_serial: Mapped[int] = mapped_column(Integer, nullable=False)
    last_serial: Mapped[int] = mapped_column(Integer, nullable=False)
    received_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    returned_from: Mapped[int | None] = mapped_column(Integer, nullable=True)


class IssuedDocument(Base, Synced):
    """A document number given at sign-off (已编号文书): which document of which
    record, its prefix, year and serial, who signed it off and when. One number
    per document (``kind``, ``record_id``), one document per number."""

    __tablename__ = "issued_documents"
    __table_args__ = (
        UniqueConstraint("kind", "record_id"),
        UniqueConstraint("prefix", "year", "serial"),
    )
    id: Mapped[str] = key()
    kind: Mapped[str] = mapped_column(String(64), nullable=False)
    record_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    prefix: Mapped[str] = mapped_column(String(32), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    serial: Mapped[int] = mapped_column(Integer, nullable=False)
    number: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    signed_by: Mapped[str] = ref("users.id")
    signed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)


# ------------------------------------------------------------ audit, outbox


class AuditEntry(Base):
    """One line of the audit trail (审计记录): append-only and hash-chained per device."""

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), nullable=False, unique=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    device_id: Mapped[str] = mapped_column(String(36), nullable=False)
    user_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    action: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    entity: Mapped[str] = mapped_column(String(32), nullable=False)
    entity_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    prev_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)


class OutboxOp(Base):
    """An operation waiting to be pushed to the server (同步待发送操作).
    ``reason_message``: the template and values of ``reason`` where it was made
    with ``msg()`` (``desktop.sync.protocol.message_json``), to show it translated."""

    __tablename__ = "outbox"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(String(36), nullable=False, unique=True)
    entity: Mapped[str] = mapped_column(String(32), nullable=False)
    entity_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    action: Mapped[str] = mapped_column(String(64), nullable=False)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    base_version: Mapped[int] = mapped_column(Integer, nullable=False)
    hlc: Mapped[str] = mapped_column(String(40), nullable=False)
    device_id: Mapped[str] = mapped_column(String(36), nullable=False)
    user_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    pushed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="pending", nullable=False)
    reason: Mapped[str] = mapped_column(Text, default="", nullable=False)
    reason_message: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


# --------------------------------------------------------------------- sync


class SyncState(Base):
    """Where one user's pull from the central server stands on this laptop
    (同步状态): the cursor (the server's sequence number last seen), the server
    it counts on, and when the last sync finished. While the user's first
    sync takes the server's records page by page (``desktop.sync.initial``),
    ``snapshot_cursor`` holds the cursor to pull from once it is done and
    ``snapshot_after`` the last record taken, so a cut resumes there.
    ``last_error_message``: the template and values of ``last_error``, as
    :attr:`OutboxOp.reason_message` keeps a reason's."""

    __tablename__ = "sync_state"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    server_url: Mapped[str] = mapped_column(Text, default="", nullable=False)
    cursor: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    snapshot_cursor: Mapped[int | None] = mapped_column(Integer, nullable=True)
    snapshot_after: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_sync_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="", nullable=False)
    last_error_message: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class SyncRecord(Base):
    """The server's state of one synced record as this laptop last pulled it
    (服务器记录副本): the fields in the server's form, the server's version, and
    for each field the sequence number of the op that last set it. Conflicts
    show it as "what the server has"; a refused local change is undone from it.
    ``problem`` says why the record could not be written to its table yet
    (e.g. a user this laptop does not know); it is tried again later."""

    __tablename__ = "sync_records"
    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    field_seqs: Mapped[dict[str, int]] = mapped_column(JSON, nullable=False)
    problem: Mapped[str] = mapped_column(Text, default="", nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)


class SyncAnswer(Base):
    """The server's answer to one pushed outbox op (服务器答复): status, the
    stable code and reason, and for an accepted op its global sequence number
    and the record's version on the server after it."""

    __tablename__ = "sync_answers"
    op_id: Mapped[str] = mapped_column(String(36), ForeignKey("outbox.op_id"), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    code: Mapped[str] = mapped_column(String(64), default="", nullable=False)
    reason: Mapped[str] = mapped_column(Text, default="", nullable=False)
    seq: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    answered_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
