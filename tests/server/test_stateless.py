"""Two server processes on one database behave as one: a session opened on
one works on the other, what one accepts the other serves."""

from __future__ import annotations

from fastapi.testclient import TestClient

from desktop.store.ids import new_id
from server.app import create_app
from server.config import Settings

from .support import Api, Laptop, plan_changes


def test_two_servers_on_one_database(settings: Settings, laptop: Laptop) -> None:
    with (
        TestClient(create_app(settings)) as first,
        TestClient(create_app(settings)) as second,
    ):
        one, two = Api(first), Api(second)
        two.tokens = one.tokens  # the same session tokens, used on either server
        plan_id = new_id()
        one.accept(
            "insp_a",
            laptop.op("insp_a", "inspection_plans", plan_id, "plan.create", plan_changes()),
        )
        pulled = two.pull_all("insp_a")
        assert [o["entity_id"] for o in pulled] == [plan_id]
        again = two.push("insp_a", [dict(pulled[0], user_id=pulled[0]["user_id"])])
        assert again[0]["status"] == "duplicate"
        assert first.post("/auth/logout", headers=one.login("insp_a")).status_code == 204
        assert second.get("/me", headers=two.login("insp_a")).status_code == 401
