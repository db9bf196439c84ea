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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Final

import orjson
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.store.db import insert_many
from desktop.store.models import IssuedDocument, SyncRecord
from desktop.sync.protocol import SNAPSHOT_ACTION, PulledOp, SnapshotPage, SnapshotRecord
from desktop.sync.records import ENTITIES, EntityKind, insert_values

SHADOW_TABLE: Final = SyncRecord.metadata.tables[SyncRecord.__tablename__]
#: The copies' columns :func:`_copy` gives as JSON text.
COPY_JSON: Final = ("data", "field_seqs")


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
class _New:
    """A record of a page ready for a plain INSERT: its row and its copy."""

    record: SnapshotRecord
    row: dict[str, Any]
    copy: dict[str, Any]


@dataclass
class Prepared:
    """A page with the rows of its records that can go in with a plain
    INSERT built (by :func:`prepare`, while the page before is written)."""

    page: SnapshotPage
    new: dict[str, list[_New]]  # per entity, in page order
    now: dt.datetime


def prepare(page: SnapshotPage, now: dt.datetime) -> Prepared:
    """Build the rows and copies of the page's records whose kind takes a
    plain INSERT (no child rows) and whose values its columns take; nothing
    is read or written here."""
    new: dict[str, list[_New]] = defaultdict(list)
    for record in page.records:
        kind = ENTITIES.get(record.entity)
        if kind is None or not _bulk(kind):
            continue
        try:
            built = insert_values(kind, record.id, record.data)
        except ValueError:
            continue
        if built is not None:
            row = built[0]
            row.update(version=record.version, updated_at=now)
            new[record.entity].append(_New(record, row, _copy(record, now)))
    return Prepared(page, dict(new), now)


def import_new(db: Session, prepared: Prepared, known: Known) -> Imported:
    """Write the page's records that are new to this laptop in bulk (each
    entity in a savepoint: if one is refused, all of that entity go back);
    the rest as ops, in page order."""
    written: dict[str, int] = {}
    done: set[tuple[str, str]] = set()
    for entity, ready in prepared.new.items():
        fresh = [n for n in ready if (entity, n.record.id) not in known.keys]
        if not fresh:
            continue
        model: Any = ENTITIES[entity].model
        try:
            with db.begin_nested():
                for rows in _same_columns([n.row for n in fresh]):
                    insert_many(db, model.__table__, rows)
                insert_many(db, SHADOW_TABLE, [n.copy for n in fresh], ready=COPY_JSON)
        except IntegrityError:
            continue
        keys = [(entity, n.record.id) for n in fresh]
        written[entity] = len(keys)
        done.update(keys)
    known.keys.update(done)
    rest = [as_op(r) for r in prepared.page.records if (r.entity, r.id) not in done]
    return Imported(written, rest)


def _same_columns(rows: Sequence[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """``rows`` grouped by their set of columns (a NULL field is left out, so
    the column's default applies, as for a new ORM object)."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[tuple(row)].append(row)
    yield from groups.values()


def _copy(record: SnapshotRecord, now: dt.datetime) -> dict[str, Any]:
    """This laptop's copy of the server's record, its JSON columns as text
    (orjson; the ORM reads them back as any JSON): each field set by the op
    that last changed the record (an op after it has a higher number)."""
    return {
        "entity": record.entity,
        "entity_id": record.id,
        "version": record.version,
        "seq": record.seq,
        "data": orjson.dumps(record.data).decode(),
        "field_seqs": _seqs_template(tuple(record.data)) % {"seq": record.seq},
        "problem": "",
        "updated_at": now,
    }


@cache
def _seqs_template(names: tuple[str, ...]) -> str:
    """The JSON of ``field_seqs`` for the fields ``names``, all set by one op,
    as a %-format of ``seq`` (a kind's records have the same few sets)."""
    fields = (orjson.dumps(n).decode().replace("%", "%%") + ":%(seq)d" for n in names)
    return "{" + ",".join(fields) + "}"


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
