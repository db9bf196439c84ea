"""Snapshot: the records a user may see as they are now, for a laptop's
initial sync (快照初始同步), instead of replaying every op from seq 0.

A page is up to ``limit`` records in (entity, id) order after the ``after``
token, filtered by the pull's own rule (:meth:`server.sync.pull.Viewer.sees`,
judged on the record as it is now), with the pull cursor read *before* the
records: every accepted op with ``seq <= cursor`` is reflected in them (ops
commit in seq order, ``server.db.take_sequence_numbers``). A later page may
reflect later ops too, so a laptop pulls from the first page's cursor and
skips an op whose ``version`` its record already has.

Each record's JSON is built by the database (``json_build_object`` /
SQLite's ``json_object``), a complaint's ``history`` (its accepted ops,
oldest first) too, and the identity fields are removed there for users who
may not read them; Python only judges each row by its (entity, plan_id,
state) columns and joins the texts.
"""

from __future__ import annotations

import json
from typing import Any, Final

from sqlalchemy import ColumnElement, Select, Text, case, cast, func, literal, select, tuple_
from sqlalchemy.dialects.postgresql import JSONB, aggregate_order_by
from sqlalchemy.orm import Session

from server.accounts import Principal
from server.models import Op, Record
from server.sync import spec
from server.sync.pull import MAX_SCAN, Viewer

COMPLAINTS: Final = "complaints"
#: A record's keys in its JSON (:class:`~server.schemas.SnapshotRecord`).
_RECORD_FIELDS: Final = (
    ("entity", Record.entity),
    ("id", Record.id),
    ("version", Record.version),
    ("seq", Record.last_seq),
)
#: A complaint's op in its history (:class:`~server.schemas.HistoryOp`).
_HISTORY_FIELDS: Final = ("seq", "op_id", "action", "user_id", "device_id", "hlc")
#: The fewest rows fetched at a time while scanning past hidden ones.
_MIN_BATCH: Final = 100


def _pairs(values: list[tuple[str, Any]]) -> list[Any]:
    return [item for name, value in values for item in (literal(name), value)]


def _history(dialect: str) -> ColumnElement[Any]:
    """A complaint's accepted ops, oldest first, as a JSON array."""
    where = (
        Op.entity == COMPLAINTS,
        Op.entity_id == Record.id,
        Op.status == "accepted",
    )
    if dialect == "postgresql":
        entry = func.json_build_object(*_pairs([(n, getattr(Op, n)) for n in _HISTORY_FIELDS]))
        ops = func.json_agg(aggregate_order_by(entry, Op.seq))
        return func.coalesce(select(ops).where(*where).scalar_subquery(), func.json_build_array())
    # SQLite (3.40) orders no aggregate: the entries are ordered in a subquery
    entry = func.json_object(*_pairs([(n, getattr(Op, n)) for n in _HISTORY_FIELDS]))
    ordered = select(entry.label("entry")).where(*where).order_by(Op.seq).subquery()
    return select(func.json_group_array(func.json(ordered.c.entry))).scalar_subquery()


def _record_json(dialect: str, with_identity: bool) -> ColumnElement[str]:
    """The record as the JSON text of a :class:`~server.schemas.SnapshotRecord`;
    a complaint's with its ``history`` and, unless ``with_identity``,
    without :data:`spec.IDENTITY_FIELDS`."""
    hidden = sorted(spec.IDENTITY_FIELDS)
    data: ColumnElement[Any]
    complaint_data: ColumnElement[Any]
    if dialect == "postgresql":
        build = func.json_build_object
        data = complaint_data = Record.data.expression
        if not with_identity:
            for name in hidden:
                complaint_data = complaint_data.op("-", return_type=JSONB)(cast(name, Text))
    else:
        build = func.json_object
        data = complaint_data = func.json(Record.data)
        if not with_identity:
            complaint_data = func.json_remove(Record.data, *[f"$.{name}" for name in hidden])
    fields = list(_RECORD_FIELDS)
    plain = build(*_pairs([*fields, ("data", data)]))
    complaint = build(*_pairs([*fields, ("data", complaint_data), ("history", _history(dialect))]))
    return cast(case((Record.entity == COMPLAINTS, complaint), else_=plain), Text).label(
        "record_json"
    )


def parse_token(token: str) -> tuple[str, str]:
    """``<entity>/<id>`` (``schemas.SNAPSHOT_TOKEN_PATTERN``) as a key."""
    entity, _slash, record_id = token.partition("/")
    return entity, record_id


def _page_query(db: Session, viewer: Viewer) -> Select[str, str, str | None, str | None, str]:
    dialect = db.get_bind().dialect.name
    query = select(
        Record.entity,
        Record.id,
        Record.plan_id,
        Record.state,
        _record_json(dialect, viewer.sees_identity),
    ).order_by(Record.entity, Record.id)
    hidden = viewer.hidden_entities()
    return query.where(Record.entity.not_in(hidden)) if hidden else query


def snapshot(db: Session, principal: Principal, after: tuple[str, str] | None, limit: int) -> bytes:
    """The JSON of a :class:`~server.schemas.SnapshotOut`: up to ``limit``
    visible records after the key ``after``; ``next`` advances past the
    records the user may not see too (at most :data:`MAX_SCAN` a page)."""
    viewer = Viewer(db, principal)
    cursor = db.scalar(select(func.coalesce(func.max(Op.seq), 0)))
    query = _page_query(db, viewer)
    shown: list[str] = []
    key = after
    scanned = 0
    more = True
    unsure = False  # a full batch was consumed: whether more follow is not known yet
    while more and len(shown) < limit and scanned < MAX_SCAN:
        batch = max(limit - len(shown), _MIN_BATCH)
        page = query if key is None else query.where(tuple_(Record.entity, Record.id) > key)
        rows = db.execute(page.limit(batch)).all()
        viewer.preload_plans(row.plan_id for row in rows)
        consumed = 0
        for row in rows:
            consumed += 1
            key = (row.entity, row.id)
            if viewer.sees(row.entity, row.plan_id, row.state):
                shown.append(row.record_json)
                if len(shown) >= limit:
                    break
        scanned += consumed
        unsure = consumed == len(rows) == batch
        more = consumed < len(rows) or unsure
    if more and unsure and key is not None:
        following = query.with_only_columns(Record.id).where(tuple_(Record.entity, Record.id) > key)
        more = db.scalar(following.limit(1)) is not None
    token = f"{key[0]}/{key[1]}" if more and key is not None else None
    page_json = (
        f'{{"records":[{",".join(shown)}],"cursor":{cursor:d},'
        f'"next":{json.dumps(token)},"more":{json.dumps(more)}}}'
    )
    return page_json.encode("utf-8")
