"""After each sync, what the ops do not carry (上传审计记录与证据文件): this
laptop's audit trail goes to the server, and evidence files go both ways.

* **Audit trail.** The server holds each device's chain (``server.audit``).
  The laptop remembers, per server, the last entry the server confirmed
  (``audit_uploads``); when there are newer ones it asks the server for its
  head, finds that entry in its own chain and sends the ones after it, in
  batches, remembering each confirmed batch. A cut upload therefore resumes
  where the server stands. If the server holds an entry this laptop does
  not have (the laptop's trail was cut short or replaced), nothing is sent
  and the report says so: the server's copy is the evidence.
* **Evidence files.** Files of evidence rows that this laptop holds and the
  server is not known to hold are uploaded (``PUT /evidence/{sha256}``), each
  after checking its hash here; the server checks it again. A file larger
  than one request (暗访 video) goes in parts, skipping those the server
  holds, so a cut upload of a large file resumes at the next part. Files of
  evidence rows that this laptop lacks (pulled from another laptop) are
  fetched in HTTP ranges and kept only if their hash and size match the
  row. Each file done is
  remembered per server (``evidence_uploads``), so a cut run resumes at the
  next file. A file the server does not know yet (its op not pushed, or not
  uploaded by its laptop) is tried again at the next sync.

Nothing here fails a sync: the first error stops the uploads and is returned
in the report.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Column, Integer, MetaData, String, Table, Text, select
from sqlalchemy.orm import Session

from desktop.domain.messages import msg
from desktop.services.base import Context
from desktop.services.visits import evidence_path
from desktop.store.audit import GENESIS, RESTORE_ACTION
from desktop.store.files import write_whole
from desktop.store.models import AuditEntry, Evidence, UtcDateTime
from desktop.sync.client import SyncClient
from desktop.sync.engine import NoProgress, ProgressSink
from desktop.sync.errors import SyncError, SyncProtocolError

__all__ = ["AUDIT_BATCH", "UploadReport", "upload_all"]

#: Audit entries per request (as many as the server takes).
AUDIT_BATCH: Final = 500
#: ... and at most this many bytes of them (the server takes 8 MiB a request).
AUDIT_BYTES: Final = 4 * 1024 * 1024
#: The largest evidence file the server takes in one request
#: (``server.evidence.MAX_FILE_BYTES``); a larger one goes in parts ...
MAX_FILE_BYTES: Final = 8 * 1024 * 1024
#: ... up to this size (``server.evidence.MAX_PARTS_FILE_BYTES``).
MAX_PARTS_FILE_BYTES: Final = 4 * 1024 * 1024 * 1024
#: A file is fetched in HTTP ranges of this size.
FETCH_BYTES: Final = 4 * 1024 * 1024
_CHUNK: Final = 1024 * 1024
#: What a file's progress line says is being done.
_SENDING: Final = msg("正在上传证据文件")
_FETCHING: Final = msg("正在接收证据文件")

_tables = MetaData()
#: Per server: the last local audit entry (``audit_log.seq``, hash) it confirmed.
AUDIT_UPLOADS: Final = Table(
    "audit_uploads",
    _tables,
    Column("server_url", Text, primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
)
#: Per server: the evidence files it is known to hold (uploaded or fetched).
EVIDENCE_UPLOADS: Final = Table(
    "evidence_uploads",
    _tables,
    Column("server_url", Text, primary_key=True),
    Column("sha256", String(64), primary_key=True),
    Column("at", UtcDateTime, nullable=False),
)


@dataclass(frozen=True)
class UploadReport:
    """What one run did: audit entries the server newly stored, files sent and
    fetched, files the server does not have yet, files too large for the
    server, and why it stopped, if it did."""

    audit_entries: int = 0
    files_sent: int = 0
    files_fetched: int = 0
    files_waiting: int = 0
    files_too_large: int = 0
    problem: str = ""


@dataclass
class _Tally:
    audit_entries: int = 0
    files_sent: int = 0
    files_fetched: int = 0
    files_waiting: int = 0
    files_too_large: int = 0

    def report(self, problem: str = "") -> UploadReport:
        return UploadReport(
            self.audit_entries,
            self.files_sent,
            self.files_fetched,
            self.files_waiting,
            self.files_too_large,
            problem,
        )


def upload_all(
    ctx: Context, client: SyncClient, progress: ProgressSink | None = None
) -> UploadReport:
    """Upload the audit trail, then send and fetch evidence files (see the
    module doc). Never raises a :class:`SyncError`: it is in the report.
    ``progress`` hears of every file part, and may cancel between them."""
    url = client.base_url
    tally = _Tally()
    shown = progress or NoProgress()
    try:
        _upload_audit(ctx, client, url, tally)
        _send_files(ctx, client, url, tally, shown)
        _fetch_files(ctx, client, url, tally, shown)
    except SyncError as exc:
        return tally.report(exc.message)
    except OSError as exc:
        return tally.report(msg("无法读写证据文件：{reason}", reason=exc.strerror or str(exc)))
    return tally.report()


# --------------------------------------------------------------- audit trail


def _entry(row: AuditEntry) -> dict[str, Any]:
    return {
        "id": row.id,
        "at": row.at.isoformat(timespec="microseconds"),
        "device_id": row.device_id,
        "user_id": row.user_id,
        "action": row.action,
        "entity": row.entity,
        "entity_id": row.entity_id,
        "details": row.details,
        "prev_hash": row.prev_hash,
        "hash": row.hash,
    }


def _fitting(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The first of ``entries`` whose JSON fits in :data:`AUDIT_BYTES` (at
    least one): a pull page's ``sync.apply`` entry lists up to 1,000 ops."""
    size = 0
    for count, entry in enumerate(entries):
        size += len(json.dumps(entry, ensure_ascii=False).encode("utf-8"))
        if size > AUDIT_BYTES and count:
            return entries[:count]
    return entries


