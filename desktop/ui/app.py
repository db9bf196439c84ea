"""Starting the GUI: the application, its language, sign-in, the main window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialog

from desktop.services.auth import UserSession
from desktop.services.base import Context
from desktop.ui.i18n import install_translators, saved_language

ORGANISATION = "Xiaoneng"
APPLICATION = "Inspector"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (or the existing one), named so QSettings has a home."""
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName("效能督查")
    return app


def ask_unlock(ctx: Context, session: UserSession) -> bool:
    """The unlock dialog for an idle-locked session."""
    from desktop.ui.signin import SignInDialog

    return SignInDialog(ctx, locked=session).exec() == QDialog.DialogCode.Accepted


def run_app(ctx: Context) -> int:
    """Sign in, then the main window; returns the exit code."""
    app = make_application()
    install_translators(app, saved_language())
    from desktop.ui.main_window import MainWindow
    from desktop.ui.signin import SignInDialog

    dialog = SignInDialog(ctx)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.session is None:
        return 0
    window = MainWindow(ctx, dialog.session, unlock=lambda s: ask_unlock(ctx, s))
    window.show()
    return app.exec()
