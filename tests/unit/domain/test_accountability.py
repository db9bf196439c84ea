"""Accountability decisions (效能问责 FJ 35–40 / 效能责任追究 MAS 17–22): measures,
grounds, mitigation, what goes with a decision, personal consequences and
agency-level triggers, for both shipped profiles and a third written as data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from desktop.domain.accountability import (
    MeasureRecord,
    ProposedDecision,
    Subject,
    agency_triggers,
    check_decision,
    consequences,
    consequences_if,
    decision_notices,
    is_dominated,
    measures_for,
    proposed_records,
)
from desktop.domain.common import SubjectKind
from desktop.domain.profile import MitigationOutcome, RuleProfile, parse_profile
from desktop.resources import load_profile, resources_dir

D = dt.date
FJ = "fujian-2024"
MAS = "maanshan-2005"
AGENCY = Subject(SubjectKind.AGENCY, "a1", "a1")
OFFICIAL = Subject(SubjectKind.OFFICIAL, "p1", "a1")
HEAD = Subject(SubjectKind.OFFICIAL, "h1", "a1", is_head=True)
OFFICE_STAFF = Subject(SubjectKind.OFFICIAL, "s1", "office", is_office_staff=True)
FJ39_ALL = frozenset({"no_clear_rule", "reform_trial", "no_private_gain"})
MAS21_ALL = frozenset({"improper_order", "objected"})
LIGHTER, REDUCED, EXEMPT = (
    MitigationOutcome.LIGHTER,
    MitigationOutcome.REDUCED,
    MitigationOutcome.EXEMPT,
)


def profile(pid: str) -> RuleProfile:
    return load_profile(pid)


def third_profile() -> RuleProfile:
    """A third jurisdiction written as data only: FJ's text with measures not combinable."""
    text = (resources_dir() / "profiles" / f"{FJ}.toml").read_text(encoding="utf-8")
    text = text.replace('id = "fujian-2024"', 'id = "third-test"', 1)
    text = text.replace("combinable = true", "combinable = false", 1)
    assert "combinable = false" in text
    return parse_profile(text, "third-test.toml")


# --------------------------------------------------------------------------
# measures_for


@pytest.mark.parametrize(
    ("pid", "kind", "expected"),
    [
        pytest.param(
            FJ, SubjectKind.AGENCY, ["circulated_criticism"], id="FJ 37: 对机关仅适用通报批评"
        ),
        pytest.param(
            FJ,
            SubjectKind.OFFICIAL,
            ["admonition", "circulated_criticism", "efficiency_warning"],
            id="FJ 37: 诫勉教育、通报批评、效能告诫",
        ),
        pytest.param(
            MAS,
            SubjectKind.AGENCY,
            [
                "written_self_criticism",
                "circulated_criticism",
                "award_disqualification",
                "efficiency_warning",
            ],
            id="MAS 18: 行政机关要承担第（二）（三）（四）（五）目",
        ),
    ],
)
def test_measures_for(pid: str, kind: SubjectKind, expected: list[str]) -> None:
    assert [m.id for m in measures_for(kind, profile(pid))] == expected


def test_measures_for_official_in_mas_are_all_nine_lightest_first() -> None:
    # MAS 18 第一款: 批评教育 … 辞退, nine measures.
    found = measures_for(SubjectKind.OFFICIAL, profile(MAS))
    assert len(found) == 9
    assert found[0].id == "criticism_education"
    assert found[-1].id == "dismissal"


# --------------------------------------------------------------------------
# check_decision


@dataclass(frozen=True)
class Case:
    quote: str
    pid: str
    subject: Subject
    grounds: tuple[str, ...]
    measures: tuple[str, ...]
    codes: list[str]
    article: str = ""  # article of the first refusal, when there is one
    mitigation: str | None = None
    outcome: MitigationOutcome | None = None
    met: frozenset[str] = field(default_factory=frozenset)
    baseline: tuple[str, ...] = ()
    message_has: str = ""


