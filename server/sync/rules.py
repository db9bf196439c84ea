"""The domain rule each action must pass on the server, judged against the
server's current record, never against what the laptop believed.

The rules are the laptop's own (``desktop.domain``): plan moves through
``apply_transition``, visits through ``check_visit_open`` /
``check_visit_finalise``, complaints through ``check_registration``,
``check_routing``, ``check_extension`` and ``check_closing``, decisions through
``check_decision``, appeals through ``check_appeal_outcome``. Who the actor is
comes from the server's accounts (roles, office), not from the op. A
document number is accepted only from a block the server gave the pushing
device (``server.numbers``), and only once.

"Today" for a rule is the day the user acted, in China time, read from the
op's hybrid logical clock: an op synced a week late is judged as of the day it
was made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, partial
from typing import Any, Final, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.documents.model import document_number
from desktop.domain.accountability import ProposedDecision, Subject, check_decision
from desktop.domain.appeals import check_appeal_outcome
from desktop.domain.common import Refusal, Role, RuleViolation, SubjectKind, enumeration
from desktop.domain.complaints import (
    Closing,
    ComplaintFacts,
    FollowUp,
    check_closing,
    check_extension,
    check_registration,
    check_routing,
    deadline_rule,
)
from desktop.domain.inspections import VisitFacts, check_visit_finalise, check_visit_open
from desktop.domain.messages import Message, msg
from desktop.domain.plans import (
    APPROVER_ROLES,
    Actor,
    PlanAction,
    PlanFacts,
    PlanState,
    apply_transition,
    can_edit,
    can_view,
)
from desktop.domain.profile import MitigationOutcome, RuleProfile
from server.accounts import Principal
from server.models import Record, User, UserRole
from server.sync.spec import Action

PLAN_ENTITY: Final = "inspection_plans"
VISIT_ENTITY: Final = "visits"
CHINA = dt.timezone(dt.timedelta(hours=8))
_VISIT_OVER = frozenset({PlanState.REPORTED.value, PlanState.CLOSED.value})


class Reject(Exception):
    """The op is refused: a stable code and a reason (never echoing values)."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def refuse(refusals: Iterable[Refusal]) -> None:
    """Raise :class:`Reject` for the domain's refusals, if any: each with the
    article it rests on, joined by "；" (as ``str(refusal)``, but translatable)."""
    found = list(refusals)
    if not found:
        return
    reason = _cited(found[0])
    for refusal in found[1:]:
        reason = msg("{reasons}；{reason}", reasons=reason, reason=_cited(refusal))
    raise Reject(found[0].code, reason)


def _cited(refusal: Refusal) -> str:
    if not refusal.article:
        return refusal.message
    return msg("{message}（{article}）", message=refusal.message, article=refusal.article)


class Stored(Protocol):
    """A record as the server holds it: a ``records`` row (:class:`Record`)
    or the push's plain copy of one."""

    @property
    def id(self) -> str: ...

    @property
    def data(self) -> dict[str, Any]: ...


@dataclass
class Attempt:
    """One op being judged: who, what, and the server's current record."""

    db: Session
    principal: Principal
    action: Action
    entity_id: str
    changes: dict[str, Any]
    hlc: str
    record: Stored | None
    current: dict[str, Any] = field(default_factory=dict)

    @property
    def actor(self) -> Actor:
        return Actor(self.principal.user_id, self.principal.roles)

    @property
    def op_day(self) -> dt.date:
        """The day the user acted (China time), from the op's HLC wall clock."""
        wall_ms = int(self.hlc.split("-", 1)[0])
        return dt.datetime.fromtimestamp(wall_ms / 1000, CHINA).date()

    def merged(self) -> dict[str, Any]:
        """The record as it would be with the changes (rows appended)."""
        data = dict(self.current)
        for key, value in self.changes.items():
            if key in self.action.entity.rows:
                data[key] = list(data.get(key) or []) + list(value)
            else:
                data[key] = value
        return data

    def get(self, key: str, default: Any = None) -> Any:
        """The changed value, else the current one."""
        if key in self.changes:
            return self.changes[key]
        return self.current.get(key, default)


# ------------------------------------------------------------------ helpers


@cache
def known_profiles() -> frozenset[str]:
    """The rule profiles shipped in ``resources/profiles`` (read once)."""
    from desktop.resources import profile_ids

    return frozenset(profile_ids())


