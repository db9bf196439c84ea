"""Fixtures for the server tests: a real PostgreSQL, and SQLite.

The session's PostgreSQL is ``pg_cluster`` (``tests/conftest.py``,
``tests/pg.py``). One database is
migrated and seeded once and used as the template of a fresh database per test
(``CREATE DATABASE ... TEMPLATE``); SQLite gets a copied file per test. Tests
that take ``api``/``client``/``db_url`` run once on each backend.

Where PostgreSQL cannot be started, its half of the tests is skipped with the
reason and a ``PostgresFallbackWarning`` says the run was SQLite only; with
``XIAONENG_TEST_REQUIRE_PG=1`` that is an error instead.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from server import accounts
from server.app import create_app
from server.config import Settings
from server.db import make_engine, migrate, session_factory
from tests.pg import Cluster

from .support import PASSWORD, USERS, Api, Laptop


@pytest.fixture(scope="session", autouse=True)
def _fast_hashing(fast_server_hashing: None) -> None:
    """Every server test hashes passwords cheaply (``tests/conftest.py``)."""


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
