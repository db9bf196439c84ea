"""Sign-in (登录), users and the office keys.

* Passwords are hashed with argon2id (argon2-cffi). Sign-in works offline
  against the local ``users`` table.
* A complaint handler has an X25519 keypair; the private key is stored sealed
  with a key derived from their password (``desktop.crypto.keys``) and is
  opened only at sign-in, into memory, never onto disk.
* The office blind-index key (for finding repeat complainants without
  decrypting) is itself sealed for every handler and the office recovery key
  (``key_material`` kind ``blind_index``), so a stolen laptop cannot be used to
  test guessed ID or phone numbers against the index.
* A session locks after the idle time set in settings (``idle_lock_minutes``);
  a locked session forgets the private key until the password is given again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.crypto import (
    DEFAULT_ARGON2_PARAMS,
    Argon2Params,
    BlindIndexer,
    DecryptionError,
    SealedIdentity,
    generate_blind_index_key,
    generate_keypair,
    open_private_key,
    open_secret,
    public_key_from_bytes,
    public_key_to_bytes,
    rewrap,
    seal_private_key,
    seal_secret,
)
from desktop.domain.common import Role
from desktop.domain.messages import msg
from desktop.services.base import Context, Forbidden, InvalidInput, ServiceError, change
from desktop.store import audit
from desktop.store.models import KeyMaterial, Setting, User, UserRole

RECOVERY_KEY_ID = "recovery"
BLIND_INDEX_KIND = "blind_index"
RECOVERY_PUBLIC_KIND = "recovery_public"
BLIND_INDEX_RECORD = "office-blind-index-key"
DEFAULT_IDLE_MINUTES = 10
MIN_IDLE = dt.timedelta(minutes=1)  # the shortest idle_lock_minutes allowed
MIN_PASSWORD_LENGTH = 8
NOT_GRANTED = "auth.not_granted"  # a handler not yet granted the blind-index key

_hasher = PasswordHasher()  # argon2id, the library's RFC 9106 low-memory profile


class SignInFailed(ServiceError):
    code = "auth.sign_in_failed"


class SessionLocked(ServiceError):
    code = "auth.locked"


@dataclass
class UserSession:
    """The signed-in user (当前用户): who, which roles, and for a handler the keys."""

    user_id: str
    username: str
    display_name: str
    roles: frozenset[Role]
    office_id: str | None
    last_activity: dt.datetime
    private_key: X25519PrivateKey | None = field(default=None, repr=False)
    blind_indexer: BlindIndexer | None = field(default=None, repr=False)
    locked: bool = False

    def __repr__(self) -> str:  # never the keys
        return f"UserSession({self.username!r}, roles={sorted(self.roles)})"


def session_of(user: User, now: dt.datetime) -> UserSession:
    """A session for ``user`` (no keys opened: :func:`sign_in` opens them)."""
    return UserSession(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        roles=frozenset(Role(r) for r in user.role_names),
        office_id=user.office_id,
        last_activity=now,
    )


def hash_password(password: str) -> str:
    """An argon2id hash of ``password``."""
    return _hasher.hash(password)


def check_new_password(password: str) -> None:
    """Refuse a password that is too short (shown beside the password field)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            msg("密码至少需要 {min_length} 个字符", min_length=MIN_PASSWORD_LENGTH),
            field="password",
        )


def _verify(user: User | None, password: str) -> bool:
    if user is None or not user.active:
        return False
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def idle_minutes(db: Session) -> int:
    """The idle time before a session locks (设置: 自动锁定时间)."""
    saved = db.get(Setting, "idle_lock_minutes")
    return int(saved.value) if saved else DEFAULT_IDLE_MINUTES


def set_idle_minutes(ctx: Context, session: UserSession, minutes: int) -> None:
    """Change the idle lock time (administrator only)."""
    if Role.ADMINISTRATOR not in session.roles:
        raise Forbidden(msg("只有管理员可以修改自动锁定时间"))
    if not 1 <= minutes <= 240:
        raise InvalidInput(msg("自动锁定时间应在 1 到 240 分钟之间"), field="idle_lock_minutes")
    with ctx.transaction() as db:
        db.merge(Setting(key="idle_lock_minutes", value=str(minutes)))
        audit.append(
            db,
            at=ctx.now(),
            device_id=ctx.device_id,
            user_id=session.user_id,
            action="settings.idle_lock_minutes",
            entity="settings",
            entity_id="idle_lock_minutes",
            details={"minutes": minutes},
        )


