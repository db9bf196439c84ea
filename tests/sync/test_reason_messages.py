"""The server's reasons come back to the laptop as Messages (to be shown in the UI's
language): a refused op's reason in the conflict list, a refused request in the
last sync error; a malformed ``message`` from a server is ignored, the reason
text staying what the server sent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import delete
from sqlalchemy.orm import Session

from desktop.domain.messages import Message
from desktop.services import sync as sync_service
from desktop.sync.engine import sync_once
from desktop.sync.errors import SyncRefused
from desktop.sync.protocol import OpResult, with_message
from server.models import UserRole

from .support import Laptop, LiveServer, OtherDevice
from .test_client import answer, mock
from .test_two_laptops import new_plan

MakeLaptop = Callable[[str], Laptop]
ROLE_REFUSED = "当前用户的角色（{have}）无权执行 {action}（需要：{need}）"


def test_a_refused_ops_reason_comes_back_as_a_message(
    live_server: LiveServer, make_laptop: MakeLaptop
) -> None:
    a = make_laptop("a")
    new_plan(a)
    user_id = a.office.users["s_insp_a"]
    with Session(live_server.engine) as db, db.begin():  # the server took the role away
        db.execute(delete(UserRole).where(UserRole.user_id == user_id))
    assert a.sync("s_insp_a").rejected == 1

    (op,) = [o for o in a.outbox() if o.status == "rejected"]
    assert op.reason_message is not None and op.reason_message["template"] == ROLE_REFUSED
    (conflict,) = sync_service.sync_status(a.ctx, a.login("s_insp_a")).conflicts
    assert isinstance(conflict.reason, Message)
    assert conflict.reason.template == "{explanation}（{reason}）"  # the laptop's words first
    server_reason = conflict.reason.values["reason"]
    assert isinstance(server_reason, Message) and server_reason.template == ROLE_REFUSED
    assert server_reason == op.reason  # the Chinese text as the server sent it
    assert server_reason.values["action"] == "plan.create"


def test_a_refused_request_is_the_last_error_as_a_message(
    live_server: LiveServer, make_laptop: MakeLaptop
) -> None:
    a = make_laptop("a")
    new_plan(a)
    session = a.login("s_insp_a")
    client = a.client("s_insp_a", transport=OtherDevice())
    with pytest.raises(SyncRefused) as caught:
        sync_once(a.ctx, session, client)
    refused = caught.value.message
    assert isinstance(refused, Message)
    server_reason = refused.values["reason"]
    assert isinstance(server_reason, Message)
    assert server_reason.template == "该会话是在另一台设备上登录的，不能代其推送（device_id）"

    last_error = sync_service.sync_status(a.ctx, session).last_error
    assert isinstance(last_error, Message) and last_error == refused
    assert last_error.values["reason"] == server_reason
    assert isinstance(last_error.values["reason"], Message)
    # a sync that completes clears it
    a.sync("s_insp_a")
    assert sync_service.sync_status(a.ctx, session).last_error == ""


# ------------------------------------------------------- what a server may send


GOOD = {"template": "缺少字段：{fields}", "values": {"fields": "title"}}
NESTED = {
    "template": "{reasons}；{reason}",
    "values": {
        "reasons": {"template": "缺少字段：{fields}", "values": {"fields": "title"}},
        "reason": {"template": "延期次数应为 {count}", "values": {"count": 2}},
    },
}
MALFORMED: list[Any] = [
    None,
    "缺少字段：title",
    [],
    {"template": "缺少字段：{fields}"},
    {"template": 3, "values": {}},
    {"template": "缺少字段：{fields}", "values": []},
    {"template": "缺少字段：{fields}", "values": {"fields": ["title"]}},
    {"template": "缺少字段：{fields}", "values": {"other": "title"}},
    {"template": "缺少字段：{fields.upper}", "values": {"fields": "title"}},
    {"template": "缺少字段：{fields[0]}", "values": {"fields": "title"}},
    {"template": "缺少字段：{0}", "values": {"fields": "title"}},
    {"template": "缺少字段：{fields:{fields}}", "values": {"fields": "title"}},
    {"template": "缺少字段：{fields", "values": {"fields": "title"}},
    {"template": "缺少字段：{fields}", "values": {"fields": "body"}},  # not the reason sent
    {"template": "缺少字段：{fields}", "values": {"fields": {"template": 1, "values": {}}}},
    {"template": "缺少字段：{fields:d}", "values": {"fields": "title"}},
]


def result(message: Any, reason: str = "缺少字段：title") -> dict[str, Any]:
    return {
        "op_id": "x1",
        "status": "rejected",
        "code": "op.missing_field",
        "reason": reason,
        "message": message,
        "seq": None,
        "version": None,
    }


def test_a_well_formed_message_is_read_back() -> None:
    reason = OpResult.parse(result(GOOD)).reason
    assert isinstance(reason, Message) and reason == "缺少字段：title"
    assert (reason.template, reason.values) == ("缺少字段：{fields}", {"fields": "title"})
    nested = OpResult.parse(result(NESTED, "缺少字段：title；延期次数应为 2")).reason
    assert isinstance(nested, Message)
    assert isinstance(nested.values["reason"], Message)
    assert nested.values["reason"].values == {"count": 2}


@pytest.mark.parametrize("message", MALFORMED)
def test_a_malformed_message_is_ignored(message: Any) -> None:
    reason = OpResult.parse(result(message)).reason
    assert reason == "缺少字段：title" and not isinstance(reason, Message)
    assert with_message("缺少字段：title", message) == "缺少字段：title"


def test_too_deep_a_message_is_ignored() -> None:
    deep: dict[str, Any] = {"template": "x", "values": {}}
    for _ in range(20):
        deep = {"template": "{inner}", "values": {"inner": deep}}
    assert not isinstance(with_message("x", deep), Message)


@pytest.mark.parametrize("message", [GOOD, *MALFORMED])
def test_an_error_bodys_message_is_read_back_or_ignored(message: Any) -> None:
    body = {"error": "op.missing_field", "reason": "缺少字段：title", "message": message}
    client = mock(answer(422, body))
    client.login("someone", "secret password")
    with pytest.raises(SyncRefused) as caught:
        client.pull(0)
    refused = caught.value.message
    assert isinstance(refused, Message) and refused.values["reason"] == "缺少字段：title"
    assert isinstance(refused.values["reason"], Message) is (message is GOOD)
