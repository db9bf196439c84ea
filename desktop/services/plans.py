"""Inspection plans (督查方案, FJ 26): drafting, editing, the approval workflow,
and who may see a plan at all.

Every action is one service function: it checks the session, the role, the
plan's visibility and the domain rule (``desktop.domain.plans``), then writes
the plan, the audit entry and the sync operation in one transaction.

Confidentiality (暗访方案保密, MAS 14（七）): a plan of an unannounced kind is
visible only to its author, its team, its *designated approvers* and those
who already approved it, until it is reported. Here the designated approvers
are the active users holding the supervisor or office-head role in the same
office (``users.office_id == inspection_plans.office_id``): those are the
people who may be asked to approve or give the second approval. A plan the
user may not see is answered with :class:`NotFound`, never :class:`Forbidden`,
so that its existence does not leak.

Sync operations (``changes``) use the column names of ``inspection_plans``;
``team_ids`` is the whole team in order; ``approvals`` holds the
``plan_approvals`` rows *added* by that action (approve, second approve,
return), each with its own id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, Final

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from desktop.domain.common import Role, enumeration
from desktop.domain.messages import Message, msg
from desktop.domain.plans import (
    APPROVER_ROLES,
    STATE_NAMES,
    Actor,
    PlanAction,
    PlanFacts,
    PlanState,
    apply_transition,
    available_actions,
    can_edit,
    can_view,
)
from desktop.services import auth
from desktop.services.auth import UserSession
from desktop.services.base import (
    Context,
    Forbidden,
    InvalidInput,
    NotFound,
    change,
    contains_pattern,
    require_role,
)
from desktop.store.models import Agency, InspectionPlan, PlanApproval, PlanMember, User, UserRole

__all__ = [
    "UNSET",
    "ApprovalView",
    "PlanView",
    "apply_plan_action",
    "approve_plan",
    "available_plan_actions",
    "can_create_plan",
    "can_edit_plan",
    "close_plan",
    "create_plan",
    "designated_approver_ids",
    "get_plan",
    "list_plans",
    "list_plans_in_states",
    "load_visible_plan",
    "plan_actor",
    "plan_facts",
    "report_plan",
    "return_plan",
    "second_approve_plan",
    "start_plan",
    "submit_plan",
    "update_plan",
]

DRAFTER_ROLES: Final = frozenset({Role.INSPECTOR, Role.SUPERVISOR})
TITLE_MAX = 200
GOVERNMENT_REF_MAX = 200
LIST_LIMIT_MAX = 500

# The roles the service requires for each action (the domain then checks the
# finer rule: author or team, separation of duties, second approver).
_ACTION_ROLES: Final[dict[PlanAction, frozenset[Role]]] = {
    PlanAction.SUBMIT: DRAFTER_ROLES,
    PlanAction.APPROVE: frozenset({Role.SUPERVISOR}),
    PlanAction.SECOND_APPROVE: frozenset({Role.OFFICE_HEAD}),
    PlanAction.RETURN: APPROVER_ROLES,
    PlanAction.START: frozenset({Role.INSPECTOR}),
    PlanAction.REPORT: frozenset({Role.INSPECTOR}),
    PlanAction.CLOSE: frozenset({Role.SUPERVISOR}),
}

_ACTION_WHAT: Final[dict[PlanAction, Message]] = {
    PlanAction.SUBMIT: msg("提交督查方案"),
    PlanAction.APPROVE: msg("审批督查方案"),
    PlanAction.SECOND_APPROVE: msg("作主要负责人审批"),
    PlanAction.RETURN: msg("退回督查方案"),
    PlanAction.START: msg("开始实施督查方案"),
    PlanAction.REPORT: msg("提交督查报告"),
    PlanAction.CLOSE: msg("办结督查方案"),
}


class _Unset(Enum):
    UNSET = "unset"


UNSET: Final = _Unset.UNSET
"""Default of :func:`update_plan`'s arguments: the field is left unchanged."""


