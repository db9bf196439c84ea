"""设置: language, idle lock, rule profile, backup and restore (备份与恢复), the
holiday calendar's coverage and where the data lives.

备份与恢复 is the administrator's (the service checks it too): 备份… asks for a
file and a passphrase twice, 恢复… for a file and its passphrase, shows what
the backup holds, asks for confirmation, restores and closes the app, which
must start again on the restored data. The work runs in the background with
a progress bar; errors appear beside their field.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.calendar import default_calendar
from desktop.domain.common import Role
from desktop.resources import load_profile, profile_ids
from desktop.services import backup, settings
from desktop.services.auth import UserSession, set_idle_minutes
from desktop.services.backup import BackupInfo, BackupResult, RestoreResult
from desktop.services.base import Context, ServiceError
from desktop.ui.fields import FieldForm
from desktop.ui.i18n import LANGUAGES, save_language, saved_language, tr_data
from desktop.ui.worker import Progress, run_in_background

FILE_FILTER = "*" + backup.SUFFIX


class Page(QWidget):
    """The settings page; administrator-only parts are not offered to others."""

    def __init__(self, ctx: Context, session: UserSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        admin = Role.ADMINISTRATOR in session.roles
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        column = QWidget(self)
        column.setMaximumWidth(720)
        outer.addWidget(column)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)

        ui = QGroupBox(self.tr("界面"), column)
        ui_layout = QVBoxLayout(ui)
        self.ui_form = FieldForm(ui)
        self.language = QComboBox(ui)
        self.language.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(list(LANGUAGES).index(saved_language()))
        self.ui_form.add("language", self.tr("语言"), self.language)
        ui_layout.addWidget(self.ui_form)
        save_ui = QPushButton(self.tr("保存界面设置"), ui)
        save_ui.clicked.connect(self.save_language)
        ui_layout.addWidget(save_ui)
        self.ui_note = QLabel(ui)
        ui_layout.addWidget(self.ui_note)
        layout.addWidget(ui)

        office = QGroupBox(self.tr("本机设置"), column)
        office_layout = QVBoxLayout(office)
        self.form = FieldForm(office)
        self.idle = QSpinBox(office)
        self.idle.setObjectName("idle_lock_minutes")
        self.idle.setRange(0, 999)
        self.idle.setSuffix(self.tr(" 分钟"))
        self.profile = QComboBox(office)
        self.profile.setObjectName("profile_id")
        for pid in profile_ids():
            self.profile.addItem(tr_data(load_profile(pid).name), pid)
        self.form.add("idle_lock_minutes", self.tr("无操作自动锁定"), self.idle)
        self.form.add("profile_id", self.tr("规则配置"), self.profile)
        office_layout.addWidget(self.form)
        self.save_office = QPushButton(self.tr("保存本机设置"), office)
        self.save_office.setObjectName("save_office")
        self.save_office.clicked.connect(self.save)
        office_layout.addWidget(self.save_office)
        self.note = QLabel(office)
        self.note.setWordWrap(True)
        office_layout.addWidget(self.note)
        for widget in (self.idle, self.profile, self.save_office):
            widget.setEnabled(admin)
        if not admin:
            self.note.setText(self.tr("只有管理员可以修改本机设置。"))
        layout.addWidget(office)
        layout.addWidget(self.backup_group(column, admin))

        self.calendar = QLabel(column)
        self.calendar.setWordWrap(True)
        layout.addWidget(self.calendar)
        self.data = QLabel(column)
        self.data.setWordWrap(True)
        layout.addWidget(self.data)
        outer.addStretch(1)

    def refresh(self) -> None:
        current = settings.get_settings(self.ctx, self.session)
        self.idle.setValue(current.idle_lock_minutes)
        self.profile.setCurrentIndex(max(0, self.profile.findData(current.profile_id)))
        years = sorted(default_calendar().covered_years)
        next_year = self.ctx.today().year + 1
        text = self.tr("节假日安排已录入：{first}–{last} 年。").format(
            first=years[0], last=years[-1]
        )
        if next_year not in years:
            text += self.tr(
                "{year} 年的安排尚未录入：该年的期限仅按周末推算，"
                "国务院公布后请管理员补充节假日表。"
            ).format(year=next_year)
        self.calendar.setText(text)
        self.data.setText(self.tr("数据保存在：{path}").format(path=current.data_dir))

    def backup_group(self, parent: QWidget, admin: bool) -> QGroupBox:
        """备份与恢复: the two buttons, what a backup holds, the last result."""
        group = QGroupBox(self.tr("备份与恢复"), parent)
        group.setObjectName("backup_group")
        box = QVBoxLayout(group)
        about = QLabel(
            self.tr(
                "备份文件包含本机的全部数据（数据库、证据文件、节假日表和设置），"
                "用备份口令加密。请把备份文件存到 U 盘或另一台电脑上，口令另行保管："
                "忘记口令将无法恢复。"
            ),
            group,
        )
        about.setWordWrap(True)
        box.addWidget(about)
        row = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("备份…"), group)
        self.backup_button.setObjectName("backup_button")
        self.backup_button.clicked.connect(self.open_backup)
        self.restore_button = QPushButton(self.tr("恢复…"), group)
        self.restore_button.setObjectName("restore_button")
        self.restore_button.clicked.connect(self.open_restore)
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        box.addLayout(row)
        self.backup_note = QLabel(group)
        self.backup_note.setObjectName("backup_note")
        self.backup_note.setWordWrap(True)
        box.addWidget(self.backup_note)
        self.backup_dialog: BackupDialog | None = None
        self.restore_dialog: RestoreDialog | None = None
        for button in (self.backup_button, self.restore_button):
            button.setEnabled(admin)
        if not admin:
            self.backup_note.setText(self.tr("只有管理员可以备份或恢复本机数据。"))
        return group

    def open_backup(self) -> None:
        dialog = BackupDialog(self.ctx, self.session, self)
        dialog.accepted.connect(lambda: self.on_backed_up(dialog.result_))
        dialog.finished.connect(dialog.deleteLater)
        self.backup_dialog = dialog
        dialog.open()

    def on_backed_up(self, result: BackupResult | None) -> None:
        if result is None:
            return
        text = self.tr("已备份到 {path}（{size}，{files} 个证据文件，用时 {seconds} 秒）。").format(
            path=str(result.path),
            size=file_size(result.file_bytes),
            files=result.info.evidence_files,
            seconds=f"{result.seconds:.1f}",
        )
        if result.info.missing_evidence:
            text += self.tr("注意：有 {n} 个证据文件在本机已缺失，未能备份。").format(
                n=result.info.missing_evidence
            )
        self.backup_note.setText(text)

    def open_restore(self) -> None:
        dialog = RestoreDialog(self.ctx, self.session, self)
        dialog.accepted.connect(lambda: self.on_restored(dialog.result_))
        dialog.finished.connect(dialog.deleteLater)
        self.restore_dialog = dialog
        dialog.open()

    def on_restored(self, result: RestoreResult | None) -> None:
        """The data is replaced: stop every timer, say so, close the app."""
        if result is None:
            return
        window = self.window()
        for timer in window.findChildren(QTimer):
            timer.stop()
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("恢复完成"),
            self.tr(
                "已恢复 {date} 的备份。原来的数据保存在：{previous}\n"
                "程序现在将关闭，请重新启动后登录。"
            ).format(
                date=china_time(result.info.created_at),
                previous=str(result.previous) if result.previous else self.tr("（无）"),
            ),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("restore_done")
        box.exec()
        window.close()

    def save_language(self) -> None:
        save_language(self.language.currentData())
        self.ui_note.setText(self.tr("语言将在下次启动时生效。"))

    def save(self) -> None:
        """Save the administrator's settings; errors appear beside their field."""
        self.form.clear_errors()
        try:
            set_idle_minutes(self.ctx, self.session, self.idle.value())
            if self.profile.currentData() != self.ctx.profile.id:
                settings.set_profile(self.ctx, self.session, self.profile.currentData())
                self.note.setText(self.tr("规则配置将在下次启动时生效。"))
            else:
                self.note.setText(
                    self.tr("已保存（{time}）。").format(time=dt.datetime.now().strftime("%H:%M"))
                )
        except ServiceError as exc:
            self.form.show_error(exc)


