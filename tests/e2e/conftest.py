"""Fixtures for the end-to-end test: a real PostgreSQL database for the
server (``scripts/pg_test_server.py``, or the cluster in
``XIAONENG_TEST_PG_URL``), with a way to dump it.

Where PostgreSQL cannot start, the server runs on SQLite instead and a
warning says so (an error with ``XIAONENG_TEST_REQUIRE_PG=1``).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.sync.conftest import _pg_module, _with_database

REQUIRE_PG_ENV = "XIAONENG_TEST_REQUIRE_PG"


@dataclass(frozen=True)
class ServerDatabase:
    """The server's database: its URL and how to dump all of it as text."""

    url: str
    backend: str
    dump: Callable[[Path], None]


def _sqlite_dump(path: Path) -> Callable[[Path], None]:
    def dump(out: Path) -> None:
        with sqlite3.connect(path) as conn:
            out.write_text("\n".join(conn.iterdump()), encoding="utf-8")

    return dump


def _pg_dump(dsn: str) -> Callable[[Path], None]:
    def dump(out: Path) -> None:
        tool = _pg_module().find_bindir() / "pg_dump"
        subprocess.run(
            [str(tool), "--dbname", dsn, "--file", str(out)],
            check=True,
            timeout=60,
            env={**os.environ, "LC_ALL": "C"},
        )

    return dump


@pytest.fixture
def server_database(tmp_path: Path) -> Iterator[ServerDatabase]:
    pg_server = _pg_module()
    name = f"xn_e2e_{os.getpid()}"
    given = os.environ.get(pg_server.URL_ENV)
    cluster = None
    if given:
        admin_dsn = given
    else:
        try:
            cluster = pg_server.TempPostgres().start()
        except pg_server.PostgresUnavailable as exc:
            reason = f"PostgreSQL could not be started ({exc}); the server ran on SQLite"
            if os.environ.get(REQUIRE_PG_ENV) == "1":
                pytest.fail(reason)
            warnings.warn(reason, stacklevel=1)
            path = tmp_path / "server.db"
            yield ServerDatabase(f"sqlite:///{path}", "sqlite", _sqlite_dump(path))
            return
        admin_dsn = cluster.dsn("postgres")
    try:
        pg_server.drop_database(admin_dsn, name)
        pg_server.create_database(admin_dsn, name)
        dsn = _with_database(admin_dsn, name)
        yield ServerDatabase(dsn, "postgresql", _pg_dump(dsn))
    finally:
        pg_server.drop_database(admin_dsn, name)
        if cluster is not None:
            cluster.stop()
