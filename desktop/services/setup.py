"""First run (首次使用): setting up a fresh laptop to work alone (单机使用).

A fresh store has no users, so nobody can sign in. :func:`needs_setup` says
so; :func:`set_up_alone` makes, in one transaction with its audit entries:
the rule profile, the efficiency office (效能办), the first administrator (who
is also the first complaint handler, so that someone on the laptop holds the
blind-index key and can grant it to handlers added later), the office
recovery key pair and the blind-index key sealed for the administrator and
the recovery key.

**The recovery private key** (机构恢复密钥) leaves the laptop at once: it is
written to a file the user picks, sealed with a passphrase (argon2id +
AES-256-GCM, the format of :func:`desktop.crypto.seal_private_key`) and
armoured as text, then forgotten. A sealed file rather than the key printed
in clear, because a printout of the bare key lets anyone who photographs it
read every complainant's identity; the armoured file needs the passphrase
too, can sit on a USB stick in the office safe, and can also be printed
(it is text) without giving anything away. The file may not go into the
data folder: a stolen laptop must not carry its own recovery key.

Joining a central server instead is :func:`desktop.services.enrol.enrol_with_server`.
"""

from __future__ import annotations

import base64
import os
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import func, select

from desktop.crypto import (
    DEFAULT_ARGON2_PARAMS,
    Argon2Params,
    VaultError,
    fingerprint,
    generate_keypair,
    open_private_key,
    seal_private_key,
)
from desktop.domain.common import Role
from desktop.domain.messages import msg
from desktop.resources import load_profile, profile_ids
from desktop.services import auth
from desktop.services.auth import UserSession
from desktop.services.base import Context, InvalidInput, ServiceError, change
from desktop.services.directory import LEVELS
from desktop.store import audit
from desktop.store.models import Agency, Setting, User

PROFILE_KEY: Final = "profile_id"
MIN_PASSPHRASE_LENGTH: Final = 12
ARMOUR_BEGIN: Final = "-----BEGIN XIAONENG RECOVERY KEY-----"
ARMOUR_END: Final = "-----END XIAONENG RECOVERY KEY-----"
_ARMOUR_WIDTH: Final = 64


def needs_setup(ctx: Context) -> bool:
    """Whether this laptop has nobody who can sign in yet (first run)."""
    with ctx.read() as conn:
        return not conn.execute(select(func.count()).select_from(User)).scalar_one()


@dataclass(frozen=True)
class AloneSetup:
    """What :func:`set_up_alone` made: the signed-in administrator and where
    the sealed recovery key went (with its fingerprint, to check later)."""

    session: UserSession
    recovery_file: Path
    recovery_fingerprint: str


def check_profile(profile_id: str) -> str:
    """``profile_id`` if it is a shipped rule profile (field ``profile_id``)."""
    if profile_id not in profile_ids():
        raise InvalidInput(msg("请选择规则配置"), field="profile_id")
    return profile_id


def check_password_pair(password: str, again: str, field: str = "password") -> None:
    """A new password typed twice: long enough, and the same both times."""
    auth.check_new_password(password)
    if password != again:
        raise InvalidInput(msg("两次输入的密码不一致"), field=f"{field}_again")


def check_office_and_admin(
    office_name: str, office_level: int, username: str, password: str, password_again: str
) -> None:
    """The office and first administrator as typed (before anything is written)."""
    if not office_name.strip():
        raise InvalidInput(msg("请填写本效能办的名称"), field="office_name")
    if office_level not in LEVELS:
        raise InvalidInput(msg("请选择本效能办的层级"), field="office_level")
    if not username.strip():
        raise InvalidInput(msg("请填写用户名"), field="username")
    check_password_pair(password, password_again)


def check_recovery_target(ctx: Context, path: Path, passphrase: str, again: str) -> Path:
    """Where the sealed recovery key may go, and its passphrase (fields
    ``recovery_file``, ``passphrase``, ``passphrase_again``)."""
    if not str(path).strip():
        raise InvalidInput(msg("请选择保存恢复密钥的文件"), field="recovery_file")
    target = path.expanduser().absolute()
    data_dir = ctx.store.data_dir.absolute()
    if target == data_dir or data_dir in target.parents:
        raise InvalidInput(
            msg("恢复密钥不能保存在本机数据文件夹中：请保存到U盘等离线介质"),
            field="recovery_file",
        )
    if target.exists():
        raise InvalidInput(msg("该文件已存在，请另选文件名"), field="recovery_file")
    if not target.parent.is_dir():
        raise InvalidInput(msg("所选文件夹不存在"), field="recovery_file")
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise InvalidInput(
            msg("恢复密钥口令至少需要 {min_length} 个字符", min_length=MIN_PASSPHRASE_LENGTH),
            field="passphrase",
        )
    if passphrase != again:
        raise InvalidInput(msg("两次输入的口令不一致"), field="passphrase_again")
    return target