def file_size(n: int) -> str:
    """A byte count for people: 612 KB, 41.3 MB."""
    if n < 1024 * 1024:
        return f"{max(1, round(n / 1024))} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def china_time(moment: dt.datetime) -> str:
    """A UTC moment as China time (UTC+8), e.g. 2026-11-26 10:00."""
    return f"{moment.astimezone(dt.UTC) + dt.timedelta(hours=8):%Y-%m-%d %H:%M}"


def password_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class FileField(QWidget):
    """A path typed or chosen with 浏览… (a save or an open file dialog)."""

    def __init__(self, name: str, save: bool, parent: QWidget) -> None:
        super().__init__(parent)
        self.save = save
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.path = QLineEdit(self)
        self.path.setObjectName(name)
        self.path.setMinimumWidth(320)
        browse = QPushButton(self.tr("浏览…"), self)
        browse.setObjectName(f"browse_{name}")
        browse.clicked.connect(self.browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)

    def browse(self) -> None:
        label = self.tr("效能督查备份 ({pattern})").format(pattern=FILE_FILTER)
        if self.save:
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("保存备份文件"), self.path.text(), label
            )
            if chosen and not chosen.endswith(backup.SUFFIX):
                chosen += backup.SUFFIX
        else:
            chosen, _ = QFileDialog.getOpenFileName(
                self, self.tr("选择备份文件"), self.path.text(), label
            )
        if chosen:
            self.path.setText(chosen)

    def value(self) -> Path | None:
        text = self.path.text().strip()
        return Path(text).expanduser() if text else None


