"""The dashboard service on the demo data: each role's tasks, the deadlines with
working days on the official calendar and the uncovered-year warning, the
complaint figures per month, and the warning-window setting."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.demo import DEMO_PASSWORD, Demo, build_demo
from desktop.domain.calendar import UncoveredYearWarning, WorkCalendar, set_default_calendar
from desktop.domain.deadlines import Urgency, deadline_status
from desktop.resources import load_profile
from desktop.services import auth, complaints, dashboard, decisions, rectifications
from desktop.services.auth import SessionLocked, UserSession
from desktop.services.base import Context, Forbidden, InvalidInput
from desktop.store.db import open_store
from desktop.store.models import AuditEntry, Complaint, Setting

from .conftest import Clock

DEVICE = "0190a000-0000-7000-8000-0000000000d2"
# 2026-11-26 10:00 China time: the demo's "today".
TODAY = dt.date(2026, 11, 26)
NOW = dt.datetime(2026, 11, 26, 2, 0, tzinfo=dt.UTC)
# 2026-12-02 (a Wednesday) 10:00 China time: the demo's 鼓东街道 complaint
# (due 11-30) and urgent complaint (due 12-01) are overdue by then.
LATER = dt.date(2026, 12, 2)
LATER_NOW = dt.datetime(2026, 12, 2, 2, 0, tzinfo=dt.UTC)
# The demo's Ma'anshan records: another jurisdiction's, never on a Fujian dashboard.
MAS_KEYS = (("complaints", "mas_hotline"), ("plans", "mas_special"), ("decisions", "zhoujie"))

Login = Callable[[str], UserSession]


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Demo]:
    folder = tmp_path_factory.mktemp("dashboard-demo")
    store = open_store(folder)
    demo = build_demo(Context(store, DEVICE, load_profile("fujian-2024")))
    store.close()
    return folder, demo


@pytest.fixture
def demo(demo_store: tuple[Path, Demo]) -> Demo:
    return demo_store[1]


@pytest.fixture
def dclock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def dctx(demo_store: tuple[Path, Demo], tmp_path: Path, dclock: Clock) -> Iterator[Context]:
    folder = tmp_path / "demo"
    shutil.copytree(demo_store[0], folder)
    store = open_store(folder)
    yield Context(store, DEVICE, load_profile("fujian-2024"), clock=dclock)
    store.close()


@pytest.fixture
def as_user(dctx: Context) -> Login:
    return lambda username: auth.sign_in(dctx, username, DEMO_PASSWORD)


@pytest.fixture
def library_calendar() -> Iterator[None]:
    """Only the library's years (2004–2026), whatever tables are shipped later."""
    set_default_calendar(WorkCalendar.official())
    yield
    set_default_calendar(None)


def by_record(rows: list[dashboard.Task]) -> dict[str, dashboard.Task]:
    return {t.record_id: t for t in rows}


def mas_context(ctx: Context) -> Context:
    """The same store on a Ma'anshan laptop (the 马鞍山 rule profile)."""
    return Context(ctx.store, ctx.device_id, load_profile("maanshan-2005"), clock=ctx.clock)


def mas_ids(demo: Demo) -> set[str]:
    return {getattr(demo, group)[key] for group, key in MAS_KEYS}


def fujian_complaint_ids(ctx: Context) -> set[str]:
    with ctx.transaction() as db:
        return set(db.scalars(select(Complaint.id).where(Complaint.profile_id == "fujian-2024")))


# ------------------------------------------------------------------- tasks


