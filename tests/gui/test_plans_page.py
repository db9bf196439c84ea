"""督查方案 page, end to end through the main window and the real services: the
two-inspector team refused beside the team, approvals offered only to whom
they belong (the services still refuse), 暗访 plans hidden from outsiders, a
return without a reason refused beside the reason."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from desktop.demo import Demo
from desktop.domain.common import RuleViolation
from desktop.domain.plans import PlanAction, PlanState
from desktop.services import plans
from desktop.services.base import Context, Forbidden
from desktop.ui.main_window import MainWindow
from desktop.ui.pages.plans import Page

pytestmark = pytest.mark.gui

Make = Callable[[str], MainWindow]
Open = Callable[[str], Page]


@pytest.fixture
def plans_page(window: Make) -> Iterator[Callable[[str], Page]]:
    """The 督查方案 page of a main window signed in as ``username`` (the windows
    are kept alive until the test ends)."""
    windows: list[MainWindow] = []

    def make(username: str) -> Page:
        main = window(username)
        windows.append(main)
        page = main.show_page("plans")
        assert isinstance(page, Page)
        return page

    yield make
    windows.clear()


def button(page: Page, action: PlanAction) -> QPushButton:
    return page.action_buttons[action]


def offered(page: Page) -> set[PlanAction]:
    return {a for a, b in page.action_buttons.items() if not b.isHidden()}


def listed_ids(page: Page) -> list[str]:
    while page.model.canFetchMore():
        page.model.fetchMore()
    return [p.id for p in page.model.rows]


def tick(page: Page, user_id: str) -> None:
    """Tick an inspector in the team picker as a click on its box would."""
    for row in range(page.team.count()):
        item = page.team.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == user_id:
            item.setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(f"{user_id} not offered in the team picker")


def fill_new_plan(page: Page, demo: Demo, title: str) -> None:
    page.title_edit.setText(title)
    page.subject.setCurrentIndex(page.subject.findData(demo.agencies["gl_service"]))
    page.scope.setPlainText("窗口办件时限和一次性告知落实情况")
    page.method.setPlainText("查阅台账、现场察看")


def test_team_of_one_refused_beside_the_team_then_submitted_and_approved(
    qtbot: QtBot, plans_page: Open, ctx: Context, demo: Demo
) -> None:
    page = plans_page("wangjg")
    assert not page.new_button.isHidden()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    fill_new_plan(page, demo, "鼓楼区行政服务中心一次性告知督查")
    # The signed-in inspector is on the team; the live hint says one is not enough.
    assert page.team_order == [demo.users["wangjg"]]
    assert "不得少于2人" in page.team_hint.text()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.plan is not None
    plan_id = page.plan.id
    assert page.message.text() == "已保存。"
    assert plan_id in listed_ids(page)
    assert offered(page) == {PlanAction.SUBMIT}

    qtbot.mouseClick(button(page, PlanAction.SUBMIT), Qt.MouseButton.LeftButton)
    error = page.form.error_for("team_ids")
    assert "督查、检查或调查不得少于2人" in error and "只有1名" in error
    assert plans.get_plan(ctx, page.session, plan_id).state is PlanState.DRAFT
    assert page.title_edit.text() == "鼓楼区行政服务中心一次性告知督查"  # kept

    tick(page, demo.users["chenj"])
    assert page.team_hint.text() == "已选 2 名：王建国、陈静"
    qtbot.mouseClick(button(page, PlanAction.SUBMIT), Qt.MouseButton.LeftButton)
    assert page.form.error_for("team_ids") == ""
    plan = plans.get_plan(ctx, page.session, plan_id)
    assert plan.state is PlanState.SUBMITTED
    assert plan.team_ids == (demo.users["wangjg"], demo.users["chenj"])
    assert "提交审批" in page.message.text()
    assert not page.editable and page.title_edit.isReadOnly()
    assert not page.team.isEnabled()
    assert offered(page) == set()

    supervisor = plans_page("linzq")
    supervisor.focus_record(plan_id)
    assert offered(supervisor) == {PlanAction.APPROVE, PlanAction.RETURN}
    assert supervisor.save_button.isHidden()
    qtbot.mouseClick(button(supervisor, PlanAction.APPROVE), Qt.MouseButton.LeftButton)
    assert plans.get_plan(ctx, supervisor.session, plan_id).state is PlanState.APPROVED
    assert supervisor.history.rowCount() == 1
    assert supervisor.history.item(0, 1).text() == "林志强"
    assert supervisor.history.item(0, 2).text() == "同意"


def test_major_plan_second_approval_only_offered_to_the_office_head(
    qtbot: QtBot, plans_page: Open, ctx: Context, demo: Demo
) -> None:
    plan_id = demo.plans["first_approved"]
    inspector = plans_page("wangjg")
    inspector.focus_record(plan_id)
    assert inspector.major.isChecked()
    assert offered(inspector) == set()

    supervisor = plans_page("linzq")
    supervisor.focus_record(plan_id)
    assert PlanAction.SECOND_APPROVE not in offered(supervisor)
    with pytest.raises(Forbidden):  # the service refuses what is not offered
        plans.second_approve_plan(ctx, supervisor.session, plan_id)

    head = plans_page("huangh")
    head.focus_record(plan_id)
    assert offered(head) == {PlanAction.SECOND_APPROVE, PlanAction.RETURN}
    assert button(head, PlanAction.SECOND_APPROVE).text() == "作主要负责人审批"
    assert head.new_button.isHidden()  # an office head does not draft plans
    qtbot.mouseClick(button(head, PlanAction.SECOND_APPROVE), Qt.MouseButton.LeftButton)
    assert plans.get_plan(ctx, head.session, plan_id).state is PlanState.APPROVED
    assert head.state_line.text().startswith("状态：已批准")
    steps = [head.history.item(r, 0).text() for r in range(head.history.rowCount())]
    assert steps == ["审批", "主要负责人审批"]


def test_an_author_is_not_offered_approval_of_their_own_plan(
    qtbot: QtBot, plans_page: Open, ctx: Context, demo: Demo
) -> None:
    page = plans_page("linzq")
    page.new_plan()
    assert page.team_order == []  # a supervisor is not an inspector
    fill_new_plan(page, demo, "林志强起草的督查方案")
    tick(page, demo.users["wangjg"])
    tick(page, demo.users["liuy"])
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.plan is not None
    plan_id = page.plan.id
    qtbot.mouseClick(button(page, PlanAction.SUBMIT), Qt.MouseButton.LeftButton)
    assert plans.get_plan(ctx, page.session, plan_id).state is PlanState.SUBMITTED
    assert PlanAction.APPROVE not in offered(page)
    with pytest.raises(RuleViolation) as refused:
        plans.approve_plan(ctx, page.session, plan_id)
    assert "plan.approver_not_independent" in refused.value.codes
    assert plans.get_plan(ctx, page.session, plan_id).state is PlanState.SUBMITTED


def test_unannounced_plan_listed_for_its_team_only(plans_page: Open, demo: Demo) -> None:
    secret = demo.plans["unannounced"]
    assert secret in listed_ids(plans_page("wangjg"))
    outsider = plans_page("liuy")
    assert secret not in listed_ids(outsider)
    assert demo.plans["approved"] in listed_ids(outsider)
    outsider.focus_record(secret)
    assert outsider.plan is None
    assert "找不到该督查方案" in outsider.message.text()


def test_state_filter_and_search_requery_the_service(plans_page: Open, demo: Demo) -> None:
    page = plans_page("wangjg")
    page.state_filter.setCurrentIndex(page.state_filter.findData("submitted"))
    assert {p.state for p in page.model.rows} == {PlanState.SUBMITTED}
    page.state_filter.setCurrentIndex(0)
    page.search.setText("不动产登记")
    page.requery()
    assert {p.id for p in page.model.rows} == {demo.plans["reported"], demo.plans["closed"]}


def test_return_without_a_reason_refused_beside_the_reason(
    qtbot: QtBot, plans_page: Open, ctx: Context, demo: Demo
) -> None:
    plan_id = demo.plans["submitted"]
    page = plans_page("linzq")
    page.focus_record(plan_id)
    qtbot.mouseClick(button(page, PlanAction.RETURN), Qt.MouseButton.LeftButton)
    prompt = page.prompt
    assert prompt is not None and prompt.isVisible()
    prompt.submit()
    assert prompt.form.error_for("reason") == "退回督查方案须写明退回理由"
    assert prompt.isVisible()
    assert plans.get_plan(ctx, page.session, plan_id).state is PlanState.SUBMITTED
    prompt.text.setPlainText("请补充抽查案卷数量")
    prompt.submit()
    assert not prompt.isVisible()
    plan = plans.get_plan(ctx, page.session, plan_id)
    assert plan.state is PlanState.RETURNED
    assert plan.return_reason == "请补充抽查案卷数量"
    assert page.return_reason.text() == "退回理由：请补充抽查案卷数量"
    assert not page.return_reason.isHidden()


def test_report_asks_for_the_text(qtbot: QtBot, plans_page: Open, ctx: Context, demo: Demo) -> None:
    plan_id = demo.plans["unannounced"]  # in progress: its visit is open
    page = plans_page("wangjg")
    page.focus_record(plan_id)
    assert PlanAction.REPORT in offered(page)
    qtbot.mouseClick(button(page, PlanAction.REPORT), Qt.MouseButton.LeftButton)
    prompt = page.prompt
    assert prompt is not None
    prompt.submit()
    assert prompt.form.error_for("report") == "请填写督查报告"
    prompt.text.setPlainText("3 号窗口无人值守，已提出整改要求。")
    prompt.submit()
    assert plans.get_plan(ctx, page.session, plan_id).state is PlanState.REPORTED
    assert page.report.text() == "3 号窗口无人值守，已提出整改要求。"
    assert not page.report_box.isHidden()
