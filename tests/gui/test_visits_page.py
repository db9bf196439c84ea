"""现场检查 page, end to end: opening a visit needs two inspectors each typing
their own password (refusals beside the fields, nothing saved), the record,
evidence added and verified by hash, and finalising with both again."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from desktop.demo import DEMO_PASSWORD, Demo
from desktop.domain.plans import PlanState
from desktop.services import plans, visits
from desktop.services.base import Context
from desktop.ui.dialogs.presence import PresenceDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.pages.visits import BAD, Page

pytestmark = pytest.mark.gui

Make = Callable[[str], MainWindow]
Open = Callable[[str], Page]


@pytest.fixture
def visits_page(window: Make) -> Iterator[Callable[[str], Page]]:
    """The 现场检查 page of a main window signed in as ``username`` (the windows
    are kept alive until the test ends)."""
    windows: list[MainWindow] = []

    def make(username: str) -> Page:
        main = window(username)
        windows.append(main)
        page = main.show_page("visits")
        assert isinstance(page, Page)
        return page

    yield make
    windows.clear()


def selector_ids(page: Page) -> list[str]:
    while page.plan_model.canFetchMore():
        page.plan_model.fetchMore()
    return [p.id for p in page.plan_model.rows]


def presence(page: Page) -> PresenceDialog:
    dialog = page.presence
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_open_visit_refusals_then_record_evidence_and_finalise(
    qtbot: QtBot,
    visits_page: Open,
    ctx: Context,
    demo: Demo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plan_id = demo.plans["approved"]
    page = visits_page("wangjg")
    page.focus_record(plan_id)
    assert page.plan is not None and page.plan.id == plan_id
    assert page.visit_model.rowCount() == 0
    assert page.start_button.isEnabled()

    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    dialog = presence(page)
    assert dialog.rows[0].username.text() == "wangjg"  # the signed-in inspector first
    assert dialog.rows[0].username.isReadOnly()
    dialog.place.setText("鼓楼区行政服务中心二楼")
    dialog.identity_shown.setChecked(True)
    dialog.rows[0].password.setText(DEMO_PASSWORD)

    # Only one inspector confirmed: refused beside the confirmations.
    dialog.submit()
    assert "只有1名" in dialog.error_for("confirmations")
    assert dialog.isVisible()
    assert visits.list_visits(ctx, page.session, plan_id) == []

    # chenj's wrong password: beside chenj's password, nothing saved.
    dialog.rows[1].username.setText("chenj")
    dialog.rows[1].password.setText("wrong-password")
    dialog.submit()
    assert dialog.error_for("password_1") == "chenj：用户名或密码错误"
    assert dialog.error_for("password_0") == ""
    assert dialog.rows[1].password.text() == ""
    assert dialog.place.text() == "鼓楼区行政服务中心二楼"  # what was typed stays
    assert visits.list_visits(ctx, page.session, plan_id) == []
    assert plans.get_plan(ctx, page.session, plan_id).state is PlanState.APPROVED

    # An announced visit without identity shown: beside 出示证件.
    dialog.identity_shown.setChecked(False)
    dialog.rows[0].password.setText(DEMO_PASSWORD)
    dialog.rows[1].password.setText(DEMO_PASSWORD)
    dialog.submit()
    assert "出示证件" in dialog.error_for("identity_shown")
    assert visits.list_visits(ctx, page.session, plan_id) == []

    # Both confirm: opened, and the plan has started.
    dialog.identity_shown.setChecked(True)
    dialog.rows[0].password.setText(DEMO_PASSWORD)
    dialog.rows[1].password.setText(DEMO_PASSWORD)
    dialog.submit()
    assert not dialog.isVisible()
    [visit] = visits.list_visits(ctx, page.session, plan_id)
    assert {p.display_name for p in visit.presence} == {"王建国", "陈静"}
    assert plans.get_plan(ctx, page.session, plan_id).state is PlanState.IN_PROGRESS
    assert page.visit is not None and page.visit.id == visit.id
    assert page.visit_model.rowCount() == 1
    assert "王建国、陈静" in page.details.text()

    # The record.
    page.texts["observations"].setPlainText("综合窗口 2 号位叫号屏故障。")
    page.texts["documents_requested"].setPlainText("11 月办件台账")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = visits.get_visit(ctx, page.session, visit.id)
    assert saved.observations == "综合窗口 2 号位叫号屏故障。"
    assert saved.documents_requested == "11 月办件台账"

    # Evidence from a file, then verified.
    photo = tmp_path / "叫号屏.jpg"
    content = b"\xff\xd8\xff photo of the queue screen"
    photo.write_bytes(content)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(photo), ""))
    )
    page.evidence_kind.setCurrentIndex(page.evidence_kind.findData("photo"))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.evidence.rowCount() == 1, timeout=5000)
    sha = hashlib.sha256(content).hexdigest()
    assert page.evidence.item(0, 0).text() == "叫号屏.jpg"
    assert page.evidence.item(0, 1).text() == "照片"
    assert page.evidence.item(0, 3).text() == sha[:12] + "…"
    [item] = visits.get_visit(ctx, page.session, visit.id).evidence
    assert (item.sha256, item.size, item.kind) == (sha, len(content), "photo")

    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "全部 1 件证据与记录一致" in page.verify_result.text(), timeout=5000)
    assert page.evidence.item(0, 4).text() == "一致"

    visits.evidence_path(ctx, sha).write_bytes(b"tampered")
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "不一致" in page.verify_result.text(), timeout=5000)
    assert "叫号屏.jpg" in page.verify_result.text()
    cell = page.evidence.item(0, 4)
    assert cell.text() == "不一致或缺失"
    assert cell.foreground().color().name() == BAD

    # Finalise: one confirmation is refused, both finalise; then read-only.
    qtbot.mouseClick(page.finalise_button, Qt.MouseButton.LeftButton)
    dialog = presence(page)
    assert dialog.mode == "finalise"
    dialog.rows[0].password.setText(DEMO_PASSWORD)
    dialog.submit()
    assert "只有1名" in dialog.error_for("confirmations")
    assert visits.get_visit(ctx, page.session, visit.id).state == "open"
    dialog.rows[1].username.setText("chenj")
    dialog.rows[1].password.setText(DEMO_PASSWORD)
    dialog.submit()
    assert not dialog.isVisible()
    final = visits.get_visit(ctx, page.session, visit.id)
    assert final.state == "finalised"
    assert {p.stage for p in final.presence} == {"open", "finalise"}
    assert page.finalise_button.isHidden()
    assert page.save_button.isHidden()
    assert page.texts["observations"].isReadOnly()
    assert "完成时确认在场：王建国、陈静" in page.details.text()


def test_unannounced_visit_needs_no_identity_and_plan_is_hidden_from_outsiders(
    visits_page: Open, ctx: Context, demo: Demo
) -> None:
    secret = demo.plans["unannounced"]
    assert secret in selector_ids(visits_page("wangjg"))
    outsider = visits_page("liuy")
    assert secret not in selector_ids(outsider)
    assert demo.plans["approved"] in selector_ids(outsider)
    assert demo.plans["draft"] not in selector_ids(outsider)  # only runnable plans

    page = visits_page("chenj")
    page.focus_record(secret)
    page.start_visit()
    dialog = presence(page)
    assert dialog.unannounced.isChecked()  # an 暗访 plan starts as 暗访
    assert not dialog.identity_shown.isEnabled()
    dialog.place.setText("鼓楼区行政服务中心一楼")
    dialog.rows[0].password.setText(DEMO_PASSWORD)
    dialog.rows[1].username.setText("wangjg")
    dialog.rows[1].password.setText(DEMO_PASSWORD)
    dialog.submit()
    assert not dialog.isVisible()
    assert len(visits.list_visits(ctx, page.session, secret)) == 2


def test_a_supervisor_sees_visits_but_is_not_offered_to_start_or_change_them(
    visits_page: Open, demo: Demo
) -> None:
    page = visits_page("linzq")
    assert page.start_button.isHidden()
    [visit] = visits.list_visits(page.ctx, page.session, demo.plans["reported"])
    page.focus_record(visit.id)
    assert page.visit is not None and page.visit.id == visit.id
    assert page.plan is not None and page.plan.id == demo.plans["reported"]
    assert page.save_button.isHidden()
    assert page.finalise_button.isHidden()
    assert page.evidence_form.isHidden()
    assert page.texts["observations"].isReadOnly()
    assert page.evidence.rowCount() == 1
