"""The database: engines for PostgreSQL (psycopg 3) and SQLite, the schema
migrations (Alembic, ``server/migrations``) and the push lock.

Nothing here keeps state that matters between requests: every server process
opens its own engine on the same database, so several can run behind a proxy.
"""

from __future__ import annotations

import sqlite3
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


def lock_for_push(db: Session) -> None:
    """Take the push lock for the rest of ``db``'s transaction.

    PostgreSQL: a transaction-level advisory lock. SQLite: a write to the
    ``sync_lock`` row, which takes the database's write lock at once (so the
    transaction never has to upgrade from reading to writing half-way).
    """
    if is_postgresql(db):
        db.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PUSH_LOCK})
    else:
        db.execute(update(SyncLock).where(SyncLock.id == 1).values(pushes=SyncLock.pushes + 1))


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
