"""The errors services raise (服务错误), in a module free of SQL and Qt so the
UI can import them at start-up without loading the store."""

from __future__ import annotations


class ServiceError(Exception):
    """A refusal a user can read (Chinese), with an optional field to show it beside."""

    code = "service.error"

    def __init__(self, message: str, field: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        if code:
            self.code = code


class Forbidden(ServiceError):
    """The signed-in user's role may not do this (checked here, not only in the UI)."""

    code = "service.forbidden"


class NotFound(ServiceError):
    code = "service.not_found"


class InvalidInput(ServiceError):
    code = "service.invalid_input"
