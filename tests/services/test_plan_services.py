"""Inspection plan services (desktop.services.plans): drafting, the approval
workflow through the services, 暗访 confidentiality, and all-or-nothing writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select, text

from desktop.domain.common import RuleViolation
from desktop.domain.plans import PlanAction, PlanState
from desktop.resources import load_profile
from desktop.services import base, plans
from desktop.services.auth import SessionLocked, UserSession
from desktop.services.base import Context, Forbidden, InvalidInput, NotFound
from desktop.services.plans import (
    approve_plan,
    available_plan_actions,
    can_edit_plan,
    close_plan,
    create_plan,
    get_plan,
    list_plans,
    report_plan,
    return_plan,
    second_approve_plan,
    start_plan,
    submit_plan,
    update_plan,
)
from desktop.store import audit
from desktop.store.models import AuditEntry, OutboxOp

from .conftest import Clock, Office

Login = Callable[[str], UserSession]

TABLES = (
    "inspection_plans",
    "plan_members",
    "plan_approvals",
    "visits",
    "visit_presence",
    "evidence",
    "audit_log",
    "outbox",
    "settings",
)


def snapshot(ctx: Context) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables a plan or visit service may write."""
    with ctx.store.engine.connect() as conn:
        return {
            table: [tuple(row) for row in conn.execute(text(f"SELECT * FROM {table}"))]
            for table in TABLES
        }


def last_ops(ctx: Context, n: int = 1) -> list[OutboxOp]:
    with ctx.transaction() as db:
        ops = list(db.scalars(select(OutboxOp).order_by(OutboxOp.seq.desc()).limit(n)))
    return ops[::-1]


def audit_actions(ctx: Context, entity_id: str) -> list[str]:
    with ctx.transaction() as db:
        return list(
            db.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.entity_id == entity_id)
                .order_by(AuditEntry.seq)
            )
        )


def draft(
    ctx: Context,
    user: UserSession,
    office: Office,
    team: tuple[str, ...] = ("insp_a", "insp_b"),
    **over: Any,
) -> str:
    """A valid draft plan by ``user`` (a focus inspection unless overridden)."""
    fields: dict[str, Any] = {
        "title": "市场监管局窗口服务效能督查",
        "kind": "focus",
        "subject_agency_id": office.city_agency,
        "scope": "行政审批窗口",
        "method": "查阅资料、个别谈话",
        "starts_on": dt.date(2026, 9, 22),
        "ends_on": dt.date(2026, 9, 30),
        "team_ids": [office.users[name] for name in team],
    }
    fields.update(over)
    return create_plan(ctx, user, **fields)


def approved_plan(ctx: Context, login: Login, office: Office, **over: Any) -> str:
    """A plan drafted by insp_a (team insp_a, insp_b), submitted and approved by sup."""
    insp_a = login("insp_a")
    plan_id = draft(ctx, insp_a, office, **over)
    submit_plan(ctx, insp_a, plan_id)
    approve_plan(ctx, login("sup"), plan_id)
    return plan_id


def refused_without_writing(
    ctx: Context, call: Callable[[], object], error: type[Exception]
) -> Exception:
    """Run ``call``, expect ``error``, and check that nothing was written."""
    before = snapshot(ctx)
    with pytest.raises(error) as caught:
        call()
    assert snapshot(ctx) == before
    return caught.value


# ------------------------------------------------------------------ create


def test_create_plan_writes_draft_audit_and_op(ctx: Context, login: Login, office: Office) -> None:
    insp_a = login("insp_a")
    plan_id = draft(ctx, insp_a, office, major=True)
    view = get_plan(ctx, insp_a, plan_id)
    assert view.state is PlanState.DRAFT and view.state_name == "草稿"
    assert view.author_id == office.users["insp_a"]
    assert view.office_id == office.city_office
    assert view.team_ids == (office.users["insp_a"], office.users["insp_b"])
    assert view.major and view.kind_name == "重点效能督查"
    assert view.subject_agency_name == "福州市市场监督管理局"
    assert view.profile_id == "fujian-2024" and view.version == 1
    assert audit_actions(ctx, plan_id) == ["plan.create"]
    (op,) = last_ops(ctx)
    assert op.action == "plan.create" and op.entity == "inspection_plans"
    assert op.base_version == 0 and op.user_id == office.users["insp_a"]
    assert op.changes["starts_on"] == "2026-09-22"
    assert op.changes["team_ids"] == [office.users["insp_a"], office.users["insp_b"]]
    assert op.changes["state"] == "draft" and op.changes["major"] is True


