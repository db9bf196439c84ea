"""Rectification requirements and supervision suggestions (整改要求 / 督查建议 FJ 28,
监察建议 MAS 22; 责令限期改正 MAS 14（六）) with their deadline and follow-up.

A supervisor issues one to an agency with a due date; by default the
profile's ``rectification`` deadline counted on the official calendar from
the day it is issued. Supervisors and inspectors record the follow-up:
``done`` (adopted, 已整改), ``rejected`` (not adopted: FJ 28 says the agency
must adopt unless it has good reason, so the reason it gave is required) or
back to ``open``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from desktop.domain.common import Role
from desktop.domain.deadlines import DeadlineStatus, Urgency, deadline_status, due_date
from desktop.domain.messages import msg
from desktop.services import auth
from desktop.services.auth import UserSession
from desktop.services.base import Context, InvalidInput, change, get, require_role
from desktop.store.models import Agency, Complaint, Decision, InspectionPlan, Rectification

KINDS = {"requirement": msg("整改要求"), "suggestion": msg("督查建议")}
STATES = {"open": msg("未完成"), "done": msg("已整改"), "rejected": msg("未采纳")}
ISSUERS: frozenset[Role] = frozenset({Role.SUPERVISOR})
FOLLOWERS: frozenset[Role] = frozenset({Role.SUPERVISOR, Role.INSPECTOR})
READERS: frozenset[Role] = frozenset({Role.SUPERVISOR, Role.OFFICE_HEAD, Role.INSPECTOR})
PAGE_MAX = 500
#: Working days before the due date when the UI starts warning (即将到期).
WARN_WORKING_DAYS = 3
DEADLINE_KEY = "rectification"


@dataclass(frozen=True)
class RectificationView:
    """A rectification as the UI lists it. ``status`` (working days left,
    urgency) is given while it is open, ``None`` once done or rejected."""

    id: str
    kind: str
    kind_name: str
    agency_id: str
    agency_name: str
    plan_id: str | None
    complaint_id: str | None
    decision_id: str | None
    content: str
    issued_on: dt.date
    due_on: dt.date
    state: str
    state_name: str
    follow_up: str
    status: DeadlineStatus | None
    version: int

    @property
    def overdue(self) -> bool:
        return self.status is not None and self.status.urgency is Urgency.OVERDUE

    @property
    def working_days_left(self) -> int | None:
        return None if self.status is None else self.status.working_days_left


def issue_rectification(
    ctx: Context,
    user: UserSession,
    *,
    kind: str,
    agency_id: str,
    content: str,
    issued_on: dt.date,
    due_on: dt.date | None = None,
    plan_id: str | None = None,
    complaint_id: str | None = None,
    decision_id: str | None = None,
) -> str:
    """Issue a rectification requirement or supervision suggestion (supervisors).
    Returns its id.

    ``due_on`` defaults to the profile's ``rectification`` deadline from
    ``issued_on`` (FJ 28 / MAS 14（六）, counted on the official calendar); a
    due date before the issue date is refused.
    """
    auth.touch(ctx, user)
    require_role(user, ISSUERS, msg("提出整改要求或督查建议"))
    with ctx.transaction() as db:
        if kind not in KINDS:
            raise InvalidInput(msg("类型应为整改要求或督查建议"), field="kind")
        if db.get(Agency, agency_id) is None:
            raise InvalidInput(msg("找不到该单位"), field="agency_id")
        if not content.strip():
            raise InvalidInput(msg("请填写整改要求或建议的内容"), field="content")
        if issued_on > ctx.today():
            raise InvalidInput(msg("提出日期不能晚于今天"), field="issued_on")
        if due_on is None:
            rule = ctx.profile.deadline(DEADLINE_KEY)
            if rule is None:
                raise InvalidInput(
                    msg("当前规则配置未规定整改时限，请填写整改期限"), field="due_on"
                )
            due_on = due_date(issued_on, rule.limit).due
        elif due_on < issued_on:
            raise InvalidInput(msg("整改期限不能早于提出日期"), field="due_on")
        if plan_id is not None and db.get(InspectionPlan, plan_id) is None:
            raise InvalidInput(msg("找不到关联的督查方案"), field="plan_id")
        if complaint_id is not None and db.get(Complaint, complaint_id) is None:
            raise InvalidInput(msg("找不到关联的投诉"), field="complaint_id")
        if decision_id is not None and db.get(Decision, decision_id) is None:
            raise InvalidInput(msg("找不到关联的问责决定"), field="decision_id")
        record = Rectification(
            kind=kind,
            agency_id=agency_id,
            plan_id=plan_id,
            complaint_id=complaint_id,
            decision_id=decision_id,
            content=content.strip(),
            issued_on=issued_on,
            due_on=due_on,
            state="open",
            follow_up="",
        )
        db.add(record)
        db.flush()
        changes = {
            "kind": kind,
            "agency_id": agency_id,
            "plan_id": plan_id,
            "complaint_id": complaint_id,
            "decision_id": decision_id,
            "content": record.content,
            "issued_on": issued_on.isoformat(),
            "due_on": due_on.isoformat(),
            "state": "open",
            "follow_up": "",
        }
        change(ctx, db, user, "rectification.issue", record, changes, created=True)
        return record.id


def record_follow_up(
    ctx: Context, user: UserSession, rectification_id: str, *, follow_up: str, state: str
) -> None:
    """Record how the agency followed up (整改情况; supervisors and inspectors).

    ``state``: ``done`` (已整改), ``rejected`` (未采纳) or ``open`` (reopened).
    FJ 28: the agency must adopt unless it has good reason (无正当理由应当采纳),
    so ``rejected`` needs the reason in ``follow_up``.
    """
    auth.touch(ctx, user)
    require_role(user, FOLLOWERS, msg("登记整改情况"))
    with ctx.transaction() as db:
        record = get(db, Rectification, rectification_id, msg("整改要求或督查建议"))
        if state not in STATES:
            raise InvalidInput(msg("整改情况应为未完成、已整改或未采纳"), field="state")
        text = follow_up.strip()
        if state == "rejected" and not text:
            raise InvalidInput(
                msg("未采纳的，应写明被督查单位提出的正当理由（FJ 28）"), field="follow_up"
            )
        changes: dict[str, str] = {}
        if record.state != state:
            changes["state"] = state
        if record.follow_up != text:
            changes["follow_up"] = text
        if not changes:
            return
        record.state = state
        record.follow_up = text
        change(ctx, db, user, "rectification.follow_up", record, changes)


def get_rectification(ctx: Context, user: UserSession, rectification_id: str) -> RectificationView:
    """One rectification with its deadline status."""
    auth.touch(ctx, user)
    require_role(user, READERS, msg("查看整改要求或督查建议"))
    with ctx.transaction() as db:
        record = get(db, Rectification, rectification_id, msg("整改要求或督查建议"))
        agency = db.get(Agency, record.agency_id)
        return _view(record, agency.name if agency else record.agency_id, ctx.today())


def list_rectifications(
    ctx: Context, user: UserSession, *, agency_id: str | None = None, open_only: bool = False
) -> list[RectificationView]:
    """Rectifications, soonest due first, with working days left and overdue
    (counted on the official calendar from today in China)."""
    auth.touch(ctx, user)
    require_role(user, READERS, msg("查看整改要求或督查建议"))
    query = select(Rectification, Agency.name).join(Agency, Agency.id == Rectification.agency_id)
    if agency_id is not None:
        query = query.where(Rectification.agency_id == agency_id)
    if open_only:
        query = query.where(Rectification.state == "open")
    query = query.order_by(Rectification.due_on, Rectification.id)
    today = ctx.today()
    with ctx.transaction() as db:
        return [_view(r, name, today) for r, name in db.execute(query).all()]


def _view(r: Rectification, agency_name: str, today: dt.date) -> RectificationView:
    return RectificationView(
        id=r.id,
        kind=r.kind,
        kind_name=KINDS.get(r.kind, r.kind),
        agency_id=r.agency_id,
        agency_name=agency_name,
        plan_id=r.plan_id,
        complaint_id=r.complaint_id,
        decision_id=r.decision_id,
        content=r.content,
        issued_on=r.issued_on,
        due_on=r.due_on,
        state=r.state,
        state_name=STATES.get(r.state, r.state),
        follow_up=r.follow_up,
        status=deadline_status(r.due_on, today, WARN_WORKING_DAYS) if r.state == "open" else None,
        version=r.version,
    )


#: Actions :func:`rectification_actions` may offer.
ACTION_ISSUE = "issue"
ACTION_FOLLOW_UP = "follow_up"


def rectification_actions(user: UserSession) -> frozenset[str]:
    """What the UI may offer ``user`` (the services check again): issuing
    (supervisors) and recording the follow-up (supervisors and inspectors)."""
    actions: set[str] = set()
    if user.roles & ISSUERS:
        actions.add(ACTION_ISSUE)
    if user.roles & FOLLOWERS:
        actions.add(ACTION_FOLLOW_UP)
    return frozenset(actions)


def can_read_rectifications(user: UserSession) -> bool:
    return bool(user.roles & READERS)


def list_rectifications_page(
    ctx: Context,
    user: UserSession,
    *,
    agency_id: str | None = None,
    open_only: bool = False,
    decision_id: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[RectificationView]:
    """One page of :func:`list_rectifications` for agencies under the active
    profile (soonest due first), optionally those that go with one decision."""
    auth.touch(ctx, user)
    require_role(user, READERS, msg("查看整改要求或督查建议"))
    if not 1 <= limit <= PAGE_MAX:
        raise InvalidInput(msg("每页条数应在 1 到 {most} 之间", most=PAGE_MAX), field="limit")
    if offset < 0:
        raise InvalidInput(msg("起始位置不能为负数"), field="offset")
    query = (
        select(Rectification, Agency.name)
        .join(Agency, Agency.id == Rectification.agency_id)
        .where(Agency.profile_id == ctx.profile.id)
    )
    if agency_id is not None:
        query = query.where(Rectification.agency_id == agency_id)
    if open_only:
        query = query.where(Rectification.state == "open")
    if decision_id is not None:
        query = query.where(Rectification.decision_id == decision_id)
    query = query.order_by(Rectification.due_on, Rectification.id).limit(limit).offset(offset)
    today = ctx.today()
    with ctx.transaction() as db:
        return [_view(r, name, today) for r, name in db.execute(query).all()]
