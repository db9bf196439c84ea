"""GET /sync/snapshot: the records each user may see as they are now (the
pull's rule), in key order and pages, with the cursor to pull on from, a
complaint's history, identity fields for handlers only; what a replay of the
pulled ops gives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from desktop.store.ids import new_id
from server.models import Op, Record
from server.schemas import SnapshotOut
from server.sync import snapshot as snapshot_module, spec
from server.sync.push import SNAPSHOT_ACTION

from .support import (
    AGENCY,
    DEVICE_2,
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
Key = tuple[str, str]


def snapshot_page(
    api: Api, user: str, after: str | None = None, limit: int = 2000
) -> dict[str, Any]:
    params: dict[str, Any] = {"limit": limit}
    if after is not None:
        params["after"] = after
    response = api.client.get("/sync/snapshot", params=params, headers=api.login(user))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def snapshot_all(
    api: Api, user: str, limit: int = 2000
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every record the user gets, page by page; and the pages."""
    records: list[dict[str, Any]] = []
    pages: list[dict[str, Any]] = []
    after = None
    while True:
        page = snapshot_page(api, user, after, limit)
        pages.append(page)
        records.extend(page["records"])
        if not page["more"]:
            assert page["next"] is None
            return records, pages
        after = page["next"]


def keys(records: list[dict[str, Any]]) -> list[Key]:
    return [(r["entity"], r["id"]) for r in records]


def in_order(found: Iterable[Key]) -> list[Key]:
    """Keys in a snapshot's order: entity by entity (``snapshot.ORDER``), by id."""
    return sorted(found, key=lambda k: (snapshot_module.ORDER.index(k[0]), k[1]))


def official(name: str = "张三") -> dict[str, Any]:
    return {
        "name": name,
        "agency_id": AGENCY,
        "position": "科员",
        "is_head": False,
        "is_office_staff": False,
    }


def register_complaint(api: Api, laptop: Laptop) -> str:
    complaint_id = new_id()
    changes = complaint_changes(sealed_identity(complaint_id))
    api.accept(
        "handler",
        laptop.op("handler", "complaints", complaint_id, "complaint.register", changes),
    )
    return complaint_id


def issue_rectification(api: Api, laptop: Laptop) -> str:
    rectification_id = new_id()
    changes = {
        "kind": "requirement",
        "agency_id": AGENCY,
        "content": "限期整改",
        "issued_on": "2026-09-01",
        "due_on": "2026-10-01",
        "state": "open",
        "follow_up": "",
    }
    api.accept(
        "sup",
        laptop.op("sup", "rectifications", rectification_id, "rectification.issue", changes),
    )
    return rectification_id


def secret_plan_with_visit(api: Api, laptop: Laptop) -> tuple[str, str]:
    """An approved 暗访 plan of insp_a and insp_b, and a visit of it."""
    plan_id = make_plan(api, laptop, kind="unannounced")
    visit_id = new_id()
    changes = visit_changes(plan_id, visit_id, ["insp_a", "insp_b"])
    changes |= {"announced": False, "identity_shown": False}
    api.accept("insp_a", laptop.op("insp_a", "visits", visit_id, "visit.open", changes))
    return plan_id, visit_id


def sign(api: Api, laptop: Laptop, decision_id: str) -> None:
    changes = {
        "state": "signed",
        "decided_on": dt.date.today().isoformat(),
        "signed_by": uid("head"),
    }
    api.accept("head", laptop.op("head", "decisions", decision_id, "decision.sign", changes))


def seed_office(api: Api, laptop: Laptop) -> dict[str, Key]:
    """One record of each kind of visibility; their keys by name."""
    public = make_plan(api, laptop)
    secret, secret_visit = secret_plan_with_visit(api, laptop)
    complaint = register_complaint(api, laptop)
    draft, signed = new_id(), new_id()
    for decision_id in (draft, signed):
        api.accept(
            "sup", laptop.op("sup", "decisions", decision_id, "decision.draft", decision_changes())
        )
    sign(api, laptop, signed)
    rectification = issue_rectification(api, laptop)
    person = new_id()
    api.accept("admin", laptop.op("admin", "officials", person, "official.create", official()))
    return {
        "public": (PLANS, public),
        "secret": (PLANS, secret),
        "secret_visit": ("visits", secret_visit),
        "complaint": ("complaints", complaint),
        "draft": ("decisions", draft),
        "signed": ("decisions", signed),
        "rectification": ("rectifications", rectification),
        "official": ("officials", person),
    }


