"""Backup and restore (备份与恢复): a round trip of the demo data with its
evidence and holiday tables gives the same state and a verifying audit chain;
a wrong passphrase, every kind of damage and a newer schema are refused with
the current data untouched; no plaintext identity in the file or the temp
folder; a consistent snapshot while another connection writes; large evidence
streams through; only the administrator may back up or restore."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import struct
import tempfile
import threading
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.demo import DEMO_COMPLAINANT, DEMO_PASSWORD, build_demo
from desktop.documents import numbers
from desktop.resources import load_profile
from desktop.selftest import plaintext_hits, verify_audit_command
from desktop.services import auth, backup, settings
from desktop.services.auth import UserSession
from desktop.services.backup import BackupError, inspect_backup, make_backup, restore_backup
from desktop.services.base import Context, Forbidden, ServiceError
from desktop.store import audit
from desktop.store.db import (
    DB_FILE,
    alembic_config,
    current_revision,
    head_revision,
    open_store,
)
from desktop.store.models import AuditEntry
from tests.accounts import FAST_ARGON2

SECRETS = [DEMO_COMPLAINANT.name, DEMO_COMPLAINANT.id_number, DEMO_COMPLAINANT.phone]
PASSPHRASE = "山高水长 backup 2026"
CHUNK = 4096  # small chunks: the demo store spans a few hundred of them
DEVICE = "0190a000-0000-7000-8000-0000000000b1"
HOLIDAY_TABLE = 'year = 2027\nnotice = "测试"\n\n[[holidays]]\nname = "元旦"\nfirst = 2027-01-01\n'


class Cancelled(Exception):
    """What the GUI's progress raises once the user cancels."""


class Recorder:
    """A progress sink that keeps what it was told; cancels after ``cancel_after`` updates."""

    def __init__(self, cancel_after: int | None = None) -> None:
        self.updates: list[tuple[int, int, str]] = []
        self.cancel_after = cancel_after

    def update(self, done: int, total: int, text: str = "") -> None:
        self.updates.append((done, total, text))

    def check(self) -> None:
        if self.cancel_after is not None and len(self.updates) > self.cancel_after:
            raise Cancelled


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store plus an administrator's holiday table, built once."""
    folder = tmp_path_factory.mktemp("demo")
    store = open_store(folder)
    build_demo(Context(store, DEVICE, load_profile("fujian-2024")))
    store.close()
    (folder / "holidays").mkdir()
    (folder / "holidays" / "2027.toml").write_text(HOLIDAY_TABLE, encoding="utf-8")
    return folder


def open_copy(demo_dir: Path, folder: Path) -> Context:
    shutil.copytree(demo_dir, folder)
    return Context(open_store(folder), DEVICE, load_profile("fujian-2024"))


@pytest.fixture
def ctx(demo_dir: Path, tmp_path: Path) -> Iterator[Context]:
    context = open_copy(demo_dir, tmp_path / "data")
    yield context
    context.store.close()


def sign_in(ctx: Context, username: str) -> UserSession:
    return auth.sign_in(ctx, username, DEMO_PASSWORD)


@pytest.fixture
def admin(ctx: Context) -> UserSession:
    return sign_in(ctx, "admin")


def backup_to(ctx: Context, user: UserSession, target: Path) -> backup.BackupResult:
    return make_backup(
        ctx, user, target, PASSPHRASE, Recorder(), params=FAST_ARGON2, chunk_size=CHUNK
    )


def dump(folder: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted; the restore's own audit entry and its mark
    that numbers wait for a sync (``numbers.RESTORED_SETTING``) left out."""
    with sqlite3.connect(folder / DB_FILE) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        rows = {t: sorted(conn.execute(f"SELECT * FROM {t}"), key=repr) for t in tables}
    conn.close()
    rows["audit_log"] = [r for r in rows["audit_log"] if "backup.restore" not in r]
    rows["settings"] = [r for r in rows["settings"] if r[0] != numbers.RESTORED_SETTING]
    return rows


def files(folder: Path) -> dict[str, str]:
    """The evidence and holiday files under ``folder`` with their SHA-256."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for sub in ("evidence", "holidays")
        for p in sorted((folder / sub).rglob("*"))
        if p.is_file()
    }


