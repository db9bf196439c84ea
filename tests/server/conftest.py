"""Fixtures for the server tests: a real PostgreSQL started here, and SQLite.

A session-scoped PostgreSQL cluster is made with ``scripts/pg_test_server.py``
(initdb into a temporary folder, as ``nobody`` when running as root, a free
port on 127.0.0.1), or taken from ``XIAONENG_TEST_PG_URL``. One database is
migrated and seeded once and used as the template of a fresh database per test
(``CREATE DATABASE ... TEMPLATE``); SQLite gets a copied file per test. Tests
that take ``api``/``client``/``db_url`` run once on each backend.

Where PostgreSQL cannot be started, its half of the tests is skipped with the
reason and a ``PostgresFallbackWarning`` says the run was SQLite only; with
``XIAONENG_TEST_REQUIRE_PG=1`` that is an error instead.
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import shutil
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit, urlunsplit

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from server import accounts, security
from server.app import create_app
from server.config import Settings
from server.db import make_engine, migrate, session_factory

from .support import PASSWORD, USERS, Api, Laptop

ROOT = Path(__file__).resolve().parents[2]
REQUIRE_PG_ENV = "XIAONENG_TEST_REQUIRE_PG"


def _load_pg_module() -> ModuleType:
    name = "pg_test_server"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "pg_test_server.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


pg_server = _load_pg_module()


class PostgresFallbackWarning(UserWarning):
    """PostgreSQL could not be started: the server tests ran on SQLite only."""


@dataclass
class Cluster:
    """A PostgreSQL server the tests may create databases on."""

    admin_dsn: str  # postgresql://... of the maintenance database

    def dsn(self, database: str) -> str:
        parts = urlsplit(self.admin_dsn)
        return urlunsplit(parts._replace(path=f"/{database}"))

    def url(self, database: str) -> str:
        return self.dsn(database).replace("postgresql://", "postgresql+psycopg://", 1)

    def create_database(self, name: str, template: str | None = None) -> None:
        pg_server.create_database(self.admin_dsn, name, template)

    def drop_database(self, name: str) -> None:
        pg_server.drop_database(self.admin_dsn, name)


@pytest.fixture(scope="session", autouse=True)
def fast_hashing() -> Iterator[None]:
    """Cheap argon2id parameters for the tests (the algorithm stays argon2id)."""
    saved = security.hasher
    security.hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    security._DUMMY_HASH = None
    yield
    security.hasher = saved
    security._DUMMY_HASH = None


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster | str]:
    """The cluster, or the reason there is none."""
    given = os.environ.get(pg_server.URL_ENV)
    if given:
        yield Cluster(given)
        return
    try:
        pg = pg_server.TempPostgres().start()
    except pg_server.PostgresUnavailable as exc:
        reason = f"PostgreSQL could not be started ({exc}); the server tests ran on SQLite only"
        if os.environ.get(REQUIRE_PG_ENV) == "1":
            pytest.fail(reason)
        warnings.warn(PostgresFallbackWarning(reason), stacklevel=1)
        yield reason
        return
    try:
        yield Cluster(pg.dsn("postgres"))
    finally:
        pg.stop()


def seed(url: str) -> None:
    """Migrate and add the office's users (``support.USERS``)."""
    engine = make_engine(url)
    try:
        migrate(engine)
        with session_factory(engine).begin() as db:
            for name, person in USERS.items():
                accounts.create_user(
                    db,
                    username=name,
                    display_name=name,
                    password=PASSWORD,
                    roles=person.roles,
                    office_id=person.office_id,
                    user_id=person.id,
                )
        if engine.dialect.name == "sqlite":
            with engine.connect() as conn:
                conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def pg_template(pg_cluster: Cluster | str) -> Iterator[tuple[Cluster, str]]:
    if isinstance(pg_cluster, str):
        pytest.skip(pg_cluster)
    name = f"xn_template_{os.getpid()}"
    pg_cluster.drop_database(name)
    pg_cluster.create_database(name)
    seed(pg_cluster.url(name))
    yield pg_cluster, name
    pg_cluster.drop_database(name)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite-template") / "server.db"
    seed(f"sqlite:///{path}")
    return path


_numbers = itertools.count()


@pytest.fixture(params=["postgresql", "sqlite"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated, seeded database on ``backend``."""
    if backend == "postgresql":
        cluster, template = request.getfixturevalue("pg_template")
        name = f"xn_test_{os.getpid()}_{next(_numbers)}"
        cluster.create_database(name, template)
        try:
            yield cluster.url(name)
        finally:
            cluster.drop_database(name)
    else:
        template_path: Path = request.getfixturevalue("sqlite_template")
        target = tmp_path / "server.db"
        shutil.copy(template_path, target)
        yield f"sqlite:///{target}"


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url)


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    return create_app(settings)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def engine(app: FastAPI, client: TestClient) -> Engine:
    value: Engine = app.state.engine
    return value


@pytest.fixture
def api(client: TestClient) -> Api:
    return Api(client)


@pytest.fixture
def laptop() -> Laptop:
    return Laptop()