def test_supervisor_may_draft_and_repeats_in_team_count_once(
    ctx: Context, login: Login, office: Office
) -> None:
    sup = login("sup")
    plan_id = draft(ctx, sup, office, team=("insp_a", "insp_a", "insp_b"))
    assert get_plan(ctx, sup, plan_id).team_ids == (office.users["insp_a"], office.users["insp_b"])


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"title": "   "}, "title"),
        ({"title": "长" * 201}, "title"),
        ({"kind": "inspection_of_everything"}, "kind"),
        ({"ends_on": dt.date(2026, 9, 21)}, "ends_on"),
        ({"starts_on": dt.datetime(2026, 9, 22, tzinfo=dt.UTC)}, "starts_on"),
        ({"subject_agency_id": "0190a000-0000-7000-8000-00000000ffff"}, "subject_agency_id"),
        ({"special_item": 0}, "special_item"),
    ],
)
def test_create_plan_refuses_bad_input(
    ctx: Context, login: Login, office: Office, over: dict[str, Any], field: str
) -> None:
    insp_a = login("insp_a")
    err = refused_without_writing(ctx, lambda: draft(ctx, insp_a, office, **over), InvalidInput)
    assert isinstance(err, InvalidInput) and err.field == field and err.message


@pytest.mark.parametrize("member", ["sup", "handler", "nobody"])
def test_create_plan_team_must_be_inspectors_who_exist(
    ctx: Context, login: Login, office: Office, member: str
) -> None:
    insp_a = login("insp_a")
    team_ids = [office.users["insp_a"], office.users.get(member, "no-such-user")]
    err = refused_without_writing(
        ctx, lambda: draft(ctx, insp_a, office, team_ids=team_ids), InvalidInput
    )
    assert isinstance(err, InvalidInput) and err.field == "team_ids"


@pytest.mark.parametrize("username", ["head", "handler", "admin"])
def test_create_plan_refuses_other_roles(
    ctx: Context, login: Login, office: Office, username: str
) -> None:
    user = login(username)
    refused_without_writing(ctx, lambda: draft(ctx, user, office), Forbidden)


def test_locked_session_is_refused(
    ctx: Context, login: Login, office: Office, clock: Clock
) -> None:
    insp_a = login("insp_a")
    plan_id = draft(ctx, insp_a, office)
    clock.advance(minutes=30)
    refused_without_writing(ctx, lambda: submit_plan(ctx, insp_a, plan_id), SessionLocked)


# ------------------------------------------------------------------ update


def test_team_member_updates_a_draft(ctx: Context, login: Login, office: Office) -> None:
    insp_a, insp_b = login("insp_a"), login("insp_b")
    plan_id = draft(ctx, insp_a, office)
    assert can_edit_plan(ctx, insp_b, plan_id)
    update_plan(
        ctx,
        insp_b,
        plan_id,
        title="窗口服务专项督查",
        team_ids=[office.users["insp_b"], office.users["insp_c"], office.users["insp_a"]],
        ends_on=dt.date(2026, 10, 9),
        scope="行政审批窗口",  # unchanged: not in the op
    )
    view = get_plan(ctx, insp_a, plan_id)
    assert view.title == "窗口服务专项督查" and view.ends_on == dt.date(2026, 10, 9)
    assert view.team_ids == tuple(office.users[n] for n in ("insp_b", "insp_c", "insp_a"))
    assert view.version == 2
    (op,) = last_ops(ctx)
    assert op.action == "plan.update" and op.base_version == 1
    assert set(op.changes) == {"title", "ends_on", "team_ids"}
    assert op.changes["ends_on"] == "2026-10-09"


