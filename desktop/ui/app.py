"""Starting the GUI: the application, its language, sign-in, the main window.

The sign-in dialog shows first, at once; the store (migrations, calendar,
profile, demo data on a first ``--demo`` run) opens in the background
meanwhile, so the window is usable as fast as an empty Qt window. On a store
nobody can sign in to yet (and not ``--demo``), the first-run wizard takes
the dialog's place as soon as the store is open, and the main window opens
with the user it signed in.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialog

from desktop.ui.i18n import install_translators, saved_language
from desktop.ui.signin import NEEDS_SETUP, SignInDialog
from desktop.ui.worker import Progress, error_text, run_in_background

if TYPE_CHECKING:
    from desktop.services.auth import UserSession
    from desktop.services.base import Context

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
    return SignInDialog(ctx, locked=session).exec() == QDialog.DialogCode.Accepted


def open_in_background(
    dialog: SignInDialog, data_dir: Path | None, profile_id: str | None, demo: bool
) -> None:
    """Open the store while the user types; the dialog enables signing in after."""

    def work(progress: Progress) -> tuple[Context, bool]:
        from desktop.bootstrap import open_context
        from desktop.services.setup import needs_setup

        ctx = open_context(data_dir, profile_id)
        if demo:
            from desktop.demo import ensure_demo

            progress.update(0, 0, QCoreApplication.translate("SignInDialog", "正在准备演示数据……"))
            ensure_demo(ctx)
        # While the person types: load the main window's code and its first
        # page too, so that signing in only has to build them (bench/ui.py).
        for module in ("desktop.ui.main_window", "desktop.ui.pages.dashboard"):
            importlib.import_module(module)
        return ctx, not demo and needs_setup(ctx)

    def opened(result: tuple[Context, bool]) -> None:
        ctx, first_run = result
        if first_run:
            dialog.hand_over_to_setup(ctx)
        else:
            dialog.set_context(ctx)

    run_in_background(
        dialog,
        work,
        label="",
        on_done=opened,
        on_error=lambda exc: dialog.show_failure(error_text(exc)),
        show_dialog=False,
    )


def first_run(ctx: Context) -> UserSession | None:
    """The first-run wizard; the signed-in user once the laptop is set up."""
    from desktop.ui.dialogs.firstrun import FirstRunWizard

    wizard = FirstRunWizard(ctx)
    wizard.exec()
    return wizard.session


def run_app(data_dir: Path | None, profile_id: str | None, demo: bool) -> int:
    """Sign in, then the main window; returns the exit code."""
    app = make_application()
    install_translators(app, saved_language())
    app.setApplicationDisplayName(QCoreApplication.translate("SignInDialog", "效能督查"))
    dialog = SignInDialog(None)
    open_in_background(dialog, data_dir, profile_id, demo)
    result = dialog.exec()
    ctx = dialog.ctx
    session = dialog.session
    if result == NEEDS_SETUP and ctx is not None:
        session = first_run(ctx)
    elif result != QDialog.DialogCode.Accepted:
        return 0
    if ctx is None or session is None:
        return 0
    from desktop.ui.main_window import MainWindow

    window = MainWindow(ctx, session, unlock=lambda s: ask_unlock(ctx, s))
    window.show()
    return app.exec()
