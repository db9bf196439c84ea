"""The first-run wizard (首次使用向导), shown instead of the sign-in dialog on a
laptop nobody can sign in to yet.

1. 使用方式: connect to the office's central server, or work alone (单机使用);
2. 规则配置: the rule profile;
3. with a server: its address and the user's server account — checked online,
   then the office directory is written (``desktop.services.enrol``);
   alone: the efficiency office and the first administrator, then
4. the office recovery key, saved sealed with a passphrase to a file on
   offline media (``desktop.services.setup``);
5. 完成: where the data lives (the real folder) and how to back it up.

The pages that write (the server account, the recovery key) run their work
in the background and show every refusal beside its field; nothing is
written until everything typed has been checked. They are commit pages: once
the laptop is set up there is no going back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.crypto import DEFAULT_ARGON2_PARAMS, Argon2Params
from desktop.resources import load_profile, profile_ids
from desktop.services import enrol, setup
from desktop.services.auth import UserSession
from desktop.services.base import Context, ServiceError
from desktop.services.directory import LEVELS
from desktop.ui.fields import FieldForm
from desktop.ui.i18n import tr_data
from desktop.ui.worker import Progress, run_in_background

PAGE_MODE, PAGE_PROFILE, PAGE_SERVER, PAGE_OFFICE, PAGE_RECOVERY, PAGE_DONE = range(6)
HINT_STYLE = "color: #555;"
RECOVERY_FILE_NAME = "效能督查-机构恢复密钥.txt"


def _hint(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


def _password_field(name: str, parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def _line(name: str, parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(name)
    return field


def _first(page: QWizardPage) -> FirstRunWizard:
    """The wizard a page is on (looked up, not stored: a page holding its
    wizard would make a reference cycle the garbage collector may break on a
    worker thread, deleting widgets off the GUI thread)."""
    wizard = page.wizard()
    assert isinstance(wizard, FirstRunWizard)
    return wizard


class ModePage(QWizardPage):
    """Connect to the office's central server, or work alone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("欢迎使用效能督查"))
        self.setSubTitle(self.tr("本机还没有设置。请选择本机的使用方式。"))
        layout = QVBoxLayout(self)
        self.server = QRadioButton(self.tr("连接本单位的中心服务器"), self)
        self.server.setObjectName("mode_server")
        self.alone = QRadioButton(self.tr("单机使用（不连接服务器）"), self)
        self.alone.setObjectName("mode_alone")
        group = QButtonGroup(self)
        group.addButton(self.server)
        group.addButton(self.alone)
        self.server.setChecked(True)
        layout.addWidget(self.server)
        layout.addWidget(
            _hint(
                self.tr(
                    "本单位已架设中心服务器时选择此项：用管理员在服务器上为您开设的账户登录，"
                    "本机会取得单位的人员名单和密钥，并与其他电脑同步。"
                ),
                self,
            )
        )
        layout.addSpacing(12)
        layout.addWidget(self.alone)
        layout.addWidget(
            _hint(
                self.tr(
                    "只在这台电脑上使用：在本机创建效能办和第一位管理员，并生成机构密钥。"
                    "以后仍可在同步页填写服务器地址。"
                ),
                self,
            )
        )
        layout.addStretch(1)

    def nextId(self) -> int:
        return PAGE_PROFILE


class ProfilePage(QWizardPage):
    """The rule profile (规则配置) this laptop applies."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("规则配置"))
        self.setSubTitle(
            self.tr("选择本单位适用的效能督查规定：期限、问责措施和文书格式都依此而定。")
        )
        layout = QVBoxLayout(self)
        self.form = FieldForm(self)
        self.profile = QComboBox(self)
        self.profile.setObjectName("profile_id")
        for profile_id in profile_ids():
            self.profile.addItem(tr_data(load_profile(profile_id).name), profile_id)
        self.form.add("profile_id", self.tr("规则配置"), self.profile)
        layout.addWidget(self.form)
        layout.addWidget(_hint(self.tr("以后可由管理员在“设置”中更改。"), self))
        layout.addStretch(1)

    @property
    def profile_id(self) -> str:
        return str(self.profile.currentData())

    def nextId(self) -> int:
        return PAGE_SERVER if _first(self).mode_page.server.isChecked() else PAGE_OFFICE


class WorkPage(QWizardPage):
    """A page whose Next runs a service call in the background; the wizard
    moves on only when it succeeded, and shows a refusal beside its field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = FieldForm(self)
        self.finished = False
        self.busy = False
        self.setCommitPage(True)

    def work(self) -> Callable[[Progress], Any]:
        """Check what was typed (raise :class:`ServiceError`) and give the work."""
        raise NotImplementedError

    def done(self, result: Any) -> None:
        """The work's result, on the GUI thread."""
        raise NotImplementedError

    def label(self) -> str:
        return self.tr("正在设置本机……")

    def validatePage(self) -> bool:
        if self.finished:
            return True
        if self.busy:
            return False
        self.form.clear_errors()
        try:
            job = self.work()
        except ServiceError as exc:
            self.form.show_error(exc)
            return False
        self.busy = True
        self.setEnabled(False)
        run_in_background(
            self, job, label=self.label(), on_done=self._succeeded, on_error=self._failed
        )
        return False

    def _succeeded(self, result: Any) -> None:
        self.busy = False
        self.setEnabled(True)
        self.finished = True
        self.done(result)
        _first(self).next()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.setEnabled(True)
        self.form.show_error(exc)


