"""The main window: pages offered by role, window state remembered, idle lock."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from desktop.services.base import Context
from desktop.ui.main_window import MainWindow
from desktop.ui.signin import SignInDialog

from .conftest import Clock

Make = Callable[[str], MainWindow]


def test_pages_offered_by_role(window: Make) -> None:
    assert window("wangjg").page_keys() == [
        "dashboard",
        "plans",
        "visits",
        "decisions",
        "documents",
        "sync",
        "settings",
    ]
    assert window("zhengl").page_keys() == [
        "dashboard",
        "complaints",
        "decisions",
        "documents",
        "sync",
        "settings",
    ]
    assert window("admin").page_keys() == ["dashboard", "sync", "settings"]


def test_sign_in_dialog_shows_the_error_beside_the_password(qtbot: QtBot, ctx: Context) -> None:
    dialog = SignInDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.username.setText("zhengl")
    dialog.password.setText("wrong")
    dialog.submit()
    assert dialog.session is None
    assert dialog.form.error_for("password") == "用户名或密码错误"
    assert dialog.username.text() == "zhengl"  # nothing the user typed is lost
    dialog.password.setText("xiaoneng2026")
    dialog.submit()
    assert dialog.session is not None and dialog.session.username == "zhengl"


def test_settings_page_and_state_remembered(window: Make) -> None:
    main = window("admin")
    main.show_page("settings")
    main.resize(760, 560)
    main.close()
    again = window("admin")
    assert again.nav.currentRow() == again.page_keys().index("settings")
    assert again.size().width() == 760


def test_idle_lock_asks_for_the_password(window: Make, ctx: Context, clock: Clock) -> None:
    asked = []
    main = window("wangjg")
    main.unlock = lambda session: asked.append(session.username) or True
    clock.now = clock.now.replace(hour=clock.now.hour + 1)
    main.check_lock()
    assert asked == ["wangjg"]
    assert main.session.locked


def test_sign_in_window_comes_first_and_waits_for_the_store(qtbot: QtBot, ctx: Context) -> None:
    dialog = SignInDialog(None)  # shown before the store is open
    qtbot.addWidget(dialog)
    assert not dialog.ok.isEnabled()
    assert "正在打开" in dialog.subtitle.text()
    dialog.username.setText("wangjg")
    dialog.password.setText("xiaoneng2026")
    dialog.submit()  # nothing happens yet
    assert dialog.session is None
    dialog.set_context(ctx)
    assert dialog.ok.isEnabled() and dialog.subtitle.text() == ctx.profile.name
    dialog.submit()
    assert dialog.session is not None and dialog.session.username == "wangjg"


def test_a_store_that_cannot_open_is_explained(qtbot: QtBot) -> None:
    dialog = SignInDialog(None)
    qtbot.addWidget(dialog)
    dialog.show_failure("无法打开数据文件夹：权限不足")
    assert dialog.subtitle.text() == "无法打开数据文件夹：权限不足"
    assert not dialog.ok.isEnabled()
