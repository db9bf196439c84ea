"""The 效能投诉 page end to end: the real main window, the real services on the
demo store. Registration from every channel, anonymous, repeat complainants
found without decryption, a wrong ID check digit refused beside the field,
what a supervisor is not offered, revealing and hiding 林晓梅's identity with
the reveal in the record, routing, extension and closing refusals beside
their fields — and 林晓梅 never on disk in clear."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QDate, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.demo import Demo
from desktop.resources import load_profile
from desktop.services import complaints
from desktop.services.auth import UserSession
from desktop.services.base import Context, Forbidden
from desktop.ui.dialogs.complaint_dialogs import RegisterComplaintDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.pages.complaints import Page

from .conftest import Clock

NAME = "林晓梅"
LIN_ID = "350102199003076721"
FJ_CHANNELS = [c.id for c in load_profile("fujian-2024").complaints.channels]
TODAY = dt.date(2026, 11, 26)

OpenPage = Callable[[str], tuple[MainWindow, Page]]
Login = Callable[[str], UserSession]


@pytest.fixture(autouse=True)
def identity_never_on_disk(ctx: Context) -> Iterator[None]:
    """After each test: no file of the store (DB, WAL, evidence) holds 林晓梅
    in UTF-8 — the identity is only ciphertext."""
    yield
    files = [p for p in ctx.store.data_dir.rglob("*") if p.is_file()]
    assert any(p.suffix == ".db" or ".db" in p.name for p in files)
    for path in files:
        assert NAME.encode("utf-8") not in path.read_bytes(), path.name


@pytest.fixture
def open_page(window: Callable[[str], MainWindow]) -> OpenPage:
    """The main window signed in as ``username``, on the complaints page."""

    def make(username: str) -> tuple[MainWindow, Page]:
        QSettings().setValue("main/page", "complaints")
        main = window(username)
        page = main.show_page("complaints")
        assert isinstance(page, Page)
        return main, page

    return make


def table_column(page: Page, column: int) -> list[str]:
    model = page.model
    return [str(model.index(row, column).data()) for row in range(model.rowCount())]


def count(ctx: Context, session: UserSession) -> int:
    return len(complaints.list_complaints(ctx, session, limit=500))


def fill(
    dialog: RegisterComplaintDialog,
    demo: Demo,
    *,
    channel: str,
    matter: str,
    name: str = "",
    id_number: str = "",
    phone: str = "",
) -> None:
    dialog.select_channel(channel)
    dialog.select_agency(demo.agencies["gl_service"])
    dialog.matter.setPlainText(matter)
    dialog.name.setText(name)
    dialog.id_number.setText(id_number)
    dialog.phone.setText(phone)


def open_register(qtbot: QtBot, page: Page) -> RegisterComplaintDialog:
    qtbot.mouseClick(page.register_button, Qt.MouseButton.LeftButton)
    dialog = page.register_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def click_ok(qtbot: QtBot, dialog: RegisterComplaintDialog) -> None:
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


# ------------------------------------------------------------- registration


def test_handler_registers_from_several_channels(
    qtbot: QtBot, open_page: OpenPage, ctx: Context, demo: Demo
) -> None:
    main, page = open_page("zhengl")
    before = page.model.rowCount()
    assert before == count(ctx, main.session) == 7
    channel_names = {c.id: c.name for c in ctx.profile.complaints.channels}
    for i, channel in enumerate(("hotline_12345", "letter", "visit")):
        dialog = open_register(qtbot, page)
        fill(
            dialog,
            demo,
            channel=channel,
            matter=f"窗口办事拖延（第 {i + 1} 件）",
            name="张三",
            phone=f"1380000000{i}",
        )
        click_ok(qtbot, dialog)
        assert dialog.result() == QDialog.DialogCode.Accepted.value
        assert dialog.complaint_id is not None
        # The new complaint is listed, selected and shown.
        assert page.model.rowCount() == before + i + 1
        assert page.current is not None and page.current.view.id == dialog.complaint_id
        row = page.table.currentIndex().row()
        assert page.model.index(row, 1).data() == channel_names[channel]
        assert page.model.index(row, 3).data() == f"窗口办事拖延（第 {i + 1} 件）"
        assert page.model.index(row, 4).data() == "待办"
        assert page.fact_channel.text() == channel_names[channel]
        assert "已登记" in page.message.text()
        view = complaints.get_complaint(ctx, main.session, dialog.complaint_id)
        assert view.channel == channel and view.has_identity and not view.anonymous


@pytest.mark.parametrize("channel", FJ_CHANNELS)
def test_every_channel_registers(
    qtbot: QtBot, ctx: Context, login: Login, demo: Demo, channel: str
) -> None:
    session = login("zhengl")
    dialog = RegisterComplaintDialog(ctx, session)
    qtbot.addWidget(dialog)
    assert dialog.channel.count() == len(FJ_CHANNELS)
    fill(dialog, demo, channel=channel, matter="多次往返仍未办结", name="王五", phone="13811112222")
    dialog.submit()
    assert dialog.complaint_id is not None, dialog.form.general.text()
    assert dialog.result() == QDialog.DialogCode.Accepted.value
    assert complaints.get_complaint(ctx, session, dialog.complaint_id).channel == channel


def test_urgency_criteria_follow_the_profile(qtbot: QtBot, ctx: Context, login: Login) -> None:
    session = login("zhengl")
    dialog = RegisterComplaintDialog(ctx, session)
    qtbot.addWidget(dialog)
    assert set(dialog.urgent) == {"business_environment", "major_livelihood"}
    mas = Context(ctx.store, ctx.device_id, load_profile("maanshan-2005"), clock=ctx.clock)
    other = RegisterComplaintDialog(mas, session)
    qtbot.addWidget(other)
    assert other.urgent == {}
    assert "urgent_criteria" not in other.form.fields


def test_anonymous_complaint(qtbot: QtBot, open_page: OpenPage, ctx: Context, demo: Demo) -> None:
    main, page = open_page("zhengl")
    dialog = open_register(qtbot, page)
    fill(dialog, demo, channel="online", matter="匿名反映窗口午休不办事", name="不该保存")
    dialog.anonymous.click()
    assert dialog.anonymous.isChecked()
    assert not any(field.isEnabled() for field in dialog.identity_fields())
    click_ok(qtbot, dialog)
    assert dialog.complaint_id is not None
    view = complaints.get_complaint(ctx, main.session, dialog.complaint_id)
    assert view.anonymous and not view.has_identity
    assert "匿名投诉" in page.identity_note.text()
    assert not page.reveal_button.isEnabled()


def test_repeat_hint_for_lin_in_another_format(
    qtbot: QtBot, open_page: OpenPage, ctx: Context, demo: Demo
) -> None:
    main, page = open_page("zhengl")
    dialog = open_register(qtbot, page)
    fill(dialog, demo, channel="visit", matter="第三次反映补交材料问题", name=NAME)
    qtbot.keyClicks(dialog.id_number, "350102 19900307 6721")  # spaces: same person
    assert dialog.repeat_timer.isActive()  # debounced: waits for typing to pause
    assert dialog.repeat_hint.isHidden()
    qtbot.waitUntil(lambda: dialog.repeat_count_shown() >= 2, timeout=3000)
    assert "重复投诉" in dialog.repeat_hint.text()
    assert dialog.repeat_count_shown() == 2  # the demo's two letters from 林晓梅
    click_ok(qtbot, dialog)
    assert dialog.complaint_id is not None
    assert complaints.repeat_count(ctx, main.session, dialog.complaint_id) == 2
    assert "另有 2 件" in page.fact_repeat.text()


def test_wrong_check_digit_refused_beside_the_id_number(
    qtbot: QtBot, open_page: OpenPage, ctx: Context, demo: Demo
) -> None:
    main, page = open_page("zhengl")
    before = count(ctx, main.session)
    dialog = open_register(qtbot, page)
    wrong = LIN_ID[:-1] + "2"
    fill(dialog, demo, channel="letter", matter="来信反映", name="李四", id_number=wrong)
    click_ok(qtbot, dialog)
    assert dialog.identity_form.error_for("id_number") == "身份证号码校验位错误：应为 1，实为 2"
    assert dialog.isVisible() and dialog.complaint_id is None
    assert dialog.id_number.text() == wrong and dialog.name.text() == "李四"  # kept
    assert count(ctx, main.session) == before
    assert page.model.rowCount() == before


# ---------------------------------------------------------------- the list


def test_list_filters_search_and_deadline_colours(
    qtbot: QtBot, open_page: OpenPage, demo: Demo, clock: Clock
) -> None:
    _, page = open_page("zhengl")
    assert page.state_filter.currentText() == "全部"
    matters = table_column(page, 3)
    assert any(m.startswith("【急】企业开办") for m in matters)
    page.state_filter.setCurrentIndex(page.state_filter.findText("待办"))
    assert set(table_column(page, 4)) == {"待办"}
    page.state_filter.setCurrentIndex(page.state_filter.findText("已办结"))
    assert table_column(page, 6) == ["—", "—"]
    page.state_filter.setCurrentIndex(page.state_filter.findText("全部"))
    page.overdue_only.setChecked(True)
    assert table_column(page, 6) == []  # nothing of the Fujian office overdue on 11-26
    today = clock.now
    clock.now = today + dt.timedelta(days=7)  # 2026-12-03
    page.session.last_activity = clock.now  # the user is still at work, not idle
    page.refresh()
    overdue = table_column(page, 6)
    assert overdue and all(cell.startswith("逾期") for cell in overdue)
    brush = page.model.index(0, 6).data(Qt.ItemDataRole.ForegroundRole)
    assert brush.color().name() == "#c62828"
    clock.now = today
    page.session.last_activity = today
    page.overdue_only.setChecked(False)
    urgent = page.row_of(demo.complaints["urgent"])
    brush = page.model.index(urgent, 6).data(Qt.ItemDataRole.ForegroundRole)
    assert brush.color().name() == "#e65100"  # due in 3 working days
    page.search.setText("营业执照")  # as typed (QTest types ASCII only)
    assert page.search_timer.isActive()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=3000)
    assert page.current is not None
    page.focus_record(demo.complaints["media"])
    assert page.search.text() == "" and page.model.rowCount() == 7
    assert page.table.currentIndex().row() == page.row_of(demo.complaints["media"])


def test_shortcuts(
    qtbot: QtBot, open_page: OpenPage, ctx: Context, login: Login, demo: Demo
) -> None:
    main, page = open_page("zhengl")
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main, timeout=3000)
    qtbot.keyClick(main, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    qtbot.keyClick(main, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.register_dialog is not None and page.register_dialog.isVisible()
    page.register_dialog.reject()
    # Another handler registers meanwhile; F5 reads the list again.
    complaints.register_complaint(
        ctx,
        login("wum"),
        channel="letter",
        received_on=TODAY,
        subject_agency_id=demo.agencies["fz_amr"],
        matter="来信反映登记窗口排队过长",
        identity=None,
    )
    assert page.model.rowCount() == 7
    qtbot.keyClick(main, Qt.Key.Key_F5)
    assert page.model.rowCount() == 8


# ---------------------------------------------------------- who sees what


def test_supervisor_sees_the_list_but_no_identity_and_no_register(
    qtbot: QtBot, open_page: OpenPage, ctx: Context, demo: Demo
) -> None:
    main, page = open_page("linzq")
    assert page.model.rowCount() == 7
    assert page.register_button.isHidden()
    page.focus_record(demo.complaints["lin_hotline"])
    assert page.current is not None
    assert page.reveal_button.isHidden()
    assert "仅投诉受理人员可以查看" in page.identity_note.text()
    assert page.identity_fields.isHidden()
    assert page.tabs.isTabVisible(page.route_tab)
    assert not page.tabs.isTabVisible(page.close_tab)
    main.activateWindow()
    qtbot.keyClick(main, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.register_dialog is None
    page.reveal_identity()  # not offered; and nothing happens if called
    assert page.identity_name.text() == ""
    with pytest.raises(Forbidden):  # the service refuses anyway
        complaints.reveal_identity(ctx, main.session, demo.complaints["lin_hotline"])


def test_office_head_reads_only(open_page: OpenPage, demo: Demo) -> None:
    _, page = open_page("huangh")
    assert page.register_button.isHidden()
    page.focus_record(demo.complaints["urgent"])
    assert page.reveal_button.isHidden()
    for tab in (page.route_tab, page.extend_tab, page.close_tab):
        assert not page.tabs.isTabVisible(tab)


# ---------------------------------------------------------------- identity


def answer_confirmation(qtbot: QtBot, yes: bool) -> None:
    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox) and box.objectName() == "confirm_reveal"
        button = QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No
        box.button(button).click()

    QTimer.singleShot(0, answer)


def test_handler_reveals_and_hides_lins_identity(
    qtbot: QtBot, open_page: OpenPage, ctx: Context, demo: Demo
) -> None:
    main, page = open_page("zhengl")
    lin = demo.complaints["lin_hotline"]
    page.focus_record(lin)
    assert page.identity_fields.isHidden() and page.identity_name.text() == ""
    assert page.reveal_button.isVisible() and page.reveal_button.isEnabled()

    answer_confirmation(qtbot, yes=False)  # cancelled: nothing decrypted, nothing logged
    qtbot.mouseClick(page.reveal_button, Qt.MouseButton.LeftButton)
    assert page.identity_name.text() == ""
    reveals = ["complaint.reveal_identity"]
    assert complaints.complaint_history(ctx, main.session, lin, actions=reveals) == []

    answer_confirmation(qtbot, yes=True)
    qtbot.mouseClick(page.reveal_button, Qt.MouseButton.LeftButton)
    assert page.identity_name.text() == NAME
    assert page.identity_id_number.text() == LIN_ID
    assert page.identity_phone.text() == "13905912345"
    assert page.identity_name.isReadOnly()
    assert page.identity_fields.isVisible() and page.hide_button.isVisible()
    newest = page.history_texts()[0]
    assert newest == "2026-11-26 10:00　郑丽　查看投诉人身份"
    assert NAME not in "".join(page.history_texts())
    entries = complaints.complaint_history(ctx, main.session, lin, actions=reveals)
    assert [(e.user_name, e.at) for e in entries] == [
        ("郑丽", dt.datetime(2026, 11, 26, 2, 0, tzinfo=dt.UTC))
    ]

    qtbot.mouseClick(page.hide_button, Qt.MouseButton.LeftButton)
    assert all(line.text() == "" for line in page.identity_lines())
    assert page.identity_fields.isHidden() and page.reveal_button.isVisible()


def test_identity_cleared_when_another_complaint_is_chosen(
    qtbot: QtBot, open_page: OpenPage, demo: Demo
) -> None:
    _, page = open_page("zhengl")
    page.focus_record(demo.complaints["lin_letter"])
    answer_confirmation(qtbot, yes=True)
    page.reveal_button.click()
    assert page.identity_name.text() == NAME
    page.table.selectRow(page.row_of(demo.complaints["urgent"]))
    assert page.identity_name.text() == "" and page.identity_fields.isHidden()


# ------------------------------------------------- routing, extension, closing


def test_transfer_needs_a_time_limit(
    qtbot: QtBot, open_page: OpenPage, ctx: Context, demo: Demo
) -> None:
    main, page = open_page("zhengl")
    urgent = demo.complaints["urgent"]
    page.focus_record(urgent)
    page.tabs.setCurrentIndex(page.route_tab)
    page.mode.setCurrentIndex(page.mode.findData("transfer"))
    page.handler_agency.setCurrentIndex(page.handler_agency.findData(demo.agencies["fz_amr"]))
    page.requirements.setPlainText("核实系统故障原因，书面反馈")
    assert not page.time_limit.check.isChecked()
    qtbot.mouseClick(page.route_submit, Qt.MouseButton.LeftButton)
    assert page.route_form.error_for("time_limit") == "转办须写明办理时限（FJ 31、FJ 33）"
    assert page.route_form.error_for("requirements") == ""
    assert page.requirements.toPlainText() == "核实系统故障原因，书面反馈"  # kept
    assert complaints.get_complaint(ctx, main.session, urgent).state == "registered"

    page.time_limit.check.setChecked(True)
    page.time_limit.date.setDate(QDate(2026, 11, 30))
    qtbot.mouseClick(page.route_submit, Qt.MouseButton.LeftButton)
    assert page.route_form.error_for("time_limit") == ""
    detail = complaints.get_complaint_detail(ctx, main.session, urgent)
    assert detail.view.state == "routed" and detail.view.mode == "transfer"
    assert detail.transfer_limit == dt.date(2026, 11, 30)
    assert "转办" in page.fact_routing.text() and "2026-11-30" in page.fact_routing.text()
    assert page.model.index(page.row_of(urgent), 4).data() == "已转办"
    assert "分办" in page.history_texts()[0]


def test_extension_with_the_heads_password_once(
    qtbot: QtBot, open_page: OpenPage, ctx: Context, demo: Demo
) -> None:
    main, page = open_page("zhengl")
    letter = demo.complaints["lin_letter"]
    page.focus_record(letter)
    due = page.current.view.due_on if page.current else None
    page.tabs.setCurrentIndex(page.extend_tab)
    page.reason.setPlainText("需调取窗口监控核实")
    page.approver_username.setText("huangh")
    page.approver_password.setText("wrong-password")
    qtbot.mouseClick(page.extend_submit, Qt.MouseButton.LeftButton)
    assert page.extend_form.error_for("approver_password") == "huangh：用户名或密码错误"
    assert page.approver_password.text() == ""  # a password is never kept

    page.approver_password.setText("xiaoneng2026")
    qtbot.mouseClick(page.extend_submit, Qt.MouseButton.LeftButton)
    view = complaints.get_complaint(ctx, main.session, letter)
    assert due is not None and view.due_on > due
    assert f"新的截止日期：{view.due_on.isoformat()}" in page.message.text()
    assert "已延期 1 次" in page.fact_extension.text()
    assert page.history_texts()[0].endswith("延期（黄海批准）")

    page.tabs.setCurrentIndex(page.extend_tab)
    page.reason.setPlainText("仍需核实")
    page.approver_username.setText("huangh")
    page.approver_password.setText("xiaoneng2026")
    qtbot.mouseClick(page.extend_submit, Qt.MouseButton.LeftButton)
    assert not page.extend_form.general.isHidden()
    assert "已延期 1 次，最多 1 次" in page.extend_form.general.text()
    assert complaints.get_complaint(ctx, main.session, letter).due_on == view.due_on


def test_close_unfounded_needs_an_explanation(
    qtbot: QtBot, open_page: OpenPage, ctx: Context, demo: Demo
) -> None:
    main, page = open_page("zhengl")
    letter = demo.complaints["lin_letter"]
    page.focus_record(letter)
    page.tabs.setCurrentIndex(page.close_tab)
    assert page.reply_channel.currentData() == "letter"  # the original channel
    page.result.setCurrentIndex(page.result.findData("unfounded"))
    page.reply.setPlainText("经核查，材料要求符合规定。")
    qtbot.mouseClick(page.close_submit, Qt.MouseButton.LeftButton)
    assert (
        page.close_form.error_for("explanation")
        == "投诉不属实的，应当作出解释说明并告知理由（FJ 33）"
    )
    assert page.reply.toPlainText() == "经核查，材料要求符合规定。"
    assert complaints.get_complaint(ctx, main.session, letter).state == "registered"

    page.explanation.setPlainText("补交材料系申请人首次提交不全，已一次性告知。")
    qtbot.mouseClick(page.close_submit, Qt.MouseButton.LeftButton)
    view = complaints.get_complaint(ctx, main.session, letter)
    assert view.state == "closed" and view.result == "unfounded"
    assert page.model.index(page.row_of(letter), 4).data() == "已办结（不属实）"
    for tab in (page.route_tab, page.extend_tab, page.close_tab):
        assert not page.tabs.isTabEnabled(tab)
    assert page.reveal_button.isEnabled()  # the identity stays readable for handlers
