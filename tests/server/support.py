"""Helpers for the server tests: the seeded office, a laptop that makes ops the
way ``desktop.services.base.change`` does, and a small API client."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from fastapi.testclient import TestClient

from desktop.domain.common import Role
from desktop.store.hlc import Hlc, tick
from desktop.store.ids import new_id

PASSWORD = "correct horse 1"
OFFICE_A = "0190a000-0000-7000-8000-00000000a001"
OFFICE_B = "0190a000-0000-7000-8000-00000000b001"
AGENCY = "0190a000-0000-7000-8000-00000000c001"
DEVICE = "0190a000-0000-7000-8000-0000000000d1"
DEVICE_2 = "0190a000-0000-7000-8000-0000000000d2"
PROFILE = "fujian-2024"


@dataclass(frozen=True)
class Person:
    id: str
    roles: tuple[Role, ...]
    office_id: str


USERS: dict[str, Person] = {
    "admin": Person("0190a000-0000-7000-8000-000000000a00", (Role.ADMINISTRATOR,), OFFICE_A),
    "insp_a": Person("0190a000-0000-7000-8000-000000000a01", (Role.INSPECTOR,), OFFICE_A),
    "insp_b": Person("0190a000-0000-7000-8000-000000000a02", (Role.INSPECTOR,), OFFICE_A),
    "insp_c": Person("0190a000-0000-7000-8000-000000000a03", (Role.INSPECTOR,), OFFICE_A),
    "sup": Person("0190a000-0000-7000-8000-000000000a04", (Role.SUPERVISOR,), OFFICE_A),
    "head": Person("0190a000-0000-7000-8000-000000000a05", (Role.OFFICE_HEAD,), OFFICE_A),
    "handler": Person("0190a000-0000-7000-8000-000000000a06", (Role.COMPLAINT_HANDLER,), OFFICE_A),
    "sup_b": Person("0190a000-0000-7000-8000-000000000b04", (Role.SUPERVISOR,), OFFICE_B),
}
#: Every seeded user, by name.
EVERYONE: tuple[str, ...] = tuple(USERS)
ROLE_USERS = {
    Role.ADMINISTRATOR: "admin",
    Role.INSPECTOR: "insp_a",
    Role.SUPERVISOR: "sup",
    Role.OFFICE_HEAD: "head",
    Role.COMPLAINT_HANDLER: "handler",
}


def uid(name: str) -> str:
    return USERS[name].id


def now_ms() -> int:
    return int(time.time() * 1000)


@dataclass
class Laptop:
    """Makes ops as a laptop's outbox holds them, with its own HLC."""

    device_id: str = DEVICE
    offset_ms: int = 0  # a laptop clock that is off
    last: Hlc | None = None
    versions: dict[str, int] = field(default_factory=dict)

    def stamp(self, at_ms: int | None = None) -> str:
        wall = at_ms if at_ms is not None else now_ms() + self.offset_ms
        self.last = tick(self.last, wall, self.device_id)
        return str(self.last)

    def op(
        self,
        user: str,
        entity: str,
        entity_id: str,
        action: str,
        changes: dict[str, Any],
        *,
        base_version: int | None = None,
        at_ms: int | None = None,
    ) -> dict[str, Any]:
        """An op; ``base_version`` defaults to this laptop's idea of the record
        (0 for a new one), and the laptop's version advances as ``change()`` does."""
        base = self.versions.get(entity_id, 0) if base_version is None else base_version
        self.versions[entity_id] = base + 1
        return {
            "op_id": new_id(),
            "entity": entity,
            "entity_id": entity_id,
            "action": action,
            "changes": changes,
            "base_version": base,
            "hlc": self.stamp(at_ms),
            "device_id": self.device_id,
            "user_id": uid(user),
        }


# ------------------------------------------------------------- record data


def plan_changes(
    author: str = "insp_a",
    team: Iterable[str] = ("insp_a", "insp_b"),
    kind: str = "focus",
    office: str = OFFICE_A,
) -> dict[str, Any]:
    return {
        "title": "营商环境专项督查",
        "kind": kind,
        "profile_id": PROFILE,
        "office_id": office,
        "subject_agency_id": AGENCY,
        "scope": "窗口服务",
        "method": "查阅资料、个别谈话",
        "starts_on": "2026-09-01",
        "ends_on": "2026-09-30",
        "major": False,
        "requested_by_agency": False,
        "special_item": None,
        "government_approval_ref": "",
        "state": "draft",
        "author_id": uid(author),
        "return_reason": "",
        "report": "",
        "team_ids": [uid(t) for t in team],
    }


def approval(
    plan_id: str, approver: str, step: str = "first", outcome: str = "approved"
) -> dict[str, Any]:
    return {
        "id": new_id(),
        "plan_id": plan_id,
        "step": step,
        "approver_id": uid(approver),
        "outcome": outcome,
        "reason": "",
        "decided_at": dt.datetime.now(dt.UTC).isoformat(),
    }


def presence(visit_id: str, people: Iterable[str], stage: str = "open") -> list[dict[str, Any]]:
    at = dt.datetime.now(dt.UTC).isoformat()
    return [
        {"visit_id": visit_id, "user_id": uid(p), "stage": stage, "confirmed_at": at}
        for p in people
    ]


