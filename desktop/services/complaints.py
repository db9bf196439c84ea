"""Complaints (效能投诉, FJ 30–34, MAS 13(1), 15–16): one function per user action.

The complainant's identity (投诉人身份) never exists here in clear except in
memory: it is sealed on registration for every complaint handler and the
office recovery key (:func:`desktop.crypto.seal_identity`), stored as
ciphertext, and found again by keyed blind indexes, never by decrypting.
Every reading of an identity is an audit entry; so is every refusal.

The rules come from :mod:`desktop.domain.complaints`; the differences
between jurisdictions from ``ctx.profile``.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, NamedTuple, cast

from sqlalchemy import Select, String, bindparam, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from desktop.crypto import (
    BlindIndexer,
    ComplainantIdentity,
    DecryptionError,
    InvalidIdNumber,
    InvalidPhoneNumber,
    SealedIdentity,
    normalise_phone,
    open_identity,
    rewrap,
    seal_identity,
    validate_id_number,
)
from desktop.domain.common import Refusal, Role, require
from desktop.domain.complaints import (
    Closing,
    ComplaintFacts,
    FollowUp,
    check_closing,
    check_extension,
    check_identity_access,
    check_registration,
    check_routing,
    complaint_deadline,
)
from desktop.domain.deadlines import DeadlineStatus, Urgency, deadline_status
from desktop.domain.messages import msg
from desktop.services import auth
from desktop.services.auth import SignInFailed, UserSession, handler_recipients
from desktop.services.base import (
    Actor,
    Context,
    Forbidden,
    InvalidInput,
    ServiceError,
    change,
    contains_pattern,
    display_names,
    get,
    require_role,
)
from desktop.store import audit
from desktop.store.hlc import Hlc
from desktop.store.ids import new_id
from desktop.store.models import Agency, AuditEntry, Complaint, Official, User

REGISTERED = "registered"  # 已登记
ROUTED = "routed"  # 已分办
CLOSED = "closed"  # 已办结

HANDLERS = (Role.COMPLAINT_HANDLER,)
ROUTERS = (Role.COMPLAINT_HANDLER, Role.SUPERVISOR)
READERS = (Role.COMPLAINT_HANDLER, Role.SUPERVISOR, Role.OFFICE_HEAD)

DUE_SOON_WORKING_DAYS = 3  # "即将到期" this many working days before the due date
MAX_PAGE = 500
_GRANT_BATCH = 200

ENTITY = Complaint.__tablename__


class ComplaintView(NamedTuple):
    """What a list or a detail screen shows of a complaint: never the identity.

    A named tuple rather than a dataclass: lists build thousands of them and
    a tuple is several times cheaper to make (bench/ui.py).
    """

    id: str
    channel: str
    received_on: dt.date
    anonymous: bool
    subject_agency_id: str
    subject_agency_name: str
    matter: str
    state: str
    due_on: dt.date
    working_days_left: int | None  # None once closed
    urgency: Urgency | None  # None once closed
    urgent_criteria: tuple[str, ...]
    mode: str | None
    result: str | None
    has_identity: bool


# ------------------------------------------------------------------ helpers


def _facts(complaint: Complaint) -> ComplaintFacts:
    return ComplaintFacts(
        channel=complaint.channel,
        received_on=complaint.received_on,
        anonymous=complaint.anonymous,
        urgent_criteria=frozenset(complaint.urgent_criteria or ()),
        extensions=complaint.extensions,
        closed=complaint.state == CLOSED,
    )


def _b64(data: bytes | None) -> str | None:
    return base64.b64encode(data).decode("ascii") if data is not None else None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _clean_identity(identity: ComplainantIdentity, today: dt.date) -> ComplainantIdentity:
    """Validate the identity as typed; return it trimmed with the ID number in
    its canonical form. Messages never repeat the values."""
    name = identity.name.strip()
    id_number = identity.id_number.strip()
    phone = identity.phone.strip()
    if id_number:
        try:
            id_number = validate_id_number(id_number, today=today)
        except InvalidIdNumber as exc:
            raise InvalidInput(exc.args[0], field="id_number") from None
    if phone:
        try:
            normalise_phone(phone)
        except InvalidPhoneNumber as exc:
            raise InvalidInput(exc.args[0], field="phone") from None
    if not (name or id_number or phone):
        raise InvalidInput(
            msg("实名投诉至少需要填写投诉人姓名、电话或身份证号码之一；否则请登记为匿名投诉"),
            field="name",
        )
    return ComplainantIdentity(
        name=name,
        id_number=id_number,
        phone=phone,
        address=identity.address.strip(),
        notes=identity.notes.strip(),
    )


def _refusal_text(refusal: Refusal) -> str:
    """``str(refusal)`` (the message and its article), kept translatable."""
    if not refusal.article:
        return refusal.message
    return msg("{message}（{article}）", message=refusal.message, article=refusal.article)


def _actor(user: UserSession) -> Actor:
    """A session as the :class:`Actor` the base helpers take (it has the same fields)."""
    return cast(Actor, user)


def _indexer(user: UserSession) -> BlindIndexer:
    if user.blind_indexer is None:
        raise ServiceError(msg("尚未获得查重索引密钥：请重新登录，或请另一位投诉受理人员完成授权"))
    return user.blind_indexer


def _audit(
    ctx: Context,
    db: Session,
    user: UserSession,
    action: str,
    complaint_id: str,
    details: dict[str, Any],
) -> None:
    audit.append(
        db,
        at=ctx.now(),
        device_id=ctx.device_id,
        user_id=user.user_id,
        action=action,
        entity=ENTITY,
        entity_id=complaint_id,
        details=details,
    )


def _open_complaint(db: Session, complaint_id: str) -> Complaint:
    complaint = get(db, Complaint, complaint_id, msg("投诉"))
    if complaint.state == CLOSED:
        # Workflow guard; see the report: check_routing has no "closed" fact yet.
        raise ServiceError(msg("投诉已办结，不能再办理"), code="complaint.closed")
    return complaint


# ------------------------------------------------------------- registration


def register_complaint(
    ctx: Context,
    user: UserSession,
    *,
    channel: str,
    received_on: dt.date,
    subject_agency_id: str,
    matter: str,
    identity: ComplainantIdentity | None,
    subject_official_id: str | None = None,
    urgent_criteria: Iterable[str] = (),
) -> str:
    """Register a complaint (登记投诉). ``identity=None`` means anonymous (匿名).

    The identity is sealed for every handler and the office recovery key;
    only its ciphertext and blind indexes are stored and synced.
    Returns the new complaint's id.
    """
    auth.touch(ctx, user)
    require_role(_actor(user), HANDLERS, msg("登记投诉"))
    today = ctx.today()
    criteria = frozenset(c.strip() for c in urgent_criteria if c.strip())
    facts = ComplaintFacts(
        channel=channel,
        received_on=received_on,
        anonymous=identity is None,
        urgent_criteria=criteria,
    )
    refusals = check_registration(facts, ctx.profile)
    for refusal in refusals:
        if refusal.code == "complaint.unknown_channel":
            raise InvalidInput(_refusal_text(refusal), field="channel")
    if received_on > today:
        raise InvalidInput(msg("收到日期 {date} 晚于今天", date=received_on), field="received_on")
    if not matter.strip():
        raise InvalidInput(msg("请填写投诉事项"), field="matter")
    cleaned = _clean_identity(identity, today) if identity is not None else None
    indexer = _indexer(user) if cleaned is not None else None
    if user.office_id is None:
        raise ServiceError(msg("当前用户未设置所属效能办，无法登记投诉"))

    with ctx.transaction() as db:
        if db.get(Agency, subject_agency_id) is None:
            raise InvalidInput(msg("找不到被投诉单位"), field="subject_agency_id")
        if subject_official_id is not None and db.get(Official, subject_official_id) is None:
            raise InvalidInput(msg("找不到被投诉人"), field="subject_official_id")
        require(refusals)

        complaint_id = new_id()
        sealed: bytes | None = None
        id_index: str | None = None
        phone_index: str | None = None
        if cleaned is not None and indexer is not None:
            sealed = seal_identity(
                cleaned, handler_recipients(db), record_id=complaint_id
            ).to_bytes()
            id_index = indexer.id_number(cleaned.id_number) if cleaned.id_number else None
            phone_index = indexer.phone(cleaned.phone) if cleaned.phone else None
        due = complaint_deadline(facts, ctx.profile).due

        complaint = Complaint(
            id=complaint_id,
            profile_id=ctx.profile.id,
            office_id=user.office_id,
            channel=channel,
            received_on=received_on,
            anonymous=cleaned is None,
            sealed_identity=sealed,
            id_number_index=id_index,
            phone_index=phone_index,
            subject_agency_id=subject_agency_id,
            subject_official_id=subject_official_id,
            matter=matter.strip(),
            urgent_criteria=sorted(criteria),
            registered_by=user.user_id,
            state=REGISTERED,
            due_on=due,
        )
        db.add(complaint)
        db.flush()
        change(
            ctx,
            db,
            _actor(user),
            "complaint.register",
            complaint,
            {
                "profile_id": complaint.profile_id,
                "office_id": complaint.office_id,
                "channel": complaint.channel,
                "received_on": _iso(complaint.received_on),
                "anonymous": complaint.anonymous,
                "sealed_identity": _b64(complaint.sealed_identity),
                "id_number_index": complaint.id_number_index,
                "phone_index": complaint.phone_index,
                "subject_agency_id": complaint.subject_agency_id,
                "subject_official_id": complaint.subject_official_id,
                "matter": complaint.matter,
                "urgent_criteria": list(complaint.urgent_criteria),
                "registered_by": complaint.registered_by,
                "state": complaint.state,
                "due_on": _iso(complaint.due_on),
            },
            created=True,
        )
        return complaint_id


# ------------------------------------------------------ repeat complainants


def find_repeat_complainants(
    ctx: Context, user: UserSession, *, id_number: str = "", phone: str = ""
) -> list[str]:
    """Ids of complaints by the same ID number or phone (重复投诉), newest first,
    found by blind index alone: nothing is decrypted."""
    auth.touch(ctx, user)
    require_role(_actor(user), HANDLERS, msg("查询重复投诉"))
    indexer = _indexer(user)
    conditions = []
    if id_number.strip():
        conditions.append(Complaint.id_number_index == indexer.id_number(id_number))
    if phone.strip():
        try:
            conditions.append(Complaint.phone_index == indexer.phone(phone))
        except InvalidPhoneNumber as exc:
            raise InvalidInput(exc.args[0], field="phone") from None
    if not conditions:
        raise InvalidInput(msg("请填写身份证号码或电话号码"), field="id_number")
    with ctx.transaction() as db:
        rows = db.scalars(
            select(Complaint.id)
            .where(or_(*conditions))
            .order_by(Complaint.received_on.desc(), Complaint.id.desc())
        )
        return list(rows)


def repeat_count(ctx: Context, user: UserSession, complaint_id: str) -> int:
    """How many other complaints share this complaint's ID-number or phone index
    (the "重复投诉" hint); 0 for an anonymous complaint."""
    auth.touch(ctx, user)
    require_role(_actor(user), HANDLERS, msg("查询重复投诉"))
    with ctx.transaction() as db:
        complaint = get(db, Complaint, complaint_id, msg("投诉"))
        conditions = []
        if complaint.id_number_index:
            conditions.append(Complaint.id_number_index == complaint.id_number_index)
        if complaint.phone_index:
            conditions.append(Complaint.phone_index == complaint.phone_index)
        if not conditions:
            return 0
        count = db.scalar(
            select(func.count())
            .select_from(Complaint)
            .where(or_(*conditions), Complaint.id != complaint.id)
        )
        return int(count or 0)


# ------------------------------------------------------------------ identity


def reveal_identity(ctx: Context, user: UserSession, complaint_id: str) -> ComplainantIdentity:
    """Decrypt a complainant's identity (查看投诉人身份) — complaint handlers only
    (FJ 34, MAS 15). Every reading and every refusal is an audit entry."""
    auth.touch(ctx, user)
    refusals = check_identity_access(user.roles)
    if refusals:
        with ctx.transaction() as db:
            _audit(
                ctx,
                db,
                user,
                "complaint.reveal_refused",
                complaint_id,
                {"codes": [r.code for r in refusals]},
            )
        raise Forbidden(_refusal_text(refusals[0]))  # the one refusal there is

    with ctx.transaction() as db:
        complaint = get(db, Complaint, complaint_id, msg("投诉"))
        if complaint.anonymous or complaint.sealed_identity is None:
            raise ServiceError(msg("匿名投诉，无投诉人身份"), code="complaint.anonymous")
        if user.private_key is None:
            raise ServiceError(msg("本人私钥未解开，请重新登录"), field="password")
        identity, failure = _decrypt(complaint, user)
        if failure is not None:
            _audit(ctx, db, user, "complaint.reveal_failed", complaint.id, {"reason": failure.code})
        else:
            _audit(ctx, db, user, "complaint.reveal_identity", complaint.id, {})
    if identity is None:
        assert failure is not None
        raise failure
    return identity


def _decrypt(
    complaint: Complaint, user: UserSession
) -> tuple[ComplainantIdentity | None, ServiceError | None]:
    """The identity, or the refusal to show (nothing decrypted then)."""
    assert complaint.sealed_identity is not None and user.private_key is not None
    try:
        sealed = SealedIdentity.from_bytes(complaint.sealed_identity)
        if user.user_id not in sealed.key_ids:
            return None, ServiceError(
                msg(
                    "本投诉登记时您尚未获得授权：请另一位投诉受理人员登录并为新受理人员授权后再查看"
                ),
                code="complaint.identity_not_granted",
            )
        return open_identity(sealed, user.user_id, user.private_key, record_id=complaint.id), None
    except DecryptionError:
        return None, ServiceError(
            msg("无法解密投诉人身份：密钥不匹配或数据已损坏，未解密任何内容。请联系管理员"),
            code="complaint.identity_decryption_failed",
        )


def grant_identities_to_new_handlers(ctx: Context, user: UserSession) -> int:
    """Re-wrap the data key of every complaint this handler can open for the
    handlers (and the recovery key) not yet among its recipients. Returns how
    many complaints were updated; each is audited with the ids granted."""
    auth.touch(ctx, user)
    if Role.COMPLAINT_HANDLER not in user.roles or user.private_key is None:
        raise Forbidden(msg("只有已登录的投诉受理人员可以为新的受理人员授权"))
    updated = 0
    with ctx.transaction() as db:
        recipients = handler_recipients(db)
        last_id = ""
        while True:
            batch = list(
                db.scalars(
                    select(Complaint)
                    .where(Complaint.sealed_identity.is_not(None), Complaint.id > last_id)
                    .order_by(Complaint.id)
                    .limit(_GRANT_BATCH)
                )
            )
            if not batch:
                break
            last_id = batch[-1].id
            for complaint in batch:
                assert complaint.sealed_identity is not None
                try:
                    sealed = SealedIdentity.from_bytes(complaint.sealed_identity)
                except DecryptionError:
                    continue  # malformed: reported by reveal_identity, not fixable here
                if user.user_id not in sealed.key_ids:
                    continue  # another handler who holds it can grant it
                missing = {k: v for k, v in recipients.items() if k not in sealed.key_ids}
                if not missing:
                    continue
                try:
                    new = rewrap(
                        sealed, user.user_id, user.private_key, missing, record_id=complaint.id
                    )
                except DecryptionError:
                    _audit(
                        ctx,
                        db,
                        user,
                        "complaint.grant_failed",
                        complaint.id,
                        {"reason": "decryption_failed"},
                    )
                    continue
                complaint.sealed_identity = new.to_bytes()
                change(
                    ctx,
                    db,
                    _actor(user),
                    "complaint.grant_identity",
                    complaint,
                    {"sealed_identity": _b64(complaint.sealed_identity)},
                    audit_details={"granted": sorted(missing)},
                )
                updated += 1
    return updated


# ------------------------------------------------------- routing, deadlines


def route_complaint(
    ctx: Context,
    user: UserSession,
    complaint_id: str,
    *,
    mode: str,
    handler_agency_id: str | None = None,
    time_limit: dt.date | None = None,
    requirements: str = "",
) -> None:
    """Route a complaint (分办): 自办 / 转办 / 督办 (FJ 31); a transfer or
    supervision carries a time limit and requirements (FJ 33)."""
    auth.touch(ctx, user)
    require_role(_actor(user), ROUTERS, msg("分办投诉"))
    with ctx.transaction() as db:
        complaint = _open_complaint(db, complaint_id)
        require(
            check_routing(
                mode, time_limit, requirements, ctx.today(), complaint.due_on, ctx.profile
            )
        )
        handling = ctx.profile.complaints.mode(mode)
        if handler_agency_id is not None and db.get(Agency, handler_agency_id) is None:
            raise InvalidInput(msg("找不到承办单位"), field="handler_agency_id")
        if handling.needs_limit_and_requirements and handler_agency_id is None:
            raise InvalidInput(
                msg("{mode}须选择承办单位", mode=handling.name), field="handler_agency_id"
            )
        complaint.mode = mode
        complaint.handler_agency_id = handler_agency_id
        if handling.needs_limit_and_requirements:
            complaint.transfer_limit = time_limit
            complaint.transfer_requirements = requirements.strip()
        else:
            complaint.transfer_limit = None
            complaint.transfer_requirements = ""
        complaint.state = ROUTED
        change(
            ctx,
            db,
            _actor(user),
            "complaint.route",
            complaint,
            {
                "mode": complaint.mode,
                "handler_agency_id": complaint.handler_agency_id,
                "transfer_limit": _iso(complaint.transfer_limit),
                "transfer_requirements": complaint.transfer_requirements,
                "state": complaint.state,
            },
        )


def extend_complaint(
    ctx: Context,
    user: UserSession,
    complaint_id: str,
    *,
    approver_username: str,
    approver_password: str,
    reason: str,
) -> dt.date:
    """Extend the deadline once, approved by the office head, who confirms with
    their own password on this laptop (MAS 15 第四款). Returns the new due date."""
    auth.touch(ctx, user)
    require_role(_actor(user), ROUTERS, msg("申请投诉延期"))
    with ctx.transaction() as db:
        complaint = get(db, Complaint, complaint_id, msg("投诉"))
        try:
            approver = auth.confirm_password(ctx, db, approver_username, approver_password)
        except SignInFailed as exc:
            raise SignInFailed(exc.message, field="approver_password") from None
        approver_roles = frozenset(Role(r) for r in approver.role_names)
        facts = _facts(complaint)
        require(check_extension(facts, approver_roles, reason, ctx.today(), ctx.profile))
        complaint.extensions += 1
        complaint.extension_reason = reason.strip()
        complaint.due_on = complaint_deadline(_facts(complaint), ctx.profile).due
        change(
            ctx,
            db,
            _actor(user),
            "complaint.extend",
            complaint,
            {
                "extensions": complaint.extensions,
                "extension_reason": complaint.extension_reason,
                "due_on": _iso(complaint.due_on),
            },
            audit_details={
                "fields": ["due_on", "extension_reason", "extensions"],
                "approved_by": approver.id,
            },
        )
        return complaint.due_on


def close_complaint(
    ctx: Context,
    user: UserSession,
    complaint_id: str,
    *,
    result: str,
    explanation: str,
    reply_channel: str | None,
    reply: str,
    follow_up: Collection[str],
) -> None:
    """Close a complaint (办结) with its result and the reply given through the
    channel it came by (FJ 33, MAS 16)."""
    auth.touch(ctx, user)
    require_role(_actor(user), HANDLERS, msg("办结投诉"))
    try:
        actions = frozenset(FollowUp(f) for f in follow_up)
    except ValueError:
        raise InvalidInput(msg("未知的处理措施"), field="follow_up") from None
    channels = {c.id for c in ctx.profile.complaints.channels}
    if reply_channel is not None and reply_channel not in channels:
        raise InvalidInput(msg("未知的答复渠道"), field="reply_channel")
    with ctx.transaction() as db:
        complaint = get(db, Complaint, complaint_id, msg("投诉"))
        closing = Closing(
            result=result,
            explanation=explanation,
            reply_channel=reply_channel,
            follow_up=actions,
        )
        require(check_closing(_facts(complaint), closing, ctx.profile))
        complaint.result = result
        complaint.explanation = explanation.strip()
        complaint.follow_up = sorted(a.value for a in actions)
        complaint.reply_channel = reply_channel
        complaint.reply = reply.strip()
        complaint.state = CLOSED
        complaint.closed_on = ctx.today()
        change(
            ctx,
            db,
            _actor(user),
            "complaint.close",
            complaint,
            {
                "result": complaint.result,
                "explanation": complaint.explanation,
                "follow_up": list(complaint.follow_up),
                "reply_channel": complaint.reply_channel,
                "reply": complaint.reply,
                "state": complaint.state,
                "closed_on": _iso(complaint.closed_on),
            },
        )


# --------------------------------------------------------------- reading


# The list reads these columns only: never the sealed identity itself. The
# two dates and the JSON list come back as their stored text and are parsed
# here (date.fromisoformat, and no JSON parse for the usual empty list):
# SQLAlchemy's generic result processing costs more than the query (bench/ui.py).
_LIST_COLUMNS = (
    Complaint.id,
    Complaint.channel,
    type_coerce(Complaint.received_on, String),
    Complaint.anonymous,
    Complaint.subject_agency_id,
    Complaint.matter,
    Complaint.state,
    type_coerce(Complaint.due_on, String),
    type_coerce(Complaint.urgent_criteria, String),
    Complaint.mode,
    Complaint.result,
    Complaint.sealed_identity.is_not(None).label("has_identity"),
    Agency.name.label("agency_name"),
)


@functools.cache
def _list_query(by_state: bool, by_search: bool, overdue_only: bool) -> Select[*tuple[Any, ...]]:
    """The list's SELECT for one combination of filters, built once; the values
    come as bound parameters (``profile``, ``state``, ``pattern``, ``today``,
    ``limit``, ``offset``)."""
    query = (
        select(*_LIST_COLUMNS)
        .join(Agency, Complaint.subject_agency_id == Agency.id)
        .where(Complaint.profile_id == bindparam("profile"))
    )
    if by_state:
        query = query.where(Complaint.state == bindparam("state"))
    if by_search:
        pattern = bindparam("pattern", type_=String)
        query = query.where(
            or_(Complaint.matter.like(pattern, escape="\\"), Agency.name.like(pattern, escape="\\"))
        )
    if overdue_only:
        query = query.where(Complaint.due_on < bindparam("today"), Complaint.state != CLOSED)
    return (
        query.order_by(Complaint.received_on.desc(), Complaint.id.desc())
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )


def _criteria(text: str | None) -> tuple[str, ...]:
    """``urgent_criteria`` as stored (JSON text) → a tuple."""
    if not text or text == "[]":
        return ()
    return tuple(json.loads(text))


def _view(complaint: Complaint, agency_name: str, today: dt.date) -> ComplaintView:
    """The view of one complaint record (the list builds its rows in
    :func:`list_complaints` from :data:`_LIST_COLUMNS`)."""
    left: int | None = None
    urgency: Urgency | None = None
    if complaint.state != CLOSED:
        status = deadline_status(complaint.due_on, today, DUE_SOON_WORKING_DAYS)
        left, urgency = status.working_days_left, status.urgency
    return ComplaintView(
        id=complaint.id,
        channel=complaint.channel,
        received_on=complaint.received_on,
        anonymous=complaint.anonymous,
        subject_agency_id=complaint.subject_agency_id,
        subject_agency_name=agency_name,
        matter=complaint.matter,
        state=complaint.state,
        due_on=complaint.due_on,
        working_days_left=left,
        urgency=urgency,
        urgent_criteria=tuple(complaint.urgent_criteria or ()),
        mode=complaint.mode,
        result=complaint.result,
        has_identity=complaint.sealed_identity is not None,
    )


def list_complaints(
    ctx: Context,
    user: UserSession,
    *,
    state: str | None = None,
    search: str = "",
    overdue_only: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> list[ComplaintView]:
    """One page of complaints (投诉列表), newest first; ``search`` matches the
    matter and the subject agency's name. Never any identity field."""
    auth.touch(ctx, user)
    require_role(_actor(user), READERS, msg("查看投诉"))
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidInput(msg("每页条数应在 1 到 {most} 之间", most=MAX_PAGE), field="limit")
    if offset < 0:
        raise InvalidInput(msg("起始位置不能为负数"), field="offset")
    today = ctx.today()
    search = search.strip()
    query = _list_query(bool(state), bool(search), overdue_only)
    params = {"profile": ctx.profile.id, "state": state, "today": today, "limit": limit,
              "offset": offset, "pattern": contains_pattern(search)}  # fmt: skip
    with ctx.read() as conn:
        rows = conn.execute(query, params).all()
    statuses: dict[dt.date, DeadlineStatus] = {}
    views = []
    for (id_, channel, received, anonymous, agency_id, matter, row_state, due, urgent,
         mode, result, has_identity, agency_name) in rows:  # fmt: skip
        due_on = dt.date.fromisoformat(due)
        left: int | None = None
        urgency: Urgency | None = None
        if row_state != CLOSED:
            status = statuses.get(due_on)
            if status is None:
                status = statuses[due_on] = deadline_status(due_on, today, DUE_SOON_WORKING_DAYS)
            left, urgency = status.working_days_left, status.urgency
        views.append(ComplaintView(
            id_, channel, dt.date.fromisoformat(received), anonymous, agency_id, agency_name,
            matter, row_state, due_on, left, urgency, _criteria(urgent), mode, result,
            has_identity))  # fmt: skip
    return views


