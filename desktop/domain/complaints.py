"""Complaints (效能投诉, FJ 30–34, MAS 13(1), 15–16): registration, routing,
deadlines, extension, closing, and who may read the complainant's identity.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from desktop.domain.calendar import WorkCalendar
from desktop.domain.common import Refusal, Role, enumeration
from desktop.domain.deadlines import Deadline, due_date, extend
from desktop.domain.messages import msg
from desktop.domain.profile import DeadlineRule, RuleProfile

IDENTITY_ARTICLE = "FJ 34、MAS 15"


class FollowUp(StrEnum):
    """What was done about a founded complaint (FJ 33, MAS 16)."""

    RESOLVED = "resolved"  # 认真解决
    RECTIFICATION = "rectification"  # 整改到位
    ACCOUNTABILITY = "accountability"  # 予以问责
    REFERRAL = "referral"  # 涉嫌违法违纪，移送有关部门


@dataclass(frozen=True)
class ComplaintFacts:
    """What the rules need to know about a complaint (效能投诉)."""

    channel: str
    received_on: dt.date
    anonymous: bool
    urgent_criteria: frozenset[str] = frozenset()
    extensions: int = 0
    closed: bool = False


@dataclass(frozen=True)
class Closing:
    """The outcome recorded when a complaint is closed (办结)."""

    result: str
    explanation: str
    reply_channel: str | None
    follow_up: frozenset[FollowUp]


def may_read_identity(roles: Collection[Role]) -> bool:
    """Only complaint handlers may read a complainant's identity (FJ 34, MAS 15: 保密)."""
    return Role.COMPLAINT_HANDLER in roles


def check_identity_access(roles: Collection[Role]) -> list[Refusal]:
    """Refuse reading a complainant's identity to anyone but a complaint handler."""
    if may_read_identity(roles):
        return []
    return [
        Refusal(
            "complaint.identity_forbidden",
            msg("只有投诉受理人员可以查看投诉人身份信息"),
            IDENTITY_ARTICLE,
        )
    ]


def check_registration(facts: ComplaintFacts, profile: RuleProfile) -> list[Refusal]:
    """A complaint comes by a known channel (FJ 30, MAS 15) with known urgency criteria (FJ 32)."""
    rules = profile.complaints
    refusals = []
    channels = {c.id for c in rules.channels}
    if facts.channel not in channels:
        names = enumeration([c.name for c in rules.channels])
        refusals.append(
            Refusal(
                "complaint.unknown_channel",
                msg("未知的投诉渠道，可选：{names}", names=names),
                rules.channels[0].article,
            )
        )
    known = {c.id for c in rules.urgent_criteria}
    unknown = facts.urgent_criteria - known
    if unknown and not known:
        refusals.append(
            Refusal(
                "complaint.no_urgent_rule",
                msg("本规则未设紧急投诉限时办结，不能标记为紧急"),
                "",
            )
        )
    elif unknown:
        refusals.append(
            Refusal(
                "complaint.unknown_urgent_criterion",
                msg("未知的紧急情形：{criteria}", criteria=enumeration(sorted(unknown))),
                rules.urgent_article,
            )
        )
    return refusals


def is_urgent(facts: ComplaintFacts, profile: RuleProfile) -> bool:
    """Urgent: touches the business environment or major livelihood (FJ 32: 马上就办、限时办结)."""
    known = {c.id for c in profile.complaints.urgent_criteria}
    return bool(facts.urgent_criteria & known) and profile.deadline("complaint_urgent") is not None


def deadline_rule(facts: ComplaintFacts, profile: RuleProfile) -> DeadlineRule:
    """The limit that applies: urgent (FJ 32) or ordinary (MAS 15: 10 个工作日)."""
    urgent = profile.deadline("complaint_urgent") if is_urgent(facts, profile) else None
    rule = urgent or profile.deadline("complaint")
    if rule is None:  # parse_profile requires it; this guards hand-built profiles
        raise ValueError(f"profile {profile.id} has no complaint deadline")
    return rule


def complaint_deadline(
    facts: ComplaintFacts, profile: RuleProfile, calendar: WorkCalendar | None = None
) -> Deadline:
    """The due date, counted on the official calendar from the day it was received,
    with each granted extension added (MAS 15 第四款; FJ 32)."""
    rule = deadline_rule(facts, profile)
    deadline = due_date(facts.received_on, rule.limit, calendar)
    if rule.extension is not None:
        for _ in range(min(facts.extensions, rule.extension.max_count)):
            deadline = extend(deadline, rule.extension.limit, calendar)
    return deadline


