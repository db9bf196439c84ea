"""One sync run (同步一次): push the outbox, pull since the cursor, apply.

:func:`sync_once` is Qt-free; the 同步 page runs it in a worker.

**Push.** The signed-in user's pending outbox ops go in outbox order, in
batches. Another user's pending op is not sent (the server would defer it:
it waits until its author syncs), and neither is any later op on the same
record nor an op that refers to such a record (a visit of a plan whose
approval waits), so the server always sees ops after those they depend on.
Each batch's answers are written in one transaction:

* ``accepted`` (``merged`` included) and a ``duplicate`` of an accepted op →
  the op is ``pushed``; the server's code, reason, sequence number and the
  record's version are kept (``sync_answers``);
* ``rejected`` (or a duplicate of one) → the op is ``rejected`` with the
  server's reason and stays in the outbox as a conflict to resolve;
* ``deferred`` → the op stays ``pending``, with the reason.

Account and key ops (``users``, ``key_material``...) never go to the server
(it manages them); they are marked ``local``.

**First sync.** A user with no cursor for this server takes the records
whole instead (:mod:`desktop.sync.initial`), then pulls from the cursor that
gives.

**Pull.** From the cursor saved for this device and user, page by page; each
page is applied and the cursor saved in one transaction, so a cut anywhere
leaves the store and the cursor consistent and the next run goes on from
there (the next page is fetched while one is applied; a page is applied in
bulk by :class:`PageApply`, with the effect of its ops one by one). Each op
first updates this laptop's copy of the server's record
(``sync_records``: per field, the value of the op with the highest sequence
number; row lists by union, as the server merges them), then the record
itself is written in the local table with the same column names, adopting
the server's version. Applying a pulled op never makes an outbox op; each
page that changes this laptop's records gets one audit entry ``sync.apply``
listing each op it applied and what that did.

An op that came from this laptop is already in its records: it only updates
the copy of the server's state (and corrects the record where the server
merged differently, e.g. kept another laptop's newer text). A field that a
later op of this laptop set — accepted, not pulled back yet — keeps its local
value meanwhile, so a pull cut between pages never shows an older value of
the laptop's own edits. A field that a pending local op has changed keeps the
local value until that op is pushed (the server then merges or refuses it:
a conflict, shown with both sides' values). After the pull, the fields of
refused local ops are put back to the server's values — the local change is
kept in its op, visible as a conflict — and records that could not be written
yet (a user this laptop does not know, a number already used here) are tried
again. The local hybrid logical clock advances past every pulled stamp.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict, deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Final, Protocol, TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.domain.messages import msg
from desktop.gc_pause import gc_paused
from desktop.services.auth import UserSession
from desktop.services.base import Context
from desktop.store import audit
from desktop.store.db import begin_write, insert_many
from desktop.store.hlc import Hlc, receive
from desktop.store.models import (
    DocumentCounter,
    IssuedDocument,
    OutboxOp,
    Setting,
    SyncAnswer,
    SyncRecord,
    SyncState,
)
from desktop.sync import initial
from desktop.sync.client import SyncClient
from desktop.sync.errors import SyncError, SyncProtocolError, SyncRefused
from desktop.sync.initial import SHADOW_TABLE
from desktop.sync.protocol import (
    ACCEPTED,
    DEFERRED,
    DUPLICATE,
    MAX_OPS_PER_PUSH,
    MAX_PULL_LIMIT,
    MERGED_CODE,
    REJECTED,
    OpResult,
    PulledOp,
    PullPage,
    SnapshotPage,
    message_json,
)
from desktop.sync.records import (
    ENTITIES,
    IDENTITY_FIELDS,
    LOCAL_ONLY,
    EntityKind,
    default_value,
    insert_values,
    new_record,
    write_fields,
)

log = logging.getLogger("desktop.sync")

# Outbox statuses (``outbox.status``).
PENDING: Final = "pending"
PUSHED: Final = "pushed"
STATUS_REJECTED: Final = "rejected"
LOCAL: Final = "local"  # accounts and keys: the server manages them, never pushed
DISCARDED: Final = "discarded"  # a refused op the user dropped (the server's state stays)
RETRIED: Final = "retried"  # a refused op made again against the server's version

PUSH_BATCH: Final = 100
PULL_LIMIT: Final = MAX_PULL_LIMIT
#: Records a page of a first sync (:func:`_snapshot`): pages this size keep
#: the server (a page), this laptop's checking (the one before) and its writing
#: (the one before that) busy at once; larger ones left the laptop waiting for
#: the first, smaller ones the server answering requests (bench/sync.py).
SNAPSHOT_LIMIT = 2000
#: The ``entity`` of a page's ``sync.apply`` audit entry (its ``entity_id``:
#: the first and last sequence numbers it lists, "120-1119"; for a page of a
#: first sync's records, "snapshot@<the cursor it leads to>").
APPLIED_ENTITY: Final = "sync"
LOCAL_REASON: Final = "账户与密钥由中心服务器管理，此操作只在本机生效，不发送"
UNKNOWN_ENTITY: Final = msg("本机不认识该记录类型（请升级本程序）")
PARKED_RETRY_LIMIT: Final = 500

_At = TypeVar("_At")
_Page = TypeVar("_Page")
_Ready = TypeVar("_Ready")


class ProgressSink(Protocol):
    """Where a run reports progress (``desktop.ui.worker.Progress`` fits)."""

    def update(self, done: int, total: int, text: str = "") -> None: ...

    def check(self) -> None: ...


class NoProgress:
    """Reports nothing, never cancels."""

    def update(self, done: int, total: int, text: str = "") -> None:
        return None

    def check(self) -> None:
        return None


@dataclass
class SyncReport:
    """What one run did."""

    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    to_push: int = 0  # ops of this user that were due to go
    pushed: int = 0  # accepted now (merged ones included, duplicates not)
    merged: int = 0  # accepted with free text merged by HLC
    duplicates: int = 0  # the server had them already (a push cut before its answer)
    rejected: int = 0  # refused: conflicts to resolve
    deferred: int = 0  # deferred by the server
    held_back: int = 0  # other users' ops: sent when their authors sync
    waiting: int = 0  # this user's ops that wait for those (same or referenced record)
    local_only: int = 0  # account and key ops marked local
    pulled: int = 0  # ops received
    applied: int = 0  # of those, ops that changed this laptop's records
    own: int = 0  # of those, ops made on this laptop
    parked: int = 0  # records that could not be written yet (tried again next time)
    restored: int = 0  # records put back to the server's state after a refusal
    cursor: int = 0


# ----------------------------------------------------------------- helpers


def op_body(op: OutboxOp) -> dict[str, Any]:
    """An outbox op as the server takes it."""
    return {
        "op_id": op.op_id,
        "entity": op.entity,
        "entity_id": op.entity_id,
        "action": op.action,
        "changes": op.changes,
        "base_version": op.base_version,
        "hlc": op.hlc,
        "device_id": op.device_id,
        "user_id": op.user_id,
    }


def pending_fields(db: Session) -> dict[tuple[str, str], set[str]]:
    """For each record with pending ops, the fields they change."""
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    rows = db.execute(
        select(OutboxOp.entity, OutboxOp.entity_id, OutboxOp.changes).where(
            OutboxOp.status == PENDING
        )
    )
    for entity, entity_id, changes in rows:
        out[(entity, entity_id)].update(changes or {})
    return dict(out)


def _problem(exc: BaseException) -> str:
    if isinstance(exc, IntegrityError):
        text = str(exc.orig) if exc.orig is not None else ""
        if "FOREIGN KEY" in text:
            return msg("引用了本机没有的记录或用户（如新用户尚未添加到本机），稍后再试")
        if "UNIQUE" in text:
            return msg("与本机已有的记录重复（如同一文号、同一年度考评），请先处理本机的冲突")
        if "NOT NULL" in text:
            return msg("服务器尚未发来该记录的全部内容，稍后再试")
        return msg("无法写入本机数据库")
    return msg("内容无法写入本机（{error}）", error=type(exc).__name__)


@dataclass(frozen=True)
class Written:
    """What writing a record from the server's copy did."""

    created: bool
    changed: tuple[str, ...]
    problem: str = ""

    @property
    def touched(self) -> bool:
        return self.created or bool(self.changed)


