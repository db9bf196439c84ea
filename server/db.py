"""The database: engines for PostgreSQL (psycopg 3) and SQLite, the schema
migrations (Alembic, ``server/migrations``) and the push lock.

Nothing here keeps state that matters between requests: every server process
opens its own engine on the same database, so several can run behind a proxy.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Collection
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, text, update
from sqlalchemy.orm import Session, sessionmaker

from desktop.store.db import current_revision, migration_head
from server.models import SyncLock

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: pg_advisory lock keys ("xn" + purpose); any constant unique to this app.
_MIGRATION_LOCK = 0x786E_0001
_PUSH_LOCK = 0x786E_0002
_PUBLISH_LOCK = 0x786E_0003
#: The first key of the two-key advisory locks on single records.
_RECORD_LOCKS = 0x786E


def _sqlite_on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url`` (see :func:`server.config.database_url`)."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_on_connect)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def is_postgresql(bind: Engine | Connection | Session) -> bool:
    dialect = bind.get_bind().dialect if isinstance(bind, Session) else bind.dialect
    return dialect.name == "postgresql"


def lock_for_push(db: Session, records: Collection[tuple[str, str]] | None = None) -> None:
    """Take the push lock for the rest of ``db``'s transaction.

    PostgreSQL: a transaction-level advisory lock, exclusive; or, given the
    ``records`` the push writes (ops whose rules read nothing but their own
    record), shared with other such pushes plus each record's own lock, taken
    in one order so that two pushes cannot wait for each other. SQLite: a
    write to the ``sync_lock`` row, which takes the database's write lock at
    once (so the transaction never has to upgrade from reading to writing
    half-way): one push at a time.
    """
    if not is_postgresql(db):
        db.execute(update(SyncLock).where(SyncLock.id == 1).values(pushes=SyncLock.pushes + 1))
    elif records is None:
        db.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PUSH_LOCK})
    else:
        db.execute(text("SELECT pg_advisory_xact_lock_shared(:key)"), {"key": _PUSH_LOCK})
        keys = sorted({_record_key(entity, record_id) for entity, record_id in records})
        db.execute(
            text(
                "SELECT pg_advisory_xact_lock(:space, k) FROM "
                "(SELECT k FROM unnest(CAST(:keys AS integer[])) AS k ORDER BY k) AS ordered"
            ),
            {"space": _RECORD_LOCKS, "keys": keys},
        )


def _record_key(entity: str, record_id: str) -> int:
    """A record's advisory lock key (32 bits: two records may share one)."""
    digest = hashlib.sha256(f"{entity}:{record_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big", signed=True)


def take_sequence_numbers(db: Session, count: int) -> list[int]:
    """The next ``count`` op sequence numbers, ascending, and the lock that
    keeps them: no other push takes numbers until this transaction ends, so
    ops commit in the order of their numbers and a pull that has seen a number
    has seen every smaller one (its cursor never skips an op committed later).
    Take it last and hold it briefly: the rest of a push runs side by side."""
    if not is_postgresql(db):  # the sync_lock write made this the only writer
        last = db.scalar(text("SELECT seq FROM sqlite_sequence WHERE name = 'ops'")) or 0
        return list(range(last + 1, last + count + 1))
    db.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PUBLISH_LOCK})
    numbers = db.scalars(
        text("SELECT nextval(pg_get_serial_sequence('ops', 'seq')) FROM generate_series(1, :n)"),
        {"n": count},
    )
    return sorted(int(n) for n in numbers)


# ---------------------------------------------------------------- migrations


def alembic_config(connection: Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@cache
def head_revision() -> str:
    """The server schema's newest migration."""
    return migration_head(MIGRATIONS / "versions")


def schema_is_current(engine: Engine) -> bool:
    return current_revision(engine) == head_revision()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration. Several processes starting at
    once against one PostgreSQL take turns (advisory lock)."""
    if schema_is_current(engine):
        return
    from alembic import command

    with engine.connect() as connection:
        postgres = is_postgresql(connection)
        if postgres:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _MIGRATION_LOCK})
            connection.commit()
        try:
            command.upgrade(alembic_config(connection), "head")
            connection.commit()
        finally:
            if postgres:
                connection.execute(
                    text("SELECT pg_advisory_unlock(:key)"), {"key": _MIGRATION_LOCK}
                )
                connection.commit()
