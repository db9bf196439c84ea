"""Backup and restore (备份与恢复) of a laptop's data, in one encrypted file.

**What a backup holds**: a consistent snapshot of the SQLite store (taken with
SQLite's online backup API, so it is safe while the app runs and other
connections write; the WAL's committed pages are included), every evidence
file the snapshot refers to, the administrator's holiday tables
(``DATA_DIR/holidays``) and therefore every setting (they live in the
store's ``settings`` table: device id, rule profile, server address, idle
lock). Not the logs. The window language is a per-account preference of the
operating system (QSettings), not laptop data, and is not included.

**Who**: the administrator (管理员). ``shared/domain.md`` gives the
administrator the users, keys, rule profile and server address; a backup
carries all of them (every user's sealed key, the office keys) and every
record on the laptop, among them 暗访 plans that only their team may see, so
it is not for every signed-in user. A restore replaces all of that. The one
exception is a laptop with no user yet (the first-run wizard restoring a lost
laptop onto a new one): there is nobody to sign in, and nothing to protect.
Both actions are in the audit trail: a backup in the store it copied, a
restore in the restored store, at the end of the restored device's chain, so
the chain still verifies.

**File format**, version 1 (integers big-endian)::

    4 bytes  magic b"XNBK"
    u8       format version (= 1)
    u32      argon2id time_cost
    u32      argon2id memory_cost (KiB)
    u8       argon2id parallelism
    16 bytes salt (random)
    7 bytes  nonce prefix (random)
    u32      chunk size (plaintext bytes per chunk)
    16 bytes key check: the AES-256-GCM tag of nothing, nonce = prefix ‖ FFFFFFFF ‖ 02,
             associated data = the 41 bytes above
    then the chunks, each:
    u32      ciphertext length (plaintext length + 16)
    ...      AES-256-GCM ciphertext, nonce = prefix ‖ u32 chunk index ‖ u8 final flag
             (1 on the last chunk only), associated data = the whole 57-byte header

The key is argon2id(passphrase, salt). The key check tells a wrong passphrase
from a damaged file; the index and final flag in every nonce make a
reordered, repeated, dropped or cut-off chunk fail, and bytes after the final
chunk are refused. The plaintext is a tar stream (POSIX pax): ``manifest.json``
first (what :func:`inspect_backup` shows), then ``xiaoneng.db``,
``evidence/<sha256[:2]>/<sha256>`` and ``holidays/*.toml``.

**No plaintext on disk**: the snapshot goes to an in-memory database, then
straight through the encryptor into ``<target>.part`` (ciphertext), renamed
into place once complete. Evidence files stream through in chunks, so a
large one never sits in memory. A restore decrypts into a staging folder
beside the data folder and swaps the folders only after every chunk has
verified and the database passed SQLite's check; the replaced data is kept as
``<data>.before-restore-<time>``. Any failure before the swap removes the
staging folder and leaves the current data as it was. After a restore the
app must restart: the old context refuses new database connections.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import struct
import tarfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from desktop.crypto.keys import Argon2Params, derive_key
from desktop.documents import numbers
from desktop.domain.common import Role
from desktop.domain.messages import msg
from desktop.services import auth
from desktop.services.auth import UserSession
from desktop.services.base import Context, Forbidden, ServiceError, require_role
from desktop.store import audit
from desktop.store.db import DB_FILE, MIGRATIONS, make_engine, migrate
from desktop.store.ids import new_id
from desktop.store.models import Setting
from desktop.sync.engine import ProgressSink

MAGIC = b"XNBK"
FORMAT_VERSION = 1
SUFFIX = ".xnbak"
MIN_PASSPHRASE_LENGTH = 10
#: argon2id for a file that may travel on a USB stick: 3 passes over 256 MiB
#: (median 3.4 s on the shared two-core development machine at load average 16;
#: it is paid once per backup, restore or inspection). Tests pass lighter ones.
BACKUP_ARGON2 = Argon2Params(time_cost=3, memory_cost_kib=256 * 1024, parallelism=4)
CHUNK_SIZE = 1024 * 1024
_MIN_CHUNK, _MAX_CHUNK = 4096, 16 * 1024 * 1024
_SALT, _PREFIX, _TAG = 16, 7, 16
_HEAD = struct.Struct(">4sBIIB16s7sI")  # everything before the key check
HEADER_SIZE = _HEAD.size + _TAG
_LENGTH = struct.Struct(">I")
_CHECK_NONCE_TAIL = b"\xff\xff\xff\xff\x02"

MANIFEST, DATABASE, EVIDENCE, HOLIDAYS = "manifest.json", DB_FILE, "evidence", "holidays"
_MEMBER = re.compile(
    r"(?:evidence/([0-9a-f]{2})/(\1[0-9a-f]{62})|holidays/[\w.-]+\.toml|" + re.escape(DB_FILE) + ")"
)
# What the restore dialog lists: record kind -> table (fixed names, no input).
COUNTED = {
    "users": "users",
    "agencies": "agencies",
    "plans": "inspection_plans",
    "visits": "visits",
    "complaints": "complaints",
    "decisions": "decisions",
    "appeals": "appeals",
    "documents": "issued_documents",
    "audit_entries": "audit_log",
}


class BackupError(ServiceError):
    """A backup file that cannot be made or used; the current data is untouched."""

    code = "backup.error"


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file holds (its manifest), shown before restoring."""

    backup_id: str
    created_at: dt.datetime
    created_by: str
    device_id: str
    profile_id: str
    schema_revision: str
    database_bytes: int
    database_sha256: str
    evidence_files: int
    evidence_bytes: int
    missing_evidence: int
    holiday_tables: tuple[str, ...]
    counts: dict[str, int]

    def to_json(self) -> bytes:
        body = {**self.__dict__, "format": FORMAT_VERSION}
        body["created_at"] = self.created_at.isoformat()
        body["holiday_tables"] = list(self.holiday_tables)
        return json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> BackupInfo:
        try:
            body = json.loads(data.decode("utf-8"))
            body.pop("format")
            body["created_at"] = dt.datetime.fromisoformat(body["created_at"])
            body["holiday_tables"] = tuple(body["holiday_tables"])
            return cls(**body)
        except (ValueError, KeyError, TypeError, AttributeError):
            raise _invalid() from None


