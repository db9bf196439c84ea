"""Starting the core without a window: the data folder, logging, the store, this
device's id, the calendar (with the administrator's holiday tables) and the
rule profile, gathered into a service :class:`~desktop.services.base.Context`.

Used by ``python -m desktop`` (window, ``--self-test``, ``--verify-audit``) and
by tests, so every entry point starts the same way.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import select

from desktop.domain import calendar
from desktop.domain.calendar import WorkCalendar
from desktop.resources import load_holiday_tables, load_profile
from desktop.services.base import Context
from desktop.store.db import Store, default_data_dir, open_store
from desktop.store.ids import new_id
from desktop.store.models import Setting

LOG = logging.getLogger("desktop")


def setup_logging(data_dir: Path) -> Path:
    """Log to ``DATA_DIR/logs/app.log``. Services never log identities."""
    folder = data_dir / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "app.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    if not any(
        isinstance(h, logging.FileHandler) and h.baseFilename == str(path) for h in root.handlers
    ):
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def device_id(store: Store) -> str:
    """This laptop's id (设备标识), made once and kept in settings."""
    with store.sessions.begin() as db:
        saved = db.scalar(select(Setting).where(Setting.key == "device_id"))
        if saved is not None:
            return saved.value
        value = new_id()
        db.add(Setting(key="device_id", value=value))
        return value


def saved_profile_id(store: Store, default: str) -> str:
    """The rule profile chosen for this laptop (设置), or ``default``."""
    with store.sessions.begin() as db:
        saved = db.get(Setting, "profile_id")
        return saved.value if saved else default


def open_context(data_dir: Path | None, profile_id: str | None = None) -> Context:
    """Open everything the services need. Holiday tables in ``DATA_DIR/holidays``
    (an administrator's additions) are read after the shipped ones."""
    folder = data_dir or default_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    setup_logging(folder)
    store = open_store(folder)
    calendar.set_default_calendar(WorkCalendar.official(load_holiday_tables(folder / "holidays")))
    profile = load_profile(profile_id or saved_profile_id(store, "fujian-2024"))
    LOG.info("store opened in %s (profile %s)", folder, profile.id)
    return Context(store, device_id(store), profile)
