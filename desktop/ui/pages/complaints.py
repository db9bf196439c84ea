"""效能投诉: the complaint list, and the selected complaint's facts, routing,
extension, closing, identity and record (FJ 30–34, MAS 15–16).

Complaint handlers register, route, extend and close; supervisors route and
extend; office heads read. Only handlers are offered the complainant's
identity (FJ 34, MAS 15): it is decrypted by the service on request, after a
confirmation, shown in read-only fields and cleared from the widgets again
by "隐藏", on choosing another complaint, and when the page is left.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.common import RuleViolation
from desktop.domain.complaints import FollowUp
from desktop.domain.deadlines import Urgency
from desktop.services import complaints, directory
from desktop.services.auth import UserSession
from desktop.services.base import Context, ServiceError
from desktop.services.complaints import (
    ACTION_CLOSE,
    ACTION_EXTEND,
    ACTION_REVEAL,
    ACTION_ROUTE,
    CLOSED,
    REGISTERED,
    ROUTED,
    ComplaintDetail,
    ComplaintView,
)
from desktop.ui.dialogs.complaint_dialogs import (
    RegisterComplaintDialog,
    show_refusal,
    to_date,
    to_qdate,
)
from desktop.ui.fields import FieldForm
from desktop.ui.i18n import tr_data
from desktop.ui.listmodel import Column, Index, PagedModel, debounced_search
from desktop.ui.worker import error_text

CHINA = dt.timezone(dt.timedelta(hours=8))
OVERDUE_COLOUR = "#c62828"
DUE_SOON_COLOUR = "#e65100"
URGENT_COLOUR = "#b00020"
OK_STYLE = "color: #2e7d32;"
# Starting widths of the list's columns; the matter (事项) takes the rest.
COLUMN_WIDTHS = (92, 160, 190, 240, 110, 92, 88)
MATTER_COLUMN = 3
FORM_WIDTH = 640  # the action forms do not stretch across a wide window
IDENTITY_SHOWN_MS = 120_000  # the identity clears itself after two minutes

# (label, state) of the state filter; None: every state.
STATE_FILTERS = (
    (QT_TRANSLATE_NOOP("Page", "待办"), REGISTERED),
    (QT_TRANSLATE_NOOP("Page", "已转办"), ROUTED),
    (QT_TRANSLATE_NOOP("Page", "已办结"), CLOSED),
    (QT_TRANSLATE_NOOP("Page", "全部"), None),
)
ROUTED_NAMES = {
    "self": QT_TRANSLATE_NOOP("Page", "自办中"),
    "transfer": QT_TRANSLATE_NOOP("Page", "已转办"),
    "supervise": QT_TRANSLATE_NOOP("Page", "已督办"),
}
FOLLOW_UP_NAMES = {
    FollowUp.RESOLVED: QT_TRANSLATE_NOOP("Page", "认真解决"),
    FollowUp.RECTIFICATION: QT_TRANSLATE_NOOP("Page", "整改到位"),
    FollowUp.ACCOUNTABILITY: QT_TRANSLATE_NOOP("Page", "予以问责"),
    FollowUp.REFERRAL: QT_TRANSLATE_NOOP("Page", "涉嫌违法违纪，移送有关部门"),
}
HISTORY_NAMES = {
    "complaint.register": QT_TRANSLATE_NOOP("Page", "登记投诉"),
    "complaint.route": QT_TRANSLATE_NOOP("Page", "分办"),
    "complaint.extend": QT_TRANSLATE_NOOP("Page", "延期"),
    "complaint.close": QT_TRANSLATE_NOOP("Page", "办结"),
    "complaint.reveal_identity": QT_TRANSLATE_NOOP("Page", "查看投诉人身份"),
    "complaint.reveal_refused": QT_TRANSLATE_NOOP("Page", "查看投诉人身份（被拒绝）"),
    "complaint.reveal_failed": QT_TRANSLATE_NOOP("Page", "查看投诉人身份（解密失败）"),
    "complaint.grant_identity": QT_TRANSLATE_NOOP("Page", "为新的投诉受理人员授权"),
    "complaint.grant_failed": QT_TRANSLATE_NOOP("Page", "为新的投诉受理人员授权（失败）"),
}
REVEAL_ACTIONS = frozenset(
    {"complaint.reveal_identity", "complaint.reveal_refused", "complaint.reveal_failed"}
)


class ComplaintModel(PagedModel[ComplaintView]):
    """The complaint list; a cell's tooltip is its whole text (columns elide)."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return self.columns[index.column()].text(self.rows[index.row()])
        return super().data(index, role)