CASES = [
    Case(
        "FJ 37: 对机关的效能问责仅适用通报批评 (诫勉教育 refused)",
        FJ,
        AGENCY,
        ("fj36_1_2",),
        ("admonition",),
        ["decision.measure_not_for_agency"],
        "FJ 37",
    ),
    Case(
        "FJ 37: 对机关的效能问责仅适用通报批评 (效能告诫 refused)",
        FJ,
        AGENCY,
        ("fj36_1_2",),
        ("efficiency_warning",),
        ["decision.measure_not_for_agency"],
        "FJ 37",
        message_has="通报批评",
    ),
    Case(
        "FJ 37: 对机关的效能问责仅适用通报批评 (通报批评 allowed)",
        FJ,
        AGENCY,
        ("fj36_1_2",),
        ("circulated_criticism",),
        [],
    ),
    Case(
        "FJ 37: 问责方式可以单独使用，也可以合并使用",
        FJ,
        OFFICIAL,
        ("fj36_1_3",),
        ("admonition", "circulated_criticism"),
        [],
    ),
    Case(
        "MAS 18 第二款: 行政机关要承担第（二）（三）（四）（五）目 (辞退 refused)",
        MAS,
        AGENCY,
        ("mas18_conduct",),
        ("dismissal",),
        ["decision.measure_not_for_agency"],
        "MAS 18（九）",
    ),
    Case(
        "MAS 18 第二款: 行政机关要承担第（五）目 效能告诫",
        MAS,
        AGENCY,
        ("mas19_1",),
        ("efficiency_warning",),
        [],
    ),
    Case(
        "MAS 18 第三款: 可以单处，也可以并处",
        MAS,
        OFFICIAL,
        ("mas19_3",),
        ("efficiency_warning", "bonus_withheld", "transfer"),
        [],
    ),
    Case(
        "MAS 19: 有下列情形之一的，应给予效能告诫 (通报批评 alone refused)",
        MAS,
        OFFICIAL,
        ("mas19_2",),
        ("circulated_criticism",),
        ["decision.required_measure_missing"],
        "MAS 19（二）",
        message_has="效能告诫",
    ),
    Case(
        "MAS 19: 应给予效能告诫 (also for an agency)",
        MAS,
        AGENCY,
        ("mas19_6",),
        ("written_self_criticism",),
        ["decision.required_measure_missing"],
        "MAS 19（六）",
    ),
    Case(
        "MAS 18 第一款: 实施悖于公务行为规范的行为，视其情节轻重追究",
        MAS,
        OFFICIAL,
        ("mas18_conduct",),
        ("criticism_education",),
        [],
    ),
    Case(
        "MAS 21 第二款: 单位领导违规决策、指令和干预 … 扣发全年目标管理考核奖金",
        MAS,
        HEAD,
        ("mas21_improper_order",),
        ("efficiency_warning",),
        ["decision.required_measure_missing"],
        "MAS 21 第二款",
        message_has="扣发全年",
    ),
    Case(
        "MAS 21 第二款: 单位领导 … (only leaders)",
        MAS,
        OFFICIAL,
        ("mas21_improper_order",),
        ("bonus_withheld",),
        ["decision.ground_heads_only"],
        "MAS 21 第二款",
    ),
    Case(
        "MAS 21 第二款: 单位领导 … (not the unit itself)",
        MAS,
        AGENCY,
        ("mas21_improper_order",),
        ("circulated_criticism",),
        ["decision.ground_not_for_agency"],
        "MAS 21 第二款",
    ),
    Case(
        "FJ 36 第二款: 应当对机关及其相关负责人给予效能问责 (not staff)",
        FJ,
        OFFICIAL,
        ("fj36_2_3",),
        ("admonition",),
        ["decision.ground_heads_only"],
        "FJ 36 第二款第（三）项",
    ),
    Case(
        "FJ 36 第二款: 应当对机关及其相关负责人给予效能问责 (head)",
        FJ,
        HEAD,
        ("fj36_2_1",),
        ("efficiency_warning",),
        [],
    ),
    Case(
        "FJ 36 第二款: 应当对机关及其相关负责人给予效能问责 (agency)",
        FJ,
        AGENCY,
        ("fj36_2_2",),
        ("circulated_criticism",),
        [],
    ),
    Case(
        "FJ 36: 有下列情形之一 (a ground is needed)",
        FJ,
        OFFICIAL,
        (),
        ("admonition",),
        ["decision.no_ground"],
        "FJ 35–40",
    ),
    Case(
        "FJ 37: 效能问责的方式分为 … (a measure is needed)",
        FJ,
        OFFICIAL,
        ("fj36_1_1",),
        (),
        ["decision.no_measure"],
        "FJ 35–40",
    ),
    Case(
        "FJ 37: the same measure twice",
        FJ,
        OFFICIAL,
        ("fj36_1_1",),
        ("admonition", "admonition"),
        ["decision.duplicate_measure"],
    ),
    Case(
        "FJ 37: a measure the profile does not know (MAS 辞退 in FJ)",
        FJ,
        OFFICIAL,
        ("fj36_1_1",),
        ("dismissal",),
        ["decision.unknown_measure"],
    ),
    Case(
        "FJ 36: a ground the profile does not know (MAS 19 in FJ)",
        FJ,
        OFFICIAL,
        ("mas19_1",),
        ("admonition",),
        ["decision.unknown_ground"],
    ),
    # FJ 39 容错纠错
    Case(
        "FJ 39: 法律法规尚无明确规定，为推动改革先行先试出现失误，且未谋取私利 (one missing)",
        FJ,
        OFFICIAL,
        ("fj36_1_2",),
        (),
        ["decision.mitigation_condition_unmet"],
        "FJ 39",
        mitigation="fault_tolerance",
        outcome=EXEMPT,
        met=frozenset({"no_clear_rule", "reform_trial"}),
        message_has="未谋取私利",
    ),
    Case(
        "FJ 39: 应当给予从轻、减轻或者免予效能问责 (免予, all conditions)",
        FJ,
        OFFICIAL,
        ("fj36_1_2",),
        (),
        [],
        mitigation="fault_tolerance",
        outcome=EXEMPT,
        met=FJ39_ALL,
    ),
    Case(
        "FJ 39: 免予效能问责 (no measure with it)",
        FJ,
        OFFICIAL,
        ("fj36_1_2",),
        ("admonition",),
        ["decision.exempt_with_measures"],
        "FJ 39",
        mitigation="fault_tolerance",
        outcome=EXEMPT,
        met=FJ39_ALL,
    ),
    Case(
        "FJ 39: 减轻 (a measure as heavy as the baseline refused)",
        FJ,
        OFFICIAL,
        ("fj36_1_2",),
        ("efficiency_warning",),
        ["decision.reduced_not_lighter"],
        "FJ 39",
        mitigation="fault_tolerance",
        outcome=REDUCED,
        met=FJ39_ALL,
        baseline=("efficiency_warning",),
    ),
    Case(
        "FJ 39: 减轻 (a heavier measure refused)",
        FJ,
        OFFICIAL,
        ("fj36_1_2",),
        ("efficiency_warning",),
        ["decision.reduced_not_lighter"],
        "FJ 39",
        mitigation="fault_tolerance",
        outcome=REDUCED,
        met=FJ39_ALL,
        baseline=("circulated_criticism",),
    ),
    Case(
        "FJ 39: 减轻 (below the baseline allowed)",
        FJ,
        OFFICIAL,
        ("fj36_1_2",),
        ("circulated_criticism",),
        [],
        mitigation="fault_tolerance",
        outcome=REDUCED,
        met=FJ39_ALL,
        baseline=("efficiency_warning",),
    ),
    Case(
        "FJ 39: 减轻 (the measures that would apply must be stated)",
        FJ,
        OFFICIAL,
        ("fj36_1_2",),
        ("admonition",),
        ["decision.mitigation_baseline_missing"],
        "FJ 39",
        mitigation="fault_tolerance",
        outcome=REDUCED,
        met=FJ39_ALL,
    ),
    Case(
        "FJ 39: 从轻 (the same measure allowed)",
        FJ,
        OFFICIAL,
        ("fj36_1_2",),
        ("circulated_criticism",),
        [],
        mitigation="fault_tolerance",
        outcome=LIGHTER,
        met=FJ39_ALL,
        baseline=("circulated_criticism",),
    ),
    Case(
        "FJ 39: 从轻 (a heavier measure refused)",
        FJ,
        OFFICIAL,
        ("fj36_1_2",),
        ("efficiency_warning",),
        ["decision.lighter_is_heavier"],
        "FJ 39",
        mitigation="fault_tolerance",
        outcome=LIGHTER,
        met=FJ39_ALL,
        baseline=("circulated_criticism",),
    ),
    Case(
        "FJ 39: 从轻 (an added measure refused)",
        FJ,
        OFFICIAL,
        ("fj36_1_2",),
        ("admonition", "circulated_criticism"),
        ["decision.lighter_is_heavier"],
        "FJ 39",
        mitigation="fault_tolerance",
        outcome=LIGHTER,
        met=FJ39_ALL,
        baseline=("circulated_criticism",),
    ),
    Case(
        "FJ 37 + FJ 39: the baseline must fit the subject too (no 效能告诫 for an agency)",
        FJ,
        AGENCY,
        ("fj36_1_2",),
        ("circulated_criticism",),
        ["decision.baseline_measure_not_for_agency"],
        "FJ 37",
        mitigation="fault_tolerance",
        outcome=REDUCED,
        met=FJ39_ALL,
        baseline=("efficiency_warning",),
    ),
    Case(
        "FJ 39: an outcome needs the mitigation it rests on",
        FJ,
        OFFICIAL,
        ("fj36_1_2",),
        (),
        ["decision.mitigation_missing"],
        outcome=EXEMPT,
    ),
    Case(
        "FJ 39: an unknown mitigation",
        FJ,
        OFFICIAL,
        ("fj36_1_2",),
        (),
        ["decision.unknown_mitigation"],
        mitigation="objected_to_order",
        outcome=EXEMPT,
        met=MAS21_ALL,
    ),
    # MAS 21 第二款
    Case(
        "MAS 21 第二款: 有证据证明下属 … 履行了第七条第（二）项规定的义务的，不承担效能责任",
        MAS,
        OFFICIAL,
        ("mas19_2",),
        (),
        [],
        mitigation="objected_to_order",
        outcome=EXEMPT,
        met=MAS21_ALL,
    ),
    Case(
        "MAS 21 第二款: … 不承担效能责任 (no proof of the objection)",
        MAS,
        OFFICIAL,
        ("mas19_2",),
        (),
        ["decision.mitigation_condition_unmet"],
        "MAS 21 第二款、MAS 7（二）",
        mitigation="objected_to_order",
        outcome=EXEMPT,
        met=frozenset({"improper_order"}),
        message_has="修正意见",
    ),
    Case(
        "MAS 21 第二款: 不承担效能责任 (only exemption, never 减轻)",
        MAS,
        OFFICIAL,
        ("mas18_conduct",),
        ("criticism_education",),
        ["decision.mitigation_outcome_not_allowed"],
        "MAS 21 第二款、MAS 7（二）",
        mitigation="objected_to_order",
        outcome=REDUCED,
        met=MAS21_ALL,
        baseline=("circulated_criticism",),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.quote for c in CASES])
