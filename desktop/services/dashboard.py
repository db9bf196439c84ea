"""The 工作台 (dashboard): what the signed-in user has to do, the deadlines they
may see, and the complaint figures for the charts.

Everything here reads; nothing is written except the warning-window setting.
Each source is one indexed query with a limit (never every row), and every
record is filtered by the same rules as its own service: plans through the
plans service's visibility helper (暗访方案保密, MAS 14（七）), complaints for
their readers, drafts of decisions for supervisors and office heads only.

Deadlines are counted on the official calendar
(:func:`desktop.domain.deadlines.deadline_status`); where a deadline reaches
into a year with no holiday table the row carries the calendar's warning
(:attr:`desktop.domain.deadlines.Deadline.warning`), so the UI can say that
the date was counted on weekends only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Final

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from desktop.domain.appeals import appeal_decision_deadline, appeal_filing_deadline
from desktop.domain.calendar import UncoveredYearWarning, default_calendar
from desktop.domain.common import Role
from desktop.domain.deadlines import Urgency, deadline_status
from desktop.domain.messages import Message, msg
from desktop.domain.plans import PlanAction, PlanState, available_actions, can_edit
from desktop.domain.profile import RuleProfile
from desktop.resources import load_profile
from desktop.services import auth, complaints, decisions, plans, rectifications
from desktop.services.auth import UserSession
from desktop.services.base import Context, InvalidInput, NotFound, require_role
from desktop.store import audit
from desktop.store.models import (
    Agency,
    Appeal,
    Complaint,
    Decision,
    InspectionPlan,
    Official,
    PlanMember,
    Rectification,
    Setting,
    Visit,
)

__all__ = [
    "DEFAULT_WARN_DAYS",
    "WARN_DAYS_KEY",
    "DeadlineRow",
    "MonthStat",
    "Task",
    "complaint_stats",
    "complaint_stats_job",
    "deadlines",
    "my_tasks",
    "set_warn_days",
    "uncovered_warning",
    "warn_days",
]

WARN_DAYS_KEY: Final = "deadline_warn_days"
DEFAULT_WARN_DAYS: Final = 3
MAX_WARN_DAYS: Final = 30
#: Rows read from each source at most (the dashboard is a summary, not a list).
SOURCE_LIMIT: Final = 100
MAX_MONTHS: Final = 36


OFFICE_ROLES: Final = frozenset({Role.INSPECTOR, Role.SUPERVISOR, Role.OFFICE_HEAD})

_URGENCY_ORDER: Final = {
    Urgency.OVERDUE: 0,
    Urgency.DUE_TODAY: 1,
    Urgency.DUE_SOON: 2,
    Urgency.OK: 3,
}


# ------------------------------------------------------------------- views


@dataclass(frozen=True)
class Task:
    """One thing the user has to do (待办).

    ``target_kind`` / ``target_id`` name the record to open for it: the
    record itself, or for an appeal its decision and for a rectification the
    plan, decision or complaint it came from.
    """

    kind: str  # plan | visit | complaint | decision | appeal | rectification
    record_id: str
    title: str
    action: str  # what to do, in Chinese
    due: dt.date | None
    working_days_left: int | None
    urgency: Urgency | None
    target_kind: str
    target_id: str
    warning: str = ""


@dataclass(frozen=True)
class DeadlineRow:
    """One open deadline (期限提醒): what it is, when it falls, how it stands."""

    kind: str
    record_id: str
    what: str  # the deadline's name, e.g. 投诉办理期限
    title: str  # the record it belongs to
    due: dt.date
    working_days_left: int
    urgency: Urgency
    uncovered_years: frozenset[int]
    target_kind: str
    target_id: str

    @property
    def label(self) -> str:
        """事项: the deadline and its record."""
        return msg("{what}：{title}", what=self.what, title=self.title)

    @property
    def warning(self) -> str:
        """The calendar's warning when the count ran through a year with no table."""
        return UncoveredYearWarning(self.uncovered_years).message if self.uncovered_years else ""