def add_buttons(dialog: QDialog, ok_text: str, ok_name: str, cancel: str) -> QDialogButtonBox:
    """OK (named ``ok_name``) and cancel at the foot of ``dialog``."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
        parent=dialog,
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setObjectName(ok_name)
    ok.setDefault(True)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel)
    buttons.rejected.connect(dialog.reject)
    return buttons


class BackupDialog(QDialog):
    """备份: where to, and the passphrase twice; the backup runs in the background."""

    def __init__(self, ctx: Context, session: UserSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.result_: BackupResult | None = None
        self.setObjectName("backup_dialog")
        self.setWindowTitle(self.tr("备份本机数据"))
        layout = QVBoxLayout(self)
        self.form = FieldForm(self)
        self.target = FileField("target", save=True, parent=self)
        documents = QStandardPaths.StandardLocation.DocumentsLocation
        folder = Path(QStandardPaths.writableLocation(documents))
        if not folder.is_dir():
            folder = Path.home()
        self.target.path.setText(str(folder / backup.default_backup_name(ctx.now())))
        self.passphrase = password_field(self, "passphrase")
        self.confirm = password_field(self, "passphrase_confirm")
        self.form.add("target", self.tr("备份文件"), self.target)
        self.form.add("passphrase", self.tr("备份口令"), self.passphrase)
        self.form.add("passphrase_confirm", self.tr("再次输入口令"), self.confirm)
        layout.addWidget(self.form)
        hint = QLabel(
            self.tr("口令至少 {n} 个字符。恢复时需要同一口令，忘记将无法恢复。").format(
                n=backup.MIN_PASSPHRASE_LENGTH
            ),
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.buttons = add_buttons(self, self.tr("开始备份"), "backup_submit", self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        """Check what can be checked at once, then back up in the background."""
        self.form.clear_errors()
        target = self.target.value()
        passphrase = self.passphrase.text()
        try:
            if target is None:
                raise ServiceError(self.tr("请选择备份文件的保存位置"), field="target")
            backup.check_passphrase(passphrase)
            if self.confirm.text() != passphrase:
                raise ServiceError(self.tr("两次输入的口令不一致"), field="passphrase_confirm")
        except ServiceError as exc:
            self.form.show_error(exc)
            return

        def work(progress: Progress) -> BackupResult:
            return backup.make_backup(self.ctx, self.session, target, passphrase, progress)

        run_in_background(
            self,
            work,
            label=self.tr("正在备份…"),
            on_done=self.finish,
            on_error=self.form.show_error,
            cancellable=True,
        )

    def finish(self, result: BackupResult) -> None:
        self.result_ = result
        self.accept()


class RestoreDialog(QDialog):
    """恢复: the file and its passphrase, what it holds, then the restore."""

    def __init__(self, ctx: Context, session: UserSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.info: BackupInfo | None = None
        self.result_: RestoreResult | None = None
        self.setObjectName("restore_dialog")
        self.setWindowTitle(self.tr("从备份恢复"))
        layout = QVBoxLayout(self)
        self.form = FieldForm(self)
        self.source = FileField("source", save=False, parent=self)
        self.passphrase = password_field(self, "passphrase")
        self.form.add("source", self.tr("备份文件"), self.source)
        self.form.add("passphrase", self.tr("备份口令"), self.passphrase)
        layout.addWidget(self.form)
        self.read_button = QPushButton(self.tr("读取备份"), self)
        self.read_button.setObjectName("read_backup")
        self.read_button.clicked.connect(self.read)
        layout.addWidget(self.read_button)
        self.summary = QLabel(self)
        self.summary.setObjectName("backup_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.buttons = add_buttons(self, self.tr("恢复"), "restore_submit", self.tr("取消"))
        self.restore_ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.restore_ok.setEnabled(False)
        self.buttons.accepted.connect(self.submit)
        layout.addWidget(self.buttons)
        self.source.path.textChanged.connect(self.forget)
        self.passphrase.textChanged.connect(self.forget)

    def forget(self) -> None:
        """The file or passphrase changed: read the backup again before restoring."""
        self.info = None
        self.summary.clear()
        self.restore_ok.setEnabled(False)

    def read(self) -> None:
        """Check the passphrase and show what the backup holds (in the background)."""
        self.form.clear_errors()
        self.forget()
        source = self.source.value()
        if source is None:
            self.form.show_error(ServiceError(self.tr("请选择备份文件"), field="source"))
            return
        passphrase = self.passphrase.text()
        run_in_background(
            self,
            lambda _progress: backup.inspect_backup(source, passphrase),
            label=self.tr("正在读取备份…"),
            on_done=self.show_info,
            on_error=self.form.show_error,
        )

    def show_info(self, info: BackupInfo) -> None:
        self.info = info
        counts = info.counts
        self.summary.setText(
            self.tr(
                "备份时间：{date}（北京时间），由 {by} 制作\n"
                "用户 {users} 人，督查方案 {plans} 项，检查 {visits} 次，投诉 {complaints} 件，"
                "问责决定 {decisions} 项，申诉 {appeals} 件，文书 {documents} 份，"
                "审计记录 {audit} 条\n"
                "证据文件 {files} 个（{evidence}），数据库 {database}，节假日表 {tables} 个"
            ).format(
                date=china_time(info.created_at),
                by=info.created_by,
                users=counts.get("users", 0),
                plans=counts.get("plans", 0),
                visits=counts.get("visits", 0),
                complaints=counts.get("complaints", 0),
                decisions=counts.get("decisions", 0),
                appeals=counts.get("appeals", 0),
                documents=counts.get("documents", 0),
                audit=counts.get("audit_entries", 0),
                files=info.evidence_files,
                evidence=file_size(info.evidence_bytes),
                database=file_size(info.database_bytes),
                tables=len(info.holiday_tables),
            )
        )
        self.restore_ok.setEnabled(True)

    def confirm(self, info: BackupInfo) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("从备份恢复"),
            self.tr(
                "恢复将用 {date} 的备份替换本机当前的全部数据。\n"
                "当前数据不会删除，而是移到数据文件夹旁的“before-restore”文件夹中。\n"
                "恢复完成后程序将关闭，需要重新启动。确定恢复吗？"
            ).format(date=china_time(info.created_at)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("confirm_restore")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("恢复"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("取消"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes.value

    def submit(self) -> None:
        source, info = self.source.value(), self.info
        if source is None or info is None or not self.confirm(info):
            return
        passphrase = self.passphrase.text()
        data_dir = self.ctx.store.data_dir

        def work(progress: Progress) -> RestoreResult:
            return backup.restore_backup(
                data_dir, source, passphrase, progress, ctx=self.ctx, user=self.session
            )

        run_in_background(
            self,
            work,
            label=self.tr("正在恢复…"),
            on_done=self.finish,
            on_error=self.form.show_error,
            cancellable=True,
        )

    def finish(self, result: RestoreResult) -> None:
        self.result_ = result
        self.accept()
