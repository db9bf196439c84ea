"""Inspection plans (督查方案): their lifecycle, who may move them, who may see them.

An office draws up a plan before it inspects and runs it only once approved
(FJ 26; MAS 15 第五款). A major plan, or one another agency asked for, also
needs the office head's second approval where the profile says so (FJ 26,
FJ 27). After the inspection a report is written (MAS 16) and the plan closed.

    draft / returned ─submit→ submitted ─approve→ approved ─start→ in_progress
    submitted ─approve→ first_approved ─second_approve→ approved   (second approval)
    submitted / first_approved ─return→ returned
    in_progress ─report→ reported ─close→ closed

Who may do what is a product rule layered on the articles: the author or a
team inspector submits, a supervisor approves, the office head gives the
second approval, and nobody approves a plan they wrote or will carry out.
Plans of an unannounced kind (暗访, MAS 14（七）) are confidential until the
visit is over.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from desktop.domain.common import Refusal, Role, enumeration, require
from desktop.domain.messages import Message, msg
from desktop.domain.profile import PlanKind, RuleProfile, SecondApprovalReason


class PlanState(StrEnum):
    """Where a plan is in its lifecycle (方案状态)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    FIRST_APPROVED = "first_approved"  # awaiting the office head's second approval
    APPROVED = "approved"
    IN_PROGRESS = "in_progress"
    REPORTED = "reported"
    CLOSED = "closed"


class PlanAction(StrEnum):
    """A move of a plan from one state to another (方案操作)."""

    SUBMIT = "submit"
    APPROVE = "approve"
    SECOND_APPROVE = "second_approve"
    RETURN = "return"
    START = "start"
    REPORT = "report"
    CLOSE = "close"


APPROVER_ROLES: Final = frozenset({Role.SUPERVISOR, Role.OFFICE_HEAD})
"""Roles whose holders in the plan's office are its designated approvers."""

STATE_NAMES: Mapping[PlanState, str] = MappingProxyType(
    {
        PlanState.DRAFT: "草稿",
        PlanState.SUBMITTED: "待审批",
        PlanState.RETURNED: "已退回",
        PlanState.FIRST_APPROVED: "待主要负责人审批",
        PlanState.APPROVED: "已批准",
        PlanState.IN_PROGRESS: "实施中",
        PlanState.REPORTED: "已形成报告",
        PlanState.CLOSED: "已办结",
    }
)
"""The Chinese name of each state, as the user sees it."""

ACTION_NAMES: Mapping[PlanAction, str] = MappingProxyType(
    {
        PlanAction.SUBMIT: "提交审批",
        PlanAction.APPROVE: "审批",
        PlanAction.SECOND_APPROVE: "作主要负责人审批",
        PlanAction.RETURN: "退回",
        PlanAction.START: "开始实施",
        PlanAction.REPORT: "提交督查报告",
        PlanAction.CLOSE: "办结",
    }
)
"""The Chinese name of each action, as the user sees it."""

_ROLE_NAMES: Mapping[Role, Message] = MappingProxyType(
    {
        Role.INSPECTOR: msg("督查人员"),
        Role.SUPERVISOR: msg("科室负责人（机构负责人）"),
        Role.OFFICE_HEAD: msg("效能办主要负责人"),
        Role.COMPLAINT_HANDLER: msg("投诉受理人员"),
        Role.ADMINISTRATOR: msg("系统管理员"),
    }
)

_SOURCES: Mapping[PlanAction, tuple[PlanState, ...]] = MappingProxyType(
    {
        PlanAction.SUBMIT: (PlanState.DRAFT, PlanState.RETURNED),
        PlanAction.APPROVE: (PlanState.SUBMITTED,),
        PlanAction.SECOND_APPROVE: (PlanState.FIRST_APPROVED,),
        PlanAction.RETURN: (PlanState.SUBMITTED, PlanState.FIRST_APPROVED),
        PlanAction.START: (PlanState.APPROVED,),
        PlanAction.REPORT: (PlanState.IN_PROGRESS,),
        PlanAction.CLOSE: (PlanState.REPORTED,),
    }
)

_EDITABLE = frozenset({PlanState.DRAFT, PlanState.RETURNED})
_VISIT_OVER = frozenset({PlanState.REPORTED, PlanState.CLOSED})


@dataclass(frozen=True)
class PlanFacts:
    """What the rules need to know about one plan.

    ``kind`` is a profile kind id; ``special_item`` the item of MAS 13（二）
    (1, 2 or 3) a special inspection falls under; ``government_approval_ref``
    the reference of the government's approval (立项); ``approver_ids``
    everyone who has approved this plan, in any round.
    """

    id: str
    kind: str
    state: PlanState
    author_id: str
    team_ids: tuple[str, ...]
    major: bool = False
    requested_by_agency: bool = False
    special_item: int | None = None
    government_approval_ref: str = ""
    approver_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Actor:
    """The signed-in user who attempts an action (操作人)."""

    user_id: str
    roles: frozenset[Role]