def test_check_decision(case: Case) -> None:
    decision = ProposedDecision(
        subject=case.subject,
        ground_ids=case.grounds,
        measure_ids=case.measures,
        decided_on=D(2026, 3, 10),
        mitigation_id=case.mitigation,
        mitigation_outcome=case.outcome,
        conditions_met=case.met,
        baseline_measure_ids=case.baseline,
    )
    refusals = check_decision(decision, profile(case.pid))
    assert [r.code for r in refusals] == case.codes
    if case.codes:
        if case.article:
            assert refusals[0].article == case.article
        assert all(r.message for r in refusals)
    if case.message_has:
        assert case.message_has in refusals[0].message


def test_missing_condition_is_named_one_by_one() -> None:
    # FJ 39: three conditions; each one missing is said by its own text.
    decision = ProposedDecision(
        OFFICIAL, ("fj36_1_2",), (), D(2026, 3, 10), "fault_tolerance", EXEMPT, frozenset()
    )
    refusals = check_decision(decision, profile(FJ))
    assert [r.message.split("：")[-1] for r in refusals] == [
        "法律法规尚无明确规定",
        "为推动改革先行先试出现失误",
        "未谋取私利",
    ]


def test_reduced_keeps_the_ground_requirement_in_the_baseline() -> None:
    # A third profile, written as data: MAS's 效能告诫 rule with FJ-style 减轻.
    # Under 减轻 the required measure belongs to what would apply (the baseline).
    text = (resources_dir() / "profiles" / f"{MAS}.toml").read_text(encoding="utf-8")
    text = text.replace('outcomes = ["exempt"]', 'outcomes = ["exempt", "reduced"]')
    p = parse_profile(text, "reduced.toml")
    base = ProposedDecision(
        OFFICIAL,
        ("mas19_2",),
        ("circulated_criticism",),
        D(2026, 3, 10),
        "objected_to_order",
        REDUCED,
        MAS21_ALL,
        ("efficiency_warning",),
    )
    assert check_decision(base, p) == []
    wrong = ProposedDecision(
        OFFICIAL,
        ("mas19_2",),
        ("criticism_education",),
        D(2026, 3, 10),
        "objected_to_order",
        REDUCED,
        MAS21_ALL,
        ("circulated_criticism",),
    )
    assert [r.code for r in check_decision(wrong, p)] == ["decision.required_measure_missing"]