@dataclass(frozen=True)
class MonthStat:
    """Complaints of one month (``YYYY-MM``): received, closed, closed by the due date."""

    month: str
    received: int
    closed: int
    closed_on_time: int

    @property
    def on_time_rate(self) -> float | None:
        """按期办结率 in percent; ``None`` when nothing was closed that month."""
        return None if self.closed == 0 else 100.0 * self.closed_on_time / self.closed


# ---------------------------------------------------------------- settings


def _warn_days(db: Session) -> int:
    saved = db.get(Setting, WARN_DAYS_KEY)
    if saved is None:
        return DEFAULT_WARN_DAYS
    try:
        value = int(saved.value)
    except ValueError:
        return DEFAULT_WARN_DAYS
    return value if 0 <= value <= MAX_WARN_DAYS else DEFAULT_WARN_DAYS


def warn_days(ctx: Context, user: UserSession) -> int:
    """How many working days before a deadline the dashboard starts warning."""
    auth.touch(ctx, user)
    with ctx.transaction() as db:
        return _warn_days(db)


def set_warn_days(ctx: Context, user: UserSession, days: int) -> None:
    """Change the warning window (administrator only), 0 to 30 working days."""
    auth.touch(ctx, user)
    require_role(user, {Role.ADMINISTRATOR}, msg("修改期限提醒设置"))
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= MAX_WARN_DAYS:
        raise InvalidInput(
            msg("提前提醒的工作日数应在 0 到 {limit} 之间", limit=MAX_WARN_DAYS),
            field=WARN_DAYS_KEY,
        )
    with ctx.transaction() as db:
        db.merge(Setting(key=WARN_DAYS_KEY, value=str(days)))
        audit.append(
            db,
            at=ctx.now(),
            device_id=ctx.device_id,
            user_id=user.user_id,
            action=f"settings.{WARN_DAYS_KEY}",
            entity="settings",
            entity_id=WARN_DAYS_KEY,
            details={"days": days},
        )


# ----------------------------------------------------------------- helpers


