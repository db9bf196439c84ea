"""The audit trail (审计记录): append-only, each entry hash-chained to the previous
entry of the same device, so an edited or deleted entry shows.

The chain: ``hash = SHA-256(canonical JSON of the entry including prev_hash)``;
the first entry of a device has ``prev_hash = "0" * 64``. SQLite triggers
refuse UPDATE and DELETE on the table; someone editing the file directly can
get around those, but not around the chain. Deleting the newest entries leaves
a shorter valid chain: that is caught by comparing with the server's copy
after sync (issue 6), not here.

Details must never hold a complainant's identity in clear; services pass ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store.db import insert_many
from desktop.store.ids import new_id
from desktop.store.models import AuditEntry

GENESIS = "0" * 64
#: The entry a restore from a backup appends (``desktop.services.backup``): the
#: chain goes on from the backup's newest entry, so where the server holds
#: entries made after the backup, the device's trail branches there; the
#: server keeps both branches (``server.audit``).
RESTORE_ACTION = "backup.restore"
#: The entry for a pulled page (``desktop.sync.engine``): its ``details["ops"]``
#: lists each op applied (record, action, author, clock stamp, fields).
SYNC_APPLY_ACTION = "sync.apply"
AUDIT_TABLE = AuditEntry.metadata.tables[AuditEntry.__tablename__]


def entry_hash(
    *,
    id: str,
    at: dt.datetime,
    device_id: str,
    user_id: str | None,
    action: str,
    entity: str,
    entity_id: str,
    details: dict[str, Any],
    prev_hash: str,
) -> str:
    """The SHA-256 of an entry's canonical JSON (sorted keys, UTC timestamp)."""
    body = {
        "id": id,
        "at": at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "device_id": device_id,
        "user_id": user_id,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "details": details,
        "prev_hash": prev_hash,
    }
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class NewEntry:
    """An entry to add with :func:`append_all`."""

    at: dt.datetime
    device_id: str
    user_id: str | None
    action: str
    entity: str
    entity_id: str
    details: dict[str, Any] = field(default_factory=dict)


def _last_hash(db: Session, device_id: str) -> str:
    prev = db.scalar(
        select(AuditEntry.hash)
        .where(AuditEntry.device_id == device_id)
        .order_by(AuditEntry.seq.desc())
        .limit(1)
    )
    return prev or GENESIS


def _chained(entry: NewEntry, prev_hash: str) -> dict[str, Any]:
    """The entry's column values, linked to ``prev_hash``."""
    fields: dict[str, Any] = {
        "id": new_id(),
        "at": entry.at,
        "device_id": entry.device_id,
        "user_id": entry.user_id,
        "action": entry.action,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "details": entry.details,
        "prev_hash": prev_hash,
    }
    return {**fields, "hash": entry_hash(**fields)}


def append(
    db: Session,
    *,
    at: dt.datetime,
    device_id: str,
    user_id: str | None,
    action: str,
    entity: str,
    entity_id: str,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add an entry to the chain of ``device_id`` (inside the caller's transaction)."""
    new = NewEntry(at, device_id, user_id, action, entity, entity_id, details or {})
    entry = AuditEntry(**_chained(new, _last_hash(db, device_id)))
    db.add(entry)
    db.flush()
    return entry


def append_all(db: Session, entries: Iterable[NewEntry]) -> int:
    """Add ``entries`` in order to their devices' chains (inside the caller's
    transaction) with one multi-row INSERT; how many were added."""
    last: dict[str, str] = {}
    rows: list[dict[str, Any]] = []
    for entry in entries:
        prev = last.get(entry.device_id) or _last_hash(db, entry.device_id)
        row = _chained(entry, prev)
        last[entry.device_id] = row["hash"]
        rows.append(row)
    insert_many(db, AUDIT_TABLE, rows)
    return len(rows)


@dataclass(frozen=True)
class AuditProblem:
    """An entry that does not verify: its seq, id and what is wrong."""

    seq: int
    entry_id: str
    problem: str

    def __str__(self) -> str:
        return f"#{self.seq} ({self.entry_id}): {self.problem}"


def verify(db: Session) -> list[AuditProblem]:
    """Recompute every chain; an edited entry fails its hash, a deleted one
    breaks the link of the entry after it."""
    problems: list[AuditProblem] = []
    last: dict[str, str] = {}
    for entry in db.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
        expected_prev = last.get(entry.device_id, GENESIS)
        recomputed = entry_hash(
            id=entry.id,
            at=entry.at,
            device_id=entry.device_id,
            user_id=entry.user_id,
            action=entry.action,
            entity=entry.entity,
            entity_id=entry.entity_id,
            details=entry.details,
            prev_hash=entry.prev_hash,
        )
        if recomputed != entry.hash:
            problems.append(AuditProblem(entry.seq, entry.id, "内容被修改（哈希不符）"))
        if entry.prev_hash != expected_prev:
            problems.append(AuditProblem(entry.seq, entry.id, "链接断开：前一条记录被删除或修改"))
        last[entry.device_id] = entry.hash
    return problems
