"""Joining the office's central server (登记到中心服务器) and keeping the
office directory (机构通讯录) on this laptop.

* :func:`enrol_with_server` signs a user in online for the first time on this
  laptop: the server checks the password; the laptop writes the directory
  (users with the server's ids, roles, public keys, the recovery key, for a
  handler the blind-index key's envelope), stores this user's own argon2id
  password verifier so later sign-ins work offline, and saves the server's
  address. A complaint handler's key pair is made on their first laptop and
  published with the private key sealed with their password, so every
  laptop they sign in on opens the same key; the first handler's laptop also
  makes the office blind-index key, sealed for that handler and the recovery
  key. The server never holds either key unsealed.
* Other users of the directory sign in online once (the same function), then
  offline.
* :func:`refresh_directory` runs at every sync: the directory again, and a
  handler grants the blind-index key to handlers added since and sends the
  grown envelope back (the server takes it only if it is the same key).
"""

from __future__ import annotations

import base64
import binascii
import logging
import platform
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Final

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.crypto import (
    DEFAULT_ARGON2_PARAMS,
    Argon2Params,
    BlindIndexer,
    SealedIdentity,
    VaultError,
    generate_blind_index_key,
    generate_keypair,
    open_private_key,
    open_secret,
    public_key_from_bytes,
    public_key_to_bytes,
    seal_private_key,
    seal_secret,
)
from desktop.domain.common import Role
from desktop.domain.messages import msg
from desktop.services import auth
from desktop.services.auth import (
    BLIND_INDEX_KIND,
    BLIND_INDEX_RECORD,
    RECOVERY_KEY_ID,
    RECOVERY_PUBLIC_KIND,
    UserSession,
)
from desktop.services.base import Context, InvalidInput, ServiceError
from desktop.services.setup import PROFILE_KEY, check_profile
from desktop.services.sync import SERVER_URL_KEY, check_server_url, server_url
from desktop.store import audit
from desktop.store.models import Agency, KeyMaterial, Setting, User, UserRole
from desktop.sync.client import SyncClient
from desktop.sync.errors import SyncError, SyncProtocolError, SyncRefused, SyncUnavailable

log = logging.getLogger(__name__)

DIRECTORY_PATH: Final = "/directory"
#: A directory user who has not signed in on this laptop yet has no verifier.
NO_VERIFIER: Final = ""


@dataclass(frozen=True)
class DirectoryUser:
    """One person as the server lists them."""

    id: str
    username: str
    display_name: str
    roles: frozenset[str]
    office_id: str | None
    active: bool
    public_key: bytes | None


@dataclass(frozen=True)
class Directory:
    """The office directory as the server gives it to the signed-in user."""

    users: tuple[DirectoryUser, ...]
    recovery_public_key: bytes | None
    blind_index: bytes | None  # handlers only
    sealed_private_key: bytes | None  # the caller's own, handlers only

    def user(self, user_id: str) -> DirectoryUser:
        for person in self.users:
            if person.id == user_id:
                return person
        raise SyncProtocolError(msg("服务器的通讯录中没有当前用户"))


# ------------------------------------------------------------------ server


def _bytes(body: Mapping[str, Any], key: str) -> bytes | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise SyncProtocolError(msg("服务器的通讯录格式不对：{field}", field=key))
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise SyncProtocolError(msg("服务器的通讯录格式不对：{field}", field=key)) from None


def _parse_user(raw: Any) -> DirectoryUser:
    if not isinstance(raw, Mapping):
        raise SyncProtocolError(msg("服务器的通讯录格式不对：{field}", field="users"))
    fields = (raw.get("id"), raw.get("username"), raw.get("display_name"))
    roles = raw.get("roles")
    office = raw.get("office_id")
    if not all(isinstance(f, str) and f for f in fields) or not isinstance(roles, list):
        raise SyncProtocolError(msg("服务器的通讯录格式不对：{field}", field="users"))
    return DirectoryUser(
        id=str(fields[0]),
        username=str(fields[1]),
        display_name=str(fields[2]),
        roles=frozenset(str(r) for r in roles if str(r) in Role._value2member_map_),
        office_id=office if isinstance(office, str) and office else None,
        active=raw.get("active") is True,
        public_key=_bytes(raw, "public_key"),
    )