def test_third_profile_refuses_combination_from_data() -> None:
    p = third_profile()
    two = ProposedDecision(
        OFFICIAL, ("fj36_1_1",), ("admonition", "circulated_criticism"), D(2026, 3, 10)
    )
    assert [r.code for r in check_decision(two, p)] == ["decision.measures_not_combinable"]
    one = ProposedDecision(OFFICIAL, ("fj36_1_1",), ("admonition",), D(2026, 3, 10))
    assert check_decision(one, p) == []


def test_is_dominated() -> None:
    p = profile(MAS)
    assert is_dominated([], ["efficiency_warning"], p)
    assert is_dominated(["circulated_criticism"], ["efficiency_warning"], p)
    assert is_dominated(
        ["efficiency_warning", "written_self_criticism"],
        ["efficiency_warning", "circulated_criticism"],
        p,
    )
    assert not is_dominated(["efficiency_warning"], ["circulated_criticism"], p)
    assert not is_dominated(
        ["criticism_education", "criticism_education"], ["efficiency_warning"], p
    )


# --------------------------------------------------------------------------
# decision_notices


def _notices(
    pid: str, subject: Subject, measures: tuple[str, ...], outcome: MitigationOutcome | None = None
) -> list[tuple[str, str]]:
    mitigation = None if outcome is None else "objected_to_order"
    decision = ProposedDecision(
        subject, ("mas19_1",), measures, D(2026, 3, 10), mitigation, outcome, MAS21_ALL
    )
    return [(n.code, n.article) for n in decision_notices(decision, profile(pid))]


def test_fj38_decision_is_published() -> None:
    # FJ 38: 作出效能问责决定，并予以公开
    decision = ProposedDecision(OFFICIAL, ("fj36_1_1",), ("admonition",), D(2026, 3, 10))
    notices = decision_notices(decision, profile(FJ))
    assert [(n.code, n.article) for n in notices] == [("notice.publish", "FJ 38")]
    assert "公开" in notices[0].text  # the article comes from the profile


