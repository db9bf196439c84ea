"""The server's reasons travel with their template and values (``message``), so a
laptop shows them in its user's language; ``reason`` stays the Chinese text."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from desktop.domain.messages import Message
from desktop.store.ids import new_id
from desktop.sync.protocol import with_message

from .support import Api, Laptop, make_plan, plan_changes

PLANS = "inspection_plans"


def as_message(answer: dict[str, Any]) -> Message:
    """The answer's reason as the laptop reads it back: a Message or a failure."""
    reason = with_message(answer["reason"], answer.get("message"))
    assert isinstance(reason, Message), answer
    return reason


def test_a_rejected_op_carries_its_reasons_template_and_values(api: Api, laptop: Laptop) -> None:
    record_id = new_id()
    op = laptop.op("handler", PLANS, record_id, "plan.create", plan_changes(author="handler"))
    [result] = api.push("handler", [op])
    assert (result["status"], result["code"]) == ("rejected", "auth.role")
    message = result["message"]
    assert message["template"] == "当前用户的角色（{have}）无权执行 {action}（需要：{need}）"
    assert message["values"]["action"] == "plan.create"
    assert as_message(result) == result["reason"]
    assert result["reason"].startswith("当前用户的角色（")
    # pushed again (its answer was lost): the same answer, message and all
    [again] = api.push("handler", [op])
    assert (again["status"], again["original_status"]) == ("duplicate", "rejected")
    assert (again["reason"], again["message"]) == (result["reason"], message)


def test_a_domain_refusal_arrives_with_its_article_nested(api: Api, laptop: Laptop) -> None:
    plan_id = make_plan(api, laptop, team=("insp_a",), until="draft")
    op = laptop.op("insp_a", PLANS, plan_id, "plan.submit", {"state": "submitted"})
    [result] = api.push("insp_a", [op])
    assert (result["status"], result["code"]) == ("rejected", "team.too_few")
    reason = as_message(result)
    assert reason.template == "{message}（{article}）"
    inner = reason.values["message"]
    assert isinstance(inner, Message) and inner.template.startswith("督查、检查或调查不得少于")
    assert str(reason) == result["reason"]


def test_an_accepted_op_has_no_message(api: Api, laptop: Laptop) -> None:
    op = laptop.op("insp_a", PLANS, new_id(), "plan.create", plan_changes(author="insp_a"))
    [result] = api.accept("insp_a", op)
    assert result["message"] is None and result["reason"] == ""


def test_an_error_body_carries_its_template_and_values(api: Api, client: TestClient) -> None:
    response = client.get("/audit/entries", headers=api.login("insp_a"))
    assert response.status_code == 403
    body = response.json()
    assert body["error"] == "auth.forbidden"
    assert body["message"]["template"] == "当前用户的角色无权执行此操作（需要：{need}）"
    need = body["message"]["values"]["need"]
    assert need["template"] == "{items}、{item}"  # the roles, each kept apart
    assert as_message(body) == body["reason"]


def test_an_error_the_server_did_not_make_has_no_message(client: TestClient) -> None:
    response = client.get("/no/such/route")
    assert response.status_code == 404
    assert "message" not in response.json()
