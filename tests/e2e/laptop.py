"""One laptop as its own process (笔记本电脑驱动), for the end-to-end test.

    python -m tests.e2e.laptop --data-dir DIR [--fast-argon2]

opens the data folder exactly as the app does
(:func:`desktop.bootstrap.open_context`) and then reads one JSON command a
line on stdin and answers one JSON line on stdout. The commands call the same
service functions the UI calls, as the signed-in user:

``{"op": "clock", "at": ISO}``
    move this laptop's clock so that now is ``at`` (it keeps running from
    there). Sessions idle longer than the lock time lock, as in the app.
``{"op": "enrol", "url": URL, "user": U, "password": P, "profile": ID}``
    :func:`desktop.services.enrol.enrol_with_server`: the person's first
    sign-in on this laptop, online (``profile``: the rule profile the first
    run chooses, or null); the session is kept by username.
``{"op": "sign_in", "user": U, "password": P}``
    :func:`desktop.services.auth.sign_in`: a new session, kept by username.
``{"op": "call", "as": U, "fn": "plans.create_plan", "args": [...], "kwargs": {...}}``
    ``fn(ctx, session, *args, **kwargs)`` for a service function of
    :data:`SERVICES`. Arguments: ``{"$date": "2026-09-24"}`` is a date,
    ``{"$identity": {...}}`` a :class:`~desktop.crypto.ComplainantIdentity`.
``{"op": "sync", "as": U}``
    one :func:`desktop.services.sync.run_sync`, connected to the server with
    the user's own password at the session's first sync (kept in memory for
    the session, as the 同步 page does for the periodic sync).
``{"op": "render", "as": U, "kind": K, "record": ID, "out": PATH}``
    :func:`desktop.services.documents.build_document`, rendered to a PDF
    file (what 文书 → 另存为 PDF does).
``{"op": "ui_open_visit", "as": U, "plan": ID, "place": P, "attempts": [...], "texts": {...}}``
``{"op": "ui_finalise_visit", "as": U, "visit": ID, "confirmations": [...]}``
    the visit through the app's windows, offscreen (:mod:`tests.e2e.ui`):
    the 现场检查 page and the presence dialog, filled with each attempt's
    (username, password) rows in turn.
``{"op": "state_hash", "entities": [...]}``
    :func:`desktop.sync.state.state_hash`.
``{"op": "quit"}``

``--fast-argon2``: the passwords and handlers' keys on this laptop are
hashed and sealed with argon2id at the cheapest parameters (as the in-process
tests do), so a test signing people in some forty times stays quick; the
server keeps its own.

Answers: ``{"ok": true, "result": ...}`` or ``{"ok": false, "error": class
name, "code": ..., "field": ..., "message": ...}`` for a refusal
(:class:`~desktop.services.errors.ServiceError`); anything else is
``"error": "crash"`` with the traceback, and the loop goes on.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import enum
import json
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from argon2 import PasswordHasher

from desktop.bootstrap import open_context
from desktop.crypto import DEFAULT_ARGON2_PARAMS, Argon2Params, ComplainantIdentity
from desktop.documents.render import render_pdf
from desktop.services import (
    auth,
    complaints,
    decisions,
    directory,
    documents,
    enrol,
    plans,
    sync as sync_service,
    visits,
)
from desktop.services.auth import UserSession
from desktop.services.base import Context
from desktop.services.errors import ServiceError
from desktop.sync.client import SyncClient
from desktop.sync.state import state_hash
from tests.accounts import FAST_ARGON2

#: The service modules a command may call into.
SERVICES: dict[str, Any] = {
    "auth": auth,
    "complaints": complaints,
    "decisions": decisions,
    "directory": directory,
    "documents": documents,
    "plans": plans,
    "sync": sync_service,
    "visits": visits,
}


#: ``--fast-argon2``: argon2id at its cheapest (the algorithm stays argon2id).


def decode(value: Any) -> Any:
    """A JSON argument as the service wants it (dates, identities)."""
    if isinstance(value, dict):
        if set(value) == {"$date"}:
            return dt.date.fromisoformat(value["$date"])
        if set(value) == {"$identity"}:
            return ComplainantIdentity(**value["$identity"])
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def encode(value: Any) -> Any:
    """A service's answer as JSON data (views, reports, dates, enums)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple) and hasattr(value, "_asdict"):  # a NamedTuple view
        return {k: encode(v) for k, v in value._asdict().items()}
    if isinstance(value, enum.Enum):
        return encode(value.value)
    if isinstance(value, dt.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [encode(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    if isinstance(value, bytes):
        return None  # keys, ciphertext: nothing a test reads
    return value


class Laptop:
    """The open data folder, its clock, and who is signed in."""

    def __init__(self, data_dir: Path, argon2: Argon2Params = DEFAULT_ARGON2_PARAMS) -> None:
        self.ctx: Context = open_context(data_dir)
        self.argon2 = argon2
        self.offset = dt.timedelta()
        self.ctx.clock = self.now
        self.sessions: dict[str, UserSession] = {}
        self.passwords: dict[str, str] = {}
        self.clients: dict[str, SyncClient] = {}

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC) + self.offset

    def session(self, username: str) -> UserSession:
        found = self.sessions.get(username)
        if found is None:
            raise ServiceError(f"{username} 未在本机登录", code="driver.not_signed_in")
        return found

    def end_sessions(self) -> None:
        for client in self.clients.values():
            client.close()
        self.clients.clear()
        self.sessions.clear()
        self.passwords.clear()

    # ------------------------------------------------------------ commands

    def clock(self, at: str) -> str:
        self.offset = dt.datetime.fromisoformat(at) - dt.datetime.now(dt.UTC)
        return self.now().isoformat()

    def enrol_user(self, url: str, user: str, password: str, profile: str | None) -> list[str]:
        """A person's first sign-in on this laptop, online (登记到中心服务器)."""
        session = enrol.enrol_with_server(
            self.ctx, url, user, password, profile_id=profile, argon2=self.argon2
        )
        return self._keep(user, password, session)

    def sign_in(self, user: str, password: str) -> list[str]:
        """A person signs in (a new session; their server connection is made
        again at their next sync, with this password)."""
        return self._keep(user, password, auth.sign_in(self.ctx, user, password))

    def _keep(self, user: str, password: str, session: UserSession) -> list[str]:
        self.sessions[user] = session
        self.passwords[user] = password
        client = self.clients.pop(user, None)
        if client is not None:
            client.close()
        return sorted(r.value for r in session.roles)

    def call(self, user: str, fn: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
        module_name, _, name = fn.partition(".")
        module = SERVICES.get(module_name)
        function: Callable[..., Any] | None = getattr(module, name, None) if module else None
        if function is None or name.startswith("_"):
            raise ServiceError(f"no such service function: {fn}", code="driver.unknown_fn")
        return function(self.ctx, self.session(user), *decode(args), **decode(kwargs))

    def sync(self, user: str) -> Any:
        session = self.session(user)
        client = self.clients.get(user)
        if client is None:
            client = sync_service.connect(self.ctx, session, self.passwords[user])
            self.clients[user] = client
        return sync_service.run_sync(self.ctx, session, client)

    def render(self, user: str, kind: str, record: str, out: str) -> dict[str, Any]:
        document = documents.build_document(self.ctx, self.session(user), kind, record)
        data = render_pdf(document)
        Path(out).write_bytes(data)
        return {"kind": document.kind, "title": document.title, "bytes": len(data)}

    def handle(self, command: dict[str, Any]) -> Any:
        op = command.get("op")
        if op == "clock":
            return self.clock(command["at"])
        if op == "enrol":
            return self.enrol_user(
                command["url"], command["user"], command["password"], command.get("profile")
            )
        if op == "sign_in":
            return self.sign_in(command["user"], command["password"])
        if op == "call":
            return self.call(
                command["as"], command["fn"], command.get("args", []), command.get("kwargs", {})
            )
        if op == "sync":
            return self.sync(command["as"])
        if op == "render":
            return self.render(command["as"], command["kind"], command["record"], command["out"])
        if op == "ui_open_visit":
            from tests.e2e import ui

            return ui.open_visit(
                self.ctx,
                self.session(command["as"]),
                command["plan"],
                command["place"],
                command["attempts"],
                command["texts"],
            )
        if op == "ui_finalise_visit":
            from tests.e2e import ui

            return ui.finalise_visit(
                self.ctx, self.session(command["as"]), command["visit"], command["confirmations"]
            )
        if op == "state_hash":
            return state_hash(self.ctx, command.get("entities"))
        raise ServiceError(f"unknown command: {op}", code="driver.unknown_op")


def serve(laptop: Laptop, commands: IO[str], answers: IO[str]) -> None:
    """The command loop, until ``quit`` or the end of the input."""
    for line in commands:
        if not line.strip():
            continue
        command = json.loads(line)
        if command.get("op") == "quit":
            break
        try:
            answer: dict[str, Any] = {"ok": True, "result": encode(laptop.handle(command))}
        except ServiceError as exc:
            answer = {
                "ok": False,
                "error": type(exc).__name__,
                "code": exc.code,
                "field": exc.field,
                "message": exc.message,
            }
        except Exception as exc:  # the test reads it; the laptop stays up
            answer = {
                "ok": False,
                "error": "crash",
                "code": type(exc).__name__,
                "message": traceback.format_exc(),
            }
        answers.write(json.dumps(answer, ensure_ascii=False) + "\n")
        answers.flush()
    laptop.end_sessions()
    laptop.ctx.store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.e2e.laptop")
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--fast-argon2", action="store_true")
    args = parser.parse_args(argv)
    answers = sys.stdout
    sys.stdout = sys.stderr  # only answers on the protocol channel
    argon2 = DEFAULT_ARGON2_PARAMS
    if args.fast_argon2:
        argon2 = FAST_ARGON2
        auth._hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    laptop = Laptop(args.data_dir, argon2)
    answers.write(json.dumps({"ok": True, "result": {"device_id": laptop.ctx.device_id}}) + "\n")
    answers.flush()
    serve(laptop, sys.stdin, answers)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