# ------------------------------------------------------------- visibility

#: Who sees what of :func:`seed_office` (besides the public plan and the official).
SEES: dict[str, set[str]] = {
    "admin": set(),
    "insp_a": {"secret", "secret_visit", "signed", "rectification"},  # on the 暗访 team
    "insp_b": {"secret", "secret_visit", "signed", "rectification"},
    "insp_c": {"signed", "rectification"},  # off the team
    "sup": {"secret", "secret_visit", "complaint", "draft", "signed", "rectification"},
    "head": {"secret", "secret_visit", "complaint", "draft", "signed", "rectification"},
    "handler": {"complaint", "signed"},
    "sup_b": {"complaint", "draft", "signed", "rectification"},  # another office's approver
}


def test_each_user_gets_what_the_pull_shows_them(api: Api, laptop: Laptop) -> None:
    seeded = seed_office(api, laptop)
    for user in EVERYONE:
        records, _pages = snapshot_all(api, user)
        expected = {seeded[name] for name in SEES[user] | {"public", "official"}}
        assert set(keys(records)) == expected, user
        assert len(records) == len(expected), user
        pulled = {(o["entity"], o["entity_id"]) for o in api.pull_all(user)}
        assert set(keys(records)) == pulled, user  # one rule for both
        complaints = [r for r in records if r["entity"] == "complaints"]
        for complaint in complaints:
            shown = set(spec.IDENTITY_FIELDS) & set(complaint["data"])
            assert shown == (set(spec.IDENTITY_FIELDS) if user == "handler" else set()), user
            assert complaint["data"]["matter"] == "窗口多次要求补交材料"


def test_a_secret_plan_reaches_everyone_once_reported(api: Api, laptop: Laptop) -> None:
    secret, visit = secret_plan_with_visit(api, laptop)
    for user in ("insp_c", "handler", "sup_b", "admin"):
        assert not {secret, visit} & {r["id"] for r in snapshot_all(api, user)[0]}, user
    for op in (
        laptop.op("insp_a", PLANS, secret, "plan.start", {"state": "in_progress"}),
        laptop.op("insp_a", PLANS, secret, "plan.report", {"state": "reported", "report": "报告"}),
    ):
        api.accept("insp_a", op)
    for user in EVERYONE:
        records = {r["id"]: r for r in snapshot_all(api, user)[0]}
        assert {secret, visit} <= set(records), user
        assert records[secret]["data"]["state"] == "reported"
        assert records[visit]["data"]["plan_id"] == secret


def test_a_member_added_to_a_secret_plan_gets_it(api: Api, laptop: Laptop) -> None:
    secret = make_plan(api, laptop, kind="unannounced", until="draft")
    assert secret not in {r["id"] for r in snapshot_all(api, "insp_c")[0]}
    team = {"team_ids": [uid("insp_a"), uid("insp_b"), uid("insp_c")]}
    api.accept("insp_a", laptop.op("insp_a", PLANS, secret, "plan.update", team))
    (record,) = [r for r in snapshot_all(api, "insp_c")[0] if r["id"] == secret]
    assert record["version"] == 2 and record["data"]["team_ids"] == team["team_ids"]


# ----------------------------------------------------------------- paging


def test_pages_give_every_visible_record_once_in_key_order(api: Api, laptop: Laptop) -> None:
    """Small pages over records of several entities, some of them hidden
    from the user (a 暗访 plan in the middle of the plans, complaints)."""
    plans = [make_plan(api, laptop, until="draft") for _ in range(5)]
    secret, visit = secret_plan_with_visit(api, laptop)
    plans += [make_plan(api, laptop, until="draft") for _ in range(4)]
    people = [new_id() for _ in range(7)]
    api.accept(
        "admin",
        *[laptop.op("admin", "officials", p, "official.create", official(p)) for p in people],
    )
    for _ in range(3):
        register_complaint(api, laptop)
    whole, (only,) = snapshot_all(api, "insp_c", limit=5000)
    assert (only["more"], only["next"]) == (False, None)
    assert keys(whole) == in_order({(PLANS, p) for p in plans} | {("officials", p) for p in people})
    assert (PLANS, secret) not in keys(whole)
    for limit in (1, 2, 3, 4, 16):
        records, pages = snapshot_all(api, "insp_c", limit)
        assert keys(records) == keys(whole), limit
        assert all(len(p["records"]) <= limit for p in pages)
        assert all(p["more"] for p in pages[:-1]) and not pages[-1]["more"]
        for page in pages[:-1]:  # a full page's token is its last record's key
            assert len(page["records"]) == limit
            last = page["records"][-1]
            assert page["next"] == f"{last['entity']}/{last['id']}"
    # a page that holds every visible record still says more when hidden
    # ones follow (the 暗访 visit); the page after is empty and the last
    _records, pages = snapshot_all(api, "insp_c", limit=len(whole))
    assert [len(p["records"]) for p in pages] == [len(whole), 0]
    assert pages[0]["next"] == f"{PLANS}/{max(plans)}"
    # the team sees the secret plan and its visit where they belong
    team_keys = keys(snapshot_all(api, "insp_a", limit=3)[0])
    assert team_keys == in_order(team_keys)
    assert {(PLANS, secret), ("visits", visit)} <= set(team_keys)


