"""Every endpoint as every role and as nobody; every push action as every role;
what each role reads back; bad input of every kind gets a 4xx, never a 500."""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient

from desktop.crypto import generate_keypair, public_key_to_bytes
from desktop.domain.common import Role
from desktop.store.ids import new_id
from server.sync import spec

from .support import (
    DEVICE,
    ROLE_USERS,
    Api,
    Laptop,
    make_plan,
    uid,
)
from .test_audit_upload import UPLOAD_ENDPOINTS
from .test_snapshot import issue_rectification, register_complaint

ANONYMOUS = "anonymous"
ROLES = [*ROLE_USERS, ANONYMOUS]


def _key() -> str:
    return base64.b64encode(public_key_to_bytes(generate_keypair()[1])).decode()


THIS_YEAR = dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).year
#: Document-number blocks (server.numbers): signers only; the report for admins too.
NOT_READ: dict[Any, int] = {Role.INSPECTOR: 403, Role.COMPLAINT_HANDLER: 403}
NOT_SIGNERS: dict[Any, int] = {**NOT_READ, Role.ADMINISTRATOR: 403}
NOT_HANDLERS: dict[Any, int] = {r: 403 for r in ROLE_USERS if r != Role.COMPLAINT_HANDLER}
ROLE_USERS_IDS = {role: uid(name) for role, name in ROLE_USERS.items()}

# (method, path, body or None, {role: expected status}); roles not listed: 200
ENDPOINTS: list[tuple[str, str, Any, dict[Any, int]]] = [
    ("GET", "/health", None, {}),
    ("GET", "/openapi.json", None, {}),
    ("GET", "/me", None, {ANONYMOUS: 401}),
    ("GET", "/keys/handlers", None, {ANONYMOUS: 401}),
    (
        "PUT",
        "/keys/me",
        "KEY",
        {
            ANONYMOUS: 401,
            Role.ADMINISTRATOR: 403,
            Role.INSPECTOR: 403,
            Role.SUPERVISOR: 403,
            Role.OFFICE_HEAD: 403,
        },
    ),
    ("POST", "/sync/push", {"device_id": DEVICE, "ops": []}, {ANONYMOUS: 401}),
    ("GET", "/sync/pull?since=0&limit=10", None, {ANONYMOUS: 401}),
    ("GET", "/sync/snapshot?limit=10", None, {ANONYMOUS: 401}),
    ("GET", "/sync/snapshot?after=officials/0190a000&limit=5000", None, {ANONYMOUS: 401}),
    ("POST", "/numbers/blocks", "BLOCK", {ANONYMOUS: 401, **NOT_SIGNERS}),
    ("GET", f"/numbers/blocks?prefix=闽效问&year={THIS_YEAR}", None, {ANONYMOUS: 401, **NOT_READ}),
    (
        "POST",
        f"/numbers/blocks/{new_id()}/return",
        {"first_unused": 1},
        {ANONYMOUS: 401, **NOT_SIGNERS, Role.SUPERVISOR: 404, Role.OFFICE_HEAD: 404},
    ),
    # the office directory (server.directory): handlers alone send keys; the
    # first envelope needs the recovery key first (409 here: none is set)
    ("GET", "/directory", None, {ANONYMOUS: 401}),
    ("PUT", "/directory/me/key", "HANDLER_KEY", {ANONYMOUS: 401, **NOT_HANDLERS}),
    (
        "PUT",
        "/directory/blind-index",
        "ENVELOPE",
        {ANONYMOUS: 401, **NOT_HANDLERS, Role.COMPLAINT_HANDLER: 409},
    ),
    *UPLOAD_ENDPOINTS,  # the audit trail and evidence files (server.audit, server.evidence)
    ("POST", "/auth/logout", None, {ANONYMOUS: 401, "*": 204}),
]


def _directory_body(kind: str) -> dict[str, str]:
    """A real handler key pair or blind-index envelope, base64."""
    from desktop.crypto import Argon2Params, seal_private_key, seal_secret

    private, public = generate_keypair()
    if kind == "HANDLER_KEY":
        sealed = seal_private_key(private, "x" * 10, Argon2Params(1, 64, 1))
        return {"public_key": _key(), "sealed_private_key": base64.b64encode(sealed).decode()}
    recipients = {"recovery": public, ROLE_USERS_IDS[Role.COMPLAINT_HANDLER]: public}
    envelope = seal_secret(b"k" * 32, recipients, record_id="office-blind-index-key")
    return {"envelope": base64.b64encode(envelope.to_bytes()).decode()}


