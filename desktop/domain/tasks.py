"""Task limits (限时办结, MAS 8): 20 working days, or a shorter limit set by law,
promise or the superior, and one extension of 10 working days with the head's
approval, the reason told to the party.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from desktop.domain.calendar import WorkCalendar
from desktop.domain.common import Refusal, Role
from desktop.domain.deadlines import Deadline, due_date, extend
from desktop.domain.messages import msg
from desktop.domain.profile import DeadlineRule, Limit, RuleProfile


@dataclass(frozen=True)
class TaskFacts:
    """A task under a time limit (工作任务): when it started and what was granted."""

    started_on: dt.date
    shorter_limit: Limit | None = None  # 法律规定、部门承诺和上级要求的更短时间
    legal_due: dt.date | None = None  # 法律规定的最长期限: an extension may not pass it
    extensions: int = 0


def task_rule(profile: RuleProfile) -> DeadlineRule | None:
    """The profile's task limit, if it has one (MAS 8)."""
    return profile.deadline("task")


def task_deadline(
    facts: TaskFacts, profile: RuleProfile, calendar: WorkCalendar | None = None
) -> Deadline | None:
    """The due date of a task (MAS 8 第二款): the shorter of the profile's limit and
    any shorter limit given, plus a granted extension (第三款). ``None`` when the
    profile sets no task limit."""
    rule = task_rule(profile)
    if rule is None:
        return None
    deadline = due_date(facts.started_on, rule.limit, calendar)
    if facts.shorter_limit is not None:
        shorter = due_date(facts.started_on, facts.shorter_limit, calendar)
        deadline = min(deadline, shorter, key=lambda d: d.due)
    if rule.extension is not None:
        for _ in range(min(facts.extensions, rule.extension.max_count)):
            deadline = extend(deadline, rule.extension.limit, calendar)
    if facts.legal_due is not None and deadline.due > facts.legal_due:
        deadline = Deadline(
            deadline.start, facts.legal_due, deadline.limit, deadline.uncovered_years
        )
    return deadline


def check_task_extension(
    facts: TaskFacts,
    approver_roles: Collection[Role],
    reason_told_to_party: bool,
    today: dt.date,
    profile: RuleProfile,
    calendar: WorkCalendar | None = None,
) -> list[Refusal]:
    """One extension (MAS 8 第三款: 经本机关主要负责人批准，可以延长10个工作日，但不能
    超过法律规定的时间，同时应将延长期限的理由告知办事对象)."""
    rule = task_rule(profile)
    if rule is None or rule.extension is None:
        return [Refusal("task.no_extension", msg("本规则未设工作任务延期"), "")]
    article = rule.extension.limit.article
    refusals = []
    if facts.extensions >= rule.extension.max_count:
        refusals.append(Refusal("task.extension_used", msg("已延期，不能再次延期"), article))
    if rule.extension.approver not in approver_roles:
        refusals.append(
            Refusal("task.extension_approver", msg("延期须经本机关主要负责人批准"), article)
        )
    if not reason_told_to_party:
        refusals.append(
            Refusal("task.reason_not_told", msg("应将延长期限的理由告知办事对象"), article)
        )
    current = task_deadline(facts, profile, calendar)
    if current is not None and today > current.due:
        refusals.append(
            Refusal(
                "task.extension_too_late",
                msg("办理期限 {due} 已过，不能再申请延期", due=current.due),
                article,
            )
        )
    if current is not None and facts.legal_due is not None and current.due >= facts.legal_due:
        refusals.append(
            Refusal(
                "task.legal_limit",
                msg("已到法律规定的期限 {due}，不能延长", due=facts.legal_due),
                article,
            )
        )
    return refusals