def test_fj40_office_staff_dealt_with_more_heavily() -> None:
    # FJ 40 第三款: 机关效能建设工作机构工作人员违反本条例规定的，从重处理
    decision = ProposedDecision(OFFICE_STAFF, ("fj36_1_1",), ("admonition",), D(2026, 3, 10))
    notices = decision_notices(decision, profile(FJ))
    assert ("notice.aggravation", "FJ 40 第三款") in [(n.code, n.article) for n in notices]
    assert "从重处理" in str(notices[-1])


def test_mas22_warning_is_notified_with_a_supervision_suggestion_and_mas18_orders() -> None:
    # MAS 22: 函告组织人事部门、目标办、财政部门和所在单位 … 作出监察建议，一并送交
    # MAS 18 第三款: 除第（九）项外 … 要责令责任人改正，并向投诉人赔礼道歉
    decision = ProposedDecision(OFFICIAL, ("mas19_1",), ("efficiency_warning",), D(2026, 3, 10))
    notices = decision_notices(decision, profile(MAS))
    assert [n.code for n in notices] == [
        "notice.notify",
        "notice.supervision_suggestion",
        "notice.order",
    ]
    assert "组织人事部门、目标办、财政部门、所在单位" in notices[0].text
    assert notices[2].article == "MAS 18 第三款"
    assert "赔礼道歉" in notices[2].text


@pytest.mark.parametrize(
    ("pid", "subject", "measures", "outcome", "expected"),
    [
        pytest.param(
            MAS,
            OFFICIAL,
            ("efficiency_warning", "dismissal"),
            None,
            [("notice.notify", "MAS 18（五）"), ("notice.supervision_suggestion", "MAS 18（五）")],
            id="MAS 18 第三款: 除第（九）项外 (辞退: no order)",
        ),
        pytest.param(
            MAS,
            OFFICIAL,
            ("circulated_criticism",),
            None,
            [("notice.order", "MAS 18 第三款")],
            id="MAS 18 第三款: 追究责任的同时，要责令责任人改正",
        ),
        pytest.param(
            MAS, OFFICIAL, (), EXEMPT, [], id="MAS 21 第二款: 不承担效能责任 (nothing goes with it)"
        ),
        pytest.param(
            MAS,
            OFFICE_STAFF,
            ("circulated_criticism",),
            None,
            [("notice.order", "MAS 18 第三款")],
            id="MAS: no 从重 rule for office staff",
        ),
    ],
)
def test_notices_table(
    pid: str,
    subject: Subject,
    measures: tuple[str, ...],
    outcome: MitigationOutcome | None,
    expected: list[tuple[str, str]],
) -> None:
    assert _notices(pid, subject, measures, outcome) == expected


# --------------------------------------------------------------------------
# consequences (FJ 40, MAS 20)


def rec(
    measure: str,
    on: D,
    subject: str = "p1",
    agency: str = "a1",
    kind: SubjectKind = SubjectKind.OFFICIAL,
    higher: bool = False,
) -> MeasureRecord:
    return MeasureRecord(subject, kind, agency, measure, on, higher)


@pytest.mark.parametrize(
    ("measure", "decided", "until"),
    [
        pytest.param(
            "admonition",
            D(2026, 3, 10),
            D(2026, 4, 10),
            id="FJ 40: 诫勉教育 … 一个月内不得参与先进评选",
        ),
        pytest.param(
            "circulated_criticism", D(2026, 3, 10), D(2026, 6, 10), id="FJ 40: 通报批评 … 三个月内"
        ),
        pytest.param(
            "efficiency_warning", D(2026, 3, 10), D(2026, 8, 10), id="FJ 40: 效能告诫 … 五个月内"
        ),
        pytest.param(
            "admonition",
            D(2026, 1, 31),
            D(2026, 2, 28),
            id="民法典 202: 没有对应日的，月末日为期间的最后一日",
        ),
    ],
)
def test_fj40_no_advanced_evaluation_until(measure: str, decided: D, until: D) -> None:
    c = consequences("p1", [rec(measure, decided)], decided, profile(FJ))
    (me,) = c.measure_effects
    assert (me.kind, me.until, me.active, me.article) == (
        "no_advanced_evaluation",
        until,
        True,
        "FJ 37",
    )
    effect = c.effect("no_advanced_evaluation")
    assert effect is not None and effect.until == until


def test_fj40_admonition_active_on_0409_not_on_0411() -> None:
    # FJ 40: 被诫勉教育的，一个月内不得参与和本职工作有关的先进评选
    history = [rec("admonition", D(2026, 3, 10))]
    assert consequences("p1", history, D(2026, 4, 9), profile(FJ)).has("no_advanced_evaluation")
    later = consequences("p1", history, D(2026, 4, 11), profile(FJ))
    assert not later.has("no_advanced_evaluation")
    assert later.measure_effects[0].active is False  # still listed, with its end date


