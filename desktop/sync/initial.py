"""A user's first sync on this laptop (首次同步): the records they may see, as
the server has them now, instead of every op since the first.

A user whose cursor is 0 (never synced here, or another server) takes
``GET /sync/snapshot`` page by page (:class:`~desktop.sync.protocol.SnapshotPage`),
then pulls ops from the cursor the first page gave: every op up to it is in
the records, and an op after it that a later page already shows is skipped by
its sequence number, as a pull skips an op it had. The engine
(:func:`desktop.sync.engine.sync_once`) fetches the pages and applies each in
one transaction with the progress saved, so a cut resumes at the next page.

:func:`import_new` writes the records of a page that are new to this laptop
in bulk: their rows and this laptop's copies of the server's records
(``sync_records``), one DB-API ``executemany`` per table and set of columns,
with no per-record ORM or op bookkeeping (replaying 10,000 ops one by one took
most of an initial sync's time). A record this laptop already has, or of a
kind with child rows (a plan's team and approvals, a visit's presence and
evidence, an issued document's counter), or that a bulk insert refuses (a
record it refers to comes later), goes back to the caller as a
``record.snapshot`` op, which :class:`~desktop.sync.engine.PageApply` applies
as it applies any pulled op: the effect is the same.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.store.db import insert_many
from desktop.store.models import IssuedDocument, SyncRecord
from desktop.sync.protocol import SNAPSHOT_ACTION, PulledOp, SnapshotPage, SnapshotRecord
from desktop.sync.records import ENTITIES, EntityKind, insert_values

SHADOW_TABLE: Final = SyncRecord.metadata.tables[SyncRecord.__tablename__]


@dataclass
class Known:
    """The records this laptop has (a copy of the server's or a local row):
    loaded once for a snapshot run, grown as its pages are written."""

    keys: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def load(cls, db: Session) -> Known:
        keys: set[tuple[str, str]] = {
            (entity, i) for entity, i in db.execute(select(SyncRecord.entity, SyncRecord.entity_id))
        }
        for entity, kind in ENTITIES.items():
            model: Any = kind.model
            keys.update((entity, i) for i in db.scalars(select(model.id)))
        return cls(keys)


@dataclass
class Imported:
    """What :func:`import_new` did with a page."""

    written: dict[str, int]  # records written in bulk, per entity
    rest: list[PulledOp]  # the others, as ``record.snapshot`` ops, in page order


def _bulk(kind: EntityKind) -> bool:
    """Whether records of ``kind`` go in with a plain INSERT (no child rows)."""
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
class _Rows:
    """One entity's new records of a page: their rows and copies."""

    records: list[SnapshotRecord] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)


def import_new(db: Session, page: SnapshotPage, known: Known, now: dt.datetime) -> Imported:
    """Write the page's records that are new to this laptop in bulk (each
    entity in a savepoint: if one is refused, all of that entity go back);
    the rest as ops, in page order."""
    fresh: dict[str, _Rows] = defaultdict(_Rows)
    held: set[tuple[str, str]] = set()
    for record in page.records:
        key = (record.entity, record.id)
        kind = ENTITIES.get(record.entity)
        if kind is None or key in known.keys or key in held or not _bulk(kind):
            held.add(key)
            continue
        try:
            built = insert_values(kind, record.id, record.data)
        except ValueError:
            built = None
        if built is None:
            held.add(key)
            continue
        row = built[0]
        row.update(version=record.version, updated_at=now)
        group = fresh[record.entity]
        group.records.append(record)
        group.rows.append(row)
    written: dict[str, int] = {}
    for entity, group in fresh.items():
        model: Any = ENTITIES[entity].model
        try:
            with db.begin_nested():
                for rows in _same_columns(group.rows):
                    insert_many(db, model.__table__, rows)
                insert_many(db, SHADOW_TABLE, list(_copies(group.records, now)))
        except IntegrityError:
            held.update((entity, r.id) for r in group.records)
            continue
        written[entity] = len(group.records)
        known.keys.update((entity, r.id) for r in group.records)
    rest = [as_op(r) for r in page.records if (r.entity, r.id) in held]
    return Imported(written, rest)


def _same_columns(rows: Sequence[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """``rows`` grouped by their set of columns (a NULL field is left out, so
    the column's default applies, as for a new ORM object)."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[tuple(row)].append(row)
    yield from groups.values()


def _copies(records: Iterable[SnapshotRecord], now: dt.datetime) -> Iterator[dict[str, Any]]:
    """This laptop's copies of the server's records: each field set by the
    op that last changed the record (an op after it has a higher number)."""
    for r in records:
        yield {
            "entity": r.entity,
            "entity_id": r.id,
            "version": r.version,
            "seq": r.seq,
            "data": r.data,
            "field_seqs": dict.fromkeys(r.data, r.seq),
            "problem": "",
            "updated_at": now,
        }


def history(page: SnapshotPage) -> list[dict[str, Any]]:
    """The ops the page lists for its records (complaints: who did what on
    them), in the form of a ``sync.apply`` audit entry's ops."""
    out: list[dict[str, Any]] = []
    for record in page.records:
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
