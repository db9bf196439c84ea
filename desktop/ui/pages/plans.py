"""督查方案: the plans the user may see, and the plan editor with its approval workflow.

The list comes from ``plans.list_plans`` page by page (暗访 plans only for their
team and approvers: the service filters). The editor drafts and changes a plan
while ``can_edit_plan`` allows it and is read-only otherwise; the buttons are
the actions ``available_plan_actions`` offers, and the services still refuse
what a role may not do. A refusal appears beside its field: too few inspectors
(``team.too_few``) beside the team, a missing return reason beside the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.common import Role, RuleViolation
from desktop.domain.inspections import check_team
from desktop.domain.plans import ACTION_NAMES, STATE_NAMES, PlanAction, PlanState
from desktop.services import directory, plans
from desktop.services.auth import UserSession
from desktop.services.base import Context, ServiceError
from desktop.services.directory import AgencyView, UserView
from desktop.services.plans import PlanView
from desktop.ui.dialogs.presence import show_failure
from desktop.ui.fields import FieldForm
from desktop.ui.i18n import tr_data, tr_message
from desktop.ui.listmodel import Column, PagedModel, debounced_search
from desktop.ui.worker import error_text

# Where a plan rule's refusal is shown (refusal code -> field on the editor).
REFUSAL_FIELDS: Mapping[str, str] = {
    "team.too_few": "team_ids",
    "plan.unknown_kind": "kind",
    "plan.special_item_required": "special_item",
    "plan.unknown_special_item": "special_item",
    "plan.government_approval_required": "government_approval_ref",
}

STEP_NAMES = {
    "first": QT_TRANSLATE_NOOP("Page", "审批"),
    "second": QT_TRANSLATE_NOOP("Page", "主要负责人审批"),
}
OUTCOME_NAMES = {
    "approved": QT_TRANSLATE_NOOP("Page", "同意"),
    "returned": QT_TRANSLATE_NOOP("Page", "退回"),
}
STATE_COLOURS = {
    PlanState.RETURNED: "#b00020",
    PlanState.SUBMITTED: "#a15c00",
    PlanState.FIRST_APPROVED: "#a15c00",
    PlanState.APPROVED: "#1b5e20",
    PlanState.IN_PROGRESS: "#0d47a1",
}
HINT_STYLE = "color: #555;"
READ_ONLY_STYLE = "background: #f4f4f4;"
WARN_STYLE = "color: #a15c00;"
OK_STYLE = "color: #1b5e20;"
NOTE_BOX_STYLE = (
    "QLabel { background: #fff4e5; border: 1px solid #f0c36d; border-radius: 3px; padding: 6px; }"
)
CHINA = dt.timedelta(hours=8)


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def china_time(at: dt.datetime) -> str:
    """A UTC timestamp as China time, to the minute."""
    if at.tzinfo is not None:
        at = at.astimezone(dt.UTC).replace(tzinfo=None)
    return (at + CHINA).strftime("%Y-%m-%d %H:%M")


class TextPrompt(QDialog):
    """Asks for a required text (退回理由, 督查报告) and runs the action with it.

    A refusal (an empty reason) appears beside the field and the dialog stays
    open with what was typed. Opened with ``open()``; ``submit()`` is the
    default button's slot.
    """

    def __init__(
        self,
        *,
        title: str,
        field: str,
        label: str,
        note: str,
        button: str,
        action: Callable[[str], object],
        refusal_fields: Mapping[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"prompt_{field}")
        self.setWindowTitle(title)
        self.setMinimumSize(480, 300)
        self.action = action
        self.refusal_fields = refusal_fields
        layout = QVBoxLayout(self)
        intro = QLabel(note, self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = FieldForm(self)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName(field)
        self.text.setTabChangesFocus(True)
        self.form.add(field, label, self.text)
        layout.addWidget(self.form, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(button)
        ok.setObjectName(f"confirm_{field}")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.text.setFocus()

    def submit(self) -> None:
        try:
            self.action(self.text.toPlainText())
        except (ServiceError, RuleViolation) as exc:
            show_failure(self.form, exc, self.refusal_fields)
            return
        self.accept()


class Page(QWidget):
    """督查方案: list on the left, the selected plan on the right."""

    def __init__(self, ctx: Context, session: UserSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.plan: PlanView | None = None  # the plan in the editor; None: a new one
        self.editable = False
        self.users: dict[str, UserView] = {}
        self.agencies: list[AgencyView] = []
        self.team_order: list[str] = []
        self.prompt: TextPrompt | None = None
        self.creating = False  # a new, unsaved plan is in the editor
        self._filling = False

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_toolbar())
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("plans_splitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_list())
        splitter.addWidget(self._build_editor())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([530, 490])
        layout.addWidget(splitter, 1)

        QShortcut(QKeySequence.StandardKey.New, self, self.new_plan)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        QShortcut(QKeySequence.StandardKey.Save, self, self._save_if_editable)
        self.setTabOrder(self.state_filter, self.search)
        self.setTabOrder(self.search, self.table)
        self._show_empty()

    # ---------------------------------------------------------------- build

    def _build_toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.state_filter = QComboBox(self)
        self.state_filter.setObjectName("state_filter")
        self.state_filter.addItem(self.tr("全部状态"), "")
        for state, name in STATE_NAMES.items():
            self.state_filter.addItem(tr_data(name), state.value)
        self.state_filter.currentIndexChanged.connect(self.requery)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("搜索方案标题或督查范围（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.search_timer = debounced_search(self.search, self.requery)
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        self.refresh_button.setObjectName("refresh")
        self.refresh_button.setToolTip(self.tr("重新读取方案列表（F5）"))
        self.refresh_button.clicked.connect(self.refresh)
        self.new_button = QPushButton(self.tr("新建方案"), self)
        self.new_button.setObjectName("new_plan")
        self.new_button.setToolTip(self.tr("起草新的督查方案（Ctrl+N）"))
        self.new_button.clicked.connect(self.new_plan)
        self.new_button.setVisible(plans.can_create_plan(self.session))
        bar.addWidget(QLabel(self.tr("状态"), self))
        bar.addWidget(self.state_filter)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.new_button)
        return bar

    def _build_list(self) -> QWidget:
        columns: list[Column[PlanView]] = [
            Column(self.tr("方案标题"), lambda p: p.title),
            Column(self.tr("被督查单位"), lambda p: p.subject_agency_name),
            Column(self.tr("开始日期"), lambda p: p.starts_on.isoformat()),
            Column(
                self.tr("状态"),
                lambda p: tr_data(p.state_name),
                lambda p: STATE_COLOURS.get(p.state),
            ),
        ]
        self.model: PagedModel[PlanView] = PagedModel(columns, self._fetch)
        self.table = QTableView(self)
        self.table.setObjectName("plan_list")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 130)
        for column in (2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumWidth(380)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        return self.table

    def _build_editor(self) -> QWidget:
        scroll = QScrollArea(self)
        scroll.setObjectName("plan_editor")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        panel = QWidget(scroll)
        column = QVBoxLayout(panel)
        column.setContentsMargins(8, 0, 4, 0)

        self.heading = QLabel(panel)
        self.heading.setObjectName("plan_heading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        column.addWidget(self.heading)
        self.state_line = QLabel(panel)
        self.state_line.setObjectName("plan_state")
        self.state_line.setWordWrap(True)
        self.state_line.setStyleSheet(HINT_STYLE)
        column.addWidget(self.state_line)
        self.return_reason = QLabel(panel)
        self.return_reason.setObjectName("return_reason")
        self.return_reason.setWordWrap(True)
        self.return_reason.setStyleSheet(NOTE_BOX_STYLE)
        self.return_reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.return_reason)

        self.form = FieldForm(panel)
        self.title_edit = QLineEdit(panel)
        self.title_edit.setObjectName("title")
        self.form.add("title", self.tr("方案标题"), self.title_edit)
        self.kind = QComboBox(panel)
        self.kind.setObjectName("kind")
        for kind in self.ctx.profile.plans.kinds:
            self.kind.addItem(tr_data(kind.name), kind.id)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        kind_box = QWidget(panel)
        kind_layout = QVBoxLayout(kind_box)
        kind_layout.setContentsMargins(0, 0, 0, 0)
        kind_layout.setSpacing(2)
        kind_layout.addWidget(self.kind)
        self.kind_note = QLabel(kind_box)
        self.kind_note.setObjectName("kind_note")
        self.kind_note.setWordWrap(True)
        self.kind_note.setStyleSheet(HINT_STYLE)
        kind_layout.addWidget(self.kind_note)
        kind_box.setFocusProxy(self.kind)
        self.form.add("kind", self.tr("督查类型"), kind_box)
        self.subject = QComboBox(panel)
        self.subject.setObjectName("subject_agency_id")
        self.subject.setMinimumContentsLength(16)
        self.subject.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.form.add("subject_agency_id", self.tr("被督查单位"), self.subject)
        self.scope = QPlainTextEdit(panel)
        self.scope.setObjectName("scope")
        self.scope.setTabChangesFocus(True)
        self.scope.setFixedHeight(64)
        self.form.add("scope", self.tr("督查范围"), self.scope)
        self.method = QPlainTextEdit(panel)
        self.method.setObjectName("method")
        self.method.setTabChangesFocus(True)
        self.method.setFixedHeight(48)
        self.form.add("method", self.tr("督查方式"), self.method)
        self.starts_on = QDateEdit(panel)
        self.starts_on.setObjectName("starts_on")
        self.ends_on = QDateEdit(panel)
        self.ends_on.setObjectName("ends_on")
        for edit in (self.starts_on, self.ends_on):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.form.add("starts_on", self.tr("开始日期"), self.starts_on)
        self.form.add("ends_on", self.tr("结束日期"), self.ends_on)
        flags = QWidget(panel)
        flags_layout = QHBoxLayout(flags)
        flags_layout.setContentsMargins(0, 0, 0, 0)
        self.major = QCheckBox(self.tr("重大督查事项（须主要负责人审批）"), flags)
        self.major.setObjectName("major")
        self.requested = QCheckBox(self.tr("应其他机关要求开展"), flags)
        self.requested.setObjectName("requested_by_agency")
        flags_layout.addWidget(self.major)
        flags_layout.addWidget(self.requested)
        flags_layout.addStretch(1)
        flags.setFocusProxy(self.major)
        self.form.add("major", self.tr("审批要求"), flags)
        self.form.errors["requested_by_agency"] = self.form.errors["major"]
        self.form.fields["requested_by_agency"] = self.requested
        self.special_item = QComboBox(panel)
        self.special_item.setObjectName("special_item")
        self.form.add("special_item", self.tr("专项事项"), self.special_item)
        self.government_ref = QLineEdit(panel)
        self.government_ref.setObjectName("government_approval_ref")
        self.government_ref.setPlaceholderText(self.tr("政府立项文号，如：马政办〔2026〕41号"))
        self.form.add("government_approval_ref", self.tr("立项依据"), self.government_ref)

        team_box = QWidget(panel)
        team_layout = QVBoxLayout(team_box)
        team_layout.setContentsMargins(0, 0, 0, 0)
        team_layout.setSpacing(2)
        self.team = QListWidget(team_box)
        self.team.setObjectName("team_ids")
        self.team.setFixedHeight(92)
        self.team.itemChanged.connect(self._team_changed)
        team_layout.addWidget(self.team)
        self.team_hint = QLabel(team_box)
        self.team_hint.setObjectName("team_hint")
        self.team_hint.setWordWrap(True)
        team_layout.addWidget(self.team_hint)
        team_box.setFocusProxy(self.team)
        self.form.add("team_ids", self.tr("督查组成员"), team_box)
        column.addWidget(self.form)

        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("保存"), panel)
        self.save_button.setObjectName("save_plan")
        self.save_button.setToolTip(self.tr("保存方案（Ctrl+S）"))
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        self.action_buttons: dict[PlanAction, QPushButton] = {}
        for action in PlanAction:
            button = QPushButton(tr_data(ACTION_NAMES[action]), panel)
            button.setObjectName(f"action_{action.value}")
            button.clicked.connect(lambda _checked=False, a=action: self.run_action(a))
            buttons.addWidget(button)
            self.action_buttons[action] = button
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.message = QLabel(panel)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        column.addWidget(self.message)

        self.report_box = QGroupBox(self.tr("督查报告"), panel)
        report_layout = QVBoxLayout(self.report_box)
        self.report = QLabel(self.report_box)
        self.report.setObjectName("report")
        self.report.setWordWrap(True)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        report_layout.addWidget(self.report)
        column.addWidget(self.report_box)

        self.history_box = QGroupBox(self.tr("审批记录"), panel)
        history_layout = QVBoxLayout(self.history_box)
        self.history = QTableWidget(0, 5, self.history_box)
        self.history.setObjectName("approval_history")
        self.history.setHorizontalHeaderLabels(
            [self.tr("环节"), self.tr("审批人"), self.tr("意见"), self.tr("理由"), self.tr("时间")]
        )
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.history.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        history_header = self.history.horizontalHeader()
        for col in (0, 1, 2, 4):
            history_header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        history_header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        history_layout.addWidget(self.history)
        column.addWidget(self.history_box)
        column.addStretch(1)
        scroll.setWidget(panel)
        return scroll

    # ----------------------------------------------------------------- list

    def _fetch(self, offset: int, limit: int) -> list[PlanView]:
        return plans.list_plans(
            self.ctx,
            self.session,
            state=self.state_filter.currentData() or None,
            search=self.search.text(),
            limit=limit,
            offset=offset,
        )

    def refresh(self) -> None:
        """Called each time the page is shown (and F5): directory, list, current plan."""
        self.users = {u.id: u for u in directory.list_users(self.ctx, self.session, role=None)}
        self.agencies = directory.list_agencies(self.ctx, self.session)
        self._fill_subjects()
        self._fill_team_choices()
        current = self.plan.id if self.plan is not None else None
        self.requery()
        if current is not None:
            self.show_plan(current)
        elif not self.creating and self.model.rows:
            self.table.selectRow(0)  # something to read at once

    def requery(self) -> None:
        """Re-ask the service with the filter and search (first page only)."""
        self.search_timer.stop()
        current = self.plan.id if self.plan is not None else None
        self.model.reset()
        if current is not None:
            self._select_row(current)

    def _select_row(self, plan_id: str) -> bool:
        for row, plan in enumerate(self.model.rows):
            if plan.id == plan_id:
                self._filling = True
                try:
                    self.table.selectRow(row)
                finally:
                    self._filling = False
                return True
        self._clear_selection()
        return False

    def _clear_selection(self) -> None:
        """No row chosen (so that clicking any row, even the last one, shows it)."""
        self._filling = True
        try:
            self.table.setCurrentIndex(QModelIndex())
            self.table.clearSelection()
        finally:
            self._filling = False

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._filling or not current.isValid():
            return
        self.show_plan(self.model.row_at(current.row()).id)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def focus_record(self, plan_id: str) -> None:
        """Show the plan ``plan_id`` (from another page or the dashboard)."""
        if not self.users:
            self.refresh()
        self.show_plan(plan_id)
        self._select_row(plan_id)

    # ----------------------------------------------------------- directory

    def _name(self, user_id: str) -> str:
        user = self.users.get(user_id)
        return user.display_name if user is not None else user_id

    def _fill_subjects(self) -> None:
        selected = self.subject.currentData()
        self.subject.blockSignals(True)
        self.subject.clear()
        self.subject.addItem(self.tr("（请选择被督查单位）"), "")
        for agency in self.agencies:
            self.subject.addItem("　" * max(0, agency.level - 1) + agency.name, agency.id)
        self.subject.setCurrentIndex(max(0, self.subject.findData(selected)))
        self.subject.blockSignals(False)

    def _fill_team_choices(self) -> None:
        inspectors = [u for u in self.users.values() if Role.INSPECTOR.value in u.roles]
        inspectors.sort(key=lambda u: u.username)
        self._filling = True
        try:
            self.team.clear()
            for user in inspectors:
                item = QListWidgetItem(f"{user.display_name}（{user.username}）", self.team)
                item.setData(Qt.ItemDataRole.UserRole, user.id)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
        finally:
            self._filling = False
        self._set_team(self.team_order)

    def _set_team(self, team_ids: list[str]) -> None:
        """Check ``team_ids`` in the picker (a member not offered is added, shown)."""
        self.team_order = list(team_ids)
        self._filling = True
        try:
            offered: set[str] = set()
            for row in range(self.team.count()):
                item = self.team.item(row)
                user_id = str(item.data(Qt.ItemDataRole.UserRole))
                offered.add(user_id)
                checked = user_id in self.team_order
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            for user_id in self.team_order:
                if user_id not in offered:  # e.g. a member since deactivated
                    item = QListWidgetItem(self._name(user_id), self.team)
                    item.setData(Qt.ItemDataRole.UserRole, user_id)
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Checked)
        finally:
            self._filling = False
        self._team_hint()

    def set_team_member(self, user_id: str, on: bool) -> None:
        """Tick or untick an inspector in the team picker (as a click would)."""
        for row in range(self.team.count()):
            item = self.team.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == user_id:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                return
        raise KeyError(user_id)

    def _team_changed(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        user_id = str(item.data(Qt.ItemDataRole.UserRole))
        if item.checkState() == Qt.CheckState.Checked:
            if user_id not in self.team_order:
                self.team_order.append(user_id)
        elif user_id in self.team_order:
            self.team_order.remove(user_id)
        self._team_hint()

    def _team_hint(self) -> None:
        """The live hint while picking: the domain's own team rule (MAS 15)."""
        refusals = check_team(self.team_order, self.ctx.profile)
        if refusals:
            self.team_hint.setText(tr_message(refusals[0].message))
            self.team_hint.setStyleSheet(WARN_STYLE)
        else:
            names = "、".join(self._name(i) for i in self.team_order)
            self.team_hint.setText(
                self.tr("已选 {n} 名：{names}").format(n=len(self.team_order), names=names)
            )
            self.team_hint.setStyleSheet(OK_STYLE)

    # --------------------------------------------------------------- editor

    def _kind_changed(self) -> None:
        kind_id = self.kind.currentData()
        try:
            kind = self.ctx.profile.plans.kind(str(kind_id))
        except KeyError:
            self.kind_note.clear()
            self._show_special(False)
            return
        notes = [self.tr("依据：{article}").format(article=kind.article)] if kind.article else []
        if kind.unannounced:
            notes.append(self.tr("暗访方案保密：仅督查组成员和审批人可见，形成报告后公开。"))
        self.kind_note.setText("　".join(notes))
        self._show_special(bool(kind.government_approval_items))
        if kind.government_approval_items:
            items = sorted(self.ctx.profile.plans.special_items or kind.government_approval_items)
            selected = self.special_item.currentData()
            self.special_item.clear()
            self.special_item.addItem(self.tr("（请注明属于第几项）"), None)
            for number in items:
                needs = number in kind.government_approval_items
                text = self.tr("第{n}项").format(n=number)
                if needs:
                    text += self.tr("（须经政府立项）")
                self.special_item.addItem(text, number)
            self.special_item.setCurrentIndex(max(0, self.special_item.findData(selected)))

    def _show_special(self, visible: bool) -> None:
        for name in ("special_item", "government_approval_ref"):
            box = self.form.fields[name].parentWidget()
            if box is not None:
                self.form.layout_.setRowVisible(box, visible)

    def _special_visible(self) -> bool:
        try:
            kind = self.ctx.profile.plans.kind(str(self.kind.currentData()))
        except KeyError:
            return False
        return bool(kind.government_approval_items)

    def _show_empty(self) -> None:
        self.plan = None
        self.creating = False
        self.editable = False
        self.heading.setText(self.tr("请在左侧选择督查方案，或新建方案"))
        self.state_line.clear()
        self.return_reason.hide()
        self.form.hide()
        self.save_button.hide()
        for button in self.action_buttons.values():
            button.hide()
        self.report_box.hide()
        self.history_box.hide()

    def new_plan(self) -> None:
        """Start a new draft (Ctrl+N) in the editor."""
        if not plans.can_create_plan(self.session):
            return
        if not self.users:
            self.refresh()
        self.plan = None
        self.creating = True
        self._clear_selection()
        self.form.clear_errors()
        self.message.clear()
        self.form.show()
        self.heading.setText(self.tr("新建督查方案"))
        self.state_line.setText(self.tr("草稿，尚未保存"))
        self.return_reason.hide()
        self.report_box.hide()
        self.history_box.hide()
        self._filling = True
        try:
            self.title_edit.clear()
            self.kind.setCurrentIndex(0)
            self.subject.setCurrentIndex(0)
            self.scope.clear()
            self.method.clear()
            today = self.ctx.today()
            self.starts_on.setDate(qdate(today + dt.timedelta(days=7)))
            self.ends_on.setDate(qdate(today + dt.timedelta(days=14)))
            self.major.setChecked(False)
            self.requested.setChecked(False)
            self.government_ref.clear()
        finally:
            self._filling = False
        self._kind_changed()
        self.special_item.setCurrentIndex(0)
        self._set_team([self.session.user_id] if Role.INSPECTOR in self.session.roles else [])
        self._set_editable(True)
        for button in self.action_buttons.values():
            button.hide()
        self.title_edit.setFocus()

    def show_plan(self, plan_id: str) -> None:
        """Load the plan into the editor, with the actions offered to this user."""
        try:
            plan = plans.get_plan(self.ctx, self.session, plan_id)
            actions = plans.available_plan_actions(self.ctx, self.session, plan_id)
            editable = plans.can_edit_plan(self.ctx, self.session, plan_id)
        except ServiceError as exc:
            self._show_empty()
            self.message.setText(error_text(exc))
            return
        self.plan = plan
        self.creating = False
        self.form.clear_errors()
        self.form.show()
        self.heading.setText(plan.title)
        self.state_line.setText(
            self.tr("状态：{state}　起草人：{author}　更新于 {at}").format(
                state=tr_data(plan.state_name),
                author=self._name(plan.author_id),
                at=china_time(plan.updated_at),
            )
        )
        if plan.return_reason:
            self.return_reason.setText(
                self.tr("退回理由：{reason}").format(reason=plan.return_reason)
            )
            self.return_reason.show()
        else:
            self.return_reason.hide()
        self._filling = True
        try:
            self.title_edit.setText(plan.title)
            index = self.kind.findData(plan.kind)
            if index < 0:
                self.kind.addItem(tr_data(plan.kind_name), plan.kind)
                index = self.kind.count() - 1
            self.kind.setCurrentIndex(index)
            subject = self.subject.findData(plan.subject_agency_id)
            if subject < 0:
                self.subject.addItem(plan.subject_agency_name, plan.subject_agency_id)
                subject = self.subject.count() - 1
            self.subject.setCurrentIndex(subject)
            self.scope.setPlainText(plan.scope)
            self.method.setPlainText(plan.method)
            self.starts_on.setDate(qdate(plan.starts_on))
            self.ends_on.setDate(qdate(plan.ends_on))
            self.major.setChecked(plan.major)
            self.requested.setChecked(plan.requested_by_agency)
            self.government_ref.setText(plan.government_approval_ref)
        finally:
            self._filling = False
        self._kind_changed()
        self.special_item.setCurrentIndex(max(0, self.special_item.findData(plan.special_item)))
        self._set_team(list(plan.team_ids))
        self._set_editable(editable)
        if editable and PlanAction.SUBMIT not in actions:
            # Whoever may edit a draft may submit it (author or team); what keeps
            # submit out of ``actions`` then is the content (too few inspectors,
            # a missing approval reference). Offer it, so that the refusal
            # appears beside the field to fix rather than the button vanishing.
            actions = [PlanAction.SUBMIT, *actions]
        for action, button in self.action_buttons.items():
            button.setVisible(action in actions)
        self.report.setText(plan.report)
        self.report_box.setVisible(bool(plan.report))
        self._fill_history(plan)

    def _fill_history(self, plan: PlanView) -> None:
        self.history.setRowCount(len(plan.approvals))
        for row, step in enumerate(plan.approvals):
            cells = (
                self.tr(str(STEP_NAMES.get(step.step, step.step))),
                self._name(step.approver_id),
                self.tr(str(OUTCOME_NAMES.get(step.outcome, step.outcome))),
                step.reason,
                china_time(step.decided_at),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 2 and step.outcome == "returned":
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.history.setItem(row, col, item)
        self.history.setFixedHeight(
            self.history.horizontalHeader().height()
            + sum(self.history.rowHeight(r) for r in range(len(plan.approvals)))
            + 6
        )
        self.history_box.setVisible(bool(plan.approvals))

    def _set_editable(self, editable: bool) -> None:
        self.editable = editable
        style = "" if editable else READ_ONLY_STYLE
        for edit in (self.title_edit, self.government_ref):
            edit.setReadOnly(not editable)
            edit.setStyleSheet(style)
        for text in (self.scope, self.method):
            text.setReadOnly(not editable)
            text.setStyleSheet(style)
        for widget in (
            self.kind,
            self.subject,
            self.starts_on,
            self.ends_on,
            self.major,
            self.requested,
            self.special_item,
            self.team,
        ):
            widget.setEnabled(editable)
        self.save_button.setVisible(editable)
        self.save_button.setDefault(editable)

    def values(self) -> dict[str, Any]:
        """The editor's fields, named as the services name them."""
        special = self._special_visible()
        item = self.special_item.currentData() if special else None
        return {
            "title": self.title_edit.text(),
            "kind": str(self.kind.currentData()),
            "subject_agency_id": str(self.subject.currentData() or ""),
            "scope": self.scope.toPlainText(),
            "method": self.method.toPlainText(),
            "starts_on": pydate(self.starts_on.date()),
            "ends_on": pydate(self.ends_on.date()),
            "team_ids": list(self.team_order),
            "major": self.major.isChecked(),
            "requested_by_agency": self.requested.isChecked(),
            "special_item": int(item) if item is not None else None,
            "government_approval_ref": self.government_ref.text() if special else "",
        }

    def _save_if_editable(self) -> None:
        if self.editable:
            self.save()

    def save(self) -> bool:
        """Create or update the plan; a refusal appears beside its field."""
        if not self.editable:
            return False
        self.form.clear_errors()
        try:
            if self.plan is None:
                plan_id = plans.create_plan(self.ctx, self.session, **self.values())
            else:
                plan_id = self.plan.id
                plans.update_plan(self.ctx, self.session, plan_id, **self.values())
        except (ServiceError, RuleViolation) as exc:
            show_failure(self.form, exc, REFUSAL_FIELDS)
            return False
        self.show_plan(plan_id)
        self.requery()
        self.message.setText(self.tr("已保存。"))
        return True

    # -------------------------------------------------------------- actions

    def run_action(self, action: PlanAction) -> None:
        """Do ``action`` on the plan in the editor (退回 and 提交报告 ask for text first)."""
        plan = self.plan
        if plan is None:
            return
        self.message.clear()
        if action is PlanAction.RETURN:
            self._ask(
                title=self.tr("退回督查方案"),
                field="reason",
                label=self.tr("退回理由"),
                note=self.tr("请写明退回理由，起草人将据此修改后重新提交。"),
                button=self.tr("退回"),
                action=lambda text: plans.return_plan(self.ctx, self.session, plan.id, text),
                refusal_fields={"plan.reason_required": "reason"},
                done=self.tr("已退回。"),
            )
            return
        if action is PlanAction.REPORT:
            self._ask(
                title=self.tr("提交督查报告"),
                field="report",
                label=self.tr("督查报告"),
                note=self.tr("请填写督查发现的问题、整改要求或督查建议。"),
                button=self.tr("提交报告"),
                action=lambda text: plans.report_plan(self.ctx, self.session, plan.id, text),
                refusal_fields={},
                done=self.tr("督查报告已提交。"),
            )
            return
        if action is PlanAction.SUBMIT and self.editable and not self.save():
            return
        calls: dict[PlanAction, Callable[[Context, UserSession, str], PlanState]] = {
            PlanAction.SUBMIT: plans.submit_plan,
            PlanAction.APPROVE: plans.approve_plan,
            PlanAction.SECOND_APPROVE: plans.second_approve_plan,
            PlanAction.START: plans.start_plan,
            PlanAction.CLOSE: plans.close_plan,
        }
        try:
            state = calls[action](self.ctx, self.session, plan.id)
        except (ServiceError, RuleViolation) as exc:
            show_failure(self.form, exc, REFUSAL_FIELDS)
            self.message.setText(
                self.tr("未能{action}，原因见上方红字提示。").format(
                    action=tr_data(ACTION_NAMES[action])
                )
            )
            return
        self._after_action(
            plan.id,
            self.tr("已完成：{action}。现在状态为“{state}”。").format(
                action=tr_data(ACTION_NAMES[action]), state=tr_data(STATE_NAMES[state])
            ),
        )

    def _ask(
        self,
        *,
        title: str,
        field: str,
        label: str,
        note: str,
        button: str,
        action: Callable[[str], object],
        refusal_fields: Mapping[str, str],
        done: str,
    ) -> None:
        plan_id = self.plan.id if self.plan is not None else ""
        prompt = TextPrompt(
            title=title,
            field=field,
            label=label,
            note=note,
            button=button,
            action=action,
            refusal_fields=refusal_fields,
            parent=self,
        )
        prompt.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        prompt.accepted.connect(lambda: self._after_action(plan_id, done))
        self.prompt = prompt
        prompt.open()

    def _after_action(self, plan_id: str, text: str) -> None:
        self.requery()
        self.show_plan(plan_id)
        self.message.setText(text)
