"""Push: accepted, duplicate, rejected with reasons, conflicts and merges."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from desktop.store.ids import new_id
from server.models import Op, Record

from .support import (
    DEVICE_2,
    Api,
    Laptop,
    approval,
    complaint_changes,
    make_plan,
    now_ms,
    plan_changes,
    presence,
    sealed_identity,
    uid,
    visit_changes,
)

PLANS = "inspection_plans"
DAY_MS = 24 * 3600 * 1000


def record(engine: Engine, entity: str, record_id: str) -> Record:
    with Session(engine) as db:
        row = db.get(Record, (entity, record_id))
        assert row is not None
        db.expunge(row)
        return row


def count_ops(engine: Engine) -> int:
    with Session(engine) as db:
        return int(db.scalar(select(func.count()).select_from(Op)) or 0)


def one(results: list[dict[str, Any]]) -> dict[str, Any]:
    assert len(results) == 1
    return results[0]


# ------------------------------------------------------------------ accepted


def test_plan_and_visit_workflow_is_accepted(api: Api, laptop: Laptop, engine: Engine) -> None:
    plan_id = make_plan(api, laptop, until="in_progress")
    plan = record(engine, PLANS, plan_id)
    assert (plan.version, plan.state, plan.data["state"]) == (4, "in_progress", "in_progress")
    assert [a["approver_id"] for a in plan.data["approvals"]] == [uid("sup")]
    visit_id = new_id()
    opened = one(
        api.accept(
            "insp_a",
            laptop.op(
                "insp_a",
                "visits",
                visit_id,
                "visit.open",
                visit_changes(plan_id, visit_id, ["insp_a", "insp_b"]),
            ),
        )
    )
    assert opened["version"] == 1 and opened["seq"] > 0 and opened["code"] == ""
    notes = laptop.op("insp_a", "visits", visit_id, "visit.update", {"observations": "窗口排长队"})
    finalise = laptop.op(
        "insp_b",
        "visits",
        visit_id,
        "visit.finalise",
        {"state": "finalised", "presence": presence(visit_id, ["insp_a", "insp_b"], "finalise")},
    )
    api.accept("insp_a", notes)
    api.accept("insp_b", finalise)
    visit = record(engine, "visits", visit_id)
    assert visit.version == 3 and visit.plan_id == plan_id
    assert visit.data["observations"] == "窗口排长队" and visit.data["state"] == "finalised"
    assert len(visit.data["presence"]) == 4
    report = laptop.op(
        "insp_a", PLANS, plan_id, "plan.report", {"state": "reported", "report": "发现问题三项"}
    )
    close = laptop.op("sup", PLANS, plan_id, "plan.close", {"state": "closed"})
    api.accept("insp_a", report)
    api.accept("sup", close)
    assert record(engine, PLANS, plan_id).data["state"] == "closed"


def test_the_same_batch_twice_applies_nothing_twice(
    api: Api, laptop: Laptop, engine: Engine
) -> None:
    plan_id = new_id()
    batch = [
        laptop.op("insp_a", PLANS, plan_id, "plan.create", plan_changes()),
        laptop.op("insp_a", PLANS, plan_id, "plan.update", {"scope": "窗口服务与办件时限"}),
        laptop.op("insp_a", PLANS, plan_id, "plan.approve", {"state": "approved"}),  # refused
    ]
    first = api.push("insp_a", batch)
    assert [r["status"] for r in first] == ["accepted", "accepted", "rejected"]
    ops_before = count_ops(engine)
    version_before = record(engine, PLANS, plan_id).version
    again = api.push("insp_a", batch)
    assert [r["status"] for r in again] == ["duplicate"] * 3
    assert [r["original_status"] for r in again] == ["accepted", "accepted", "rejected"]
    for a, b in zip(first, again, strict=True):
        assert (a["seq"], a["version"], a["code"], a["reason"]) == (
            b["seq"],
            b["version"],
            b["code"],
            b["reason"],
        )
    assert count_ops(engine) == ops_before
    assert record(engine, PLANS, plan_id).version == version_before == 2
    # a batch resumed after a cut: the first half again plus the rest
    rest = laptop.op(
        "insp_a", PLANS, plan_id, "plan.update", {"method": "暗中观察"}, base_version=2
    )
    resumed = api.push("insp_a", [*batch[:2], rest])
    assert [r["status"] for r in resumed] == ["duplicate", "duplicate", "accepted"]
    # the same op_id with other content is refused and not logged
    forged = dict(batch[1], changes={"scope": "别的内容"})
    refused = one(api.push("insp_a", [forged]))
    assert (refused["status"], refused["code"], refused["seq"]) == (
        "rejected",
        "op.id_reused",
        None,
    )
    assert record(engine, PLANS, plan_id).data["scope"] == "窗口服务与办件时限"


# ------------------------------------------------------------------ rejected


@pytest.mark.parametrize(
    ("user", "action", "entity"),
    [
        ("handler", "plan.create", PLANS),
        ("admin", "plan.create", PLANS),
        ("sup", "complaint.register", "complaints"),
        ("insp_a", "complaint.register", "complaints"),
        ("insp_a", "agency.create", "agencies"),
        ("insp_a", "decision.draft", "decisions"),
    ],
)
def test_wrong_role_is_rejected_with_reason(
    api: Api, laptop: Laptop, user: str, action: str, entity: str
) -> None:
    record_id = new_id()
    changes: dict[str, Any] = {
        "plan.create": plan_changes(author=user),
        "complaint.register": {**complaint_changes(sealed_identity(record_id))},
        "agency.create": {
            "name": "某局",
            "kind": "agency",
            "level": 2,
            "profile_id": "fujian-2024",
            "staff_count": 3,
        },
        "decision.draft": {},
    }[action]
    if action == "complaint.register":
        changes["registered_by"] = uid(user)
    result = one(api.push(user, [laptop.op(user, entity, record_id, action, changes)]))
    assert (result["status"], result["code"]) == ("rejected", "auth.role")
    assert action in result["reason"]


def test_inspector_cannot_approve_and_author_cannot_approve_own_plan(
    api: Api, laptop: Laptop
) -> None:
    plan_id = make_plan(api, laptop, until="submitted")
    by_inspector = one(
        api.push(
            "insp_a",
            [
                laptop.op(
                    "insp_a",
                    PLANS,
                    plan_id,
                    "plan.approve",
                    {"state": "approved", "approvals": [approval(plan_id, "insp_a")]},
                )
            ],
        )
    )
    assert (by_inspector["status"], by_inspector["code"]) == ("rejected", "auth.role")
    # a supervisor on the team may not approve it (separation of duties, domain rule)
    own = new_id()
    lap = Laptop()
    api.accept(
        "sup",
        lap.op(
            "sup",
            PLANS,
            own,
            "plan.create",
            plan_changes(author="sup", team=("insp_a", "insp_b", "sup")),
        ),
    )
    api.accept("sup", lap.op("sup", PLANS, own, "plan.submit", {"state": "submitted"}))
    refused = one(
        api.push(
            "sup",
            [
                lap.op(
                    "sup",
                    PLANS,
                    own,
                    "plan.approve",
                    {"state": "approved", "approvals": [approval(own, "sup")]},
                )
            ],
        )
    )
    assert (refused["status"], refused["code"]) == ("rejected", "plan.approver_not_independent")


def test_workflow_moves_follow_the_servers_state(api: Api, laptop: Laptop, engine: Engine) -> None:
    plan_id = make_plan(api, laptop, until="draft")
    skip = one(
        api.push(
            "sup",
            [
                laptop.op(
                    "sup",
                    PLANS,
                    plan_id,
                    "plan.approve",
                    {"state": "approved", "approvals": [approval(plan_id, "sup")]},
                )
            ],
        )
    )
    assert (skip["status"], skip["code"]) == ("rejected", "plan.wrong_state")
    assert "草稿" in skip["reason"]
    laptop.versions[plan_id] = 1  # the refused op never happened
    lie = one(
        api.push(
            "insp_a", [laptop.op("insp_a", PLANS, plan_id, "plan.submit", {"state": "approved"})]
        )
    )
    assert (lie["status"], lie["code"]) == ("rejected", "plan.state_mismatch")
    laptop.versions[plan_id] = 1
    api.accept("insp_a", laptop.op("insp_a", PLANS, plan_id, "plan.submit", {"state": "submitted"}))
    no_reason = one(
        api.push(
            "sup",
            [
                laptop.op(
                    "sup",
                    PLANS,
                    plan_id,
                    "plan.return",
                    {
                        "state": "returned",
                        "return_reason": "",
                        "approvals": [approval(plan_id, "sup", outcome="returned")],
                    },
                )
            ],
        )
    )
    assert (no_reason["status"], no_reason["code"]) == ("rejected", "plan.reason_required")
    # a stale workflow move never merges, even from a newer clock
    other = Laptop(device_id=DEVICE_2)
    stale = other.op(
        "sup",
        PLANS,
        plan_id,
        "plan.approve",
        {"state": "approved", "approvals": [approval(plan_id, "sup")]},
        base_version=1,
        at_ms=now_ms() + DAY_MS,
    )
    conflict = one(api.push("sup", [stale], device=DEVICE_2))
    assert (conflict["status"], conflict["code"]) == ("rejected", "conflict.base_version")
    assert conflict["reason"] == "conflict: base_version 1, server has 2"
    assert record(engine, PLANS, plan_id).data["state"] == "submitted"


def test_a_team_of_one_cannot_be_submitted(api: Api, laptop: Laptop) -> None:
    plan_id = make_plan(api, laptop, team=("insp_a",), until="draft")
    result = one(
        api.push(
            "insp_a", [laptop.op("insp_a", PLANS, plan_id, "plan.submit", {"state": "submitted"})]
        )
    )
    assert (result["status"], result["code"]) == ("rejected", "team.too_few")


@pytest.mark.parametrize(
    ("present", "code"),
    [
        (["insp_a"], "visit.too_few_present"),
        (["insp_a", "insp_a"], "visit.too_few_present"),  # one person twice
        (["insp_a", "insp_c"], "visit.not_team_member"),  # insp_c is not on the team
        (["insp_a", "head"], "visit.too_few_present"),  # on the team, not an inspector
        (["insp_b", "insp_c"], "visit.self_not_present"),  # the pusher was not there
    ],
)
def test_a_visit_needs_two_distinct_confirmed_inspectors_of_the_team(
    api: Api, laptop: Laptop, engine: Engine, present: list[str], code: str
) -> None:
    plan_id = make_plan(api, laptop, team=("insp_a", "insp_b", "head"))
    visit_id = new_id()
    result = one(
        api.push(
            "insp_a",
            [
                laptop.op(
                    "insp_a",
                    "visits",
                    visit_id,
                    "visit.open",
                    visit_changes(plan_id, visit_id, present),
                )
            ],
        )
    )
    assert (result["status"], result["code"]) == ("rejected", code)
    with Session(engine) as db:
        assert db.get(Record, ("visits", visit_id)) is None


def test_a_visit_under_an_unapproved_plan_is_refused(api: Api, laptop: Laptop) -> None:
    plan_id = make_plan(api, laptop, until="submitted")
    visit_id = new_id()
    result = one(
        api.push(
            "insp_a",
            [
                laptop.op(
                    "insp_a",
                    "visits",
                    visit_id,
                    "visit.open",
                    visit_changes(plan_id, visit_id, ["insp_a", "insp_b"]),
                )
            ],
        )
    )
    assert (result["status"], result["code"]) == ("rejected", "visit.plan_not_approved")


@pytest.mark.parametrize(
    "extra",
    [
        {"name": "林晓梅"},
        {"id_number": "350102199003076721"},
        {"phone": "13905912345"},
        {"address": "福州市鼓楼区五四路 88 号"},
        {"urgent_criteria": [{"phone": "13905912345"}]},  # nested
    ],
)
def test_plaintext_identity_fields_are_refused(
    api: Api, laptop: Laptop, engine: Engine, extra: dict[str, Any]
) -> None:
    complaint_id = new_id()
    changes = {**complaint_changes(sealed_identity(complaint_id)), **extra}
    result = one(
        api.push(
            "handler",
            [laptop.op("handler", "complaints", complaint_id, "complaint.register", changes)],
        )
    )
    assert (result["status"], result["code"]) == ("rejected", "identity.plaintext")
    assert "sealed_identity" in result["reason"]
    with Session(engine) as db:
        logged = db.scalar(select(Op).where(Op.entity_id == complaint_id))
        assert logged is not None and logged.changes is None  # nothing of it is stored
        assert db.get(Record, ("complaints", complaint_id)) is None


def test_sealed_identity_must_be_an_envelope_not_plain_text(api: Api, laptop: Laptop) -> None:
    import base64

    complaint_id = new_id()
    plain = base64.b64encode("林晓梅 350102199003076721".encode()).decode()
    for value in (plain, "林晓梅", 42):
        changes = complaint_changes(None)
        changes["sealed_identity"] = value
        result = one(
            api.push(
                "handler",
                [
                    laptop.op(
                        "handler",
                        "complaints",
                        complaint_id,
                        "complaint.register",
                        changes,
                        base_version=0,
                    )
                ],
            )
        )
        assert (result["status"], result["code"]) == ("rejected", "op.field_type")
    bad_index = complaint_changes(sealed_identity(complaint_id))
    bad_index["id_number_index"] = "350102199003076721"
    result = one(
        api.push(
            "handler",
            [
                laptop.op(
                    "handler",
                    "complaints",
                    complaint_id,
                    "complaint.register",
                    bad_index,
                    base_version=0,
                )
            ],
        )
    )
    assert (result["status"], result["code"]) == ("rejected", "op.field_type")
    anonymous = complaint_changes(sealed_identity(complaint_id), anonymous=True)
    result = one(
        api.push(
            "handler",
            [
                laptop.op(
                    "handler",
                    "complaints",
                    complaint_id,
                    "complaint.register",
                    anonymous,
                    base_version=0,
                )
            ],
        )
    )
    assert result["code"] == "complaint.anonymous_identity"


def test_complaint_workflow_with_domain_rules(api: Api, laptop: Laptop, engine: Engine) -> None:
    complaint_id = new_id()
    api.accept(
        "handler",
        laptop.op(
            "handler",
            "complaints",
            complaint_id,
            "complaint.register",
            complaint_changes(sealed_identity(complaint_id)),
        ),
    )
    no_limit = one(
        api.push(
            "sup",
            [
                laptop.op(
                    "sup",
                    "complaints",
                    complaint_id,
                    "complaint.route",
                    {
                        "mode": "transfer",
                        "handler_agency_id": None,
                        "transfer_limit": None,
                        "transfer_requirements": "",
                        "state": "routed",
                    },
                )
            ],
        )
    )
    assert (no_limit["status"], no_limit["code"]) == (
        "rejected",
        "complaint.transfer_limit_required",
    )
    laptop.versions[complaint_id] = 1
    api.accept(
        "sup",
        laptop.op(
            "sup",
            "complaints",
            complaint_id,
            "complaint.route",
            {
                "mode": "self",
                "handler_agency_id": None,
                "transfer_limit": None,
                "transfer_requirements": "",
                "state": "routed",
            },
        ),
    )
    unfounded = {
        "result": "unfounded",
        "explanation": "",
        "follow_up": [],
        "reply_channel": "hotline_12345",
        "reply": "经查不属实",
        "state": "closed",
        "closed_on": "2026-09-30",
    }
    refused = one(
        api.push(
            "handler",
            [laptop.op("handler", "complaints", complaint_id, "complaint.close", unfounded)],
        )
    )
    assert refused["code"] == "complaint.explanation_required"
    laptop.versions[complaint_id] = 2
    api.accept(
        "handler",
        laptop.op(
            "handler",
            "complaints",
            complaint_id,
            "complaint.close",
            {**unfounded, "explanation": "窗口已按规定一次告知"},
        ),
    )
    again = one(
        api.push(
            "handler",
            [
                laptop.op(
                    "handler",
                    "complaints",
                    complaint_id,
                    "complaint.close",
                    {**unfounded, "explanation": "再办结一次"},
                )
            ],
        )
    )
    assert again["code"] == "complaint.closed"
    assert record(engine, "complaints", complaint_id).data["state"] == "closed"


@pytest.mark.parametrize(
    ("mutate", "code"),
    [
        (lambda op: op.update(entity="users", action="user.create"), "entity.not_synced"),
        (lambda op: op.update(entity="key_material", action="keys.grant"), "entity.not_synced"),
        (lambda op: op.update(entity="widgets"), "entity.unknown"),
        (lambda op: op.update(action="plan.teleport"), "action.unknown"),
        (lambda op: op.update(action="visit.open"), "action.unknown"),
        (lambda op: op["changes"].update(colour="red"), "op.field_not_allowed"),
        (lambda op: op["changes"].pop("title"), "op.missing_field"),
        (lambda op: op["changes"].update(major="yes"), "op.field_type"),
        (lambda op: op["changes"].update(starts_on="2026-02-30"), "op.field_type"),
        (lambda op: op["changes"].update(team_ids="insp_a"), "op.field_type"),
        (lambda op: op["changes"].update(scope="a\x00b"), "op.bad_value"),
        (lambda op: op["changes"].update(profile_id="atlantis-2030"), "profile.unknown"),
        (lambda op: op["changes"].update(kind="secret_police"), "plan.unknown_kind"),
        (lambda op: op["changes"].update(state="approved"), "plan.wrong_state"),
        (lambda op: op["changes"].update(author_id=uid("insp_b")), "op.author"),
        (
            lambda op: op["changes"].update(office_id="0190a000-0000-7000-8000-00000000b001"),
            "op.office",
        ),
        (lambda op: op.update(base_version=3), "op.base_version"),
        (lambda op: op.update(device_id=DEVICE_2), "op.device"),
        (lambda op: op.update(user_id=None), "op.no_author"),
        (lambda op: op.update(hlc=op["hlc"][:19] + "another-device"), "op.hlc"),
    ],
)
def test_malformed_ops_are_rejected_with_a_code(
    api: Api, laptop: Laptop, mutate: Any, code: str
) -> None:
    op = laptop.op("insp_a", PLANS, new_id(), "plan.create", plan_changes())
    mutate(op)
    result = one(api.push("insp_a", [op]))
    assert (result["status"], result["code"]) == ("rejected", code), result
    assert result["reason"]


def test_a_change_to_a_record_the_server_does_not_have(api: Api, laptop: Laptop) -> None:
    result = one(
        api.push(
            "insp_a",
            [laptop.op("insp_a", PLANS, new_id(), "plan.update", {"scope": "x"}, base_version=1)],
        )
    )
    assert (result["status"], result["code"]) == ("rejected", "record.unknown")
    created_twice = laptop.op("insp_a", PLANS, new_id(), "plan.create", plan_changes())
    api.accept("insp_a", created_twice)
    again = dict(created_twice, op_id=new_id())
    result = one(api.push("insp_a", [again]))
    assert (result["code"], result["reason"]) == (
        "conflict.base_version",
        "conflict: base_version 0, server has 1",
    )


def test_ops_of_another_user_are_deferred_not_logged(
    api: Api, laptop: Laptop, engine: Engine
) -> None:
    plan_id = new_id()
    by_b = laptop.op("insp_b", PLANS, plan_id, "plan.create", plan_changes(author="insp_b"))
    then_a = laptop.op("insp_a", PLANS, plan_id, "plan.update", {"scope": "补充"})
    unrelated = laptop.op("insp_a", PLANS, new_id(), "plan.create", plan_changes())
    results = api.push("insp_a", [by_b, then_a, unrelated])
    assert [(r["status"], r["code"]) for r in results] == [
        ("deferred", "op.other_user"),
        ("deferred", "op.after_deferred"),
        ("accepted", ""),
    ]
    with Session(engine) as db:
        assert db.scalar(select(Op).where(Op.op_id == by_b["op_id"])) is None
    api.accept("insp_b", by_b)
    api.accept("insp_a", then_a)
    assert record(engine, PLANS, plan_id).data["scope"] == "补充"


# --------------------------------------------------- conflicts and merges


def test_free_text_merges_last_writer_wins_by_hlc(api: Api, laptop: Laptop, engine: Engine) -> None:
    plan_id = make_plan(api, laptop, until="draft")
    base = now_ms()
    other = Laptop(device_id=DEVICE_2)
    # both laptops edit the scope offline from version 1; the second laptop wrote later
    early = laptop.op(
        "insp_a",
        PLANS,
        plan_id,
        "plan.update",
        {"scope": "甲的范围"},
        base_version=1,
        at_ms=base + 1000,
    )
    late = other.op(
        "insp_b",
        PLANS,
        plan_id,
        "plan.update",
        {"scope": "乙的范围"},
        base_version=1,
        at_ms=base + 2000,
    )
    api.accept("insp_b", late, device=DEVICE_2)
    merged = one(api.push("insp_a", [early]))
    assert (merged["status"], merged["code"]) == ("accepted", "merged")
    assert "scope" in merged["reason"]  # the server kept its newer value
    plan = record(engine, PLANS, plan_id)
    assert plan.data["scope"] == "乙的范围" and plan.version == 2
    # a newer write from a stale base wins the field, and says it merged
    newer = laptop.op(
        "insp_a",
        PLANS,
        plan_id,
        "plan.update",
        {"scope": "甲的新范围", "method": "甲的方法"},
        base_version=1,
        at_ms=base + 3000,
    )
    result = one(api.push("insp_a", [newer]))
    assert (result["status"], result["code"], result["version"]) == ("accepted", "merged", 3)
    plan = record(engine, PLANS, plan_id)
    assert (plan.data["scope"], plan.data["method"]) == ("甲的新范围", "甲的方法")
    # not free text (the title): a stale base is a conflict, never a merge
    title = other.op(
        "insp_b",
        PLANS,
        plan_id,
        "plan.update",
        {"title": "新标题", "scope": "乙"},
        base_version=2,
        at_ms=base + 9000,
    )
    conflict = one(api.push("insp_b", [title], device=DEVICE_2))
    assert (conflict["status"], conflict["code"]) == ("rejected", "conflict.base_version")
    assert conflict["reason"] == "conflict: base_version 2, server has 3"


def test_a_laptop_clock_a_day_behind_loses_free_text_but_keeps_evidence(
    api: Api, laptop: Laptop, engine: Engine
) -> None:
    plan_id = make_plan(api, laptop)
    visit_id = new_id()
    api.accept(
        "insp_a",
        laptop.op(
            "insp_a",
            "visits",
            visit_id,
            "visit.open",
            visit_changes(plan_id, visit_id, ["insp_a", "insp_b"]),
        ),
    )
    behind = Laptop(device_id=DEVICE_2, offset_ms=-DAY_MS)
    api.accept(
        "insp_a",
        laptop.op("insp_a", "visits", visit_id, "visit.update", {"observations": "准确的记录"}),
    )
    stale = behind.op(
        "insp_b",
        "visits",
        visit_id,
        "visit.update",
        {"observations": "过时的记录", "interviews": "谈话一次"},
        base_version=1,
    )
    evidence = behind.op(
        "insp_b",
        "visits",
        visit_id,
        "visit.add_evidence",
        {
            "evidence": [
                {
                    "id": new_id(),
                    "visit_id": visit_id,
                    "kind": "photo",
                    "filename": "a.jpg",
                    "sha256": "c" * 64,
                    "size": 10,
                    "added_by": uid("insp_b"),
                    "added_at": "2026-09-21T01:00:00+00:00",
                }
            ]
        },
        base_version=2,
    )
    results = api.push("insp_b", [stale, evidence], device=DEVICE_2)
    assert [(r["status"], r["code"]) for r in results] == [("accepted", "merged")] * 2
    visit = record(engine, "visits", visit_id)
    assert visit.data["observations"] == "准确的记录"  # the older stamp lost this field
    assert visit.data["interviews"] == "谈话一次"  # nobody else wrote this one
    assert len(visit.data["evidence"]) == 1


def test_concurrent_pushes_get_distinct_ordered_sequence_numbers(api: Api, engine: Engine) -> None:
    laptops = [Laptop() for _ in range(4)]
    for lap in laptops:
        lap.stamp()
    batches = [
        [lap.op("insp_a", PLANS, new_id(), "plan.create", plan_changes()) for _ in range(10)]
        for lap in laptops
    ]
    headers = api.login("insp_a")
    results: list[list[dict[str, Any]]] = []
    lock = threading.Lock()

    def push(batch: list[dict[str, Any]]) -> None:
        response = api.client.post(
            "/sync/push", json={"device_id": batch[0]["device_id"], "ops": batch}, headers=headers
        )
        assert response.status_code == 200, response.text
        with lock:
            results.append(response.json()["results"])

    threads = [threading.Thread(target=push, args=(b,)) for b in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seqs = [r["seq"] for batch in results for r in batch]
    assert all(r["status"] == "accepted" for batch in results for r in batch)
    assert len(set(seqs)) == 40
    for batch in results:  # a batch is one transaction: its seqs are contiguous
        own = [r["seq"] for r in batch]
        assert own == sorted(own) and own[-1] - own[0] == 9
    pulled = api.pull_all("insp_c", limit=7)
    assert sorted(o["seq"] for o in pulled) == sorted(seqs)


def test_a_secret_plan_is_unknown_to_those_who_may_not_see_it(api: Api, laptop: Laptop) -> None:
    secret = make_plan(api, laptop, kind="unannounced", until="submitted")
    outsider = one(
        api.push(
            "sup_b",  # a supervisor of another office
            [
                laptop.op(
                    "sup_b",
                    PLANS,
                    secret,
                    "plan.approve",
                    {"state": "approved", "approvals": [approval(secret, "sup_b")]},
                )
            ],
        )
    )
    assert (outsider["status"], outsider["code"]) == ("rejected", "record.unknown")
    laptop.versions[secret] = 2
    api.accept(
        "sup",
        laptop.op(
            "sup",
            PLANS,
            secret,
            "plan.approve",
            {"state": "approved", "approvals": [approval(secret, "sup")]},
        ),
    )
    visit_id = new_id()
    off_team = one(
        api.push(
            "insp_c",
            [
                laptop.op(
                    "insp_c",
                    "visits",
                    visit_id,
                    "visit.open",
                    visit_changes(secret, visit_id, ["insp_c", "insp_a"]),
                )
            ],
        )
    )
    assert (off_team["status"], off_team["code"]) == ("rejected", "record.unknown")


def test_non_finite_numbers_in_changes_are_refused(api: Api, laptop: Laptop) -> None:
    op = laptop.op("insp_a", PLANS, new_id(), "plan.create", plan_changes())
    body = json.dumps({"device_id": op["device_id"], "ops": [op]}).replace(
        '"special_item": null', '"special_item": NaN'
    )
    assert "NaN" in body
    response = api.client.post(
        "/sync/push",
        content=body,
        headers={**api.login("insp_a"), "content-type": "application/json"},
    )
    assert response.status_code == 200
    assert response.json()["results"][0]["code"] == "op.bad_value"