@dataclass(frozen=True)
class BackupResult:
    """A finished backup: where, what, how long."""

    path: Path
    file_bytes: int
    info: BackupInfo
    seconds: float


@dataclass(frozen=True)
class RestoreResult:
    """A finished restore: the restored folder and where the replaced data went."""

    data_dir: Path
    previous: Path | None
    info: BackupInfo


# ------------------------------------------------------------------ errors


def _invalid() -> BackupError:
    return BackupError(msg("备份文件内容不符合格式，可能已损坏"), field="source")


def _tampered(index: int) -> BackupError:
    return BackupError(
        msg("备份文件已损坏或被篡改（第 {segment} 段校验失败），未做任何更改", segment=index + 1),
        field="source",
    )


def _truncated() -> BackupError:
    return BackupError(msg("备份文件不完整（可能在复制时被截断），未做任何更改"), field="source")


def check_passphrase(passphrase: str) -> None:
    """Refuse a passphrase too short to protect a whole laptop's data."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise BackupError(
            msg("备份口令至少需要 {count} 个字符", count=MIN_PASSPHRASE_LENGTH), field="passphrase"
        )


# ------------------------------------------------------ the encrypted stream


def _nonce(prefix: bytes, index: int, final: bool) -> bytes:
    return prefix + struct.pack(">IB", index, 1 if final else 0)


def _new_header(
    passphrase: str, params: Argon2Params, chunk_size: int
) -> tuple[bytes, bytes, AESGCM]:
    """A fresh header (new salt, so a new key) and the cipher for its chunks."""
    salt, prefix = os.urandom(_SALT), os.urandom(_PREFIX)
    head = _HEAD.pack(
        MAGIC,
        FORMAT_VERSION,
        params.time_cost,
        params.memory_cost_kib,
        params.parallelism,
        salt,
        prefix,
        chunk_size,
    )
    aead = AESGCM(derive_key(passphrase, salt, params))
    check = aead.encrypt(prefix + _CHECK_NONCE_TAIL, b"", head)
    return head + check, prefix, aead


class _Encryptor:
    """A write-only file: plaintext in, sealed chunks out (see the module docstring)."""

    def __init__(
        self,
        out: BinaryIO,
        header: bytes,
        prefix: bytes,
        aead: AESGCM,
        chunk_size: int,
        on_chunk: Callable[[int], None],
    ) -> None:
        self.out, self.header, self.prefix, self.aead = out, header, prefix, aead
        self.chunk_size = chunk_size
        self.on_chunk = on_chunk
        self.buffer = bytearray()
        self.index = 0
        out.write(header)

    def write(self, data: bytes) -> int:
        self.buffer += data
        while len(self.buffer) > self.chunk_size:  # the last chunk is kept for finish()
            self._seal(bytes(self.buffer[: self.chunk_size]), final=False)
            del self.buffer[: self.chunk_size]
        return len(data)

    def finish(self) -> None:
        self._seal(bytes(self.buffer), final=True)
        self.buffer.clear()

    def _seal(self, plain: bytes, final: bool) -> None:
        sealed = self.aead.encrypt(_nonce(self.prefix, self.index, final), plain, self.header)
        self.out.write(_LENGTH.pack(len(sealed)) + sealed)
        self.index += 1
        self.on_chunk(len(plain))


class _Decryptor:
    """A read-only file over a backup: verifies each chunk before returning its bytes."""

    def __init__(self, source: BinaryIO, passphrase: str) -> None:
        self.source = source
        header = source.read(HEADER_SIZE)
        if len(header) < len(MAGIC) + 1 or header[: len(MAGIC)] != MAGIC:
            raise BackupError(msg("这不是效能督查的备份文件"), field="source")
        if header[len(MAGIC)] != FORMAT_VERSION:
            raise BackupError(
                msg(
                    "该备份文件由更新版本的程序生成（格式版本 {version}），请先升级本程序",
                    version=header[len(MAGIC)],
                ),
                field="source",
            )
        if len(header) < HEADER_SIZE:
            raise _truncated()
        _, _, time_cost, memory, lanes, salt, prefix, chunk_size = _HEAD.unpack(
            header[: _HEAD.size]
        )
        try:
            params = Argon2Params(time_cost, memory, lanes)
        except ValueError:
            raise _invalid() from None
        if not _MIN_CHUNK <= chunk_size <= _MAX_CHUNK:
            raise _invalid()
        self.aead = AESGCM(derive_key(passphrase, salt, params))
        try:
            self.aead.decrypt(
                prefix + _CHECK_NONCE_TAIL, header[_HEAD.size :], header[: _HEAD.size]
            )
        except InvalidTag:
            raise BackupError(msg("口令不正确（或备份文件头已损坏）"), field="passphrase") from None
        self.header, self.prefix, self.chunk_size = header, prefix, chunk_size
        self.index = 0
        self.final = False
        self.plain = memoryview(b"")
        self.read_bytes = HEADER_SIZE

    def read(self, size: int = -1) -> bytes:
        while not self.plain and not self.final:
            self.plain = memoryview(self._open_next())
        if size < 0:
            size = len(self.plain)
        out, self.plain = self.plain[:size].tobytes(), self.plain[size:]
        return out

    def _open_next(self) -> bytes:
        raw_length = self.source.read(_LENGTH.size)
        if len(raw_length) < _LENGTH.size:
            raise _truncated()
        (length,) = _LENGTH.unpack(raw_length)
        if not _TAG <= length <= self.chunk_size + _TAG:
            raise _tampered(self.index)
        sealed = self.source.read(length)
        if len(sealed) < length:
            raise _truncated()
        self.read_bytes += _LENGTH.size + length
        for final in (False, True):
            with contextlib.suppress(InvalidTag):
                plain = self.aead.decrypt(
                    _nonce(self.prefix, self.index, final), sealed, self.header
                )
                self.index += 1
                self.final = final
                return plain
        raise _tampered(self.index)

    def finish(self) -> None:
        """Verify the rest of the file: every chunk, the final one, nothing after it."""
        while not self.final:
            self._open_next()
        self.plain = memoryview(b"")
        if self.source.read(1):
            raise BackupError(
                msg("备份文件末尾有多余的数据（可能被篡改），未做任何更改"), field="source"
            )


@contextlib.contextmanager
def _open_backup(
    source: Path, passphrase: str
) -> Iterator[tuple[_Decryptor, tarfile.TarFile, BackupInfo]]:
    """The verified reader, the tar stream positioned after the manifest, and the manifest."""
    if not passphrase:
        raise BackupError(msg("请输入备份口令"), field="passphrase")
    try:
        handle = source.open("rb")
    except FileNotFoundError:
        raise BackupError(msg("找不到备份文件：{path}", path=str(source)), field="source") from None
    except OSError as exc:
        raise BackupError(
            msg("无法读取备份文件：{reason}", reason=exc.strerror or str(exc)), field="source"
        ) from None
    with handle:
        reader = _Decryptor(handle, passphrase)
        try:  # a tar error, here or in the caller's reading, is a malformed file
            with tarfile.open(fileobj=reader, mode="r|") as tar:  # type: ignore[call-overload]
                first = tar.next()
                if first is None or first.name != MANIFEST or not first.isreg():
                    raise _invalid()
                manifest = tar.extractfile(first)
                assert manifest is not None
                yield reader, tar, BackupInfo.from_json(manifest.read())
        except tarfile.TarError:
            raise _invalid() from None


def inspect_backup(source: Path, passphrase: str) -> BackupInfo:
    """What ``source`` holds: checks the passphrase and reads the manifest only
    (the first chunk); :func:`restore_backup` verifies the whole file."""
    with _open_backup(source, passphrase) as (_, _, info):
        _check_schema(info)
        return info


# ------------------------------------------------------------------ backup


@dataclass(frozen=True)
class _Snapshot:
    database: bytes
    info: BackupInfo
    evidence: list[tuple[str, Path, int]]  # (member name, file, size)
    holidays: list[tuple[str, Path, int]]


def _snapshot(ctx: Context, user: UserSession) -> _Snapshot:
    """A consistent copy of the store in memory (online backup API, one step),
    and the files the copy refers to."""
    source = sqlite3.connect(ctx.store.data_dir / DB_FILE, timeout=30)
    memory = sqlite3.connect(":memory:")
    try:
        source.backup(memory)  # one step: one read transaction, a consistent snapshot
        database = memory.serialize()
        revision = memory.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        settings = dict(memory.execute("SELECT key, value FROM settings").fetchall())
        counts = {
            kind: memory.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for kind, table in COUNTED.items()
        }
        hashes = [row[0] for row in memory.execute("SELECT DISTINCT sha256 FROM evidence")]
    finally:
        memory.close()
        source.close()
    evidence, missing = [], 0
    for sha in sorted(hashes):
        path = ctx.store.evidence_dir / sha[:2] / sha
        if path.is_file():
            evidence.append((f"{EVIDENCE}/{sha[:2]}/{sha}", path, path.stat().st_size))
        else:
            missing += 1
    holidays = [
        (f"{HOLIDAYS}/{p.name}", p, p.stat().st_size)
        for p in sorted((ctx.store.data_dir / HOLIDAYS).glob("*.toml"))
        if p.is_file() and _MEMBER.fullmatch(f"{HOLIDAYS}/{p.name}")
    ]
    info = BackupInfo(
        backup_id=new_id(),
        created_at=ctx.now(),
        created_by=user.display_name,
        device_id=settings.get("device_id", ctx.device_id),
        profile_id=settings.get("profile_id", ctx.profile.id),
        schema_revision=str(revision),
        database_bytes=len(database),
        database_sha256=hashlib.sha256(database).hexdigest(),
        evidence_files=len(evidence),
        evidence_bytes=sum(size for _, _, size in evidence),
        missing_evidence=missing,
        holiday_tables=tuple(name.split("/", 1)[1] for name, _, _ in holidays),
        counts=counts,
    )
    return _Snapshot(database, info, evidence, holidays)


def _add(tar: tarfile.TarFile, name: str, size: int, data: IO[bytes]) -> None:
    member = tarfile.TarInfo(name)
    member.size, member.mode, member.mtime = size, 0o600, int(time.time())
    tar.addfile(member, data)


def make_backup(
    ctx: Context,
    user: UserSession,
    target: Path,
    passphrase: str,
    progress: ProgressSink,
    *,
    params: Argon2Params = BACKUP_ARGON2,
    chunk_size: int = CHUNK_SIZE,
) -> BackupResult:
    """Write an encrypted backup of this laptop's data to ``target`` (administrator)."""
    started = time.monotonic()
    auth.touch(ctx, user)
    require_role(user, {Role.ADMINISTRATOR}, msg("备份本机数据"))
    check_passphrase(passphrase)
    if not str(target).strip() or target.is_dir():
        raise BackupError(msg("请选择备份文件的保存位置（文件名）"), field="target")
    if not target.parent.is_dir():
        raise BackupError(msg("文件夹不存在：{path}", path=str(target.parent)), field="target")
    if not _MIN_CHUNK <= chunk_size <= _MAX_CHUNK:
        raise ValueError("chunk_size out of range")
    progress.update(0, 0, msg("正在读取数据库快照…"))
    snap = _snapshot(ctx, user)
    total = len(snap.database) + snap.info.evidence_bytes + sum(s for _, _, s in snap.holidays)
    done = 0

    def on_chunk(size: int) -> None:
        nonlocal done
        done = min(total, done + size)
        percent = done * 100 // max(total, 1)
        progress.update(done, total, msg("正在加密写入备份：{percent}%", percent=percent))
        progress.check()

    partial = target.with_name(f".{target.name}.{new_id()[-8:]}.part")
    try:
        with partial.open("wb") as out:
            header, prefix, aead = _new_header(passphrase, params, chunk_size)
            writer = _Encryptor(out, header, prefix, aead, chunk_size, on_chunk)
            with tarfile.open(fileobj=writer, mode="w|", format=tarfile.PAX_FORMAT) as tar:  # type: ignore[call-overload]
                manifest = snap.info.to_json()
                _add(tar, MANIFEST, len(manifest), io.BytesIO(manifest))
                _add(tar, DATABASE, len(snap.database), io.BytesIO(snap.database))
                for name, path, size in [*snap.evidence, *snap.holidays]:
                    with path.open("rb") as data:
                        _add(tar, name, size, data)
            writer.finish()
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(
            msg("无法写入备份文件：{reason}", reason=exc.strerror or str(exc)), field="target"
        ) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    size = target.stat().st_size
    with ctx.transaction() as db:
        audit.append(
            db,
            at=ctx.now(),
            device_id=ctx.device_id,
            user_id=user.user_id,
            action="backup.create",
            entity="backup",
            entity_id=snap.info.backup_id,
            details={
                "file": target.name,
                "bytes": size,
                "evidence_files": snap.info.evidence_files,
                "missing_evidence": snap.info.missing_evidence,
            },
        )
    return BackupResult(target, size, snap.info, time.monotonic() - started)