def test_supervisor_sees_plans_awaiting_approval(dctx: Context, demo: Demo, as_user: Login) -> None:
    tasks = by_record(dashboard.my_tasks(dctx, as_user("linzq")))
    submitted = tasks[demo.plans["submitted"]]
    assert submitted.kind == "plan"
    assert submitted.action == "审批督查方案"
    assert submitted.due == dt.date(2026, 12, 1)  # approved before it starts
    assert submitted.working_days_left == 3
    # Ma'anshan's plan awaiting approval is another jurisdiction's (see the
    # Ma'anshan tests below): not on a Fujian laptop's dashboard.
    assert demo.plans["mas_special"] not in tasks
    assert tasks[demo.plans["reported"]].action == "办结督查方案"
    # Not the supervisor's to do: the office head's second approval, the team's work.
    for key in ("first_approved", "approved", "unannounced", "draft", "returned"):
        assert demo.plans[key] not in tasks
    # Complaints waiting to be routed (a supervisor may route, FJ 31).
    assert tasks[demo.complaints["media"]].action == "分办（自办、转办或督办）"
    assert demo.complaints["lin_hotline"] not in tasks  # already routed


def test_office_head_sees_second_approval_draft_decision_and_appeals(
    dctx: Context, demo: Demo, as_user: Login, dclock: Clock
) -> None:
    head = as_user("huangh")
    tasks = by_record(dashboard.my_tasks(dctx, head))
    major = tasks[demo.plans["first_approved"]]
    assert major.action == "作主要负责人审批（重大事项）"
    draft = tasks[demo.decisions["draft"]]
    assert (draft.kind, draft.action) == ("decision", "审核签发问责决定")
    assert draft.title == "孙丽（福州市住房和城乡建设局）"
    assert demo.plans["submitted"] not in tasks  # the supervisor's first approval
    assert not [t for t in tasks.values() if t.kind == "appeal"]  # the demo's appeal is decided

    # A new appeal: the office head decides it within 30 days (FJ 41 第二款).
    appeal_id = decisions.register_appeal(
        dctx,
        as_user("linzq"),
        demo.decisions["gd_street"],
        received_on=TODAY,
        body_id=demo.agencies["fz_office"],
        written=True,
        grounds=["measure_too_heavy"],
    )
    appeal = by_record(dashboard.my_tasks(dctx, head))[appeal_id]
    assert appeal.action == "作出申诉处理决定"
    assert appeal.due == dt.date(2026, 12, 28)  # 30 days, off the Saturday 12-26
    assert (appeal.target_kind, appeal.target_id) == ("decision", demo.decisions["gd_street"])
    assert appeal.title == "鼓东街道办事处"
    # Not the supervisor's to decide.
    assert appeal_id not in by_record(dashboard.my_tasks(dctx, as_user("linzq")))


def test_inspector_sees_their_team_plans_and_open_visits(
    dctx: Context, demo: Demo, as_user: Login
) -> None:
    tasks = dashboard.my_tasks(dctx, as_user("wangjg"))
    plans = {t.record_id: t for t in tasks if t.kind == "plan"}
    assert plans[demo.plans["approved"]].action == "开始实施，开展现场检查"
    secret = plans[demo.plans["unannounced"]]
    assert secret.action == "提交督查报告"
    assert secret.urgency is Urgency.OVERDUE  # ended 2026-11-12
    assert plans[demo.plans["returned"]].action == "按退回意见修改后重新提交审批"
    assert plans[demo.plans["draft"]].action == "完善方案并提交审批"
    visits = [t for t in tasks if t.kind == "visit"]
    assert len(visits) == 1 and visits[0].title.startswith("鼓楼区行政服务中心窗口作风暗访")
    assert visits[0].due == dt.date(2026, 11, 12)
    rectification = [t for t in tasks if t.kind == "rectification"]
    assert len(rectification) == 2
    # Overdue first, then by due date.
    assert tasks[0].urgency is Urgency.OVERDUE
    dues = [t.due for t in tasks if t.urgency is not Urgency.OVERDUE and t.due is not None]
    assert dues == sorted(dues)


