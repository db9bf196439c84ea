"""Helpers for the sync tests: the real server on a real socket (uvicorn in a
thread), laptops made of copies of one base store, and the server's side of
the state hash."""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from desktop.crypto import generate_keypair
from desktop.domain.common import Role
from desktop.resources import load_profile
from desktop.services import sync as sync_service
from desktop.services.auth import UserSession, setup_office_keys, sign_in
from desktop.services.backup import BackupResult, make_backup, restore_backup
from desktop.services.base import Context
from desktop.store.db import DB_FILE, open_store
from desktop.store.models import Agency, AuditEntry, Official, OutboxOp
from desktop.sync.client import SyncClient
from desktop.sync.engine import NoProgress, SyncReport, sync_once
from desktop.sync.state import hash_records, state_hash
from server import accounts
from server.app import create_app
from server.config import Settings
from server.models import Op, Record
from tests.accounts import FAST_ARGON2, PASSWORD, create_users

PROFILE = "fujian-2024"
DEVICE_A = "0190a000-0000-7000-8000-0000000000aa"
DEVICE_B = "0190a000-0000-7000-8000-0000000000bb"
BASE_DEVICE = "0190a000-0000-7000-8000-0000000000ba"
#: Usernames unlike tests/server's seeded ones (the template database has those).
LAPTOP_USERS: dict[str, tuple[Role, ...]] = {
    "s_admin": (Role.ADMINISTRATOR,),
    "s_insp_a": (Role.INSPECTOR,),
    "s_insp_b": (Role.INSPECTOR,),
    "s_sup": (Role.SUPERVISOR,),
    "s_sup2": (Role.SUPERVISOR,),
    "s_head": (Role.OFFICE_HEAD,),
    "s_handler": (Role.COMPLAINT_HANDLER,),
}


@dataclass(frozen=True)
class Office:
    """Ids in the base store every laptop starts from."""

    province_office: str
    city_office: str
    agency: str
    official: str
    users: dict[str, str]


class Clock:
    """The laptop's clock: real time plus an offset a test can move on."""

    def __init__(self) -> None:
        self.offset = dt.timedelta()

    def __call__(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC) + self.offset

    def advance(self, **delta: float) -> None:
        self.offset += dt.timedelta(**delta)


# ------------------------------------------------------------------ server


@dataclass
class LiveServer:
    """The real server app, served by uvicorn on 127.0.0.1."""

    url: str
    app: FastAPI
    server: uvicorn.Server
    thread: threading.Thread

    @property
    def engine(self) -> Engine:
        engine: Engine = self.app.state.engine
        return engine

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)

    def mirror(self, office: Office, password: str = PASSWORD) -> None:
        """The laptop's people as server accounts, with the same ids."""
        with self.app.state.sessions.begin() as db:
            for name, roles in LAPTOP_USERS.items():
                accounts.create_user(
                    db,
                    username=name,
                    display_name=name,
                    password=password,
                    roles=roles,
                    office_id=office.city_office,
                    user_id=office.users[name],
                )

    def records(self, entities: Iterable[str]) -> list[tuple[str, str, int, dict[str, Any]]]:
        with Session(self.engine) as db:
            rows = db.scalars(select(Record).where(Record.entity.in_(list(entities))))
            return [(r.entity, r.id, r.version, dict(r.data)) for r in rows]

    def state_hash(self, entities: Iterable[str]) -> str:
        return hash_records(self.records(entities))

    def max_seq(self) -> int:
        """The newest op's sequence number (0 if none)."""
        with Session(self.engine) as db:
            return int(db.scalar(select(func.coalesce(func.max(Op.seq), 0))) or 0)

    def logged(self, op_ids: Iterable[str]) -> list[Op]:
        with Session(self.engine) as db:
            return list(db.scalars(select(Op).where(Op.op_id.in_(list(op_ids)))))


def start_server(database_url: str) -> LiveServer:
    app = create_app(Settings(database_url=database_url))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    return LiveServer(f"http://127.0.0.1:{port}", app, server, thread)


# ----------------------------------------------------------------- laptops


def make_base_laptop(folder: Path) -> tuple[Path, Office]:
    """One store with an office, an agency, an official, the users and the
    office keys; every laptop starts as a copy (same ids, same handler keys)."""
    store = open_store(folder)
    ctx = Context(store, BASE_DEVICE, load_profile(PROFILE))
    with ctx.transaction() as db:
        office = seed_office(ctx, db, LAPTOP_USERS)
    store.close()
    return folder, office


def seed_office(ctx: Context, db: Session, users: Mapping[str, Iterable[Role]]) -> Office:
    """In a laptop's store: the province and city offices, an agency, an
    official, ``users`` (name: roles; fast argon2) and the office keys."""
    _private, recovery_public = generate_keypair()
    province = Agency(name="福建省效能办", kind="office", level=1, profile_id=PROFILE)
    db.add(province)
    db.flush()
    city = Agency(
        name="福州市效能办", kind="office", level=2, parent_id=province.id, profile_id=PROFILE
    )
    db.add(city)
    db.flush()
    agency = Agency(
        name="福州市市场监督管理局",
        kind="agency",
        level=2,
        office_id=city.id,
        profile_id=PROFILE,
        staff_count=40,
    )
    db.add(agency)
    db.flush()
    official = Official(name="张三", agency_id=agency.id, position="窗口科员")
    db.add(official)
    db.flush()
    ids = create_users(ctx, db, users, city.id)
    setup_office_keys(ctx, db, recovery_public)
    return Office(province.id, city.id, agency.id, official.id, ids)


