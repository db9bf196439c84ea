"""Document numbers across laptops (issue 6): two laptops and the real server
(uvicorn on a socket, PostgreSQL and SQLite). Each laptop numbers from the
blocks the server gave it, so both sign off offline in the same series and
year and never give the same number; the server accepts every number and the
office has no duplicate. A laptop out of numbers offline says to sync; a lost
block answer is asked for again without taking a second block; at the turn of
the year the unused serials of the old year go back to the server."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.documents import numbers
from desktop.services import decisions, rectifications, sync as sync_service
from desktop.services.documents import DocumentWorkflowError, sign_off_document
from desktop.store.models import IssuedDocument, NumberBlock as LaptopBlock, OutboxOp
from desktop.sync.engine import PENDING, STATUS_REJECTED
from server.numbers import NumberBlock as ServerBlock
from tests.accounts import PASSWORD

from .support import DEVICE_A, CutAfterSending, Laptop, LiveServer, back_up, restored_from

MakeLaptop = Callable[[str], Laptop]
NOTICE = "rectification_notice"
NOTICES = "闽效改"
BLOCK = numbers.BLOCK_SIZE


def notice(laptop: Laptop) -> str:
    return rectifications.issue_rectification(
        laptop.ctx,
        laptop.login("s_sup"),
        kind="requirement",
        agency_id=laptop.office.agency,
        content="窗口服务须一次性告知办事材料",
        issued_on=laptop.ctx.today(),
    )


def signed_notice(laptop: Laptop) -> str:
    return sign_off_document(laptop.ctx, laptop.login("s_sup"), NOTICE, notice(laptop))


def signed_decision(laptop: Laptop) -> str:
    office = laptop.office
    decision_id = decisions.draft_decision(
        laptop.ctx,
        laptop.login("s_sup"),
        decider_id=office.city_office,
        subject_kind="official",
        subject_agency_id=office.agency,
        subject_official_id=office.official,
        ground_ids=["fj36_1_3"],
        measure_ids=["efficiency_warning"],
        facts="推诿扯皮",
    )
    view = decisions.sign_decision(
        laptop.ctx, laptop.login("s_head"), decision_id, decided_on=laptop.ctx.today()
    )
    assert view.document_number is not None
    return view.document_number


def year_of(laptop: Laptop) -> int:
    return numbers.china_date(laptop.ctx.now()).year


def sync_all(*laptops: Laptop) -> None:
    for laptop in laptops:
        for user in ("s_sup", "s_head"):
            laptop.sync(user)


def laptop_numbers(laptop: Laptop) -> set[str]:
    with laptop.ctx.transaction() as db:
        return set(db.scalars(select(IssuedDocument.number)))


def server_numbers(live: LiveServer) -> list[str]:
    return [str(r[3]["number"]) for r in live.records(["issued_documents"])]


def series_report(live: LiveServer, prefix: str, year: int) -> dict[str, Any]:
    """The office's report of a series (``GET /numbers/blocks``), as the head."""
    with httpx.Client(base_url=live.url) as http:
        login = http.post(
            "/auth/login",
            json={"username": "s_head", "password": PASSWORD, "device_id": DEVICE_A},
        )
        token = login.json()["token"]
        answer = http.get(
            "/numbers/blocks",
            params={"prefix": prefix, "year": year},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def test_two_laptops_offline_give_distinct_numbers_the_server_accepts_all(
    make_laptop: MakeLaptop, live_server: LiveServer
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    sync_all(a, b)  # online once: each gets its blocks
    year = year_of(a)
    # offline: both sign off in the same series and year
    on_a = [signed_notice(a) for _ in range(4)] + [signed_decision(a)]
    on_b = [signed_notice(b) for _ in range(4)] + [signed_decision(b)]
    assert on_a[:4] == [f"{NOTICES}〔{year}〕{n}号" for n in range(1, 5)]
    assert on_b[:4] == [f"{NOTICES}〔{year}〕{n}号" for n in range(BLOCK + 1, BLOCK + 5)]
    assert on_a[4] == f"闽效问〔{year}〕1号" and on_b[4] == f"闽效问〔{year}〕{BLOCK + 1}号"
    assert not set(on_a) & set(on_b)
    sync_all(a, b, a)
    for laptop in (a, b):
        with laptop.ctx.transaction() as db:
            left = db.scalars(
                select(OutboxOp).where(OutboxOp.status.in_((PENDING, STATUS_REJECTED)))
            ).all()
        assert [(o.action, o.status, o.reason) for o in left] == []
        assert sync_service.sync_status(laptop.ctx, laptop.login("s_sup")).conflicts == []
    on_server = server_numbers(live_server)
    assert sorted(on_server) == sorted(on_a + on_b)  # every number accepted, none twice
    assert len(set(on_server)) == len(on_server)
    assert laptop_numbers(a) == laptop_numbers(b) == set(on_a + on_b)
    decided = [r[3]["document_number"] for r in live_server.records(["decisions"])]
    assert sorted(decided) == sorted([on_a[4], on_b[4]])


def test_a_laptop_out_of_numbers_offline_is_told_to_sync_and_then_gets_more(
    make_laptop: MakeLaptop, live_server: LiveServer
) -> None:
    a = make_laptop("a")
    a.sync("s_sup")
    year = year_of(a)
    for _ in range(BLOCK):
        signed_notice(a)
    record = notice(a)
    with pytest.raises(DocumentWorkflowError, match="联网同步以获取文号") as refused:
        sign_off_document(a.ctx, a.login("s_sup"), NOTICE, record)
    assert refused.value.code == "document.no_numbers"
    with a.ctx.transaction() as db:  # the refused sign-off wrote nothing
        assert db.scalar(select(func.count()).select_from(IssuedDocument)) == BLOCK
        pending = db.scalars(select(OutboxOp).where(OutboxOp.status == PENDING)).all()
    assert sum(o.action == "document.sign_off" for o in pending) == BLOCK
    outcome = sync_service.run_sync(a.ctx, a.login("s_sup"), a.client("s_sup"))
    assert outcome.numbers.received == (f"{NOTICES}〔{year}〕{BLOCK + 1}—{2 * BLOCK}号",)
    assert outcome.numbers.problem == ""
    got = sign_off_document(a.ctx, a.login("s_sup"), NOTICE, record)
    assert got == f"{NOTICES}〔{year}〕{BLOCK + 1}号"


def test_a_laptop_that_works_alone_keeps_its_own_counter(make_laptop: MakeLaptop) -> None:
    a = make_laptop("a")
    sync_service.set_server(a.ctx, a.login("s_admin"), "")
    year = year_of(a)
    assert [signed_notice(a) for _ in range(2)] == [
        f"{NOTICES}〔{year}〕1号",
        f"{NOTICES}〔{year}〕2号",
    ]
    assert numbers.SERVER_URL_SETTING == sync_service.SERVER_URL_KEY


def test_a_lost_block_answer_is_asked_for_again_without_taking_another_block(
    make_laptop: MakeLaptop, live_server: LiveServer
) -> None:
    a = make_laptop("a")
    cut = CutAfterSending(lambda request, n: request.url.path == "/numbers/blocks" and n == 1)
    client = a.client("s_sup", transport=cut)
    first = sync_service.run_sync(a.ctx, a.login("s_sup"), client)
    assert cut.cuts == 1 and "中心服务器" in first.numbers.problem
    again = sync_service.run_sync(a.ctx, a.login("s_sup"), client)
    client.close()
    assert again.numbers.problem == ""
    prefixes = set(a.ctx.profile.documents.number_prefixes.values())
    with Session(live_server.engine) as db:
        held = db.execute(
            select(ServerBlock.prefix, func.count())
            .where(ServerBlock.device_id == DEVICE_A)
            .group_by(ServerBlock.prefix)
        ).all()
    assert dict(held) == dict.fromkeys(prefixes, 1)  # one block each, the lost one included
    with a.ctx.transaction() as db:
        assert db.scalar(select(func.count()).select_from(LaptopBlock)) == len(prefixes)


def test_at_the_turn_of_the_year_unused_serials_go_back_and_the_new_series_starts(
    make_laptop: MakeLaptop, live_server: LiveServer
) -> None:
    a = make_laptop("a")
    a.sync("s_sup")
    old = year_of(a)
    signed_notice(a)
    signed_notice(a)
    # to 2 January 10:00 in China of the next year
    now = a.ctx.now()
    new_year = dt.datetime(old + 1, 1, 2, 2, 0, tzinfo=dt.UTC)
    a.clock.advance(seconds=(new_year - now).total_seconds())
    outcome = sync_service.run_sync(a.ctx, a.login("s_sup"), a.client("s_sup"))
    prefixes = set(a.ctx.profile.documents.number_prefixes.values())
    assert outcome.numbers.returned == len(prefixes)
    assert f"{NOTICES}〔{old + 1}〕1—{BLOCK}号" in outcome.numbers.received
    assert signed_notice(a) == f"{NOTICES}〔{old + 1}〕1号"
    body = series_report(live_server, NOTICES, old)
    assert (body["used"], body["held"]) == (2, [])
    assert body["returned"] == list(range(3, BLOCK + 1))
    # nothing is returned twice
    again = sync_service.run_sync(a.ctx, a.login("s_sup"), a.client("s_sup"))
    assert (again.numbers.returned, again.numbers.received) == (0, ())


def test_a_laptop_restored_from_a_backup_syncs_before_it_numbers_again(
    make_laptop: MakeLaptop, live_server: LiveServer, tmp_path: Path
) -> None:
    """Serials given after the backup was made are the server's to say: the restored
    laptop refuses to number until a sync has brought them back, then goes on after
    them rather than giving one a second time."""
    a = make_laptop("a")
    a.sync("s_sup")
    year = year_of(a)
    made = back_up(a, tmp_path / "a.xnbak")
    first = signed_notice(a)  # after the backup: the restore loses it, the server has it
    assert first == f"{NOTICES}〔{year}〕1号"
    a.sync("s_sup")
    restored = restored_from(a, made)
    try:
        record = notice(restored)
        with pytest.raises(DocumentWorkflowError, match="备份恢复后尚未同步") as refused:
            sign_off_document(restored.ctx, restored.login("s_sup"), NOTICE, record)
        assert refused.value.code == "document.sync_after_restore"
        assert laptop_numbers(restored) == set()  # nothing written
        restored.sync("s_sup")
        assert laptop_numbers(restored) == {first}  # back from the server
        again = sign_off_document(restored.ctx, restored.login("s_sup"), NOTICE, record)
        assert again == f"{NOTICES}〔{year}〕2号"
        restored.sync("s_sup")
        assert sorted(server_numbers(live_server)) == sorted([first, again])
        assert sync_service.sync_status(restored.ctx, restored.login("s_sup")).conflicts == []
    finally:
        restored.close()
