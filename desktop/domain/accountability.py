"""Accountability decisions (效能问责 FJ 35–40 / 效能责任追究 MAS 17–22).

What may be decided against whom, on which grounds, with which mitigation
(容错纠错 FJ 39; 已提出修正意见 MAS 21 第二款); what must go with a decision
(publication FJ 38, notification and 监察建议 MAS 22, orders MAS 18 第三款,
从重 FJ 40 第三款); and what follows from the measures a person has received
(FJ 40, MAS 20) or an agency's record (FJ 36 第二款, MAS 21).

Every difference between jurisdictions comes from the
:class:`~desktop.domain.profile.RuleProfile`; nothing here asks which one it is.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from desktop.domain.common import Refusal, SubjectKind, enumeration
from desktop.domain.messages import Message, msg
from desktop.domain.profile import (
    Effect,
    Measure,
    MitigationOutcome,
    RuleProfile,
    TriggerBasis,
    Window,
)

#: The aggravation id meaning "the subject works in an efficiency office" (FJ 40 第三款).
#: The profile decides whether it exists; the subject's ``is_office_staff`` says who it hits.
OFFICE_STAFF_AGGRAVATION = "office_staff"

#: Subject kinds whose own measures carry personal consequences (FJ 40 第一款
#: 机关工作人员; MAS 20 责任人). Agencies answer through agency triggers instead.
PERSONAL_KINDS: frozenset[SubjectKind] = frozenset({SubjectKind.OFFICIAL})

_Source = tuple[str, str, Effect, dt.date | None]  # (source id, article, effect, until)
_KIND_NAMES = {SubjectKind.AGENCY: msg("机关（单位）"), SubjectKind.OFFICIAL: msg("机关工作人员")}
_WINDOW_NAMES = {
    Window.CALENDAR_YEAR: msg("当年内"),
    Window.ROLLING_YEAR: msg("一年内"),
    Window.TWO_CONSECUTIVE_YEARS: msg("连续两年内"),
}


# --------------------------------------------------------------------------
# Data


@dataclass(frozen=True)
class Subject:
    """The subject of a decision (问责对象): an agency or one of its officials."""

    kind: SubjectKind
    id: str
    agency_id: str
    is_head: bool = False  # 相关负责人 / 单位领导
    is_office_staff: bool = False  # 机关效能建设工作机构工作人员 (FJ 40 第三款)


@dataclass(frozen=True)
class MeasureRecord:
    """One measure a subject received in the past (问责记录)."""

    subject_id: str
    subject_kind: SubjectKind
    agency_id: str
    measure_id: str
    decided_on: dt.date
    issued_by_higher_office: bool = False  # 上级机关效能建设工作机构给予 (FJ 36 第二款)


@dataclass(frozen=True)
class ProposedDecision:
    """A decision being drafted (效能问责决定 / 效能责任追究决定).

    ``baseline_measure_ids`` are the measures that would apply without
    mitigation; 从轻 and 减轻 are judged against them.
    """

    subject: Subject
    ground_ids: tuple[str, ...]
    measure_ids: tuple[str, ...]
    decided_on: dt.date
    mitigation_id: str | None = None
    mitigation_outcome: MitigationOutcome | None = None
    conditions_met: frozenset[str] = frozenset()
    baseline_measure_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Notice:
    """Something that must go with a decision (随决定须办事项)."""

    code: str
    text: str
    article: str

    def __str__(self) -> str:
        return f"{self.text}（{self.article}）" if self.article else self.text


@dataclass(frozen=True)
class MeasureEffect:
    """One effect of one past measure, e.g. 三个月内不得参与先进评选 (FJ 40 第一款).

    ``until`` is the last day of a limited effect (inclusive), ``None`` when
    the profile gives no length.
    """

    measure_id: str
    decided_on: dt.date
    kind: str
    text: str
    article: str
    until: dt.date | None
    percent: int | None
    active: bool


@dataclass(frozen=True)
class ReachedThreshold:
    """A count threshold reached in its window (e.g. 当年内被效能告诫两次, MAS 20)."""

    threshold_id: str
    article: str
    window: Window
    period_start: dt.date
    period_end: dt.date
    count: int
    min_count: int
    effects: tuple[Effect, ...]


@dataclass(frozen=True)
class CombinedEffect:
    """One kind of consequence in force, once, with every article it comes from.

    Of several sources the strongest wins: the highest ``percent`` (扣发奖金),
    then the latest ``until``; ``until`` is ``None`` when any source has no end.
    """

    kind: str
    text: str
    articles: tuple[str, ...]
    percent: int | None
    until: dt.date | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Consequences:
    """What a subject's measures entail on a given day (问责后果, FJ 40 / MAS 20)."""

    subject_id: str
    on: dt.date
    measure_effects: tuple[MeasureEffect, ...]
    thresholds: tuple[ReachedThreshold, ...]
    effects: tuple[CombinedEffect, ...]

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(e.kind for e in self.effects)

    def has(self, kind: str) -> bool:
        return kind in self.kinds

    def effect(self, kind: str) -> CombinedEffect | None:
        for e in self.effects:
            if e.kind == kind:
                return e
        return None


