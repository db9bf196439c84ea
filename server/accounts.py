"""Accounts: users and roles, devices, sessions, public keys.

Plain functions over a SQLAlchemy session (no FastAPI), used by the API
routes and by the administrator's CLI (``python -m server.admin``).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop.domain.common import Role
from desktop.domain.messages import msg
from server import security
from server.models import AuthSession, Device, OfficeKey, User, UserRole, utcnow

RECOVERY_KEY_KIND = "recovery"
X25519_KEY_SIZE = 32
_USERNAME = re.compile(r"[A-Za-z0-9_.\-]{1,64}")


class AccountError(ValueError):
    """Input an account operation refuses; the message says why."""

    @property
    def reason(self) -> str:
        """The message as raised (a :class:`~desktop.domain.messages.Message`
        stays one)."""
        first = self.args[0] if self.args else ""
        return first if isinstance(first, str) else str(self)


@dataclass(frozen=True)
class Principal:
    """Who is calling: the signed-in user, their roles, device and session."""

    user_id: str
    username: str
    display_name: str
    roles: frozenset[Role]
    office_id: str | None
    device_id: str
    token_hash: str
    expires_at: dt.datetime

    def has_any(self, roles: Iterable[Role]) -> bool:
        return bool(self.roles & frozenset(roles))


def parse_roles(values: Iterable[str]) -> frozenset[Role]:
    """Roles from their names (``inspector``, ``supervisor``...), comma lists allowed."""
    roles: set[Role] = set()
    for value in values:
        for name in value.split(","):
            name = name.strip()
            if not name:
                continue
            try:
                roles.add(Role(name))
            except ValueError:
                known = ", ".join(r.value for r in Role)
                raise AccountError(f"unknown role {name!r} (known: {known})") from None
    return frozenset(roles)


def create_user(
    db: Session,
    *,
    username: str,
    display_name: str,
    password: str,
    roles: Iterable[Role],
    office_id: str | None = None,
    user_id: str | None = None,
) -> User:
    """Add a user. ``user_id`` lets an office keep the id its laptops already
    use for the person; otherwise a new UUID is made."""
    name = username.strip()
    if not _USERNAME.fullmatch(name):
        raise AccountError("username: 1-64 letters, digits, '.', '_' or '-'")
    if len(password) < security.MIN_PASSWORD_LENGTH:
        raise AccountError(f"password: at least {security.MIN_PASSWORD_LENGTH} characters")
    role_set = frozenset(roles)
    if not role_set:
        raise AccountError("roles: at least one role")
    if user_id is not None:
        try:
            user_id = str(uuid.UUID(user_id))
        except ValueError:
            raise AccountError("id: not a UUID") from None
    if db.scalar(select(User.id).where(User.username == name)) is not None:
        raise AccountError(f"username {name!r} already exists")
    if user_id is not None and db.get(User, user_id) is not None:
        raise AccountError(f"a user with id {user_id} already exists")
    user = User(
        id=user_id or str(uuid.uuid4()),
        username=name,
        display_name=display_name.strip()[:100] or name,
        password_hash=security.hash_password(password),
        office_id=office_id,
        active=True,
        created_at=utcnow(),
        roles=[UserRole(role=r.value) for r in sorted(role_set)],
    )
    db.add(user)
    db.flush()
    return user


def user_roles(user: User) -> frozenset[Role]:
    """The user's roles (a name the code does not know is ignored)."""
    return frozenset(Role(r) for r in user.role_names if r in Role._value2member_map_)


def set_active(db: Session, username: str, active: bool) -> User:
    """Deactivate (or reactivate) a user; deactivating revokes their sessions."""
    user = db.scalar(select(User).where(User.username == username))
    if user is None:
        raise AccountError(f"no user {username!r}")
    user.active = active
    if not active:
        revoke_user_sessions(db, user.id)
    return user


def set_office(db: Session, username: str, office_id: str) -> User:
    """Set the efficiency office a user belongs to (an office record's id)."""
    user = db.scalar(select(User).where(User.username == username))
    if user is None:
        raise AccountError(f"no user {username!r}")
    try:
        user.office_id = str(uuid.UUID(office_id))
    except ValueError:
        raise AccountError("--office-id: not a UUID") from None
    return user