def default_backup_name(now: dt.datetime) -> str:
    """A file name for a backup made at ``now`` (China time in the name)."""
    local = now + dt.timedelta(hours=8)
    return f"xiaoneng-backup-{local:%Y%m%d-%H%M}{SUFFIX}"


# ----------------------------------------------------------------- restore


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}


def _check_schema(info: BackupInfo) -> None:
    if info.schema_revision not in _known_revisions():
        raise BackupError(
            msg(
                "该备份来自更新版本的程序（数据结构 {revision}），请先升级本程序再恢复",
                revision=info.schema_revision,
            ),
            field="source",
        )


def _has_users(data_dir: Path) -> bool:
    """Whether ``data_dir`` holds a readable store with at least one user."""
    path = data_dir / DB_FILE
    if not path.is_file():
        return False
    try:
        with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
            return bool(conn.execute("SELECT count(*) FROM users").fetchone()[0])
    except sqlite3.Error:
        return False  # no store to protect: nobody could sign in to it either


def _authorise_restore(data_dir: Path, ctx: Context | None, user: UserSession | None) -> None:
    if ctx is not None and ctx.store.data_dir.resolve() != data_dir.resolve():
        raise ValueError("ctx must be the store in data_dir")
    if user is not None and ctx is not None:
        auth.touch(ctx, user)
        require_role(user, {Role.ADMINISTRATOR}, msg("恢复本机数据"))
    elif _has_users(data_dir):
        raise Forbidden(msg("本机已有用户：请由管理员登录后在 设置 → 备份与恢复 中恢复"))