# ------------------------------------------------------------------- views


@dataclass(frozen=True)
class ApprovalView:
    """One approval step as shown (审批记录)."""

    id: str
    step: str  # first | second
    approver_id: str
    outcome: str  # approved | returned
    reason: str
    decided_at: dt.datetime


@dataclass(frozen=True)
class PlanView:
    """A plan as the UI shows it (no ORM object leaves the service)."""

    id: str
    title: str
    kind: str
    kind_name: str
    profile_id: str
    office_id: str
    subject_agency_id: str
    subject_agency_name: str
    scope: str
    method: str
    starts_on: dt.date
    ends_on: dt.date
    major: bool
    requested_by_agency: bool
    special_item: int | None
    government_approval_ref: str
    state: PlanState
    state_name: str
    author_id: str
    team_ids: tuple[str, ...]
    return_reason: str
    report: str
    approvals: tuple[ApprovalView, ...]
    version: int
    updated_at: dt.datetime


# ------------------------------------------------------------ shared helpers


def plan_actor(user: UserSession) -> Actor:
    """The domain's view of the signed-in user."""
    return Actor(user.user_id, frozenset(user.roles))


def plan_facts(plan: InspectionPlan) -> PlanFacts:
    """The domain's view of a stored plan; ``approver_ids`` are those who approved."""
    return PlanFacts(
        id=plan.id,
        kind=plan.kind,
        state=PlanState(plan.state),
        author_id=plan.author_id,
        team_ids=plan.team_ids,
        major=plan.major,
        requested_by_agency=plan.requested_by_agency,
        special_item=plan.special_item,
        government_approval_ref=plan.government_approval_ref,
        approver_ids=tuple(a.approver_id for a in plan.approvals if a.outcome == "approved"),
    )


def designated_approver_ids(db: Session, office_id: str) -> frozenset[str]:
    """Active users of ``office_id`` holding a supervisor or office-head role."""
    rows = db.scalars(
        select(User.id)
        .join(UserRole, UserRole.user_id == User.id)
        .where(
            User.office_id == office_id,
            User.active.is_(True),
            UserRole.role.in_([r.value for r in APPROVER_ROLES]),
        )
    )
    return frozenset(rows)


def _visible(
    ctx: Context,
    db: Session,
    user: UserSession,
    plan: InspectionPlan,
    approvers: dict[str, frozenset[str]] | None = None,
) -> bool:
    cache = approvers if approvers is not None else {}
    if plan.office_id not in cache:
        cache[plan.office_id] = designated_approver_ids(db, plan.office_id)
    return can_view(plan_facts(plan), plan_actor(user), ctx.profile, cache[plan.office_id])


def _not_found(plan_id: str) -> NotFound:
    return NotFound(msg("找不到该督查方案（{id}）", id=plan_id))


def load_visible_plan(ctx: Context, db: Session, user: UserSession, plan_id: str) -> InspectionPlan:
    """The plan if it exists and ``user`` may see it; otherwise :class:`NotFound`."""
    plan = db.get(InspectionPlan, plan_id)
    if plan is None or not _visible(ctx, db, user, plan):
        raise _not_found(plan_id)
    return plan


def _approval_row(row: PlanApproval) -> dict[str, Any]:
    return {
        "id": row.id,
        "plan_id": row.plan_id,
        "step": row.step,
        "approver_id": row.approver_id,
        "outcome": row.outcome,
        "reason": row.reason,
        "decided_at": row.decided_at.isoformat(),
    }


