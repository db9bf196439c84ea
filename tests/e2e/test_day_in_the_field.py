"""A day in the field (issue 7), end to end, with real processes.

One server (``python -m server`` on PostgreSQL) and two laptops, each its own
process on its own data folder (:mod:`tests.e2e.laptop`), calling the
services the UI calls as people signed in with their own passwords. The
laptops start empty, as installed:

0. 18 Sept: the server's administrator makes the office recovery key and
   the accounts (``python -m server.admin``); the administrator enrols laptop
   A against the server and enters the offices, the agency and its official,
   which reach the server with A's sync. Afterwards each person signs in once
   online on each laptop they use (``enrol_with_server``), offline later.
1. 21 Sept: an inspector drafts a 暗访 plan for two inspectors on laptop A;
   the supervisor approves it on laptop B; both sync.
2. 24 Sept, the server is down (everyone offline): on A the two inspectors
   open and finalise the visit through the app's own 现场检查 page and
   presence dialog (Qt, offscreen), each typing their own password; on B
   the complaint handler registers 林晓梅's complaint. The server comes back;
   both sync.
3. 28–30 Sept on B: the supervisor drafts a decision; the office head signs
   it offline (the server is down again), its document number taken from
   the block of numbers the server gave laptop B; its form is rendered to
   PDF and the number read back; the receipt is recorded.
4. 8 and 20 Oct on A: the appeal is registered and decided, the appeal
   decision signed off (a number from A's block) and rendered. Both sync
   again.

Then: A, B and the server hold the same records (state hashes); every
deadline shown is the one counted straight from ``chinese_calendar`` across
the Mid-Autumn and National Day holidays (and the make-up Saturday 10 Oct);
the identity opens for the handler on both laptops and for no one else, and
is nowhere in plain text (data folders, temp files, server log, server
database dump, PDFs); ``python -m desktop --verify-audit`` passes on both.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.crypto import ComplainantIdentity
from desktop.demo import DEMO_COMPLAINANT
from desktop.selftest import plaintext_hits
from desktop.sync.state import hash_records
from server.config import database_url
from server.db import make_engine
from server.models import Record

from .conftest import ServerDatabase
from .support import (
    PROFILE,
    ROOT,
    LaptopProcess,
    ServerProcess,
    china,
    create_server_user,
    days_after,
    finish,
    first_number,
    laptops,
    password,
    server_admin,
    working_days_after,
    working_days_left,
)

LIN: ComplainantIdentity = DEMO_COMPLAINANT
SECRETS = [LIN.name, LIN.id_number, LIN.phone]
SYNCED = (
    "agencies",
    "officials",
    "inspection_plans",
    "visits",
    "complaints",
    "decisions",
    "appeals",
    "issued_documents",
)
#: The office's people besides the administrator, as the server knows them.
STAFF = ("wangjg", "chenj", "linzq", "huangh", "zhengl")
PASSPHRASE = "保险柜第二层 the office safe"
CITY_OFFICE = "福州市机关效能建设领导小组办公室"
D = dt.date


def server_records(url: str, entities: tuple[str, ...]) -> list[tuple[str, str, int, Any]]:
    """The server's records of ``entities``, read from its own database."""
    engine = make_engine(database_url(url))
    try:
        with Session(engine) as db:
            rows = db.scalars(select(Record).where(Record.entity.in_(entities)))
            return [(r.entity, r.id, r.version, dict(r.data)) for r in rows]
    finally:
        engine.dispose()


def pdf_text(path: Path) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout


def verify_audit(*data_dirs: Path) -> None:
    """``python -m desktop --data-dir DIR --verify-audit`` for each folder, at once."""
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "desktop", "--data-dir", str(folder), "--verify-audit"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for folder in data_dirs
    ]
    for run in runs:
        output, _ = run.communicate(timeout=120)
        assert run.returncode == 0 and "0 problems" in output, output


def confirm(*usernames: str) -> list[list[str]]:
    """The (username, password) pairs of the inspectors confirming presence."""
    return [[u, password(u)] for u in usernames]


