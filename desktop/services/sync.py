"""Sync with the central server (同步): the server address, signing in to it,
one sync run, what is waiting and what the server refused, and resolving a
conflict.

* Only administrators set the server address; every signed-in user syncs
  their own operations (the server takes a user's ops only from that user).
* The server session token lives in memory (:class:`~desktop.sync.client.SyncClient`);
  the password is asked for when there is none and never stored.
* A conflict is a local op the server refused (``rejected``, with its reason)
  or a pending local op on a record the server has changed since the op was
  made. :func:`resolve_conflict` either drops the local op — the record keeps
  the server's state — or makes it again against the server's current
  version (workflow moves are checked by the domain rule again first, and the
  server judges them again).
"""

from __future__ import annotations

import datetime as dt
import platform
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import urlsplit

import httpx
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.domain.common import Role, RuleViolation
from desktop.domain.messages import msg
from desktop.domain.plans import PlanAction, apply_transition
from desktop.services import auth
from desktop.services.auth import UserSession
from desktop.services.base import (
    Context,
    Forbidden,
    InvalidInput,
    NotFound,
    ServiceError,
    change,
    require_role,
)
from desktop.services.documents import NumberTopUp, top_up_numbers
from desktop.store import audit
from desktop.store.db import begin_write
from desktop.store.models import OutboxOp, Setting, SyncAnswer, SyncRecord, SyncState, User
from desktop.sync.client import SyncClient, normalise_url
from desktop.sync.engine import (
    DISCARDED,
    PENDING,
    RETRIED,
    STATUS_REJECTED,
    ProgressSink,
    SyncReport,
    materialise,
    pending_fields,
    retry_parked,
    server_version,
    sync_once,
)
from desktop.sync.errors import SyncError, SyncRefused
from desktop.sync.protocol import with_message
from desktop.sync.records import ENTITIES, redact, write_fields
from desktop.sync.uploads import UploadReport, upload_all

SERVER_URL_KEY: Final = "server_url"
INTERVAL_KEY: Final = "sync_interval_minutes"
DEFAULT_INTERVAL: Final = 15
MAX_INTERVAL: Final = 24 * 60
URL_MAX: Final = 300
DISCARD_MINE: Final = "discard_mine"
RETRY: Final = "retry"
CHOICES: Final = (DISCARD_MINE, RETRY)
_PLAN_MOVES: Final = frozenset(f"plan.{a.value}" for a in PlanAction)
_LABEL_FIELDS: Final = ("title", "place", "matter", "name", "number", "content", "statement")
_LABEL_MAX = 40
_URL_EXAMPLE: Final = msg("例如 https://xiaoneng.example.gov.cn 或 http://192.168.1.10:8700")


# ------------------------------------------------------------------ settings


def _setting(db: Session, key: str) -> str:
    row = db.get(Setting, key)
    return row.value if row is not None else ""


def server_url(ctx: Context) -> str:
    """The central server's address ("" when the laptop works alone)."""
    with ctx.transaction() as db:
        return _setting(db, SERVER_URL_KEY)


def check_server_url(url: str) -> str:
    """``url`` as it is stored: an http(s) address without credentials, query
    or trailing slash; "" clears it. Raises :class:`InvalidInput` (field
    ``server_url``) otherwise."""
    text = url.strip()
    if not text:
        return ""
    if len(text) > URL_MAX:
        raise InvalidInput(
            msg("服务器地址不能超过 {max_length} 个字符", max_length=URL_MAX), field=SERVER_URL_KEY
        )
    try:
        parts = urlsplit(text)
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError:
        raise InvalidInput(
            msg("服务器地址无效：{example}", example=_URL_EXAMPLE), field=SERVER_URL_KEY
        ) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput(
            msg("服务器地址应以 http:// 或 https:// 开头，{example}", example=_URL_EXAMPLE),
            field=SERVER_URL_KEY,
        )
    if parts.username is not None or parts.password is not None:
        raise InvalidInput(msg("服务器地址中不能包含用户名或密码"), field=SERVER_URL_KEY)
    if parts.query or parts.fragment:
        raise InvalidInput(msg("服务器地址不能带“?”或“#”后的部分"), field=SERVER_URL_KEY)
    if not port_ok:
        raise InvalidInput(msg("服务器地址的端口号无效"), field=SERVER_URL_KEY)
    if any(c.isspace() for c in text):
        raise InvalidInput(msg("服务器地址中不能有空格"), field=SERVER_URL_KEY)
    return normalise_url(text)


