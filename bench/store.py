"""Store benchmark (issue 3): prints

1. registering 10,000 complaints through the real service (identity sealed for
   every handler and the recovery key, blind indexes, audit entry, outbox op,
   one transaction each): total time and median per complaint;
2. finding repeat complainants among 100,000 complaints: the median time of a
   blind-index lookup (normalise + HMAC-SHA256 + indexed query) and of a plain
   indexed lookup of the same ID number stored in clear (a bench-only table;
   the product never stores it), and their ratio (goal <= 2x); plus the
   median of the whole service call ``find_repeat_complainants``.

Run: ``.venv/bin/python bench/store.py [--complaints 10000] [--total 100000]``.
Medians, not means: these machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Index, MetaData, String, Table, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.crypto import ComplainantIdentity, check_character, generate_keypair
from desktop.domain.common import Role
from desktop.resources import load_profile
from desktop.services import auth, complaints
from desktop.services.base import Context
from desktop.store.db import open_store
from desktop.store.ids import new_id
from desktop.store.models import Agency, Complaint

PASSWORD = "bench-password"
RNG = random.Random(20261126)


def id_number() -> str:
    region = RNG.choice(["350102", "350104", "340503", "110101", "440305"])
    born = dt.date(1950, 1, 1) + dt.timedelta(days=RNG.randrange(0, 20000))
    first17 = f"{region}{born:%Y%m%d}{RNG.randrange(1000):03d}"
    return first17 + check_character(first17)


def phone() -> str:
    return f"1{RNG.choice('3456789')}{RNG.randrange(10**9):09d}"


def setup(folder: Path) -> tuple[Context, auth.UserSession, str]:
    store = open_store(folder)
    now = dt.datetime(2026, 11, 2, 1, 0, tzinfo=dt.UTC)
    ctx = Context(store, new_id(), load_profile("fujian-2024"), clock=lambda: now)
    with ctx.transaction() as db:
        office = Agency(name="福州市效能办", kind="office", level=2, profile_id="fujian-2024")
        agency = Agency(
            name="福州市市场监督管理局",
            kind="agency",
            level=2,
            profile_id="fujian-2024",
            staff_count=100,
        )
        db.add_all([office, agency])
        db.flush()
        for name in ("handler", "handler2"):
            auth.create_user(
                ctx,
                db,
                None,
                username=name,
                display_name=name,
                password=PASSWORD,
                roles=[Role.COMPLAINT_HANDLER],
                office_id=office.id,
            )
        auth.setup_office_keys(ctx, db, generate_keypair()[1])
        agency_id = agency.id
    return ctx, auth.sign_in(ctx, "handler", PASSWORD), agency_id


def register(ctx: Context, handler: auth.UserSession, agency_id: str, n: int) -> list[float]:
    times = []
    for i in range(n):
        identity = ComplainantIdentity(
            name=f"投诉人{i}",
            id_number=id_number(),
            phone=phone(),
            address="福州市鼓楼区",
            notes="",
        )
        start = time.perf_counter()
        complaints.register_complaint(
            ctx,
            handler,
            channel="hotline_12345",
            received_on=dt.date(2026, 11, 2),
            subject_agency_id=agency_id,
            matter=f"窗口办事拖延 {i}",
            identity=identity,
        )
        times.append(time.perf_counter() - start)
    return times


def fill(
    ctx: Context, handler: auth.UserSession, agency_id: str, have: int, total: int
) -> list[str]:
    """Bulk-insert complaints up to ``total``; returns every plaintext ID number."""
    indexer = handler.blind_indexer
    assert indexer is not None
    with ctx.transaction() as db:
        sample = db.scalars(select(Complaint).limit(1)).one()
        blob, due, office = sample.sealed_identity, sample.due_on, sample.office_id
    numbers = [id_number() for _ in range(total)]
    rows: list[dict[str, Any]] = [
        {
            "id": new_id(),
            "profile_id": "fujian-2024",
            "office_id": office,
            "channel": "letter",
            "received_on": dt.date(2026, 10, 9),
            "anonymous": False,
            "sealed_identity": blob,
            "id_number_index": indexer.id_number(numbers[i]),
            "phone_index": indexer.phone(phone()),
            "subject_agency_id": agency_id,
            "matter": "批量",
            "urgent_criteria": [],
            "registered_by": handler.user_id,
            "state": "registered",
            "due_on": due,
            "version": 1,
            "updated_at": ctx.now(),
        }
        for i in range(have, total)
    ]
    with ctx.transaction() as db:
        for chunk in range(0, len(rows), 5000):
            db.execute(insert(Complaint), rows[chunk : chunk + 5000])
    return numbers


def median_us(samples: list[float]) -> float:
    return statistics.median(samples) * 1e6


def lookups(
    ctx: Context, handler: auth.UserSession, numbers: list[str], rounds: int
) -> tuple[list[float], list[float], list[float]]:
    indexer = handler.blind_indexer
    assert indexer is not None
    plain = Table(
        "bench_plain_ids",
        MetaData(),
        Column("id", String(36)),
        Column("id_number", String(18)),
        Index("ix_bench_plain", "id_number"),
    )
    plain.create(ctx.store.engine)
    with ctx.transaction() as db:
        db.execute(insert(plain), [{"id": new_id(), "id_number": n} for n in numbers])
    probes = [RNG.choice(numbers) for _ in range(rounds)]
    blind, clear, service = [], [], []
    with ctx.transaction() as db:
        for n in probes:  # interleaved, so both see the same machine load
            start = time.perf_counter()
            db.scalars(
                select(Complaint.id).where(Complaint.id_number_index == indexer.id_number(n))
            ).all()
            blind.append(time.perf_counter() - start)
            start = time.perf_counter()
            db.scalars(select(plain.c.id).where(plain.c.id_number == n)).all()
            clear.append(time.perf_counter() - start)
    for n in probes[: rounds // 4]:
        start = time.perf_counter()
        complaints.find_repeat_complainants(ctx, handler, id_number=n)
        service.append(time.perf_counter() - start)
    return blind, clear, service


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=10_000)
    parser.add_argument("--total", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ctx, handler, agency_id = setup(Path(tmp))
        times = register(ctx, handler, agency_id, args.complaints)
        print(
            f"register {args.complaints} complaints: {sum(times):.1f} s total, "
            f"median {median_us(times) / 1000:.2f} ms each "
            f"({args.complaints / sum(times):.0f} per second)"
        )
        numbers = fill(ctx, handler, agency_id, args.complaints, args.total)
        blind, clear, service = lookups(ctx, handler, numbers, args.rounds)
        ratio = statistics.median(blind) / statistics.median(clear)
        print(f"repeat-complainant lookup among {args.total} complaints (median of {args.rounds}):")
        print(f"  blind index (normalise + HMAC + indexed query): {median_us(blind):.0f} us")
        print(f"  plain indexed lookup of the ID in clear:       {median_us(clear):.0f} us")
        print(f"  ratio blind / plain: {ratio:.2f}x (goal <= 2x)")
        print(f"  whole service call find_repeat_complainants:  {median_us(service):.0f} us")
        ctx.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
