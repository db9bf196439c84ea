"""Sync benchmark (issue 6): prints

1. incremental sync of 100 changes (laptop A pushes 100 new officials, laptop B
   pulls them, both through ``sync_once``) when the server already holds
   ``--big`` records, as a ratio to the same against an empty server
   (goal <= 1.2x). The big server is seeded by bulk SQL inserts of hand-built
   ``officials`` rows into the server's ``records`` and ``ops`` tables;
2. initial sync of ``--initial`` records (a fresh laptop's first sync: the
   records by ``GET /sync/snapshot`` pages, then the pull from their cursor;
   same bulk-SQL seeding) against a raw bulk insert of the same rows into a
   local SQLite plus a loopback HTTP transfer of the same response bytes
   (goal <= 3x);
3. ``--laptops`` simulated laptops (threads with their own device, session
   and clock, speaking the sync protocol through ``SyncClient`` without a local
   store) each pushing ``--ops`` new ``official.create`` ops in the engine's
   batches, all at once: push throughput in ops/s as a share of PostgreSQL's
   raw insert rate for the same op and record rows (same concurrency: one
   transaction per laptop) (goal >= 30%), and the p99 latency of one laptop's
   push; then all pull what the others pushed, at once (ops/s served and
   latency, reported apart: a pull writes nothing).

The server is the real one, ``python -m server`` (uvicorn) as a subprocess on
127.0.0.1 and a free port, on a throw-away PostgreSQL from
``scripts/pg_test_server.py`` (SQLite when PostgreSQL cannot start; said so).

Run: ``.venv/bin/python bench/sync.py [--big 100000] [--initial 10000]
[--laptops 50] [--ops 200] [--rounds 3] [--workers 1]``. Medians, not means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import secrets
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from argon2 import PasswordHasher
from sqlalchemy import Engine, func, insert, select
from sqlalchemy.orm import Session, sessionmaker

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.services import auth, directory  # noqa: E402
from desktop.store.hlc import Hlc, tick  # noqa: E402
from desktop.store.ids import new_id  # noqa: E402
from desktop.store.models import Official, SyncState  # noqa: E402
from desktop.sync.client import SyncClient  # noqa: E402
from desktop.sync.engine import PULL_LIMIT, PUSH_BATCH, sync_once  # noqa: E402
from desktop.sync.errors import SyncUnavailable  # noqa: E402
from server import accounts, security  # noqa: E402
from server.db import make_engine, migrate  # noqa: E402
from server.models import Op, Record  # noqa: E402
from tests.accounts import PASSWORD  # noqa: E402
from tests.pg import pg_server  # noqa: E402
from tests.sync.support import (  # noqa: E402
    LAPTOP_USERS,
    Laptop,
    Office,
    make_base_laptop,
    open_laptop,
)

ADMIN = "s_admin"
SEED_DEVICE = "0190a000-0000-7000-8000-00000000seed"[:36]
CHUNK = 5000


def median(values: list[float]) -> float:
    return statistics.median(values)


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(0.99 * len(ordered) + 0.5) - 1))
    return ordered[index]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


# ----------------------------------------------------------------- databases


class Databases:
    """Fresh migrated server databases with the laptops' accounts: PostgreSQL
    (copies of a template database) or, as a fallback, SQLite files."""

    def __init__(self, folder: Path, office: Office) -> None:
        self.folder = folder
        self.office = office
        self.pg: Any = None
        self.kind = "sqlite"
        self.note = ""
        self._count = 0
        try:
            self.pg = pg_server.TempPostgres().start()
            self.kind = "postgresql"
        except pg_server.PostgresUnavailable as exc:
            self.note = f"PostgreSQL could not be started ({exc}); FALLING BACK TO SQLITE"
        self.template = self._make_template()

    def _prepare(self, url: str) -> None:
        engine = make_engine(url)
        try:
            migrate(engine)
            with sessionmaker(engine).begin() as db:
                for name, roles in LAPTOP_USERS.items():
                    accounts.create_user(
                        db,
                        username=name,
                        display_name=name,
                        password=PASSWORD,
                        roles=roles,
                        office_id=self.office.city_office,
                        user_id=self.office.users[name],
                    )
        finally:
            engine.dispose()

    def _make_template(self) -> str:
        if self.pg is not None:
            self.pg.create_database("xn_bench_template")
            self._prepare(self.pg.url("xn_bench_template"))
            return "xn_bench_template"
        path = self.folder / "template.db"
        self._prepare(f"sqlite:///{path}")
        return str(path)

    def fresh(self) -> str:
        """A new database's SQLAlchemy URL."""
        self._count += 1
        if self.pg is not None:
            name = f"xn_bench_{self._count}"
            self.pg.create_database(name, self.template)
            return str(self.pg.url(name))
        path = self.folder / f"server{self._count}.db"
        shutil.copy(self.template, path)
        return f"sqlite:///{path}"

    def stop(self) -> None:
        if self.pg is not None:
            self.pg.stop()


