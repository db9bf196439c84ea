"""工作台 through the real main window on the demo store: each role's tasks,
overdue rows in red, the uncovered-year warning, the charts, navigation by
double-click, F5, and the administrator's warning-window setting."""

from __future__ import annotations

import datetime as dt
import sys
import types
from collections.abc import Callable, Iterator
from typing import Protocol

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QLineSeries
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.demo import DEMO_PASSWORD, Demo
from desktop.domain.calendar import WorkCalendar, set_default_calendar
from desktop.resources import load_profile
from desktop.services import auth, complaints, dashboard
from desktop.services.auth import UserSession
from desktop.services.base import Context
from desktop.ui.main_window import MainWindow
from desktop.ui.pages.dashboard import ORANGE, RED, Page


class Clock(Protocol):
    """The settable clock of the GUI fixtures (tests/gui/conftest.py)."""

    now: dt.datetime


Make = Callable[[str], MainWindow]
Login = Callable[[str], UserSession]

# 2026-12-02 (a Wednesday) 10:00 China time: the 鼓东街道 complaint (due 11-30)
# and the urgent one (due 12-01) are overdue by then.
LATER = dt.datetime(2026, 12, 2, 2, 0, tzinfo=dt.UTC)


def open_dashboard(qtbot: QtBot, main: MainWindow) -> Page:
    """The window's dashboard, once its charts (if any) have loaded."""
    page = main.pages["dashboard"]
    assert isinstance(page, Page)
    qtbot.waitUntil(lambda: page.stats_loaded or not page.shows_stats, timeout=5000)
    return page


def column_texts(page: Page, which: str, column: int) -> list[str]:
    model = page.task_model if which == "tasks" else page.deadline_model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def foreground(page: Page, row: int) -> str | None:
    brush = page.deadline_model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole)
    return brush.color().name() if isinstance(brush, QBrush) else None


@pytest.fixture
def library_calendar() -> Iterator[None]:
    """Only the library's years (2004–2026), whatever tables are shipped later."""
    set_default_calendar(WorkCalendar.official())
    yield
    set_default_calendar(None)


class StubPage(QWidget):
    """Stands in for another page: records what the dashboard asked it to show."""

    def __init__(self, ctx: Context, session: UserSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.focused: list[str] = []

    def focus_record(self, record_id: str) -> None:
        self.focused.append(record_id)


class PlainPage(QWidget):
    """A page without ``focus_record``."""

    def __init__(self, ctx: Context, session: UserSession, parent: QWidget | None = None):
        super().__init__(parent)


def stub_page(monkeypatch: pytest.MonkeyPatch, key: str, page: type[QWidget]) -> None:
    module = types.ModuleType(f"desktop.ui.pages.{key}")
    module.Page = page  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, f"desktop.ui.pages.{key}", module)


def double_click(qtbot: QtBot, page: Page, which: str, row: int) -> None:
    view = page.task_view if which == "tasks" else page.deadline_view
    centre = view.visualRect(view.model().index(row, 1)).center()
    # A real double-click: press and release, then the second press.
    no_modifier = Qt.KeyboardModifier.NoModifier
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, no_modifier, centre)
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, no_modifier, centre)


# ----------------------------------------------------------------- tasks


