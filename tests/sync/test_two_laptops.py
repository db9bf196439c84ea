"""Two laptops and the real server (uvicorn on a socket, PostgreSQL and
SQLite): what one laptop does offline reaches the other, nothing is applied
twice, workflow conflicts come back as conflicts to resolve, free text merges
by hybrid logical clock, and a connection cut mid-sync loses and doubles
nothing. Each test ends with the same state hash on both laptops and the server.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

import pytest
from sqlalchemy import select, update

from desktop.crypto import ComplainantIdentity
from desktop.services import complaints, decisions, plans, sync as sync_service
from desktop.services.base import ServiceError
from desktop.store.models import (
    AuditEntry,
    Complaint,
    InspectionPlan,
    OutboxOp,
    PerformanceRating,
    SyncState,
)
from desktop.sync.engine import sync_once
from desktop.sync.errors import SyncUnavailable

from .support import CutAfterSending, Laptop, LiveServer

MakeLaptop = Callable[[str], Laptop]
LIN = ComplainantIdentity(
    name="林晓梅",
    id_number="350102199003076721",
    phone="13905912345",
    address="福州市鼓楼区五四路 88 号",
    notes="来电称窗口多次要求补交材料",
)
SECRETS = ("林晓梅", "350102199003076721", "13905912345")
PLANS = ("inspection_plans",)


def new_plan(laptop: Laptop, title: str = "窗口服务专项督查") -> str:
    office = laptop.office
    today = laptop.ctx.today()
    return plans.create_plan(
        laptop.ctx,
        laptop.login("s_insp_a"),
        title=title,
        kind="focus",
        subject_agency_id=office.agency,
        scope="窗口服务",
        method="查阅资料",
        starts_on=today + dt.timedelta(days=7),
        ends_on=today + dt.timedelta(days=30),
        team_ids=[office.users["s_insp_a"], office.users["s_insp_b"]],
    )


def register_lin(laptop: Laptop) -> str:
    """林晓梅's complaint, registered on ``laptop`` by its complaint handler."""
    return complaints.register_complaint(
        laptop.ctx,
        laptop.login("s_handler"),
        channel="hotline_12345",
        received_on=laptop.ctx.today(),
        subject_agency_id=laptop.office.agency,
        matter="窗口多次要求补交材料",
        identity=LIN,
    )


def plan_row(laptop: Laptop, plan_id: str) -> InspectionPlan | None:
    with laptop.ctx.transaction() as db:
        return db.get(InspectionPlan, plan_id)


def same_everywhere(live: LiveServer, entities: tuple[str, ...], *laptops: Laptop) -> None:
    server = live.state_hash(entities)
    assert live.records(entities), "nothing to compare"
    for laptop in laptops:
        assert laptop.state_hash(entities) == server, laptop.name


def outbox_count(laptop: Laptop) -> int:
    return len(laptop.outbox())


# ---------------------------------------------------------------- reaching


