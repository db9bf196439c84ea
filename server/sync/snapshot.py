"""Snapshot: the records a user may see as they are now, for a laptop's
initial sync (快照初始同步), instead of replaying every op from seq 0.

A page is up to ``limit`` records after the ``after`` token, entity by entity
in :data:`ORDER` (a record after those it refers to, so a laptop writes each
page as it comes) and by id within one, filtered by the pull's own rule
(:meth:`server.sync.pull.Viewer.sees`, judged on the record as it is now),
with the pull cursor read *before* the records: every accepted op with
``seq <= cursor`` is reflected in them (ops commit in seq order,
``server.db.take_sequence_numbers``). A later page may reflect later ops too,
so a laptop pulls from the first page's cursor and skips an op that a record
it has already reflects (by ``seq``). ``hlc`` is the newest
clock stamp among the page's records: the laptop's clock moves past it.

Each record's JSON is built by the database (:func:`_object`), a
complaint's ``history`` (its accepted ops, oldest first) too, and the
identity fields are removed there for users who may not read them. A page
goes entity by entity: the records of an entity the user sees all of come
joined by the database in one row; those whose visibility depends on the
record (plans, visits, decisions) a row each, judged in Python by their
(plan_id, state) columns. 10,000 ``officials`` take ~37 ms of server time on
PostgreSQL (two pages of 5,000).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Final

from sqlalchemy import (
    JSON,
    ColumnElement,
    Integer,
    Select,
    Text,
    case,
    cast,
    func,
    literal,
    select,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import JSONB, aggregate_order_by
from sqlalchemy.orm import Session

from server.accounts import Principal
from server.models import Op, Record
from server.sync import spec
from server.sync.pull import MAX_SCAN, Viewer

COMPLAINTS: Final = "complaints"
#: The entities in the order a snapshot gives them: each after the ones its
#: records refer to (an official's agency, a complaint's official, a
#: decision's complaint and plan, a visit's plan, an appeal's decision...).
ORDER: Final = (
    "agencies",
    "officials",
    "performance_ratings",
    "complaints",
    "inspection_plans",
    "issued_documents",
    "decisions",
    "visits",
    "appeals",
    "rectifications",
)
#: A record's keys in its JSON (:class:`~server.schemas.SnapshotRecord`).
_RECORD_FIELDS: Final[tuple[tuple[str, ColumnElement[Any]], ...]] = (
    ("entity", Record.entity.expression),
    ("id", Record.id.expression),
    ("version", Record.version.expression),
    ("seq", Record.last_seq.expression),
)
_KEYS: Final = frozenset({"entity", "id"})
#: A complaint's op in its history (:class:`~server.schemas.HistoryOp`).
_HISTORY_FIELDS: Final = ("seq", "op_id", "action", "user_id", "device_id", "hlc")
#: The fewest rows fetched at a time while scanning past hidden ones.
_MIN_BATCH: Final = 100


def _is_json(value: ColumnElement[Any]) -> bool:
    return isinstance(value.type, JSON)


def _object(
    dialect: str,
    values: Sequence[tuple[str, ColumnElement[Any]]],
    identifiers: frozenset[str] = frozenset(),
) -> ColumnElement[str]:
    """The text of a JSON object of ``values`` (key, value), built by the
    database; a JSON-typed value goes in as JSON.

    On PostgreSQL by concatenating each value's text: its
    ``json_build_object`` (15) works out each argument's type on every call
    and took as long as the rest of the query for a page of 5,000 records.
    Numbers go in as they are, text through ``to_json``, and the values of
    ``identifiers`` (entity names and record ids, which the push only takes
    as ``[0-9A-Za-z_-]``: ``schemas.ID_PATTERN``) just in quotes."""
    if dialect != "postgresql":
        args = [
            item
            for name, value in values
            for item in (literal(name), func.json(value) if _is_json(value) else value)
        ]
        return type_coerce(func.json_object(*args), JSON)
    text: ColumnElement[str] = literal("{", Text)
    for index, (name, value) in enumerate(values):
        part: ColumnElement[str]
        if _is_json(value) or isinstance(value.type, Integer):
            part = cast(value, Text)
        elif name in identifiers:
            part = literal('"').concat(value).concat('"')
        else:
            part = cast(func.to_json(value), Text)
        key = ("," if index else "") + json.dumps(name) + ":"
        text = text.concat(key).concat(func.coalesce(part, "null"))
    return type_coerce(text.concat("}"), JSON)


def _history(dialect: str) -> ColumnElement[Any]:
    """A complaint's accepted ops, oldest first, as a JSON array."""
    entry = _object(dialect, [(name, getattr(Op, name)) for name in _HISTORY_FIELDS])
    where = (Op.entity == COMPLAINTS, Op.entity_id == Record.id, Op.status == "accepted")
    if dialect == "postgresql":
        entries = func.string_agg(cast(entry, Text), aggregate_order_by(literal(","), Op.seq))
        array = literal("[").concat(func.coalesce(entries, "")).concat("]")
        return type_coerce(select(array).where(*where).scalar_subquery(), JSON)
    # SQLite (3.40) orders no aggregate: the entries are ordered in a subquery
    ordered = select(entry.label("entry")).where(*where).order_by(Op.seq).subquery()
    return type_coerce(
        select(func.json_group_array(func.json(ordered.c.entry))).scalar_subquery(), JSON
    )