def apply_plan_action(
    ctx: Context,
    db: Session,
    user: UserSession,
    plan: InspectionPlan,
    action: PlanAction,
    *,
    reason: str = "",
    report: str | None = None,
) -> PlanState:
    """Move ``plan`` by ``action`` inside the caller's transaction.

    The domain rule decides (``apply_transition``: two inspectors on submit,
    separation of duties, second approval FJ 26/27, government approval
    MAS 15); an approval or return adds a ``plan_approvals`` row; the state
    and the change are written with :func:`change`. Used by the plan services
    and by opening the first visit of an approved plan (start).
    """
    before = PlanState(plan.state)
    target = apply_transition(plan_facts(plan), action, plan_actor(user), ctx.profile, reason)
    changes: dict[str, Any] = {"state": target.value}
    added: PlanApproval | None = None
    if action in (PlanAction.APPROVE, PlanAction.SECOND_APPROVE, PlanAction.RETURN):
        second = action is PlanAction.SECOND_APPROVE or (
            action is PlanAction.RETURN and before is PlanState.FIRST_APPROVED
        )
        added = PlanApproval(
            plan_id=plan.id,
            step="second" if second else "first",
            approver_id=user.user_id,
            outcome="returned" if action is PlanAction.RETURN else "approved",
            reason=reason.strip(),
            decided_at=ctx.now(),
        )
        plan.approvals.append(added)
    if action is PlanAction.RETURN:
        plan.return_reason = reason.strip()
        changes["return_reason"] = plan.return_reason
    if action is PlanAction.SUBMIT and plan.return_reason:
        plan.return_reason = ""
        changes["return_reason"] = ""
    if action is PlanAction.REPORT and report is not None:
        plan.report = report
        changes["report"] = report
    plan.state = target.value
    db.flush()
    if added is not None:
        changes["approvals"] = [_approval_row(added)]
    change(
        ctx,
        db,
        user,
        f"plan.{action.value}",
        plan,
        changes,
        audit_details={
            "fields": sorted(changes),
            "from_state": before.value,
            "to_state": target.value,
        },
    )
    return target


def _transition(
    ctx: Context,
    user: UserSession,
    plan_id: str,
    action: PlanAction,
    *,
    reason: str = "",
    report: str | None = None,
) -> PlanState:
    auth.touch(ctx, user)
    require_role(user, _ACTION_ROLES[action], _ACTION_WHAT[action])
    with ctx.transaction() as db:
        plan = load_visible_plan(ctx, db, user, plan_id)
        return apply_plan_action(ctx, db, user, plan, action, reason=reason, report=report)


# -------------------------------------------------------------- validation


def _clean_title(title: str) -> str:
    cleaned = title.strip()
    if not cleaned:
        raise InvalidInput(msg("请填写方案标题"), field="title")
    if len(cleaned) > TITLE_MAX:
        raise InvalidInput(msg("方案标题不能超过 {limit} 个字", limit=TITLE_MAX), field="title")
    return cleaned


def _check_kind(ctx: Context, kind: str) -> str:
    try:
        return ctx.profile.plans.kind(kind).id
    except KeyError:
        known = enumeration([k.name for k in ctx.profile.plans.kinds])
        raise InvalidInput(
            msg("督查类型“{kind}”不存在，请从{names}中选择", kind=kind, names=known), field="kind"
        ) from None


def _check_dates(starts_on: dt.date, ends_on: dt.date) -> None:
    if isinstance(starts_on, dt.datetime) or not isinstance(starts_on, dt.date):
        raise InvalidInput(msg("请填写开始日期"), field="starts_on")
    if isinstance(ends_on, dt.datetime) or not isinstance(ends_on, dt.date):
        raise InvalidInput(msg("请填写结束日期"), field="ends_on")
    if ends_on < starts_on:
        raise InvalidInput(msg("结束日期不能早于开始日期"), field="ends_on")


def _check_subject(db: Session, agency_id: str) -> None:
    if not agency_id or db.get(Agency, agency_id) is None:
        raise InvalidInput(msg("请选择被督查单位（所选单位不存在）"), field="subject_agency_id")


