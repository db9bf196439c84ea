"""Fault tests through real sockets: a sync cut by a TCP proxy at every step
(sign-in, each push batch, each pull page, the key fetch) and at every point of
a request (before it reaches the server, after the server handled it but
before any answer byte, half-way through the answer); the real server started
as its own process (``python -m server``) and killed with SIGKILL while it
applies a push; two laptops editing one complaint offline; a laptop clock a
day behind.

After each: no operation lost (every op of every laptop is ``pushed`` there
and ``accepted`` in the server's op log), none applied twice (each record's
version on the server is the number of its accepted ops, each op applied at
most once on a laptop), and the laptops and the server have the same state hash.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import os
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, select, text
from sqlalchemy.orm import Session

from desktop.services import complaints, plans, sync as sync_service
from desktop.store.models import Complaint, NumberBlock as LaptopBlock, SyncState
from desktop.sync import engine
from desktop.sync.engine import PUSH_BATCH, sync_once
from desktop.sync.errors import SyncUnavailable
from desktop.sync.state import hash_records
from server.db import _PUBLISH_LOCK, make_engine
from server.models import Op, Record
from server.numbers import NumberBlock as ServerBlock
from tests.e2e.support import ServerProcess
from tests.pg import Cluster

from .proxy import Cut, CuttingProxy, Step
from .support import DEVICE_A, DEVICE_B, Laptop, LiveServer, Office, open_laptop, start_server
from .test_two_laptops import LIN, new_plan, plan_row, register_lin
from .test_uploads import local_chain, server_chain

ROOT = Path(__file__).resolve().parents[2]
PLANS = ("inspection_plans",)
PLACEHOLDER_URL = "http://127.0.0.1:9"
_numbers = itertools.count()
OPS_PER_PLAN = 5  # create, three free-text edits, submit
A_PLANS = 50  # laptop A's offline work: 250 ops, three push batches of PUSH_BATCH
#: laptop B's work, on the server before A syncs
B_PLANS = 100
PUSHES = math.ceil(A_PLANS * OPS_PER_PLAN / PUSH_BATCH)
#: A's first sync takes the plans whole (desktop.sync.initial), in pages this
#: small here, so that it is cut between pages too; then pulls from its cursor
SNAPSHOT_PAGE = 80
SNAPSHOTS = math.ceil((A_PLANS + B_PLANS) / SNAPSHOT_PAGE)
LOGIN = Step("POST", "/auth/login")
DIRECTORY = Step("GET", "/directory")  # users and offices, before the pull
KEYS = Step("GET", "/keys/handlers")
#: After the sync, the audit trail goes up (desktop.sync.uploads): the server's
#: head, then A's ~260 entries (one per op of its own, one per page it applied)
#: in one batch (tests/sync/test_uploads.py cuts between batches).
AUDIT_BATCHES = 1
UPLOADS = [
    Step("GET", "/audit/head"),
    *(Step("POST", "/audit/entries", n) for n in range(1, AUDIT_BATCHES + 1)),
]
#: every request of A's sync, in order
STEPS = [
    LOGIN,
    DIRECTORY,
    *(Step("POST", "/sync/push", n) for n in range(1, PUSHES + 1)),
    *(Step("GET", "/sync/snapshot", n) for n in range(1, SNAPSHOTS + 1)),
    Step("GET", "/sync/pull"),
    KEYS,
    *UPLOADS,
]


@pytest.fixture(autouse=True)
def _small_snapshot_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "SNAPSHOT_LIMIT", SNAPSHOT_PAGE)


@dataclass(frozen=True)
class Prepared:
    """A laptop store with one inspector's offline work."""

    folder: Path
    device: str
    user: str
    op_ids: tuple[str, ...]


@dataclass(frozen=True)
class Faults:
    """What every test here starts from: A's store with 250 pending ops; B's
    store whose ops the server has already (database ``template``); both
    laptops pointed at ``hub``, a proxy that stays while servers come and go."""

    hub: CuttingProxy
    a: Prepared
    b: Prepared
    cluster: Cluster
    template: str


