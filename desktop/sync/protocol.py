"""Sync protocol v1 as the laptop sees it (同步协议): the server's answers,
parsed and checked into plain typed values (``server/schemas.py`` is the
server's side of the same contract).

* ``POST /auth/login`` → a bearer token for this user on this device.
* ``POST /sync/push`` with ``{"device_id", "ops": [...]}`` (at most
  :data:`MAX_OPS_PER_PUSH`) → one :class:`OpResult` per op, in order:
  ``accepted`` (``code`` ``"merged"`` when free text was merged by HLC),
  ``duplicate`` (pushed before; ``original_status`` says what it got),
  ``deferred`` (another user's op: push it when they sign in) or ``rejected``
  (with a stable ``code`` and a ``reason``).
* ``GET /sync/pull?since=&limit=`` → :class:`PullPage`: the accepted ops the
  user may see after the cursor, in sequence order, ``next`` (the cursor to
  ask from next time) and ``more``. ``record.snapshot`` ops carry a whole record.
* ``GET /sync/snapshot?after=&limit=`` → :class:`SnapshotPage`: the records the
  user may see as they are now, for a user's first sync on this laptop
  (:mod:`desktop.sync.initial`), with the cursor to pull from afterwards.

A ``reason`` (an error body's, a refused op's) is the server's Chinese text;
where the server made it with ``msg()`` the answer also carries
``"message": {"template": ..., "values": {...}}`` (:func:`message_json`), so
that this laptop shows it in the UI's language (:func:`with_message`).
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, NamedTuple

from desktop.domain.messages import Message, msg
from desktop.sync.errors import SyncProtocolError

MAX_OPS_PER_PUSH: Final = 500
MAX_PULL_LIMIT: Final = 1000
MAX_SNAPSHOT_LIMIT: Final = 5000
SNAPSHOT_ACTION: Final = "record.snapshot"

ACCEPTED: Final = "accepted"
DUPLICATE: Final = "duplicate"
DEFERRED: Final = "deferred"
REJECTED: Final = "rejected"
MERGED_CODE: Final = "merged"
#: How deep messages may nest in a ``message`` (a refusal in a list of them...).
MAX_MESSAGE_DEPTH: Final = 8


def message_json(text: str) -> dict[str, Any] | None:
    """``text``'s template and values as JSON if it is a :class:`Message`
    (a value that is one nested the same way; a value JSON has no type for as
    its text), else ``None``."""
    if not isinstance(text, Message):
        return None
    return {
        "template": text.template,
        "values": {k: _json_value(v) for k, v in text.values.items()},
    }


def _json_value(value: object) -> object:
    if isinstance(value, Message):
        return message_json(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def with_message(text: str, raw: Any) -> str:
    """``text`` as the :class:`Message` ``raw`` describes (as
    :func:`message_json` writes it), if ``raw`` is well-formed and makes exactly
    ``text``; else ``text`` as it is. What a server sends is never trusted
    further: a malformed or mismatched ``raw`` is ignored."""
    found = _message(raw, MAX_MESSAGE_DEPTH)
    return found if found is not None and found == text else text


def _message(raw: Any, depth: int) -> Message | None:
    if depth < 0 or not isinstance(raw, Mapping):
        return None
    template, raw_values = raw.get("template"), raw.get("values")
    if not isinstance(template, str) or not isinstance(raw_values, Mapping):
        return None
    values: dict[str, object] = {}
    for name, value in raw_values.items():
        if isinstance(value, Mapping):
            value = _message(value, depth - 1)
            if value is None:
                return None
        elif not (value is None or isinstance(value, str | int | float)):
            return None
        values[str(name)] = value
    if values and not _plain_fields(template, values):
        return None
    try:
        return Message(template, values)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def _plain_fields(template: str, values: Mapping[str, object]) -> bool:
    """Whether every field of ``template`` is one of ``values`` by name (no
    attribute or index lookups, no nested fields in a format spec)."""
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError:
        return False
    return all(
        name is None or (name.isidentifier() and name in values and "{" not in (spec or ""))
        for _, name, spec, _ in fields
    )


def _str(body: Mapping[str, Any], key: str, *, optional: bool = False) -> str:
    value = body.get(key)
    if value is None and optional:
        return ""
    if not isinstance(value, str):
        raise SyncProtocolError(msg("服务器的答复缺少或格式不对：{field}", field=key))
    return value


def _int(body: Mapping[str, Any], key: str, *, optional: bool = False) -> int | None:
    value = body.get(key)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise SyncProtocolError(msg("服务器的答复缺少或格式不对：{field}", field=key))
    return value


def _need_int(body: Mapping[str, Any], key: str) -> int:
    value = _int(body, key)
    assert value is not None
    return value


def _mapping(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise SyncProtocolError(msg("服务器的答复格式不对：{field}", field=what))
    return value


def _list(value: Any, what: str) -> Sequence[Any]:
    if not isinstance(value, list):
        raise SyncProtocolError(msg("服务器的答复格式不对：{field}", field=what))
    return value


def _time(body: Mapping[str, Any], key: str, *, optional: bool = False) -> dt.datetime | None:
    raw = body.get(key)
    if raw is None and optional:
        return None
    if not isinstance(raw, str):
        raise SyncProtocolError(msg("服务器的答复缺少或格式不对：{field}", field=key))
    try:
        value = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise SyncProtocolError(msg("服务器的答复格式不对：{field}", field=key)) from None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class Login:
    """Who the server signed in (never the token, which the client keeps)."""

    user_id: str
    username: str
    roles: frozenset[str]
    office_id: str | None
    device_id: str
    expires_at: dt.datetime

    @classmethod
    def parse(cls, body: Any) -> Login:
        top = _mapping(body, "login")
        user = _mapping(top.get("user"), "user")
        roles = _list(user.get("roles"), "roles")
        office = user.get("office_id")
        expires = _time(top, "expires_at")
        assert expires is not None
        return cls(
            user_id=_str(user, "user_id"),
            username=_str(user, "username"),
            roles=frozenset(str(r) for r in roles),
            office_id=office if isinstance(office, str) else None,
            device_id=_str(user, "device_id"),
            expires_at=expires,
        )


@dataclass(frozen=True)
class HandlerKey:
    """A complaint handler's X25519 public key as the server publishes it."""

    user_id: str
    username: str
    public_key: bytes