@dataclass(frozen=True)
class TriggeredEffect:
    """An agency-level trigger that fired (FJ 36 第二款第（二）项, MAS 21 第一款)."""

    trigger_id: str
    article: str
    basis: TriggerBasis
    reason: str
    effects: tuple[Effect, ...]
    count: int = 0
    share_percent: float | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    subject_ids: tuple[str, ...] = ()


# --------------------------------------------------------------------------
# Measures


def measures_for(subject_kind: SubjectKind, profile: RuleProfile) -> list[Measure]:
    """The measures (问责方式) the profile allows against ``subject_kind``.

    FJ 37: 对机关的效能问责仅适用通报批评; MAS 18 第二款: 行政机关要承担第（二）
    （三）（四）（五）目的效能责任. Lightest first.
    """
    allowed = [m for m in profile.accountability.measures if subject_kind in m.applies_to]
    return sorted(allowed, key=lambda m: m.severity)


def is_dominated(
    measure_ids: Sequence[str], baseline_ids: Sequence[str], profile: RuleProfile
) -> bool:
    """Whether ``measure_ids`` is no heavier than ``baseline_ids`` (不加重).

    Both sorted by severity, heaviest first: there are no more measures than in
    the baseline and each is no heavier than the baseline's measure in the same
    place. An empty list is dominated by anything. Used for 从轻 (FJ 39) and for
    appeal outcomes (FJ 41: 不因提出申诉而被加重问责). Unknown ids raise ``KeyError``.
    """
    acc = profile.accountability
    mine = sorted((acc.measure(m).severity for m in measure_ids), reverse=True)
    base = sorted((acc.measure(m).severity for m in baseline_ids), reverse=True)
    return len(mine) <= len(base) and all(a <= b for a, b in zip(mine, base, strict=False))


# --------------------------------------------------------------------------
# Checking a decision