def _prepare(
    base: tuple[Path, Office], folder: Path, device: str, user: str, count: int, url: str
) -> Prepared:
    laptop = open_laptop(folder.name, base[0], base[1], folder, device, url)
    try:
        session = laptop.login(user)
        office = laptop.office
        today = laptop.ctx.today()
        made: set[str] = set()
        for n in range(count):
            plan_id = plans.create_plan(
                laptop.ctx,
                session,
                title=f"窗口服务专项督查（{user} {n}）",
                kind="focus",
                subject_agency_id=office.agency,
                scope="窗口服务",
                method="查阅资料",
                starts_on=today + dt.timedelta(days=7),
                ends_on=today + dt.timedelta(days=30),
                team_ids=[office.users["s_insp_a"], office.users["s_insp_b"]],
            )
            plans.update_plan(laptop.ctx, session, plan_id, scope=f"窗口服务与办件时限 {n}")
            plans.update_plan(laptop.ctx, session, plan_id, method=f"查阅资料、个别谈话 {n}")
            plans.update_plan(laptop.ctx, session, plan_id, title=f"营商环境专项督查 {n}")
            plans.submit_plan(laptop.ctx, session, plan_id)
            made.add(plan_id)
        ops = tuple(o.op_id for o in laptop.outbox() if o.entity_id in made)
        assert len(ops) == count * OPS_PER_PLAN
    finally:
        laptop.close()
    return Prepared(folder, device, user, ops)


@pytest.fixture(scope="module")
def faults(
    base_laptop: tuple[Path, Office],
    sync_pg_cluster: Cluster,
    sync_pg_template: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Faults]:
    root = tmp_path_factory.mktemp("faults")
    template = f"xn_faults_{os.getpid()}"
    sync_pg_cluster.drop_database(template)
    sync_pg_cluster.create_database(template, sync_pg_template)
    hub = CuttingProxy(PLACEHOLDER_URL)
    try:
        a = _prepare(base_laptop, root / "a", DEVICE_A, "s_insp_a", A_PLANS, hub.url)
        b = _prepare(base_laptop, root / "b", DEVICE_B, "s_insp_b", B_PLANS, hub.url)
        live = start_server(sync_pg_cluster.url(template))
        try:
            live.mirror(base_laptop[1])
            hub.reset(live.url)
            laptop_b = open_laptop(
                "b", b.folder, base_laptop[1], root / "b-synced", DEVICE_B, hub.url
            )
            try:
                assert laptop_b.sync("s_insp_b").pushed == len(b.op_ids)
            finally:
                laptop_b.close()
        finally:
            live.stop()
            live.engine.dispose()
        yield Faults(hub, a, replace(b, folder=root / "b-synced"), sync_pg_cluster, template)
    finally:
        hub.close()
        sync_pg_cluster.drop_database(template)


@pytest.fixture
def server(faults: Faults) -> Iterator[LiveServer]:
    """The real server on a copy of the template database, behind the hub."""
    name = f"xn_faults_{os.getpid()}_{next(_numbers)}"
    faults.cluster.create_database(name, faults.template)
    try:
        live = start_server(faults.cluster.url(name))
        faults.hub.reset(live.url)
        try:
            yield live
        finally:
            live.stop()
            live.engine.dispose()
    finally:
        faults.cluster.drop_database(name)


@pytest.fixture
def laptops(
    base_laptop: tuple[Path, Office], faults: Faults, tmp_path: Path
) -> Iterator[Callable[[str], Laptop]]:
    """``laptops("a")``: a copy of the prepared laptop, pointed at the hub."""
    made: list[Laptop] = []

    def make(name: str) -> Laptop:
        ready = faults.a if name == "a" else faults.b
        laptop = open_laptop(
            name, ready.folder, base_laptop[1], tmp_path / name, ready.device, faults.hub.url
        )
        made.append(laptop)
        return laptop

    yield make
    for laptop in made:
        laptop.close()


