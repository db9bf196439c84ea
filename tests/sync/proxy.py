"""A real TCP proxy between a laptop's ``SyncClient`` and the real server that
cuts the connection at a chosen point of a chosen request (切断连接的代理).

It speaks just enough HTTP/1.1 to find where one request or answer ends
(``Content-Length`` bodies, as httpx sends and uvicorn answers), so it can
count the requests on every kept-alive connection and cut:

* :attr:`Cut.BEFORE_REQUEST` — the request never reaches the server;
* :attr:`Cut.BEFORE_ANSWER` — the server gets the request and answers it in
  full (its transaction is done), but not one byte of the answer reaches the
  laptop;
* :attr:`Cut.MID_ANSWER` — the answer's head and half of its body reach the
  laptop, then the connection drops.

Which request is cut is chosen per request by a rule, e.g.
``proxy.cut_at(Step("POST", "/sync/push", 2), Cut.BEFORE_ANSWER)`` cuts the
second push. Everything else passes through unchanged.
"""

from __future__ import annotations

import contextlib
import enum
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from urllib.parse import urlsplit

_HEAD_END = b"\r\n\r\n"
_HEAD_MAX = 64 * 1024
_BODY_MAX = 64 * 1024 * 1024


class Cut(enum.StrEnum):
    """Where a connection is cut."""

    BEFORE_REQUEST = "before_request"
    BEFORE_ANSWER = "before_answer"
    MID_ANSWER = "mid_answer"


@dataclass(frozen=True)
class Step:
    """The ``n``-th request (1-based) with this method and path."""

    method: str
    path: str
    n: int = 1

    def __str__(self) -> str:
        return f"{self.method} {self.path} #{self.n}"


@dataclass(frozen=True)
class Seen:
    """A request that reached the proxy."""

    number: int  # among all requests through the proxy, 1-based
    step: Step  # its method, path and number among requests to the same


Rule = Callable[[Seen], Cut | None]


class _Closed(Exception):
    """The peer closed the connection (between or inside a message)."""


class _Reader:
    """Buffered reads of whole HTTP messages from a socket."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = b""

    def _fill(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise _Closed
        self.buffer += chunk

    def head(self) -> bytes:
        while _HEAD_END not in self.buffer:
            if len(self.buffer) > _HEAD_MAX:
                raise ValueError("HTTP head too long")
            self._fill()
        end = self.buffer.index(_HEAD_END) + len(_HEAD_END)
        head, self.buffer = self.buffer[:end], self.buffer[end:]
        return head

    def exactly(self, size: int) -> bytes:
        if size > _BODY_MAX:
            raise ValueError("HTTP body too long")
        while len(self.buffer) < size:
            self._fill()
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data


@dataclass
class _Message:
    head: bytes
    first_line: str
    headers: dict[str, str]

    @classmethod
    def parse(cls, head: bytes) -> _Message:
        lines = head.decode("latin-1").split("\r\n")
        headers: dict[str, str] = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        return cls(head, lines[0], headers)

    def body_length(self) -> int:
        if "chunked" in self.headers.get("transfer-encoding", "").lower():
            raise ValueError("chunked bodies are not supported by this test proxy")
        return int(self.headers.get("content-length", "0"))

    @property
    def closes(self) -> bool:
        return self.headers.get("connection", "").lower() == "close"


def _address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    assert parts.hostname is not None and parts.port is not None, url
    return parts.hostname, parts.port


def _shut(sock: socket.socket | None) -> None:
    if sock is None:
        return
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


@dataclass
class CuttingProxy:
    """Listens on 127.0.0.1 and forwards to ``upstream`` (``http://host:port``)."""

    upstream: str
    rule: Rule | None = None
    seen: list[Seen] = field(default_factory=list)
    cuts: list[tuple[Seen, Cut]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._target = _address(self.upstream)
        self._lock = threading.Lock()
        self._counts: dict[tuple[str, str], int] = {}
        self._sockets: set[socket.socket] = set()
        self._workers: list[threading.Thread] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self._closed = threading.Event()
        self.port: int = self._listener.getsockname()[1]
        self._acceptor = threading.Thread(target=self._accept, name="cutting-proxy", daemon=True)
        self._acceptor.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cut_at(self, step: Step, point: Cut) -> None:
        """Cut the request ``step`` at ``point`` (once); pass everything else."""
        self.rule = lambda seen: point if seen.step == step else None

    def pass_all(self) -> None:
        self.rule = None

    def reset(self, upstream: str) -> None:
        """Forward new connections to ``upstream``; forget what was seen and cut."""
        with self._lock:
            self.upstream = upstream
            self._target = _address(upstream)
            self.rule = None
            self.seen.clear()
            self.cuts.clear()
            self._counts.clear()

    def steps(self) -> list[Step]:
        return [s.step for s in self.seen]

    # ------------------------------------------------------------ lifecycle

    def close(self) -> None:
        self._closed.set()
        self._acceptor.join(timeout=5)  # no new connections after this
        self._listener.close()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)
        for worker in self._workers:
            worker.join(timeout=5)

    def __enter__(self) -> CuttingProxy:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------- plumbing

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _address = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self._sockets.add(client)
            worker = threading.Thread(target=self._serve, args=(client,), daemon=True)
            worker.start()
            self._workers.append(worker)

    def _track(self, sock: socket.socket | None, keep: bool) -> None:
        if sock is None:
            return
        with self._lock:
            if keep:
                self._sockets.add(sock)
            else:
                self._sockets.discard(sock)

    def _serve(self, client: socket.socket) -> None:
        upstream: socket.socket | None = None
        try:
            from_client = _Reader(client)
            from_server: _Reader | None = None
            while True:
                request = _Message.parse(from_client.head())
                body = from_client.exactly(request.body_length())
                cut = self._decide(request)
                if cut is Cut.BEFORE_REQUEST:
                    return
                if upstream is None:
                    upstream = socket.create_connection(self._target, timeout=120)
                    self._track(upstream, True)
                    from_server = _Reader(upstream)
                assert from_server is not None
                upstream.sendall(request.head + body)
                answer = _Message.parse(from_server.head())
                status = int(answer.first_line.split()[1])
                bodyless = request.first_line.startswith("HEAD ") or status in (204, 304)
                content = b"" if bodyless else from_server.exactly(answer.body_length())
                if cut is Cut.BEFORE_ANSWER:
                    return
                if cut is Cut.MID_ANSWER:
                    if content:
                        client.sendall(answer.head + content[: len(content) // 2])
                    else:
                        client.sendall(answer.head[: len(answer.head) // 2])
                    return
                client.sendall(answer.head + content)
                if request.closes or answer.closes:
                    return
        except (_Closed, OSError, ValueError):
            return
        finally:
            _shut(client)
            _shut(upstream)
            self._track(client, False)
            self._track(upstream, False)

    def _decide(self, request: _Message) -> Cut | None:
        method, target = request.first_line.split(" ")[:2]
        path = urlsplit(target).path
        with self._lock:
            key = (method, path)
            self._counts[key] = self._counts.get(key, 0) + 1
            seen = Seen(len(self.seen) + 1, Step(method, path, self._counts[key]))
            self.seen.append(seen)
            cut = self.rule(seen) if self.rule is not None else None
            if cut is not None:
                self.cuts.append((seen, cut))
        return cut
