"""Document numbers (发文字号): 闽效问〔2026〕3号, given when a document is signed off.

One series per number prefix (发文机关代字, ``profile.documents.number_prefixes``)
per year; the year is the sign-off day's year in China. On a laptop that
works alone (no server address) the numbers of one database have no gaps and
no duplicates:

* the counter (``document_counters``: prefix, year, last) is incremented in
  the same transaction as the sign-off, so a sign-off that rolls back gives
  its serial back;
* ``issued_documents`` is unique on (kind, record_id), so a document is never
  numbered twice (signing again returns the number it has), and on
  (prefix, year, serial), so two documents never share a number even if two
  writers raced past every other check;
* :func:`desktop.store.db.begin_write` starts the transaction as a SQLite write transaction
  (``BEGIN IMMEDIATE``), so concurrent sign-offs, from threads or processes on
  the same file, queue on the database lock (``busy_timeout``) instead of
  reading the same counter.

Across the office (several laptops and the central server) the series is
the server's (:mod:`server.numbers`, whose docstring states the office-wide
guarantee: no duplicates; the only gaps are serials still held unused by a
laptop or given back, listed in the office's report). While a server address
is set, a sign-off takes the lowest free serial of the blocks (文号段) the
server reserved for this laptop from that address (``number_blocks``), blocks
in order, in the same transaction and under the same write lock as above, so
a rolled-back sign-off gives its serial back and this laptop's numbers have
no gap in its own order of sign-off; the local counter is not used. With no
block left the sign-off is refused (:class:`NoNumbersLeft`: 联网同步以获取文号)
rather than falling back to anything: a number outside the laptop's blocks
could be another laptop's, and a provisional number is not a 发文字号 an
office can print. The sync tops the blocks up when fewer than
:data:`LOW_WATER` serials are free, asks for next year's in late December,
and gives back the unused serials of past years' blocks
(:func:`desktop.services.documents.top_up_numbers`). A laptop that works
alone (no server address) keeps the local counter.

A laptop put back from a backup (:mod:`desktop.services.backup`) may have
given serials of its blocks after the backup was made: the restore lost
those documents, the server holds them. Until a sync has brought them back
(:data:`RESTORED_SETTING`, cleared by the sync of a user who signs off), a
sign-off with a server set is refused (:class:`SyncAfterRestore`) rather than
give such a serial a second time.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from desktop.documents.model import document_number
from desktop.store.models import DocumentCounter, IssuedDocument, NumberBlock, Setting

__all__ = [
    "BLOCK_SIZE",
    "LOW_WATER",
    "RESTORED_SETTING",
    "Issued",
    "NoNumbersLeft",
    "ReservedBlock",
    "SyncAfterRestore",
    "assign",
    "china_date",
    "free_serials",
    "issued",
    "issued_for",
    "keep_block",
    "mark_returned",
    "next_request_id",
    "returnable",
    "sync_restored",
    "sync_server",
]

_CHINA = dt.timezone(dt.timedelta(hours=8))
#: Serials asked for at a time, and the free serials below which the sync asks.
BLOCK_SIZE: Final = 10
LOW_WATER: Final = 3
#: The setting that holds the central server's address
#: (``desktop.services.sync.SERVER_URL_KEY``; "" or absent: the laptop works alone).
SERVER_URL_SETTING: Final = "server_url"
#: Set (to the time, ISO 8601) by a restore from a backup; removed by a sync that
#: brought back the numbers given after the backup (:func:`sync_restored`).
RESTORED_SETTING: Final = "numbers_restored_at"
#: Request ids of block requests: uuid5 of device, server, prefix, year, ordinal.
_REQUESTS: Final = uuid.UUID("6f1d0c52-3a8e-4f3b-9a51-5c0e1b7d2a90")


class NoNumbersLeft(Exception):
    """No free serial is left in this laptop's blocks of (prefix, year)."""

    def __init__(self, prefix: str, year: int) -> None:
        super().__init__(f"{prefix}〔{year}〕")
        self.prefix = prefix
        self.year = year


class SyncAfterRestore(Exception):
    """The laptop was restored from a backup and has not synced since: its blocks
    may hold serials it gave after the backup, which only the server knows."""