def load_profile(profile_id: Any) -> RuleProfile:
    from desktop.resources import load_profile as load

    if not isinstance(profile_id, str) or profile_id not in known_profiles():
        raise Reject("profile.unknown", msg("规则配置不存在（profile_id）"))
    return load(profile_id)


def profile_or_none(profile_id: Any) -> RuleProfile | None:
    try:
        return load_profile(profile_id)
    except Reject:
        return None


def day(value: Any) -> dt.date:
    return dt.date.fromisoformat(str(value))


def plan_facts(plan_id: str, data: Mapping[str, Any]) -> PlanFacts:
    """The domain's view of a plan record."""
    approvals = data.get("approvals") or []
    return PlanFacts(
        id=plan_id,
        kind=str(data.get("kind", "")),
        state=PlanState(data.get("state", PlanState.DRAFT.value)),
        author_id=str(data.get("author_id", "")),
        team_ids=tuple(data.get("team_ids") or ()),
        major=bool(data.get("major", False)),
        requested_by_agency=bool(data.get("requested_by_agency", False)),
        special_item=data.get("special_item"),
        government_approval_ref=str(data.get("government_approval_ref", "")),
        approver_ids=tuple(
            str(a.get("approver_id")) for a in approvals if a.get("outcome") == "approved"
        ),
    )


def plan_confidential(data: Mapping[str, Any]) -> bool:
    """暗访 (MAS 14（七）): a plan of an unannounced kind (or of a kind or profile
    the server does not know) not yet reported or closed."""
    if data.get("state") in _VISIT_OVER:
        return False
    profile = profile_or_none(data.get("profile_id"))
    if profile is None:
        return True
    try:
        return profile.plans.kind(str(data.get("kind"))).unannounced
    except KeyError:
        return True


def designated_approvers(db: Session, office_id: Any) -> frozenset[str]:
    """A plan's designated approvers: its office's active supervisors and heads
    (as ``desktop.services.plans.designated_approver_ids``)."""
    if not isinstance(office_id, str):
        return frozenset()
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


def plan_visible(principal: Principal, plan: Stored, approvers: frozenset[str]) -> bool:
    """Whether the user may see the plan (``desktop.domain.plans.can_view``:
    暗访 plans only to author, team, designated approvers and approvers, until
    reported or closed). A profile the server does not know counts as 暗访."""
    facts = plan_facts(plan.id, plan.data)
    profile = profile_or_none(plan.data.get("profile_id"))
    actor = Actor(principal.user_id, principal.roles)
    if profile is not None:
        return can_view(facts, actor, profile, approvers)
    uid = principal.user_id
    return (
        uid == facts.author_id
        or uid in facts.team_ids
        or uid in approvers
        or uid in facts.approver_ids
    )


def _require_visible_plan(a: Attempt, plan: Stored) -> None:
    """A 暗访 plan the user may not see is answered as if it did not exist."""
    approvers = designated_approvers(a.db, plan.data.get("office_id"))
    if not plan_visible(a.principal, plan, approvers):
        raise Reject("record.unknown", msg("服务器上没有该记录（新建它的操作被拒绝或尚未推送）"))


def get_record(db: Session, entity: str, record_id: Any) -> Record | None:
    if not isinstance(record_id, str):
        return None
    return db.get(Record, (entity, record_id))


def _require(condition: bool, code: str, reason: str) -> None:
    if not condition:
        raise Reject(code, reason)


def _self(a: Attempt, key: str) -> None:
    _require(
        a.changes.get(key) == a.principal.user_id,
        "op.author",
        msg("{field} 应为推送该操作的登录用户本人", field=key),
    )


def _same_office(a: Attempt) -> None:
    office = a.principal.office_id
    if office is not None and a.changes.get("office_id") != office:
        raise Reject("op.office", msg("记录所属效能办与当前用户所属效能办不一致（office_id）"))


def _not_after_op_day(a: Attempt, key: str, what: Message) -> None:
    value = a.get(key)
    if value is not None and day(value) > a.op_day + dt.timedelta(days=1):
        raise Reject("op.future_date", msg("{what}晚于操作当天（{field}）", what=what, field=key))


def _inspectors(db: Session, user_ids: Iterable[str]) -> frozenset[str]:
    """Of ``user_ids``, the active server users holding the inspector role."""
    ids = [u for u in user_ids if isinstance(u, str)]
    if not ids:
        return frozenset()
    rows = db.scalars(
        select(User.id)
        .join(UserRole, UserRole.user_id == User.id)
        .where(User.id.in_(ids), User.active.is_(True), UserRole.role == Role.INSPECTOR.value)
    )
    return frozenset(rows)


