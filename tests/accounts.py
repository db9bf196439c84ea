"""Laptop test users made fast: one password, argon2id at its cheapest (the
real parameters take ~0.5 s a sign-in; tests sign in thousands of times)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy.orm import Session

from desktop.crypto import Argon2Params
from desktop.domain.common import Role
from desktop.services.auth import create_user
from desktop.services.base import Context

PASSWORD = "correct horse 1"
FAST_ARGON2 = Argon2Params(time_cost=1, memory_cost_kib=64, parallelism=1)


def create_users(
    ctx: Context, db: Session, users: Mapping[str, Iterable[Role]], office_id: str
) -> dict[str, str]:
    """``users`` (username: roles) in ``office_id``, each named as its
    username, with :data:`PASSWORD`; their ids by username."""
    return {
        name: create_user(
            ctx,
            db,
            None,
            username=name,
            display_name=name,
            password=PASSWORD,
            roles=roles,
            office_id=office_id,
            argon2=FAST_ARGON2,
        ).id
        for name, roles in users.items()
    }