def _blind_index_envelope(db: Session) -> SealedIdentity | None:
    material = db.scalar(select(KeyMaterial).where(KeyMaterial.kind == BLIND_INDEX_KIND))
    return SealedIdentity.from_bytes(material.data) if material else None


def _open_keys(db: Session, user: User, password: str) -> tuple[X25519PrivateKey, BlindIndexer]:
    if user.sealed_private_key is None:
        raise SignInFailed(msg("该投诉受理人员尚未生成密钥，请联系管理员"), field="password")
    private = open_private_key(user.sealed_private_key, password)
    envelope = _blind_index_envelope(db)
    if envelope is None or user.id not in envelope.key_ids:
        raise SignInFailed(
            msg("尚未获得查重索引密钥：请另一位投诉受理人员登录并同步一次以完成授权"),
            field="password",
            code=NOT_GRANTED,
        )
    key = open_secret(envelope, user.id, private, record_id=BLIND_INDEX_RECORD)
    return private, BlindIndexer(key)


def sign_in(ctx: Context, username: str, password: str) -> UserSession:
    """Sign in offline. A wrong username or password gives one message and
    decrypts nothing; every attempt is in the audit trail."""
    with ctx.transaction() as db:
        user = db.scalar(select(User).where(User.username == username.strip()))
        ok = _verify(user, password)
        audit.append(
            db,
            at=ctx.now(),
            device_id=ctx.device_id,
            user_id=user.id if user and ok else None,
            action="auth.sign_in" if ok else "auth.sign_in_failed",
            entity="users",
            entity_id=user.id if user else "-",
            details={"username": username.strip()[:64]},
        )
    if not ok or user is None:
        raise SignInFailed(msg("用户名或密码错误"), field="password")
    session = session_of(user, ctx.now())
    if Role.COMPLAINT_HANDLER in session.roles:
        with ctx.transaction() as db:
            try:
                session.private_key, session.blind_indexer = _open_keys(db, user, password)
            except DecryptionError:
                raise SignInFailed(
                    msg("无法解开本人私钥，请联系管理员"), field="password"
                ) from None
    return session


def touch(ctx: Context, session: UserSession) -> None:
    """Note activity; refuse if the session has locked from idleness."""
    ensure_unlocked(ctx, session)
    session.last_activity = ctx.now()


def ensure_unlocked(ctx: Context, session: UserSession) -> None:
    """Lock the session (forget the keys) once idle too long, and refuse then."""
    idle = ctx.now() - session.last_activity
    # The shortest lock time that can be set is one minute: below that there is
    # no need to read the setting (this runs on every service call).
    if not session.locked and idle > MIN_IDLE:
        with ctx.transaction() as db:
            limit = dt.timedelta(minutes=idle_minutes(db))
        if idle > limit:
            lock(session)
    if session.locked:
        raise SessionLocked(msg("会话已锁定，请重新输入密码"), field="password")


def lock(session: UserSession) -> None:
    """Lock now: the private key and blind-index key leave memory."""
    session.locked = True
    session.private_key = None
    session.blind_indexer = None


def unlock(ctx: Context, session: UserSession, password: str) -> None:
    """Unlock with the same user's password (not anyone else's)."""
    fresh = sign_in(ctx, session.username, password)
    session.private_key = fresh.private_key
    session.blind_indexer = fresh.blind_indexer
    session.locked = False
    session.last_activity = ctx.now()


def confirm_password(ctx: Context, db: Session, username: str, password: str) -> User:
    """Check another person's password on this laptop (e.g. the second inspector
    confirming presence at a visit). Raises :class:`SignInFailed` on a mismatch."""
    user = db.scalar(select(User).where(User.username == username.strip()))
    if not _verify(user, password) or user is None:
        raise SignInFailed(msg("{username}：用户名或密码错误", username=username), field="password")
    return user


# -------------------------------------------------------------- office keys


def handler_recipients(db: Session) -> dict[str, X25519PublicKey]:
    """Every active complaint handler's public key, plus the office recovery key."""
    recipients: dict[str, X25519PublicKey] = {}
    recovery = db.scalar(select(KeyMaterial).where(KeyMaterial.kind == RECOVERY_PUBLIC_KIND))
    if recovery is not None:
        recipients[RECOVERY_KEY_ID] = public_key_from_bytes(recovery.data)
    handlers = db.scalars(
        select(User)
        .join(UserRole)
        .where(UserRole.role == Role.COMPLAINT_HANDLER.value, User.active.is_(True))
    )
    for user in handlers:
        if user.public_key is not None:
            recipients[user.id] = public_key_from_bytes(user.public_key)
    return recipients