def test_unannounced_plan_stays_hidden_from_another_team(
    dctx: Context, demo: Demo, as_user: Login
) -> None:
    """The 暗访 plan's team is wangjg and chenj: liuy sees neither it nor its visit."""
    liuy = as_user("liuy")
    tasks = dashboard.my_tasks(dctx, liuy)
    assert [t.kind for t in tasks] == ["rectification", "rectification"]
    rows = dashboard.deadlines(dctx, liuy)
    assert demo.plans["unannounced"] not in {r.record_id for r in rows}
    assert not any("暗访" in r.label for r in rows)
    assert not any("暗访" in t.title for t in tasks)
    # chenj is on the team and sees it.
    chenj = {r.record_id for r in dashboard.deadlines(dctx, as_user("chenj"))}
    assert demo.plans["unannounced"] in chenj


def test_complaint_handler_sees_open_complaints_with_due_dates(
    dctx: Context, demo: Demo, as_user: Login, dclock: Clock
) -> None:
    zhengl = as_user("zhengl")
    tasks = dashboard.my_tasks(dctx, zhengl)
    assert {t.kind for t in tasks} == {"complaint"}
    c = demo.complaints
    open_keys = ("lin_hotline", "lin_letter", "anonymous", "urgent", "media")
    assert {t.record_id for t in tasks} == {c[k] for k in open_keys}
    assert c["mas_hotline"] not in {t.record_id for t in tasks}  # Ma'anshan's
    with dctx.transaction() as db:
        due = {c.id: c.due_on for c in db.scalars(select(Complaint))}
    for task in tasks:
        assert task.due == due[task.record_id]
        assert task.working_days_left == deadline_status(task.due, TODAY, 3).working_days_left
    first = tasks[0]
    assert first.record_id == c["media"]
    assert (first.due, first.working_days_left, first.urgency) == (
        dt.date(2026, 11, 30),
        2,
        Urgency.DUE_SOON,
    )
    routed = by_record(tasks)[c["lin_hotline"]]
    assert routed.action.startswith("跟踪承办单位反馈（反馈时限 2026-11-30）")

    # A week later two are overdue: they come first, the most overdue on top.
    dclock.now = LATER_NOW
    zhengl.last_activity = LATER_NOW  # still at work, not idle
    tasks = dashboard.my_tasks(dctx, zhengl)
    assert {t.record_id for t in tasks} == {c[k] for k in open_keys}
    for task in tasks:
        assert task.due is not None
        assert task.working_days_left == deadline_status(task.due, LATER, 3).working_days_left
    overdue = [(t.record_id, t.due, t.working_days_left) for t in tasks[:2]]
    assert overdue == [
        (c["media"], dt.date(2026, 11, 30), -2),
        (c["urgent"], dt.date(2026, 12, 1), -1),
    ]
    assert all(t.urgency is Urgency.OVERDUE for t in tasks[:2])
    assert not any(t.urgency is Urgency.OVERDUE for t in tasks[2:])


def test_administrator_has_nothing_to_do(dctx: Context, as_user: Login) -> None:
    admin = as_user("admin")
    assert dashboard.my_tasks(dctx, admin) == []
    assert dashboard.deadlines(dctx, admin) == []
    with pytest.raises(Forbidden):
        dashboard.complaint_stats(dctx, admin)


def test_each_source_is_read_with_a_limit(
    dctx: Context, as_user: Login, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dashboard, "SOURCE_LIMIT", 2)
    zhengl = as_user("zhengl")
    assert len(dashboard.my_tasks(dctx, zhengl)) == 2
    rows = dashboard.deadlines(dctx, zhengl)
    assert len([r for r in rows if r.kind == "complaint"]) == 2


def test_locked_session_is_refused(dctx: Context, as_user: Login, dclock: Clock) -> None:
    zhengl = as_user("zhengl")
    dclock.now = NOW + dt.timedelta(hours=2)
    with pytest.raises(SessionLocked):
        dashboard.my_tasks(dctx, zhengl)


# --------------------------------------------------------------- deadlines


