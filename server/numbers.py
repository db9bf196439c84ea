"""Document-number blocks (文号段): the office's series of document numbers
(发文字号) per issuer prefix and year, handed out to laptops in small blocks so
that sign-off works offline without two laptops ever giving the same number.

* ``POST /numbers/blocks`` reserves the next ``size`` serials of (prefix,
  year) for the calling device. The series row is locked (PostgreSQL: ``SELECT
  … FOR UPDATE``; SQLite: the database write lock, taken by the first
  statement) and advanced in the same transaction as the block is recorded,
  so concurrent requests get disjoint blocks and a failed request takes
  nothing. The laptop names each request (``request_id``, derived from the
  device, prefix, year and the block's ordinal on the laptop): asking again
  after a cut connection returns the same block instead of a new one.
* ``POST /numbers/blocks/{id}/return`` gives back the unused tail of a block
  (the laptop does so for past years' blocks at the turn of the year); those
  serials are void (作废), never handed out again, and a number among them is
  refused.
* ``GET /numbers/blocks`` is the office's report of a series: every block,
  which serials were used, which are still held by a laptop and which were
  returned.

What is guaranteed, office-wide, for each prefix and year:

1. **No duplicates.** Blocks are disjoint; the server accepts a signed-off
   number (``document.sign_off``) only if it lies in a block given to the
   pushing device and not returned, and only once (``records`` is unique on
   the number); a decision's number must be that of its own issued document
   (``server.sync.rules``).
2. **No unexplained gaps.** Every serial from 1 to the last handed out is in
   exactly one block and is either used by a signed-off document, held unused
   by the device the block was given to, or returned void; the report lists
   the latter two. A laptop uses its blocks in order and always the lowest
   free serial, so its used serials are a prefix of its blocks. Blocks are
   small (10 by default) and a device may hold at most
   :data:`MAX_IDLE_BLOCKS` untouched blocks of a series, so what a laptop can
   hold unused is bounded. Numbers are therefore gapless in each laptop's own
   order of sign-off, and across the office the only gaps are the serials the
   report shows as held or returned; once every laptop has synced after the
   year's end the held ones of that year are returned and the gaps are final
   and listed.

A laptop that works alone (no server address) keeps its local counter
(``desktop.documents.numbers``); its numbers are not checked here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Annotated, Final

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from desktop.documents.model import document_number
from desktop.domain.common import Role
from desktop.domain.messages import msg
from desktop.store.ids import new_id
from server.accounts import Principal
from server.api import ROLE_ERRORS, Sessions, requires
from server.db import is_postgresql
from server.errors import ApiError
from server.models import Base, Record, UtcDateTime, utcnow
from server.schemas import ID_PATTERN, NO_NUL, UUID_PATTERN, Reason
from server.sync import spec

__all__ = [
    "BLOCK_SIZE",
    "MAX_BLOCK_SIZE",
    "MAX_IDLE_BLOCKS",
    "NumberBlock",
    "NumberSeries",
    "block_holding",
    "router",
]

#: Serials in a block unless the laptop asks otherwise, and at most.
BLOCK_SIZE: Final = 10
MAX_BLOCK_SIZE: Final = 100
#: Blocks of one series a device may hold with none of their serials used.
MAX_IDLE_BLOCKS: Final = 3
#: Who gets blocks: whoever may push a sign-off (supervisors, office heads).
SIGNERS: Final = spec.ACTIONS["document.sign_off"].roles
#: Who may read the report of a series.
READERS: Final = SIGNERS | {Role.ADMINISTRATOR}
_CHINA: Final = dt.timezone(dt.timedelta(hours=8))
_ISSUED: Final = "issued_documents"


# -------------------------------------------------------------------- tables


class NumberSeries(Base):
    """The office's series of one prefix in one year (发文字号序列): the last
    serial handed out in a block. Its row is what concurrent requests queue on."""

    __tablename__ = "number_series"
    prefix: Mapped[str] = mapped_column(String(32), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_serial: Mapped[int] = mapped_column(Integer, nullable=False)


class NumberBlock(Base):
    """Serials ``first_serial``…``last_serial`` of a series, given to one device
    (文号段). ``returned_from``: serials from there on were given back, void."""

    __tablename__ = "number_blocks"
    __table_args__ = (
        UniqueConstraint("device_id", "request_id"),
        Index("ix_number_blocks_series", "prefix", "year", "first_serial"),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    request_id: Mapped[str] = mapped_column(String(36), nullable=False)
    prefix: Mapped[str] = mapped_column(String(32), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    first_serial: Mapped[int] = mapped_column(Integer, nullable=False)
    last_serial: Mapped[int] = mapped_column(Integer, nullable=False)
    device_id: Mapped[str] = mapped_column(String(36), ForeignKey("devices.id"), nullable=False)
    user_id: Mapped[str] = mapped_column(String(36), ForeignKey("users.id"), nullable=False)
    issued_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    returned_from: Mapped[int | None] = mapped_column(Integer, nullable=True)
    returned_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)

    @property
    def end(self) -> int:
        """One past the last serial the device may still use."""
        return self.returned_from if self.returned_from is not None else self.last_serial + 1


# --------------------------------------------------------------- the rules


def known_prefixes() -> frozenset[str]:
    """Every number prefix of the rule profiles the server ships."""
    from server.sync.rules import known_profiles, load_profile

    return frozenset(
        prefix
        for profile_id in known_profiles()
        for prefix in load_profile(profile_id).documents.number_prefixes.values()
    )


def block_holding(
    db: Session, device_id: str, prefix: str, year: int, serial: int
) -> NumberBlock | None:
    """The block of ``device_id`` that holds the serial (not returned), if any."""
    return db.scalar(
        select(NumberBlock)
        .where(
            NumberBlock.device_id == device_id,
            NumberBlock.prefix == prefix,
            NumberBlock.year == year,
            NumberBlock.first_serial <= serial,
            NumberBlock.last_serial >= serial,
        )
        .where((NumberBlock.returned_from.is_(None)) | (NumberBlock.returned_from > serial))
    )


def used_serials(db: Session, prefix: str, year: int) -> set[int]:
    """The serials of (prefix, year) used by documents signed off on the server."""
    head = document_number(prefix, year, 0).removesuffix("0号")
    pattern = re.compile(re.escape(head) + r"([1-9][0-9]*)号")
    escaped = head.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    numbers = db.scalars(
        select(Record.natural_key).where(
            Record.entity == _ISSUED, Record.natural_key.like(escaped + "%", escape="\\")
        )
    )
    found = (pattern.fullmatch(n or "") for n in numbers)
    return {int(m.group(1)) for m in found if m is not None}


def _sane_year(year: int, today: dt.date) -> None:
    if not today.year - 1 <= year <= today.year + 1:
        raise ApiError(
            422,
            "numbers.year",
            msg(
                "年份应为 {first} 至 {last} 年之间（按中国时间的今天）",
                first=today.year - 1,
                last=today.year + 1,
            ),
        )


def _known_prefix(prefix: str) -> None:
    if prefix not in known_prefixes():
        raise ApiError(422, "numbers.prefix", msg("机关代字不是规则配置中的发文字号前缀（prefix）"))


def _lock_series(db: Session, prefix: str, year: int) -> NumberSeries:
    """The series row, created if new, locked for the rest of the transaction."""
    values = {"prefix": prefix, "year": year, "last_serial": 0}
    insert = pg_insert if is_postgresql(db) else sqlite_insert
    db.execute(insert(NumberSeries).values(**values).on_conflict_do_nothing())
    return db.scalars(
        select(NumberSeries)
        .where(NumberSeries.prefix == prefix, NumberSeries.year == year)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def _idle_blocks(blocks: Iterable[NumberBlock], used: set[int]) -> int:
    return sum(
        1
        for b in blocks
        if b.returned_from is None and not any(b.first_serial <= s <= b.last_serial for s in used)
    )


def reserve(db: Session, principal: Principal, request: BlockIn, now: dt.datetime) -> NumberBlock:
    """Reserve a block for the principal's device in ``db``'s transaction (see
    the module doc); the same request id gives back the same block."""
    _known_prefix(request.prefix)
    _sane_year(request.year, now.astimezone(_CHINA).date())
    series = _lock_series(db, request.prefix, request.year)
    earlier = db.scalar(
        select(NumberBlock).where(
            NumberBlock.device_id == principal.device_id,
            NumberBlock.request_id == request.request_id,
        )
    )
    if earlier is not None:
        same = (earlier.prefix, earlier.year, earlier.last_serial - earlier.first_serial + 1) == (
            request.prefix,
            request.year,
            request.size,
        )
        if not same:
            raise ApiError(409, "numbers.request_reused", msg("该请求编号已用于另一个文号段请求"))
        return earlier
    mine = db.scalars(
        select(NumberBlock).where(
            NumberBlock.device_id == principal.device_id,
            NumberBlock.prefix == request.prefix,
            NumberBlock.year == request.year,
        )
    ).all()
    if len(mine) >= MAX_IDLE_BLOCKS:
        used = used_serials(db, request.prefix, request.year)
        if _idle_blocks(mine, used) >= MAX_IDLE_BLOCKS:
            raise ApiError(
                409,
                "numbers.too_many_idle",
                msg(
                    "本设备已有 {count} 个尚未使用的该类文号段：请先同步已签发的文书",
                    count=MAX_IDLE_BLOCKS,
                ),
            )
    first = series.last_serial + 1
    db.execute(
        update(NumberSeries)
        .where(NumberSeries.prefix == request.prefix, NumberSeries.year == request.year)
        .values(last_serial=first + request.size - 1)
    )
    block = NumberBlock(
        id=new_id(),
        request_id=request.request_id,
        prefix=request.prefix,
        year=request.year,
        first_serial=first,
        last_serial=first + request.size - 1,
        device_id=principal.device_id,
        user_id=principal.user_id,
        issued_at=now,
    )
    db.add(block)
    db.flush()
    return block


def give_back(db: Session, principal: Principal, block_id: str, first_unused: int) -> NumberBlock:
    """Return serials ``first_unused``…last of the device's block: void from then on."""
    block = db.get(NumberBlock, block_id, with_for_update=True)
    if block is None or block.device_id != principal.device_id:
        raise ApiError(404, "numbers.unknown_block", msg("本设备没有该文号段"))
    if not block.first_serial <= first_unused <= block.last_serial + 1:
        raise ApiError(422, "numbers.return_range", msg("退回的起始序号应在该文号段之内"))
    if first_unused >= block.end:
        return block
    used = used_serials(db, block.prefix, block.year)
    if any(first_unused <= s <= block.last_serial for s in used):
        raise ApiError(409, "numbers.return_used", msg("退回的序号中有已签发文书使用的，不能退回"))
    block.returned_from = first_unused
    block.returned_at = utcnow()
    return block


