"""Save a screenshot of every main screen with the demo data.

    .venv/bin/python scripts/screenshots.py --out shots/ [--lang en]

Runs offscreen unless a DISPLAY is set (e.g. under ``xvfb-run``); builds the
demo set in a temporary folder and signs in as the user who works each page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop.demo import DEMO_PASSWORD, build_demo
from desktop.resources import load_profile
from desktop.services import auth
from desktop.services.base import Context
from desktop.store.db import open_store
from desktop.ui.app import make_application
from desktop.ui.i18n import install_translators
from desktop.ui.main_window import MainWindow
from desktop.ui.signin import SignInDialog

# (user, page) pairs: each page as the person who works it.
SHOTS = (
    ("wangjg", "dashboard"),
    ("linzq", "dashboard"),
    ("wangjg", "plans"),
    ("wangjg", "visits"),
    ("zhengl", "complaints"),
    ("huangh", "decisions"),
    ("linzq", "documents"),
    ("wangjg", "sync"),
    ("admin", "settings"),
)
NOW = dt.datetime(2026, 11, 26, 2, 0, tzinfo=dt.UTC)


def pump(app: QApplication) -> None:
    """Let background loading (charts, lists) finish before the shot."""
    from PySide6.QtCore import QThreadPool

    for _ in range(100):
        app.processEvents()
        if QThreadPool.globalInstance().activeThreadCount() == 0:
            break
        time.sleep(0.02)
    for _ in range(5):
        app.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    settings_dir = tempfile.mkdtemp()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    install_translators(app, args.lang)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp))
        ctx = Context(store, "screenshots", load_profile("fujian-2024"), clock=lambda: NOW)
        build_demo(ctx)
        dialog = SignInDialog(ctx)
        dialog.resize(420, 200)
        dialog.show()
        pump(app)
        path = args.out / f"00-signin-{args.lang}.png"
        dialog.grab().save(str(path))
        print(path)
        dialog.close()
        for i, (user, page) in enumerate(SHOTS, start=1):
            window = MainWindow(ctx, auth.sign_in(ctx, user, DEMO_PASSWORD))
            window.resize(1280, 800)
            window.show()
            window.show_page(page)
            pump(app)
            path = args.out / f"{i:02d}-{page}-{user}-{args.lang}.png"
            window.grab().save(str(path))
            print(path)
            window.close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