# -------------------------------------------------------------------- plans

_MOVES: Final = {f"plan.{a.value}": a for a in PlanAction}
_APPROVAL_ACTIONS: Final = frozenset(
    {PlanAction.APPROVE, PlanAction.SECOND_APPROVE, PlanAction.RETURN}
)


def _plan_dates(a: Attempt) -> None:
    if day(a.get("starts_on")) > day(a.get("ends_on")):
        raise Reject("plan.dates", msg("结束日期不能早于开始日期"))


def _plan_kind(a: Attempt, profile: RuleProfile) -> None:
    try:
        profile.plans.kind(str(a.get("kind")))
    except KeyError:
        raise Reject("plan.unknown_kind", msg("督查类型不在该规则配置中（kind）")) from None


def _team(a: Attempt) -> None:
    team = a.changes.get("team_ids")
    if team is not None and len(set(team)) != len(team):
        raise Reject("plan.team_duplicate", msg("督查组成员重复（team_ids）"))


def plan_create(a: Attempt) -> None:
    profile = load_profile(a.changes.get("profile_id"))
    _plan_kind(a, profile)
    _require(
        a.changes.get("state") == PlanState.DRAFT.value,
        "plan.wrong_state",
        msg("新建的督查方案应为草稿"),
    )
    _self(a, "author_id")
    _same_office(a)
    _plan_dates(a)
    _team(a)


def plan_update(a: Attempt) -> None:
    assert a.record is not None
    _require_visible_plan(a, a.record)
    facts = plan_facts(a.entity_id, a.current)
    if not can_edit(facts, a.actor):
        raise Reject(
            "plan.not_editable",
            msg(
                "方案当前状态为“{state}”或您不是起草人、督查组成员："
                "只有草稿或已退回的方案可由起草人或督查组成员修改",
                state=facts.state.value,
            ),
        )
    if "kind" in a.changes:
        _plan_kind(a, load_profile(a.current.get("profile_id")))
    _plan_dates(a)
    _team(a)


def plan_move(action: PlanAction, a: Attempt) -> None:
    """A workflow move: the target is what ``apply_transition`` gives from the
    server's record; the laptop's state must agree. Never last-writer-wins."""
    assert a.record is not None
    _require_visible_plan(a, a.record)
    profile = load_profile(a.current.get("profile_id"))
    facts = plan_facts(a.entity_id, a.current)
    reason = a.changes.get("return_reason", "")
    try:
        target = apply_transition(facts, action, a.actor, profile, str(reason or ""))
    except RuleViolation as exc:
        refuse(exc.refusals)
        raise  # pragma: no cover - refuse always raises for a violation
    _require(
        a.changes.get("state") == target.value,
        "plan.state_mismatch",
        msg(
            "按服务器上方案的当前状态，该操作应使方案进入“{target}”，而操作中的状态为“{state}”",
            target=target.value,
            state=str(a.changes.get("state")),
        ),
    )
    approvals = a.changes.get("approvals")
    if action in _APPROVAL_ACTIONS:
        second = action is PlanAction.SECOND_APPROVE or (
            action is PlanAction.RETURN and facts.state is PlanState.FIRST_APPROVED
        )
        outcome = "returned" if action is PlanAction.RETURN else "approved"
        ok = (
            isinstance(approvals, list)
            and len(approvals) == 1
            and approvals[0].get("approver_id") == a.principal.user_id
            and approvals[0].get("plan_id") == a.entity_id
            and approvals[0].get("outcome") == outcome
            and approvals[0].get("step") == ("second" if second else "first")
        )
        _require(ok, "plan.approval_row", msg("审批记录应为当前用户本人对本方案的一条审批"))
        assert isinstance(approvals, list)
        known = {row.get("id") for row in a.current.get("approvals") or []}
        _require(approvals[0].get("id") not in known, "plan.approval_row", msg("审批记录重复"))
    else:
        _require(approvals is None, "plan.approval_row", msg("该操作不应带审批记录"))
    if "return_reason" in a.changes and action not in (PlanAction.RETURN, PlanAction.SUBMIT):
        raise Reject("op.field_not_allowed", msg("该操作不应修改退回理由（return_reason）"))
    if action is PlanAction.SUBMIT and a.changes.get("return_reason", "") != "":
        raise Reject("op.field_not_allowed", msg("提交审批时退回理由应清空（return_reason）"))
    if action is PlanAction.REPORT:
        report = a.changes.get("report")
        _require(
            isinstance(report, str) and bool(report.strip()), "plan.report", msg("请填写督查报告")
        )
    elif "report" in a.changes:
        raise Reject("op.field_not_allowed", msg("只有提交督查报告时可以写报告（report）"))


