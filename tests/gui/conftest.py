"""GUI test fixtures: a real offscreen Qt, a demo store built once per session and
copied for each test, QSettings in a temp folder, and a signed-in main window."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from pytestqt.qtbot import QtBot

from desktop.demo import DEMO_PASSWORD, Demo, build_demo
from desktop.resources import load_profile
from desktop.services import auth
from desktop.services.auth import UserSession
from desktop.services.base import Context
from desktop.store.db import open_store
from desktop.ui.app import APPLICATION, ORGANISATION
from desktop.ui.main_window import MainWindow

DEVICE = "0190a000-0000-7000-8000-0000000000d1"
# 2026-11-26 10:00 China time: the demo's "today".
NOW = dt.datetime(2026, 11, 26, 2, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture(scope="session", autouse=True)
def isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat,
        QSettings.Scope.UserScope,
        str(tmp_path_factory.mktemp("qsettings")),
    )


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Demo]:
    folder = tmp_path_factory.mktemp("demo-store")
    store = open_store(folder)
    ctx = Context(store, DEVICE, load_profile("fujian-2024"))
    demo = build_demo(ctx)
    store.close()
    return folder, demo


@pytest.fixture
def demo(demo_store: tuple[Path, Demo]) -> Demo:
    return demo_store[1]


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def ctx(demo_store: tuple[Path, Demo], tmp_path: Path, clock: Clock) -> Iterator[Context]:
    folder = tmp_path / "data"
    shutil.copytree(demo_store[0], folder)
    store = open_store(folder)
    QSettings().clear()
    yield Context(store, DEVICE, load_profile("fujian-2024"), clock=clock)
    store.close()


@pytest.fixture
def login(ctx: Context) -> Callable[[str], UserSession]:
    """A demo user's session: ``login("zhengl")`` (password xiaoneng2026)."""
    return lambda username: auth.sign_in(ctx, username, DEMO_PASSWORD)


@pytest.fixture
def window(
    qtbot: QtBot, ctx: Context, login: Callable[[str], UserSession]
) -> Callable[[str], MainWindow]:
    """The main window signed in as a demo user, shown offscreen."""

    def make(username: str) -> MainWindow:
        main = MainWindow(ctx, login(username))
        qtbot.addWidget(main)
        main.show()
        return main

    return make