def test_deadlines_by_role_with_working_days(dctx: Context, demo: Demo, as_user: Login) -> None:
    rows = dashboard.deadlines(dctx, as_user("huangh"))
    kinds = {r.kind for r in rows}
    assert kinds == {"complaint", "rectification", "decision", "plan"}
    labels = {r.record_id: r for r in rows}
    overdue_rect = next(r for r in rows if r.kind == "rectification")
    assert overdue_rect.what == "整改要求落实期限"
    assert (overdue_rect.due, overdue_rect.working_days_left) == (dt.date(2026, 11, 18), -6)
    assert overdue_rect.urgency is Urgency.OVERDUE
    assert (overdue_rect.target_kind, overdue_rect.target_id) == ("plan", demo.plans["reported"])
    # Appeal filing windows still open (FJ 41 第一款: 30 days from receipt, off a rest day).
    filing = labels[demo.decisions["zhangwei"]]
    assert filing.what == "申诉期限"
    assert filing.due == dt.date(2026, 11, 30)  # 11-28 is a Saturday
    assert filing.urgency is Urgency.DUE_SOON
    assert demo.decisions["wangfang"] not in labels  # appealed already
    # Plan end dates of approved / running plans.
    assert labels[demo.plans["approved"]].due == dt.date(2026, 12, 3)
    assert labels[demo.plans["unannounced"]].urgency is Urgency.OVERDUE  # an approver sees it
    assert not any(r.warning for r in rows)
    assert dashboard.uncovered_warning(rows) == ""
    # A complaint handler: no rectifications nor plans (not theirs to read).
    handler = {r.kind for r in dashboard.deadlines(dctx, as_user("zhengl"))}
    assert handler == {"complaint", "decision"}


def test_appeal_decision_deadline_is_listed(dctx: Context, demo: Demo, as_user: Login) -> None:
    appeal_id = decisions.register_appeal(
        dctx,
        as_user("linzq"),
        demo.decisions["gd_street"],
        received_on=TODAY,
        body_id=demo.agencies["fz_office"],
        written=True,
        grounds=["measure_too_heavy"],
    )
    rows = {r.record_id: r for r in dashboard.deadlines(dctx, as_user("linzq"))}
    assert rows[appeal_id].what == "申诉处理期限"
    assert rows[appeal_id].due == dt.date(2026, 12, 28)
    assert demo.decisions["gd_street"] not in rows  # no longer waiting for a filing


def test_deadline_in_a_year_without_holiday_table_warns(
    dctx: Context, as_user: Login, dclock: Clock, demo: Demo, library_calendar: None
) -> None:
    """A complaint received on 2026-12-24 is due in 2027, a year with no table."""
    dclock.now = dt.datetime(2026, 12, 24, 2, 0, tzinfo=dt.UTC)
    zhengl = as_user("zhengl")
    new_id = complaints.register_complaint(
        dctx,
        zhengl,
        channel="online",
        received_on=dt.date(2026, 12, 24),
        subject_agency_id=demo.agencies["gl_service"],
        matter="年底窗口提前停止受理业务。",
        identity=None,
    )
    rows = {r.record_id: r for r in dashboard.deadlines(dctx, zhengl)}
    row = rows[new_id]
    assert row.due.year == 2027
    assert row.uncovered_years == frozenset({2027})
    assert row.warning == str(UncoveredYearWarning([2027]))
    assert "2027年的节假日安排尚未录入" in row.warning
    assert rows[demo.complaints["lin_letter"]].warning == ""  # due 2026-12-14, all in 2026
    assert "2027年" in dashboard.uncovered_warning(rows.values())
    task = by_record(dashboard.my_tasks(dctx, zhengl))[new_id]
    assert "2027年" in task.warning


# ------------------------------------------------------------ jurisdiction

OFFICE_USERS = ("zhengl", "wum", "linzq", "huangh", "wangjg", "chenj", "liuy")