def needs_second_approval(plan: PlanFacts, profile: RuleProfile) -> bool:
    """Whether the plan needs the office head's second approval (FJ 26, FJ 27).

    FJ 26: 重大督查事项，应当报请…主要负责人批准后实施; FJ 27: a plan another
    agency asked for needs the head's approval. Which of the two apply is
    ``profile.plans.second_approval_when``.
    """
    when = profile.plans.second_approval_when
    return (SecondApprovalReason.MAJOR in when and plan.major) or (
        SecondApprovalReason.REQUESTED_BY_AGENCY in when and plan.requested_by_agency
    )


def check_transition(
    plan: PlanFacts,
    action: PlanAction,
    actor: Actor,
    profile: RuleProfile,
    reason: str = "",
) -> list[Refusal]:
    """Why ``actor`` may not do ``action`` on ``plan`` now; empty if they may.

    FJ 26 (a plan first, run once approved; major items approved by the head),
    FJ 27 (requested inspections approved by the head), MAS 15 第五款 (two
    inspectors; government approval for MAS 13（二）items 1–2), MAS 16 (a report
    after a special inspection). A return needs a ``reason``.
    """
    return _check(plan, action, actor, profile, reason, True)


def apply_transition(
    plan: PlanFacts,
    action: PlanAction,
    actor: Actor,
    profile: RuleProfile,
    reason: str = "",
) -> PlanState:
    """The state the plan moves to; raises :class:`RuleViolation` if refused.

    Same rules as :func:`check_transition` (FJ 26, FJ 27, MAS 15, MAS 16). An
    approval leads to ``first_approved`` when :func:`needs_second_approval`.
    """
    require(check_transition(plan, action, actor, profile, reason))
    return _target(plan, action, profile)


def available_actions(plan: PlanFacts, actor: Actor, profile: RuleProfile) -> list[PlanAction]:
    """The actions ``actor`` may take on ``plan`` now, for the UI (FJ 26, FJ 27, MAS 16).

    A return is offered without its reason: the UI asks for one.
    """
    return [action for action in PlanAction if not _check(plan, action, actor, profile, "", False)]


def can_edit(plan: PlanFacts, actor: Actor) -> bool:
    """Whether ``actor`` may change the plan's content (FJ 26: 制定督查方案).

    Only a draft or a returned plan, and only by its author or its team.
    """
    return plan.state in _EDITABLE and (
        actor.user_id == plan.author_id or actor.user_id in plan.team_ids
    )


def can_view(
    plan: PlanFacts,
    actor: Actor,
    profile: RuleProfile,
    designated_approver_ids: Collection[str],
) -> bool:
    """Whether ``actor`` may see the plan at all (暗访方案保密, MAS 14（七）).

    A plan of an unannounced kind is visible only to its author, its team, the
    designated approvers and those who already approved it, until it is
    reported or closed; any other plan is visible to every user. A kind the
    profile does not know is treated as unannounced.
    """
    kind = _kind(plan, profile)
    confidential = kind is None or kind.unannounced
    if not confidential or plan.state in _VISIT_OVER:
        return True
    return (
        actor.user_id == plan.author_id
        or actor.user_id in plan.team_ids
        or actor.user_id in designated_approver_ids
        or actor.user_id in plan.approver_ids
    )


# --------------------------------------------------------------------------


def _kind(plan: PlanFacts, profile: RuleProfile) -> PlanKind | None:
    try:
        return profile.plans.kind(plan.kind)
    except KeyError:
        return None


def _target(plan: PlanFacts, action: PlanAction, profile: RuleProfile) -> PlanState:
    match action:
        case PlanAction.SUBMIT:
            return PlanState.SUBMITTED
        case PlanAction.APPROVE:
            if needs_second_approval(plan, profile):
                return PlanState.FIRST_APPROVED
            return PlanState.APPROVED
        case PlanAction.SECOND_APPROVE:
            return PlanState.APPROVED
        case PlanAction.RETURN:
            return PlanState.RETURNED
        case PlanAction.START:
            return PlanState.IN_PROGRESS
        case PlanAction.REPORT:
            return PlanState.REPORTED
        case PlanAction.CLOSE:
            return PlanState.CLOSED


def _article(action: PlanAction, plan: PlanFacts, profile: RuleProfile) -> str:
    if action is PlanAction.SECOND_APPROVE or (
        action is PlanAction.RETURN and plan.state is PlanState.FIRST_APPROVED
    ):
        return profile.plans.second_approval_article
    if action is PlanAction.REPORT:
        return profile.plans.report_article
    if action is PlanAction.CLOSE:
        return ""
    return profile.plans.approval_article


