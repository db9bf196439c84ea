"""The laptops' audit trails on the server (审计记录上传): each device's
hash-chained trail (``desktop.store.audit``), uploaded after every sync, so a
lost laptop loses none of it and a laptop whose trail was cut short or
rewritten shows against the server's copy.

* ``GET /audit/head`` (anyone signed in): how many entries of the caller's
  device the server holds and the hash of the last one; the laptop sends the
  entries after that one.
* ``POST /audit/entries``: entries of the caller's own device, in chain order.
  The first must link (``prev_hash``) to an entry the server holds (or be the
  device's first entry); each must recompute to its ``hash``, belong to the
  device and link to the one before. Entries the server already holds at the
  same place are skipped (idempotent: a batch sent again after a cut changes
  nothing). An entry that differs from the one the server holds at its place
  (a rewritten chain), a gap or a broken link is refused whole with 409 or
  422 and a reason, and nothing of the batch is stored. The one exception is
  a restore from a backup (``backup.restore``, linked to the backup's newest
  entry): where the server holds entries made after that backup, the trail
  branches there. The restore and what follows it are stored after the
  device's newest entry (``position`` counts arrivals; ``prev_hash`` shows
  the branch) and the entries of the old branch stay, the evidence of what
  the restore lost. Details that carry a
  key naming a complainant's identity (``server.sync.spec``) are refused too.
* ``GET /audit/entries``: the trail for administrators and office heads
  (主要负责人, who answer for the office's staff), filtered by device, user,
  action and time, paged by ``after`` (the ``seq`` of the last entry read).

Entries are never changed or deleted here either: the table only grows.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Final

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from desktop.domain.common import Role, enumeration
from desktop.domain.messages import msg
from desktop.store.audit import GENESIS, RESTORE_ACTION, entry_hash
from server.accounts import Principal
from server.api import ERRORS, ROLE_ERRORS, Current, Sessions, requires
from server.errors import ApiError, forbidden
from server.models import Base, JsonType, SeqType, UtcDateTime, utcnow
from server.schemas import ID_PATTERN, INT64_MAX, NO_NUL, Id, Reason
from server.sync import spec

__all__ = ["MAX_ENTRIES_PER_UPLOAD", "READERS", "AuditRecord", "router"]

MAX_ENTRIES_PER_UPLOAD: Final = 500
MAX_PAGE: Final = 1000
#: Who may read the office's audit trail.
READERS: Final = frozenset({Role.ADMINISTRATOR, Role.OFFICE_HEAD})
HEX64: Final = r"^[0-9a-f]{64}$"
ISO_TIME: Final = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$"
)


class AuditRecord(Base):
    """One uploaded audit entry of a device (审计记录), as the laptop chained it;
    ``position`` counts the device's entries from 1."""

    __tablename__ = "audit_entries"
    __table_args__ = (
        UniqueConstraint("device_id", "position"),
        Index("ix_audit_entries_user_at", "user_id", "at"),
        {"sqlite_autoincrement": True},
    )
    seq: Mapped[int] = mapped_column(SeqType, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(36), ForeignKey("devices.id"), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    id: Mapped[str] = mapped_column(String(36), nullable=False, unique=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False, index=True)
    user_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    action: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    entity: Mapped[str] = mapped_column(String(32), nullable=False)
    entity_id: Mapped[str] = mapped_column(String(36), nullable=False)
    details: Mapped[dict[str, Any]] = mapped_column(JsonType, nullable=False)
    prev_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    uploaded_by: Mapped[str] = mapped_column(String(36), ForeignKey("users.id"), nullable=False)
    received_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)


# ------------------------------------------------------------------- schemas


class EntryIn(BaseModel):
    """An entry as the laptop's ``audit_log`` holds it."""

    model_config = ConfigDict(extra="forbid")

    id: Id
    at: dt.datetime
    device_id: Id
    user_id: Id | None = None
    action: Annotated[str, Field(min_length=1, max_length=64, pattern=NO_NUL)]
    entity: Annotated[str, Field(min_length=1, max_length=32, pattern=NO_NUL)]
    entity_id: Annotated[str, Field(min_length=1, max_length=36, pattern=NO_NUL)]
    details: dict[str, Any]
    prev_hash: Annotated[str, Field(pattern=HEX64)]
    hash: Annotated[str, Field(pattern=HEX64)]


class UploadIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    device_id: Annotated[str, Field(pattern=ID_PATTERN, description="The caller's device")]
    entries: Annotated[list[EntryIn], Field(min_length=1, max_length=MAX_ENTRIES_PER_UPLOAD)]


class HeadOut(BaseModel):
    device_id: str
    count: int = Field(description="Entries of the device the server holds")
    last_hash: str = Field(description="The hash of the last one (64 zeros: none)")


class UploadOut(HeadOut):
    stored: int = Field(description="Entries of this upload that were new")
    duplicates: int = Field(description="Entries the server already held")


class EntryOut(BaseModel):
    seq: int
    device_id: str
    position: int
    id: str
    at: dt.datetime
    user_id: str | None
    action: str
    entity: str
    entity_id: str
    details: dict[str, Any]
    prev_hash: str
    hash: str
    uploaded_by: str
    received_at: dt.datetime


class EntriesOut(BaseModel):
    entries: list[EntryOut]
    next: int | None = Field(description="Pass as 'after' for the next page (None: no more)")


# --------------------------------------------------------------- the chain


def _head(db: Session, device_id: str) -> tuple[int, str]:
    last = db.execute(
        select(AuditRecord.position, AuditRecord.hash)
        .where(AuditRecord.device_id == device_id)
        .order_by(AuditRecord.position.desc())
        .limit(1)
    ).first()
    return (last.position, last.hash) if last is not None else (0, GENESIS)


def _check_entry(entry: EntryIn, device_id: str, index: int) -> None:
    where = msg("第 {number} 条记录", number=index + 1)
    if entry.device_id != device_id:
        raise ApiError(
            422, "audit.device", msg("{where}不属于本设备：只能上传本设备的审计记录", where=where)
        )
    problem = spec.bad_values(entry.details)
    if problem:
        raise ApiError(
            422,
            "audit.details",
            msg("{where}的详情无法保存：details {problem}", where=where, problem=problem),
        )
    found = spec.identity_keys(entry.details)
    if found:
        raise ApiError(
            422,
            "audit.plaintext_identity",
            msg(
                "{where}的详情含有可能是投诉人身份的字段（{fields}），拒收",
                where=where,
                fields=enumeration(sorted(found)),
            ),
        )
    recomputed = entry_hash(**entry.model_dump(exclude={"hash"}))
    if recomputed != entry.hash:
        raise ApiError(422, "audit.hash", msg("{where}的哈希与内容不符（记录被修改）", where=where))


def _start(db: Session, device_id: str, first: EntryIn) -> tuple[int, str]:
    """Where the batch attaches: the position and hash of the entry its first links to."""
    if first.prev_hash == GENESIS:
        return 0, GENESIS
    position = db.scalar(
        select(AuditRecord.position).where(
            AuditRecord.device_id == device_id, AuditRecord.hash == first.prev_hash
        )
    )
    if position is None:
        count, _ = _head(db, device_id)
        raise ApiError(
            409,
            "audit.gap",
            msg(
                "第一条记录接在服务器没有的记录之后：服务器已有本设备的 {count} 条，"
                "请从其后一条开始上传",
                count=count,
            ),
        )
    return position, first.prev_hash


def _held(db: Session, device_id: str, after: int, count: int) -> dict[int, str]:
    """The hashes the server holds at positions ``after + 1`` … ``after + count``."""
    window = select(AuditRecord.position, AuditRecord.hash).where(
        AuditRecord.device_id == device_id,
        AuditRecord.position > after,
        AuditRecord.position <= after + count,
    )
    return {p: h for p, h in db.execute(window)}


def _branch(db: Session, device_id: str, restore_hash: str) -> int:
    """Where a restore entry that branches off the chain goes: where it is
    already (sent before), else after the device's newest entry."""
    position = db.scalar(
        select(AuditRecord.position).where(
            AuditRecord.device_id == device_id, AuditRecord.hash == restore_hash
        )
    )
    return position if position is not None else _head(db, device_id)[0] + 1