def get_complaint(ctx: Context, user: UserSession, complaint_id: str) -> ComplaintView:
    """One complaint as :class:`ComplaintView` (no identity field)."""
    auth.touch(ctx, user)
    require_role(_actor(user), READERS, msg("查看投诉"))
    with ctx.transaction() as db:
        complaint = get(db, Complaint, complaint_id, msg("投诉"))
        agency = db.get(Agency, complaint.subject_agency_id)
        return _view(complaint, agency.name if agency else "", ctx.today())


# ------------------------------------------------------- for the screens


# The form field (the parameter name of the service function) a rule refusal
# belongs beside, by refusal code; refusals not listed are shown for the form.
REFUSAL_FIELDS: Mapping[str, str] = MappingProxyType(
    {
        "complaint.unknown_channel": "channel",
        "complaint.no_urgent_rule": "urgent_criteria",
        "complaint.unknown_urgent_criterion": "urgent_criteria",
        "complaint.unknown_mode": "mode",
        "complaint.transfer_limit_required": "time_limit",
        "complaint.transfer_limit_past": "time_limit",
        "complaint.transfer_limit_after_due": "time_limit",
        "complaint.transfer_requirements_required": "requirements",
        "complaint.extension_approver": "approver_username",
        "complaint.extension_reason": "reason",
        "complaint.unknown_result": "result",
        "complaint.follow_up_required": "follow_up",
        "complaint.explanation_required": "explanation",
        "complaint.reply_channel": "reply_channel",
    }
)

