"""Opening the laptop's store: SQLite in WAL mode in the user's data folder,
migrated to the newest schema (Alembic) before anything else touches it.

Durability: WAL with ``synchronous=NORMAL`` survives a killed process with no
half-written transaction (a transaction is in the WAL whole or not at all); a
power cut may lose the last transactions, never the database's consistency.
"""

from __future__ import annotations

import operator
import re
import sqlite3
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
from sqlalchemy import Engine, Table, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from alembic.config import Config

APP_NAME = "xiaoneng-inspector"
DB_FILE = "xiaoneng.db"
# Read as files by Alembic. In the PyInstaller program __file__ is inside the
# bundle's _internal/desktop/store, and build.spec ships the migrations there too.
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def default_data_dir() -> Path:
    """The user's data folder for the app (platformdirs), e.g. ~/.local/share/..."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def begin_write(db: Session) -> None:
    """Make the session's transaction a SQLite write transaction now
    (``BEGIN IMMEDIATE``): writers queue on the database lock
    (``busy_timeout``) instead of reading state that a concurrent commit makes
    stale, and savepoints nest inside it. Does nothing when the connection is
    already in a transaction (something was written before), or not on SQLite."""
    connection = db.connection()
    if connection.dialect.name != "sqlite":
        return
    dbapi = connection.connection.dbapi_connection
    if dbapi is not None and not getattr(dbapi, "in_transaction", True):
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def insert_many(
    db: Session,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    *,
    ready: Collection[str] = (),
) -> None:
    """INSERT ``rows`` (each with the keys of the first) into ``table``: what
    ``db.execute(insert(table), rows)`` writes, without SQLAlchemy's per-row
    parameter bookkeeping (most of the cost of a 1,000-row insert); see
    :func:`insert_rows`."""
    if not rows:
        return
    names = list(rows[0])
    get = operator.itemgetter(*names)
    insert_rows(
        db,
        table,
        names,
        list(map(get, rows)) if len(names) > 1 else [(get(row),) for row in rows],
        ready=ready,
    )


def insert_rows(
    db: Session,
    table: Table,
    names: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    ready: Collection[str] = (),
) -> None:
    """INSERT ``rows``, each the values of the columns ``names`` in order,
    into ``table`` in one DB-API ``executemany``, each value through its
    column's bind processor (except the ``ready`` columns', given in the
    database's form already, such as JSON text) and the columns left out
    given their Python-side defaults. The values are processed column by
    column (once for a value every row shares, such as a batch's time stamp).
    A failed row raises SQLAlchemy's ``IntegrityError`` as ``execute`` does."""
    if not rows:
        return
    connection = db.connection()
    dialect = connection.dialect
    assert dialect.paramstyle == "qmark", "the laptop's SQLite"
    given = [table.c[name] for name in names]
    defaults = [
        c
        for c in table.columns
        if c.name not in names and c.default is not None and not c.primary_key
    ]
    columns: list[Sequence[Any]] = list(zip(*rows, strict=True))
    columns += [[_default(c) for _ in rows] for c in defaults]
    for index, column in enumerate((*given, *defaults)):
        impl = column.type.dialect_impl(dialect)  # (a decorated type with SQLite's own)
        process = None if column.name in ready else impl.bind_processor(dialect)
        if process is not None:
            columns[index] = _processed(process, columns[index])
    quote = dialect.identifier_preparer.quote
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(table.name),
        ", ".join(quote(c.name) for c in (*given, *defaults)),
        ", ".join("?" * (len(given) + len(defaults))),
    )
    connection.exec_driver_sql(sql, list(zip(*columns, strict=True)))


def _processed(process: Callable[[Any], Any], values: Sequence[Any]) -> Sequence[Any]:
    first = values[0]
    if all(v is first for v in values):
        return [process(first)] * len(values)
    return list(map(process, values))


def _default(column: Any) -> Any:
    default = column.default
    return default.arg(None) if default.is_callable else default.arg


def make_engine(db_path: Path) -> Engine:
    """An engine on ``db_path`` with the pragmas set on every connection."""
    engine = create_engine(f"sqlite:///{db_path}", future=True)
    event.listen(engine, "connect", _on_connect)
    return engine


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def migration_head(versions: Path) -> str:
    """The newest revision among the migration files in ``versions``, read from
    the files themselves (no Alembic import). The server's migrations use it too."""
    revisions: dict[str, str | None] = {}
    for path in versions.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        rev = re.search(r"^revision: str = ['\"](\w+)['\"]", source, re.M)
        down = re.search(r"^down_revision: str \| None = (?:['\"](\w+)['\"]|None)", source, re.M)
        if rev and down:
            revisions[rev.group(1)] = down.group(1)
    parents = {d for d in revisions.values() if d}
    heads = [r for r in revisions if r not in parents]
    if len(heads) != 1:
        raise RuntimeError(f"migrations in {versions} must have one head, found {heads}")
    return heads[0]


@cache
def head_revision() -> str:
    """The laptop schema's newest migration."""
    return migration_head(MIGRATIONS / "versions")


def current_revision(engine: Engine) -> str | None:
    """The schema's revision, ``None`` for an empty database."""
    with engine.connect() as conn:
        if not engine.dialect.has_table(conn, "alembic_version"):
            return None
        value = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return None if value is None else str(value)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (run at every start). Alembic is
    imported only when there is something to do, which keeps start-up fast."""
    if current_revision(engine) == head_revision():
        return
    from alembic import command

    command.upgrade(alembic_config(engine), "head")


@dataclass(frozen=True)
class Store:
    """An open store: its folder, engine and session factory."""

    data_dir: Path
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def evidence_dir(self) -> Path:
        return self.data_dir / "evidence"

    def close(self) -> None:
        self.engine.dispose()


def open_store(data_dir: Path | None = None) -> Store:
    """Open (creating and migrating if needed) the store in ``data_dir``."""
    folder = data_dir or default_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    engine = make_engine(folder / DB_FILE)
    migrate(engine)
    sessions = sessionmaker(engine, expire_on_commit=False)
    return Store(folder, engine, sessions)
