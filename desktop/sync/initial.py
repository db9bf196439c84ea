"""A user's first sync on this laptop (首次同步): the records they may see, as
the server has them now, instead of every op since the first.

A user whose cursor is 0 (never synced here, or another server) takes
``GET /sync/snapshot`` page by page (:class:`~desktop.sync.protocol.SnapshotPage`),
then pulls ops from the cursor the first page gave: every op up to it is in
the records, and an op after it that a later page already shows is skipped by
its sequence number, as a pull skips an op it had. The engine
(:func:`desktop.sync.engine.sync_once`) fetches the pages and applies each in
one transaction with the progress saved, so a cut resumes at the next page.

:func:`prepare` checks a page and builds the rows of its records and this
laptop's copies of them (``sync_records``) in a thread of its own, while the
page before is written; :func:`import_new` then writes those new to this
laptop in bulk, one DB-API ``executemany`` per table and set of columns, with
no per-record ORM or op bookkeeping (replaying 10,000 ops one by one took
most of an initial sync's time). A record this laptop already has, or of a
kind with child rows (a plan's team and approvals, a visit's presence and
evidence, an issued document's counter), or that a bulk insert refuses (a
record it refers to comes later), goes back to the caller as a
``record.snapshot`` op, which :class:`~desktop.sync.engine.PageApply` applies
as it applies any pulled op: the effect is the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Final

import orjson
from sqlalchemy import literal, select, union_all
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.store.db import insert_rows
from desktop.store.models import IssuedDocument, SyncRecord
from desktop.sync.protocol import SNAPSHOT_ACTION, PulledOp, SnapshotPage, SnapshotRecord
from desktop.sync.records import ENTITIES, EntityKind, insert_values

SHADOW_TABLE: Final = SyncRecord.metadata.tables[SyncRecord.__tablename__]
#: A copy's columns as :func:`_copy` gives them, and those it gives as JSON text.
COPY_COLUMNS: Final = (
    "entity",
    "entity_id",
    "version",
    "seq",
    "data",
    "field_seqs",
    "problem",
    "updated_at",
)
COPY_JSON: Final = ("data", "field_seqs")


@dataclass
class Known:
    """The records this laptop has (a copy of the server's or a local row):
    loaded once for a snapshot run, grown as its pages are written."""

    keys: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def load(cls, db: Session) -> Known:
        tables: list[Any] = [
            select(literal(entity), kind.model.__table__.c.id) for entity, kind in ENTITIES.items()
        ]
        every = union_all(select(SyncRecord.entity, SyncRecord.entity_id), *tables)
        return cls({(entity, i) for entity, i in db.execute(every)})


@dataclass
class Imported:
    """What :func:`import_new` did with a page."""

    written: dict[str, int]  # records written in bulk, per entity
    rest: list[PulledOp]  # the others, as ``record.snapshot`` ops, in page order


def bulk_insertable(kind: EntityKind) -> bool:
    """Whether new records of ``kind`` go in with a plain INSERT: no child rows
    (a plan's team and approvals, a visit's presence and evidence) and no
    number counter to move (an issued document's, ``engine._after_write``)."""
    return not (kind.rows or kind.team or kind.model is IssuedDocument)


def as_op(record: SnapshotRecord) -> PulledOp:
    """The record as the ``record.snapshot`` op that would bring it whole."""
    return PulledOp(
        seq=record.seq,
        op_id="",
        entity=record.entity,
        entity_id=record.id,
        action=SNAPSHOT_ACTION,
        changes=record.data,
        base_version=record.version,
        version=record.version,
        hlc="",
        device_id="",
        user_id=None,
    )


@dataclass
class _Batch:
    """One entity's records of a page ready for plain INSERTs: their keys,
    their rows (as value tuples, per set of columns: a NULL field is left
    out, so the column's default applies, as for a new ORM object) and their
    copies (value tuples in :data:`COPY_COLUMNS` order). A row's and a
    copy's record id come first and second."""

    keys: set[tuple[str, str]] = field(default_factory=set)
    rows: dict[tuple[str, ...], list[tuple[Any, ...]]] = field(default_factory=dict)
    copies: list[tuple[Any, ...]] = field(default_factory=list)

    def without(self, known: set[tuple[str, str]]) -> _Batch:
        """The batch less the records in ``known``."""
        if self.keys.isdisjoint(known):
            return self
        entity = next(iter(self.keys))[0]
        ids = {i for e, i in self.keys if (e, i) not in known}
        rows = {names: [r for r in rows if r[0] in ids] for names, rows in self.rows.items()}
        return _Batch({(entity, i) for i in ids}, rows, [c for c in self.copies if c[1] in ids])


@dataclass
class Prepared:
    """A page, its records checked, with the rows of those that can go in
    with a plain INSERT built (by :func:`prepare`, while the page before is
    written)."""

    page: SnapshotPage
    records: list[SnapshotRecord]
    new: dict[str, _Batch]
    now: dt.datetime


def prepare(page: SnapshotPage, now: dt.datetime) -> Prepared:
    """Check the page's records and build the rows and copies of those whose
    kind takes a plain INSERT (no child rows) and whose values its columns
    take; nothing is read or written here."""
    records = page.records()
    new: dict[str, _Batch] = {}
    plain: dict[str, EntityKind | None] = {}
    for record in records:
        entity = record.entity
        if entity not in plain:
            kind = ENTITIES.get(entity)
            plain[entity] = kind if kind is not None and bulk_insertable(kind) else None
        kind = plain[entity]
        if kind is None:
            continue
        try:
            built = insert_values(kind, record.id, record.data)
        except ValueError:
            continue
        if built is None:
            continue
        row = built[0]
        row["version"], row["updated_at"] = record.version, now
        batch = new.get(entity) or new.setdefault(entity, _Batch())
        batch.keys.add((entity, record.id))
        names = tuple(row)
        rows = batch.rows.get(names)
        if rows is None:
            rows = batch.rows[names] = []
        rows.append(tuple(row.values()))
        batch.copies.append(_copy(record, now))
    return Prepared(page, records, new, now)


def import_new(db: Session, prepared: Prepared, known: Known) -> Imported:
    """Write the page's records that are new to this laptop in bulk (each
    entity in a savepoint: if one is refused, all of that entity go back);
    the rest as ops, in page order."""
    written: dict[str, int] = {}
    done: set[tuple[str, str]] = set()
    for entity, ready in prepared.new.items():
        batch = ready.without(known.keys)
        if not batch.keys:
            continue
        model: Any = ENTITIES[entity].model
        try:
            with db.begin_nested():
                for names, rows in batch.rows.items():
                    insert_rows(db, model.__table__, names, rows)
                insert_rows(db, SHADOW_TABLE, COPY_COLUMNS, batch.copies, ready=COPY_JSON)
        except IntegrityError:
            continue
        written[entity] = len(batch.keys)
        done |= batch.keys
    known.keys |= done
    if len(done) == len(prepared.records):  # (the usual first sync: all new)
        return Imported(written, [])
    rest = [as_op(r) for r in prepared.records if (r.entity, r.id) not in done]
    return Imported(written, rest)


def _copy(record: SnapshotRecord, now: dt.datetime) -> tuple[Any, ...]:
    """This laptop's copy of the server's record (:data:`COPY_COLUMNS`), its
    JSON columns as text (orjson; the ORM reads them back as any JSON): each
    field set by the op that last changed the record (an op after it has a
    higher number)."""
    fields = _seqs_template(tuple(record.data)).replace("\0", str(record.seq))
    data = orjson.dumps(record.data).decode()
    return (record.entity, record.id, record.version, record.seq, data, fields, "", now)


@cache
def _seqs_template(names: tuple[str, ...]) -> str:
    """The JSON of ``field_seqs`` for the fields ``names``, all set by one op,
    with NUL where its number goes (a JSON text holds no raw NUL; a kind's
    records have the same few sets of fields)."""
    return "{" + ",".join(orjson.dumps(n).decode() + ":\0" for n in names) + "}"


def history(records: Iterable[SnapshotRecord]) -> list[dict[str, Any]]:
    """The ops listed for ``records`` (complaints: who did what on them), in
    the form of a ``sync.apply`` audit entry's ops."""
    out: list[dict[str, Any]] = []
    for record in records:
        for op in record.history:
            out.append(
                {
                    "op_id": op.get("op_id"),
                    "seq": op.get("seq"),
                    "entity": record.entity,
                    "entity_id": record.id,
                    "action": op.get("action"),
                    "origin": op.get("device_id"),
                    "user_id": op.get("user_id"),
                    "hlc": op.get("hlc"),
                }
            )
    return out