def set_server(ctx: Context, user: UserSession, url: str) -> str:
    """Set the central server's address (administrator); "" makes the laptop
    work alone. Returns the address as stored. Each user's pull starts again
    from the beginning on a new server."""
    auth.touch(ctx, user)
    require_role(user, {Role.ADMINISTRATOR}, msg("设置中心服务器地址"))
    value = check_server_url(url)
    with ctx.transaction() as db:
        if _setting(db, SERVER_URL_KEY) == value:
            return value
        db.merge(Setting(key=SERVER_URL_KEY, value=value))
        audit.append(
            db,
            at=ctx.now(),
            device_id=ctx.device_id,
            user_id=user.user_id,
            action="settings.server_url",
            entity="settings",
            entity_id=SERVER_URL_KEY,
            details={"server_url": value},
        )
    return value


def sync_interval(ctx: Context) -> int:
    """Minutes between background syncs (0: only when asked)."""
    with ctx.transaction() as db:
        raw = _setting(db, INTERVAL_KEY)
    try:
        return max(0, min(int(raw), MAX_INTERVAL)) if raw else DEFAULT_INTERVAL
    except ValueError:
        return DEFAULT_INTERVAL


def set_sync_interval(ctx: Context, user: UserSession, minutes: int) -> None:
    """Set the background sync interval for this laptop (any signed-in user)."""
    auth.touch(ctx, user)
    if isinstance(minutes, bool) or not 0 <= minutes <= MAX_INTERVAL:
        raise InvalidInput(
            msg(
                "自动同步间隔应在 0 到 {max_minutes} 分钟之间（0 为不自动同步）",
                max_minutes=MAX_INTERVAL,
            ),
            field=INTERVAL_KEY,
        )
    with ctx.transaction() as db:
        if _setting(db, INTERVAL_KEY) == str(minutes):
            return
        db.merge(Setting(key=INTERVAL_KEY, value=str(minutes)))
        audit.append(
            db,
            at=ctx.now(),
            device_id=ctx.device_id,
            user_id=user.user_id,
            action="settings.sync_interval",
            entity="settings",
            entity_id=INTERVAL_KEY,
            details={"minutes": minutes},
        )


# --------------------------------------------------------------------- run


def connect(
    ctx: Context,
    user: UserSession,
    password: str,
    *,
    transport: httpx.BaseTransport | None = None,
) -> SyncClient:
    """Sign ``user`` in to the central server with their own password; the
    client to sync with (its token in memory only)."""
    auth.touch(ctx, user)
    url = server_url(ctx)
    if not url:
        raise ServiceError(
            msg("尚未设置中心服务器地址：请管理员在同步页填写"),
            field=SERVER_URL_KEY,
            code="sync.no_server",
        )
    if not password:
        raise InvalidInput(msg("请输入本人密码以连接中心服务器"), field="password")
    client = SyncClient(url, ctx.device_id, transport=transport)
    try:
        login = client.login(user.username, password, device_name=platform.node())
        if login.user_id != user.user_id:
            raise SyncRefused(
                msg(
                    "中心服务器上该用户名对应的账户与本机的不是同一人（用户编号不同），请联系管理员"
                )
            )
    except BaseException:
        client.close()
        raise
    with ctx.transaction() as db:
        audit.append(
            db,
            at=ctx.now(),
            device_id=ctx.device_id,
            user_id=user.user_id,
            action="sync.sign_in",
            entity="settings",
            entity_id=SERVER_URL_KEY,
            details={"server_url": url},
        )
    return client


