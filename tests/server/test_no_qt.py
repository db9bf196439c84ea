"""The server never imports Qt: importing ``server`` and every module under it
leaves PySide6 out of ``sys.modules`` (architecture.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CODE = """
import importlib, pkgutil, sys
import server
names = []
for module in pkgutil.walk_packages(server.__path__, "server."):
    if module.name.startswith("server.migrations"):
        continue  # Alembic scripts, imported by Alembic only
    importlib.import_module(module.name)
    names.append(module.name)
from server.app import create_app
from server.config import Settings
create_app(Settings(database_url="sqlite://"))
qt = sorted(n for n in sys.modules if n.split(".")[0] in ("PySide6", "shiboken6"))
print(len(names))
print(",".join(qt))
"""


def test_importing_the_server_does_not_import_pyside6() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CODE], cwd=ROOT, capture_output=True, text=True, check=True
    )
    count, qt = (
        result.stdout.strip().split(" ", 1)
        if " " in result.stdout.strip()
        else (
            result.stdout.strip(),
            "",
        )
    )
    assert int(count) >= 10  # the walk really imported the package's modules
    assert qt == "", f"PySide6 imported by the server: {qt}"
