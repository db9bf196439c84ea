"""Test-wide settings and fixtures: Qt runs offscreen, without a screen; one
PostgreSQL for the whole session, started only when a test asks for it."""

import os
from collections.abc import Iterator

import pytest

from tests.pg import Cluster, cluster_or_reason

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster | str]:
    """The session's PostgreSQL, or the reason there is none."""
    with cluster_or_reason() as cluster:
        yield cluster


@pytest.fixture(scope="session")
def fast_server_hashing() -> Iterator[None]:
    """Cheap argon2id parameters on the server (the algorithm stays argon2id)."""
    from argon2 import PasswordHasher

    from server import security

    saved = security.hasher
    security.hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    security._DUMMY_HASH = None
    yield
    security.hasher = saved
    security._DUMMY_HASH = None