def test_the_token_moves_past_records_the_user_may_not_see(api: Api, laptop: Laptop) -> None:
    """The last page's token may point past hidden records: the next page
    starts after them, and a user who sees none of an entity never scans it."""
    secret, _visit = secret_plan_with_visit(api, laptop)
    public = make_plan(api, laptop)
    first = snapshot_page(api, "insp_c", limit=1)
    assert [r["id"] for r in first["records"]] == [public]
    rest = snapshot_page(api, "insp_c", first["next"], limit=1)
    assert (rest["records"], rest["more"], rest["next"]) == ([], False, None)
    # from a token before any record: the same page as from the start
    start = snapshot_page(api, "insp_c", f"{snapshot_module.ORDER[0]}/0", limit=1)
    assert start["records"] == first["records"]
    # a token after every record
    for token in (f"{snapshot_module.ORDER[-1]}/zzzz", "visits/zzzz"):
        end = snapshot_page(api, "insp_c", token)
        assert (end["records"], end["more"], end["next"]) == ([], False, None)
    # a token of an entity the server does not know: no place in the order
    response = api.client.get(
        "/sync/snapshot", params={"after": "zzz/0"}, headers=api.login("insp_c")
    )
    assert response.status_code == 422 and "记录类型" in response.json()["reason"]
    assert secret not in {r["id"] for r in snapshot_all(api, "insp_c", limit=1)[0]}