# ------------------------------------------------------------------- visits


def _visit_plan(a: Attempt, plan_id: Any) -> tuple[Record, RuleProfile]:
    plan = get_record(a.db, PLAN_ENTITY, plan_id)
    if plan is None:
        raise Reject("visit.unknown_plan", msg("服务器上没有该检查记录所属的督查方案"))
    _require_visible_plan(a, plan)
    return plan, load_profile(plan.data.get("profile_id"))


def _on_team(a: Attempt, plan: Record) -> None:
    _require(
        a.principal.user_id in (plan.data.get("team_ids") or ()),
        "visit.not_team_member",
        msg("只有本方案督查组成员可以修改检查记录"),
    )


def _visit_open_state(a: Attempt) -> None:
    _require(a.current.get("state") == "open", "visit.finalised", msg("检查记录已完成，不能再修改"))


def _presence(a: Attempt, stage: str) -> frozenset[str]:
    """The inspectors whose presence rows this op carries for ``stage``; the
    pushing user must be one of them."""
    rows = a.changes.get("presence")
    if not isinstance(rows, list):
        raise Reject("visit.presence", msg("缺少在场确认记录（presence）"))
    for row in rows:
        _require(
            row.get("stage") == stage and row.get("visit_id") == a.entity_id,
            "visit.presence",
            msg("在场确认记录与本检查记录或阶段不符（presence）"),
        )
    present = _inspectors(a.db, (row.get("user_id") for row in rows))
    _require(
        a.principal.user_id in present,
        "visit.self_not_present",
        msg("推送该操作的督查人员本人须确认在场"),
    )
    return present


def _visit_facts(plan: Record, a: Attempt, present: frozenset[str]) -> VisitFacts:
    return VisitFacts(
        plan_state=PlanState(plan.data.get("state", PlanState.DRAFT.value)),
        plan_team_ids=tuple(plan.data.get("team_ids") or ()),
        announced=bool(a.get("announced")),
        identity_shown=bool(a.get("identity_shown")),
        confirmed_inspector_ids=present,
    )


def visit_open(a: Attempt) -> None:
    """MAS 15 第五款: two distinct team inspectors, each confirmed; the plan approved."""
    plan, profile = _visit_plan(a, a.changes.get("plan_id"))
    _require(a.changes.get("state") == "open", "visit.wrong_state", msg("新的检查记录应为进行中"))
    present = _presence(a, "open")
    refuse(check_visit_open(_visit_facts(plan, a, present), profile))
    _not_after_op_day(a, "visited_on", msg("检查日期"))


def visit_update(a: Attempt) -> None:
    plan, _ = _visit_plan(a, a.current.get("plan_id"))
    _on_team(a, plan)
    _visit_open_state(a)


def visit_add_evidence(a: Attempt) -> None:
    plan, _ = _visit_plan(a, a.current.get("plan_id"))
    _on_team(a, plan)
    _visit_open_state(a)
    for row in a.changes.get("evidence") or []:
        _require(
            row.get("visit_id") == a.entity_id and row.get("added_by") == a.principal.user_id,
            "visit.evidence",
            msg("证据记录应属于本检查记录、由当前用户添加"),
        )


def visit_finalise(a: Attempt) -> None:
    plan, profile = _visit_plan(a, a.current.get("plan_id"))
    _visit_open_state(a)
    _require(
        a.changes.get("state") == "finalised",
        "visit.wrong_state",
        msg("完成后的检查记录应为已完成"),
    )
    present = _presence(a, "finalise")
    refuse(check_visit_finalise(_visit_facts(plan, a, present), profile))


# --------------------------------------------------------------- complaints


def _complaint_facts(data: Mapping[str, Any]) -> ComplaintFacts:
    return ComplaintFacts(
        channel=str(data.get("channel", "")),
        received_on=day(data.get("received_on")),
        anonymous=bool(data.get("anonymous")),
        urgent_criteria=frozenset(data.get("urgent_criteria") or ()),
        extensions=int(data.get("extensions") or 0),
        closed=data.get("state") == "closed",
    )


def _complaint_open(a: Attempt) -> None:
    _require(a.current.get("state") != "closed", "complaint.closed", msg("投诉已办结，不能再办理"))


