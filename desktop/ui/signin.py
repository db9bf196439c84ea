"""The sign-in dialog (登录) and the unlock dialog after an idle lock."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services import auth
from desktop.services.auth import UserSession
from desktop.services.base import Context, ServiceError
from desktop.ui.fields import FieldForm


class SignInDialog(QDialog):
    """Username and password; a wrong one shows its message beside the password."""

    def __init__(
        self, ctx: Context, parent: QWidget | None = None, locked: UserSession | None = None
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
        subtitle = QLabel(ctx.profile.name, self)
        subtitle.setStyleSheet("color: #555;")
        layout.addWidget(subtitle)
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
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("登录") if locked is None else self.tr("解锁")
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        (self.password if locked is not None else self.username).setFocus()

    def submit(self) -> None:
        """Sign in (or unlock); on failure keep the dialog open with the message."""
        try:
            if self.locked is not None:
                auth.unlock(self.ctx, self.locked, self.password.text())
                self.session = self.locked
            else:
                self.session = auth.sign_in(self.ctx, self.username.text(), self.password.text())
        except ServiceError as exc:
            self.password.clear()
            self.form.show_error(exc)
            return
        self.accept()
