"""Sync errors (同步错误): service errors with a message a person can read, in a
module free of SQL, HTTP and Qt so the UI can tell them apart cheaply."""

from __future__ import annotations

from desktop.services.errors import ServiceError


class SyncError(ServiceError):
    """Sync did not complete; the message says why. Nothing local is lost."""

    code = "sync.error"


class SyncUnavailable(SyncError):
    """The server cannot be reached (network, timeout, server down): try later."""

    code = "sync.unavailable"


class SyncAuthFailed(SyncError):
    """The server refused the username or password."""

    code = "sync.auth_failed"


class SyncSessionExpired(SyncError):
    """The server session ended (expired or revoked): sign in to the server again."""

    code = "sync.session_expired"


class SyncRefused(SyncError):
    """The server refused the request itself (device switched off, bad request)."""

    code = "sync.refused"


class SyncProtocolError(SyncError):
    """The server answered something this laptop does not understand."""

    code = "sync.protocol"