# ------------------------------------------------------------------ checks


def check_nothing_lost_or_doubled(
    source: LiveServer | Session, faults: Faults, *laptops: Laptop
) -> None:
    """Every op of both laptops is pushed there and accepted once on the
    server; each record's server version counts its accepted ops; each op
    applied at most once on each laptop."""
    everything = [*faults.a.op_ids, *faults.b.op_ids]
    for laptop in laptops:
        mine = faults.a.op_ids if laptop.name == "a" else faults.b.op_ids
        status = {o.op_id: o.status for o in laptop.outbox()}
        assert {status[op] for op in mine} == {"pushed"}, laptop.name
        pairs = laptop.applied()
        assert len(pairs) == len(set(pairs)), f"{laptop.name} applied an op twice"
    logged = _logged(source, everything)
    assert len(logged) == len(everything), "ops lost"
    assert {o.status for o in logged} == {"accepted"}
    versions: dict[str, list[int]] = defaultdict(list)
    for o in logged:
        versions[o.entity_id].append(o.version or 0)
    for record_id, seen in versions.items():
        assert sorted(seen) == list(range(1, len(seen) + 1)), record_id
    records = {r[1]: r[2] for r in _records(source)}
    assert all(records[k] == len(v) for k, v in versions.items()), "a record's version is off"
    for laptop in laptops:
        with laptop.ctx.transaction() as db:
            user = laptop.login("s_insp_a" if laptop.name == "a" else "s_insp_b").user_id
            state = db.get(SyncState, (laptop.ctx.device_id, user))
            assert state is not None and state.cursor == max(o.seq for o in logged), laptop.name


def same_state(source: LiveServer | Session, *laptops: Laptop) -> None:
    rows = _records(source)
    assert rows, "nothing to compare"
    server = hash_records(rows)
    for laptop in laptops:
        assert laptop.state_hash(PLANS) == server, laptop.name


def _logged(source: LiveServer | Session, op_ids: list[str]) -> list[Op]:
    if isinstance(source, LiveServer):
        return source.logged(op_ids)
    return list(source.scalars(select(Op).where(Op.op_id.in_(op_ids))))


def _records(source: LiveServer | Session) -> list[tuple[str, str, int, dict[str, Any]]]:
    if isinstance(source, LiveServer):
        return source.records(PLANS)
    rows = source.scalars(select(Record).where(Record.entity.in_(PLANS)))
    return [(r.entity, r.id, r.version, dict(r.data)) for r in rows]


def check_the_laptop_claims_nothing_the_server_lacks(laptop: Laptop, live: LiveServer) -> None:
    pushed = [o.op_id for o in laptop.outbox() if o.status == "pushed"]
    logged = live.logged(pushed)
    assert len(logged) == len(pushed) and {o.status for o in logged} <= {"accepted"}


# ---------------------------------------------------------- cut by a proxy


def test_a_clean_sync_takes_these_steps(
    server: LiveServer, laptops: Callable[[str], Laptop], faults: Faults
) -> None:
    """The steps the cut tests cut: sign-in, the directory, each push, each
    page, the keys. (A request the sync makes that is not in ``STEPS`` fails
    here: add it to ``STEPS`` so that it is cut too.)"""
    assert PUSHES >= 2 and SNAPSHOTS >= 2
    a = laptops("a")
    report = a.sync("s_insp_a")
    assert faults.hub.steps() == STEPS
    total = A_PLANS + B_PLANS  # the plans, whole (the pull from the cursor brings nothing)
    assert (report.pushed, report.duplicates, report.pulled) == (len(faults.a.op_ids), 0, total)
    b = laptops("b")
    b.sync("s_insp_b")
    check_nothing_lost_or_doubled(server, faults, a, b)
    same_state(server, a, b)