def _stamp(now: dt.datetime) -> str:
    return f"{now.astimezone(dt.UTC):%Y%m%d-%H%M%S}"


def _free_name(folder: Path, name: str) -> Path:
    path, n = folder / name, 1
    while path.exists():
        n += 1
        path = folder / f"{name}-{n}"
    return path


def _extract(
    reader: _Decryptor,
    tar: tarfile.TarFile,
    info: BackupInfo,
    staging: Path,
    progress: ProgressSink,
    total: int,
) -> None:
    """Write every member into ``staging``, then verify the rest of the file."""
    database = hashlib.sha256()
    evidence = 0
    try:
        while (member := tar.next()) is not None:
            match = _MEMBER.fullmatch(member.name)
            if match is None or not member.isreg():
                raise _invalid()
            path = staging / member.name
            path.parent.mkdir(parents=True, exist_ok=True)
            data = tar.extractfile(member)
            assert data is not None
            with path.open("xb") as out:
                while block := data.read(CHUNK_SIZE):
                    out.write(block)
                    if member.name == DATABASE:
                        database.update(block)
                    progress.update(reader.read_bytes, total, msg("正在解密并校验备份…"))
                    progress.check()
            evidence += match.group(2) is not None
    except FileExistsError:
        raise _invalid() from None
    reader.finish()
    if database.hexdigest() != info.database_sha256 or evidence != info.evidence_files:
        raise _invalid()


