"""Sign-in offline, roles, the idle lock, and keys opened only for handlers."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from desktop.domain.common import Role
from desktop.services import auth
from desktop.services.auth import (
    SessionLocked,
    SignInFailed,
    UserSession,
    create_user,
    ensure_unlocked,
    grant_pending_handlers,
    set_idle_minutes,
    sign_in,
    touch,
    unlock,
)
from desktop.services.base import Context, Forbidden, InvalidInput
from desktop.store.models import AuditEntry, User
from tests.accounts import FAST_ARGON2, PASSWORD

from .conftest import Clock

Login = Callable[[str], UserSession]


def test_sign_in_gives_roles(login: Login) -> None:
    session = login("sup")
    assert session.roles == {Role.SUPERVISOR}
    assert session.private_key is None and session.blind_indexer is None


def test_handler_gets_keys_in_memory(login: Login) -> None:
    session = login("handler")
    assert session.private_key is not None
    assert session.blind_indexer is not None
    assert "private" not in repr(session).lower()


@pytest.mark.parametrize(
    ("username", "password"), [("sup", "wrong password"), ("nobody", PASSWORD), ("handler", "")]
)
def test_wrong_credentials_give_one_clear_message(
    ctx: Context, fast_hashing: None, username: str, password: str
) -> None:
    with pytest.raises(SignInFailed) as err:
        sign_in(ctx, username, password)
    assert err.value.message == "用户名或密码错误"
    assert err.value.field == "password"
    with ctx.transaction() as db:
        last = db.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert last is not None and last.action == "auth.sign_in_failed"


def test_idle_session_locks_and_forgets_keys(ctx: Context, login: Login, clock: Clock) -> None:
    session = login("handler")
    clock.advance(minutes=9)
    touch(ctx, session)
    clock.advance(minutes=10, seconds=1)
    with pytest.raises(SessionLocked):
        ensure_unlocked(ctx, session)
    assert session.locked and session.private_key is None and session.blind_indexer is None
    with pytest.raises(SignInFailed):
        unlock(ctx, session, "not my password")
    unlock(ctx, session, PASSWORD)
    assert not session.locked and session.private_key is not None


def test_idle_time_is_a_setting_only_admins_change(
    ctx: Context, login: Login, clock: Clock
) -> None:
    with pytest.raises(Forbidden):
        set_idle_minutes(ctx, login("sup"), 1)
    with pytest.raises(InvalidInput) as err:
        set_idle_minutes(ctx, login("admin"), 0)
    assert err.value.field == "idle_lock_minutes"
    set_idle_minutes(ctx, login("admin"), 2)
    session = login("insp_a")
    clock.advance(minutes=2, seconds=1)
    with pytest.raises(SessionLocked):
        touch(ctx, session)


def test_only_admins_create_users(ctx: Context, login: Login) -> None:
    with ctx.transaction() as db, pytest.raises(Forbidden):
        create_user(
            ctx,
            db,
            login("sup"),
            username="x",
            display_name="x",
            password=PASSWORD,
            roles=[Role.INSPECTOR],
        )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"username": "sup"}, "username"),
        ({"username": " "}, "username"),
        ({"password": "short"}, "password"),
        ({"roles": []}, "roles"),
    ],
)
def test_bad_user_input_names_the_field(
    ctx: Context, login: Login, fields: dict[str, object], field: str
) -> None:
    args: dict[str, object] = {
        "username": "new",
        "display_name": "新人",
        "password": PASSWORD,
        "roles": [Role.INSPECTOR],
    }
    args.update(fields)
    admin = login("admin")
    with pytest.raises(InvalidInput) as err, ctx.transaction() as db:
        create_user(ctx, db, admin, argon2=FAST_ARGON2, **args)  # type: ignore[arg-type]
    assert err.value.field == field
    with ctx.transaction() as db:
        assert db.scalar(select(User).where(User.username == "new")) is None


def test_new_handler_is_granted_the_blind_index_key_by_a_handler(
    ctx: Context, login: Login
) -> None:
    with ctx.transaction() as db:
        create_user(
            ctx,
            db,
            login("admin"),
            username="handler3",
            display_name="新受理员",
            password=PASSWORD,
            roles=[Role.COMPLAINT_HANDLER],
            argon2=FAST_ARGON2,
        )
    with pytest.raises(SignInFailed, match="授权"):
        sign_in(ctx, "handler3", PASSWORD)
    with pytest.raises(Forbidden):
        grant_pending_handlers(ctx, login("admin"))
    granted = grant_pending_handlers(ctx, login("handler"))
    assert len(granted) == 1
    session = sign_in(ctx, "handler3", PASSWORD)
    assert session.blind_indexer is not None
    assert session.blind_indexer.phone("13905912345") == login("handler").blind_indexer.phone(  # type: ignore[union-attr]
        "13905912345"
    )


def test_password_hashes_are_argon2id(ctx: Context) -> None:
    with ctx.transaction() as db:
        hashes = db.scalars(select(User.password_hash)).all()
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert auth.MIN_PASSWORD_LENGTH >= 8