def _cut_matrix() -> list[object]:
    return [
        pytest.param(step, point, id=f"{step.path.rsplit('/', 1)[-1]}{step.n}-{point}")
        for step in STEPS
        for point in Cut
    ]


@pytest.mark.parametrize(("step", "point"), _cut_matrix())
def test_a_sync_cut_at_any_step_loses_and_doubles_nothing(
    step: Step,
    point: Cut,
    server: LiveServer,
    laptops: Callable[[str], Laptop],
    faults: Faults,
) -> None:
    hub = faults.hub
    a = laptops("a")
    hub.cut_at(step, point)
    if step == KEYS or step in UPLOADS:  # after the sync itself: it is done
        outcome = sync_service.run_sync(a.ctx, a.login("s_insp_a"), a.client("s_insp_a"))
        assert outcome.handlers_without_key == ()
        assert bool(outcome.uploads.problem) == (step in UPLOADS)
    else:
        with pytest.raises(SyncUnavailable):
            a.sync("s_insp_a")
    assert [(seen.step, cut) for seen, cut in hub.cuts] == [(step, point)]
    check_the_laptop_claims_nothing_the_server_lacks(a, server)

    hub.pass_all()
    report = a.sync("s_insp_a")
    resent = step.path == "/sync/push" and point is not Cut.BEFORE_REQUEST
    cut_batch = min(PUSH_BATCH, len(faults.a.op_ids) - PUSH_BATCH * (step.n - 1))
    assert report.duplicates == (cut_batch if resent else 0)
    assert [e.hash for e in server_chain(server, a.ctx.device_id)] == [
        e.hash for e in local_chain(a)
    ]
    b = laptops("b")
    b.sync("s_insp_b")
    check_nothing_lost_or_doubled(server, faults, a, b)
    same_state(server, a, b)


# ------------------------------------------- number blocks, cut by a proxy

SIGNER = "s_sup"  # signs documents off: the sync tops up their number blocks
BLOCKS = Step("POST", "/numbers/blocks")


def _number_prefixes(laptop: Laptop) -> list[str]:
    return sorted(set(laptop.ctx.profile.documents.number_prefixes.values()))


def _signer_steps(laptop: Laptop) -> list[Step]:
    count = len(_number_prefixes(laptop))
    blocks = [Step(BLOCKS.method, BLOCKS.path, n) for n in range(1, count + 1)]
    first_sync = [Step("GET", "/sync/snapshot"), Step("GET", "/sync/pull")]
    return [LOGIN, DIRECTORY, *first_sync, *blocks, KEYS, *UPLOADS[:2]]


def check_the_blocks_agree(laptop: Laptop, live: LiveServer) -> None:
    """The laptop holds exactly the blocks the server reserved for it: one per
    number prefix this year, none reserved and lost (a gap office-wide)."""
    with laptop.ctx.transaction() as db:
        mine = sorted(
            (b.id, b.prefix, b.year, b.first_serial, b.last_serial)
            for b in db.scalars(select(LaptopBlock))
        )
    with Session(live.engine) as db:
        reserved = sorted(
            (b.id, b.prefix, b.year, b.first_serial, b.last_serial)
            for b in db.scalars(
                select(ServerBlock).where(ServerBlock.device_id == laptop.ctx.device_id)
            )
        )
    assert mine == reserved
    assert sorted(b[1] for b in mine) == _number_prefixes(laptop)


@pytest.mark.parametrize("backend", ["postgresql"])
def test_a_signers_clean_sync_takes_these_steps(
    live_server: LiveServer, make_laptop: Callable[[str], Laptop]
) -> None:
    a = make_laptop("a")
    with CuttingProxy(live_server.url) as proxy:
        sync_service.set_server(a.ctx, a.login("s_admin"), proxy.url)
        outcome = sync_service.run_sync(a.ctx, a.login(SIGNER), a.client(SIGNER))
        assert proxy.steps() == _signer_steps(a)
    assert outcome.numbers.problem == "" and len(outcome.numbers.received) == 8
    check_the_blocks_agree(a, live_server)