def _short(text: str, size: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[: size - 1] + "…"


def _profile(ctx: Context, profile_id: str) -> RuleProfile:
    """The profile a record was made under (its limits apply to it)."""
    if profile_id == ctx.profile.id:
        return ctx.profile
    try:
        return load_profile(profile_id)
    except (OSError, ValueError):
        return ctx.profile


@dataclass(frozen=True)
class _Clock:
    today: dt.date
    warn: int
    profile_id: str  # only this laptop's jurisdiction is listed

    def status(self, due: dt.date | None) -> tuple[int | None, Urgency | None]:
        if due is None:
            return None, None
        status = deadline_status(due, self.today, self.warn)
        return status.working_days_left, status.urgency

    def uncovered(self, *days: dt.date) -> frozenset[int]:
        every = (self.today, *days)
        return default_calendar().uncovered_years(min(every), max(every))


def _clock(ctx: Context, db: Session, warn: int | None) -> _Clock:
    return _Clock(ctx.today(), _warn_days(db) if warn is None else warn, ctx.profile.id)


def _subject_name(db: Session, decision: Decision) -> str:
    agency = db.get(Agency, decision.subject_agency_id)
    agency_name = agency.name if agency else decision.subject_agency_id
    if decision.subject_official_id:
        official = db.get(Official, decision.subject_official_id)
        if official is not None:
            return msg("{name}（{agency}）", name=official.name, agency=agency_name)
    return agency_name


def _visible_plan(
    ctx: Context, db: Session, user: UserSession, plan: InspectionPlan
) -> InspectionPlan | None:
    """The plan if ``user`` may see it (the plans service's rule), else ``None``."""
    try:
        return plans.load_visible_plan(ctx, db, user, plan.id)
    except NotFound:
        return None


def _sort_key(due: dt.date | None, urgency: Urgency | None) -> tuple[int, dt.date]:
    return (_URGENCY_ORDER.get(urgency, 4) if urgency else 4, due or dt.date.max)


# ------------------------------------------------------------------- tasks

_PLAN_TASKS: Final[dict[PlanAction, Message]] = {
    PlanAction.APPROVE: msg("审批督查方案"),
    PlanAction.SECOND_APPROVE: msg("作主要负责人审批（重大事项）"),
    PlanAction.START: msg("开始实施，开展现场检查"),
    PlanAction.REPORT: msg("提交督查报告"),
    PlanAction.CLOSE: msg("办结督查方案"),
}


def _plan_states(roles: frozenset[Role]) -> set[PlanState]:
    states: set[PlanState] = set()
    if Role.SUPERVISOR in roles:
        states |= {PlanState.SUBMITTED, PlanState.REPORTED}
    if Role.OFFICE_HEAD in roles:
        states.add(PlanState.FIRST_APPROVED)
    if Role.INSPECTOR in roles:
        states |= {PlanState.APPROVED, PlanState.IN_PROGRESS}
    if roles & plans.DRAFTER_ROLES:
        states |= {PlanState.DRAFT, PlanState.RETURNED}
    return states


def _plan_tasks(ctx: Context, db: Session, user: UserSession, clock: _Clock) -> list[Task]:
    states = _plan_states(user.roles)
    if not states:
        return []
    own = {PlanState.DRAFT, PlanState.RETURNED, PlanState.APPROVED, PlanState.IN_PROGRESS}
    mine = or_(
        InspectionPlan.author_id == user.user_id,
        InspectionPlan.id.in_(select(PlanMember.plan_id).where(PlanMember.user_id == user.user_id)),
    )
    others = [s.value for s in states - own]
    query = select(InspectionPlan).where(
        InspectionPlan.profile_id == clock.profile_id,
        or_(
            InspectionPlan.state.in_(others),
            InspectionPlan.state.in_([s.value for s in states & own]) & mine,
        ),
    )
    query = query.order_by(InspectionPlan.starts_on, InspectionPlan.id).limit(SOURCE_LIMIT)
    actor = plans.plan_actor(user)
    tasks = []
    for row in db.scalars(query):
        plan = _visible_plan(ctx, db, user, row)
        if plan is None:
            continue
        facts = plans.plan_facts(plan)
        state = PlanState(plan.state)
        due: dt.date | None
        if state in (PlanState.DRAFT, PlanState.RETURNED):
            if not can_edit(facts, actor):
                continue
            action = (
                msg("按退回意见修改后重新提交审批")
                if state is PlanState.RETURNED
                else msg("完善方案并提交审批")
            )
            due = plan.starts_on
        else:
            offered = available_actions(facts, actor, ctx.profile)
            found = next((a for a in _PLAN_TASKS if a in offered), None)
            if found is None:
                continue
            action = _PLAN_TASKS[found]
            due = {
                PlanAction.REPORT: plan.ends_on,
                PlanAction.CLOSE: None,
            }.get(found, plan.starts_on)
        left, urgency = clock.status(due)
        tasks.append(
            Task(
                kind="plan",
                record_id=plan.id,
                title=plan.title,
                action=action,
                due=due,
                working_days_left=left,
                urgency=urgency,
                target_kind="plan",
                target_id=plan.id,
                warning=_warning(clock, due),
            )
        )
    return tasks


def _warning(clock: _Clock, due: dt.date | None) -> str:
    years = clock.uncovered(due) if due is not None else frozenset()
    return UncoveredYearWarning(years).message if years else ""


def _visit_tasks(ctx: Context, db: Session, user: UserSession, clock: _Clock) -> list[Task]:
    if Role.INSPECTOR not in user.roles:
        return []
    query = (
        select(Visit, InspectionPlan)
        .join(InspectionPlan, InspectionPlan.id == Visit.plan_id)
        .join(PlanMember, PlanMember.plan_id == Visit.plan_id)
        .where(
            PlanMember.user_id == user.user_id,
            Visit.state == "open",
            InspectionPlan.profile_id == clock.profile_id,
        )
        .order_by(Visit.visited_on, Visit.id)
        .limit(SOURCE_LIMIT)
    )
    tasks = []
    for visit, row in db.execute(query).all():
        plan = _visible_plan(ctx, db, user, row)
        if plan is None:
            continue
        due = plan.ends_on
        left, urgency = clock.status(due)
        tasks.append(
            Task(
                kind="visit",
                record_id=visit.id,
                title=msg("{title}（{place}）", title=plan.title, place=visit.place),
                action=msg("完善检查记录，两名督查人员确认到场后定稿"),
                due=due,
                working_days_left=left,
                urgency=urgency,
                target_kind="visit",
                target_id=visit.id,
                warning=_warning(clock, due),
            )
        )
    return tasks


def _agency_title(matter: str, agency_name: str) -> str:
    """A record about an agency: the agency, and the start of the matter or content."""
    return msg("{agency}：{matter}", agency=agency_name, matter=_short(matter, 30))


def _complaint_tasks(db: Session, user: UserSession, clock: _Clock) -> list[Task]:
    handler = Role.COMPLAINT_HANDLER in user.roles
    router = bool(user.roles & set(complaints.ROUTERS))
    if not (handler or router):
        return []
    states = [complaints.REGISTERED, complaints.ROUTED] if handler else [complaints.REGISTERED]
    query = (
        select(Complaint, Agency.name)
        .join(Agency, Agency.id == Complaint.subject_agency_id)
        .where(Complaint.state.in_(states), Complaint.profile_id == clock.profile_id)
        .order_by(Complaint.due_on, Complaint.id)
        .limit(SOURCE_LIMIT)
    )
    tasks = []
    for complaint, agency_name in db.execute(query).all():
        if complaint.state == complaints.REGISTERED:
            action = msg("分办（自办、转办或督办）")
        elif complaint.transfer_limit is not None:
            action = msg(
                "跟踪承办单位反馈（反馈时限 {limit}），办结并答复",
                limit=complaint.transfer_limit.isoformat(),
            )
        else:
            action = msg("调查核实，办结并答复投诉人")
        left, urgency = clock.status(complaint.due_on)
        tasks.append(
            Task(
                kind="complaint",
                record_id=complaint.id,
                title=_agency_title(complaint.matter, agency_name),
                action=action,
                due=complaint.due_on,
                working_days_left=left,
                urgency=urgency,
                target_kind="complaint",
                target_id=complaint.id,
                warning=_warning(clock, complaint.due_on),
            )
        )
    return tasks


def _decision_tasks(ctx: Context, db: Session, user: UserSession, clock: _Clock) -> list[Task]:
    if not user.roles & decisions.DECIDERS:
        return []
    conditions = []
    if Role.OFFICE_HEAD in user.roles:
        conditions.append(Decision.state == decisions.DRAFT)
    conditions.append(
        (Decision.state == decisions.SIGNED)
        & (Decision.received_on.is_(None) | Decision.published.is_(False))
    )
    query = (
        select(Decision)
        .where(Decision.profile_id == clock.profile_id, or_(*conditions))
        .order_by(Decision.id)
        .limit(SOURCE_LIMIT)
    )
    tasks = []
    for decision in db.scalars(query):
        subject = _subject_name(db, decision)
        if decision.state == decisions.DRAFT:
            action = msg("审核签发问责决定")
        elif decision.received_on is None:
            action = msg("登记送达日期（申诉期限自送达起算）")
        elif _profile(ctx, decision.profile_id).accountability.publish_required:
            action = msg("公开问责决定")
        else:
            continue
        tasks.append(
            Task(
                kind="decision",
                record_id=decision.id,
                title=subject,
                action=action,
                due=None,
                working_days_left=None,
                urgency=None,
                target_kind="decision",
                target_id=decision.id,
            )
        )
    return tasks


def _open_appeals(db: Session, profile_id: str) -> list[tuple[Appeal, Decision]]:
    query = (
        select(Appeal, Decision)
        .join(Decision, Decision.id == Appeal.decision_id)
        .where(Appeal.state == decisions.APPEAL_RECEIVED, Decision.profile_id == profile_id)
        .order_by(Appeal.received_on, Appeal.id)
        .limit(SOURCE_LIMIT)
    )
    return [(a, d) for a, d in db.execute(query).all()]


def _appeal_tasks(ctx: Context, db: Session, user: UserSession, clock: _Clock) -> list[Task]:
    if Role.OFFICE_HEAD not in user.roles:
        return []
    tasks = []
    for appeal, decision in _open_appeals(db, clock.profile_id):
        deadline = appeal_decision_deadline(appeal.received_on, _profile(ctx, decision.profile_id))
        left, urgency = clock.status(deadline.due)
        tasks.append(
            Task(
                kind="appeal",
                record_id=appeal.id,
                title=_subject_name(db, decision),
                action=msg("作出申诉处理决定"),
                due=deadline.due,
                working_days_left=left,
                urgency=urgency,
                target_kind="decision",
                target_id=decision.id,
                warning=_warning(clock, deadline.due),
            )
        )
    return tasks


def _rectification_target(r: Rectification) -> tuple[str, str]:
    if r.plan_id:
        return "plan", r.plan_id
    if r.decision_id:
        return "decision", r.decision_id
    if r.complaint_id:
        return "complaint", r.complaint_id
    return "rectification", r.id


def _rectification_kind(r: Rectification) -> str:
    """整改要求 or 督查建议 (整改 for a kind this version does not know)."""
    return rectifications.KINDS.get(r.kind) or msg("整改")


def _open_rectifications(db: Session, profile_id: str) -> list[tuple[Rectification, str]]:
    query = (
        select(Rectification, Agency.name)
        .join(Agency, Agency.id == Rectification.agency_id)
        .where(Rectification.state == "open", Agency.profile_id == profile_id)
        .order_by(Rectification.due_on, Rectification.id)
        .limit(SOURCE_LIMIT)
    )
    return [(r, name) for r, name in db.execute(query).all()]


def _rectification_tasks(db: Session, user: UserSession, clock: _Clock) -> list[Task]:
    if not user.roles & rectifications.READERS:
        return []
    follows = bool(user.roles & rectifications.FOLLOWERS)
    tasks = []
    for r, agency_name in _open_rectifications(db, clock.profile_id):
        left, urgency = clock.status(r.due_on)
        target_kind, target_id = _rectification_target(r)
        kind = _rectification_kind(r)
        tasks.append(
            Task(
                kind="rectification",
                record_id=r.id,
                title=_agency_title(r.content, agency_name),
                action=msg("跟进{kind}落实情况并登记", kind=kind)
                if follows
                else msg("督促{kind}落实", kind=kind),
                due=r.due_on,
                working_days_left=left,
                urgency=urgency,
                target_kind=target_kind,
                target_id=target_id,
                warning=_warning(clock, r.due_on),
            )
        )
    return tasks


def my_tasks(ctx: Context, user: UserSession, warn: int | None = None) -> list[Task]:
    """What ``user`` has to do now, by role, overdue and soonest first.

    * supervisor: plans awaiting approval, reported plans to close, complaints
      to route, signed decisions without receipt or publication;
    * office head: plans awaiting the second approval, draft decisions to
      sign, appeals to decide (with their decision deadline, FJ 41);
    * inspector: their team's approved and running plans, their open visits;
    * inspector or supervisor: their own drafts and returned plans;
    * complaint handler: open complaints with their due dates;
    * everyone who may read them: open rectifications.

    A confidential (暗访) plan the user may not see never shows, nor its visit.
    ``warn`` overrides the stored warning window (working days).
    """
    auth.touch(ctx, user)
    with ctx.transaction() as db:
        clock = _clock(ctx, db, warn)
        tasks = [
            *_plan_tasks(ctx, db, user, clock),
            *_visit_tasks(ctx, db, user, clock),
            *_complaint_tasks(db, user, clock),
            *_decision_tasks(ctx, db, user, clock),
            *_appeal_tasks(ctx, db, user, clock),
            *_rectification_tasks(db, user, clock),
        ]
    return sorted(tasks, key=lambda t: _sort_key(t.due, t.urgency))


# --------------------------------------------------------------- deadlines


def _row(
    clock: _Clock,
    kind: str,
    record_id: str,
    what: str,
    title: str,
    start: dt.date,
    due: dt.date,
    target: tuple[str, str] | None = None,
) -> DeadlineRow:
    status = deadline_status(due, clock.today, clock.warn)
    target_kind, target_id = target or (kind, record_id)
    return DeadlineRow(
        kind=kind,
        record_id=record_id,
        what=what,
        title=title,
        due=due,
        working_days_left=status.working_days_left,
        urgency=status.urgency,
        uncovered_years=clock.uncovered(start, due),
        target_kind=target_kind,
        target_id=target_id,
    )


def _complaint_deadlines(db: Session, user: UserSession, clock: _Clock) -> list[DeadlineRow]:
    if not user.roles & set(complaints.READERS):
        return []
    query = (
        select(Complaint, Agency.name)
        .join(Agency, Agency.id == Complaint.subject_agency_id)
        .where(Complaint.state != complaints.CLOSED, Complaint.profile_id == clock.profile_id)
        .order_by(Complaint.due_on, Complaint.id)
        .limit(SOURCE_LIMIT)
    )
    return [
        _row(
            clock,
            "complaint",
            c.id,
            msg("投诉办理期限"),
            _agency_title(c.matter, name),
            c.received_on,
            c.due_on,
        )
        for c, name in db.execute(query).all()
    ]


def _rectification_deadlines(db: Session, user: UserSession, clock: _Clock) -> list[DeadlineRow]:
    if not user.roles & rectifications.READERS:
        return []
    return [
        _row(
            clock,
            "rectification",
            r.id,
            msg("{kind}落实期限", kind=_rectification_kind(r)),
            _agency_title(r.content, name),
            r.issued_on,
            r.due_on,
            _rectification_target(r),
        )
        for r, name in _open_rectifications(db, clock.profile_id)
    ]


def _appeal_deadlines(
    ctx: Context, db: Session, user: UserSession, clock: _Clock
) -> list[DeadlineRow]:
    if not user.roles & decisions.READERS:
        return []
    rows = []
    for appeal, decision in _open_appeals(db, clock.profile_id):
        deadline = appeal_decision_deadline(appeal.received_on, _profile(ctx, decision.profile_id))
        rows.append(
            _row(
                clock,
                "appeal",
                appeal.id,
                msg("申诉处理期限"),
                _subject_name(db, decision),
                appeal.received_on,
                deadline.due,
                ("decision", decision.id),
            )
        )
    # Filing (申诉期限): signed decisions received lately with no appeal yet,
    # while the window is still open (afterwards there is nothing to watch).
    # The window is at most the limit plus the rest days it may move over.
    longest = max(ctx.profile.appeals.filing.amount, 1) * 3 + 30
    since = clock.today - dt.timedelta(days=longest)
    query = (
        select(Decision)
        .where(
            Decision.state == decisions.SIGNED,
            Decision.profile_id == clock.profile_id,
            Decision.received_on.is_not(None),
            Decision.received_on >= since,
            ~select(Appeal.id).where(Appeal.decision_id == Decision.id).exists(),
        )
        .order_by(Decision.received_on, Decision.id)
        .limit(SOURCE_LIMIT)
    )
    for decision in db.scalars(query):
        assert decision.received_on is not None
        filing = appeal_filing_deadline(decision.received_on, _profile(ctx, decision.profile_id))
        if filing.due < clock.today:
            continue
        rows.append(
            _row(
                clock,
                "decision",
                decision.id,
                msg("申诉期限"),
                _subject_name(db, decision),
                decision.received_on,
                filing.due,
            )
        )
    return rows


def _plan_deadlines(
    ctx: Context, db: Session, user: UserSession, clock: _Clock
) -> list[DeadlineRow]:
    if not user.roles & OFFICE_ROLES:
        return []
    query = (
        select(InspectionPlan)
        .where(
            InspectionPlan.state.in_([PlanState.APPROVED.value, PlanState.IN_PROGRESS.value]),
            InspectionPlan.profile_id == clock.profile_id,
        )
        .order_by(InspectionPlan.ends_on, InspectionPlan.id)
        .limit(SOURCE_LIMIT)
    )
    rows = []
    for row in db.scalars(query):
        plan = _visible_plan(ctx, db, user, row)
        if plan is None:
            continue
        rows.append(
            _row(
                clock,
                "plan",
                plan.id,
                msg("督查结束日期"),
                plan.title,
                plan.starts_on,
                plan.ends_on,
            )
        )
    return rows


def deadlines(ctx: Context, user: UserSession, warn: int | None = None) -> list[DeadlineRow]:
    """Every open deadline ``user`` may see, overdue and soonest first.

    Complaints due (readers of complaints), rectifications due (their
    readers), appeal decision deadlines and appeal filing deadlines still
    running (readers of decisions, FJ 41), end dates of approved and running
    plans (office staff; 暗访 plans only for those who may see them). Working
    days left are counted on the official calendar from today in China.
    ``warn`` overrides the stored warning window (working days).
    """
    auth.touch(ctx, user)
    with ctx.transaction() as db:
        clock = _clock(ctx, db, warn)
        rows = [
            *_complaint_deadlines(db, user, clock),
            *_rectification_deadlines(db, user, clock),
            *_appeal_deadlines(ctx, db, user, clock),
            *_plan_deadlines(ctx, db, user, clock),
        ]
    return sorted(rows, key=lambda r: (*_sort_key(r.due, r.urgency), r.label))


def uncovered_warning(rows: Iterable[DeadlineRow]) -> str:
    """One warning for all the rows that reach into a year with no holiday table."""
    years: set[int] = set()
    for row in rows:
        years |= row.uncovered_years
    return UncoveredYearWarning(years).message if years else ""


# ------------------------------------------------------------------- stats


def _month_keys(today: dt.date, months: int) -> list[str]:
    year, month = today.year, today.month
    keys = []
    for _ in range(months):
        keys.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return keys[::-1]


def complaint_stats_job(
    ctx: Context, user: UserSession, months: int = 12
) -> Callable[[], list[MonthStat]]:
    """Check the session, the role and the input now, and return the counting
    to run later, e.g. in a worker thread (:func:`complaint_stats` without the
    wait). The returned function reads the store only: it touches no session,
    so a worker never changes the signed-in user's activity time."""
    auth.touch(ctx, user)
    require_role(user, complaints.READERS, msg("查看投诉统计"))
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= MAX_MONTHS:
        raise InvalidInput(msg("统计月数应在 1 到 {limit} 之间", limit=MAX_MONTHS), field="months")
    keys = _month_keys(ctx.today(), months)
    return lambda: _count_months(ctx, keys)


def complaint_stats(ctx: Context, user: UserSession, months: int = 12) -> list[MonthStat]:
    """Complaints per month for the last ``months`` months (this one included),
    oldest first: received (by ``received_on``), closed (by ``closed_on``) and
    closed on time (``closed_on <= due_on``, the due date after any extension).
    Counted in SQL (GROUP BY month); months with nothing are zeros. Complaint
    readers only (handlers, supervisors, office heads)."""
    return complaint_stats_job(ctx, user, months)()


def _count_months(ctx: Context, keys: list[str]) -> list[MonthStat]:
    first = dt.date.fromisoformat(f"{keys[0]}-01")
    received_month = func.strftime("%Y-%m", Complaint.received_on)
    closed_month = func.strftime("%Y-%m", Complaint.closed_on)
    on_time = func.sum(case((Complaint.closed_on <= Complaint.due_on, 1), else_=0))
    with ctx.transaction() as db:
        received: dict[str, int] = {
            m: int(n)
            for m, n in db.execute(
                select(received_month, func.count())
                .where(Complaint.received_on >= first, Complaint.profile_id == ctx.profile.id)
                .group_by(received_month)
            ).all()
        }
        closed: dict[str, tuple[int, int]] = {
            m: (int(n), int(t or 0))
            for m, n, t in db.execute(
                select(closed_month, func.count(), on_time)
                .where(
                    Complaint.closed_on.is_not(None),
                    Complaint.closed_on >= first,
                    Complaint.profile_id == ctx.profile.id,
                )
                .group_by(closed_month)
            ).all()
        }
    return [MonthStat(k, received.get(k, 0), *closed.get(k, (0, 0))) for k in keys]
