"""Evidence files on the server (server.evidence): taken when they hash right
and belong to a visit the uploader may see; given only to those who may see
the visit (暗访: its team and approvers)."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import os
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from desktop.store.ids import new_id
from server import admin
from server.app import create_app, prune_parts_forever
from server.config import Settings
from server.evidence import MAX_FILE_BYTES, PART_BYTES, stored_path

from .support import Api, Laptop, make_plan, uid, visit_changes

PHOTO = b"\xff\xd8\xff\xe0 a photo of the service window " + os.urandom(2000)
SHA = hashlib.sha256(PHOTO).hexdigest()


@pytest.fixture
def evidence_dir(tmp_path: Path) -> Path:
    return tmp_path / "server-evidence"


@pytest.fixture
def settings(db_url: str, evidence_dir: Path) -> Settings:
    return Settings(database_url=db_url, evidence_dir=evidence_dir)


def visit_with_evidence(
    api: Api, laptop: Laptop, *, kind: str = "focus", data: bytes = PHOTO, size: int | None = None
) -> str:
    """A plan, a visit of it and an evidence row for ``data``, pushed; the visit id."""
    plan_id = make_plan(api, laptop, kind=kind)
    visit_id = new_id()
    changes = visit_changes(plan_id, visit_id, ["insp_a", "insp_b"])
    if kind == "unannounced":
        changes |= {"announced": False, "identity_shown": False}
    api.accept("insp_a", laptop.op("insp_a", "visits", visit_id, "visit.open", changes))
    row = {
        "id": new_id(),
        "visit_id": visit_id,
        "kind": "photo",
        "filename": "窗口.jpg",
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data) if size is None else size,
        "added_by": uid("insp_a"),
        "added_at": "2026-09-21T01:00:00+00:00",
    }
    api.accept(
        "insp_a", laptop.op("insp_a", "visits", visit_id, "visit.add_evidence", {"evidence": [row]})
    )
    return visit_id


def put(api: Api, user: str, data: bytes, sha: str = SHA) -> Any:
    headers = api.login(user) | {"Content-Type": "application/octet-stream"}
    return api.client.put(f"/evidence/{sha}", content=data, headers=headers)


def get(api: Api, user: str, sha: str = SHA) -> Any:
    return api.client.get(f"/evidence/{sha}", headers=api.login(user))


def test_a_file_goes_up_once_and_comes_back_byte_identical(
    api: Api, laptop: Laptop, evidence_dir: Path
) -> None:
    visit_with_evidence(api, laptop)
    before = get(api, "insp_b")
    assert (before.status_code, before.json()["error"]) == (404, "evidence.not_uploaded")
    assert put(api, "insp_a", PHOTO).status_code == 204
    assert stored_path(evidence_dir, SHA).read_bytes() == PHOTO
    assert put(api, "insp_b", PHOTO).status_code == 204  # again: nothing changes
    assert [p.name for p in evidence_dir.rglob("*") if p.is_file()] == [SHA]
    for reader in ("insp_a", "insp_b", "insp_c", "sup", "head", "admin", "handler"):
        response = get(api, reader)
        assert response.status_code == 200, (reader, response.text)
        assert response.content == PHOTO
        assert hashlib.sha256(response.content).hexdigest() == SHA


def test_the_hash_and_the_size_are_checked(api: Api, laptop: Laptop, evidence_dir: Path) -> None:
    visit_with_evidence(api, laptop)
    damaged = PHOTO[:-1] + bytes([PHOTO[-1] ^ 1])
    response = put(api, "insp_a", damaged)
    assert (response.status_code, response.json()["error"]) == (422, "evidence.hash")
    other = b"another scan"
    visit_with_evidence(api, laptop, data=other, size=len(other) + 1)  # the row's size is off
    response = put(api, "insp_a", other, hashlib.sha256(other).hexdigest())
    assert (response.status_code, response.json()["error"]) == (422, "evidence.size")
    assert not evidence_dir.exists() or not any(p.is_file() for p in evidence_dir.rglob("*"))


def test_a_file_no_visit_holds_is_unknown(api: Api, client: TestClient) -> None:
    response = put(api, "insp_a", PHOTO)
    assert (response.status_code, response.json()["error"]) == (404, "evidence.unknown")
    assert get(api, "admin").status_code == 404
    assert client.get(f"/evidence/{SHA}").status_code == 401
    assert client.put(f"/evidence/{SHA}", content=PHOTO).status_code == 401


def test_unannounced_visit_evidence_reaches_only_its_team_and_approvers(
    api: Api, laptop: Laptop
) -> None:
    visit_with_evidence(api, laptop, kind="unannounced")
    for outsider in ("insp_c", "handler", "admin"):
        for response in (put(api, outsider, PHOTO), get(api, outsider)):
            assert (response.status_code, response.json()["error"]) == (404, "evidence.unknown")
    assert put(api, "insp_b", PHOTO).status_code == 204
    for insider in ("insp_a", "insp_b", "sup"):
        assert get(api, insider).content == PHOTO
    assert get(api, "insp_c").status_code == 404


def test_too_large_a_file_gets_a_413(api: Api, laptop: Laptop) -> None:
    big = b"\0" * (MAX_FILE_BYTES + 1)
    visit_with_evidence(api, laptop, data=big)
    response = put(api, "insp_a", big, hashlib.sha256(big).hexdigest())
    assert response.status_code == 413
    assert response.json()["reason"]


@pytest.mark.parametrize("sha", ["A" * 64, "ab" * 31, "../../etc/passwd", "g" * 64])
def test_a_path_that_is_not_a_hash_gets_a_4xx(api: Api, sha: str) -> None:
    for response in (put(api, "insp_a", PHOTO, sha), get(api, "insp_a", sha)):
        assert 400 <= response.status_code < 500, response.text


def test_a_storage_failure_is_a_503_and_leaves_no_file(
    api: Api, laptop: Laptop, evidence_dir: Path
) -> None:
    visit_with_evidence(api, laptop)
    evidence_dir.mkdir(parents=True)
    (evidence_dir / SHA[:2]).write_text("a file where the folder should be")
    response = put(api, "insp_a", PHOTO)
    assert (response.status_code, response.json()["error"]) == (503, "evidence.storage")
    assert not stored_path(evidence_dir, SHA).exists()


# ------------------------------------------------------------ large files

#: A video larger than one request: two whole parts and a short third.
VIDEO = os.urandom(2 * PART_BYTES + 12_345)
VIDEO_SHA = hashlib.sha256(VIDEO).hexdigest()
SIZE = {"size": len(VIDEO)}


def part_of(data: bytes, index: int) -> bytes:
    return data[index * PART_BYTES : (index + 1) * PART_BYTES]


def put_part(
    api: Api, user: str, index: int, data: bytes, sha: str = VIDEO_SHA, size: int = len(VIDEO)
) -> Any:
    headers = api.login(user) | {"Content-Type": "application/octet-stream"}
    return api.client.put(
        f"/evidence/{sha}/parts/{index}", params={"size": size}, content=data, headers=headers
    )


def parts(api: Api, user: str) -> Any:
    return api.client.get(f"/evidence/{VIDEO_SHA}/parts", params=SIZE, headers=api.login(user))


def assemble(api: Api, user: str) -> Any:
    return api.client.post(
        f"/evidence/{VIDEO_SHA}/parts/assemble", params=SIZE, headers=api.login(user)
    )


def test_a_large_file_goes_up_in_parts_resumes_and_comes_back_by_ranges(
    api: Api, laptop: Laptop, evidence_dir: Path
) -> None:
    visit_with_evidence(api, laptop, data=VIDEO)
    assert parts(api, "insp_a").json() == {
        "part_bytes": PART_BYTES,
        "count": 3,
        "received": [],
        "stored": False,
    }
    assert put_part(api, "insp_a", 2, part_of(VIDEO, 2)).status_code == 204
    assert put_part(api, "insp_a", 0, part_of(VIDEO, 0)).status_code == 204
    # a cut: part 1 never arrived; joining is refused and names what is missing
    response = assemble(api, "insp_a")
    assert (response.status_code, response.json()["error"]) == (409, "evidence.parts_missing")
    assert parts(api, "insp_b").json()["received"] == [0, 2]  # another team member resumes
    assert put_part(api, "insp_b", 1, part_of(VIDEO, 1)).status_code == 204
    assert assemble(api, "insp_b").status_code == 204
    assert stored_path(evidence_dir, VIDEO_SHA).read_bytes() == VIDEO
    assert [p.name for p in evidence_dir.rglob("*") if p.is_file()] == [VIDEO_SHA]
    assert parts(api, "insp_a").json()["stored"] is True
    assert assemble(api, "insp_a").status_code == 204  # again: nothing changes
    whole = get(api, "sup", VIDEO_SHA)
    assert whole.content == VIDEO
    ranged = api.client.get(
        f"/evidence/{VIDEO_SHA}",
        headers=api.login("insp_c") | {"Range": f"bytes={PART_BYTES}-{2 * PART_BYTES - 1}"},
    )
    assert ranged.status_code == 206 and ranged.content == part_of(VIDEO, 1)


def test_large_file_parts_are_checked(api: Api, laptop: Laptop, evidence_dir: Path) -> None:
    visit_with_evidence(api, laptop, data=VIDEO)
    short = put_part(api, "insp_a", 0, part_of(VIDEO, 0)[:-1])
    past_the_end = put_part(api, "insp_a", 3, b"x")
    for response in (short, past_the_end):
        assert (response.status_code, response.json()["error"]) == (422, "evidence.part")
    wrong_size = api.client.get(
        f"/evidence/{VIDEO_SHA}/parts", params={"size": len(VIDEO) + 1}, headers=api.login("insp_a")
    )
    assert (wrong_size.status_code, wrong_size.json()["error"]) == (422, "evidence.size")
    # a damaged part: the hash fails at the join, the parts are discarded, nothing is stored
    damaged = bytearray(part_of(VIDEO, 1))
    damaged[7] ^= 1
    for index, data in ((0, part_of(VIDEO, 0)), (1, bytes(damaged)), (2, part_of(VIDEO, 2))):
        assert put_part(api, "insp_a", index, data).status_code == 204
    response = assemble(api, "insp_a")
    assert (response.status_code, response.json()["error"]) == (422, "evidence.hash")
    assert parts(api, "insp_a").json()["received"] == []
    assert not any(p.is_file() for p in evidence_dir.rglob("*"))
    # an unannounced visit's parts: outsiders are told no such file exists
    secret = os.urandom(MAX_FILE_BYTES + 1)
    visit_with_evidence(api, laptop, kind="unannounced", data=secret)
    sha = hashlib.sha256(secret).hexdigest()
    response = api.client.get(
        f"/evidence/{sha}/parts", params={"size": len(secret)}, headers=api.login("insp_c")
    )
    assert (response.status_code, response.json()["error"]) == (404, "evidence.unknown")


def test_unfinished_uploads_are_pruned_by_the_admin_command(
    api: Api,
    laptop: Laptop,
    evidence_dir: Path,
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    visit_with_evidence(api, laptop, data=VIDEO)
    assert put_part(api, "insp_a", 0, part_of(VIDEO, 0)).status_code == 204
    other = os.urandom(MAX_FILE_BYTES + 1)
    visit_with_evidence(api, laptop, data=other)
    other_sha = hashlib.sha256(other).hexdigest()
    sent = put_part(api, "insp_a", 1, other[PART_BYTES : 2 * PART_BYTES], other_sha, len(other))
    assert sent.status_code == 204, sent.text
    # the video's upload was left eight days ago; the other one is under way
    stale = (dt.datetime.now(dt.UTC) - dt.timedelta(days=8)).timestamp()
    for path in evidence_dir.rglob(f"{VIDEO_SHA}.*.parts/*"):
        os.utime(path, (stale, stale))
    monkeypatch.setenv("XIAONENG_SERVER_EVIDENCE_DIR", str(evidence_dir))
    assert admin.run(["--db", db_url, "prune-evidence-parts", "--days", "7"]) == 0
    assert "removed 1 unfinished upload(s)" in capsys.readouterr().out
    assert parts(api, "insp_a").json()["received"] == []
    left = api.client.get(
        f"/evidence/{other_sha}/parts", params={"size": len(other)}, headers=api.login("insp_a")
    )
    assert left.json()["received"] == [1]


def _parts_folder(evidence_dir: Path, name: str, days_old: float) -> Path:
    """An upload's parts folder (as ``server.evidence`` lays it out), last touched
    ``days_old`` days ago."""
    folder = evidence_dir / name[:2] / f"{name}.{MAX_FILE_BYTES + 1}.parts"
    folder.mkdir(parents=True)
    part = folder / "0"
    part.write_bytes(b"part")
    stamp = (dt.datetime.now(dt.UTC) - dt.timedelta(days=days_old)).timestamp()
    os.utime(part, (stamp, stamp))
    return folder


@pytest.mark.parametrize("days", [7.0, 0.0])
def test_the_server_prunes_unfinished_uploads_itself(
    db_url: str, evidence_dir: Path, days: float
) -> None:
    """At start-up and then every few hours, unless XIAONENG_SERVER_PRUNE_PARTS_DAYS is 0."""
    stale = _parts_folder(evidence_dir, "ab" * 32, days_old=8)
    fresh = _parts_folder(evidence_dir, "cd" * 32, days_old=1)
    settings = Settings(database_url=db_url, evidence_dir=evidence_dir, prune_parts_days=days)
    with TestClient(create_app(settings)) as client:
        assert client.get("/openapi.json").status_code == 200
        deadline = time.monotonic() + 10
        while days and stale.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert stale.exists() is not bool(days)
        assert fresh.exists()


def test_pruning_repeats_until_cancelled(evidence_dir: Path) -> None:
    async def scenario() -> list[bool]:
        task = asyncio.create_task(
            prune_parts_forever(evidence_dir, dt.timedelta(days=7), dt.timedelta(seconds=0.01))
        )
        await asyncio.sleep(0.05)  # a pass or two over an empty folder
        stale = _parts_folder(evidence_dir, "ef" * 32, days_old=30)
        for _ in range(500):
            if not stale.exists():
                break
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return [stale.exists(), task.cancelled()]

    assert asyncio.run(scenario()) == [False, True]