def test_fj40_one_effect_kind_with_the_latest_end() -> None:
    history = [rec("efficiency_warning", D(2026, 1, 5)), rec("admonition", D(2026, 3, 10))]
    c = consequences("p1", history, D(2026, 3, 20), profile(FJ))
    assert [e.kind for e in c.effects] == ["no_advanced_evaluation"]
    e = c.effects[0]
    assert e.until == D(2026, 6, 5)
    assert e.text == "五个月内不得参与和本职工作有关的先进评选"
    assert e.sources == ("efficiency_warning", "admonition")
    assert e.articles == ("FJ 37",)


@pytest.mark.parametrize(
    ("dates", "on", "not_excellent"),
    [
        pytest.param(
            [D(2026, 2, 1), D(2026, 9, 1)],
            D(2026, 10, 1),
            True,
            id="FJ 40: 当年内被效能告诫二次以上的，年度考核不能评定为优秀等次",
        ),
        pytest.param(
            [D(2025, 12, 1), D(2026, 1, 10)],
            D(2026, 3, 1),
            False,
            id="FJ 40: 当年内 (one in 2025, one in 2026)",
        ),
        pytest.param([D(2026, 2, 1)], D(2026, 10, 1), False, id="FJ 40: one only"),
        pytest.param(
            [D(2026, 2, 1), D(2026, 9, 1)],
            D(2026, 8, 1),
            False,
            id="FJ 40: the second not yet given",
        ),
    ],
)
def test_fj40_two_warnings_in_a_year(dates: list[D], on: D, not_excellent: bool) -> None:
    history = [rec("efficiency_warning", d) for d in dates]
    c = consequences("p1", history, on, profile(FJ))
    assert c.has("assessment_not_excellent") is not_excellent
    effect = c.effect("assessment_not_excellent")
    assert effect is None or effect.articles == ("FJ 40 第一款",)


LADDER_ONCE = {"no_awards_this_year", "may_be_transferred", "bonus_withheld"}
LADDER_TWICE = LADDER_ONCE | {"assessment_incompetent", "transferred"}


@pytest.mark.parametrize(
    ("dates", "measure", "kinds", "percent"),
    [
        pytest.param(
            [D(2026, 3, 1)],
            "efficiency_warning",
            LADDER_ONCE,
            50,
            id="MAS 20: 当年内被 … 效能告诫一次的，取消当年评先评优资格，"
            "可以调离工作岗位，并扣发年度目标管理考核奖金的50%",
        ),
        pytest.param(
            [D(2026, 3, 1)],
            "written_self_criticism",
            LADDER_ONCE,
            50,
            id="MAS 20: 当年内被责令作出书面检查 … 一次的",
        ),
        pytest.param(
            [D(2026, 3, 1)],
            "circulated_criticism",
            LADDER_ONCE,
            50,
            id="MAS 20: 当年内被 … 通报批评 … 一次的",
        ),
        pytest.param(
            [D(2026, 3, 1)],
            "criticism_education",
            set(),
            None,
            id="MAS 20: 批评教育 is not on the ladder",
        ),
        pytest.param(
            [D(2026, 3, 1), D(2026, 6, 1)],
            "efficiency_warning",
            LADDER_TWICE,
            100,
            id="MAS 20: 当年内被效能告诫两次的，当年年度考核应定为不称职（不合格）等次，"
            "调离工作岗位，并扣发全年目标管理考核奖金",
        ),
        pytest.param(
            [D(2026, 3, 1), D(2026, 6, 1), D(2026, 9, 1)],
            "efficiency_warning",
            LADDER_TWICE | {"dismissal"},
            100,
            id="MAS 20: 当年内被效能告诫3次 … 予以辞退处理",
        ),
        pytest.param(
            [D(2025, 3, 1), D(2025, 6, 1), D(2026, 2, 1), D(2026, 9, 1)],
            "efficiency_warning",
            LADDER_TWICE | {"dismissal"},
            100,
            id="MAS 20: 连续两年被效能告诫4次 … 予以辞退处理 (2 + 2)",
        ),
        pytest.param(
            [D(2025, 3, 1), D(2026, 2, 1), D(2026, 9, 1)],
            "efficiency_warning",
            LADDER_TWICE,
            100,
            id="MAS 20: 连续两年 3 次 is not 4: only the 不称职 ladder",
        ),
        pytest.param(
            [D(2024, 3, 1), D(2024, 6, 1), D(2026, 2, 1), D(2026, 9, 1)],
            "efficiency_warning",
            LADDER_TWICE,
            100,
            id="MAS 20: 连续两年 (2024 and 2026 are not consecutive)",
        ),
        pytest.param(
            [D(2025, 3, 1), D(2025, 6, 1), D(2025, 9, 1)],
            "efficiency_warning",
            set(),
            None,
            id="MAS 20: 当年内 (last year's three do not carry over)",
        ),
    ],
)
def test_mas20_ladder(dates: list[D], measure: str, kinds: set[str], percent: int | None) -> None:
    history = [rec(measure, d) for d in dates]
    c = consequences("p1", history, D(2026, 10, 1), profile(MAS))
    assert c.kinds == kinds
    bonus = c.effect("bonus_withheld")
    assert (bonus.percent if bonus else None) == percent
    # Each kind once: never 50% and 100% both.
    assert len([e for e in c.effects if e.kind == "bonus_withheld"]) <= 1
    if percent == 100:
        assert bonus is not None and bonus.text == "扣发全年目标管理考核奖金"
        assert bonus.articles == ("MAS 20",)