def check_decision(decision: ProposedDecision, profile: RuleProfile) -> list[Refusal]:
    """Refusals for a proposed decision (效能问责决定); empty when it may be made.

    Grounds: FJ 36 / MAS 18–19, heads-only grounds FJ 36 第二款. Measures and
    whom they fit: FJ 37 / MAS 18. Required measures: MAS 19 (应给予效能告诫).
    Combination: FJ 37 / MAS 18 第三款. Mitigation: FJ 39 (从轻、减轻、免予),
    MAS 21 第二款 (下属不承担效能责任).
    """
    acc = profile.accountability
    subject = decision.subject
    kind = subject.kind
    exempt = decision.mitigation_outcome is MitigationOutcome.EXEMPT
    reduced = decision.mitigation_outcome is MitigationOutcome.REDUCED
    refusals: list[Refusal] = []

    # Grounds.
    known_grounds = {g.id for g in acc.grounds}
    if not decision.ground_ids:
        refusals.append(
            Refusal("decision.no_ground", msg("至少应写明一项问责情形（事实依据）"), acc.article)
        )
    for gid in _duplicates(decision.ground_ids):
        refusals.append(
            Refusal(
                "decision.duplicate_ground", msg("问责情形重复：{ground}", ground=gid), acc.article
            )
        )
    grounds = []
    for gid in dict.fromkeys(decision.ground_ids):
        if gid not in known_grounds:
            refusals.append(
                Refusal(
                    "decision.unknown_ground",
                    msg("未知的问责情形：{ground}", ground=gid),
                    acc.article,
                )
            )
            continue
        g = acc.ground(gid)
        if kind not in g.subjects:
            refusals.append(
                Refusal(
                    f"decision.ground_not_for_{kind.value}",
                    msg("问责情形“{ground}”不适用于{kind}", ground=g.text, kind=_KIND_NAMES[kind]),
                    g.article,
                )
            )
        elif g.heads_only and kind is SubjectKind.OFFICIAL and not subject.is_head:
            refusals.append(
                Refusal(
                    "decision.ground_heads_only",
                    msg(
                        "问责情形“{ground}”只能对机关（单位）或其负责人问责，该工作人员不是负责人",
                        ground=g.text,
                    ),
                    g.article,
                )
            )
        else:
            grounds.append(g)  # only a ground that fits the subject demands measures

    # Measures.
    known_measures = {m.id for m in acc.measures}
    measures: list[Measure] = []
    if not decision.measure_ids and not exempt:
        refusals.append(Refusal("decision.no_measure", msg("至少应选择一种问责方式"), acc.article))
    for mid in _duplicates(decision.measure_ids):
        name = acc.measure(mid).name if mid in known_measures else mid
        refusals.append(
            Refusal(
                "decision.duplicate_measure",
                msg("问责方式重复：{measure}", measure=name),
                acc.article,
            )
        )
    for mid in dict.fromkeys(decision.measure_ids):
        if mid not in known_measures:
            refusals.append(
                Refusal(
                    "decision.unknown_measure",
                    msg("未知的问责方式：{measure}", measure=mid),
                    acc.article,
                )
            )
            continue
        m = acc.measure(mid)
        measures.append(m)
        if kind not in m.applies_to:
            refusals.append(_not_for_kind("decision.measure_not_for", m, kind, profile))
    if len(measures) > 1 and not acc.combinable:
        refusals.append(
            Refusal(
                "decision.measures_not_combinable",
                msg("问责方式不能合并使用，只能选择一种"),
                acc.article,
            )
        )

    # Measures a ground requires (MAS 19: 应给予效能告诫). Under 减轻 the measure
    # actually given is below them, so the baseline must carry them instead.
    if not exempt:
        present = set(decision.baseline_measure_ids if reduced else decision.measure_ids)
        for g in grounds:
            missing = [r for r in sorted(g.requires_measures) if r not in present]
            for r in missing:
                values = {"ground": g.text, "measure": acc.measure(r).name}
                text = (
                    msg(
                        "问责情形“{ground}”应给予“{measure}”，减轻前应适用的问责方式中未选",
                        **values,
                    )
                    if reduced
                    else msg("问责情形“{ground}”应给予“{measure}”，问责方式中未选", **values)
                )
                refusals.append(Refusal("decision.required_measure_missing", text, g.article))

    refusals.extend(_check_mitigation(decision, profile))
    return refusals