def _remember_audit(db: Session, url: str, seq: int, last_hash: str) -> None:
    db.execute(AUDIT_UPLOADS.delete().where(AUDIT_UPLOADS.c.server_url == url))
    db.execute(AUDIT_UPLOADS.insert().values(server_url=url, seq=seq, hash=last_hash))


def _audit_start(ctx: Context, client: SyncClient, url: str) -> int | None:
    """The local seq after which the server lacks entries (``None``: nothing to send)."""
    mine = AuditEntry.device_id == ctx.device_id
    with ctx.transaction() as db:
        newest = db.scalar(select(AuditEntry.seq).where(mine).order_by(AuditEntry.seq.desc()))
        known = db.execute(
            select(AUDIT_UPLOADS.c.seq).where(AUDIT_UPLOADS.c.server_url == url)
        ).scalar()
    if newest is None or newest == known:
        return None
    head = client.audit_head()
    last_hash = head.get("last_hash")
    if not isinstance(last_hash, str):
        raise SyncProtocolError(msg("服务器的审计记录答复缺少 last_hash"))
    if last_hash == GENESIS:
        return 0
    with ctx.transaction() as db:
        start = db.scalar(select(AuditEntry.seq).where(mine, AuditEntry.hash == last_hash))
        if start is not None:
            _remember_audit(db, url, start, last_hash)
            return start
        # The server holds entries this laptop lacks: made after the backup this
        # store was restored from. The trail branches at the restore: send from it.
        restored = db.scalar(
            select(AuditEntry.seq)
            .where(mine, AuditEntry.action == RESTORE_ACTION)
            .order_by(AuditEntry.seq.desc())
            .limit(1)
        )
    if restored is None:
        raise SyncError(
            msg(
                "中心服务器保存的本机审计记录中有本机已没有的记录（本机记录被截短或替换），"
                "未上传审计记录：请联系管理员核查"
            )
        )
    return restored - 1


def _upload_audit(ctx: Context, client: SyncClient, url: str, tally: _Tally) -> None:
    start = _audit_start(ctx, client, url)
    while start is not None:
        with ctx.transaction() as db:
            rows = db.scalars(
                select(AuditEntry)
                .where(AuditEntry.device_id == ctx.device_id, AuditEntry.seq > start)
                .order_by(AuditEntry.seq)
                .limit(AUDIT_BATCH)
            ).all()
            batch = _fitting([_entry(r) for r in rows])
            last_seq = rows[len(batch) - 1].seq if batch else start
        if not batch:
            return
        answer = client.upload_audit(batch)
        if answer.get("last_hash") != batch[-1]["hash"]:
            raise SyncProtocolError(msg("服务器确认的审计记录与所上传的不一致"))
        stored = answer.get("stored")
        tally.audit_entries += stored if isinstance(stored, int) else 0
        with ctx.transaction() as db:
            _remember_audit(db, url, last_seq, batch[-1]["hash"])
        start = last_seq