def armour_recovery_key(
    private: X25519PrivateKey,
    passphrase: str,
    office: str,
    argon2: Argon2Params = DEFAULT_ARGON2_PARAMS,
) -> str:
    """The recovery private key sealed with ``passphrase``, as printable text."""
    sealed = base64.b64encode(seal_private_key(private, passphrase, argon2)).decode("ascii")
    lines = [
        ARMOUR_BEGIN,
        f"Office: {' '.join(office.split())}",
        f"Fingerprint: {fingerprint(private.public_key())}",
        "",
        *textwrap.wrap(sealed, _ARMOUR_WIDTH),
        ARMOUR_END,
    ]
    return "\n".join(lines) + "\n"


def read_recovery_key(text: str, passphrase: str) -> X25519PrivateKey:
    """Open an armoured recovery key (for recovering identities when every
    handler's key is lost). Raises :class:`InvalidInput` for a wrong
    passphrase or a damaged file."""
    body = text.strip().splitlines()
    if len(body) < 3 or body[0] != ARMOUR_BEGIN or body[-1] != ARMOUR_END:
        raise InvalidInput(msg("不是效能督查的恢复密钥文件"), field="recovery_file")
    payload = "".join(line for line in body[1:-1] if ":" not in line and line.strip())
    try:
        return open_private_key(base64.b64decode(payload, validate=True), passphrase)
    except (ValueError, VaultError):
        raise InvalidInput(msg("恢复密钥口令错误或文件已损坏"), field="passphrase") from None


def write_new_file(path: Path, text: str) -> None:
    """Write ``text`` to a file that must not exist yet, flushed to disk."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def set_up_alone(
    ctx: Context,
    *,
    profile_id: str,
    office_name: str,
    office_level: int,
    username: str,
    display_name: str,
    password: str,
    password_again: str,
    recovery_file: Path,
    passphrase: str,
    passphrase_again: str,
    argon2: Argon2Params = DEFAULT_ARGON2_PARAMS,
) -> AloneSetup:
    """Set up a fresh laptop to work alone and sign its first administrator in.

    Everything is checked before anything is written; the store changes in
    one transaction (profile, office, administrator, keys, audit), and the
    sealed recovery key file is written last inside it, so a failure leaves
    neither a half-set-up store nor a stray key file.
    """
    check_profile(profile_id)
    check_office_and_admin(office_name, office_level, username, password, password_again)
    target = check_recovery_target(ctx, recovery_file, passphrase, passphrase_again)
    if passphrase == password:
        raise InvalidInput(msg("恢复密钥口令不能与管理员密码相同"), field="passphrase")
    if not needs_setup(ctx):
        raise ServiceError(msg("本机已设置过，请直接登录"), code="setup.done")
    private, public = generate_keypair()
    armoured = armour_recovery_key(private, passphrase, office_name, argon2)
    written = False
    try:
        with ctx.transaction() as db:
            db.merge(Setting(key=PROFILE_KEY, value=profile_id))
            office = Agency(
                name=office_name.strip(),
                kind="office",
                level=office_level,
                profile_id=profile_id,
            )
            db.add(office)
            db.flush()
            user = auth.create_user(
                ctx,
                db,
                None,
                username=username,
                display_name=display_name,
                password=password,
                roles=(Role.ADMINISTRATOR, Role.COMPLAINT_HANDLER),
                office_id=office.id,
                argon2=argon2,
            )
            admin = auth.session_of(user, ctx.now())
            change(
                ctx,
                db,
                admin,
                "agency.create",
                office,
                {
                    "name": office.name,
                    "kind": office.kind,
                    "level": office.level,
                    "parent_id": None,
                    "office_id": None,
                    "profile_id": profile_id,
                    "staff_count": 0,
                },
                created=True,
            )
            auth.setup_office_keys(ctx, db, public)
            audit.append(
                db,
                at=ctx.now(),
                device_id=ctx.device_id,
                user_id=user.id,
                action="setup.alone",
                entity="settings",
                entity_id=PROFILE_KEY,
                details={
                    "profile_id": profile_id,
                    "office_id": office.id,
                    "recovery_fingerprint": fingerprint(public),
                },
            )
            try:
                write_new_file(target, armoured)
            except OSError as exc:
                raise InvalidInput(
                    msg("无法写入恢复密钥文件：{reason}", reason=exc.strerror or str(exc)),
                    field="recovery_file",
                ) from None
            written = True
    except BaseException:
        if written:
            target.unlink(missing_ok=True)
        raise
    ctx.profile = load_profile(profile_id)
    session = auth.sign_in(ctx, username, password)
    return AloneSetup(session, target, fingerprint(public))