def mas_rectification(ctx: Context, demo: Demo, as_user: Login) -> str:
    """A rectification for a Ma'anshan agency, issued on the Ma'anshan laptop."""
    return rectifications.issue_rectification(
        mas_context(ctx),
        as_user("linzq"),
        kind="requirement",
        agency_id=demo.agencies["mas_land"],
        decision_id=demo.decisions["zhoujie"],
        content="清理窗口自行增设的证明材料，公布办事指南。",
        issued_on=TODAY,
    )


def test_fujian_dashboard_never_lists_maanshan_records(
    dctx: Context, demo: Demo, as_user: Login, dclock: Clock
) -> None:
    """The Ma'anshan complaint (overdue since 11-25), plan awaiting approval and
    decision (申诉期限 still running) and a Ma'anshan agency's rectification are
    another jurisdiction's: no Fujian user sees them in tasks or deadlines, now
    or later, and the complaint figures leave them out."""
    rect = mas_rectification(dctx, demo, as_user)
    hidden = mas_ids(demo) | {rect}
    for now in (NOW, LATER_NOW):
        dclock.now = now
        for username in OFFICE_USERS:
            user = as_user(username)
            tasks = dashboard.my_tasks(dctx, user)
            rows = dashboard.deadlines(dctx, user)
            listed = {t.record_id for t in tasks} | {t.target_id for t in tasks}
            listed |= {r.record_id for r in rows} | {r.target_id for r in rows}
            assert not listed & hidden, (username, now)
            texts = [t.title for t in tasks] + [r.label for r in rows]
            assert not any("马鞍山" in text for text in texts), (username, now)
    # Fujian's open records are there (the filter is not hiding everything).
    dclock.now = NOW
    handler = {t.record_id for t in dashboard.my_tasks(dctx, as_user("zhengl"))}
    assert demo.complaints["media"] in handler
    head = {r.record_id for r in dashboard.deadlines(dctx, as_user("huangh"))}
    assert {demo.plans["approved"], demo.decisions["zhangwei"]} <= head
    # Complaint figures: the seven Fujian complaints, not the eighth (Ma'anshan's).
    with dctx.transaction() as db:
        everything = int(db.scalar(select(func.count()).select_from(Complaint)) or 0)
    fujian = fujian_complaint_ids(dctx)
    assert (everything, len(fujian)) == (8, 7)
    stats = dashboard.complaint_stats(dctx, as_user("linzq"))
    assert sum(s.received for s in stats) == 7
    assert sum(s.closed for s in stats) == 2