def visit_changes(plan_id: str, visit_id: str, people: Iterable[str]) -> dict[str, Any]:
    return {
        "plan_id": plan_id,
        "visited_on": dt.date.today().isoformat(),
        "place": "鼓楼区行政服务中心",
        "announced": True,
        "identity_shown": True,
        "state": "open",
        "presence": presence(visit_id, people),
    }


def complaint_changes(sealed: str | None, *, anonymous: bool = False) -> dict[str, Any]:
    today = dt.date.today()
    return {
        "profile_id": PROFILE,
        "office_id": OFFICE_A,
        "channel": "hotline_12345",
        "received_on": today.isoformat(),
        "anonymous": anonymous,
        "sealed_identity": sealed,
        "id_number_index": None if anonymous else "a" * 64,
        "phone_index": None if anonymous else "b" * 64,
        "subject_agency_id": AGENCY,
        "subject_official_id": None,
        "matter": "窗口多次要求补交材料",
        "urgent_criteria": [],
        "registered_by": uid("handler"),
        "state": "registered",
        "due_on": (today + dt.timedelta(days=20)).isoformat(),
    }


def decision_changes(decider_id: str = OFFICE_A) -> dict[str, Any]:
    """A draft decision (fujian-2024, an efficiency warning) by ``sup``."""
    return {
        "profile_id": PROFILE,
        "state": "draft",
        "author_id": uid("sup"),
        "decider_id": decider_id,
        "subject_kind": "official",
        "subject_agency_id": new_id(),
        "subject_official_id": new_id(),
        "ground_ids": ["fj36_1_3"],
        "measure_ids": ["efficiency_warning"],
        "baseline_measure_ids": [],
        "mitigation_id": None,
        "mitigation_outcome": None,
        "conditions_met": [],
        "facts": "多次推诿",
        "complaint_id": None,
        "plan_id": None,
        "issued_by_higher_office": False,
    }


# --------------------------------------------------------------------- API


class Api:
    """A test client that signs users in once and pushes and pulls for them."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.tokens: dict[tuple[str, str], str] = {}

    def login(self, user: str, device: str = DEVICE) -> dict[str, str]:
        key = (user, device)
        if key not in self.tokens:
            response = self.client.post(
                "/auth/login",
                json={"username": user, "password": PASSWORD, "device_id": device},
            )
            assert response.status_code == 200, response.text
            self.tokens[key] = response.json()["token"]
        return {"Authorization": f"Bearer {self.tokens[key]}"}

    def push(
        self, user: str, ops: list[dict[str, Any]], device: str = DEVICE
    ) -> list[dict[str, Any]]:
        response = self.client.post(
            "/sync/push", json={"device_id": device, "ops": ops}, headers=self.login(user, device)
        )
        assert response.status_code == 200, response.text
        results: list[dict[str, Any]] = response.json()["results"]
        return results

    def accept(self, user: str, *ops: dict[str, Any], device: str = DEVICE) -> list[dict[str, Any]]:
        """Push and insist every op is accepted."""
        results = self.push(user, list(ops), device)
        for result in results:
            assert result["status"] == "accepted", result
        return results

    def pull(self, user: str, since: int = 0, limit: int = 200) -> dict[str, Any]:
        response = self.client.get(
            "/sync/pull", params={"since": since, "limit": limit}, headers=self.login(user)
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def pull_all(self, user: str, limit: int = 200) -> list[dict[str, Any]]:
        ops: list[dict[str, Any]] = []
        since = 0
        while True:
            page = self.pull(user, since, limit)
            ops.extend(page["ops"])
            since = page["next"]
            if not page["more"]:
                return ops


# ------------------------------------------------------------ flows, blobs


def sealed_identity(record_id: str) -> str:
    """A real sealed envelope (base64) for a made-up handler key."""
    import base64

    from desktop.crypto import ComplainantIdentity, generate_keypair, seal_identity

    _private, public = generate_keypair()
    identity = ComplainantIdentity(name="测试人", id_number="", phone="13800000000")
    sealed = seal_identity(identity, {uid("handler"): public}, record_id=record_id)
    return base64.b64encode(sealed.to_bytes()).decode("ascii")


def make_plan(
    api: Api,
    laptop: Laptop,
    *,
    kind: str = "focus",
    team: Iterable[str] = ("insp_a", "insp_b"),
    until: str = "approved",
) -> str:
    """A plan pushed through draft → submitted → approved (→ in_progress)."""
    plan_id = new_id()
    api.accept(
        "insp_a",
        laptop.op(
            "insp_a", "inspection_plans", plan_id, "plan.create", plan_changes(team=team, kind=kind)
        ),
    )
    if until == "draft":
        return plan_id
    api.accept(
        "insp_a",
        laptop.op("insp_a", "inspection_plans", plan_id, "plan.submit", {"state": "submitted"}),
    )
    if until == "submitted":
        return plan_id
    api.accept(
        "sup",
        laptop.op(
            "sup",
            "inspection_plans",
            plan_id,
            "plan.approve",
            {"state": "approved", "approvals": [approval(plan_id, "sup")]},
        ),
    )
    if until == "approved":
        return plan_id
    api.accept(
        "insp_a",
        laptop.op("insp_a", "inspection_plans", plan_id, "plan.start", {"state": "in_progress"}),
    )
    return plan_id