def check_routing(
    mode: str,
    time_limit: dt.date | None,
    requirements: str,
    today: dt.date,
    complaint_due: dt.date,
    profile: RuleProfile,
) -> list[Refusal]:
    """Route a complaint: 自办 / 转办 / 督办 (FJ 31, 分级负责、归口办理).

    A transfer or supervision carries a time limit and requirements (FJ 33: 应当
    提出办理的时限和要求); the limit falls between today and the complaint's own
    due date, so the office can still answer in time.
    """
    rules = profile.complaints
    try:
        handling = rules.mode(mode)
    except KeyError:
        names = enumeration([m.name for m in rules.modes])
        return [
            Refusal(
                "complaint.unknown_mode",
                msg("未知的办理方式，可选：{names}", names=names),
                rules.modes[0].article,
            )
        ]
    if not handling.needs_limit_and_requirements:
        return []
    refusals = []
    if time_limit is None:
        refusals.append(
            Refusal(
                "complaint.transfer_limit_required",
                msg("{mode}须写明办理时限", mode=handling.name),
                handling.article,
            )
        )
    elif time_limit < today:
        refusals.append(
            Refusal(
                "complaint.transfer_limit_past",
                msg("办理时限 {limit} 早于今天", limit=time_limit),
                handling.article,
            )
        )
    elif time_limit > complaint_due:
        refusals.append(
            Refusal(
                "complaint.transfer_limit_after_due",
                msg(
                    "办理时限 {limit} 晚于本投诉的办结期限 {due}",
                    limit=time_limit,
                    due=complaint_due,
                ),
                handling.article,
            )
        )
    if not requirements.strip():
        refusals.append(
            Refusal(
                "complaint.transfer_requirements_required",
                msg("{mode}须写明办理要求", mode=handling.name),
                handling.article,
            )
        )
    return refusals


def check_extension(
    facts: ComplaintFacts,
    approver_roles: Collection[Role],
    reason: str,
    today: dt.date,
    profile: RuleProfile,
    calendar: WorkCalendar | None = None,
) -> list[Refusal]:
    """One extension, approved by the head, for a stated reason, asked before the
    deadline passes (MAS 15 第四款: 情况复杂的，报经本机关负责人批准可延长办理时限)."""
    rule = deadline_rule(facts, profile)
    ext = rule.extension
    if ext is None:
        return [
            Refusal(
                "complaint.no_extension",
                msg("{limit}不可延期", limit=rule.name),
                rule.limit.article,
            )
        ]
    refusals = []
    if facts.closed:
        refusals.append(Refusal("complaint.closed", msg("投诉已办结，不能延期"), ext.limit.article))
    if facts.extensions >= ext.max_count:
        refusals.append(
            Refusal(
                "complaint.extension_used",
                msg(
                    "已延期 {count} 次，最多 {maximum} 次",
                    count=facts.extensions,
                    maximum=ext.max_count,
                ),
                ext.limit.article,
            )
        )
    if ext.approver not in approver_roles:
        refusals.append(
            Refusal(
                "complaint.extension_approver", msg("延期须经本机关负责人批准"), ext.limit.article
            )
        )
    if not reason.strip():
        refusals.append(
            Refusal("complaint.extension_reason", msg("须写明延期理由"), ext.limit.article)
        )
    due = complaint_deadline(facts, profile, calendar).due
    if today > due:
        refusals.append(
            Refusal(
                "complaint.extension_too_late",
                msg("办结期限 {due} 已过，不能再申请延期", due=due),
                ext.limit.article,
            )
        )
    return refusals


def check_closing(facts: ComplaintFacts, closing: Closing, profile: RuleProfile) -> list[Refusal]:
    """Close a complaint with its result and reply (FJ 33, MAS 16).

    Founded (属实): something was done (解决、整改、问责 or 移送). Unfounded or
    partly founded: an explanation is given (FJ 33: 不属实的，应当作出解释说明;
    MAS 16: 告知理由). The reply goes back through the channel the complaint came
    by (MAS 16: 通过原渠道予以反馈), unless the complainant is anonymous.
    """
    rules = profile.complaints
    results = {r.id: r for r in rules.results}
    if facts.closed:
        return [Refusal("complaint.closed", msg("投诉已办结"), rules.results[0].article)]
    if closing.result not in results:
        names = enumeration([r.name for r in rules.results])
        return [
            Refusal(
                "complaint.unknown_result",
                msg("须选择办理结果：{names}", names=names),
                rules.results[0].article,
            )
        ]
    result = results[closing.result]
    refusals = []
    if closing.result == "founded" and not closing.follow_up:
        refusals.append(
            Refusal(
                "complaint.follow_up_required",
                msg("投诉属实的，应当解决、整改，需要问责的予以问责，或移送有关部门"),
                result.article,
            )
        )
    if closing.result != "founded" and not closing.explanation.strip():
        refusals.append(
            Refusal(
                "complaint.explanation_required",
                msg("投诉{result}的，应当作出解释说明并告知理由", result=result.name),
                result.article,
            )
        )
    if not facts.anonymous and closing.reply_channel != facts.channel:
        refusals.append(
            Refusal("complaint.reply_channel", msg("应通过投诉的原渠道予以答复"), result.article)
        )
    return refusals