def test_maanshan_laptop_lists_only_maanshan_records(
    dctx: Context, demo: Demo, as_user: Login
) -> None:
    """The same store on a Ma'anshan laptop: the Ma'anshan complaint shows,
    overdue (received 11-11, due 11-25), and none of Fujian's records do."""
    mas = mas_context(dctx)
    rect = mas_rectification(dctx, demo, as_user)
    fujian = (
        fujian_complaint_ids(dctx)
        | {v for k, v in demo.plans.items() if k != "mas_special"}
        | {v for k, v in demo.decisions.items() if k != "zhoujie"}
    )
    complaint = demo.complaints["mas_hotline"]

    def sign_in(username: str) -> UserSession:
        return auth.sign_in(mas, username, DEMO_PASSWORD)

    # The complaint handler: the one Ma'anshan complaint, overdue.
    zhengl = sign_in("zhengl")
    (task,) = dashboard.my_tasks(mas, zhengl)
    assert (task.kind, task.record_id, task.action) == (
        "complaint",
        complaint,
        "分办（自办、转办或督办）",
    )
    assert task.title.startswith("马鞍山市自然资源和规划局：")
    assert (task.due, task.working_days_left, task.urgency) == (
        dt.date(2026, 11, 25),
        -1,
        Urgency.OVERDUE,
    )
    rows = dashboard.deadlines(mas, zhengl)
    assert {r.record_id for r in rows} == {complaint, demo.decisions["zhoujie"]}
    first = rows[0]
    assert (first.record_id, first.what, first.due, first.urgency) == (
        complaint,
        "投诉办理期限",
        dt.date(2026, 11, 25),
        Urgency.OVERDUE,
    )

    # The supervisor: the Ma'anshan plan to approve, the complaint to route,
    # the Ma'anshan rectification; nothing of Fujian's.
    linzq = sign_in("linzq")
    tasks = by_record(dashboard.my_tasks(mas, linzq))
    assert tasks[demo.plans["mas_special"]].action == "审批督查方案"
    assert tasks[complaint].urgency is Urgency.OVERDUE
    assert tasks[rect].kind == "rectification"
    assert set(tasks) == {demo.plans["mas_special"], complaint, rect}

    for username in OFFICE_USERS:
        user = sign_in(username)
        # Open visits are checked on their own (the test below).
        tasks_ = [t for t in dashboard.my_tasks(mas, user) if t.kind != "visit"]
        rows = dashboard.deadlines(mas, user)
        listed = {t.record_id for t in tasks_} | {t.target_id for t in tasks_}
        listed |= {r.record_id for r in rows} | {r.target_id for r in rows}
        assert not listed & fujian, username
        texts = [t.title for t in tasks_] + [r.label for r in rows]
        assert not any("福州" in text or "鼓楼" in text for text in texts), username

    # Complaint figures: the Ma'anshan complaint only, received in November, open.
    stats = dashboard.complaint_stats(mas, linzq)
    assert stats[-1].month == "2026-11"
    assert (stats[-1].received, stats[-1].closed, stats[-1].closed_on_time) == (1, 0, 0)
    assert all(s.received == s.closed == 0 for s in stats[:-1])


def test_maanshan_laptop_does_not_list_fujian_visits(dctx: Context, demo: Demo) -> None:
    """The open visit of Fujian's 暗访 plan is not a task on a Ma'anshan laptop."""
    mas = mas_context(dctx)
    wangjg = auth.sign_in(mas, "wangjg", DEMO_PASSWORD)  # on the 暗访 plan's team
    assert [t for t in dashboard.my_tasks(mas, wangjg) if t.kind == "visit"] == []


# ------------------------------------------------------------------- stats


def test_complaint_stats_per_month(
    dctx: Context, demo: Demo, as_user: Login, dclock: Clock
) -> None:
    zhengl = as_user("zhengl")
    stats = dashboard.complaint_stats(dctx, zhengl)
    assert [s.month for s in stats][:2] == ["2025-12", "2026-01"]
    assert len(stats) == 12 and stats[-1].month == "2026-11"
    october, november = stats[-2], stats[-1]
    assert (october.received, october.closed, october.closed_on_time) == (2, 1, 1)
    # Fujian's five received in November; Ma'anshan's (11-11) is not counted.
    assert (november.received, november.closed, november.closed_on_time) == (5, 1, 1)
    assert all(s.received == s.closed == 0 for s in stats[:-2])
    assert november.on_time_rate == 100.0 and stats[0].on_time_rate is None
    assert [s.month for s in dashboard.complaint_stats(dctx, zhengl, months=3)] == [
        "2026-09",
        "2026-10",
        "2026-11",
    ]

    # On 2026-12-02: 鼓东街道's complaint (due 11-30) closed two working days
    # late: counted as closed, not on time.
    dclock.now = LATER_NOW
    zhengl.last_activity = LATER_NOW  # still at work, not idle
    complaints.close_complaint(
        dctx,
        zhengl,
        demo.complaints["media"],
        result="unfounded",
        explanation="经核实，便民服务站午间安排轮岗值守。",
        reply_channel="media",
        reply="经核查，投诉事项不属实，理由如下……",
        follow_up=[],
    )
    stats = dashboard.complaint_stats(dctx, zhengl)
    assert stats[-1].month == "2026-12" and stats[-2].month == "2026-11"
    november, december = stats[-2], stats[-1]
    assert (november.received, november.closed, november.closed_on_time) == (5, 1, 1)
    assert (december.received, december.closed, december.closed_on_time) == (0, 1, 0)
    assert december.on_time_rate == 0.0
    # Then one closed on time: half of December's closings were on time.
    complaints.close_complaint(
        dctx,
        zhengl,
        demo.complaints["lin_letter"],  # due 2026-12-14
        result="unfounded",
        explanation="经核实，补交材料后已在承诺时限内办结。",
        reply_channel="letter",
        reply="经核查，投诉事项不属实，理由如下……",
        follow_up=[],
    )
    december = dashboard.complaint_stats(dctx, zhengl)[-1]
    assert (december.received, december.closed, december.closed_on_time) == (0, 2, 1)
    assert december.on_time_rate == 50.0


