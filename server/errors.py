"""Errors as JSON: every refusal is ``{"error": code, "reason": text}`` with a
4xx status; a request that does not fit the schema gets 422 with the fields at
fault (never the values sent, which may be a complainant's identity).

Nothing unexpected may become an unexplained 500: the database being away is a
503, anything else a 500 with a generic reason and a log line that names the
exception type and the route only (no request data).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("server.errors")

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


def unauthorised(reason: str = "请先登录（缺少或无效的会话令牌）") -> ApiError:
    return ApiError(401, "auth.unauthenticated", reason, {"WWW-Authenticate": "Bearer"})


def forbidden(reason: str) -> ApiError:
    return ApiError(403, "auth.forbidden", reason)


def body(code: str, reason: str, **extra: Any) -> dict[str, Any]:
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
                "请求内容不符合接口格式",
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
                body("request.invalid", "请求内容不是有效的 JSON（UTF-8）"), status_code=422
            )
        code = _HTTP_CODES.get(exc.status_code, "request.error")
        reason = exc.detail if isinstance(exc.detail, str) else "请求无法处理"
        return JSONResponse(
            body(code, reason),
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(OperationalError)
    async def database_away(request: Request, exc: OperationalError) -> JSONResponse:
        log.error("database unavailable on %s %s", request.method, request.url.path)
        return JSONResponse(
            body("server.database_unavailable", "数据库暂时不可用，请稍后重试"),
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
            body("server.database_error", "数据库拒绝了该请求，请稍后重试"),
            status_code=503,
            headers={"Retry-After": "5"},
        )

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected %s on %s %s", type(exc).__name__, request.method, request.url.path)
        return JSONResponse(
            body("server.error", "服务器内部错误，已记录，请联系管理员"), status_code=500
        )