def _clean_team(db: Session, team_ids: Sequence[str]) -> list[str]:
    """Team ids in order, blanks and repeats dropped; each an inspector who exists."""
    if isinstance(team_ids, str):
        raise InvalidInput(msg("督查组成员应为用户列表"), field="team_ids")
    cleaned: list[str] = []
    for user_id in team_ids:
        uid = user_id.strip()
        if uid and uid not in cleaned:
            cleaned.append(uid)
    for uid in cleaned:
        member = db.get(User, uid)
        if member is None or not member.active:
            raise InvalidInput(msg("督查组成员（{id}）不存在或已停用", id=uid), field="team_ids")
        if Role.INSPECTOR.value not in member.role_names:
            raise InvalidInput(
                msg("{name}不是督查人员，不能列入督查组", name=member.display_name),
                field="team_ids",
            )
    return cleaned


def _check_special_item(special_item: int | None) -> None:
    if special_item is not None and (
        isinstance(special_item, bool) or not isinstance(special_item, int) or special_item < 1
    ):
        raise InvalidInput(msg("专项督查事项应为正整数项号"), field="special_item")


def _clean_ref(ref: str) -> str:
    cleaned = ref.strip()
    if len(cleaned) > GOVERNMENT_REF_MAX:
        raise InvalidInput(
            msg("立项依据不能超过 {limit} 个字", limit=GOVERNMENT_REF_MAX),
            field="government_approval_ref",
        )
    return cleaned


def _plan_changes(plan: InspectionPlan) -> dict[str, Any]:
    return {
        "title": plan.title,
        "kind": plan.kind,
        "profile_id": plan.profile_id,
        "office_id": plan.office_id,
        "subject_agency_id": plan.subject_agency_id,
        "scope": plan.scope,
        "method": plan.method,
        "starts_on": plan.starts_on.isoformat(),
        "ends_on": plan.ends_on.isoformat(),
        "major": plan.major,
        "requested_by_agency": plan.requested_by_agency,
        "special_item": plan.special_item,
        "government_approval_ref": plan.government_approval_ref,
        "state": plan.state,
        "author_id": plan.author_id,
        "return_reason": plan.return_reason,
        "report": plan.report,
        "team_ids": list(plan.team_ids),
    }


# ------------------------------------------------------------------ actions


def create_plan(
    ctx: Context,
    user: UserSession,
    *,
    title: str,
    kind: str,
    subject_agency_id: str,
    scope: str,
    method: str,
    starts_on: dt.date,
    ends_on: dt.date,
    team_ids: Sequence[str],
    major: bool = False,
    requested_by_agency: bool = False,
    special_item: int | None = None,
    government_approval_ref: str = "",
) -> str:
    """Draft a plan (起草督查方案, FJ 26) authored by ``user`` in their office.

    Inspectors and supervisors may draft. The team needs no minimum yet; the
    two-inspector rule is checked on submission (MAS 15). Returns the plan id.
    """
    auth.touch(ctx, user)
    require_role(user, DRAFTER_ROLES, msg("起草督查方案"))
    if not user.office_id:
        raise Forbidden(msg("当前用户未归属任何效能办，不能起草督查方案"))
    clean_title = _clean_title(title)
    clean_kind = _check_kind(ctx, kind)
    _check_dates(starts_on, ends_on)
    _check_special_item(special_item)
    ref = _clean_ref(government_approval_ref)
    with ctx.transaction() as db:
        _check_subject(db, subject_agency_id)
        team = _clean_team(db, team_ids)
        plan = InspectionPlan(
            title=clean_title,
            kind=clean_kind,
            profile_id=ctx.profile.id,
            office_id=user.office_id,
            subject_agency_id=subject_agency_id,
            scope=scope.strip(),
            method=method.strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            major=bool(major),
            requested_by_agency=bool(requested_by_agency),
            special_item=special_item,
            government_approval_ref=ref,
            state=PlanState.DRAFT.value,
            author_id=user.user_id,
            return_reason="",
            report="",
            updated_at=ctx.now(),
            team=[PlanMember(user_id=uid, position=i) for i, uid in enumerate(team)],
        )
        db.add(plan)
        db.flush()
        change(ctx, db, user, "plan.create", plan, _plan_changes(plan), created=True)
        return plan.id