# Per-record actions of :func:`available_complaint_actions`.
ACTION_ROUTE = "route"
ACTION_EXTEND = "extend"
ACTION_CLOSE = "close"
ACTION_REVEAL = "reveal_identity"


def refusal_field(code: str) -> str | None:
    """The field a refusal with ``code`` is shown beside, if any."""
    return REFUSAL_FIELDS.get(code)


@dataclass(frozen=True)
class ComplaintPermissions:
    """What the signed-in user's roles allow on complaints (the screens offer
    only these; the services check again)."""

    read: bool
    register: bool
    route: bool
    extend: bool
    close: bool
    reveal_identity: bool
    find_repeats: bool


def complaint_permissions(user: UserSession) -> ComplaintPermissions:
    """The complaint actions ``user``'s roles allow (FJ 34, MAS 15: only handlers
    see identities)."""
    roles = user.roles
    handler = bool(roles & set(HANDLERS))
    router = bool(roles & set(ROUTERS))
    return ComplaintPermissions(
        read=bool(roles & set(READERS)),
        register=handler,
        route=router,
        extend=router,
        close=handler,
        reveal_identity=not check_identity_access(roles),
        find_repeats=handler,
    )


def available_complaint_actions(
    ctx: Context, user: UserSession, complaint_id: str
) -> frozenset[str]:
    """What ``user`` may start on this complaint now: routing, extension and
    closing while it is open, reading the identity when there is one."""
    auth.touch(ctx, user)
    require_role(_actor(user), READERS, msg("查看投诉"))
    allowed = complaint_permissions(user)
    with ctx.transaction() as db:
        complaint = get(db, Complaint, complaint_id, msg("投诉"))
        is_open = complaint.state != CLOSED
        has_identity = complaint.sealed_identity is not None
    actions: set[str] = set()
    if is_open and allowed.route:
        actions.add(ACTION_ROUTE)
    if is_open and allowed.extend:
        actions.add(ACTION_EXTEND)
    if is_open and allowed.close:
        actions.add(ACTION_CLOSE)
    if has_identity and allowed.reveal_identity:
        actions.add(ACTION_REVEAL)
    return frozenset(actions)