def complaint_register(a: Attempt) -> None:
    profile = load_profile(a.changes.get("profile_id"))
    refuse(check_registration(_complaint_facts(a.changes), profile))
    _require(
        a.changes.get("state") == "registered",
        "complaint.wrong_state",
        msg("新登记的投诉应为已登记"),
    )
    _self(a, "registered_by")
    _same_office(a)
    _not_after_op_day(a, "received_on", msg("收到日期"))
    _require(
        day(a.changes["due_on"]) >= day(a.changes["received_on"]),
        "complaint.due_on",
        msg("办结期限不能早于收到日期"),
    )
    sealed = a.changes.get("sealed_identity")
    indexes = [a.changes.get("id_number_index"), a.changes.get("phone_index")]
    if a.changes.get("anonymous"):
        _require(
            sealed is None and indexes == [None, None],
            "complaint.anonymous_identity",
            msg("匿名投诉不应带投诉人身份或查重索引"),
        )
    else:
        _require(
            sealed is not None,
            "complaint.identity_missing",
            msg("实名投诉须带加密后的投诉人身份（sealed_identity）"),
        )


def complaint_grant_identity(a: Attempt) -> None:
    _require(
        not a.current.get("anonymous") and a.changes.get("sealed_identity") is not None,
        "complaint.anonymous_identity",
        msg("匿名投诉没有投诉人身份"),
    )


def complaint_route(a: Attempt) -> None:
    _complaint_open(a)
    profile = load_profile(a.current.get("profile_id"))
    _require(
        a.changes.get("state") == "routed", "complaint.wrong_state", msg("分办后的投诉应为已分办")
    )
    limit = a.changes.get("transfer_limit")
    refuse(
        check_routing(
            str(a.changes.get("mode")),
            day(limit) if limit else None,
            str(a.changes.get("transfer_requirements", "")),
            a.op_day,
            day(a.current.get("due_on")),
            profile,
        )
    )


def complaint_extend(a: Attempt) -> None:
    """MAS 15 第四款. The head's approval was given with their password on the
    laptop; the server cannot see it again and takes the rule's approver as given."""
    _complaint_open(a)
    profile = load_profile(a.current.get("profile_id"))
    facts = _complaint_facts(a.current)
    _require(
        a.changes.get("extensions") == facts.extensions + 1,
        "complaint.extension_count",
        msg("延期次数应为 {count}", count=facts.extensions + 1),
    )
    rule = deadline_rule(facts, profile)
    approver = {rule.extension.approver} if rule.extension is not None else set()
    refuse(
        check_extension(
            facts, approver, str(a.changes.get("extension_reason", "")), a.op_day, profile
        )
    )
    _require(
        day(a.changes.get("due_on")) >= day(a.current.get("due_on")),
        "complaint.due_on",
        msg("延期后的办结期限不能早于原期限"),
    )


def complaint_close(a: Attempt) -> None:
    profile = load_profile(a.current.get("profile_id"))
    try:
        follow_up = frozenset(FollowUp(f) for f in a.changes.get("follow_up") or ())
    except ValueError:
        raise Reject("complaint.unknown_follow_up", msg("未知的处理措施（follow_up）")) from None
    closing = Closing(
        result=str(a.changes.get("result", "")),
        explanation=str(a.changes.get("explanation", "")),
        reply_channel=a.changes.get("reply_channel"),
        follow_up=follow_up,
    )
    refuse(check_closing(_complaint_facts(a.current), closing, profile))
    _require(
        a.changes.get("state") == "closed", "complaint.wrong_state", msg("办结后的投诉应为已办结")
    )
    _require(a.changes.get("closed_on") is not None, "complaint.closed_on", msg("缺少办结日期"))


def complaint_update(a: Attempt) -> None:
    """Free text only (matter, explanation, reply): nothing beyond the role."""


# ----------------------------------------------------------- rectifications

_RECT_KINDS: Final = frozenset({"requirement", "suggestion"})
_RECT_STATES: Final = frozenset({"open", "done", "rejected"})


def rectification_issue(a: Attempt) -> None:
    _require(
        a.changes.get("kind") in _RECT_KINDS,
        "rectification.kind",
        msg("类型应为整改要求或督查建议"),
    )
    _require(a.changes.get("state") == "open", "rectification.state", msg("新的整改要求应为未完成"))
    _require(
        day(a.changes.get("due_on")) >= day(a.changes.get("issued_on")),
        "rectification.due_on",
        msg("整改期限不能早于提出日期"),
    )