def _check_mitigation(decision: ProposedDecision, profile: RuleProfile) -> list[Refusal]:
    acc = profile.accountability
    outcome = decision.mitigation_outcome
    if decision.mitigation_id is None:
        if outcome is None:
            return []
        return [
            Refusal(
                "decision.mitigation_missing",
                msg("选择了从轻、减轻或免予问责，但未写明依据的容错情形"),
                acc.article,
            )
        ]
    if decision.mitigation_id not in {m.id for m in acc.mitigations}:
        return [
            Refusal(
                "decision.unknown_mitigation",
                msg(
                    "未知的从轻、减轻或免予问责情形：{mitigation}",
                    mitigation=decision.mitigation_id,
                ),
                acc.article,
            )
        ]
    mit = acc.mitigation(decision.mitigation_id)
    refusals: list[Refusal] = []
    for cond in mit.conditions:
        if cond.id not in decision.conditions_met:
            refusals.append(
                Refusal(
                    "decision.mitigation_condition_unmet",
                    msg(
                        "不符合“{mitigation}”的条件：{condition}",
                        mitigation=mit.name,
                        condition=cond.text,
                    ),
                    mit.article,
                )
            )
    if outcome is None:
        refusals.append(
            Refusal(
                "decision.mitigation_outcome_missing",
                msg("适用“{mitigation}”应写明从轻、减轻或免予问责", mitigation=mit.name),
                mit.article,
            )
        )
        return refusals
    if outcome not in mit.outcomes:
        allowed = enumeration([_OUTCOME_NAMES[o] for o in MitigationOutcome if o in mit.outcomes])
        refusals.append(
            Refusal(
                "decision.mitigation_outcome_not_allowed",
                msg(
                    "“{mitigation}”只能{allowed}，不能{outcome}",
                    mitigation=mit.name,
                    allowed=allowed,
                    outcome=_OUTCOME_NAMES[outcome],
                ),
                mit.article,
            )
        )
        return refusals

    if outcome is MitigationOutcome.EXEMPT:
        if decision.measure_ids:
            refusals.append(
                Refusal(
                    "decision.exempt_with_measures",
                    msg("免予问责的，不得再给予问责方式"),
                    mit.article,
                )
            )
        return refusals

    # 从轻 / 减轻: judged against the measures that would apply without mitigation.
    known = {m.id for m in acc.measures}
    kind = decision.subject.kind
    baseline: list[Measure] = []
    for mid in dict.fromkeys(decision.baseline_measure_ids):
        if mid not in known:
            refusals.append(
                Refusal(
                    "decision.unknown_baseline_measure",
                    msg("未知的问责方式（减轻、从轻前）：{measure}", measure=mid),
                    mit.article,
                )
            )
            continue
        m = acc.measure(mid)
        baseline.append(m)
        if kind not in m.applies_to:
            refusals.append(_not_for_kind("decision.baseline_measure_not_for", m, kind, profile))
    if not decision.baseline_measure_ids:
        refusals.append(
            Refusal(
                "decision.mitigation_baseline_missing",
                _BASELINE_MISSING[outcome],
                mit.article,
            )
        )
        return refusals
    chosen = [acc.measure(m) for m in decision.measure_ids if m in known]
    if len(baseline) != len(dict.fromkeys(decision.baseline_measure_ids)) or not chosen:
        return refusals  # already refused above
    if outcome is MitigationOutcome.REDUCED:
        ceiling = max(baseline, key=lambda m: m.severity)
        heavy = [m for m in chosen if m.severity >= ceiling.severity]
        if heavy:
            refusals.append(
                Refusal(
                    "decision.reduced_not_lighter",
                    msg(
                        "减轻问责应低于原应适用的最重问责方式“{ceiling}”，“{measures}”不低于它",
                        ceiling=ceiling.name,
                        measures=enumeration([m.name for m in heavy]),
                    ),
                    mit.article,
                )
            )
    elif not is_dominated([m.id for m in chosen], list(decision.baseline_measure_ids), profile):
        refusals.append(
            Refusal(
                "decision.lighter_is_heavier",
                msg(
                    "从轻问责不得重于原应适用的问责方式（{measures}）",
                    measures=enumeration([m.name for m in baseline]),
                ),
                mit.article,
            )
        )
    return refusals


_OUTCOME_NAMES = {
    MitigationOutcome.LIGHTER: msg("从轻"),
    MitigationOutcome.REDUCED: msg("减轻"),
    MitigationOutcome.EXEMPT: msg("免予"),
}
_BASELINE_MISSING = {
    MitigationOutcome.LIGHTER: msg("从轻问责的，应写明不予从轻时应适用的问责方式"),
    MitigationOutcome.REDUCED: msg("减轻问责的，应写明不予减轻时应适用的问责方式"),
}


def _not_for_kind(prefix: str, m: Measure, kind: SubjectKind, profile: RuleProfile) -> Refusal:
    allowed = enumeration([x.name for x in measures_for(kind, profile)]) or msg("无")
    return Refusal(
        f"{prefix}_{kind.value}",
        msg(
            "对{kind}不适用“{measure}”；可适用的问责方式：{allowed}",
            kind=_KIND_NAMES[kind],
            measure=m.name,
            allowed=allowed,
        ),
        m.article,
    )