@pytest.mark.parametrize("backend", ["postgresql"])
@pytest.mark.parametrize("point", list(Cut))
@pytest.mark.parametrize("n", range(1, 9))
def test_a_number_block_request_cut_leaves_no_gap(
    n: int, point: Cut, live_server: LiveServer, make_laptop: Callable[[str], Laptop]
) -> None:
    a = make_laptop("a")
    assert len(_number_prefixes(a)) == 8
    with CuttingProxy(live_server.url) as proxy:
        sync_service.set_server(a.ctx, a.login("s_admin"), proxy.url)
        proxy.cut_at(Step(BLOCKS.method, BLOCKS.path, n), point)
        outcome = sync_service.run_sync(a.ctx, a.login(SIGNER), a.client(SIGNER))
        assert len(proxy.cuts) == 1
        # the sync is done; the top-up stopped at the cut and says so
        assert len(outcome.numbers.received) == n - 1 and outcome.numbers.problem
        proxy.pass_all()
        again = sync_service.run_sync(a.ctx, a.login(SIGNER), a.client(SIGNER))
    assert again.numbers.problem == ""
    assert len(again.numbers.received) == 8 - (n - 1)
    check_the_blocks_agree(a, live_server)


# --------------------------------------- complaints pushed, cut by a proxy

COMPLAINTS = ("complaints",)
HANDLER = "s_handler"
COMPLAINT_COUNT = PUSH_BATCH + PUSH_BATCH // 5  # two push batches
COMPLAINT_PUSHES = [Step("POST", "/sync/push", n) for n in (1, 2)]


@pytest.fixture(scope="module")
def complaints_laptop(
    base_laptop: tuple[Path, Office], tmp_path_factory: pytest.TempPathFactory
) -> Prepared:
    """A handler registered 120 complaints offline, each with a sealed identity
    (their pushes take the server's side-by-side path, under record locks)."""
    folder = tmp_path_factory.mktemp("faults-complaints") / "a"
    laptop = open_laptop("a", base_laptop[0], base_laptop[1], folder, DEVICE_A, PLACEHOLDER_URL)
    try:
        session = laptop.login(HANDLER)
        for n in range(COMPLAINT_COUNT):
            complaints.register_complaint(
                laptop.ctx,
                session,
                channel="hotline_12345",
                received_on=laptop.ctx.today(),
                subject_agency_id=laptop.office.agency,
                matter=f"窗口多次要求补交材料（{n}）",
                identity=replace(LIN, phone=f"139{n:08d}"),
            )
        ops = tuple(o.op_id for o in laptop.outbox() if o.entity == "complaints")
        assert len(ops) == COMPLAINT_COUNT
    finally:
        laptop.close()
    return Prepared(folder, DEVICE_A, HANDLER, ops)


@pytest.mark.parametrize("backend", ["postgresql"])
@pytest.mark.parametrize("point", list(Cut))
@pytest.mark.parametrize("step", COMPLAINT_PUSHES, ids=lambda s: f"push{s.n}")
def test_complaint_pushes_cut_lose_and_double_nothing(
    step: Step,
    point: Cut,
    live_server: LiveServer,
    make_laptop: Callable[[str], Laptop],
    complaints_laptop: Prepared,
    base_laptop: tuple[Path, Office],
    tmp_path: Path,
) -> None:
    with CuttingProxy(live_server.url) as proxy:
        a = open_laptop(
            "a", complaints_laptop.folder, base_laptop[1], tmp_path / "a", DEVICE_A, proxy.url
        )
        try:
            proxy.cut_at(step, point)
            with pytest.raises(SyncUnavailable):
                a.sync(HANDLER)
            assert len(proxy.cuts) == 1
            check_the_laptop_claims_nothing_the_server_lacks(a, live_server)
            proxy.pass_all()
            report = a.sync(HANDLER)
            resent = PUSH_BATCH if step.n == 1 else COMPLAINT_COUNT - PUSH_BATCH
            assert report.duplicates == (0 if point is Cut.BEFORE_REQUEST else resent)
            b = make_laptop("b")
            b.sync(HANDLER)
            mine = set(complaints_laptop.op_ids)
            assert {o.status for o in a.outbox() if o.op_id in mine} == {"pushed"}
            logged = live_server.logged(list(mine))
            assert len(logged) == COMPLAINT_COUNT
            assert {(o.status, o.version) for o in logged} == {("accepted", 1)}
            server = live_server.state_hash(COMPLAINTS)
            assert a.state_hash(COMPLAINTS) == server == b.state_hash(COMPLAINTS)
            with b.ctx.transaction() as db:
                some = db.scalars(select(Complaint.id).limit(1)).one()
            assert complaints.reveal_identity(b.ctx, b.login(HANDLER), some).name == LIN.name
        finally:
            a.close()