@dataclass(frozen=True)
class SyncOutcome:
    """One run's report, and the complaint handlers the server publishes a
    key for that this laptop has no matching key of (new identities sealed
    here do not reach them until their account is on this laptop)."""

    report: SyncReport
    handlers_without_key: tuple[str, ...] = ()
    #: The document-number blocks fetched after the sync (``top_up_numbers``).
    numbers: NumberTopUp = field(default_factory=NumberTopUp)
    #: The audit trail and evidence files sent and fetched after the sync.
    uploads: UploadReport = field(default_factory=UploadReport)


def run_sync(
    ctx: Context,
    user: UserSession,
    client: SyncClient,
    progress: ProgressSink | None = None,
) -> SyncOutcome:
    """One sync run for ``user`` (background work: it does not count as the
    user's activity, and refuses when the session has locked)."""
    auth.ensure_unlocked(ctx, user)
    if client.user_id != user.user_id:
        raise SyncRefused(msg("与中心服务器的连接不是当前用户的，请重新输入密码后同步"))
    from desktop.services import enrol  # enrol builds on this module

    directory = enrol.refresh_directory(ctx, user, client)  # users first: pulled ops name them
    report = sync_once(ctx, user, client, progress)
    enrol.settle_directory(ctx, user, directory)
    blocks = top_up_numbers(ctx, user, client)
    without_key = _handlers_without_key(ctx, client)
    return SyncOutcome(report, without_key, blocks, upload_all(ctx, client, progress))


def _handlers_without_key(ctx: Context, client: SyncClient) -> tuple[str, ...]:
    try:
        published = client.handler_keys()
    except SyncError:
        return ()
    with ctx.transaction() as db:
        local = {u.id: u.public_key for u in db.scalars(select(User))}
    return tuple(
        sorted(
            h.username
            for h in published.handlers
            if h.public_key and local.get(h.user_id) != h.public_key
        )
    )


# ------------------------------------------------------------------ status


@dataclass(frozen=True)
class ConflictView:
    """A conflict as the page shows it: what this laptop did and what the
    server said and has. Identity fields are never shown (ciphertext)."""

    op_id: str
    entity: str
    entity_id: str
    action: str
    reason: str  # a Message where it can be (the server's template, or the laptop's)
    local_changes: dict[str, Any]
    server_state: dict[str, Any] | None  # None: the server has no such record
    status: str  # rejected | pending
    code: str = ""
    label: str = ""
    user_id: str | None = None
    base_version: int = 0
    server_version: int | None = None
    created_at: dt.datetime | None = None


@dataclass(frozen=True)
class SyncStatus:
    """What the 同步 page shows."""

    server_url: str
    last_sync_at: dt.datetime | None
    last_error: str  # a Message where it can be
    pending: int
    rejected: int
    conflicts: list[ConflictView]
    pending_by_entity: dict[str, int] = field(default_factory=dict)
    pending_mine: int = 0
    interval_minutes: int = DEFAULT_INTERVAL


def _label(db: Session, entity: str, entity_id: str) -> str:
    kind = ENTITIES.get(entity)
    if kind is None:
        return ""
    record = db.get(kind.model, entity_id)
    if record is None:
        return ""
    for name in _LABEL_FIELDS:
        value = getattr(record, name, None)
        if isinstance(value, str) and value.strip():
            text = value.strip().replace("\n", " ")
            return text if len(text) <= _LABEL_MAX else text[: _LABEL_MAX - 1] + "…"
    return ""


def _overlaps(db: Session, op: OutboxOp) -> SyncRecord | None:
    """The server's copy of the record if the server changed it after this
    pending op was made (the op's base version is behind)."""
    if op.base_version <= 0:
        return None
    shadow = db.get(SyncRecord, (op.entity, op.entity_id))
    if shadow is None or server_version(db, shadow) <= op.base_version:
        return None
    return shadow