class ServerPage(WorkPage):
    """The server's address and the user's own server account."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("连接中心服务器"))
        self.setSubTitle(self.tr("请输入服务器地址和您在服务器上的用户名、密码（由管理员开设）。"))
        layout = QVBoxLayout(self)
        self.url = _line("server_url", self)
        self.url.setPlaceholderText("https://xiaoneng.example.gov.cn")
        self.username = _line("username", self)
        self.password = _password_field("password", self)
        self.form.add("server_url", self.tr("服务器地址"), self.url)
        self.form.add("username", self.tr("用户名"), self.username)
        self.form.add("password", self.tr("密码"), self.password)
        layout.addWidget(self.form)
        layout.addWidget(
            _hint(
                self.tr(
                    "密码由服务器核对；本机只保存密码的校验值，以后断网时也能登录。"
                    "投诉受理人员的密钥用本人密码加密后保存。"
                ),
                self,
            )
        )
        layout.addStretch(1)

    def label(self) -> str:
        return self.tr("正在连接中心服务器……")

    def work(self) -> Callable[[Progress], Any]:
        first = _first(self)
        ctx, url, username, password = (
            first.ctx,
            self.url.text(),
            self.username.text(),
            self.password.text(),
        )
        enrol.check_enrol_input(ctx, url, username, password)
        profile_id = first.profile_page.profile_id
        transport, argon2 = first.transport, first.argon2
        return lambda _progress: enrol.enrol_with_server(
            ctx,
            url,
            username,
            password,
            transport=transport,
            profile_id=profile_id,
            argon2=argon2,
        )

    def done(self, result: Any) -> None:
        self.password.clear()
        _first(self).session = result

    def nextId(self) -> int:
        return PAGE_DONE


class OfficePage(QWizardPage):
    """The efficiency office and the first administrator (单机使用)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("效能办和管理员"))
        self.setSubTitle(self.tr("填写本效能办，并创建第一位管理员账户。"))
        layout = QVBoxLayout(self)
        self.form = FieldForm(self)
        self.office_name = _line("office_name", self)
        self.office_name.setPlaceholderText(self.tr("例如：福州市机关效能建设领导小组办公室"))
        self.office_level = QComboBox(self)
        self.office_level.setObjectName("office_level")
        names = {
            1: self.tr("省级"),
            2: self.tr("设区市级"),
            3: self.tr("县（市、区）级"),
            4: self.tr("乡（镇）、街道"),
        }
        for level in LEVELS:
            self.office_level.addItem(names[level], level)
        self.office_level.setCurrentIndex(1)
        self.username = _line("username", self)
        self.display_name = _line("display_name", self)
        self.password = _password_field("password", self)
        self.password_again = _password_field("password_again", self)
        self.form.add("office_name", self.tr("效能办名称"), self.office_name)
        self.form.add("office_level", self.tr("层级"), self.office_level)
        self.form.add("username", self.tr("管理员用户名"), self.username)
        self.form.add("display_name", self.tr("姓名"), self.display_name)
        self.form.add("password", self.tr("密码"), self.password)
        self.form.add("password_again", self.tr("再次输入密码"), self.password_again)
        layout.addWidget(self.form)
        layout.addWidget(
            _hint(
                self.tr(
                    "第一位管理员同时担任投诉受理人员：由他为以后添加的受理人员授权查重索引密钥。"
                ),
                self,
            )
        )
        layout.addStretch(1)

    @property
    def level(self) -> int:
        return int(self.office_level.currentData())

    def validatePage(self) -> bool:
        try:
            setup.check_office_and_admin(
                self.office_name.text(),
                self.level,
                self.username.text(),
                self.password.text(),
                self.password_again.text(),
            )
        except ServiceError as exc:
            self.form.show_error(exc)
            return False
        self.form.clear_errors()
        return True

    def nextId(self) -> int:
        return PAGE_RECOVERY