# ------------------------------------------------------- server killed


def _server_waits_for_a_lock(db: Connection, database: str) -> bool:
    """Whether a session on ``database`` waits for an advisory lock (the server's:
    the test's own sessions never wait)."""
    waiting = db.scalar(
        text(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
            " AND database = (SELECT oid FROM pg_database WHERE datname = :name)"
        ),
        {"name": database},
    )
    db.rollback()
    return bool(waiting)


def test_the_server_killed_mid_push_and_restarted_loses_and_doubles_nothing(
    faults: Faults, laptops: Callable[[str], Laptop], tmp_path: Path
) -> None:
    name = f"xn_faults_{os.getpid()}_{next(_numbers)}"
    faults.cluster.create_database(name, faults.template)
    url = faults.cluster.url(name)
    server = ServerProcess(url, tmp_path / "server.log", tmp_path)
    engine = make_engine(url)
    try:
        server.start()
        faults.hub.reset(server.url)
        a = laptops("a")
        insp = a.login("s_insp_a")
        client = a.client("s_insp_a")
        batch = len(faults.a.op_ids)  # all 250 in one push
        failure: list[BaseException] = []

        def push() -> None:
            try:
                sync_once(a.ctx, insp, client, push_batch=batch)
            except BaseException as exc:  # the test's thread checks what it was
                failure.append(exc)

        # The server judges and applies the whole batch in its transaction,
        # then takes the lock that numbers the ops, writes and commits. The
        # test holds that lock: the server, all applied, waits for it and is
        # killed there, its transaction open.
        with engine.connect() as holder:
            holder.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PUBLISH_LOCK})
            pusher = threading.Thread(target=push)
            pusher.start()
            deadline = time.monotonic() + 60
            with engine.connect() as watch:
                while not _server_waits_for_a_lock(watch, name):
                    assert pusher.is_alive(), f"the push ended before the kill: {failure}"
                    assert time.monotonic() < deadline, "the push never reached the server"
                    time.sleep(0.01)
            assert server.process is not None
            server.process.kill()  # SIGKILL in the middle of the push
            server.process.wait(timeout=10)
            holder.rollback()
        pusher.join(timeout=60)
        assert [type(e) for e in failure] == [SyncUnavailable]

        # the batch's transaction died with the server: nothing of it is kept,
        # and the laptop still has every op to send
        with Session(engine) as db:
            assert _logged(db, list(faults.a.op_ids)) == []
        mine = set(faults.a.op_ids)
        assert {o.status for o in a.outbox() if o.op_id in mine} == {"pending"}

        server.start()  # the session survives: it is in the database
        report = a.sync("s_insp_a")
        assert (report.pushed, report.duplicates, report.rejected) == (batch, 0, 0)
        b = laptops("b")
        b.sync("s_insp_b")
        with Session(engine) as db:
            check_nothing_lost_or_doubled(db, faults, a, b)
            same_state(db, a, b)
    finally:
        server.stop()
        engine.dispose()
        faults.cluster.drop_database(name)


