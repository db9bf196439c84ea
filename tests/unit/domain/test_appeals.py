"""Appeals (申诉 FJ 41 / 复核 MAS 24): limits on the official calendar, where to
appeal, admissibility, measures in force, and never a heavier outcome."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from desktop.domain.accountability import measures_for
from desktop.domain.appeals import (
    Appeal,
    Body,
    DecisionInfo,
    appeal_bodies,
    appeal_decision_days_late,
    appeal_decision_deadline,
    appeal_filing_deadline,
    check_appeal_admissible,
    check_appeal_decided_in_time,
    check_appeal_outcome,
    measures_in_force_during_appeal,
)
from desktop.domain.common import SubjectKind
from desktop.domain.profile import DeciderKind, RuleProfile
from desktop.resources import load_profile

D = dt.date
FJ = "fujian-2024"
MAS = "maanshan-2005"
BOTH = [FJ, MAS]
AG, OF = DeciderKind.AGENCY, DeciderKind.OFFICE


def profile(pid: str) -> RuleProfile:
    return load_profile(pid)


# A small tree: province → city → county → township (FJ 5). Agencies point to the
# agency one level up and to the office at their level; offices to the office one
# level up. Townships have no office (FJ 6).
TREE = {
    b.id: b
    for b in [
        Body("prov_dept", AG, 1, None, "prov_office", "省市场监管局"),
        Body("prov_office", OF, 1, None, None, "省效能办"),
        Body("city_dept", AG, 2, "prov_dept", "city_office", "市市场监管局"),
        Body("city_office", OF, 2, "prov_office", None, "市效能办"),
        Body("county_dept", AG, 3, "city_dept", "county_office", "县市场监管局"),
        Body("county_office", OF, 3, "city_office", None, "县效能办"),
        Body("township", AG, 4, "county_dept", None, "某镇人民政府"),
    ]
}


# --------------------------------------------------------------------------
# Limits


@pytest.mark.parametrize("pid", BOTH)
@pytest.mark.parametrize(
    ("received", "due"),
    [
        pytest.param(D(2026, 3, 2), D(2026, 4, 1), id="三十日 (day 30 a Wednesday)"),
        pytest.param(
            D(2026, 9, 5),
            D(2026, 10, 8),
            id="民法典 203: day 30 (2026-10-05) in the National Day holiday → 10-08",
        ),
        pytest.param(
            D(2026, 5, 2), D(2026, 6, 1), id="民法典 203: day 30 (2026-06-01) a Monday, kept"
        ),
        pytest.param(
            D(2026, 4, 4),
            D(2026, 5, 6),
            id="民法典 203: day 30 (2026-05-04) in the Labour Day holiday → 05-06",
        ),
    ],
)
def test_filing_and_decision_deadlines(pid: str, received: D, due: D) -> None:
    # FJ 41: 自收到效能问责决定之日起三十日内提出书面申诉 … 自接到书面申诉之日起三十日内作出
    p = profile(pid)
    filing = appeal_filing_deadline(received, p)
    assert filing.due == due and filing.uncovered_years == frozenset()
    assert appeal_decision_deadline(received, p).due == due


@pytest.mark.parametrize("pid", BOTH)
@pytest.mark.parametrize(
    ("received", "decided", "late"),
    [
        pytest.param(D(2026, 3, 2), D(2026, 3, 20), 0, id="FJ 41: 三十日内作出 (early)"),
        pytest.param(D(2026, 3, 2), D(2026, 4, 1), 0, id="FJ 41: 三十日内作出 (day 30)"),
        pytest.param(D(2026, 3, 2), D(2026, 4, 3), 2, id="FJ 41: 三十日内作出 (2 days late)"),
        pytest.param(D(2026, 9, 5), D(2026, 10, 8), 0, id="FJ 41: day 30 in a holiday moves"),
        pytest.param(D(2026, 9, 5), D(2026, 10, 9), 1, id="FJ 41: one day after the moved end"),
    ],
)
def test_appeal_decided_in_time(pid: str, received: D, decided: D, late: int) -> None:
    p = profile(pid)
    refusals = check_appeal_decided_in_time(received, decided, p)
    assert appeal_decision_days_late(received, decided, p) == late
    if late:
        (r,) = refusals
        assert r.code == "appeal.decided_late"
        assert f"已超期{late}日" in r.message
        assert r.article == p.appeals.decision.article
    else:
        assert refusals == []


def test_appeal_decided_before_received_is_refused() -> None:
    refusals = check_appeal_decided_in_time(D(2026, 3, 2), D(2026, 3, 1), profile(FJ))
    assert [r.code for r in refusals] == ["appeal.decided_before_received"]


@pytest.mark.parametrize("pid", BOTH)
def test_measures_stay_in_force_during_appeal(pid: str) -> None:
    # FJ 41: 申诉期间不停止效能问责的执行; MAS 24 → 复核期间不停止处分的执行.
    assert measures_in_force_during_appeal(profile(pid)) is True


# --------------------------------------------------------------------------
# Where to appeal


@pytest.mark.parametrize(
    ("pid", "decider", "expected"),
    [
        pytest.param(
            FJ,
            "county_dept",
            ["city_dept", "county_office"],
            id="FJ 41: 对机关作出的效能问责决定不服的，可以向作出效能问责决定的机关的"
            "上一级机关或者同级机关效能建设工作机构提出申诉",
        ),
        pytest.param(
            FJ,
            "county_office",
            ["city_office"],
            id="FJ 41: 对机关效能建设工作机构作出的效能问责决定不服的，"
            "可以向上一级机关效能建设工作机构提出申诉",
        ),
        pytest.param(
            FJ,
            "township",
            ["county_dept"],
            id="FJ 6: no office at the township level, only the agency one level up",
        ),
        pytest.param(
            FJ,
            "prov_dept",
            ["prov_office"],
            id="FJ 41: a provincial agency has no agency above it in the tree",
        ),
        pytest.param(FJ, "prov_office", [], id="FJ 41: no office above the provincial one"),
        pytest.param(
            MAS,
            "county_dept",
            ["county_dept"],
            id="MAS 24: 按照行政处分的救济程序 (复核: the body that decided)",
        ),
        pytest.param(MAS, "city_office", ["city_office"], id="MAS 24: 复核 by the office"),
    ],
)
def test_appeal_bodies(pid: str, decider: str, expected: list[str]) -> None:
    found = appeal_bodies(TREE[decider], TREE, profile(pid))
    assert [b.id for b in found] == expected


def test_appeal_bodies_ignore_a_body_of_the_wrong_kind() -> None:
    # A broken tree (the "office" of an agency is another agency) gives no route there.
    broken = dict(TREE)
    broken["county_dept"] = Body("county_dept", AG, 3, "city_dept", "city_dept")
    found = appeal_bodies(broken["county_dept"], broken, profile(FJ))
    assert [b.id for b in found] == ["city_dept"]


# --------------------------------------------------------------------------
# Admissibility


DECISION = DecisionInfo(
    "d1", TREE["county_dept"], SubjectKind.OFFICIAL, ("efficiency_warning",), D(2026, 3, 2)
)


FILED = D(2026, 3, 20)


def appeal(
    filed: D = FILED,
    body: str = "city_dept",
    written: bool = True,
    grounds: frozenset[str] = frozenset({"facts"}),
    aid: str = "ap2",
    decided: D | None = None,
    decision_id: str = "d1",
) -> Appeal:
    return Appeal(aid, decision_id, filed, body, written, grounds, decided)


@pytest.mark.parametrize(
    ("pid", "new", "codes"),
    [
        pytest.param(FJ, appeal(), [], id="FJ 41: 书面申诉 within 30 days, to the agency above"),
        pytest.param(
            FJ, appeal(body="county_office"), [], id="FJ 41: … 或者同级机关效能建设工作机构"
        ),
        pytest.param(FJ, appeal(filed=D(2026, 4, 1)), [], id="FJ 41: 三十日内 (day 30)"),
        pytest.param(
            FJ,
            appeal(filed=D(2026, 4, 2)),
            ["appeal.filed_late"],
            id="FJ 41: 三十日内 (day 31 refused)",
        ),
        pytest.param(
            FJ,
            appeal(written=False),
            ["appeal.not_written"],
            id="FJ 41: 提出书面申诉 (oral refused)",
        ),
        pytest.param(
            FJ,
            appeal(body="city_office"),
            ["appeal.wrong_body"],
            id="FJ 41: not the office one level up for an agency's decision",
        ),
        pytest.param(
            FJ,
            appeal(body="county_dept"),
            ["appeal.wrong_body"],
            id="FJ 41: not the agency that decided",
        ),
        pytest.param(
            FJ,
            appeal(grounds=frozenset()),
            ["appeal.no_grounds"],
            id="FJ 41: 以同一理由 (an appeal states its reasons)",
        ),
        pytest.param(
            FJ,
            appeal(filed=D(2026, 3, 1)),
            ["appeal.filed_before_received"],
            id="FJ 41: 自收到效能问责决定之日起 (not before)",
        ),
        pytest.param(
            FJ,
            appeal(decision_id="d2"),
            ["appeal.wrong_decision"],
            id="FJ 41: the appeal must be against this decision",
        ),
        pytest.param(
            MAS, appeal(body="county_dept"), [], id="MAS 24: 复核 by the body that decided"
        ),
        pytest.param(
            MAS,
            appeal(body="city_dept"),
            ["appeal.wrong_body"],
            id="MAS 24: 复核 not with the body above",
        ),
        pytest.param(
            MAS,
            appeal(body="county_dept", filed=D(2026, 4, 2)),
            ["appeal.filed_late"],
            id="MAS 24: 三十日内 (day 31 refused)",
        ),
    ],
)
def test_check_appeal_admissible(pid: str, new: Appeal, codes: list[str]) -> None:
    refusals = check_appeal_admissible(new, DECISION, [], profile(pid), TREE)
    assert [r.code for r in refusals] == codes
    for r in refusals:
        assert r.message and r.article


def test_late_appeal_says_by_how_much() -> None:
    (r,) = check_appeal_admissible(appeal(filed=D(2026, 4, 4)), DECISION, [], profile(FJ), TREE)
    assert r.article == "FJ 41 第一款"
    assert "2026年4月1日" in r.message and "逾期3日" in r.message


@pytest.mark.parametrize(
    ("filed", "ok"),
    [
        pytest.param(D(2026, 10, 8), True, id="FJ 41: received 2026-09-05, filed 10-08 (moved)"),
        pytest.param(D(2026, 10, 9), False, id="FJ 41: received 2026-09-05, filed 10-09"),
    ],
)
def test_filing_limit_moved_off_the_national_day_holiday(filed: D, ok: bool) -> None:
    info = DecisionInfo(
        "d1", TREE["county_dept"], SubjectKind.OFFICIAL, ("efficiency_warning",), D(2026, 9, 5)
    )
    refusals = check_appeal_admissible(appeal(filed=filed), info, [], profile(FJ), TREE)
    assert (refusals == []) is ok


EARLIER = appeal(
    aid="ap1", filed=D(2026, 3, 5), grounds=frozenset({"facts", "measure"}), decided=D(2026, 3, 18)
)


@pytest.mark.parametrize(
    ("earlier", "grounds", "codes"),
    [
        pytest.param(
            [EARLIER],
            frozenset({"facts"}),
            ["appeal.same_grounds"],
            id="FJ 41 第三款: 又以同一理由继续申诉的，有关机关不予受理",
        ),
        pytest.param(
            [EARLIER],
            frozenset({"facts", "measure"}),
            ["appeal.same_grounds"],
            id="FJ 41 第三款: 同一理由 (all the same grounds)",
        ),
        pytest.param(
            [EARLIER],
            frozenset({"facts", "procedure"}),
            [],
            id="FJ 41 第三款: a new ground is accepted",
        ),
        pytest.param(
            [appeal(aid="ap1", grounds=frozenset({"facts"}))],
            frozenset({"facts"}),
            [],
            id="FJ 41 第三款: 对申诉处理决定不服 (the earlier one is not decided yet)",
        ),
        pytest.param(
            [appeal(aid="ap1", decision_id="d9", decided=D(2026, 3, 18))],
            frozenset({"facts"}),
            [],
            id="FJ 41 第三款: an appeal against another decision",
        ),
    ],
)
def test_second_appeal_on_the_same_grounds(
    earlier: list[Appeal], grounds: frozenset[str], codes: list[str]
) -> None:
    new = appeal(filed=D(2026, 3, 25), grounds=grounds)
    refusals = check_appeal_admissible(new, DECISION, earlier, profile(FJ), TREE)
    assert [r.code for r in refusals] == codes


def test_same_grounds_rule_is_a_parameter_until_the_profile_holds_it() -> None:
    new = appeal(filed=D(2026, 3, 25))
    p = profile(FJ)
    assert (
        check_appeal_admissible(new, DECISION, [EARLIER], p, TREE, refuse_same_grounds=False) == []
    )
    # The appeal itself in the list is never its own earlier appeal.
    decided_self = appeal(decided=D(2026, 4, 10))
    assert check_appeal_admissible(decided_self, DECISION, [decided_self], p, TREE) == []


def test_appeal_against_an_office_decision_goes_to_the_office_above() -> None:
    info = DecisionInfo(
        "d1", TREE["county_office"], SubjectKind.AGENCY, ("circulated_criticism",), D(2026, 3, 2)
    )
    p = profile(FJ)
    assert check_appeal_admissible(appeal(body="city_office"), info, [], p, TREE) == []
    (r,) = check_appeal_admissible(appeal(body="city_dept"), info, [], p, TREE)
    assert r.code == "appeal.wrong_body"
    assert "上一级机关效能建设工作机构" in r.message and "市效能办" in r.message


# --------------------------------------------------------------------------
# Outcome: never heavier


@pytest.mark.parametrize(
    ("pid", "kind", "original", "outcome", "codes"),
    [
        pytest.param(
            FJ,
            SubjectKind.OFFICIAL,
            ["circulated_criticism"],
            ["efficiency_warning"],
            ["appeal.outcome_heavier"],
            id="FJ 41: 不因提出申诉而被加重问责 (通报批评 → 效能告诫)",
        ),
        pytest.param(
            FJ,
            SubjectKind.OFFICIAL,
            ["circulated_criticism"],
            ["circulated_criticism", "admonition"],
            ["appeal.outcome_heavier"],
            id="FJ 41: 不因提出申诉而被加重问责 (a measure added)",
        ),
        pytest.param(
            FJ,
            SubjectKind.OFFICIAL,
            ["efficiency_warning"],
            ["circulated_criticism"],
            [],
            id="FJ 41: lighter accepted",
        ),
        pytest.param(
            FJ,
            SubjectKind.OFFICIAL,
            ["efficiency_warning"],
            ["efficiency_warning"],
            [],
            id="FJ 41: upheld accepted",
        ),
        pytest.param(
            FJ,
            SubjectKind.OFFICIAL,
            ["efficiency_warning", "circulated_criticism"],
            [],
            [],
            id="FJ 41: revoked accepted",
        ),
        pytest.param(
            FJ,
            SubjectKind.AGENCY,
            ["circulated_criticism"],
            ["admonition"],
            ["appeal.measure_not_for_agency"],
            id="FJ 37: 对机关的效能问责仅适用通报批评 (even when lighter)",
        ),
        pytest.param(
            MAS,
            SubjectKind.OFFICIAL,
            ["efficiency_warning", "circulated_criticism"],
            ["efficiency_warning", "written_self_criticism"],
            [],
            id="MAS 24: one of two measures lightened",
        ),
        pytest.param(
            MAS,
            SubjectKind.OFFICIAL,
            ["efficiency_warning"],
            ["dismissal"],
            ["appeal.outcome_heavier"],
            id="MAS 24: 效能告诫 → 辞退 refused",
        ),
        pytest.param(
            MAS,
            SubjectKind.AGENCY,
            ["efficiency_warning"],
            ["criticism_education"],
            ["appeal.measure_not_for_agency"],
            id="MAS 18 第二款: 批评教育 is not for a unit",
        ),
        pytest.param(
            MAS,
            SubjectKind.OFFICIAL,
            ["efficiency_warning"],
            ["admonition"],
            ["appeal.unknown_measure"],
            id="MAS: an FJ measure is unknown",
        ),
    ],
)
def test_check_appeal_outcome(
    pid: str, kind: SubjectKind, original: list[str], outcome: list[str], codes: list[str]
) -> None:
    refusals = check_appeal_outcome(original, outcome, profile(pid), kind)
    assert [r.code for r in refusals] == codes
    if "appeal.outcome_heavier" in codes:
        assert refusals[-1].article == profile(pid).appeals.article


@st.composite
def original_and_outcome(draw: st.DrawFn) -> tuple[str, list[str], list[str]]:
    pid = draw(st.sampled_from(BOTH))
    ids = [m.id for m in measures_for(SubjectKind.OFFICIAL, profile(pid))]
    original = draw(st.lists(st.sampled_from(ids), max_size=5))
    outcome = draw(st.lists(st.sampled_from(ids), max_size=5))
    return pid, original, outcome


@given(original_and_outcome())
def test_outcome_never_heavier_than_the_original(
    case: tuple[str, list[str], list[str]],
) -> None:
    pid, original, outcome = case
    p = profile(pid)
    sev = {m.id: m.severity for m in p.accountability.measures}
    refusals = check_appeal_outcome(original, outcome, p, SubjectKind.OFFICIAL)
    if max((sev[m] for m in outcome), default=0) > max((sev[m] for m in original), default=0):
        assert "appeal.outcome_heavier" in [r.code for r in refusals]


@st.composite
def original_and_part(draw: st.DrawFn) -> tuple[str, list[str], list[str]]:
    pid = draw(st.sampled_from(BOTH))
    ids = [m.id for m in measures_for(SubjectKind.OFFICIAL, profile(pid))]
    original = draw(st.lists(st.sampled_from(ids), max_size=6))
    keep = draw(st.lists(st.booleans(), min_size=len(original), max_size=len(original)))
    part = [m for m, k in zip(original, keep, strict=True) if k]
    return pid, original, draw(st.permutations(part))


@given(original_and_part())
def test_any_part_of_the_original_is_accepted(case: tuple[str, list[str], list[str]]) -> None:
    pid, original, part = case
    assert check_appeal_outcome(original, part, profile(pid), SubjectKind.OFFICIAL) == []
