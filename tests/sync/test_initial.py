"""A user's first sync on a laptop (desktop.sync.initial): the records as the
server has them, page by page (GET /sync/snapshot), against the real server on
PostgreSQL and SQLite. It reaches the server's state, keeps copies an op after
it folds onto, lists a complaint's history, moves the clock past the server's
stamps, and loses nothing when a record cannot be written yet or a page is bad.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import httpx
import pytest
from sqlalchemy import select, text

from desktop.services import complaints, directory, plans
from desktop.store.hlc import Hlc
from desktop.store.models import Base, Complaint, Official, OutboxOp, SyncRecord, SyncState
from desktop.sync import engine
from desktop.sync.engine import sync_once
from desktop.sync.errors import SyncProtocolError
from desktop.sync.records import ENTITIES, IDENTITY_FIELDS as IDENTITY
from server.sync.snapshot import ORDER

from .support import Laptop, LiveServer
from .test_two_laptops import new_plan, register_lin, same_everywhere

MakeLaptop = Callable[[str], Laptop]
ENTITIES_MADE = ("agencies", "officials", "complaints", "inspection_plans")
OPEN_ENTITIES = ("agencies", "officials", "inspection_plans")


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages of 4: a first sync here takes several."""
    monkeypatch.setattr(engine, "SNAPSHOT_LIMIT", 4)


def office_work(a: Laptop) -> dict[str, list[str]]:
    """A's records of several kinds, synced: agencies (one under another),
    officials, complaints (one with its identity), plans."""
    admin = a.login("s_admin")
    parent = directory.create_agency(a.ctx, admin, name="市场监管局", kind="agency", level=2)
    child = directory.create_agency(
        a.ctx, admin, name="市场监管局鼓楼分局", kind="agency", level=3, parent_id=parent
    )
    officials = [
        directory.create_official(
            a.ctx, admin, name=f"工作人员{n}", agency_id=child, position="科员", is_head=n == 0
        )
        for n in range(9)
    ]
    made = {
        "agencies": [parent, child],
        "officials": officials,
        "complaints": [register_lin(a)],
        "inspection_plans": [new_plan(a, f"专项督查{n}") for n in range(3)],
    }
    for user in ("s_admin", "s_handler", "s_insp_a"):
        assert a.sync(user).rejected == 0
    return made


def test_order_puts_each_entity_after_those_its_records_refer_to() -> None:
    """The server's snapshot order (server.sync.snapshot.ORDER) is every
    synced entity, each after the tables its laptop rows refer to."""
    assert set(ORDER) == set(ENTITIES)
    tables = {kind.model.__tablename__: entity for entity, kind in ENTITIES.items()}
    for entity, kind in ENTITIES.items():
        for key in Base.metadata.tables[kind.model.__tablename__].foreign_keys:
            target = tables.get(key.column.table.name)
            if target is not None and target != entity:
                assert ORDER.index(target) < ORDER.index(entity), (entity, target)


