"""Fixtures for the end-to-end test: a database for the server on the
session's PostgreSQL (``tests/pg.py``), with a way to dump it.

Where PostgreSQL cannot start, the server runs on SQLite instead and a
warning says so (an error with ``XIAONENG_TEST_REQUIRE_PG=1``).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.pg import Cluster, pg_server


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
        tool = pg_server.find_bindir() / "pg_dump"
        subprocess.run(
            [str(tool), "--dbname", dsn, "--file", str(out)],
            check=True,
            timeout=60,
            env={**os.environ, "LC_ALL": "C"},
        )

    return dump


@pytest.fixture
def server_database(tmp_path: Path, pg_cluster: Cluster | str) -> Iterator[ServerDatabase]:
    """The session's PostgreSQL gets a fresh database; without one, SQLite."""
    if isinstance(pg_cluster, str):
        path = tmp_path / "server.db"
        yield ServerDatabase(f"sqlite:///{path}", "sqlite", _sqlite_dump(path))
        return
    name = f"xn_e2e_{os.getpid()}"
    pg_cluster.drop_database(name)
    pg_cluster.create_database(name)
    try:
        dsn = pg_cluster.dsn(name)
        yield ServerDatabase(dsn, "postgresql", _pg_dump(dsn))
    finally:
        pg_cluster.drop_database(name)
