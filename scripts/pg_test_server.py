"""A throw-away PostgreSQL for tests and benchmarks: initdb into a temporary
folder, start on a free port on 127.0.0.1, stop and delete at the end.

As root, initdb refuses to run, so the cluster is made and run as an
unprivileged user (``nobody`` by default, through ``runuser``). The superuser
``postgres`` gets a random password (TCP connections use scram-sha-256).
Durability is switched off (``fsync=off``): this cluster is for tests only.

Binaries: ``pg_ctl`` on PATH, else the newest ``/usr/lib/postgresql/*/bin``
(``apt-get install -y postgresql`` gives them on Debian).

From Python::

    with TempPostgres() as pg:          # raises PostgresUnavailable with a reason
        url = pg.url("postgres")        # postgresql+psycopg://postgres:...@127.0.0.1:port/postgres
        pg.create_database("xn_test")

From a shell (the command gets ``XIAONENG_TEST_PG_URL``, the maintenance
database's URL, in its environment; the server tests use that cluster then)::

    python scripts/pg_test_server.py -- python -m pytest tests/server
    python scripts/pg_test_server.py          # print the URL, run until Ctrl-C
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType
from urllib.parse import quote

URL_ENV = "XIAONENG_TEST_PG_URL"
RUN_AS_ENV = "XIAONENG_TEST_PG_USER"
SUPERUSER = "postgres"


class PostgresUnavailable(RuntimeError):
    """PostgreSQL cannot be started here; the message says why."""


def find_bindir() -> Path:
    """The folder holding initdb, pg_ctl and postgres."""
    found = shutil.which("pg_ctl")
    candidates = [Path(os.path.realpath(found)).parent] if found else []
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
        reverse=True,
    )
    candidates += [Path(p) for p in versions]
    for folder in candidates:
        if all((folder / name).exists() for name in ("initdb", "pg_ctl", "postgres")):
            return folder
    raise PostgresUnavailable(
        "PostgreSQL binaries (initdb, pg_ctl, postgres) not found on PATH or in "
        "/usr/lib/postgresql/*/bin; on Debian: apt-get install -y postgresql"
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class TempPostgres:
    """One temporary cluster. ``start()`` then ``stop()``, or use ``with``."""

    def __init__(self, run_as: str | None = None) -> None:
        self.bindir = find_bindir()
        self.password = secrets.token_urlsafe(18)
        self.port = 0
        self.base: Path | None = None
        self._running = False
        self._run_as = run_as or os.environ.get(RUN_AS_ENV) or "nobody"
        self._uid: int | None = None
        self._gid: int | None = None

    # ------------------------------------------------------------- plumbing

    @property
    def data_dir(self) -> Path:
        assert self.base is not None
        return self.base / "data"

    @property
    def log_file(self) -> Path:
        assert self.base is not None
        return self.base / "postgres.log"

    def _command(self, *args: str) -> list[str]:
        if os.geteuid() != 0:
            return list(args)
        runuser = shutil.which("runuser")
        if runuser is None:
            raise PostgresUnavailable("running as root and runuser(1) is missing")
        return [runuser, "-u", self._run_as, "--", *args]

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
        return subprocess.run(
            self._command(*args),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            env=env,
            cwd=self.base,
        )

    def _log_tail(self) -> str:
        try:
            return self.log_file.read_text(errors="replace")[-2000:]
        except OSError:
            return ""

    # ---------------------------------------------------------------- start

    def start(self) -> TempPostgres:
        self.base = Path(tempfile.mkdtemp(prefix="xn-pg-"))
        try:
            self._prepare()
            self._initdb()
            self._start_server()
        except BaseException:
            self.stop()
            raise
        return self

    def _prepare(self) -> None:
        assert self.base is not None
        if os.geteuid() == 0:
            try:
                entry = pwd.getpwnam(self._run_as)
            except KeyError:
                raise PostgresUnavailable(
                    f"running as root and there is no user {self._run_as!r} to run PostgreSQL"
                ) from None
            self._uid, self._gid = entry.pw_uid, entry.pw_gid
            os.chown(self.base, entry.pw_uid, entry.pw_gid)
        os.chmod(self.base, 0o700)

    def _initdb(self) -> None:
        assert self.base is not None
        pwfile = self.base / "pw"
        pwfile.write_text(self.password + "\n")
        if self._uid is not None and self._gid is not None:
            os.chown(pwfile, self._uid, self._gid)
        try:
            result = self._run(
                str(self.bindir / "initdb"),
                "-D",
                str(self.data_dir),
                "-U",
                SUPERUSER,
                f"--pwfile={pwfile}",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            )
        finally:
            pwfile.unlink(missing_ok=True)
        if result.returncode != 0:
            raise PostgresUnavailable(f"initdb failed: {(result.stderr or result.stdout)[-1500:]}")

    def _start_server(self) -> None:
        assert self.base is not None
        last = ""
        for _attempt in range(3):
            self.port = free_port()
            options = (
                f"-p {self.port} -h 127.0.0.1 -k {self.base} -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
            )
            result = self._run(
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.data_dir),
                "-l",
                str(self.log_file),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            )
            if result.returncode == 0:
                self._running = True
                self._wait_ready()
                return
            last = (result.stderr or result.stdout) + self._log_tail()
        raise PostgresUnavailable(f"pg_ctl start failed: {last[-1500:]}")

    def _wait_ready(self) -> None:
        import psycopg

        deadline = time.monotonic() + 30
        while True:
            try:
                with psycopg.connect(self.dsn("postgres"), connect_timeout=3):
                    return
            except psycopg.OperationalError as exc:
                if time.monotonic() > deadline:
                    raise PostgresUnavailable(f"PostgreSQL does not answer: {exc}") from None
                time.sleep(0.2)

    # ------------------------------------------------------------------ use

    def dsn(self, database: str) -> str:
        """A libpq connection string (for psycopg)."""
        return (
            f"postgresql://{SUPERUSER}:{quote(self.password)}@127.0.0.1:{self.port}/"
            f"{quote(database)}"
        )

    def url(self, database: str) -> str:
        """A SQLAlchemy URL (psycopg 3)."""
        return self.dsn(database).replace("postgresql://", "postgresql+psycopg://", 1)

    def create_database(self, name: str, template: str | None = None) -> None:
        create_database(self.dsn("postgres"), name, template)

    def drop_database(self, name: str) -> None:
        drop_database(self.dsn("postgres"), name)

    # ----------------------------------------------------------------- stop

    def stop(self) -> None:
        if self._running and self.base is not None:
            self._run(
                str(self.bindir / "pg_ctl"), "-D", str(self.data_dir), "-m", "fast", "-w", "stop"
            )
            self._running = False
        if self.base is not None:
            shutil.rmtree(self.base, ignore_errors=True)
            self.base = None

    def __enter__(self) -> TempPostgres:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def _ident(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"not a plain database name: {name!r}")
    return f'"{name}"'


def create_database(admin_dsn: str, name: str, template: str | None = None) -> None:
    """CREATE DATABASE (from ``template`` if given) through the maintenance DSN."""
    import psycopg

    sql = f"CREATE DATABASE {_ident(name)}"
    if template:
        sql += f" TEMPLATE {_ident(template)}"
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(sql.encode())


def drop_database(admin_dsn: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {_ident(name)} WITH (FORCE)".encode())


def main(argv: list[str]) -> int:
    command = argv[1:] if argv and argv[0] == "--" else argv
    try:
        pg = TempPostgres().start()
    except PostgresUnavailable as exc:
        print(f"PostgreSQL unavailable: {exc}", file=sys.stderr)
        return 3
    try:
        url = pg.dsn("postgres")
        if not command:
            print(url, flush=True)
            with contextlib.suppress(KeyboardInterrupt):
                signal.pause()
            return 0
        return subprocess.call(command, env={**os.environ, URL_ENV: url})
    finally:
        pg.stop()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
