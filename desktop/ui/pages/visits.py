"""现场检查: the visits of a plan, opening and finalising them with two inspectors
present, the record of what was found and the evidence.

The plan selector offers the plans the user may see that are approved, in
progress or reported (``plans.list_plans_in_states``, page by page). "开始检查"
and "完成检查" open the presence dialog: at least two inspectors of the team,
each with their own username and password typed here (MAS 15 第五款). The
record and the evidence can be changed while the visit is open and the user
is on the team (``visits.can_edit_visit``); adding and verifying evidence
(hashing files) runs in the background.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
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

from desktop.domain.common import Role
from desktop.domain.plans import PlanState
from desktop.services import directory, plans, visits
from desktop.services.auth import UserSession
from desktop.services.base import Context, ServiceError
from desktop.services.plans import PlanView
from desktop.services.visits import VisitView
from desktop.ui.dialogs.presence import PresenceDialog, PresenceInput
from desktop.ui.fields import FieldForm
from desktop.ui.i18n import tr_data
from desktop.ui.listmodel import Column, PagedModel, debounced_search
from desktop.ui.worker import Progress, error_text, run_in_background

VISIT_PLAN_STATES = (PlanState.APPROVED, PlanState.IN_PROGRESS, PlanState.REPORTED)

EVIDENCE_KIND_NAMES = {
    "photo": QT_TRANSLATE_NOOP("Page", "照片"),
    "scan": QT_TRANSLATE_NOOP("Page", "扫描件"),
    "audio": QT_TRANSLATE_NOOP("Page", "录音"),
    "other": QT_TRANSLATE_NOOP("Page", "其他"),
}
RECORD_FIELDS = (
    ("observations", QT_TRANSLATE_NOOP("Page", "现场察看情况")),
    ("documents_requested", QT_TRANSLATE_NOOP("Page", "要求提供的文件资料")),
    ("documents_copied", QT_TRANSLATE_NOOP("Page", "复制的文件资料")),
    ("explanations_demanded", QT_TRANSLATE_NOOP("Page", "要求作出的解释和说明")),
    ("interviews", QT_TRANSLATE_NOOP("Page", "询问谈话情况")),
)
BAD = "#b00020"
GOOD = "#1b5e20"
HINT_STYLE = "color: #555;"
READ_ONLY_STYLE = "QPlainTextEdit { background: #f4f4f4; }"


def size_text(size: int) -> str:
    """A file size for people: B, KB, MB, GB."""
    value = float(size)
    for unit in ("B", "KB", "MB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


class Page(QWidget):
    """现场检查: plan selector, the plan's visits, the selected visit's record."""

    def __init__(self, ctx: Context, session: UserSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.plan: PlanView | None = None
        self.visit: VisitView | None = None
        self.editable = False
        self.bad_evidence: set[str] | None = None  # ids from the last verification
        self.usernames: dict[str, str] = {}
        self.display_names: dict[str, str] = {}
        self.presence: PresenceDialog | None = None
        self._visit_rows: list[VisitView] = []
        self._selecting = False

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_selector())
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("visits_splitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_visit_list())
        splitter.addWidget(self._build_editor())
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 7)
        splitter.setSizes([380, 640])
        layout.addWidget(splitter, 1)

        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        QShortcut(QKeySequence.StandardKey.Save, self, self._save_if_editable)
        QShortcut(QKeySequence.StandardKey.New, self, self._start_if_offered)
        self.setTabOrder(self.plan_search, self.plan_selector)
        self.setTabOrder(self.plan_selector, self.visit_table)
        self.setTabOrder(self.visit_table, self.start_button)
        self._show_visit(None)

    # ---------------------------------------------------------------- build

    def _build_selector(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.plan_search = QLineEdit(self)
        self.plan_search.setObjectName("plan_search")
        self.plan_search.setPlaceholderText(self.tr("搜索方案（Ctrl+F）"))
        self.plan_search.setClearButtonEnabled(True)
        self.plan_search.setMaximumWidth(220)
        self.search_timer = debounced_search(self.plan_search, self.requery_plans)
        self.plan_model: PagedModel[PlanView] = PagedModel(
            [
                Column(
                    self.tr("督查方案"),
                    lambda p: f"{p.title}（{tr_data(p.kind_name)}，{tr_data(p.state_name)}）",
                )
            ],
            self._fetch_plans,
        )
        self.plan_selector = QComboBox(self)
        self.plan_selector.setObjectName("plan_selector")
        self.plan_selector.setModel(self.plan_model)
        self.plan_selector.setModelColumn(0)
        self.plan_selector.setMinimumContentsLength(30)
        self.plan_selector.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.plan_selector.setPlaceholderText(self.tr("（没有可检查的方案）"))
        self.plan_selector.currentIndexChanged.connect(self._plan_chosen)
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        self.refresh_button.setObjectName("refresh")
        self.refresh_button.setToolTip(self.tr("重新读取（F5）"))
        self.refresh_button.clicked.connect(self.refresh)
        label = QLabel(self.tr("督查方案"), self)
        label.setBuddy(self.plan_selector)
        bar.addWidget(label)
        bar.addWidget(self.plan_selector, 1)
        bar.addWidget(self.plan_search)
        bar.addWidget(self.refresh_button)
        return bar

    def _build_visit_list(self) -> QWidget:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.plan_note = QLabel(box)
        self.plan_note.setObjectName("plan_note")
        self.plan_note.setWordWrap(True)
        self.plan_note.setStyleSheet(HINT_STYLE)
        column.addWidget(self.plan_note)
        columns: list[Column[VisitView]] = [
            Column(self.tr("检查日期"), lambda v: v.visited_on.isoformat()),
            Column(self.tr("地点"), lambda v: v.place),
            Column(
                self.tr("方式"),
                lambda v: self.tr("公开检查") if v.announced else self.tr("暗访"),
            ),
            Column(
                self.tr("状态"),
                lambda v: self.tr("进行中") if v.state == "open" else self.tr("已完成"),
                lambda v: "#0d47a1" if v.state == "open" else None,
            ),
        ]
        self.visit_model: PagedModel[VisitView] = PagedModel(columns, self._fetch_visits)
        self.visit_table = QTableView(box)
        self.visit_table.setObjectName("visit_list")
        self.visit_table.setModel(self.visit_model)
        self.visit_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.visit_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.visit_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.visit_table.setAlternatingRowColors(True)
        self.visit_table.setWordWrap(False)
        self.visit_table.verticalHeader().hide()
        header = self.visit_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.visit_table.selectionModel().currentRowChanged.connect(self._visit_chosen)
        column.addWidget(self.visit_table, 1)
        self.start_button = QPushButton(self.tr("开始检查…"), box)
        self.start_button.setObjectName("start_visit")
        self.start_button.setToolTip(
            self.tr("两名以上督查组成员各自输入本人密码确认到场后开始检查（Ctrl+N）")
        )
        self.start_button.clicked.connect(self.start_visit)
        self.start_button.setVisible(Role.INSPECTOR in self.session.roles)
        column.addWidget(self.start_button)
        return box

    def _build_editor(self) -> QWidget:
        scroll = QScrollArea(self)
        scroll.setObjectName("visit_editor")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        panel = QWidget(scroll)
        column = QVBoxLayout(panel)
        column.setContentsMargins(8, 0, 4, 0)
        self.heading = QLabel(panel)
        self.heading.setObjectName("visit_heading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        column.addWidget(self.heading)
        self.details = QLabel(panel)
        self.details.setObjectName("visit_details")
        self.details.setWordWrap(True)
        self.details.setStyleSheet(HINT_STYLE)
        column.addWidget(self.details)

        self.record_box = QGroupBox(self.tr("检查记录"), panel)
        record_layout = QVBoxLayout(self.record_box)
        self.form = FieldForm(self.record_box)
        self.texts: dict[str, QPlainTextEdit] = {}
        for name, label in RECORD_FIELDS:
            edit = QPlainTextEdit(self.record_box)
            edit.setObjectName(name)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(64 if name == "observations" else 46)
            self.form.add(name, self.tr(str(label)), edit)
            self.texts[name] = edit
        record_layout.addWidget(self.form)
        save_row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("保存记录"), self.record_box)
        self.save_button.setObjectName("save_visit")
        self.save_button.setToolTip(self.tr("保存检查记录（Ctrl+S）"))
        self.save_button.clicked.connect(self.save)
        save_row.addWidget(self.save_button)
        self.message = QLabel(self.record_box)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        save_row.addWidget(self.message, 1)
        record_layout.addLayout(save_row)
        column.addWidget(self.record_box)

        self.evidence_box = QGroupBox(self.tr("证据"), panel)
        evidence_layout = QVBoxLayout(self.evidence_box)
        self.evidence = QTableWidget(0, 5, self.evidence_box)
        self.evidence.setObjectName("evidence_list")
        self.evidence.setHorizontalHeaderLabels(
            [
                self.tr("文件名"),
                self.tr("类型"),
                self.tr("大小"),
                self.tr("SHA-256"),
                self.tr("校验"),
            ]
        )
        self.evidence.verticalHeader().hide()
        self.evidence.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.evidence.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.evidence.setFixedHeight(120)
        evidence_header = self.evidence.horizontalHeader()
        evidence_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        evidence_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        evidence_layout.addWidget(self.evidence)
        self.evidence_form = FieldForm(self.evidence_box)
        adding = QWidget(self.evidence_box)
        adding_layout = QHBoxLayout(adding)
        adding_layout.setContentsMargins(0, 0, 0, 0)
        self.evidence_kind = QComboBox(adding)
        self.evidence_kind.setObjectName("evidence_kind")
        for kind in visits.EVIDENCE_KINDS:
            self.evidence_kind.addItem(self.tr(str(EVIDENCE_KIND_NAMES[kind])), kind)
        self.add_button = QPushButton(self.tr("添加证据…"), adding)
        self.add_button.setObjectName("add_evidence")
        self.add_button.setToolTip(self.tr("选择文件，复制到证据库并记录其 SHA-256"))
        self.add_button.clicked.connect(self.add_evidence)
        adding_layout.addWidget(self.evidence_kind)
        adding_layout.addWidget(self.add_button)
        adding_layout.addStretch(1)
        adding.setFocusProxy(self.evidence_kind)
        self.evidence_form.add("kind", self.tr("证据类型"), adding)
        # The chosen file's errors (field "source_path") appear on the same row.
        self.evidence_form.errors["source_path"] = self.evidence_form.errors["kind"]
        self.evidence_form.fields["source_path"] = self.add_button
        evidence_layout.addWidget(self.evidence_form)
        verifying = QHBoxLayout()
        self.verify_button = QPushButton(self.tr("校验证据"), self.evidence_box)
        self.verify_button.setObjectName("verify_evidence")
        self.verify_button.setToolTip(self.tr("重新计算每个证据文件的 SHA-256，与记录比对"))
        self.verify_button.clicked.connect(self.verify)
        verifying.addWidget(self.verify_button)
        self.verify_result = QLabel(self.evidence_box)
        self.verify_result.setObjectName("verify_result")
        self.verify_result.setWordWrap(True)
        verifying.addWidget(self.verify_result, 1)
        evidence_layout.addLayout(verifying)
        column.addWidget(self.evidence_box)

        finish = QHBoxLayout()
        self.finalise_button = QPushButton(self.tr("完成检查…"), panel)
        self.finalise_button.setObjectName("finalise_visit")
        self.finalise_button.setToolTip(
            self.tr("在场督查人员再次各自输入本人密码确认，完成后记录不能再修改")
        )
        self.finalise_button.clicked.connect(self.finalise)
        finish.addWidget(self.finalise_button)
        finish.addStretch(1)
        column.addLayout(finish)
        column.addStretch(1)
        scroll.setWidget(panel)
        return scroll

    # ---------------------------------------------------------------- plans

    def _fetch_plans(self, offset: int, limit: int) -> list[PlanView]:
        return plans.list_plans_in_states(
            self.ctx,
            self.session,
            VISIT_PLAN_STATES,
            search=self.plan_search.text(),
            limit=limit,
            offset=offset,
        )

    def refresh(self) -> None:
        """Called each time the page is shown (and F5)."""
        self._load_users()
        self.requery_plans()

    def _load_users(self) -> None:
        users = directory.list_users(self.ctx, self.session)
        self.usernames = {u.id: u.username for u in users}
        self.display_names = {u.id: u.display_name for u in users}

    def requery_plans(self) -> None:
        """Re-ask for the plans (search), keeping the chosen plan and visit if still there."""
        self.search_timer.stop()
        plan_id = self.plan.id if self.plan is not None else None
        visit_id = self.visit.id if self.visit is not None else None
        self._selecting = True
        try:
            self.plan_model.reset()
            index = self._plan_index(plan_id) if plan_id else -1
            if index < 0 and plan_id is None and self.plan_model.rows:
                index = 0
            self.plan_selector.setCurrentIndex(index)
        finally:
            self._selecting = False
        if index >= 0:
            self.choose_plan(self.plan_model.row_at(index).id, visit_id)
        elif plan_id is not None:
            self.choose_plan(plan_id, visit_id)
        else:
            self.choose_plan(None)

    def _plan_index(self, plan_id: str, fetch: bool = False) -> int:
        """The plan's row in the selector; with ``fetch``, loads pages until found."""
        while True:
            for row, plan in enumerate(self.plan_model.rows):
                if plan.id == plan_id:
                    return row
            if not fetch or not self.plan_model.canFetchMore():
                return -1
            self.plan_model.fetchMore()

    def _plan_chosen(self, index: int) -> None:
        if self._selecting or index < 0:
            return
        self.choose_plan(self.plan_model.row_at(index).id)

    def choose_plan(self, plan_id: str | None, visit_id: str | None = None) -> None:
        """Show the visits of ``plan_id`` and select ``visit_id`` (or none)."""
        self.plan = None
        if plan_id is not None:
            try:
                self.plan = plans.get_plan(self.ctx, self.session, plan_id)
            except ServiceError as exc:
                self.plan_note.setText(error_text(exc))
        plan = self.plan
        if plan is None:
            self._visit_rows = []
            self.visit_model.reset()
            self.start_button.setEnabled(False)
            self.plan_selector.setPlaceholderText(self.tr("（没有可检查的方案）"))
            if plan_id is None:
                self.plan_note.setText(self.tr("没有已批准、实施中或已形成报告的督查方案。"))
            self._show_visit(None)
            return
        if self.plan_selector.currentIndex() < 0:  # e.g. a closed plan, from focus_record
            self.plan_selector.setPlaceholderText(
                f"{plan.title}（{tr_data(plan.kind_name)}，{tr_data(plan.state_name)}）"
            )
        team = "、".join(self._team_names(plan))
        self.plan_note.setText(
            self.tr("{subject}　{start} 至 {end}\n督查组：{team}").format(
                subject=plan.subject_agency_name,
                start=plan.starts_on.isoformat(),
                end=plan.ends_on.isoformat(),
                team=team,
            )
        )
        try:
            self._visit_rows = visits.list_visits(self.ctx, self.session, plan.id)
            can_open = visits.can_open_visit(self.ctx, self.session, plan.id)
        except ServiceError as exc:
            self._visit_rows = []
            can_open = False
            self.plan_note.setText(error_text(exc))
        self._selecting = True
        try:
            self.visit_model.reset()
        finally:
            self._selecting = False
        self.start_button.setEnabled(can_open)
        chosen = visit_id if any(v.id == visit_id for v in self._visit_rows) else None
        if chosen is None and self._visit_rows:
            chosen = self._visit_rows[-1].id
        self.show_visit(chosen)

    def _team_names(self, plan: PlanView) -> list[str]:
        return [self.display_names.get(i, i) for i in plan.team_ids]

    def _focus_search(self) -> None:
        self.plan_search.setFocus()
        self.plan_search.selectAll()

    def focus_record(self, record_id: str) -> None:
        """Show a visit (by its id) or a plan's visits (by the plan's id)."""
        if not self.usernames:
            self._load_users()
        try:
            visit = visits.get_visit(self.ctx, self.session, record_id)
            plan_id, visit_id = visit.plan_id, visit.id
        except ServiceError:
            plan_id, visit_id = record_id, None
        self._selecting = True
        try:
            self.plan_selector.setCurrentIndex(self._plan_index(plan_id, fetch=True))
        finally:
            self._selecting = False
        self.choose_plan(plan_id, visit_id)

    # --------------------------------------------------------------- visits

    def _fetch_visits(self, offset: int, limit: int) -> list[VisitView]:
        return self._visit_rows[offset : offset + limit]

    def _visit_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting or not current.isValid():
            return
        self.show_visit(self.visit_model.row_at(current.row()).id)

    def show_visit(self, visit_id: str | None) -> None:
        """Load the visit into the editor (or clear it)."""
        if visit_id is None:
            self._show_visit(None)
            return
        try:
            visit = visits.get_visit(self.ctx, self.session, visit_id)
            editable = visits.can_edit_visit(self.ctx, self.session, visit_id)
        except ServiceError as exc:
            self._show_visit(None)
            self.details.setText(error_text(exc))
            return
        if self.visit is None or self.visit.id != visit.id:
            self.bad_evidence = None
            self.verify_result.clear()
        self._show_visit(visit, editable)
        for row, shown in enumerate(self.visit_model.rows):
            if shown.id == visit.id:
                self._selecting = True
                try:
                    self.visit_table.selectRow(row)
                finally:
                    self._selecting = False

    def _show_visit(self, visit: VisitView | None, editable: bool = False) -> None:
        self.visit = visit
        self.editable = editable and visit is not None
        self.form.clear_errors()
        self.evidence_form.clear_errors()
        shown = visit is not None
        self.record_box.setVisible(shown)
        self.evidence_box.setVisible(shown)
        self.finalise_button.setVisible(self.editable)
        if visit is None:
            if self.plan is None:
                self.heading.setText(self.tr("请先选择督查方案"))
                self.details.clear()
            elif not self._visit_rows:
                self.heading.setText(self.tr("本方案尚无检查记录"))
                self.details.setText(
                    self.tr(
                        "到达现场后点击“开始检查”：两名以上督查组成员各自在本机输入本人密码"
                        "确认到场，公开检查还须先出示证件、表明身份。"
                    )
                )
            else:
                self.heading.setText(self.tr("请在左侧选择检查记录"))
                self.details.clear()
            self.message.clear()
            return
        manner = (
            self.tr("公开检查，已出示证件")
            if visit.announced and visit.identity_shown
            else self.tr("公开检查，未载明出示证件")
            if visit.announced
            else self.tr("暗访（不事先表明身份）")
        )
        state = self.tr("进行中") if visit.state == "open" else self.tr("已完成")
        opened = "、".join(p.display_name for p in visit.presence if p.stage == "open")
        closed = "、".join(p.display_name for p in visit.presence if p.stage == "finalise")
        self.heading.setText(
            self.tr("{date}　{place}").format(date=visit.visited_on.isoformat(), place=visit.place)
        )
        lines = [
            self.tr("{manner}　状态：{state}").format(manner=manner, state=state),
            self.tr("开始时确认在场：{names}").format(names=opened or "—"),
        ]
        if closed:
            lines.append(self.tr("完成时确认在场：{names}").format(names=closed))
        if not self.editable and visit.state == "open":
            lines.append(self.tr("只有本方案督查组中的督查人员可以修改本记录。"))
        self.details.setText("\n".join(lines))
        for name, edit in self.texts.items():
            edit.setPlainText(str(getattr(visit, name)))
            edit.setReadOnly(not self.editable)
            edit.setStyleSheet("" if self.editable else READ_ONLY_STYLE)
        self.save_button.setVisible(self.editable)
        self.evidence_form.setVisible(self.editable)
        self.verify_button.setEnabled(bool(visit.evidence))
        self._fill_evidence(visit)

    def _fill_evidence(self, visit: VisitView) -> None:
        self.evidence.setRowCount(len(visit.evidence))
        for row, item in enumerate(visit.evidence):
            if self.bad_evidence is None:
                check, colour = self.tr("未校验"), None
            elif item.id in self.bad_evidence:
                check, colour = self.tr("不一致或缺失"), BAD
            else:
                check, colour = self.tr("一致"), GOOD
            cells = (
                item.filename,
                self.tr(str(EVIDENCE_KIND_NAMES.get(item.kind, item.kind))),
                size_text(item.size),
                item.sha256[:12] + "…",
                check,
            )
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if col == 3:
                    cell.setToolTip(item.sha256)
                    cell.setData(Qt.ItemDataRole.UserRole, item.sha256)
                if col == 0:
                    cell.setData(Qt.ItemDataRole.UserRole, item.id)
                if colour is not None and (col == 4 or colour == BAD):
                    cell.setForeground(QBrush(QColor(colour)))
                self.evidence.setItem(row, col, cell)

    # -------------------------------------------------------------- actions

    def _team_usernames(self) -> list[str]:
        if self.plan is None:
            return []
        return [self.usernames[i] for i in self.plan.team_ids if i in self.usernames]

    def _start_if_offered(self) -> None:
        if self.start_button.isVisible() and self.start_button.isEnabled():
            self.start_visit()

    def start_visit(self) -> None:
        """开始检查: the presence dialog; on success the new visit is shown."""
        plan = self.plan
        if plan is None:
            return

        def open_it(data: PresenceInput) -> str:
            return visits.open_visit(
                self.ctx,
                self.session,
                plan.id,
                visited_on=data.visited_on,
                place=data.place,
                announced=data.announced,
                identity_shown=data.identity_shown,
                confirmations=data.confirmations,
            )

        dialog = PresenceDialog(
            self.session,
            mode="open",
            action=open_it,
            team_usernames=self._team_usernames(),
            today=self.ctx.today(),
            parent=self,
        )
        if self.ctx.profile.plans.kind(plan.kind).unannounced:
            dialog.unannounced.setChecked(True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._opened(plan.id, dialog.result_value))
        self.presence = dialog
        dialog.open()

    def _opened(self, plan_id: str, visit_id: object) -> None:
        self.requery_plans()
        self.choose_plan(plan_id, str(visit_id))
        self.message.setText(self.tr("检查已开始，请记录检查情况。"))

    def finalise(self) -> None:
        """完成检查: the inspectors present confirm again; the record becomes read-only."""
        visit = self.visit
        if visit is None or not self.editable:
            return
        if not self.save():
            return

        def finalise_it(data: PresenceInput) -> None:
            visits.finalise_visit(self.ctx, self.session, visit.id, data.confirmations)

        dialog = PresenceDialog(
            self.session,
            mode="finalise",
            action=finalise_it,
            team_usernames=self._team_usernames(),
            summary=self.tr("检查记录：{date}　{place}").format(
                date=visit.visited_on.isoformat(), place=visit.place
            ),
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._finalised(visit.id))
        self.presence = dialog
        dialog.open()

    def _finalised(self, visit_id: str) -> None:
        self.show_visit(visit_id)
        if self.plan is not None:
            self.choose_plan(self.plan.id, visit_id)
        self.message.setText(self.tr("检查记录已完成。"))

    def _save_if_editable(self) -> None:
        if self.editable:
            self.save()

    def save(self) -> bool:
        """Save the record's texts; a refusal appears beside its field."""
        visit = self.visit
        if visit is None or not self.editable:
            return False
        self.form.clear_errors()
        texts = {name: edit.toPlainText() for name, edit in self.texts.items()}
        try:
            visits.update_visit(self.ctx, self.session, visit.id, **texts)
        except ServiceError as exc:
            self.form.show_error(exc)
            return False
        self.visit = visits.get_visit(self.ctx, self.session, visit.id)
        self.message.setText(self.tr("已保存。"))
        return True

    def add_evidence(self) -> None:
        """添加证据: choose a file; it is hashed and copied in the background."""
        visit = self.visit
        if visit is None or not self.editable:
            return
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("选择证据文件"),
            "",
            self.tr("所有文件 (*)"),
        )
        if not name:
            return
        self.evidence_form.clear_errors()
        kind = str(self.evidence_kind.currentData())
        source = Path(name)
        self.add_button.setEnabled(False)
        run_in_background(
            self,
            lambda _progress: visits.add_evidence(self.ctx, self.session, visit.id, source, kind),
            label=self.tr("正在复制并计算证据文件的 SHA-256…"),
            on_done=lambda _id: self._evidence_added(visit.id),
            on_error=self._evidence_failed,
        )

    def _evidence_added(self, visit_id: str) -> None:
        self.add_button.setEnabled(True)
        self.show_visit(visit_id)
        self.message.setText(self.tr("证据已添加。"))

    def _evidence_failed(self, exc: BaseException) -> None:
        self.add_button.setEnabled(True)
        self.evidence_form.show_error(exc)

    def verify(self) -> None:
        """校验证据: recompute every file's SHA-256 in the background; mismatches in red."""
        visit = self.visit
        if visit is None:
            return
        self.verify_button.setEnabled(False)
        self.verify_result.setText(self.tr("正在校验…"))
        self.verify_result.setStyleSheet(HINT_STYLE)

        def work(_progress: Progress) -> list[str]:
            return visits.verify_evidence(self.ctx, self.session, visit.id)

        run_in_background(
            self,
            work,
            label=self.tr("正在校验证据文件…"),
            on_done=lambda bad: self._verified(visit.id, list(bad)),
            on_error=self._verify_failed,
        )

    def _verified(self, visit_id: str, bad: list[str]) -> None:
        self.bad_evidence = set(bad)
        self.show_visit(visit_id)
        self.verify_button.setEnabled(True)
        total = self.evidence.rowCount()
        shown = self.visit.evidence if self.visit is not None else ()
        if bad:
            names = [e.filename for e in shown if e.id in self.bad_evidence]
            self.verify_result.setText(
                self.tr("{n} 件证据文件缺失或与记录的 SHA-256 不一致：{names}").format(
                    n=len(bad), names="、".join(names)
                )
            )
            self.verify_result.setStyleSheet(f"color: {BAD};")
        else:
            self.verify_result.setText(self.tr("全部 {n} 件证据与记录一致。").format(n=total))
            self.verify_result.setStyleSheet(f"color: {GOOD};")

    def _verify_failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.verify_result.clear()
        self.evidence_form.show_error(exc)
