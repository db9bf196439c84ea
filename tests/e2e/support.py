"""Helpers for the end-to-end test: the server and the laptops as real
processes, the office's people, and the official calendar counted
independently of the app.

* :class:`ServerProcess`: ``python -m server`` (uvicorn) on a free port,
  configured by environment variables as an office runs it, its output in a
  log file; it can be stopped (the laptops are then offline) and started again
  on the same database.
* :func:`server_admin`, :func:`create_server_user`: ``python -m
  server.admin``, the administrator's command line on the server.
* :class:`LaptopProcess`: ``python -m tests.e2e.laptop`` (:mod:`tests.e2e.laptop`)
  on one data folder, spoken to in JSON lines. A laptop starts empty; each
  person signs in on it once online (enrols), offline afterwards.
* :func:`working_days_after`, :func:`working_days_left` and
  :func:`days_after`: deadlines counted straight from ``chinese_calendar``,
  to check what the app shows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import select
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import chinese_calendar
import httpx

from desktop.crypto import ComplainantIdentity
from desktop.domain.common import Role
from tests.pg import pg_server

ROOT = Path(__file__).resolve().parents[2]
CHINA = dt.timezone(dt.timedelta(hours=8))
PROFILE = "fujian-2024"
#: Seconds a laptop may take over one command (a loaded machine is slow).
COMMAND_TIMEOUT = 120

#: The office's people: username -> (display name, roles, own password).
PEOPLE: dict[str, tuple[str, tuple[Role, ...], str]] = {
    "admin": ("系统管理员", (Role.ADMINISTRATOR,), "admin-Xiaoneng#1"),
    "wangjg": ("王建国", (Role.INSPECTOR,), "wangjg-jiancha#7"),
    "chenj": ("陈静", (Role.INSPECTOR,), "chenj-duchazu#4"),
    "linzq": ("林志强", (Role.SUPERVISOR,), "linzq-shenpi#2"),
    "huangh": ("黄海", (Role.OFFICE_HEAD,), "huangh-qianfa#9"),
    "zhengl": ("郑丽", (Role.COMPLAINT_HANDLER,), "zhengl-shouli#5"),
}


def password(username: str) -> str:
    return PEOPLE[username][2]


# ------------------------------------------------------------------ server


def _env(extra: Mapping[str, str], tmp: Path) -> dict[str, str]:
    """The environment of a child process: UTF-8, its temp files in ``tmp``,
    its Qt settings (QSettings) there too rather than in the user's home."""
    return {
        **os.environ,
        "PYTHONIOENCODING": "utf-8",
        "TMPDIR": str(tmp),
        "TMP": str(tmp),
        "TEMP": str(tmp),
        "XDG_CONFIG_HOME": str(tmp / "config"),
        **extra,
    }


class ServerProcess:
    """``python -m server`` against ``database_url``; output appended to ``log``."""

    def __init__(self, database_url: str, log: Path, tmp: Path) -> None:
        self.port: int = pg_server.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.env = _env(
            {
                "XIAONENG_SERVER_DB": database_url,
                "XIAONENG_SERVER_HOST": "127.0.0.1",
                "XIAONENG_SERVER_PORT": str(self.port),
                "XIAONENG_SERVER_LOG_LEVEL": "info",
            },
            tmp,
        )
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60) -> None:
        self.launch()
        self.wait(timeout)

    def launch(self) -> None:
        """Start the process (without waiting for it to answer)."""
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "server"],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def wait(self, timeout: float = 60) -> None:
        """Wait until the server answers ``/health``."""
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped: {self.log.read_text(errors='replace')}")
            try:
                if httpx.get(f"{self.url}/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not answer /health in time")
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