@pytest.mark.parametrize("role", ROLES, ids=str)
def test_every_endpoint_as_every_role(api: Api, client: TestClient, role: Any) -> None:
    headers = {} if role == ANONYMOUS else api.login(ROLE_USERS[role])
    for method, path, body, expected in ENDPOINTS:
        payload = {"public_key": _key()} if body == "KEY" else body
        if body == "BLOCK":
            payload = {"prefix": "闽效问", "year": THIS_YEAR, "request_id": str(uuid.uuid4())}
        if body in ("HANDLER_KEY", "ENVELOPE"):
            payload = _directory_body(body)
        response = client.request(method, path, json=payload, headers=headers)
        want = expected.get(role, expected.get("*", 200))
        assert response.status_code == want, (method, path, role, response.text)
        if want >= 400:
            assert set(response.json()) >= {"error", "reason"}
    # and signing in, as the user or as nobody
    if role == ANONYMOUS:
        response = client.post(
            "/auth/login", json={"username": "ghost", "password": "x" * 10, "device_id": DEVICE}
        )
        assert response.status_code == 401


@pytest.mark.parametrize("role", list(ROLE_USERS), ids=str)
def test_every_push_action_as_every_role(api: Api, role: Role) -> None:
    """An action a role may not take is refused for the role, whatever it carries."""
    user = ROLE_USERS[role]
    laptop = Laptop()
    ops = []
    for name, action in spec.ACTIONS.items():
        op = laptop.op(user, action.entity.name, new_id(), name, {}, base_version=0)
        if action.create is False:
            op["base_version"] = 1
        ops.append(op)
    results = api.push(user, ops)
    for (name, action), result in zip(spec.ACTIONS.items(), results, strict=True):
        assert result["status"] == "rejected", (name, role)  # empty changes never pass
        if role in action.roles:
            assert result["code"] != "auth.role", (name, role)
        else:
            assert result["code"] == "auth.role", (name, role, result)


def test_what_each_role_reads_back(api: Api, client: TestClient, laptop: Laptop) -> None:
    public = make_plan(api, laptop)
    secret = make_plan(api, laptop, kind="unannounced")
    complaint = register_complaint(api, laptop)
    rectification = issue_rectification(api, laptop)
    agency = new_id()
    api.accept(
        "admin",
        laptop.op(
            "admin",
            "agencies",
            agency,
            "agency.create",
            {
                "name": "鼓楼区行政服务中心",
                "kind": "agency",
                "level": 3,
                "profile_id": "fujian-2024",
                "staff_count": 20,
            },
        ),
    )
    expected = {
        Role.ADMINISTRATOR: {public, agency},
        Role.INSPECTOR: {public, secret, rectification, agency},  # insp_a is on the team
        Role.SUPERVISOR: {public, secret, complaint, rectification, agency},
        Role.OFFICE_HEAD: {public, secret, complaint, rectification, agency},
        Role.COMPLAINT_HANDLER: {public, complaint, agency},
    }
    for role, user in ROLE_USERS.items():
        seen = {o["entity_id"] for o in api.pull_all(user)}
        assert seen == expected[role], role
        snapshot = client.get("/sync/snapshot", headers=api.login(user)).json()["records"]
        assert {r["id"] for r in snapshot} == expected[role], role
        identities = [r for r in snapshot if "sealed_identity" in r["data"]]
        assert bool(identities) == (role is Role.COMPLAINT_HANDLER)
        identity = [o for o in api.pull_all(user) if "sealed_identity" in o["changes"]]
        assert bool(identity) == (role is Role.COMPLAINT_HANDLER)
    assert {o["entity_id"] for o in api.pull_all("insp_c")} == {public, rectification, agency}


