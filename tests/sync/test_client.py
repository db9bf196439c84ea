"""The sync client's errors (Chinese, never a traceback, never a secret in the
log), the server address setting, and records a laptop cannot write yet."""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import Callable

import httpx
import pytest
from sqlalchemy import text

from desktop.services import plans, sync as sync_service
from desktop.services.base import Forbidden, InvalidInput
from desktop.store.models import InspectionPlan, SyncRecord
from desktop.sync.client import SyncClient
from desktop.sync.engine import sync_once
from desktop.sync.errors import (
    SyncAuthFailed,
    SyncProtocolError,
    SyncRefused,
    SyncSessionExpired,
    SyncUnavailable,
)
from tests.accounts import PASSWORD

from .support import DEVICE_A, Laptop, LiveServer
from .test_two_laptops import new_plan, same_everywhere

MakeLaptop = Callable[[str], Laptop]
LOGIN = {
    "token": "t" * 43,
    "token_type": "bearer",
    "expires_at": "2026-11-27T00:00:00+00:00",
    "user": {
        "user_id": "u1",
        "username": "someone",
        "display_name": "someone",
        "roles": ["inspector"],
        "office_id": None,
        "device_id": DEVICE_A,
        "session_expires_at": "2026-11-27T00:00:00+00:00",
        "has_public_key": False,
    },
}


def mock(handler: Callable[[httpx.Request], httpx.Response]) -> SyncClient:
    return SyncClient("http://sync.test/", DEVICE_A, transport=httpx.MockTransport(handler))


def answer(
    status: int, body: object, login_status: int = 200
) -> Callable[[httpx.Request], httpx.Response]:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/auth/login":
            return httpx.Response(login_status, json=LOGIN if login_status == 200 else body)
        return httpx.Response(status, json=body)

    return handle


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_an_unreachable_server_is_a_clear_error() -> None:
    client = SyncClient(f"http://127.0.0.1:{closed_port()}", DEVICE_A, connect_timeout=2)
    with pytest.raises(SyncUnavailable) as caught:
        client.login("someone", "secret password")
    assert "无法连接中心服务器" in caught.value.message
    assert "本机的更改都还在" in caught.value.message


def test_a_timeout_is_a_clear_error() -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("too slow", request=request)

    with pytest.raises(SyncUnavailable, match="没有及时响应"):
        mock(slow).login("someone", "pw")


