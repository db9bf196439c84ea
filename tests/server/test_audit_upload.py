"""The laptops' audit trails on the server (server.audit): a device's chain is
taken in order, idempotently, resumably; a broken, rewritten or foreign chain
is refused with a reason and the server keeps what it had; only
administrators and office heads read it back."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from desktop.domain.common import Role
from desktop.store.audit import GENESIS, entry_hash
from desktop.store.ids import new_id
from desktop.sync.uploads import AUDIT_BATCH
from server.audit import MAX_ENTRIES_PER_UPLOAD
from server.evidence import MAX_FILE_BYTES

from .support import DEVICE, DEVICE_2, Api, uid
from .test_desktop_ops import dump_database

T0 = dt.datetime(2026, 9, 1, 1, 0, tzinfo=dt.UTC)


def chain(
    count: int,
    *,
    device: str = DEVICE,
    user: str = "insp_a",
    after: str = GENESIS,
    start: int = 0,
    details: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """``count`` entries of ``device``'s chain after the entry hashed ``after``."""
    entries = []
    prev = after
    for n in range(start, start + count):
        fields: dict[str, Any] = {
            "id": new_id(),
            "at": T0 + dt.timedelta(minutes=n),
            "device_id": device,
            "user_id": uid(user),
            "action": "visit.update" if n % 2 else "plan.create",
            "entity": "visits",
            "entity_id": new_id(),
            "details": details if details is not None else {"fields": ["observations"], "n": n},
            "prev_hash": prev,
        }
        digest = entry_hash(**fields)
        entries.append({**fields, "at": fields["at"].isoformat(), "hash": digest})
        prev = digest
    return entries


#: For tests/server/test_authorisation_matrix.py: (method, path, body, {role: status}).
#: Anyone signed in uploads their device's chain and asks its head; administrators
#: and office heads read the trail; evidence no visit holds is unknown to all.
UPLOAD_ENDPOINTS: list[tuple[str, str, Any, dict[Any, int]]] = [
    ("GET", "/audit/head", None, {"anonymous": 401}),
    ("POST", "/audit/entries", {"device_id": DEVICE, "entries": chain(1)}, {"anonymous": 401}),
    (
        "GET",
        "/audit/entries?limit=5",
        None,
        {"anonymous": 401, Role.INSPECTOR: 403, Role.SUPERVISOR: 403, Role.COMPLAINT_HANDLER: 403},
    ),
    ("PUT", f"/evidence/{'ab' * 32}", None, {"anonymous": 401, "*": 404}),
    ("GET", f"/evidence/{'ab' * 32}", None, {"anonymous": 401, "*": 404}),
    *(
        (method, f"/evidence/{'ab' * 32}/parts{tail}?size={MAX_FILE_BYTES + 1}", None, answers)
        for method, tail in (("GET", ""), ("PUT", "/0"), ("POST", "/assemble"))
        for answers in [{"anonymous": 401, "*": 404}]
    ),
]


def rehash(entries: list[dict[str, Any]], after: str) -> list[dict[str, Any]]:
    """The entries re-chained after ``after`` (as someone rewriting a trail would)."""
    out = []
    prev = after
    for entry in entries:
        fields = {**entry, "prev_hash": prev, "at": dt.datetime.fromisoformat(entry["at"])}
        fields.pop("hash")
        digest = entry_hash(**fields)
        out.append({**entry, "prev_hash": prev, "hash": digest})
        prev = digest
    return out


def upload(
    api: Api, entries: list[dict[str, Any]], user: str = "insp_a", device: str = DEVICE
) -> Any:
    return api.client.post(
        "/audit/entries",
        json={"device_id": device, "entries": entries},
        headers=api.login(user, device),
    )


def head(api: Api, user: str = "insp_a", device: str = DEVICE) -> dict[str, Any]:
    response = api.client.get("/audit/head", headers=api.login(user, device))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def read(api: Api, user: str = "admin", **params: Any) -> dict[str, Any]:
    response = api.client.get("/audit/entries", params=params, headers=api.login(user))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_a_chain_uploads_in_batches_idempotently_and_resumes_from_the_head(api: Api) -> None:
    entries = chain(12)
    assert head(api) == {"device_id": DEVICE, "count": 0, "last_hash": GENESIS}
    first = upload(api, entries[:5])
    assert first.status_code == 200, first.text
    assert first.json() == {
        "device_id": DEVICE,
        "count": 5,
        "last_hash": entries[4]["hash"],
        "stored": 5,
        "duplicates": 0,
    }
    # the same batch again (its answer was lost): nothing new
    again = upload(api, entries[:5]).json()
    assert (again["count"], again["stored"], again["duplicates"]) == (5, 0, 5)
    # an overlapping batch: only the new part is stored
    overlap = upload(api, entries[3:8]).json()
    assert (overlap["count"], overlap["stored"], overlap["duplicates"]) == (8, 3, 2)
    # resuming from what the server says it holds
    held = head(api)
    assert held["last_hash"] == entries[7]["hash"]
    start = next(i for i, e in enumerate(entries) if e["hash"] == held["last_hash"]) + 1
    rest = upload(api, entries[start:]).json()
    assert (rest["count"], rest["stored"]) == (12, 4)
    got = read(api, device_id=DEVICE)["entries"]
    assert [e["hash"] for e in got] == [e["hash"] for e in entries]
    assert [e["position"] for e in got] == list(range(1, 13))
    assert {e["uploaded_by"] for e in got} == {uid("insp_a")}