def test_update_with_nothing_new_writes_nothing(ctx: Context, login: Login, office: Office) -> None:
    insp_a = login("insp_a")
    plan_id = draft(ctx, insp_a, office)
    before = snapshot(ctx)
    update_plan(ctx, insp_a, plan_id, title="市场监管局窗口服务效能督查")
    assert snapshot(ctx) == before


def test_update_refused_to_outsiders_and_after_submission(
    ctx: Context, login: Login, office: Office
) -> None:
    insp_a, insp_c = login("insp_a"), login("insp_c")
    plan_id = draft(ctx, insp_a, office)
    err = refused_without_writing(
        ctx, lambda: update_plan(ctx, insp_c, plan_id, title="改"), Forbidden
    )
    assert isinstance(err, Forbidden) and err.code == "plan.not_editable"
    submit_plan(ctx, insp_a, plan_id)
    assert not can_edit_plan(ctx, insp_a, plan_id)
    err = refused_without_writing(
        ctx, lambda: update_plan(ctx, insp_a, plan_id, title="改"), Forbidden
    )
    assert isinstance(err, Forbidden) and err.code == "plan.not_editable"
    assert "待审批" in err.message


def test_update_refuses_bad_input(ctx: Context, login: Login, office: Office) -> None:
    insp_a = login("insp_a")
    plan_id = draft(ctx, insp_a, office)
    err = refused_without_writing(
        ctx,
        lambda: update_plan(ctx, insp_a, plan_id, title="新标题", ends_on=dt.date(2026, 9, 1)),
        InvalidInput,
    )
    assert isinstance(err, InvalidInput) and err.field == "ends_on"
    err = refused_without_writing(
        ctx,
        lambda: update_plan(ctx, insp_a, plan_id, title="新标题", team_ids=[office.users["sup"]]),
        InvalidInput,
    )
    assert isinstance(err, InvalidInput) and err.field == "team_ids"


# --------------------------------------------------------------- lifecycle


def test_major_plan_end_to_end(ctx: Context, login: Login, office: Office) -> None:
    insp_a, insp_b, sup, head = login("insp_a"), login("insp_b"), login("sup"), login("head")
    plan_id = draft(ctx, insp_a, office, major=True)
    assert available_plan_actions(ctx, insp_a, plan_id) == [PlanAction.SUBMIT]

    assert submit_plan(ctx, insp_a, plan_id) is PlanState.SUBMITTED
    assert available_plan_actions(ctx, sup, plan_id) == [PlanAction.APPROVE, PlanAction.RETURN]
    assert available_plan_actions(ctx, insp_a, plan_id) == []

    assert approve_plan(ctx, sup, plan_id) is PlanState.FIRST_APPROVED
    # the supervisor cannot give the second approval: the service refuses the role
    refused_without_writing(ctx, lambda: second_approve_plan(ctx, sup, plan_id), Forbidden)
    assert available_plan_actions(ctx, head, plan_id) == [
        PlanAction.SECOND_APPROVE,
        PlanAction.RETURN,
    ]
    assert second_approve_plan(ctx, head, plan_id) is PlanState.APPROVED

    # a supervisor cannot start it; a team inspector can
    refused_without_writing(ctx, lambda: start_plan(ctx, sup, plan_id), Forbidden)
    assert start_plan(ctx, insp_b, plan_id) is PlanState.IN_PROGRESS
    err = refused_without_writing(
        ctx, lambda: report_plan(ctx, insp_a, plan_id, "  "), InvalidInput
    )
    assert isinstance(err, InvalidInput) and err.field == "report"
    assert report_plan(ctx, insp_a, plan_id, "发现问题三项，已提出整改要求。") is PlanState.REPORTED
    assert close_plan(ctx, sup, plan_id) is PlanState.CLOSED

    view = get_plan(ctx, insp_a, plan_id)
    assert view.state is PlanState.CLOSED and view.report == "发现问题三项，已提出整改要求。"
    assert [(a.step, a.approver_id, a.outcome) for a in view.approvals] == [
        ("first", office.users["sup"], "approved"),
        ("second", office.users["head"], "approved"),
    ]
    assert view.version == 7
    assert audit_actions(ctx, plan_id) == [
        "plan.create",
        "plan.submit",
        "plan.approve",
        "plan.second_approve",
        "plan.start",
        "plan.report",
        "plan.close",
    ]
    ops = last_ops(ctx, 6)
    assert [op.action for op in ops] == [
        "plan.submit",
        "plan.approve",
        "plan.second_approve",
        "plan.start",
        "plan.report",
        "plan.close",
    ]
    assert [op.base_version for op in ops] == [1, 2, 3, 4, 5, 6]
    assert ops[1].changes["state"] == "first_approved"
    (row,) = ops[1].changes["approvals"]
    assert row["approver_id"] == office.users["sup"] and row["step"] == "first"
    assert ops[2].changes["approvals"][0]["step"] == "second"
    assert ops[4].changes["report"] == "发现问题三项，已提出整改要求。"


