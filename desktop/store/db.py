"""Opening the laptop's store: SQLite in WAL mode in the user's data folder,
migrated to the newest schema (Alembic) before anything else touches it.

Durability: WAL with ``synchronous=NORMAL`` survives a killed process with no
half-written transaction (a transaction is in the WAL whole or not at all); a
power cut may lose the last transactions, never the database's consistency.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

APP_NAME = "xiaoneng-inspector"
DB_FILE = "xiaoneng.db"
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


def make_engine(db_path: Path) -> Engine:
    """An engine on ``db_path`` with the pragmas set on every connection."""
    engine = create_engine(f"sqlite:///{db_path}", future=True)
    event.listen(engine, "connect", _on_connect)
    return engine


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (run at every start)."""
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