class CutAfterSending(httpx.BaseTransport):
    """A transport that sends a request, lets the server answer, and then
    drops the connection before the answer reaches the laptop, for the
    requests ``cut`` picks (e.g. the second push)."""

    def __init__(self, cut: Callable[[httpx.Request, int], bool]) -> None:
        self.inner = httpx.HTTPTransport()
        self.cut = cut
        self.counts: dict[str, int] = {}
        self.cuts = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        self.counts[path] = self.counts.get(path, 0) + 1
        response = self.inner.handle_request(request)
        response.read()
        if self.cut(request, self.counts[path]):
            response.close()
            self.cuts += 1
            raise httpx.ReadError("connection cut by the test", request=request)
        return response

    def close(self) -> None:
        self.inner.close()


class OtherDevice(httpx.BaseTransport):
    """Sends a push as if from another device: the server refuses the request."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/sync/push":
            body = json.loads(request.content)
            body["device_id"] = "0190a000-0000-7000-8000-00000000dead"
            request = httpx.Request(
                request.method,
                request.url,
                headers={k: v for k, v in request.headers.items() if k != "content-length"},
                json=body,
            )
        response = self.inner.handle_request(request)
        response.read()
        return response

    def close(self) -> None:
        self.inner.close()


@dataclass
class Laptop:
    """One laptop: its own copy of the store, device id, clock and sessions."""

    name: str
    ctx: Context
    office: Office
    clock: Clock
    sessions: dict[str, UserSession] = field(default_factory=dict)
    clients: dict[str, SyncClient] = field(default_factory=dict)

    def login(self, username: str) -> UserSession:
        session = self.sessions.get(username)
        if session is None:
            session = sign_in(self.ctx, username, PASSWORD)
            self.sessions[username] = session
        session.last_activity = self.ctx.now()
        return session

    def client(self, username: str, transport: httpx.BaseTransport | None = None) -> SyncClient:
        if transport is not None:
            return sync_service.connect(
                self.ctx, self.login(username), PASSWORD, transport=transport
            )
        client = self.clients.get(username)
        if client is None:
            client = sync_service.connect(self.ctx, self.login(username), PASSWORD)
            self.clients[username] = client
        return client

    def sync(self, username: str, **options: Any) -> SyncReport:
        """One sync run as ``username`` (``options``: ``sync_once``'s batch sizes)."""
        session = self.login(username)
        client = self.client(username)
        if options:
            return sync_once(self.ctx, session, client, **options)
        return sync_service.run_sync(self.ctx, session, client).report

    def state_hash(self, entities: Iterable[str]) -> str:
        return state_hash(self.ctx, list(entities))

    def outbox(self) -> list[OutboxOp]:
        with self.ctx.transaction() as db:
            return list(db.scalars(select(OutboxOp).order_by(OutboxOp.seq)))

    def audit(self, action: str) -> list[AuditEntry]:
        with self.ctx.transaction() as db:
            return list(
                db.scalars(
                    select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq)
                )
            )

    def applied(self) -> list[tuple[str, str]]:
        """(op_id, field) for each field of each pulled op the ``sync.apply``
        entries (one per page) say was applied here (not a first sync's copies
        of records, which have no op id, nor the ops it lists as a complaint's
        history, which have no fields)."""
        return [
            (op["op_id"], name)
            for entry in self.audit("sync.apply")
            for op in entry.details["ops"]
            if op["op_id"]
            for name in op.get("fields", ())
        ]

    def close(self) -> None:
        for client in self.clients.values():
            client.close()
        self.ctx.store.close()


def open_laptop(
    name: str, base: Path, office: Office, folder: Path, device_id: str, server_url: str
) -> Laptop:
    import shutil

    folder.mkdir(parents=True)
    shutil.copy(base / DB_FILE, folder / DB_FILE)
    store = open_store(folder)
    clock = Clock()
    ctx = Context(store, device_id, load_profile(PROFILE), clock=clock)
    laptop = Laptop(name, ctx, office, clock)
    sync_service.set_server(ctx, laptop.login("s_admin"), server_url)
    return laptop


BACKUP_PASSPHRASE = "山高水长 backup"


def back_up(laptop: Laptop, target: Path) -> BackupResult:
    """The administrator's backup of ``laptop`` into ``target``."""
    admin = laptop.login("s_admin")
    return make_backup(
        laptop.ctx, admin, target, BACKUP_PASSPHRASE, NoProgress(), params=FAST_ARGON2
    )


def restored_from(laptop: Laptop, made: BackupResult) -> Laptop:
    """``laptop`` put back from the backup ``made`` (same folder and device), opened
    anew as the restarted app would; the caller closes it."""
    folder = laptop.ctx.store.data_dir
    admin = laptop.login("s_admin")
    restore_backup(folder, made.path, BACKUP_PASSPHRASE, NoProgress(), ctx=laptop.ctx, user=admin)
    clock = Clock()
    ctx = Context(open_store(folder), laptop.ctx.device_id, laptop.ctx.profile, clock=clock)
    return Laptop(laptop.name, ctx, laptop.office, clock)