def store(db: Session, principal: Principal, body: UploadIn, now: dt.datetime) -> UploadOut:
    """Check the batch against the device's chain on the server and add the
    new entries (in ``db``'s transaction; see the module doc)."""
    device_id = principal.device_id
    for index, entry in enumerate(body.entries):
        _check_entry(entry, device_id, index)
    position, prev = _start(db, device_id, body.entries[0])
    held = _held(db, device_id, position, len(body.entries))
    rows: list[AuditRecord] = []
    for index, entry in enumerate(body.entries):
        position += 1
        if entry.prev_hash != prev:
            raise ApiError(
                422,
                "audit.broken_chain",
                msg("第 {number} 条记录没有接在前一条之后（链接断开）", number=index + 1),
            )
        known = held.get(position)
        if known is not None and known != entry.hash:
            if entry.action != RESTORE_ACTION:
                raise ApiError(
                    409,
                    "audit.rewritten",
                    msg(
                        "第 {number} 条记录与服务器已有的本设备第 {position} 条不同："
                        "审计记录被改写，拒收",
                        number=index + 1,
                        position=position,
                    ),
                )
            # A branch: restored from a backup older than what the server holds.
            position = _branch(db, device_id, entry.hash)
            held = _held(db, device_id, position - 1, len(body.entries) - index)
            known = held.get(position)
        if known is None:
            rows.append(_record(entry, position, principal.user_id, now))
        prev = entry.hash
    db.add_all(rows)
    try:
        db.flush()
    except IntegrityError:
        raise ApiError(
            409, "audit.concurrent", msg("本设备的另一次上传同时进行或记录编号重复，请稍后重试")
        ) from None
    count, last = _head(db, device_id)
    return UploadOut(
        device_id=device_id,
        count=count,
        last_hash=last,
        stored=len(rows),
        duplicates=len(body.entries) - len(rows),
    )


def _record(entry: EntryIn, position: int, uploader: str, now: dt.datetime) -> AuditRecord:
    return AuditRecord(
        **entry.model_dump(), position=position, uploaded_by=uploader, received_at=now
    )


def _out(row: AuditRecord) -> EntryOut:
    return EntryOut.model_validate(row, from_attributes=True)


def _instant(text: str) -> dt.datetime:
    """An ISO 8601 date or time (UTC when it names no zone), or 422."""
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ApiError(422, "audit.since", msg("since 应为有效的日期或时间（ISO 8601）")) from None
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


# -------------------------------------------------------------------- routes

router = APIRouter(prefix="/audit", tags=["audit"])
Reader = Annotated[Principal, Depends(requires(*READERS))]
UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    **ROLE_ERRORS,
    409: {"model": Reason, "description": "The batch does not continue the server's chain"},
}


@router.get("/head", responses=ERRORS)
def head(principal: Current, factory: Sessions) -> HeadOut:
    """How much of this device's audit trail the server holds."""
    with factory.begin() as db:
        count, last = _head(db, principal.device_id)
    return HeadOut(device_id=principal.device_id, count=count, last_hash=last)


@router.post("/entries", responses=UPLOAD_ERRORS)
def upload(body: UploadIn, principal: Current, factory: Sessions) -> UploadOut:
    """Add this device's audit entries, in chain order, after those the
    server holds (idempotent; a broken or rewritten chain is refused whole)."""
    if body.device_id != principal.device_id:
        raise forbidden(msg("该会话是在另一台设备上登录的，不能代其上传审计记录（device_id）"))
    with factory.begin() as db:
        return store(db, principal, body, utcnow())


@router.get("/entries", responses=ROLE_ERRORS)
def entries(
    _principal: Reader,
    factory: Sessions,
    device_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
    user_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
    action: Annotated[str | None, Query(min_length=1, max_length=64, pattern=NO_NUL)] = None,
    since: Annotated[
        str | None,
        Query(pattern=ISO_TIME, description="Entries made at or after (ISO 8601; UTC if no zone)"),
    ] = None,
    after: Annotated[int, Query(ge=0, le=INT64_MAX, description="The 'next' of a page")] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 200,
) -> EntriesOut:
    """The uploaded audit trail (administrators and office heads), oldest
    upload first."""
    query = select(AuditRecord).where(AuditRecord.seq > after)
    if device_id is not None:
        query = query.where(AuditRecord.device_id == device_id)
    if user_id is not None:
        query = query.where(AuditRecord.user_id == user_id)
    if action is not None:
        query = query.where(AuditRecord.action == action)
    if since is not None:
        query = query.where(AuditRecord.at >= _instant(since))
    with factory.begin() as db:
        rows = db.scalars(query.order_by(AuditRecord.seq).limit(limit + 1)).all()
        page = [_out(r) for r in rows[:limit]]
    return EntriesOut(entries=page, next=page[-1].seq if len(rows) > limit else None)