@dataclass(frozen=True)
class Tree:
    """The directory entries the day uses (made on laptop A)."""

    province_office: str
    city_office: str
    agency: str
    official: str


def set_up_office(a: LaptopProcess, server: ServerProcess, db: ServerDatabase, tmp: Path) -> Tree:
    """Fri 18 Sept: the server's administrator makes the office recovery key
    and the first account; the administrator enrols laptop A and enters the
    offices, the agency and its official, which reach the server with A's
    sync; then the staff's accounts are made in the city office, its id read
    from the server (``list-offices``)."""
    finish(
        server_admin(
            db.url,
            tmp,
            "init-keys",
            "--out",
            str(tmp / "recovery.key"),
            "--office",
            "福州市效能办",
            env={"XIAONENG_RECOVERY_PASSPHRASE": PASSPHRASE},
        ),
        create_server_user(db.url, tmp, "admin"),
    )
    a.clock(china(D(2026, 9, 18), 9))
    a.enrol(server.url, "admin", profile=PROFILE)
    tree = "directory.create_agency"
    province = a.call(
        "admin", tree, name="福建省机关效能建设领导小组办公室", kind="office", level=1
    )
    city = a.call(
        "admin",
        tree,
        name=CITY_OFFICE,
        kind="office",
        level=2,
        parent_id=province,
    )
    agency = a.call(
        "admin",
        tree,
        name="福州市市场监督管理局",
        kind="agency",
        level=2,
        office_id=city,
        staff_count=40,
    )
    official = a.call(
        "admin",
        "directory.create_official",
        name="张伟",
        agency_id=agency,
        position="登记注册窗口科员",
    )
    (outcome,) = a.sync("admin")
    assert (outcome["report"]["pushed"], outcome["report"]["rejected"]) == (4, 0)
    # the server's administrator finds the office's id there, and adds the staff to it
    (listing,) = finish(server_admin(db.url, tmp, "list-offices"))
    offices = {name: key for key, name in (row.split("\t") for row in listing.splitlines())}
    assert offices == {"福建省机关效能建设领导小组办公室": province, CITY_OFFICE: city}
    finish(*(create_server_user(db.url, tmp, u, offices[CITY_OFFICE]) for u in STAFF))
    return Tree(province, city, agency, official)