def test_complaint_handler_sees_open_complaints(
    qtbot: QtBot, window: Make, demo: Demo, clock: Clock
) -> None:
    main = window("zhengl")
    page = open_dashboard(qtbot, main)
    assert main.stack.currentWidget() is page
    assert page.greeting.text().startswith("郑丽，上午好！今天是 2026 年 11 月 26 日，星期四")
    assert page.task_view.isVisible() and page.tasks_empty.isHidden()
    assert page.task_model.rowCount() == 5  # Fujian's; not Ma'anshan's
    assert set(column_texts(page, "tasks", 0)) == {"效能投诉"}
    assert [
        h for h in (page.task_model.headerData(c, Qt.Orientation.Horizontal) for c in range(5))
    ] == [
        "类型",
        "事项",
        "待办",
        "截止日期",
        "剩余工作日",
    ]
    first = [page.task_model.index(0, c).data() for c in range(5)]
    assert first[1].startswith("鼓东街道办事处：")
    assert first[3:] == ["2026-11-30", "2"]
    assert column_texts(page, "tasks", 3) == sorted(column_texts(page, "tasks", 3))
    assert page.summary.text() == "待办 5 项；期限已逾期 0 项，即将到期 3 项。"
    assert page.charts.isVisible()
    assert page.warn_form.isHidden()  # not the handler's to change
    assert page.warn_note.text() == "到期前 3 个工作日起提醒。"
    # Later, two are overdue: the most overdue first, its days shown as 逾期.
    clock.now = LATER
    page.session.last_activity = LATER  # still at work, not idle
    page.refresh()
    qtbot.waitUntil(lambda: page.stats_loaded, timeout=5000)
    assert page.greeting.text().startswith("郑丽，上午好！今天是 2026 年 12 月 2 日，星期三")
    first = [page.task_model.index(0, c).data() for c in range(5)]
    assert first[1].startswith("鼓东街道办事处：")
    assert first[3:] == ["2026-11-30", "逾期 2"]
    assert page.task_model.index(1, 4).data() == "逾期 1"  # the urgent one, due 12-01
    assert page.summary.text() == "待办 5 项；期限已逾期 2 项，即将到期 1 项。"


def test_inspector_sees_team_plans_and_visit(qtbot: QtBot, window: Make) -> None:
    main = window("wangjg")  # keep the window alive: the page is its child
    page = open_dashboard(qtbot, main)
    titles = column_texts(page, "tasks", 1)
    kinds = column_texts(page, "tasks", 0)
    assert "鼓楼区行政服务中心窗口作风暗访" in titles
    assert "检查记录" in kinds and "整改" in kinds
    assert "“一趟不用跑”事项清单落实情况督查" in titles
    assert page.charts.isHidden()  # inspectors do not read complaints
    assert not page.shows_stats


def test_other_team_does_not_see_the_unannounced_plan(qtbot: QtBot, window: Make) -> None:
    main = window("liuy")  # keep the window alive: the page is its child
    page = open_dashboard(qtbot, main)
    assert column_texts(page, "tasks", 0) == ["整改", "整改"]
    everything = column_texts(page, "tasks", 1) + column_texts(page, "deadlines", 0)
    assert not any("暗访" in text for text in everything)


def test_office_head_sees_second_approval_and_draft_decision(qtbot: QtBot, window: Make) -> None:
    main = window("huangh")  # keep the window alive: the page is its child
    page = open_dashboard(qtbot, main)
    rows = list(zip(column_texts(page, "tasks", 0), column_texts(page, "tasks", 2), strict=True))
    assert ("督查方案", "作主要负责人审批（重大事项）") in rows
    assert ("问责决定", "审核签发问责决定") in rows


# ------------------------------------------------------------- deadlines


def test_overdue_rows_red_and_due_soon_orange(qtbot: QtBot, window: Make, clock: Clock) -> None:
    clock.now = LATER
    main = window("zhengl")  # keep the window alive: the page is its child
    page = open_dashboard(qtbot, main)
    headers = [page.deadline_model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["事项", "截止日期", "剩余工作日", "状态"]
    states = column_texts(page, "deadlines", 3)
    assert states[:3] == ["已逾期", "已逾期", "即将到期"]
    assert column_texts(page, "deadlines", 0)[0].startswith("投诉办理期限：鼓东街道办事处")
    assert foreground(page, 0) == RED
    soon = states.index("即将到期")
    assert foreground(page, soon) == ORANGE
    normal = states.index("正常")
    assert foreground(page, normal) is None
    # The task list colours the same way.
    task_brush = page.task_model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole)
    assert task_brush.color().name() == RED
    assert page.calendar_warning.isHidden()  # every deadline is in 2026


def test_moving_the_clock_makes_rows_overdue(qtbot: QtBot, window: Make, clock: Clock) -> None:
    clock.now = dt.datetime(2026, 12, 10, 2, 0, tzinfo=dt.UTC)
    main = window("zhengl")  # keep the window alive: the page is its child
    page = open_dashboard(qtbot, main)
    states = column_texts(page, "deadlines", 3)
    overdue = [i for i, s in enumerate(states) if s == "已逾期"]
    assert len(overdue) >= 4
    assert all(foreground(page, i) == RED for i in overdue)