def siblings(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith(folder.name + "."))


# ---------------------------------------------------------------- round trip


def test_round_trip_restores_the_same_state(
    ctx: Context, admin: UserSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = ctx.store.data_dir
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    before, evidence_before = dump(data), files(data)
    assert any(name.startswith("evidence/") for name in evidence_before)

    out = tmp_path / "out"
    out.mkdir()
    progress = Recorder()
    result = make_backup(
        ctx, admin, out / "b.xnbak", PASSPHRASE, progress, params=FAST_ARGON2, chunk_size=CHUNK
    )
    assert result.path.is_file() and result.file_bytes == result.path.stat().st_size
    assert [p.name for p in out.iterdir()] == ["b.xnbak"]  # no partial file left
    assert progress.updates[-1][0] == progress.updates[-1][1] > 0
    info = result.info
    assert info.evidence_files == 2 and info.missing_evidence == 0
    assert info.holiday_tables == ("2027.toml",)
    assert info.counts["complaints"] > 0 and info.counts["users"] == 8
    assert info.created_by == "系统管理员" and info.device_id == DEVICE
    assert plaintext_hits(out, SECRETS) == [] and plaintext_hits(temp, SECRETS) == []
    with ctx.transaction() as db:
        made = db.scalars(select(AuditEntry).where(AuditEntry.action == "backup.create")).all()
    assert [(e.user_id, e.details["file"]) for e in made] == [(admin.user_id, "b.xnbak")]

    assert inspect_backup(result.path, PASSPHRASE) == info
    # Work done after the backup is what the restore takes back.
    settings.set_profile(ctx, admin, "maanshan-2005")
    restored = restore_backup(data, result.path, PASSPHRASE, Recorder(), ctx=ctx, user=admin)
    assert restored.info == info and restored.data_dir == data
    assert restored.previous is not None and (restored.previous / DB_FILE).is_file()
    assert siblings(data) == [restored.previous.name]  # no staging folder left
    assert list(temp.iterdir()) == []

    assert dump(data) == before
    assert files(data) == evidence_before
    with sqlite3.connect(data / DB_FILE) as conn:  # numbers wait for the next sync
        marked = conn.execute(
            "SELECT value FROM settings WHERE key = ?", (numbers.RESTORED_SETTING,)
        ).fetchone()
    conn.close()
    assert marked is not None and marked[0].startswith(str(ctx.today().year))
    with pytest.raises(ServiceError, match="重新启动"):  # the old context is closed for good
        settings.get_settings(ctx, admin)

    fresh = Context(open_store(data), DEVICE, load_profile("fujian-2024"))
    try:
        with fresh.transaction() as db:
            assert audit.verify(db) == []
            last = db.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert last is not None and last.action == "backup.restore"
        assert last.user_id == admin.user_id and last.device_id == DEVICE
        assert last.details["previous"] == restored.previous.name
        assert verify_audit_command(fresh) == 0
        again = sign_in(fresh, "admin")
        assert settings.get_settings(fresh, again).profile_id == "fujian-2024"
        handler = sign_in(fresh, "zhengl")  # the sealed keys came back: the vault opens
        assert handler.private_key is not None
    finally:
        fresh.store.close()


def test_restore_onto_a_new_laptop_needs_no_sign_in(
    ctx: Context, admin: UserSession, tmp_path: Path
) -> None:
    result = backup_to(ctx, admin, tmp_path / "b.xnbak")
    target = tmp_path / "new-laptop" / "data"
    restored = restore_backup(target, result.path, PASSPHRASE, Recorder())
    assert restored.previous is None
    assert dump(target) == dump(ctx.store.data_dir) | {"audit_log": dump(target)["audit_log"]}
    assert files(target) == files(ctx.store.data_dir)


# ------------------------------------------------------------------ refusals


def test_only_the_administrator_backs_up_and_restores(
    ctx: Context, admin: UserSession, tmp_path: Path
) -> None:
    inspector = sign_in(ctx, "wangjg")
    with pytest.raises(Forbidden):
        backup_to(ctx, inspector, tmp_path / "x.xnbak")
    assert not (tmp_path / "x.xnbak").exists()
    result = backup_to(ctx, admin, tmp_path / "b.xnbak")
    data = ctx.store.data_dir
    with pytest.raises(Forbidden):
        restore_backup(data, result.path, PASSPHRASE, Recorder(), ctx=ctx, user=inspector)
    with pytest.raises(Forbidden):  # a laptop with users: nobody signed in, no restore
        restore_backup(data, result.path, PASSPHRASE, Recorder())
    assert siblings(data) == []


@pytest.mark.parametrize(
    ("passphrase", "target", "field"),
    [
        ("short", "b.xnbak", "passphrase"),
        (PASSPHRASE, ".", "target"),
        (PASSPHRASE, "missing/b.xnbak", "target"),
    ],
)
def test_bad_backup_input_is_refused_beside_its_field(
    ctx: Context, admin: UserSession, tmp_path: Path, passphrase: str, target: str, field: str
) -> None:
    with pytest.raises(BackupError) as refused:
        make_backup(ctx, admin, tmp_path / target, passphrase, Recorder(), params=FAST_ARGON2)
    assert refused.value.field == field
    assert list(tmp_path.glob("*.xnbak")) == [] and list(tmp_path.glob(".*.part")) == []


def test_a_cancelled_backup_leaves_no_file(
    ctx: Context, admin: UserSession, tmp_path: Path
) -> None:
    with pytest.raises(Cancelled):
        make_backup(
            ctx,
            admin,
            tmp_path / "b.xnbak",
            PASSPHRASE,
            Recorder(3),
            params=FAST_ARGON2,
            chunk_size=CHUNK,
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


@pytest.fixture(scope="module")
def made(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Context, Path, Path]:
    """One store and two backups of it (the second to splice from), for the refusals."""
    folder = tmp_path_factory.mktemp("refusals")
    context = open_copy(demo_dir, folder / "data")
    admin = sign_in(context, "admin")
    first = backup_to(context, admin, folder / "a.xnbak").path
    second = backup_to(context, admin, folder / "b.xnbak").path
    return context, first, second


def chunks(data: bytes) -> tuple[bytes, list[bytes]]:
    """The header and the framed chunks (length + ciphertext) of a backup file."""
    header, rest, out = data[: backup.HEADER_SIZE], data[backup.HEADER_SIZE :], []
    while rest:
        (length,) = struct.unpack(">I", rest[:4])
        out.append(rest[: 4 + length])
        rest = rest[4 + length :]
    return header, out


def flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


def swap(items: list[bytes], i: int, j: int) -> list[bytes]:
    items = list(items)
    items[i], items[j] = items[j], items[i]
    return items


Tamper = Callable[[bytes, bytes], bytes]
TAMPERS: dict[str, tuple[Tamper, str, str]] = {
    "not a backup": (lambda a, b: b"PK\x03\x04" + a[4:], "不是效能督查的备份文件", "source"),
    "newer format": (lambda a, b: a[:4] + b"\x02" + a[5:], "更新版本", "source"),
    "header salt": (lambda a, b: flip(a, 20), "口令不正确", "passphrase"),
    "header chunk size": (lambda a, b: flip(a, 39), "口令不正确", "passphrase"),
    "key check": (lambda a, b: flip(a, backup.HEADER_SIZE - 1), "口令不正确", "passphrase"),
    "header cut": (lambda a, b: a[:30], "不完整", "source"),
    "chunk byte": (lambda a, b: flip(a, len(a) // 2), "篡改", "source"),
    "first chunk byte": (lambda a, b: flip(a, backup.HEADER_SIZE + 10), "篡改", "source"),
    "length field": (lambda a, b: flip(a, backup.HEADER_SIZE + 1), "篡改", "source"),
    "chunks swapped": (
        lambda a, b: chunks(a)[0] + b"".join(swap(chunks(a)[1], 3, 4)),
        "篡改",
        "source",
    ),
    "chunk dropped": (
        lambda a, b: chunks(a)[0] + b"".join(c for i, c in enumerate(chunks(a)[1]) if i != 5),
        "篡改",
        "source",
    ),
    "chunk repeated": (
        lambda a, b: chunks(a)[0] + b"".join(chunks(a)[1][:6] + chunks(a)[1][5:]),
        "篡改",
        "source",
    ),
    "chunk from another backup": (
        lambda a, b: chunks(a)[0] + b"".join(chunks(a)[1][:5] + chunks(b)[1][5:]),
        "篡改",
        "source",
    ),
    "final chunk dropped": (
        lambda a, b: chunks(a)[0] + b"".join(chunks(a)[1][:-1]),
        "不完整",
        "source",
    ),
    "cut inside a chunk": (lambda a, b: a[: len(a) - 100], "不完整", "source"),
    "bytes appended": (lambda a, b: a + b"\0" * 16, "多余的数据", "source"),
    "final chunk repeated": (lambda a, b: a + chunks(a)[1][-1], "多余的数据", "source"),
}


@pytest.mark.parametrize("kind", TAMPERS)
def test_damaged_files_are_refused_and_nothing_changes(
    made: tuple[Context, Path, Path], tmp_path: Path, kind: str
) -> None:
    context, first, second = made
    tamper, message, field = TAMPERS[kind]
    bad = tmp_path / "bad.xnbak"
    bad.write_bytes(tamper(first.read_bytes(), second.read_bytes()))
    data = context.store.data_dir
    admin = sign_in(context, "admin")
    before = dump(data)
    with pytest.raises(BackupError, match=message) as refused:
        restore_backup(data, bad, PASSPHRASE, Recorder(), ctx=context, user=admin)
    assert refused.value.field == field
    assert siblings(data) == []  # no staging folder, nothing moved aside
    assert dump(data) == before
    assert settings.get_settings(context, admin).data_dir == str(data)  # still open


def test_wrong_passphrase_is_refused(made: tuple[Context, Path, Path]) -> None:
    context, first, _ = made
    data = context.store.data_dir
    admin = sign_in(context, "admin")
    before = dump(data)
    for attempt in (
        lambda: inspect_backup(first, PASSPHRASE + "x"),
        lambda: restore_backup(
            data, first, "wrong passphrase", Recorder(), ctx=context, user=admin
        ),
    ):
        with pytest.raises(BackupError, match="口令不正确") as refused:
            attempt()
        assert refused.value.field == "passphrase"
    assert siblings(data) == [] and dump(data) == before


def test_a_backup_from_a_newer_schema_is_refused(
    ctx: Context, admin: UserSession, tmp_path: Path
) -> None:
    with sqlite3.connect(ctx.store.data_dir / DB_FILE) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9001'")
    conn.close()
    result = backup_to(ctx, admin, tmp_path / "b.xnbak")
    assert result.info.schema_revision == "9001"
    target = tmp_path / "other"
    for attempt in (
        lambda: inspect_backup(result.path, PASSPHRASE),
        lambda: restore_backup(target, result.path, PASSPHRASE, Recorder()),
    ):
        with pytest.raises(BackupError, match="更新版本的程序（数据结构 9001）"):
            attempt()
    assert not target.exists() and siblings(target) == []


def test_a_backup_from_an_older_schema_is_brought_up_to_date(
    ctx: Context, admin: UserSession, tmp_path: Path
) -> None:
    from alembic import command

    command.downgrade(alembic_config(ctx.store.engine), "-1")
    older = current_revision(ctx.store.engine)
    assert older is not None and older != head_revision()
    result = backup_to(ctx, admin, tmp_path / "b.xnbak")
    assert inspect_backup(result.path, PASSPHRASE).schema_revision == older
    target = tmp_path / "restored"
    restore_backup(target, result.path, PASSPHRASE, Recorder())
    fresh = Context(open_store(target), DEVICE, load_profile("fujian-2024"))
    try:
        assert current_revision(fresh.store.engine) == head_revision()
        assert verify_audit_command(fresh) == 0
    finally:
        fresh.store.close()


# --------------------------------------------------------- while the app works


class WriterAround(Recorder):
    """Lets the writer run from the moment a backup starts until its snapshot is
    taken (the first chunk), so the app's own audit entry afterwards does not
    race it: the app's transactions are deferred, a rival commit between their
    read and their write is SQLite's SQLITE_BUSY_SNAPSHOT."""

    def __init__(self, writing: threading.Event, idle: threading.Lock) -> None:
        super().__init__()
        self.writing, self.idle = writing, idle

    def update(self, done: int, total: int, text: str = "") -> None:
        super().update(done, total, text)
        if total == 0:
            self.writing.set()
        elif self.writing.is_set():
            self.writing.clear()
            with self.idle:  # the writer's transaction in flight is over
                pass


def test_backup_while_another_connection_writes(
    ctx: Context, admin: UserSession, tmp_path: Path
) -> None:
    """Each write adds a row and moves a counter in one transaction: every
    snapshot must hold exactly as many rows as its counter says."""
    stop, writing, idle = threading.Event(), threading.Event(), threading.Lock()
    written = 0

    def writer() -> None:
        nonlocal written
        conn = sqlite3.connect(ctx.store.data_dir / DB_FILE, timeout=30, isolation_level=None)
        while not stop.is_set():
            if not writing.wait(0.01):
                continue
            with idle:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("INSERT INTO settings VALUES (?, 'x')", (f"w{written + 1}",))
                conn.execute(
                    "INSERT OR REPLACE INTO settings VALUES ('w_count', ?)", (written + 1,)
                )
                conn.execute("COMMIT")
                written += 1
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        results = [
            make_backup(
                ctx,
                admin,
                tmp_path / f"b{i}.xnbak",
                PASSPHRASE,
                WriterAround(writing, idle),
                params=FAST_ARGON2,
                chunk_size=CHUNK,
            )
            for i in range(3)
        ]
    finally:
        stop.set()
        thread.join()
    assert written > 0
    seen = []
    for i, result in enumerate(results):
        target = tmp_path / f"restored{i}"
        restore_backup(target, result.path, PASSPHRASE, Recorder())
        with sqlite3.connect(target / DB_FILE) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            counter = conn.execute("SELECT value FROM settings WHERE key='w_count'").fetchone()
            rows = conn.execute(
                "SELECT count(*) FROM settings WHERE key LIKE 'w%' AND key != 'w_count'"
            )
            assert int(counter[0] if counter else 0) == rows.fetchone()[0]
        conn.close()
        seen.append(int(counter[0]) if counter else 0)
    assert seen == sorted(seen) and seen[-1] > 0


def test_large_evidence_streams_through_without_sitting_in_memory(
    ctx: Context, admin: UserSession, tmp_path: Path
) -> None:
    size = 40 * 1024 * 1024
    big = tmp_path / "big"
    digest = hashlib.sha256()
    with big.open("wb") as out:
        for _ in range(size // (1024 * 1024)):
            block = os.urandom(1024 * 1024)
            digest.update(block)
            out.write(block)
    sha = digest.hexdigest()
    path = ctx.store.evidence_dir / sha[:2] / sha
    path.parent.mkdir(parents=True, exist_ok=True)
    big.rename(path)
    with sqlite3.connect(ctx.store.data_dir / DB_FILE) as conn:  # a recording's record
        conn.execute(
            "INSERT INTO evidence (id, visit_id, kind, filename, sha256, size, added_by, added_at)"
            " SELECT 'big', visit_id, 'audio', 'rec.m4a', ?, ?, added_by, added_at"
            " FROM evidence LIMIT 1",
            (sha, size),
        )
    conn.close()

    tracemalloc.start()
    try:
        result = make_backup(
            ctx, admin, tmp_path / "b.xnbak", PASSPHRASE, Recorder(), params=FAST_ARGON2
        )
        backup_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        target = tmp_path / "restored"
        restore_backup(target, result.path, PASSPHRASE, Recorder())
        restore_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.info.evidence_bytes > size
    assert backup_peak < 12 * 1024 * 1024, backup_peak  # the DB snapshot and a chunk or two
    assert restore_peak < 12 * 1024 * 1024, restore_peak
    assert hashlib.sha256((target / "evidence" / sha[:2] / sha).read_bytes()).hexdigest() == sha
