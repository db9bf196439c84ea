"""The sign-in dialog (登录) and the unlock dialog after an idle lock.

The dialog is the app's first window and appears at once: it imports only
Qt and the light modules, and may be shown before the store is open
(``ctx=None``). The store, the calendar and the services load meanwhile in
the background; :meth:`SignInDialog.set_context` enables signing in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.errors import ServiceError
from desktop.ui.fields import FieldForm
from desktop.ui.i18n import tr_data
from desktop.ui.worker import run_in_background

if TYPE_CHECKING:
    from desktop.services.auth import UserSession
    from desktop.services.base import Context


#: The dialog's result when the laptop needs its first-run setup.
NEEDS_SETUP = 2


class SignInDialog(QDialog):
    """Username and password; a wrong one shows its message beside the password."""

    def __init__(
        self,
        ctx: Context | None,
        parent: QWidget | None = None,
        locked: UserSession | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.locked = locked
        self.session: UserSession | None = None
        self.setWindowTitle(self.tr("效能督查 — 登录") if locked is None else self.tr("会话已锁定"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        title = QLabel(self.tr("效能督查"), self)
        title.setObjectName("signin_title")
        title.setStyleSheet("font-size: 20pt; font-weight: bold; color: #b22222;")
        layout.addWidget(title)
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("signin_status")
        self.subtitle.setStyleSheet("color: #555;")
        layout.addWidget(self.subtitle)
        if locked is not None:
            note = QLabel(
                self.tr("长时间未操作，会话已锁定。请 {name} 输入密码继续。").format(
                    name=locked.display_name
                ),
                self,
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        self.form = FieldForm(self)
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.add("username", self.tr("用户名"), self.username)
        self.form.add("password", self.tr("密码"), self.password)
        if locked is not None:
            self.username.setText(locked.username)
            self.username.setEnabled(False)
        layout.addWidget(self.form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
            parent=self,
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("登录") if locked is None else self.tr("解锁"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        (self.password if locked is not None else self.username).setFocus()
        if ctx is None:
            self.subtitle.setText(self.tr("正在打开本机数据……"))
            self.ok.setEnabled(False)
        else:
            self.set_context(ctx)

    def hand_over_to_setup(self, ctx: Context) -> None:
        """The store is open and nobody can sign in yet: close with
        :data:`NEEDS_SETUP` so the first-run wizard shows instead."""
        self.ctx = ctx
        # after the background task that calls this has finished and gone
        QTimer.singleShot(0, self, lambda: self.done(NEEDS_SETUP))

    def set_context(self, ctx: Context) -> None:
        """The store is open: show the rule profile and allow signing in."""
        self.ctx = ctx
        self.subtitle.setText(tr_data(ctx.profile.name))
        self.ok.setEnabled(True)

    def show_failure(self, message: str) -> None:
        """Opening the store failed: say why; signing in stays off."""
        self.subtitle.setText(message)
        self.subtitle.setStyleSheet("color: #b00020;")

    def submit(self) -> None:
        """Sign in (or unlock); on failure keep the dialog open with the message."""
        if self.ctx is None:
            return
        from desktop.services import auth

        try:
            if self.locked is not None:
                auth.unlock(self.ctx, self.locked, self.password.text())
                self.session = self.locked
            else:
                self.session = auth.sign_in(self.ctx, self.username.text(), self.password.text())
        except ServiceError as exc:
            if self.locked is None and self._sign_in_online(exc):
                return
            self.password.clear()
            self.form.show_error(exc)
            return
        self.accept()

    def _sign_in_online(self, refusal: ServiceError) -> bool:
        """A directory user's first sign-in on this laptop (or a handler not yet
        granted the blind-index key here) goes to the central server, in the
        background. Whether it went."""
        from desktop.services import auth, enrol, sync

        assert self.ctx is not None
        ctx, username, password = self.ctx, self.username.text(), self.password.text()
        url = enrol.online_sign_in_needed(ctx, username)
        if not url and refusal.code == auth.NOT_GRANTED:
            url = sync.server_url(ctx)
        if not url or not password:
            return False
        self.form.clear_errors()
        self.ok.setEnabled(False)
        self.subtitle.setText(self.tr("正在通过中心服务器验证……"))

        def signed_in(session: object) -> None:
            assert isinstance(session, auth.UserSession)
            self.session = session
            QTimer.singleShot(0, self, self.accept)  # once the background task has gone

        def failed(exc: BaseException) -> None:
            self.ok.setEnabled(True)
            self.subtitle.setText(tr_data(ctx.profile.name))
            self.password.clear()
            self.form.show_error(exc)

        run_in_background(
            self,
            lambda _progress: enrol.enrol_with_server(ctx, url, username, password),
            label=self.tr("正在通过中心服务器验证……"),
            on_done=signed_in,
            on_error=failed,
        )
        return True