def test_warning_for_a_year_without_holiday_table(
    qtbot: QtBot,
    window: Make,
    login: Login,
    ctx: Context,
    clock: Clock,
    demo: Demo,
    library_calendar: None,
) -> None:
    """A complaint received on 2026-12-24 is due in 2027: the warning shows above the list."""
    clock.now = dt.datetime(2026, 12, 24, 2, 0, tzinfo=dt.UTC)
    complaints.register_complaint(
        ctx,
        login("zhengl"),
        channel="online",
        received_on=dt.date(2026, 12, 24),
        subject_agency_id=demo.agencies["gl_service"],
        matter="年底窗口提前停止受理业务。",
        identity=None,
    )
    main = window("zhengl")  # keep the window alive: the page is its child
    page = open_dashboard(qtbot, main)
    assert page.calendar_warning.isVisible()
    text = page.calendar_warning.text()
    assert text.startswith("⚠ 注意：2027年的节假日安排尚未录入")
    # Above the list, and the row's date is marked.
    assert page.calendar_warning.geometry().bottom() < page.deadline_view.geometry().top()
    labels = column_texts(page, "deadlines", 0)
    row = next(i for i, label in enumerate(labels) if "年底窗口提前停止受理业务" in label)
    assert page.deadline_model.index(row, 1).data().endswith(" *")
    tooltip = page.deadline_model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "2027年的节假日安排尚未录入" in tooltip
    assert "标 * 的日期按周末推算" in page.warn_note.text()


# ---------------------------------------------------------------- charts


def test_charts_show_twelve_months(qtbot: QtBot, window: Make) -> None:
    main = window("linzq")  # keep the window alive: the page is its child
    page = open_dashboard(qtbot, main)
    bars = page.received_chart.chart().series()
    assert len(bars) == 1 and isinstance(bars[0], QBarSeries)
    (received,) = bars[0].barSets()
    assert received.count() == 12
    assert [received.at(i) for i in range(12)] == [0] * 10 + [2, 5]  # Fujian's only
    axis = next(a for a in page.received_chart.chart().axes() if isinstance(a, QBarCategoryAxis))
    assert axis.categories() == ["12", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"]
    assert axis.titleText() == "月份（2025 年 12 月 — 2026 年 11 月）"
    assert page.received_chart.chart().title() == "每月收到投诉（件）"
    lines = page.on_time_chart.chart().series()
    assert len(lines) == 1 and isinstance(lines[0], QLineSeries)
    points = [(p.x(), p.y()) for p in lines[0].points()]
    assert points == [(10.0, 100.0), (11.0, 100.0)]
    assert page.on_time_chart.chart().title() == "按期办结率（%）"
    assert page.stats_note.isHidden()


def test_charts_follow_a_late_closing(
    qtbot: QtBot, window: Make, login: Login, ctx: Context, demo: Demo, clock: Clock
) -> None:
    """On 12-02 the 鼓东街道 complaint (due 11-30) is closed late: December's
    point shows 0 % on time; October's and November's stay at 100 %."""
    clock.now = LATER
    main = window("zhengl")
    page = open_dashboard(qtbot, main)
    (line,) = page.on_time_chart.chart().series()
    assert isinstance(line, QLineSeries)
    # The last twelve months are 2026-01 … 2026-12: October at 9, November at 10.
    assert [(p.x(), p.y()) for p in line.points()] == [(9.0, 100.0), (10.0, 100.0)]
    complaints.close_complaint(
        ctx,
        login("zhengl"),
        demo.complaints["media"],
        result="unfounded",
        explanation="经核实，便民服务站午间安排轮岗值守。",
        reply_channel="media",
        reply="经核查，投诉事项不属实。",
        follow_up=[],
    )
    QTest.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stats_loaded, timeout=5000)
    (line,) = page.on_time_chart.chart().series()
    assert isinstance(line, QLineSeries)
    assert [(p.x(), p.y()) for p in line.points()] == [(9.0, 100.0), (10.0, 100.0), (11.0, 0.0)]
    assert page.task_model.rowCount() == 4