def test_plan_requested_by_agency_also_needs_the_head(
    ctx: Context, login: Login, office: Office
) -> None:
    plan_id = approved_plan(ctx, login, office, requested_by_agency=True)
    assert get_plan(ctx, login("sup"), plan_id).state is PlanState.FIRST_APPROVED


def test_ordinary_plan_is_approved_once(ctx: Context, login: Login, office: Office) -> None:
    plan_id = approved_plan(ctx, login, office)
    head = login("head")
    assert get_plan(ctx, head, plan_id).state is PlanState.APPROVED
    err = refused_without_writing(
        ctx, lambda: second_approve_plan(ctx, head, plan_id), RuleViolation
    )
    assert isinstance(err, RuleViolation) and err.codes == ("plan.wrong_state",)


def test_submit_needs_two_distinct_inspectors(ctx: Context, login: Login, office: Office) -> None:
    insp_a = login("insp_a")
    plan_id = draft(ctx, insp_a, office, team=("insp_a",))
    err = refused_without_writing(ctx, lambda: submit_plan(ctx, insp_a, plan_id), RuleViolation)
    assert isinstance(err, RuleViolation) and err.codes == ("team.too_few",)


def test_submit_refused_to_an_outside_inspector(ctx: Context, login: Login, office: Office) -> None:
    insp_a, insp_c = login("insp_a"), login("insp_c")
    plan_id = draft(ctx, insp_a, office)
    err = refused_without_writing(ctx, lambda: submit_plan(ctx, insp_c, plan_id), RuleViolation)
    assert isinstance(err, RuleViolation) and err.codes == ("plan.not_author_or_team",)


def test_author_cannot_approve_own_plan(ctx: Context, login: Login, office: Office) -> None:
    sup = login("sup")
    plan_id = draft(ctx, sup, office)
    submit_plan(ctx, sup, plan_id)
    err = refused_without_writing(ctx, lambda: approve_plan(ctx, sup, plan_id), RuleViolation)
    assert isinstance(err, RuleViolation) and err.codes == ("plan.approver_not_independent",)
    assert PlanAction.APPROVE not in available_plan_actions(ctx, sup, plan_id)


@pytest.mark.parametrize("username", ["insp_a", "insp_c", "head", "handler"])
def test_approve_refused_to_non_supervisors(
    ctx: Context, login: Login, office: Office, username: str
) -> None:
    insp_a = login("insp_a")
    plan_id = draft(ctx, insp_a, office)
    submit_plan(ctx, insp_a, plan_id)
    user = login(username)
    refused_without_writing(ctx, lambda: approve_plan(ctx, user, plan_id), Forbidden)