def _view(db: Session, op: OutboxOp, shadow: SyncRecord | None, reason: str) -> ConflictView:
    answer = db.get(SyncAnswer, op.op_id)
    keys = list(op.changes or {})
    server = None
    if shadow is not None:
        server = redact({k: shadow.data.get(k) for k in keys})
    return ConflictView(
        op_id=op.op_id,
        entity=op.entity,
        entity_id=op.entity_id,
        action=op.action,
        reason=reason,
        local_changes=redact(dict(op.changes or {})),
        server_state=server,
        status=op.status,
        code=answer.code if answer is not None else "",
        label=_label(db, op.entity, op.entity_id),
        user_id=op.user_id,
        base_version=op.base_version,
        server_version=server_version(db, shadow) if shadow is not None else None,
        created_at=op.created_at,
    )


_CODE_TEXT: Final = {
    "conflict.base_version": msg("服务器上的该记录已被其他人修改，本机的更改是在旧版本上做的"),
    "record.unknown": msg("服务器上没有该记录（新建它的操作被拒绝或尚未发送）"),
    "auth.role": msg("服务器上本人的角色无权执行此操作"),
}


def refusal_text(code: str, reason: str) -> str:
    """The server's reason for a refusal, with a Chinese explanation where the
    server's own words are technical."""
    explained = _CODE_TEXT.get(code)
    if explained and reason and reason != explained:
        return msg("{explanation}（{reason}）", explanation=explained, reason=reason)
    return explained or reason or msg("服务器拒绝了该操作")


def _conflicts(db: Session, user: UserSession) -> list[ConflictView]:
    mine = OutboxOp.user_id == user.user_id
    scope = [] if Role.ADMINISTRATOR in user.roles else [mine]
    views: list[ConflictView] = []
    for op in db.scalars(
        select(OutboxOp).where(OutboxOp.status == STATUS_REJECTED, *scope).order_by(OutboxOp.seq)
    ):
        shadow = db.get(SyncRecord, (op.entity, op.entity_id))
        answer = db.get(SyncAnswer, op.op_id)
        reason = with_message(op.reason, op.reason_message)
        views.append(_view(db, op, shadow, refusal_text(answer.code if answer else "", reason)))
    for op in db.scalars(
        select(OutboxOp)
        .where(OutboxOp.status == PENDING, OutboxOp.base_version > 0, *scope)
        .order_by(OutboxOp.seq)
    ):
        shadow = _overlaps(db, op)
        if shadow is not None:
            reason = msg(
                "服务器上的该记录已被其他设备修改（服务器版本 {server_version}，"
                "本机的更改基于版本 {base_version}）。下次同步时自由文本按时间先后合并，"
                "流程操作可能被服务器拒绝",
                server_version=server_version(db, shadow),
                base_version=op.base_version,
            )
            views.append(_view(db, op, shadow, reason))
    return views


def sync_status(ctx: Context, user: UserSession) -> SyncStatus:
    """The server address, the last sync, what waits and the conflicts of
    ``user`` (an administrator sees every user's conflicts)."""
    auth.touch(ctx, user)
    with ctx.transaction() as db:
        state = db.get(SyncState, (ctx.device_id, user.user_id))
        rows = db.execute(
            select(OutboxOp.status, OutboxOp.entity, OutboxOp.user_id, func.count()).group_by(
                OutboxOp.status, OutboxOp.entity, OutboxOp.user_id
            )
        ).all()
        by_entity: dict[str, int] = {}
        pending = rejected = pending_mine = 0
        for status, entity, user_id, n in rows:
            if status == PENDING:
                pending += n
                by_entity[entity] = by_entity.get(entity, 0) + n
                if user_id == user.user_id:
                    pending_mine += n
            elif status == STATUS_REJECTED:
                rejected += n
        conflicts = _conflicts(db, user)
        url = _setting(db, SERVER_URL_KEY)
    return SyncStatus(
        server_url=url,
        last_sync_at=state.last_sync_at if state is not None else None,
        last_error=with_message(state.last_error, state.last_error_message) if state else "",
        pending=pending,
        rejected=rejected,
        conflicts=conflicts,
        pending_by_entity=by_entity,
        pending_mine=pending_mine,
        interval_minutes=sync_interval(ctx),
    )