def test_a_day_in_the_field(server_database: ServerDatabase, tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"  # the temp folder of every process
    tmp.mkdir()
    server = ServerProcess(server_database.url, tmp / "server.log", tmp)
    server.launch()
    a_dir, b_dir = tmp_path / "laptop-a", tmp_path / "laptop-b"  # empty: first run
    try:
        with laptops(LaptopProcess("A", a_dir, tmp), LaptopProcess("B", b_dir, tmp)) as (a, b):
            server.wait()  # while the apps start
            a.wait_ready()
            b.wait_ready()
            assert a.device_id != b.device_id
            office = set_up_office(a, server, server_database, tmp)
            ids = a_day(a, b, server, office, tmp)
            on_server = server_records(server_database.url, SYNCED)
            assert Counter(r[0] for r in on_server) == {
                "agencies": 3,
                "officials": 1,
                "inspection_plans": 1,
                "visits": 1,
                "complaints": 1,
                "decisions": 1,
                "appeals": 1,
                "issued_documents": 2,  # the decision's number and the appeal decision's
            }
            assert a.state_hash(SYNCED) == b.state_hash(SYNCED) == hash_records(on_server)
            deadlines_are_official(a, b, ids)
            identity_only_for_the_handler(a, b, ids)
    finally:
        server.stop()
    verify_audit(a_dir, b_dir)
    no_plaintext_anywhere(server_database, server, tmp_path, tmp)


def a_day(
    a: LaptopProcess, b: LaptopProcess, server: ServerProcess, office: Tree, out: Path
) -> dict[str, Any]:
    """The day's work (PDFs saved in ``out``); the ids of what was made."""
    # ---- Mon 21 Sept: the team signs in on A once online; the plan is approved on B
    a.clock(china(D(2026, 9, 21), 9))
    a.enrol(server.url, "wangjg", "chenj")
    users = {u["username"]: u["id"] for u in a.call("wangjg", "directory.list_users")}
    plan_id = a.call(
        "wangjg",
        "plans.create_plan",
        title="鼓楼区行政服务中心窗口作风暗访",
        kind="unannounced",
        subject_agency_id=office.agency,
        scope="窗口工作人员在岗、服务态度和一次性告知情况。",
        method="以办事群众身份察访，不出示证件",
        starts_on=D(2026, 9, 24),
        ends_on=D(2026, 9, 25),
        team_ids=[users["wangjg"], users["chenj"]],
    )
    a.call("wangjg", "plans.submit_plan", plan_id)
    (outcome,) = a.sync("wangjg")
    assert (outcome["report"]["pushed"], outcome["report"]["rejected"]) == (2, 0)

    b.clock(china(D(2026, 9, 21), 10))
    b.enrol(server.url, "linzq", "zhengl", profile=PROFILE)  # B's first run
    (outcome,) = b.sync("linzq")
    b_numbers = outcome["numbers"]["received"]  # B's document-number blocks (文号段)
    b.call("linzq", "plans.approve_plan", plan_id)
    (outcome,) = b.sync("linzq")
    assert (outcome["report"]["pushed"], outcome["report"]["rejected"]) == (1, 0)
    # a 暗访 plan is for its team and approvers only
    assert b.refused("zhengl", "plans.get_plan", plan_id)["code"] == "service.not_found"
    a.sync("wangjg")
    assert a.call("wangjg", "plans.get_plan", plan_id)["state"] == "approved"

    # ---- Thu 24 Sept: the server is down; the field work is done offline
    server.stop()
    a.clock(china(D(2026, 9, 24), 9, 30))
    a.sign_in("wangjg")
    # through the app's own 现场检查 page and presence dialog (offscreen)
    borrowed = [["wangjg", password("wangjg")], ["chenj", password("wangjg")]]
    both = confirm("wangjg", "chenj")
    opened = a.do(
        "ui_open_visit",
        **{"as": "wangjg"},
        plan=plan_id,
        place="鼓楼区行政服务中心一楼综合窗口",
        attempts=[borrowed, both],  # 陈静 must type her own password
        texts={
            "observations": "9:35 至 10:10，3 号窗口无人值守，叫号屏显示暂停服务。",
            "interviews": "办事群众两人反映等候超过 40 分钟。",
        },
    )
    assert opened["unannounced"] and not opened["identity_shown_enabled"]  # 暗访
    assert opened["signed_in_first"] == "wangjg"
    assert opened["attempts"] == [
        {"open": True, "errors": {"password_1": "chenj：用户名或密码错误"}},
        {"open": False, "errors": {}},
    ]
    visit_id = opened["visit"]
    (visit,) = a.call("wangjg", "visits.list_visits", plan_id)
    assert (visit["id"], visit["announced"], visit["identity_shown"]) == (visit_id, False, False)
    assert visit["interviews"] == "办事群众两人反映等候超过 40 分钟。"
    a.clock(china(D(2026, 9, 24), 11, 15))
    a.sign_in("wangjg")
    done = a.do("ui_finalise_visit", **{"as": "wangjg"}, visit=visit_id, confirmations=both)
    assert (done["open"], done["errors"], done["read_only"]) == (False, {}, True)
    assert "王建国、陈静" in done["details"]
    offline = a.try_sync("wangjg")
    assert (offline["ok"], offline["code"]) == (False, "sync.unavailable")

    b.clock(china(D(2026, 9, 24), 14))
    b.sign_in("zhengl")
    complaint_id = b.call(
        "zhengl",
        "complaints.register_complaint",
        channel="hotline_12345",
        received_on=D(2026, 9, 24),
        subject_agency_id=office.agency,
        subject_official_id=office.official,
        matter="登记注册窗口多次要求补交材料，未一次性告知。",
        identity=LIN,
    )
    assert b.try_sync("zhengl")["code"] == "sync.unavailable"

    # ---- evening: the server is back; both sync
    server.start()
    for laptop in (a, b):
        laptop.clock(china(D(2026, 9, 24), 17, 30))
    a.sign_in("wangjg")
    a.enrol(server.url, "zhengl")
    b.sign_in("zhengl", "linzq")
    (outcome,) = a.sync("wangjg")
    report = outcome["report"]
    assert (report["pushed"], report["rejected"]) == (4, 0)  # start, open, update, finalise
    (outcome,) = b.sync("zhengl")
    assert (outcome["report"]["pushed"], outcome["report"]["rejected"]) == (1, 0)
    a.sync("zhengl")
    b.sync("linzq")
    seen = b.call("linzq", "visits.get_visit", visit_id)
    assert seen["state"] == "finalised"
    assert {(p["user_id"], p["stage"]) for p in seen["presence"]} == {
        (users[u], stage) for u in ("wangjg", "chenj") for stage in ("open", "finalise")
    }

    # ---- Mon 28 – Wed 30 Sept on B: the decision, signed, numbered, printed
    b.clock(china(D(2026, 9, 28), 9))
    b.sign_in("linzq")
    decision_id = b.call(
        "linzq",
        "decisions.draft_decision",
        decider_id=office.city_office,
        subject_kind="official",
        subject_agency_id=office.agency,
        subject_official_id=office.official,
        ground_ids=["fj36_1_3"],
        measure_ids=["circulated_criticism"],
        complaint_id=complaint_id,
        plan_id=plan_id,
        facts="经暗访和投诉调查核实，该同志在登记注册窗口推诿、未一次性告知，群众多次往返。",
    )
    b.enrol(server.url, "huangh")  # the head reads the draft
    # Tue 29 Sept, the office is offline again: the number comes from B's block
    server.stop()
    b.clock(china(D(2026, 9, 29), 10))
    b.sign_in("huangh")
    signed = b.call("huangh", "decisions.sign_decision", decision_id, decided_on=D(2026, 9, 29))
    number = signed["document_number"]
    assert number == first_number(b_numbers, "闽效问")  # offline, from B's block
    row = b.call("huangh", "documents.find_document", "accountability_decision", decision_id)
    text = pdf_text(b.render("huangh", row["kind"], decision_id, out / "decision.pdf"))
    assert number in text and "张伟" in text and "通报批评" in text
    assert not any(secret in text for secret in SECRETS)
    server.start()
    b.clock(china(D(2026, 9, 30), 9))
    b.sign_in("linzq", "huangh")
    b.call("linzq", "decisions.record_receipt", decision_id, D(2026, 9, 30))
    b.call("linzq", "decisions.publish_decision", decision_id)
    assert all(o["report"]["rejected"] == 0 for o in b.settle("linzq", "huangh"))

    # ---- Thu 8 Oct on A: the appeal, the first working day after the holiday
    a.clock(china(D(2026, 10, 8), 9))
    a.enrol(server.url, "linzq")
    (outcome,) = a.sync("linzq")
    a_numbers = outcome["numbers"]["received"]
    appeal_id = a.call(
        "linzq",
        "decisions.register_appeal",
        decision_id,
        received_on=D(2026, 10, 8),
        body_id=office.province_office,
        written=True,
        grounds=["facts_disputed"],
        statement="申诉人称当日系按规定要求补正材料，并非推诿。",
    )
    # ---- Tue 20 Oct on A: decided, signed off, printed
    a.clock(china(D(2026, 10, 20), 10))
    a.enrol(server.url, "huangh")
    a.sign_in("linzq")
    decided = a.call(
        "huangh",
        "decisions.decide_appeal",
        appeal_id,
        decided_on=D(2026, 10, 20),
        outcome="varied",
        outcome_measure_ids=["admonition"],
        reasons="推诿情节属实，未一次性告知系首次，改为诫勉教育。",
    )
    assert (decided["days_late"], decided["late"]) == (0, None)
    appeal_number = a.call("huangh", "documents.sign_off_document", "appeal_decision", appeal_id)
    assert appeal_number == first_number(a_numbers, "闽效申")  # from A's block
    text = pdf_text(a.render("huangh", "appeal_decision", appeal_id, out / "appeal.pdf"))
    assert appeal_number in text and "诫勉教育" in text
    assert not any(secret in text for secret in SECRETS)

    # ---- both sync again, until each has what the others did
    b.clock(china(D(2026, 10, 20), 16))
    b.sign_in("linzq", "huangh")
    for laptop in (a, b):
        outcomes = laptop.settle("linzq", "huangh")
        assert all(o["report"]["rejected"] == 0 for o in outcomes), laptop.name
    effective = b.call("linzq", "decisions.get_decision", decision_id)["effective_measure_ids"]
    assert effective == ["admonition"]
    return {
        "plan": plan_id,
        "visit": visit_id,
        "complaint": complaint_id,
        "decision": decision_id,
        "appeal": appeal_id,
    }


def deadlines_are_official(a: LaptopProcess, b: LaptopProcess, ids: dict[str, Any]) -> None:
    """What both laptops show on 20 Oct against the official calendar, counted here."""
    today = D(2026, 10, 20)
    complaint_due = working_days_after(D(2026, 9, 24), 15)  # FJ 31: 15 working days
    filing_due = days_after(D(2026, 9, 30), 30)  # FJ 41: 30 days from receipt
    appeal_due = days_after(D(2026, 10, 8), 30)  # FJ 41: 30 days from the appeal
    # the span holds 25 Sept (中秋节), 1–7 Oct (国庆节) and the make-up Saturday 10 Oct
    assert complaint_due == D(2026, 10, 22)
    assert appeal_due == D(2026, 11, 9)  # 7 Nov is a Saturday
    for laptop in (a, b):
        laptop.sign_in("linzq")
        complaint = laptop.call("linzq", "complaints.get_complaint", ids["complaint"])
        assert complaint["due_on"] == complaint_due.isoformat(), laptop.name
        left = working_days_left(today, complaint_due)
        assert (complaint["working_days_left"], complaint["urgency"]) == (left, "due_soon")
        shown = laptop.call("linzq", "decisions.appeal_deadlines", ids["decision"])
        assert shown["filing"]["due"] == filing_due.isoformat(), laptop.name
        left = working_days_left(today, filing_due)
        assert shown["filing_status"]["working_days_left"] == left, laptop.name
        (appeal,) = shown["appeals"]
        assert appeal["deadline"]["due"] == appeal_due.isoformat(), laptop.name
        assert (appeal["decided_on"], appeal["days_late"]) == (today.isoformat(), 0)
        assert not shown["filing"]["uncovered_years"] and not appeal["deadline"]["uncovered_years"]


def identity_only_for_the_handler(a: LaptopProcess, b: LaptopProcess, ids: dict[str, Any]) -> None:
    for laptop in (a, b):
        laptop.sign_in("zhengl", "linzq")
        opened = laptop.call("zhengl", "complaints.reveal_identity", ids["complaint"])
        assert (opened["name"], opened["id_number"], opened["phone"]) == tuple(SECRETS), laptop.name
        refusal = laptop.refused("linzq", "complaints.reveal_identity", ids["complaint"])
        assert refusal["error"] == "Forbidden", laptop.name
    a.sign_in("wangjg")
    assert a.refused("wangjg", "complaints.reveal_identity", ids["complaint"])["error"] == (
        "Forbidden"
    )


def no_plaintext_anywhere(
    db: ServerDatabase, server: ServerProcess, tmp_path: Path, tmp: Path
) -> None:
    dump = tmp / "server-dump.sql"
    db.dump(dump)
    dumped = dump.read_text(encoding="utf-8")
    assert "sealed_identity" in dumped  # the complaint is there, as ciphertext
    logged = server.log.read_text(encoding="utf-8")
    assert "POST /sync/push" in logged
    assert plaintext_hits(tmp_path, SECRETS) == []  # laptops, temp files, log, dump, PDFs