def _finish_store(
    staging: Path,
    info: BackupInfo,
    now: dt.datetime,
    user: UserSession | None,
    source: Path,
    previous: Path | None,
) -> None:
    """Check the staged database, bring an older schema up to date, and append
    the restore to the audit chain of the restored device."""
    path = staging / DB_FILE
    with contextlib.closing(sqlite3.connect(path)) as conn:
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    if check != "ok" or revision != info.schema_revision:
        raise _invalid()
    engine = make_engine(path)
    try:
        migrate(engine)
        with Session(engine) as db, db.begin():
            device = db.scalar(select(Setting.value).where(Setting.key == "device_id"))
            audit.append(
                db,
                at=now,
                device_id=device or info.device_id,
                user_id=user.user_id if user is not None else None,
                action=audit.RESTORE_ACTION,
                entity="backup",
                entity_id=info.backup_id,
                details={
                    "file": source.name,
                    "created_at": info.created_at.isoformat(),
                    "previous": previous.name if previous is not None else None,
                },
            )
            # numbers given after the backup come back with the next sync: none till then
            db.merge(Setting(key=numbers.RESTORED_SETTING, value=now.isoformat()))
    finally:
        engine.dispose()


def _swap(data_dir: Path, staging: Path, previous: Path | None) -> None:
    """Move the current folder aside and the staged one into its place."""
    try:
        if previous is not None:
            data_dir.rename(previous)
        try:
            staging.rename(data_dir)
        except OSError:
            if previous is not None:
                previous.rename(data_dir)
            raise
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BackupError(
            msg("无法替换数据文件夹（{reason}），当前数据未改动", reason=exc.strerror or str(exc)),
            field="source",
        ) from None


