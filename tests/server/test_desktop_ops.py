"""Ops made by the real laptop code (``desktop.services`` on a temporary store)
pushed to the server: accepted as they are, and no plaintext identity ends up
anywhere in the server's database or logs."""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from sqlalchemy import Engine, MetaData, select
from sqlalchemy.orm import Session

from desktop.crypto import (
    ComplainantIdentity,
    SealedIdentity,
    open_identity,
)
from desktop.domain.common import Role
from desktop.resources import load_profile
from desktop.services import (
    auth as desktop_auth,
    complaints,
    decisions,
    plans,
    rectifications,
    visits,
)
from desktop.services.auth import UserSession, sign_in
from desktop.services.base import Context
from desktop.store.db import open_store
from desktop.store.ids import new_id
from desktop.store.models import (
    Complaint,
    Decision,
    InspectionPlan,
    OutboxOp,
    Visit,
)
from server import accounts
from server.models import Record
from server.numbers import NumberBlock
from tests.pg import pg_server
from tests.sync.support import seed_office

from .support import PASSWORD, Api

LAPTOP_DEVICE = "0190a000-0000-7000-8000-0000000000e1"
# 2026-09-21 09:00 in China (UTC+8), as in the service tests.
START = dt.datetime(2026, 9, 21, 1, 0, tzinfo=dt.UTC)
LAPTOP_USERS = {
    "l_admin": (Role.ADMINISTRATOR,),
    "l_insp_a": (Role.INSPECTOR,),
    "l_insp_b": (Role.INSPECTOR,),
    "l_sup": (Role.SUPERVISOR,),
    "l_head": (Role.OFFICE_HEAD,),
    "l_handler": (Role.COMPLAINT_HANDLER,),
}
# The demo's complainant (desktop/demo.py): these must never reach the server in clear.
LIN = ComplainantIdentity(
    name="林晓梅",
    id_number="350102199003076721",
    phone="13905912345",
    address="福州市鼓楼区五四路 88 号",
    notes="来电称窗口多次要求补交材料",
)
SECRETS = ("林晓梅", "350102199003076721", "13905912345")


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now


@dataclass
class LaptopStore:
    """A laptop's store with an office, its users and the office keys."""

    ctx: Context
    users: dict[str, str]
    office: str
    province_office: str
    agency: str
    official: str

    def login(self, name: str) -> UserSession:
        return sign_in(self.ctx, name, PASSWORD)

    def outbox(self) -> list[dict[str, Any]]:
        with self.ctx.transaction() as db:
            rows = db.scalars(select(OutboxOp).order_by(OutboxOp.seq))
            return [
                {
                    "op_id": r.op_id,
                    "entity": r.entity,
                    "entity_id": r.entity_id,
                    "action": r.action,
                    "changes": r.changes,
                    "base_version": r.base_version,
                    "hlc": r.hlc,
                    "device_id": r.device_id,
                    "user_id": r.user_id,
                }
                for r in rows
            ]

    def version(self, model: Any, record_id: str) -> int:
        with self.ctx.transaction() as db:
            row = db.get(model, record_id)
            assert row is not None
            return int(row.version)


@pytest.fixture
def laptop_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LaptopStore]:
    monkeypatch.setattr(desktop_auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=64))
    store = open_store(tmp_path / "laptop")
    ctx = Context(store, LAPTOP_DEVICE, load_profile("fujian-2024"), clock=Clock())
    with ctx.transaction() as db:
        office = seed_office(ctx, db, LAPTOP_USERS)
    yield LaptopStore(
        ctx=ctx,
        users=office.users,
        office=office.city_office,
        province_office=office.province_office,
        agency=office.agency,
        official=office.official,
    )
    store.close()


def mirror_users(app: FastAPI, laptop: LaptopStore) -> None:
    """The server's accounts for the laptop's people, with the same ids."""
    with app.state.sessions.begin() as db:
        for name, roles in LAPTOP_USERS.items():
            accounts.create_user(
                db,
                username=name,
                display_name=name,
                password=PASSWORD,
                roles=roles,
                office_id=laptop.office,
                user_id=laptop.users[name],
            )


