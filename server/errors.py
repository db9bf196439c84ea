"""Errors as JSON: every refusal is ``{"error": code, "reason": text}`` with a
4xx status; a request that does not fit the schema gets 422 with the fields at
fault (never the values sent, which may be a complainant's identity).

Nothing unexpected may become an unexplained 500: the database being away is a
503, anything else a 500 with a generic reason and a log line that names the
exception type and the route only (no request data).

A write that lost a race with another transaction (:func:`once_more_if_raced`)
is done again once inside the server; a record's unique key that is still
taken then is the request's own conflict: 409 with a reason.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Final, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from desktop.domain.messages import msg
from desktop.sync.protocol import message_json

log = logging.getLogger("server.errors")
T = TypeVar("T")

#: FastAPI's detail when a request body cannot be read as JSON text at all.
UNPARSABLE_BODY = "There was an error parsing the body"


class ApiError(Exception):
    """A refusal with an HTTP status, a stable code and a reason for people."""

    def __init__(
        self,
        status: int,
        code: str,
        reason: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(reason)
        self.status = status
        self.code = code
        self.reason = reason
        self.headers = headers


def unauthorised(reason: str = msg("请先登录（缺少或无效的会话令牌）")) -> ApiError:
    return ApiError(401, "auth.unauthenticated", reason, {"WWW-Authenticate": "Bearer"})


def forbidden(reason: str) -> ApiError:
    return ApiError(403, "auth.forbidden", reason)


#: PostgreSQL's codes for losing a race: a unique key taken by a transaction
#: that committed first, a serialization failure, a deadlock.
RACE_SQLSTATES: Final = frozenset({"23505", "40001", "40P01"})
#: SQLite's (one writer at a time: only a unique key, taken by another process).
RACE_SQLITE_ERRORS: Final = frozenset({"SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"})
#: A record's key besides its id (``server.models.Record.natural_key``).
NATURAL_KEY: Final = "uq_records_entity_natural_key"
NATURAL_KEY_SQLITE: Final = "records.entity, records.natural_key"


def lost_race(exc: DBAPIError) -> bool:
    """Whether the database refused ``exc``'s statement because another
    transaction got there first, so that doing it again may well succeed."""
    sqlstate = getattr(exc.orig, "sqlstate", None)
    if sqlstate is not None:
        return sqlstate in RACE_SQLSTATES
    return getattr(exc.orig, "sqlite_errorname", None) in RACE_SQLITE_ERRORS


def key_taken(exc: DBAPIError) -> ApiError | None:
    """409 if ``exc`` is a record's unique key (a document number, an agency's
    rating for a year) that another write holds."""
    if not isinstance(exc, IntegrityError):
        return None
    diag = getattr(exc.orig, "diag", None)
    name = getattr(diag, "constraint_name", None)
    if name != NATURAL_KEY and NATURAL_KEY_SQLITE not in str(exc.orig):
        return None
    return ApiError(
        409,
        "sync.key_taken",
        msg(
            "另一项同时写入的记录已占用同一编号（发文字号，或单位某年度的考评等次）："
            "本批操作均未记录，请同步后处理冲突"
        ),
    )


def once_more_if_raced(work: Callable[[], T]) -> T:
    """``work()`` (one whole transaction); if it lost a race with another
    transaction, once more: the second try judges the request against what
    the other one committed. Still a record's unique key taken: 409."""
    try:
        return work()
    except DBAPIError as exc:
        if not lost_race(exc):
            raise
        log.info("lost a race (%s): trying once more", type(exc.orig).__name__)
    try:
        return work()
    except DBAPIError as exc:
        conflict = key_taken(exc)
        if conflict is None:
            raise
        raise conflict from None


def body(code: str, reason: str, **extra: Any) -> dict[str, Any]:
    """An error's JSON (``server.schemas.Reason``): with the reason's template
    and values (``message``) where it has them."""
    message = message_json(reason)
    if message is not None:
        extra["message"] = message
    return {"error": code, "reason": reason, **extra}


_HTTP_CODES = {
    400: "request.bad",
    401: "auth.unauthenticated",
    403: "auth.forbidden",
    404: "request.not_found",
    405: "request.method_not_allowed",
    406: "request.not_acceptable",
    413: "request.too_large",
    415: "request.unsupported_media_type",
}


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    details = []
    for error in exc.errors()[:20]:
        details.append(
            {
                "loc": [str(part) for part in error.get("loc", ())],
                "msg": str(error.get("msg", "")),
                "type": str(error.get("type", "")),
            }
        )
    return details


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into a JSON reason."""

    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(body(exc.code, exc.reason), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(
            body(
                "request.invalid",
                msg("请求内容不符合接口格式"),
                details=_validation_details(exc),
            ),
            status_code=422,
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and exc.detail == UNPARSABLE_BODY:
            # a body that is not JSON text at all (e.g. not UTF-8): the same
            # 422 as any other body that does not fit, as every route declares
            return JSONResponse(
                body("request.invalid", msg("请求内容不是有效的 JSON（UTF-8）")), status_code=422
            )
        code = _HTTP_CODES.get(exc.status_code, "request.error")
        reason = exc.detail if isinstance(exc.detail, str) else msg("请求无法处理")
        return JSONResponse(
            body(code, reason),
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(OperationalError)
    async def database_away(request: Request, exc: OperationalError) -> JSONResponse:
        log.error("database unavailable on %s %s", request.method, request.url.path)
        return JSONResponse(
            body("server.database_unavailable", msg("数据库暂时不可用，请稍后重试")),
            status_code=503,
            headers={"Retry-After": "5"},
        )

    @app.exception_handler(DBAPIError)
    async def database_error(request: Request, exc: DBAPIError) -> JSONResponse:
        log.error(
            "database error %s on %s %s",
            type(exc.orig).__name__,
            request.method,
            request.url.path,
        )
        return JSONResponse(
            body("server.database_error", msg("数据库拒绝了该请求，请稍后重试")),
            status_code=503,
            headers={"Retry-After": "5"},
        )

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected %s on %s %s", type(exc).__name__, request.method, request.url.path)
        return JSONResponse(
            body("server.error", msg("服务器内部错误，已记录，请联系管理员")), status_code=500
        )
