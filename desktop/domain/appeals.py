"""Appeals against accountability decisions (申诉 FJ 41 / 复核 MAS 24).

Limits for filing and deciding, the bodies an appeal may be lodged with, the
admissibility of an appeal, the rule that an appeal does not suspend the
measures and never leads to a heavier one. Routes and limits come from the
profile (``profile.appeals``); nothing here asks which jurisdiction it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop.domain.accountability import is_dominated, measures_for
from desktop.domain.calendar import WorkCalendar
from desktop.domain.common import Refusal, SubjectKind, enumeration
from desktop.domain.deadlines import Deadline, due_date
from desktop.domain.messages import Message, msg
from desktop.domain.profile import AppealRoute, DeciderKind, RuleProfile

_ROUTE_NAMES = {
    AppealRoute.AGENCY_ONE_LEVEL_UP: msg("作出决定的机关的上一级机关"),
    AppealRoute.OFFICE_SAME_LEVEL: msg("同级机关效能建设工作机构"),
    AppealRoute.OFFICE_ONE_LEVEL_UP: msg("上一级机关效能建设工作机构"),
    AppealRoute.SAME_BODY: msg("原处理机关"),
}


@dataclass(frozen=True)
class Body:
    """A body that decides or hears appeals: an agency (机关) or an efficiency office (效能办).

    ``level``: 1 province, 2 city, 3 county, 4 township/street (FJ 5).
    ``parent_id``: for an agency, the agency one level up (上一级机关); for an
    office, the office one level up (上一级机关效能建设工作机构).
    ``office_id``: for an agency, the efficiency office at its level
    (同级机关效能建设工作机构); ``None`` where there is none (e.g. townships, FJ 6).
    """

    id: str
    kind: DeciderKind
    level: int
    parent_id: str | None = None
    office_id: str | None = None
    name: str = ""


@dataclass(frozen=True)
class DecisionInfo:
    """What an appeal needs to know about the decision appealed (原问责决定)."""

    id: str
    decider: Body
    subject_kind: SubjectKind
    measure_ids: tuple[str, ...]
    received_on: dt.date  # 收到效能问责决定之日


@dataclass(frozen=True)
class Appeal:
    """An appeal (申诉 / 复核申请) against one decision.

    ``grounds`` are the keys of the reasons given (申诉理由); ``decided_on`` is
    set once the appeal has been decided (申诉处理决定).
    """

    id: str
    decision_id: str
    filed_on: dt.date
    lodged_with: str  # Body.id
    written: bool
    grounds: frozenset[str]
    decided_on: dt.date | None = None


# --------------------------------------------------------------------------
# Limits


def appeal_filing_deadline(
    received_on: dt.date, profile: RuleProfile, calendar: WorkCalendar | None = None
) -> Deadline:
    """Last day to appeal (申诉期限), counted from the day the decision was received.

    FJ 41 第一款: 自收到效能问责决定之日起三十日内提出书面申诉; MAS 24 per the
    profile. Calendar days, moved off a rest day at the end (民法典 203).
    """
    return due_date(received_on, profile.appeals.filing, calendar)


def appeal_decision_deadline(
    appeal_received_on: dt.date, profile: RuleProfile, calendar: WorkCalendar | None = None
) -> Deadline:
    """Last day to decide an appeal (申诉处理期限).

    FJ 41 第二款: 自接到书面申诉之日起三十日内作出申诉处理决定; MAS 24 per the profile.
    """
    return due_date(appeal_received_on, profile.appeals.decision, calendar)


def appeal_decision_days_late(
    received_on: dt.date,
    decided_on: dt.date,
    profile: RuleProfile,
    calendar: WorkCalendar | None = None,
) -> int:
    """Calendar days an appeal decision came after its limit (超期日数); 0 when in time (FJ 41)."""
    due = appeal_decision_deadline(received_on, profile, calendar).due
    return max(0, (decided_on - due).days)


def check_appeal_decided_in_time(
    received_on: dt.date,
    decided_on: dt.date,
    profile: RuleProfile,
    calendar: WorkCalendar | None = None,
) -> list[Refusal]:
    """Refuse (flag) an appeal decision made after its limit, saying how many days late.

    FJ 41 第二款: 自接到书面申诉之日起三十日内作出申诉处理决定 (申诉处理期限).
    """
    limit = profile.appeals.decision
    if decided_on < received_on:
        return [
            Refusal(
                "appeal.decided_before_received",
                msg(
                    "申诉处理决定日期（{decided}）早于收到申诉之日（{received}）",
                    decided=_d(decided_on),
                    received=_d(received_on),
                ),
                limit.article,
            )
        ]
    due = appeal_decision_deadline(received_on, profile, calendar).due
    late = (decided_on - due).days
    if late <= 0:
        return []
    return [
        Refusal(
            "appeal.decided_late",
            msg("申诉处理决定应于{due}前作出，已超期{late}日", due=_d(due), late=late),
            limit.article,
        )
    ]


def measures_in_force_during_appeal(profile: RuleProfile) -> bool:
    """Whether measures keep running while an appeal is pending.

    FJ 41 第一款: 申诉期间不停止效能问责的执行 (申诉不停止执行).
    """
    return not profile.appeals.suspends_measures


# --------------------------------------------------------------------------
# Where to appeal


def appeal_bodies(decider: Body, bodies: Mapping[str, Body], profile: RuleProfile) -> list[Body]:
    """The bodies an appeal against ``decider``'s decision may be lodged with (申诉受理机关).

    FJ 41 第一款: 对机关作出的效能问责决定不服的，可以向作出效能问责决定的机关的
    上一级机关或者同级机关效能建设工作机构提出申诉；对机关效能建设工作机构作出的
    效能问责决定不服的，可以向上一级机关效能建设工作机构提出申诉. MAS 24: 复核 by
    the body that decided (原处理机关). Routes come from ``profile.appeals.routes``;
    a route whose body is not in ``bodies`` (or is of the wrong kind) gives none.
    """
    found: dict[str, Body] = {}
    for route in profile.appeals.routes.get(decider.kind, ()):
        body = _route_body(route, decider, bodies)
        if body is not None and body.id not in found:
            found[body.id] = body
    return list(found.values())


def _route_body(route: AppealRoute, decider: Body, bodies: Mapping[str, Body]) -> Body | None:
    if route is AppealRoute.SAME_BODY:
        return decider
    if route is AppealRoute.AGENCY_ONE_LEVEL_UP:
        if decider.kind is not DeciderKind.AGENCY:
            return None
        return _get(bodies, decider.parent_id, DeciderKind.AGENCY)
    # The efficiency office at the decider's level: its own office for an
    # agency, itself for an office.
    if decider.kind is DeciderKind.OFFICE:
        same_level: Body | None = decider
    else:
        same_level = _get(bodies, decider.office_id, DeciderKind.OFFICE)
    if route is AppealRoute.OFFICE_SAME_LEVEL:
        return same_level
    # OFFICE_ONE_LEVEL_UP
    if same_level is None:
        return None
    return _get(bodies, same_level.parent_id, DeciderKind.OFFICE)


def _get(bodies: Mapping[str, Body], body_id: str | None, kind: DeciderKind) -> Body | None:
    if body_id is None:
        return None
    body = bodies.get(body_id)
    return body if body is not None and body.kind is kind else None


# --------------------------------------------------------------------------
# Admissibility and outcome


def check_appeal_admissible(
    appeal: Appeal,
    decision_info: DecisionInfo,
    earlier_appeals: Sequence[Appeal],
    profile: RuleProfile,
    bodies: Mapping[str, Body],
    *,
    refuse_same_grounds: bool = True,
    calendar: WorkCalendar | None = None,
) -> list[Refusal]:
    """Refusals for accepting an appeal (申诉受理); empty when it must be accepted.

    FJ 41 第一款: 自收到效能问责决定之日起三十日内提出书面申诉, lodged with a body
    the route allows. FJ 41 第三款: 对申诉处理决定不服，又以同一理由继续申诉的，
    不予受理 — "the same grounds" meaning the new grounds are all among those of
    an earlier, decided appeal on the same decision. The profile does not say
    whether this last rule holds (it is FJ's; MAS 24 defers to the
    administrative-sanction remedy), so ``refuse_same_grounds`` carries it.
    """
    ap = profile.appeals
    refusals: list[Refusal] = []
    if appeal.decision_id != decision_info.id:
        refusals.append(
            Refusal(
                "appeal.wrong_decision", msg("申诉所针对的问责决定与所附决定不一致"), ap.article
            )
        )
    if not appeal.written:
        refusals.append(
            Refusal("appeal.not_written", msg("申诉应当以书面形式提出"), ap.filing.article)
        )
    if not appeal.grounds:
        refusals.append(Refusal("appeal.no_grounds", msg("申诉应当写明理由"), ap.article))

    received = decision_info.received_on
    if appeal.filed_on < received:
        refusals.append(
            Refusal(
                "appeal.filed_before_received",
                msg(
                    "申诉日期（{filed}）早于收到问责决定之日（{received}）",
                    filed=_d(appeal.filed_on),
                    received=_d(received),
                ),
                ap.filing.article,
            )
        )
    else:
        due = appeal_filing_deadline(received, profile, calendar).due
        late = (appeal.filed_on - due).days
        if late > 0:
            refusals.append(
                Refusal(
                    "appeal.filed_late",
                    msg(
                        "申诉期限已于{due}届满（自收到问责决定之日起{days}日），逾期{late}日",
                        due=_d(due),
                        days=ap.filing.amount,
                        late=late,
                    ),
                    ap.filing.article,
                )
            )

    allowed = appeal_bodies(decision_info.decider, bodies, profile)
    if appeal.lodged_with not in {b.id for b in allowed}:
        routes = ap.routes.get(decision_info.decider.kind, ())
        where = enumeration([_ROUTE_NAMES[r] for r in routes], alternatives=True) or msg("无")
        named = enumeration([b.name or b.id for b in allowed])
        refusals.append(
            Refusal(
                "appeal.wrong_body",
                msg("该申诉应向{routes}提出（{bodies}）", routes=where, bodies=named)
                if named
                else msg("该申诉应向{routes}提出", routes=where),
                ap.article,
            )
        )

    if refuse_same_grounds and appeal.grounds:
        for earlier in earlier_appeals:
            if (
                earlier.id != appeal.id
                and earlier.decision_id == decision_info.id
                and earlier.decided_on is not None
                and appeal.grounds <= earlier.grounds
            ):
                refusals.append(
                    Refusal(
                        "appeal.same_grounds",
                        msg(
                            "已于{decided}作出申诉处理决定，以同一理由继续申诉的，不予受理",
                            decided=_d(earlier.decided_on),
                        ),
                        ap.article,
                    )
                )
                break
    return refusals


def check_appeal_outcome(
    original_measure_ids: Sequence[str],
    outcome_measure_ids: Sequence[str],
    profile: RuleProfile,
    subject_kind: SubjectKind,
) -> list[Refusal]:
    """Refusals for an appeal decision's measures (申诉处理结果); empty when allowed.

    FJ 41 第一款: 机关及其工作人员不因提出申诉而被加重问责 (不加重). Sorted by
    severity, heaviest first, the outcome has no more measures than the original
    and each is no heavier than the original's in the same place; revoking all
    (an empty outcome) is allowed. Outcome measures must fit the subject (FJ 37 /
    MAS 18).
    """
    acc = profile.accountability
    known = {m.id for m in acc.measures}
    refusals: list[Refusal] = []
    unknown = [m for m in (*original_measure_ids, *outcome_measure_ids) if m not in known]
    for mid in dict.fromkeys(unknown):
        refusals.append(
            Refusal(
                "appeal.unknown_measure", msg("未知的问责方式：{measure}", measure=mid), acc.article
            )
        )
    if unknown:
        return refusals
    fitting = {m.id for m in measures_for(subject_kind, profile)}
    for mid in dict.fromkeys(outcome_measure_ids):
        if mid not in fitting:
            m = acc.measure(mid)
            refusals.append(
                Refusal(
                    f"appeal.measure_not_for_{subject_kind.value}",
                    msg("申诉处理结果中的“{measure}”不适用于该问责对象", measure=m.name),
                    m.article,
                )
            )
    if not is_dominated(outcome_measure_ids, original_measure_ids, profile):
        refusals.append(
            Refusal(
                "appeal.outcome_heavier",
                msg("不得因提出申诉而加重问责：处理结果不得重于或多于原问责方式"),
                profile.appeals.article,
            )
        )
    return refusals


def _d(d: dt.date) -> Message:
    return msg("{year}年{month}月{day}日", year=d.year, month=d.month, day=d.day)