def test_consequences_ignore_other_subjects_later_records_and_agencies() -> None:
    history = [
        rec("efficiency_warning", D(2026, 3, 1), subject="p2"),
        rec("efficiency_warning", D(2026, 11, 1)),
        rec("efficiency_warning", D(2026, 3, 1), subject="p1", kind=SubjectKind.AGENCY),
    ]
    c = consequences("p1", history, D(2026, 10, 1), profile(MAS))
    assert c.effects == () and c.thresholds == () and c.measure_effects == ()


def test_consequences_if_shows_the_effect_of_the_measures_being_chosen() -> None:
    history = [rec("efficiency_warning", D(2026, 3, 1))]
    decision = ProposedDecision(OFFICIAL, ("mas19_1",), ("efficiency_warning",), D(2026, 6, 1))
    c = consequences_if(decision, history, profile(MAS))
    assert c.has("assessment_incompetent")
    assert [t.threshold_id for t in c.thresholds] == ["mas20_once", "mas20_two_warnings"]
    assert proposed_records(decision) == [
        MeasureRecord("p1", SubjectKind.OFFICIAL, "a1", "efficiency_warning", D(2026, 6, 1))
    ]
    # FJ: the same gives five months without advanced evaluation, from the decision date.
    fj = ProposedDecision(OFFICIAL, ("fj36_1_1",), ("efficiency_warning",), D(2026, 6, 1))
    effect = consequences_if(fj, [], profile(FJ)).effect("no_advanced_evaluation")
    assert effect is not None and effect.until == D(2026, 11, 1)


# --------------------------------------------------------------------------
# agency_triggers (FJ 36 第二款, MAS 21)


def higher_warning(subject: str, on: D, higher: bool = True, agency: str = "a1") -> MeasureRecord:
    return rec("efficiency_warning", on, subject=subject, agency=agency, higher=higher)


@pytest.mark.parametrize(
    ("history", "rating", "expected"),
    [
        pytest.param(
            [
                higher_warning("p1", D(2025, 9, 1)),
                higher_warning("p2", D(2026, 1, 5)),
                higher_warning("p1", D(2026, 5, 30)),
            ],
            None,
            ["fj36_warnings"],
            id="FJ 36 第二款第（二）项: 一年内被上级机关效能建设工作机构给予效能告诫三人次以上",
        ),
        pytest.param(
            [
                higher_warning("p1", D(2025, 5, 1)),
                higher_warning("p2", D(2026, 1, 5)),
                higher_warning("p3", D(2026, 5, 30)),
            ],
            None,
            [],
            id="FJ 36: 一年内 (one 13 months ago)",
        ),
        pytest.param(
            [
                higher_warning("p1", D(2025, 6, 2)),
                higher_warning("p2", D(2026, 1, 5)),
                higher_warning("p3", D(2026, 6, 1)),
            ],
            None,
            ["fj36_warnings"],
            id="FJ 36: 一年内 (365 days up to the day, both ends)",
        ),
        pytest.param(
            [
                higher_warning("p1", D(2025, 6, 1)),
                higher_warning("p2", D(2026, 1, 5)),
                higher_warning("p3", D(2026, 6, 1)),
            ],
            None,
            [],
            id="FJ 36: 一年内 (the same date a year before is out)",
        ),
        pytest.param(
            [higher_warning(p, D(2026, 3, 1), higher=False) for p in ("p1", "p2", "p3")],
            None,
            [],
            id="FJ 36: 被上级机关效能建设工作机构 (own agency's warnings do not count)",
        ),
        pytest.param(
            [higher_warning(p, D(2026, 3, 1), agency="a2") for p in ("p1", "p2", "p3")],
            None,
            [],
            id="FJ 36: another agency's staff",
        ),
        pytest.param(
            [], "差", ["fj36_rating"], id="FJ 36 第二款第（二）项: 年度绩效考评被评为差等次"
        ),
        pytest.param([], "一般", [], id="FJ 36: 一般 is not 差"),
    ],
)
def test_fj36_agency_triggers(
    history: list[MeasureRecord], rating: str | None, expected: list[str]
) -> None:
    fired = agency_triggers("a1", history, 40, rating, D(2026, 6, 1), profile(FJ))
    assert [t.trigger_id for t in fired] == expected
    for t in fired:
        assert t.article == "FJ 36 第二款第（二）项"
        assert [e.kind for e in t.effects] == ["hold_heads_accountable"]
        assert t.reason