def test_complaint_stats_refusals(dctx: Context, as_user: Login) -> None:
    with pytest.raises(Forbidden):
        dashboard.complaint_stats(dctx, as_user("wangjg"))
    with pytest.raises(InvalidInput) as caught:
        dashboard.complaint_stats(dctx, as_user("linzq"), months=0)
    assert caught.value.field == "months"


# ---------------------------------------------------------------- settings


def audit_count(ctx: Context) -> int:
    with ctx.transaction() as db:
        return int(db.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def test_warning_window_setting(dctx: Context, demo: Demo, as_user: Login) -> None:
    admin, zhengl = as_user("admin"), as_user("zhengl")
    assert dashboard.warn_days(dctx, zhengl) == dashboard.DEFAULT_WARN_DAYS == 3
    letter = demo.complaints["lin_letter"]  # due 2026-12-14: 12 working days left
    assert by_record(dashboard.my_tasks(dctx, zhengl))[letter].urgency is Urgency.OK

    before = audit_count(dctx)
    dashboard.set_warn_days(dctx, admin, 12)
    assert audit_count(dctx) == before + 1
    with dctx.transaction() as db:
        saved = db.get(Setting, dashboard.WARN_DAYS_KEY)
        assert saved is not None and saved.value == "12"
    assert dashboard.warn_days(dctx, zhengl) == 12
    assert by_record(dashboard.my_tasks(dctx, zhengl))[letter].urgency is Urgency.DUE_SOON
    rows = {r.record_id: r for r in dashboard.deadlines(dctx, zhengl)}
    assert rows[letter].urgency is Urgency.DUE_SOON


def test_warning_window_refusals_write_nothing(dctx: Context, as_user: Login) -> None:
    supervisor, admin = as_user("linzq"), as_user("admin")
    before = audit_count(dctx)
    with pytest.raises(Forbidden):
        dashboard.set_warn_days(dctx, supervisor, 5)
    for bad in (-1, 31):
        with pytest.raises(InvalidInput) as caught:
            dashboard.set_warn_days(dctx, admin, bad)
        assert caught.value.field == "deadline_warn_days"
    assert audit_count(dctx) == before
    with dctx.transaction() as db:
        assert db.get(Setting, dashboard.WARN_DAYS_KEY) is None
    assert dashboard.warn_days(dctx, admin) == 3


def test_stats_job_checks_now_and_counts_later_without_touching_the_session(
    dctx: Context, as_user: Login, dclock: Clock
) -> None:
    """The page counts in a worker thread: the check happens first, on the GUI
    thread; the counting itself never changes the session."""
    with pytest.raises(Forbidden):
        dashboard.complaint_stats_job(dctx, as_user("wangjg"))
    zhengl = as_user("zhengl")
    count = dashboard.complaint_stats_job(dctx, zhengl)
    seen = zhengl.last_activity
    dclock.now = NOW + dt.timedelta(minutes=5)
    stats = count()
    assert [s.received for s in stats[-2:]] == [2, 5]  # Fujian's only
    assert zhengl.last_activity == seen and not zhengl.locked