class RecoveryPage(WorkPage):
    """The office recovery key: saved sealed with a passphrase, offline."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("机构恢复密钥"))
        self.setSubTitle(
            self.tr("生成本机构的密钥。恢复密钥用口令加密后保存到您选择的文件，不留在本机。")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(
            _hint(
                self.tr(
                    "每位投诉人的身份都会同时为恢复密钥加密。所有受理人员都忘记密码时，"
                    "只有恢复密钥能解开投诉人身份。请把文件保存到U盘等离线介质并放入保险柜，"
                    "口令另行保管；文件是文本，也可以打印后存档（没有口令无法使用）。"
                ),
                self,
            )
        )
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.path = _line("recovery_file", row)
        browse = QPushButton(self.tr("选择…"), row)
        browse.setObjectName("browse_recovery_file")
        browse.clicked.connect(self.choose_file)
        line.addWidget(self.path, 1)
        line.addWidget(browse)
        self.passphrase = _password_field("passphrase", self)
        self.passphrase_again = _password_field("passphrase_again", self)
        self.form.add("recovery_file", self.tr("保存到文件"), row)
        self.form.fields["recovery_file"] = self.path
        self.form.add("passphrase", self.tr("恢复密钥口令"), self.passphrase)
        self.form.add("passphrase_again", self.tr("再次输入口令"), self.passphrase_again)
        layout.addWidget(self.form)
        layout.addWidget(
            _hint(
                self.tr("口令至少 {n} 个字符，且不能与管理员密码相同。").format(
                    n=setup.MIN_PASSPHRASE_LENGTH
                ),
                self,
            )
        )
        layout.addStretch(1)

    def choose_file(self) -> None:
        start = str(Path.home() / RECOVERY_FILE_NAME)
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("保存机构恢复密钥"), start, self.tr("文本文件 (*.txt)")
        )
        if chosen:
            self.path.setText(chosen)

    def work(self) -> Callable[[Progress], Any]:
        first = _first(self)
        office, ctx = first.office_page, first.ctx
        target = Path(self.path.text().strip())
        setup.check_recovery_target(
            ctx, target, self.passphrase.text(), self.passphrase_again.text()
        )
        options: dict[str, Any] = {
            "profile_id": first.profile_page.profile_id,
            "office_name": office.office_name.text(),
            "office_level": office.level,
            "username": office.username.text(),
            "display_name": office.display_name.text(),
            "password": office.password.text(),
            "password_again": office.password_again.text(),
            "recovery_file": target,
            "passphrase": self.passphrase.text(),
            "passphrase_again": self.passphrase_again.text(),
            "argon2": first.argon2,
        }
        return lambda _progress: setup.set_up_alone(ctx, **options)

    def done(self, result: Any) -> None:
        assert isinstance(result, setup.AloneSetup)
        self.passphrase.clear()
        self.passphrase_again.clear()
        first = _first(self)
        first.session, first.recovery = result.session, result

    def nextId(self) -> int:
        return PAGE_DONE


class DonePage(QWizardPage):
    """Where the data lives and how to back it up, in plain Chinese."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("设置完成"))
        layout = QVBoxLayout(self)
        self.text = QLabel(self)
        self.text.setObjectName("done_text")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text)
        layout.addStretch(1)
        self.setFinalPage(True)

    def initializePage(self) -> None:
        first = _first(self)
        session = first.session
        parts = [
            self.tr("{name}，欢迎使用。点击“完成”进入工作台。").format(
                name=session.display_name if session else ""
            ),
            self.tr(
                "本机数据保存在：\n{path}\n数据库、现场证据文件和日志都在这个文件夹中；"
                "投诉人身份始终加密保存，不以明文写入磁盘。"
            ).format(path=first.ctx.store.data_dir),
            self.tr(
                "备份：请定期在“设置 → 备份与恢复”中备份本机数据。备份文件是加密的，"
                "请存放在另一台电脑或U盘上，不要只放在本机。换电脑或重装系统时，用同一处恢复。"
            ),
        ]
        recovery = first.recovery
        if recovery is not None:
            parts.append(
                self.tr(
                    "机构恢复密钥已保存到：\n{file}\n（指纹 {fingerprint}）。请把它和口令分开，"
                    "离线保管；本机不保存恢复密钥。"
                ).format(file=recovery.recovery_file, fingerprint=recovery.recovery_fingerprint)
            )
        else:
            parts.append(
                self.tr(
                    "本机已连接中心服务器：您的记录在同步时上传到服务器，同事的记录同步到本机。"
                    "其他同事第一次在本机登录时需要连接服务器，以后断网也能登录。"
                )
            )
        self.text.setText("\n\n".join(parts))


class FirstRunWizard(QWizard):
    """The first-run wizard; ``session`` is the signed-in user once it is done."""

    def __init__(
        self,
        ctx: Context,
        parent: QWidget | None = None,
        *,
        transport: Any = None,
        argon2: Argon2Params = DEFAULT_ARGON2_PARAMS,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.transport = transport  # an httpx transport (tests)
        self.argon2 = argon2
        self.session: UserSession | None = None
        self.recovery: setup.AloneSetup | None = None
        self.setWindowTitle(self.tr("效能督查 — 首次使用"))
        self.setObjectName("first_run")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("上一步"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("下一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        self.mode_page = ModePage(self)
        self.profile_page = ProfilePage(self)
        self.server_page = ServerPage(self)
        self.office_page = OfficePage(self)
        self.recovery_page = RecoveryPage(self)
        self.done_page = DonePage(self)
        for page_id, page in (
            (PAGE_MODE, self.mode_page),
            (PAGE_PROFILE, self.profile_page),
            (PAGE_SERVER, self.server_page),
            (PAGE_OFFICE, self.office_page),
            (PAGE_RECOVERY, self.recovery_page),
            (PAGE_DONE, self.done_page),
        ):
            self.setPage(page_id, page)
        self.setStartId(PAGE_MODE)
        self.setMinimumSize(640, 520)