def _check(
    plan: PlanFacts,
    action: PlanAction,
    actor: Actor,
    profile: RuleProfile,
    reason: str,
    need_reason: bool,
) -> list[Refusal]:
    act = ACTION_NAMES[action]
    article = _article(action, plan, profile)
    sources = _SOURCES[action]
    if plan.state not in sources:
        allowed = enumeration(
            [msg("“{state}”", state=STATE_NAMES[s]) for s in sources], alternatives=True
        )
        return [
            Refusal(
                "plan.wrong_state",
                msg(
                    "方案当前状态为“{state}”，不能{action}（只有{allowed}状态的方案可以{action}）",
                    state=STATE_NAMES[plan.state],
                    action=act,
                    allowed=allowed,
                ),
                article,
            )
        ]

    refusals: list[Refusal] = []
    on_team = actor.user_id in plan.team_ids
    team_inspector = on_team and Role.INSPECTOR in actor.roles

    def need_role(role: Role, role_article: str = "") -> None:
        if role not in actor.roles:
            refusals.append(
                Refusal(
                    "plan.role_required",
                    msg("只有{role}可以{action}督查方案", role=_ROLE_NAMES[role], action=act),
                    role_article,
                )
            )

    def need_independent() -> None:
        if actor.user_id == plan.author_id or on_team:
            refusals.append(
                Refusal(
                    "plan.approver_not_independent",
                    msg(
                        "审批人不能是方案起草人或督查组成员：审批与实施必须分离，请由其他负责人审批"
                    ),
                    "",
                )
            )

    match action:
        case PlanAction.SUBMIT:
            if actor.user_id != plan.author_id and not team_inspector:
                refusals.append(
                    Refusal(
                        "plan.not_author_or_team",
                        msg("只有方案起草人或督查组中的督查人员可以提交审批"),
                        "",
                    )
                )
            from desktop.domain.inspections import check_team  # here: it imports this module

            refusals.extend(check_team(plan.team_ids, profile))
            refusals.extend(_check_kind(plan, profile))
        case PlanAction.APPROVE:
            need_role(Role.SUPERVISOR)
            need_independent()
        case PlanAction.SECOND_APPROVE:
            need_role(Role.OFFICE_HEAD, article)
            need_independent()
            if actor.user_id in plan.approver_ids:
                refusals.append(
                    Refusal(
                        "plan.same_approver",
                        msg("主要负责人审批须由初审以外的另一人作出，您已审批过本方案"),
                        article,
                    )
                )
        case PlanAction.RETURN:
            if plan.state is PlanState.SUBMITTED:
                need_role(Role.SUPERVISOR)
            else:
                need_role(Role.OFFICE_HEAD, article)
            if need_reason and not reason.strip():
                refusals.append(
                    Refusal("plan.reason_required", msg("退回督查方案须写明退回理由"), "")
                )
        case PlanAction.START | PlanAction.REPORT:
            if not team_inspector:
                refusals.append(
                    Refusal(
                        "plan.not_team_inspector",
                        msg("只有督查组中的督查人员可以{action}", action=act),
                        article,
                    )
                )
        case PlanAction.CLOSE:
            need_role(Role.SUPERVISOR)
    return refusals


def _check_kind(plan: PlanFacts, profile: RuleProfile) -> list[Refusal]:
    kind = _kind(plan, profile)
    if kind is None:
        return [
            Refusal(
                "plan.unknown_kind",
                msg("督查类型“{kind}”不在本单位的规则配置中，请重新选择督查类型", kind=plan.kind),
                "",
            )
        ]
    items = kind.government_approval_items
    if not items:
        return []
    if plan.special_item is None:
        return [
            Refusal(
                "plan.special_item_required",
                msg(
                    "{kind}须注明属于{article}的第几项（其中{items}须经政府立项）",
                    kind=kind.name,
                    article=kind.article,
                    items=_items(items),
                ),
                kind.article,
            )
        ]
    valid = profile.plans.special_items
    if valid and plan.special_item not in valid:
        return [
            Refusal(
                "plan.unknown_special_item",
                msg(
                    "{article}只有{items}，没有第{number}项",
                    article=kind.article,
                    items=_items(valid),
                    number=plan.special_item,
                ),
                kind.article,
            )
        ]
    if plan.special_item in items and not plan.government_approval_ref.strip():
        return [
            Refusal(
                "plan.government_approval_required",
                msg(
                    "属于{article}第{number}项的{kind}，"
                    "须先报经本级政府立项或政府负责人同意，请填写立项依据（文号）",
                    article=kind.article,
                    number=plan.special_item,
                    kind=kind.name,
                ),
                profile.plans.government_approval_article,
            )
        ]
    return []


def _items(numbers: Collection[int]) -> str:
    """The items of an article, in order: 第1项、第2项."""
    return enumeration([msg("第{number}项", number=n) for n in sorted(numbers)])