def test_fj36_reason_counts_person_times() -> None:
    history = [
        higher_warning("p1", D(2026, 1, 5)),
        higher_warning("p1", D(2026, 2, 5)),
        higher_warning("p2", D(2026, 3, 5)),
    ]
    (t,) = agency_triggers("a1", history, 40, None, D(2026, 6, 1), profile(FJ))
    assert t.count == 3
    assert "上级机关效能建设工作机构" in t.reason and "3人次" in t.reason


def unit(measure: str, on: D, agency: str = "a1") -> MeasureRecord:
    return MeasureRecord(agency, SubjectKind.AGENCY, agency, measure, on)


@pytest.mark.parametrize(
    ("history", "staff", "expected"),
    [
        pytest.param(
            [
                unit("circulated_criticism", D(2026, 2, 1)),
                unit("circulated_criticism", D(2026, 5, 1)),
            ],
            20,
            ["mas21_unit_measures"],
            id="MAS 21 第一款: 单位当年内被通报批评 … 两次 … 实行目标管理考核一票否决",
        ),
        pytest.param(
            [
                unit("circulated_criticism", D(2026, 2, 1)),
                unit("efficiency_warning", D(2026, 5, 1)),
            ],
            20,
            ["mas21_unit_measures"],
            id="MAS 21 第一款: 被通报批评或被效能告诫两次",
        ),
        pytest.param(
            [
                unit("circulated_criticism", D(2025, 12, 1)),
                unit("circulated_criticism", D(2026, 5, 1)),
            ],
            20,
            [],
            id="MAS 21 第一款: 当年内 (one last year)",
        ),
        pytest.param(
            [
                unit("written_self_criticism", D(2026, 2, 1)),
                unit("circulated_criticism", D(2026, 5, 1)),
            ],
            20,
            [],
            id="MAS 21 第一款: 书面检查 does not count",
        ),
        pytest.param(
            [
                unit("circulated_criticism", D(2026, 2, 1)),
                rec("circulated_criticism", D(2026, 5, 1)),
            ],
            20,
            [],
            id="MAS 21 第一款: 单位 (a staff member's 通报 is not the unit's)",
        ),
        pytest.param(
            [rec("efficiency_warning", D(2026, 3, 1))],
            20,
            ["mas21_staff_share"],
            id="MAS 21 第一款: 当年内有5%的工作人员被效能告诫 (1 of 20)",
        ),
        pytest.param(
            [rec("efficiency_warning", D(2026, 3, 1))],
            21,
            [],
            id="MAS 21 第一款: 5% (1 of 21 is less)",
        ),
        pytest.param(
            [rec("efficiency_warning", D(2026, 3, 1)), rec("efficiency_warning", D(2026, 4, 1))],
            21,
            [],
            id="MAS 21 第一款: 5%的工作人员 (people, not times)",
        ),
        pytest.param(
            [
                rec("efficiency_warning", D(2026, 3, 1)),
                rec("efficiency_warning", D(2026, 4, 1), subject="p2"),
            ],
            40,
            ["mas21_staff_share"],
            id="MAS 21 第一款: 2 of 40",
        ),
        pytest.param(
            [rec("efficiency_warning", D(2025, 3, 1))],
            20,
            [],
            id="MAS 21 第一款: 当年内 (last year's warning)",
        ),
        pytest.param(
            [rec("efficiency_warning", D(2026, 3, 1))],
            0,
            [],
            id="MAS 21 第一款: no staff count, no share",
        ),
    ],
)
def test_mas21_agency_triggers(
    history: list[MeasureRecord], staff: int, expected: list[str]
) -> None:
    fired = agency_triggers("a1", history, staff, None, D(2026, 10, 1), profile(MAS))
    assert [t.trigger_id for t in fired] == expected
    for t in fired:
        assert t.article == "MAS 21 第一款"
        assert {e.kind for e in t.effects} == {"one_vote_veto", "unit_and_leaders_no_awards"}


def test_mas21_share_reports_the_percentage() -> None:
    (t,) = agency_triggers(
        "a1", [rec("efficiency_warning", D(2026, 3, 1))], 20, None, D(2026, 10, 1), profile(MAS)
    )
    assert t.share_percent == 5.0 and t.count == 1 and t.subject_ids == ("p1",)
    assert "5.0%" in t.reason


def test_mas_has_no_rating_trigger_and_fj_no_unit_trigger() -> None:
    # The same engine, different data: MAS 21 knows no rating trigger; FJ 36 none on unit counts.
    assert agency_triggers("a1", [], 20, "差", D(2026, 10, 1), profile(MAS)) == []
    history = [
        unit("circulated_criticism", D(2026, 2, 1)),
        unit("circulated_criticism", D(2026, 5, 1)),
    ]
    assert agency_triggers("a1", history, 20, None, D(2026, 10, 1), profile(FJ)) == []