# ------------------------------------------------------------------- schemas


class BlockIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    prefix: Annotated[
        str,
        Field(min_length=1, max_length=32, pattern=NO_NUL, description="机关代字, e.g. 闽效问"),
    ]
    year: Annotated[int, Field(ge=1900, le=2999, description="The series' year (China time)")]
    size: Annotated[int, Field(ge=1, le=MAX_BLOCK_SIZE)] = BLOCK_SIZE
    request_id: Annotated[
        str,
        Field(
            pattern=UUID_PATTERN,
            description="Names this request: asking again with it returns the same block",
        ),
    ]


class BlockOut(BaseModel):
    id: str
    request_id: str
    prefix: str
    year: int
    first: int
    last: int
    device_id: str
    issued_at: dt.datetime
    returned_from: int | None


class ReturnIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    first_unused: Annotated[
        int, Field(ge=1, le=2**31 - 1, description="The first serial given back (to the end)")
    ]


class BlockReport(BlockOut):
    user_id: str
    used: list[int]
    held: list[int] = Field(description="Not used, still the device's to use")
    returned: list[int] = Field(description="Given back unused: void")


class SeriesReport(BaseModel):
    prefix: str
    year: int
    handed_out: int = Field(description="The last serial handed out in a block")
    used: int
    held: list[int]
    returned: list[int]
    blocks: list[BlockReport]