# ------------------------------------------------------------ navigation


def test_double_click_opens_the_record(
    qtbot: QtBot, window: Make, demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    stub_page(monkeypatch, "complaints", StubPage)
    main = window("zhengl")
    page = open_dashboard(qtbot, main)
    double_click(qtbot, page, "tasks", 0)
    assert main.nav.currentRow() == main.page_keys().index("complaints")
    target = main.pages["complaints"]
    assert isinstance(target, StubPage)
    assert target.focused == [demo.complaints["media"]]  # due 11-30, the soonest
    # From the deadline list too, back on the dashboard.
    main.show_page("dashboard")
    open_dashboard(qtbot, main)
    double_click(qtbot, page, "deadlines", 0)
    assert main.stack.currentWidget() is target
    assert target.focused[-1] == demo.complaints["media"]


def test_double_click_on_a_page_without_focus_record(
    qtbot: QtBot, window: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    stub_page(monkeypatch, "plans", PlainPage)
    main = window("liuy")
    page = open_dashboard(qtbot, main)
    double_click(qtbot, page, "tasks", 0)  # a rectification of a plan: the plans page
    assert main.nav.currentRow() == main.page_keys().index("plans")
    assert isinstance(main.stack.currentWidget(), PlainPage)


def test_enter_opens_the_record_too(
    qtbot: QtBot, window: Make, demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    stub_page(monkeypatch, "complaints", StubPage)
    main = window("zhengl")
    page = open_dashboard(qtbot, main)
    page.task_view.setFocus()
    page.task_view.setCurrentIndex(page.task_model.index(1, 0))
    QTest.keyClick(page.task_view, Qt.Key.Key_Return)
    target = main.pages["complaints"]
    assert isinstance(target, StubPage)
    assert target.focused == [demo.complaints["urgent"]]  # the second row: due 12-01


def test_f5_refreshes(qtbot: QtBot, window: Make, login: Login, ctx: Context, demo: Demo) -> None:
    main = window("zhengl")
    page = open_dashboard(qtbot, main)
    complaints.register_complaint(
        ctx,
        login("zhengl"),
        channel="letter",
        received_on=dt.date(2026, 11, 26),
        subject_agency_id=demo.agencies["fz_amr"],
        matter="来信反映窗口午间无人值守。",
        identity=None,
    )
    assert page.task_model.rowCount() == 5
    assert page.refresh_button.shortcut().toString() == "F5"
    QTest.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stats_loaded, timeout=5000)
    assert page.task_model.rowCount() == 6
    (bars,) = page.received_chart.chart().series()
    assert isinstance(bars, QBarSeries)
    assert bars.barSets()[0].at(11) == 6


# -------------------------------------------------------------- settings


def test_administrator_sets_the_warning_window(
    qtbot: QtBot, window: Make, ctx: Context, login: Login
) -> None:
    main = window("admin")  # keep the window alive: the page is its child
    page = open_dashboard(qtbot, main)
    assert page.tasks_empty.isVisible() and page.task_view.isHidden()
    assert page.deadlines_empty.isVisible()
    assert page.charts.isHidden()
    assert page.warn_form.isVisible() and page.warn_note.isHidden()
    assert page.warn_days.value() == 3
    page.warn_days.setValue(12)
    QTest.mouseClick(page.save_warn, Qt.MouseButton.LeftButton)
    assert page.warn_form.error_for("deadline_warn_days") == ""
    assert dashboard.warn_days(ctx, login("zhengl")) == 12
    assert page.warn_days.value() == 12


def test_warning_window_changes_the_colours(
    qtbot: QtBot, window: Make, ctx: Context, login: Login
) -> None:
    dashboard.set_warn_days(ctx, login("admin"), 12)
    main = window("zhengl")  # keep the window alive: the page is its child
    page = open_dashboard(qtbot, main)
    states = column_texts(page, "deadlines", 3)
    assert "正常" not in states[:8]
    assert page.warn_note.text() == "到期前 12 个工作日起提醒。"


def test_refused_save_shows_beside_the_field(
    qtbot: QtBot, window: Make, monkeypatch: pytest.MonkeyPatch, ctx: Context, login: Login
) -> None:
    """The service's refusal is shown beside the field and nothing is saved."""
    main = window("admin")  # keep the window alive: the page is its child
    page = open_dashboard(qtbot, main)
    page.warn_days.setValue(7)
    monkeypatch.setattr(dashboard, "MAX_WARN_DAYS", 5)
    QTest.mouseClick(page.save_warn, Qt.MouseButton.LeftButton)
    assert page.warn_form.error_for("deadline_warn_days") == "提前提醒的工作日数应在 0 到 5 之间"
    assert page.warn_days.value() == 7  # what the user typed stays
    assert dashboard.warn_days(ctx, login("admin")) == 3


def test_row_index_helpers_ignore_invalid_index(qtbot: QtBot, window: Make) -> None:
    main = window("zhengl")  # keep the window alive: the page is its child
    page = open_dashboard(qtbot, main)
    before = main.nav.currentRow()
    page._open_task(QModelIndex())
    page._open_deadline(QModelIndex())
    assert main.nav.currentRow() == before


def test_locked_session_shows_the_message_and_keeps_the_lists(
    qtbot: QtBot, window: Make, clock: Clock
) -> None:
    main = window("zhengl")
    page = open_dashboard(qtbot, main)
    clock.now = clock.now + dt.timedelta(hours=2)
    page.refresh()
    assert page.error.isVisible()
    assert page.error.text() == "会话已锁定，请重新输入密码"
    assert page.task_model.rowCount() == 5  # what was shown stays


# ---------------------------------------------------------- jurisdiction


@pytest.mark.parametrize("username", ["zhengl", "linzq", "huangh"])
def test_fujian_laptop_shows_no_maanshan_rows(
    qtbot: QtBot, window: Make, clock: Clock, username: str
) -> None:
    """Ma'anshan's complaint (overdue), plan and decision are another
    jurisdiction's: not on a Fujian laptop's lists, now or later."""
    for now in (clock.now, LATER):
        clock.now = now
        main = window(username)
        page = open_dashboard(qtbot, main)
        everything = column_texts(page, "tasks", 1) + column_texts(page, "deadlines", 0)
        assert everything  # Fujian's rows are there
        assert not any("马鞍山" in text or "周杰" in text for text in everything)
        assert "市重点工程项目审批服务专项监察" not in everything
        main.close()


def test_maanshan_laptop_shows_its_overdue_complaint(
    qtbot: QtBot, ctx: Context, demo: Demo
) -> None:
    """The same store on a Ma'anshan laptop: the Ma'anshan complaint (due 11-25)
    is the handler's one task, overdue in red; nothing of Fujian's shows."""
    mas = Context(ctx.store, ctx.device_id, load_profile("maanshan-2005"), clock=ctx.clock)
    main = MainWindow(mas, auth.sign_in(mas, "zhengl", DEMO_PASSWORD))
    qtbot.addWidget(main)
    main.show()
    page = open_dashboard(qtbot, main)
    assert page.task_model.rowCount() == 1
    first = [page.task_model.index(0, c).data() for c in range(5)]
    assert first[0] == "效能投诉"
    assert first[1].startswith("马鞍山市自然资源和规划局：")
    assert first[3:] == ["2026-11-25", "逾期 1"]
    assert page.task_model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole).color().name() == RED
    labels = column_texts(page, "deadlines", 0)
    assert labels[0].startswith("投诉办理期限：马鞍山市自然资源和规划局")
    assert column_texts(page, "deadlines", 3)[0] == "已逾期"
    assert foreground(page, 0) == RED
    everything = column_texts(page, "tasks", 1) + labels
    assert not any("福州" in text or "鼓楼" in text or "鼓东" in text for text in everything)
    assert page.summary.text() == "待办 1 项；期限已逾期 1 项，即将到期 0 项。"
    (bars,) = page.received_chart.chart().series()
    assert isinstance(bars, QBarSeries)
    assert [bars.barSets()[0].at(i) for i in range(12)] == [0] * 11 + [1]
