"""Schemathesis against the server's own OpenAPI description: every operation,
with generated valid and invalid requests, signed in (a user holding every
role, so requests get past the role checks into the validation behind them)
and not signed in, on PostgreSQL and SQLite. No answer may be a 5xx, and
every answer must be one the description declares, with its content type and
body schema.

The description is read from the app itself, so routes added to the server
are covered as they land. A bounded example count keeps the run short;
``derandomize`` makes it the same run each time.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from desktop.domain.common import Role
from server import accounts
from server.app import create_app
from server.config import Settings

from .support import DEVICE, OFFICE_A, PASSWORD, USERS, Api

EXAMPLES = 20
EVERY_ROLE_USER = "st_every_role"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
RUN = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)

schema = schemathesis.openapi.from_dict(create_app(Settings(database_url="sqlite://")).openapi())
# The token is the test's (valid, or none at all), not generated; a query
# parameter the description does not name is ignored, as HTTP servers do.
schema.config.generation.update(with_security_parameters=False, allow_extra_parameters=False)


@pytest.fixture
def signed_in(app: FastAPI, client: TestClient) -> dict[str, str]:
    """The bearer header of a user who holds every role."""
    with app.state.sessions.begin() as db:
        accounts.create_user(
            db,
            username=EVERY_ROLE_USER,
            display_name=EVERY_ROLE_USER,
            password=PASSWORD,
            roles=tuple(Role),
            office_id=OFFICE_A,
        )
    response = client.post(
        "/auth/login",
        json={"username": EVERY_ROLE_USER, "password": PASSWORD, "device_id": DEVICE},
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


@schema.parametrize()
@RUN
def test_signed_in_no_server_error_and_answers_as_described(
    case: Any, app: FastAPI, signed_in: dict[str, str]
) -> None:
    case.call_and_validate(app=app, headers=signed_in, checks=CHECKS)


@schema.parametrize()
@RUN
def test_not_signed_in_no_server_error_and_answers_as_described(case: Any, app: FastAPI) -> None:
    case.call_and_validate(app=app, checks=CHECKS)


# ------------------------------------------ inputs the generator never makes

OP_ID = "0190a000-0000-7000-8000-0000000000e1"


def _push_body(changes: str) -> bytes:
    op = (
        f'{{"op_id":"{OP_ID}","entity":"inspection_plans","entity_id":"p1",'
        f'"action":"plan.update","changes":{changes},"base_version":1,'
        f'"hlc":"0000000000001-0000-{DEVICE}","device_id":"{DEVICE}","user_id":"{USERS["insp_a"].id}"}}'
    )
    return f'{{"device_id":"{DEVICE}","ops":[{op}]}}'.encode()


@pytest.mark.parametrize(
    ("changes", "status"),
    [
        pytest.param('{"title":"\\ud800"}', 422, id="lone-surrogate-value"),
        pytest.param('{"ti\\udc80tle":"x"}', 422, id="lone-surrogate-key"),
        pytest.param('{"scope":[' * 5000 + "]" * 5000 + "}", 422, id="nested-5000"),
        pytest.param('{"scope":' + "[" * 900 + "]" * 900 + "}", 200, id="nested-900"),
        pytest.param('{"scope":1' + "0" * 5000 + "}", 422, id="int-5000-digits"),
        pytest.param('{"scope":123456789012345678901234567890}', 200, id="int-30-digits"),
        pytest.param('{"scope":1e400}', 200, id="float-overflow"),
        pytest.param('{"scope":"\\u0000"}', 200, id="nul"),
    ],
)
def test_odd_json_in_a_push_is_refused_not_a_server_error(
    changes: str, status: int, api: Api, client: TestClient
) -> None:
    headers = {**api.login("insp_a"), "Content-Type": "application/json"}
    response = client.post("/sync/push", content=_push_body(changes), headers=headers)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    if status == 200:
        (result,) = response.json()["results"]
        assert result["status"] == "rejected" and result["reason"]
    else:
        assert response.json()["error"] == "request.invalid"


def test_a_body_that_is_not_utf8_gets_a_422(client: TestClient) -> None:
    response = client.post(
        "/auth/login",
        content=b'{"username":"\xff\xfe"}',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json()["error"] == "request.invalid"
