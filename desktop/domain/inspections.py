"""Inspections (督查、检查、调查): the two-inspector rule and visit records.

MAS 15 第五款: 督查、检查或调查不得少于两人，除暗访外，事先应表明身份. The
product applies the minimum to every inspection kind in every profile
(``profile.plans.min_inspectors``): a plan's team must have that many
distinct people, and a visit is opened and finalised only when that many
team members have each confirmed their presence with their own credentials
(checking the credentials is not done here).

"Must not disturb the normal work of the inspected" (MAS 15 第五款) is not
something a record can show, so no rule here checks it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from desktop.domain.common import Refusal
from desktop.domain.messages import Message, msg
from desktop.domain.plans import STATE_NAMES, PlanState
from desktop.domain.profile import RuleProfile

_RUNNING = (PlanState.APPROVED, PlanState.IN_PROGRESS)


def check_team(inspector_ids: Iterable[str], profile: RuleProfile) -> list[Refusal]:
    """Refuse a team (督查组) of fewer distinct inspectors than the profile's minimum.

    MAS 15 第五款: 督查、检查或调查不得少于两人. The same id listed twice, or a
    blank id, is one person or none; the message says how many distinct
    people were given.
    """
    listed = list(inspector_ids)
    distinct = {i for i in listed if i.strip()}
    minimum = profile.plans.min_inspectors
    if len(distinct) >= minimum:
        return []
    if len(listed) != len(distinct):
        text = msg(
            "督查、检查或调查不得少于{minimum}人：督查组只有{count}名不同的督查人员"
            "（共列出{listed}人次，同一人只计一次）",
            minimum=minimum,
            count=len(distinct),
            listed=len(listed),
        )
    else:
        text = msg(
            "督查、检查或调查不得少于{minimum}人：督查组只有{count}名不同的督查人员",
            minimum=minimum,
            count=len(distinct),
        )
    return [Refusal("team.too_few", text, profile.plans.min_inspectors_article)]


@dataclass(frozen=True)
class VisitFacts:
    """What the rules need to know about a visit record (检查/调查/暗访记录).

    ``confirmed_inspector_ids`` are the inspectors who confirmed their
    presence with their own credentials; ``identity_shown`` records that the
    inspectors showed their identity (出示证件) before an announced visit.
    """

    plan_state: PlanState
    plan_team_ids: tuple[str, ...]
    announced: bool
    identity_shown: bool
    confirmed_inspector_ids: frozenset[str]


def check_visit_open(
    visit: VisitFacts,
    profile: RuleProfile,
    *,
    names: Mapping[str, str] | None = None,
) -> list[Refusal]:
    """Why a visit record may not be opened now; empty if it may.

    FJ 26 / MAS 15 第五款: only under an approved plan; MAS 15 第五款: at least
    ``min_inspectors`` team members present, identity shown first unless the
    visit is unannounced (暗访, MAS 14（七）). ``names`` maps ids to the names
    shown in messages.
    """
    return _check_visit(visit, profile, names or {}, msg("开始检查记录"))


def check_visit_finalise(
    visit: VisitFacts,
    profile: RuleProfile,
    *,
    names: Mapping[str, str] | None = None,
) -> list[Refusal]:
    """Why a visit record may not be finalised now; empty if it may.

    The same rules as :func:`check_visit_open` (FJ 26, MAS 15 第五款,
    MAS 14（七）), applied to the record as it is at the end of the visit.
    """
    return _check_visit(visit, profile, names or {}, msg("完成检查记录"))


def _check_visit(
    visit: VisitFacts,
    profile: RuleProfile,
    names: Mapping[str, str],
    stage: Message,
) -> list[Refusal]:
    refusals: list[Refusal] = []
    if visit.plan_state not in _RUNNING:
        refusals.append(
            Refusal(
                "visit.plan_not_approved",
                msg(
                    "方案当前状态为“{state}”，方案经批准后才能{stage}",
                    state=STATE_NAMES[visit.plan_state],
                    stage=stage,
                ),
                profile.plans.approval_article,
            )
        )
    team = set(visit.plan_team_ids)
    for outsider in sorted(visit.confirmed_inspector_ids - team):
        refusals.append(
            Refusal(
                "visit.not_team_member",
                msg(
                    "{name}不是本方案督查组成员，其在场确认无效",
                    name=names.get(outsider, outsider),
                ),
                profile.plans.approval_article,
            )
        )
    present = len(visit.confirmed_inspector_ids & team)
    minimum = profile.plans.min_inspectors
    if present < minimum:
        refusals.append(
            Refusal(
                "visit.too_few_present",
                msg(
                    "督查、检查或调查不得少于{minimum}人：以本人凭证确认在场的督查组成员"
                    "只有{count}名，不能{stage}",
                    minimum=minimum,
                    count=present,
                    stage=stage,
                ),
                profile.plans.min_inspectors_article,
            )
        )
    if visit.announced and not visit.identity_shown:
        refusals.append(
            Refusal(
                "visit.identity_not_shown",
                msg(
                    "除暗访外，检查前应当表明身份：记录尚未载明已出示证件，不能{stage}",
                    stage=stage,
                ),
                profile.plans.identity_article,
            )
        )
    return refusals