@dataclass(frozen=True)
class Issued:
    """A number given to a document, as plain data."""

    kind: str
    record_id: str
    number: str
    prefix: str
    year: int
    serial: int
    signed_by: str
    signed_at: dt.datetime

    @property
    def signed_on(self) -> dt.date:
        """The sign-off day in China (UTC+8)."""
        return china_date(self.signed_at)


def china_date(at: dt.datetime) -> dt.date:
    """The day ``at`` falls on in China (UTC+8), where the series' years run."""
    return at.astimezone(_CHINA).date()


def _plain(row: IssuedDocument) -> Issued:
    return Issued(
        kind=row.kind,
        record_id=row.record_id,
        number=row.number,
        prefix=row.prefix,
        year=row.year,
        serial=row.serial,
        signed_by=row.signed_by,
        signed_at=row.signed_at,
    )


def issued(db: Session, kind: str, record_id: str) -> IssuedDocument | None:
    """The number row of one document, if it has been signed off."""
    return db.scalar(
        select(IssuedDocument).where(
            IssuedDocument.kind == kind, IssuedDocument.record_id == record_id
        )
    )


def issued_for(db: Session, record_id: str) -> dict[str, Issued]:
    """Every number given to documents of one record, by document kind."""
    rows = db.scalars(select(IssuedDocument).where(IssuedDocument.record_id == record_id))
    return {row.kind: _plain(row) for row in rows}


def _next_serial(db: Session, prefix: str, year: int) -> int:
    bumped = db.execute(
        update(DocumentCounter)
        .where(DocumentCounter.prefix == prefix, DocumentCounter.year == year)
        .values(last=DocumentCounter.last + 1)
        .returning(DocumentCounter.last)
    ).scalar_one_or_none()
    if bumped is not None:
        return int(bumped)
    db.add(DocumentCounter(prefix=prefix, year=year, last=1))
    db.flush()
    return 1


def assign(
    db: Session,
    *,
    kind: str,
    record_id: str,
    prefix: str,
    signed_by: str,
    signed_at: dt.datetime,
    server_url: str = "",
) -> tuple[IssuedDocument, bool]:
    """Give the document (``kind``, ``record_id``) the next number of
    ``prefix`` in the year of ``signed_at`` (China time), in ``db``'s
    transaction. Returns the row and whether it is new: a document that
    already has a number keeps it (nothing is written then).

    With ``server_url`` (the laptop syncs with that server) the serial is the
    lowest free one of the blocks from it; :class:`NoNumbersLeft` if none is,
    :class:`SyncAfterRestore` after a restore not yet followed by a sync.
    Without, it is the local counter's next.
    """
    existing = issued(db, kind, record_id)
    if existing is not None:
        return existing, False
    if not prefix.strip():
        raise ValueError("empty document number prefix")
    year = china_date(signed_at).year
    if server_url:
        if db.get(Setting, RESTORED_SETTING) is not None:
            raise SyncAfterRestore
        serial = next(free_serials(db, server_url, prefix, year), None)
        if serial is None:
            raise NoNumbersLeft(prefix, year)
    else:
        serial = _next_serial(db, prefix, year)
    row = IssuedDocument(
        kind=kind,
        record_id=record_id,
        prefix=prefix,
        year=year,
        serial=serial,
        number=document_number(prefix, year, serial),
        signed_by=signed_by,
        signed_at=signed_at,
    )
    db.add(row)
    db.flush()
    return row, True


# ------------------------------------------------------- blocks from the server


@dataclass(frozen=True)
class ReservedBlock:
    """A block as the server answers ``POST /numbers/blocks``."""

    id: str
    request_id: str
    prefix: str
    year: int
    first: int
    last: int

    @classmethod
    def parse(cls, body: Mapping[str, Any]) -> ReservedBlock:
        """The block in the server's answer; ``ValueError`` if it is not one."""
        try:
            block = cls(
                id=str(body["id"]),
                request_id=str(body["request_id"]),
                prefix=str(body["prefix"]),
                year=int(body["year"]),
                first=int(body["first"]),
                last=int(body["last"]),
            )
        except (KeyError, TypeError, ValueError):
            raise ValueError("not a number block") from None
        if not 1 <= block.first <= block.last:
            raise ValueError("not a number block")
        return block