@dataclass(frozen=True)
class ComplaintDetail:
    """Everything a detail screen shows of a complaint, except the identity."""

    view: ComplaintView
    subject_official_name: str | None
    registered_by_name: str
    handler_agency_id: str | None
    handler_agency_name: str | None
    transfer_limit: dt.date | None
    transfer_requirements: str
    extensions: int
    extension_reason: str
    explanation: str
    follow_up: tuple[str, ...]
    reply_channel: str | None
    reply: str
    closed_on: dt.date | None


def get_complaint_detail(ctx: Context, user: UserSession, complaint_id: str) -> ComplaintDetail:
    """One complaint with its routing, extension and closing (no identity field)."""
    auth.touch(ctx, user)
    require_role(_actor(user), READERS, msg("查看投诉"))
    with ctx.transaction() as db:
        complaint = get(db, Complaint, complaint_id, msg("投诉"))
        agency = db.get(Agency, complaint.subject_agency_id)
        official = (
            db.get(Official, complaint.subject_official_id)
            if complaint.subject_official_id
            else None
        )
        handler = (
            db.get(Agency, complaint.handler_agency_id) if complaint.handler_agency_id else None
        )
        registrar = db.get(User, complaint.registered_by)
        return ComplaintDetail(
            view=_view(complaint, agency.name if agency else "", ctx.today()),
            subject_official_name=official.name if official else None,
            registered_by_name=registrar.display_name if registrar else "",
            handler_agency_id=complaint.handler_agency_id,
            handler_agency_name=handler.name if handler else None,
            transfer_limit=complaint.transfer_limit,
            transfer_requirements=complaint.transfer_requirements,
            extensions=complaint.extensions,
            extension_reason=complaint.extension_reason,
            explanation=complaint.explanation,
            follow_up=tuple(complaint.follow_up or ()),
            reply_channel=complaint.reply_channel,
            reply=complaint.reply,
            closed_on=complaint.closed_on,
        )