@contextmanager
def server_process(url: str, workers: int) -> Iterator[str]:
    """``python -m server`` on 127.0.0.1 and a free port; stopped at the end."""
    port = free_port()
    env = {
        **os.environ,
        "XIAONENG_SERVER_DB": url,
        "XIAONENG_SERVER_HOST": "127.0.0.1",
        "XIAONENG_SERVER_PORT": str(port),
        "XIAONENG_SERVER_WORKERS": str(workers),
        "XIAONENG_SERVER_MIGRATE": "0",
        "XIAONENG_SERVER_LOG_LEVEL": "warning",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "server"], cwd=ROOT, env=env, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the server exited with {proc.returncode}")
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start within 60 s")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


# ------------------------------------------------------------------ seeding


def seed(url: str, office: Office, count: int) -> int:
    """Bulk-insert ``count`` accepted ``official.create`` ops and their records
    (hand-built rows, as the push would write them). Returns the last seq."""
    engine = make_engine(url)
    now = dt.datetime.now(dt.UTC)
    user = office.users[ADMIN]
    try:
        done = 0
        while done < count:
            n = min(CHUNK, count - done)
            ops: list[dict[str, Any]] = []
            records: list[dict[str, Any]] = []
            for i in range(done, done + n):
                entity_id = new_id()
                hlc = f"{int(now.timestamp() * 1000):013d}-{i % 10000:04d}-{SEED_DEVICE}"
                changes = {
                    "name": f"工作人员{i:06d}",
                    "agency_id": office.agency,
                    "position": "窗口科员",
                    "is_head": False,
                    "is_office_staff": False,
                }
                ops.append(
                    {
                        "op_id": new_id(),
                        "op_hash": hashlib.sha256(entity_id.encode()).hexdigest(),
                        "entity": "officials",
                        "entity_id": entity_id,
                        "action": "official.create",
                        "changes": changes,
                        "base_version": 0,
                        "version": 1,
                        "hlc": hlc,
                        "device_id": SEED_DEVICE,
                        "user_id": user,
                        "pushed_by": user,
                        "status": "accepted",
                        "code": "",
                        "reason": "",
                        "received_at": now,
                        "plan_id": None,
                    }
                )
                records.append(
                    {
                        "entity": "officials",
                        "id": entity_id,
                        "version": 1,
                        "data": changes,
                        "field_hlcs": dict.fromkeys(changes, hlc),
                        "last_hlc": hlc,
                        "last_seq": 0,
                        "plan_id": None,
                        "parent_id": None,
                        "office_id": None,
                        "state": None,
                        "natural_key": None,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
            with engine.begin() as conn:
                conn.execute(insert(Op), ops)
                conn.execute(insert(Record), records)
            done += n
        with engine.connect() as conn:
            last: int = conn.scalar(select(func.max(Op.seq))) or 0
        return last
    finally:
        engine.dispose()


# ------------------------------------------------------------------- laptops


class Laptops:
    def __init__(self, base: Path, office: Office, folder: Path) -> None:
        self.base = base
        self.office = office
        self.folder = folder
        self._count = 0

    def new(self, url: str) -> Laptop:
        self._count += 1
        device = f"0190b000-0000-7000-8000-{self._count:012x}"
        name = f"l{self._count}"
        laptop = open_laptop(name, self.base, self.office, self.folder / name, device, url)
        laptop.client(ADMIN)
        return laptop


def add_officials(laptop: Laptop, count: int) -> None:
    session = laptop.login(ADMIN)
    for _ in range(count):
        directory.create_official(
            laptop.ctx,
            session,
            name=f"新员{secrets.token_hex(3)}",
            agency_id=laptop.office.agency,
            position="科员",
        )


def sync(laptop: Laptop) -> float:
    """One ``sync_once`` as the administrator; seconds."""
    session = laptop.login(ADMIN)
    client = laptop.client(ADMIN)
    start = time.perf_counter()
    sync_once(laptop.ctx, session, client)
    return time.perf_counter() - start


def set_cursor(laptop: Laptop, cursor: int) -> None:
    with laptop.ctx.transaction() as db:
        state = db.get(SyncState, (laptop.ctx.device_id, laptop.office.users[ADMIN]))
        assert state is not None, "sync once before moving the cursor"
        state.cursor = cursor


# --------------------------------------------------------------------- parts


def incremental(
    dbs: Databases, laptops: Laptops, big: int, changes: int, rounds: int, workers: int
) -> dict[int, float]:
    """Median seconds of (A pushes ``changes`` + B pulls them) by server size."""
    result: dict[int, float] = {}
    for size in (0, big):
        url = dbs.fresh()
        with server_process(url, workers) as base:
            a, b = laptops.new(base), laptops.new(base)
            sync(a)
            sync(b)
            if size:
                started = time.perf_counter()
                last = seed(url, laptops.office, size)
                print(
                    f"  seeded {size:,} records+ops by bulk SQL in "
                    f"{time.perf_counter() - started:.1f} s",
                    flush=True,
                )
                set_cursor(a, last)
                set_cursor(b, last)
            times: list[float] = []
            for _ in range(rounds):
                add_officials(a, changes)
                times.append(sync(a) + sync(b))
            a.close()
            b.close()
        result[size] = median(times)
        print(
            f"  server with {size:,} records: median {result[size] * 1000:.0f} ms "
            f"(rounds: {', '.join(f'{t * 1000:.0f}' for t in times)} ms)",
            flush=True,
        )
    return result


class Recorder(httpx.BaseTransport):
    """Keeps the bodies of the answers that bring records: /sync/snapshot
    (a fresh laptop's first sync) and /sync/pull."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.bodies: list[bytes] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.url.path.endswith(("/sync/snapshot", "/sync/pull")):
            body = response.read()
            self.bodies.append(body)
            return httpx.Response(
                response.status_code, headers=response.headers, content=body, request=request
            )
        return response

    def close(self) -> None:
        self.inner.close()


def serve_bytes(bodies: list[bytes]) -> tuple[str, Callable[[], None]]:
    """A bare ASGI app on uvicorn (127.0.0.1) answering GET /<i> with bodies[i]."""

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = bodies[int(scope["path"].strip("/"))]
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": body})

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the byte server did not start")
        time.sleep(0.02)

    def stop() -> None:
        server.should_exit = True
        thread.join(timeout=10)

    return f"http://127.0.0.1:{port}", stop


def initial(
    dbs: Databases, laptops: Laptops, count: int, rounds: int, workers: int, folder: Path
) -> tuple[float, float, float, int]:
    """Median seconds: fresh-laptop sync, byte transfer, raw SQLite insert; bytes."""
    url = dbs.fresh()
    seed(url, laptops.office, count)
    syncs: list[float] = []
    bodies: list[bytes] = []
    with server_process(url, workers) as base:
        for _ in range(rounds):
            laptop = laptops.new(base)
            recorder = Recorder()
            client = laptop.client(ADMIN, transport=recorder)
            session = laptop.login(ADMIN)
            start = time.perf_counter()
            sync_once(laptop.ctx, session, client)
            syncs.append(time.perf_counter() - start)
            with laptop.ctx.transaction() as db:
                got = db.scalar(select(func.count()).select_from(Official))
            assert got is not None and got >= count, f"only {got} officials pulled"
            bodies = recorder.bodies
            client.close()
            laptop.close()
    rows = [
        (
            record_id,
            data["name"],
            data["agency_id"],
            data["position"],
            data["is_head"],
            data["is_office_staff"],
        )
        for record_id, data in _pulled_officials(bodies)
    ]
    url_bytes, stop = serve_bytes(bodies)
    transfers: list[float] = []
    inserts: list[float] = []
    try:
        with httpx.Client() as http:
            for _ in range(rounds):
                start = time.perf_counter()
                for i in range(len(bodies)):
                    http.get(f"{url_bytes}/{i}").raise_for_status()
                transfers.append(time.perf_counter() - start)
    finally:
        stop()
    for r in range(rounds):
        path = folder / f"raw{r}.db"
        start = time.perf_counter()
        conn = sqlite3.connect(path)
        conn.execute(
            "CREATE TABLE officials (id TEXT PRIMARY KEY, name TEXT NOT NULL, "
            "agency_id TEXT NOT NULL, position TEXT NOT NULL, is_head INTEGER NOT NULL, "
            "is_office_staff INTEGER NOT NULL)"
        )
        with conn:
            conn.executemany("INSERT INTO officials VALUES (?, ?, ?, ?, ?, ?)", rows)
        conn.close()
        inserts.append(time.perf_counter() - start)
    return median(syncs), median(transfers), median(inserts), sum(len(b) for b in bodies)


def _pulled_officials(bodies: list[bytes]) -> list[tuple[str, dict[str, Any]]]:
    """(id, fields) of each official the answers brought (snapshot records, pulled ops)."""
    import json

    found: list[tuple[str, dict[str, Any]]] = []
    for body in bodies:
        page = json.loads(body)
        found.extend((r["id"], r["data"]) for r in page.get("records", ()))
        found.extend((o["entity_id"], o["changes"]) for o in page.get("ops", ()))
    return [(i, d) for i, d in found if "is_office_staff" in d]


@dataclass
class Crowd:
    throughput: list[float]
    latencies: list[float]
    raw_rate: list[float]
    pull_rate: list[float]
    pull_latencies: list[float]
    dropped: list[str]  # pushes sent again after their connection dropped


class SimulatedLaptop:
    """A laptop reduced to its sync traffic: its own device and session, its
    clock, and ``official.create`` ops in the outbox's form (the sync protocol
    through :class:`~desktop.sync.client.SyncClient`, no local store)."""

    def __init__(self, base: str, office: Office, number: int) -> None:
        self.device = f"0190c000-0000-7000-8000-{number:012x}"
        self.office = office
        self.client = SyncClient(base, self.device, read_timeout=600)
        self.client.login(ADMIN, PASSWORD)
        self.clock: Hlc | None = None
        self.cursor = 0
        self.outbox: list[dict[str, Any]] = []
        self.dropped: list[str] = []  # pushes sent again after the connection dropped

    def ops(self, count: int) -> list[dict[str, Any]]:
        out = []
        for _ in range(count):
            self.clock = tick(self.clock, int(time.time() * 1000), self.device)
            out.append(
                {
                    "op_id": new_id(),
                    "entity": "officials",
                    "entity_id": new_id(),
                    "action": "official.create",
                    "changes": {
                        "name": f"新员{secrets.token_hex(3)}",
                        "agency_id": self.office.agency,
                        "position": "科员",
                        "is_head": False,
                        "is_office_staff": False,
                    },
                    "base_version": 0,
                    "hlc": str(self.clock),
                    "device_id": self.device,
                    "user_id": self.office.users[ADMIN],
                }
            )
        return out

    def push(self) -> float:
        """Push the outbox in the engine's batches; seconds. A batch whose
        connection dropped is sent again at once (as the laptop's next sync
        would; a push is idempotent by op_id) and noted in ``dropped``."""
        start = time.perf_counter()
        for first in range(0, len(self.outbox), PUSH_BATCH):
            batch = self.outbox[first : first + PUSH_BATCH]
            try:
                results = self.client.push(batch)
            except SyncUnavailable as exc:
                cause = type(exc.__context__).__name__  # the client says it in words only
                self.dropped.append(f"batch {first // PUSH_BATCH + 1} of a push, {cause}")
                results = self.client.push(batch)
            refused = [r for r in results if r.outcome != "accepted"]
            assert not refused, f"refused: {refused[0]}"
        return time.perf_counter() - start

    def pull(self) -> tuple[float, int]:
        """Pull everything after the cursor, in the engine's pages; seconds, ops."""
        start = time.perf_counter()
        count = 0
        while True:
            page = self.client.pull(self.cursor, PULL_LIMIT)
            count += len(page.ops)
            self.cursor = page.next
            if not page.more:
                return time.perf_counter() - start, count


def at_once(fleet: list[SimulatedLaptop], work: Callable[[SimulatedLaptop], Any]) -> list[Any]:
    """``work`` for every laptop in its own thread, released together."""
    barrier = threading.Barrier(len(fleet))

    def run(laptop: SimulatedLaptop) -> Any:
        barrier.wait(timeout=120)
        return work(laptop)

    with ThreadPoolExecutor(max_workers=len(fleet)) as pool:
        return list(pool.map(run, fleet))


def crowd(dbs: Databases, office: Office, count: int, per: int, rounds: int, workers: int) -> Crowd:
    """Each round: every laptop pushes ``per`` new ops at once (throughput,
    latency of each laptop's push); then every laptop pulls what the others
    pushed, at once (reported apart: it writes nothing)."""
    url = dbs.fresh()
    out = Crowd([], [], [], [], [], [])
    with server_process(url, workers) as base:
        fleet = [SimulatedLaptop(base, office, n + 1) for n in range(count)]
        engine = make_engine(url)
        try:
            for _ in range(rounds):
                for laptop in fleet:
                    laptop.outbox = laptop.ops(per)
                with engine.connect() as conn:
                    before: int = conn.scalar(select(func.max(Op.seq))) or 0
                start = time.perf_counter()
                latencies = at_once(fleet, SimulatedLaptop.push)
                wall = time.perf_counter() - start
                out.throughput.append(count * per / wall)
                out.latencies.extend(latencies)
                start = time.perf_counter()
                pulls = at_once(fleet, SimulatedLaptop.pull)
                out.pull_rate.append(sum(n for _t, n in pulls) / (time.perf_counter() - start))
                out.pull_latencies.extend(t for t, _n in pulls)
                out.raw_rate.append(raw_insert_rate(dbs, engine, before, count))
        finally:
            engine.dispose()
            for laptop in fleet:
                laptop.client.close()
                out.dropped.extend(laptop.dropped)
    return out


def raw_insert_rate(dbs: Databases, engine: Engine, after: int, writers: int) -> float:
    """Ops/s inserting the round's op and record rows into an empty copy of the
    schema (same indexes), one transaction per laptop, ``writers`` at once."""
    with Session(engine) as db:
        ops = [
            {c.name: getattr(o, c.key) for c in Op.__table__.columns if c.name != "seq"}
            for o in db.scalars(select(Op).where(Op.seq > after, Op.status == "accepted"))
        ]
        ids = [o["entity_id"] for o in ops]
        records = {
            r.id: {c.name: getattr(r, c.key) for c in Record.__table__.columns}
            for r in db.scalars(select(Record).where(Record.id.in_(ids)))
        }
    groups: dict[str, list[dict[str, Any]]] = {}
    for op in ops:
        groups.setdefault(op["device_id"], []).append(op)
    target = make_engine(dbs.fresh())
    try:
        barrier = threading.Barrier(len(groups))

        def write(batch: list[dict[str, Any]]) -> None:
            barrier.wait(timeout=120)
            with target.begin() as conn:
                conn.execute(insert(Op), batch)
                conn.execute(insert(Record), [records[o["entity_id"]] for o in batch])

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=max(1, min(writers, len(groups)))) as pool:
            list(pool.map(write, groups.values()))
        return len(ops) / (time.perf_counter() - start)
    finally:
        target.dispose()