# ----------------------------------------------------------------- resolve


def resolve_conflict(ctx: Context, user: UserSession, op_id: str, choice: str) -> str | None:
    """Resolve the conflict of local op ``op_id``:

    * ``discard_mine`` — drop the local op (the UI asks first); the record
      keeps the server's state, or, if the server never had the record, it
      is removed here too. Audited (``sync.discard``).
    * ``retry`` — make the op again against the server's current version (a
      new op, sent at the next sync; the old one is kept as ``retried``). A
      workflow move is checked by the domain rule on the server's current
      state first and may be refused again. Returns the new op's id.
    """
    auth.touch(ctx, user)
    if choice not in CHOICES:
        raise InvalidInput(msg("处理方式应为放弃本机更改或重新提交"), field="choice")
    with ctx.transaction() as db:
        begin_write(db)
        op = db.scalar(select(OutboxOp).where(OutboxOp.op_id == op_id))
        if op is None:
            raise NotFound(msg("找不到该操作（可能已处理）"))
        own = op.user_id == user.user_id
        if not own and not (choice == DISCARD_MINE and Role.ADMINISTRATOR in user.roles):
            raise Forbidden(msg("只能处理本人的操作（管理员可以放弃他人的操作）"))
        if op.status == PENDING and _overlaps(db, op) is None:
            raise ServiceError(
                msg("该操作没有冲突，会在下次同步时发送"), code="sync.not_a_conflict"
            )
        if op.status not in (STATUS_REJECTED, PENDING):
            raise ServiceError(msg("该操作已处理"), code="sync.not_a_conflict")
        if choice == DISCARD_MINE:
            _discard(ctx, db, user, op)
            return None
        if op.status != STATUS_REJECTED:
            raise ServiceError(
                msg("该操作尚未被服务器拒绝，会在下次同步时发送；如不需要可放弃"),
                code="sync.not_rejected",
            )
        return _retry(ctx, db, user, op)


def _discard(ctx: Context, db: Session, user: UserSession, op: OutboxOp) -> None:
    previous = op.status
    key = (op.entity, op.entity_id)
    op.status = DISCARDED
    op.reason = f"已放弃本机更改（{user.username}）；{op.reason}"[:2000]
    op.reason_message = None
    db.flush()
    shadow = db.get(SyncRecord, key)
    kind = ENTITIES.get(op.entity)
    removed = False
    if shadow is not None:
        blocked = pending_fields(db).get(key, set())
        written = materialise(
            ctx, db, shadow, list(op.changes or {}), blocked, pending=bool(blocked)
        )
        if written.problem:
            raise ServiceError(
                msg("无法恢复服务器上的内容：{problem}", problem=written.problem),
                code="sync.restore",
            )
    elif op.base_version == 0 and kind is not None:
        waiting = db.scalar(
            select(func.count())
            .select_from(OutboxOp)
            .where(
                OutboxOp.entity == op.entity,
                OutboxOp.entity_id == op.entity_id,
                OutboxOp.status.in_((PENDING, STATUS_REJECTED)),
            )
        )
        record = db.get(kind.model, op.entity_id)
        if record is not None and not waiting:
            try:
                with db.begin_nested():
                    db.delete(record)
                    db.flush()
            except IntegrityError:
                raise ServiceError(
                    msg("该记录已被本机其他记录引用，不能删除：请先处理引用它的记录"),
                    code="sync.in_use",
                ) from None
            removed = True
    audit.append(
        db,
        at=ctx.now(),
        device_id=ctx.device_id,
        user_id=user.user_id,
        action="sync.discard",
        entity=op.entity,
        entity_id=op.entity_id,
        details={
            "op_id": op.op_id,
            "action": op.action,
            "fields": sorted(op.changes or {}),
            "was": previous,
            "removed": removed,
        },
    )
    retry_parked(ctx, db)


