"""One throw-away PostgreSQL for every test that needs one (server, sync,
end-to-end), started with ``scripts/pg_test_server.py`` (initdb in a
temporary folder, as ``nobody`` when running as root, a free port on
127.0.0.1) or taken from ``XIAONENG_TEST_PG_URL``.

Where none can start, the tests that need it fall back to SQLite or are
skipped, with a :class:`PostgresFallbackWarning`; with
``XIAONENG_TEST_REQUIRE_PG=1`` that is an error instead.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
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
    """PostgreSQL could not be started: tests that need it ran on SQLite or were skipped."""


def with_database(dsn: str, database: str) -> str:
    """``dsn`` pointing at another database of the same server."""
    return urlunsplit(urlsplit(dsn)._replace(path=f"/{database}"))


def sqlalchemy_url(dsn: str) -> str:
    """A ``postgresql://`` DSN as SQLAlchemy's psycopg 3 URL."""
    return dsn.replace("postgresql://", "postgresql+psycopg://", 1)


@dataclass(frozen=True)
class Cluster:
    """A PostgreSQL server the tests may create databases on."""

    admin_dsn: str  # postgresql://... of the maintenance database

    def dsn(self, database: str) -> str:
        return with_database(self.admin_dsn, database)

    def url(self, database: str) -> str:
        return sqlalchemy_url(self.dsn(database))

    def create_database(self, name: str, template: str | None = None) -> None:
        pg_server.create_database(self.admin_dsn, name, template)

    def drop_database(self, name: str) -> None:
        pg_server.drop_database(self.admin_dsn, name)


@contextmanager
def cluster_or_reason() -> Iterator[Cluster | str]:
    """The cluster for this test session, or why there is none."""
    given = os.environ.get(pg_server.URL_ENV)
    if given:
        yield Cluster(given)
        return
    try:
        pg = pg_server.TempPostgres().start()
    except pg_server.PostgresUnavailable as exc:
        reason = f"PostgreSQL could not be started ({exc}); tests that need it ran on SQLite"
        if os.environ.get(REQUIRE_PG_ENV) == "1":
            pytest.fail(reason)
        warnings.warn(PostgresFallbackWarning(reason), stacklevel=1)
        yield reason
        return
    try:
        yield Cluster(pg.dsn("postgres"))
    finally:
        pg.stop()
