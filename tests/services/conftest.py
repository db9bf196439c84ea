"""Fixtures for service tests: a real SQLite store (migrated), an office with
agencies, officials and users of every role, and the office keys.

The store is built once per session with light argon2 parameters and copied for
each test, so every test gets a fresh, real database in milliseconds.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from desktop.crypto import generate_keypair
from desktop.domain.common import Role
from desktop.resources import load_profile
from desktop.services import auth
from desktop.services.auth import UserSession, setup_office_keys, sign_in
from desktop.services.base import Context
from desktop.store.db import DB_FILE, open_store
from desktop.store.models import Agency, Official
from tests.accounts import PASSWORD, create_users

DEVICE = "0190a000-0000-7000-8000-000000000001"
# 2026-09-21 09:00 in China (UTC+8): a Monday before 中秋 and 国庆.
NOW = dt.datetime(2026, 9, 21, 1, 0, tzinfo=dt.UTC)

USERS = {
    "admin": (Role.ADMINISTRATOR,),
    "insp_a": (Role.INSPECTOR,),
    "insp_b": (Role.INSPECTOR,),
    "insp_c": (Role.INSPECTOR,),
    "sup": (Role.SUPERVISOR,),
    "head": (Role.OFFICE_HEAD,),
    "handler": (Role.COMPLAINT_HANDLER,),
    "handler2": (Role.COMPLAINT_HANDLER,),
}


@dataclass
class Office:
    """Ids of what the base store holds."""

    province_office: str
    city_office: str
    city_agency: str
    county_agency: str
    official: str
    head_official: str
    users: dict[str, str]
    recovery_private: object


class Clock:
    """A settable clock for the context."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture(scope="session")
def fast_hashing() -> Iterator[None]:
    saved = auth._hasher
    auth._hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    yield
    auth._hasher = saved


@pytest.fixture(scope="session")
def base_store(tmp_path_factory: pytest.TempPathFactory, fast_hashing: None) -> tuple[Path, Office]:
    folder = tmp_path_factory.mktemp("base-store")
    store = open_store(folder)
    ctx = Context(store, DEVICE, load_profile("fujian-2024"), clock=lambda: NOW)
    recovery_private, recovery_public = generate_keypair()
    with ctx.transaction() as db:
        province_office = Agency(
            name="福建省效能办", kind="office", level=1, profile_id="fujian-2024"
        )
        db.add(province_office)
        db.flush()
        city_office = Agency(
            name="福州市效能办",
            kind="office",
            level=2,
            parent_id=province_office.id,
            profile_id="fujian-2024",
        )
        db.add(city_office)
        db.flush()
        city_agency = Agency(
            name="福州市市场监督管理局",
            kind="agency",
            level=2,
            office_id=city_office.id,
            profile_id="fujian-2024",
            staff_count=40,
        )
        db.add(city_agency)
        db.flush()
        county_agency = Agency(
            name="鼓楼区行政服务中心",
            kind="agency",
            level=3,
            parent_id=city_agency.id,
            profile_id="fujian-2024",
            staff_count=20,
        )
        db.add(county_agency)
        db.flush()
        official = Official(name="张三", agency_id=city_agency.id, position="窗口科员")
        head_official = Official(
            name="李四", agency_id=city_agency.id, position="局长", is_head=True
        )
        db.add_all([official, head_official])
        db.flush()
        users = create_users(ctx, db, USERS, city_office.id)
        setup_office_keys(ctx, db, recovery_public)
        office = Office(
            province_office.id,
            city_office.id,
            city_agency.id,
            county_agency.id,
            official.id,
            head_official.id,
            users,
            recovery_private,
        )
    store.close()
    return folder, office


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def office(base_store: tuple[Path, Office]) -> Office:
    return base_store[1]


@pytest.fixture
def ctx(base_store: tuple[Path, Office], tmp_path: Path, clock: Clock) -> Iterator[Context]:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(base_store[0] / DB_FILE, folder / DB_FILE)
    store = open_store(folder)
    yield Context(store, DEVICE, load_profile("fujian-2024"), clock=clock)
    store.close()


@pytest.fixture
def login(ctx: Context, fast_hashing: None) -> Callable[[str], UserSession]:
    """Sign a demo user in: ``login("handler")``."""
    return lambda username: sign_in(ctx, username, PASSWORD)
