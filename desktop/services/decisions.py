"""Accountability decisions (效能问责决定 FJ 35–40 / 效能责任追究 MAS 17–22), the
agency's performance rating (绩效考评 FJ 18) and appeals (申诉 FJ 41 / 复核 MAS 24).

Every rule comes from :mod:`desktop.domain.accountability` and
:mod:`desktop.domain.appeals` with the active profile (``ctx.profile``); this
module loads the records, turns them into the domain's plain data, and writes.

Who does what (checked here, not only in the UI):

* a supervisor drafts and edits a decision (state ``draft``);
* the office head signs it (state ``signed``; domain.md "Office head ... signs
  accountability decisions", FJ 38). Signing gives the document number (文号,
  e.g. 闽效问〔2026〕3号) in the same transaction
  (:func:`desktop.services.documents.issue_number`); a draft has none;
* supervisors and office heads record the day the subject received it (the
  appeal window counts from it), publish it (FJ 38), set ratings and register
  appeals; the office head decides appeals;
* inspectors and complaint handlers may read signed decisions, not drafts.

Measures in force: a decision's measures count from its ``decided_on`` and keep
counting while an appeal is pending (FJ 41: 申诉期间不停止执行). Once an appeal is
decided, its ``outcome_measure_ids`` (the original measures when upheld, the
lighter ones when varied, none when revoked) replace them; the latest decided
appeal wins. That is what the consequences (FJ 40 / MAS 20) and the agency
triggers (FJ 36 第二款 / MAS 21) count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.accountability import (
    Consequences,
    MeasureRecord,
    Notice,
    ProposedDecision,
    Subject,
    TriggeredEffect,
    agency_triggers,
    check_decision,
    consequences_if,
    decision_notices,
    proposed_records,
)
from desktop.domain.appeals import (
    Appeal as DomainAppeal,
    Body,
    DecisionInfo,
    appeal_decision_days_late,
    appeal_decision_deadline,
    appeal_filing_deadline,
    check_appeal_admissible,
    check_appeal_decided_in_time,
    check_appeal_outcome,
    measures_in_force_during_appeal,
)
from desktop.domain.common import Refusal, Role, SubjectKind, enumeration, require
from desktop.domain.deadlines import Deadline, DeadlineStatus, deadline_status
from desktop.domain.messages import msg
from desktop.domain.profile import DeciderKind, MitigationOutcome, RuleProfile
from desktop.services import auth
from desktop.services.auth import UserSession
from desktop.services.base import (
    Context,
    Forbidden,
    InvalidInput,
    ServiceError,
    change,
    get,
    require_role,
)
from desktop.services.documents import decision_kind, issue_number
from desktop.store.db import begin_write
from desktop.store.models import (
    Agency,
    Appeal,
    Complaint,
    Decision,
    InspectionPlan,
    Official,
    PerformanceRating,
)

#: Those who draft, sign, publish and follow decisions and appeals.
DECIDERS: frozenset[Role] = frozenset({Role.SUPERVISOR, Role.OFFICE_HEAD})
#: Those who may read signed decisions (drafts stay with the deciders).
READERS: frozenset[Role] = DECIDERS | {Role.INSPECTOR, Role.COMPLAINT_HANDLER}

DRAFT = "draft"
SIGNED = "signed"
APPEAL_RECEIVED = "received"
APPEAL_DECIDED = "decided"
APPEAL_OUTCOMES = ("upheld", "varied", "revoked")
#: Working days before a deadline when the UI starts warning (即将到期).
WARN_WORKING_DAYS = 3
MAX_LIMIT = 500


class WorkflowError(ServiceError):
    """A step that does not fit the record's state (e.g. editing a signed decision)."""

    code = "decision.workflow"


# --------------------------------------------------------------------------
# Views


@dataclass(frozen=True)
class GroundView:
    """A ground as the profile words it (问责情形)."""

    id: str
    article: str
    text: str


@dataclass(frozen=True)
class MeasureView:
    """A measure with its Chinese name (问责方式)."""

    id: str
    name: str
    article: str


@dataclass(frozen=True)
class AppealView:
    """An appeal (申诉) with its decision deadline (FJ 41 第二款) and lateness."""

    id: str
    decision_id: str
    body_id: str
    body_name: str
    received_on: dt.date
    written: bool
    grounds: tuple[str, ...]
    statement: str
    state: str
    decided_on: dt.date | None
    outcome: str | None
    outcome_measure_ids: tuple[str, ...]
    outcome_measures: tuple[MeasureView, ...]
    reasons: str
    decision_deadline: Deadline
    days_late: int  # days the decision came (or, undecided, now is) after the deadline
    version: int


@dataclass(frozen=True)
class DecisionView:
    """A decision as the UI shows it, with names and texts from the profile."""

    id: str
    profile_id: str
    state: str
    decider_id: str
    decider_name: str
    subject_kind: str
    subject_agency_id: str
    subject_agency_name: str
    subject_official_id: str | None
    subject_official_name: str | None
    subject_name: str  # "张三（福州市市场监督管理局）" or the agency's name
    ground_ids: tuple[str, ...]
    grounds: tuple[GroundView, ...]
    measure_ids: tuple[str, ...]
    measures: tuple[MeasureView, ...]
    effective_measure_ids: tuple[str, ...]  # after decided appeals
    baseline_measure_ids: tuple[str, ...]
    mitigation_id: str | None
    mitigation_name: str | None
    mitigation_outcome: str | None
    conditions_met: tuple[str, ...]
    facts: str
    complaint_id: str | None
    plan_id: str | None
    issued_by_higher_office: bool
    decided_on: dt.date | None
    received_on: dt.date | None
    document_number: str | None
    signed_by: str | None
    published: bool
    publish_required: bool
    author_id: str
    version: int
    notices: tuple[Notice, ...]
    appeals: tuple[AppealView, ...]
    appeal_pending: bool
    #: FJ 41: an appeal does not suspend the measures (申诉期间不停止执行).
    measures_in_force_during_appeal: bool


@dataclass(frozen=True)
class Preview:
    """What the measures being chosen entail (FJ 40 / MAS 20) and what must go
    with the decision (FJ 38, MAS 18 第三款, MAS 22, FJ 40 第三款)."""

    consequences: Consequences
    notices: tuple[Notice, ...]


@dataclass(frozen=True)
class AppealDecided:
    """The result of :func:`decide_appeal`. A late decision is recorded all the
    same (the appellant must still get it); ``late`` carries the refusal
    (``appeal.decided_late``, FJ 41 第二款) so the UI shows it."""

    appeal_id: str
    deadline: Deadline
    days_late: int
    late: Refusal | None