def rectification_follow_up(a: Attempt) -> None:
    state = a.get("state")
    _require(
        state in _RECT_STATES, "rectification.state", msg("整改情况应为未完成、已整改或未采纳")
    )
    if state == "rejected":
        _require(
            bool(str(a.get("follow_up", "")).strip()),
            "rectification.reason",
            msg("未采纳的，应写明被督查单位提出的正当理由（FJ 28）"),
        )


# ---------------------------------------------------------------- decisions

DRAFT: Final = "draft"
SIGNED: Final = "signed"


def _proposal(
    a: Attempt, data: Mapping[str, Any], decided_on: dt.date
) -> tuple[ProposedDecision, bool]:
    """The domain's view of a decision record, and whether the subject official
    is on the server (if not, whether they are a head cannot be checked)."""
    try:
        kind = SubjectKind(str(data.get("subject_kind")))
    except ValueError:
        raise Reject(
            "decision.subject_kind", msg("问责对象类型应为机关（单位）或工作人员")
        ) from None
    official_id = data.get("subject_official_id")
    official = get_record(a.db, "officials", official_id) if official_id else None
    outcome = data.get("mitigation_outcome")
    try:
        mitigation = MitigationOutcome(outcome) if outcome else None
    except ValueError:
        raise Reject("decision.mitigation_outcome", msg("应为从轻、减轻或免予问责")) from None
    subject = Subject(
        kind=kind,
        id=str(official_id if kind is SubjectKind.OFFICIAL else data.get("subject_agency_id")),
        agency_id=str(data.get("subject_agency_id")),
        is_head=bool(official.data.get("is_head")) if official else False,
        is_office_staff=bool(official.data.get("is_office_staff")) if official else False,
    )
    proposal = ProposedDecision(
        subject=subject,
        ground_ids=tuple(data.get("ground_ids") or ()),
        measure_ids=tuple(data.get("measure_ids") or ()),
        decided_on=decided_on,
        mitigation_id=data.get("mitigation_id"),
        mitigation_outcome=mitigation,
        conditions_met=frozenset(data.get("conditions_met") or ()),
        baseline_measure_ids=tuple(data.get("baseline_measure_ids") or ()),
    )
    return proposal, official is not None or kind is SubjectKind.AGENCY


def _check_decision(a: Attempt, data: Mapping[str, Any], decided_on: dt.date) -> None:
    profile = load_profile(data.get("profile_id"))
    proposal, subject_known = _proposal(a, data, decided_on)
    refusals = check_decision(proposal, profile)
    if not subject_known:  # is_head unknown here: the laptop checked it
        refusals = [r for r in refusals if r.code != "decision.ground_heads_only"]
    refuse(refusals)


def _decision_state(a: Attempt, state: str) -> None:
    _require(
        a.current.get("state") == state,
        "decision.wrong_state",
        msg("问责决定尚未签发") if state == SIGNED else msg("问责决定已签发，不能再修改"),
    )


def decision_draft(a: Attempt) -> None:
    _require(a.changes.get("state") == DRAFT, "decision.wrong_state", msg("新的问责决定应为草稿"))
    _self(a, "author_id")
    _check_decision(a, a.changes, a.op_day)


def decision_update(a: Attempt) -> None:
    _decision_state(a, DRAFT)
    _check_decision(a, a.merged(), a.op_day)


def _decision_number(a: Attempt, number: Any) -> None:
    """A decision's number is no other decision's and is the number its own
    issued document got (whose sign-off passed :func:`_number_in_block`)."""
    if number is None:
        return
    taken = a.db.scalar(
        select(Record.id).where(
            Record.entity == "decisions",
            Record.natural_key == str(number),
            Record.id != a.entity_id,
        )
    )
    _require(taken is None, "document.number_taken", msg("该发文字号已被另一份问责决定使用"))
    issued = a.db.scalar(
        select(Record.id).where(
            Record.entity == "issued_documents",
            Record.natural_key == str(number),
            Record.parent_id == a.entity_id,
        )
    )
    _require(
        issued is not None,
        "document.number_not_issued",
        msg("该发文字号不是服务器上本问责决定文书的编号：签发文书的操作应先推送且被接受"),
    )