def update_plan(
    ctx: Context,
    user: UserSession,
    plan_id: str,
    *,
    title: str | _Unset = UNSET,
    kind: str | _Unset = UNSET,
    subject_agency_id: str | _Unset = UNSET,
    scope: str | _Unset = UNSET,
    method: str | _Unset = UNSET,
    starts_on: dt.date | _Unset = UNSET,
    ends_on: dt.date | _Unset = UNSET,
    team_ids: Sequence[str] | _Unset = UNSET,
    major: bool | _Unset = UNSET,
    requested_by_agency: bool | _Unset = UNSET,
    special_item: int | _Unset | None = UNSET,
    government_approval_ref: str | _Unset = UNSET,
) -> None:
    """Change a draft or returned plan (author or team only, ``can_edit``).

    An argument left out (:data:`UNSET`) is unchanged; ``special_item=None``
    clears the item. Only the fields that really change are written; no
    change at all writes nothing.
    """
    auth.touch(ctx, user)
    require_role(user, DRAFTER_ROLES, msg("修改督查方案"))
    with ctx.transaction() as db:
        plan = load_visible_plan(ctx, db, user, plan_id)
        if not can_edit(plan_facts(plan), plan_actor(user)):
            state = PlanState(plan.state)
            if state in (PlanState.DRAFT, PlanState.RETURNED):
                raise Forbidden(
                    msg("只有方案起草人或督查组成员可以修改督查方案"), code="plan.not_editable"
                )
            raise Forbidden(
                msg(
                    "方案当前状态为“{state}”，只有草稿或已退回的方案可以修改",
                    state=STATE_NAMES[state],
                ),
                code="plan.not_editable",
            )
        new: dict[str, Any] = {}
        if not isinstance(title, _Unset):
            new["title"] = _clean_title(title)
        if not isinstance(kind, _Unset):
            new["kind"] = _check_kind(ctx, kind)
        if not isinstance(subject_agency_id, _Unset):
            _check_subject(db, subject_agency_id)
            new["subject_agency_id"] = subject_agency_id
        if not isinstance(scope, _Unset):
            new["scope"] = scope.strip()
        if not isinstance(method, _Unset):
            new["method"] = method.strip()
        start = plan.starts_on if isinstance(starts_on, _Unset) else starts_on
        end = plan.ends_on if isinstance(ends_on, _Unset) else ends_on
        _check_dates(start, end)
        new["starts_on"], new["ends_on"] = start, end
        if not isinstance(major, _Unset):
            new["major"] = bool(major)
        if not isinstance(requested_by_agency, _Unset):
            new["requested_by_agency"] = bool(requested_by_agency)
        if not isinstance(special_item, _Unset):
            _check_special_item(special_item)
            new["special_item"] = special_item
        if not isinstance(government_approval_ref, _Unset):
            new["government_approval_ref"] = _clean_ref(government_approval_ref)
        team = None if isinstance(team_ids, _Unset) else _clean_team(db, team_ids)

        changes: dict[str, Any] = {}
        for name, value in new.items():
            if getattr(plan, name) != value:
                setattr(plan, name, value)
                changes[name] = value.isoformat() if isinstance(value, dt.date) else value
        if team is not None and tuple(team) != plan.team_ids:
            plan.team.clear()
            db.flush()
            plan.team.extend(PlanMember(user_id=uid, position=i) for i, uid in enumerate(team))
            changes["team_ids"] = team
        if not changes:
            return
        db.flush()
        change(ctx, db, user, "plan.update", plan, changes)


def submit_plan(ctx: Context, user: UserSession, plan_id: str) -> PlanState:
    """Submit for approval (提交审批): author or a team inspector; the team must
    have two distinct inspectors (MAS 15) and the kind its government approval
    where the profile needs one (MAS 15 第五款)."""
    return _transition(ctx, user, plan_id, PlanAction.SUBMIT)


