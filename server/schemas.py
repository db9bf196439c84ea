"""Request and response bodies of the API (Pydantic), as published in /openapi.json."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from desktop.sync.protocol import message_json

#: Record, device and user ids: the laptops use UUIDv7 text.
ID_PATTERN = r"^[0-9A-Za-z_\-]{1,36}$"
UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
#: ``desktop.store.hlc``: 13-digit wall ms, 4-digit counter, device id.
HLC_PATTERN = r"^[0-9]{13}-[0-9]{4}-[0-9A-Za-z_\-]{1,36}$"
NO_NUL = r"^[^\x00]*$"
MAX_OPS_PER_PUSH = 500
MAX_PULL_LIMIT = 1000
MAX_SNAPSHOT_LIMIT = 5000
DEFAULT_SNAPSHOT_LIMIT = 2000
#: A snapshot page's ``after``/``next`` token: ``<entity>/<id>``.
SNAPSHOT_TOKEN_PATTERN = r"^[a-z_]{1,32}/[0-9A-Za-z_\-]{1,36}$"
INT32_MAX = 2**31 - 1
INT64_MAX = 2**63 - 1

Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=36)]


class MessageOut(BaseModel):
    """A reason's template and values (``desktop.domain.messages``), so that a
    laptop shows the reason in its user's language: ``reason`` is the template
    with the values filled in (``str.format``)."""

    template: str
    values: dict[str, MessageValue]


MessageValue = str | int | float | bool | MessageOut | None
MessageOut.model_rebuild()

MESSAGE_FIELD: Final = Field(
    default=None,
    description="Where the reason was made from a template: it and its values (optional)",
)


def message_out(reason: str) -> MessageOut | None:
    """``reason``'s template and values, if it has them."""
    raw = message_json(reason)
    return None if raw is None else MessageOut.model_validate(raw)


class Reason(BaseModel):
    """Every error: a stable code and a reason a person can read."""

    error: str
    reason: str
    message: MessageOut | None = MESSAGE_FIELD
    details: list[dict[str, Any]] | None = None


# ---------------------------------------------------------------------- auth


class LoginIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: Annotated[str, Field(min_length=1, max_length=64, pattern=NO_NUL)]
    password: Annotated[str, Field(min_length=1, max_length=1024, pattern=NO_NUL)]
    device_id: Annotated[
        Id, Field(description="The laptop's device id (settings.device_id); registered here")
    ]
    device_name: Annotated[str, Field(max_length=100, pattern=NO_NUL)] = ""


class MeOut(BaseModel):
    user_id: str
    username: str
    display_name: str
    roles: list[str]
    office_id: str | None
    device_id: str
    session_expires_at: dt.datetime
    has_public_key: bool


class LoginOut(BaseModel):
    token: Annotated[str, Field(description="Send as 'Authorization: Bearer <token>'")]
    token_type: Literal["bearer"] = "bearer"
    expires_at: dt.datetime
    user: MeOut


# ---------------------------------------------------------------------- keys


class PublicKeyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    public_key: Annotated[
        str,
        Field(
            min_length=1,
            max_length=64,
            pattern=r"^[A-Za-z0-9+/=_\-]+$",
            description="The handler's X25519 public key, 32 bytes, base64",
        ),
    ]


class HandlerKey(BaseModel):
    user_id: str
    username: str
    display_name: str
    public_key: str
    updated_at: dt.datetime | None


class OfficeKeyOut(BaseModel):
    public_key: str
    updated_at: dt.datetime


class HandlerKeysOut(BaseModel):
    handlers: list[HandlerKey]
    recovery: OfficeKeyOut | None = Field(
        description="The office recovery key every identity is also sealed for"
    )


# ---------------------------------------------------------------------- sync


def not_unicode(value: Any) -> bool:
    """Whether a JSON value holds text that is not Unicode: a lone surrogate
    (``"\\ud800"`` in the JSON), which no database stores or can be hashed.
    Walks the value without recursion, so any nesting JSON allows is safe."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


class OpIn(BaseModel):
    """One operation from a laptop's outbox (``desktop.store.models.OutboxOp``)."""

    model_config = ConfigDict(extra="ignore")

    op_id: Annotated[str, Field(pattern=UUID_PATTERN)]
    entity: Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[a-z_]+$")]
    entity_id: Id
    action: Annotated[str, Field(min_length=3, max_length=64, pattern=r"^[a-z_]+\.[a-z_]+$")]
    changes: dict[str, Any]
    base_version: Annotated[int, Field(ge=0, le=INT32_MAX)]
    hlc: Annotated[str, Field(max_length=80, pattern=HLC_PATTERN)]
    device_id: Id
    user_id: Id | None = None

    @field_validator("changes")
    @classmethod
    def _unicode_changes(cls, value: dict[str, Any]) -> dict[str, Any]:
        if not_unicode(value):
            raise ValueError("contains text that is not valid Unicode (a lone surrogate)")
        return value


class PushIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    device_id: Id
    ops: Annotated[list[OpIn], Field(max_length=MAX_OPS_PER_PUSH)]


OpStatus = Literal["accepted", "duplicate", "rejected", "deferred"]
LoggedStatus = Literal["accepted", "rejected"]


class OpResult(BaseModel):
    op_id: str
    status: OpStatus
    code: str = Field(description="Stable code, e.g. 'conflict.base_version', '' if accepted")
    reason: str
    message: MessageOut | None = MESSAGE_FIELD
    seq: int | None = Field(description="Global sequence number (accepted ops)")
    version: int | None = Field(description="The record's version after the op")
    original_status: LoggedStatus | None = Field(
        default=None, description="For a duplicate: what the first push of this op_id got"
    )


class PushOut(BaseModel):
    results: list[OpResult]


class PulledOp(BaseModel):
    seq: int
    op_id: str
    entity: str
    entity_id: str
    action: str
    changes: dict[str, Any] = Field(
        description="As applied (after any merge); 'record.snapshot' carries the whole record"
    )
    base_version: int
    version: int
    hlc: str
    device_id: str
    user_id: str | None
    received_at: dt.datetime


class PullOut(BaseModel):
    ops: list[PulledOp]
    next: int = Field(description="The cursor to send as 'since' next time")
    more: bool = Field(description="Whether more ops may follow at once")


class HistoryOp(BaseModel):
    """An accepted op on a complaint, as its history lists it."""

    seq: int
    op_id: str
    action: str
    user_id: str | None
    device_id: str
    hlc: str


class SnapshotRecord(BaseModel):
    """A record as the server holds it now."""

    entity: str
    id: str
    version: int
    seq: int = Field(description="The seq of the op that last changed the record")
    data: dict[str, Any] = Field(
        description="The whole record, as a 'record.snapshot' op's changes carry it"
    )
    history: list[HistoryOp] | None = Field(
        default=None,
        description="Complaints only (absent on the rest): the accepted ops, oldest first",
    )


class SnapshotOut(BaseModel):
    records: list[SnapshotRecord]
    cursor: int = Field(
        description="The pull cursor to go on from: every op up to it is in these records"
    )
    hlc: str = Field(
        description="The newest clock stamp among these records ('' if none): "
        "the laptop's clock moves past it"
    )
    next: str | None = Field(description="The 'after' of the next page; null at the end")
    more: bool = Field(description="Whether more records follow")


class Health(BaseModel):
    status: Literal["ok"]
    schema_revision: str | None
