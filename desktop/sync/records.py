"""The synced records in the server's form (同步记录映射).

A sync op's ``changes`` use the laptop's column names (architecture.md), with
JSON values: dates and timestamps as ISO text, the sealed identity as base64.
Three things are not plain columns here:

* ``team_ids`` of a plan: the ``plan_members`` rows, in order;
* row lists that merge by union on the server: a plan's ``approvals``
  (``plan_approvals``), a visit's ``presence`` (``visit_presence``) and
  ``evidence``.

:func:`read_fields` gives a record's fields in that form; :func:`write_fields`
writes fields in that form onto a record and says which ones changed.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, partial
from typing import Any, Final

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Session
from sqlalchemy.sql.type_api import TypeEngine

from desktop.domain.messages import msg
from desktop.store.models import (
    Agency,
    Appeal,
    Base,
    Complaint,
    Decision,
    Evidence,
    InspectionPlan,
    IssuedDocument,
    Official,
    PerformanceRating,
    PlanApproval,
    PlanMember,
    Rectification,
    UtcDateTime,
    Visit,
    VisitPresence,
)

#: Laptop tables that never sync through ops: accounts and keys are the server's.
LOCAL_ONLY: Final = frozenset({"users", "user_roles", "key_material", "settings", "outbox"})
#: The complaint fields that only complaint handlers receive (ciphertext, blind indexes).
IDENTITY_FIELDS: Final = frozenset({"sealed_identity", "id_number_index", "phone_index"})
#: Columns every synced table has that are not record content.
BOOKKEEPING: Final = frozenset({"id", "version", "updated_at"})
TEAM: Final = "team_ids"


@dataclass(frozen=True)
class RowKind:
    """A list of child rows kept under one field (``approvals``...)."""

    attribute: str
    model: type[Base]
    key: tuple[str, ...]

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.model.__table__.columns)

    def row_key(self, row: Mapping[str, Any]) -> tuple[str, ...]:
        return tuple(_text(row.get(k)) for k in self.key)


@dataclass(frozen=True)
class EntityKind:
    """One synced table: its model, plain columns, row lists, and whether it
    has a plan's team."""

    name: str
    model: type[Base]
    rows: Mapping[str, RowKind] = field(default_factory=dict)
    team: bool = False

    @property
    def scalars(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.model.__table__.columns if c.name not in BOOKKEEPING)

    @property
    def fields(self) -> tuple[str, ...]:
        return self.scalars + ((TEAM,) if self.team else ()) + tuple(self.rows)


APPROVALS = RowKind("approvals", PlanApproval, ("id",))
PRESENCE = RowKind("presence", VisitPresence, ("user_id", "stage"))
EVIDENCE = RowKind("evidence", Evidence, ("id",))

ENTITIES: Final[Mapping[str, EntityKind]] = {
    kind.name: kind
    for kind in (
        EntityKind("inspection_plans", InspectionPlan, {"approvals": APPROVALS}, team=True),
        EntityKind("visits", Visit, {"presence": PRESENCE, "evidence": EVIDENCE}),
        EntityKind("complaints", Complaint),
        EntityKind("rectifications", Rectification),
        EntityKind("decisions", Decision),
        EntityKind("appeals", Appeal),
        EntityKind("performance_ratings", PerformanceRating),
        EntityKind("issued_documents", IssuedDocument),
        EntityKind("agencies", Agency),
        EntityKind("officials", Official),
    )
}
SYNCED: Final = tuple(ENTITIES)


# ------------------------------------------------------------ conversions