@pytest.mark.parametrize(
    ("status", "error", "words"),
    [
        (500, SyncUnavailable, "暂时不可用"),
        (503, SyncUnavailable, "暂时不可用"),
        (403, SyncRefused, "设备已停用"),
        (422, SyncRefused, "设备已停用"),
        (401, SyncSessionExpired, "会话已过期"),
    ],
)
def test_server_refusals_become_sync_errors(
    status: int, error: type[Exception], words: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client = mock(answer(status, {"error": "x", "reason": "设备已停用"}))
    client.login("someone", "secret password 9")
    with pytest.raises(error, match=words):
        client.pull(0)
    logs = "\n".join(r.getMessage() for r in caplog.records)
    assert "secret password 9" not in logs and "t" * 43 not in logs
    assert "t" * 43 not in repr(client)


def test_a_wrong_password_and_a_broken_answer() -> None:
    with pytest.raises(SyncAuthFailed, match="用户名或密码错误") as caught:
        mock(answer(401, {"error": "auth.sign_in_failed", "reason": "x"}, 401)).login("a", "b")
    assert caught.value.field == "password"
    broken = mock(lambda r: httpx.Response(200, content=b"<html>"))
    with pytest.raises(SyncProtocolError):
        broken.login("a", "b")
    client = mock(answer(200, {"ops": [{"seq": "x"}], "next": 1, "more": False}))
    client.login("a", "b")
    with pytest.raises(SyncProtocolError):
        client.pull(0)
    going_back = mock(answer(200, {"ops": [], "next": 0, "more": False}))
    going_back.login("a", "b")
    with pytest.raises(SyncProtocolError):
        going_back.pull(5)


def test_push_sends_the_device_and_the_ops() -> None:
    seen: list[dict[str, object]] = []

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/auth/login":
            return httpx.Response(200, json=LOGIN)
        assert request.headers["authorization"] == "Bearer " + "t" * 43
        body = json.loads(request.content)
        seen.append(body)
        return httpx.Response(
            200,
            json={
                "results": [
                    {
                        "op_id": op["op_id"],
                        "status": "accepted",
                        "code": "",
                        "reason": "",
                        "seq": 7,
                        "version": 1,
                    }
                    for op in body["ops"]
                ]
            },
        )

    client = mock(handle)
    with pytest.raises(SyncSessionExpired):
        client.push([])
    client.login("a", "b")
    (result,) = client.push([{"op_id": "x1"}])
    assert (result.outcome, result.seq, result.version) == ("accepted", 7, 1)
    assert seen[0]["device_id"] == DEVICE_A


# --------------------------------------------------------- the server address


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_only_administrators_set_the_server_address(
    live_server: LiveServer, make_laptop: MakeLaptop
) -> None:
    a = make_laptop("a")
    admin, insp = a.login("s_admin"), a.login("s_insp_a")
    for bad in ("ftp://x.example", "xiaoneng.example", "http://u:p@x.example", "http://x/?a=1"):
        with pytest.raises(InvalidInput) as caught:
            sync_service.set_server(a.ctx, admin, bad)
        assert caught.value.field == "server_url"
    with pytest.raises(Forbidden):
        sync_service.set_server(a.ctx, insp, "https://other.example")
    assert sync_service.set_server(a.ctx, admin, " https://x.example:8443/ ") == (
        "https://x.example:8443"
    )
    assert sync_service.sync_status(a.ctx, insp).server_url == "https://x.example:8443"
    with pytest.raises(InvalidInput):
        sync_service.set_sync_interval(a.ctx, insp, -1)
    sync_service.set_sync_interval(a.ctx, insp, 5)
    assert sync_service.sync_interval(a.ctx) == 5


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_wrong_password_against_the_real_server(
    live_server: LiveServer, make_laptop: MakeLaptop
) -> None:
    a = make_laptop("a")
    with pytest.raises(SyncAuthFailed):
        sync_service.connect(a.ctx, a.login("s_insp_a"), "not the password")
    with pytest.raises(InvalidInput):
        sync_service.connect(a.ctx, a.login("s_insp_a"), "")
    client = sync_service.connect(a.ctx, a.login("s_insp_a"), PASSWORD)
    # another user's client cannot sync this user's ops
    with pytest.raises(SyncRefused):
        sync_service.run_sync(a.ctx, a.login("s_sup"), client)
    client.close()


# ------------------------------------------------- records not writable yet


def test_a_record_this_laptop_cannot_write_yet_is_kept_and_written_later(
    live_server: LiveServer, make_laptop: MakeLaptop
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    plan_id = new_plan(a)
    plans.submit_plan(a.ctx, a.login("s_insp_a"), plan_id)
    a.sync("s_insp_a")
    # B does not know the plan's author yet
    author = a.office.users["s_insp_a"]
    b.login("s_sup")
    with b.ctx.store.engine.begin() as conn:
        user = (
            conn.execute(text("SELECT * FROM users WHERE id = :i"), {"i": author}).mappings().one()
        )
        roles = (
            conn.execute(text("SELECT * FROM user_roles WHERE user_id = :i"), {"i": author})
            .mappings()
            .all()
        )
        conn.execute(text("DELETE FROM user_roles WHERE user_id = :i"), {"i": author})
        conn.execute(text("DELETE FROM users WHERE id = :i"), {"i": author})
    # the engine alone: run_sync's directory refresh would bring the user back first
    report = sync_once(b.ctx, b.login("s_sup"), b.client("s_sup"))
    # B's first sync: the plan as the server has it now (its two ops are in it)
    assert report.pulled == 1 and report.parked == 1
    with b.ctx.transaction() as db:
        assert db.get(InspectionPlan, plan_id) is None
        shadow = db.get(SyncRecord, ("inspection_plans", plan_id))
        assert shadow is not None and "本机没有" in shadow.problem
    # the user is added to the laptop: the next sync writes the plan
    with b.ctx.store.engine.begin() as conn:
        columns = ", ".join(user.keys())
        values = ", ".join(f":{k}" for k in user)
        conn.execute(text(f"INSERT INTO users ({columns}) VALUES ({values})"), dict(user))
        for role in roles:
            conn.execute(text("INSERT INTO user_roles VALUES (:user_id, :role)"), dict(role))
    report = b.sync("s_sup")
    assert report.pulled == 0 and report.parked == 0
    with b.ctx.transaction() as db:
        plan = db.get(InspectionPlan, plan_id)
        assert plan is not None and (plan.state, plan.version) == ("submitted", 2)
    same_everywhere(live_server, ("inspection_plans",), a, b)