@dataclass(frozen=True)
class AppealDeadlineView:
    appeal_id: str
    received_on: dt.date
    deadline: Deadline
    status: DeadlineStatus | None  # None once decided
    decided_on: dt.date | None
    days_late: int


@dataclass(frozen=True)
class AppealDeadlines:
    """The filing deadline (FJ 41 第一款; ``None`` until the receipt is recorded)
    and, per appeal, the decision deadline (FJ 41 第二款)."""

    decision_id: str
    filing: Deadline | None
    filing_status: DeadlineStatus | None
    appeals: tuple[AppealDeadlineView, ...]


# --------------------------------------------------------------------------
# Decisions: draft, update


def draft_decision(
    ctx: Context,
    user: UserSession,
    *,
    decider_id: str,
    subject_kind: str,
    subject_agency_id: str,
    subject_official_id: str | None = None,
    ground_ids: Sequence[str],
    measure_ids: Sequence[str],
    baseline_measure_ids: Sequence[str] = (),
    mitigation_id: str | None = None,
    mitigation_outcome: str | None = None,
    conditions_met: Sequence[str] = (),
    facts: str = "",
    complaint_id: str | None = None,
    plan_id: str | None = None,
    issued_by_higher_office: bool = False,
) -> str:
    """Draft a decision (起草效能问责决定; supervisors). Returns its id.

    Refuses bad input (:class:`InvalidInput` with the column name as ``field``)
    and anything :func:`check_decision` refuses (:class:`RuleViolation`):
    grounds and measures that do not fit the subject (FJ 36–37, MAS 18–19),
    mitigation (FJ 39, MAS 21 第二款).
    """
    auth.touch(ctx, user)
    require_role(user, {Role.SUPERVISOR}, msg("起草问责决定"))
    with ctx.transaction() as db:
        fields = _decision_fields(
            ctx,
            db,
            decider_id=decider_id,
            subject_kind=subject_kind,
            subject_agency_id=subject_agency_id,
            subject_official_id=subject_official_id,
            ground_ids=ground_ids,
            measure_ids=measure_ids,
            baseline_measure_ids=baseline_measure_ids,
            mitigation_id=mitigation_id,
            mitigation_outcome=mitigation_outcome,
            conditions_met=conditions_met,
            facts=facts,
            complaint_id=complaint_id,
            plan_id=plan_id,
            issued_by_higher_office=issued_by_higher_office,
        )
        require(check_decision(_proposed_from(db, fields, ctx.today()), ctx.profile))
        decision = Decision(
            profile_id=ctx.profile.id, state=DRAFT, author_id=user.user_id, **fields
        )
        db.add(decision)
        db.flush()
        changes = {
            "profile_id": decision.profile_id,
            "state": DRAFT,
            "author_id": user.user_id,
            **fields,
        }
        change(ctx, db, user, "decision.draft", decision, changes, created=True)
        return decision.id


def update_decision(
    ctx: Context,
    user: UserSession,
    decision_id: str,
    *,
    decider_id: str,
    subject_kind: str,
    subject_agency_id: str,
    subject_official_id: str | None = None,
    ground_ids: Sequence[str],
    measure_ids: Sequence[str],
    baseline_measure_ids: Sequence[str] = (),
    mitigation_id: str | None = None,
    mitigation_outcome: str | None = None,
    conditions_met: Sequence[str] = (),
    facts: str = "",
    complaint_id: str | None = None,
    plan_id: str | None = None,
    issued_by_higher_office: bool = False,
) -> None:
    """Replace a draft's fields with the form's (修改草稿; supervisors, draft only).

    Same checks as :func:`draft_decision`. Only changed columns go into the
    sync operation; nothing changed writes nothing.
    """
    auth.touch(ctx, user)
    require_role(user, {Role.SUPERVISOR}, msg("修改问责决定"))
    with ctx.transaction() as db:
        decision = get(db, Decision, decision_id, msg("问责决定"))
        _check_profile(ctx, decision)
        if decision.state != DRAFT:
            raise WorkflowError(msg("问责决定已签发，不能再修改"), code="decision.not_draft")
        fields = _decision_fields(
            ctx,
            db,
            decider_id=decider_id,
            subject_kind=subject_kind,
            subject_agency_id=subject_agency_id,
            subject_official_id=subject_official_id,
            ground_ids=ground_ids,
            measure_ids=measure_ids,
            baseline_measure_ids=baseline_measure_ids,
            mitigation_id=mitigation_id,
            mitigation_outcome=mitigation_outcome,
            conditions_met=conditions_met,
            facts=facts,
            complaint_id=complaint_id,
            plan_id=plan_id,
            issued_by_higher_office=issued_by_higher_office,
        )
        changed = {k: v for k, v in fields.items() if getattr(decision, k) != v}
        if not changed:
            return
        candidate = {**_columns(decision), **fields}
        require(check_decision(_proposed_from(db, candidate, ctx.today()), ctx.profile))
        for name, value in changed.items():
            setattr(decision, name, value)
        change(ctx, db, user, "decision.update", decision, changed)


# --------------------------------------------------------------------------
# Preview


def preview_consequences(
    ctx: Context,
    user: UserSession,
    *,
    decision_id: str | None = None,
    subject_kind: str | None = None,
    subject_agency_id: str | None = None,
    subject_official_id: str | None = None,
    measure_ids: Sequence[str] | None = None,
    on: dt.date | None = None,
) -> Preview:
    """What the decision would entail if signed on ``on`` (问责后果预览), with the
    notices that must go with it. Reads only.

    Either ``decision_id`` (a stored decision; any of the other arguments
    override its fields, so the form can show the effect of a change before
    saving) or the subject and measures of a decision not yet saved.
    ``on`` defaults to the decision's ``decided_on``, else today. The history
    is the subject's signed decisions (as modified by decided appeals),
    :func:`consequences_if` adds the proposed measures.
    """
    auth.touch(ctx, user)
    require_role(user, DECIDERS, msg("查看问责后果"))
    with ctx.transaction() as db:
        fields: dict[str, Any] = {"measure_ids": [], "ground_ids": []}
        if decision_id is not None:
            stored = get(db, Decision, decision_id, msg("问责决定"))
            _check_profile(ctx, stored)
            fields = _columns(stored)
        if subject_kind is not None or subject_agency_id is not None:
            # A subject given here replaces the stored one whole.
            fields["subject_kind"] = subject_kind
            fields["subject_agency_id"] = subject_agency_id
            fields["subject_official_id"] = subject_official_id
        if fields.get("subject_kind") is None:
            raise InvalidInput(msg("请选择问责对象类型"), field="subject_kind")
        if fields.get("subject_agency_id") is None:
            raise InvalidInput(msg("请选择问责对象所在单位"), field="subject_agency_id")
        _subject_records(
            db,
            _subject_kind(fields["subject_kind"]),
            fields["subject_agency_id"],
            fields.get("subject_official_id"),
        )
        if measure_ids is not None:
            fields["measure_ids"] = _ids(measure_ids, "measure_ids")
        when = on or fields.get("decided_on") or ctx.today()
        proposed = _proposed_from(db, fields, when)
        history = _history(db, proposed.subject, exclude_id=decision_id)
        return Preview(
            consequences=consequences_if(proposed, history, ctx.profile),
            notices=tuple(decision_notices(proposed, ctx.profile)),
        )


