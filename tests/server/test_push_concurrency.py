"""Pushes at the same time on PostgreSQL: directory and complaint batches run
side by side, workflow batches alone, and a pull's cursor never skips an op
that commits after a push that started later (SQLite has one writer: skipped)."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from desktop.store.ids import new_id
from server import db as server_db
from server.sync import push as push_module

from .support import AGENCY, DEVICE, DEVICE_2, Api, Laptop, plan_changes

WAIT = 20.0


@pytest.fixture(autouse=True)
def postgresql_only(backend: str) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite lets one push write at a time")


def officials(lap: Laptop, count: int) -> list[dict[str, Any]]:
    return [
        lap.op(
            "admin",
            "officials",
            new_id(),
            "official.create",
            {
                "name": f"工作人员{i}",
                "agency_id": AGENCY,
                "position": "科员",
                "is_head": False,
                "is_office_staff": False,
            },
        )
        for i in range(count)
    ]


class Pushing:
    """A push in a thread; its answer when done."""

    def __init__(self, api: Api, user: str, ops: list[dict[str, Any]], device: str) -> None:
        self.answer: list[dict[str, Any]] = []
        headers = api.login(user, device)

        def run() -> None:
            response = api.client.post(
                "/sync/push", json={"device_id": device, "ops": ops}, headers=headers
            )
            assert response.status_code == 200, response.text
            self.answer = response.json()["results"]

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()

    def done(self, timeout: float) -> bool:
        self.thread.join(timeout)
        return not self.thread.is_alive()

    def seqs(self) -> list[int]:
        assert [r["status"] for r in self.answer] == ["accepted"] * len(self.answer)
        return [int(r["seq"]) for r in self.answer]


def pull_from(api: Api, since: int) -> tuple[list[dict[str, Any]], int]:
    ops: list[dict[str, Any]] = []
    while True:
        page = api.pull("sup", since, limit=1000)
        ops.extend(page["ops"])
        since = page["next"]
        if not page["more"]:
            return ops, since


def test_a_pull_never_skips_an_op_that_commits_after_a_later_push(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Push A has written its ops and waits before its commit; push B (other
    records) comes later. A pull in between may see neither, and whatever it
    sees, pulling on from its cursor afterwards gets every op exactly once."""
    a_ops, b_ops = officials(Laptop(DEVICE), 3), officials(Laptop(DEVICE_2), 2)
    a_written, release = threading.Event(), threading.Event()
    original = push_module.Pusher.push

    def push_then_wait(self: push_module.Pusher, batch: Any) -> Any:
        results = original(self, batch)
        if len(batch.ops) == 3:  # A: its transaction commits after this returns
            a_written.set()
            release.wait(WAIT)
        return results

    monkeypatch.setattr(push_module.Pusher, "push", push_then_wait)
    try:
        a = Pushing(api, "admin", a_ops, DEVICE)
        assert a_written.wait(WAIT)
        b = Pushing(api, "admin", b_ops, DEVICE_2)
        b.done(2.0)  # B waits for A's numbers to commit; it must not overtake them
        first, cursor = pull_from(api, 0)
    finally:
        release.set()
    assert a.done(WAIT) and b.done(WAIT)
    rest, _ = pull_from(api, cursor)
    pulled = [o["op_id"] for o in first + rest]
    assert sorted(pulled) == sorted(o["op_id"] for o in a_ops + b_ops)
    assert max(a.seqs()) < min(b.seqs())


def test_directory_pushes_run_side_by_side_and_workflow_pushes_alone(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A (3 officials) waits before it takes its sequence numbers, holding its
    records. B (2 other officials) goes through all the same; C (a plan: its
    rules read other records) waits until A is done."""
    arrived = {count: threading.Event() for count in (1, 2, 3)}  # ops per push
    release = threading.Event()
    original = server_db.take_sequence_numbers

    def take(db: Any, count: int) -> list[int]:
        arrived[count].set()
        if count == 3:
            release.wait(WAIT)
        return original(db, count)

    monkeypatch.setattr(push_module, "take_sequence_numbers", take)
    plan_lap = Laptop(DEVICE_2)
    plan_op = plan_lap.op("insp_a", "inspection_plans", new_id(), "plan.create", plan_changes())
    try:
        a = Pushing(api, "admin", officials(Laptop(DEVICE), 3), DEVICE)
        assert arrived[3].wait(WAIT)
        b = Pushing(api, "admin", officials(Laptop(DEVICE_2), 2), DEVICE_2)
        assert arrived[2].wait(WAIT) and b.done(WAIT), "B ran beside A"
        c = Pushing(api, "insp_a", [plan_op], DEVICE_2)
        assert not arrived[1].wait(1.0), "a workflow push waits for A"
    finally:
        release.set()
    assert a.done(WAIT) and c.done(WAIT)
    assert max(b.seqs()) < min(a.seqs()) and max(a.seqs()) < min(c.seqs())
