"""The state hash (状态摘要): one SHA-256 over the synced records' data in a
canonical form, so a laptop and the server (or two laptops) can show they
hold the same records.

Which records: those the server has sent this laptop (``sync_records``), of
the given entities. Their data is read from the laptop's own tables (not from
the copy of the server's state), turned into the server's form
(:mod:`desktop.sync.records`) and made canonical: every field the entity
syncs, a field at its empty default (``None``, ``""``, ``[]``, ``False``,
``0``) counted the same as a missing one, timestamps in UTC, row lists sorted
by their key. The version is part of the hash. The server's side hashes its
``records`` rows with :func:`hash_records` in the same way.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from sqlalchemy import select

from desktop.services.base import Context
from desktop.store.models import SyncRecord
from desktop.sync.records import ENTITIES, SYNCED, canonical_field, read_fields

_EMPTY: tuple[Any, ...] = (None, "", False, 0)


def _empty(value: Any) -> bool:
    if isinstance(value, list | dict | tuple):
        return len(value) == 0
    return any(value is e or (type(value) is type(e) and value == e) for e in _EMPTY)


def canonical_record(entity: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """The record's synced fields, canonical, empty defaults left out."""
    kind = ENTITIES.get(entity)
    if kind is None:
        return {k: v for k, v in sorted(data.items()) if not _empty(v)}
    out: dict[str, Any] = {}
    for name in kind.fields:
        value = canonical_field(kind, name, data.get(name))
        if not _empty(value):
            out[name] = value
    return out


def hash_records(records: Iterable[tuple[str, str, int, Mapping[str, Any] | None]]) -> str:
    """SHA-256 over ``(entity, id, version, data)`` items, order-independent;
    ``data=None`` stands for a record that is missing."""
    rows = sorted(
        [
            [entity, entity_id, version, None if data is None else canonical_record(entity, data)]
            for entity, entity_id, version, data in records
        ],
        key=lambda r: (r[0], r[1]),
    )
    text = json.dumps(rows, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def local_records(
    ctx: Context, entities: Collection[str] | None = None
) -> list[tuple[str, str, int, dict[str, Any] | None]]:
    """The synced records of this laptop as ``(entity, id, version, data)``."""
    wanted = [e for e in (entities or SYNCED) if e in ENTITIES]
    out: list[tuple[str, str, int, dict[str, Any] | None]] = []
    with ctx.transaction() as db:
        keys = db.execute(
            select(SyncRecord.entity, SyncRecord.entity_id)
            .where(SyncRecord.entity.in_(wanted))
            .order_by(SyncRecord.entity, SyncRecord.entity_id)
        ).all()
        for entity, entity_id in keys:
            kind = ENTITIES[entity]
            record: Any = db.get(kind.model, entity_id)
            if record is None:
                out.append((entity, entity_id, 0, None))
            else:
                out.append((entity, entity_id, int(record.version), read_fields(kind, record)))
    return out


def state_hash(ctx: Context, entities: Collection[str] | None = None) -> str:
    """The hash of this laptop's synced records (all synced entities, or ``entities``)."""
    return hash_records(local_records(ctx, entities))