# --------------------------------------------------------------------------
# Signing, receipt, publication


def sign_decision(
    ctx: Context, user: UserSession, decision_id: str, *, decided_on: dt.date
) -> DecisionView:
    """Sign a draft (签发; the office head). Sets ``state`` ``signed``,
    ``decided_on`` and ``signed_by`` after checking the rule again on the
    records as they are now.

    Signing gives the document its number (``document_number``): the next
    of the profile's prefix for the decision's document kind (效能问责决定书;
    in Ma'anshan 效能告诫决定书 or 效能责任追究决定书) in the year of the
    sign-off (China time), in this transaction, so a failed signing leaves no
    gap (:mod:`desktop.documents.numbers`). Returns the signed decision with
    the notices that must go with it (FJ 38 publication, MAS 22 notification
    and 监察建议, MAS 18 第三款 orders).
    """
    auth.touch(ctx, user)
    require_role(user, {Role.OFFICE_HEAD}, msg("签发问责决定"))
    with ctx.transaction() as db:
        begin_write(db)  # numbering: queue behind any other writer from the start
        decision = get(db, Decision, decision_id, msg("问责决定"))
        _check_profile(ctx, decision)
        if decision.state != DRAFT:
            raise WorkflowError(msg("该问责决定已签发"), code="decision.not_draft")
        _not_future(ctx, decided_on, "decided_on", msg("决定日期"))
        require(check_decision(_proposed(db, decision, decided_on), ctx.profile))
        decision.state = SIGNED
        decision.decided_on = decided_on
        decision.signed_by = user.user_id
        number, _ = issue_number(
            ctx,
            db,
            user,
            kind=decision_kind(db, decision, ctx.today()),
            record_id=decision.id,
            profile=ctx.profile,
        )
        decision.document_number = number
        change(
            ctx,
            db,
            user,
            "decision.sign",
            decision,
            {
                "state": SIGNED,
                "decided_on": decided_on.isoformat(),
                "signed_by": user.user_id,
                "document_number": number,
            },
        )
        return _view(ctx, db, decision)


def record_receipt(ctx: Context, user: UserSession, decision_id: str, received_on: dt.date) -> None:
    """Record the day the subject received the decision (送达日期). The appeal
    window (FJ 41 第一款) counts from it, so it cannot change once an appeal
    has been registered."""
    auth.touch(ctx, user)
    require_role(user, DECIDERS, msg("登记送达日期"))
    with ctx.transaction() as db:
        decision = get(db, Decision, decision_id, msg("问责决定"))
        _check_profile(ctx, decision)
        _require_signed(decision)
        _not_future(ctx, received_on, "received_on", msg("送达日期"))
        assert decision.decided_on is not None
        if received_on < decision.decided_on:
            raise InvalidInput(
                msg(
                    "送达日期不能早于决定日期（{decided}）",
                    decided=decision.decided_on.isoformat(),
                ),
                field="received_on",
            )
        if _appeal_rows(db, decision.id):
            raise WorkflowError(
                msg("已有申诉登记，送达日期不能再更改"), code="decision.receipt_locked"
            )
        if decision.received_on == received_on:
            return
        decision.received_on = received_on
        change(
            ctx,
            db,
            user,
            "decision.receipt",
            decision,
            {"received_on": received_on.isoformat()},
        )


def publish_decision(ctx: Context, user: UserSession, decision_id: str) -> None:
    """Mark a signed decision as published (予以公开, FJ 38). Allowed whatever the
    profile says; :attr:`DecisionView.publish_required` tells whether it must be."""
    auth.touch(ctx, user)
    require_role(user, DECIDERS, msg("公开问责决定"))
    with ctx.transaction() as db:
        decision = get(db, Decision, decision_id, msg("问责决定"))
        _check_profile(ctx, decision)
        _require_signed(decision)
        if decision.published:
            raise WorkflowError(msg("该问责决定已公开"), code="decision.already_published")
        decision.published = True
        change(ctx, db, user, "decision.publish", decision, {"published": True})


# --------------------------------------------------------------------------
# Reading


def get_decision(ctx: Context, user: UserSession, decision_id: str) -> DecisionView:
    """One decision with names, texts, notices and appeals. Drafts only for
    supervisors and office heads."""
    auth.touch(ctx, user)
    require_role(user, READERS, msg("查看问责决定"))
    with ctx.transaction() as db:
        decision = get(db, Decision, decision_id, msg("问责决定"))
        if decision.state == DRAFT and not user.roles & DECIDERS:
            raise Forbidden(msg("当前用户无权查看问责决定草稿"))
        return _view(ctx, db, decision)