BAD_REQUESTS: list[tuple[str, str, Any]] = [
    ("POST", "/auth/login", b"{not json"),
    ("POST", "/auth/login", b"[]"),
    ("POST", "/auth/login", {"username": "a"}),
    ("POST", "/auth/login", {"username": "a\u0000b", "password": "x", "device_id": DEVICE}),
    ("POST", "/auth/login", {"username": "a", "password": "x", "device_id": "../../etc"}),
    ("POST", "/auth/login", {"username": "a" * 1000, "password": "x", "device_id": DEVICE}),
    ("POST", "/auth/login", {"username": 5, "password": ["x"], "device_id": DEVICE}),
    ("POST", "/auth/login", {"username": "a", "password": "x", "device_id": DEVICE, "extra": 1}),
    ("PUT", "/keys/me", {"public_key": "\u0000"}),
    ("PUT", "/keys/me", {"public_key": 123}),
    ("PUT", "/keys/me", b"\xff\xfe"),
    ("POST", "/sync/push", {"device_id": DEVICE}),
    ("POST", "/sync/push", {"device_id": DEVICE, "ops": "all of them"}),
    ("POST", "/sync/push", {"device_id": DEVICE, "ops": [{}]}),
    ("POST", "/sync/push", {"device_id": DEVICE, "ops": [None]}),
    ("POST", "/sync/push", {"device_id": "other-device", "ops": []}),
    ("POST", "/sync/push", {"device_id": DEVICE, "ops": [{"op_id": "x"}] * 501}),
    ("POST", "/sync/push", b'{"device_id": "' + b"[" * 5000 + b'"}'),
    ("POST", "/sync/push", b"[" * 100_000),
    ("POST", "/sync/push", b'{"device_id": 1e999999, "ops": []}'),
    ("POST", "/sync/push", b'{"device_id": NaN, "ops": []}'),
    ("GET", "/sync/pull?since=99999999999999999999999", None),
    ("GET", "/sync/pull?since=%00", None),
    ("GET", "/sync/pull?limit=-1", None),
    ("DELETE", "/sync/pull", None),
    ("GET", "/sync/snapshot?after=officials", None),
    ("GET", "/sync/snapshot?after=officials/%00", None),
    ("GET", "/sync/snapshot?after=" + "a" * 5000, None),
    ("GET", "/sync/snapshot?after=../../etc/passwd", None),
    ("GET", "/sync/snapshot?after=officials/%E4%B8%AD", None),
    ("GET", "/sync/snapshot?limit=0", None),
    ("GET", "/sync/snapshot?limit=99999999999999999999999", None),
    ("GET", "/sync/snapshot?limit=%00", None),
    ("POST", "/sync/snapshot", None),
    ("GET", "/no/such/thing", None),
    ("POST", "/numbers/blocks", {"prefix": "闽效问"}),
    ("POST", "/numbers/blocks", {"prefix": "闽效问", "year": "今年", "request_id": "x"}),
    ("POST", "/numbers/blocks", b"[]"),
    ("GET", "/numbers/blocks?prefix=闽效问&year=abc", None),
    ("GET", "/numbers/blocks", None),
    ("POST", "/numbers/blocks/..%2F..%2Fetc/return", {"first_unused": 1}),
    ("POST", "/numbers/blocks/x/return", {"first_unused": 2**40}),
]


def _op(**override: Any) -> dict[str, Any]:
    op = Laptop().op("insp_a", "inspection_plans", new_id(), "plan.create", {}, base_version=0)
    op.update(override)
    return op


BAD_OPS: list[dict[str, Any]] = [
    _op(op_id="not-a-uuid"),
    _op(hlc="yesterday"),
    _op(base_version=-1),
    _op(base_version=2**40),
    _op(entity="Inspection Plans"),
    _op(entity_id="x" * 100),
    _op(action="drop table"),
    _op(changes=[1, 2]),
    _op(changes="x"),
]


@pytest.mark.parametrize("role", [ANONYMOUS, Role.INSPECTOR], ids=str)
def test_bad_input_gets_a_4xx_with_a_reason_never_a_500(
    api: Api, client: TestClient, role: Any
) -> None:
    headers = {} if role == ANONYMOUS else api.login(ROLE_USERS[role])
    requests = list(BAD_REQUESTS) + [
        ("POST", "/sync/push", {"device_id": DEVICE, "ops": [op]}) for op in BAD_OPS
    ]
    for method, path, body in requests:
        kwargs: dict[str, Any] = {"headers": dict(headers)}
        if isinstance(body, bytes):
            kwargs["content"] = body
            kwargs["headers"]["content-type"] = "application/json"
        elif body is not None:
            kwargs["content"] = json.dumps(body)
            kwargs["headers"]["content-type"] = "application/json"
        response = client.request(method, path, **kwargs)
        assert 400 <= response.status_code < 500, (method, path, body, response.text[:300])
        reply = response.json()
        assert reply["error"] and reply["reason"], reply


def test_values_sent_are_not_echoed_in_errors(api: Api, client: TestClient) -> None:
    secret = "350102199003076721"
    response = client.post(
        "/auth/login", json={"username": secret * 10, "password": secret, "device_id": DEVICE}
    )
    assert response.status_code == 422 and secret not in response.text
    op = _op(hlc=secret)
    response = client.post(
        "/sync/push", json={"device_id": DEVICE, "ops": [op]}, headers=api.login("insp_a")
    )
    assert response.status_code == 422 and secret not in response.text


def test_oversized_body_is_413(api: Api, client: TestClient) -> None:
    big = b'{"device_id": "' + b"a" * (9 * 1024 * 1024) + b'", "ops": []}'
    response = client.post(
        "/sync/push",
        content=big,
        headers={**api.login("insp_a"), "content-type": "application/json"},
    )
    assert response.status_code == 413 and response.json()["error"] == "request.too_large"