def _out(block: NumberBlock) -> BlockOut:
    return BlockOut(
        id=block.id,
        request_id=block.request_id,
        prefix=block.prefix,
        year=block.year,
        first=block.first_serial,
        last=block.last_serial,
        device_id=block.device_id,
        issued_at=block.issued_at,
        returned_from=block.returned_from,
    )


def _report(block: NumberBlock, used: set[int]) -> BlockReport:
    serials = range(block.first_serial, block.last_serial + 1)
    return BlockReport(
        **_out(block).model_dump(),
        user_id=block.user_id,
        used=[s for s in serials if s in used],
        held=[s for s in serials if s not in used and s < block.end],
        returned=[s for s in serials if s not in used and s >= block.end],
    )


# -------------------------------------------------------------------- routes

router = APIRouter(prefix="/numbers", tags=["numbers"])
Signer = Annotated[Principal, Depends(requires(*SIGNERS))]
NUMBER_ERRORS: dict[int | str, dict[str, object]] = {
    **ROLE_ERRORS,
    409: {"model": Reason, "description": "The request id was used otherwise, or too many idle"},
}


@router.post("/blocks", responses=NUMBER_ERRORS)
def request_block(body: BlockIn, principal: Signer, factory: Sessions) -> BlockOut:
    """Reserve the next block of serials of (prefix, year) for this device, so
    that its signers can number documents offline. Asking again with the same
    ``request_id`` returns the same block."""
    now = utcnow()
    try:
        with factory.begin() as db:
            return _out(reserve(db, principal, body, now))
    except IntegrityError:
        # The same request id raced in for another series at the same moment:
        # asking again finds the one that won (and answers 409 if it differs).
        with factory.begin() as db:
            return _out(reserve(db, principal, body, now))