# ---------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--big", type=int, default=100_000)
    parser.add_argument("--changes", type=int, default=100)
    parser.add_argument("--initial", type=int, default=10_000)
    parser.add_argument("--laptops", type=int, default=50)
    parser.add_argument("--ops", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1, help="server worker processes")
    parser.add_argument("--skip", default="", help="comma-separated parts not to run: 1,2,3")
    args = parser.parse_args()
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}

    # Cheap argon2id in this process: the accounts it creates verify fast on the
    # server, and the laptops' sign-ins are cheap (sign-ins are outside the timings).
    security.hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    security._DUMMY_HASH = None
    auth._hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)

    with tempfile.TemporaryDirectory(prefix="xn-bench-sync-") as tmp:
        folder = Path(tmp)
        (folder / "base").mkdir()
        base, office = make_base_laptop(folder / "base")
        dbs = Databases(folder, office)
        laptops = Laptops(base, office, folder / "laptops")
        print(f"server database: {dbs.kind}; server workers: {args.workers}")
        if dbs.note:
            print(dbs.note)
        try:
            if "1" in skip:
                print("1. NOT MEASURED: skipped (--skip)")
            else:
                print(f"1. incremental sync of {args.changes} changes ({args.rounds} rounds)")
                inc = incremental(dbs, laptops, args.big, args.changes, args.rounds, args.workers)
                ratio = inc[args.big] / inc[0]
                print(
                    f"   ratio {args.big:,} records / empty: {ratio:.2f}x "
                    f"(goal <= 1.2x) {'OK' if ratio <= 1.2 else 'MISSED'}",
                    flush=True,
                )
            if "2" in skip:
                print("2. NOT MEASURED: skipped (--skip)")
            else:
                print(f"2. initial sync of {args.initial:,} records ({args.rounds} rounds)")
                full, transfer, raw, size = initial(
                    dbs, laptops, args.initial, args.rounds, args.workers, folder
                )
                ratio = full / (transfer + raw)
                print(
                    f"   fresh laptop sync: median {full:.2f} s; baseline: HTTP transfer of "
                    f"the same {size / 1e6:.1f} MB {transfer * 1000:.0f} ms + raw SQLite "
                    f"insert {raw * 1000:.0f} ms"
                )
                print(
                    f"   ratio {ratio:.1f}x (goal <= 3x) {'OK' if ratio <= 3 else 'MISSED'}",
                    flush=True,
                )
            if "3" in skip:
                print("3. NOT MEASURED: skipped (--skip)")
            else:
                print(
                    f"3. {args.laptops} laptops syncing at once, {args.ops} ops each "
                    f"({args.rounds} rounds)"
                )
                result = crowd(dbs, office, args.laptops, args.ops, args.rounds, args.workers)
                rate = median(result.throughput)
                raw_rate = median(result.raw_rate)
                share = rate / raw_rate
                print(
                    f"   push throughput: median {rate:.0f} ops/s; raw {dbs.kind} insert of the "
                    f"same rows: median {raw_rate:.0f} ops/s; share {share:.1%} "
                    f"(goal >= 30%) {'OK' if share >= 0.3 else 'MISSED'}"
                )
                print(
                    f"   latency of one laptop's push: p99 {p99(result.latencies) * 1000:.0f} ms, "
                    f"median {median(result.latencies) * 1000:.0f} ms "
                    f"({len(result.latencies)} pushes)"
                )
                if result.dropped:
                    print(
                        f"   {len(result.dropped)} push batches sent again after their "
                        f"connection dropped (first: {result.dropped[0]})"
                    )
                print(
                    f"   then all pull the round's ops at once: median "
                    f"{median(result.pull_rate):.0f} ops/s served; one laptop's pull p99 "
                    f"{p99(result.pull_latencies) * 1000:.0f} ms, median "
                    f"{median(result.pull_latencies) * 1000:.0f} ms",
                    flush=True,
                )
        finally:
            dbs.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
