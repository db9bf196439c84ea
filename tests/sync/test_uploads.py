"""After each sync the laptop's audit trail and its evidence files reach the
real server (uvicorn on a socket, PostgreSQL and SQLite), and evidence files
reach the other laptop: byte-identical, resumable after a cut, and a 暗访
visit's files never reach an outsider."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.services import plans, sync as sync_service, visits
from desktop.services.sync import SyncOutcome
from desktop.store.audit import RESTORE_ACTION, entry_hash
from desktop.store.models import AuditEntry
from desktop.sync import uploads
from desktop.sync.engine import sync_once
from desktop.sync.protocol import EvidenceParts
from server.audit import AuditRecord
from tests.accounts import PASSWORD

from .support import (
    DEVICE_A,
    CutAfterSending,
    Laptop,
    LiveServer,
    Office,
    back_up,
    open_laptop,
    restored_from,
)
from .test_two_laptops import new_plan

MakeLaptop = Callable[[str], Laptop]
PHOTO = b"\xff\xd8\xff\xe0 the queue at window 3 " + bytes(range(256)) * 40
#: The fields an audit entry's hash covers (desktop.store.audit.entry_hash).
HASHED = (
    "id",
    "at",
    "device_id",
    "user_id",
    "action",
    "entity",
    "entity_id",
    "details",
    "prev_hash",
)
BOTH = [("s_insp_a", PASSWORD), ("s_insp_b", PASSWORD)]


@pytest.fixture(autouse=True)
def server_evidence(live_server: LiveServer, tmp_path: Path) -> Path:
    """The server keeps evidence files in this test's folder (on PostgreSQL
    the default would be the current folder)."""
    folder = tmp_path / "server-evidence"
    state = live_server.app.state
    state.settings = dataclasses.replace(state.settings, evidence_dir=folder)
    return folder


def run(laptop: Laptop, username: str, transport: httpx.BaseTransport | None = None) -> SyncOutcome:
    client = laptop.client(username, transport) if transport else laptop.client(username)
    try:
        return sync_service.run_sync(laptop.ctx, laptop.login(username), client)
    finally:
        if transport is not None:
            client.close()


def visit_with_photo(
    laptop: Laptop, tmp_path: Path, kind: str = "focus", data: bytes | None = None
) -> tuple[str, str]:
    """On ``laptop``: a plan of s_insp_a and s_insp_b approved by s_sup, a
    visit of it and a photo (or ``data``); (visit id, the file's sha256)."""
    ctx, office = laptop.ctx, laptop.office
    insp = laptop.login("s_insp_a")
    today = ctx.today()
    plan_id = plans.create_plan(
        ctx,
        insp,
        title="窗口服务暗访" if kind == "unannounced" else "窗口服务专项督查",
        kind=kind,
        subject_agency_id=office.agency,
        scope="窗口服务",
        method="查阅资料",
        starts_on=today,
        ends_on=today + dt.timedelta(days=30),
        team_ids=[office.users["s_insp_a"], office.users["s_insp_b"]],
    )
    plans.submit_plan(ctx, insp, plan_id)
    plans.approve_plan(ctx, laptop.login("s_sup"), plan_id)
    secret = kind == "unannounced"
    visit_id = visits.open_visit(
        ctx,
        laptop.login("s_insp_a"),
        plan_id,
        visited_on=today,
        place="市民服务中心",
        announced=not secret,
        identity_shown=not secret,
        confirmations=BOTH,
    )
    photo = tmp_path / f"{kind}.jpg"
    photo.write_bytes(PHOTO + kind.encode() if data is None else data)
    visits.add_evidence(ctx, laptop.login("s_insp_a"), visit_id, photo, "photo")
    return visit_id, hashlib.sha256(photo.read_bytes()).hexdigest()


def push_all(laptop: Laptop) -> SyncOutcome:
    """Sync as the plan's author, its approver and the author again (each
    user's ops go when they sync); the last run's outcome."""
    run(laptop, "s_insp_a")
    run(laptop, "s_sup")
    return run(laptop, "s_insp_a")


def server_chain(live: LiveServer, device_id: str) -> list[AuditRecord]:
    with Session(live.engine) as db:
        return list(
            db.scalars(
                select(AuditRecord)
                .where(AuditRecord.device_id == device_id)
                .order_by(AuditRecord.position)
            )
        )


def local_chain(laptop: Laptop) -> list[AuditEntry]:
    with laptop.ctx.transaction() as db:
        return list(
            db.scalars(
                select(AuditEntry)
                .where(AuditEntry.device_id == laptop.ctx.device_id)
                .order_by(AuditEntry.seq)
            )
        )


def assert_chain_on_server(live: LiveServer, laptop: Laptop) -> None:
    """The server holds the laptop's whole chain, and it verifies."""
    held = server_chain(live, laptop.ctx.device_id)
    assert [r.hash for r in held] == [e.hash for e in local_chain(laptop)]
    prev = "0" * 64
    for row in held:
        assert row.prev_hash == prev
        assert row.hash == entry_hash(**{name: getattr(row, name) for name in HASHED})
        prev = row.hash


def test_the_audit_trail_of_laptop_a_is_on_the_server_and_verifies(
    make_laptop: MakeLaptop, live_server: LiveServer, tmp_path: Path
) -> None:
    a = make_laptop("a")
    visit_with_photo(a, tmp_path)
    outcome = push_all(a)
    assert outcome.uploads.problem == ""
    assert_chain_on_server(live_server, a)
    actions = {r.action for r in server_chain(live_server, a.ctx.device_id)}
    assert {"plan.create", "visit.open", "visit.add_evidence", "sync.sign_in"} <= actions
    # nothing new since: the next run sends nothing and asks nothing
    quiet = uploads.upload_all(a.ctx, a.client("s_insp_a"))
    assert quiet == uploads.UploadReport()
    assert_chain_on_server(live_server, a)


def test_a_photo_registered_on_a_appears_on_b_byte_identical(
    make_laptop: MakeLaptop, live_server: LiveServer, server_evidence: Path, tmp_path: Path
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    visit_id, sha = visit_with_photo(a, tmp_path)
    first = run(a, "s_insp_a")  # the visit waits for the approval: the server lacks it
    assert first.uploads.files_sent == 0 and first.uploads.files_waiting == 1
    outcome = push_all(a)
    assert outcome.uploads.problem == ""
    original = visits.evidence_path(a.ctx, sha).read_bytes()
    assert (server_evidence / sha[:2] / sha).read_bytes() == original
    fetched = run(b, "s_insp_b").uploads
    assert (fetched.files_fetched, fetched.problem) == (1, "")
    assert visits.evidence_path(b.ctx, sha).read_bytes() == original
    assert visits.verify_evidence(b.ctx, b.login("s_insp_b"), visit_id) == []
    # and once there, it is neither sent nor fetched again
    again = run(b, "s_insp_b").uploads
    assert (again.files_fetched, again.files_sent, again.files_waiting) == (0, 0, 0)


def test_a_cut_upload_resumes_where_the_server_stands(
    make_laptop: MakeLaptop,
    live_server: LiveServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(uploads, "AUDIT_BATCH", 3)
    a, b = make_laptop("a"), make_laptop("b")
    _visit, sha = visit_with_photo(a, tmp_path)
    # the second audit batch reaches the server; its answer is lost
    cut = CutAfterSending(lambda request, n: request.url.path == "/audit/entries" and n == 2)
    stopped = run(a, "s_insp_a", cut)
    assert stopped.uploads.problem and cut.cuts == 1
    held = len(server_chain(live_server, a.ctx.device_id))
    assert 3 < held < len(local_chain(a))
    # the next sync (another user's) sends the rest, once
    assert run(a, "s_sup").uploads.problem == ""
    assert_chain_on_server(live_server, a)
    # the photo reaches the server; the answer is lost
    cut_put = CutAfterSending(lambda request, n: request.method == "PUT")
    stopped = run(a, "s_insp_a", cut_put)
    assert stopped.uploads.problem and stopped.uploads.files_sent == 0 and cut_put.cuts == 1
    resumed = run(a, "s_insp_a")
    assert (resumed.uploads.problem, resumed.uploads.files_sent) == ("", 1)
    assert_chain_on_server(live_server, a)
    # a download cut mid-way leaves no file, and the next sync fetches it
    cut_get = CutAfterSending(lambda request, n: request.url.path.startswith("/evidence/"))
    broken = run(b, "s_insp_b", cut_get)
    assert broken.uploads.problem and not visits.evidence_path(b.ctx, sha).exists()
    assert run(b, "s_insp_b").uploads.files_fetched == 1
    assert visits.evidence_path(b.ctx, sha).read_bytes() == PHOTO + b"focus"


def test_an_unannounced_visits_evidence_is_not_fetchable_by_an_outsider(
    make_laptop: MakeLaptop, live_server: LiveServer, tmp_path: Path
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    _visit, sha = visit_with_photo(a, tmp_path, kind="unannounced")
    assert push_all(a).uploads.files_sent == 1
    for outsider in ("s_handler", "s_admin"):
        client = b.client(outsider)
        assert client.get_evidence(sha) is None, outsider
        assert client.put_evidence(sha, PHOTO + b"unannounced") is False, outsider
        token = client._token  # the same refusal, as the API says it
        response = httpx.get(
            f"{live_server.url}/evidence/{sha}", headers={"Authorization": f"Bearer {token}"}
        )
        assert (response.status_code, response.json()["error"]) == (404, "evidence.unknown")
    # the team gets it
    assert run(b, "s_insp_b").uploads.files_fetched == 1
    assert visits.evidence_path(b.ctx, sha).read_bytes() == PHOTO + b"unannounced"


def test_a_laptop_whose_trail_differs_from_the_servers_copy_sends_nothing_and_says_so(
    make_laptop: MakeLaptop,
    live_server: LiveServer,
    base_laptop: tuple[Path, Office],
    tmp_path: Path,
) -> None:
    """A store that claims device A but lacks what A uploaded (a laptop put
    back from an old copy, or another store under A's id): the server keeps
    A's chain, this one is not sent, and the sync itself is done."""
    a = make_laptop("a")
    assert run(a, "s_insp_a").uploads.problem == ""
    uploaded = [r.hash for r in server_chain(live_server, DEVICE_A)]
    impostor = open_laptop(
        "a2", base_laptop[0], base_laptop[1], tmp_path / "a2", DEVICE_A, live_server.url
    )
    try:
        outcome = run(impostor, "s_insp_a")
        assert outcome.report.finished_at is not None
        assert "本机已没有的记录" in outcome.uploads.problem
        assert outcome.uploads.audit_entries == 0
    finally:
        impostor.close()
    assert [r.hash for r in server_chain(live_server, DEVICE_A)] == uploaded


def test_large_entries_go_up_in_requests_the_server_takes(
    make_laptop: MakeLaptop,
    live_server: LiveServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A pull page's ``sync.apply`` entry lists up to 1,000 ops (~300 KB), so
    a batch is bounded by bytes as well as by count: here so small that each
    request carries one entry, and the chain still arrives whole."""
    monkeypatch.setattr(uploads, "AUDIT_BYTES", 1)
    a = make_laptop("a")
    visit_with_photo(a, tmp_path)
    counting = CutAfterSending(lambda _request, _n: False)
    assert run(a, "s_insp_a", counting).uploads.problem == ""
    assert counting.counts["/audit/entries"] == len(local_chain(a)) > 3
    assert_chain_on_server(live_server, a)


def test_a_video_larger_than_one_request_goes_in_parts_and_a_cut_resumes(
    make_laptop: MakeLaptop, live_server: LiveServer, server_evidence: Path, tmp_path: Path
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    video = os.urandom(uploads.MAX_FILE_BYTES + 5 * 1024 * 1024)  # 13 MiB: four parts
    visit_id, sha = visit_with_photo(a, tmp_path, data=video)
    run(a, "s_insp_a")
    run(a, "s_sup")  # the approval: the visit can go up with the next run
    # the third part reaches the server, its answer is lost
    cut = CutAfterSending(lambda request, n: request.url.path.endswith("/parts/2"))
    stopped = run(a, "s_insp_a", cut)
    assert stopped.uploads.problem and cut.cuts == 1
    assert not (server_evidence / sha[:2] / sha).exists()
    # the next run sends only the last part, then has the server join them
    counting = CutAfterSending(lambda _request, _n: False)
    resumed = run(a, "s_insp_a", counting).uploads
    assert (resumed.files_sent, resumed.problem) == (1, "")
    sent = sorted(path.rsplit("/", 1)[1] for path in counting.counts if "/parts/" in path)
    assert sent == ["3", "assemble"]
    assert (server_evidence / sha[:2] / sha).read_bytes() == video
    # laptop B fetches it by ranges, checks it and keeps it
    fetching = CutAfterSending(lambda _request, _n: False)
    fetched = run(b, "s_insp_b", fetching).uploads
    assert (fetched.files_fetched, fetched.problem) == (1, "")
    assert fetching.counts[f"/evidence/{sha}"] == 4  # one range per 4 MiB
    assert visits.evidence_path(b.ctx, sha).read_bytes() == video
    assert visits.verify_evidence(b.ctx, b.login("s_insp_b"), visit_id) == []


def test_a_laptop_restored_from_an_old_backup_uploads_its_trail_as_a_branch(
    make_laptop: MakeLaptop, live_server: LiveServer, tmp_path: Path
) -> None:
    """Work done after the backup reached the server, then the laptop was put
    back from the backup: its trail goes on from the restore, the server takes
    that as a branch and keeps what the restore lost."""
    a = make_laptop("a")
    assert run(a, "s_insp_a").uploads.problem == ""
    before = len(local_chain(a))
    made = back_up(a, tmp_path / "a.xnbak")
    new_plan(a, "备份之后的督查")
    assert run(a, "s_insp_a").uploads.problem == ""
    lost = [e.hash for e in local_chain(a)][before:]
    restored = restored_from(a, made)
    try:
        outcome = run(restored, "s_insp_a")
        assert outcome.uploads.problem == ""
        mine = [e.hash for e in local_chain(restored)]
        held = [r.hash for r in server_chain(live_server, DEVICE_A)]
        assert held[-1] == mine[-1]  # the server's head is the laptop's again
        assert set(lost) <= set(held) and set(mine) <= set(held)  # both branches kept
        links = {r.hash: r.prev_hash for r in server_chain(live_server, DEVICE_A)}
        restore = next(e for e in local_chain(restored) if e.action == RESTORE_ACTION)
        branch_point = links[restore.hash]
        assert branch_point in held and branch_point != held[held.index(restore.hash) - 1]
        # and the next sync goes on from there as usual
        assert run(restored, "s_insp_a").uploads.problem == ""
    finally:
        restored.close()


class _Stop(Exception):
    pass


class _Shown:
    """A progress sink that keeps the texts; stops the run after ``stop_after``."""

    def __init__(self, stop_after: int | None = None) -> None:
        self.texts: list[str] = []
        self.stop_after = stop_after

    def update(self, done: int, total: int, text: str = "") -> None:
        self.texts.append(text)

    def check(self) -> None:
        if self.stop_after is not None and len(self.texts) >= self.stop_after:
            raise _Stop


def test_a_large_upload_shows_its_parts_and_a_cancel_keeps_what_was_sent(
    make_laptop: MakeLaptop, live_server: LiveServer, server_evidence: Path, tmp_path: Path
) -> None:
    a = make_laptop("a")
    video = os.urandom(uploads.MAX_FILE_BYTES + 1)  # three parts
    _visit, sha = visit_with_photo(a, tmp_path, data=video)
    run(a, "s_insp_a")
    run(a, "s_sup")
    client = a.client("s_insp_a")
    sync_once(a.ctx, a.login("s_insp_a"), client)  # the visit is on the server now
    stopping = _Shown(stop_after=2)  # the file's start, part 0; cancelled before part 1
    with pytest.raises(_Stop):
        uploads.upload_all(a.ctx, client, stopping)
    assert client.evidence_parts(sha, len(video)) == EvidenceParts(
        uploads.FETCH_BYTES, 3, frozenset({0}), False
    )
    shown = _Shown()
    done = uploads.upload_all(a.ctx, client, shown)
    assert (done.files_sent, done.problem) == (1, "")
    assert "正在上传证据文件（4 / 8 MB）" in shown.texts  # part 1; part 0 is not sent again
    assert "正在上传证据文件（0 / 8 MB）" in shown.texts  # the file's start
    assert (server_evidence / sha[:2] / sha).read_bytes() == video
