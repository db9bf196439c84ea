"""The HTTP API: sign-in, keys, sync. Every route but ``/health`` and
``/auth/login`` needs ``Authorization: Bearer <token>``; roles are checked here
(routes) and per operation (``server.sync``)."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.common import Role, enumeration
from desktop.domain.messages import msg
from desktop.store.db import current_revision
from server import accounts
from server.accounts import AccountError, Principal
from server.config import Settings
from server.errors import ApiError, forbidden, once_more_if_raced, unauthorised
from server.models import User
from server.schemas import (
    DEFAULT_SNAPSHOT_LIMIT,
    INT64_MAX,
    MAX_PULL_LIMIT,
    MAX_SNAPSHOT_LIMIT,
    SNAPSHOT_TOKEN_PATTERN,
    HandlerKey,
    HandlerKeysOut,
    Health,
    LoginIn,
    LoginOut,
    MeOut,
    OfficeKeyOut,
    OpResult,
    PublicKeyIn,
    PullOut,
    PushIn,
    PushOut,
    Reason,
    SnapshotOut,
)
from server.sync.pull import pull as pull_ops
from server.sync.push import Pusher
from server.sync.snapshot import ORDER as SNAPSHOT_ORDER, parse_token, snapshot as snapshot_records

router = APIRouter()
bearer = HTTPBearer(auto_error=False, description="The token from POST /auth/login")

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Reason, "description": "Not signed in, or the session ended"},
    422: {"model": Reason, "description": "The request does not fit the schema"},
}
ROLE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    403: {"model": Reason, "description": "The user's role may not do this"},
}


def sessions(request: Request) -> sessionmaker[Session]:
    factory: sessionmaker[Session] = request.app.state.sessions
    return factory


def settings(request: Request) -> Settings:
    value: Settings = request.app.state.settings
    return value


Sessions = Annotated[sessionmaker[Session], Depends(sessions)]


def current(
    factory: Sessions,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal:
    """The signed-in principal, or 401."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise unauthorised()
    token = credentials.credentials
    if not 16 <= len(token) <= 128:
        raise unauthorised()
    with factory.begin() as db:
        principal = accounts.resolve_token(db, token)
    if principal is None:
        raise unauthorised(msg("会话已过期、已注销或无效，请重新登录"))
    return principal


Current = Annotated[Principal, Depends(current)]


def requires(*roles: Role) -> Callable[[Principal], Principal]:
    """A dependency: the principal, if they hold one of ``roles`` (else 403)."""

    def check(principal: Current) -> Principal:
        if not principal.has_any(roles):
            need = enumeration([r.value for r in roles])
            raise forbidden(msg("当前用户的角色无权执行此操作（需要：{need}）", need=need))
        return principal

    return check


