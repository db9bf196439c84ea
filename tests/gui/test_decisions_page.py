"""The 问责与申诉 page end to end: the real main window, the real services on the
demo store. Only the measures the profile allows for the subject are offered
(FJ 37 / MAS 18); the consequences panel follows the measures (FJ 40: two
效能告诫 in a year); a missing 容错纠错 condition (FJ 39) is refused beside the
conditions; the office head signs, inspectors are not offered it; an appeal on
day 31 is refused, on day 30 accepted (FJ 41); a heavier outcome and the same
grounds twice are refused; a rejected rectification needs its reason (FJ 28);
the documents are one click away; the Ma'anshan profile (MAS 18, 19)."""

from __future__ import annotations

import datetime as dt
import sys
import types
from collections.abc import Callable

import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import QComboBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.demo import DEMO_PASSWORD, Demo
from desktop.resources import load_profile
from desktop.services import auth, decisions, rectifications
from desktop.services.auth import UserSession
from desktop.services.base import Context
from desktop.ui.dialogs.decision_dialogs import DecisionEditor
from desktop.ui.main_window import MainWindow
from desktop.ui.pages.decisions import Page

OpenPage = Callable[[str], tuple[MainWindow, Page]]
Login = Callable[[str], UserSession]
FJ_OFFICIAL_MEASURES = ["admonition", "circulated_criticism", "efficiency_warning"]
MAS_AGENCY_MEASURES = [
    "written_self_criticism",
    "circulated_criticism",
    "award_disqualification",
    "efficiency_warning",
]


@pytest.fixture
def open_page(window: Callable[[str], MainWindow]) -> OpenPage:
    """The main window signed in as ``username``, on the decisions page."""

    def make(username: str) -> tuple[MainWindow, Page]:
        QSettings().setValue("main/page", "decisions")
        main = window(username)
        page = main.show_page("decisions")
        assert isinstance(page, Page)
        return main, page

    return make


