"""同步 page, end to end against the real server (uvicorn on 127.0.0.1, SQLite):
pending counts, a sync in the background with the password asked on the page,
the last sync time, a conflict with what each side did and its resolve
buttons; errors (wrong password, server unreachable) shown on the page."""

from __future__ import annotations

import importlib.util
import re
import socket
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from argon2 import PasswordHasher
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import delete, select

from desktop.demo import DEMO_PASSWORD, Demo
from desktop.domain.common import Role
from desktop.services import plans, sync as sync_service
from desktop.services.auth import UserSession
from desktop.services.base import Context
from desktop.store.models import InspectionPlan, User
from desktop.sync.client import SyncClient
from desktop.sync.engine import sync_once
from desktop.sync.errors import SyncRefused
from desktop.ui.main_window import MainWindow
from desktop.ui.pages.sync import Page
from tests.gui.test_i18n import english as english  # the English translators (a fixture)

pytestmark = pytest.mark.gui


def _sync_support() -> ModuleType:
    """``tests/sync/support.py`` (the live server helper), loaded by path when
    a test runs: importing the ``server`` package while tests are collected
    would stop ``tests/server`` (imported as ``server`` under
    ``--import-mode=importlib``) from being collected."""
    name = "xiaoneng_sync_test_support"
    if name not in sys.modules:
        path = Path(__file__).resolve().parents[1] / "sync" / "support.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


Make = Callable[[str], MainWindow]
HANZI = re.compile(r"[\u4e00-\u9fff]")
OTHER_DEVICE = "0190a000-0000-7000-8000-0000000000ee"
WAIT_MS = 30_000


