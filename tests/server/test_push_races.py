"""A push that loses a race with another write is judged once more inside the
server (not answered 503); a record's unique key still taken then is a 409
with a reason. And within one batch, a rule that reads the database sees the
records the batch's earlier ops wrote."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from sqlalchemy import Engine, insert
from sqlalchemy.exc import IntegrityError

from desktop.store.ids import new_id
from server.errors import ApiError, key_taken, lost_race, once_more_if_raced
from server.models import Op, Record
from server.sync import push as push_module

from .support import AGENCY, DEVICE, DEVICE_2, Api, Laptop
from .test_push_concurrency import WAIT, Pushing, officials


def rating(lap: Laptop, year: int, record_id: str | None = None) -> dict[str, Any]:
    return lap.op(
        "sup",
        "performance_ratings",
        record_id or new_id(),
        "rating.set",
        {"agency_id": AGENCY, "year": year, "rating": "良好"},
    )


def rating_row(year: int) -> dict[str, Any]:
    """A ratings record as a push writes it (``server.sync.push._index``)."""
    now = dt.datetime.now(dt.UTC)
    return {
        "entity": "performance_ratings",
        "id": new_id(),
        "version": 1,
        "data": {"agency_id": AGENCY, "year": year, "rating": "优秀"},
        "field_hlcs": {},
        "last_hlc": "",
        "last_seq": 0,
        "parent_id": AGENCY,
        "natural_key": f"{AGENCY}:{year}",
        "created_at": now,
        "updated_at": now,
    }


def hold_sequence_numbers(
    monkeypatch: pytest.MonkeyPatch, pushes: int, meanwhile: Any = None
) -> None:
    """The first ``pushes`` calls to take sequence numbers wait until all of
    them have come (their rules have all run), then ``meanwhile()`` runs once;
    later calls (the pushes judged once more) go straight through."""
    barrier = threading.Barrier(pushes, action=meanwhile, timeout=WAIT)
    calls = iter(range(1_000))
    original = push_module.take_sequence_numbers

    def take(db: Any, count: int) -> list[int]:
        if next(calls) < pushes:
            barrier.wait()
        return original(db, count)

    monkeypatch.setattr(push_module, "take_sequence_numbers", take)


def test_two_pushes_racing_with_one_op_id_are_judged_once_more(
    api: Api, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two laptops push ops with the same op_id (other records, so they run
    side by side) and neither sees the other's before writing: the loser's
    unique key error is not a 503; judged again, its op is refused with a reason."""
    if backend != "postgresql":
        pytest.skip("SQLite lets one push write at a time")
    a_op, b_op = officials(Laptop(DEVICE), 1)[0], officials(Laptop(DEVICE_2), 1)[0]
    b_op["op_id"] = a_op["op_id"]
    hold_sequence_numbers(monkeypatch, 2)
    a = Pushing(api, "admin", [a_op], DEVICE)
    b = Pushing(api, "admin", [b_op], DEVICE_2)
    assert a.done(WAIT) and b.done(WAIT)
    answers = sorted((a.answer[0], b.answer[0]), key=lambda r: str(r["status"]))
    assert [r["status"] for r in answers] == ["accepted", "rejected"]
    assert answers[1]["code"] == "op.id_reused" and answers[1]["reason"]


def test_a_unique_key_taken_under_a_push_is_judged_once_more(
    api: Api, backend: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rating for the agency and year is written outside the push's locks
    (another process, a repair) after the push's rule found none and before
    it writes its own: judged once more, the op is refused by the rule."""
    if backend != "postgresql":
        pytest.skip("SQLite: the push holds the only write lock while it waits")

    def other_write() -> None:
        with engine.begin() as conn:
            conn.execute(insert(Record.__table__), rating_row(2025))

    hold_sequence_numbers(monkeypatch, 1, other_write)
    [answer] = api.push("sup", [rating(Laptop(), 2025)])
    assert answer["status"] == "rejected" and answer["code"] == "rating.exists"


def test_a_rule_reads_the_records_its_own_batch_wrote(api: Api) -> None:
    """Two new ratings of one agency and year in one batch: the second's rule
    finds the first (written before it ran), not the database's old state."""
    lap = Laptop()
    first, second = api.push("sup", [rating(lap, 2024), rating(lap, 2024)])
    assert first["status"] == "accepted"
    assert second["status"] == "rejected" and second["code"] == "rating.exists"


def test_a_unique_key_still_taken_when_tried_again_is_a_conflict(engine: Engine) -> None:
    """On each backend: a record's unique key taken is a race (tried once
    more), and taken again a 409 with a reason; other refusals are neither."""
    with engine.begin() as conn:
        conn.execute(insert(Record.__table__), rating_row(2023))
    tries: list[int] = []

    def write_the_same_key() -> None:
        tries.append(1)
        with engine.begin() as conn:
            conn.execute(insert(Record.__table__), rating_row(2023))

    with pytest.raises(ApiError) as raised:
        once_more_if_raced(write_the_same_key)
    assert len(tries) == 2
    assert raised.value.status == 409 and raised.value.code == "sync.key_taken"
    assert raised.value.reason

    def write_without_a_digest() -> None:  # NOT NULL: a fault, not a race
        tries.append(1)
        with engine.begin() as conn:
            conn.execute(insert(Op.__table__), {"op_id": new_id(), "op_hash": None})

    tries.clear()
    with pytest.raises(IntegrityError) as fault:
        once_more_if_raced(write_without_a_digest)
    assert len(tries) == 1
    assert not lost_race(fault.value) and key_taken(fault.value) is None


def test_a_race_lost_once_is_won_the_second_time(engine: Engine) -> None:
    """The second try runs after the first one's refusal: here it writes
    another op_id, as a push judged once more answers instead."""
    taken = new_id()
    with engine.begin() as conn:
        conn.execute(insert(Op.__table__), op_row(taken))
    op_ids = iter([taken, new_id()])

    def write() -> str:
        op_id = next(op_ids)
        with engine.begin() as conn:
            conn.execute(insert(Op.__table__), op_row(op_id))
        return op_id

    assert once_more_if_raced(write) != taken


def op_row(op_id: str) -> dict[str, Any]:
    return {
        "op_id": op_id,
        "op_hash": "0" * 64,
        "entity": "officials",
        "entity_id": new_id(),
        "action": "official.create",
        "changes": {},
        "base_version": 0,
        "hlc": "0000000000000-0000-x",
        "device_id": DEVICE,
        "status": "accepted",
        "received_at": dt.datetime.now(dt.UTC),
    }