def approve_plan(ctx: Context, user: UserSession, plan_id: str) -> PlanState:
    """First approval (审批, FJ 26) by a supervisor who neither wrote nor runs it.

    A major or requested plan goes to ``first_approved`` (FJ 26, FJ 27)."""
    return _transition(ctx, user, plan_id, PlanAction.APPROVE)


def second_approve_plan(ctx: Context, user: UserSession, plan_id: str) -> PlanState:
    """The office head's second approval (主要负责人审批, FJ 26, FJ 27)."""
    return _transition(ctx, user, plan_id, PlanAction.SECOND_APPROVE)


def return_plan(ctx: Context, user: UserSession, plan_id: str, reason: str) -> PlanState:
    """Return the plan to its author with a reason (退回); it can be edited and
    submitted again."""
    return _transition(ctx, user, plan_id, PlanAction.RETURN, reason=reason)


def start_plan(ctx: Context, user: UserSession, plan_id: str) -> PlanState:
    """Start carrying out an approved plan (开始实施): a team inspector."""
    return _transition(ctx, user, plan_id, PlanAction.START)


def report_plan(ctx: Context, user: UserSession, plan_id: str, report_text: str) -> PlanState:
    """Hand in the inspection report (督查报告, FJ 28 / MAS 16): a team inspector.

    After this an unannounced plan is no longer confidential."""
    auth.touch(ctx, user)
    text = report_text.strip()
    if not text:
        raise InvalidInput(msg("请填写督查报告"), field="report")
    return _transition(ctx, user, plan_id, PlanAction.REPORT, report=text)


def close_plan(ctx: Context, user: UserSession, plan_id: str) -> PlanState:
    """Close a reported plan (办结): a supervisor."""
    return _transition(ctx, user, plan_id, PlanAction.CLOSE)


# ------------------------------------------------------------------ reading


def available_plan_actions(ctx: Context, user: UserSession, plan_id: str) -> list[PlanAction]:
    """The actions the UI may offer ``user`` on the plan now (a return still
    asks for its reason)."""
    auth.touch(ctx, user)
    with ctx.transaction() as db:
        plan = load_visible_plan(ctx, db, user, plan_id)
        return available_actions(plan_facts(plan), plan_actor(user), ctx.profile)


def can_edit_plan(ctx: Context, user: UserSession, plan_id: str) -> bool:
    """Whether the UI may offer editing the plan (``desktop.domain.plans.can_edit``)."""
    auth.touch(ctx, user)
    with ctx.transaction() as db:
        plan = load_visible_plan(ctx, db, user, plan_id)
        return bool(user.roles & DRAFTER_ROLES) and can_edit(plan_facts(plan), plan_actor(user))


def _view(ctx: Context, db: Session, plan: InspectionPlan) -> PlanView:
    agency = db.get(Agency, plan.subject_agency_id)
    try:
        kind_name = ctx.profile.plans.kind(plan.kind).name
    except KeyError:
        kind_name = plan.kind
    state = PlanState(plan.state)
    return PlanView(
        id=plan.id,
        title=plan.title,
        kind=plan.kind,
        kind_name=kind_name,
        profile_id=plan.profile_id,
        office_id=plan.office_id,
        subject_agency_id=plan.subject_agency_id,
        subject_agency_name=agency.name if agency else "",
        scope=plan.scope,
        method=plan.method,
        starts_on=plan.starts_on,
        ends_on=plan.ends_on,
        major=plan.major,
        requested_by_agency=plan.requested_by_agency,
        special_item=plan.special_item,
        government_approval_ref=plan.government_approval_ref,
        state=state,
        state_name=STATE_NAMES[state],
        author_id=plan.author_id,
        team_ids=plan.team_ids,
        return_reason=plan.return_reason,
        report=plan.report,
        approvals=tuple(
            ApprovalView(a.id, a.step, a.approver_id, a.outcome, a.reason, a.decided_at)
            for a in plan.approvals
        ),
        version=plan.version,
        updated_at=plan.updated_at,
    )