def list_decisions(
    ctx: Context,
    user: UserSession,
    *,
    state: str | None = None,
    subject_agency_id: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[DecisionView]:
    """Decisions, newest first. Inspectors and complaint handlers see signed ones only."""
    auth.touch(ctx, user)
    require_role(user, READERS, msg("查看问责决定"))
    if state is not None and state not in (DRAFT, SIGNED):
        raise InvalidInput(msg("状态应为草稿或已签发"), field="state")
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(msg("每页条数应在 1 到 {most} 之间", most=MAX_LIMIT), field="limit")
    if offset < 0:
        raise InvalidInput(msg("起始位置不能为负数"), field="offset")
    query = select(Decision).where(Decision.profile_id == ctx.profile.id)
    if state is not None:
        query = query.where(Decision.state == state)
    if not user.roles & DECIDERS:
        query = query.where(Decision.state == SIGNED)
    if subject_agency_id is not None:
        query = query.where(Decision.subject_agency_id == subject_agency_id)
    query = query.order_by(Decision.id.desc()).limit(limit).offset(offset)
    with ctx.transaction() as db:
        return [_view(ctx, db, d) for d in db.scalars(query)]


# --------------------------------------------------------------------------
# Agencies: triggers and ratings


def agency_status(
    ctx: Context, user: UserSession, agency_id: str, on: dt.date
) -> list[TriggeredEffect]:
    """The agency-level triggers that fire on ``on`` (FJ 36 第二款第（二）项,
    MAS 21 第一款), from its staff count, its rating and the signed decisions
    against it and its staff (as modified by decided appeals).

    The rating is the one for ``on.year``; until that is given, the one for
    the year before (the annual rating is made after the year ends).
    """
    auth.touch(ctx, user)
    require_role(user, DECIDERS, msg("查看单位问责情况"))
    with ctx.transaction() as db:
        agency = get(db, Agency, agency_id, msg("单位"))
        ratings = {
            r.year: r.rating
            for r in db.scalars(
                select(PerformanceRating).where(
                    PerformanceRating.agency_id == agency_id,
                    PerformanceRating.year.in_((on.year, on.year - 1)),
                )
            )
        }
        rating = ratings.get(on.year, ratings.get(on.year - 1))
        history: list[MeasureRecord] = []
        for d in db.scalars(
            select(Decision).where(
                Decision.subject_agency_id == agency_id, Decision.state == SIGNED
            )
        ):
            history.extend(_records(db, d))
        return agency_triggers(agency.id, history, agency.staff_count, rating, on, ctx.profile)


def set_rating(ctx: Context, user: UserSession, agency_id: str, year: int, rating: str) -> str:
    """Set an agency's annual performance rating (绩效考评等次, FJ 18): one of
    ``profile.ratings``, one per agency per year (an existing one is updated).
    Returns the rating record's id."""
    auth.touch(ctx, user)
    require_role(user, DECIDERS, msg("录入绩效考评等次"))
    with ctx.transaction() as db:
        if db.get(Agency, agency_id) is None:
            raise InvalidInput(msg("找不到该单位"), field="agency_id")
        if not 2000 <= year <= ctx.today().year:
            raise InvalidInput(
                msg("考评年度应在 2000 到 {latest} 之间", latest=ctx.today().year), field="year"
            )
        if rating not in ctx.profile.ratings:
            allowed = enumeration(list(ctx.profile.ratings))
            raise InvalidInput(msg("考评等次应为：{ratings}", ratings=allowed), field="rating")
        record = db.scalar(
            select(PerformanceRating).where(
                PerformanceRating.agency_id == agency_id, PerformanceRating.year == year
            )
        )
        if record is None:
            record = PerformanceRating(agency_id=agency_id, year=year, rating=rating)
            db.add(record)
            db.flush()
            changes = {"agency_id": agency_id, "year": year, "rating": rating}
            change(ctx, db, user, "rating.set", record, changes, created=True)
        elif record.rating != rating:
            record.rating = rating
            change(ctx, db, user, "rating.set", record, {"rating": rating})
        return record.id


# --------------------------------------------------------------------------
# Appeals


def register_appeal(
    ctx: Context,
    user: UserSession,
    decision_id: str,
    *,
    received_on: dt.date,
    body_id: str,
    written: bool,
    grounds: Sequence[str],
    statement: str = "",
) -> str:
    """Register an appeal against a signed decision (登记申诉; supervisors and
    office heads). Returns its id.

    :func:`check_appeal_admissible` decides whether it is accepted: written,
    within the filing limit from the day the decision was received (FJ 41
    第一款: 三十日, moved off a rest day at the end), lodged with a body the route
    allows, not the same grounds as an earlier decided appeal (FJ 41 第三款).
    Refusals are :class:`RuleViolation`.
    """
    auth.touch(ctx, user)
    require_role(user, DECIDERS, msg("登记申诉"))
    with ctx.transaction() as db:
        decision = get(db, Decision, decision_id, msg("问责决定"))
        _check_profile(ctx, decision)
        _require_signed(decision)
        if decision.received_on is None:
            raise WorkflowError(
                msg("请先登记问责决定的送达日期，申诉期限自送达之日起算"),
                code="decision.receipt_missing",
            )
        _not_future(ctx, received_on, "received_on", msg("收到申诉日期"))
        if db.get(Agency, body_id) is None:
            raise InvalidInput(msg("找不到该申诉受理机关"), field="body_id")
        reasons = _ids(grounds, "grounds")
        bodies = _bodies(db)
        earlier = [_domain_appeal(a) for a in _appeal_rows(db, decision.id)]
        candidate = DomainAppeal(
            id="",
            decision_id=decision.id,
            filed_on=received_on,
            lodged_with=body_id,
            written=written,
            grounds=frozenset(reasons),
        )
        require(
            check_appeal_admissible(
                candidate, _decision_info(decision, bodies), earlier, ctx.profile, bodies
            )
        )
        appeal = Appeal(
            decision_id=decision.id,
            body_id=body_id,
            received_on=received_on,
            written=written,
            grounds=reasons,
            statement=statement.strip(),
            state=APPEAL_RECEIVED,
            registered_by=user.user_id,
        )
        db.add(appeal)
        db.flush()
        changes = {
            "decision_id": decision.id,
            "body_id": body_id,
            "received_on": received_on.isoformat(),
            "written": written,
            "grounds": reasons,
            "statement": appeal.statement,
            "state": APPEAL_RECEIVED,
            "registered_by": user.user_id,
        }
        change(ctx, db, user, "appeal.register", appeal, changes, created=True)
        return appeal.id


def decide_appeal(
    ctx: Context,
    user: UserSession,
    appeal_id: str,
    *,
    decided_on: dt.date,
    outcome: str,
    outcome_measure_ids: Sequence[str] = (),
    reasons: str,
) -> AppealDecided:
    """Decide an appeal (作出申诉处理决定; the office head).

    ``outcome``: ``upheld`` (维持; ``outcome_measure_ids`` empty or the measures
    in force, which are stored), ``varied`` (变更; the new measures) or
    ``revoked`` (撤销; no measures). :func:`check_appeal_outcome` refuses a
    heavier outcome (FJ 41: 不因提出申诉而被加重问责), judged against the
    measures in force when the appeal is decided.

    A decision after the limit (FJ 41 第二款) is recorded all the same, since the
    appellant must get it; the returned :class:`AppealDecided` carries the
    lateness (``late``, ``days_late``) for the UI, and the audit entry notes it.
    A decision dated before the appeal was received is refused.
    """
    auth.touch(ctx, user)
    require_role(user, {Role.OFFICE_HEAD}, msg("作出申诉处理决定"))
    with ctx.transaction() as db:
        appeal = get(db, Appeal, appeal_id, msg("申诉"))
        decision = get(db, Decision, appeal.decision_id, msg("问责决定"))
        _check_profile(ctx, decision)
        if appeal.state != APPEAL_RECEIVED:
            raise WorkflowError(msg("该申诉已作出处理决定"), code="appeal.already_decided")
        if outcome not in APPEAL_OUTCOMES:
            raise InvalidInput(msg("处理结果应为维持、变更或撤销"), field="outcome")
        _not_future(ctx, decided_on, "decided_on", msg("申诉处理决定日期"))
        if not reasons.strip():
            raise InvalidInput(msg("请写明申诉处理决定的理由"), field="reasons")
        in_force = _effective_measure_ids(db, decision)
        chosen = _ids(outcome_measure_ids, "outcome_measure_ids")
        if outcome == "upheld":
            if chosen and sorted(chosen) != sorted(in_force):
                raise InvalidInput(
                    msg("维持原决定的，处理结果应与原问责方式一致"), field="outcome_measure_ids"
                )
            chosen = list(in_force)
        elif outcome == "revoked":
            if chosen:
                raise InvalidInput(
                    msg("撤销原决定的，不再给予问责方式"), field="outcome_measure_ids"
                )
        elif not chosen:
            raise InvalidInput(
                msg("变更原决定的，请选择变更后的问责方式；不再问责的请选择撤销"),
                field="outcome_measure_ids",
            )
        elif sorted(chosen) == sorted(in_force):
            raise InvalidInput(msg("变更后的问责方式与原决定相同，请选择维持"), field="outcome")
        timing = check_appeal_decided_in_time(appeal.received_on, decided_on, ctx.profile)
        require(r for r in timing if r.code != "appeal.decided_late")
        require(
            check_appeal_outcome(
                in_force, chosen, ctx.profile, _subject_kind(decision.subject_kind)
            )
        )
        late = next((r for r in timing if r.code == "appeal.decided_late"), None)
        days_late = appeal_decision_days_late(appeal.received_on, decided_on, ctx.profile)
        appeal.state = APPEAL_DECIDED
        appeal.decided_on = decided_on
        appeal.outcome = outcome
        appeal.outcome_measure_ids = chosen
        appeal.reasons = reasons.strip()
        changes = {
            "state": APPEAL_DECIDED,
            "decided_on": decided_on.isoformat(),
            "outcome": outcome,
            "outcome_measure_ids": chosen,
            "reasons": appeal.reasons,
        }
        change(
            ctx,
            db,
            user,
            "appeal.decide",
            appeal,
            changes,
            audit_details={"fields": sorted(changes), "days_late": days_late},
        )
        return AppealDecided(
            appeal_id=appeal.id,
            deadline=appeal_decision_deadline(appeal.received_on, ctx.profile),
            days_late=days_late,
            late=late,
        )


def appeal_deadlines(ctx: Context, user: UserSession, decision_id: str) -> AppealDeadlines:
    """The filing deadline (FJ 41 第一款) and each appeal's decision deadline
    (FJ 41 第二款), with how they stand today."""
    auth.touch(ctx, user)
    require_role(user, READERS, msg("查看申诉期限"))
    today = ctx.today()
    with ctx.transaction() as db:
        decision = get(db, Decision, decision_id, msg("问责决定"))
        _check_profile(ctx, decision)
        if decision.state == DRAFT and not user.roles & DECIDERS:
            raise Forbidden(msg("当前用户无权查看问责决定草稿"))
        filing = (
            appeal_filing_deadline(decision.received_on, ctx.profile)
            if decision.received_on is not None
            else None
        )
        views = []
        for a in _appeal_rows(db, decision.id):
            deadline = appeal_decision_deadline(a.received_on, ctx.profile)
            views.append(
                AppealDeadlineView(
                    appeal_id=a.id,
                    received_on=a.received_on,
                    deadline=deadline,
                    status=None
                    if a.decided_on is not None
                    else deadline_status(deadline.due, today, WARN_WORKING_DAYS),
                    decided_on=a.decided_on,
                    days_late=appeal_decision_days_late(
                        a.received_on, a.decided_on or today, ctx.profile
                    ),
                )
            )
        return AppealDeadlines(
            decision_id=decision.id,
            filing=filing,
            filing_status=None
            if filing is None
            else deadline_status(filing.due, today, WARN_WORKING_DAYS),
            appeals=tuple(views),
        )


# --------------------------------------------------------------------------
# Helpers: input


def _ids(values: Sequence[str], field: str) -> list[str]:
    """A list of identifiers from a form: no bare string, no empty item."""
    if isinstance(values, str):
        raise InvalidInput(msg("应为列表"), field=field)
    out = []
    for v in values:
        if not isinstance(v, str) or not v.strip():
            raise InvalidInput(msg("列表中不能有空项"), field=field)
        out.append(v.strip())
    return out


def _subject_kind(value: str) -> SubjectKind:
    try:
        return SubjectKind(value)
    except ValueError:
        raise InvalidInput(
            msg("问责对象应为机关（单位）或机关工作人员"), field="subject_kind"
        ) from None


def _not_future(ctx: Context, day: dt.date, field: str, what: str) -> None:
    if day > ctx.today():
        raise InvalidInput(msg("{date}不能晚于今天", date=what), field=field)


def _check_profile(ctx: Context, decision: Decision) -> None:
    if decision.profile_id != ctx.profile.id:
        raise WorkflowError(
            msg(
                "该问责决定适用的规则（{profile}）与当前规则配置不一致",
                profile=decision.profile_id,
            ),
            code="decision.profile_mismatch",
        )


def _require_signed(decision: Decision) -> None:
    if decision.state != SIGNED or decision.decided_on is None:
        raise WorkflowError(msg("问责决定尚未签发"), code="decision.not_signed")


def _decision_fields(
    ctx: Context,
    db: Session,
    *,
    decider_id: str,
    subject_kind: str,
    subject_agency_id: str,
    subject_official_id: str | None,
    ground_ids: Sequence[str],
    measure_ids: Sequence[str],
    baseline_measure_ids: Sequence[str],
    mitigation_id: str | None,
    mitigation_outcome: str | None,
    conditions_met: Sequence[str],
    facts: str,
    complaint_id: str | None,
    plan_id: str | None,
    issued_by_higher_office: bool,
) -> dict[str, Any]:
    """The checked input as column values (JSON-able: they are also the op's changes)."""
    kind = _subject_kind(subject_kind)
    decider = db.get(Agency, decider_id)
    if decider is None:
        raise InvalidInput(msg("找不到作出决定的机关"), field="decider_id")
    agency, _ = _subject_records(db, kind, subject_agency_id, subject_official_id)
    if issued_by_higher_office and not (
        decider.kind == DeciderKind.OFFICE and decider.level < agency.level
    ):
        raise InvalidInput(
            msg("作出决定的机关不是问责对象的上级机关效能建设工作机构"),
            field="issued_by_higher_office",
        )
    outcome: MitigationOutcome | None = None
    if mitigation_outcome is not None:
        try:
            outcome = MitigationOutcome(mitigation_outcome)
        except ValueError:
            raise InvalidInput(
                msg("应为从轻、减轻或免予问责"), field="mitigation_outcome"
            ) from None
    conditions = _ids(conditions_met, "conditions_met")
    if conditions:
        known = {m.id: m for m in ctx.profile.accountability.mitigations}
        if mitigation_id is None:
            raise InvalidInput(msg("未选择容错情形，不应勾选其条件"), field="conditions_met")
        if mitigation_id in known:
            allowed = {c.id for c in known[mitigation_id].conditions}
            if not set(conditions) <= allowed:
                raise InvalidInput(msg("所选条件不属于该容错情形"), field="conditions_met")
    if complaint_id is not None and db.get(Complaint, complaint_id) is None:
        raise InvalidInput(msg("找不到关联的投诉"), field="complaint_id")
    if plan_id is not None and db.get(InspectionPlan, plan_id) is None:
        raise InvalidInput(msg("找不到关联的督查方案"), field="plan_id")
    return {
        "decider_id": decider.id,
        "subject_kind": kind.value,
        "subject_agency_id": agency.id,
        "subject_official_id": subject_official_id if kind is SubjectKind.OFFICIAL else None,
        "ground_ids": _ids(ground_ids, "ground_ids"),
        "measure_ids": _ids(measure_ids, "measure_ids"),
        "baseline_measure_ids": _ids(baseline_measure_ids, "baseline_measure_ids"),
        "mitigation_id": mitigation_id,
        "mitigation_outcome": outcome.value if outcome else None,
        "conditions_met": conditions,
        "facts": facts.strip(),
        "complaint_id": complaint_id,
        "plan_id": plan_id,
        "issued_by_higher_office": bool(issued_by_higher_office),
    }


def _subject_records(
    db: Session, kind: SubjectKind, agency_id: str, official_id: str | None
) -> tuple[Agency, Official | None]:
    agency = db.get(Agency, agency_id)
    if agency is None:
        raise InvalidInput(msg("找不到问责对象所在单位"), field="subject_agency_id")
    if kind is SubjectKind.AGENCY:
        if official_id is not None:
            raise InvalidInput(
                msg("对机关（单位）问责时不应选择工作人员"), field="subject_official_id"
            )
        return agency, None
    if official_id is None:
        raise InvalidInput(msg("请选择被问责的工作人员"), field="subject_official_id")
    official = db.get(Official, official_id)
    if official is None:
        raise InvalidInput(msg("找不到该工作人员"), field="subject_official_id")
    if official.agency_id != agency.id:
        raise InvalidInput(msg("该工作人员不属于所选单位"), field="subject_official_id")
    return agency, official


# --------------------------------------------------------------------------
# Helpers: records to domain data


def _columns(decision: Decision) -> dict[str, Any]:
    return {c.key: getattr(decision, c.key) for c in Decision.__table__.columns}


def _subject(db: Session, fields: Mapping[str, Any]) -> Subject:
    kind = _subject_kind(fields["subject_kind"])
    agency_id: str = fields["subject_agency_id"]
    official_id: str | None = fields.get("subject_official_id")
    if kind is SubjectKind.AGENCY or official_id is None:
        return Subject(kind, agency_id, agency_id)
    official = db.get(Official, official_id)
    return Subject(
        kind,
        official_id,
        agency_id,
        is_head=bool(official and official.is_head),
        is_office_staff=bool(official and official.is_office_staff),
    )


def _proposed_from(
    db: Session,
    fields: Mapping[str, Any],
    decided_on: dt.date,
    measure_ids: Sequence[str] | None = None,
) -> ProposedDecision:
    """The domain's view of a decision from its column values."""
    outcome = fields.get("mitigation_outcome")
    return ProposedDecision(
        subject=_subject(db, fields),
        ground_ids=tuple(fields.get("ground_ids") or ()),
        measure_ids=tuple(fields.get("measure_ids") or () if measure_ids is None else measure_ids),
        decided_on=decided_on,
        mitigation_id=fields.get("mitigation_id"),
        mitigation_outcome=MitigationOutcome(outcome) if outcome else None,
        conditions_met=frozenset(fields.get("conditions_met") or ()),
        baseline_measure_ids=tuple(fields.get("baseline_measure_ids") or ()),
    )


def _proposed(
    db: Session,
    decision: Decision,
    decided_on: dt.date,
    measure_ids: Sequence[str] | None = None,
) -> ProposedDecision:
    return _proposed_from(db, _columns(decision), decided_on, measure_ids)


def _appeal_rows(db: Session, decision_id: str) -> list[Appeal]:
    return list(
        db.scalars(
            select(Appeal)
            .where(Appeal.decision_id == decision_id)
            .order_by(Appeal.received_on, Appeal.id)
        )
    )


def _effective_measure_ids(db: Session, decision: Decision) -> list[str]:
    """The measures in force: the latest decided appeal's outcome, else the decision's."""
    decided = [a for a in _appeal_rows(db, decision.id) if a.decided_on is not None]
    if not decided:
        return list(decision.measure_ids)
    last = max(decided, key=lambda a: (a.decided_on or dt.date.min, a.id))
    return list(last.outcome_measure_ids)


def _records(db: Session, decision: Decision) -> list[MeasureRecord]:
    """A signed decision's measure records as FJ 40 / MAS 20 and FJ 36 / MAS 21 count them."""
    assert decision.decided_on is not None
    proposed = _proposed(db, decision, decision.decided_on, _effective_measure_ids(db, decision))
    return proposed_records(proposed, decision.issued_by_higher_office)


def _history(db: Session, subject: Subject, exclude_id: str | None) -> list[MeasureRecord]:
    """The subject's signed decisions as measure records."""
    query = select(Decision).where(
        Decision.state == SIGNED, Decision.subject_kind == subject.kind.value
    )
    if subject.kind is SubjectKind.OFFICIAL:
        query = query.where(Decision.subject_official_id == subject.id)
    else:
        query = query.where(Decision.subject_agency_id == subject.id)
    history: list[MeasureRecord] = []
    for d in db.scalars(query):
        if d.id != exclude_id:
            history.extend(_records(db, d))
    return history


def _bodies(db: Session) -> dict[str, Body]:
    return {
        a.id: Body(
            id=a.id,
            kind=DeciderKind(a.kind),
            level=a.level,
            parent_id=a.parent_id,
            office_id=a.office_id,
            name=a.name,
        )
        for a in db.scalars(select(Agency))
    }


def _decision_info(decision: Decision, bodies: dict[str, Body]) -> DecisionInfo:
    assert decision.received_on is not None
    return DecisionInfo(
        id=decision.id,
        decider=bodies[decision.decider_id],
        subject_kind=_subject_kind(decision.subject_kind),
        measure_ids=tuple(decision.measure_ids),
        received_on=decision.received_on,
    )


def _domain_appeal(a: Appeal) -> DomainAppeal:
    return DomainAppeal(
        id=a.id,
        decision_id=a.decision_id,
        filed_on=a.received_on,
        lodged_with=a.body_id,
        written=a.written,
        grounds=frozenset(a.grounds),
        decided_on=a.decided_on,
    )


# --------------------------------------------------------------------------
# Helpers: views


def _measure_views(profile: RuleProfile, ids: Sequence[str]) -> tuple[MeasureView, ...]:
    known = {m.id: m for m in profile.accountability.measures}
    return tuple(
        MeasureView(i, known[i].name, known[i].article) if i in known else MeasureView(i, i, "")
        for i in ids
    )


def _ground_views(profile: RuleProfile, ids: Sequence[str]) -> tuple[GroundView, ...]:
    known = {g.id: g for g in profile.accountability.grounds}
    return tuple(
        GroundView(i, known[i].article, known[i].text) if i in known else GroundView(i, "", i)
        for i in ids
    )


def _appeal_view(ctx: Context, a: Appeal, names: dict[str, str], today: dt.date) -> AppealView:
    return AppealView(
        id=a.id,
        decision_id=a.decision_id,
        body_id=a.body_id,
        body_name=names.get(a.body_id, a.body_id),
        received_on=a.received_on,
        written=a.written,
        grounds=tuple(a.grounds),
        statement=a.statement,
        state=a.state,
        decided_on=a.decided_on,
        outcome=a.outcome,
        outcome_measure_ids=tuple(a.outcome_measure_ids),
        outcome_measures=_measure_views(ctx.profile, a.outcome_measure_ids),
        reasons=a.reasons,
        decision_deadline=appeal_decision_deadline(a.received_on, ctx.profile),
        days_late=appeal_decision_days_late(a.received_on, a.decided_on or today, ctx.profile),
        version=a.version,
    )


def _view(ctx: Context, db: Session, d: Decision) -> DecisionView:
    profile = ctx.profile
    agency = db.get(Agency, d.subject_agency_id)
    decider = db.get(Agency, d.decider_id)
    official = db.get(Official, d.subject_official_id) if d.subject_official_id else None
    agency_name = agency.name if agency else d.subject_agency_id
    subject_name = (
        msg("{official}（{agency}）", official=official.name, agency=agency_name)
        if official
        else agency_name
    )
    mitigation = next(
        (m for m in profile.accountability.mitigations if m.id == d.mitigation_id), None
    )
    rows = _appeal_rows(db, d.id)
    bodies = select(Agency).where(Agency.id.in_({r.body_id for r in rows}))
    names = {a.id: a.name for a in db.scalars(bodies)}
    today = ctx.today()
    when = d.decided_on or today
    return DecisionView(
        id=d.id,
        profile_id=d.profile_id,
        state=d.state,
        decider_id=d.decider_id,
        decider_name=decider.name if decider else d.decider_id,
        subject_kind=d.subject_kind,
        subject_agency_id=d.subject_agency_id,
        subject_agency_name=agency_name,
        subject_official_id=d.subject_official_id,
        subject_official_name=official.name if official else None,
        subject_name=subject_name,
        ground_ids=tuple(d.ground_ids),
        grounds=_ground_views(profile, d.ground_ids),
        measure_ids=tuple(d.measure_ids),
        measures=_measure_views(profile, d.measure_ids),
        effective_measure_ids=tuple(_effective_measure_ids(db, d)),
        baseline_measure_ids=tuple(d.baseline_measure_ids),
        mitigation_id=d.mitigation_id,
        mitigation_name=mitigation.name if mitigation else None,
        mitigation_outcome=d.mitigation_outcome,
        conditions_met=tuple(d.conditions_met),
        facts=d.facts,
        complaint_id=d.complaint_id,
        plan_id=d.plan_id,
        issued_by_higher_office=d.issued_by_higher_office,
        decided_on=d.decided_on,
        received_on=d.received_on,
        document_number=d.document_number,
        signed_by=d.signed_by,
        published=d.published,
        publish_required=profile.accountability.publish_required,
        author_id=d.author_id,
        version=d.version,
        notices=tuple(decision_notices(_proposed(db, d, when), profile)),
        appeals=tuple(_appeal_view(ctx, a, names, today) for a in rows),
        appeal_pending=any(a.state == APPEAL_RECEIVED for a in rows),
        measures_in_force_during_appeal=measures_in_force_during_appeal(profile),
    )


# --------------------------------------------------------------------------
# For the UI: choices, a searchable list, and what may be offered

#: Actions :func:`decision_actions` may offer.
ACTION_EDIT = "edit"
ACTION_SIGN = "sign"
ACTION_RECORD_RECEIPT = "record_receipt"
ACTION_PUBLISH = "publish"
ACTION_REGISTER_APPEAL = "register_appeal"
ACTION_DECIDE_APPEAL = "decide_appeal"


@dataclass(frozen=True)
class AgencyChoice:
    """An agency or office of the active profile, for pickers (机构选择)."""

    id: str
    name: str
    kind: str
    level: int


def profile_agencies(ctx: Context, user: UserSession) -> list[AgencyChoice]:
    """The agencies and efficiency offices under the active profile, by level then name."""
    auth.touch(ctx, user)
    require_role(user, READERS, msg("查看问责决定"))
    with ctx.transaction() as db:
        rows = db.scalars(
            select(Agency)
            .where(Agency.profile_id == ctx.profile.id)
            .order_by(Agency.level, Agency.name)
        )
        return [AgencyChoice(a.id, a.name, a.kind, a.level) for a in rows]


def search_decisions(
    ctx: Context,
    user: UserSession,
    *,
    state: str | None = None,
    subject_agency_id: str | None = None,
    search: str = "",
    limit: int = 50,
    offset: int = 0,
) -> list[DecisionView]:
    """As :func:`list_decisions`, for the active profile's decisions only, and with
    ``search``: those whose official's or agency's name or document number contains it."""
    from sqlalchemy import or_

    auth.touch(ctx, user)
    require_role(user, READERS, msg("查看问责决定"))
    if state is not None and state not in (DRAFT, SIGNED):
        raise InvalidInput(msg("状态应为草稿或已签发"), field="state")
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(msg("每页条数应在 1 到 {most} 之间", most=MAX_LIMIT), field="limit")
    if offset < 0:
        raise InvalidInput(msg("起始位置不能为负数"), field="offset")
    query = select(Decision).where(Decision.profile_id == ctx.profile.id)
    if state is not None:
        query = query.where(Decision.state == state)
    if not user.roles & DECIDERS:
        query = query.where(Decision.state == SIGNED)
    if subject_agency_id is not None:
        query = query.where(Decision.subject_agency_id == subject_agency_id)
    term = search.strip()
    if term:
        escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        query = (
            query.join(Agency, Agency.id == Decision.subject_agency_id)
            .outerjoin(Official, Official.id == Decision.subject_official_id)
            .where(
                or_(
                    Agency.name.like(pattern, escape="\\"),
                    Official.name.like(pattern, escape="\\"),
                    Decision.document_number.like(pattern, escape="\\"),
                )
            )
        )
    query = query.order_by(Decision.id.desc()).limit(limit).offset(offset)
    with ctx.transaction() as db:
        return [_view(ctx, db, d) for d in db.scalars(query)]


def can_draft_decisions(user: UserSession) -> bool:
    """Whether the UI may offer drafting a decision (supervisors, as :func:`draft_decision`)."""
    return Role.SUPERVISOR in user.roles


def decision_actions(ctx: Context, user: UserSession, decision_id: str) -> frozenset[str]:
    """The actions the UI may offer ``user`` on the decision now (``ACTION_*``);
    the services check again. None for a decision under another profile."""
    auth.touch(ctx, user)
    require_role(user, READERS, msg("查看问责决定"))
    with ctx.transaction() as db:
        decision = get(db, Decision, decision_id, msg("问责决定"))
        if decision.state == DRAFT and not user.roles & DECIDERS:
            raise Forbidden(msg("当前用户无权查看问责决定草稿"))
        if decision.profile_id != ctx.profile.id:
            return frozenset()
        actions: set[str] = set()
        if decision.state == DRAFT:
            if Role.SUPERVISOR in user.roles:
                actions.add(ACTION_EDIT)
            if Role.OFFICE_HEAD in user.roles:
                actions.add(ACTION_SIGN)
            return frozenset(actions)
        if not user.roles & DECIDERS:
            return frozenset()
        rows = _appeal_rows(db, decision.id)
        if not rows:
            actions.add(ACTION_RECORD_RECEIPT)
        if not decision.published:
            actions.add(ACTION_PUBLISH)
        if decision.received_on is not None:
            actions.add(ACTION_REGISTER_APPEAL)
        if Role.OFFICE_HEAD in user.roles and any(a.state == APPEAL_RECEIVED for a in rows):
            actions.add(ACTION_DECIDE_APPEAL)
        return frozenset(actions)


def appeal_bodies_for(ctx: Context, user: UserSession, decision_id: str) -> list[tuple[str, str]]:
    """The bodies an appeal against the decision may be lodged with (申诉受理机关,
    FJ 41 第一款 / MAS 24), as ``(id, name)``."""
    from desktop.domain.appeals import appeal_bodies

    auth.touch(ctx, user)
    require_role(user, DECIDERS, msg("登记申诉"))
    with ctx.transaction() as db:
        decision = get(db, Decision, decision_id, msg("问责决定"))
        _check_profile(ctx, decision)
        bodies = _bodies(db)
        decider = bodies[decision.decider_id]
        return [(b.id, b.name) for b in appeal_bodies(decider, bodies, ctx.profile)]


#: The form field a decision refusal is shown beside (by code or code prefix).
_DECISION_REFUSAL_FIELDS: tuple[tuple[str, str], ...] = (
    ("decision.no_ground", "ground_ids"),
    ("decision.duplicate_ground", "ground_ids"),
    ("decision.unknown_ground", "ground_ids"),
    ("decision.ground_", "ground_ids"),
    ("decision.no_measure", "measure_ids"),
    ("decision.duplicate_measure", "measure_ids"),
    ("decision.unknown_measure", "measure_ids"),
    ("decision.measure_not_for", "measure_ids"),
    ("decision.measures_not_combinable", "measure_ids"),
    ("decision.required_measure_missing", "measure_ids"),
    ("decision.exempt_with_measures", "measure_ids"),
    ("decision.reduced_not_lighter", "measure_ids"),
    ("decision.lighter_is_heavier", "measure_ids"),
    ("decision.mitigation_condition_unmet", "conditions_met"),
    ("decision.mitigation_outcome", "mitigation_outcome"),
    ("decision.mitigation_missing", "mitigation_id"),
    ("decision.unknown_mitigation", "mitigation_id"),
    ("decision.unknown_baseline_measure", "baseline_measure_ids"),
    ("decision.baseline_measure_not_for", "baseline_measure_ids"),
    ("decision.mitigation_baseline_missing", "baseline_measure_ids"),
)
_APPEAL_REFUSAL_FIELDS: tuple[tuple[str, str], ...] = (
    ("appeal.not_written", "written"),
    ("appeal.no_grounds", "grounds"),
    ("appeal.same_grounds", "grounds"),
    ("appeal.filed_before_received", "received_on"),
    ("appeal.filed_late", "received_on"),
    ("appeal.wrong_body", "body_id"),
    ("appeal.decided_before_received", "decided_on"),
    ("appeal.unknown_measure", "outcome_measure_ids"),
    ("appeal.measure_not_for", "outcome_measure_ids"),
    ("appeal.outcome_heavier", "outcome_measure_ids"),
)


def decision_refusal_field(code: str, *, reduced: bool = False) -> str | None:
    """The decision form's field a refusal with ``code`` is shown beside, if any.
    Under 减轻 (``reduced``) a missing required measure belongs to the baseline."""
    if reduced and code == "decision.required_measure_missing":
        return "baseline_measure_ids"
    return next((f for prefix, f in _DECISION_REFUSAL_FIELDS if code.startswith(prefix)), None)


def appeal_refusal_field(code: str) -> str | None:
    """The appeal form's field a refusal with ``code`` is shown beside, if any."""
    return next((f for prefix, f in _APPEAL_REFUSAL_FIELDS if code.startswith(prefix)), None)
