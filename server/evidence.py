"""Evidence files on the server (证据文件): the photos, scans and audio of a
visit, whose hashes travel in the ``visit.add_evidence`` ops, uploaded by the
laptop that registered them and fetched by the other laptops of the team.

* ``PUT /evidence/{sha256}`` (body: the file, ``application/octet-stream``):
  stored if the body hashes to ``sha256``, is no larger than
  :data:`MAX_FILE_BYTES` (else 413) and matches the size of an evidence row
  with that hash in a visit the caller may see. Sending it again changes
  nothing.
* A larger file (up to :data:`MAX_PARTS_FILE_BYTES`: 暗访 video) goes up in
  parts of :data:`PART_BYTES`, each one request, resumable after a cut:
  ``GET /evidence/{sha256}/parts?size=N`` says which parts the server holds,
  ``PUT /evidence/{sha256}/parts/{index}?size=N`` sends one (each part is
  written whole, as a file of its own), and
  ``POST /evidence/{sha256}/parts/assemble?size=N`` joins them once all are
  there, checks the hash (a mismatch discards the parts) and stores the file.
  Parts of an upload nobody finishes are removed by
  ``python -m server.admin prune-evidence-parts`` (:func:`prune_parts`).
* ``GET /evidence/{sha256}``: the file, on the same check; HTTP ranges are
  honoured, so a laptop fetches a large file part by part.

"A visit the caller may see" is the pull's rule (``server.sync.pull.Viewer``):
a visit follows its plan, so the evidence of a 暗访 visit reaches only the
plan's team and approvers; for anyone else it does not exist (404, the same
answer as for a hash no visit holds).

**Where the files are kept: on disk, content-addressed**, in
``<XIAONENG_SERVER_EVIDENCE_DIR>/<sha256[:2]>/<sha256>`` (``server.config``),
the layout of the laptops' evidence folders. Not in the database, because
audio and scans are large and never change: kept out of the tables, they do
not swell every ``pg_dump``, WAL segment and replica of the sync data; a file
is written once (to a temporary file in the same folder, flushed, then
renamed into place, so a cut upload leaves nothing half-written), and the
same content sent twice is one file. The price: every server process of the
office must see the same folder (one machine, or a shared mount), and
backups must copy the folder as well as the database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path as FilePath
from typing import Annotated, Any, Final

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse
from pydantic import BaseModel
from sqlalchemy import Text, cast, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.messages import msg
from desktop.store.files import write_whole
from server.accounts import Principal
from server.api import ROLE_ERRORS, Current, Sessions, settings
from server.errors import ApiError
from server.models import Record
from server.schemas import Reason
from server.sync.pull import Viewer
from server.sync.rules import PLAN_ENTITY, VISIT_ENTITY

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_PARTS_FILE_BYTES",
    "PART_BYTES",
    "prune_parts",
    "router",
    "stored_path",
]

#: The largest evidence file taken: the server's request-body limit
#: (``server.app.MAX_BODY_BYTES``), which the proxy in front must allow too.
MAX_FILE_BYTES: Final = 8 * 1024 * 1024
#: A larger file is sent in parts of this size (the last one shorter) ...
PART_BYTES: Final = 4 * 1024 * 1024
#: ... up to this size.
MAX_PARTS_FILE_BYTES: Final = 4 * 1024 * 1024 * 1024
_CHUNK: Final = 1024 * 1024
Sha256 = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$", description="SHA-256, lower-case hex")]

router = APIRouter(prefix="/evidence", tags=["evidence"])
EVIDENCE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ROLE_ERRORS,
    404: {"model": Reason, "description": "No visit the caller may see holds this file"},
}
UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    **EVIDENCE_ERRORS,
    413: {"model": Reason, "description": "The file is larger than the server takes"},
}
_BINARY: Final = {
    "requestBody": {
        "required": True,
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
}


def stored_path(folder: FilePath, sha256: str) -> FilePath:
    """Where the file with this hash is kept under ``folder``."""
    return folder / sha256[:2] / sha256


def _unknown() -> ApiError:
    return ApiError(404, "evidence.unknown", msg("没有可查看的检查记录含有该证据文件"))


def visible_sizes(db: Session, principal: Principal, sha256: str) -> set[int]:
    """The sizes recorded for ``sha256`` in the evidence of visits the
    principal may see (empty: none may be seen)."""
    visits = db.scalars(
        select(Record).where(
            Record.entity == VISIT_ENTITY, cast(Record.data, Text).like(f"%{sha256}%")
        )
    ).all()
    viewer = Viewer(db, principal)
    sizes: set[int] = set()
    for visit in visits:
        rows = [
            r
            for r in visit.data.get("evidence") or []
            if isinstance(r, dict) and r.get("sha256") == sha256
        ]
        if (
            rows
            and visit.plan_id
            and viewer.sees_plan(db.get(Record, (PLAN_ENTITY, visit.plan_id)))
        ):
            sizes.update(r["size"] for r in rows if isinstance(r.get("size"), int))
    return sizes


def _may_see(factory: sessionmaker[Session], principal: Principal, sha256: str) -> set[int]:
    with factory.begin() as db:
        sizes = visible_sizes(db, principal, sha256)
    if not sizes:
        raise _unknown()
    return sizes


def _size_error() -> ApiError:
    return ApiError(422, "evidence.size", msg("文件大小与检查记录中登记的不符"))


def _may_see_size(
    factory: sessionmaker[Session], principal: Principal, sha256: str, size: int
) -> None:
    if size not in _may_see(factory, principal, sha256):
        raise _size_error()


def _file_hash(path: FilePath) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _store(folder: FilePath, sha256: str, data: bytes, sizes: set[int]) -> None:
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ApiError(
            422, "evidence.hash", msg("文件内容与其 SHA-256 不符（传输中损坏或文件不对）")
        )
    if len(data) not in sizes:
        raise _size_error()
    target = stored_path(folder, sha256)
    if target.is_file() and _file_hash(target) == sha256:
        return  # already here
    _write(target, data)


def _write(target: FilePath, data: bytes | Iterator[bytes]) -> None:
    try:
        write_whole(target, data)
    except OSError:
        raise ApiError(
            503, "evidence.storage", msg("服务器暂时无法保存该文件（存储空间或权限），请稍后重试")
        ) from None


@router.put("/{sha256}", status_code=204, responses=UPLOAD_ERRORS, openapi_extra=_BINARY)
async def put_evidence(
    sha256: Sha256, request: Request, principal: Current, factory: Sessions
) -> Response:
    """Upload an evidence file (the request body, as is) of a visit the
    caller may see; its hash is checked. Idempotent."""
    sizes = await run_in_threadpool(_may_see, factory, principal, sha256)
    data = bytearray()
    async for chunk in request.stream():
        data.extend(chunk)
        if len(data) > MAX_FILE_BYTES:
            raise ApiError(
                413,
                "request.too_large",
                msg("证据文件不能超过 {size} MB", size=MAX_FILE_BYTES // (1024 * 1024)),
            )
    folder = settings(request).evidence_folder
    await run_in_threadpool(_store, folder, sha256, bytes(data), sizes)
    return Response(status_code=204)


@router.get(
    "/{sha256}",
    responses={
        **EVIDENCE_ERRORS,
        200: {"content": {"application/octet-stream": {}}, "description": "The file"},
    },
    response_class=FileResponse,
)
def get_evidence(
    sha256: Sha256, request: Request, principal: Current, factory: Sessions
) -> FileResponse:
    """An evidence file of a visit the caller may see (404 until it has been
    uploaded)."""
    _may_see(factory, principal, sha256)
    path = stored_path(settings(request).evidence_folder, sha256)
    if not path.is_file():
        raise ApiError(404, "evidence.not_uploaded", msg("该证据文件尚未从登记它的笔记本上传"))
    return FileResponse(path, media_type="application/octet-stream")


# ------------------------------------------------------------ large files

Size = Annotated[
    int, Query(ge=MAX_FILE_BYTES + 1, le=MAX_PARTS_FILE_BYTES, description="The file's size")
]
PART_ERRORS: dict[int | str, dict[str, Any]] = {
    **EVIDENCE_ERRORS,
    409: {"model": Reason, "description": "Parts are missing"},
}


class PartsOut(BaseModel):
    """Which parts of a large evidence file the server holds."""

    part_bytes: int
    count: int
    received: list[int]
    stored: bool


def _parts_folder(folder: FilePath, sha256: str, size: int) -> FilePath:
    return folder / sha256[:2] / f"{sha256}.{size}.parts"


def _part_path(folder: FilePath, sha256: str, size: int, index: int) -> FilePath:
    return _parts_folder(folder, sha256, size) / f"{index:06d}"


def _count(size: int) -> int:
    return -(-size // PART_BYTES)


@router.get("/{sha256}/parts", responses=EVIDENCE_ERRORS)
def evidence_parts(
    sha256: Sha256, size: Size, request: Request, principal: Current, factory: Sessions
) -> PartsOut:
    """The parts of a large evidence file the server holds (to resume an upload)."""
    _may_see_size(factory, principal, sha256, size)
    folder = settings(request).evidence_folder
    parts = _parts_folder(folder, sha256, size)
    received = sorted(
        int(p.name) for p in (parts.iterdir() if parts.is_dir() else ()) if p.name.isdigit()
    )
    stored = stored_path(folder, sha256).is_file()
    return PartsOut(part_bytes=PART_BYTES, count=_count(size), received=received, stored=stored)


@router.put(
    "/{sha256}/parts/{index}", status_code=204, responses=UPLOAD_ERRORS, openapi_extra=_BINARY
)
async def put_evidence_part(
    sha256: Sha256,
    index: Annotated[int, Path(ge=0, lt=MAX_PARTS_FILE_BYTES // PART_BYTES)],
    size: Size,
    request: Request,
    principal: Current,
    factory: Sessions,
) -> Response:
    """One part (bytes ``index * part_bytes`` onwards) of a large evidence
    file of a visit the caller may see. Idempotent."""
    await run_in_threadpool(_may_see_size, factory, principal, sha256, size)
    if index >= _count(size):
        raise ApiError(422, "evidence.part", msg("分片序号超出了文件大小"))
    expected = min(PART_BYTES, size - index * PART_BYTES)
    data = bytearray()
    async for chunk in request.stream():
        data.extend(chunk)
        if len(data) > expected:
            break
    if len(data) != expected:
        raise ApiError(
            422,
            "evidence.part",
            msg("第 {index} 个分片应有 {size} 字节", index=index, size=expected),
        )
    folder = settings(request).evidence_folder
    if not stored_path(folder, sha256).is_file():
        await run_in_threadpool(_write, _part_path(folder, sha256, size, index), bytes(data))
    return Response(status_code=204)


@router.post("/{sha256}/parts/assemble", status_code=204, responses=PART_ERRORS)
def assemble_evidence(
    sha256: Sha256, size: Size, request: Request, principal: Current, factory: Sessions
) -> Response:
    """Join the parts into the file once all are there; its hash is checked
    (on a mismatch the parts are discarded: send them again)."""
    _may_see_size(factory, principal, sha256, size)
    folder = settings(request).evidence_folder
    target = stored_path(folder, sha256)
    parts = _parts_folder(folder, sha256, size)
    if not target.is_file():
        paths = [_part_path(folder, sha256, size, i) for i in range(_count(size))]
        missing = sum(not p.is_file() for p in paths)
        if missing:
            raise ApiError(
                409, "evidence.parts_missing", msg("还缺 {count} 个分片，请先上传", count=missing)
            )
        digest = hashlib.sha256()
        for chunk in _read_all(paths):
            digest.update(chunk)
        if digest.hexdigest() != sha256:
            shutil.rmtree(parts, ignore_errors=True)
            raise ApiError(
                422, "evidence.hash", msg("文件内容与其 SHA-256 不符（传输中损坏或文件不对）")
            )
        _write(target, _read_all(paths))
    shutil.rmtree(parts, ignore_errors=True)
    return Response(status_code=204)


def _read_all(paths: list[FilePath]) -> Iterator[bytes]:
    for path in paths:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                yield chunk


def prune_parts(folder: FilePath, older_than: dt.timedelta, now: dt.datetime) -> int:
    """Remove the parts of large-file uploads nobody finished: folders none
    of whose parts changed within ``older_than`` (``python -m server.admin
    prune-evidence-parts``). How many were removed."""
    cutoff = (now - older_than).timestamp()
    removed = 0
    for parts in folder.glob("??/*.parts"):
        newest = max((p.stat().st_mtime for p in parts.iterdir()), default=parts.stat().st_mtime)
        if newest < cutoff:
            shutil.rmtree(parts, ignore_errors=True)
            removed += 1
    return removed