def test_return_with_reason_then_resubmit(ctx: Context, login: Login, office: Office) -> None:
    insp_a, sup = login("insp_a"), login("sup")
    plan_id = draft(ctx, insp_a, office)
    submit_plan(ctx, insp_a, plan_id)

    err = refused_without_writing(ctx, lambda: return_plan(ctx, sup, plan_id, " "), RuleViolation)
    assert isinstance(err, RuleViolation) and err.codes == ("plan.reason_required",)

    assert return_plan(ctx, sup, plan_id, "督查方式不具体") is PlanState.RETURNED
    view = get_plan(ctx, insp_a, plan_id)
    assert view.return_reason == "督查方式不具体"
    assert [(a.outcome, a.reason) for a in view.approvals] == [("returned", "督查方式不具体")]
    (op,) = last_ops(ctx)
    assert op.action == "plan.return" and op.changes["return_reason"] == "督查方式不具体"

    update_plan(ctx, insp_a, plan_id, method="查阅台账、现场察看、个别谈话")
    assert submit_plan(ctx, insp_a, plan_id) is PlanState.SUBMITTED
    assert get_plan(ctx, insp_a, plan_id).return_reason == ""
    assert approve_plan(ctx, sup, plan_id) is PlanState.APPROVED


def test_head_returns_a_first_approved_plan(ctx: Context, login: Login, office: Office) -> None:
    plan_id = approved_plan(ctx, login, office, major=True)
    sup, head = login("sup"), login("head")
    err = refused_without_writing(
        ctx, lambda: return_plan(ctx, sup, plan_id, "请主要负责人审"), RuleViolation
    )
    assert isinstance(err, RuleViolation) and err.codes == ("plan.role_required",)
    assert return_plan(ctx, head, plan_id, "范围过宽") is PlanState.RETURNED
    steps = [(a.step, a.outcome) for a in get_plan(ctx, head, plan_id).approvals]
    assert steps == [("first", "approved"), ("second", "returned")]


def test_special_inspection_needs_government_approval_where_profile_says(
    ctx: Context, login: Login, office: Office
) -> None:
    mas = Context(ctx.store, ctx.device_id, load_profile("maanshan-2005"), clock=ctx.clock)
    insp_a = login("insp_a")
    plan_id = draft(mas, insp_a, office, kind="special", special_item=1)
    err = refused_without_writing(mas, lambda: submit_plan(mas, insp_a, plan_id), RuleViolation)
    assert isinstance(err, RuleViolation) and err.codes == ("plan.government_approval_required",)
    update_plan(mas, insp_a, plan_id, government_approval_ref="马政〔2026〕12号")
    assert submit_plan(mas, insp_a, plan_id) is PlanState.SUBMITTED
    assert get_plan(mas, insp_a, plan_id).profile_id == "maanshan-2005"


def test_missing_plan_is_not_found(ctx: Context, login: Login) -> None:
    sup = login("sup")
    refused_without_writing(ctx, lambda: approve_plan(ctx, sup, "no-such-plan"), NotFound)
    with pytest.raises(NotFound):
        get_plan(ctx, sup, "no-such-plan")


# ------------------------------------------------------- 暗访 confidentiality


def test_unannounced_plan_is_confidential_until_reported(
    ctx: Context, login: Login, office: Office
) -> None:
    insp_a, insp_b, insp_c = login("insp_a"), login("insp_b"), login("insp_c")
    sup, head, admin = login("sup"), login("head"), login("admin")
    secret = draft(ctx, insp_a, office, title="暗访窗口作风", kind="unannounced")
    public = draft(ctx, insp_a, office, title="公开督查")

    for outsider in (insp_c, admin, login("handler")):
        with pytest.raises(NotFound) as hidden:
            get_plan(ctx, outsider, secret)
        assert hidden.value.code == NotFound.code  # the same answer as a missing plan
        assert [p.id for p in list_plans(ctx, outsider)] == [public]
        with pytest.raises(NotFound):
            available_plan_actions(ctx, outsider, secret)
    # acting on it is NotFound too, not Forbidden, and writes nothing
    refused_without_writing(ctx, lambda: submit_plan(ctx, insp_c, secret), NotFound)
    refused_without_writing(ctx, lambda: update_plan(ctx, insp_c, secret, title="x"), NotFound)

    # the team and the designated approvers (supervisor, office head of the office) see it
    for insider in (insp_a, insp_b, sup, head):
        assert get_plan(ctx, insider, secret).title == "暗访窗口作风"
        assert {p.id for p in list_plans(ctx, insider)} == {secret, public}

    submit_plan(ctx, insp_a, secret)
    approve_plan(ctx, sup, secret)
    start_plan(ctx, insp_a, secret)
    with pytest.raises(NotFound):
        get_plan(ctx, insp_c, secret)
    report_plan(ctx, insp_b, secret, "暗访发现窗口人员脱岗两人次。")
    # once reported, everyone may see it
    assert get_plan(ctx, insp_c, secret).state is PlanState.REPORTED
    assert get_plan(ctx, admin, secret).report == "暗访发现窗口人员脱岗两人次。"


