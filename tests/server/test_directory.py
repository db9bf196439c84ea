"""The office directory (server.directory) on PostgreSQL and SQLite: who sees
what, a handler's key pair stored once, and the blind-index envelope taken
only as the first one (for the recovery key and its sender) or as the same
key granted to more handlers. The server stores ciphertext only."""

from __future__ import annotations

import base64
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from desktop.crypto import (
    generate_keypair,
    open_secret,
    public_key_to_bytes,
    rewrap,
    seal_private_key,
    seal_secret,
)
from desktop.crypto.vault import SealedIdentity
from desktop.domain.common import Role
from server import accounts
from tests.accounts import FAST_ARGON2

from .support import PASSWORD, Api, uid

RECORD = "office-blind-index-key"
SECRET = b"s" * 32


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def directory(api: Api, client: TestClient, user: str) -> dict[str, Any]:
    response = client.get("/directory", headers=api.login(user))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def publish(api: Api, client: TestClient, user: str, password: str = "pw-0123456") -> Any:
    private, public = generate_keypair()
    sealed = seal_private_key(private, password, FAST_ARGON2)
    response = client.put(
        "/directory/me/key",
        json={"public_key": b64(public_key_to_bytes(public)), "sealed_private_key": b64(sealed)},
        headers=api.login(user),
    )
    return private, sealed, response


def test_the_directory_lists_the_office_and_keeps_keys_to_handlers(
    api: Api, client: TestClient
) -> None:
    body = directory(api, client, "insp_a")
    users = {u["username"]: u for u in body["users"]}
    assert users["handler"]["roles"] == ["complaint_handler"]
    assert users["insp_a"]["id"] == uid("insp_a") and users["insp_a"]["active"] is True
    assert "password_hash" not in users["insp_a"]
    assert body["blind_index"] is None and body["sealed_private_key"] is None
    _private, sealed, response = publish(api, client, "handler")
    assert response.status_code == 200, response.text
    mine = directory(api, client, "handler")
    assert base64.b64decode(mine["sealed_private_key"]) == sealed
    others = directory(api, client, "insp_a")
    assert others["sealed_private_key"] is None  # only one's own, only a handler's
    assert {u["username"]: u["public_key"] for u in others["users"]}["handler"] is not None


def test_a_handler_key_is_stored_once_and_checked(api: Api, client: TestClient) -> None:
    _private, _sealed, first = publish(api, client, "handler")
    assert first.status_code == 200
    _again, _sealed2, second = publish(api, client, "handler")
    assert second.status_code == 409 and second.json()["error"] == "keys.conflict"
    headers = api.login("handler")
    bad = client.put(
        "/directory/me/key",
        json={"public_key": b64(b"x" * 32 + b"y"), "sealed_private_key": b64(b"XNPK\x01" + b"0")},
        headers=headers,
    )
    assert bad.status_code in (409, 422) and "reason" in bad.json()
    not_b64 = client.put(
        "/directory/me/key",
        json={"public_key": "!!!", "sealed_private_key": "???"},
        headers=headers,
    )
    assert not_b64.status_code == 422
    refused = client.put(
        "/directory/me/key",
        json={"public_key": b64(b"x" * 32), "sealed_private_key": b64(b"y" * 90)},
        headers=api.login("sup"),
    )
    assert refused.status_code == 403


def test_the_blind_index_envelope_only_grows(api: Api, client: TestClient, engine: Engine) -> None:
    handler_private, _sealed, _response = publish(api, client, "handler")
    _recovery_private, recovery_public = generate_keypair()
    first = seal_secret(
        SECRET,
        {"recovery": recovery_public, uid("handler"): handler_private.public_key()},
        record_id=RECORD,
    )
    headers = api.login("handler")

    def send(envelope: bytes) -> Any:
        return client.put(
            "/directory/blind-index", json={"envelope": b64(envelope)}, headers=headers
        )

    assert send(first.to_bytes()).status_code == 409  # no recovery key yet
    with Session(engine) as db, db.begin():
        accounts.set_office_key(
            db, accounts.RECOVERY_KEY_KIND, public_key_to_bytes(recovery_public)
        )
    only_recovery = seal_secret(SECRET, {"recovery": recovery_public}, record_id=RECORD)
    assert send(only_recovery.to_bytes()).status_code == 422  # not sealed for its sender
    assert send(b"not an envelope" * 20).status_code == 422
    assert send(first.to_bytes()).status_code == 204
    stored = directory(api, client, "handler")["blind_index"]
    assert base64.b64decode(stored) == first.to_bytes()
    assert directory(api, client, "insp_a")["blind_index"] is None

    # another key altogether is refused; the same key granted to more is taken
    other = seal_secret(
        b"o" * 32,
        {"recovery": recovery_public, uid("handler"): handler_private.public_key()},
        record_id=RECORD,
    )
    assert send(other.to_bytes()).status_code == 409
    *_, refused = publish(api, client, "insp_a")
    assert refused.status_code == 403
    outsider, _ = generate_keypair()
    stranger = rewrap(
        first,
        uid("handler"),
        handler_private,
        {uid("insp_a"): outsider.public_key()},
        record_id=RECORD,
    )
    assert send(stranger.to_bytes()).status_code == 422  # not a handler with a key

    with Session(engine) as db, db.begin():
        newcomer_id = accounts.create_user(
            db,
            username="handler_new",
            display_name="新受理人",
            password=PASSWORD,
            roles=[Role.COMPLAINT_HANDLER],
        ).id
    newcomer, _sealed, published = publish(api, client, "handler_new")
    assert published.status_code == 200
    granted = rewrap(
        first,
        uid("handler"),
        handler_private,
        {newcomer_id: newcomer.public_key()},
        record_id=RECORD,
    )
    assert send(granted.to_bytes()).status_code == 204
    stored_now = directory(api, client, "handler_new")["blind_index"]
    envelope = SealedIdentity.from_bytes(base64.b64decode(stored_now))
    assert open_secret(envelope, newcomer_id, newcomer, record_id=RECORD) == SECRET
    assert send(first.to_bytes()).status_code == 409  # a grant cannot be taken back
