"""同步: the central server's address, syncing now or every few minutes, what
waits to be sent, and the conflicts the server answered with.

Until an address is set the laptop works alone and keeps every change in its
outbox. Syncing signs the user in to the server with their own password
(asked on the page, never stored; the session token lives in memory), then
runs :func:`desktop.services.sync.run_sync` in the background with a progress
bar. Errors — the server unreachable, a wrong password — are shown on the
page. A conflict shows what this laptop did, what the server said and what it
has, with the two ways out: make the change again against the server's
version, or drop it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QTimer, Signal, SignalInstance
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.common import Role
from desktop.services import sync as sync_service
from desktop.services.auth import UserSession
from desktop.services.base import Context, ServiceError
from desktop.services.errors import InvalidInput
from desktop.sync.client import SyncClient
from desktop.sync.errors import SyncAuthFailed, SyncSessionExpired
from desktop.ui.fields import ERROR_STYLE, FieldForm
from desktop.ui.i18n import QT_TRANSLATE_NOOP, join_sentences, tr_message
from desktop.ui.worker import Progress, error_text, run_in_background

ENTITY_NAMES = {
    "inspection_plans": QT_TRANSLATE_NOOP("Page", "督查方案"),
    "visits": QT_TRANSLATE_NOOP("Page", "检查记录"),
    "complaints": QT_TRANSLATE_NOOP("Page", "效能投诉"),
    "decisions": QT_TRANSLATE_NOOP("Page", "问责决定"),
    "appeals": QT_TRANSLATE_NOOP("Page", "申诉"),
    "rectifications": QT_TRANSLATE_NOOP("Page", "整改"),
    "agencies": QT_TRANSLATE_NOOP("Page", "机构"),
    "officials": QT_TRANSLATE_NOOP("Page", "人员"),
    "users": QT_TRANSLATE_NOOP("Page", "用户"),
    "key_material": QT_TRANSLATE_NOOP("Page", "密钥"),
    "performance_ratings": QT_TRANSLATE_NOOP("Page", "绩效考评"),
    "issued_documents": QT_TRANSLATE_NOOP("Page", "文书编号"),
}
FIELD_NAMES = {
    "state": QT_TRANSLATE_NOOP("Page", "状态"),
    "title": QT_TRANSLATE_NOOP("Page", "标题"),
    "scope": QT_TRANSLATE_NOOP("Page", "督查范围"),
    "method": QT_TRANSLATE_NOOP("Page", "督查方式"),
    "return_reason": QT_TRANSLATE_NOOP("Page", "退回理由"),
    "report": QT_TRANSLATE_NOOP("Page", "督查报告"),
    "approvals": QT_TRANSLATE_NOOP("Page", "审批记录"),
    "team_ids": QT_TRANSLATE_NOOP("Page", "督查组"),
    "observations": QT_TRANSLATE_NOOP("Page", "检查情况"),
    "matter": QT_TRANSLATE_NOOP("Page", "投诉事项"),
    "reply": QT_TRANSLATE_NOOP("Page", "答复"),
    "facts": QT_TRANSLATE_NOOP("Page", "事实"),
}
ACTION_NAMES = {
    "plan.create": QT_TRANSLATE_NOOP("Page", "起草督查方案"),
    "plan.update": QT_TRANSLATE_NOOP("Page", "修改督查方案"),
    "plan.submit": QT_TRANSLATE_NOOP("Page", "提交审批"),
    "plan.approve": QT_TRANSLATE_NOOP("Page", "审批通过"),
    "plan.second_approve": QT_TRANSLATE_NOOP("Page", "主要负责人审批"),
    "plan.return": QT_TRANSLATE_NOOP("Page", "退回督查方案"),
    "plan.start": QT_TRANSLATE_NOOP("Page", "开始实施"),
    "plan.report": QT_TRANSLATE_NOOP("Page", "提交督查报告"),
    "plan.close": QT_TRANSLATE_NOOP("Page", "办结督查方案"),
    "visit.open": QT_TRANSLATE_NOOP("Page", "开始现场检查"),
    "visit.update": QT_TRANSLATE_NOOP("Page", "修改检查记录"),
    "visit.add_evidence": QT_TRANSLATE_NOOP("Page", "添加证据"),
    "visit.finalise": QT_TRANSLATE_NOOP("Page", "完成检查记录"),
    "complaint.register": QT_TRANSLATE_NOOP("Page", "登记投诉"),
    "complaint.route": QT_TRANSLATE_NOOP("Page", "分办投诉"),
    "complaint.extend": QT_TRANSLATE_NOOP("Page", "投诉延期"),
    "complaint.close": QT_TRANSLATE_NOOP("Page", "办结投诉"),
    "complaint.grant_identity": QT_TRANSLATE_NOOP("Page", "授权查看投诉人身份"),
    "decision.draft": QT_TRANSLATE_NOOP("Page", "起草问责决定"),
    "decision.update": QT_TRANSLATE_NOOP("Page", "修改问责决定"),
    "decision.sign": QT_TRANSLATE_NOOP("Page", "签发问责决定"),
    "decision.receipt": QT_TRANSLATE_NOOP("Page", "登记送达"),
    "decision.publish": QT_TRANSLATE_NOOP("Page", "公开问责决定"),
    "appeal.register": QT_TRANSLATE_NOOP("Page", "登记申诉"),
    "appeal.decide": QT_TRANSLATE_NOOP("Page", "申诉决定"),
    "rectification.issue": QT_TRANSLATE_NOOP("Page", "下发整改"),
    "rectification.follow_up": QT_TRANSLATE_NOOP("Page", "整改跟踪"),
    "rating.set": QT_TRANSLATE_NOOP("Page", "录入绩效考评"),
    "document.sign_off": QT_TRANSLATE_NOOP("Page", "文书编号"),
}
COLUMNS = (
    QT_TRANSLATE_NOOP("Page", "记录"),
    QT_TRANSLATE_NOOP("Page", "本机的操作"),
    QT_TRANSLATE_NOOP("Page", "本机的更改"),
    QT_TRANSLATE_NOOP("Page", "服务器的答复"),
    QT_TRANSLATE_NOOP("Page", "服务器上的内容"),
    QT_TRANSLATE_NOOP("Page", "处理"),
)
VALUE_MAX = 60
MINUTE_MS = 60_000


class _Relay:
    """The engine's progress sink: reports through the page's signal (queued
    to the GUI thread) and stops when the task is cancelled."""

    def __init__(self, signal: SignalInstance, progress: Progress) -> None:
        self.signal = signal
        self.progress = progress

    def update(self, done: int, total: int, text: str = "") -> None:
        self.signal.emit(done, total, text)

    def check(self) -> None:
        self.progress.check()


class Page(QWidget):
    """The sync page. Administrators edit the server address; everyone syncs."""

    progressed = Signal(int, int, str)

    def __init__(self, ctx: Context, session: UserSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.admin = Role.ADMINISTRATOR in session.roles
        self.client: SyncClient | None = None
        self.running = False
        self.server_address = ""

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)

        server_box = QGroupBox(self.tr("中心服务器"), self)
        server_layout = QVBoxLayout(server_box)
        self.server_form = FieldForm(server_box)
        self.server_url = QLineEdit(server_box)
        self.server_url.setObjectName("server_url")
        self.server_url.setPlaceholderText("https://xiaoneng.example.gov.cn")
        self.server_url.setReadOnly(not self.admin)
        self.server_form.add("server_url", self.tr("服务器地址"), self.server_url)
        server_layout.addWidget(self.server_form)
        self.save_server_button = QPushButton(self.tr("保存地址"), server_box)
        self.save_server_button.setObjectName("save_server")
        self.save_server_button.clicked.connect(self.save_server)
        self.save_server_button.setVisible(self.admin)
        server_layout.addWidget(self.save_server_button)
        self.server_note = QLabel(server_box)
        self.server_note.setObjectName("server_note")
        self.server_note.setWordWrap(True)
        server_layout.addWidget(self.server_note)
        layout.addWidget(server_box)

        sync_box = QGroupBox(self.tr("同步"), self)
        sync_layout = QVBoxLayout(sync_box)
        self.last_sync = QLabel(sync_box)
        self.last_sync.setObjectName("last_sync")
        self.connection = QLabel(sync_box)
        self.connection.setObjectName("connection")
        self.sync_form = FieldForm(sync_box)
        self.password = QLineEdit(sync_box)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("本人密码，只用于连接服务器，不保存"))
        self.password.returnPressed.connect(lambda: self.sync_now())
        self.sync_form.add("password", self.tr("密码"), self.password)
        self.interval = QSpinBox(sync_box)
        self.interval.setObjectName("sync_interval_minutes")
        self.interval.setRange(0, sync_service.MAX_INTERVAL)
        self.interval.setSuffix(self.tr(" 分钟"))
        self.interval.setSpecialValueText(self.tr("不自动同步"))
        self.interval.editingFinished.connect(self.save_interval)
        self.sync_form.add("sync_interval_minutes", self.tr("自动同步间隔"), self.interval)
        row = QHBoxLayout()
        self.sync_button = QPushButton(self.tr("立即同步"), sync_box)
        self.sync_button.setObjectName("sync_now")
        self.sync_button.clicked.connect(lambda: self.sync_now())
        self.progress = QProgressBar(sync_box)
        self.progress.setObjectName("progress")
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.progress_text = QLabel(sync_box)
        self.progress_text.setObjectName("progress_text")
        row.addWidget(self.sync_button)
        row.addWidget(self.progress, 1)
        row.addWidget(self.progress_text, 1)
        self.result = QLabel(sync_box)
        self.result.setObjectName("result")
        self.result.setWordWrap(True)
        self.error = QLabel(sync_box)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        for widget in (self.last_sync, self.connection, self.sync_form):
            sync_layout.addWidget(widget)
        sync_layout.addLayout(row)
        sync_layout.addWidget(self.result)
        sync_layout.addWidget(self.error)
        layout.addWidget(sync_box)

        self.pending = QLabel(self)
        self.pending.setObjectName("pending")
        self.details = QLabel(self)
        self.details.setObjectName("details")
        self.details.setWordWrap(True)
        layout.addWidget(self.pending)
        layout.addWidget(self.details)

        conflict_box = QGroupBox(self.tr("冲突（服务器退回或已被他人修改的本机更改）"), self)
        conflict_layout = QVBoxLayout(conflict_box)
        self.conflicts = QTableWidget(0, len(COLUMNS), conflict_box)
        self.conflicts.setObjectName("conflicts")
        self.conflicts.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.conflicts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.conflicts.setWordWrap(True)
        self.conflicts.verticalHeader().hide()
        header = self.conflicts.horizontalHeader()
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(
                column,
                QHeaderView.ResizeMode.Stretch
                if column in (0, 2, 3, 4)
                else QHeaderView.ResizeMode.ResizeToContents
                if column == 1
                else QHeaderView.ResizeMode.Fixed,
            )
        self.no_conflicts = QLabel(self.tr("没有冲突。"), conflict_box)
        self.no_conflicts.setObjectName("no_conflicts")
        conflict_layout.addWidget(self.no_conflicts)
        conflict_layout.addWidget(self.conflicts)
        layout.addWidget(conflict_box, 1)

        self.timer = QTimer(self)
        self.timer.setObjectName("sync_timer")
        self.timer.timeout.connect(self.auto_sync)
        self.progressed.connect(self.on_progress)

    # ------------------------------------------------------------- showing

    def refresh(self) -> None:
        """Read the sync status again (cheap: the local database only)."""
        try:
            status = sync_service.sync_status(self.ctx, self.session)
        except ServiceError as exc:
            self.show_error(exc)
            return
        if status.server_url != self.server_address:
            self.server_address = status.server_url
            self.server_url.setText(status.server_url)
            self.drop_client()
        if not status.server_url:
            self.server_note.setText(
                self.tr("未设置服务器地址：本机单独工作，所有更改保存在本机，待设置后发送。")
            )
        elif not self.admin:
            self.server_note.setText(self.tr("只有管理员可以修改服务器地址。"))
        else:
            self.server_note.clear()
        if status.last_sync_at is not None:
            local = status.last_sync_at.astimezone()
            self.last_sync.setText(
                self.tr("上次同步：{time}").format(time=local.strftime("%Y-%m-%d %H:%M:%S"))
            )
        else:
            self.last_sync.setText(self.tr("上次同步：从未同步"))
        if status.last_error and self.error.isHidden():
            self.error.setText(
                self.tr("上次同步未完成：{reason}").format(reason=tr_message(status.last_error))
            )
            self.error.show()
        self.pending.setText(
            self.tr("待发送的更改：{n} 项（本人 {mine} 项）；服务器退回待处理：{r} 项").format(
                n=status.pending, mine=status.pending_mine, r=status.rejected
            )
        )
        parts = [
            f"{self.tr(ENTITY_NAMES.get(e, e))} {n}"
            for e, n in sorted(status.pending_by_entity.items())
        ]
        self.details.setText(self.tr("；").join(parts))
        if not self.interval.hasFocus():
            self.interval.setValue(status.interval_minutes)
        self._update_timer(status.interval_minutes, bool(status.server_url))
        self._update_connection()
        self._show_conflicts(status.conflicts)

    def _update_connection(self) -> None:
        connected = self.client is not None and self.client.signed_in
        self.password.setEnabled(not connected)
        self.connection.setText(
            self.tr("已连接服务器（{name}）").format(name=self.session.username)
            if connected
            else self.tr("尚未连接服务器：同步时需输入本人密码")
        )
        self.sync_button.setEnabled(not self.running and bool(self.server_address))

    def _update_timer(self, minutes: int, has_server: bool) -> None:
        if minutes > 0 and has_server:
            if self.timer.interval() != minutes * MINUTE_MS or not self.timer.isActive():
                self.timer.start(minutes * MINUTE_MS)
        else:
            self.timer.stop()

    def _summary(self, values: Mapping[str, Any] | None) -> str:
        if values is None:
            return self.tr("服务器上没有该记录")
        parts = []
        for name, value in values.items():
            label = self.tr(FIELD_NAMES[name]) if name in FIELD_NAMES else name
            if isinstance(value, list) and value and isinstance(value[0], dict):
                text = self.tr("{n} 条").format(n=len(value))
            elif value is None or value == "":
                text = self.tr("（空）")
            else:
                text = str(value)
            if len(text) > VALUE_MAX:
                text = text[: VALUE_MAX - 1] + "…"
            parts.append(f"{label}：{text}")
        return "；".join(parts)

    def _show_conflicts(self, conflicts: list[sync_service.ConflictView]) -> None:
        self.conflicts.setRowCount(len(conflicts))
        self.no_conflicts.setVisible(not conflicts)
        self.conflicts.setVisible(bool(conflicts))
        widest = 120
        for row, view in enumerate(conflicts):
            record = self.tr(ENTITY_NAMES.get(view.entity, view.entity))
            name = tr_message(view.label) or view.entity_id[:8]
            action = self.tr(ACTION_NAMES[view.action]) if view.action in ACTION_NAMES else ""
            reason = tr_message(view.reason)
            cells = (
                f"{record}：{name}",
                action or view.action,
                self._summary(view.local_changes),
                reason if view.status == "rejected" else self.tr("尚未发送：") + reason,
                self._summary(view.server_state),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.conflicts.setItem(row, column, item)
            buttons = self._buttons(view)
            self.conflicts.setCellWidget(row, len(cells), buttons)
            widest = max(widest, buttons.sizeHint().width())
        self.conflicts.horizontalHeader().resizeSection(len(COLUMNS) - 1, widest)
        self.conflicts.resizeRowsToContents()

    def _buttons(self, view: sync_service.ConflictView) -> QWidget:
        box = QWidget(self.conflicts)
        row = QHBoxLayout(box)
        row.setContentsMargins(2, 2, 2, 2)
        own = view.user_id == self.session.user_id
        retry = QPushButton(self.tr("重新提交"), box)
        retry.setObjectName(f"retry_{view.op_id}")
        retry.setToolTip(self.tr("以服务器上的最新内容为基础再次提交本机的更改"))
        retry.setEnabled(own and view.status == "rejected")
        retry.clicked.connect(lambda: self.resolve(view.op_id, sync_service.RETRY))
        discard = QPushButton(self.tr("放弃本机更改"), box)
        discard.setObjectName(f"discard_{view.op_id}")
        discard.setToolTip(self.tr("保留服务器上的内容，放弃本机的这项更改"))
        discard.setEnabled(own or self.admin)
        discard.clicked.connect(lambda: self.resolve(view.op_id, sync_service.DISCARD_MINE))
        row.addWidget(retry)
        row.addWidget(discard)
        return box

    def show_error(self, exc: BaseException) -> None:
        self.error.setText(error_text(exc))
        self.error.show()

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()

    # ------------------------------------------------------------- actions

    def save_server(self) -> None:
        """Save the server address (administrators); errors beside the field."""
        self.server_form.clear_errors()
        try:
            saved = sync_service.set_server(self.ctx, self.session, self.server_url.text())
        except ServiceError as exc:
            self.server_form.show_error(exc)
            return
        self.server_url.setText(saved)
        self.server_note.setText(self.tr("已保存服务器地址。"))
        self.refresh()

    def save_interval(self) -> None:
        self.sync_form.clear_errors()
        try:
            sync_service.set_sync_interval(self.ctx, self.session, self.interval.value())
        except ServiceError as exc:
            self.sync_form.show_error(exc)
            return
        self._update_timer(self.interval.value(), bool(self.server_address))

    def auto_sync(self) -> None:
        """The timer: sync in the background if connected; never asks anything."""
        if self.running or not self.server_address:
            return
        if self.client is None or not self.client.signed_in:
            self.result.setText(self.tr("自动同步需要先输入密码并同步一次。"))
            return
        self.sync_now(automatic=True)

    def sync_now(self, automatic: bool = False) -> None:
        """Sync in the background: sign in to the server first if need be."""
        if self.running:
            return
        self.sync_form.clear_errors()
        self.clear_error()
        if not self.server_address:
            self.show_error(ServiceError(self.tr("尚未设置中心服务器地址：请管理员填写")))
            return
        client = self.client if self.client is not None and self.client.signed_in else None
        password = self.password.text()
        if client is None and not password:
            if not automatic:
                self.sync_form.show_error(
                    InvalidInput(self.tr("请输入本人密码以连接中心服务器"), field="password")
                )
            return
        self.password.clear()
        ctx, session = self.ctx, self.session
        signal = self.progressed
        made: list[SyncClient] = []

        def work(progress: Progress) -> tuple[SyncClient, sync_service.SyncOutcome]:
            current = client
            if current is None:
                signal.emit(-1, 0, "")
                current = sync_service.connect(ctx, session, password)
                made.append(current)
            outcome = sync_service.run_sync(ctx, session, current, _Relay(signal, progress))
            return current, outcome

        def failed(exc: BaseException) -> None:
            self.running = False
            expired = isinstance(exc, SyncAuthFailed | SyncSessionExpired)
            if made and not expired:
                self.client = made[0]  # signed in; the sync itself failed
            elif made:
                made[0].close()
            if expired:
                self.drop_client()
                self.sync_form.show_error(exc)
            self._finish_progress()
            self.show_error(exc)
            self.refresh()

        self.sync_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.progress_text.setText(self.tr("正在同步…"))
        self.running = True
        run_in_background(
            self,
            work,
            label=self.tr("正在同步…"),
            on_done=self._synced,
            on_error=failed,
            show_dialog=False,
        )

    def on_progress(self, done: int, total: int, text: str) -> None:
        """``(-1, 0)``: connecting; ``(n, N)``: n of N sent; ``(n, 0)``: n received."""
        if done < 0:
            self.progress.setRange(0, 0)
            self.progress_text.setText(self.tr("正在连接中心服务器…"))
        elif total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.progress_text.setText(
                self.tr("正在发送本机的更改：{done}/{total}").format(done=done, total=total)
            )
        else:
            self.progress.setRange(0, 0)
            self.progress_text.setText(
                self.tr("正在接收服务器上的更改：已接收 {n} 项").format(n=done)
            )

    def _finish_progress(self) -> None:
        self.progress.hide()
        self.progress_text.clear()

    def _synced(self, result: tuple[SyncClient, sync_service.SyncOutcome]) -> None:
        self.running = False
        client, outcome = result
        if self.client is not client:
            self.drop_client()
        self.client = client
        report = outcome.report
        self._finish_progress()
        parts = [
            self.tr(
                "同步完成：发送 {pushed} 项，接收 {pulled} 项，写入本机 {applied} 项，"
                "被服务器退回 {rejected} 项。"
            ).format(
                pushed=report.pushed,
                pulled=report.pulled,
                applied=report.applied,
                rejected=report.rejected,
            )
        ]
        if report.held_back:
            text = self.tr("另有 {n} 项是其他用户的更改，待其本人同步时发送。")
            parts.append(text.format(n=report.held_back))
        if report.waiting:
            text = self.tr(
                "本人有 {n} 项更改须等其他用户的相关更改先发送（如待审批的方案），之后再发送。"
            )
            parts.append(text.format(n=report.waiting))
        if report.parked:
            text = self.tr("{n} 条服务器记录暂时无法写入本机，下次同步时再试。")
            parts.append(text.format(n=report.parked))
        if outcome.handlers_without_key:
            text = self.tr(
                "服务器上的投诉受理人员 {names} 在本机没有对应的密钥，请管理员添加其账户。"
            )
            parts.append(text.format(names="、".join(outcome.handlers_without_key)))
        parts += self._after_sync(outcome)
        self.result.setText(join_sentences(parts))
        self.refresh()

    def _after_sync(self, outcome: sync_service.SyncOutcome) -> list[str]:
        """What the work after the sync did: numbers, audit trail, evidence."""
        numbers, uploads = outcome.numbers, outcome.uploads
        parts: list[str] = []
        if numbers.received:
            text = self.tr("已取得文号：{spans}。")
            parts.append(text.format(spans="、".join(numbers.received)))
        if numbers.problem:
            problem = tr_message(numbers.problem)
            parts.append(self.tr("未能取得文号：{problem}").format(problem=problem))
        if uploads.audit_entries or uploads.files_sent or uploads.files_fetched:
            text = self.tr(
                "已上传审计记录 {audit} 条、证据文件 {sent} 个，下载证据文件 {fetched} 个。"
            )
            parts.append(
                text.format(
                    audit=uploads.audit_entries,
                    sent=uploads.files_sent,
                    fetched=uploads.files_fetched,
                )
            )
        if uploads.files_too_large:
            text = self.tr("{n} 个证据文件超过服务器的大小限制，未上传。")
            parts.append(text.format(n=uploads.files_too_large))
        if uploads.problem:
            text = self.tr("审计记录或证据文件未能传完：{problem}（下次同步时继续）")
            parts.append(text.format(problem=tr_message(uploads.problem)))
        return parts

    def resolve(self, op_id: str, choice: str) -> None:
        """Resolve one conflict; dropping a change is confirmed first."""
        if choice == sync_service.DISCARD_MINE and not self.confirm(
            self.tr("放弃本机的这项更改？记录将保持服务器上的内容，此操作会记入审计记录。")
        ):
            return
        self.clear_error()
        try:
            sync_service.resolve_conflict(self.ctx, self.session, op_id, choice)
        except ServiceError as exc:
            self.show_error(exc)
            return
        self.result.setText(
            self.tr("已放弃本机更改，记录保持服务器上的内容。")
            if choice == sync_service.DISCARD_MINE
            else self.tr("已重新提交，下次同步时发送。")
        )
        self.refresh()

    def confirm(self, text: str) -> bool:
        """Ask before dropping a local change (tests replace this)."""
        answer = QMessageBox.question(self, self.tr("处理冲突"), text)
        return answer == QMessageBox.StandardButton.Yes

    def drop_client(self) -> None:
        """Forget the server session (address changed, password refused, lock)."""
        if self.client is not None and not self.running:
            self.client.close()
        self.client = None
        self._update_connection()

    def on_lock(self) -> None:
        """The laptop session locked: forget the server session and the password."""
        self.password.clear()
        if self.client is not None:
            self.client.forget()
