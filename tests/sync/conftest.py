"""Fixtures for the sync tests: the real server (``server.app``) served by
uvicorn on a free port on 127.0.0.1, on a real PostgreSQL started here and on
SQLite (each test that takes ``live_server`` runs on both), and laptops made
of copies of one base store.

The PostgreSQL is the session's ``pg_cluster`` (``tests/conftest.py``,
``tests/pg.py``); where none can start, the PostgreSQL half is skipped with
the reason (an error with ``XIAONENG_TEST_REQUIRE_PG=1``).
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from desktop.services import auth
from server.db import make_engine, migrate
from tests.pg import Cluster

from .support import (
    DEVICE_A,
    DEVICE_B,
    Laptop,
    LiveServer,
    Office,
    make_base_laptop,
    open_laptop,
    start_server,
)

_numbers = itertools.count()


def _migrated(url: str) -> None:
    engine = make_engine(url)
    try:
        migrate(engine)
    finally:
        engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def _fast_hashing(fast_server_hashing: None) -> None:
    """Every sync test's server hashes passwords cheaply (``tests/conftest.py``)."""


@pytest.fixture(scope="session")
def sync_pg_cluster(pg_cluster: Cluster | str) -> Cluster:
    """The session's PostgreSQL (the PostgreSQL half is skipped without one)."""
    if isinstance(pg_cluster, str):
        pytest.skip(pg_cluster)
    return pg_cluster


@pytest.fixture(scope="session")
def sync_pg_template(sync_pg_cluster: Cluster) -> Iterator[str]:
    """A migrated server database, the template of each test's database."""
    name = f"xn_sync_template_{os.getpid()}"
    sync_pg_cluster.drop_database(name)
    sync_pg_cluster.create_database(name)
    _migrated(sync_pg_cluster.url(name))
    yield name
    sync_pg_cluster.drop_database(name)


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
        cluster: Cluster = request.getfixturevalue("sync_pg_cluster")
        template: str = request.getfixturevalue("sync_pg_template")
        name = f"xn_sync_{os.getpid()}_{next(_numbers)}"
        cluster.create_database(name, template)
        try:
            yield cluster.url(name)
        finally:
            cluster.drop_database(name)
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
    """The store every laptop starts from (``support.make_base_laptop``)."""
    return make_base_laptop(tmp_path_factory.mktemp("sync-base"))


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