def test_anyone_signed_in_on_the_device_uploads_its_whole_chain(api: Api) -> None:
    """The chain is the device's: entries of other users (and of nobody, a
    failed sign-in) go up with whoever syncs."""
    entries = [*chain(2, user="handler"), *chain(1, user="sup")]
    entries[1]["user_id"] = None
    entries = rehash(entries, GENESIS)
    response = upload(api, entries, user="insp_b")
    assert response.status_code == 200, response.text
    assert response.json()["stored"] == 3


def _refused(api: Api, entries: list[dict[str, Any]], status: int, code: str) -> dict[str, Any]:
    response = upload(api, entries)
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert body["error"] == code and body["reason"], body
    return body


def test_a_gap_a_broken_link_or_an_edited_entry_is_refused_whole(api: Api) -> None:
    entries = chain(10)
    assert upload(api, entries[:4]).status_code == 200
    # a batch that starts after entries the server does not have
    gap = _refused(api, entries[6:], 409, "audit.gap")
    assert "4 条" in gap["reason"]
    # a deleted entry in the middle of a batch breaks the link after it
    _refused(api, [*entries[4:6], *entries[7:]], 422, "audit.broken_chain")
    # an entry edited without its hash
    edited = [dict(e) for e in entries[4:]]
    edited[2]["details"] = {"fields": ["observations"], "n": 99}
    _refused(api, edited, 422, "audit.hash")
    # nothing of the refused batches was stored
    assert head(api) == {"device_id": DEVICE, "count": 4, "last_hash": entries[3]["hash"]}


def test_a_rewritten_chain_is_refused_and_the_server_keeps_its_copy(api: Api) -> None:
    entries = chain(6)
    assert upload(api, entries).status_code == 200
    # entry 3 edited and the rest re-hashed: a valid chain, but not the one uploaded
    forged = [dict(e) for e in entries[2:]]
    forged[0]["details"] = {"fields": ["observations"], "n": 2, "edited": True}
    forged = rehash(forged, entries[1]["hash"])
    body = _refused(api, forged, 409, "audit.rewritten")
    assert "第 3 条" in body["reason"]
    # the newest entries deleted and new ones written on top: also a rewrite
    _refused(api, chain(3, after=entries[3]["hash"], start=4), 409, "audit.rewritten")
    # a laptop starting its chain again from nothing
    _refused(api, chain(2), 409, "audit.rewritten")
    got = read(api, device_id=DEVICE)["entries"]
    assert [e["hash"] for e in got] == [e["hash"] for e in entries]


def test_a_restore_from_an_old_backup_branches_and_the_server_keeps_both(api: Api) -> None:
    """Entries 1–6 are on the server; the laptop was put back from a backup
    holding 1–3: its restore entry links to 3 and goes after 6, and the lost
    4–6 stay. Anything else that differs is still a rewrite."""
    entries = chain(6)
    assert upload(api, entries).status_code == 200
    restored = rehash([{**chain(1, start=3)[0], "action": "backup.restore"}], entries[2]["hash"])
    branch = [*restored, *chain(2, after=restored[0]["hash"], start=4)]
    batch = [*entries[1:3], *branch]  # from an entry the server holds, as the laptop sends
    first = upload(api, batch).json()
    assert (first["count"], first["stored"], first["duplicates"]) == (9, 3, 2)
    again = upload(api, batch).json()  # the answer was lost: nothing new
    assert (again["count"], again["stored"], again["duplicates"]) == (9, 0, 5)
    assert head(api)["last_hash"] == branch[-1]["hash"]
    more = chain(1, after=branch[-1]["hash"], start=6)
    assert upload(api, more).json()["stored"] == 1
    got = read(api, device_id=DEVICE)["entries"]
    assert [e["hash"] for e in got] == [e["hash"] for e in [*entries, *branch, *more]]
    assert [e["position"] for e in got] == list(range(1, 11))
    assert got[6]["prev_hash"] == entries[2]["hash"]  # the branch, visible
    # a branch that does not start with a restore is a rewrite, as before
    _refused(api, chain(2, after=entries[4]["hash"], start=5), 409, "audit.rewritten")


