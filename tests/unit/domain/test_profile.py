"""Rule profiles: the two shipped ones hold what the regulations say, and a
broken profile names the file, the key and the problem."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop.domain.common import Role, SubjectKind
from desktop.domain.profile import (
    AppealRoute,
    DeciderKind,
    ProfileError,
    SecondApprovalReason,
    TimeUnit,
    parse_profile,
)
from desktop.resources import load_profile, load_profile_file, profile_ids, resources_dir

FJ_PATH = resources_dir() / "profiles" / "fujian-2024.toml"


def test_both_profiles_ship_and_load() -> None:
    assert profile_ids() == ["fujian-2024", "maanshan-2005"]
    for pid in profile_ids():
        assert load_profile(pid).id == pid


def test_fujian_measures_fj37() -> None:
    acc = load_profile("fujian-2024").accountability
    assert [m.name for m in acc.measures] == ["诫勉教育", "通报批评", "效能告诫"]
    # FJ 37: 对机关的效能问责仅适用通报批评
    assert [m.name for m in acc.measures if SubjectKind.AGENCY in m.applies_to] == ["通报批评"]
    assert acc.combinable and acc.publish_required  # FJ 37, FJ 38


def test_fujian_bans_fj40() -> None:
    acc = load_profile("fujian-2024").accountability
    months = {m.name: [e.months for e in m.effects] for m in acc.measures}
    assert months == {"诫勉教育": [1], "通报批评": [3], "效能告诫": [5]}


def test_maanshan_measures_mas18() -> None:
    acc = load_profile("maanshan-2005").accountability
    assert len(acc.measures) == 9
    # MAS 18: 行政机关要承担第一款第（二）、（三）、（四）、（五）目的效能责任
    agency = [m.name for m in acc.measures if SubjectKind.AGENCY in m.applies_to]
    assert agency == ["责令作出书面检查", "通报批评", "取消当年评优评先资格", "效能告诫"]
    assert [m.severity for m in acc.measures] == list(range(1, 10))
    warning = acc.measure("efficiency_warning")
    assert warning.notify == ("组织人事部门", "目标办", "财政部门", "所在单位")  # MAS 22
    assert warning.requires_suggestion


def test_grounds_cite_articles() -> None:
    fj = load_profile("fujian-2024").accountability.grounds
    assert len(fj) == 8 and all(g.article.startswith("FJ 36") for g in fj)
    assert [g.heads_only for g in fj] == [False] * 5 + [True] * 3
    mas = load_profile("maanshan-2005").accountability.grounds
    mas19 = [g for g in mas if g.article.startswith("MAS 19")]
    assert len(mas19) == 9
    assert all(g.requires_measures == {"efficiency_warning"} for g in mas19)


def test_deadlines_mas8_mas15() -> None:
    mas = load_profile("maanshan-2005")
    task = mas.deadline("task")
    assert task is not None and task.extension is not None
    assert (task.limit.amount, task.limit.unit) == (20, TimeUnit.WORKING_DAYS)
    assert (task.extension.limit.amount, task.extension.max_count) == (10, 1)
    assert task.extension.approver is Role.OFFICE_HEAD
    complaint = mas.deadline("complaint")
    assert complaint is not None and complaint.extension is not None
    assert (complaint.limit.amount, complaint.limit.unit) == (10, TimeUnit.WORKING_DAYS)
    assert mas.deadline("complaint_urgent") is None  # MAS has no FJ 32 urgency


def test_deadlines_fj32_fj41() -> None:
    fj = load_profile("fujian-2024")
    urgent = fj.deadline("complaint_urgent")
    assert urgent is not None and urgent.limit.article == "FJ 32"
    assert {c.id for c in fj.complaints.urgent_criteria} == {
        "business_environment",
        "major_livelihood",
    }
    for limit in (fj.appeals.filing, fj.appeals.decision):
        assert (limit.amount, limit.unit) == (30, TimeUnit.DAYS)
    assert not fj.appeals.suspends_measures
    assert fj.appeals.routes[DeciderKind.AGENCY] == (
        AppealRoute.AGENCY_ONE_LEVEL_UP,
        AppealRoute.OFFICE_SAME_LEVEL,
    )
    assert fj.appeals.routes[DeciderKind.OFFICE] == (AppealRoute.OFFICE_ONE_LEVEL_UP,)


def test_plans_and_documents() -> None:
    fj, mas = load_profile("fujian-2024"), load_profile("maanshan-2005")
    assert fj.plans.min_inspectors == mas.plans.min_inspectors == 2
    assert fj.plans.second_approval_when == {
        SecondApprovalReason.MAJOR,
        SecondApprovalReason.REQUESTED_BY_AGENCY,
    }
    assert mas.plans.kind("special").government_approval_items == {1, 2}
    assert fj.plans.kind("unannounced").unannounced
    assert fj.documents.number_prefixes["accountability_decision"] == "闽效问"
    channels = {c.id for c in fj.complaints.channels}
    assert {"hotline_12345", "letter", "department_referral", "superior_assignment"} <= channels


def test_a_third_jurisdiction_is_only_data(tmp_path: Path) -> None:
    text = FJ_PATH.read_text(encoding="utf-8").replace('id = "fujian-2024"', 'id = "demo-2030"')
    path = tmp_path / "demo-2030.toml"
    path.write_text(text, encoding="utf-8")
    assert load_profile_file(path).id == "demo-2030"


def broken(old: str, new: str, count: int = 1) -> str:
    text = FJ_PATH.read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, count)


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        (
            broken('unit = "working_days"', 'unit = "weeks"'),
            "deadlines.complaint.unit",
            "未知取值 'weeks'",
        ),
        (broken("amount = 15\n", "amount = 0\n"), "deadlines.complaint.amount", "应不小于 1"),
        (broken("amount = 15\n", 'amount = "15"\n'), "deadlines.complaint.amount", "应为整数"),
        (
            broken('approver = "office_head"', 'approver = "mayor"'),
            "deadlines.complaint.extension.approver",
            "未知取值 'mayor'",
        ),
        (
            broken("[deadlines.complaint", "[deadlines.grievance", 2),
            "deadlines.complaint",
            "缺少此项",
        ),
        (
            broken('applies_to = ["official"]', 'applies_to = ["people"]'),
            "accountability.measures[0].applies_to[0]",
            "未知取值 'people'",
        ),
        (
            broken('id = "circulated_criticism"', 'id = "admonition"'),
            "accountability.measures[1].id",
            "重复的标识",
        ),
        (
            broken('measures = ["efficiency_warning"]', 'measures = ["warning"]'),
            "accountability.thresholds[0].measures",
            "未定义的问责方式 'warning'",
        ),
        (
            broken('rating = "差"', 'rating = "很差"'),
            "accountability.agency_triggers[1].rating",
            "未定义的考评等次",
        ),
        (
            broken('agency = ["agency_one_level_up", "office_same_level"]\n', ""),
            "appeals.routes.agency",
            "缺少此项",
        ),
        (broken("min_inspectors = 2", "min_inspectors = 1"), "plans.min_inspectors", "应不小于 2"),
        (
            broken('issuer = "福建省机关效能建设领导小组办公室"', 'issuer = ""'),
            "documents.issuer",
            "不能为空",
        ),
        (broken("in_force = 2024-05-01", 'in_force = "2024"'), "profile.in_force", "应为日期"),
        (broken("[profile]", "[profile"), "", "TOML 语法错误"),
    ],
)
def test_broken_profile_names_file_key_and_problem(text: str, key: str, problem: str) -> None:
    with pytest.raises(ProfileError) as err:
        parse_profile(text, "profiles/broken.toml")
    assert err.value.source == "profiles/broken.toml"
    assert err.value.key == key
    assert problem in err.value.problem
    assert str(err.value).startswith("profiles/broken.toml")


def test_load_profile_file_reports_the_real_path(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(broken("severity = 3", "severity = -3"), encoding="utf-8")
    with pytest.raises(ProfileError, match=re.escape(str(path))):
        load_profile_file(path)