def _refuse_after_restore(*_: Any) -> None:
    raise ServiceError(msg("本机数据已恢复，请重新启动程序"))


def restore_backup(
    data_dir: Path,
    source: Path,
    passphrase: str,
    progress: ProgressSink,
    *,
    ctx: Context | None = None,
    user: UserSession | None = None,
) -> RestoreResult:
    """Replace ``data_dir`` with the backup in ``source``; the old folder is kept as
    ``<data>.before-restore-<time>``. With the app running, pass its ``ctx`` and the
    signed-in administrator; ``ctx`` is closed afterwards and the app must restart."""
    _authorise_restore(data_dir, ctx, user)
    now = ctx.now() if ctx is not None else dt.datetime.now(dt.UTC)
    total = source.stat().st_size if source.is_file() else 0
    staging = _free_name(data_dir.parent, f"{data_dir.name}.restoring-{_stamp(now)}")
    previous = (
        _free_name(data_dir.parent, f"{data_dir.name}.before-restore-{_stamp(now)}")
        if data_dir.exists()
        else None
    )
    with _open_backup(source, passphrase) as (reader, tar, info):
        _check_schema(info)
        try:
            staging.mkdir(parents=True)
            _extract(reader, tar, info, staging, progress, total)
            progress.update(total, total, msg("正在检查恢复的数据库…"))
            _finish_store(staging, info, now, user, source, previous)
            progress.check()
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise BackupError(
                msg("无法写入恢复的数据：{reason}", reason=exc.strerror or str(exc)), field="source"
            ) from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    if ctx is None:
        _swap(data_dir, staging, previous)
    else:  # no new connection of the running app may reach the restored store
        ctx.store.close()
        event.listen(ctx.store.engine, "connect", _refuse_after_restore)
        try:
            _swap(data_dir, staging, previous)
        except BackupError:
            event.remove(ctx.store.engine, "connect", _refuse_after_restore)
            raise
    return RestoreResult(data_dir, previous, info)