def _revalidate(
    ctx: Context, user: UserSession, op: OutboxOp, record: Any, changes: dict[str, Any]
) -> dict[str, Any]:
    """A workflow move checked again on the record as the server has it."""
    if op.entity != "inspection_plans" or op.action not in _PLAN_MOVES:
        return changes
    from desktop.services.plans import plan_actor, plan_facts

    action = PlanAction(op.action.removeprefix("plan."))
    try:
        target = apply_transition(
            plan_facts(record),
            action,
            plan_actor(user),
            ctx.profile,
            str(changes.get("return_reason") or ""),
        )
    except RuleViolation as exc:
        raise ServiceError(
            msg(
                "重新提交被规则拒绝（服务器上的记录已不同）：{refusals}。可以放弃本机更改",
                refusals="；".join(str(r) for r in exc.refusals),
            ),
            code="sync.retry_refused",
        ) from None
    return {**changes, "state": target.value}


def _retry(ctx: Context, db: Session, user: UserSession, op: OutboxOp) -> str:
    kind = ENTITIES.get(op.entity)
    if kind is None:
        raise ServiceError(msg("这类操作不能重新提交"), code="sync.retry_unsupported")
    key = (op.entity, op.entity_id)
    blocked = pending_fields(db).get(key, set())
    if blocked:
        raise ServiceError(
            msg("该记录还有本机尚未发送的更改：请先同步，再重新提交"), code="sync.retry_pending"
        )
    shadow = db.get(SyncRecord, key)
    if shadow is None and op.base_version != 0:
        raise ServiceError(
            msg("服务器上还没有该记录（新建它的操作被拒绝或尚未同步）：请先同步或处理新建它的操作"),
            code="sync.retry_no_record",
        )
    if shadow is not None and op.base_version == 0:
        raise ServiceError(
            msg("服务器上已有该记录，不能再次新建：请放弃本机更改"), code="sync.retry_exists"
        )
    if shadow is not None:
        written = materialise(ctx, db, shadow, list(op.changes or {}), (), pending=False)
        if written.problem:
            raise ServiceError(
                msg("无法读取服务器上的内容：{problem}", problem=written.problem),
                code="sync.restore",
            )
    record: Any = db.get(kind.model, op.entity_id)
    if record is None:
        raise ServiceError(msg("本机已没有该记录，不能重新提交"), code="sync.retry_no_record")
    changes = _revalidate(ctx, user, op, record, dict(op.changes or {}))
    try:
        write_fields(db, kind, record, changes, append_rows=True)
    except ValueError:
        raise ServiceError(msg("该操作的内容无法再次写入"), code="sync.retry_invalid") from None
    created = shadow is None
    record.version = 1 if created else server_version(db, shadow) if shadow else 0
    db.flush()
    new = change(
        ctx,
        db,
        user,
        op.action,
        record,
        changes,
        audit_details={"fields": sorted(changes), "retry_of": op.op_id},
        created=created,
    )
    op.status = RETRIED
    op.reason = f"已重新提交为新操作 {new.op_id}；{op.reason}"[:2000]
    op.reason_message = None
    audit.append(
        db,
        at=ctx.now(),
        device_id=ctx.device_id,
        user_id=user.user_id,
        action="sync.retry",
        entity=op.entity,
        entity_id=op.entity_id,
        details={"op_id": op.op_id, "new_op_id": new.op_id, "action": op.action},
    )
    return new.op_id