# ------------------------------------------------------------ evidence files


def _file_digest(path: Path) -> tuple[str, int] | None:
    """(sha256, size) of the file, ``None`` if it cannot be read."""
    digest = hashlib.sha256()
    size = 0
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except OSError:
        return None
    return digest.hexdigest(), size


def _evidence(ctx: Context, url: str) -> Iterator[tuple[str, int]]:
    """(sha256, size) of every evidence row whose file the server is not known to hold."""
    done = select(EVIDENCE_UPLOADS.c.sha256).where(EVIDENCE_UPLOADS.c.server_url == url)
    with ctx.transaction() as db:
        rows = db.execute(
            select(Evidence.sha256, Evidence.size)
            .where(Evidence.sha256.not_in(done))
            .distinct()
            .order_by(Evidence.sha256)
        ).all()
    for sha, size in rows:
        yield str(sha), int(size)


def _remember_file(ctx: Context, url: str, sha256: str) -> None:
    with ctx.transaction() as db:
        db.execute(EVIDENCE_UPLOADS.insert().values(server_url=url, sha256=sha256, at=ctx.now()))


def _send_files(
    ctx: Context, client: SyncClient, url: str, tally: _Tally, progress: ProgressSink
) -> None:
    for sha, size in _evidence(ctx, url):
        path = evidence_path(ctx, sha)
        if _file_digest(path) != (sha, size):
            continue  # missing or damaged here: fetched below if the server has it
        if size > MAX_PARTS_FILE_BYTES:
            tally.files_too_large += 1
            continue
        _show(progress, _SENDING, 0, size)
        if size > MAX_FILE_BYTES:
            sent = _send_in_parts(client, sha, size, path, progress)
        else:
            sent = client.put_evidence(sha, path.read_bytes())
        if sent:
            _remember_file(ctx, url, sha)
            tally.files_sent += 1
        else:
            tally.files_waiting += 1


def _show(progress: ProgressSink, what: str, done: int, size: int) -> None:
    progress.check()
    mib = 1024 * 1024
    text = msg(
        "{action}（{done:.0f} / {size:.0f} MB）", action=what, done=done / mib, size=size / mib
    )
    progress.update(done, size, text)


def _send_in_parts(
    client: SyncClient, sha: str, size: int, path: Path, progress: ProgressSink
) -> bool:
    """A file larger than one request, part by part, skipping the parts the
    server already holds (an upload cut before goes on where it stopped)."""
    parts = client.evidence_parts(sha, size)
    if parts is None:
        return False
    if parts.stored:
        return True
    with path.open("rb") as handle:
        for index in range(parts.count):
            if index in parts.received:
                continue
            _show(progress, _SENDING, index * parts.part_bytes, size)
            handle.seek(index * parts.part_bytes)
            if not client.put_evidence_part(sha, size, index, handle.read(parts.part_bytes)):
                return False
    return client.assemble_evidence(sha, size)


def _fetch_files(
    ctx: Context, client: SyncClient, url: str, tally: _Tally, progress: ProgressSink
) -> None:
    for sha, size in _evidence(ctx, url):
        path = evidence_path(ctx, sha)
        if path.is_file():
            continue  # held here, not yet on the server (counted above)
        try:
            write_whole(path, _fetch_parts(client, sha, size, progress))
        except _NotOnServer:
            tally.files_waiting += 1
            continue
        _remember_file(ctx, url, sha)
        tally.files_fetched += 1


class _NotOnServer(Exception):
    """The server does not have the file (yet), or this user may not see it."""


def _fetch_parts(
    client: SyncClient, sha: str, size: int, progress: ProgressSink
) -> Iterator[bytes]:
    """The file in parts of :data:`FETCH_BYTES` (one HTTP range each), its
    hash checked before the last part is handed over, so that a wrong file
    is never put in place."""
    digest = hashlib.sha256()
    for start in range(0, size, FETCH_BYTES):
        _show(progress, _FETCHING, start, size)
        end = min(size, start + FETCH_BYTES)
        piece = client.get_evidence(sha, start, end)
        if piece is None:
            raise _NotOnServer
        if len(piece) != end - start:
            raise SyncProtocolError(msg("从服务器收到的证据文件大小不对，未保存"))
        digest.update(piece)
        if end == size and digest.hexdigest() != sha:
            raise SyncProtocolError(msg("从服务器收到的证据文件与其哈希不符，未保存"))
        yield piece
