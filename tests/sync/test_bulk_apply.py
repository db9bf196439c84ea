"""A pull page applied in bulk does what applying its ops one by one does:
new records written with multi-row INSERTs, a record that cannot be written
yet parked alone, audit entries chained (no server needed: the ops are given)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select

from desktop.store import audit
from desktop.store.ids import new_id
from desktop.store.models import Agency, AuditEntry, Official, SyncRecord
from desktop.sync.engine import PageApply, SyncReport
from desktop.sync.protocol import PulledOp
from desktop.sync.state import state_hash

from .support import PROFILE, Laptop, Office, open_laptop

OTHER_DEVICE = "0190a000-0000-7000-8000-0000000000e9"


def pulled(seq: int, entity: str, entity_id: str, action: str, **changes: object) -> PulledOp:
    return PulledOp(
        seq=seq,
        op_id=new_id(),
        entity=entity,
        entity_id=entity_id,
        action=action,
        changes=changes,
        base_version=0 if action.endswith("create") else 1,
        version=1 if action.endswith("create") else 2,
        hlc=f"{1_790_000_000_000 + seq:013d}-0000-{OTHER_DEVICE}",
        device_id=OTHER_DEVICE,
        user_id=None,
    )


def apply(laptop: Laptop, pages: Sequence[Sequence[PulledOp]]) -> SyncReport:
    report = SyncReport(started_at=dt.datetime.now(dt.UTC))
    session = laptop.login("s_admin")
    for page in pages:
        with laptop.ctx.transaction() as db:
            PageApply(laptop.ctx, db, session, 0, report).run(page)
    return report


def test_a_page_in_bulk_equals_its_ops_one_by_one(
    base_laptop: tuple[Path, Office], tmp_path: Path
) -> None:
    base, office = base_laptop
    agency, good, bad = new_id(), new_id(), new_id()
    ops = [
        pulled(
            1,
            "agencies",
            agency,
            "agency.create",
            name="福州市人社局",
            kind="agency",
            level=2,
            office_id=office.city_office,
            profile_id=PROFILE,
            staff_count=30,
        ),
        pulled(
            2,
            "officials",
            good,
            "official.create",
            name="李四",
            agency_id=agency,
            position="科员",
            is_head=False,
            is_office_staff=False,
        ),
        pulled(  # an agency this laptop does not have: parked, the others written
            3,
            "officials",
            bad,
            "official.create",
            name="王五",
            agency_id=new_id(),
            position="科员",
            is_head=False,
            is_office_staff=False,
        ),
        pulled(4, "officials", good, "official.update", position="副科长"),
    ]
    laptops = [
        open_laptop(
            name,
            base,
            office,
            tmp_path / name,
            f"0190a000-0000-7000-8000-00000000{n}",
            "http://127.0.0.1:9",
        )
        for n, name in (("00f1", "bulk"), ("00f2", "single"))
    ]
    bulk, single = laptops
    try:
        reports = [apply(bulk, [ops]), apply(single, [[op] for op in ops])]
        for report in reports:
            assert (report.applied, report.parked) == (3, 1)
        hashes = {state_hash(lap.ctx) for lap in laptops}
        assert len(hashes) == 1
        with bulk.ctx.transaction() as db:
            assert db.get(Agency, agency) is not None
            official = db.get(Official, good)
            assert official is not None and official.position == "副科长"
            assert official.version == 2
            assert db.get(Official, bad) is None
            parked = db.get(SyncRecord, ("officials", bad))
            assert parked is not None and "本机没有" in parked.problem
            entries = db.scalars(select(AuditEntry).where(AuditEntry.action == "sync.apply")).all()
            assert [len(e.details["ops"]) for e in entries] == [4]  # one entry for the page
            assert audit.verify(db) == []
    finally:
        for lap in laptops:
            lap.close()
