"""Pull: cursor paging, 暗访 confidentiality, identity fields only for handlers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from desktop.store.ids import new_id
from server import accounts
from server.models import Op
from server.schemas import PullOut
from server.sync.pull import pull

from .support import (
    EVERYONE,
    Api,
    Laptop,
    complaint_changes,
    decision_changes,
    make_plan,
    plan_changes,
    sealed_identity,
    uid,
    visit_changes,
)

PLANS = "inspection_plans"


def ids(ops: list[dict[str, Any]]) -> set[str]:
    return {o["entity_id"] for o in ops}


def test_cursor_paging(api: Api, laptop: Laptop) -> None:
    plan_ids = [new_id() for _ in range(25)]
    api.accept(
        "insp_a", *[laptop.op("insp_a", PLANS, p, "plan.create", plan_changes()) for p in plan_ids]
    )
    seen: list[dict[str, Any]] = []
    since = 0
    pages = []
    while True:
        page = api.pull("insp_b", since, limit=10)
        pages.append(len(page["ops"]))
        seen.extend(page["ops"])
        assert page["next"] >= since
        since = page["next"]
        if not page["more"]:
            break
    assert pages == [10, 10, 5]
    assert [o["entity_id"] for o in seen] == plan_ids
    assert [o["seq"] for o in seen] == sorted(o["seq"] for o in seen)
    assert all(o["version"] == 1 and o["action"] == "plan.create" for o in seen)
    assert seen[0]["changes"]["title"] == "营商环境专项督查"
    end = api.pull("insp_b", since)
    assert (end["ops"], end["next"], end["more"]) == ([], since, False)
    # new ops after the cursor come next, and only they
    extra = laptop.op("insp_a", PLANS, plan_ids[0], "plan.update", {"scope": "更新"})
    api.accept("insp_a", extra)
    after = api.pull("insp_b", since)
    assert [o["op_id"] for o in after["ops"]] == [extra["op_id"]]
    assert after["ops"][0]["version"] == 2 and after["ops"][0]["base_version"] == 1


def test_rejected_ops_are_never_pulled(api: Api, laptop: Laptop) -> None:
    plan_id = new_id()
    results = api.push(
        "insp_a",
        [
            laptop.op("insp_a", PLANS, plan_id, "plan.create", plan_changes()),
            laptop.op("insp_a", PLANS, plan_id, "plan.approve", {"state": "approved"}),
        ],
    )
    assert [r["status"] for r in results] == ["accepted", "rejected"]
    assert [o["action"] for o in api.pull_all("sup")] == ["plan.create"]


@pytest.mark.parametrize("bad", [{"since": -1}, {"limit": 0}, {"limit": 5000}, {"since": "x"}])
def test_bad_cursor_is_422(api: Api, bad: dict[str, Any]) -> None:
    response = api.client.get("/sync/pull", params=bad, headers=api.login("insp_a"))
    assert response.status_code == 422 and response.json()["error"] == "request.invalid"


def test_unannounced_plans_reach_only_team_and_approvers(api: Api, laptop: Laptop) -> None:
    public = make_plan(api, laptop)
    secret = make_plan(api, laptop, kind="unannounced")
    visit_id = new_id()
    api.accept(
        "insp_a",
        laptop.op(
            "insp_a",
            "visits",
            visit_id,
            "visit.open",
            {
                **visit_changes(secret, visit_id, ["insp_a", "insp_b"]),
                "announced": False,
                "identity_shown": False,
            },
        ),
    )
    insiders = {"insp_a", "insp_b", "sup", "head"}  # team, and the office's approvers
    cursors: dict[str, int] = {}
    for user in EVERYONE:
        page = api.pull(user, limit=1000)
        cursors[user] = page["next"]
        seen = ids(page["ops"])
        assert public in seen, user
        if user in insiders:
            assert {secret, visit_id} <= seen, user
        else:  # another office's supervisor, an inspector off the team, handler, admin
            assert not {secret, visit_id} & seen, user
    assert len(set(cursors.values())) == 1  # hidden ops move the cursor on all the same

    # reported: the plan is no longer confidential, and those who missed it get
    # a snapshot of the plan and its visit from where their cursor is
    for op in (
        laptop.op("insp_a", PLANS, secret, "plan.start", {"state": "in_progress"}),
        laptop.op("insp_a", PLANS, secret, "plan.report", {"state": "reported", "report": "报告"}),
    ):
        api.accept("insp_a", op)
    for user in ("insp_c", "sup_b", "handler"):
        later = api.pull(user, cursors[user], limit=1000)["ops"]
        snapshots = [o for o in later if o["action"] == "record.snapshot"]
        assert {o["entity_id"] for o in snapshots} == {secret, visit_id}, user
        plan_snapshot = next(o for o in snapshots if o["entity_id"] == secret)
        assert plan_snapshot["changes"]["state"] == "reported"
        assert plan_snapshot["changes"]["team_ids"] == [uid("insp_a"), uid("insp_b")]
        assert plan_snapshot["version"] == plan_snapshot["base_version"] == 5
        assert {secret, visit_id} <= ids(api.pull_all(user)), user  # from scratch: everything


def test_a_member_added_to_a_secret_plan_gets_it(api: Api, laptop: Laptop) -> None:
    secret = make_plan(api, laptop, kind="unannounced", until="draft")
    cursor = api.pull("insp_c")["next"]
    assert secret not in ids(api.pull_all("insp_c"))
    api.accept(
        "insp_a",
        laptop.op(
            "insp_a",
            PLANS,
            secret,
            "plan.update",
            {"team_ids": [uid("insp_a"), uid("insp_b"), uid("insp_c")]},
        ),
    )
    later = api.pull("insp_c", cursor)["ops"]
    assert [o["action"] for o in later] == ["plan.update", "record.snapshot"]
    assert later[1]["changes"]["title"] == "营商环境专项督查"
    assert secret not in ids(api.pull_all("sup_b"))


def test_identity_fields_reach_only_complaint_handlers(api: Api, laptop: Laptop) -> None:
    complaint_id = new_id()
    sealed = sealed_identity(complaint_id)
    api.accept(
        "handler",
        laptop.op(
            "handler", "complaints", complaint_id, "complaint.register", complaint_changes(sealed)
        ),
    )
    api.accept(
        "handler",
        laptop.op(
            "handler",
            "complaints",
            complaint_id,
            "complaint.grant_identity",
            {"sealed_identity": sealed_identity(complaint_id)},
        ),
    )
    handler_ops = api.pull_all("handler")
    assert handler_ops[0]["changes"]["sealed_identity"] == sealed
    assert handler_ops[0]["changes"]["id_number_index"] == "a" * 64
    assert "sealed_identity" in handler_ops[1]["changes"]
    for user in ("sup", "head"):
        ops = api.pull_all(user)
        assert [o["action"] for o in ops] == ["complaint.register", "complaint.grant_identity"]
        register, grant = ops
        assert not {"sealed_identity", "id_number_index", "phone_index"} & set(register["changes"])
        assert register["changes"]["matter"] == "窗口多次要求补交材料"
        assert grant["changes"] == {} and grant["version"] == 2
    for user in ("insp_a", "admin"):  # not readers of complaints at all (FJ 34)
        assert api.pull_all(user) == []


def test_decision_drafts_reach_deciders_and_signed_ones_everyone_who_reads(
    api: Api, laptop: Laptop
) -> None:
    decision_id = new_id()
    draft = decision_changes()
    api.accept("sup", laptop.op("sup", "decisions", decision_id, "decision.draft", draft))
    cursor = api.pull("insp_a")["next"]
    assert api.pull_all("insp_a") == [] and len(api.pull_all("head")) == 1
    sign = {
        "state": "signed",
        "decided_on": dt.date.today().isoformat(),
        "signed_by": uid("head"),
    }
    api.accept("head", laptop.op("head", "decisions", decision_id, "decision.sign", sign))
    later = api.pull("insp_a", cursor)["ops"]
    assert [o["action"] for o in later] == ["decision.sign", "record.snapshot"]
    assert later[1]["changes"]["facts"] == "多次推诿"
    assert api.pull_all("admin") == []


def test_a_page_is_the_declared_schema_with_the_changes_as_pushed(api: Api, laptop: Laptop) -> None:
    """The page is written without pydantic (server.sync.pull._OP_JSON): it
    must still be a ``PullOut``, with each op's changes as the server holds
    them (non-ASCII text, nesting, numbers) and identity fields filtered."""
    plan_id, complaint_id = new_id(), new_id()
    changes = {**plan_changes(), "scope": '引号"、反斜杠\\、换行\n与 emoji 🙂'}
    api.accept("insp_a", laptop.op("insp_a", PLANS, plan_id, "plan.create", changes))
    register = complaint_changes(sealed_identity(complaint_id))
    api.accept(
        "handler", laptop.op("handler", "complaints", complaint_id, "complaint.register", register)
    )
    for user in ("handler", "sup"):
        response = api.client.get("/sync/pull", headers=api.login(user))
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        page = PullOut.model_validate_json(response.content)
        assert page.model_dump(mode="json") == response.json()
        plan, complaint = page.ops
        assert plan.changes == changes and plan.entity_id == plan_id
        assert plan.received_at.tzinfo is not None
        hidden = {"sealed_identity", "id_number_index", "phone_index"}
        expected = (
            register
            if user == "handler"
            else {k: v for k, v in register.items() if k not in hidden}
        )
        assert complaint.changes == expected
        assert (page.next, page.more) == (complaint.seq, False)


def test_a_pulled_ops_time_is_utc_whatever_the_database_sessions_zone(
    api: Api, laptop: Laptop, engine: Engine
) -> None:
    """The page's timestamps are written by the database: an office's
    PostgreSQL set to China time must not shift them."""
    api.accept("insp_a", laptop.op("insp_a", PLANS, new_id(), "plan.create", plan_changes()))
    with Session(engine) as db, db.begin():
        if engine.dialect.name == "postgresql":
            db.execute(text("SET LOCAL TIME ZONE 'Asia/Shanghai'"))
        stored = db.scalars(select(Op.received_at)).one()
        principal = accounts.resolve_token(db, api.login("insp_b")["Authorization"][7:])
        assert principal is not None
        page = PullOut.model_validate_json(pull(db, principal, 0, 10))
    assert page.ops[0].received_at == stored
