"""The two-inspector rule and visit records (desktop.domain.inspections)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, strategies as st

from desktop.domain.common import Refusal
from desktop.domain.inspections import (
    VisitFacts,
    check_team,
    check_visit_finalise,
    check_visit_open,
)
from desktop.domain.plans import PlanState
from desktop.domain.profile import RuleProfile
from desktop.resources import load_profile

FJ = load_profile("fujian-2024")
MAS = load_profile("maanshan-2005")
PROFILES = [pytest.param(FJ, id="fujian-2024"), pytest.param(MAS, id="maanshan-2005")]
CHECKS = [
    pytest.param(check_visit_open, id="open"),
    pytest.param(check_visit_finalise, id="finalise"),
]


TEAM = ("insp-a", "insp-b", "insp-c")
VISIT = VisitFacts(
    plan_state=PlanState.APPROVED,
    plan_team_ids=TEAM,
    announced=True,
    identity_shown=True,
    confirmed_inspector_ids=frozenset({"insp-a", "insp-b"}),
)


def codes(refusals: list[Refusal]) -> list[str]:
    return [r.code for r in refusals]


# ------------------------------------------------------------------ the team


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize(
    ("ids", "refused", "distinct"),
    [
        # MAS 15 第五款: 督查、检查或调查不得少于两人
        pytest.param([], True, 0, id="MAS 15 不得少于两人: nobody"),
        pytest.param(["insp-a"], True, 1, id="MAS 15 不得少于两人: one inspector"),
        pytest.param(["insp-a", "insp-a"], True, 1, id="MAS 15 不得少于两人: same id twice"),
        pytest.param(["insp-a", "  "], True, 1, id="MAS 15 不得少于两人: a blank id is nobody"),
        pytest.param(["insp-a", "insp-b"], False, 2, id="MAS 15 不得少于两人: two distinct"),
        pytest.param(["insp-a", "insp-b", "insp-b"], False, 2, id="MAS 15: two distinct + dup"),
        pytest.param(("insp-a", "insp-b", "insp-c"), False, 3, id="MAS 15: three distinct"),
    ],
)
def test_team_needs_min_inspectors_distinct_people(
    profile: RuleProfile, ids: list[str], refused: bool, distinct: int
) -> None:
    refusals = check_team(ids, profile)
    if not refused:
        assert refusals == []
        return
    assert codes(refusals) == ["team.too_few"]
    (refusal,) = refusals
    assert f"只有{distinct}名不同的督查人员" in refusal.message
    assert f"不得少于{profile.plans.min_inspectors}人" in refusal.message
    assert refusal.article == profile.plans.min_inspectors_article
    assert "MAS 15" in refusal.article


def test_team_message_counts_duplicates() -> None:
    # MAS 15 第五款: 督查、检查或调查不得少于两人 — the same person twice is one person.
    (refusal,) = check_team(["insp-a", "insp-a", "insp-a"], FJ)
    assert "只有1名不同的督查人员" in refusal.message
    assert "共列出3人次" in refusal.message


def test_team_minimum_comes_from_the_profile() -> None:
    # MAS 15 第五款 sets two; a profile asking for three is obeyed without code changes.
    three = dataclasses.replace(MAS, plans=dataclasses.replace(MAS.plans, min_inspectors=3))
    assert codes(check_team(["insp-a", "insp-b"], three)) == ["team.too_few"]
    assert check_team(["insp-a", "insp-b", "insp-c"], three) == []


@given(st.lists(st.sampled_from(["a", "b", "c", "", " "]), max_size=6))
def test_team_passes_exactly_when_two_distinct_people(ids: list[str]) -> None:
    # MAS 15 第五款: 督查、检查或调查不得少于两人
    people = {i for i in ids if i.strip()}
    assert (check_team(ids, MAS) == []) == (len(people) >= 2)


# ------------------------------------------------------------------ visits


@pytest.mark.parametrize("check", CHECKS)
@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param({}, [], id="MAS 15: two team members present, identity shown"),
        # MAS 15 第五款: 督查、检查或调查不得少于两人
        pytest.param(
            {"confirmed_inspector_ids": frozenset({"insp-a"})},
            ["visit.too_few_present"],
            id="MAS 15 不得少于两人: one confirmation",
        ),
        pytest.param(
            {"confirmed_inspector_ids": frozenset()},
            ["visit.too_few_present"],
            id="MAS 15 不得少于两人: nobody confirmed",
        ),
        pytest.param(
            {"confirmed_inspector_ids": frozenset({"insp-a", "insp-x"})},
            ["visit.not_team_member", "visit.too_few_present"],
            id="MAS 15 不得少于两人: a non-member does not count",
        ),
        pytest.param(
            {"confirmed_inspector_ids": frozenset({"insp-a", "insp-b", "insp-x"})},
            ["visit.not_team_member"],
            id="FJ 26 方案: a non-member confirmation is refused",
        ),
        pytest.param(
            {"confirmed_inspector_ids": frozenset({"insp-a", "insp-b", "insp-c"})},
            [],
            id="MAS 15: the whole team present",
        ),
        # MAS 15 第五款: 除暗访外，事先应表明身份
        pytest.param(
            {"identity_shown": False},
            ["visit.identity_not_shown"],
            id="MAS 15 事先应表明身份: announced without identity",
        ),
        # MAS 14（七）: 可以采取暗访方式 — exempt from showing identity
        pytest.param(
            {"announced": False, "identity_shown": False},
            [],
            id="MAS 14(7) 暗访: no identity needed",
        ),
        pytest.param(
            {"announced": False, "confirmed_inspector_ids": frozenset({"insp-a"})},
            ["visit.too_few_present"],
            id="MAS 15 不得少于两人: 暗访 also needs two",
        ),
        # FJ 26: 制定督查方案后组织实施 — a visit only under an approved plan
        pytest.param({"plan_state": PlanState.IN_PROGRESS}, [], id="FJ 26: plan in progress"),
        *[
            pytest.param(
                {"plan_state": state},
                ["visit.plan_not_approved"],
                id=f"FJ 26 批准后实施: plan {state}",
            )
            for state in PlanState
            if state not in (PlanState.APPROVED, PlanState.IN_PROGRESS)
        ],
        pytest.param(
            {
                "plan_state": PlanState.DRAFT,
                "confirmed_inspector_ids": frozenset({"insp-x"}),
                "identity_shown": False,
            },
            [
                "visit.plan_not_approved",
                "visit.not_team_member",
                "visit.too_few_present",
                "visit.identity_not_shown",
            ],
            id="FJ 26 + MAS 15: everything wrong at once",
        ),
    ],
)
def test_visit_rules(
    check: Callable[[VisitFacts, RuleProfile], list[Refusal]],
    profile: RuleProfile,
    changes: dict[str, Any],
    expected: list[str],
) -> None:
    visit = dataclasses.replace(VISIT, **changes)
    assert codes(check(visit, profile)) == expected


@pytest.mark.parametrize("profile", PROFILES)
def test_visit_refusals_cite_the_profiles_articles(profile: RuleProfile) -> None:
    # MAS 15 第五款: 督查、检查或调查不得少于两人，除暗访外，事先应表明身份
    visit = VisitFacts(
        plan_state=PlanState.DRAFT,
        plan_team_ids=TEAM,
        announced=True,
        identity_shown=False,
        confirmed_inspector_ids=frozenset({"insp-x"}),
    )
    by_code = {r.code: r for r in check_visit_open(visit, profile)}
    assert by_code["visit.too_few_present"].article == profile.plans.min_inspectors_article
    assert by_code["visit.identity_not_shown"].article == profile.plans.identity_article
    assert by_code["visit.plan_not_approved"].article == profile.plans.approval_article
    assert by_code["visit.not_team_member"].article == profile.plans.approval_article


def test_visit_messages_name_the_state_and_the_person() -> None:
    # FJ 26: 制定督查方案后组织实施; MAS 15: 督查、检查或调查不得少于两人
    visit = dataclasses.replace(
        VISIT,
        plan_state=PlanState.SUBMITTED,
        confirmed_inspector_ids=frozenset({"insp-a", "insp-x"}),
    )
    messages = [r.message for r in check_visit_finalise(visit, FJ, names={"insp-x": "王五"})]
    assert messages[0].startswith("方案当前状态为“待审批”")
    assert messages[1].startswith("王五不是本方案督查组成员")
    assert "只有1名" in messages[2]
    # Without names, the id is shown.
    messages = [r.message for r in check_visit_open(visit, FJ)]
    assert messages[1].startswith("insp-x不是本方案督查组成员")
    assert check_visit_open(visit, FJ)[0].article == "FJ 26"


@given(
    confirmed=st.frozensets(st.sampled_from(["insp-a", "insp-b", "insp-c", "insp-x", "insp-y"])),
    announced=st.booleans(),
    identity_shown=st.booleans(),
    state=st.sampled_from(PlanState),
)
def test_visit_allowed_exactly_when_every_rule_holds(
    confirmed: frozenset[str], announced: bool, identity_shown: bool, state: PlanState
) -> None:
    # MAS 15 第五款 (two present, identity unless 暗访), MAS 14（七）, FJ 26 (approved plan)
    visit = VisitFacts(state, TEAM, announced, identity_shown, confirmed)
    allowed = (
        state in (PlanState.APPROVED, PlanState.IN_PROGRESS)
        and confirmed <= set(TEAM)
        and len(confirmed) >= 2
        and (identity_shown or not announced)
    )
    assert (check_visit_open(visit, MAS) == []) == allowed
    assert (check_visit_finalise(visit, FJ) == []) == allowed