def give_blocks(api: Api, app: FastAPI, laptop: LaptopStore, ops: list[dict[str, Any]]) -> None:
    """This laptop worked alone, its local counter numbering from 1: on the
    server those serials become its device's blocks (``server.numbers``), as
    if it had asked for them before signing off."""
    api.login("l_head", LAPTOP_DEVICE)  # registers the device
    series = {
        (o["changes"]["prefix"], o["changes"]["year"])
        for o in ops
        if o["action"] == "document.sign_off"
    }
    with app.state.sessions.begin() as db:
        for prefix, year in series:
            db.add(
                NumberBlock(
                    id=new_id(),
                    request_id=new_id(),
                    prefix=prefix,
                    year=year,
                    first_serial=1,
                    last_serial=10,
                    device_id=LAPTOP_DEVICE,
                    user_id=laptop.users["l_head"],
                    issued_at=dt.datetime.now(dt.UTC),
                )
            )


def push_outbox(api: Api, laptop: LaptopStore, ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Push the ops in outbox order, each run of one author's ops in one batch
    under that author's session (ops without an author under the admin's)."""
    names = {uid: name for name, uid in laptop.users.items()}
    results: list[dict[str, Any]] = []
    batch: list[dict[str, Any]] = []
    author: str | None = None
    for op in [*ops, None]:
        who = None if op is None else names.get(op["user_id"] or "", "l_admin")
        if batch and (op is None or who != author):
            assert author is not None
            results.extend(api.push(author, batch, device=LAPTOP_DEVICE))
            batch = []
        if op is not None:
            author = who
            batch.append(op)
    return results


def dump_database(engine: Engine) -> bytes:
    """Every row of every table, as text (both backends)."""
    metadata = MetaData()
    metadata.reflect(engine)
    lines: list[str] = []
    with Session(engine) as db:
        for table in metadata.sorted_tables:
            for row in db.execute(select(table)):
                lines.append(f"{table.name}: {tuple(row)!r}")
    return "\n".join(lines).encode("utf-8")


def raw_database(db_url: str) -> bytes:
    """The database as the disk or pg_dump sees it."""
    if db_url.startswith("sqlite"):
        path = Path(db_url.removeprefix("sqlite:///"))
        chunks = [path.read_bytes()]
        for suffix in ("-wal", "-shm"):
            extra = Path(f"{path}{suffix}")
            if extra.exists():
                chunks.append(extra.read_bytes())
        return b"".join(chunks)
    pg_dump = pg_server.find_bindir() / "pg_dump"
    dsn = db_url.replace("postgresql+psycopg://", "postgresql://", 1)
    result = subprocess.run(
        [str(pg_dump), "--no-owner", f"--dbname={dsn}"],
        capture_output=True,
        check=True,
        timeout=60,
    )
    assert b"CREATE TABLE public.ops" in result.stdout
    return result.stdout


def contains(blob: bytes, text: str) -> bool:
    """Whether ``text`` is in ``blob`` as UTF-8 or as JSON \\u escapes."""
    return any(form.encode("utf-8") in blob for form in (text, json.dumps(text)[1:-1]))


def assert_no_plaintext(blob: bytes, where: str) -> None:
    assert contains(blob, "窗口多次要求补交材料"), f"the search does not see {where}"  # control
    for secret in SECRETS:
        assert not contains(blob, secret), f"{secret} found in {where}"


def test_a_complaint_registered_on_a_laptop_never_leaves_plaintext_on_the_server(
    api: Api,
    app: FastAPI,
    engine: Engine,
    laptop_store: LaptopStore,
    db_url: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    mirror_users(app, laptop_store)
    handler = laptop_store.login("l_handler")
    complaint_id = complaints.register_complaint(
        laptop_store.ctx,
        handler,
        channel="hotline_12345",
        received_on=dt.date(2026, 9, 21),
        subject_agency_id=laptop_store.agency,
        matter="窗口多次要求补交材料",
        identity=LIN,
    )
    ops = laptop_store.outbox()
    register = [o for o in ops if o["action"] == "complaint.register"]
    assert len(register) == 1 and register[0]["changes"]["sealed_identity"]
    results = push_outbox(api, laptop_store, ops)
    by_action = {op["action"]: r for op, r in zip(ops, results, strict=True)}
    assert by_action["complaint.register"]["status"] == "accepted", by_action
    assert by_action["user.create"]["code"] == "op.no_author"  # accounts are the server's
    # someone tries to push the identity in clear: refused, nothing stored
    plain = dict(register[0], op_id="0190a000-0000-7000-8000-0000000000f1")
    plain["changes"] = {
        **plain["changes"],
        "name": LIN.name,
        "id_number": LIN.id_number,
        "phone": LIN.phone,
        "address": LIN.address,
    }
    refused = api.push("l_handler", [plain], device=LAPTOP_DEVICE)[0]
    assert (refused["status"], refused["code"]) == ("rejected", "identity.plaintext")

    assert_no_plaintext(dump_database(engine), "the server's tables")
    assert_no_plaintext(raw_database(db_url), "the database files / pg_dump")
    logs = "\n".join(r.getMessage() for r in caplog.records).encode()
    assert logs  # the server did log (a rejected op at least)
    for secret in SECRETS:
        assert not contains(logs, secret), f"{secret} found in the logs"
    with Session(engine) as db:
        stored = db.get(Record, ("complaints", complaint_id))
        assert stored is not None and stored.data["sealed_identity"]

    # the handler's laptop opens what it pulls back; a supervisor gets no ciphertext
    pulled = [o for o in api.pull_all("l_handler") if o["entity_id"] == complaint_id]
    sealed = SealedIdentity.from_bytes(base64.b64decode(pulled[0]["changes"]["sealed_identity"]))
    assert handler.private_key is not None
    opened = open_identity(sealed, handler.user_id, handler.private_key, record_id=complaint_id)
    assert (opened.name, opened.id_number, opened.phone) == (LIN.name, LIN.id_number, LIN.phone)
    for op in api.pull_all("l_sup"):
        assert "sealed_identity" not in op["changes"]


def test_a_whole_office_day_made_by_the_laptop_is_accepted(
    api: Api, app: FastAPI, engine: Engine, laptop_store: LaptopStore, tmp_path: Path
) -> None:
    mirror_users(app, laptop_store)
    lap = laptop_store
    ctx = lap.ctx
    insp_a, sup, head, handler = (
        lap.login("l_insp_a"),
        lap.login("l_sup"),
        lap.login("l_head"),
        lap.login("l_handler"),
    )
    day = dt.date(2026, 9, 21)
    # plan → visit with two inspectors → report → close
    plan_id = plans.create_plan(
        ctx,
        insp_a,
        title="窗口服务专项督查",
        kind="focus",
        subject_agency_id=lap.agency,
        scope="窗口服务",
        method="查阅资料",
        starts_on=day,
        ends_on=day + dt.timedelta(days=30),
        team_ids=[lap.users["l_insp_a"], lap.users["l_insp_b"]],
    )
    plans.update_plan(ctx, insp_a, plan_id, scope="窗口服务与办件时限")
    plans.submit_plan(ctx, insp_a, plan_id)
    plans.approve_plan(ctx, sup, plan_id)
    both = [("l_insp_a", PASSWORD), ("l_insp_b", PASSWORD)]
    visit_id = visits.open_visit(
        ctx,
        insp_a,
        plan_id,
        visited_on=day,
        place="市民服务中心",
        announced=True,
        identity_shown=True,
        confirmations=both,
    )
    visits.update_visit(ctx, insp_a, visit_id, observations="排队较长", interviews="谈话两人")
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8 not really a jpeg")
    visits.add_evidence(ctx, insp_a, visit_id, photo, "photo")
    visits.finalise_visit(ctx, insp_a, visit_id, both)
    plans.report_plan(ctx, insp_a, plan_id, "发现问题两项")
    plans.close_plan(ctx, sup, plan_id)
    # complaint → route → extend → close
    complaint_id = complaints.register_complaint(
        ctx,
        handler,
        channel="hotline_12345",
        received_on=day,
        subject_agency_id=lap.agency,
        matter="办事难",
        identity=LIN,
    )
    complaints.route_complaint(
        ctx,
        handler,
        complaint_id,
        mode="transfer",
        handler_agency_id=lap.agency,
        time_limit=day + dt.timedelta(days=5),
        requirements="五日内报告",
    )
    complaints.extend_complaint(
        ctx,
        handler,
        complaint_id,
        approver_username="l_head",
        approver_password=PASSWORD,
        reason="情况复杂",
    )
    complaints.close_complaint(
        ctx,
        handler,
        complaint_id,
        result="founded",
        explanation="",
        reply_channel="hotline_12345",
        reply="已督促整改",
        follow_up=["rectification"],
    )
    # decision → sign (with its number) → receipt → publish → appeal → decided
    decision_id = decisions.draft_decision(
        ctx,
        sup,
        decider_id=lap.office,
        subject_kind="official",
        subject_agency_id=lap.agency,
        subject_official_id=lap.official,
        ground_ids=["fj36_1_3"],
        measure_ids=["efficiency_warning"],
        facts="推诿扯皮",
    )
    decisions.sign_decision(ctx, head, decision_id, decided_on=day)
    decisions.record_receipt(ctx, sup, decision_id, day)
    decisions.publish_decision(ctx, sup, decision_id)
    appeal_id = decisions.register_appeal(
        ctx,
        sup,
        decision_id,
        received_on=day,
        body_id=lap.province_office,
        written=True,
        grounds=["事实不清"],
    )
    decisions.decide_appeal(
        ctx, head, appeal_id, decided_on=day, outcome="revoked", reasons="证据不足"
    )
    rectification_id = rectifications.issue_rectification(
        ctx, sup, kind="requirement", agency_id=lap.agency, content="限期整改", issued_on=day
    )
    rectifications.record_follow_up(
        ctx, insp_a, rectification_id, follow_up="已整改到位", state="done"
    )
    decisions.set_rating(ctx, sup, lap.agency, 2025, "良好")

    ops = [o for o in lap.outbox() if o["user_id"] is not None]
    give_blocks(api, app, lap, ops)
    results = push_outbox(api, lap, ops)
    refused = [
        (o["action"], r) for o, r in zip(ops, results, strict=True) if r["status"] != "accepted"
    ]
    assert refused == []
    assert {o["action"] for o in ops} == {
        "plan.create",
        "plan.update",
        "plan.submit",
        "plan.approve",
        "plan.start",
        "plan.report",
        "plan.close",
        "visit.open",
        "visit.update",
        "visit.add_evidence",
        "visit.finalise",
        "complaint.register",
        "complaint.route",
        "complaint.extend",
        "complaint.close",
        "decision.draft",
        "document.sign_off",
        "decision.sign",
        "decision.receipt",
        "decision.publish",
        "appeal.register",
        "appeal.decide",
        "rectification.issue",
        "rectification.follow_up",
        "rating.set",
    }
    # the server's version of each record is the laptop's
    for entity, model, record_id in (
        ("inspection_plans", InspectionPlan, plan_id),
        ("visits", Visit, visit_id),
        ("complaints", Complaint, complaint_id),
        ("decisions", Decision, decision_id),
    ):
        with Session(engine) as db:
            record = db.get(Record, (entity, record_id))
            assert record is not None
            assert record.version == lap.version(model, record_id), entity
    with Session(engine) as db:
        plan = db.get(Record, ("inspection_plans", plan_id))
        assert plan is not None and plan.data["state"] == "closed"
        assert plan.data["scope"] == "窗口服务与办件时限"
        decision = db.get(Record, ("decisions", decision_id))
        assert decision is not None and decision.natural_key == "闽效问〔2026〕1号"
    # pushing the whole outbox again changes nothing
    again = push_outbox(api, lap, ops)
    assert {r["status"] for r in again} == {"duplicate"}