@dataclass(frozen=True)
class HandlerKeys:
    handlers: tuple[HandlerKey, ...]
    recovery: bytes | None

    @classmethod
    def parse(cls, body: Any) -> HandlerKeys:
        import base64
        import binascii

        def key(text: str) -> bytes:
            try:
                return base64.b64decode(text.encode("ascii"), validate=True)
            except (binascii.Error, UnicodeEncodeError, ValueError):
                raise SyncProtocolError(msg("服务器发布的公钥格式不对")) from None

        top = _mapping(body, "keys")
        handlers = []
        for item in _list(top.get("handlers"), "handlers"):
            row = _mapping(item, "handler")
            handlers.append(
                HandlerKey(
                    user_id=_str(row, "user_id"),
                    username=_str(row, "username"),
                    public_key=key(_str(row, "public_key")),
                )
            )
        recovery = top.get("recovery")
        return cls(
            handlers=tuple(handlers),
            recovery=key(_str(_mapping(recovery, "recovery"), "public_key"))
            if recovery is not None
            else None,
        )


@dataclass(frozen=True)
class OpResult:
    """The server's answer to one pushed op."""

    op_id: str
    status: str  # accepted | duplicate | deferred | rejected
    code: str
    reason: str  # a Message where the server sent its template (with_message)
    seq: int | None
    version: int | None
    original_status: str | None

    @property
    def outcome(self) -> str:
        """What the op finally got: ``accepted``, ``rejected`` or ``deferred``
        (a duplicate counts as what its first push got)."""
        if self.status == DUPLICATE:
            return self.original_status or ACCEPTED
        return self.status

    @classmethod
    def parse(cls, body: Any) -> OpResult:
        row = _mapping(body, "result")
        status = _str(row, "status")
        if status not in (ACCEPTED, DUPLICATE, DEFERRED, REJECTED):
            raise SyncProtocolError(msg("服务器答复了未知的操作状态"))
        original = row.get("original_status")
        return cls(
            op_id=_str(row, "op_id"),
            status=status,
            code=_str(row, "code", optional=True),
            reason=with_message(_str(row, "reason", optional=True), row.get("message")),
            seq=_int(row, "seq", optional=True),
            version=_int(row, "version", optional=True),
            original_status=original if isinstance(original, str) else None,
        )


@dataclass(frozen=True)
class PulledOp:
    """One accepted op from the server's log, as this user may see it."""

    seq: int
    op_id: str
    entity: str
    entity_id: str
    action: str
    changes: Mapping[str, Any]
    base_version: int
    version: int
    hlc: str
    device_id: str
    user_id: str | None

    @property
    def snapshot(self) -> bool:
        return self.action == SNAPSHOT_ACTION

    @classmethod
    def parse(cls, body: Any) -> PulledOp:
        row = _mapping(body, "op")
        user = row.get("user_id")
        return cls(
            seq=_need_int(row, "seq"),
            op_id=_str(row, "op_id"),
            entity=_str(row, "entity"),
            entity_id=_str(row, "entity_id"),
            action=_str(row, "action"),
            changes=dict(_mapping(row.get("changes"), "changes")),
            base_version=_need_int(row, "base_version"),
            version=_need_int(row, "version"),
            hlc=_str(row, "hlc"),
            device_id=_str(row, "device_id"),
            user_id=user if isinstance(user, str) else None,
        )


