"""问责与申诉: accountability decisions (FJ 35–40 / MAS 17–22), their appeals
(FJ 41 / MAS 24) and the rectifications that go with inspections and
decisions (FJ 28 / MAS 22).

The decisions tab lists decisions page by page (``search_decisions``), with
the selected one below: the editor (supervisors draft; everyone else reads)
with its live consequences panel, the actions the service offers
(``decision_actions``: 签发, 登记送达, 公开) and the documents one click away;
and its appeals with their deadlines. The second tab lists rectifications
with their due status.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.deadlines import Urgency
from desktop.services import decisions, rectifications
from desktop.services.auth import UserSession
from desktop.services.base import Context, ServiceError
from desktop.services.decisions import (
    AgencyChoice,
    AppealDeadlineView,
    AppealView,
    DecisionView,
)
from desktop.services.rectifications import RectificationView
from desktop.ui.dialogs.decision_dialogs import (
    APPEAL_OUTCOME_NAMES,
    OUTCOME_NAMES,
    RECTIFICATION_KINDS,
    RECTIFICATION_STATES,
    UNIT_NAMES,
    AppealDecisionDialog,
    AppealDialog,
    DecisionEditor,
    FollowUpDialog,
    ReceiptDialog,
    RectificationDialog,
    SignDialog,
    day,
    measure_names,
    tr as tr_dialogs,
)
from desktop.ui.i18n import tr_data
from desktop.ui.listmodel import Column, PagedModel, debounced_search
from desktop.ui.worker import error_text

OK_STYLE = "color: #1b5e20;"
ERROR_STYLE = "color: #b00020;"
OVERDUE = "#b00020"
SOON = "#b35900"
MUTED = "#666666"
DOCUMENT_KIND = "accountability_decision"

STATE_FILTERS: tuple[tuple[str | None, object], ...] = (
    (None, QT_TRANSLATE_NOOP("Page", "全部状态")),
    (decisions.DRAFT, QT_TRANSLATE_NOOP("Page", "草稿")),
    (decisions.SIGNED, QT_TRANSLATE_NOOP("Page", "已签发")),
)
STATE_NAMES = {
    decisions.DRAFT: QT_TRANSLATE_NOOP("Page", "草稿"),
    decisions.SIGNED: QT_TRANSLATE_NOOP("Page", "已签发"),
}


def tr(text: object) -> str:
    """Translate a table value marked with ``QT_TRANSLATE_NOOP("Page", ...)``."""
    return QCoreApplication.translate("Page", str(text))


def configure_table(table: QTableView, name: str) -> None:
    table.setObjectName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)


def set_message(label: QLabel, text: str, error: bool = False) -> None:
    label.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
    label.setText(text)
    label.setVisible(bool(text))


def shortcut(
    parent: QWidget, keys: QKeySequence | QKeySequence.StandardKey | str, slot: Callable[[], object]
) -> QShortcut:
    """A shortcut active while ``parent`` is on show (its tab and page)."""
    sc = QShortcut(QKeySequence(keys), parent)
    sc.activated.connect(slot)
    return sc


# --------------------------------------------------------------------------
# Row texts


def measures_text(ctx: Context, v: DecisionView) -> str:
    """The measures in force (after a decided appeal), by their profile names."""
    if not v.measure_ids and v.mitigation_outcome == "exempt":
        return tr_dialogs(OUTCOME_NAMES["exempt"])
    names = measure_names(ctx, v.effective_measure_ids)
    if list(v.effective_measure_ids) != list(v.measure_ids):
        return QCoreApplication.translate("Page", "{names}（申诉后）").format(
            names=names or QCoreApplication.translate("Page", "撤销")
        )
    return names


def state_text(v: DecisionView) -> str:
    text = tr(STATE_NAMES.get(v.state, v.state))
    if v.published:
        text += QCoreApplication.translate("Page", "·已公开")
    return text


def appeal_text(v: DecisionView) -> str:
    if v.appeal_pending:
        return QCoreApplication.translate("Page", "审理中")
    decided = [a for a in v.appeals if a.outcome]
    if not decided:
        return "—"
    last = max(decided, key=lambda a: (a.decided_on or dt.date.min, a.id))
    return QCoreApplication.translate("Page", "已{outcome}").format(
        outcome=tr_dialogs(APPEAL_OUTCOME_NAMES.get(last.outcome or "", last.outcome or ""))
    )


def appeal_colour(v: DecisionView) -> str | None:
    return SOON if v.appeal_pending else None


def state_colour(v: DecisionView) -> str | None:
    return MUTED if v.state == decisions.DRAFT else None


# --------------------------------------------------------------------------
# The page


class Page(QWidget):
    """问责与申诉: decisions (with appeals) and rectifications."""

    def __init__(self, ctx: Context, session: UserSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.current_id: str | None = None
        self.view: DecisionView | None = None
        self.allowed: frozenset[str] = frozenset()
        self.creating = False
        self.keep_detail = False
        self.agencies: list[AgencyChoice] = decisions.profile_agencies(ctx, session)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.sections = QTabWidget(self)
        self.sections.setObjectName("sections")
        layout.addWidget(self.sections)
        self.decisions_tab = self.build_decisions_tab()
        self.sections.addTab(self.decisions_tab, self.tr("问责决定"))
        self.rectifications: RectificationsPanel | None = None
        if rectifications.can_read_rectifications(session):
            self.rectifications = RectificationsPanel(ctx, session, self.agencies, self)
            self.sections.addTab(self.rectifications, self.tr("整改与督查建议"))

    # ------------------------------------------------------------ building

    def build_decisions_tab(self) -> QWidget:
        tab = QWidget(self)
        tab.setObjectName("decisions_tab")
        layout = QVBoxLayout(tab)
        bar = QHBoxLayout()
        self.search = QLineEdit(tab)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("搜索对象、单位或文号（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.state_filter = QComboBox(tab)
        self.state_filter.setObjectName("state_filter")
        for value, name in STATE_FILTERS:
            self.state_filter.addItem(tr(name), value)
        deciders = bool(self.session.roles & decisions.DECIDERS)
        self.state_filter.setEnabled(deciders)  # others see signed decisions only
        self.agency_filter = QComboBox(tab)
        self.agency_filter.setObjectName("agency_filter")
        self.agency_filter.addItem(self.tr("全部单位"), None)
        for agency in self.agencies:
            self.agency_filter.addItem(agency.name, agency.id)
        self.new_button = QPushButton(self.tr("新建问责决定"), tab)
        self.new_button.setObjectName("new_decision")
        self.new_button.setToolTip(self.tr("Ctrl+N"))
        self.new_button.setVisible(decisions.can_draft_decisions(self.session))
        self.refresh_button = QPushButton(self.tr("刷新"), tab)
        self.refresh_button.setObjectName("refresh")
        self.refresh_button.setToolTip(self.tr("F5"))
        bar.addWidget(self.search, 2)
        bar.addWidget(self.state_filter)
        bar.addWidget(self.agency_filter, 1)
        bar.addStretch(1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.refresh_button)
        layout.addLayout(bar)

        columns: list[Column[DecisionView]] = [
            Column(self.tr("对象"), lambda v: v.subject_official_name or v.subject_agency_name),
            Column(self.tr("单位"), lambda v: v.subject_agency_name),
            Column(self.tr("问责方式"), lambda v: measures_text(self.ctx, v)),
            Column(self.tr("状态"), state_text, state_colour),
            Column(self.tr("决定日期"), lambda v: day(v.decided_on)),
            Column(self.tr("文号"), lambda v: v.document_number or "—"),
            Column(self.tr("申诉"), appeal_text, appeal_colour),
        ]
        self.model: PagedModel[DecisionView] = PagedModel(columns, self.fetch)
        self.table = QTableView(tab)
        configure_table(self.table, "decision_table")
        self.table.setModel(self.model)
        for column, width in enumerate((110, 210, 170, 110, 100, 150)):
            self.table.setColumnWidth(column, width)

        self.detail = QStackedWidget(tab)
        self.detail.setObjectName("decision_detail")
        placeholder = QLabel(self.tr("请在上方选择一项问责决定。"), self.detail)
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setStyleSheet(f"color: {MUTED};")
        self.detail.addWidget(placeholder)
        content = QWidget(self.detail)
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 4, 0, 0)
        head = QHBoxLayout()
        self.header = QLabel(content)
        self.header.setObjectName("decision_header")
        self.header.setWordWrap(True)
        self.header.setStyleSheet("font-weight: bold;")
        head.addWidget(self.header, 1)
        self.save_button = QPushButton(self.tr("保存草稿"), content)
        self.save_button.setObjectName("save_decision")
        self.save_button.setToolTip(self.tr("Ctrl+S"))
        self.sign_button = QPushButton(self.tr("签发…"), content)
        self.sign_button.setObjectName("sign_decision")
        self.receipt_button = QPushButton(self.tr("登记送达…"), content)
        self.receipt_button.setObjectName("record_receipt")
        self.publish_button = QPushButton(self.tr("公开"), content)
        self.publish_button.setObjectName("publish_decision")
        self.documents_button = QPushButton(self.tr("生成文书"), content)
        self.documents_button.setObjectName("generate_documents")
        for button in (
            self.save_button,
            self.sign_button,
            self.receipt_button,
            self.publish_button,
            self.documents_button,
        ):
            head.addWidget(button)
        content_layout.addLayout(head)
        self.message = QLabel(content)
        self.message.setObjectName("decision_message")
        self.message.setWordWrap(True)
        self.message.hide()
        content_layout.addWidget(self.message)
        self.detail_tabs = QTabWidget(content)
        self.detail_tabs.setObjectName("detail_tabs")
        self.editor = DecisionEditor(self.ctx, self.session, self.detail_tabs)
        self.editor.setObjectName("decision_editor")
        self.appeals = AppealsPanel(self.ctx, self.session, self.detail_tabs)
        self.appeals.setObjectName("appeals_panel")
        self.detail_tabs.addTab(self.editor, self.tr("决定"))
        self.detail_tabs.addTab(self.appeals, self.tr("申诉"))
        content_layout.addWidget(self.detail_tabs, 1)
        self.detail.addWidget(content)

        self.splitter = QSplitter(Qt.Orientation.Vertical, tab)
        self.splitter.setObjectName("decision_splitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([200, 500])
        layout.addWidget(self.splitter, 1)

        self.search_timer = debounced_search(self.search, self.reload)
        self.state_filter.currentIndexChanged.connect(self.reload)
        self.agency_filter.currentIndexChanged.connect(self.reload)
        self.new_button.clicked.connect(self.new_decision)
        self.refresh_button.clicked.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(self.row_changed)
        self.save_button.clicked.connect(self.save)
        self.sign_button.clicked.connect(self.open_sign_dialog)
        self.receipt_button.clicked.connect(self.open_receipt_dialog)
        self.publish_button.clicked.connect(self.publish)
        self.documents_button.clicked.connect(self.generate_documents)
        self.appeals.changed.connect(self.after_action)
        shortcut(tab, QKeySequence.StandardKey.New, self.new_decision)
        shortcut(tab, "Ctrl+F", self.focus_search)
        shortcut(tab, "F5", self.refresh)
        shortcut(tab, QKeySequence.StandardKey.Save, self.save)
        QWidget.setTabOrder(self.search, self.state_filter)
        QWidget.setTabOrder(self.state_filter, self.agency_filter)
        QWidget.setTabOrder(self.agency_filter, self.table)
        return tab

    # -------------------------------------------------------------- the list

    def refresh(self) -> None:
        """Called each time the page is shown (and on F5); unsaved edits stay."""
        self.reload(keep_detail=self.editor.is_dirty())
        if self.rectifications is not None:
            self.rectifications.reload()

    def fetch(self, offset: int, limit: int) -> list[DecisionView]:
        return decisions.search_decisions(
            self.ctx,
            self.session,
            state=self.state_filter.currentData(),
            subject_agency_id=self.agency_filter.currentData(),
            search=self.search.text(),
            limit=limit,
            offset=offset,
        )

    def reload(self, select_id: str | None = None, keep_detail: bool = False) -> None:
        """Query the list again; keep (or move to) ``select_id`` / the current
        decision. ``keep_detail``: leave the form below as it is (unsaved edits)."""
        self.search_timer.stop()
        keep = select_id or self.current_id
        self.keep_detail = keep_detail
        try:
            self.model.reset(self.fetch)
            if keep is None:
                return
            row = self.find_row(keep)
            if row >= 0:
                self.table.setCurrentIndex(self.model.index(row, 0))
                self.table.scrollTo(self.model.index(row, 0))
            elif not keep_detail:
                self.show_decision(keep)  # filtered out of the list: still shown below
        finally:
            self.keep_detail = False

    def find_row(self, decision_id: str, max_pages: int = 10) -> int:
        for _ in range(max_pages):
            for i, v in enumerate(self.model.rows):
                if v.id == decision_id:
                    return i
            if not self.model.canFetchMore():
                break
            self.model.fetchMore()
        return -1

    def row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if not current.isValid() or self.keep_detail:
            return
        decision_id = self.model.row_at(current.row()).id
        if decision_id != self.current_id and not self.may_discard():
            self.restore_selection()
            return
        self.show_decision(decision_id)

    def may_discard(self) -> bool:
        """Unsaved changes in the editor are given up only when the user says so."""
        if not self.editor.is_dirty():
            return True
        return self.confirm(self.tr("未保存的修改"), self.tr("放弃对当前问责决定的未保存修改？"))

    def restore_selection(self) -> None:
        """Select the decision still shown (or nothing), without reloading it."""
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        row = self.find_row(self.current_id) if self.current_id is not None else -1
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
        else:
            selection.clear()
        selection.blockSignals(False)
        self.table.viewport().update()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def focus_record(self, decision_id: str) -> None:
        """Show decision ``decision_id`` (e.g. from the dashboard or a document)."""
        self.sections.setCurrentWidget(self.decisions_tab)
        self.reload(select_id=decision_id)
        if self.find_row(decision_id) < 0:
            for widget, index in ((self.state_filter, 0), (self.agency_filter, 0)):
                widget.blockSignals(True)
                widget.setCurrentIndex(index)
                widget.blockSignals(False)
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.reload(select_id=decision_id)

    # ------------------------------------------------------------ the detail

    def show_decision(self, decision_id: str) -> None:
        try:
            view = decisions.get_decision(self.ctx, self.session, decision_id)
            actions = decisions.decision_actions(self.ctx, self.session, decision_id)
        except ServiceError as exc:
            self.detail.setCurrentIndex(1)
            set_message(self.message, error_text(exc), error=True)
            return
        changed = decision_id != self.current_id
        self.current_id = view.id
        self.view = view
        self.allowed = actions
        self.creating = False
        self.editor.load(view, decisions.ACTION_EDIT in actions)
        self.appeals.load(view, actions)
        self.header.setText(self.header_text(view))
        self.detail_tabs.setTabText(1, self.tr("申诉（{n}）").format(n=len(view.appeals)))
        self.detail.setCurrentIndex(1)
        if changed:
            set_message(self.message, "")
        self.update_buttons()

    def header_text(self, v: DecisionView) -> str:
        parts = [v.subject_name, state_text(v)]
        if v.decided_on is not None:
            parts.append(self.tr("决定日期 {d}").format(d=v.decided_on.isoformat()))
        if v.document_number:
            parts.append(v.document_number)
        if v.received_on is not None:
            parts.append(self.tr("送达 {d}").format(d=v.received_on.isoformat()))
        if v.state == decisions.SIGNED and not v.published and v.publish_required:
            parts.append(self.tr("尚未公开"))
        return " · ".join(parts)

    def update_buttons(self) -> None:
        a = self.allowed
        self.save_button.setVisible(self.creating or decisions.ACTION_EDIT in a)
        self.sign_button.setVisible(not self.creating and decisions.ACTION_SIGN in a)
        self.receipt_button.setVisible(not self.creating and decisions.ACTION_RECORD_RECEIPT in a)
        self.publish_button.setVisible(not self.creating and decisions.ACTION_PUBLISH in a)
        self.documents_button.setVisible(not self.creating and self.current_id is not None)
        self.save_button.setDefault(self.save_button.isVisibleTo(self))

    def new_decision(self) -> None:
        """新建问责决定 (Ctrl+N; supervisors)."""
        if not decisions.can_draft_decisions(self.session) or not self.may_discard():
            return
        self.table.selectionModel().clearCurrentIndex()
        self.table.clearSelection()
        self.current_id = None
        self.view = None
        self.allowed = frozenset()
        self.creating = True
        self.editor.new()
        self.appeals.clear()
        self.header.setText(self.tr("新建问责决定（草稿）"))
        self.detail_tabs.setTabText(1, self.tr("申诉"))
        self.detail_tabs.setCurrentIndex(0)
        self.detail.setCurrentIndex(1)
        set_message(self.message, "")
        self.update_buttons()
        self.editor.subject_kind.setFocus()

    def save(self) -> None:
        """保存草稿 (Ctrl+S): refusals stay beside the fields, the form as typed."""
        if not self.save_button.isVisibleTo(self):
            return
        decision_id = self.editor.save()
        if decision_id is None:
            set_message(self.message, self.tr("未保存：请按提示修改。"), error=True)
            return
        self.reload(select_id=decision_id)
        set_message(self.message, self.tr("草稿已保存。"))

    def after_action(self, message: str) -> None:
        self.reload(select_id=self.current_id)
        set_message(self.message, message)

    def open_sign_dialog(self) -> SignDialog | None:
        if self.view is None:
            return None
        dialog = SignDialog(self.ctx, self.session, self.view, self)
        dialog.accepted.connect(lambda: self.after_action(self.tr("问责决定已签发。")))
        dialog.open()
        return dialog

    def open_receipt_dialog(self) -> ReceiptDialog | None:
        if self.view is None:
            return None
        dialog = ReceiptDialog(self.ctx, self.session, self.view, self)
        dialog.accepted.connect(lambda: self.after_action(self.tr("送达日期已登记。")))
        dialog.open()
        return dialog

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def publish(self) -> None:
        """公开 (FJ 38): asks first, it cannot be undone."""
        if self.view is None:
            return
        if not self.confirm(
            self.tr("公开问责决定"),
            self.tr("确认公开对“{subject}”的问责决定？公开后不能撤回。").format(
                subject=self.view.subject_name
            ),
        ):
            return
        try:
            decisions.publish_decision(self.ctx, self.session, self.view.id)
        except ServiceError as exc:
            set_message(self.message, error_text(exc), error=True)
            return
        self.after_action(self.tr("问责决定已公开。"))

    def generate_documents(self) -> None:
        """The documents page, focused on this decision when it can be."""
        if self.current_id is None:
            return
        show_page = getattr(self.window(), "show_page", None)
        if not callable(show_page):
            return
        try:
            page = show_page("documents")
        except (ValueError, KeyError, ImportError):
            set_message(self.message, self.tr("文书页面暂不可用。"), error=True)
            return
        if hasattr(page, "focus_record"):
            page.focus_record(DOCUMENT_KIND, self.current_id)


# --------------------------------------------------------------------------
# Appeals


@dataclass(frozen=True)
class AppealRow:
    appeal: AppealView
    deadline: AppealDeadlineView | None


def appeal_status_text(row: AppealRow) -> str:
    a = row.appeal
    if a.decided_on is not None:
        if a.days_late > 0:
            return QCoreApplication.translate("Page", "超期 {n} 日作出").format(n=a.days_late)
        return QCoreApplication.translate("Page", "按期作出")
    status = row.deadline.status if row.deadline is not None else None
    if status is None:
        return "—"
    if status.urgency is Urgency.OVERDUE:
        return QCoreApplication.translate("Page", "已超期 {n} 日").format(n=a.days_late)
    if status.urgency is Urgency.DUE_TODAY:
        return QCoreApplication.translate("Page", "今日到期")
    return QCoreApplication.translate("Page", "剩 {n} 个工作日").format(n=status.working_days_left)


def appeal_status_colour(row: AppealRow) -> str | None:
    a = row.appeal
    if a.days_late > 0:
        return OVERDUE
    status = row.deadline.status if row.deadline is not None else None
    if status is not None and status.urgency in (Urgency.DUE_SOON, Urgency.DUE_TODAY):
        return SOON
    return None


def appeal_result_text(row: AppealRow) -> str:
    a = row.appeal
    if a.outcome is None:
        return "—"
    name = tr_dialogs(APPEAL_OUTCOME_NAMES.get(a.outcome, a.outcome))
    measures = "、".join(tr_data(m.name) for m in a.outcome_measures)
    return f"{name}：{measures}" if measures else name


class AppealsPanel(QWidget):
    """申诉: the filing deadline, the appeals with their decision deadlines, and
    registering (deciders) and deciding (the office head) them."""

    changed = Signal(str)

    def __init__(self, ctx: Context, session: UserSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.view: DecisionView | None = None
        self.allowed: frozenset[str] = frozenset()
        self.rows: list[AppealRow] = []
        layout = QVBoxLayout(self)
        self.deadline = QLabel(self)
        self.deadline.setObjectName("filing_deadline")
        self.deadline.setWordWrap(True)
        self.deadline.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.deadline)
        bar = QHBoxLayout()
        self.register_button = QPushButton(self.tr("登记申诉…"), self)
        self.register_button.setObjectName("register_appeal")
        self.decide_button = QPushButton(self.tr("作出申诉处理决定…"), self)
        self.decide_button.setObjectName("decide_appeal")
        bar.addWidget(self.register_button)
        bar.addWidget(self.decide_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.message = QLabel(self)
        self.message.setObjectName("appeal_message")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        columns: list[Column[AppealRow]] = [
            Column(self.tr("收到申诉"), lambda r: r.appeal.received_on.isoformat()),
            Column(self.tr("受理机关"), lambda r: r.appeal.body_name),
            Column(self.tr("申诉理由"), lambda r: "；".join(r.appeal.grounds)),
            Column(
                self.tr("状态"),
                lambda r: self.tr("已处理") if r.appeal.decided_on else self.tr("审理中"),
            ),
            Column(self.tr("处理期限"), lambda r: r.appeal.decision_deadline.due.isoformat()),
            Column(self.tr("期限情况"), appeal_status_text, appeal_status_colour),
            Column(self.tr("处理结果"), appeal_result_text),
        ]
        self.model: PagedModel[AppealRow] = PagedModel(columns, self.fetch)
        self.table = QTableView(self)
        configure_table(self.table, "appeal_table")
        self.table.setModel(self.model)
        for column, width in enumerate((100, 230, 140, 70, 100, 110)):
            self.table.setColumnWidth(column, width)
        layout.addWidget(self.table, 1)
        self.details = QLabel(self)
        self.details.setObjectName("appeal_details")
        self.details.setWordWrap(True)
        layout.addWidget(self.details)
        self.register_button.clicked.connect(self.open_register_dialog)
        self.decide_button.clicked.connect(self.open_decide_dialog)
        self.table.selectionModel().currentRowChanged.connect(self.row_changed)

    def fetch(self, offset: int, limit: int) -> list[AppealRow]:
        return self.rows[offset : offset + limit]

    def clear(self) -> None:
        self.view = None
        self.allowed = frozenset()
        self.rows = []
        self.model.reset()
        self.deadline.setText(self.tr("新建的问责决定签发并送达后，方可申诉。"))
        self.details.clear()
        set_message(self.message, "")
        self.register_button.hide()
        self.decide_button.hide()

    def load(self, view: DecisionView, actions: frozenset[str]) -> None:
        if self.view is None or self.view.id != view.id:
            set_message(self.message, "")
        self.view = view
        self.allowed = actions
        statuses: dict[str, AppealDeadlineView] = {}
        if view.state == decisions.DRAFT:
            self.deadline.setText(self.tr("问责决定尚未签发。"))
        else:
            try:
                deadlines = decisions.appeal_deadlines(self.ctx, self.session, view.id)
            except ServiceError as exc:
                self.deadline.setText(html.escape(error_text(exc)))
            else:
                statuses = {d.appeal_id: d for d in deadlines.appeals}
                self.deadline.setText(self.deadline_html(view, deadlines))
        self.rows = [AppealRow(a, statuses.get(a.id)) for a in view.appeals]
        self.model.reset()
        self.register_button.setVisible(decisions.ACTION_REGISTER_APPEAL in actions)
        self.decide_button.setVisible(decisions.ACTION_DECIDE_APPEAL in actions)
        pending = next((i for i, r in enumerate(self.rows) if r.appeal.decided_on is None), -1)
        if pending >= 0:
            self.table.setCurrentIndex(self.model.index(pending, 0))
        elif self.rows:
            self.table.setCurrentIndex(self.model.index(len(self.rows) - 1, 0))
        self.row_changed(self.table.currentIndex(), QModelIndex())

    def deadline_html(self, view: DecisionView, d: decisions.AppealDeadlines) -> str:
        esc = html.escape
        rule = self.ctx.profile.appeals
        if d.filing is None:
            text = esc(
                self.tr("尚未登记送达日期：申诉期限自收到问责决定之日起算（{article}）。").format(
                    article=rule.filing.article
                )
            )
        else:
            today = self.ctx.today()
            due = d.filing.due
            text = esc(
                self.tr(
                    "申诉期限：{due}（自 {received} 收到决定之日起 {n}{unit}，{article}）"
                ).format(
                    due=due.isoformat(),
                    received=day(view.received_on),
                    n=d.filing.limit.amount,
                    unit=tr_dialogs(UNIT_NAMES.get(d.filing.limit.unit.value, "")),
                    article=rule.filing.article,
                )
            )
            if due < today:
                text += f'<span style="color: {OVERDUE};">' + esc(self.tr("，已届满")) + "</span>"
            else:
                left = d.filing_status.working_days_left if d.filing_status else 0
                colour = SOON if (due - today).days <= 3 else "inherit"
                text += (
                    f'<span style="color: {colour};">'
                    + esc(
                        self.tr("，还剩 {days} 日（{wd} 个工作日）").format(
                            days=(due - today).days, wd=left
                        )
                    )
                    + "</span>"
                )
            if d.filing.warning:
                text += "<br>" + esc(d.filing.warning)
        if view.measures_in_force_during_appeal:
            text += "<br>" + esc(
                self.tr("申诉期间不停止执行；不因申诉而加重问责（{article}）。").format(
                    article=rule.article
                )
            )
        return text

    def selected(self) -> AppealRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        self.decide_button.setEnabled(row is not None and row.appeal.decided_on is None)
        if row is None:
            self.details.clear()
            return
        a = row.appeal
        text = self.tr("申诉陈述：{s}").format(s=a.statement or "—")
        if a.decided_on is not None:
            text += "\n" + self.tr("处理决定（{d}）：{r}").format(
                d=a.decided_on.isoformat(), r=a.reasons
            )
        self.details.setText(text)

    def open_register_dialog(self) -> AppealDialog | None:
        if self.view is None:
            return None
        try:
            dialog = AppealDialog(self.ctx, self.session, self.view, self)
        except ServiceError as exc:
            set_message(self.message, error_text(exc), error=True)
            return None
        dialog.accepted.connect(lambda: self.changed.emit(self.tr("申诉已登记。")))
        dialog.open()
        return dialog

    def open_decide_dialog(self) -> AppealDecisionDialog | None:
        row = self.selected()
        if self.view is None or row is None or row.appeal.decided_on is not None:
            return None
        dialog = AppealDecisionDialog(self.ctx, self.session, self.view, row.appeal, self)
        dialog.accepted.connect(lambda: self.decided(dialog))
        dialog.open()
        return dialog

    def decided(self, dialog: AppealDecisionDialog) -> None:
        result = dialog.decided
        if result is not None and result.late is not None:
            self.changed.emit(
                self.tr("申诉处理决定已作出。注意：{late}").format(late=str(result.late))
            )
        else:
            self.changed.emit(self.tr("申诉处理决定已作出。"))


# --------------------------------------------------------------------------
# Rectifications


def rectification_status_text(r: RectificationView) -> str:
    s = r.status
    if s is None:
        return "—"
    if s.urgency is Urgency.OVERDUE:
        return QCoreApplication.translate("Page", "已逾期 {n} 个工作日").format(
            n=-s.working_days_left
        )
    if s.urgency is Urgency.DUE_TODAY:
        return QCoreApplication.translate("Page", "今日到期")
    return QCoreApplication.translate("Page", "剩 {n} 个工作日").format(n=s.working_days_left)


def rectification_status_colour(r: RectificationView) -> str | None:
    s = r.status
    if s is None:
        return None
    if s.urgency is Urgency.OVERDUE:
        return OVERDUE
    if s.urgency in (Urgency.DUE_SOON, Urgency.DUE_TODAY):
        return SOON
    return None


class RectificationsPanel(QWidget):
    """整改与督查建议: list with due status; issue (supervisors); follow-up
    (supervisors and inspectors)."""

    def __init__(
        self,
        ctx: Context,
        session: UserSession,
        agencies: list[AgencyChoice],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("rectifications_panel")
        self.ctx = ctx
        self.session = session
        self.agencies = agencies
        actions = rectifications.rectification_actions(session)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.agency_filter = QComboBox(self)
        self.agency_filter.setObjectName("rectification_agency_filter")
        self.agency_filter.addItem(self.tr("全部单位"), None)
        for agency in agencies:
            if agency.kind == "agency":
                self.agency_filter.addItem(agency.name, agency.id)
        self.open_only = QCheckBox(self.tr("只看未完成"), self)
        self.open_only.setObjectName("open_only")
        self.issue_button = QPushButton(self.tr("提出整改要求或督查建议…"), self)
        self.issue_button.setObjectName("issue_rectification")
        self.issue_button.setToolTip(self.tr("Ctrl+N"))
        self.issue_button.setVisible(rectifications.ACTION_ISSUE in actions)
        self.follow_button = QPushButton(self.tr("登记整改情况…"), self)
        self.follow_button.setObjectName("record_follow_up")
        self.follow_button.setVisible(rectifications.ACTION_FOLLOW_UP in actions)
        self.follow_button.setEnabled(False)
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        self.refresh_button.setObjectName("refresh_rectifications")
        self.refresh_button.setToolTip(self.tr("F5"))
        bar.addWidget(self.agency_filter, 1)
        bar.addWidget(self.open_only)
        bar.addStretch(1)
        bar.addWidget(self.issue_button)
        bar.addWidget(self.follow_button)
        bar.addWidget(self.refresh_button)
        layout.addLayout(bar)
        self.message = QLabel(self)
        self.message.setObjectName("rectification_message")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        columns: list[Column[RectificationView]] = [
            Column(self.tr("类型"), lambda r: tr_dialogs(RECTIFICATION_KINDS.get(r.kind, r.kind))),
            Column(self.tr("单位"), lambda r: r.agency_name),
            Column(self.tr("内容"), lambda r: r.content),
            Column(self.tr("提出日期"), lambda r: r.issued_on.isoformat()),
            Column(self.tr("整改期限"), lambda r: r.due_on.isoformat()),
            Column(self.tr("期限情况"), rectification_status_text, rectification_status_colour),
            Column(
                self.tr("状态"), lambda r: tr_dialogs(RECTIFICATION_STATES.get(r.state, r.state))
            ),
            Column(self.tr("整改情况"), lambda r: r.follow_up or "—"),
        ]
        self.model: PagedModel[RectificationView] = PagedModel(columns, self.fetch)
        self.table = QTableView(self)
        configure_table(self.table, "rectification_table")
        self.table.setModel(self.model)
        for column, width in enumerate((120, 170, 250, 95, 95, 130, 65)):
            self.table.setColumnWidth(column, width)
        layout.addWidget(self.table, 1)
        self.details = QLabel(self)
        self.details.setObjectName("rectification_details")
        self.details.setWordWrap(True)
        layout.addWidget(self.details)

        self.agency_filter.currentIndexChanged.connect(lambda: self.reload())
        self.open_only.toggled.connect(lambda: self.reload())
        self.issue_button.clicked.connect(self.open_issue_dialog)
        self.follow_button.clicked.connect(self.open_follow_up_dialog)
        self.refresh_button.clicked.connect(lambda: self.reload())
        self.table.selectionModel().currentRowChanged.connect(self.row_changed)
        self.table.doubleClicked.connect(lambda _: self.open_follow_up_dialog())
        shortcut(self, QKeySequence.StandardKey.New, self.open_issue_dialog)
        shortcut(self, "F5", self.reload)

    def fetch(self, offset: int, limit: int) -> list[RectificationView]:
        return rectifications.list_rectifications_page(
            self.ctx,
            self.session,
            agency_id=self.agency_filter.currentData(),
            open_only=self.open_only.isChecked(),
            limit=limit,
            offset=offset,
        )

    def reload(self, select_id: str | None = None) -> None:
        current = self.selected()
        keep = select_id or (current.id if current is not None else None)
        self.model.reset(self.fetch)
        for i, r in enumerate(self.model.rows):
            if r.id == keep:
                self.table.setCurrentIndex(self.model.index(i, 0))
                break
        self.row_changed(self.table.currentIndex(), QModelIndex())

    def selected(self) -> RectificationView | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        r = self.model.row_at(current.row()) if current.isValid() else None
        self.follow_button.setEnabled(r is not None)
        if r is None:
            self.details.clear()
            return
        text = self.tr("{kind}（{agency}，{issued} 提出，期限 {due}）：{content}").format(
            kind=tr_dialogs(RECTIFICATION_KINDS.get(r.kind, r.kind)),
            agency=r.agency_name,
            issued=r.issued_on.isoformat(),
            due=r.due_on.isoformat(),
            content=r.content,
        )
        if r.follow_up:
            text += "\n" + self.tr("整改情况：{f}").format(f=r.follow_up)
        self.details.setText(text)

    def open_issue_dialog(self) -> RectificationDialog | None:
        if not self.issue_button.isVisibleTo(self):
            return None
        dialog = RectificationDialog(self.ctx, self.session, self.agencies, self)
        dialog.accepted.connect(lambda: self.done(dialog.rectification_id, self.tr("已提出。")))
        dialog.open()
        return dialog

    def open_follow_up_dialog(self) -> FollowUpDialog | None:
        record = self.selected()
        if record is None or not self.follow_button.isVisibleTo(self):
            return None
        dialog = FollowUpDialog(self.ctx, self.session, record, self)
        dialog.accepted.connect(lambda: self.done(record.id, self.tr("整改情况已登记。")))
        dialog.open()
        return dialog

    def done(self, record_id: str | None, message: str) -> None:
        self.reload(select_id=record_id)
        set_message(self.message, message)
