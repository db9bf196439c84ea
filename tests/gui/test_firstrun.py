"""The first-run wizard (issue 7): working alone and joining a real server
(uvicorn on a socket, SQLite), bad input shown beside its field with nothing
written, and the app showing the wizard instead of the sign-in dialog on a
fresh store."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool
from PySide6.QtWidgets import QDialog, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.domain.common import Role
from desktop.resources import load_profile
from desktop.services import auth, setup, sync
from desktop.services.base import Context, ServiceError
from desktop.store.db import open_store
from desktop.store.models import AuditEntry
from desktop.ui.app import open_in_background
from desktop.ui.dialogs.firstrun import PAGE_DONE, PAGE_OFFICE, PAGE_SERVER, FirstRunWizard
from desktop.ui.signin import NEEDS_SETUP, SignInDialog
from server import accounts, security
from tests.accounts import FAST_ARGON2
from tests.sync.support import LiveServer, start_server

PASSWORD = "first run 2026"
PASSPHRASE = "kept in the office safe"
DEVICE = "0190a000-0000-7000-8000-0000000000e1"


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    cheap = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    monkeypatch.setattr(auth, "_hasher", cheap)
    monkeypatch.setattr(security, "hasher", cheap)
    monkeypatch.setattr(security, "_DUMMY_HASH", None)


@pytest.fixture(autouse=True)
def settle(qtbot: QtBot) -> Iterator[None]:
    """Each test ends with its background work done and its finished tasks
    deleted, and leftover cycles collected here on the GUI thread (not by a
    collection that happens to run on a worker or server thread)."""
    yield
    pool = QThreadPool.globalInstance()
    qtbot.waitUntil(lambda: pool.activeThreadCount() == 0, timeout=15000)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Context]:
    store = open_store(tmp_path / "data")
    yield Context(store, DEVICE, load_profile("fujian-2024"))
    store.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    live = start_server(f"sqlite:///{tmp_path / 'server.db'}")
    try:
        with live.app.state.sessions.begin() as db:
            for name, roles in (("f_admin", (Role.ADMINISTRATOR,)), ("f_insp", (Role.INSPECTOR,))):
                accounts.create_user(
                    db, username=name, display_name="王管理", password=PASSWORD, roles=roles
                )
        yield live
    finally:
        live.stop()


def wizard_for(qtbot: QtBot, ctx: Context, alone: bool) -> FirstRunWizard:
    wizard = FirstRunWizard(ctx, argon2=FAST_ARGON2)
    qtbot.addWidget(wizard)
    wizard.show()
    (wizard.mode_page.alone if alone else wizard.mode_page.server).setChecked(True)
    wizard.next()  # -> profile
    wizard.profile_page.profile.setCurrentIndex(
        wizard.profile_page.profile.findData("maanshan-2005")
    )
    wizard.next()
    assert wizard.currentId() == (PAGE_OFFICE if alone else PAGE_SERVER)
    return wizard


def fill_office(wizard: FirstRunWizard, again: str = PASSWORD) -> None:
    page = wizard.office_page
    page.office_name.setText("马鞍山市效能办")
    page.username.setText("chief")
    page.display_name.setText("陈主任")
    page.password.setText(PASSWORD)
    page.password_again.setText(again)


def nothing_written(ctx: Context) -> bool:
    with ctx.read() as conn:
        audit = conn.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    return setup.needs_setup(ctx) and audit == 0


def test_work_alone(qtbot: QtBot, fresh: Context, tmp_path: Path) -> None:
    wizard = wizard_for(qtbot, fresh, alone=True)
    fill_office(wizard)
    wizard.next()
    page = wizard.recovery_page
    target = tmp_path / "usb" / "recovery.txt"
    target.parent.mkdir()
    page.path.setText(str(target))
    page.passphrase.setText(PASSPHRASE)
    page.passphrase_again.setText(PASSPHRASE)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_DONE, timeout=10000)
    assert wizard.session is not None and wizard.session.username == "chief"
    assert wizard.session.roles == {Role.ADMINISTRATOR, Role.COMPLAINT_HANDLER}
    assert wizard.session.blind_indexer is not None
    text = wizard.done_page.text.text()
    assert str(fresh.store.data_dir) in text and "设置 → 备份与恢复" in text
    assert str(target) in text
    assert fresh.profile.id == "maanshan-2005"
    assert not setup.needs_setup(fresh)
    key = setup.read_recovery_key(target.read_text(encoding="utf-8"), PASSPHRASE)
    assert setup.armour_recovery_key(key, "x", "x").count("Fingerprint") == 1
    assert auth.sign_in(fresh, "chief", PASSWORD).display_name == "陈主任"
    wizard.accept()


def test_alone_bad_input_is_shown_beside_the_field(
    qtbot: QtBot, fresh: Context, tmp_path: Path
) -> None:
    wizard = wizard_for(qtbot, fresh, alone=True)
    fill_office(wizard, again="something else")
    wizard.next()
    assert wizard.currentId() == PAGE_OFFICE
    assert wizard.office_page.form.error_for("password_again") == "两次输入的密码不一致"
    wizard.office_page.password_again.setText(PASSWORD)
    wizard.next()
    page = wizard.recovery_page
    page.path.setText(str(fresh.store.data_dir / "recovery.txt"))
    page.passphrase.setText(PASSPHRASE)
    page.passphrase_again.setText(PASSPHRASE)
    wizard.next()
    assert "数据文件夹" in page.form.error_for("recovery_file")
    page.path.setText(str(tmp_path / "recovery.txt"))
    page.passphrase_again.setText("not the same passphrase")
    wizard.next()
    assert page.form.error_for("passphrase_again") == "两次输入的口令不一致"
    page.passphrase.setText(PASSWORD)
    page.passphrase_again.setText(PASSWORD)
    wizard.next()
    qtbot.waitUntil(lambda: not page.busy, timeout=10000)
    assert "不能与管理员密码相同" in page.form.error_for("passphrase")
    assert wizard.currentId() != PAGE_DONE
    assert nothing_written(fresh) and not (tmp_path / "recovery.txt").exists()


def test_with_a_server(qtbot: QtBot, fresh: Context, server: LiveServer) -> None:
    wizard = wizard_for(qtbot, fresh, alone=False)
    page = wizard.server_page
    page.url.setText(server.url)
    page.username.setText("f_admin")
    page.password.setText(PASSWORD)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_DONE, timeout=10000)
    assert wizard.session is not None and wizard.session.username == "f_admin"
    assert sync.server_url(fresh) == server.url
    assert "中心服务器" in wizard.done_page.text.text()
    wizard.accept()
    # another user of the office signs in on this laptop: online the first time
    dialog = SignInDialog(fresh)
    qtbot.addWidget(dialog)
    dialog.username.setText("f_insp")
    dialog.password.setText(PASSWORD)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10000)
    assert dialog.session is not None and dialog.session.roles == {Role.INSPECTOR}
    server.stop()
    assert auth.sign_in(fresh, "f_insp", PASSWORD).username == "f_insp"  # offline now


def test_server_errors_are_shown_beside_the_field(
    qtbot: QtBot, fresh: Context, server: LiveServer
) -> None:
    wizard = wizard_for(qtbot, fresh, alone=False)
    page = wizard.server_page
    page.url.setText("http://127.0.0.1:9")
    page.username.setText("f_admin")
    page.password.setText(PASSWORD)
    wizard.next()
    qtbot.waitUntil(lambda: bool(page.form.error_for("server_url")), timeout=15000)
    assert "无法连接中心服务器" in page.form.error_for("server_url")
    page.url.setText("ftp://nowhere")
    wizard.next()
    assert "http://" in page.form.error_for("server_url")
    page.url.setText(server.url)
    page.password.setText("wrong password")
    wizard.next()
    qtbot.waitUntil(lambda: bool(page.form.error_for("password")), timeout=10000)
    assert "用户名或密码错误" in page.form.error_for("password")
    assert wizard.currentId() == PAGE_SERVER
    assert nothing_written(fresh) and sync.server_url(fresh) == ""


def test_a_fresh_store_shows_the_wizard_instead_of_signing_in(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SignInDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    open_in_background(dialog, tmp_path / "new", None, demo=False)
    qtbot.waitUntil(lambda: dialog.result() == NEEDS_SETUP, timeout=15000)
    assert dialog.ctx is not None and setup.needs_setup(dialog.ctx)
    wizard = FirstRunWizard(dialog.ctx)
    qtbot.addWidget(wizard)
    assert wizard.startId() == 0 and wizard.wizardStyle() == QWizard.WizardStyle.ClassicStyle
    dialog.ctx.store.close()


def test_setting_up_alone_writes_all_or_nothing(fresh: Context, tmp_path: Path) -> None:
    """The service under the wizard: a key file that cannot be written leaves
    nothing behind; a laptop set up once is not set up again."""
    options: dict[str, Any] = {
        "profile_id": "fujian-2024",
        "office_name": "福州市效能办",
        "office_level": 2,
        "username": "chief",
        "display_name": "陈主任",
        "password": PASSWORD,
        "password_again": PASSWORD,
        "passphrase": PASSPHRASE,
        "passphrase_again": PASSPHRASE,
        "argon2": FAST_ARGON2,
    }
    unwritable = Path("/proc/xiaoneng-recovery.txt")  # even root cannot create files there
    with pytest.raises(ServiceError) as refused:
        setup.set_up_alone(fresh, recovery_file=unwritable, **options)
    assert refused.value.field == "recovery_file"
    assert nothing_written(fresh)
    done = setup.set_up_alone(fresh, recovery_file=tmp_path / "key.txt", **options)
    assert done.session.username == "chief" and done.recovery_file.exists()
    with pytest.raises(ServiceError) as again:
        setup.set_up_alone(fresh, recovery_file=tmp_path / "key2.txt", **options)
    assert again.value.code == "setup.done" and not (tmp_path / "key2.txt").exists()