@cache
def _column_type(model: type[Base], name: str) -> TypeEngine[Any] | None:
    column = model.__table__.columns.get(name)
    return column.type if column is not None else None


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def to_json(kind: TypeEngine[Any] | None, value: Any) -> Any:
    """A column value in the server's form."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        stamp = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        return stamp.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, list | tuple):
        return list(value)
    return value


def from_json(kind: TypeEngine[Any] | None, value: Any) -> Any:
    """A value in the server's form as the column holds it. Raises
    ``ValueError`` for a value the column cannot take."""
    if value is None or kind is None or isinstance(kind, String):
        return value
    if isinstance(kind, UtcDateTime | DateTime):
        stamp = dt.datetime.fromisoformat(str(value))
        return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)
    if isinstance(kind, Date):
        return dt.date.fromisoformat(str(value))
    if isinstance(kind, LargeBinary):
        try:
            return base64.b64decode(str(value).encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError) as exc:
            raise ValueError("not base64") from exc
    if isinstance(kind, Boolean):
        return _boolean(value)
    if isinstance(kind, Integer):
        return _whole(value)
    return value


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("not a boolean")
    return value


def _whole(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("not a whole number")
    return value


def _converter(kind: TypeEngine[Any]) -> Callable[[Any], Any] | None:
    """:func:`from_json` for a column of ``kind``, for values that are not
    ``None`` (``None`` for text, taken as it is)."""
    if isinstance(kind, String):
        return None
    if isinstance(kind, Boolean):
        return _boolean
    if isinstance(kind, Integer):
        return _whole
    return partial(from_json, kind)


def normalise(kind: TypeEngine[Any] | None, value: Any) -> Any:
    """A server-form value in one canonical spelling (timestamps in UTC)."""
    if isinstance(kind, UtcDateTime | DateTime) and isinstance(value, str):
        try:
            return to_json(kind, from_json(kind, value))
        except ValueError:
            return value
    return value


# ---------------------------------------------------------- read / write


def _row_json(rows: RowKind, row: Any) -> dict[str, Any]:
    return {
        name: to_json(_column_type(rows.model, name), getattr(row, name)) for name in rows.fields
    }


def read_fields(
    kind: EntityKind, record: Any, names: Iterable[str] | None = None
) -> dict[str, Any]:
    """The record's fields (all, or ``names``) in the server's form."""
    wanted = kind.fields if names is None else tuple(n for n in names if n in kind.fields)
    out: dict[str, Any] = {}
    for name in wanted:
        if name == TEAM and kind.team:
            out[name] = list(record.team_ids)
        elif name in kind.rows:
            rows = kind.rows[name]
            out[name] = [_row_json(rows, r) for r in getattr(record, rows.attribute)]
        else:
            out[name] = to_json(_column_type(kind.model, name), getattr(record, name))
    return out


def canonical_field(kind: EntityKind, name: str, value: Any) -> Any:
    """``value`` of field ``name`` spelt canonically (row lists sorted by key)."""
    rows = kind.rows.get(name)
    if rows is not None:
        items = [
            {k: normalise(_column_type(rows.model, k), v) for k, v in dict(r).items()}
            for r in (value or [])
            if isinstance(r, Mapping)
        ]
        return sorted(items, key=lambda r: rows.row_key(r))
    if name == TEAM:
        return list(value or [])
    return normalise(_column_type(kind.model, name), value)


def same_value(kind: EntityKind, name: str, left: Any, right: Any) -> bool:
    return bool(canonical_field(kind, name, left) == canonical_field(kind, name, right))


def write_fields(
    db: Session,
    kind: EntityKind,
    record: Any,
    values: Mapping[str, Any],
    *,
    append_rows: bool = False,
) -> list[str]:
    """Write ``values`` (server form) onto ``record``; the names of the fields
    that changed. Row lists are made equal to the given list, or with
    ``append_rows`` only the rows not there yet are added. Unknown names are
    ignored. Raises ``ValueError`` for a value a column cannot take."""
    changed: list[str] = []
    for name, value in values.items():
        if name in BOOKKEEPING:
            continue
        if name == TEAM and kind.team:
            team = [str(u) for u in (value or [])]
            if tuple(team) != tuple(record.team_ids):
                record.team.clear()
                db.flush()
                record.team.extend(PlanMember(user_id=u, position=i) for i, u in enumerate(team))
                changed.append(name)
            continue
        rows = kind.rows.get(name)
        if rows is not None:
            if _write_rows(rows, record, value or [], append_rows):
                changed.append(name)
            continue
        column = _column_type(kind.model, name)
        if column is None:
            continue
        new = from_json(column, value)
        if getattr(record, name) != new:
            setattr(record, name, new)
            changed.append(name)
    return changed


def insert_values(
    kind: EntityKind, entity_id: str, values: Mapping[str, Any]
) -> tuple[dict[str, Any], list[str]] | None:
    """A new record of ``kind`` with ``values`` (server form) as the column
    values of a bulk INSERT, and the fields that set something (what
    :func:`write_fields` reports on a new record); ``None`` when the kind has
    child rows (a team, row lists), which need the ORM. Raises ``ValueError``
    for a value a column cannot take."""
    if kind.rows or kind.team:
        return None
    columns = _plain_columns(kind.model)
    row: dict[str, Any] = {"id": entity_id}
    for name, value in values.items():
        # a NULL is left out, as on a new ORM object: the column's default
        if value is not None and name in columns:
            convert = columns[name]
            row[name] = value if convert is None else convert(value)
    return row, list(row)[1:]


@cache
def _plain_columns(model: type[Base]) -> dict[str, Callable[[Any], Any] | None]:
    """The model's columns a synced field may set, each with its
    :func:`_converter`."""
    return {
        c.name: _converter(c.type) for c in model.__table__.columns if c.name not in BOOKKEEPING
    }


def _write_rows(rows: RowKind, record: Any, value: Any, append: bool) -> bool:
    if not isinstance(value, list):
        raise ValueError(f"{rows.attribute}: not a list of rows")
    current: list[Any] = getattr(record, rows.attribute)
    have = {rows.row_key(_row_json(rows, r)): r for r in current}
    wanted: dict[tuple[str, ...], Mapping[str, Any]] = {}
    for row in value:
        if not isinstance(row, Mapping):
            raise ValueError(f"{rows.attribute}: not a row")
        wanted[rows.row_key(row)] = row
    changed = False
    if not append:
        for key_, obj in list(have.items()):
            if key_ not in wanted:
                current.remove(obj)
                changed = True
    for key_, row in wanted.items():
        if key_ in have:
            continue
        values = {
            name: from_json(_column_type(rows.model, name), row.get(name))
            for name in rows.fields
            if name in row
        }
        current.append(rows.model(**values))
        changed = True
    return changed


def default_value(kind: EntityKind, name: str) -> Any:
    """The server-form value of a field never set: the column's default or its
    empty value. Used to put back a field a refused op set that the server's
    record does not have."""
    if name == TEAM or name in kind.rows:
        return []
    column = kind.model.__table__.columns.get(name)
    if column is None:
        return None
    default = column.default
    if default is not None and getattr(default, "is_scalar", False):
        return to_json(column.type, getattr(default, "arg", None))
    if column.nullable:
        return None
    if isinstance(column.type, JSON):
        return []
    if isinstance(column.type, Boolean):
        return False
    if isinstance(column.type, Integer):
        return 0
    if isinstance(column.type, String | Text):
        return ""
    return None


def new_record(kind: EntityKind, entity_id: str) -> Any:
    """An empty record of ``kind`` with the server's id."""
    return kind.model(id=entity_id)


_SEALED: Final = msg("（已加密）")


def redact(values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` for showing: the sealed identity and blind indexes replaced
    by a note (they are ciphertext and keyed hashes, never shown)."""
    return {k: (_SEALED if k in IDENTITY_FIELDS and v else v) for k, v in values.items()}
