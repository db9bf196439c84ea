"""The server's settings, read from environment variables (no config file).

=============================  ==============================================
``XIAONENG_SERVER_DB``         database: a SQLAlchemy URL
                               (``postgresql://user:pw@host/db`` is taken as
                               ``postgresql+psycopg://``) or a SQLite file path;
                               default ``xiaoneng-server.db`` in the current
                               folder
``XIAONENG_SERVER_HOST``       address uvicorn listens on (``127.0.0.1``)
``XIAONENG_SERVER_PORT``       port (``8700``)
``XIAONENG_SERVER_WORKERS``    uvicorn worker processes (``1``)
``XIAONENG_SERVER_SESSION_HOURS``  lifetime of a session token (``12``)
``XIAONENG_SERVER_MIGRATE``    ``1`` (default): bring the schema up to date at
                               start-up; ``0``: refuse to start if it is behind
``XIAONENG_SERVER_LOG_LEVEL``  uvicorn log level (``info``)
``XIAONENG_SERVER_EVIDENCE_DIR``  folder of the evidence files (``server.evidence``);
                               default ``xiaoneng-evidence`` beside a SQLite
                               file, else in the current folder. Every server
                               process of one office must see the same folder
``XIAONENG_SERVER_PRUNE_PARTS_DAYS``  remove the parts of large evidence uploads
                               nobody finished once untouched this many days
                               (``7``), checked at start-up and every 6 hours;
                               ``0``: never (``python -m server.admin
                               prune-evidence-parts`` still does it by hand)
=============================  ==============================================
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB_FILE = "xiaoneng-server.db"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8700
DEFAULT_SESSION_HOURS = 12.0
DEFAULT_EVIDENCE_DIR = "xiaoneng-evidence"
DEFAULT_PRUNE_PARTS_DAYS = 7.0


class ConfigError(ValueError):
    """A setting that cannot be used; the message names the variable."""


def database_url(value: str | None) -> str:
    """The SQLAlchemy URL for ``XIAONENG_SERVER_DB``'s value (``None``: the default file)."""
    raw = (value or "").strip()
    if not raw:
        return f"sqlite:///{Path.cwd() / DEFAULT_DB_FILE}"
    if "://" not in raw:
        return f"sqlite:///{Path(raw).expanduser().resolve()}"
    for plain in ("postgresql://", "postgres://"):
        if raw.startswith(plain):
            return "postgresql+psycopg://" + raw[len(plain) :]
    if raw.startswith(("postgresql+psycopg://", "sqlite://")):
        return raw
    raise ConfigError(
        "XIAONENG_SERVER_DB: only PostgreSQL (postgresql://, through psycopg 3) "
        "and SQLite (a file path or sqlite:///...) are supported"
    )


def _number(env: Mapping[str, str], name: str, default: float, low: float, high: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name}: not a number: {raw!r}") from None
    if not low <= value <= high:
        raise ConfigError(f"{name}: must be between {low:g} and {high:g}")
    return value


@dataclass(frozen=True)
class Settings:
    """Everything the server is configured with."""

    database_url: str
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    workers: int = 1
    session_hours: float = DEFAULT_SESSION_HOURS
    migrate: bool = True
    log_level: str = "info"
    #: Where evidence files are kept (``None``: :func:`evidence_folder`'s default).
    evidence_dir: Path | None = None
    #: Unfinished uploads' parts are removed once untouched this many days (0: never).
    prune_parts_days: float = DEFAULT_PRUNE_PARTS_DAYS

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        source = os.environ if env is None else env
        flag = source.get("XIAONENG_SERVER_MIGRATE", "1").strip().lower()
        if flag not in ("0", "1", "true", "false", "yes", "no", ""):
            raise ConfigError("XIAONENG_SERVER_MIGRATE: use 1 or 0")
        return cls(
            database_url=database_url(source.get("XIAONENG_SERVER_DB")),
            host=source.get("XIAONENG_SERVER_HOST", "").strip() or DEFAULT_HOST,
            port=int(_number(source, "XIAONENG_SERVER_PORT", DEFAULT_PORT, 1, 65535)),
            workers=int(_number(source, "XIAONENG_SERVER_WORKERS", 1, 1, 64)),
            session_hours=_number(
                source, "XIAONENG_SERVER_SESSION_HOURS", DEFAULT_SESSION_HOURS, 0.01, 24 * 90
            ),
            migrate=flag not in ("0", "false", "no"),
            log_level=source.get("XIAONENG_SERVER_LOG_LEVEL", "").strip().lower() or "info",
            evidence_dir=_folder(source.get("XIAONENG_SERVER_EVIDENCE_DIR")),
            prune_parts_days=_number(
                source, "XIAONENG_SERVER_PRUNE_PARTS_DAYS", DEFAULT_PRUNE_PARTS_DAYS, 0, 3650
            ),
        )

    @property
    def evidence_folder(self) -> Path:
        """The evidence folder: as set, else ``xiaoneng-evidence`` beside the
        SQLite file, else in the current folder."""
        if self.evidence_dir is not None:
            return self.evidence_dir
        if self.database_url.startswith("sqlite:///") and ":memory:" not in self.database_url:
            return Path(self.database_url.removeprefix("sqlite:///")).parent / DEFAULT_EVIDENCE_DIR
        return Path.cwd() / DEFAULT_EVIDENCE_DIR


def _folder(value: str | None) -> Path | None:
    raw = (value or "").strip()
    return Path(raw).expanduser().resolve() if raw else None