def test_a_complaint_and_a_plan_made_offline_reach_the_other_laptop(
    live_server: LiveServer, make_laptop: MakeLaptop, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    a, b = make_laptop("a"), make_laptop("b")
    complaint_id = register_lin(a)
    plan_id = new_plan(a)
    plans.update_plan(a.ctx, a.login("s_insp_a"), plan_id, scope="窗口服务与办件时限")

    report = a.sync("s_handler")
    assert (report.pushed, report.rejected) == (1, 0)
    assert (report.held_back, report.waiting) == (2, 0)  # the inspector's wait for them
    assert report.local_only > 0  # accounts and keys never go to the server
    report = a.sync("s_insp_a")
    assert (report.pushed, report.rejected, report.held_back, report.waiting) == (2, 0, 0, 0)
    assert {o.status for o in a.outbox()} <= {"pushed", "local"}

    # B's inspector sees the plan, not the complaint (not a complaint reader)
    before = outbox_count(b)
    report = b.sync("s_insp_b")  # B's first sync: the plan as the server has it now
    assert (report.pulled, report.applied) == (1, 1)
    plan = plan_row(b, plan_id)
    assert plan is not None
    assert (plan.scope, plan.version, plan.team_ids) == (
        "窗口服务与办件时限",
        2,
        (a.office.users["s_insp_a"], a.office.users["s_insp_b"]),
    )
    with b.ctx.transaction() as db:
        assert db.get(Complaint, complaint_id) is None
    # B's supervisor gets the complaint without the identity fields ...
    b.sync("s_sup")
    with b.ctx.transaction() as db:
        complaint = db.get(Complaint, complaint_id)
        assert complaint is not None and complaint.matter == "窗口多次要求补交材料"
        assert complaint.sealed_identity is None and complaint.id_number_index is None
    # ... B's handler gets them and can open the identity sealed on A
    b.sync("s_handler")
    opened = complaints.reveal_identity(b.ctx, b.login("s_handler"), complaint_id)
    assert (opened.name, opened.id_number, opened.phone) == (LIN.name, LIN.id_number, LIN.phone)
    assert outbox_count(b) == before  # applying pulled ops made no outbox op
    # each user's first sync took the records as they are: the supervisor's wrote
    # the complaint (listing its registration for the record list), the handler's
    # added the identity half to the copy B had
    entries = b.audit("sync.apply")
    written = [e.details["snapshot"]["written"] for e in entries if "snapshot" in e.details]
    assert {"complaints": 1} in written
    listed = [
        op
        for e in entries
        for op in e.details["ops"]
        if op["op_id"] and op["entity_id"] == complaint_id
    ]
    assert {op["action"] for op in listed} == {"complaint.register"}
    assert {op["origin"] for op in listed} == {a.ctx.device_id}
    copies = [op for e in entries for op in e.details["ops"] if not op["op_id"]]
    identity = {"sealed_identity", "id_number_index", "phone_index"}
    assert any(identity <= set(op["fields"]) for op in copies)
    assert b.applied() == []  # no op was replayed

    a.sync("s_insp_a")
    same_everywhere(live_server, ("inspection_plans", "complaints"), a, b)
    logs = "\n".join(r.getMessage() for r in caplog.records)
    for secret in (*SECRETS, "correct horse 1"):
        assert secret not in logs


# ------------------------------------------------------------- idempotence


def test_pushing_the_same_batch_twice_applies_nothing_twice(
    live_server: LiveServer, make_laptop: MakeLaptop
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    plan_id = new_plan(a)
    plans.submit_plan(a.ctx, a.login("s_insp_a"), plan_id)
    first = a.sync("s_insp_a")
    assert (first.pushed, first.duplicates) == (2, 0)
    mine = [o.op_id for o in a.outbox() if o.entity_id == plan_id]
    applied_before = len(a.audit("sync.apply"))
    # as if the answers had been lost: the same ops are pending again
    with a.ctx.transaction() as db:
        db.execute(update(OutboxOp).where(OutboxOp.op_id.in_(mine)).values(status="pending"))
    again = a.sync("s_insp_a")
    assert (again.pushed, again.duplicates, again.rejected) == (0, 2, 0)
    assert again.pulled == 0 and len(a.audit("sync.apply")) == applied_before
    assert {o.status for o in a.outbox() if o.op_id in mine} == {"pushed"}
    logged = live_server.logged(mine)
    assert len(logged) == 2 and {o.status for o in logged} == {"accepted"}
    record = live_server.records(PLANS)
    assert [(r[1], r[2]) for r in record] == [(plan_id, 2)]
    plan = plan_row(a, plan_id)
    assert plan is not None and (plan.version, plan.state) == (2, "submitted")
    b.sync("s_insp_b")
    same_everywhere(live_server, PLANS, a, b)


# ------------------------------------------------------ workflow conflict


def test_a_workflow_conflict_comes_back_as_a_conflict_and_is_resolved(
    live_server: LiveServer, make_laptop: MakeLaptop
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    plan_id = new_plan(a)
    plans.submit_plan(a.ctx, a.login("s_insp_a"), plan_id)
    a.sync("s_insp_a")
    b.sync("s_sup2")
    before = plan_row(b, plan_id)
    assert before is not None and (before.state, before.version) == ("submitted", 2)

    # offline: A's supervisor approves, B's other supervisor returns the same plan
    plans.approve_plan(a.ctx, a.login("s_sup"), plan_id)
    plans.return_plan(b.ctx, b.login("s_sup2"), plan_id, "请补充抽查案卷数量")
    assert a.sync("s_sup").pushed == 1
    report = b.sync("s_sup2")
    assert (report.pushed, report.rejected) == (0, 1)

    # on B: the plan shows the server's state; the return is a conflict
    plan = plan_row(b, plan_id)
    assert plan is not None
    assert (plan.state, plan.return_reason, plan.version) == ("approved", "", 3)
    assert [x.outcome for x in plan.approvals] == ["approved"]
    status = sync_service.sync_status(b.ctx, b.login("s_sup2"))
    assert status.rejected == 1 and len(status.conflicts) == 1
    conflict = status.conflicts[0]
    assert (conflict.action, conflict.status, conflict.code) == (
        "plan.return",
        "rejected",
        "conflict.base_version",
    )
    assert "已被其他人修改" in conflict.reason
    assert conflict.local_changes["state"] == "returned"
    assert conflict.local_changes["return_reason"] == "请补充抽查案卷数量"
    assert conflict.server_state is not None and conflict.server_state["state"] == "approved"
    assert conflict.label == "窗口服务专项督查"
    # the supervisor on A has no conflict; others may not resolve B's supervisor's op
    assert sync_service.sync_status(a.ctx, a.login("s_sup")).conflicts == []
    with pytest.raises(ServiceError, match="本人"):
        sync_service.resolve_conflict(
            b.ctx, b.login("s_insp_b"), conflict.op_id, sync_service.DISCARD_MINE
        )

    # making the return again is checked on the approved plan: refused
    with pytest.raises(ServiceError) as refused:
        sync_service.resolve_conflict(b.ctx, b.login("s_sup2"), conflict.op_id, "retry")
    assert refused.value.code == "sync.retry_refused"
    assert len(sync_service.sync_status(b.ctx, b.login("s_sup2")).conflicts) == 1
    # dropping it: the server's state stays, audited
    sync_service.resolve_conflict(
        b.ctx, b.login("s_sup2"), conflict.op_id, sync_service.DISCARD_MINE
    )
    assert sync_service.sync_status(b.ctx, b.login("s_sup2")).conflicts == []
    assert [o.status for o in b.outbox() if o.op_id == conflict.op_id] == ["discarded"]
    assert [e.details["op_id"] for e in b.audit("sync.discard")] == [conflict.op_id]
    assert b.sync("s_sup2").to_push == 0
    a.sync("s_insp_a")
    same_everywhere(live_server, PLANS, a, b)


def test_a_refused_edit_is_made_again_on_the_servers_version(
    live_server: LiveServer, make_laptop: MakeLaptop
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    plan_id = new_plan(a)
    a.sync("s_insp_a")
    b.sync("s_insp_b")
    # both retitle the plan offline (a title does not merge: one is refused)
    plans.update_plan(a.ctx, a.login("s_insp_a"), plan_id, title="标题甲")
    b.clock.advance(seconds=2)
    plans.update_plan(b.ctx, b.login("s_insp_b"), plan_id, title="标题乙")
    a.sync("s_insp_a")
    assert b.sync("s_insp_b").rejected == 1
    plan = plan_row(b, plan_id)
    assert plan is not None and plan.title == "标题甲"  # the server's, until resolved
    (conflict,) = sync_service.sync_status(b.ctx, b.login("s_insp_b")).conflicts
    assert conflict.local_changes == {"title": "标题乙"}
    assert conflict.server_state == {"title": "标题甲"}
    new_op = sync_service.resolve_conflict(b.ctx, b.login("s_insp_b"), conflict.op_id, "retry")
    assert new_op is not None
    made = [o for o in b.outbox() if o.op_id == new_op]
    assert made[0].base_version == 2 and made[0].status == "pending"
    assert [o.status for o in b.outbox() if o.op_id == conflict.op_id] == ["retried"]
    assert b.sync("s_insp_b").pushed == 1
    a.sync("s_insp_a")
    plan = plan_row(a, plan_id)
    assert plan is not None and (plan.title, plan.version) == ("标题乙", 3)
    same_everywhere(live_server, PLANS, a, b)


def test_a_refused_new_record_is_dropped_and_the_servers_one_written(
    live_server: LiveServer, make_laptop: MakeLaptop
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    year = a.ctx.today().year - 1
    # both laptops rate the agency for the same year offline (one rating a year)
    kept = decisions.set_rating(a.ctx, a.login("s_sup"), a.office.agency, year, "良好")
    mine = decisions.set_rating(b.ctx, b.login("s_sup2"), b.office.agency, year, "优秀")
    assert a.sync("s_sup").pushed == 1
    report = b.sync("s_sup2")
    assert (report.rejected, report.parked) == (1, 1)  # A's cannot be written beside B's
    (conflict,) = sync_service.sync_status(b.ctx, b.login("s_sup2")).conflicts
    assert (conflict.action, conflict.code) == ("rating.set", "rating.exists")
    assert conflict.server_state is None  # the server has no such record
    # made again, it is judged again: refused again
    again = sync_service.resolve_conflict(b.ctx, b.login("s_sup2"), conflict.op_id, "retry")
    assert b.sync("s_sup2").rejected == 1
    (conflict,) = sync_service.sync_status(b.ctx, b.login("s_sup2")).conflicts
    assert conflict.op_id == again
    sync_service.resolve_conflict(
        b.ctx, b.login("s_sup2"), conflict.op_id, sync_service.DISCARD_MINE
    )
    with b.ctx.transaction() as db:
        assert db.get(PerformanceRating, mine) is None
        rating = db.get(PerformanceRating, kept)
        assert rating is not None and rating.rating == "良好"
    assert b.sync("s_sup2").parked == 0
    same_everywhere(live_server, ("performance_ratings",), a, b)


# -------------------------------------------------------------- free text


def test_free_text_edited_on_both_laptops_merges_by_hlc(
    live_server: LiveServer, make_laptop: MakeLaptop
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    plan_id = new_plan(a)
    a.sync("s_insp_a")
    b.sync("s_insp_b")
    insp_a, insp_b = a.login("s_insp_a"), b.login("s_insp_b")
    # offline, in this order of time: A scope, B scope, B method, A method
    plans.update_plan(a.ctx, insp_a, plan_id, scope="范围（甲）")
    b.clock.advance(seconds=3)
    plans.update_plan(b.ctx, insp_b, plan_id, scope="范围（乙）")
    b.clock.advance(seconds=1)
    plans.update_plan(b.ctx, insp_b, plan_id, method="方式（乙）")
    a.clock.advance(seconds=9)
    plans.update_plan(a.ctx, insp_a, plan_id, method="方式（甲）")

    assert b.sync("s_insp_b").pushed == 2
    report = a.sync("s_insp_a")
    assert (report.pushed, report.merged, report.rejected) == (2, 2, 0)
    b.sync("s_insp_b")
    for laptop in (a, b):
        plan = plan_row(laptop, plan_id)
        assert plan is not None
        assert (plan.scope, plan.method) == ("范围（乙）", "方式（甲）"), laptop.name
    (record,) = live_server.records(PLANS)
    assert (record[3]["scope"], record[3]["method"]) == ("范围（乙）", "方式（甲）")
    assert not sync_service.sync_status(a.ctx, insp_a).conflicts
    same_everywhere(live_server, PLANS, a, b)


def test_a_pending_local_edit_on_a_record_changed_on_the_server_is_shown(
    live_server: LiveServer, make_laptop: MakeLaptop
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    plan_id = new_plan(a)
    a.sync("s_insp_a")
    b.sync("s_insp_b")
    plans.update_plan(a.ctx, a.login("s_insp_a"), plan_id, scope="范围（甲）")
    a.sync("s_insp_a")
    b.clock.advance(seconds=5)
    plans.update_plan(b.ctx, b.login("s_insp_b"), plan_id, scope="范围（乙）")
    # another user syncs on B: the inspector's edit waits, A's edit arrives
    report = b.sync("s_sup")
    # its first sync on B: the plan as the server has it (with A's edit)
    assert (report.held_back, report.pulled) == (1, 1)
    plan = plan_row(b, plan_id)
    assert plan is not None and (plan.scope, plan.version) == ("范围（乙）", 2)  # kept
    (conflict,) = sync_service.sync_status(b.ctx, b.login("s_insp_b")).conflicts
    assert conflict.status == "pending"
    assert conflict.local_changes == {"scope": "范围（乙）"}
    assert conflict.server_state == {"scope": "范围（甲）"}
    with pytest.raises(ServiceError):
        sync_service.resolve_conflict(b.ctx, b.login("s_insp_b"), conflict.op_id, "retry")
    # the inspector syncs: the later edit wins (free text, by HLC)
    report = b.sync("s_insp_b")
    assert (report.pushed, report.merged) == (1, 1)
    assert sync_service.sync_status(b.ctx, b.login("s_insp_b")).conflicts == []
    a.sync("s_insp_a")
    plan = plan_row(a, plan_id)
    assert plan is not None and (plan.scope, plan.version) == ("范围（乙）", 3)
    same_everywhere(live_server, PLANS, a, b)


# ------------------------------------------------------------------- cuts


def test_a_connection_cut_mid_push_and_mid_pull_loses_and_doubles_nothing(
    live_server: LiveServer, make_laptop: MakeLaptop
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    insp = a.login("s_insp_a")
    plan_id = new_plan(a)
    a.sync("s_insp_a")
    b.sync("s_insp_b")  # B's first sync takes the plan whole; later ones pull ops
    created = {o.op_id for o in a.outbox()}
    plans.update_plan(a.ctx, insp, plan_id, scope="一")
    plans.update_plan(a.ctx, insp, plan_id, method="二")
    plans.update_plan(a.ctx, insp, plan_id, title="三")
    plans.update_plan(a.ctx, insp, plan_id, scope="四")
    plans.submit_plan(a.ctx, insp, plan_id)
    ops = [o.op_id for o in a.outbox() if o.entity_id == plan_id and o.op_id not in created]
    assert len(ops) == 5

    # the second push reaches the server, its answer never reaches the laptop
    cut = CutAfterSending(lambda request, n: request.url.path == "/sync/push" and n == 2)
    client = a.client("s_insp_a", transport=cut)
    with pytest.raises(SyncUnavailable, match="无法连接中心服务器"):
        sync_once(a.ctx, insp, client, push_batch=2)
    client.close()
    assert cut.cuts == 1
    statuses = {o.op_id: o.status for o in a.outbox()}
    assert [statuses[o] for o in ops] == ["pushed", "pushed", "pending", "pending", "pending"]
    assert len(live_server.logged(ops)) == 4  # the server has the cut batch

    report = a.sync("s_insp_a")
    assert (report.pushed, report.duplicates, report.rejected) == (1, 2, 0)
    logged = live_server.logged(ops)
    assert len(logged) == 5 and {o.status for o in logged} == {"accepted"}
    assert sorted(o.version or 0 for o in logged) == [2, 3, 4, 5, 6]

    # B's pull is cut after its first page: the cursor stays where the store is
    cut = CutAfterSending(lambda request, n: request.url.path == "/sync/pull" and n == 2)
    insp_b = b.login("s_insp_b")
    client = b.client("s_insp_b", transport=cut)
    with pytest.raises(SyncUnavailable):
        sync_once(b.ctx, insp_b, client, pull_limit=2)
    client.close()
    with b.ctx.transaction() as db:
        state = db.get(SyncState, (b.ctx.device_id, insp_b.user_id))
        assert state is not None and state.cursor > 0
        plan = db.get(InspectionPlan, plan_id)
        assert plan is not None and plan.version == 3
    b.sync("s_insp_b", pull_limit=2)
    pairs = b.applied()
    assert {op for op, _ in pairs} == set(ops) and len(pairs) == len(set(pairs))
    plan = plan_row(b, plan_id)
    assert plan is not None
    assert (plan.title, plan.scope, plan.state, plan.version) == ("三", "四", "submitted", 6)
    same_everywhere(live_server, PLANS, a, b)


def test_the_last_sync_time_and_an_error_are_kept(
    live_server: LiveServer, make_laptop: MakeLaptop
) -> None:
    a = make_laptop("a")
    insp = a.login("s_insp_a")
    assert sync_service.sync_status(a.ctx, insp).last_sync_at is None
    new_plan(a)
    a.sync("s_insp_a")
    status = sync_service.sync_status(a.ctx, insp)
    assert status.last_sync_at is not None and status.last_error == ""
    assert status.pending == 0 and status.pending_mine == 0
    cut = CutAfterSending(lambda request, n: request.url.path == "/sync/pull")
    client = a.client("s_insp_a", transport=cut)
    with pytest.raises(SyncUnavailable):
        sync_once(a.ctx, insp, client)
    client.close()
    assert "无法连接" in sync_service.sync_status(a.ctx, insp).last_error
    with a.ctx.transaction() as db:
        entries = db.scalars(select(AuditEntry).where(AuditEntry.action == "sync.sign_in"))
        assert all("correct horse" not in str(e.details) for e in entries)


def test_own_edits_are_not_rolled_back_when_a_pull_stops_between_pages(
    live_server: LiveServer, make_laptop: MakeLaptop
) -> None:
    a = make_laptop("a")
    insp = a.login("s_insp_a")
    plan_id = new_plan(a)
    a.sync("s_insp_a")  # the first sync: its own plan comes back whole, as it was
    assert a.audit("sync.apply") == []
    plans.update_plan(a.ctx, insp, plan_id, title="第一次改")
    plans.update_plan(a.ctx, insp, plan_id, title="第二次改")
    # pushed whole; the pull (one op a page) is cut after the first page
    cut = CutAfterSending(lambda request, n: request.url.path == "/sync/pull" and n == 2)
    client = a.client("s_insp_a", transport=cut)
    with pytest.raises(SyncUnavailable):
        sync_once(a.ctx, insp, client, pull_limit=1)
    client.close()
    plan = plan_row(a, plan_id)
    assert plan is not None and (plan.title, plan.version) == ("第二次改", 3)
    a.sync("s_insp_a", pull_limit=1)
    plan = plan_row(a, plan_id)
    assert plan is not None and (plan.title, plan.version) == ("第二次改", 3)
    assert a.audit("sync.apply") == []  # nothing of A's own came back different
    same_everywhere(live_server, PLANS, a)


@pytest.mark.parametrize("days", [1, -1], ids=["a-ahead", "b-behind"])
def test_a_laptop_clock_a_day_off_does_not_win_over_a_later_edit(
    days: int, live_server: LiveServer, make_laptop: MakeLaptop
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    plan_id = new_plan(a)
    a.sync("s_insp_a")
    b.sync("s_insp_b")
    # A's clock a day ahead, or B's a day behind: either way B's later edit
    # would carry the older wall time
    (a if days > 0 else b).clock.advance(days=days)
    plans.update_plan(a.ctx, a.login("s_insp_a"), plan_id, scope="甲（先改）")
    a.sync("s_insp_a")
    b.sync("s_insp_b")  # B sees A's stamp: B's clock moves past it
    plans.update_plan(b.ctx, b.login("s_insp_b"), plan_id, scope="乙（之后修改）")
    (op,) = [o for o in b.outbox() if o.status == "pending"]
    (a_op,) = [o for o in a.outbox() if o.action == "plan.update"]
    assert op.hlc > a_op.hlc
    assert b.sync("s_insp_b").pushed == 1
    a.sync("s_insp_a")
    for laptop in (a, b):
        plan = plan_row(laptop, plan_id)
        assert plan is not None and plan.scope == "乙（之后修改）", laptop.name
    same_everywhere(live_server, PLANS, a, b)


def test_a_complaints_history_shows_what_colleagues_did_on_other_laptops(
    make_laptop: MakeLaptop, live_server: LiveServer
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    complaint_id = register_lin(a)
    a.sync("s_handler")
    b.clock.advance(hours=1)  # B syncs an hour later
    b.sync("s_handler")
    complaints.reveal_identity(b.ctx, b.login("s_handler"), complaint_id)
    on_a = complaints.complaint_history(a.ctx, a.login("s_handler"), complaint_id)
    on_b = complaints.complaint_history(b.ctx, b.login("s_handler"), complaint_id)
    registered = on_a[0]
    assert registered.action == "complaint.register" and registered.user_name
    # on B: the registration as A's handler made it, at its own time, then B's reading
    assert [(h.action, h.user_name) for h in on_b] == [
        ("complaint.register", registered.user_name),
        ("complaint.reveal_identity", registered.user_name),
    ]
    assert abs(on_b[0].at - registered.at) < dt.timedelta(seconds=2)
    # A's own op, pulled back, is not listed twice
    a.sync("s_handler")
    again = complaints.complaint_history(a.ctx, a.login("s_handler"), complaint_id)
    assert [h.action for h in again] == ["complaint.register"]
    reveals = complaints.complaint_history(
        b.ctx, b.login("s_handler"), complaint_id, actions={"complaint.reveal_identity"}
    )
    assert [h.action for h in reveals] == ["complaint.reveal_identity"]
