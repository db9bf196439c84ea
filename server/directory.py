"""The office directory (机构通讯录): what a laptop needs to let the office's
people sign in and to seal identities for the right keys.

* ``GET /directory`` (anyone signed in): the users (id, username, display
  name, roles, office, active, public key), the office recovery public key;
  for a complaint handler also the blind-index key's envelope (ciphertext,
  sealed for the handlers and the recovery key) and their own private key
  sealed with their password. Nothing here is readable by the server.
* ``PUT /directory/me/key`` (handlers): the key pair a handler's first
  laptop made — the public key and the password-sealed private key.
* ``PUT /directory/blind-index`` (handlers): the blind-index key's envelope,
  the first one or the same one granted to more handlers
  (:func:`server.accounts.set_blind_index`).

One server serves one office: the directory lists all its users.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from desktop.domain.common import Role
from desktop.domain.messages import Message, msg
from server import accounts
from server.accounts import AccountError, KeyConflict, Principal
from server.api import ROLE_ERRORS, Current, Sessions, requires
from server.errors import ApiError
from server.models import User
from server.schemas import Reason

router = APIRouter(prefix="/directory", tags=["directory"])
Handler = Annotated[Principal, Depends(requires(Role.COMPLAINT_HANDLER))]
B64 = r"^[A-Za-z0-9+/]*={0,2}$"
#: A sealed envelope for a few hundred recipients stays far below this.
MAX_ENVELOPE_B64 = 64 * 1024
KEY_ERRORS: dict[int | str, dict[str, Any]] = {
    **ROLE_ERRORS,
    409: {"model": Reason, "description": "It would replace the office's key material"},
}


class DirectoryUser(BaseModel):
    id: str
    username: str
    display_name: str
    roles: list[str]
    office_id: str | None
    active: bool
    public_key: str | None = Field(description="X25519 public key, base64 (handlers)")


class DirectoryOut(BaseModel):
    users: list[DirectoryUser]
    recovery_public_key: str | None = Field(description="The office recovery key, base64")
    blind_index: str | None = Field(
        description="The blind-index key's sealed envelope, base64 (complaint handlers only)"
    )
    sealed_private_key: str | None = Field(
        description="The caller's own private key sealed with their password (handlers only)"
    )
    updated_at: dt.datetime | None = None


class HandlerKeyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    public_key: Annotated[str, Field(min_length=1, max_length=64, pattern=B64)]
    sealed_private_key: Annotated[str, Field(min_length=1, max_length=256, pattern=B64)]


class EnvelopeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    envelope: Annotated[str, Field(min_length=1, max_length=MAX_ENVELOPE_B64, pattern=B64)]


def _b64(data: bytes | None) -> str | None:
    return base64.b64encode(data).decode("ascii") if data is not None else None


def _decode(text: str, what: Message) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ApiError(422, "keys.invalid", msg("{what}应为 base64 编码", what=what)) from None


def _user(user: User) -> DirectoryUser:
    return DirectoryUser(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        roles=sorted(user.role_names),
        office_id=user.office_id,
        active=user.active,
        public_key=_b64(user.public_key),
    )


def _refusal(exc: AccountError) -> ApiError:
    if isinstance(exc, KeyConflict):
        return ApiError(409, "keys.conflict", exc.reason)
    return ApiError(422, "keys.invalid", msg("密钥无效：{problem}", problem=exc.reason))


@router.get("", responses=ROLE_ERRORS)
def directory(principal: Current, factory: Sessions) -> DirectoryOut:
    """The office's users and keys, as this user may see them."""
    handler = Role.COMPLAINT_HANDLER in principal.roles
    with factory.begin() as db:
        users = [_user(u) for u in db.scalars(select(User).order_by(User.username))]
        recovery = accounts.office_key(db, accounts.RECOVERY_KEY_KIND)
        envelope = accounts.office_key(db, accounts.BLIND_INDEX_KIND) if handler else None
        me = db.get(User, principal.user_id)
        sealed = me.sealed_private_key if handler and me is not None else None
        stamps = [k.updated_at for k in (recovery, envelope) if k is not None]
    return DirectoryOut(
        users=users,
        recovery_public_key=_b64(recovery.data) if recovery is not None else None,
        blind_index=_b64(envelope.data) if envelope is not None else None,
        sealed_private_key=_b64(sealed),
        updated_at=max(stamps) if stamps else None,
    )


@router.put("/me/key", responses=KEY_ERRORS)
def put_my_key(body: HandlerKeyIn, principal: Handler, factory: Sessions) -> DirectoryUser:
    """A complaint handler's key pair, made on their first laptop (once)."""
    public = _decode(body.public_key, msg("公钥"))
    sealed = _decode(body.sealed_private_key, msg("加密私钥"))
    with factory.begin() as db:
        try:
            user = accounts.set_handler_key(db, principal, public, sealed)
        except AccountError as exc:
            raise _refusal(exc) from None
        return _user(user)


@router.put("/blind-index", status_code=204, responses=KEY_ERRORS)
def put_blind_index(body: EnvelopeIn, principal: Handler, factory: Sessions) -> None:
    """The blind-index key's envelope: the first one, or the same key granted
    to handlers added since."""
    raw = _decode(body.envelope, msg("查重索引密钥"))
    with factory.begin() as db:
        try:
            accounts.set_blind_index(db, principal, raw)
        except AccountError as exc:
            raise _refusal(exc) from None