@pytest.fixture
def live_server(tmp_path: Path, ctx: Context, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The real server with the demo's people (same ids, roles, office)."""
    from server import accounts, security

    start_server = _sync_support().start_server
    monkeypatch.setattr(
        security, "hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    )
    monkeypatch.setattr(security, "_DUMMY_HASH", None)
    live = start_server(f"sqlite:///{tmp_path / 'server.db'}")
    with ctx.transaction() as db:
        people = [
            (u.id, u.username, u.display_name, sorted(u.role_names), u.office_id)
            for u in db.scalars(select(User))
        ]
    with live.app.state.sessions.begin() as db:
        for user_id, username, display, roles, office in people:
            accounts.create_user(
                db,
                username=username,
                display_name=display,
                password=DEMO_PASSWORD,
                roles=[Role(r) for r in roles],
                office_id=office,
                user_id=user_id,
            )
    try:
        yield live
    finally:
        live.stop()


def sync_page(main: MainWindow) -> Page:
    page = main.show_page("sync")
    assert isinstance(page, Page)
    return page


def click_sync(qtbot: QtBot, page: Page) -> None:
    page.sync_button.click()
    qtbot.waitUntil(lambda: not page.running, timeout=WAIT_MS)


def test_sync_page_syncs_and_shows_a_conflict_with_its_resolve_buttons(
    qtbot: QtBot,
    window: Make,
    ctx: Context,
    demo: Demo,
    login: Callable[[str], UserSession],
    live_server: Any,
) -> None:
    sync_service.set_server(ctx, login("admin"), live_server.url)
    main = window("wangjg")
    page = sync_page(main)
    # what waits: the demo's changes, by type; the address read-only here
    assert page.pending.text().startswith("待发送的更改：")
    assert "本人 " in page.pending.text() and "督查方案" in page.details.text()
    assert page.last_sync.text() == "上次同步：从未同步"
    assert page.server_url.text() == live_server.url and page.server_url.isReadOnly()
    assert not page.save_server_button.isVisibleTo(page)
    assert page.no_conflicts.isVisibleTo(page)

    # no password: asked for beside the field, nothing sent
    page.sync_button.click()
    assert not page.running and "密码" in page.sync_form.error_for("password")
    page.password.setText(DEMO_PASSWORD)
    progress: list[tuple[int, int]] = []
    page.progressed.connect(lambda done, total, _text: progress.append((done, total)))
    click_sync(qtbot, page)
    assert page.result.text().startswith("同步完成：发送 17 项"), page.error.text()
    assert "被服务器退回 0 项" in page.result.text()
    assert "已上传审计记录" in page.result.text()  # the trail and evidence follow the ops
    assert any(total > 0 and done == total for done, total in progress)  # pushing n/N
    assert page.last_sync.text().startswith("上次同步：20"), (page.result.text(), page.error.text())
    assert page.connection.text().startswith("已连接服务器")
    assert page.password.text() == "" and not page.password.isEnabled()
    assert page.progress.isHidden()

    # another laptop retitles the draft plan first; this laptop retitles it too
    draft = demo.plans["draft"]
    other = SyncClient(live_server.url, OTHER_DEVICE)
    chenj = other.login("chenj", DEMO_PASSWORD)
    stamp = f"{int(time.time() * 1000):013d}-0000-{OTHER_DEVICE}"
    (answer,) = other.push(
        [
            {
                "op_id": "0190a000-0000-7000-8000-00000000e001",
                "entity": "inspection_plans",
                "entity_id": draft,
                "action": "plan.update",
                "changes": {"title": "另一台电脑改的标题"},
                "base_version": 1,
                "hlc": stamp,
                "device_id": OTHER_DEVICE,
                "user_id": chenj.user_id,
            }
        ]
    )
    other.close()
    assert answer.outcome == "accepted"
    plans.update_plan(ctx, page.session, draft, title="本机改的标题")
    page.refresh()
    click_sync(qtbot, page)
    assert "被服务器退回 1 项" in page.result.text()

    # the conflict: what this laptop did, what the server said and has
    assert page.conflicts.rowCount() == 1 and page.conflicts.isVisibleTo(page)
    cells = [page.conflicts.item(0, c).text() for c in range(5)]
    assert cells[0].startswith("督查方案：")
    assert cells[1] == "修改督查方案"
    assert "本机改的标题" in cells[2]
    assert "已被其他人修改" in cells[3]
    assert "另一台电脑改的标题" in cells[4]
    (conflict,) = sync_service.sync_status(ctx, page.session).conflicts
    retry = page.conflicts.findChild(QPushButton, f"retry_{conflict.op_id}")
    discard = page.conflicts.findChild(QPushButton, f"discard_{conflict.op_id}")
    assert retry is not None and discard is not None
    assert retry.isEnabled() and discard.isEnabled()

    # dropping the local change asks first; "no" changes nothing
    asked: list[str] = []
    page.confirm = lambda text: bool(asked.append(text))
    discard.click()
    assert asked and page.conflicts.rowCount() == 1
    page.confirm = lambda text: True
    discard.click()
    assert page.conflicts.rowCount() == 0 and page.no_conflicts.isVisibleTo(page)
    assert page.result.text().startswith("已放弃本机更改")
    with ctx.transaction() as db:
        plan = db.get(InspectionPlan, draft)
        assert plan is not None and plan.title == "另一台电脑改的标题"
    main.close()


def test_wrong_password_and_unreachable_server_are_shown_on_the_page(
    qtbot: QtBot,
    window: Make,
    ctx: Context,
    login: Callable[[str], UserSession],
    live_server: Any,
) -> None:
    sync_service.set_server(ctx, login("admin"), live_server.url)
    main = window("zhengl")  # kept: the page lives as long as its window
    page = sync_page(main)
    page.password.setText("not the password")
    click_sync(qtbot, page)
    assert "用户名或密码错误" in page.error.text() and not page.error.isHidden()
    assert "用户名或密码错误" in page.sync_form.error_for("password")
    assert page.client is None and page.password.isEnabled()

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    sync_service.set_server(ctx, login("admin"), f"http://127.0.0.1:{port}")
    page.refresh()
    page.password.setText(DEMO_PASSWORD)
    click_sync(qtbot, page)
    assert "无法连接中心服务器" in page.error.text()
    assert "Traceback" not in page.error.text()
    assert "上次同步未完成" not in page.error.text()  # the message itself, once
    main.close()


def test_administrator_edits_the_address_and_the_interval_runs_a_timer(
    qtbot: QtBot,
    window: Make,
    ctx: Context,
    login: Callable[[str], UserSession],
    live_server: Any,
) -> None:
    main = window("admin")
    page = sync_page(main)
    assert not page.server_url.isReadOnly() and page.save_server_button.isVisibleTo(page)
    assert "未设置服务器地址" in page.server_note.text()
    assert not page.sync_button.isEnabled() and not page.timer.isActive()
    page.server_url.setText("xiaoneng.example")
    page.save_server_button.click()
    assert "http" in page.server_form.error_for("server_url")
    page.server_url.setText(live_server.url + "/")
    page.save_server_button.click()
    assert page.server_form.error_for("server_url") == ""
    assert sync_service.server_url(ctx) == live_server.url
    assert page.sync_button.isEnabled()
    page.interval.setValue(3)
    page.save_interval()
    assert sync_service.sync_interval(ctx) == 3
    assert page.timer.isActive() and page.timer.interval() == 3 * 60_000
    # the timer does not ask for a password: it waits for a first manual sync
    page.auto_sync()
    assert not page.running and "先输入密码" in page.result.text()
    page.password.setText(DEMO_PASSWORD)
    click_sync(qtbot, page)
    assert page.result.text().startswith("同步完成"), page.error.text()
    page.auto_sync()
    assert page.running
    qtbot.waitUntil(lambda: not page.running, timeout=WAIT_MS)
    assert page.result.text().startswith("同步完成"), page.error.text()
    main.close()


@pytest.mark.usefixtures("english")
def test_the_servers_reasons_show_in_english(
    qtbot: QtBot,
    window: Make,
    ctx: Context,
    login: Callable[[str], UserSession],
    live_server: Any,
) -> None:
    sync_service.set_server(ctx, login("admin"), live_server.url)
    main = window("wangjg")
    page = sync_page(main)
    # a push the server refuses as a whole: the last error, in English
    client = sync_service.connect(
        ctx, page.session, DEMO_PASSWORD, transport=_sync_support().OtherDevice()
    )
    with pytest.raises(SyncRefused):
        sync_once(ctx, page.session, client)
    client.close()
    page.refresh()
    assert page.error.text() == (
        "Last sync did not finish: The central server refused the request: This session was "
        "signed in on another device and cannot push for it (device_id)"
    )

    # the server took the user's roles away: the ops come back refused, in English
    from server.models import UserRole  # (not at collection: see _sync_support)

    with live_server.app.state.sessions.begin() as db:
        db.execute(delete(UserRole).where(UserRole.user_id == page.session.user_id))
    page.password.setText(DEMO_PASSWORD)
    click_sync(qtbot, page)
    assert page.conflicts.rowCount() >= 1
    reason = page.conflicts.item(0, 3).text()
    assert "The current user's roles (none) may not do " in reason, reason
    assert not HANZI.search(reason), reason
    main.close()