def materialise(
    ctx: Context,
    db: Session,
    shadow: Shadow,
    names: Iterable[str] | None,
    blocked: Collection[str] = (),
    *,
    pending: bool = False,
    answered: int | None = None,
) -> Written:
    """Write the server's copy ``shadow`` into the local table: the fields
    ``names`` (all when ``None``, or when the record is new here or could not
    be written before), except ``blocked`` ones (changed by pending local ops).
    The record adopts the server's version unless it has ``pending`` ops
    (``answered``: the newest version in the server's answers to this
    laptop's ops on it, when the caller fetched it already).
    Runs in a savepoint: on failure the record is left as it was and the
    reason is kept on ``shadow.problem`` (tried again later)."""
    kind = ENTITIES.get(shadow.entity)
    if kind is None:
        shadow.problem = UNKNOWN_ENTITY
        return Written(False, (), UNKNOWN_ENTITY)
    record: Any = None
    try:
        with db.begin_nested():
            record = db.get(kind.model, shadow.entity_id)
            created = record is None
            if record is None:
                record = new_record(kind, shadow.entity_id)
                changed = write_fields(db, kind, record, shadow.data)
                record.version = shadow.version
                record.updated_at = ctx.now()
                db.add(record)
            else:
                if names is None or shadow.problem:
                    values = {n: v for n, v in shadow.data.items() if n not in blocked}
                else:
                    # a field the server never set goes back to its default,
                    # except identity fields a user may not have received
                    values = {
                        n: shadow.data[n] if n in shadow.data else default_value(kind, n)
                        for n in names
                        if n not in blocked and (n in shadow.data or n not in IDENTITY_FIELDS)
                    }
                changed = write_fields(db, kind, record, values)
                if not pending:
                    version = server_version(db, shadow, answered)
                    if record.version != version:
                        record.version = version
                if changed:
                    record.updated_at = ctx.now()
            db.flush()
            _after_write(db, kind, record)
    except (IntegrityError, ValueError, TypeError, KeyError) as exc:
        shadow.problem = _problem(exc)
        log.info("record %s %s not written yet: %s", shadow.entity, shadow.entity_id, type(exc))
        return Written(False, (), shadow.problem)
    shadow.problem = ""
    return Written(created, tuple(changed))


