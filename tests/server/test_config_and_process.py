"""Settings from the environment, and ``python -m server`` as a real process."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from desktop.sync.client import KEEPALIVE_EXPIRY
from server.config import ConfigError, Settings, database_url
from server.db import head_revision

ROOT = Path(__file__).resolve().parents[2]


def test_database_url_forms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert database_url(None) == f"sqlite:///{tmp_path / 'xiaoneng-server.db'}"
    assert database_url("data/x.db") == f"sqlite:///{tmp_path / 'data' / 'x.db'}"
    assert database_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    with pytest.raises(ConfigError, match="XIAONENG_SERVER_DB"):
        database_url("mysql://u@h/db")


def test_settings_from_env() -> None:
    settings = Settings.from_env(
        {
            "XIAONENG_SERVER_DB": "postgresql://u:p@db/xn",
            "XIAONENG_SERVER_HOST": "0.0.0.0",
            "XIAONENG_SERVER_PORT": "9000",
            "XIAONENG_SERVER_WORKERS": "4",
            "XIAONENG_SERVER_SESSION_HOURS": "8",
            "XIAONENG_SERVER_MIGRATE": "0",
        }
    )
    assert (settings.host, settings.port, settings.workers) == ("0.0.0.0", 9000, 4)
    assert (settings.session_hours, settings.migrate) == (8.0, False)
    assert settings.database_url == "postgresql+psycopg://u:p@db/xn"
    for bad in ({"XIAONENG_SERVER_PORT": "http"}, {"XIAONENG_SERVER_PORT": "70000"}):
        with pytest.raises(ConfigError, match="XIAONENG_SERVER_PORT"):
            Settings.from_env(bad)
    assert settings.prune_parts_days == 7
    assert Settings.from_env({"XIAONENG_SERVER_PRUNE_PARTS_DAYS": "0"}).prune_parts_days == 0
    with pytest.raises(ConfigError, match="XIAONENG_SERVER_PRUNE_PARTS_DAYS"):
        Settings.from_env({"XIAONENG_SERVER_PRUNE_PARTS_DAYS": "-1"})


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_python_m_server_serves_the_openapi(tmp_path: Path) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "XIAONENG_SERVER_DB": str(tmp_path / "server.db"),
        "XIAONENG_SERVER_HOST": "127.0.0.1",
        "XIAONENG_SERVER_PORT": str(port),
        "XIAONENG_SERVER_LOG_LEVEL": "warning",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "server"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=2)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.stdout else ""
                    pytest.fail(f"server did not start: {output}")
                time.sleep(0.2)
        assert response.status_code == 200
        paths = response.json()["paths"]
        assert {"/auth/login", "/auth/logout", "/me", "/keys/me", "/keys/handlers"} <= set(paths)
        assert {"/sync/push", "/sync/pull", "/health"} <= set(paths)
        health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).json()
        assert health == {"status": "ok", "schema_revision": head_revision()}
        assert (tmp_path / "server.db").exists()
        # an idle connection stays open past the laptops' reuse limit (and past
        # uvicorn's default 5 s, when a laptop's push could meet a closing one)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            conn.request("GET", "/health")
            assert conn.getresponse().read().startswith(b'{"status":"ok"')
            opened = conn.sock
            time.sleep(KEEPALIVE_EXPIRY + 2)
            conn.request("GET", "/health")  # on the same connection (RemoteDisconnected if shut)
            assert conn.getresponse().status == 200 and conn.sock is opened
        finally:
            conn.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