def fetch_directory(client: SyncClient) -> Directory:
    """``GET /directory`` for the user ``client`` is signed in as."""
    body = client._call("GET", DIRECTORY_PATH)
    if not isinstance(body, Mapping) or not isinstance(body.get("users"), list):
        raise SyncProtocolError(msg("服务器的通讯录格式不对"))
    return Directory(
        users=tuple(_parse_user(u) for u in body["users"]),
        recovery_public_key=_bytes(body, "recovery_public_key"),
        blind_index=_bytes(body, "blind_index"),
        sealed_private_key=_bytes(body, "sealed_private_key"),
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _publish_handler_key(client: SyncClient, public: bytes, sealed: bytes) -> None:
    client._call(
        "PUT",
        f"{DIRECTORY_PATH}/me/key",
        json={"public_key": _b64(public), "sealed_private_key": _b64(sealed)},
    )


def _send_envelope(client: SyncClient, envelope: bytes) -> None:
    client._call(
        "PUT", f"{DIRECTORY_PATH}/blind-index", json={"envelope": _b64(envelope)}, expect_body=False
    )


# ------------------------------------------------------------------- local


def _write_user(db: Session, person: DirectoryUser) -> bool:
    """Write one directory entry; whether anything changed. The local password
    verifier is never taken from the server (it has none to give)."""
    office = person.office_id if person.office_id and db.get(Agency, person.office_id) else None
    user = db.get(User, person.id)
    if user is None:
        clash = db.scalar(select(User).where(User.username == person.username))
        if clash is not None:
            raise ServiceError(
                msg(
                    "本机已有用户“{username}”，但与中心服务器上的不是同一人：请联系管理员",
                    username=person.username,
                ),
                code="enrol.username_clash",
            )
        user = User(
            id=person.id,
            username=person.username,
            display_name=person.display_name,
            password_hash=NO_VERIFIER,
        )
        db.add(user)
    before = (
        user.username,
        user.display_name,
        user.active,
        user.office_id,
        user.public_key,
        frozenset(r.role for r in user.roles),
    )
    user.username = person.username
    user.display_name = person.display_name
    user.active = person.active
    user.office_id = office or user.office_id
    if person.public_key is not None and person.public_key != user.public_key:
        user.public_key = person.public_key
        user.sealed_private_key = None  # sealed for another key: fetched again online
    if frozenset(r.role for r in user.roles) != person.roles:
        user.roles = [UserRole(role=r) for r in sorted(person.roles)]
    db.flush()
    after = (
        user.username,
        user.display_name,
        user.active,
        user.office_id,
        user.public_key,
        person.roles,
    )
    return before != after


def _write_key(db: Session, kind: str, data: bytes | None) -> bool:
    if data is None:
        return False
    material = db.scalar(select(KeyMaterial).where(KeyMaterial.kind == kind))
    if material is None:
        db.add(KeyMaterial(kind=kind, data=data))
        return True
    if material.data == data:
        return False
    material.data = data
    material.version += 1
    return True


def apply_directory(ctx: Context, db: Session, directory: Directory, user_id: str) -> int:
    """Write ``directory`` into this laptop's users and keys (no sync ops: the
    server owns them). Returns how many entries changed; audited when any did."""
    changed = sum(_write_user(db, person) for person in directory.users)
    changed += _write_key(db, RECOVERY_PUBLIC_KIND, directory.recovery_public_key)
    changed += _write_key(db, BLIND_INDEX_KIND, directory.blind_index)
    if changed:
        audit.append(
            db,
            at=ctx.now(),
            device_id=ctx.device_id,
            user_id=user_id,
            action="directory.refresh",
            entity="users",
            entity_id="-",
            details={"changed": changed, "users": len(directory.users)},
        )
    return changed


def online_sign_in_needed(ctx: Context, username: str) -> str:
    """The server address if ``username`` must sign in online first (a
    directory user who has not signed in on this laptop yet, or one unknown
    here), else ""."""
    url = server_url(ctx)
    if not url:
        return ""
    with ctx.transaction() as db:
        user = db.scalar(select(User).where(User.username == username.strip()))
        return url if user is None or user.password_hash == NO_VERIFIER else ""


# ------------------------------------------------------------------- enrol


def _handler_key(
    client: SyncClient,
    directory: Directory,
    me: DirectoryUser,
    password: str,
    argon2: Argon2Params,
) -> tuple[Directory, bytes]:
    """This handler's sealed private key (opened once to check the password),
    made and published on their first laptop; the directory as it is then."""
    if directory.sealed_private_key is not None:
        try:
            private = open_private_key(directory.sealed_private_key, password)
        except VaultError:
            raise ServiceError(
                msg("服务器上保存的本人私钥无法用该密码解开：请联系管理员"), field="password"
            ) from None
        if me.public_key != public_key_to_bytes(private.public_key()):
            raise ServiceError(
                msg("服务器上本人的公钥与私钥不匹配：请联系管理员"), field="password"
            )
        return directory, directory.sealed_private_key
    private, public = generate_keypair()
    raw_public = public_key_to_bytes(public)
    sealed = seal_private_key(private, password, argon2)
    _publish_handler_key(client, raw_public, sealed)
    users = tuple(
        replace(u, public_key=raw_public) if u.id == me.id else u for u in directory.users
    )
    return replace(directory, users=users, sealed_private_key=sealed), sealed


def _first_envelope(client: SyncClient, directory: Directory) -> Directory:
    """Make the office blind-index key (the first handler's laptop does),
    sealed for every handler with a key and the recovery key, and send it; if
    another laptop was first, take theirs."""
    assert directory.recovery_public_key is not None
    recipients = {RECOVERY_KEY_ID: public_key_from_bytes(directory.recovery_public_key)}
    for person in directory.users:
        if Role.COMPLAINT_HANDLER.value in person.roles and person.active and person.public_key:
            recipients[person.id] = public_key_from_bytes(person.public_key)
    envelope = seal_secret(
        generate_blind_index_key(), recipients, record_id=BLIND_INDEX_RECORD
    ).to_bytes()
    try:
        _send_envelope(client, envelope)
    except SyncRefused:
        return fetch_directory(client)  # another handler's laptop made it first
    return replace(directory, blind_index=envelope)


def check_enrol_input(ctx: Context, url: str, username: str, password: str) -> str:
    """What the user typed to enrol, checked before going online; the server
    address as it is stored."""
    address = check_server_url(url)
    if not address:
        raise InvalidInput(msg("请填写中心服务器地址"), field=SERVER_URL_KEY)
    saved = server_url(ctx)
    if saved and saved != address:
        raise InvalidInput(msg("本机已连接中心服务器 {server}", server=saved), field=SERVER_URL_KEY)
    if not username.strip():
        raise InvalidInput(msg("请填写用户名"), field="username")
    if not password:
        raise InvalidInput(msg("请输入密码"), field="password")
    return address


def enrol_with_server(
    ctx: Context,
    url: str,
    username: str,
    password: str,
    *,
    transport: httpx.BaseTransport | None = None,
    profile_id: str | None = None,
    argon2: Argon2Params = DEFAULT_ARGON2_PARAMS,
) -> UserSession:
    """Sign ``username`` in on this laptop for the first time, online (see
    the module docstring); returns their session. Bad input, an unreachable
    server or a wrong password write nothing."""
    if profile_id is not None:
        check_profile(profile_id)
    address = check_enrol_input(ctx, url, username, password)
    with SyncClient(address, ctx.device_id, transport=transport) as client:
        try:
            login = client.login(username.strip(), password, device_name=platform.node())
        except SyncUnavailable:
            raise SyncUnavailable(
                msg("无法连接中心服务器（{host}）：请检查服务器地址和网络", host=client.host),
                field=SERVER_URL_KEY,
            ) from None
        except SyncProtocolError as exc:
            raise SyncProtocolError(
                msg("该地址不是效能督查中心服务器，或版本不符：{reason}", reason=exc.message),
                field=SERVER_URL_KEY,
            ) from None
        directory = fetch_directory(client)
        me = directory.user(login.user_id)
        sealed: bytes | None = None
        if Role.COMPLAINT_HANDLER.value in me.roles:
            if directory.recovery_public_key is None:
                raise ServiceError(
                    msg(
                        "中心服务器尚未设置机构恢复密钥：请管理员先运行"
                        " python -m server.admin init-keys"
                    ),
                    code="enrol.no_recovery_key",
                )
            directory, sealed = _handler_key(client, directory, me, password, argon2)
            if directory.blind_index is None:
                directory = _first_envelope(client, directory)
    with ctx.transaction() as db:
        apply_directory(ctx, db, directory, login.user_id)
        user = db.get(User, login.user_id)
        assert user is not None
        user.password_hash = auth.hash_password(password)
        if sealed is not None:
            user.sealed_private_key = sealed
        db.merge(Setting(key=SERVER_URL_KEY, value=address))
        if profile_id is not None:
            db.merge(Setting(key=PROFILE_KEY, value=profile_id))
        audit.append(
            db,
            at=ctx.now(),
            device_id=ctx.device_id,
            user_id=login.user_id,
            action="setup.enrol",
            entity="users",
            entity_id=login.user_id,
            details={"server_url": address, "profile_id": profile_id},
        )
    if profile_id is not None and profile_id != ctx.profile.id:
        from desktop.resources import load_profile

        ctx.profile = load_profile(profile_id)
    return auth.sign_in(ctx, login.username, password)


# ----------------------------------------------------------------- refresh


def _open_indexer(ctx: Context, user: UserSession) -> None:
    """Give a handler's session the blind-index key once it has been granted."""
    if user.private_key is None or user.blind_indexer is not None:
        return
    with ctx.transaction() as db:
        material = db.scalar(select(KeyMaterial).where(KeyMaterial.kind == BLIND_INDEX_KIND))
        data = material.data if material is not None else None
    if data is None:
        return
    envelope = SealedIdentity.from_bytes(data)
    if user.user_id in envelope.key_ids:
        key = open_secret(envelope, user.user_id, user.private_key, record_id=BLIND_INDEX_RECORD)
        user.blind_indexer = BlindIndexer(key)


def refresh_directory(ctx: Context, user: UserSession, client: SyncClient) -> Directory:
    """The directory again (every sync, before the pull: pulled records refer
    to users). A signed-in handler holding the blind-index key then grants it
    to handlers added since and sends the grown envelope to the server."""
    directory = fetch_directory(client)
    with ctx.transaction() as db:
        apply_directory(ctx, db, directory, user.user_id)
    if Role.COMPLAINT_HANDLER not in user.roles or user.private_key is None:
        return directory
    _open_indexer(ctx, user)
    if user.blind_indexer is None or not auth.grant_pending_handlers(ctx, user):
        return directory
    with ctx.transaction() as db:
        material = db.scalar(select(KeyMaterial).where(KeyMaterial.kind == BLIND_INDEX_KIND))
        assert material is not None
        envelope = material.data
    try:
        _send_envelope(client, envelope)
    except SyncError as exc:  # e.g. another handler granted first: again next sync
        log.warning("blind-index grant not sent: %s", type(exc).__name__)
    return directory


def settle_directory(ctx: Context, user: UserSession, directory: Directory) -> None:
    """After the pull: users' offices that arrived with it (an office is a
    synced record, made on a laptop), including the signed-in user's own."""
    with ctx.transaction() as db:
        apply_directory(ctx, db, directory, user.user_id)
        mine = db.get(User, user.user_id)
        if mine is not None and mine.office_id:
            user.office_id = mine.office_id