def test_list_plans_filters_and_pages_after_visibility(
    ctx: Context, login: Login, office: Office
) -> None:
    insp_a, insp_c = login("insp_a"), login("insp_c")
    ids = [
        draft(
            ctx,
            insp_a,
            office,
            title=f"督查{i}",
            starts_on=dt.date(2026, 10, i),
            ends_on=dt.date(2026, 10, 20),
        )
        for i in range(1, 4)
    ]
    secret = draft(  # same start as ids[1] but newer: listed before it
        ctx,
        insp_a,
        office,
        title="暗访",
        kind="unannounced",
        starts_on=dt.date(2026, 10, 2),
        ends_on=dt.date(2026, 10, 20),
    )
    submit_plan(ctx, insp_a, ids[0])

    # newest start first; the hidden plan neither shows nor shifts the pages
    assert [p.id for p in list_plans(ctx, insp_c)] == [ids[2], ids[1], ids[0]]
    assert [p.id for p in list_plans(ctx, insp_c, limit=1, offset=1)] == [ids[1]]
    assert [p.id for p in list_plans(ctx, insp_a, limit=2, offset=1)] == [secret, ids[1]]
    assert [p.id for p in list_plans(ctx, insp_c, state="submitted")] == [ids[0]]
    assert [p.id for p in list_plans(ctx, insp_c, state=PlanState.DRAFT)] == [ids[2], ids[1]]
    assert [p.id for p in list_plans(ctx, insp_c, search="督查2")] == [ids[1]]
    assert list_plans(ctx, insp_c, search="暗访") == []
    assert list_plans(ctx, insp_c, search="100%") == []
    with pytest.raises(InvalidInput) as err:
        list_plans(ctx, insp_c, state="archived")
    assert err.value.field == "state"
    with pytest.raises(InvalidInput) as err:
        list_plans(ctx, insp_c, limit=0)
    assert err.value.field == "limit"


# ------------------------------------------------------- all or nothing


def test_failure_after_the_writes_rolls_everything_back(
    ctx: Context, login: Login, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    insp_a = login("insp_a")
    plan_id = draft(ctx, insp_a, office)
    submit_plan(ctx, insp_a, plan_id)
    sup = login("sup")
    real_change = base.change

    def change_then_crash(*args: Any, **kwargs: Any) -> OutboxOp:
        real_change(*args, **kwargs)  # record, approval row, audit entry and op are flushed
        raise RuntimeError("disk full")

    monkeypatch.setattr(plans, "change", change_then_crash)
    before = snapshot(ctx)
    with pytest.raises(RuntimeError):
        approve_plan(ctx, sup, plan_id)
    assert snapshot(ctx) == before
    monkeypatch.undo()
    view = get_plan(ctx, sup, plan_id)
    assert view.state is PlanState.SUBMITTED and view.approvals == () and view.version == 2


def test_failing_audit_append_leaves_no_record(
    ctx: Context, login: Login, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    insp_a = login("insp_a")

    def crash(*args: Any, **kwargs: Any) -> AuditEntry:
        raise RuntimeError("audit trail unavailable")

    monkeypatch.setattr(audit, "append", crash)
    before = snapshot(ctx)
    with pytest.raises(RuntimeError):
        draft(ctx, insp_a, office)
    assert snapshot(ctx) == before
    assert before["inspection_plans"] == []