def revoke_user_sessions(db: Session, user_id: str) -> int:
    """Revoke every live session of a user; how many were revoked."""
    result = db.execute(
        update(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    return int(getattr(result, "rowcount", 0) or 0)


# ------------------------------------------------------------------ sessions


@dataclass(frozen=True)
class SignedIn:
    token: str
    principal: Principal


def sign_in(
    db: Session,
    *,
    username: str,
    password: str,
    device_id: str,
    device_name: str,
    lifetime: dt.timedelta,
) -> SignedIn | None:
    """Check the password and open a session on ``device_id`` (registering the
    device the first time). ``None`` for a wrong username or password or an
    inactive user; :class:`AccountError` for a revoked device."""
    user = db.scalar(select(User).where(User.username == username.strip()))
    ok = security.verify_password(user.password_hash if user else None, password)
    if user is None or not ok or not user.active:
        return None
    if security.needs_rehash(user.password_hash):
        user.password_hash = security.hash_password(password)
    now = utcnow()
    device = db.get(Device, device_id)
    if device is None:
        device = Device(
            id=device_id,
            name=device_name.strip()[:100],
            registered_by=user.id,
            registered_at=now,
            last_seen_at=now,
            revoked=False,
        )
        db.add(device)
        db.flush()  # the session row refers to it
    elif device.revoked:
        raise AccountError(msg("该设备已被停用，请联系管理员"))
    else:
        device.last_seen_at = now
    token = security.new_token()
    session = AuthSession(
        token_hash=security.token_hash(token),
        user_id=user.id,
        device_id=device_id,
        created_at=now,
        expires_at=now + lifetime,
        revoked_at=None,
    )
    db.add(session)
    db.flush()
    return SignedIn(token, _principal(user, session))


def _principal(user: User, session: AuthSession) -> Principal:
    return Principal(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        roles=user_roles(user),
        office_id=user.office_id,
        device_id=session.device_id,
        token_hash=session.token_hash,
        expires_at=session.expires_at,
    )


def resolve_token(db: Session, token: str, now: dt.datetime | None = None) -> Principal | None:
    """The principal for a live token; ``None`` if unknown, expired, revoked, or
    the user or the device has been switched off. One query (and the roles):
    every request asks."""
    row = db.execute(
        select(AuthSession, User)
        .join(User, User.id == AuthSession.user_id)
        .join(Device, Device.id == AuthSession.device_id)
        .where(
            AuthSession.token_hash == security.token_hash(token),
            AuthSession.revoked_at.is_(None),
            AuthSession.expires_at > (now or utcnow()),
            User.active.is_(True),
            Device.revoked.is_(False),
        )
    ).first()
    return None if row is None else _principal(row.User, row.AuthSession)


def sign_out(db: Session, principal: Principal) -> None:
    db.execute(
        update(AuthSession)
        .where(AuthSession.token_hash == principal.token_hash, AuthSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


# ---------------------------------------------------------------------- keys


def check_public_key(raw: bytes) -> bytes:
    """Refuse anything that is not a 32-byte X25519 public key."""
    from desktop.crypto import public_key_from_bytes

    if len(raw) != X25519_KEY_SIZE:
        raise AccountError(f"an X25519 public key is {X25519_KEY_SIZE} bytes")
    try:
        public_key_from_bytes(raw)
    except ValueError:
        raise AccountError("not an X25519 public key") from None
    return raw


def publish_key(db: Session, principal: Principal, raw: bytes) -> User:
    user = db.get(User, principal.user_id)
    if user is None:
        raise AccountError("no such user")
    user.public_key = check_public_key(raw)
    user.public_key_updated_at = utcnow()
    return user


def handler_keys(db: Session) -> list[User]:
    """Active complaint handlers with a published key, by username."""
    return list(
        db.scalars(
            select(User)
            .join(UserRole, UserRole.user_id == User.id)
            .where(
                UserRole.role == Role.COMPLAINT_HANDLER.value,
                User.active.is_(True),
                User.public_key.is_not(None),
            )
            .order_by(User.username)
        )
    )


def set_office_key(db: Session, kind: str, raw: bytes) -> None:
    key = db.get(OfficeKey, kind)
    data = check_public_key(raw)
    if key is None:
        db.add(OfficeKey(kind=kind, data=data, updated_at=utcnow()))
    else:
        key.data = data
        key.updated_at = utcnow()


def office_key(db: Session, kind: str) -> OfficeKey | None:
    return db.get(OfficeKey, kind)


# ------------------------------------------------------- office directory

BLIND_INDEX_KIND = "blind_index"
#: ``desktop.crypto.keys``: magic, version, argon2 parameters, salt, nonce,
#: then the 32-byte key and its 16-byte tag.
_SEALED_KEY_MAGIC = b"XNPK\x01"
SEALED_KEY_SIZE = 4 + 1 + 4 + 4 + 1 + 16 + 12 + X25519_KEY_SIZE + 16


class KeyConflict(AccountError):
    """The key material asked for would replace what the office already uses."""


def check_sealed_private_key(raw: bytes) -> bytes:
    """Refuse anything not shaped like a password-sealed X25519 private key."""
    if len(raw) != SEALED_KEY_SIZE or not raw.startswith(_SEALED_KEY_MAGIC):
        raise AccountError("not a sealed private key (desktop.crypto.keys format)")
    return raw


def set_handler_key(db: Session, principal: Principal, public: bytes, sealed: bytes) -> User:
    """A handler's key pair, made on their first laptop: the public key, and the
    private key sealed with their password (so their other laptops open the
    same key). Refused once a sealed key is stored: identities are sealed for
    it, and replacing it would lock them out."""
    user = db.get(User, principal.user_id)
    if user is None:
        raise AccountError("no such user")
    if user.sealed_private_key is not None:
        raise KeyConflict(msg("本人的密钥已在服务器上，不能替换：请在新电脑上用原密码登录以取回"))
    user.public_key = check_public_key(public)
    user.sealed_private_key = check_sealed_private_key(sealed)
    user.public_key_updated_at = utcnow()
    return user


def set_blind_index(db: Session, principal: Principal, raw: bytes) -> OfficeKey:
    """Store the office blind-index key's envelope (ciphertext only).

    The first envelope must be sealed for the office recovery key and the
    handler sending it. After that an envelope is taken only if it is the
    same ciphertext with every existing recipient's wrapped key unchanged and
    new recipients added (a handler granting the key to handlers added later):
    nobody can swap the office's key for another through this route. Every
    recipient is the recovery key or an active handler with a published key.
    """
    from desktop.crypto import MalformedBlob, SealedIdentity

    try:
        envelope = SealedIdentity.from_bytes(raw)
    except MalformedBlob:
        raise AccountError("not a sealed key envelope") from None
    handlers = {u.id for u in handler_keys(db)}
    unknown = sorted(k for k in envelope.key_ids if k != RECOVERY_KEY_KIND and k not in handlers)
    if unknown:
        raise AccountError(f"recipients that are not active handlers with a key: {unknown}")
    current = office_key(db, BLIND_INDEX_KIND)
    if current is None:
        if office_key(db, RECOVERY_KEY_KIND) is None:
            raise KeyConflict(msg("服务器尚未设置机构恢复密钥：请管理员先运行 init-keys"))
        if not {RECOVERY_KEY_KIND, principal.user_id} <= envelope.key_ids:
            raise AccountError("the first envelope must be sealed for the recovery key and you")
        key = OfficeKey(kind=BLIND_INDEX_KIND, data=raw, updated_at=utcnow())
        db.add(key)
        return key
    old = SealedIdentity.from_bytes(current.data)
    kept = all(envelope.wrapped_keys.get(k) == w for k, w in old.wrapped_keys.items())
    if (envelope.nonce, envelope.ciphertext) != (old.nonce, old.ciphertext) or not kept:
        raise KeyConflict(msg("查重索引密钥与服务器上的不是同一把：只能为新的受理人员增加授权"))
    current.data = raw
    current.updated_at = utcnow()
    return current