def test_a_page_scans_a_bounded_number_of_hidden_records(
    api: Api, laptop: Laptop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past records the user may not see, a page stops after ``MAX_SCAN``
    of them, empty but with more to come, and the token past them."""
    hidden = [make_plan(api, laptop, kind="unannounced", until="draft") for _ in range(3)]
    public = make_plan(api, laptop, until="draft")
    monkeypatch.setattr(snapshot_module, "MAX_SCAN", 1)
    monkeypatch.setattr(snapshot_module, "_MIN_BATCH", 1)
    records, pages = snapshot_all(api, "insp_c", limit=1)
    assert [r["id"] for r in records] == [public]
    assert [p["next"] for p in pages[:3]] == [f"{PLANS}/{h}" for h in hidden]
    assert all(p["records"] == [] and p["more"] for p in pages[:3])


# ------------------------------------------------------------------ cursor


def max_seq(engine: Engine) -> int:
    with Session(engine) as db:
        return int(db.scalar(select(func.coalesce(func.max(Op.seq), 0))) or 0)


def test_the_cursor_covers_every_op_up_to_it_and_the_pull_brings_the_rest(
    api: Api, laptop: Laptop, engine: Engine
) -> None:
    complaints = sorted(register_complaint(api, laptop) for _ in range(6))
    assert snapshot_page(api, "sup")["cursor"] == max_seq(engine)
    first = snapshot_page(api, "sup", limit=2)
    cursor = first["cursor"]
    assert all(r["seq"] <= cursor for r in first["records"])
    # after the first page: a record already sent changes, one not yet sent
    # changes, a new one comes
    sent, ahead = complaints[0], complaints[4]
    assert [r["id"] for r in first["records"]] == complaints[:2]
    api.accept(
        "handler",
        laptop.op("handler", "complaints", sent, "complaint.update", {"matter": "已送出的改了"}),
        laptop.op("handler", "complaints", ahead, "complaint.update", {"matter": "未送出的改了"}),
    )
    added = register_complaint(api, laptop)
    records = {r["id"]: r for r in first["records"]}
    after = first["next"]
    while after is not None:
        page = snapshot_page(api, "sup", after, limit=2)
        assert page["cursor"] > cursor
        records.update({r["id"]: r for r in page["records"]})
        after = page["next"]
    assert records[ahead]["version"] == 2 and records[sent]["version"] == 1
    # a laptop pulls from the first page's cursor, skipping the ops its
    # records already have
    ops = pull_from(api, "sup", cursor)
    assert [o["entity_id"] for o in ops] == [sent, ahead, added]
    for op in ops:
        record = records.setdefault(op["entity_id"], {"version": 0, "data": {}})
        if op["version"] > record["version"]:
            record["data"] = {**record["data"], **op["changes"]}
            record["version"] = op["version"]
    fresh = {r["id"]: r for r in snapshot_all(api, "sup")[0]}
    assert {k: (r["version"], r["data"]) for k, r in records.items()} == {
        k: (r["version"], r["data"]) for k, r in fresh.items()
    }
    assert records[sent]["data"]["matter"] == "已送出的改了"


def pull_from(api: Api, user: str, since: int) -> list[dict[str, Any]]:
    ops: list[dict[str, Any]] = []
    while True:
        page = api.pull(user, since)
        ops.extend(page["ops"])
        since = page["next"]
        if not page["more"]:
            return ops


# ----------------------------------------------------------------- history


def test_a_page_gives_the_newest_clock_stamp_of_its_own_records(
    api: Api, laptop: Laptop, engine: Engine
) -> None:
    """``hlc``: the newest stamp among the records on the page, so the
    laptop's clock moves past them; not a hidden record's."""
    public = make_plan(api, laptop, until="draft")
    secret, _visit = secret_plan_with_visit(api, laptop)  # stamped after
    with Session(engine) as db:
        stamps = {i: h for i, h in db.execute(select(Record.id, Record.last_hlc))}
    assert stamps[secret] > stamps[public]
    seen = snapshot_page(api, "insp_c")
    assert [r["id"] for r in seen["records"]] == [public]
    assert seen["hlc"] == stamps[public]
    team = snapshot_page(api, "insp_a")
    assert team["hlc"] == max(stamps[r["id"]] for r in team["records"])
    assert snapshot_page(api, "insp_c", f"{PLANS}/{public}")["hlc"] == ""


def test_a_complaint_comes_with_its_history_and_nothing_else_does(api: Api, laptop: Laptop) -> None:
    complaint_id = register_complaint(api, laptop)
    other_laptop = Laptop(device_id=DEVICE_2)
    other_laptop.versions[complaint_id] = 1
    api.accept(
        "handler",
        other_laptop.op(
            "handler", "complaints", complaint_id, "complaint.update", {"matter": "补充说明"}
        ),
        device=DEVICE_2,
    )
    laptop.versions[complaint_id] = 2
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
    make_plan(api, laptop)
    pulled = [o for o in api.pull_all("sup") if o["entity_id"] == complaint_id]
    for user in ("handler", "sup"):
        records = snapshot_all(api, user)[0]
        (complaint,) = [r for r in records if r["entity"] == "complaints"]
        assert complaint["history"] == [
            {name: o[name] for name in ("seq", "op_id", "action", "user_id", "device_id", "hlc")}
            for o in pulled
        ]
        assert [h["action"] for h in complaint["history"]] == [
            "complaint.register",
            "complaint.update",
            "complaint.grant_identity",
        ]
        assert complaint["history"][1]["device_id"] == DEVICE_2
        assert complaint["seq"] == complaint["history"][-1]["seq"] and complaint["version"] == 3
        assert all("history" not in r for r in records if r["entity"] != "complaints")


def test_a_page_is_the_declared_schema_with_the_data_as_stored(api: Api, laptop: Laptop) -> None:
    """The page is written by the database, not pydantic: it must still be a
    ``SnapshotOut``, with each record's data as pushed (non-ASCII, quotes,
    backslashes, control characters, nesting)."""
    plan_id = new_id()
    changes = {**plan_changes(), "title": '引号"、反斜杠\\、换行\n、制表\t与 emoji 🙂'}
    api.accept("insp_a", laptop.op("insp_a", PLANS, plan_id, "plan.create", changes))
    complaint_id = register_complaint(api, laptop)
    for user in ("handler", "sup"):
        response = api.client.get("/sync/snapshot", headers=api.login(user))
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        page = SnapshotOut.model_validate_json(response.content)
        assert page.model_dump(mode="json", exclude_unset=True) == response.json()
        complaint, plan = page.records
        assert (complaint.entity, complaint.id) == ("complaints", complaint_id)
        assert plan.data == changes and plan.history is None and plan.version == 1
        assert (page.next, page.more) == (None, False)


# --------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "params",
    [
        {"after": "officials"},  # no slash
        {"after": "officials/"},
        {"after": "/0190a000"},
        {"after": "officials/" + "a" * 37},
        {"after": "o" * 33 + "/a"},
        {"after": "officials/a\x00b"},
        {"after": "Officials/a"},
        {"after": "officials/a/b"},
        {"after": "officials/中文"},
        {"limit": 0},
        {"limit": 5001},
        {"limit": "all"},
    ],
    ids=repr,
)
def test_a_bad_token_or_limit_is_422_with_a_reason(api: Api, params: dict[str, Any]) -> None:
    response = api.client.get("/sync/snapshot", params=params, headers=api.login("sup"))
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error"] == "request.invalid" and body["reason"]
    assert body["details"][0]["loc"][-1] in ("after", "limit")


def test_not_signed_in_is_401(api: Api) -> None:
    response = api.client.get("/sync/snapshot")
    assert response.status_code == 401 and response.json()["reason"]


# ------------------------------------------------------------------ replay


def replay(ops: list[dict[str, Any]]) -> dict[Key, dict[str, Any]]:
    """The records as the pulled ops build them from nothing: a snapshot op
    replaces the record, a list of rows grows by the rows, any other field
    takes the value."""
    records: dict[Key, dict[str, Any]] = {}
    for op in ops:
        key = (op["entity"], op["entity_id"])
        entity = spec.ENTITIES[op["entity"]]
        if op["action"] == SNAPSHOT_ACTION:
            data = dict(op["changes"])
        else:
            data = dict(records.get(key, {}).get("data", {}))
            for name, value in op["changes"].items():
                data[name] = [*(data.get(name) or []), *value] if name in entity.rows else value
            records.setdefault(key, {})["seq"] = op["seq"]  # snapshots change nothing
        records.setdefault(key, {}).update(data=data, version=op["version"])
    return records


def test_replaying_the_pulled_ops_gives_the_snapshot(api: Api, laptop: Laptop) -> None:
    """For a seeded server (rows appended, merges by two laptops both won
    and lost, a 暗访 plan reported, a decision signed), every user's replay
    of the pull from 0 gives the snapshot's data and version."""
    seeded = seed_office(api, laptop)
    visit = seeded["secret_visit"][1]
    complaint = seeded["complaint"][1]
    late = Laptop(device_id=DEVICE_2, offset_ms=-3_600_000)  # an hour behind
    late.versions = dict(laptop.versions)
    row = {
        "id": new_id(),
        "visit_id": visit,
        "kind": "photo",
        "filename": "窗口.jpg",
        "sha256": "c" * 64,
        "size": 10,
        "added_by": uid("insp_a"),
        "added_at": "2026-09-21T01:00:00+00:00",
    }
    api.accept(
        "insp_a", laptop.op("insp_a", "visits", visit, "visit.add_evidence", {"evidence": [row]})
    )
    api.accept(
        "handler",
        laptop.op("handler", "complaints", complaint, "complaint.update", {"matter": "新"}),
    )
    stale = [  # base versions the server has moved past: merged
        late.op(
            "insp_a", "visits", visit, "visit.add_evidence", {"evidence": [row | {"id": new_id()}]}
        ),
        late.op("handler", "complaints", complaint, "complaint.update", {"matter": "旧"}),
    ]
    api.accept("insp_a", stale[0], device=DEVICE_2)
    (lost,) = api.accept("handler", stale[1], device=DEVICE_2)
    assert lost["reason"].startswith("merged: kept the server's newer")
    secret = seeded["secret"][1]
    api.accept(
        "insp_a",
        laptop.op("insp_a", PLANS, secret, "plan.start", {"state": "in_progress"}),
        laptop.op("insp_a", PLANS, secret, "plan.report", {"state": "reported", "report": "报告"}),
    )
    for user in EVERYONE:
        records = snapshot_all(api, user, limit=3)[0]
        rebuilt = replay(api.pull_all(user))
        assert {(r["entity"], r["id"]): (r["data"], r["version"], r["seq"]) for r in records} == {
            k: (r["data"], r["version"], r["seq"]) for k, r in rebuilt.items()
        }, user
    visits = {r["id"]: r for r in snapshot_all(api, "insp_a")[0] if r["entity"] == "visits"}
    assert len(visits[visit]["data"]["evidence"]) == 2
    assert len(visits[visit]["data"]["presence"]) == 2