class OptionalDate(QWidget):
    """A date that may be left empty: a check box turns the date on."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(self)
        self.check.setObjectName(f"{name}_set")
        self.date = QDateEdit(self)
        self.date.setObjectName(f"{name}_date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setEnabled(False)
        self.check.toggled.connect(self.date.setEnabled)
        row.addWidget(self.check)
        row.addWidget(self.date, 1)
        self.setFocusProxy(self.check)

    def value(self) -> dt.date | None:
        return to_date(self.date.date()) if self.check.isChecked() else None

    def set_value(self, value: dt.date | None, default: dt.date) -> None:
        self.check.setChecked(value is not None)
        self.date.setDate(to_qdate(value or default))


def read_only_line(name: str, parent: QWidget) -> QLineEdit:
    line = QLineEdit(parent)
    line.setObjectName(name)
    line.setReadOnly(True)
    return line


def text_box(name: str, parent: QWidget, height: int = 64) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setObjectName(name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


class Page(QWidget):
    """The complaints page: list on the left, the selected complaint on the right."""

    def __init__(self, ctx: Context, session: UserSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.allowed = complaints.complaint_permissions(session)
        self.channel_names = {c.id: tr_data(c.name) for c in ctx.profile.complaints.channels}
        self.mode_names = {m.id: tr_data(m.name) for m in ctx.profile.complaints.modes}
        self.result_names = {r.id: tr_data(r.name) for r in ctx.profile.complaints.results}
        self.criteria_names = {
            c.id: tr_data(c.text) for c in ctx.profile.complaints.urgent_criteria
        }
        self.current: ComplaintDetail | None = None
        self.allowed_now: frozenset[str] = frozenset()
        self.register_dialog: RegisterComplaintDialog | None = None
        self.agencies = directory.list_agencies(ctx, session)

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_toolbar())
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("complaints_splitter")
        self.splitter.addWidget(self._build_list())
        self.splitter.addWidget(self._build_detail())
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([280, 440])
        layout.addWidget(self.splitter, 1)

        self.search_timer = debounced_search(self.search, self.reload)
        self.state_filter.currentIndexChanged.connect(self.reload)
        self.overdue_only.toggled.connect(self.reload)
        self.identity_timer = QTimer(self)
        self.identity_timer.setSingleShot(True)
        self.identity_timer.setInterval(IDENTITY_SHOWN_MS)
        self.identity_timer.timeout.connect(self.hide_identity)

        shortcuts = (
            ("Ctrl+N", "shortcut_new", self.new_complaint, self.allowed.register),
            ("Ctrl+F", "shortcut_search", self.focus_search, True),
            ("F5", "shortcut_refresh", self.refresh, True),
        )
        for keys, name, slot, offered in shortcuts:
            if offered:
                shortcut = QShortcut(QKeySequence(keys), self)
                shortcut.setObjectName(name)
                shortcut.activated.connect(slot)
        self.show_detail(None)  # the list loads in refresh(), when the page is shown

    # ============================================================== building

    def _build_toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.register_button = QPushButton(self.tr("登记投诉"), self)
        self.register_button.setObjectName("register_complaint")
        self.register_button.setToolTip(self.tr("登记一件新的效能投诉（Ctrl+N）"))
        self.register_button.clicked.connect(self.new_complaint)
        self.register_button.setVisible(self.allowed.register)
        bar.addWidget(self.register_button)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("状态"), self))
        self.state_filter = QComboBox(self)
        self.state_filter.setObjectName("state_filter")
        for label, state in STATE_FILTERS:
            self.state_filter.addItem(self.tr(str(label)), state)
        self.state_filter.setItemData(
            1, self.tr("已分办的投诉（自办、转办、督办）"), Qt.ItemDataRole.ToolTipRole
        )
        self.state_filter.setCurrentIndex(len(STATE_FILTERS) - 1)
        bar.addWidget(self.state_filter)
        self.overdue_only = QCheckBox(self.tr("只看逾期"), self)
        self.overdue_only.setObjectName("overdue_only")
        bar.addWidget(self.overdue_only)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("搜索事项或被投诉单位（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 1)
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        self.refresh_button.setObjectName("refresh")
        self.refresh_button.setToolTip(self.tr("重新读取列表（F5）"))
        self.refresh_button.clicked.connect(self.refresh)
        bar.addWidget(self.refresh_button)
        return bar

    def _build_list(self) -> QWidget:
        columns: list[Column[ComplaintView]] = [
            Column(self.tr("收到日期"), lambda v: v.received_on.isoformat()),
            Column(self.tr("渠道"), lambda v: self.channel_names.get(v.channel, v.channel)),
            Column(self.tr("被投诉单位"), lambda v: v.subject_agency_name),
            Column(self.tr("事项"), self.matter_text, self.urgent_colour),
            Column(self.tr("状态"), self.state_text),
            Column(self.tr("截止日期"), lambda v: v.due_on.isoformat(), self.deadline_colour),
            Column(self.tr("剩余工作日"), self.days_left_text, self.deadline_colour),
        ]
        self.model = ComplaintModel(columns, self.fetch)
        self.table = QTableView(self)
        self.table.setObjectName("complaint_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(48)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for section, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(section, width)
        header.setSectionResizeMode(MATTER_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.selectionModel().currentRowChanged.connect(self.on_row_changed)
        return self.table

    def _build_detail(self) -> QWidget:
        scroll = QScrollArea(self)
        scroll.setObjectName("complaint_detail")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        panel = QWidget(scroll)
        column = QVBoxLayout(panel)
        self.placeholder = QLabel(panel)
        self.placeholder.setObjectName("detail_placeholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.placeholder)
        self.title = QLabel(panel)
        self.title.setObjectName("complaint_title")
        self.title.setWordWrap(True)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        column.addWidget(self.title)
        self.message = QLabel(panel)
        self.message.setObjectName("detail_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(OK_STYLE)
        self.message.hide()
        column.addWidget(self.message)
        self.tabs = QTabWidget(panel)
        self.tabs.setObjectName("detail_tabs")
        self.tabs.addTab(self._build_facts_tab(), self.tr("详情"))
        self.route_tab = self.tabs.addTab(self._build_route_tab(), self.tr("分办"))
        self.extend_tab = self.tabs.addTab(self._build_extend_tab(), self.tr("延期"))
        self.close_tab = self.tabs.addTab(self._build_close_tab(), self.tr("办结"))
        self.tabs.setTabVisible(self.route_tab, self.allowed.route)
        self.tabs.setTabVisible(self.extend_tab, self.allowed.extend)
        self.tabs.setTabVisible(self.close_tab, self.allowed.close)
        column.addWidget(self.tabs, 1)
        scroll.setWidget(panel)
        scroll.setMinimumWidth(380)
        return scroll

    def _fact(self, layout: QFormLayout, label: str, name: str) -> QLabel:
        value = QLabel(layout.parentWidget())
        value.setObjectName(name)
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addRow(label, value)
        return value

    def _build_facts_tab(self) -> QWidget:
        tab = QWidget(self)
        columns = QHBoxLayout(tab)
        left = QVBoxLayout()
        columns.addLayout(left, 3)
        facts = QFormLayout()
        facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        tab_facts = QWidget(tab)
        tab_facts.setLayout(facts)
        self.fact_channel = self._fact(facts, self.tr("渠道"), "fact_channel")
        self.fact_received = self._fact(facts, self.tr("收到日期"), "fact_received_on")
        self.fact_subject = self._fact(facts, self.tr("被投诉单位"), "fact_subject")
        self.fact_matter = self._fact(facts, self.tr("事项"), "fact_matter")
        self.fact_urgent = self._fact(facts, self.tr("紧急情形"), "fact_urgent")
        self.fact_state = self._fact(facts, self.tr("状态"), "fact_state")
        self.fact_deadline = self._fact(facts, self.tr("截止日期"), "fact_deadline")
        self.fact_routing = self._fact(facts, self.tr("分办"), "fact_routing")
        self.fact_extension = self._fact(facts, self.tr("延期"), "fact_extension")
        self.fact_result = self._fact(facts, self.tr("办理结果"), "fact_result")
        self.fact_repeat = self._fact(facts, self.tr("重复投诉"), "fact_repeat")
        self.fact_registered = self._fact(facts, self.tr("登记人"), "fact_registered_by")
        facts.setRowVisible(self.fact_repeat, self.allowed.find_repeats)
        left.addWidget(tab_facts)
        left.addStretch(1)
        column = QVBoxLayout()
        columns.addLayout(column, 2)
        column.addWidget(self._build_identity_box(tab))
        history = QGroupBox(self.tr("处理记录"), tab)
        history_layout = QVBoxLayout(history)
        self.history = QListWidget(history)
        self.history.setObjectName("history")
        self.history.setMinimumHeight(110)
        history_layout.addWidget(self.history)
        column.addWidget(history, 1)
        return tab

    def _build_identity_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("投诉人身份"), parent)
        box.setObjectName("identity_box")
        column = QVBoxLayout(box)
        self.identity_note = QLabel(box)
        self.identity_note.setObjectName("identity_note")
        self.identity_note.setWordWrap(True)
        column.addWidget(self.identity_note)
        self.identity_fields = QWidget(box)
        self.identity_fields.setObjectName("identity_fields")
        form = QFormLayout(self.identity_fields)
        form.setContentsMargins(0, 0, 0, 0)
        self.identity_name = read_only_line("identity_name", self.identity_fields)
        self.identity_id_number = read_only_line("identity_id_number", self.identity_fields)
        self.identity_phone = read_only_line("identity_phone", self.identity_fields)
        self.identity_address = read_only_line("identity_address", self.identity_fields)
        self.identity_notes = read_only_line("identity_notes", self.identity_fields)
        form.addRow(self.tr("姓名"), self.identity_name)
        form.addRow(self.tr("身份证号码"), self.identity_id_number)
        form.addRow(self.tr("电话"), self.identity_phone)
        form.addRow(self.tr("地址"), self.identity_address)
        form.addRow(self.tr("备注"), self.identity_notes)
        self.identity_fields.hide()
        column.addWidget(self.identity_fields)
        buttons = QHBoxLayout()
        self.reveal_button = QPushButton(self.tr("查看投诉人身份"), box)
        self.reveal_button.setObjectName("reveal_identity")
        self.reveal_button.setToolTip(self.tr("解密并显示投诉人身份；每次查看均记入审计记录"))
        self.reveal_button.clicked.connect(self.reveal_identity)
        self.reveal_button.setVisible(self.allowed.reveal_identity)
        self.hide_button = QPushButton(self.tr("隐藏"), box)
        self.hide_button.setObjectName("hide_identity")
        self.hide_button.clicked.connect(self.hide_identity)
        self.hide_button.hide()
        buttons.addWidget(self.reveal_button)
        buttons.addWidget(self.hide_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        return box

    def _tab_frame(self) -> tuple[QWidget, QWidget, QVBoxLayout]:
        """A detail tab: its outer widget, the form column capped at FORM_WIDTH
        on the left, and that column's layout."""
        outer = QWidget(self)
        row = QHBoxLayout(outer)
        tab = QWidget(outer)
        tab.setMaximumWidth(FORM_WIDTH)
        row.addWidget(tab, 1)
        row.addStretch(0)
        column = QVBoxLayout(tab)
        column.setContentsMargins(0, 0, 0, 0)
        return outer, tab, column

    def _build_route_tab(self) -> QWidget:
        outer, tab, column = self._tab_frame()
        self.route_form = FieldForm(tab)
        self.route_form.setObjectName("route_form")
        self.mode = QComboBox(tab)
        self.mode.setObjectName("mode")
        for mode in self.ctx.profile.complaints.modes:
            self.mode.addItem(tr_data(mode.name), mode.id)
        self.handler_agency = QComboBox(tab)
        self.handler_agency.setObjectName("handler_agency_id")
        self.handler_agency.addItem(self.tr("（请选择）"), None)
        for agency in self.agencies:
            self.handler_agency.addItem(agency.name, agency.id)
        self.time_limit = OptionalDate("time_limit", tab)
        self.time_limit.check.setText(self.tr("设定"))
        self.time_limit.setToolTip(self.tr("承办单位的办理时限，不得晚于本投诉的截止日期"))
        self.requirements = text_box("requirements", tab)
        self.requirements.setPlaceholderText(self.tr("办理要求，如：核实情况，书面反馈办理结果"))
        self.route_form.add("mode", self.tr("办理方式"), self.mode)
        self.route_form.add("handler_agency_id", self.tr("承办单位"), self.handler_agency)
        self.route_form.add("time_limit", self.tr("办理时限"), self.time_limit)
        self.route_form.add("requirements", self.tr("办理要求"), self.requirements)
        column.addWidget(self.route_form)
        self.route_submit = QPushButton(self.tr("提交分办"), tab)
        self.route_submit.setObjectName("route_submit")
        self.route_submit.clicked.connect(self.submit_route)
        column.addWidget(self.route_submit, 0, Qt.AlignmentFlag.AlignRight)
        column.addStretch(1)
        self.mode.currentIndexChanged.connect(self.on_mode_changed)
        self.on_mode_changed()
        return outer

    def _build_extend_tab(self) -> QWidget:
        outer, tab, column = self._tab_frame()
        note = QLabel(
            self.tr(
                "情况复杂需要延长办理时限的，须经本机关负责人批准：请负责人在本机输入"
                "自己的用户名和密码。"
            ),
            tab,
        )
        note.setWordWrap(True)
        column.addWidget(note)
        self.extend_form = FieldForm(tab)
        self.extend_form.setObjectName("extend_form")
        self.reason = text_box("reason", tab, 56)
        self.reason.setPlaceholderText(self.tr("延期理由"))
        self.approver_username = QLineEdit(tab)
        self.approver_username.setObjectName("approver_username")
        self.approver_username.setPlaceholderText(self.tr("负责人的用户名"))
        self.approver_password = QLineEdit(tab)
        self.approver_password.setObjectName("approver_password")
        self.approver_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.approver_password.returnPressed.connect(self.submit_extension)
        self.extend_form.add("reason", self.tr("延期理由"), self.reason)
        self.extend_form.add("approver_username", self.tr("批准人"), self.approver_username)
        self.extend_form.add("approver_password", self.tr("批准人密码"), self.approver_password)
        column.addWidget(self.extend_form)
        self.extend_submit = QPushButton(self.tr("批准延期"), tab)
        self.extend_submit.setObjectName("extend_submit")
        self.extend_submit.clicked.connect(self.submit_extension)
        column.addWidget(self.extend_submit, 0, Qt.AlignmentFlag.AlignRight)
        column.addStretch(1)
        return outer

    def _build_close_tab(self) -> QWidget:
        outer, tab, column = self._tab_frame()
        self.close_form = FieldForm(tab)
        self.close_form.setObjectName("close_form")
        self.result = QComboBox(tab)
        self.result.setObjectName("result")
        self.result.addItem(self.tr("（请选择）"), "")
        for result in self.ctx.profile.complaints.results:
            self.result.addItem(tr_data(result.name), result.id)
        self.explanation = text_box("explanation", tab)
        self.explanation.setPlaceholderText(self.tr("不属实或部分属实的，写明解释说明和理由"))
        follow_box = QWidget(tab)
        follow_box.setObjectName("follow_up")
        follow_layout = QVBoxLayout(follow_box)
        follow_layout.setContentsMargins(0, 0, 0, 0)
        follow_layout.setSpacing(2)
        self.follow_up: dict[FollowUp, QCheckBox] = {}
        for action, label in FOLLOW_UP_NAMES.items():
            check = QCheckBox(self.tr(str(label)), follow_box)
            check.setObjectName(f"follow_up_{action.value}")
            follow_layout.addWidget(check)
            self.follow_up[action] = check
        follow_box.setFocusProxy(self.follow_up[FollowUp.RESOLVED])
        self.reply_channel = QComboBox(tab)
        self.reply_channel.setObjectName("reply_channel")
        for channel in self.ctx.profile.complaints.channels:
            self.reply_channel.addItem(tr_data(channel.name), channel.id)
        self.reply = text_box("reply", tab, 80)
        self.reply.setPlaceholderText(self.tr("答复投诉人的内容"))
        self.close_form.add("result", self.tr("办理结果"), self.result)
        self.close_form.add("explanation", self.tr("解释说明"), self.explanation)
        self.close_form.add("follow_up", self.tr("处理措施"), follow_box)
        self.close_form.add("reply_channel", self.tr("答复渠道"), self.reply_channel)
        self.close_form.add("reply", self.tr("答复内容"), self.reply)
        column.addWidget(self.close_form)
        self.close_submit = QPushButton(self.tr("办结"), tab)
        self.close_submit.setObjectName("close_submit")
        self.close_submit.clicked.connect(self.submit_close)
        column.addWidget(self.close_submit, 0, Qt.AlignmentFlag.AlignRight)
        column.addStretch(1)
        return outer

    # =========================================================== list texts

    def matter_text(self, view: ComplaintView) -> str:
        matter = " ".join(view.matter.split())
        return self.tr("【急】{matter}").format(matter=matter) if view.urgent_criteria else matter

    def urgent_colour(self, view: ComplaintView) -> str | None:
        return URGENT_COLOUR if view.urgent_criteria and view.state != CLOSED else None

    def state_text(self, view: ComplaintView) -> str:
        if view.state == REGISTERED:
            return self.tr("待办")
        if view.state == ROUTED:
            name = ROUTED_NAMES.get(view.mode or "")
            return self.tr(str(name)) if name else self.mode_names.get(view.mode or "", view.state)
        if view.state == CLOSED:
            result = self.result_names.get(view.result or "")
            return (
                self.tr("已办结（{result}）").format(result=result) if result else self.tr("已办结")
            )
        return view.state

    def days_left_text(self, view: ComplaintView) -> str:
        left = view.working_days_left
        if left is None:
            return "—"
        if view.urgency is Urgency.OVERDUE:
            return self.tr("逾期 {n}").format(n=-left)
        if view.urgency is Urgency.DUE_TODAY:
            return self.tr("今日到期")
        return str(left)

    def deadline_colour(self, view: ComplaintView) -> str | None:
        if view.urgency is Urgency.OVERDUE:
            return OVERDUE_COLOUR
        if view.urgency in (Urgency.DUE_SOON, Urgency.DUE_TODAY):
            return DUE_SOON_COLOUR
        return None

    # ================================================================= list

    def fetch(self, offset: int, limit: int) -> list[ComplaintView]:
        return complaints.list_complaints(
            self.ctx,
            self.session,
            state=self.state_filter.currentData(),
            search=self.search.text(),
            overdue_only=self.overdue_only.isChecked(),
            limit=limit,
            offset=offset,
        )

    def reload(self) -> None:
        """Query the service again with the filters; keep the selection if listed."""
        self.search_timer.stop()
        keep = self.current.view.id if self.current is not None else None
        self.model.reset()
        if keep is not None:
            self.select_row_of(keep)
        elif self.model.rowCount() > 0:
            self.table.selectRow(0)
        else:
            self.show_detail(None)

    def refresh(self) -> None:
        """Shown (again) or F5: the list and the selected complaint as they are now."""
        had = self.current is not None
        self.reload()
        if had and self.current is not None:
            self.show_detail(self.current.view.id, keep_message=True)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def row_of(self, complaint_id: str) -> int:
        for row, view in enumerate(self.model.rows):
            if view.id == complaint_id:
                return row
        return -1

    def select_row_of(self, complaint_id: str) -> bool:
        row = self.row_of(complaint_id)
        if row < 0:
            self.table.clearSelection()
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def on_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        view = self.model.row_at(current.row())
        if self.current is None or self.current.view.id != view.id:
            self.show_detail(view.id)

    def focus_record(self, complaint_id: str) -> None:
        """Show this complaint (e.g. from the dashboard): every state, no search."""
        for widget in (self.state_filter, self.overdue_only, self.search):
            widget.blockSignals(True)
        self.state_filter.setCurrentIndex(len(STATE_FILTERS) - 1)
        self.overdue_only.setChecked(False)
        self.search.clear()
        for widget in (self.state_filter, self.overdue_only, self.search):
            widget.blockSignals(False)
        self.show_detail(complaint_id)
        self.reload()
        for _ in range(5):  # a few more pages at most, never the whole list
            if self.row_of(complaint_id) >= 0 or not self.model.canFetchMore():
                break
            self.model.fetchMore()
        self.select_row_of(complaint_id)

    # ============================================================ register

    def new_complaint(self) -> None:
        """Open the registration dialog (window-modal, the page stays responsive)."""
        if not self.allowed.register:
            return
        dialog = RegisterComplaintDialog(self.ctx, self.session, self)
        dialog.accepted.connect(lambda: self.on_registered(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.register_dialog = dialog
        dialog.open()

    def on_registered(self, dialog: RegisterComplaintDialog) -> None:
        if dialog.complaint_id is None:
            return
        self.focus_record(dialog.complaint_id)
        self.say(self.tr("已登记。投诉人身份已加密保存。"))

    # ============================================================== detail

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def show_detail(self, complaint_id: str | None, keep_message: bool = False) -> None:
        """Show one complaint (or the placeholder); any revealed identity is cleared."""
        self.hide_identity()
        if not keep_message:
            self.say("")
        for form in (self.route_form, self.extend_form, self.close_form):
            form.clear_errors()
        if complaint_id is None:
            self.current = None
            self.allowed_now = frozenset()
            self.placeholder.setText(
                self.tr("请在列表中选择一件投诉。")
                if self.model.rowCount() > 0
                else self.tr("没有符合条件的投诉。")
            )
        else:
            try:
                self.current = complaints.get_complaint_detail(self.ctx, self.session, complaint_id)
                self.allowed_now = complaints.available_complaint_actions(
                    self.ctx, self.session, complaint_id
                )
            except ServiceError as exc:
                self.current = None
                self.allowed_now = frozenset()
                self.placeholder.setText(error_text(exc))
        shown = self.current is not None
        self.placeholder.setVisible(not shown)
        self.title.setVisible(shown)
        self.tabs.setVisible(shown)
        if self.current is None:
            return
        self.fill_facts(self.current)
        self.fill_identity_box(self.current)
        self.fill_history(self.current.view.id)
        self.fill_forms(self.current)

    def fill_facts(self, detail: ComplaintDetail) -> None:
        view = detail.view
        self.title.setText(self.matter_text(view))
        self.title.setStyleSheet(f"color: {URGENT_COLOUR};" if view.urgent_criteria else "")
        self.fact_channel.setText(self.channel_names.get(view.channel, view.channel))
        self.fact_received.setText(view.received_on.isoformat())
        subject = view.subject_agency_name
        if detail.subject_official_name:
            subject += self.tr("　被投诉人：{name}").format(name=detail.subject_official_name)
        self.fact_subject.setText(subject)
        self.fact_matter.setText(view.matter)
        names = dict.fromkeys(
            self.criteria_names.get(c) or self.tr("已标记为紧急") for c in view.urgent_criteria
        )
        self.fact_urgent.setText(self.tr("、").join(names) or self.tr("否"))
        self.fact_state.setText(self.state_text(view))
        deadline = view.due_on.isoformat()
        if view.working_days_left is not None:
            if view.urgency is Urgency.OVERDUE:
                deadline += self.tr("（已逾期 {n} 个工作日）").format(n=-view.working_days_left)
            elif view.urgency is Urgency.DUE_TODAY:
                deadline += self.tr("（今日到期）")
            else:
                deadline += self.tr("（剩余 {n} 个工作日）").format(n=view.working_days_left)
        self.fact_deadline.setText(deadline)
        colour = self.deadline_colour(view)
        self.fact_deadline.setStyleSheet(f"color: {colour};" if colour else "")
        self.fact_routing.setText(self.routing_text(detail))
        if detail.extensions:
            self.fact_extension.setText(
                self.tr("已延期 {n} 次：{reason}").format(
                    n=detail.extensions, reason=detail.extension_reason
                )
            )
        else:
            self.fact_extension.setText(self.tr("未延期"))
        self.fact_result.setText(self.result_text(detail))
        if self.allowed.find_repeats:
            try:
                repeats = complaints.repeat_count(self.ctx, self.session, view.id)
            except ServiceError:
                repeats = 0
            self.fact_repeat.setText(
                self.tr("另有 {n} 件投诉的身份证号码或电话相同").format(n=repeats)
                if repeats
                else self.tr("无")
            )
        self.fact_registered.setText(detail.registered_by_name)

    def routing_text(self, detail: ComplaintDetail) -> str:
        if detail.view.mode is None:
            return self.tr("尚未分办")
        parts = [self.mode_names.get(detail.view.mode, detail.view.mode)]
        if detail.handler_agency_name:
            parts.append(self.tr("承办单位：{name}").format(name=detail.handler_agency_name))
        if detail.transfer_limit is not None:
            parts.append(self.tr("办理时限：{day}").format(day=detail.transfer_limit.isoformat()))
        if detail.transfer_requirements:
            parts.append(self.tr("要求：{text}").format(text=detail.transfer_requirements))
        return "\n".join(parts)

    def result_text(self, detail: ComplaintDetail) -> str:
        if detail.view.result is None:
            return self.tr("尚未办结")
        lines = [
            self.tr("{result}（{day} 办结）").format(
                result=self.result_names.get(detail.view.result, detail.view.result),
                day=detail.closed_on.isoformat() if detail.closed_on else "",
            )
        ]
        if detail.follow_up:
            names = []
            for value in detail.follow_up:
                label = FOLLOW_UP_NAMES.get(FollowUp(value)) if value in set(FollowUp) else None
                names.append(self.tr(str(label)) if label else value)
            lines.append(self.tr("处理措施：{names}").format(names=self.tr("、").join(names)))
        if detail.explanation:
            lines.append(self.tr("解释说明：{text}").format(text=detail.explanation))
        if detail.reply:
            channel = self.channel_names.get(detail.reply_channel or "", "")
            lines.append(
                self.tr("答复（{channel}）：{text}").format(channel=channel, text=detail.reply)
            )
        return "\n".join(lines)

    def fill_identity_box(self, detail: ComplaintDetail) -> None:
        has_identity = detail.view.has_identity
        if detail.view.anonymous:
            note = self.tr("匿名投诉，未登记投诉人身份。")
        elif not self.allowed.reveal_identity:
            note = self.tr("投诉人身份依法保密，仅投诉受理人员可以查看。")
        else:
            note = self.tr("投诉人身份已加密保存。查看时解密，每次查看均记入处理记录。")
        self.identity_note.setText(note)
        self.reveal_button.setEnabled(has_identity and ACTION_REVEAL in self.allowed_now)

    def fill_history(self, complaint_id: str) -> None:
        self.history.clear()
        try:
            entries = complaints.complaint_history(self.ctx, self.session, complaint_id)
        except ServiceError as exc:
            self.history.addItem(error_text(exc))
            return
        for entry in reversed(entries):  # newest first
            name = HISTORY_NAMES.get(entry.action)
            action = self.tr(str(name)) if name else entry.action
            if entry.approved_by_name:
                action += self.tr("（{name}批准）").format(name=entry.approved_by_name)
            when = entry.at.astimezone(CHINA).strftime("%Y-%m-%d %H:%M")
            item = QListWidgetItem(f"{when}　{entry.user_name}　{action}", self.history)
            item.setData(Qt.ItemDataRole.UserRole, entry.action)
            if entry.action in REVEAL_ACTIONS:
                item.setForeground(QBrush(QColor(DUE_SOON_COLOUR)))

    def history_texts(self) -> list[str]:
        """What the record list shows, newest first (for tests)."""
        return [self.history.item(i).text() for i in range(self.history.count())]

    def fill_forms(self, detail: ComplaintDetail) -> None:
        view = detail.view
        for tab, action in (
            (self.route_tab, ACTION_ROUTE),
            (self.extend_tab, ACTION_EXTEND),
            (self.close_tab, ACTION_CLOSE),
        ):
            self.tabs.setTabEnabled(tab, action in self.allowed_now)
        # Routing: what is recorded, or a transfer by default.
        mode = view.mode or "transfer"
        self.mode.setCurrentIndex(max(0, self.mode.findData(mode)))
        self.handler_agency.setCurrentIndex(
            max(0, self.handler_agency.findData(detail.handler_agency_id))
        )
        self.time_limit.set_value(detail.transfer_limit, default=view.due_on)
        self.requirements.setPlainText(detail.transfer_requirements)
        # Extension: never keeps a password.
        self.reason.clear()
        self.approver_password.clear()
        # Closing: the reply goes back by the channel the complaint came by (MAS 16).
        self.result.setCurrentIndex(max(0, self.result.findData(view.result or "")))
        self.explanation.setPlainText(detail.explanation)
        for action, check in self.follow_up.items():
            check.setChecked(action.value in detail.follow_up)
        channel = detail.reply_channel or view.channel
        self.reply_channel.setCurrentIndex(max(0, self.reply_channel.findData(channel)))
        self.reply.setPlainText(detail.reply)

    def on_mode_changed(self) -> None:
        """Only a transfer or supervision carries a time limit and requirements."""
        mode_id = self.mode.currentData()
        needs = any(
            m.id == mode_id and m.needs_limit_and_requirements
            for m in self.ctx.profile.complaints.modes
        )
        self.time_limit.setEnabled(needs)
        self.requirements.setEnabled(needs)

    # ============================================================== actions

    def after_change(self, message: str) -> None:
        assert self.current is not None
        complaint_id = self.current.view.id
        self.reload()
        self.show_detail(complaint_id)
        self.say(message)

    def submit_route(self) -> None:
        if self.current is None:
            return
        self.route_form.clear_errors()
        try:
            complaints.route_complaint(
                self.ctx,
                self.session,
                self.current.view.id,
                mode=self.mode.currentData(),
                handler_agency_id=self.handler_agency.currentData(),
                time_limit=self.time_limit.value(),
                requirements=self.requirements.toPlainText(),
            )
        except (ServiceError, RuleViolation) as exc:
            show_refusal([self.route_form], exc)
            return
        self.after_change(self.tr("已分办。"))

    def submit_extension(self) -> None:
        if self.current is None:
            return
        self.extend_form.clear_errors()
        password = self.approver_password.text()
        self.approver_password.clear()  # typed by the head; never kept
        try:
            due = complaints.extend_complaint(
                self.ctx,
                self.session,
                self.current.view.id,
                approver_username=self.approver_username.text().strip(),
                approver_password=password,
                reason=self.reason.toPlainText(),
            )
        except (ServiceError, RuleViolation) as exc:
            show_refusal([self.extend_form], exc)
            return
        self.after_change(self.tr("已延期，新的截止日期：{day}。").format(day=due.isoformat()))

    def submit_close(self) -> None:
        if self.current is None:
            return
        self.close_form.clear_errors()
        try:
            complaints.close_complaint(
                self.ctx,
                self.session,
                self.current.view.id,
                result=self.result.currentData(),
                explanation=self.explanation.toPlainText(),
                reply_channel=self.reply_channel.currentData(),
                reply=self.reply.toPlainText(),
                follow_up=[a.value for a, check in self.follow_up.items() if check.isChecked()],
            )
        except (ServiceError, RuleViolation) as exc:
            show_refusal([self.close_form], exc)
            return
        self.after_change(self.tr("已办结。"))
        self.tabs.setCurrentIndex(0)

    # ============================================================ identity

    def confirm_reveal(self) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("查看投诉人身份"),
            self.tr(
                "投诉人身份依法保密，不得泄露。\n"
                "查看将解密并记入处理记录（查看人、时间）。\n确定查看吗？"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("confirm_reveal")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("查看"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("取消"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes.value

    def reveal_identity(self) -> None:
        """Decrypt through the service after a confirmation; show read-only."""
        if self.current is None or ACTION_REVEAL not in self.allowed_now:
            return
        if not self.confirm_reveal():
            return
        complaint_id = self.current.view.id
        try:
            identity = complaints.reveal_identity(self.ctx, self.session, complaint_id)
        except ServiceError as exc:
            self.identity_note.setText(error_text(exc))
            self.fill_history(complaint_id)
            return
        self.identity_name.setText(identity.name)
        self.identity_id_number.setText(identity.id_number)
        self.identity_phone.setText(identity.phone)
        self.identity_address.setText(identity.address)
        self.identity_notes.setText(identity.notes)
        self.identity_fields.show()
        self.hide_button.show()
        self.reveal_button.hide()
        self.identity_timer.start()
        self.fill_history(complaint_id)

    def identity_lines(self) -> list[QLineEdit]:
        return [
            self.identity_name,
            self.identity_id_number,
            self.identity_phone,
            self.identity_address,
            self.identity_notes,
        ]

    def on_lock(self) -> None:
        """The session locked: the identity leaves the screen."""
        self.hide_identity()

    def hide_identity(self) -> None:
        """Clear the identity from the widgets."""
        self.identity_timer.stop()
        for line in self.identity_lines():
            line.clear()
        self.identity_fields.hide()
        self.hide_button.hide()
        self.reveal_button.setVisible(self.allowed.reveal_identity)

    def hideEvent(self, event: QHideEvent) -> None:
        """Leaving the page (or locking) clears a revealed identity."""
        self.hide_identity()
        super().hideEvent(event)
