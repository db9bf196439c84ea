"""The HTTP client for the central server (同步客户端), on httpx.

One :class:`SyncClient` per server address and device. It signs a user in
(``POST /auth/login`` with the user's own username and password and this
laptop's device id) and keeps the bearer token in memory only; it never
writes the token, the password or any record content to the log — the log
gets the method, the path, the status and the time taken.

Every failure becomes a :class:`~desktop.sync.errors.SyncError` with a
Chinese message: :class:`SyncUnavailable` when the server cannot be reached
or fails, :class:`SyncAuthFailed` for a wrong password,
:class:`SyncSessionExpired` when the token is no longer valid,
:class:`SyncRefused` when the server refuses the request itself.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Any, Final
from urllib.parse import urlsplit

import httpx
import orjson

from desktop.domain.messages import msg
from desktop.sync.errors import (
    SyncAuthFailed,
    SyncProtocolError,
    SyncRefused,
    SyncSessionExpired,
    SyncUnavailable,
)
from desktop.sync.protocol import (
    MAX_OPS_PER_PUSH,
    MAX_PULL_LIMIT,
    MAX_SNAPSHOT_LIMIT,
    EvidenceParts,
    HandlerKeys,
    Login,
    OpResult,
    PullPage,
    SnapshotPage,
    with_message,
)

log = logging.getLogger("desktop.sync")

CONNECT_TIMEOUT: Final = 5.0
READ_TIMEOUT: Final = 60.0
#: An idle connection is not reused after this long: well inside the server's
#: keep-alive (``server.__main__.KEEP_ALIVE_SECONDS``) and a proxy's usual one.
KEEPALIVE_EXPIRY: Final = 4.0
USER_AGENT: Final = "xiaoneng-inspector-desktop/1"
_REASON_MAX = 300


def normalise_url(url: str) -> str:
    """``http(s)://host[:port][/prefix]`` without a trailing slash."""
    return url.strip().rstrip("/")