def get_plan(ctx: Context, user: UserSession, plan_id: str) -> PlanView:
    """One plan, if ``user`` may see it (otherwise :class:`NotFound`)."""
    auth.touch(ctx, user)
    with ctx.transaction() as db:
        return _view(ctx, db, load_visible_plan(ctx, db, user, plan_id))


def list_plans(
    ctx: Context,
    user: UserSession,
    *,
    state: PlanState | str | None = None,
    search: str = "",
    limit: int = 50,
    offset: int = 0,
) -> list[PlanView]:
    """The plans ``user`` may see, newest start date first.

    ``state`` filters by state; ``search`` matches the title or the scope.
    Visibility is the domain's ``can_view``, applied before ``offset`` and
    ``limit`` so that hidden plans neither show nor shift the pages.
    """
    auth.touch(ctx, user)
    wanted: PlanState | None = None
    if state is not None and state != "":
        try:
            wanted = PlanState(state)
        except ValueError:
            raise InvalidInput(msg("方案状态“{state}”不存在", state=state), field="state") from None
    return _plan_page(ctx, user, None if wanted is None else [wanted], search, limit, offset)


def _plan_page(
    ctx: Context,
    user: UserSession,
    states: Collection[PlanState] | None,
    search: str,
    limit: int,
    offset: int,
) -> list[PlanView]:
    """One page of this profile's plans in ``states`` (all when ``None``) whose
    title or scope matches ``search``, newest start date first."""
    if not 0 < limit <= LIST_LIMIT_MAX:
        raise InvalidInput(msg("每页条数应在 1 到 {most} 之间", most=LIST_LIMIT_MAX), field="limit")
    if offset < 0:
        raise InvalidInput(msg("起始位置不能为负数"), field="offset")
    query = (
        select(InspectionPlan)
        .where(InspectionPlan.profile_id == ctx.profile.id)
        .order_by(InspectionPlan.starts_on.desc(), InspectionPlan.id.desc())
    )
    if states is not None:
        query = query.where(InspectionPlan.state.in_([s.value for s in states]))
    term = search.strip()
    if term:
        pattern = contains_pattern(term)
        query = query.where(
            or_(
                InspectionPlan.title.like(pattern, escape="\\"),
                InspectionPlan.scope.like(pattern, escape="\\"),
            )
        )
    return _visible_page(ctx, user, query, limit, offset)


def _visible_page(
    ctx: Context, user: UserSession, query: Select[InspectionPlan], limit: int, offset: int
) -> list[PlanView]:
    """One page of the plans of ``query`` that ``user`` may see (``can_view``
    before ``offset`` and ``limit``)."""
    with ctx.transaction() as db:
        approvers: dict[str, frozenset[str]] = {}
        views: list[PlanView] = []
        skipped = 0
        for plan in db.scalars(query):
            if not _visible(ctx, db, user, plan, approvers):
                continue
            if skipped < offset:
                skipped += 1
                continue
            views.append(_view(ctx, db, plan))
            if len(views) >= limit:
                break
        return views


def list_plans_in_states(
    ctx: Context,
    user: UserSession,
    states: Collection[PlanState],
    *,
    search: str = "",
    limit: int = 50,
    offset: int = 0,
) -> list[PlanView]:
    """The plans ``user`` may see in any of ``states``, newest start date first
    (e.g. the plans a visit may be recorded under: approved, in progress,
    reported). ``search`` matches the title or the scope, as in :func:`list_plans`."""
    auth.touch(ctx, user)
    return _plan_page(ctx, user, [PlanState(s) for s in states], search, limit, offset)


def can_create_plan(user: UserSession) -> bool:
    """Whether the UI may offer drafting a new plan (inspectors and supervisors)."""
    return bool(user.roles & DRAFTER_ROLES)
