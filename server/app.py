"""The FastAPI application. ``create_app()`` reads the settings from the
environment; uvicorn runs it with ``python -m server`` (or as the factory
``server.app:create_app``).

A process holds only its engine (a connection pool) and the settings: every
request reads and writes the database, so any number of processes can serve
one PostgreSQL behind a proxy.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server import audit, directory, errors, evidence
from server.api import router
from server.config import Settings
from server.db import make_engine, migrate, schema_is_current, session_factory
from server.numbers import router as numbers_router

MAX_BODY_BYTES = 8 * 1024 * 1024
PRUNE_EVERY = dt.timedelta(hours=6)
LOG = logging.getLogger(__name__)
DESCRIPTION = """
Central server of 效能督查 (Xiaoneng Inspector): accounts and sessions, the
complaint handlers' public keys, and sync protocol v1 (push operations,
pull them back by cursor, filtered by what each user may see).

Errors are JSON: `{"error": "<code>", "reason": "<text>"}`. A reason made
from a template (an error's, a rejected op's) also comes as
`"message": {"template": "<text>", "values": {...}}`, for a client to show
it in its user's language.
"""


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413 (declared or streamed)."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared < 0 or declared > self.limit:
                    await self._refuse(send)
                    return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await self._refuse(send)

    @staticmethod
    async def _refuse(send: Send) -> None:
        payload = b'{"error":"request.too_large","reason":"request body too large"}'
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(payload)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": payload})


class _TooLarge(Exception):
    pass


async def prune_parts_forever(folder: Path, older_than: dt.timedelta, every: dt.timedelta) -> None:
    """Remove unfinished uploads' parts (:func:`server.evidence.prune_parts`) now and
    then every ``every``, off the event loop, until cancelled. Several server
    processes may each do it: removing a folder twice is harmless."""
    while True:
        try:
            now = dt.datetime.now(dt.UTC)
            removed = await asyncio.to_thread(evidence.prune_parts, folder, older_than, now)
        except OSError:
            LOG.exception("pruning unfinished uploads in %s failed", folder)
        else:
            if removed:
                LOG.info("removed %d unfinished upload(s) from %s", removed, folder)
        await asyncio.sleep(every.total_seconds())


def create_app(settings: Settings | None = None) -> FastAPI:
    """The application for ``settings`` (default: from the environment)."""
    config = settings or Settings.from_env()
    engine = make_engine(config.database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if config.migrate:
            migrate(engine)
        elif not schema_is_current(engine):
            raise RuntimeError(
                "the database schema is not current: run `python -m server.admin migrate`"
            )
        pruning = None
        if config.prune_parts_days > 0:
            age = dt.timedelta(days=config.prune_parts_days)
            pruning = asyncio.create_task(
                prune_parts_forever(config.evidence_folder, age, PRUNE_EVERY)
            )
        yield
        if pruning is not None:
            pruning.cancel()
        engine.dispose()

    app = FastAPI(
        title="Xiaoneng Inspector server (效能督查 中心服务器)",
        version="1",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.settings = config
    app.state.engine = engine
    app.state.sessions = session_factory(engine)
    errors.install(app)
    app.include_router(router)
    app.include_router(directory.router)
    app.include_router(numbers_router)
    app.include_router(audit.router)
    app.include_router(evidence.router)
    app.add_middleware(BodyLimit)
    return app