@dataclass(frozen=True)
class PullPage:
    ops: tuple[PulledOp, ...]
    next: int
    more: bool

    @classmethod
    def parse(cls, body: Any, since: int) -> PullPage:
        top = _mapping(body, "pull")
        ops = tuple(PulledOp.parse(o) for o in _list(top.get("ops"), "ops"))
        cursor = _need_int(top, "next")
        more = top.get("more")
        if not isinstance(more, bool):
            raise SyncProtocolError(msg("服务器的答复缺少或格式不对：{field}", field="more"))
        if cursor < since:
            raise SyncProtocolError(msg("服务器返回的游标早于请求的游标"))
        last = since
        for op in ops:
            if op.seq <= last or op.seq > cursor:
                raise SyncProtocolError(msg("服务器返回的操作顺序不对（seq）"))
            last = op.seq
        return cls(ops=ops, next=cursor, more=more)


class SnapshotRecord(NamedTuple):
    """One record of a snapshot page, as the server has it now: ``seq`` is the
    op that last changed it, ``data`` the whole record in the form an op's
    changes carry, ``history`` (complaints only) its accepted ops, oldest first."""

    entity: str
    id: str
    version: int
    seq: int
    data: dict[str, Any]
    history: tuple[Mapping[str, Any], ...]


def _rows(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(h, dict) for h in value)


@dataclass(frozen=True)
class SnapshotPage:
    """A page of ``GET /sync/snapshot``: its records as sent (:meth:`records`
    checks them, apart from the page's other fields, so that the next page
    can be asked for first), ``cursor`` (every op up to it is in them: pull
    from there once the last page is in), ``hlc`` (the newest clock stamp
    among them, "" if none), ``next`` (the ``after`` of the following page)
    and ``more``."""

    items: Sequence[Any]
    cursor: int
    hlc: str
    next: str | None
    more: bool

    @classmethod
    def parse(cls, body: Any) -> SnapshotPage:
        top = _mapping(body, "snapshot")
        cursor = _need_int(top, "cursor")
        after = top.get("next")
        more = top.get("more")
        if not isinstance(more, bool) or not (after is None or isinstance(after, str)):
            raise SyncProtocolError(msg("服务器的答复缺少或格式不对：{field}", field="more / next"))
        if cursor < 0 or (more and not after):
            raise SyncProtocolError(msg("服务器的答复格式不对：{field}", field="cursor / next"))
        items = _list(top.get("records"), "records")
        return cls(items, cursor, _str(top, "hlc", optional=True), after, more)

    def records(self) -> list[SnapshotRecord]:
        """The page's records, checked."""
        records: list[SnapshotRecord] = []
        for row in self.items:
            if type(row) is not dict:  # (as parsed from JSON: exactly a dict)
                raise SyncProtocolError(msg("服务器返回的记录格式不对"))
            entity, ident, data = row.get("entity"), row.get("id"), row.get("data")
            version, seq = row.get("version"), row.get("seq")
            history = row.get("history") or ()
            if not (
                type(entity) is str
                and type(ident) is str
                and type(data) is dict
                and type(version) is int
                and type(seq) is int
                and (not history or _rows(history))
            ):
                raise SyncProtocolError(msg("服务器返回的记录格式不对"))
            records.append(SnapshotRecord(entity, ident, version, seq, data, tuple(history)))
        return records


@dataclass(frozen=True)
class EvidenceParts:
    """Which parts of a large evidence file the server holds."""

    part_bytes: int
    count: int
    received: frozenset[int]
    stored: bool

    @classmethod
    def parse(cls, body: Any) -> EvidenceParts:
        top = _mapping(body, "parts")
        received = _list(top.get("received"), "received")
        stored = top.get("stored")
        part_bytes, count = _need_int(top, "part_bytes"), _need_int(top, "count")
        if (
            part_bytes < 1
            or count < 1
            or not isinstance(stored, bool)
            or not all(isinstance(i, int) and 0 <= i < count for i in received)
        ):
            raise SyncProtocolError(msg("服务器关于证据文件分片的答复格式不对"))
        return cls(part_bytes, count, frozenset(received), stored)