def server_admin(
    database_url: str, tmp: Path, *args: str, env: Mapping[str, str] | None = None
) -> subprocess.Popen[str]:
    """``python -m server.admin --db URL ARGS``, the administrator's command
    line on the server machine; started, not waited for (see :func:`finish`)."""
    return subprocess.Popen(
        [sys.executable, "-m", "server.admin", "--db", database_url, *args],
        cwd=ROOT,
        env=_env(env or {}, tmp),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def create_server_user(
    database_url: str, tmp: Path, username: str, office_id: str | None = None
) -> subprocess.Popen[str]:
    """The administrator adds ``username`` (``create-user``), with their password."""
    display, roles, secret = PEOPLE[username]
    office = ["--office-id", office_id] if office_id else []
    return server_admin(
        database_url,
        tmp,
        "create-user",
        "--username",
        username,
        "--display-name",
        display,
        "--roles",
        ",".join(r.value for r in roles),
        *office,
        env={"XIAONENG_ADMIN_PASSWORD": secret},
    )


def finish(*commands: subprocess.Popen[str]) -> list[str]:
    """Wait for the commands, which must succeed; their output."""
    outputs = []
    for command in commands:
        output, _ = command.communicate(timeout=COMMAND_TIMEOUT)
        assert command.returncode == 0, output
        outputs.append(output)
    return outputs


# ----------------------------------------------------------------- laptops


def wire(value: Any) -> Any:
    """An argument in the driver's JSON form (dates, identities)."""
    if isinstance(value, ComplainantIdentity):
        return {"$identity": dataclasses.asdict(value)}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        return {k: wire(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [wire(v) for v in value]
    return value


class Refused(AssertionError):
    """A command the laptop refused; ``answer`` holds its error, code and message."""

    def __init__(self, answer: dict[str, Any]) -> None:
        super().__init__(f"{answer.get('error')} {answer.get('code')}: {answer.get('message')}")
        self.answer = answer


class LaptopProcess:
    """One laptop: the driver process on its own data folder."""

    def __init__(self, name: str, data_dir: Path, tmp: Path) -> None:
        self.name = name
        self.data_dir = data_dir
        self.stderr_path = tmp / f"laptop-{name}.stderr"
        with self.stderr_path.open("wb") as err:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.e2e.laptop",
                    "--data-dir",
                    str(data_dir),
                    "--fast-argon2",
                ],
                cwd=ROOT,
                env=_env({}, tmp),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=err,
                text=True,
                encoding="utf-8",
            )
        self.device_id = ""

    def wait_ready(self) -> None:
        """Wait for the app to have opened the data folder (it says its device id)."""
        self.device_id = self._answer(timeout=120)["result"]["device_id"]

    @property
    def _stdin(self) -> IO[str]:
        assert self.process.stdin is not None
        return self.process.stdin

    def _answer(self, timeout: float) -> dict[str, Any]:
        out = self.process.stdout
        assert out is not None
        ready, _, _ = select.select([out], [], [], timeout)
        line = out.readline() if ready else ""
        if not line:
            raise RuntimeError(
                f"laptop {self.name} gave no answer: {self.stderr_path.read_text(errors='replace')}"
            )
        answer: dict[str, Any] = json.loads(line)
        return answer

    def send(self, op: str, **fields: Any) -> dict[str, Any]:
        """One command; the raw answer (``ok``, ``result`` or the error)."""
        self._stdin.write(json.dumps({"op": op, **wire(fields)}, ensure_ascii=False) + "\n")
        self._stdin.flush()
        return self._answer(timeout=COMMAND_TIMEOUT)

    def do(self, op: str, **fields: Any) -> Any:
        """One command that must succeed; its result."""
        answer = self.send(op, **fields)
        if not answer["ok"]:
            raise Refused(answer)
        return answer["result"]

    def clock(self, at: dt.datetime) -> None:
        """A new moment (a new day): everyone signs in again."""
        self.do("clock", at=at.isoformat())

    def enrol(self, url: str, *usernames: str, profile: str | None = None) -> None:
        """Each person's first sign-in on this laptop, online."""
        for username in usernames:
            self.do("enrol", url=url, user=username, password=password(username), profile=profile)

    def sign_in(self, *usernames: str) -> None:
        for username in usernames:
            self.do("sign_in", user=username, password=password(username))

    def call(self, user: str, fn: str, *args: Any, **kwargs: Any) -> Any:
        """``fn`` (``"plans.create_plan"``...) as ``user``, which must succeed."""
        return self.do("call", fn=fn, args=list(args), kwargs=kwargs, **{"as": user})

    def refused(self, user: str, fn: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """``fn`` as ``user``, which must be refused; the refusal."""
        answer = self.send("call", fn=fn, args=list(args), kwargs=kwargs, **{"as": user})
        assert not answer["ok"], f"{fn} as {user} on {self.name} was not refused"
        assert answer["error"] != "crash", answer["message"]
        return answer

    def sync(self, *usernames: str) -> list[dict[str, Any]]:
        """One sync run per user, in order; their outcomes (``report``,
        ``numbers``: the document-number blocks received...)."""
        return [self.do("sync", **{"as": username}) for username in usernames]

    def try_sync(self, username: str) -> dict[str, Any]:
        """A sync run that may fail: the raw answer."""
        return self.send("sync", **{"as": username})

    def render(self, username: str, kind: str, record_id: str, out: Path) -> Path:
        """The document ``kind`` of the record, as ``username`` saves it to a PDF file."""
        self.do("render", **{"as": username}, kind=kind, record=record_id, out=str(out))
        return out

    def settle(self, *usernames: str) -> list[dict[str, Any]]:
        """Sync each user in turn, again, until nobody's ops wait for
        another's (an op waits for the op before it on the same record, made
        by someone else, until that has gone); every outcome."""
        outcomes: list[dict[str, Any]] = []
        for _round in range(4):
            done = self.sync(*usernames)
            outcomes += done
            if not any(o["report"]["waiting"] for o in done):
                return outcomes
        raise AssertionError(f"{self.name}: ops still waiting after 4 rounds: {outcomes[-1]}")

    def state_hash(self, entities: tuple[str, ...]) -> str:
        result: str = self.do("state_hash", entities=list(entities))
        return result

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                self._stdin.write(json.dumps({"op": "quit"}) + "\n")
                self._stdin.flush()
                self.process.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()


@contextmanager
def laptops(*made: LaptopProcess) -> Iterator[tuple[LaptopProcess, ...]]:
    """The laptops, closed (their processes ended) whatever happens."""
    try:
        yield made
    finally:
        for laptop in made:
            laptop.close()


# ---------------------------------------------------------------- calendar


def working_days_after(start: dt.date, amount: int) -> dt.date:
    """The ``amount``-th working day after ``start`` on the State Council's
    arrangement (``chinese_calendar``), the start day not counted."""
    day = start
    while amount:
        day += dt.timedelta(days=1)
        if chinese_calendar.is_workday(day):
            amount -= 1
    return day


def working_days_left(today: dt.date, due: dt.date) -> int:
    """The working days after ``today`` up to and including ``due``."""
    days = (today + dt.timedelta(days=n) for n in range(1, (due - today).days + 1))
    return sum(1 for day in days if chinese_calendar.is_workday(day))


def days_after(start: dt.date, amount: int) -> dt.date:
    """``amount`` calendar days after ``start``, moved to the next working day
    when that is a rest day (民法典 201, 203)."""
    day = start + dt.timedelta(days=amount)
    while not chinese_calendar.is_workday(day):
        day += dt.timedelta(days=1)
    return day


def first_number(blocks: list[str], prefix: str) -> str:
    """The first number of the block of ``prefix`` among the blocks a sync
    received (闽效问〔2026〕11—20号 gives 闽效问〔2026〕11号)."""
    (block,) = [b for b in blocks if b.startswith(f"{prefix}〔")]
    return re.sub(r"(\d+)(?:—\d+)?号$", r"\1号", block)


def china(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=CHINA)