def choose(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def tick_ground(editor: DecisionEditor, ground_id: str) -> None:
    item = editor.ground_item(ground_id)
    assert item is not None, ground_id
    item.setCheckState(Qt.CheckState.Checked)


def subject(editor: DecisionEditor, kind: str, agency: str, official: str | None = None) -> None:
    choose(editor.subject_kind, kind)
    choose(editor.subject_agency, agency)
    if official is not None:
        choose(editor.subject_official, official)


def column_texts(page: Page, column: int) -> list[str]:
    model = page.model
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def test_agency_gets_only_circulated_criticism_official_the_three(
    open_page: OpenPage, demo: Demo, ctx: Context, login: Login
) -> None:
    _, page = open_page("linzq")
    assert page.new_button.isVisible()
    page.new_decision()
    editor = page.editor
    subject(editor, "agency", demo.agencies["gd_street"])
    # FJ 37: 对机关的效能问责仅适用通报批评.
    assert list(editor.measures.boxes) == ["circulated_criticism"]
    assert editor.measures.boxes["circulated_criticism"].text() == "通报批评"
    assert not editor.subject_official.isVisibleTo(editor)
    choose(editor.subject_kind, "official")
    assert list(editor.measures.boxes) == FJ_OFFICIAL_MEASURES
    assert [b.text() for b in editor.measures.boxes.values()] == [
        "诫勉教育",
        "通报批评",
        "效能告诫",
    ]
    assert editor.subject_official.isVisibleTo(editor)
    heads_only = editor.ground_item("fj36_2_1")
    assert heads_only is not None and "仅限单位负责人" in heads_only.text()

    # Draft the decision against the agency.
    choose(editor.subject_kind, "agency")
    tick_ground(editor, "fj36_1_4")
    editor.measures.boxes["circulated_criticism"].setChecked(True)
    editor.facts.setPlainText("便民服务站再次在工作时间无人值守。")
    page.save_button.click()
    assert page.message.text() == "草稿已保存。"
    assert page.current_id is not None
    saved = decisions.get_decision(ctx, login("linzq"), page.current_id)
    assert saved.state == "draft"
    assert saved.subject_kind == "agency"
    assert saved.measure_ids == ("circulated_criticism",)
    assert saved.ground_ids == ("fj36_1_4",)
    assert "鼓东街道办事处" in page.header.text()
    assert column_texts(page, 3).count("草稿") == 2  # the demo's and this one


def test_consequences_panel_follows_the_measures(open_page: OpenPage, demo: Demo) -> None:
    _, page = open_page("linzq")
    page.new_decision()
    editor = page.editor
    subject(editor, "official", demo.agencies["gl_service"], demo.officials["zhangwei"])
    editor.measures.boxes["efficiency_warning"].setChecked(True)
    text = editor.consequences.text()
    # 张伟 had a 效能告诫 signed on 2026-10-28: a second one this year (FJ 40).
    assert "不能评定为优秀" in text
    assert "FJ 40" in text
    assert "2027-04-26" in text  # five months' ban from today's signing
    assert "2026-10-28" in text  # the earlier one, listed
    assert "予以公开" in text  # FJ 38
    editor.measures.boxes["efficiency_warning"].setChecked(False)
    editor.measures.boxes["admonition"].setChecked(True)
    text = editor.consequences.text()
    assert "不能评定为优秀" not in text
    # The earlier 告诫's five months outlast the new month (FJ 40): the ban runs to 2027-03-28.
    assert "2027-04-26" not in text and "至 2027-03-28（FJ 37）" in text


def test_mitigation_with_a_missing_condition_is_refused_beside_it(
    open_page: OpenPage, demo: Demo, ctx: Context, login: Login
) -> None:
    _, page = open_page("linzq")
    before = len(decisions.search_decisions(ctx, login("linzq"), limit=500))
    page.new_decision()
    editor = page.editor
    subject(editor, "official", demo.agencies["gl_service"], demo.officials["zhangwei"])
    tick_ground(editor, "fj36_1_2")
    editor.measures.boxes["admonition"].setChecked(True)
    choose(editor.mitigation, "fault_tolerance")
    assert editor.conditions.isVisibleTo(editor)
    editor.conditions.boxes["no_clear_rule"].setChecked(True)
    editor.conditions.boxes["reform_trial"].setChecked(True)
    choose(editor.outcome, "lighter")
    assert editor.baseline.isVisibleTo(editor)
    editor.baseline.boxes["efficiency_warning"].setChecked(True)
    page.save_button.click()
    error = editor.form.error_for("conditions_met")
    assert "未谋取私利" in error and "FJ 39" in error
    assert page.message.text() == "未保存：请按提示修改。"
    assert len(decisions.search_decisions(ctx, login("linzq"), limit=500)) == before
    assert editor.measures.checked() == ["admonition"]  # nothing typed is lost
    editor.conditions.boxes["no_private_gain"].setChecked(True)
    page.save_button.click()
    assert editor.form.error_for("conditions_met") == ""
    assert page.current_id is not None
    saved = decisions.get_decision(ctx, login("linzq"), page.current_id)
    assert saved.mitigation_outcome == "lighter"
    assert saved.baseline_measure_ids == ("efficiency_warning",)


def test_office_head_signs_inspectors_are_not_offered_it(
    open_page: OpenPage, demo: Demo, ctx: Context, login: Login, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, page = open_page("huangh")
    draft = demo.decisions["draft"]
    page.focus_record(draft)
    assert page.current_id == draft
    assert page.sign_button.isVisible()
    assert not page.save_button.isVisible()  # only supervisors edit
    assert not page.new_button.isVisible()
    assert not page.editor.subject_kind.isEnabled()
    dialog = page.open_sign_dialog()
    assert dialog is not None
    dialog.decided_on.setDate(qdate(dt.date(2026, 11, 26)))
    assert dialog.submit()
    signed = decisions.get_decision(ctx, login("huangh"), draft)
    assert signed.state == "signed" and signed.decided_on == dt.date(2026, 11, 26)
    assert "已签发" in page.header.text()
    assert not page.sign_button.isVisible()
    assert page.receipt_button.isVisible() and page.publish_button.isVisible()
    receipt = page.open_receipt_dialog()
    assert receipt is not None
    assert receipt.submit()
    monkeypatch.setattr(page, "confirm", lambda title, text: True)
    page.publish_button.click()
    published = decisions.get_decision(ctx, login("huangh"), draft)
    assert published.published and published.received_on == dt.date(2026, 11, 26)
    assert not page.publish_button.isVisible()

    _, inspector = open_page("wangjg")
    inspector.focus_record(demo.decisions["zhangwei"])
    assert inspector.current_id == demo.decisions["zhangwei"]
    for button in (
        inspector.sign_button,
        inspector.save_button,
        inspector.receipt_button,
        inspector.publish_button,
        inspector.new_button,
    ):
        assert not button.isVisible()
    assert not inspector.state_filter.isEnabled()
    assert not inspector.editor.subject_kind.isEnabled()
    assert "五个月内" not in inspector.editor.consequences.text()  # deciders only
    assert "予以公开" in inspector.editor.consequences.text()
    assert "草稿" not in column_texts(inspector, 3)


def test_appeal_window_heavier_outcome_and_same_grounds(
    open_page: OpenPage, demo: Demo, ctx: Context, login: Login
) -> None:
    decision_id = decisions.draft_decision(
        ctx,
        login("linzq"),
        decider_id=demo.agencies["fz_office"],
        subject_kind="official",
        subject_agency_id=demo.agencies["fz_amr"],
        subject_official_id=demo.officials["zhaolei"],
        ground_ids=["fj36_1_1"],
        measure_ids=["circulated_criticism"],
        facts="未按要求部署窗口延时服务。",
    )
    _, page = open_page("huangh")
    page.focus_record(decision_id)
    sign = page.open_sign_dialog()
    assert sign is not None
    sign.decided_on.setDate(qdate(dt.date(2026, 10, 9)))
    assert sign.submit()
    receipt = page.open_receipt_dialog()
    assert receipt is not None
    receipt.received_on.setDate(qdate(dt.date(2026, 10, 12)))
    assert receipt.submit()
    appeals = page.appeals
    # 30 days from receipt: 2026-11-11, passed by today (2026-11-26).
    assert "2026-11-11" in appeals.deadline.text()
    assert "已届满" in appeals.deadline.text()
    assert "申诉期间不停止执行" in appeals.deadline.text()
    page.detail_tabs.setCurrentWidget(appeals)
    assert appeals.register_button.isVisible()

    dialog = appeals.open_register_dialog()
    assert dialog is not None
    assert dialog.body.count() >= 1
    dialog.received_on.setDate(qdate(dt.date(2026, 11, 12)))  # day 31
    dialog.grounds.setPlainText("事实认定有误\n")
    assert not dialog.submit()
    assert "逾期1日" in dialog.form.error_for("received_on")
    assert decisions.get_decision(ctx, login("huangh"), decision_id).appeals == ()
    dialog.received_on.setDate(qdate(dt.date(2026, 11, 11)))  # day 30
    assert dialog.submit()
    assert appeals.model.rowCount() == 1
    assert appeals.model.data(appeals.model.index(0, 3)) == "审理中"
    assert "审理中" in column_texts(page, 6)

    decide = appeals.open_decide_dialog()
    assert decide is not None
    assert list(decide.measures.boxes) == FJ_OFFICIAL_MEASURES
    choose(decide.outcome, "varied")
    decide.measures.boxes["efficiency_warning"].setChecked(True)  # 通报 → 告诫: heavier
    decide.reasons.setPlainText("复核后认为情节较重。")
    assert not decide.submit()
    assert "不得因提出申诉而加重问责" in decide.form.error_for("outcome_measure_ids")
    decide.measures.boxes["efficiency_warning"].setChecked(False)
    decide.measures.boxes["admonition"].setChecked(True)
    decide.reasons.setPlainText("情节较轻，改为诫勉教育。")
    assert decide.submit()
    view = decisions.get_decision(ctx, login("huangh"), decision_id)
    assert view.effective_measure_ids == ("admonition",)
    assert appeals.model.data(appeals.model.index(0, 6)) == "变更：诫勉教育"
    assert "诫勉教育（申诉后）" in column_texts(page, 2)
    assert not appeals.decide_button.isVisible()  # nothing pending

    again = appeals.open_register_dialog()
    assert again is not None
    again.received_on.setDate(qdate(dt.date(2026, 11, 11)))
    again.grounds.setPlainText("事实认定有误")
    assert not again.submit()
    assert "同一理由" in again.form.error_for("grounds")
    again.reject()


def test_rejected_rectification_needs_its_reason(
    open_page: OpenPage, demo: Demo, ctx: Context, login: Login
) -> None:
    _, page = open_page("linzq")
    panel = page.rectifications
    assert panel is not None
    page.sections.setCurrentWidget(panel)
    assert panel.model.rowCount() == 2  # the demo's, Fujian only
    dialog = panel.open_issue_dialog()
    assert dialog is not None
    dialog.content.setPlainText("便民服务站午休期间安排值班人员。")
    assert not dialog.submit()
    assert dialog.form.error_for("agency_id") == "找不到该单位"
    choose(dialog.agency, demo.agencies["gd_street"])
    assert dialog.submit()
    assert panel.model.rowCount() == 3
    record = panel.selected()
    assert record is not None and record.agency_name == "鼓东街道办事处"
    assert record.due_on == dt.date(2026, 12, 24)  # 20 working days (FJ 28 profile limit)

    follow = panel.open_follow_up_dialog()
    assert follow is not None
    choose(follow.state, "rejected")
    follow.follow_up.setPlainText("  ")
    assert not follow.submit()
    assert "正当理由" in follow.form.error_for("follow_up")
    assert rectifications.get_rectification(ctx, login("linzq"), record.id).state == "open"
    follow.follow_up.setPlainText("该街道称午休值班已由社区服务站承担。")
    assert follow.submit()
    assert rectifications.get_rectification(ctx, login("linzq"), record.id).state == "rejected"

    _, inspector = open_page("wangjg")
    assert inspector.rectifications is not None
    assert not inspector.rectifications.issue_button.isVisibleTo(inspector.rectifications)
    assert inspector.rectifications.follow_button.isVisibleTo(inspector.rectifications)
    _, handler = open_page("zhengl")
    assert handler.rectifications is None
    assert handler.sections.count() == 1


def test_documents_are_one_click_away(
    open_page: OpenPage, demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    focused: list[tuple[str, str]] = []

    class DocumentsPage(QWidget):
        def __init__(self, ctx: Context, session: UserSession, parent: QWidget) -> None:
            super().__init__(parent)

        def focus_record(self, kind: str, record_id: str) -> None:
            focused.append((kind, record_id))

    module = types.ModuleType("desktop.ui.pages.documents")
    module.Page = DocumentsPage  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "desktop.ui.pages.documents", module)
    main, page = open_page("linzq")
    page.focus_record(demo.decisions["wangfang"])
    page.documents_button.click()
    assert focused == [("accountability_decision", demo.decisions["wangfang"])]
    assert main.page_keys()[main.nav.currentRow()] == "documents"


def test_list_filters_and_search(open_page: OpenPage) -> None:
    _, page = open_page("linzq")
    assert set(column_texts(page, 0)) == {"孙丽", "鼓东街道办事处", "张伟", "王芳"}  # Fujian only
    choose(page.state_filter, "draft")
    assert column_texts(page, 0) == ["孙丽"]
    choose(page.state_filter, None)
    page.search.setText("张伟")
    page.reload()
    assert column_texts(page, 0) == ["张伟"]
    page.search.setText("")
    page.reload()
    assert page.model.rowCount() == 4


def test_maanshan_profile(qtbot: QtBot, ctx: Context, demo: Demo) -> None:
    mas = Context(ctx.store, ctx.device_id, load_profile("maanshan-2005"), clock=ctx.clock)
    QSettings().setValue("main/page", "decisions")
    main = MainWindow(mas, auth.sign_in(mas, "linzq", DEMO_PASSWORD))
    qtbot.addWidget(main)
    main.show()
    page = main.show_page("decisions")
    assert isinstance(page, Page)
    assert column_texts(page, 0) == ["周杰"]
    page.new_decision()
    editor = page.editor
    subject(editor, "agency", demo.agencies["mas_land"])
    assert list(editor.measures.boxes) == MAS_AGENCY_MEASURES  # MAS 18 第二款
    choose(editor.subject_kind, "official")
    assert len(editor.measures.boxes) == 9
    choose(editor.subject_official, demo.officials["zhoujie"])
    tick_ground(editor, "mas19_1")
    editor.measures.boxes["circulated_criticism"].setChecked(True)
    page.save_button.click()
    error = editor.form.error_for("measure_ids")
    assert "效能告诫" in error and "MAS 19" in error
    # MAS 21 第二款: the mitigation allows only 免予.
    choose(editor.mitigation, "objected_to_order")
    assert [editor.outcome.itemData(i) for i in range(editor.outcome.count())] == ["exempt"]
    choose(editor.mitigation, None)
    editor.measures.boxes["efficiency_warning"].setChecked(True)
    text = editor.consequences.text()
    # 周杰 had one 效能告诫 this year: a second is the MAS 20 ladder's second step.
    assert "不称职" in text and "扣发全年目标管理考核奖金" in text
    assert "组织人事部门" in text  # MAS 22 notification
    assert "赔礼道歉" in text  # MAS 18 第三款
    page.save_button.click()
    assert editor.form.error_for("measure_ids") == ""
    assert page.message.text() == "草稿已保存。"


def test_unsaved_edits_are_kept_or_given_up_on_request(
    open_page: OpenPage, demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, page = open_page("linzq")
    page.new_decision()
    editor = page.editor
    subject(editor, "official", demo.agencies["gl_service"], demo.officials["zhangwei"])
    editor.facts.setPlainText("尚未保存的事实。")
    page.refresh()  # e.g. the page shown again
    assert editor.facts.toPlainText() == "尚未保存的事实。"
    answers = [False, True]
    monkeypatch.setattr(page, "confirm", lambda title, text: answers.pop(0))
    page.focus_record(demo.decisions["zhangwei"])
    assert page.current_id is None and editor.facts.toPlainText() == "尚未保存的事实。"
    page.focus_record(demo.decisions["zhangwei"])
    assert page.current_id == demo.decisions["zhangwei"]
    assert editor.facts.toPlainText() == "未一次性告知申请材料，致群众三次往返。"