def setup_office_keys(ctx: Context, db: Session, recovery_public: X25519PublicKey) -> None:
    """First run: store the recovery public key and a new blind-index key sealed
    for it and every handler. The recovery private key stays offline."""
    if db.scalar(select(KeyMaterial).where(KeyMaterial.kind == BLIND_INDEX_KIND)):
        raise InvalidInput(msg("本机已设置机构密钥"))
    recovery = KeyMaterial(kind=RECOVERY_PUBLIC_KIND, data=public_key_to_bytes(recovery_public))
    db.add(recovery)
    db.flush()
    change(ctx, db, None, "keys.recovery", recovery, {"kind": recovery.kind}, created=True)
    sealed = seal_secret(
        generate_blind_index_key(), handler_recipients(db), record_id=BLIND_INDEX_RECORD
    )
    material = KeyMaterial(kind=BLIND_INDEX_KIND, data=sealed.to_bytes())
    db.add(material)
    db.flush()
    change(
        ctx,
        db,
        None,
        "keys.blind_index",
        material,
        {"kind": material.kind, "recipients": sorted(sealed.key_ids)},
        created=True,
    )


def create_user(
    ctx: Context,
    db: Session,
    actor: UserSession | None,
    *,
    username: str,
    display_name: str,
    password: str,
    roles: Iterable[Role],
    office_id: str | None = None,
    argon2: Argon2Params = DEFAULT_ARGON2_PARAMS,
) -> User:
    """Add a user (administrator only; ``actor=None`` only for first run and demo).

    A complaint handler gets a keypair, the private key sealed with their
    password. They can read identities once a handler already holding the keys
    signs in (:func:`grant_pending_handlers`) or at once when the office keys
    are set up after them.
    """
    if actor is not None and Role.ADMINISTRATOR not in actor.roles:
        raise Forbidden(msg("只有管理员可以添加用户"))
    if not username.strip():
        raise InvalidInput(msg("请填写用户名"), field="username")
    if db.scalar(select(User).where(User.username == username.strip())):
        raise InvalidInput(msg("用户名“{username}”已存在", username=username), field="username")
    check_new_password(password)
    role_set = frozenset(roles)
    if not role_set:
        raise InvalidInput(msg("至少选择一个角色"), field="roles")
    user = User(
        username=username.strip(),
        display_name=display_name.strip() or username.strip(),
        password_hash=hash_password(password),
        office_id=office_id,
        roles=[UserRole(role=r.value) for r in sorted(role_set)],
    )
    if Role.COMPLAINT_HANDLER in role_set:
        private, public = generate_keypair()
        user.public_key = public_key_to_bytes(public)
        user.sealed_private_key = seal_private_key(private, password, argon2)
    db.add(user)
    db.flush()
    change(
        ctx,
        db,
        actor,
        "user.create",
        user,
        {
            "username": user.username,
            "display_name": user.display_name,
            "roles": sorted(r.value for r in role_set),
            "office_id": office_id,
            "public_key": user.public_key.hex() if user.public_key else None,
        },
        created=True,
    )
    return user


def grant_pending_handlers(ctx: Context, session: UserSession) -> list[str]:
    """Give handlers added since the keys were sealed access to the blind-index
    key (done by a signed-in handler, who holds it). Returns the user ids granted.

    Complaint identities sealed before a handler was added are re-wrapped by
    the complaints service in the same way.
    """
    if Role.COMPLAINT_HANDLER not in session.roles or session.private_key is None:
        raise Forbidden(msg("只有已登录的投诉受理人员可以授权新的受理人员"))
    with ctx.transaction() as db:
        material = db.scalar(select(KeyMaterial).where(KeyMaterial.kind == BLIND_INDEX_KIND))
        if material is None:
            return []
        envelope = SealedIdentity.from_bytes(material.data)
        missing = {
            kid: pub for kid, pub in handler_recipients(db).items() if kid not in envelope.key_ids
        }
        if not missing:
            return []
        updated = rewrap(
            envelope, session.user_id, session.private_key, missing, record_id=BLIND_INDEX_RECORD
        )
        material.data = updated.to_bytes()
        change(
            ctx,
            db,
            session,
            "keys.grant",
            material,
            {"recipients": sorted(updated.key_ids)},
            audit_details={"granted": sorted(missing)},
        )
        return sorted(missing)