def server_version(db: Session, shadow: Shadow, answered: int | None = None) -> int:
    """The newest version of the record the server is known to have: from the
    copy, or from the answer to an op of this laptop not pulled back yet
    (``answered``, or looked up)."""
    if answered is None:
        answered = answered_versions(db, [(shadow.entity, shadow.entity_id)]).get(
            (shadow.entity, shadow.entity_id), 0
        )
    return max(shadow.version, answered)


def answered_versions(db: Session, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Per record, the newest version in the server's answers to this laptop's pushed ops."""
    out: dict[tuple[str, str], int] = {}
    for entity, ids in _by_entity(keys).items():
        for chunk in _chunks(ids):
            rows = db.execute(
                select(OutboxOp.entity_id, func.max(SyncAnswer.version))
                .join(OutboxOp, OutboxOp.op_id == SyncAnswer.op_id)
                .where(
                    OutboxOp.entity == entity,
                    OutboxOp.entity_id.in_(chunk),
                    OutboxOp.status == PUSHED,
                )
                .group_by(OutboxOp.entity_id)
            )
            out.update({(entity, entity_id): int(v or 0) for entity_id, v in rows})
    return out


def _by_entity(keys: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for entity, entity_id in sorted(set(keys)):
        out[entity].append(entity_id)
    return out


def _chunks(ids: list[str], size: int = 500) -> Iterator[list[str]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _adopt_version(db: Session, op: OutboxOp, version: int | None) -> None:
    """After an accepted push: the record takes the server's version unless
    more local ops on it are still waiting."""
    kind = ENTITIES.get(op.entity)
    if kind is None or version is None:
        return
    waiting = db.scalar(
        select(func.count())
        .select_from(OutboxOp)
        .where(
            OutboxOp.entity == op.entity,
            OutboxOp.entity_id == op.entity_id,
            OutboxOp.status == PENDING,
            OutboxOp.seq != op.seq,
        )
    )
    if waiting:
        return
    record: Any = db.get(kind.model, op.entity_id)
    if record is not None and record.version < version:
        record.version = version


def _after_write(db: Session, kind: EntityKind, record: Any) -> None:
    """A document number from another laptop: this laptop's counter moves past it."""
    if kind.model is IssuedDocument:
        counter = db.get(DocumentCounter, (record.prefix, record.year))
        if counter is None:
            db.add(DocumentCounter(prefix=record.prefix, year=record.year, last=record.serial))
        elif counter.last < record.serial:
            counter.last = record.serial
        db.flush()


class Shadow(Protocol):
    """This laptop's copy of a server record: a ``sync_records`` row, or a
    :class:`NewShadow` to be inserted as one."""

    entity: str
    entity_id: str
    version: int
    seq: int
    data: dict[str, Any]
    field_seqs: dict[str, int]
    problem: str
    updated_at: dt.datetime


@dataclass
class NewShadow:
    """A copy of a server record this laptop did not have: the values of its
    ``sync_records`` row, inserted with the others of its page."""

    entity: str
    entity_id: str
    version: int
    seq: int
    data: dict[str, Any]
    field_seqs: dict[str, int]
    problem: str
    updated_at: dt.datetime


def new_shadow(op: PulledOp, now: dt.datetime) -> NewShadow:
    """An empty copy of the server's record ``op`` is on."""
    return NewShadow(op.entity, op.entity_id, op.version, op.seq, {}, {}, "", now)


def update_shadow(shadow: Shadow, op: PulledOp, now: dt.datetime) -> list[str]:
    """Fold ``op`` into this laptop's copy ``shadow`` of the server's record;
    the fields it brought that the copy did not have yet."""
    kind = ENTITIES.get(op.entity)
    data: dict[str, Any] = dict(shadow.data)
    seqs: dict[str, int] = dict(shadow.field_seqs)
    applied: list[str] = []
    if not seqs and not (kind is not None and kind.rows.keys() & op.changes.keys()):
        # a copy with nothing yet (most of an initial sync), no row lists: all is new
        data.update(op.changes)
        seqs = dict.fromkeys(op.changes, op.seq)
        applied = list(op.changes)
    else:
        for name, value in op.changes.items():
            rows = kind.rows.get(name) if kind is not None else None
            if rows is not None:
                existing = list(data.get(name) or [])
                seen = {rows.row_key(r) for r in existing if isinstance(r, Mapping)}
                new = [
                    r
                    for r in (value or [])
                    if isinstance(r, Mapping) and rows.row_key(r) not in seen
                ]
                if new:
                    data[name] = existing + new
                    applied.append(name)
                seqs[name] = max(seqs.get(name, 0), op.seq)
                continue
            if op.seq <= seqs.get(name, 0):
                continue
            data[name] = value
            seqs[name] = op.seq
            applied.append(name)
    if op.seq > shadow.seq or not shadow.data:
        shadow.seq = max(shadow.seq, op.seq)
        shadow.version = op.version
    shadow.data = data
    shadow.field_seqs = seqs
    shadow.updated_at = now
    return applied


# --------------------------------------------------------------------- run


def sync_once(
    ctx: Context,
    session: UserSession,
    client: SyncClient,
    progress: ProgressSink | None = None,
    *,
    push_batch: int = PUSH_BATCH,
    pull_limit: int = PULL_LIMIT,
) -> SyncReport:
    """Push this user's pending ops, pull what the server has for them since
    their cursor, apply it. Raises a :class:`~desktop.sync.errors.SyncError`
    when the server cannot be reached or refuses; what was done before stays
    done (each batch is committed whole)."""
    if client.user_id != session.user_id:
        raise SyncRefused(msg("与中心服务器的连接不是当前用户的，请重新输入密码后同步"))
    sink: ProgressSink = progress or NoProgress()
    report = SyncReport(started_at=ctx.now())
    try:
        _mark_local_only(ctx, report)
        _push(ctx, session, client, sink, report, max(1, min(push_batch, MAX_OPS_PER_PUSH)))
        _pull(ctx, session, client, sink, report, pull_limit)
        _reconcile(ctx, session, report)
    except SyncError as exc:
        _note_error(ctx, session, client.base_url, exc.message)
        raise
    report.finished_at = ctx.now()
    with ctx.transaction() as db:
        state = _state(db, ctx, session, client.base_url)
        state.last_sync_at = report.finished_at
        state.last_error = ""
        state.last_error_message = None
        report.cursor = state.cursor
    log.info(
        "sync done: pushed %d (merged %d, duplicates %d), rejected %d, deferred %d, "
        "held back %d (+%d waiting), pulled %d, applied %d, parked %d",
        report.pushed,
        report.merged,
        report.duplicates,
        report.rejected,
        report.deferred,
        report.held_back,
        report.waiting,
        report.pulled,
        report.applied,
        report.parked,
    )
    return report


def _state(db: Session, ctx: Context, session: UserSession, url: str) -> SyncState:
    """This device and user's sync state; the cursor starts again for another server."""
    state = db.get(SyncState, (ctx.device_id, session.user_id))
    if state is None:
        state = SyncState(
            device_id=ctx.device_id, user_id=session.user_id, server_url=url, cursor=0
        )
        db.add(state)
        db.flush()
    elif state.server_url != url:
        state.server_url = url
        state.cursor = 0
        state.snapshot_cursor = state.snapshot_after = None
    return state


def _note_error(ctx: Context, session: UserSession, url: str, message: str) -> None:
    try:
        with ctx.transaction() as db:
            state = _state(db, ctx, session, url)
            state.last_error = message[:500]
            state.last_error_message = message_json(message) if len(message) <= 500 else None
    except Exception:  # noting the error must not hide it
        log.exception("could not note the sync error")


def _mark_local_only(ctx: Context, report: SyncReport) -> None:
    with ctx.transaction() as db:
        rows = db.scalars(
            select(OutboxOp).where(
                OutboxOp.status == PENDING,
                or_(OutboxOp.entity.in_(sorted(LOCAL_ONLY)), OutboxOp.user_id.is_(None)),
            )
        )
        for op in rows:
            op.status = LOCAL
            op.reason = LOCAL_REASON
            report.local_only += 1


# -------------------------------------------------------------------- push


def _references(value: Any, depth: int = 0) -> set[str]:
    """The text values in an op's changes (record ids among them), two levels deep."""
    if isinstance(value, str):
        return {value}
    found: set[str] = set()
    if depth < 2 and isinstance(value, Mapping):
        for item in value.values():
            found |= _references(item, depth + 1)
    elif depth < 2 and isinstance(value, list):
        for item in value:
            found |= _references(item, depth + 1)
    return found


def _due(ctx: Context, session: UserSession, report: SyncReport) -> list[int]:
    """The outbox seqs of this user's ops to push now, in order. Held back:
    another user's ops, the later ops on the same records, and ops that refer
    to a record held back (a visit of a plan whose approval waits for its
    approver to sync), so the server never sees an op before one it depends on."""
    due: list[int] = []
    held: set[tuple[str, str]] = set()
    held_ids: set[str] = set()
    with ctx.read() as conn:
        rows = conn.execute(
            select(
                OutboxOp.seq,
                OutboxOp.entity,
                OutboxOp.entity_id,
                OutboxOp.user_id,
                OutboxOp.changes,
            )
            .where(OutboxOp.status == PENDING)
            .order_by(OutboxOp.seq)
        ).all()
    for seq, entity, entity_id, user_id, changes in rows:
        key = (entity, entity_id)
        if (
            user_id != session.user_id
            or key in held
            or (held_ids and not held_ids.isdisjoint(_references(changes)))
        ):
            held.add(key)
            held_ids.add(entity_id)
            if user_id == session.user_id:
                report.waiting += 1
            else:
                report.held_back += 1
            continue
        due.append(seq)
    return due


def _push(
    ctx: Context,
    session: UserSession,
    client: SyncClient,
    progress: ProgressSink,
    report: SyncReport,
    batch: int,
) -> None:
    due = _due(ctx, session, report)
    report.to_push = len(due)
    total = len(due)
    done = 0
    if total:
        progress.update(0, total, msg("正在发送本机的更改：{done}/{total}", done=0, total=total))
    for start in range(0, total, batch):
        progress.check()
        chunk = due[start : start + batch]
        with ctx.transaction() as db:
            ops = list(
                db.scalars(
                    select(OutboxOp)
                    .where(OutboxOp.seq.in_(chunk), OutboxOp.status == PENDING)
                    .order_by(OutboxOp.seq)
                )
            )
            bodies = [op_body(op) for op in ops]
        if not bodies:
            continue
        results = client.push(bodies)
        _record_answers(ctx, session, results, report)
        done += len(chunk)
        progress.update(
            done, total, msg("正在发送本机的更改：{done}/{total}", done=done, total=total)
        )


def _keep_reason(op: OutboxOp, reason: str) -> None:
    """The server's reason for ``op``, with its template and values if it has them."""
    op.reason = reason
    op.reason_message = message_json(reason)


def _record_answers(
    ctx: Context, session: UserSession, results: list[OpResult], report: SyncReport
) -> None:
    """Mark each op by the server's answer, all in one transaction."""
    now = ctx.now()
    with ctx.transaction() as db:
        begin_write(db)
        for result in results:
            op = db.scalar(select(OutboxOp).where(OutboxOp.op_id == result.op_id))
            if op is None:
                continue
            outcome = result.outcome
            if outcome == DEFERRED:
                _keep_reason(op, result.reason)
                report.deferred += 1
                continue
            answer = db.get(SyncAnswer, op.op_id)
            if answer is None:
                answer = SyncAnswer(op_id=op.op_id)
                db.add(answer)
            answer.status = outcome
            answer.code = result.code
            answer.reason = result.reason
            answer.seq = result.seq
            answer.version = result.version
            answer.answered_at = now
            duplicate = result.status == DUPLICATE
            if duplicate:
                report.duplicates += 1
            if outcome == ACCEPTED:
                op.status = PUSHED
                op.pushed_at = now
                _keep_reason(op, result.reason)
                report.pushed += 0 if duplicate else 1
                _adopt_version(db, op, result.version)
                if result.code == MERGED_CODE:
                    report.merged += 1
            elif outcome == REJECTED:
                op.status = STATUS_REJECTED
                op.pushed_at = now
                _keep_reason(op, result.reason or result.code or "服务器拒绝了该操作")
                report.rejected += 0 if duplicate else 1
                audit.append(
                    db,
                    at=now,
                    device_id=ctx.device_id,
                    user_id=session.user_id,
                    action="sync.rejected",
                    entity=op.entity,
                    entity_id=op.entity_id,
                    details={"op_id": op.op_id, "action": op.action, "code": result.code},
                )


# -------------------------------------------------------------------- pull


def _pull(
    ctx: Context,
    session: UserSession,
    client: SyncClient,
    progress: ProgressSink,
    report: SyncReport,
    limit: int,
) -> None:
    with ctx.transaction() as db:
        cursor = _state(db, ctx, session, client.base_url).cursor
    if cursor == 0:
        cursor = _snapshot(ctx, session, client, progress, report)
    progress.update(0, 0, msg("正在接收服务器上的更改…"))  # (n received, 0)
    asked: dict[int, int] = {}  # id(page) -> the cursor it was asked from

    def fetch(since: int) -> PullPage:
        page = client.pull(since, limit)
        asked[id(page)] = since
        return page

    def following(page: PullPage) -> int | None:
        since = asked.pop(id(page))
        last = not page.more or (page.next == since and not page.ops)
        return None if last else page.next

    for page in _prefetched(fetch, cursor, following, progress, _as_is):
        with ctx.transaction() as db:
            begin_write(db)
            PageApply(ctx, db, session, cursor, report).run(page.ops)
            clock = _advance_clock(ctx, db, (op.hlc for op in page.ops))
            _state(db, ctx, session, client.base_url).cursor = page.next
        if clock is not None:
            ctx._hlc = clock
        report.pulled += len(page.ops)
        progress.update(
            report.pulled, 0, msg("正在接收服务器上的更改：已接收 {count} 项", count=report.pulled)
        )
        cursor = page.next


def _prefetched(
    fetch: Callable[[_At], _Page],
    start: _At,
    following: Callable[[_Page], _At | None],
    progress: ProgressSink,
    prepare: Callable[[_Page], _Ready],
) -> Iterator[_Ready]:
    """``prepare(fetch(start))``, then the same from ``following(page)`` until
    that is ``None``, in order: one request at a time in a thread, each page
    prepared in a second one, so that the server makes a page while this
    laptop prepares the one before and applies the one before that."""
    with (
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-fetch") as fetcher,
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-prepare") as preparer,
    ):
        fetched: Future[_Page] | None = fetcher.submit(fetch, start)
        ready: deque[Future[_Ready]] = deque()
        while fetched is not None or ready:
            progress.check()
            while fetched is not None and (not ready or fetched.done()):
                page = fetched.result()
                after = following(page)
                fetched = None if after is None else fetcher.submit(fetch, after)
                ready.append(preparer.submit(prepare, page))
            yield ready.popleft().result()


def _as_is(page: _Page) -> _Page:
    return page


def _snapshot(
    ctx: Context,
    session: UserSession,
    client: SyncClient,
    progress: ProgressSink,
    report: SyncReport,
) -> int:
    """The user's first sync on this laptop: the records they may see, as the
    server has them now (:mod:`desktop.sync.initial`), page by page, each in
    one transaction with where it stands; the cursor to pull from after."""
    with ctx.transaction() as db:
        state = _state(db, ctx, session, client.base_url)
        after, taken = state.snapshot_after, state.snapshot_cursor
        known = initial.Known.load(db)
    progress.update(0, 0, msg("正在接收服务器上的记录…"))

    def following(page: SnapshotPage) -> str | None:
        if page.more and page.next == after:
            raise SyncProtocolError(msg("服务器返回的记录没有向前推进（next）"))
        return page.next if page.more else None

    def fetch(start: str | None) -> SnapshotPage:
        return client.snapshot(start, SNAPSHOT_LIMIT)

    def prepare(page: SnapshotPage) -> initial.Prepared:
        return initial.prepare(page, ctx.now())

    with gc_paused():  # a page's records: many objects, no cycles
        for prepared in _prefetched(fetch, after, following, progress, prepare):
            page = prepared.page
            taken = page.cursor if taken is None else taken
            with ctx.transaction() as db:
                begin_write(db)
                now = prepared.now
                done = initial.import_new(db, prepared, known)
                if done.rest:
                    PageApply(ctx, db, session, 0, report).run(done.rest)
                    known.keys.update((op.entity, op.entity_id) for op in done.rest)
                listed = initial.history(prepared.records)
                if done.written or listed:
                    audit.append_all(
                        db,
                        [
                            audit.NewEntry(
                                at=now,
                                device_id=ctx.device_id,
                                user_id=session.user_id,
                                action=audit.SYNC_APPLY_ACTION,
                                entity=APPLIED_ENTITY,
                                entity_id=f"snapshot@{taken}",
                                details={
                                    "snapshot": {"cursor": taken, "written": done.written},
                                    "ops": listed,
                                },
                            )
                        ],
                    )
                stamps = [page.hlc, *(str(op.get("hlc", "")) for op in listed)]
                clock = _advance_clock(ctx, db, stamps)
                state = _state(db, ctx, session, client.base_url)
                if page.more:
                    state.snapshot_after, state.snapshot_cursor = page.next, taken
                else:
                    state.cursor, state.snapshot_after, state.snapshot_cursor = taken, None, None
            if clock is not None:
                ctx._hlc = clock
            after = page.next
            written = sum(done.written.values())
            report.pulled += len(prepared.records)
            report.applied += written
            progress.update(
                report.pulled,
                0,
                msg("正在接收服务器上的记录：已接收 {count} 条", count=report.pulled),
            )
    return taken or 0


def _advance_clock(ctx: Context, db: Session, stamps: Iterable[str]) -> Hlc | None:
    """Move this laptop's clock past the newest of ``stamps`` (the ones that
    parse), saved in the transaction; the new clock, ``None`` if there is none."""
    parsed: list[Hlc] = []
    for stamp in stamps:
        try:
            parsed.append(Hlc.parse(stamp))
        except ValueError:
            continue
    if not parsed:
        return None
    saved = db.get(Setting, "hlc")
    last = Hlc.parse(saved.value) if saved else None
    if ctx._hlc is not None and (last is None or ctx._hlc > last):
        last = ctx._hlc
    clock = receive(last, max(parsed), int(ctx.now().timestamp() * 1000), ctx.device_id)
    db.merge(Setting(key="hlc", value=str(clock)))
    return clock


def in_flight(db: Session, since: int) -> dict[tuple[str, str], list[tuple[int, set[str]]]]:
    """This laptop's ops the server accepted after ``since`` but that have not
    come back in a pull yet: per record, their sequence numbers and fields."""
    out: dict[tuple[str, str], list[tuple[int, set[str]]]] = defaultdict(list)
    rows = db.execute(
        select(OutboxOp.entity, OutboxOp.entity_id, OutboxOp.changes, SyncAnswer.seq)
        .join(SyncAnswer, SyncAnswer.op_id == OutboxOp.op_id)
        .where(OutboxOp.status == PUSHED, SyncAnswer.seq > since)
    )
    for entity, entity_id, changes, seq in rows:
        out[(entity, entity_id)].append((int(seq), set(changes or {})))
    return dict(out)


@dataclass
class _Change:
    """A pulled op that changes this laptop's records, and what writing it did
    (``None`` while its record waits in :class:`_Creates`)."""

    op: PulledOp
    new: list[str]
    pending: set[str]
    own: bool
    written: Written | None = None


@dataclass
class _Create:
    shadow: Shadow
    change: _Change
    row: dict[str, Any]
    changed: list[str]


class _Creates:
    """New records of the plain kinds (no child rows), written together: one
    multi-row INSERT per run of the same table and columns, in op order, in
    one savepoint. If that fails (a record refers to one this laptop does not
    have...), each is written on its own by :func:`materialise`, which parks
    just the ones that cannot be written yet."""

    def __init__(self, ctx: Context, db: Session) -> None:
        self.ctx = ctx
        self.db = db
        self.waiting: dict[tuple[str, str], _Create] = {}

    def add(self, shadow: Shadow, change: _Change) -> bool:
        """Queue the record (new here) for writing; ``False`` if it needs the ORM."""
        kind = ENTITIES.get(shadow.entity)
        if kind is None or not initial.bulk_insertable(kind):
            return False
        try:
            built = insert_values(kind, shadow.entity_id, shadow.data)
        except ValueError:
            return False
        if built is None:
            return False
        row, changed = built
        row.update(version=shadow.version, updated_at=self.ctx.now())
        self.waiting[(shadow.entity, shadow.entity_id)] = _Create(shadow, change, row, changed)
        return True

    def flush(self) -> None:
        if not self.waiting:
            return
        runs: list[tuple[type[Any], tuple[str, ...], list[dict[str, Any]]]] = []
        for item in self.waiting.values():
            model = ENTITIES[item.shadow.entity].model
            columns = tuple(item.row)
            if not runs or runs[-1][:2] != (model, columns):
                runs.append((model, columns, []))
            runs[-1][2].append(item.row)
        try:
            with self.db.begin_nested():
                for model, _columns, rows in runs:
                    insert_many(self.db, model.__table__, rows)
        except IntegrityError:
            for item in self.waiting.values():
                item.change.written = materialise(self.ctx, self.db, item.shadow, None)
        else:
            for item in self.waiting.values():
                item.shadow.problem = ""
                item.change.written = Written(True, tuple(item.changed))
        self.waiting.clear()


class PageApply:
    """Applies one pull page in one transaction, in bulk: the copies of the
    server's records, the local records, the answers and claims they need are
    fetched once for the page; new copies, new plain records and the audit
    entries are written with multi-row INSERTs; other records one by one
    (:func:`materialise`). The effect is that of applying the ops one by one."""

    def __init__(
        self, ctx: Context, db: Session, session: UserSession, since: int, report: SyncReport
    ) -> None:
        self.ctx = ctx
        self.db = db
        self.session = session
        self.report = report
        self.now = ctx.now()
        self.blocked = pending_fields(db)
        self.flying = in_flight(db, since)

    def run(self, ops: Sequence[PulledOp]) -> None:
        db = self.db
        keys = {(op.entity, op.entity_id) for op in ops}
        shadows = _load_shadows(db, keys)
        records = _load_records(db, keys)  # held: the session only keeps them weakly
        answered = answered_versions(db, keys)
        claims = _claims(db, [op.op_id for op in ops if op.device_id == self.ctx.device_id])
        fresh: list[NewShadow] = []
        creates = _Creates(self.ctx, db)
        changes: list[_Change] = []
        for op in ops:
            key = (op.entity, op.entity_id)
            own = op.device_id == self.ctx.device_id
            if own:
                self.report.own += 1
            if key in creates.waiting:  # written as it was before this op
                creates.flush()
            shadow = shadows.get(key)
            if shadow is None:
                fresh.append(new_shadow(op, self.now))
                shadow = shadows[key] = fresh[-1]
            new = update_shadow(shadow, op, self.now)
            # An op of this laptop: the fields it set locally are checked against the
            # server's copy too (the server may have kept another laptop's newer text).
            claimed = claims.get(op.op_id, set()) if own else set()
            if not new and not claimed and not shadow.problem:
                continue  # nothing this laptop did not have
            pending = self.blocked.get(key, set())
            change = _Change(op, new, pending, own)
            changes.append(change)
            if key not in records and key not in creates.waiting and creates.add(shadow, change):
                records[key] = None
                continue
            creates.flush()
            # Fields a later op of this laptop set (accepted, not pulled back yet) keep
            # the local value: the server has it, and it comes back with that op.
            later = set().union(*(f for seq, f in self.flying.get(key, ()) if seq > op.seq))
            names: Iterable[str] | None = None if op.snapshot else set(new) | claimed
            change.written = materialise(
                self.ctx,
                db,
                shadow,
                names,
                pending | later,
                pending=bool(pending),
                answered=answered.get(key, 0),
            )
        creates.flush()
        insert_many(db, SHADOW_TABLE, [vars(s) for s in fresh])
        audit.append_all(db, self._audit(changes))

    def _audit(self, changes: Iterable[_Change]) -> Iterator[audit.NewEntry]:
        """One ``sync.apply`` entry for the page (an entry per op was most of
        an initial sync's time): each op that changed this laptop's records,
        or brought fields it kept local, with what writing it did."""
        applied: list[dict[str, Any]] = []
        for change in changes:
            written, op = change.written, change.op
            assert written is not None
            if written.problem:
                self.report.parked += 1
            if written.touched:
                self.report.applied += 1
            if not (written.touched or (change.new and not change.own and op.op_id)):
                continue  # (no op id: a first sync's copy of a record, written as it was)
            applied.append(
                {
                    "op_id": op.op_id,
                    "seq": op.seq,
                    "entity": op.entity,
                    "entity_id": op.entity_id,
                    "action": op.action,
                    "origin": op.device_id,
                    "user_id": op.user_id,
                    "hlc": op.hlc,
                    "fields": sorted(written.changed),
                    "created": written.created,
                    "kept_local": sorted(change.pending & set(change.new)),
                    "not_written": written.problem,
                }
            )
        if applied:
            yield audit.NewEntry(
                at=self.now,
                device_id=self.ctx.device_id,
                user_id=self.session.user_id,
                action=audit.SYNC_APPLY_ACTION,
                entity=APPLIED_ENTITY,
                entity_id=f"{applied[0]['seq']}-{applied[-1]['seq']}",
                details={"ops": applied},
            )


def _load_shadows(db: Session, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Shadow]:
    out: dict[tuple[str, str], Shadow] = {}
    for entity, ids in _by_entity(keys).items():
        for chunk in _chunks(ids):
            for shadow in db.scalars(
                select(SyncRecord).where(
                    SyncRecord.entity == entity, SyncRecord.entity_id.in_(chunk)
                )
            ):
                out[(entity, shadow.entity_id)] = shadow
    return out


def _load_records(db: Session, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Any]:
    """The local records of ``keys`` that exist, loaded into the session."""
    out: dict[tuple[str, str], Any] = {}
    for entity, ids in _by_entity(keys).items():
        kind = ENTITIES.get(entity)
        if kind is None:
            continue
        model: Any = kind.model
        for chunk in _chunks(ids):
            for record in db.scalars(select(model).where(model.id.in_(chunk))):
                out[(entity, record.id)] = record
    return out


def _claims(db: Session, op_ids: list[str]) -> dict[str, set[str]]:
    """The fields each of these outbox ops (this laptop's, pulled back) set."""
    out: dict[str, set[str]] = {}
    for chunk in _chunks(op_ids):
        rows = db.execute(select(OutboxOp.op_id, OutboxOp.changes).where(OutboxOp.op_id.in_(chunk)))
        out.update({op_id: set(changes or {}) for op_id, changes in rows})
    return out


# --------------------------------------------------------------- reconcile


def restore_refused(ctx: Context, db: Session, ops: Iterable[OutboxOp]) -> list[tuple[str, str]]:
    """Put the fields of refused ``ops`` back to the server's values (where the
    server has the record and no pending op changed them since); the records
    that changed."""
    blocked = pending_fields(db)
    fields: dict[tuple[str, str], set[str]] = defaultdict(set)
    for op in ops:
        fields[(op.entity, op.entity_id)].update(op.changes or {})
    restored: list[tuple[str, str]] = []
    for key, names in fields.items():
        shadow = db.get(SyncRecord, key)
        if shadow is None:
            continue
        local = blocked.get(key, set())
        written = materialise(ctx, db, shadow, names, local, pending=bool(local))
        if written.touched:
            restored.append(key)
    return restored


def retry_parked(ctx: Context, db: Session, limit: int = PARKED_RETRY_LIMIT) -> int:
    """Try again to write the records that could not be written; how many still cannot."""
    parked = list(db.scalars(select(SyncRecord).where(SyncRecord.problem != "").limit(limit)))
    if not parked:
        return 0
    blocked = pending_fields(db)
    left = 0
    for shadow in parked:
        local = blocked.get((shadow.entity, shadow.entity_id), set())
        if materialise(ctx, db, shadow, None, local, pending=bool(local)).problem:
            left += 1
    return left


def _reconcile(ctx: Context, session: UserSession, report: SyncReport) -> None:
    with ctx.transaction() as db:
        begin_write(db)
        refused = list(db.scalars(select(OutboxOp).where(OutboxOp.status == STATUS_REJECTED)))
        for entity, entity_id in restore_refused(ctx, db, refused):
            report.restored += 1
            audit.append(
                db,
                at=ctx.now(),
                device_id=ctx.device_id,
                user_id=session.user_id,
                action="sync.restore",
                entity=entity,
                entity_id=entity_id,
                details={"reason": "refused by the server; kept as a conflict"},
            )
        report.parked = retry_parked(ctx, db)