@router.post("/blocks/{block_id}/return", responses={**NUMBER_ERRORS, 404: {"model": Reason}})
def return_block(
    block_id: Annotated[str, Path(pattern=ID_PATTERN, max_length=36)],
    body: ReturnIn,
    principal: Signer,
    factory: Sessions,
) -> BlockOut:
    """Give back the serials of this device's block from ``first_unused`` to its
    end, unused: they are void and never handed out again."""
    with factory.begin() as db:
        return _out(give_back(db, principal, block_id, body.first_unused))


@router.get("/blocks", responses=ROLE_ERRORS)
def series_report(
    _principal: Annotated[Principal, Depends(requires(*READERS))],
    factory: Sessions,
    prefix: Annotated[str, Query(min_length=1, max_length=32, pattern=NO_NUL)],
    year: Annotated[int, Query(ge=1900, le=2999)],
) -> SeriesReport:
    """The office's report of one series: each block, its used serials, those
    still held by the device and those returned void."""
    with factory.begin() as db:
        series = db.get(NumberSeries, (prefix, year))
        blocks = db.scalars(
            select(NumberBlock)
            .where(NumberBlock.prefix == prefix, NumberBlock.year == year)
            .order_by(NumberBlock.first_serial)
        ).all()
        used = used_serials(db, prefix, year)
        reports = [_report(b, used) for b in blocks]
    return SeriesReport(
        prefix=prefix,
        year=year,
        handed_out=series.last_serial if series is not None else 0,
        used=sum(len(r.used) for r in reports),
        held=[s for r in reports for s in r.held],
        returned=[s for r in reports for s in r.returned],
        blocks=reports,
    )