@dataclass(frozen=True)
class HistoryEntry:
    """One line of a complaint's record (处理记录): who did what, when. Built from
    the audit trail; never any identity field."""

    at: dt.datetime  # aware, UTC
    user_name: str
    action: str  # the audit action, e.g. "complaint.reveal_identity"
    approved_by_name: str | None = None  # an extension's approving head


def complaint_history(
    ctx: Context,
    user: UserSession,
    complaint_id: str,
    *,
    actions: Collection[str] | None = None,
    limit: int = 200,
) -> list[HistoryEntry]:
    """The complaint's history, oldest first: what was done on this laptop
    (its audit entries: registration, routing, extension, closing and every
    reading of the identity, FJ 34: who, when) and what colleagues did on
    other laptops, as the sync brought it (the ops a ``sync.apply`` entry
    lists, at their own time). ``actions`` keeps only those actions (e.g. the
    reveals)."""
    auth.touch(ctx, user)
    require_role(_actor(user), READERS, msg("查看投诉"))
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidInput(msg("每页条数应在 1 到 {most} 之间", most=MAX_PAGE), field="limit")
    here = (
        select(AuditEntry)
        .where(AuditEntry.entity == ENTITY, AuditEntry.entity_id == complaint_id)
        .order_by(AuditEntry.seq)
    )
    pulled = (
        select(AuditEntry)
        .where(
            AuditEntry.action == audit.SYNC_APPLY_ACTION,
            type_coerce(AuditEntry.details, String).contains(complaint_id),
        )
        .order_by(AuditEntry.seq)
    )
    with ctx.transaction() as db:
        get(db, Complaint, complaint_id, msg("投诉"))
        found: list[tuple[dt.datetime, str | None, str, str | None]] = []
        for entry in db.scalars(here):
            approver = entry.details.get("approved_by")
            approver_id = approver if isinstance(approver, str) else None
            found.append((entry.at, entry.user_id, entry.action, approver_id))
        seen: set[str] = set()
        for entry in db.scalars(pulled):
            for op in entry.details.get("ops", ()):
                op_id = op.get("op_id")
                if (
                    op.get("entity_id") != complaint_id
                    or op.get("origin") == ctx.device_id
                    or not op_id
                    or op_id in seen
                ):
                    # another record, this laptop's own op come back, a copy of the
                    # record (a first sync's), or an op listed before (another user's sync)
                    continue
                seen.add(op_id)
                at = _stamp_time(op.get("hlc"), entry.at)
                found.append((at, op.get("user_id"), str(op.get("action", "")), None))
        if actions is not None:
            found = [f for f in found if f[2] in actions]
        found.sort(key=lambda f: f[0])
        names = display_names(db, {f[1] for f in found} | {f[3] for f in found})
        return [
            HistoryEntry(
                at=at,
                user_name=names.get(user_id or "", ""),
                action=action,
                approved_by_name=names.get(approver) if approver else None,
            )
            for at, user_id, action, approver in found[:limit]
        ]


def _stamp_time(stamp: Any, default: dt.datetime) -> dt.datetime:
    """The wall time of a hybrid logical clock stamp (when the op was made)."""
    try:
        wall_ms = Hlc.parse(str(stamp)).wall_ms
    except ValueError:
        return default
    return dt.datetime.fromtimestamp(wall_ms / 1000, dt.UTC)