def test_only_the_callers_own_device_chain_is_taken(api: Api) -> None:
    other = chain(2, device=DEVICE_2)
    _refused(api, other, 422, "audit.device")
    response = upload(api, chain(2, device=DEVICE_2), device=DEVICE)
    assert response.status_code == 422
    # claiming another device in the body
    response = api.client.post(
        "/audit/entries",
        json={"device_id": DEVICE_2, "entries": other},
        headers=api.login("insp_a", DEVICE),
    )
    assert response.status_code == 403, response.text
    # the same user on the other device uploads that device's chain
    assert upload(api, other, device=DEVICE_2).status_code == 200
    assert head(api)["count"] == 0
    assert head(api, device=DEVICE_2)["count"] == 2


@pytest.mark.parametrize("key", ["name", "phone", "Complainant_Name", "id_number"])
def test_details_naming_an_identity_are_refused_and_not_stored(
    api: Api, engine: Engine, key: str
) -> None:
    secret = "350102199003076721"
    entries = chain(2, details={"fields": ["matter"], "nested": [{key: secret}]})
    body = _refused(api, entries, 422, "audit.plaintext_identity")
    assert secret not in str(body)
    assert secret.encode() not in dump_database(engine)


def test_details_the_database_cannot_store_are_refused(api: Api) -> None:
    _refused(api, chain(1, details={"note\u0000": 1}), 422, "audit.details")
    _refused(api, chain(1, details={"fields": ["a\u0000b"]}), 422, "audit.details")


def test_the_trail_is_read_by_administrators_and_office_heads_with_filters(
    api: Api, client: TestClient
) -> None:
    mine = chain(6)
    theirs = chain(3, device=DEVICE_2, user="sup")
    assert upload(api, mine).status_code == 200
    assert upload(api, theirs, user="sup", device=DEVICE_2).status_code == 200
    for reader in ("admin", "head"):
        assert len(read(api, reader)["entries"]) == 9
    for outsider in ("insp_a", "sup", "handler"):
        response = client.get("/audit/entries", headers=api.login(outsider))
        assert response.status_code == 403
    assert len(read(api, device_id=DEVICE_2)["entries"]) == 3
    assert len(read(api, user_id=uid("sup"))["entries"]) == 3
    assert len(read(api, action="plan.create", device_id=DEVICE)["entries"]) == 3
    since = (T0 + dt.timedelta(minutes=4)).isoformat()
    assert {e["id"] for e in read(api, since=since)["entries"]} == {
        mine[4]["id"],
        mine[5]["id"],
    }
    page = read(api, limit=4)
    assert len(page["entries"]) == 4 and page["next"] is not None
    second = read(api, limit=4, after=page["next"])
    third = read(api, limit=4, after=second["next"])
    assert third["next"] is None
    seen = [e["id"] for p in (page, second, third) for e in p["entries"]]
    assert sorted(seen) == sorted(e["id"] for e in mine + theirs)


@pytest.mark.parametrize(
    "change",
    [
        {"entries": []},
        {"entries": "all"},
        {"entries": [{"id": "x"}]},
        {"device_id": "../etc"},
        {"extra": 1},
    ],
)
def test_bad_uploads_get_a_422_with_a_reason(api: Api, change: dict[str, Any]) -> None:
    body = {"device_id": DEVICE, "entries": chain(1)} | change
    response = api.client.post("/audit/entries", json=body, headers=api.login("insp_a"))
    assert response.status_code == 422, response.text
    assert response.json()["reason"]


def test_bad_entries_and_too_many_get_a_422(api: Api) -> None:
    entry = chain(1)[0]
    for field, value in [("hash", "X" * 64), ("prev_hash", "0" * 63), ("at", "yesterday")]:
        _refused(api, [{**entry, field: value}], 422, "request.invalid")
    _refused(api, chain(MAX_ENTRIES_PER_UPLOAD + 1), 422, "request.invalid")
    assert AUDIT_BATCH <= MAX_ENTRIES_PER_UPLOAD
    for since in ("soon", "0.5", "2026-13-01", "2026-09-01T25:00"):
        response = api.client.get(
            "/audit/entries", params={"since": since}, headers=api.login("admin")
        )
        assert response.status_code == 422, since


def test_an_entry_timestamp_keeps_its_microseconds(api: Api) -> None:
    entries = chain(1)
    stamp = dt.datetime(2026, 9, 1, 1, 2, 3, 456789, tzinfo=dt.UTC)
    fields = {**entries[0], "at": stamp}
    fields.pop("hash")
    entry = {**fields, "at": stamp.isoformat(), "hash": entry_hash(**fields)}
    assert upload(api, [entry]).status_code == 200
    got = read(api)["entries"][0]
    assert dt.datetime.fromisoformat(got["at"]) == stamp


def test_the_evidence_folder_setting() -> None:
    """XIAONENG_SERVER_EVIDENCE_DIR, else beside a SQLite file (server.config)."""
    from server.config import Settings

    settings = Settings.from_env({"XIAONENG_SERVER_EVIDENCE_DIR": "/srv/evidence"})
    assert str(settings.evidence_folder) == "/srv/evidence"
    local = dataclasses.replace(settings, evidence_dir=None, database_url="sqlite:////x/db.sqlite")
    assert str(local.evidence_folder) == "/x/xiaoneng-evidence"
