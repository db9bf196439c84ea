"""Inspection plan lifecycle, approvals and confidentiality (desktop.domain.plans)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from desktop.domain.common import Refusal, Role, RuleViolation
from desktop.domain.plans import (
    STATE_NAMES,
    Actor,
    PlanAction,
    PlanFacts,
    PlanState,
    apply_transition,
    available_actions,
    can_edit,
    can_view,
    check_transition,
    needs_second_approval,
)
from desktop.domain.profile import RuleProfile, SecondApprovalReason
from desktop.resources import load_profile

FJ = load_profile("fujian-2024")
MAS = load_profile("maanshan-2005")
PROFILES = [pytest.param(FJ, id="fujian-2024"), pytest.param(MAS, id="maanshan-2005")]

S = PlanState
A = PlanAction


def actor(user_id: str, *roles: Role) -> Actor:
    return Actor(user_id, frozenset(roles))


AUTHOR = actor("insp-a", Role.INSPECTOR)
MEMBER = actor("insp-b", Role.INSPECTOR)
OUTSIDER = actor("insp-x", Role.INSPECTOR)
SUPERVISOR = actor("sup-1", Role.SUPERVISOR)  # gives the first approval below
SUPERVISOR_2 = actor("sup-2", Role.SUPERVISOR)
HEAD = actor("head-1", Role.OFFICE_HEAD)
BOSS = actor("sup-1", Role.SUPERVISOR, Role.OFFICE_HEAD)  # the first approver, also a head
HANDLER = actor("handler-1", Role.COMPLAINT_HANDLER)
ADMIN = actor("admin-1", Role.ADMINISTRATOR)
TEAM = ("insp-a", "insp-b")

APPROVED_ONCE = {S.FIRST_APPROVED, S.APPROVED, S.IN_PROGRESS, S.REPORTED, S.CLOSED}


def plan(state: PlanState = S.DRAFT, **changes: Any) -> PlanFacts:
    """A plan of the ``special`` kind (both profiles have it), MAS 13（二）item 3."""
    base = PlanFacts(
        id="plan-1",
        kind="special",
        state=state,
        author_id="insp-a",
        team_ids=TEAM,
        special_item=3,
        approver_ids=("sup-1",) if state in APPROVED_ONCE else (),
    )
    return dataclasses.replace(base, **changes)


def codes(refusals: list[Refusal]) -> list[str]:
    return [r.code for r in refusals]


# Every allowed edge of the lifecycle, with the actor who may take it.
ALLOWED: list[tuple[PlanState, PlanAction, Actor, PlanState]] = [
    # FJ 26: 制定督查方案 — the author (or a team inspector) submits it for approval
    (S.DRAFT, A.SUBMIT, AUTHOR, S.SUBMITTED),
    (S.DRAFT, A.SUBMIT, MEMBER, S.SUBMITTED),
    (S.RETURNED, A.SUBMIT, AUTHOR, S.SUBMITTED),
    # FJ 26: 制定督查方案后组织实施 — a supervisor approves (not major: no second approval)
    (S.SUBMITTED, A.APPROVE, SUPERVISOR, S.APPROVED),
    # FJ 26: 重大督查事项，应当报请…主要负责人批准后实施
    (S.FIRST_APPROVED, A.SECOND_APPROVE, HEAD, S.APPROVED),
    # FJ 26 / FJ 27: the reviewer may send the plan back, with a reason
    (S.SUBMITTED, A.RETURN, SUPERVISOR, S.RETURNED),
    (S.FIRST_APPROVED, A.RETURN, HEAD, S.RETURNED),
    # FJ 26: …后组织实施 — the team starts only once approved
    (S.APPROVED, A.START, MEMBER, S.IN_PROGRESS),
    # MAS 16: 专项督查或检查结束后，要形成督查或检查报告
    (S.IN_PROGRESS, A.REPORT, AUTHOR, S.REPORTED),
    (S.REPORTED, A.CLOSE, SUPERVISOR, S.CLOSED),
]
ALLOWED_FROM = {(state, action) for state, action, _, _ in ALLOWED}

# The actor who would be allowed the action from its proper state.
PROPER_ACTOR = {
    A.SUBMIT: AUTHOR,
    A.APPROVE: SUPERVISOR_2,
    A.SECOND_APPROVE: HEAD,
    A.RETURN: BOSS,
    A.START: MEMBER,
    A.REPORT: MEMBER,
    A.CLOSE: SUPERVISOR,
}

# Every other (state, action) pair is refused for the state alone
# (FJ 26: 制定督查方案后组织实施 — nothing skips a step).
REFUSED = [
    (state, action)
    for state in PlanState
    for action in PlanAction
    if (state, action) not in ALLOWED_FROM
]

# Every edge any plan may take, written out independently of the code.
EDGES = {
    (S.DRAFT, A.SUBMIT, S.SUBMITTED),
    (S.RETURNED, A.SUBMIT, S.SUBMITTED),
    (S.SUBMITTED, A.APPROVE, S.APPROVED),
    (S.SUBMITTED, A.APPROVE, S.FIRST_APPROVED),
    (S.FIRST_APPROVED, A.SECOND_APPROVE, S.APPROVED),
    (S.SUBMITTED, A.RETURN, S.RETURNED),
    (S.FIRST_APPROVED, A.RETURN, S.RETURNED),
    (S.APPROVED, A.START, S.IN_PROGRESS),
    (S.IN_PROGRESS, A.REPORT, S.REPORTED),
    (S.REPORTED, A.CLOSE, S.CLOSED),
}


# ---------------------------------------------------------------- the table


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize(
    ("state", "action", "who", "target"),
    [pytest.param(*row, id=f"{row[0]}-{row[1]}-{row[2].user_id}") for row in ALLOWED],
)
def test_allowed_transitions(
    profile: RuleProfile, state: PlanState, action: PlanAction, who: Actor, target: PlanState
) -> None:
    p = plan(state)
    assert check_transition(p, action, who, profile, reason="范围不清") == []
    assert apply_transition(p, action, who, profile, reason="范围不清") is target


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize(
    ("state", "action"),
    [pytest.param(state, action, id=f"FJ 26 {state}-{action}") for state, action in REFUSED],
)
def test_refused_transitions_name_the_state(
    profile: RuleProfile, state: PlanState, action: PlanAction
) -> None:
    refusals = check_transition(plan(state), action, PROPER_ACTOR[action], profile, "理由")
    assert codes(refusals) == ["plan.wrong_state"]
    assert refusals[0].message.startswith(f"方案当前状态为“{STATE_NAMES[state]}”，不能")
    with pytest.raises(RuleViolation) as caught:
        apply_transition(plan(state), action, PROPER_ACTOR[action], profile, "理由")
    assert caught.value.codes == ("plan.wrong_state",)


def test_wrong_state_message_example() -> None:
    # FJ 26: 制定督查方案后组织实施 — a draft cannot be approved
    (refusal,) = check_transition(plan(S.DRAFT), A.APPROVE, SUPERVISOR, FJ)
    assert refusal.message.startswith("方案当前状态为“草稿”，不能审批")
    assert "“待审批”" in refusal.message


def test_every_state_has_a_chinese_name() -> None:
    assert set(STATE_NAMES) == set(PlanState)
    assert STATE_NAMES[S.DRAFT] == "草稿"


def test_action_values() -> None:
    assert [a.value for a in PlanAction] == [
        "submit",
        "approve",
        "second_approve",
        "return",
        "start",
        "report",
        "close",
    ]


# --------------------------------------------------------- who may do what


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize(
    ("p", "action", "who", "reason", "expected"),
    [
        # FJ 26 制定督查方案: only the author or a team inspector submits
        pytest.param(
            plan(), A.SUBMIT, OUTSIDER, "", ["plan.not_author_or_team"], id="FJ 26 outsider submits"
        ),
        pytest.param(
            plan(),
            A.SUBMIT,
            actor("insp-b", Role.SUPERVISOR),
            "",
            ["plan.not_author_or_team"],
            id="FJ 26 team member not inspector",
        ),
        pytest.param(
            plan(),
            A.SUBMIT,
            actor("insp-a", Role.SUPERVISOR),
            "",
            [],
            id="FJ 26 author of any role",
        ),
        # FJ 26 …后组织实施: a supervisor approves, independent of the plan
        pytest.param(
            plan(S.SUBMITTED),
            A.APPROVE,
            OUTSIDER,
            "",
            ["plan.role_required"],
            id="FJ 26 inspector approves",
        ),
        pytest.param(
            plan(S.SUBMITTED),
            A.APPROVE,
            actor("insp-a", Role.SUPERVISOR),
            "",
            ["plan.approver_not_independent"],
            id="FJ 26 author approves own plan",
        ),
        pytest.param(
            plan(S.SUBMITTED),
            A.APPROVE,
            actor("insp-b", Role.SUPERVISOR, Role.INSPECTOR),
            "",
            ["plan.approver_not_independent"],
            id="FJ 26 team member approves",
        ),
        pytest.param(
            plan(S.SUBMITTED),
            A.APPROVE,
            HEAD,
            "",
            ["plan.role_required"],
            id="FJ 26 head alone is not the first approver",
        ),
        # FJ 26 重大督查事项…主要负责人批准: the office head, a second person
        pytest.param(
            plan(S.FIRST_APPROVED),
            A.SECOND_APPROVE,
            SUPERVISOR_2,
            "",
            ["plan.role_required"],
            id="FJ 26 supervisor gives second approval",
        ),
        pytest.param(
            plan(S.FIRST_APPROVED),
            A.SECOND_APPROVE,
            BOSS,
            "",
            ["plan.same_approver"],
            id="FJ 26 same person both approvals",
        ),
        pytest.param(
            plan(S.FIRST_APPROVED),
            A.SECOND_APPROVE,
            actor("insp-a", Role.OFFICE_HEAD),
            "",
            ["plan.approver_not_independent"],
            id="FJ 26 author gives second approval",
        ),
        pytest.param(
            plan(S.FIRST_APPROVED),
            A.SECOND_APPROVE,
            OUTSIDER,
            "",
            ["plan.role_required"],
            id="FJ 26 inspector gives second approval",
        ),
        # FJ 26 / FJ 27: a return needs the reviewer's role and a reason
        pytest.param(
            plan(S.SUBMITTED),
            A.RETURN,
            SUPERVISOR,
            "",
            ["plan.reason_required"],
            id="FJ 26 return without reason",
        ),
        pytest.param(
            plan(S.SUBMITTED),
            A.RETURN,
            SUPERVISOR,
            " \n",
            ["plan.reason_required"],
            id="FJ 26 return with blank reason",
        ),
        pytest.param(
            plan(S.SUBMITTED),
            A.RETURN,
            HEAD,
            "范围不清",
            ["plan.role_required"],
            id="FJ 26 head returns before first approval",
        ),
        pytest.param(
            plan(S.FIRST_APPROVED),
            A.RETURN,
            SUPERVISOR_2,
            "范围不清",
            ["plan.role_required"],
            id="FJ 26 supervisor returns at second approval",
        ),
        pytest.param(
            plan(S.FIRST_APPROVED),
            A.RETURN,
            HEAD,
            "",
            ["plan.reason_required"],
            id="FJ 26 head returns without reason",
        ),
        # FJ 26 …后组织实施 / MAS 16 报告: the team's inspectors run and report
        pytest.param(
            plan(S.APPROVED),
            A.START,
            OUTSIDER,
            "",
            ["plan.not_team_inspector"],
            id="FJ 26 outsider starts",
        ),
        pytest.param(
            plan(S.APPROVED),
            A.START,
            SUPERVISOR,
            "",
            ["plan.not_team_inspector"],
            id="FJ 26 supervisor starts",
        ),
        pytest.param(
            plan(S.IN_PROGRESS),
            A.REPORT,
            OUTSIDER,
            "",
            ["plan.not_team_inspector"],
            id="MAS 16 outsider reports",
        ),
        pytest.param(
            plan(S.REPORTED),
            A.CLOSE,
            AUTHOR,
            "",
            ["plan.role_required"],
            id="MAS 16 inspector closes",
        ),
    ],
)
def test_who_may_move_a_plan(
    profile: RuleProfile,
    p: PlanFacts,
    action: PlanAction,
    who: Actor,
    reason: str,
    expected: list[str],
) -> None:
    assert codes(check_transition(p, action, who, profile, reason)) == expected


def test_separation_of_duties_is_said_in_the_message() -> None:
    # FJ 26: 制定督查方案后组织实施 — the author cannot approve their own plan
    supervisor_author = actor("insp-a", Role.SUPERVISOR)
    (refusal,) = check_transition(plan(S.SUBMITTED), A.APPROVE, supervisor_author, FJ)
    assert "分离" in refusal.message
    with pytest.raises(RuleViolation) as caught:
        apply_transition(plan(S.SUBMITTED), A.APPROVE, supervisor_author, FJ)
    assert caught.value.codes == ("plan.approver_not_independent",)


def test_same_person_cannot_give_both_approvals() -> None:
    # FJ 26: 重大督查事项，应当报请…主要负责人批准后实施 — a second person
    p = plan(S.SUBMITTED, major=True)
    assert apply_transition(p, A.APPROVE, BOSS, FJ) is S.FIRST_APPROVED
    p = dataclasses.replace(p, state=S.FIRST_APPROVED, approver_ids=(BOSS.user_id,))
    refusals = check_transition(p, A.SECOND_APPROVE, BOSS, FJ)
    assert codes(refusals) == ["plan.same_approver"]
    assert refusals[0].article == FJ.plans.second_approval_article
    assert apply_transition(p, A.SECOND_APPROVE, HEAD, FJ) is S.APPROVED


# ------------------------------------------------------ the plan's content


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize(
    "team",
    [
        pytest.param(("insp-a",), id="MAS 15 不得少于两人: one inspector"),
        pytest.param(("insp-a", "insp-a"), id="MAS 15 不得少于两人: same id twice"),
        pytest.param((), id="MAS 15 不得少于两人: no team"),
    ],
)
def test_submit_needs_two_distinct_inspectors(profile: RuleProfile, team: tuple[str, ...]) -> None:
    refusals = check_transition(plan(team_ids=team), A.SUBMIT, AUTHOR, profile)
    assert codes(refusals) == ["team.too_few"]
    assert refusals[0].article == profile.plans.min_inspectors_article


@pytest.mark.parametrize(
    ("profile", "item", "ref", "expected"),
    [
        # MAS 15 第五款: 办理第十三条第(二)款第1项、第2项规定的监察事项，必须报经本级政府立项
        pytest.param(MAS, 1, "", ["plan.government_approval_required"], id="MAS 15 item 1 no 立项"),
        pytest.param(MAS, 2, "", ["plan.government_approval_required"], id="MAS 15 item 2 no 立项"),
        pytest.param(MAS, 1, "  ", ["plan.government_approval_required"], id="MAS 15 blank 立项"),
        pytest.param(MAS, 1, "马政秘〔2025〕12号", [], id="MAS 15 item 1 with 立项"),
        pytest.param(MAS, 3, "", [], id="MAS 13(2)3 item 3 needs no 立项"),
        pytest.param(MAS, None, "", ["plan.special_item_required"], id="MAS 13(2) item not given"),
        # FJ 26: no government approval in Fujian; the item is not asked for
        pytest.param(FJ, 1, "", [], id="FJ 26 no 立项 rule"),
        pytest.param(FJ, None, "", [], id="FJ 26 no item needed"),
    ],
)
def test_government_approval_for_special_items(
    profile: RuleProfile, item: int | None, ref: str, expected: list[str]
) -> None:
    p = plan(special_item=item, government_approval_ref=ref)
    refusals = check_transition(p, A.SUBMIT, AUTHOR, profile)
    assert codes(refusals) == expected
    if expected == ["plan.government_approval_required"]:
        assert refusals[0].article == profile.plans.government_approval_article == "MAS 15 第五款"
        assert "立项" in refusals[0].message


def test_unknown_kind_cannot_be_submitted() -> None:
    # FJ 26: 制定督查方案 — the kind must be one the profile knows
    p = plan(kind="focus")  # a Fujian kind, unknown in Ma'anshan
    assert check_transition(p, A.SUBMIT, AUTHOR, FJ) == []
    assert codes(check_transition(p, A.SUBMIT, AUTHOR, MAS)) == ["plan.unknown_kind"]


def test_refusals_cite_the_profiles_articles() -> None:
    # FJ 26: 制定督查方案后组织实施; MAS 16: 专项督查或检查结束后，要形成督查或检查报告
    start = check_transition(plan(S.DRAFT), A.START, MEMBER, FJ)
    assert start[0].article == "FJ 26"
    report = check_transition(plan(S.APPROVED), A.REPORT, MEMBER, MAS)
    assert report[0].article == "MAS 16 第三款"


def test_special_item_must_exist_mas13() -> None:
    # MAS 13（二）has items 1–3 only
    p = plan(kind="special", special_item=7)
    assert codes(check_transition(p, A.SUBMIT, AUTHOR, MAS)) == ["plan.unknown_special_item"]
    second = check_transition(plan(S.SUBMITTED), A.SECOND_APPROVE, HEAD, FJ)
    assert second[0].article == FJ.plans.second_approval_article


# ------------------------------------------------------- second approval


@pytest.mark.parametrize(
    ("profile", "major", "requested", "expected"),
    [
        # FJ 26: 重大督查事项，应当报请本级机关效能建设领导机构主要负责人批准后实施
        pytest.param(FJ, True, False, True, id="FJ 26 major"),
        # FJ 27: 确需提请…督查的，应当经…主要负责人批准同意
        pytest.param(FJ, False, True, True, id="FJ 27 requested by agency"),
        pytest.param(FJ, False, False, False, id="FJ 26 ordinary plan"),
        # MAS 15: only a work plan; the profile asks for no second approval
        pytest.param(MAS, True, False, False, id="MAS 15 major"),
        pytest.param(MAS, False, True, False, id="MAS 15 requested"),
    ],
)
def test_second_approval_comes_from_the_profile(
    profile: RuleProfile, major: bool, requested: bool, expected: bool
) -> None:
    p = plan(S.SUBMITTED, major=major, requested_by_agency=requested)
    assert needs_second_approval(p, profile) is expected
    target = apply_transition(p, A.APPROVE, SUPERVISOR, profile)
    assert target is (S.FIRST_APPROVED if expected else S.APPROVED)


def test_second_approval_reasons_are_data() -> None:
    # FJ 26: a profile that lists only "major" ignores agency requests
    only_major = dataclasses.replace(
        MAS,
        plans=dataclasses.replace(
            MAS.plans, second_approval_when=frozenset({SecondApprovalReason.MAJOR})
        ),
    )
    assert needs_second_approval(plan(major=True), only_major)
    assert not needs_second_approval(plan(requested_by_agency=True), only_major)


def test_major_plan_in_fujian_cannot_start_before_second_approval() -> None:
    # FJ 26: 重大督查事项，应当报请…主要负责人批准后实施
    p = plan(S.SUBMITTED, major=True)
    p = dataclasses.replace(p, state=apply_transition(p, A.APPROVE, SUPERVISOR, FJ))
    assert p.state is S.FIRST_APPROVED
    assert codes(check_transition(p, A.START, MEMBER, FJ)) == ["plan.wrong_state"]


# ------------------------------------------------------ available actions


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize(
    ("state", "who", "expected"),
    [
        # FJ 26 制定督查方案: the author and team inspectors submit
        pytest.param(S.DRAFT, AUTHOR, [A.SUBMIT], id="FJ 26 draft author"),
        pytest.param(S.DRAFT, MEMBER, [A.SUBMIT], id="FJ 26 draft team inspector"),
        pytest.param(S.DRAFT, OUTSIDER, [], id="FJ 26 draft outsider"),
        pytest.param(S.DRAFT, SUPERVISOR, [], id="FJ 26 draft supervisor"),
        pytest.param(S.RETURNED, AUTHOR, [A.SUBMIT], id="FJ 26 returned author"),
        # FJ 26 …后组织实施: the supervisor approves or returns
        pytest.param(
            S.SUBMITTED, SUPERVISOR, [A.APPROVE, A.RETURN], id="FJ 26 submitted supervisor"
        ),
        pytest.param(
            S.SUBMITTED, BOSS, [A.APPROVE, A.RETURN], id="FJ 26 submitted supervisor+head"
        ),
        pytest.param(S.SUBMITTED, AUTHOR, [], id="FJ 26 submitted author"),
        pytest.param(S.SUBMITTED, HEAD, [], id="FJ 26 submitted head"),
        # FJ 26 重大督查事项…主要负责人批准
        pytest.param(
            S.FIRST_APPROVED, HEAD, [A.SECOND_APPROVE, A.RETURN], id="FJ 26 first-approved head"
        ),
        pytest.param(S.FIRST_APPROVED, BOSS, [A.RETURN], id="FJ 26 first-approved first approver"),
        pytest.param(S.FIRST_APPROVED, SUPERVISOR_2, [], id="FJ 26 first-approved supervisor"),
        # FJ 26 …后组织实施
        pytest.param(S.APPROVED, MEMBER, [A.START], id="FJ 26 approved team inspector"),
        pytest.param(S.APPROVED, SUPERVISOR, [], id="FJ 26 approved supervisor"),
        # MAS 16 形成督查或检查报告
        pytest.param(S.IN_PROGRESS, AUTHOR, [A.REPORT], id="MAS 16 in progress team inspector"),
        pytest.param(S.IN_PROGRESS, OUTSIDER, [], id="MAS 16 in progress outsider"),
        pytest.param(S.REPORTED, SUPERVISOR, [A.CLOSE], id="MAS 16 reported supervisor"),
        pytest.param(S.REPORTED, MEMBER, [], id="MAS 16 reported inspector"),
        pytest.param(S.CLOSED, SUPERVISOR, [], id="closed supervisor"),
        pytest.param(S.CLOSED, HEAD, [], id="closed head"),
        *[
            pytest.param(state, who, [], id=f"{state} {who.user_id}")
            for state in PlanState
            for who in (HANDLER, ADMIN)
        ],
    ],
)
def test_available_actions(
    profile: RuleProfile, state: PlanState, who: Actor, expected: list[PlanAction]
) -> None:
    assert available_actions(plan(state), who, profile) == expected


# ------------------------------------------------------------- editing


@pytest.mark.parametrize(
    ("state", "who", "expected"),
    [
        # FJ 26 制定督查方案: drafted by the author and the team
        pytest.param(S.DRAFT, AUTHOR, True, id="FJ 26 draft author"),
        pytest.param(S.DRAFT, MEMBER, True, id="FJ 26 draft team"),
        pytest.param(S.DRAFT, actor("insp-b"), True, id="FJ 26 draft team without roles"),
        pytest.param(S.DRAFT, SUPERVISOR, False, id="FJ 26 draft supervisor"),
        pytest.param(S.DRAFT, OUTSIDER, False, id="FJ 26 draft outsider"),
        pytest.param(S.RETURNED, AUTHOR, True, id="FJ 26 returned author"),
        *[
            pytest.param(state, AUTHOR, False, id=f"FJ 26 {state} frozen")
            for state in PlanState
            if state not in (S.DRAFT, S.RETURNED)
        ],
    ],
)
def test_can_edit(state: PlanState, who: Actor, expected: bool) -> None:
    assert can_edit(plan(state), who) is expected


# ------------------------------------------------ 暗访 confidentiality

DESIGNATED = ("sup-2",)
BEFORE = [S.DRAFT, S.SUBMITTED, S.RETURNED, S.FIRST_APPROVED, S.APPROVED, S.IN_PROGRESS]
AFTER = [S.REPORTED, S.CLOSED]


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize(
    ("state", "who", "expected"),
    [
        # MAS 14（七）暗访: only the team and its approvers until the visit is over
        *[
            pytest.param(state, who, expected, id=f"MAS 14(7) 暗访 {state} {label}")
            for state in BEFORE
            for who, label, expected in [
                (AUTHOR, "author", True),
                (MEMBER, "team", True),
                (SUPERVISOR_2, "designated approver", True),
                (HEAD, "outside head", False),
                (OUTSIDER, "outside inspector", False),
                (HANDLER, "handler", False),
                (ADMIN, "admin", False),
            ]
        ],
        *[
            pytest.param(state, who, True, id=f"MAS 14(7) 暗访 over {state} {who.user_id}")
            for state in AFTER
            for who in (AUTHOR, OUTSIDER, HEAD, ADMIN)
        ],
    ],
)
def test_unannounced_plans_are_confidential(
    profile: RuleProfile, state: PlanState, who: Actor, expected: bool
) -> None:
    p = plan(state, kind="unannounced")
    assert can_view(p, who, profile, DESIGNATED) is expected


@pytest.mark.parametrize("profile", PROFILES)
def test_past_approvers_see_the_unannounced_plan(profile: RuleProfile) -> None:
    # MAS 14（七）暗访: its approvers see it, even if no longer designated
    p = plan(S.IN_PROGRESS, kind="unannounced", approver_ids=("sup-1",))
    assert can_view(p, SUPERVISOR, profile, designated_approver_ids=())
    assert not can_view(p, SUPERVISOR_2, profile, designated_approver_ids=())


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("who", [OUTSIDER, HANDLER, ADMIN, HEAD])
def test_other_plans_are_visible_to_everyone(profile: RuleProfile, who: Actor) -> None:
    # MAS 14（七）: confidentiality is for 暗访 only
    assert can_view(plan(S.DRAFT, kind="complaint_investigation"), who, profile, ())


def test_unknown_kind_is_treated_as_confidential() -> None:
    # MAS 14（七）: when in doubt, fail closed
    p = plan(S.APPROVED, kind="no-such-kind")
    assert not can_view(p, OUTSIDER, FJ, ())
    assert can_view(p, MEMBER, FJ, ())


# ------------------------------------------------- property: only allowed edges

ACTORS = [AUTHOR, MEMBER, OUTSIDER, SUPERVISOR, SUPERVISOR_2, HEAD, BOSS, HANDLER]
ACTOR_IDS = sorted({a.user_id for a in ACTORS})


@settings(max_examples=300)
@given(
    profile=st.sampled_from([FJ, MAS]),
    kind=st.sampled_from(["special", "unannounced", "complaint_investigation", "focus"]),
    team=st.one_of(st.just(TEAM), st.lists(st.sampled_from(ACTOR_IDS), max_size=3).map(tuple)),
    major=st.booleans(),
    requested=st.booleans(),
    special_item=st.sampled_from([None, 1, 2, 3]),
    ref=st.sampled_from(["", "马政秘〔2025〕12号"]),
    data=st.data(),
)
def test_random_sequences_follow_allowed_edges(
    profile: RuleProfile,
    kind: str,
    team: tuple[str, ...],
    major: bool,
    requested: bool,
    special_item: int | None,
    ref: str,
    data: st.DataObject,
) -> None:
    # FJ 26: 制定督查方案后组织实施 / 重大督查事项…批准后实施; MAS 15; MAS 16
    p = PlanFacts(
        id="plan-1",
        kind=kind,
        state=S.DRAFT,
        author_id="insp-a",
        team_ids=team,
        major=major,
        requested_by_agency=requested,
        special_item=special_item,
        government_approval_ref=ref,
    )
    path = [p.state]
    for _ in range(data.draw(st.integers(0, 60), label="steps")):
        who = data.draw(st.sampled_from(ACTORS), label="actor")
        offered = available_actions(p, who, profile)
        # Mostly an action the UI would offer, sometimes any action at all.
        if offered and data.draw(st.integers(0, 3), label="offered") > 0:
            action = data.draw(st.sampled_from(offered), label="action")
        else:
            action = data.draw(st.sampled_from(PlanAction), label="action")
        reason = data.draw(st.sampled_from(["", "请补充检查范围"]), label="reason")

        refusals = check_transition(p, action, who, profile, reason)
        if refusals:
            with pytest.raises(RuleViolation):
                apply_transition(p, action, who, profile, reason)
            continue
        new = apply_transition(p, action, who, profile, reason)
        assert (p.state, action, new) in EDGES
        if new is S.IN_PROGRESS:
            assert path[-1] is S.APPROVED
        if new is S.APPROVED and needs_second_approval(p, profile):
            assert path[-1] is S.FIRST_APPROVED
            assert who.user_id not in p.approver_ids
        if new is S.FIRST_APPROVED:
            assert needs_second_approval(p, profile)
        if action in (A.APPROVE, A.SECOND_APPROVE):
            assert who.user_id != p.author_id and who.user_id not in p.team_ids
            p = dataclasses.replace(p, approver_ids=(*p.approver_ids, who.user_id))
        p = dataclasses.replace(p, state=new)
        path.append(new)

    assert S.IN_PROGRESS not in path or S.APPROVED in path[: path.index(S.IN_PROGRESS)]
    if S.SUBMITTED in path:
        assert len({i for i in team if i.strip()}) >= profile.plans.min_inspectors