class SyncClient:
    """Talks to one server for one device; sign in with :meth:`login` first."""

    def __init__(
        self,
        base_url: str,
        device_id: str,
        *,
        transport: httpx.BaseTransport | None = None,
        connect_timeout: float = CONNECT_TIMEOUT,
        read_timeout: float = READ_TIMEOUT,
    ) -> None:
        self.base_url = normalise_url(base_url)
        self.host = urlsplit(self.base_url).netloc or self.base_url
        self.device_id = device_id
        self.timeout = httpx.Timeout(read_timeout, connect=connect_timeout)
        self._http = httpx.Client(
            base_url=self.base_url,
            timeout=self.timeout,
            transport=transport,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            follow_redirects=False,
            limits=httpx.Limits(keepalive_expiry=KEEPALIVE_EXPIRY),
        )
        self._token: str | None = None
        self.login_info: Login | None = None

    def __repr__(self) -> str:  # never the token
        who = self.login_info.username if self.login_info else None
        return f"SyncClient({self.base_url!r}, signed_in={who is not None})"

    # ----------------------------------------------------------- lifecycle

    def close(self) -> None:
        self._token = None
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def signed_in(self) -> bool:
        return self._token is not None and self.login_info is not None

    @property
    def user_id(self) -> str | None:
        return self.login_info.user_id if self.login_info and self._token else None

    def forget(self) -> None:
        """Drop the token (e.g. when the laptop session locks)."""
        self._token = None

    # -------------------------------------------------------------- calls

    def health(self) -> Mapping[str, Any]:
        """``GET /health``: whether the server and its database answer."""
        body = self._call("GET", "/health", signed=False)
        if not isinstance(body, Mapping):
            raise SyncProtocolError(msg("服务器的答复格式不对：{field}", field="health"))
        return body

    def login(self, username: str, password: str, device_name: str = "") -> Login:
        """Sign ``username`` in on this device (the device is registered the
        first time). Raises :class:`SyncAuthFailed` for a wrong password."""
        body = self._call(
            "POST",
            "/auth/login",
            json={
                "username": username,
                "password": password,
                "device_id": self.device_id,
                "device_name": device_name[:100],
            },
            signed=False,
            login=True,
        )
        token = body.get("token") if isinstance(body, Mapping) else None
        if not isinstance(token, str) or not token:
            raise SyncProtocolError(msg("服务器的登录答复缺少会话令牌"))
        info = Login.parse(body)
        if info.device_id != self.device_id:
            raise SyncProtocolError(msg("服务器登记的设备与本机不一致"))
        self._token = token
        self.login_info = info
        log.info("signed in to the sync server (%s)", self.host)
        return info

    def logout(self) -> None:
        """End the server session (best effort) and forget the token."""
        if self._token is None:
            return
        try:
            self._call("POST", "/auth/logout", expect_body=False)
        finally:
            self._token = None

    def handler_keys(self) -> HandlerKeys:
        """``GET /keys/handlers``: the public keys identities are sealed for."""
        return HandlerKeys.parse(self._call("GET", "/keys/handlers"))

    def push(self, ops: Sequence[Mapping[str, Any]]) -> list[OpResult]:
        """Push a batch of outbox ops; one result per op, in order."""
        if len(ops) > MAX_OPS_PER_PUSH:
            raise ValueError(f"at most {MAX_OPS_PER_PUSH} ops per push")
        body = self._call(
            "POST", "/sync/push", json={"device_id": self.device_id, "ops": list(ops)}
        )
        raw = body.get("results") if isinstance(body, Mapping) else None
        if not isinstance(raw, list):
            raise SyncProtocolError(msg("服务器的推送答复缺少 results"))
        results = [OpResult.parse(r) for r in raw]
        sent = {str(o.get("op_id")) for o in ops}
        if any(r.op_id not in sent for r in results):
            raise SyncProtocolError(msg("服务器答复了未推送的操作"))
        return results

    def pull(self, since: int, limit: int = 200) -> PullPage:
        """The ops after ``since`` this user may see (at most ``limit``)."""
        limit = max(1, min(limit, MAX_PULL_LIMIT))
        body = self._call("GET", "/sync/pull", params={"since": since, "limit": limit})
        return PullPage.parse(body, since)

    def snapshot(self, after: str | None, limit: int = MAX_SNAPSHOT_LIMIT) -> SnapshotPage:
        """A page of the records this user may see as the server has them now,
        after the record ``after`` names (from the start when ``None``)."""
        params: dict[str, int | str] = {"limit": max(1, min(limit, MAX_SNAPSHOT_LIMIT))}
        if after is not None:
            params["after"] = after
        return SnapshotPage.parse(self._call("GET", "/sync/snapshot", params=params))

    def number_block(self, prefix: str, year: int, size: int, request_id: str) -> Mapping[str, Any]:
        """``POST /numbers/blocks``: reserve a block of document-number serials
        for this device (the same ``request_id`` gives the same block)."""
        body = self._call(
            "POST",
            "/numbers/blocks",
            json={"prefix": prefix, "year": year, "size": size, "request_id": request_id},
        )
        if not isinstance(body, Mapping):
            raise SyncProtocolError(msg("服务器的文号段答复格式不对"))
        return body

    def return_numbers(self, block_id: str, first_unused: int) -> None:
        """Give back a block's serials from ``first_unused`` on, unused."""
        self._call(
            "POST", f"/numbers/blocks/{block_id}/return", json={"first_unused": first_unused}
        )

    def audit_head(self) -> Mapping[str, Any]:
        """``GET /audit/head``: how much of this device's audit trail the server holds."""
        body = self._call("GET", "/audit/head")
        if not isinstance(body, Mapping):
            raise SyncProtocolError(msg("服务器的审计记录答复格式不对"))
        return body

    def upload_audit(self, entries: Sequence[Mapping[str, Any]]) -> Mapping[str, Any]:
        """``POST /audit/entries``: this device's audit entries, in chain order."""
        body = self._call(
            "POST", "/audit/entries", json={"device_id": self.device_id, "entries": list(entries)}
        )
        if not isinstance(body, Mapping):
            raise SyncProtocolError(msg("服务器的审计记录答复格式不对"))
        return body

    def put_evidence(self, sha256: str, data: bytes) -> bool:
        """``PUT /evidence/{sha256}``: upload an evidence file; ``False`` when the
        server knows no visit this user may see with that file (not pushed yet)."""
        body = self._call("PUT", f"/evidence/{sha256}", content=data, absent_ok=True)
        return body is not None

    def get_evidence(self, sha256: str, start: int = 0, end: int | None = None) -> bytes | None:
        """``GET /evidence/{sha256}``: the file (bytes ``start`` to ``end``,
        exclusive, when given), or ``None`` when the server does not have it
        (not uploaded yet) or this user may not see it."""
        headers = {"Range": f"bytes={start}-{end - 1}"} if end is not None else None
        body = self._call("GET", f"/evidence/{sha256}", raw=True, absent_ok=True, headers=headers)
        return body if isinstance(body, bytes) else None

    def evidence_parts(self, sha256: str, size: int) -> EvidenceParts | None:
        """``GET /evidence/{sha256}/parts``: which parts of a large file the
        server holds; ``None`` as for :meth:`put_evidence`."""
        body = self._call("GET", f"/evidence/{sha256}/parts", params={"size": size}, absent_ok=True)
        return None if body is None else EvidenceParts.parse(body)

    def put_evidence_part(self, sha256: str, size: int, index: int, data: bytes) -> bool:
        """``PUT /evidence/{sha256}/parts/{index}``: one part of a large file."""
        body = self._call(
            "PUT",
            f"/evidence/{sha256}/parts/{index}",
            params={"size": size},
            content=data,
            absent_ok=True,
        )
        return body is not None

    def assemble_evidence(self, sha256: str, size: int) -> bool:
        """``POST /evidence/{sha256}/parts/assemble``: join the parts sent."""
        body = self._call(
            "POST", f"/evidence/{sha256}/parts/assemble", params={"size": size}, absent_ok=True
        )
        return body is not None

    # ------------------------------------------------------------ plumbing

    def _call(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, int | str] | None = None,
        signed: bool = True,
        login: bool = False,
        expect_body: bool = True,
        content: bytes | None = None,
        raw: bool = False,
        absent_ok: bool = False,
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        """The answer's JSON (``raw``: its bytes; ``absent_ok``: ``None`` for a 404)."""
        headers = dict(headers or {})
        if content is not None:
            headers["Content-Type"] = "application/octet-stream"
        if signed:
            if self._token is None:
                raise SyncSessionExpired(
                    msg("尚未登录中心服务器，请输入密码后同步"), field="password"
                )
            headers["Authorization"] = f"Bearer {self._token}"
        started = time.monotonic()
        try:
            response = self._http.request(
                method,
                path,
                json=json,
                content=content,
                params=dict(params or {}),
                headers=headers,
            )
        except httpx.TimeoutException:
            log.warning("sync %s %s: timed out (%s)", method, path, self.host)
            raise SyncUnavailable(
                msg(
                    "中心服务器（{host}）没有及时响应，同步未完成。"
                    "本机的更改都还在，稍后会再发送。",
                    host=self.host,
                )
            ) from None
        except httpx.TransportError as exc:
            log.warning("sync %s %s: %s (%s)", method, path, type(exc).__name__, self.host)
            raise SyncUnavailable(
                msg(
                    "无法连接中心服务器（{host}）：请检查网络和服务器地址。"
                    "本机的更改都还在，稍后会再发送。",
                    host=self.host,
                )
            ) from None
        elapsed = (time.monotonic() - started) * 1000
        log.info("sync %s %s -> %d (%.0f ms)", method, path, response.status_code, elapsed)
        status = response.status_code
        if 200 <= status < 300:
            if raw:
                return response.content
            if not expect_body or status == 204:
                return {}
            try:
                return orjson.loads(response.content)
            except orjson.JSONDecodeError:
                raise SyncProtocolError(msg("服务器的答复不是 JSON")) from None
        if status == 404 and absent_ok:
            return None
        reason = _reason(response)
        if status == 401:
            if login:
                raise SyncAuthFailed(msg("中心服务器：用户名或密码错误"), field="password")
            self._token = None
            raise SyncSessionExpired(
                msg("与中心服务器的会话已过期或已注销，请重新输入密码后同步"), field="password"
            )
        if status == 403:
            raise SyncRefused(
                msg("中心服务器拒绝了请求：{reason}", reason=reason or msg("无权执行此操作"))
            )
        if status >= 500:
            raise SyncUnavailable(
                msg(
                    "中心服务器暂时不可用（HTTP {status}），同步未完成。"
                    "本机的更改都还在，稍后会再发送。",
                    status=status,
                )
            )
        raise SyncRefused(
            msg(
                "中心服务器拒绝了请求（HTTP {status}）：{reason}",
                status=status,
                reason=reason or msg("请求无效"),
            )
        )


def _reason(response: httpx.Response) -> str:
    """The server's ``reason`` (its own words; it never echoes values sent):
    a :class:`~desktop.domain.messages.Message` where the body carries its
    template (``message``); cut short (plain text) if long."""
    try:
        body = response.json()
    except ValueError:
        return ""
    if not isinstance(body, dict) or not isinstance(body.get("reason"), str):
        return ""
    reason = with_message(body["reason"], body.get("message"))
    return reason if len(reason) <= _REASON_MAX else reason[:_REASON_MAX]
