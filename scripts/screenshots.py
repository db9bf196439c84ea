"""Save a screenshot of every main screen with the demo data.

    .venv/bin/python scripts/screenshots.py --out shots/ [--lang en]
    .venv/bin/python scripts/screenshots.py --out shots/ --first-run [--lang en]

``--first-run`` saves the first-run wizard's pages instead, filled in as a
user would (working alone; the server page as it is before connecting), on a
fresh store in a temporary folder.

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


def first_run_shots(app: QApplication, out: Path, lang: str) -> None:
    """Each page of the first-run wizard, working alone, then the server page."""
    from desktop.crypto import Argon2Params
    from desktop.ui.dialogs.firstrun import PAGE_DONE, FirstRunWizard

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "data")
        ctx = Context(store, "screenshots", load_profile("fujian-2024"), clock=lambda: NOW)
        wizard = FirstRunWizard(ctx, argon2=Argon2Params(1, 64, 1))
        wizard.resize(720, 560)
        wizard.show()

        def shot(name: str) -> None:
            pump(app)
            path = out / f"firstrun-{name}-{lang}.png"
            wizard.grab().save(str(path))
            print(path)

        shot("1-mode")
        wizard.mode_page.alone.setChecked(True)
        wizard.next()
        shot("2-profile")
        wizard.next()
        office = wizard.office_page
        office.office_name.setText("福州市机关效能建设领导小组办公室")
        office.username.setText("admin")
        office.display_name.setText("陈主任")
        office.password.setText("xiaoneng2026")
        office.password_again.setText("xiaoneng2026")
        shot("3-office")
        wizard.next()
        recovery = wizard.recovery_page
        recovery.path.setText(str(Path(tmp) / "U盘" / "效能督查-机构恢复密钥.txt"))
        (Path(tmp) / "U盘").mkdir()
        recovery.passphrase.setText("保险柜第二层的U盘 2026年")
        recovery.passphrase_again.setText("保险柜第二层的U盘 2026年")
        shot("4-recovery")
        wizard.next()
        for _ in range(200):
            if wizard.currentId() == PAGE_DONE:
                break
            pump(app)
        shot("5-done")
        wizard.close()
        server = FirstRunWizard(ctx)
        server.resize(720, 560)
        server.show()
        server.next()
        server.next()
        page = server.server_page
        page.url.setText("https://xiaoneng.fz.gov.cn")
        page.username.setText("zhengl")
        page.password.setText("xiaoneng2026")
        wizard = server
        shot("6-server")
        server.close()
        store.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])
    parser.add_argument("--first-run", action="store_true", help="the first-run wizard's pages")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    settings_dir = tempfile.mkdtemp()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    install_translators(app, args.lang)
    if args.first_run:
        first_run_shots(app, args.out, args.lang)
        return 0
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
