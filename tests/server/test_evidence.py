"""Evidence files on the server (server.evidence): taken when they hash right
and belong to a visit the uploader may see; given only to those who may see
the visit (暗访: its team and approvers)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from desktop.store.ids import new_id
from server.config import Settings
from server.evidence import MAX_FILE_BYTES, stored_path

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
