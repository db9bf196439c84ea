"""Push: judge each op against the server's current state, apply the accepted
ones, and log every op with its global sequence number.

For each op, in order (the first that fails decides):

1. **Duplicate** — an op_id already logged returns the first result again
   (``duplicate``, with ``original_status``); nothing is applied twice. The same
   op_id with different content is refused and not logged.
2. **Author** — an op made by another user than the one signed in is
   ``deferred``: not logged, to be pushed when its author signs in; so are the
   later ops of the batch on the same record.
3. **Shape** — device and clock stamp of this laptop, an entity the server
   knows, no plaintext identity field (complaints carry only
   ``sealed_identity`` and the two blind indexes), a known action of it.
4. **Role** — the server's roles of the pushing user (``server.sync.spec``);
   then no unknown field, no missing one, every field of the right type.
5. **Version** — a create needs base_version 0 and no record; a change needs
   base_version equal to the server's version, except an op touching only
   free-text fields (or adding evidence), which merges field by field,
   last-writer-wins by hybrid logical clock. Workflow moves never merge.
6. **Domain rule** — ``server.sync.rules``, on the server's current record.

A refused op is logged as ``rejected`` with its reason but without its
``changes`` (only a digest), so refused input, a plaintext identity above all,
never lands in the database.

When an op widens who may see a record (a 暗访 plan reported or closed, a
member added to its team, a decision signed), a ``record.snapshot`` op with the
whole record follows it, so users who could not see the earlier ops get the
record all the same from where their cursor is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final, cast

from sqlalchemy import Connection, Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from desktop.domain.common import enumeration
from desktop.domain.messages import msg
from desktop.store.ids import new_id
from desktop.sync.protocol import (
    ACCEPTED,
    DEFERRED,
    DUPLICATE,
    REJECTED,
    message_json,
    with_message,
)
from server.accounts import Principal
from server.db import lock_for_push, take_sequence_numbers
from server.models import Op, Record, utcnow
from server.schemas import LoggedStatus, OpIn, OpResult, OpStatus, PushIn, message_out
from server.sync import spec
from server.sync.rules import (
    PLAN_ENTITY,
    RULES,
    VISIT_ENTITY,
    Attempt,
    Reject,
    plan_confidential,
)

log = logging.getLogger("server.sync")

SERVER_DEVICE: Final = "server"
SNAPSHOT_ACTION: Final = "record.snapshot"
PREFETCH: Final = 500  # ids per IN (...) query
#: Actions whose rules read nothing but the op's own record, the pushing user
#: and the rule profiles: batches of only these run side by side.
CONCURRENT_ACTIONS: Final = frozenset(
    {
        "complaint.register",
        "complaint.grant_identity",
        "complaint.route",
        "complaint.extend",
        "complaint.close",
        "complaint.update",
        "agency.create",
        "official.create",
    }
)


def server_hlc() -> str:
    """A clock stamp for ops the server itself writes (snapshots)."""
    return f"{int(time.time() * 1000):013d}-0000-{SERVER_DEVICE}"


def op_digest(op: OpIn) -> str:
    """SHA-256 over the op's canonical JSON: the same op_id must carry the same op."""
    canonical = json.dumps(
        {
            "entity": op.entity,
            "entity_id": op.entity_id,
            "action": op.action,
            "changes": op.changes,
            "base_version": op.base_version,
            "hlc": op.hlc,
            "device_id": op.device_id,
            "user_id": op.user_id,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


OPS: Final = cast(Table, Op.__table__)
RECORDS: Final = cast(Table, Record.__table__)
#: Each record column once, as the multi-row statements write them.
RECORD_COLUMNS: Final = tuple(c.key for c in RECORDS.columns)
#: Which record an UPDATE ... WHERE names (not column names: those are SET).
_UPDATE_RECORD: Final = update(RECORDS).where(
    RECORDS.c.entity == bindparam("key_entity"), RECORDS.c.id == bindparam("key_id")
)


@dataclass(slots=True)
class Logged:
    """An op's entry in the log (``ops``): read back for a duplicate, or
    written by this batch (then ``seq`` comes last, in :meth:`Pusher._publish`)."""

    op_id: str
    op_hash: str
    status: str
    code: str
    reason: str
    version: int | None
    seq: int | None = None


@dataclass(slots=True)
class RecordRow:
    """A ``records`` row as plain values: read in one query per batch,
    changed by the batch's ops and written back with multi-row statements
    (no ORM unit of work per op). ``stored``: the row is in the database
    (within this transaction); ``dirty``: changed since it was written."""

    entity: str
    id: str
    version: int
    data: dict[str, Any]
    field_hlcs: dict[str, str]
    last_hlc: str
    last_seq: int
    created_at: dt.datetime
    updated_at: dt.datetime
    #: The fields authorisation and uniqueness need, copied out of ``data`` (_index).
    plan_id: str | None = None
    parent_id: str | None = None
    office_id: str | None = None
    state: str | None = None
    natural_key: str | None = None
    stored: bool = True
    dirty: bool = False

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in RECORD_COLUMNS}


def _result(row: Logged, duplicate: bool = False) -> OpResult:
    logged = cast(LoggedStatus, row.status)
    return OpResult(
        op_id=row.op_id,
        status=DUPLICATE if duplicate else logged,
        code=row.code,
        reason=row.reason,
        message=message_out(row.reason),
        seq=row.seq if row.status == ACCEPTED else None,
        version=row.version,
        original_status=logged if duplicate else None,
    )


def _unlogged(op: OpIn, status: OpStatus, code: str, reason: str) -> OpResult:
    return OpResult(
        op_id=op.op_id,
        status=status,
        code=code,
        reason=reason,
        message=message_out(reason),
        seq=None,
        version=None,
    )


class Pusher:
    """Processes one push batch inside the caller's transaction.

    **Locks.** A batch of only :data:`CONCURRENT_ACTIONS` (whose rules read
    nothing but the op's own record) runs side by side with other such
    batches, each holding its records' locks; any other batch runs alone, as
    workflow rules read other records (a visit's plan, a decision's appeals,
    document numbers). The logged ops get their sequence numbers last, under a
    short lock held to the commit (:func:`server.db.take_sequence_numbers`),
    so numbers commit in order and a pull's cursor never skips an op.

    **Writes.** Records and log rows are plain values (:class:`RecordRow`,
    :class:`Logged`) written with multi-row statements at the end; in a batch
    that runs alone, whose rules read other records from the database, the
    records changed so far are written before each rule runs, so it reads
    them as the batch left them."""

    def __init__(self, db: Session, principal: Principal, now: dt.datetime | None = None) -> None:
        self.db = db
        self.conn: Connection = db.connection()  # the plain statements skip the ORM's layer
        self.principal = principal
        self.now = now or utcnow()
        self.concurrent = False
        self.deferred_records: set[tuple[str, str]] = set()
        self.logged: dict[str, Logged] = {}  # by op_id: logged before, or in this batch
        self.records: dict[tuple[str, str], RecordRow] = {}
        self.rows: list[tuple[Logged, dict[str, Any]]] = []  # this batch's log, in order
        self.stamped: dict[tuple[str, str], tuple[RecordRow, Logged]] = {}  # the last op on each

    def push(self, batch: PushIn) -> list[OpResult]:
        keys = {(op.entity, op.entity_id) for op in batch.ops}
        self.concurrent = all(op.action in CONCURRENT_ACTIONS for op in batch.ops)
        lock_for_push(self.db, keys if self.concurrent else None)
        self._prefetch(batch, keys)
        outcomes = [self._one(op) for op in batch.ops]
        self._publish()
        return [o if isinstance(o, OpResult) else _result(*o) for o in outcomes]

    def _prefetch(self, batch: PushIn, keys: set[tuple[str, str]]) -> None:
        """The ops logged before with this batch's ids, and its records, in a few queries."""
        ids = sorted({op.op_id for op in batch.ops})
        for start in range(0, len(ids), PREFETCH):
            chunk = ids[start : start + PREFETCH]
            for row in self.conn.execute(
                select(
                    OPS.c.op_id,
                    OPS.c.op_hash,
                    OPS.c.status,
                    OPS.c.code,
                    OPS.c.reason,
                    OPS.c.message,
                    OPS.c.version,
                    OPS.c.seq,
                ).where(OPS.c.op_id.in_(chunk))
            ):
                reason = with_message(row.reason, row.message)
                self.logged[row.op_id] = Logged(
                    row.op_id, row.op_hash, row.status, row.code, reason, row.version, row.seq
                )
        by_entity: dict[str, list[str]] = {}
        for entity, record_id in sorted(keys):
            by_entity.setdefault(entity, []).append(record_id)
        for entity, record_ids in by_entity.items():
            for start in range(0, len(record_ids), PREFETCH):
                chunk = record_ids[start : start + PREFETCH]
                for row in self.conn.execute(
                    select(RECORDS).where(RECORDS.c.entity == entity, RECORDS.c.id.in_(chunk))
                ):
                    self.records[(entity, row.id)] = RecordRow(**row._asdict())

    def _publish(self) -> None:
        """Number the log rows, then write them and the records with
        multi-row statements (under the sequence lock, held until the commit:
        keep this the last step, and short)."""
        if not self.rows:
            return
        numbers = take_sequence_numbers(self.db, len(self.rows))
        for (logged, values), seq in zip(self.rows, numbers, strict=True):
            logged.seq = values["seq"] = seq
        for record, logged in self.stamped.values():
            record.last_seq = cast(int, logged.seq)
            record.dirty = True
        self._store(record for record, _logged in self.stamped.values())
        self.conn.execute(insert(OPS), [values for _logged, values in self.rows])

    def _store(self, records: Iterable[RecordRow]) -> None:
        """Write the changed ``records``: new ones with one multi-row INSERT,
        stored ones with one UPDATE per row in a single round trip."""
        new: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        for record in records:
            if not record.dirty:
                continue
            if record.stored:
                values = record.values()
                values["key_entity"] = values.pop("entity")
                values["key_id"] = values.pop("id")
                changed.append(values)
            else:
                new.append(record.values())
            record.stored = True
            record.dirty = False
        if new:
            self.conn.execute(insert(RECORDS), new)
        if changed:
            self.conn.execute(_UPDATE_RECORD, changed)
        if new or changed:
            self.db.expire_all()  # rules read records through the ORM: not stale ones

    # ---------------------------------------------------------------- one op

    def _one(self, op: OpIn) -> OpResult | tuple[Logged, bool]:
        digest = op_digest(op)
        existing = self.logged.get(op.op_id)
        if existing is not None:
            if existing.op_hash != digest:
                return _unlogged(
                    op,
                    REJECTED,
                    "op.id_reused",
                    msg("该 op_id 已用于另一项不同的操作，未予记录"),
                )
            return existing, True
        record_key = (op.entity, op.entity_id)
        if record_key in self.deferred_records:
            return _unlogged(
                op,
                DEFERRED,
                "op.after_deferred",
                msg("同一记录的前一项操作尚待其作者推送，本项暂缓"),
            )
        if op.user_id is not None and op.user_id != self.principal.user_id:
            self.deferred_records.add(record_key)
            return _unlogged(
                op,
                DEFERRED,
                "op.other_user",
                msg("该操作由另一位用户作出：请该用户登录后推送，未予记录"),
            )
        try:
            action = self._shape(op)
            return self._apply(op, action, digest)
        except Reject as exc:
            return self._reject(op, digest, exc.code, exc.reason)

    def _reject(self, op: OpIn, digest: str, code: str, reason: str) -> tuple[Logged, bool]:
        row = self._log(op, digest, status=REJECTED, code=code, reason=reason)
        log.info("op %s %s rejected: %s", op.op_id, op.action, code)
        return row, False

    def _log(
        self,
        op: OpIn,
        digest: str,
        *,
        status: str,
        code: str = "",
        reason: str = "",
        changes: dict[str, Any] | None = None,
        version: int | None = None,
        plan_id: str | None = None,
    ) -> Logged:
        logged = Logged(op.op_id, digest, status, code, reason, version)
        self._write_log(
            logged,
            entity=op.entity,
            entity_id=op.entity_id,
            action=op.action,
            changes=changes if status == ACCEPTED else None,
            base_version=op.base_version,
            hlc=op.hlc,
            device_id=op.device_id,
            user_id=op.user_id,
            plan_id=plan_id,
        )
        self.logged[op.op_id] = logged
        return logged

    def _write_log(self, logged: Logged, **values: Any) -> None:
        """Add ``logged`` with the rest of its ``ops`` row to this batch's log."""
        values.update(
            op_id=logged.op_id,
            op_hash=logged.op_hash,
            status=logged.status,
            code=logged.code,
            reason=logged.reason,
            message=message_json(logged.reason),
            version=logged.version,
            pushed_by=self.principal.user_id,
            received_at=self.now,
        )
        self.rows.append((logged, values))

    # ----------------------------------------------------------------- shape

    def _shape(self, op: OpIn) -> spec.Action:
        if op.user_id is None:
            raise Reject("op.no_author", msg("操作没有作者（user_id），服务器不接受"))
        if op.device_id != self.principal.device_id:
            raise Reject("op.device", msg("操作的设备与当前登录的设备不一致（device_id）"))
        if op.hlc.split("-", 2)[2] != op.device_id:
            raise Reject("op.hlc", msg("时钟戳中的设备与操作的设备不一致（hlc）"))
        if op.entity in spec.NOT_SYNCED:
            raise Reject(
                "entity.not_synced",
                msg("“{entity}”由服务器管理（账户、密钥），不通过同步操作修改", entity=op.entity),
            )
        entity = spec.ENTITIES.get(op.entity)
        if entity is None:
            raise Reject("entity.unknown", msg("服务器不认识该记录类型（entity）"))
        problem = spec.bad_values(op.changes)
        if problem:
            raise Reject("op.bad_value", f"changes {problem}")
        if entity is spec.COMPLAINTS:
            plain = spec.identity_keys(op.changes)
            if plain:
                raise Reject(
                    "identity.plaintext",
                    msg(
                        "服务器拒收投诉人身份明文字段（{fields}）："
                        "身份只能以加密信封（sealed_identity）和查重索引上传（FJ 34、MAS 15）",
                        fields=enumeration(sorted(plain)),
                    ),
                )
        action = spec.ACTIONS.get(op.action)
        if action is None or action.entity is not entity:
            raise Reject(
                "action.unknown", msg("服务器不认识该操作（action），或它不属于该记录类型")
            )
        if not self.principal.has_any(action.roles):
            need = enumeration(sorted(r.value for r in action.roles))
            have = enumeration(sorted(r.value for r in self.principal.roles)) or msg("无")
            raise Reject(
                "auth.role",
                msg(
                    "当前用户的角色（{have}）无权执行 {action}（需要：{need}）",
                    have=have,
                    action=op.action,
                    need=need,
                ),
            )
        unknown = sorted(set(op.changes) - action.keys)
        if unknown:
            raise Reject(
                "op.field_not_allowed",
                msg("该操作不应带字段：{fields}", fields=enumeration(unknown)),
            )
        missing = sorted(action.required - set(op.changes))
        if missing:
            raise Reject("op.missing_field", msg("缺少字段：{fields}", fields=enumeration(missing)))
        for name, value in op.changes.items():
            problem = entity.fields[name](value)
            if problem:
                raise Reject(
                    "op.field_type", msg("字段 {name} {problem}", name=name, problem=problem)
                )
        return action

    # ----------------------------------------------------------------- apply

    def _apply(self, op: OpIn, action: spec.Action, digest: str) -> tuple[Logged, bool]:
        entity = action.entity
        record = self.records.get((op.entity, op.entity_id))
        creating = op.base_version == 0 and (action.create is True or action.create is None)
        merge = False
        if creating:
            if record is not None:
                raise Reject(
                    "conflict.base_version",
                    f"conflict: base_version 0, server has {record.version}",
                )
        else:
            if action.create is True:
                raise Reject("op.base_version", msg("新建记录的操作应为 base_version 0"))
            if op.base_version == 0:
                raise Reject("op.base_version", msg("修改记录的操作不应为 base_version 0"))
            if record is None:
                raise Reject(
                    "record.unknown",
                    msg("服务器上没有该记录（新建它的操作被拒绝或尚未推送）"),
                )
            if record.version != op.base_version:
                if not set(op.changes) <= entity.mergeable or not op.changes:
                    raise Reject(
                        "conflict.base_version",
                        f"conflict: base_version {op.base_version}, server has {record.version}",
                    )
                merge = True
        current: dict[str, Any] = dict(record.data) if record is not None else {}
        if not self.concurrent:  # its rule may read records this batch changed
            self._store(self.records.values())
        attempt = Attempt(
            db=self.db,
            principal=self.principal,
            action=action,
            entity_id=op.entity_id,
            changes=op.changes,
            hlc=op.hlc,
            record=record,
            current=current,
        )
        try:
            RULES[action.name](attempt)
        except (KeyError, ValueError, TypeError) as exc:
            raise Reject(
                "op.invalid", msg("操作内容无法校验（{error}）", error=type(exc).__name__)
            ) from None

        data = dict(current)
        hlcs: dict[str, str] = dict(record.field_hlcs) if record is not None else {}
        applied, dropped = self._merge(entity, data, hlcs, op, merge)
        if record is None:
            version = 1
        elif applied or not merge:
            version = record.version + 1
        else:
            version = record.version
        plan_id = _plan_id(op.entity, op.entity_id, data)
        reason = ""
        if dropped:
            reason = "merged: kept the server's newer " + ", ".join(sorted(dropped))
        elif merge and record is not None:
            reason = f"merged: base_version {op.base_version}, server had {record.version}"
        row = self._log(
            op,
            digest,
            status=ACCEPTED,
            code="merged" if merge else "",
            reason=reason,
            changes=applied,
            version=version,
            plan_id=plan_id,
        )
        if record is None:
            record = RecordRow(
                entity=op.entity,
                id=op.entity_id,
                version=version,
                data=data,
                field_hlcs=hlcs,
                last_hlc=op.hlc,
                last_seq=0,  # numbered with its op (_publish)
                created_at=self.now,
                updated_at=self.now,
                stored=False,
            )
            self.records[(op.entity, op.entity_id)] = record
        record.version = version
        record.data = data
        record.field_hlcs = hlcs
        record.last_hlc = max(record.last_hlc, op.hlc)
        record.updated_at = self.now
        record.dirty = True
        _index(record, plan_id)
        self.stamped[(op.entity, op.entity_id)] = (record, row)
        self._snapshots(op.entity, record, current)
        return row, False

    @staticmethod
    def _merge(
        entity: spec.Entity,
        data: dict[str, Any],
        hlcs: dict[str, str],
        op: OpIn,
        merge: bool,
    ) -> tuple[dict[str, Any], list[str]]:
        """Apply ``op.changes`` to ``data``; the changes applied and the fields
        dropped because the server's value is newer (merge only)."""
        applied: dict[str, Any] = {}
        dropped: list[str] = []
        for name, value in op.changes.items():
            rows = entity.rows.get(name)
            if rows is not None:
                existing = list(data.get(name) or [])
                seen = {rows.row_key(r) for r in existing}
                new = [r for r in value if rows.row_key(r) not in seen]
                if new:
                    data[name] = existing + new
                    applied[name] = new
                hlcs[name] = max(hlcs.get(name, ""), op.hlc)
                continue
            if merge and op.hlc <= hlcs.get(name, ""):
                dropped.append(name)
                continue
            data[name] = value
            applied[name] = value
            hlcs[name] = max(hlcs.get(name, ""), op.hlc)
        return applied, dropped

    # ------------------------------------------------------------- snapshots

    def _snapshots(self, entity: str, record: RecordRow, before: Mapping[str, Any]) -> None:
        if not before:
            return  # a new record: its creating op is filtered like the record
        if entity == PLAN_ENTITY:
            was = plan_confidential(before)
            now = plan_confidential(record.data)
            added = set(record.data.get("team_ids") or ()) - set(before.get("team_ids") or ())
            if was and not now:
                self._snapshot_plan(record, "暗访方案已形成报告或办结，向所有用户公开")
            elif now and added:
                self._snapshot_plan(record, "暗访方案督查组新增成员")
        elif (
            entity == "decisions"
            and before.get("state") == "draft"
            and record.data.get("state") == "signed"
        ):
            self._snapshot(record, "问责决定已签发")

    def _snapshot_plan(self, plan: RecordRow, why: str) -> None:
        """The plan and its visits: this batch's versions (written before the
        plan's rule ran, as it runs alone), the stored ones for the others."""
        self._snapshot(plan, why)
        for row in self.conn.execute(
            select(RECORDS)
            .where(RECORDS.c.entity == VISIT_ENTITY, RECORDS.c.plan_id == plan.id)
            .order_by(RECORDS.c.id)
        ):
            self._snapshot(
                self.records.get((VISIT_ENTITY, row.id)) or RecordRow(**row._asdict()), why
            )

    def _snapshot(self, record: RecordRow, why: str) -> None:
        digest = hashlib.sha256(f"snapshot:{record.entity}:{record.id}".encode()).hexdigest()
        self._write_log(
            Logged(new_id(), digest, ACCEPTED, "snapshot", why, record.version),
            entity=record.entity,
            entity_id=record.id,
            action=SNAPSHOT_ACTION,
            changes=dict(record.data),
            base_version=record.version,
            hlc=server_hlc(),
            device_id=SERVER_DEVICE,
            user_id=None,
            plan_id=record.plan_id,
        )


def _plan_id(entity: str, entity_id: str, data: Mapping[str, Any]) -> str | None:
    if entity == PLAN_ENTITY:
        return entity_id
    if entity == VISIT_ENTITY:
        value = data.get("plan_id")
        return value if isinstance(value, str) else None
    return None


def _index(record: RecordRow, plan_id: str | None) -> None:
    """Copy the fields authorisation and uniqueness need out of ``data``."""
    data = record.data
    record.plan_id = plan_id
    record.state = str(data["state"])[:32] if isinstance(data.get("state"), str) else None
    office = data.get("office_id")
    record.office_id = office if isinstance(office, str) else None
    parent: Any = None
    natural: str | None = None
    if record.entity == "appeals":
        parent = data.get("decision_id")
    elif record.entity == "performance_ratings":
        parent = data.get("agency_id")
        natural = f"{data.get('agency_id')}:{data.get('year')}"
    elif record.entity == "issued_documents":
        parent = data.get("record_id")
        natural = str(data.get("number"))
    elif record.entity == "decisions" and data.get("document_number"):
        natural = str(data["document_number"])
    record.parent_id = parent if isinstance(parent, str) else None
    record.natural_key = natural
