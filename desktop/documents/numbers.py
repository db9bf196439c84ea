"""Document numbers (发文字号): 闽效问〔2026〕3号, given when a document is signed off.

One series per number prefix (发文机关代字, ``profile.documents.number_prefixes``)
per year; the year is the sign-off day's year in China. Within one database
the numbers have no gaps and no duplicates:

* the counter (``document_counters``: prefix, year, last) is incremented in
  the same transaction as the sign-off, so a sign-off that rolls back gives
  its serial back;
* ``issued_documents`` is unique on (kind, record_id), so a document is never
  numbered twice (signing again returns the number it has), and on
  (prefix, year, serial), so two documents never share a number even if two
  writers raced past every other check;
* :func:`begin_write` starts the transaction as a SQLite write transaction
  (``BEGIN IMMEDIATE``), so concurrent sign-offs, from threads or processes on
  the same file, queue on the database lock (``busy_timeout``) instead of
  reading the same counter.

Numbers given on two laptops offline can still collide; the server is where
that is resolved (not here).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop.documents.model import document_number
from desktop.store.models import DocumentCounter, IssuedDocument

__all__ = ["Issued", "assign", "begin_write", "china_date", "issued", "issued_for"]

_CHINA = dt.timezone(dt.timedelta(hours=8))


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


def begin_write(db: Session) -> None:
    """Make the session's transaction a SQLite write transaction now
    (``BEGIN IMMEDIATE``), waiting for another writer to finish.

    Call it first in the transaction of a sign-off. If the connection is
    already inside a transaction (something was written before), it does
    nothing: the unique constraints still keep numbers from repeating, and a
    losing writer fails and rolls back whole.
    """
    connection = db.connection()
    if connection.dialect.name != "sqlite":
        return
    dbapi = connection.connection.dbapi_connection
    if dbapi is not None and not getattr(dbapi, "in_transaction", True):
        connection.exec_driver_sql("BEGIN IMMEDIATE")


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
) -> tuple[IssuedDocument, bool]:
    """Give the document (``kind``, ``record_id``) the next number of
    ``prefix`` in the year of ``signed_at`` (China time), in ``db``'s
    transaction. Returns the row and whether it is new: a document that
    already has a number keeps it (nothing is written then).
    """
    existing = issued(db, kind, record_id)
    if existing is not None:
        return existing, False
    if not prefix.strip():
        raise ValueError("empty document number prefix")
    year = china_date(signed_at).year
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
