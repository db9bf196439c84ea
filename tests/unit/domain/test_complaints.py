"""Complaint rules (FJ 30–34, MAS 13(1), 15–16) and MAS 8 task limits, for both profiles."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.domain.common import Role
from desktop.domain.complaints import (
    Closing,
    ComplaintFacts,
    FollowUp,
    check_closing,
    check_extension,
    check_identity_access,
    check_registration,
    check_routing,
    complaint_deadline,
    is_urgent,
    may_read_identity,
)
from desktop.domain.profile import Limit, RuleProfile, TimeUnit
from desktop.domain.tasks import TaskFacts, check_task_extension, task_deadline
from desktop.resources import load_profile

D = dt.date
FJ = load_profile("fujian-2024")
MAS = load_profile("maanshan-2005")


def complaint(**changes: object) -> ComplaintFacts:
    base: dict[str, object] = {
        "channel": "hotline_12345",
        "received_on": D(2026, 9, 21),
        "anonymous": False,
    }
    base.update(changes)
    return ComplaintFacts(**base)  # type: ignore[arg-type]


def codes(refusals: list) -> set[str]:  # type: ignore[type-arg]
    return {r.code for r in refusals}


# ------------------------------------------------------------ identity access


@pytest.mark.parametrize(
    ("roles", "allowed"),
    [
        ({Role.COMPLAINT_HANDLER}, True),
        ({Role.INSPECTOR, Role.COMPLAINT_HANDLER}, True),
        ({Role.INSPECTOR}, False),
        ({Role.SUPERVISOR}, False),
        ({Role.OFFICE_HEAD}, False),  # FJ 34: 相关信息…予以保密 — even the head
        ({Role.ADMINISTRATOR}, False),
        (set(), False),
    ],
)
def test_only_handlers_read_identities_fj34_mas15(roles: set[Role], allowed: bool) -> None:
    assert may_read_identity(roles) is allowed
    assert (check_identity_access(roles) == []) is allowed


# --------------------------------------------------------------- registration


@pytest.mark.parametrize("profile", [FJ, MAS], ids=["FJ", "MAS"])
@pytest.mark.parametrize(
    "channel",
    [
        "hotline_12345",
        "letter",
        "visit",
        "online",
        "media",
        "department_referral",
        "superior_assignment",
    ],
)
def test_every_channel_is_accepted_fj30_mas13(profile: RuleProfile, channel: str) -> None:
    # FJ 30: 通过12345政务服务便民热线、信函等渠道
    # MAS 13(1): 投诉、媒体披露、部门移送、上级机关交办
    assert check_registration(complaint(channel=channel), profile) == []


def test_unknown_channel_is_refused() -> None:
    assert codes(check_registration(complaint(channel="pigeon"), FJ)) == {
        "complaint.unknown_channel"
    }


def test_urgency_is_an_fj_rule_only() -> None:
    # FJ 32: 涉及营商环境、重大民生等重要、紧急的…马上就办、限时办结
    urgent = complaint(urgent_criteria=frozenset({"business_environment"}))
    assert check_registration(urgent, FJ) == []
    assert is_urgent(urgent, FJ)
    assert codes(check_registration(urgent, MAS)) == {"complaint.no_urgent_rule"}
    assert not is_urgent(urgent, MAS)
    odd = complaint(urgent_criteria=frozenset({"weather"}))
    assert codes(check_registration(odd, FJ)) == {"complaint.unknown_urgent_criterion"}


# ------------------------------------------------------------------ deadlines


@pytest.mark.parametrize(
    ("profile", "facts", "due", "why"),
    [
        (
            MAS,
            complaint(),
            D(2026, 10, 12),
            "MAS 15: 一般应在10个工作日内办结 — over 中秋 and 国庆, with the 10-10 make-up day",
        ),
        (MAS, complaint(extensions=1), D(2026, 10, 26), "MAS 15: 报经…批准可延长 (10 more)"),
        (MAS, complaint(extensions=5), D(2026, 10, 26), "only one extension counts"),
        (FJ, complaint(), D(2026, 10, 19), "FJ: office limit of 15 working days"),
        (
            FJ,
            complaint(urgent_criteria=frozenset({"major_livelihood"})),
            D(2026, 9, 29),
            "FJ 32: 限时办结, 5 working days",
        ),
    ],
)
def test_complaint_deadline(
    profile: RuleProfile, facts: ComplaintFacts, due: dt.date, why: str
) -> None:
    assert complaint_deadline(facts, profile).due == due, why


def test_deadline_in_2027_carries_the_warning() -> None:
    deadline = complaint_deadline(complaint(received_on=D(2026, 12, 28)), MAS)
    assert deadline.uncovered_years == {2027}
    assert "2027年" in deadline.warning


# -------------------------------------------------------------------- routing

TODAY = D(2026, 9, 22)
DUE = D(2026, 10, 12)


@pytest.mark.parametrize("profile", [FJ, MAS], ids=["FJ", "MAS"])
@pytest.mark.parametrize(
    ("mode", "limit", "requirements", "expected"),
    [
        ("self", None, "", set()),  # FJ 31: 自办
        ("transfer", D(2026, 10, 9), "核实并书面反馈", set()),
        ("supervise", D(2026, 10, 9), "督促限期办结", set()),
        # FJ 33: 对转交有关机关办理的投诉事项，应当提出办理的时限和要求
        ("transfer", None, "核实", {"complaint.transfer_limit_required"}),
        ("transfer", D(2026, 10, 9), " ", {"complaint.transfer_requirements_required"}),
        (
            "supervise",
            None,
            "",
            {"complaint.transfer_limit_required", "complaint.transfer_requirements_required"},
        ),
        ("transfer", D(2026, 9, 21), "核实", {"complaint.transfer_limit_past"}),
        ("transfer", D(2026, 10, 13), "核实", {"complaint.transfer_limit_after_due"}),
        ("forward", None, "", {"complaint.unknown_mode"}),
    ],
)
def test_routing_fj31_fj33(
    profile: RuleProfile, mode: str, limit: dt.date | None, requirements: str, expected: set[str]
) -> None:
    refusals = check_routing(mode, limit, requirements, TODAY, DUE, profile)
    assert codes(refusals) == expected


# ------------------------------------------------------------------ extension

HEAD = {Role.OFFICE_HEAD}


@pytest.mark.parametrize(
    ("facts", "roles", "reason", "today", "expected"),
    [
        (complaint(), HEAD, "涉及多个部门，情况复杂", D(2026, 10, 9), set()),
        # MAS 15: 报经本机关负责人批准 — a supervisor alone cannot
        (complaint(), {Role.SUPERVISOR}, "复杂", D(2026, 10, 9), {"complaint.extension_approver"}),
        (complaint(), HEAD, "", D(2026, 10, 9), {"complaint.extension_reason"}),
        (complaint(extensions=1), HEAD, "再延", D(2026, 10, 9), {"complaint.extension_used"}),
        (complaint(), HEAD, "复杂", D(2026, 10, 13), {"complaint.extension_too_late"}),
        (complaint(closed=True), HEAD, "复杂", D(2026, 10, 9), {"complaint.closed"}),
    ],
)
def test_one_extension_with_the_heads_approval_mas15(
    facts: ComplaintFacts, roles: set[Role], reason: str, today: dt.date, expected: set[str]
) -> None:
    assert codes(check_extension(facts, roles, reason, today, MAS)) == expected


# -------------------------------------------------------------------- closing


@pytest.mark.parametrize("profile", [FJ, MAS], ids=["FJ", "MAS"])
@pytest.mark.parametrize(
    ("facts", "closing", "expected"),
    [
        (
            complaint(),
            Closing("founded", "", "hotline_12345", frozenset({FollowUp.RECTIFICATION})),
            set(),
        ),
        # FJ 33: 经调查属实的，应当认真解决、整改到位，需要问责的按照规定予以问责
        (
            complaint(),
            Closing("founded", "", "hotline_12345", frozenset()),
            {"complaint.follow_up_required"},
        ),
        # FJ 33: 不属实的，应当作出解释说明; MAS 16: 通过原渠道予以反馈，并告知理由
        (
            complaint(),
            Closing("unfounded", "经核查，窗口按规定一次性告知", "hotline_12345", frozenset()),
            set(),
        ),
        (
            complaint(),
            Closing("unfounded", "", "hotline_12345", frozenset()),
            {"complaint.explanation_required"},
        ),
        (
            complaint(),
            Closing("partly_founded", "", "hotline_12345", frozenset({FollowUp.RESOLVED})),
            {"complaint.explanation_required"},
        ),
        (
            complaint(),
            Closing("unfounded", "理由", "letter", frozenset()),
            {"complaint.reply_channel"},
        ),
        (complaint(anonymous=True), Closing("unfounded", "理由", None, frozenset()), set()),
        (complaint(), Closing("maybe", "", None, frozenset()), {"complaint.unknown_result"}),
        (
            complaint(closed=True),
            Closing("founded", "", "hotline_12345", frozenset({FollowUp.RESOLVED})),
            {"complaint.closed"},
        ),
    ],
)
def test_closing_fj33_mas16(
    profile: RuleProfile, facts: ComplaintFacts, closing: Closing, expected: set[str]
) -> None:
    assert codes(check_closing(facts, closing, profile)) == expected


# ----------------------------------------------------------------- MAS 8 tasks


@pytest.mark.parametrize(
    ("facts", "due", "why"),
    [
        (TaskFacts(D(2026, 9, 21)), D(2026, 10, 26), "MAS 8: 一般应在20个工作日内完成"),
        (
            TaskFacts(D(2026, 9, 21), shorter_limit=Limit(5, TimeUnit.WORKING_DAYS, "承诺", "")),
            D(2026, 9, 29),
            "MAS 8: 部门承诺…短于20日的，按承诺的时间执行",
        ),
        (
            TaskFacts(D(2026, 9, 21), extensions=1),
            D(2026, 11, 9),
            "MAS 8: 经本机关主要负责人批准，可以延长10个工作日",
        ),
        (
            TaskFacts(D(2026, 9, 21), extensions=1, legal_due=D(2026, 10, 30)),
            D(2026, 10, 30),
            "MAS 8: 但不能超过法律规定的时间",
        ),
    ],
)
def test_task_deadline_mas8(facts: TaskFacts, due: dt.date, why: str) -> None:
    deadline = task_deadline(facts, MAS)
    assert deadline is not None and deadline.due == due, why


def test_fujian_sets_no_task_limit() -> None:
    assert task_deadline(TaskFacts(D(2026, 9, 21)), FJ) is None


@pytest.mark.parametrize(
    ("facts", "roles", "told", "today", "expected"),
    [
        (TaskFacts(D(2026, 9, 21)), HEAD, True, D(2026, 10, 20), set()),
        (TaskFacts(D(2026, 9, 21)), HEAD, False, D(2026, 10, 20), {"task.reason_not_told"}),
        (
            TaskFacts(D(2026, 9, 21)),
            {Role.SUPERVISOR},
            True,
            D(2026, 10, 20),
            {"task.extension_approver"},
        ),
        (
            TaskFacts(D(2026, 9, 21), extensions=1),
            HEAD,
            True,
            D(2026, 10, 20),
            {"task.extension_used"},
        ),
        (TaskFacts(D(2026, 9, 21)), HEAD, True, D(2026, 10, 27), {"task.extension_too_late"}),
        (
            TaskFacts(D(2026, 9, 21), legal_due=D(2026, 10, 26)),
            HEAD,
            True,
            D(2026, 10, 20),
            {"task.legal_limit"},
        ),
    ],
)
def test_task_extension_mas8(
    facts: TaskFacts, roles: set[Role], told: bool, today: dt.date, expected: set[str]
) -> None:
    assert codes(check_task_extension(facts, roles, told, today, MAS)) == expected
    assert codes(check_task_extension(facts, roles, told, today, FJ)) == {"task.no_extension"}