# --------------------------------------- one complaint on two laptops offline


def test_two_laptops_routing_one_complaint_offline_end_with_one_routing(
    live_server: LiveServer, make_laptop: Callable[[str], Laptop]
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    complaint_id = register_lin(a)
    a.sync("s_handler")
    b.sync("s_handler")
    # offline: A's handler keeps it (自办); B's supervisor transfers it (转办)
    complaints.route_complaint(a.ctx, a.login("s_handler"), complaint_id, mode="self")
    b.clock.advance(minutes=5)
    complaints.route_complaint(
        b.ctx,
        b.login("s_sup"),
        complaint_id,
        mode="transfer",
        handler_agency_id=b.office.agency,
        time_limit=b.ctx.today() + dt.timedelta(days=5),
        requirements="五日内报告办理结果",
    )
    assert a.sync("s_handler").pushed == 1
    report = b.sync("s_sup")  # a workflow move never merges, later or not
    assert (report.pushed, report.rejected) == (0, 1)
    (conflict,) = sync_service.sync_status(b.ctx, b.login("s_sup")).conflicts
    assert (conflict.action, conflict.code) == ("complaint.route", "conflict.base_version")
    assert conflict.local_changes["mode"] == "transfer"
    assert conflict.server_state is not None and conflict.server_state["mode"] == "self"
    with b.ctx.transaction() as db:
        complaint = db.get(Complaint, complaint_id)
        assert complaint is not None and (complaint.mode, complaint.state) == ("self", "routed")
    sync_service.resolve_conflict(
        b.ctx, b.login("s_sup"), conflict.op_id, sync_service.DISCARD_MINE
    )
    b.sync("s_handler")
    a.sync("s_handler")
    entities = ("complaints",)
    server = live_server.state_hash(entities)
    assert a.state_hash(entities) == server == b.state_hash(entities)
    (record,) = live_server.records(entities)
    assert (record[2], record[3]["mode"]) == (2, "self")
    ops = [o.op_id for o in a.outbox() if o.entity_id == complaint_id]
    assert [o.status for o in live_server.logged(ops)] == ["accepted", "accepted"]
    opened = complaints.reveal_identity(b.ctx, b.login("s_handler"), complaint_id)
    assert opened.id_number == LIN.id_number


# ------------------------------------------------------ a clock a day behind


def test_offline_edits_under_a_clock_a_day_behind_merge_by_stamp_on_every_side(
    live_server: LiveServer, make_laptop: Callable[[str], Laptop]
) -> None:
    """Offline, a laptop a day slow stamps its later edit a day early: the
    other edit wins by HLC — the same on both laptops and the server, nothing lost."""
    a, b = make_laptop("a"), make_laptop("b")
    plan_id = new_plan(a)
    a.sync("s_insp_a")
    b.sync("s_insp_b")
    b.clock.advance(days=-1)
    plans.update_plan(a.ctx, a.login("s_insp_a"), plan_id, method="甲")
    plans.update_plan(b.ctx, b.login("s_insp_b"), plan_id, method="乙（时钟慢一天）")
    plans.update_plan(b.ctx, b.login("s_insp_b"), plan_id, title="乙的标题")
    assert a.sync("s_insp_a").pushed == 1
    report = b.sync("s_insp_b")
    # the method edit (on an old version, older stamp) merges and is outvoted;
    # the title edit is on the server's current version
    assert (report.pushed, report.merged, report.rejected) == (2, 1, 0)
    a.sync("s_insp_a")
    for laptop in (a, b):
        plan = plan_row(laptop, plan_id)
        assert plan is not None and (plan.method, plan.title) == ("甲", "乙的标题"), laptop.name
    ops = [o.op_id for o in b.outbox() if o.entity_id == plan_id and o.status == "pushed"]
    assert len(live_server.logged(ops)) == 2
    assert a.state_hash(PLANS) == live_server.state_hash(PLANS) == b.state_hash(PLANS)


# ------------------------------------- cuts while the other laptop works on


def _through(laptop: Laptop, url: str) -> None:
    """Point ``laptop`` at ``url`` (a proxy), with new connections."""
    sync_service.set_server(laptop.ctx, laptop.login("s_admin"), url)
    for client in laptop.clients.values():
        client.close()
    laptop.clients.clear()


def test_a_lost_answer_then_another_laptops_edit_on_the_same_plan(
    live_server: LiveServer, make_laptop: Callable[[str], Laptop]
) -> None:
    """A's push is applied but its answer lost; B edits the same plan before A
    syncs again: A gets its ops as duplicates (with the versions they made)
    and B's edit on top, the same as B and the server."""
    a, b = make_laptop("a"), make_laptop("b")
    plan_id = new_plan(a)
    a.sync("s_insp_a")
    b.sync("s_insp_b")
    insp = a.login("s_insp_a")
    plans.update_plan(a.ctx, insp, plan_id, title="甲改的标题")
    plans.update_plan(a.ctx, insp, plan_id, method="甲改的方式")
    with CuttingProxy(live_server.url) as proxy:
        _through(a, proxy.url)
        proxy.cut_at(Step("POST", "/sync/push"), Cut.BEFORE_ANSWER)
        with pytest.raises(SyncUnavailable):
            a.sync("s_insp_a")
        b.clock.advance(seconds=5)
        plans.update_plan(b.ctx, b.login("s_insp_b"), plan_id, scope="乙改的范围")
        assert b.sync("s_insp_b").merged == 1  # on version 1; the server has 3
        proxy.pass_all()
        report = a.sync("s_insp_a")
    assert (report.pushed, report.duplicates, report.rejected) == (0, 2, 0)
    b.sync("s_insp_b")
    for laptop in (a, b):
        plan = plan_row(laptop, plan_id)
        assert plan is not None, laptop.name
        assert (plan.title, plan.method, plan.scope, plan.version) == (
            "甲改的标题",
            "甲改的方式",
            "乙改的范围",
            4,
        ), laptop.name
    assert a.state_hash(PLANS) == live_server.state_hash(PLANS) == b.state_hash(PLANS)


def test_a_first_sync_cut_between_pages_while_another_laptop_pushes(
    live_server: LiveServer, make_laptop: Callable[[str], Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    made = [new_plan(a, f"方案{n}") for n in range(3)]
    a.sync("s_insp_a")
    monkeypatch.setattr(engine, "SNAPSHOT_LIMIT", 1)  # a plan a page, in id (= made) order
    with CuttingProxy(live_server.url) as proxy:
        _through(b, proxy.url)
        proxy.cut_at(Step("GET", "/sync/snapshot", 2), Cut.MID_ANSWER)
        with pytest.raises(SyncUnavailable):
            b.sync("s_insp_b", pull_limit=1)
        assert [plan_row(b, p) is not None for p in made] == [True, False, False]
        # meanwhile A changes a plan B has, and one B has not had yet
        plans.update_plan(a.ctx, a.login("s_insp_a"), made[0], scope="第一份改")
        plans.update_plan(a.ctx, a.login("s_insp_a"), made[2], scope="第三份改")
        a.sync("s_insp_a")
        proxy.pass_all()
        # the rest of the plans (the third as A changed it), then the ops after
        # the first page's cursor: the first plan's change applied, the third's
        # skipped (that page had it)
        assert b.sync("s_insp_b", pull_limit=1).pulled == 2 + 2
        assert [o for o, _ in b.applied()] == [
            o.op_id for o in a.outbox() if o.entity_id == made[0] and o.action == "plan.update"
        ]
    assert a.state_hash(PLANS) == live_server.state_hash(PLANS) == b.state_hash(PLANS)
    pairs = b.applied()
    assert len(pairs) == len(set(pairs))
