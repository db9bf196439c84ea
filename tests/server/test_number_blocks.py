"""Document-number blocks (``server.numbers``) on PostgreSQL and SQLite:
blocks are disjoint (also when requested at once from many threads), the same
request id gives the same block, only signers get them, bad input gets a 4xx
with a Chinese reason, a signed-off number must lie in a block of the pushing
device, and the report shows used, held and returned serials."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from typing import Any

from fastapi.testclient import TestClient

from desktop.documents.model import document_number
from desktop.store.ids import new_id
from server.numbers import BLOCK_SIZE, MAX_IDLE_BLOCKS

from .support import DEVICE, DEVICE_2, Api, Laptop, decision_changes, uid

PREFIX = "闽效问"
THIS_YEAR = dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).year


def ask(
    api: Api,
    user: str = "sup",
    *,
    device: str = DEVICE,
    request_id: str | None = None,
    **body: Any,
) -> Any:
    payload = {"prefix": PREFIX, "year": THIS_YEAR, "request_id": request_id or str(uuid.uuid4())}
    payload.update(body)
    return api.client.post("/numbers/blocks", json=payload, headers=api.login(user, device))


def block(api: Api, user: str = "sup", **kw: Any) -> dict[str, Any]:
    response = ask(api, user, **kw)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def sign_off(
    laptop: Laptop, serial: int, *, user: str = "sup", number: str | None = None
) -> dict[str, Any]:
    """A document.sign_off op as the laptop makes it (a rectification notice)."""
    changes = {
        "kind": "rectification_notice",
        "record_id": new_id(),
        "prefix": PREFIX,
        "year": THIS_YEAR,
        "serial": serial,
        "number": number or document_number(PREFIX, THIS_YEAR, serial),
        "signed_by": uid(user),
        "signed_at": dt.datetime.now(dt.UTC).isoformat(),
    }
    return laptop.op(user, "issued_documents", new_id(), "document.sign_off", changes)


def test_blocks_follow_each_other_and_a_request_id_gives_the_same_block(api: Api) -> None:
    first = block(api, request_id="0190a000-0000-7000-8000-000000000001")
    assert (first["first"], first["last"]) == (1, BLOCK_SIZE)
    assert first["device_id"] == DEVICE and first["prefix"] == PREFIX
    again = block(api, "head", request_id="0190a000-0000-7000-8000-000000000001")
    assert again == first  # the answer was lost: asking again takes nothing new
    second = block(api, size=5)
    assert (second["first"], second["last"]) == (BLOCK_SIZE + 1, BLOCK_SIZE + 5)
    other = block(api, "head", device=DEVICE_2)
    assert (other["first"], other["device_id"]) == (BLOCK_SIZE + 6, DEVICE_2)
    # a series of its own per prefix and per year
    assert block(api, prefix="闽效改")["first"] == 1
    assert block(api, year=THIS_YEAR + 1)["first"] == 1
    # a request id is one request: reused for another series it is refused
    reused = ask(api, request_id="0190a000-0000-7000-8000-000000000001", prefix="闽效改")
    assert reused.status_code == 409 and reused.json()["error"] == "numbers.request_reused"


def test_only_signers_get_blocks_and_bad_input_is_a_4xx_with_a_reason(
    api: Api, client: TestClient
) -> None:
    for user in ("admin", "insp_a", "handler"):
        response = ask(api, user)
        assert response.status_code == 403, (user, response.text)
        assert "需要" in response.json()["reason"]
    anonymous = client.post(
        "/numbers/blocks",
        json={"prefix": PREFIX, "year": THIS_YEAR, "request_id": str(uuid.uuid4())},
    )
    assert anonymous.status_code == 401
    cases: list[tuple[dict[str, Any], int, str]] = [
        ({"prefix": "京效问"}, 422, "numbers.prefix"),
        ({"year": THIS_YEAR - 2}, 422, "numbers.year"),
        ({"year": THIS_YEAR + 2}, 422, "numbers.year"),
        ({"size": 0}, 422, "request.invalid"),
        ({"size": 101}, 422, "request.invalid"),
        ({"request_id": "again"}, 422, "request.invalid"),
        ({"prefix": "闽\u0000问"}, 422, "request.invalid"),
    ]
    for body, status, code in cases:
        request_id = body.pop("request_id", None)
        response = ask(api, request_id=request_id, **body)
        assert (response.status_code, response.json()["error"]) == (status, code), body
        assert response.json()["reason"]
    assert "年份" in ask(api, year=1999).json()["reason"]
    assert "机关代字" in ask(api, prefix="京效问").json()["reason"]
    # nothing was taken by the refused requests
    assert block(api)["first"] == 1


def test_blocks_asked_for_at_once_from_many_threads_are_disjoint(api: Api) -> None:
    devices = [f"0190a000-0000-7000-8000-0000000001{i:02d}" for i in range(8)]
    for device in devices:
        api.login("sup", device)  # sign in first: the portal serves the requests
    barrier = threading.Barrier(len(devices))
    got: list[tuple[str, int, int]] = []
    errors: list[str] = []

    def worker(device: str) -> None:
        barrier.wait()
        for _ in range(MAX_IDLE_BLOCKS):
            response = ask(api, device=device, size=7)
            if response.status_code != 200:
                errors.append(response.text)
                continue
            body = response.json()
            got.append((device, body["first"], body["last"]))

    threads = [threading.Thread(target=worker, args=(d,)) for d in devices]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    serials = sorted(s for _device, first, last in got for s in range(first, last + 1))
    assert serials == list(range(1, len(devices) * MAX_IDLE_BLOCKS * 7 + 1))  # disjoint, no gap


def test_a_signed_off_number_must_lie_in_a_block_of_the_pushing_device(api: Api) -> None:
    mine = block(api)  # 1..10 for DEVICE
    theirs = block(api, "head", device=DEVICE_2)  # 11..20 for DEVICE_2
    laptop = Laptop()
    api.accept("sup", sign_off(laptop, mine["first"]))
    refused = {
        "outside every block": sign_off(laptop, theirs["last"] + 1),
        "another device's block": sign_off(laptop, theirs["first"]),
        "number and serial differ": sign_off(
            laptop, 2, number=document_number(PREFIX, THIS_YEAR, 3)
        ),
        "used already": sign_off(laptop, mine["first"]),
    }
    results = api.push("sup", list(refused.values()))
    codes = {name: r["code"] for name, r in zip(refused, results, strict=True)}
    assert codes == {
        "outside every block": "document.number_not_in_block",
        "another device's block": "document.number_not_in_block",
        "number and serial differ": "document.number_mismatch",
        "used already": "document.number_taken",
    }
    assert all(r["status"] == "rejected" for r in results)
    assert "同步" in results[0]["reason"]
    # the other device may use its own
    other = Laptop(device_id=DEVICE_2)
    api.accept("head", sign_off(other, theirs["first"], user="head"), device=DEVICE_2)


def test_a_decision_number_must_be_its_own_issued_document(api: Api, laptop: Laptop) -> None:
    mine = block(api, "head")
    decision_id = new_id()
    draft = decision_changes(new_id())
    api.accept("sup", laptop.op("sup", "decisions", decision_id, "decision.draft", draft))
    number = document_number(PREFIX, THIS_YEAR, mine["first"])
    sign = {
        "state": "signed",
        "decided_on": dt.date.today().isoformat(),
        "signed_by": uid("head"),
        "document_number": number,
    }
    early = api.push("head", [laptop.op("head", "decisions", decision_id, "decision.sign", sign)])
    assert early[0]["code"] == "document.number_not_issued"
    laptop.versions[decision_id] = 1
    issued = {
        "kind": "accountability_decision",
        "record_id": decision_id,
        "prefix": PREFIX,
        "year": THIS_YEAR,
        "serial": mine["first"],
        "number": number,
        "signed_by": uid("head"),
        "signed_at": dt.datetime.now(dt.UTC).isoformat(),
    }
    api.accept(
        "head",
        laptop.op("head", "issued_documents", new_id(), "document.sign_off", issued),
        laptop.op("head", "decisions", decision_id, "decision.sign", sign),
    )


def test_the_report_shows_used_held_and_returned_serials(api: Api) -> None:
    mine = block(api, size=5)  # 1..5
    theirs = block(api, "head", device=DEVICE_2, size=5)  # 6..10
    laptop = Laptop()
    api.accept("sup", sign_off(laptop, 1), sign_off(laptop, 2))
    path = f"/numbers/blocks/{mine['id']}/return"
    # serials in use cannot be given back; another device's block is not this one's
    used = api.client.post(path, json={"first_unused": 2}, headers=api.login("sup"))
    assert used.status_code == 409 and used.json()["error"] == "numbers.return_used"
    foreign = api.client.post(
        f"/numbers/blocks/{theirs['id']}/return", json={"first_unused": 6}, headers=api.login("sup")
    )
    assert foreign.status_code == 404
    outside = api.client.post(path, json={"first_unused": 9}, headers=api.login("sup"))
    assert outside.status_code == 422
    back = api.client.post(path, json={"first_unused": 4}, headers=api.login("sup"))
    assert back.status_code == 200 and back.json()["returned_from"] == 4
    # a returned serial is void
    void = api.push("sup", [sign_off(laptop, 4)])
    assert void[0]["code"] == "document.number_not_in_block"
    report = api.client.get(
        "/numbers/blocks", params={"prefix": PREFIX, "year": THIS_YEAR}, headers=api.login("head")
    )
    assert report.status_code == 200, report.text
    body = report.json()
    assert (body["handed_out"], body["used"]) == (10, 2)
    assert body["held"] == [3, 6, 7, 8, 9, 10]
    assert body["returned"] == [4, 5]
    assert [(b["first"], b["used"], b["device_id"]) for b in body["blocks"]] == [
        (1, [1, 2], DEVICE),
        (6, [], DEVICE_2),
    ]
    forbidden = api.client.get(
        "/numbers/blocks", params={"prefix": PREFIX, "year": THIS_YEAR}, headers=api.login("insp_a")
    )
    assert forbidden.status_code == 403


def test_a_device_holds_only_a_few_untouched_blocks(api: Api) -> None:
    for _ in range(MAX_IDLE_BLOCKS):
        block(api, size=2)
    refused = ask(api, size=2)
    assert refused.status_code == 409 and refused.json()["error"] == "numbers.too_many_idle"
    api.accept("sup", sign_off(Laptop(), 1))  # the first block is in use now
    assert block(api, size=2)["first"] == 2 * MAX_IDLE_BLOCKS + 1