def _number_in_block(a: Attempt) -> None:
    """The number of a sign-off lies in a block the server gave the pushing
    device and did not take back (``server.numbers``)."""
    from server.numbers import block_holding  # server.numbers imports the API, which imports us

    prefix, year, serial = str(a.changes["prefix"]), int(a.changes["year"]), a.changes["serial"]
    _require(
        a.changes["number"] == document_number(prefix, year, serial),
        "document.number_mismatch",
        msg("发文字号与机关代字、年份、序号不一致（number）"),
    )
    block = block_holding(a.db, a.principal.device_id, prefix, year, serial)
    _require(
        block is not None,
        "document.number_not_in_block",
        msg("该发文字号不在服务器分给本设备的文号段内（或已退回）：请联网同步以获取文号后重新签发"),
    )


def decision_sign(a: Attempt) -> None:
    _decision_state(a, DRAFT)
    _require(
        a.changes.get("state") == SIGNED, "decision.wrong_state", msg("签发后的问责决定应为已签发")
    )
    _self(a, "signed_by")
    decided_on = a.changes.get("decided_on")
    _require(decided_on is not None, "decision.decided_on", msg("缺少决定日期"))
    _not_after_op_day(a, "decided_on", msg("决定日期"))
    _check_decision(a, a.merged(), day(decided_on))
    _decision_number(a, a.changes.get("document_number"))


def decision_receipt(a: Attempt) -> None:
    _decision_state(a, SIGNED)
    received = day(a.changes.get("received_on"))
    decided = a.current.get("decided_on")
    _require(
        decided is None or received >= day(decided),
        "decision.received_on",
        msg("送达日期不能早于决定日期"),
    )
    appeal = a.db.scalar(
        select(Record.id).where(Record.entity == "appeals", Record.parent_id == a.entity_id)
    )
    _require(appeal is None, "decision.receipt_locked", msg("已有申诉登记，送达日期不能再更改"))


def decision_publish(a: Attempt) -> None:
    _decision_state(a, SIGNED)
    _require(a.changes.get("published") is True, "decision.publish", msg("公开标记应为 true"))
    _require(not a.current.get("published"), "decision.already_published", msg("该问责决定已公开"))


def decision_number(a: Attempt) -> None:
    _decision_state(a, SIGNED)
    _require(
        a.current.get("document_number") in (None, a.changes.get("document_number")),
        "decision.number_exists",
        msg("该问责决定已有发文字号"),
    )
    _decision_number(a, a.changes.get("document_number"))


# ------------------------------------------------------------------ appeals

_OUTCOMES: Final = frozenset({"upheld", "varied", "revoked"})


def appeal_register(a: Attempt) -> None:
    """Admissibility (FJ 41: written, in time, the right body, not the same
    grounds twice) is checked on the laptop; here: the decision is signed and
    its receipt recorded, and the registrar is the user."""
    decision = get_record(a.db, "decisions", a.changes.get("decision_id"))
    _require(decision is not None, "appeal.unknown_decision", msg("服务器上没有该问责决定"))
    assert decision is not None
    _require(decision.data.get("state") == SIGNED, "decision.wrong_state", msg("问责决定尚未签发"))
    _require(
        decision.data.get("received_on") is not None,
        "decision.receipt_missing",
        msg("请先登记问责决定的送达日期，申诉期限自送达之日起算"),
    )
    _require(
        a.changes.get("state") == "received", "appeal.wrong_state", msg("新登记的申诉应为已收到")
    )
    _self(a, "registered_by")


def _measures_in_force(a: Attempt, decision: Record) -> list[str]:
    """The decision's measures as changed by its latest decided appeal."""
    decided = [
        r.data
        for r in a.db.scalars(
            select(Record).where(Record.entity == "appeals", Record.parent_id == decision.id)
        )
        if r.id != a.entity_id and r.data.get("state") == "decided"
    ]
    if decided:
        latest = max(decided, key=lambda d: (str(d.get("decided_on")), str(d.get("id", ""))))
        return list(latest.get("outcome_measure_ids") or [])
    return list(decision.data.get("measure_ids") or [])