def _me(principal: Principal, user: User | None) -> MeOut:
    return MeOut(
        user_id=principal.user_id,
        username=principal.username,
        display_name=principal.display_name,
        roles=sorted(r.value for r in principal.roles),
        office_id=principal.office_id,
        device_id=principal.device_id,
        session_expires_at=principal.expires_at,
        has_public_key=bool(user is not None and user.public_key),
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# ----------------------------------------------------------------- routes


@router.get("/health", tags=["server"])
def health(factory: Sessions, request: Request) -> Health:
    """Whether the server and its database answer (for the proxy in front)."""
    with factory.begin() as db:
        db.execute(text("SELECT 1"))
    return Health(status="ok", schema_revision=current_revision(request.app.state.engine))


@router.post(
    "/auth/login",
    tags=["auth"],
    responses={
        401: {"model": Reason, "description": "Wrong username or password"},
        403: {"model": Reason, "description": "The device has been switched off"},
        422: ERRORS[422],
    },
)
def login(body: LoginIn, factory: Sessions, request: Request) -> LoginOut:
    """Sign in on a laptop: the device is registered the first time; returns an
    opaque session token (kept by the server only as its SHA-256)."""
    config = settings(request)
    with factory.begin() as db:
        try:
            signed = accounts.sign_in(
                db,
                username=body.username,
                password=body.password,
                device_id=body.device_id,
                device_name=body.device_name,
                lifetime=dt.timedelta(hours=config.session_hours),
            )
        except AccountError as exc:
            raise ApiError(403, "auth.device_revoked", exc.reason) from None
        if signed is None:
            raise ApiError(
                401,
                "auth.sign_in_failed",
                msg("用户名或密码错误"),
                {"WWW-Authenticate": "Bearer"},
            )
        user = db.get(User, signed.principal.user_id)
        me = _me(signed.principal, user)
    return LoginOut(token=signed.token, expires_at=signed.principal.expires_at, user=me)


@router.post("/auth/logout", status_code=204, tags=["auth"], responses=ERRORS)
def logout(principal: Current, factory: Sessions) -> Response:
    """End this session: the token is revoked at once."""
    with factory.begin() as db:
        accounts.sign_out(db, principal)
    return Response(status_code=204)


@router.get("/me", tags=["auth"], responses=ERRORS)
def me(principal: Current, factory: Sessions) -> MeOut:
    """Who is signed in: user, roles, office, device, when the session ends."""
    with factory.begin() as db:
        return _me(principal, db.get(User, principal.user_id))


@router.put("/keys/me", tags=["keys"], responses=ROLE_ERRORS)
def publish_key(
    body: PublicKeyIn,
    principal: Annotated[Principal, Depends(requires(Role.COMPLAINT_HANDLER))],
    factory: Sessions,
) -> HandlerKey:
    """A complaint handler publishes their X25519 public key (32 bytes, base64),
    so laptops seal new identities for them too."""
    try:
        raw = base64.b64decode(body.public_key.encode("ascii"), validate=True)
    except (binascii.Error, ValueError):
        try:
            raw = base64.urlsafe_b64decode(body.public_key.encode("ascii"))
        except (binascii.Error, ValueError):
            raise ApiError(
                422, "keys.invalid", msg("公钥应为 base64 编码的 32 字节 X25519 公钥")
            ) from None
    with factory.begin() as db:
        try:
            user = accounts.publish_key(db, principal, raw)
        except AccountError as exc:
            raise ApiError(
                422, "keys.invalid", msg("公钥无效：{problem}", problem=exc.reason)
            ) from None
        assert user.public_key is not None
        return HandlerKey(
            user_id=user.id,
            username=user.username,
            display_name=user.display_name,
            public_key=_b64(user.public_key),
            updated_at=user.public_key_updated_at,
        )


@router.get("/keys/handlers", tags=["keys"], responses=ERRORS)
def handler_keys(_principal: Current, factory: Sessions) -> HandlerKeysOut:
    """The public keys every identity is sealed for: each active complaint
    handler's, and the office recovery key."""
    with factory.begin() as db:
        handlers = [
            HandlerKey(
                user_id=u.id,
                username=u.username,
                display_name=u.display_name,
                public_key=_b64(u.public_key or b""),
                updated_at=u.public_key_updated_at,
            )
            for u in accounts.handler_keys(db)
        ]
        recovery = accounts.office_key(db, accounts.RECOVERY_KEY_KIND)
        office = (
            OfficeKeyOut(public_key=_b64(recovery.data), updated_at=recovery.updated_at)
            if recovery is not None
            else None
        )
    return HandlerKeysOut(handlers=handlers, recovery=office)


@router.post(
    "/sync/push",
    tags=["sync"],
    responses={
        **ROLE_ERRORS,
        409: {"model": Reason, "description": "A record's unique key taken by another write"},
    },
)
def push(body: PushIn, principal: Current, factory: Sessions) -> PushOut:
    """Push a batch of operations from this laptop's outbox. Idempotent by
    ``op_id``: pushing the same batch again changes nothing and answers
    ``duplicate`` with the first result. Each op is ``accepted`` (with its
    global ``seq``), ``rejected`` (with a reason; it stays on the laptop as a
    conflict) or ``deferred`` (made by another user: push it when they sign in).
    A batch that lost a race with another push is judged once more."""
    if body.device_id != principal.device_id:
        raise forbidden(msg("该会话是在另一台设备上登录的，不能代其推送（device_id）"))

    def attempt() -> list[OpResult]:
        with factory.begin() as db:
            return Pusher(db, principal).push(body)

    return PushOut(results=once_more_if_raced(attempt))


@router.get("/sync/pull", tags=["sync"], responses=ERRORS, response_model=PullOut)
def pull(
    principal: Current,
    factory: Sessions,
    since: Annotated[int, Query(ge=0, le=INT64_MAX, description="The cursor ('next')")] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = 200,
) -> Response:
    """The accepted operations after ``since`` that this user may see, in
    sequence order, and the cursor to ask from next time."""
    with factory.begin() as db:
        page = pull_ops(db, principal, since, limit)
    return Response(page, media_type="application/json")


@router.get("/sync/snapshot", tags=["sync"], responses=ERRORS, response_model=SnapshotOut)
def snapshot(
    principal: Current,
    factory: Sessions,
    after: Annotated[
        str | None,
        Query(
            max_length=69,
            pattern=SNAPSHOT_TOKEN_PATTERN,
            description="'<entity>/<id>': the 'next' of the previous page; absent: from the start",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_SNAPSHOT_LIMIT)] = DEFAULT_SNAPSHOT_LIMIT,
) -> Response:
    """A fresh laptop's initial sync: the records this user may see, as they
    are now, entity by entity (each after those it refers to) and by id, and
    the pull cursor to go on from (read before the records: every op up to it
    is reflected in them)."""
    key = parse_token(after) if after is not None else None
    if key is not None and key[0] not in SNAPSHOT_ORDER:
        raise ApiError(422, "request.invalid", msg("after：不认识的记录类型"))
    with factory.begin() as db:
        page = snapshot_records(db, principal, key, limit)
    return Response(page, media_type="application/json")