def _record_json(dialect: str, with_identity: bool) -> ColumnElement[str]:
    """The record as the JSON text of a :class:`~server.schemas.SnapshotRecord`;
    a complaint's with its ``history`` and, unless ``with_identity``,
    without :data:`spec.IDENTITY_FIELDS`."""
    hidden = sorted(spec.IDENTITY_FIELDS)
    data: ColumnElement[Any] = Record.data.expression
    complaint_data = data
    if not with_identity:
        if dialect == "postgresql":
            for name in hidden:
                complaint_data = complaint_data.op("-", return_type=JSONB)(cast(name, Text))
        else:
            paths = [f"$.{name}" for name in hidden]
            complaint_data = type_coerce(func.json_remove(data, *paths), JSON)
    plain = _object(dialect, [*_RECORD_FIELDS, ("data", data)], _KEYS)
    complaint = _object(
        dialect,
        [*_RECORD_FIELDS, ("data", complaint_data), ("history", _history(dialect))],
        _KEYS,
    )
    return cast(case((Record.entity == COMPLAINTS, complaint), else_=plain), Text).label(
        "record_json"
    )


def parse_token(token: str) -> tuple[str, str]:
    """``<entity>/<id>`` (``schemas.SNAPSHOT_TOKEN_PATTERN``) as a key."""
    entity, _slash, record_id = token.partition("/")
    return entity, record_id


@dataclass(frozen=True)
class _Queries:
    """The statements of a page for one kind of user (the record JSON
    expression is built once: ~2 ms each time)."""

    dialect: str
    record_json: ColumnElement[str]
    hidden: tuple[str, ...]

    @staticmethod
    @cache
    def make(dialect: str, with_identity: bool, hidden: tuple[str, ...]) -> _Queries:
        return _Queries(dialect, _record_json(dialect, with_identity), hidden)

    @staticmethod
    def _of(entity: str, key: tuple[str, str] | None) -> list[ColumnElement[bool]]:
        """The records of ``entity`` after ``key`` (all of them if ``key`` is
        of an entity before it)."""
        after = [Record.id > key[1]] if key is not None and key[0] == entity else []
        return [Record.entity == entity, *after]

    def left(self, entity: str, key: tuple[str, str] | None) -> Select[str]:
        """Whether ``entity`` has a record after ``key`` (a probe of the key)."""
        return select(Record.id).where(*self._of(entity, key)).limit(1)

    def rows(
        self, entity: str, key: tuple[str, str] | None, limit: int
    ) -> Select[str, str | None, str | None, str, str]:
        """Up to ``limit`` records of ``entity`` after ``key``, one a row, with
        the columns their visibility is judged by and their clock stamp."""
        return (
            select(Record.id, Record.plan_id, Record.state, Record.last_hlc, self.record_json)
            .where(*self._of(entity, key))
            .order_by(Record.id)
            .limit(limit)
        )

    def run(
        self, entity: str, key: tuple[str, str] | None, limit: int
    ) -> Select[str, int, str, str]:
        """Up to ``limit`` records of ``entity`` after ``key`` as one row: their
        JSON texts joined with commas, how many, the last id, the newest stamp."""
        page = select(Record.id, Record.last_hlc, self.record_json).where(*self._of(entity, key))
        ordered = page.order_by(Record.id).limit(limit).subquery()
        if self.dialect == "postgresql":
            joined = func.string_agg(
                ordered.c.record_json, aggregate_order_by(literal(","), ordered.c.id)
            )
        else:  # SQLite (3.40) orders no aggregate: in the subquery's order
            joined = func.group_concat(ordered.c.record_json, ",")
        return select(joined, func.count(), func.max(ordered.c.id), func.max(ordered.c.last_hlc))


def snapshot(db: Session, principal: Principal, after: tuple[str, str] | None, limit: int) -> bytes:
    """The JSON of a :class:`~server.schemas.SnapshotOut`: up to ``limit``
    visible records after the key ``after`` (its entity one of :data:`ORDER`);
    ``next`` advances past the records the user may not see too (at most
    :data:`MAX_SCAN` a page).

    Entity by entity: the records of one the user sees all of are joined by
    the database in one row; the others' come a row each, judged by
    :meth:`Viewer.sees`."""
    viewer = Viewer(db, principal)
    cursor = db.scalar(select(func.coalesce(func.max(Op.seq), 0)))
    hidden = tuple(viewer.hidden_entities())
    queries = _Queries.make(db.get_bind().dialect.name, viewer.sees_identity, hidden)
    connection = db.connection()  # plain rows: no ORM row processing
    entities = [e for e in ORDER if e not in hidden]
    if after is not None:
        entities = [e for e in entities if ORDER.index(e) >= ORDER.index(after[0])]
    parts: list[str] = []
    stamps: list[str] = []
    shown = scanned = 0
    key = after
    more = False
    for entity in entities:
        while connection.scalar(queries.left(entity, key)) is not None:
            if shown >= limit or scanned >= MAX_SCAN:
                more = True
                break
            if viewer.sees_every(entity):
                joined, count, last, stamp = connection.execute(
                    queries.run(entity, key, limit - shown)
                ).one()
                parts.append(joined)
                stamps.append(stamp)
                shown += count
                scanned += count
                key = (entity, last)
                continue
            rows = connection.execute(
                queries.rows(entity, key, max(limit - shown, _MIN_BATCH))
            ).all()
            viewer.preload_plans({row.plan_id for row in rows})
            for record_id, plan_id, state, stamp, record_json in rows:
                scanned += 1
                key = (entity, record_id)
                if viewer.sees(entity, plan_id, state):
                    parts.append(record_json)
                    stamps.append(stamp)
                    shown += 1
                    if shown >= limit:
                        break
        if more:
            break
    token = f"{key[0]}/{key[1]}" if more and key is not None else None
    page_json = (
        f'{{"records":[{",".join(parts)}],"cursor":{cursor:d},'
        f'"hlc":{json.dumps(max(stamps, default=""))},'
        f'"next":{json.dumps(token)},"more":{json.dumps(more)}}}'
    )
    return page_json.encode("utf-8")