def appeal_decide(a: Attempt) -> None:
    _require(
        a.current.get("state") == "received", "appeal.already_decided", msg("该申诉已作出处理决定")
    )
    _require(
        a.changes.get("state") == "decided", "appeal.wrong_state", msg("处理后的申诉应为已决定")
    )
    outcome = a.changes.get("outcome")
    _require(outcome in _OUTCOMES, "appeal.outcome", msg("处理结果应为维持、变更或撤销"))
    _require(
        bool(str(a.changes.get("reasons", "")).strip()),
        "appeal.reasons",
        msg("请写明申诉处理决定的理由"),
    )
    decided_on = a.changes.get("decided_on")
    _require(
        decided_on is not None and day(decided_on) >= day(a.current.get("received_on")),
        "appeal.decided_on",
        msg("申诉处理决定日期不能早于收到申诉的日期"),
    )
    decision = get_record(a.db, "decisions", a.current.get("decision_id"))
    _require(decision is not None, "appeal.unknown_decision", msg("服务器上没有该问责决定"))
    assert decision is not None
    profile = load_profile(decision.data.get("profile_id"))
    in_force = _measures_in_force(a, decision)
    chosen = list(a.changes.get("outcome_measure_ids") or [])
    if outcome == "upheld":
        _require(
            sorted(chosen) == sorted(in_force),
            "appeal.outcome",
            msg("维持原决定的，问责方式应不变"),
        )
    elif outcome == "revoked":
        _require(not chosen, "appeal.outcome", msg("撤销原决定的，不再给予问责方式"))
    else:
        _require(
            bool(chosen) and sorted(chosen) != sorted(in_force),
            "appeal.outcome",
            msg("变更原决定的，应给予与原决定不同的问责方式"),
        )
    try:
        kind = SubjectKind(str(decision.data.get("subject_kind")))
    except ValueError:
        raise Reject("decision.subject_kind", msg("问责对象类型不明")) from None
    refuse(check_appeal_outcome(in_force, chosen, profile, kind))


# ------------------------------------------------------------ other records


def rating_set(a: Attempt) -> None:
    if a.record is None:
        missing = {"agency_id", "year", "rating"} - set(a.changes)
        _require(
            not missing,
            "op.missing_field",
            msg("缺少字段：{fields}", fields=enumeration(sorted(missing))),
        )
        taken = a.db.scalar(
            select(Record.id).where(
                Record.entity == "performance_ratings",
                Record.natural_key == f"{a.changes['agency_id']}:{a.changes['year']}",
            )
        )
        _require(taken is None, "rating.exists", msg("该单位该年度已有考评等次：请在其上修改"))
    else:
        _require(
            set(a.changes) == {"rating"}, "op.field_not_allowed", msg("只能修改考评等次（rating）")
        )
    known = {r for pid in known_profiles() for r in load_profile(pid).ratings}
    _require(a.changes.get("rating") in known, "rating.unknown", msg("考评等次不在规则配置中"))


def document_sign_off(a: Attempt) -> None:
    _self(a, "signed_by")
    _number_in_block(a)
    number = a.changes.get("number")
    taken = a.db.scalar(
        select(Record.id).where(
            Record.entity == "issued_documents", Record.natural_key == str(number)
        )
    )
    _require(taken is None, "document.number_taken", msg("该发文字号已在全办使用，不能重复编号"))
    same_doc = [
        r
        for r in a.db.scalars(
            select(Record).where(
                Record.entity == "issued_documents",
                Record.parent_id == a.changes.get("record_id"),
            )
        )
        if r.data.get("kind") == a.changes.get("kind")
    ]
    _require(not same_doc, "document.already_numbered", msg("该文书已编发文字号"))


def agency_create(a: Attempt) -> None:
    load_profile(a.changes.get("profile_id"))
    _require(
        a.changes.get("kind") in ("agency", "office"),
        "agency.kind",
        msg("机构类型应为机关/单位或效能办"),
    )


def official_create(a: Attempt) -> None:
    """Nothing beyond the role and the field types."""


RULES: Final[Mapping[str, Callable[[Attempt], None]]] = {
    "plan.create": plan_create,
    "plan.update": plan_update,
    **{name: partial(plan_move, move) for name, move in _MOVES.items()},
    "visit.open": visit_open,
    "visit.update": visit_update,
    "visit.add_evidence": visit_add_evidence,
    "visit.finalise": visit_finalise,
    "complaint.register": complaint_register,
    "complaint.grant_identity": complaint_grant_identity,
    "complaint.route": complaint_route,
    "complaint.extend": complaint_extend,
    "complaint.close": complaint_close,
    "complaint.update": complaint_update,
    "rectification.issue": rectification_issue,
    "rectification.follow_up": rectification_follow_up,
    "decision.draft": decision_draft,
    "decision.update": decision_update,
    "decision.sign": decision_sign,
    "decision.receipt": decision_receipt,
    "decision.publish": decision_publish,
    "decision.number": decision_number,
    "appeal.register": appeal_register,
    "appeal.decide": appeal_decide,
    "rating.set": rating_set,
    "document.sign_off": document_sign_off,
    "agency.create": agency_create,
    "official.create": official_create,
}