def test_a_first_sync_in_pages_reaches_the_servers_state_and_keeps_copies(
    live_server: LiveServer, make_laptop: MakeLaptop, small_pages: None
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    made = office_work(a)
    report = sync_once(b.ctx, b.login("s_sup"), b.client("s_sup"))
    records = live_server.records(ENTITIES_MADE)
    assert report.pulled == len(records) > 8  # several pages
    same_everywhere(live_server, OPEN_ENTITIES, a, b)  # (complaints: without identity)
    # each copy is the server's record, every field set by its last op
    with b.ctx.transaction() as db:
        copies = {(c.entity, c.entity_id): c for c in db.scalars(select(SyncRecord))}
        state = db.get(SyncState, (b.ctx.device_id, b.login("s_sup").user_id))
        assert state is not None and (state.snapshot_after, state.snapshot_cursor) == (None, None)
        assert state.cursor == live_server.max_seq()
    for entity, record_id, version, data in records:
        copy = copies[(entity, record_id)]
        seen = {k: v for k, v in data.items() if entity != "complaints" or k not in IDENTITY}
        assert (copy.version, copy.data) == (version, seen)
        assert copy.field_seqs == dict.fromkeys(seen, copy.seq)
    # a later op on a record B took whole folds onto its copy
    plans.update_plan(
        a.ctx, a.login("s_insp_a"), made["inspection_plans"][0], scope="窗口服务与办件时限"
    )
    a.sync("s_insp_a")
    assert b.sync("s_sup").pulled == 1
    same_everywhere(live_server, OPEN_ENTITIES, a, b)
    # and B's handler, whose first sync it is too, gets the identity half
    b.sync("s_handler")
    same_everywhere(live_server, ENTITIES_MADE, a, b)
    opened = complaints.reveal_identity(b.ctx, b.login("s_handler"), made["complaints"][0])
    assert opened.name == "林晓梅"


def test_a_complaint_taken_whole_shows_who_did_what_on_it(
    live_server: LiveServer, make_laptop: MakeLaptop
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    complaint_id = register_lin(a)
    a.sync("s_handler")
    b.sync("s_sup")
    history = complaints.complaint_history(b.ctx, b.login("s_sup"), complaint_id)
    assert [(h.action, h.user_name) for h in history] == [("complaint.register", "s_handler")]
    # another user's first sync on B lists it once, not twice
    b.sync("s_handler")
    history = complaints.complaint_history(b.ctx, b.login("s_sup"), complaint_id)
    assert [h.action for h in history] == ["complaint.register"]


def test_a_record_refused_in_bulk_is_kept_and_written_when_it_can_be(
    live_server: LiveServer, make_laptop: MakeLaptop
) -> None:
    """B does not know the handler who registered a complaint: that record
    waits (its copy says why), every other record is written."""
    a, b = make_laptop("a"), make_laptop("b")
    complaint_id = register_lin(a)
    a.sync("s_handler")
    handler = a.office.users["s_handler"]
    b.login("s_sup")
    with b.ctx.store.engine.begin() as conn:
        user = conn.execute(text("SELECT * FROM users WHERE id = :i"), {"i": handler}).mappings()
        saved = dict(user.one())
        roles = conn.execute(
            text("SELECT * FROM user_roles WHERE user_id = :i"), {"i": handler}
        ).mappings()
        saved_roles = [dict(r) for r in roles]
        conn.execute(text("DELETE FROM user_roles WHERE user_id = :i"), {"i": handler})
        conn.execute(text("DELETE FROM users WHERE id = :i"), {"i": handler})
    report = sync_once(b.ctx, b.login("s_sup"), b.client("s_sup"))
    assert report.parked == 1
    with b.ctx.transaction() as db:
        assert db.get(Complaint, complaint_id) is None
        copy = db.get(SyncRecord, ("complaints", complaint_id))
        assert copy is not None and "本机没有" in copy.problem
        assert db.scalar(select(Official.id).limit(1)) is not None  # the rest went in
    with b.ctx.store.engine.begin() as conn:
        columns = ", ".join(saved)
        conn.execute(
            text(f"INSERT INTO users ({columns}) VALUES ({', '.join(':' + k for k in saved)})"),
            saved,
        )
        for role in saved_roles:
            conn.execute(text("INSERT INTO user_roles VALUES (:user_id, :role)"), role)
    assert sync_once(b.ctx, b.login("s_sup"), b.client("s_sup")).parked == 0
    with b.ctx.transaction() as db:
        complaint = db.get(Complaint, complaint_id)
        assert complaint is not None and complaint.matter == "窗口多次要求补交材料"
        copy = db.get(SyncRecord, ("complaints", complaint_id))
        assert copy is not None and copy.problem == ""


def test_the_clock_moves_past_the_servers_newest_stamp(
    live_server: LiveServer, make_laptop: MakeLaptop
) -> None:
    """B's clock is a day behind: after its first sync, its next op is
    stamped after every op the server had (so its edits win by HLC)."""
    a, b = make_laptop("a"), make_laptop("b")
    plan_id = new_plan(a)
    a.sync("s_insp_a")
    b.clock.advance(days=-1)
    b.sync("s_insp_b")
    plans.update_plan(b.ctx, b.login("s_insp_b"), plan_id, scope="乙改的范围")
    with a.ctx.transaction() as db:
        stamps = [Hlc.parse(o.hlc) for o in db.scalars(select(OutboxOp))]
    with b.ctx.transaction() as db:
        mine = db.scalars(select(OutboxOp).where(OutboxOp.entity_id == plan_id)).all()
    assert Hlc.parse(mine[-1].hlc) > max(stamps)


class BrokenSnapshot(httpx.BaseTransport):
    """The real server, except a snapshot page with a record that is not one."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/sync/snapshot":
            body = {"records": [{"entity": "x"}], "cursor": 1, "hlc": "", "next": None}
            return httpx.Response(200, json={**body, "more": False}, request=request)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def test_a_malformed_page_writes_nothing_and_the_next_sync_starts_again(
    live_server: LiveServer, make_laptop: MakeLaptop
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    new_plan(a)
    a.sync("s_insp_a")
    client = b.client("s_insp_b", transport=BrokenSnapshot())
    with pytest.raises(SyncProtocolError):
        sync_once(b.ctx, b.login("s_insp_b"), client)
    client.close()
    with b.ctx.transaction() as db:
        assert db.scalar(select(SyncRecord.entity).limit(1)) is None
        state = db.get(SyncState, (b.ctx.device_id, b.login("s_insp_b").user_id))
        assert state is not None and state.cursor == 0
    b.sync("s_insp_b")
    same_everywhere(live_server, ("inspection_plans",), a, b)


def test_a_first_sync_of_an_empty_server_takes_one_request_and_pulls(
    live_server: LiveServer, make_laptop: MakeLaptop
) -> None:
    b = make_laptop("b")
    report = sync_once(b.ctx, b.login("s_insp_b"), b.client("s_insp_b"))
    assert (report.pulled, report.applied) == (0, 0)
    assert dt.datetime.now(dt.UTC) >= report.started_at