def _duplicates(ids: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    dups: list[str] = []
    for i in ids:
        if i in seen and i not in dups:
            dups.append(i)
        seen.add(i)
    return dups


# --------------------------------------------------------------------------
# What goes with a decision


def decision_notices(decision: ProposedDecision, profile: RuleProfile) -> list[Notice]:
    """What must go with a decision (随决定须办事项).

    Publication (FJ 38: 作出效能问责决定，并予以公开) when the profile requires
    it; the bodies to notify and the 监察建议 (MAS 22) from the measures;
    accompanying orders (MAS 18 第三款: 责令责任人改正，并向投诉人赔礼道歉) unless
    an excepting measure is given; and 从重处理 for efficiency-office staff
    (FJ 40 第三款). A decision that gives no measure (免予问责) carries no
    publication, notification or order.
    """
    acc = profile.accountability
    notices: list[Notice] = []
    known = {m.id for m in acc.measures}
    measures = [acc.measure(m) for m in dict.fromkeys(decision.measure_ids) if m in known]
    given = {m.id for m in measures}
    if measures:
        if acc.publish_required:
            notices.append(
                Notice(
                    "notice.publish",
                    msg("效能问责决定应当予以公开，并采用规范的文书格式"),
                    acc.publish_article,
                )
            )
        for m in measures:
            if m.notify:
                notices.append(
                    Notice(
                        "notice.notify",
                        msg(
                            "“{measure}”决定应函告{bodies}",
                            measure=m.name,
                            bodies=enumeration(m.notify),
                        ),
                        m.article,
                    )
                )
        for m in measures:
            if m.requires_suggestion:
                notices.append(
                    Notice(
                        "notice.supervision_suggestion",
                        msg(
                            "作出“{measure}”决定的同时，应作出监察建议，一并送交责任单位及责任人",
                            measure=m.name,
                        ),
                        m.article,
                    )
                )
        for order in acc.orders:
            if not order.unless_measures & given:
                notices.append(Notice("notice.order", order.text, order.article))
    if decision.subject.is_office_staff:
        for agg in acc.aggravations:
            if agg.id == OFFICE_STAFF_AGGRAVATION:
                notices.append(Notice("notice.aggravation", agg.text, agg.article))
    return notices


# --------------------------------------------------------------------------
# Consequences for a person


def consequences(
    subject_id: str,
    history: Sequence[MeasureRecord],
    on: dt.date,
    profile: RuleProfile,
    personal_kinds: frozenset[SubjectKind] = PERSONAL_KINDS,
) -> Consequences:
    """What a subject's measures entail on ``on`` (问责后果).

    Per measure, its effects with their end dates (FJ 40 第一款: 诫勉教育、通报
    批评、效能告诫分别在一个月内、三个月内、五个月内不得参与先进评选); then every
    count threshold reached in its window (FJ 40 第一款: 当年内被效能告诫二次以上
    的，年度考核不能评定为优秀等次; MAS 20 ladder: 一次 / 两次 / 三次或连续两年四次).

    A month-long effect ends on the corresponding day of the last month, or the
    month's last day when there is none (民法典 202), and is in force through
    that day. Records after ``on`` and records of other subjects are ignored,
    as are subjects whose kind is not in ``personal_kinds`` (the effects are
    written for 机关工作人员 / 责任人; agencies answer through
    :func:`agency_triggers`).
    """
    records = [
        r
        for r in history
        if r.subject_id == subject_id and r.subject_kind in personal_kinds and r.decided_on <= on
    ]
    records.sort(key=lambda r: r.decided_on)
    acc = profile.accountability
    known = {m.id for m in acc.measures}

    measure_effects: list[MeasureEffect] = []
    for r in records:
        if r.measure_id not in known:
            continue
        m = acc.measure(r.measure_id)
        for e in m.effects:
            until = _add_months(r.decided_on, e.months) if e.months else None
            measure_effects.append(
                MeasureEffect(
                    measure_id=m.id,
                    decided_on=r.decided_on,
                    kind=e.kind,
                    text=e.text,
                    article=m.article,
                    until=until,
                    percent=e.percent,
                    active=until is None or on <= until,
                )
            )

    reached: list[ReachedThreshold] = []
    for t in acc.thresholds:
        start = _window_start(on, t.window)
        count = sum(1 for r in records if r.measure_id in t.measures and r.decided_on >= start)
        if count >= t.min_count:
            reached.append(
                ReachedThreshold(
                    threshold_id=t.id,
                    article=t.article,
                    window=t.window,
                    period_start=start,
                    period_end=on,
                    count=count,
                    min_count=t.min_count,
                    effects=t.effects,
                )
            )

    sources: list[_Source] = [
        (me.measure_id, me.article, Effect(me.kind, me.text, None, me.percent), me.until)
        for me in measure_effects
        if me.active
    ]
    for rt in reached:
        sources.extend((rt.threshold_id, rt.article, e, None) for e in rt.effects)
    return Consequences(
        subject_id=subject_id,
        on=on,
        measure_effects=tuple(measure_effects),
        thresholds=tuple(reached),
        effects=_combine(sources),
    )


def consequences_if(
    decision: ProposedDecision,
    history: Sequence[MeasureRecord],
    profile: RuleProfile,
    personal_kinds: frozenset[SubjectKind] = PERSONAL_KINDS,
) -> Consequences:
    """:func:`consequences` on the decision date with the proposed measures added.

    Lets the form show what FJ 40 / MAS 20 will entail while measures are chosen.
    """
    return consequences(
        decision.subject.id,
        [*history, *proposed_records(decision)],
        decision.decided_on,
        profile,
        personal_kinds,
    )


def proposed_records(
    decision: ProposedDecision, issued_by_higher_office: bool = False
) -> list[MeasureRecord]:
    """The measure records a decision will add to the history (问责记录).

    They are what FJ 40 / MAS 20 count and FJ 36 第二款 / MAS 21 count per agency.
    """
    s = decision.subject
    return [
        MeasureRecord(s.id, s.kind, s.agency_id, m, decision.decided_on, issued_by_higher_office)
        for m in dict.fromkeys(decision.measure_ids)
    ]


def _strength(item: _Source) -> tuple[int, bool, dt.date]:
    _, _, e, until = item
    return (e.percent or 0, until is None, until or dt.date.min)


def _combine(sources: Iterable[_Source]) -> tuple[CombinedEffect, ...]:
    by_kind: dict[str, list[_Source]] = {}
    for src in sources:
        by_kind.setdefault(src[2].kind, []).append(src)
    out: list[CombinedEffect] = []
    for kind, items in by_kind.items():
        strongest = max(items, key=_strength)
        untils = [u for *_, u in items]
        out.append(
            CombinedEffect(
                kind=kind,
                text=strongest[2].text,
                articles=tuple(dict.fromkeys(a for _, a, _, _ in items)),
                percent=max((e.percent for _, _, e, _ in items if e.percent), default=None),
                until=None if None in untils else max(u for u in untils if u is not None),
                sources=tuple(dict.fromkeys(s for s, *_ in items)),
            )
        )
    return tuple(out)


# --------------------------------------------------------------------------
# Agency-level triggers


def agency_triggers(
    agency_id: str,
    history: Sequence[MeasureRecord],
    staff_count: int,
    rating: str | None,
    on: dt.date,
    profile: RuleProfile,
) -> list[TriggeredEffect]:
    """The agency-level triggers that fire for ``agency_id`` on ``on`` (单位层面的后果).

    FJ 36 第二款第（二）项: 一年内被上级机关效能建设工作机构给予效能告诫三人次以上
    或者年度绩效考评被评为差等次的，应当对机关及其相关负责人给予效能问责.
    MAS 21 第一款: 单位当年内被通报批评或被效能告诫两次，或当年内有5%的工作人员
    被效能告诫的，实行目标管理考核一票否决. Agency measures count the agency's
    own records; staff measures count person-times (人次); the staff share counts
    distinct officials against ``staff_count`` (no share trigger when it is 0).
    ``rating`` is the agency's annual rating (绩效考评等次), ``None`` if none yet.
    """
    out: list[TriggeredEffect] = []
    names = {m.id: m.name for m in profile.accountability.measures}
    severity = {m.id: m.severity for m in profile.accountability.measures}

    def order(measure_id: str) -> tuple[int, str]:
        return (severity.get(measure_id, 0), measure_id)

    for t in profile.accountability.agency_triggers:
        if t.basis is TriggerBasis.RATING:
            if rating is not None and rating == t.rating:
                out.append(
                    TriggeredEffect(
                        t.id,
                        t.article,
                        t.basis,
                        msg("年度绩效考评被评为{rating}等次", rating=t.rating),
                        t.effects,
                    )
                )
            continue
        start = _window_start(on, t.window)
        own = t.basis is TriggerBasis.AGENCY_MEASURES  # the agency's own measures
        wanted = SubjectKind.AGENCY if own else SubjectKind.OFFICIAL
        matching = [
            r
            for r in history
            if r.agency_id == agency_id
            and r.subject_kind is wanted
            and r.measure_id in t.measures
            and start <= r.decided_on <= on
            and (r.issued_by_higher_office or not t.issued_by_higher_office)
        ]
        measure_names = enumeration(
            [names.get(m, m) for m in sorted(t.measures, key=order)], alternatives=True
        )
        period = _WINDOW_NAMES[t.window]
        subjects = tuple(dict.fromkeys(r.subject_id for r in matching))
        if t.basis is TriggerBasis.STAFF_SHARE:
            if staff_count <= 0 or not subjects or len(subjects) < t.min_count:
                continue
            share = Fraction(len(subjects) * 100, staff_count)
            if share < Fraction(str(t.min_share_percent)):
                continue
            out.append(
                TriggeredEffect(
                    t.id,
                    t.article,
                    t.basis,
                    _share_text(
                        t.issued_by_higher_office,
                        period=period,
                        count=len(subjects),
                        measures=measure_names,
                        staff=staff_count,
                        share=float(share),
                        threshold=t.min_share_percent,
                    ),
                    t.effects,
                    count=len(subjects),
                    share_percent=float(share),
                    period_start=start,
                    period_end=on,
                    subject_ids=subjects,
                )
            )
            continue
        if len(matching) < t.min_count:
            continue
        out.append(
            TriggeredEffect(
                t.id,
                t.article,
                t.basis,
                _count_text(
                    own,
                    t.issued_by_higher_office,
                    period=period,
                    measures=measure_names,
                    count=len(matching),
                    threshold=t.min_count,
                ),
                t.effects,
                count=len(matching),
                period_start=start,
                period_end=on,
                subject_ids=subjects,
            )
        )
    return out


def _share_text(by_higher_office: bool, **values: object) -> Message:
    """What a staff-share trigger found: ``period``, ``count``, ``measures``,
    ``staff``, ``share`` and ``threshold`` (percent)."""
    if by_higher_office:
        return msg(
            "{period}有{count}名工作人员被上级机关效能建设工作机构给予{measures}，"
            "占工作人员{staff}人的{share:.1f}%（达到{threshold:g}%）",
            **values,
        )
    return msg(
        "{period}有{count}名工作人员被给予{measures}，占工作人员{staff}人的{share:.1f}%（达到{threshold:g}%）",
        **values,
    )


def _count_text(own: bool, by_higher_office: bool, **values: object) -> Message:
    """What a count trigger found: the agency's own measures (``own``) or its staff's
    person-times, with ``period``, ``measures``, ``count`` and ``threshold``."""
    if own and by_higher_office:
        return msg(
            "本单位{period}被上级机关效能建设工作机构给予{measures}共{count}次（达到{threshold}次）",
            **values,
        )
    if own:
        return msg("本单位{period}被给予{measures}共{count}次（达到{threshold}次）", **values)
    if by_higher_office:
        return msg(
            "本机关工作人员{period}被上级机关效能建设工作机构给予{measures}"
            "共{count}人次（达到{threshold}人次）",
            **values,
        )
    return msg(
        "本机关工作人员{period}被给予{measures}共{count}人次（达到{threshold}人次）", **values
    )


# --------------------------------------------------------------------------
# Dates


def _add_months(d: dt.date, months: int) -> dt.date:
    """The corresponding day ``months`` later, or that month's last day (民法典 202)."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    day = min(d.day, _calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def _window_start(on: dt.date, window: Window) -> dt.date:
    """The first day of the counting window ending on ``on`` (inclusive both ends)."""
    if window is Window.CALENDAR_YEAR:
        return dt.date(on.year, 1, 1)
    if window is Window.TWO_CONSECUTIVE_YEARS:
        return dt.date(on.year - 1, 1, 1)
    # 一年内: the day after the same date a year before (365 or 366 days).
    return _add_months(on, -12) + dt.timedelta(days=1)