def sync_restored(db: Session) -> None:
    """Record that a sync brought back what the server holds: numbers are given again."""
    row = db.get(Setting, RESTORED_SETTING)
    if row is not None:
        db.delete(row)
        db.flush()


def sync_server(db: Session) -> str:
    """The central server's address, "" when the laptop works alone."""
    row = db.get(Setting, SERVER_URL_SETTING)
    return row.value if row is not None else ""


def _blocks(db: Session, server_url: str, prefix: str, year: int) -> list[NumberBlock]:
    return list(
        db.scalars(
            select(NumberBlock)
            .where(
                NumberBlock.server_url == server_url,
                NumberBlock.prefix == prefix,
                NumberBlock.year == year,
            )
            .order_by(NumberBlock.first_serial)
        )
    )


def _end(block: NumberBlock) -> int:
    """One past the last serial this laptop may still use of the block."""
    return block.returned_from if block.returned_from is not None else block.last_serial + 1


def _used(db: Session, prefix: str, year: int) -> set[int]:
    return set(
        db.scalars(
            select(IssuedDocument.serial).where(
                IssuedDocument.prefix == prefix, IssuedDocument.year == year
            )
        )
    )


def free_serials(db: Session, server_url: str, prefix: str, year: int) -> Iterator[int]:
    """The serials of (prefix, year) this laptop may still give, lowest first:
    those of its blocks from ``server_url`` that no document here has (signed
    off here or pulled) and that were not given back."""
    used = _used(db, prefix, year)
    for block in _blocks(db, server_url, prefix, year):
        yield from (s for s in range(block.first_serial, _end(block)) if s not in used)


def next_request_id(db: Session, device_id: str, server_url: str, prefix: str, year: int) -> str:
    """The id of this laptop's next block request for (prefix, year): the same
    until a block is kept, so asking again after a lost answer gets the same
    block from the server rather than a new one."""
    held = db.scalar(
        select(func.count())
        .select_from(NumberBlock)
        .where(
            NumberBlock.server_url == server_url,
            NumberBlock.prefix == prefix,
            NumberBlock.year == year,
        )
    )
    name = f"{device_id}|{server_url}|{prefix}|{year}|{int(held or 0) + 1}"
    return str(uuid.uuid5(_REQUESTS, name))


def keep_block(db: Session, server_url: str, block: ReservedBlock, now: dt.datetime) -> bool:
    """Store a block the server reserved; whether it is new here."""
    if db.get(NumberBlock, block.id) is not None:
        return False
    db.add(
        NumberBlock(
            id=block.id,
            server_url=server_url,
            request_id=block.request_id,
            prefix=block.prefix,
            year=block.year,
            first_serial=block.first,
            last_serial=block.last,
            received_at=now,
        )
    )
    db.flush()
    return True


def returnable(db: Session, server_url: str, before_year: int) -> list[tuple[str, int]]:
    """The blocks from ``server_url`` of years before ``before_year`` with
    serials this laptop can no longer use (the year is over) and has not given
    back yet: (block id, first serial to give back)."""
    found: list[tuple[str, int]] = []
    blocks = db.scalars(
        select(NumberBlock)
        .where(NumberBlock.server_url == server_url, NumberBlock.year < before_year)
        .order_by(NumberBlock.prefix, NumberBlock.year, NumberBlock.first_serial)
    )
    used: dict[tuple[str, int], set[int]] = {}
    for block in blocks:
        key = (block.prefix, block.year)
        if key not in used:
            used[key] = _used(db, *key)
        taken = [s for s in used[key] if block.first_serial <= s <= block.last_serial]
        first_unused = max(taken, default=block.first_serial - 1) + 1
        if first_unused < _end(block):
            found.append((block.id, first_unused))
    return found


def mark_returned(db: Session, block_id: str, first_unused: int) -> None:
    """Record that serials from ``first_unused`` on were given back."""
    block = db.get(NumberBlock, block_id)
    if block is not None:
        block.returned_from = min(_end(block), first_unused)
