"""Fixtures for the sync tests: the real server (``server.app``) served by
uvicorn on a free port on 127.0.0.1, on a real PostgreSQL started here and on
SQLite (each test that takes ``live_server`` runs on both), and laptops made
of copies of one base store.

The PostgreSQL cluster comes from ``scripts/pg_test_server.py`` as in
``tests/server/conftest.py`` (or from ``XIAONENG_TEST_PG_URL``); where it
cannot start, the PostgreSQL half is skipped with the reason (an error with
``XIAONENG_TEST_REQUIRE_PG=1``). These fixtures are not imported from
``tests/server/conftest.py``: under ``--import-mode=importlib`` that package
is imported as ``server`` and cannot be imported again by name from here.
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import shutil
import sys
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from argon2 import PasswordHasher

from desktop.crypto import generate_keypair
from desktop.resources import load_profile
from desktop.services import auth
from desktop.services.auth import create_user, setup_office_keys
from desktop.services.base import Context
from desktop.store.db import open_store
from desktop.store.models import Agency, Official
from server import security
from server.db import make_engine, migrate

from .support import (
    BASE_DEVICE,
    DEVICE_A,
    DEVICE_B,
    FAST_ARGON2,
    LAPTOP_USERS,
    PASSWORD,
    PROFILE,
    Laptop,
    LiveServer,
    Office,
    open_laptop,
    start_server,
)

ROOT = Path(__file__).resolve().parents[2]
REQUIRE_PG_ENV = "XIAONENG_TEST_REQUIRE_PG"
_numbers = itertools.count()


def _pg_module() -> ModuleType:
    name = "pg_test_server"  # the same module object tests/server/conftest.py loads
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "pg_test_server.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _with_database(dsn: str, database: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    return urlunsplit(urlsplit(dsn)._replace(path=f"/{database}"))


def _migrated(url: str) -> None:
    engine = make_engine(url)
    try:
        migrate(engine)
    finally:
        engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def fast_server_hashing() -> Iterator[None]:
    """Cheap argon2id parameters on the server for the tests."""
    saved = security.hasher
    security.hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    security._DUMMY_HASH = None
    yield
    security.hasher = saved
    security._DUMMY_HASH = None


@pytest.fixture(scope="session")
def sync_pg_cluster() -> Iterator[str]:
    """The maintenance database's DSN of a PostgreSQL for these tests."""
    pg_server = _pg_module()
    given = os.environ.get(pg_server.URL_ENV)
    if given:
        yield given
        return
    try:
        pg = pg_server.TempPostgres().start()
    except pg_server.PostgresUnavailable as exc:
        reason = f"PostgreSQL could not be started ({exc}); the sync tests ran on SQLite only"
        if os.environ.get(REQUIRE_PG_ENV) == "1":
            pytest.fail(reason)
        warnings.warn(reason, stacklevel=1)
        pytest.skip(reason)
    try:
        yield str(pg.dsn("postgres"))
    finally:
        pg.stop()


@pytest.fixture(scope="session")
def sync_pg_template(sync_pg_cluster: str) -> Iterator[str]:
    """A migrated server database, the template of each test's database."""
    pg_server = _pg_module()
    name = f"xn_sync_template_{os.getpid()}"
    pg_server.drop_database(sync_pg_cluster, name)
    pg_server.create_database(sync_pg_cluster, name)
    _migrated(
        _with_database(sync_pg_cluster, name).replace("postgresql://", "postgresql+psycopg://", 1)
    )
    yield name
    pg_server.drop_database(sync_pg_cluster, name)


@pytest.fixture(scope="session")
def sync_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sync-server-template") / "server.db"
    _migrated(f"sqlite:///{path}")
    return path


@pytest.fixture(params=["postgresql", "sqlite"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated server database on ``backend``."""
    if backend == "postgresql":
        pg_server = _pg_module()
        cluster: str = request.getfixturevalue("sync_pg_cluster")
        template: str = request.getfixturevalue("sync_pg_template")
        name = f"xn_sync_{os.getpid()}_{next(_numbers)}"
        pg_server.create_database(cluster, name, template)
        try:
            yield _with_database(cluster, name).replace("postgresql://", "postgresql+psycopg://", 1)
        finally:
            pg_server.drop_database(cluster, name)
    else:
        target = tmp_path / "server.db"
        shutil.copy(request.getfixturevalue("sync_sqlite_template"), target)
        yield f"sqlite:///{target}"


@pytest.fixture(scope="session")
def fast_laptop_hashing() -> Iterator[None]:
    saved = auth._hasher
    auth._hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    yield
    auth._hasher = saved


@pytest.fixture(scope="session")
def base_laptop(
    tmp_path_factory: pytest.TempPathFactory, fast_laptop_hashing: None
) -> tuple[Path, Office]:
    """One store with an office, an agency, an official, the users and the
    office keys; every laptop starts as a copy (same ids, same handler keys)."""
    folder = tmp_path_factory.mktemp("sync-base")
    store = open_store(folder)
    ctx = Context(store, BASE_DEVICE, load_profile(PROFILE))
    _private, recovery_public = generate_keypair()
    with ctx.transaction() as db:
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
        users = {
            name: create_user(
                ctx,
                db,
                None,
                username=name,
                display_name=name,
                password=PASSWORD,
                roles=roles,
                office_id=city.id,
                argon2=FAST_ARGON2,
            ).id
            for name, roles in LAPTOP_USERS.items()
        }
        setup_office_keys(ctx, db, recovery_public)
        office = Office(province.id, city.id, agency.id, official.id, users)
    store.close()
    return folder, office


@pytest.fixture
def live_server(db_url: str, base_laptop: tuple[Path, Office]) -> Iterator[LiveServer]:
    """The real server on a real socket, with the laptops' users (same ids)."""
    live = start_server(db_url)
    try:
        live.mirror(base_laptop[1])
        yield live
    finally:
        live.stop()


@pytest.fixture
def office(base_laptop: tuple[Path, Office]) -> Office:
    return base_laptop[1]


@pytest.fixture
def make_laptop(
    base_laptop: tuple[Path, Office], live_server: LiveServer, tmp_path: Path
) -> Iterator[Callable[[str], Laptop]]:
    """``make_laptop("a")``: a laptop (device A or B) pointed at the live server."""
    made: list[Laptop] = []
    devices = {"a": DEVICE_A, "b": DEVICE_B}

    def make(name: str) -> Laptop:
        laptop = open_laptop(
            name, base_laptop[0], base_laptop[1], tmp_path / name, devices[name], live_server.url
        )
        made.append(laptop)
        return laptop

    yield make
    for laptop in made:
        laptop.close()
