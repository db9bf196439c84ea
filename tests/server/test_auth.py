"""Sign-in, sessions (expiry, revocation), devices, handlers' public keys, the
administrator's CLI."""

from __future__ import annotations

import base64
import datetime as dt

import httpx
import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, text, update
from sqlalchemy.orm import Session

from desktop.crypto import generate_keypair, public_key_to_bytes
from server import admin, security
from server.models import AuthSession, Device, User

from .support import DEVICE, DEVICE_2, PASSWORD, Api, uid


def login(
    client: TestClient, username: str, password: str = PASSWORD, device: str = DEVICE
) -> httpx.Response:
    response: httpx.Response = client.post(
        "/auth/login", json={"username": username, "password": password, "device_id": device}
    )
    return response


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_login_me_logout(client: TestClient, engine: Engine) -> None:
    response = login(client, "insp_a")
    assert response.status_code == 200
    body = response.json()
    token = body["token"]
    assert body["user"]["roles"] == ["inspector"] and body["user"]["user_id"] == uid("insp_a")
    me = client.get("/me", headers=bearer(token))
    assert me.status_code == 200
    assert me.json()["device_id"] == DEVICE and me.json()["username"] == "insp_a"
    with Session(engine) as db:  # only the SHA-256 of the token is kept, and the device
        hashes = list(db.scalars(select(AuthSession.token_hash)))
        assert security.token_hash(token) in hashes and token not in hashes
        assert db.get(Device, DEVICE) is not None
        dump = " ".join(str(row) for row in db.execute(text("SELECT * FROM auth_sessions")))
        assert token not in dump
    assert client.post("/auth/logout", headers=bearer(token)).status_code == 204
    after = client.get("/me", headers=bearer(token))
    assert after.status_code == 401 and after.json()["error"] == "auth.unauthenticated"
    assert after.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    ("username", "password"),
    [("insp_a", "wrong password"), ("nobody-here", PASSWORD), ("INSP_A", PASSWORD)],
)
def test_wrong_username_or_password_is_one_401(
    client: TestClient, username: str, password: str
) -> None:
    response = login(client, username, password)
    assert response.status_code == 401
    assert response.json() == {
        "error": "auth.sign_in_failed",
        "reason": "用户名或密码错误",
        "message": {"template": "用户名或密码错误", "values": {}},
    }


def test_expired_session_is_refused(client: TestClient, engine: Engine) -> None:
    token = login(client, "sup").json()["token"]
    assert client.get("/me", headers=bearer(token)).status_code == 200
    past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    with Session(engine) as db, db.begin():
        db.execute(
            update(AuthSession)
            .where(AuthSession.token_hash == security.token_hash(token))
            .values(expires_at=past)
        )
    assert client.get("/me", headers=bearer(token)).status_code == 401


def test_session_lifetime_comes_from_the_settings(client: TestClient) -> None:
    body = login(client, "sup").json()
    expires = dt.datetime.fromisoformat(body["expires_at"])
    lifetime = expires - dt.datetime.now(dt.UTC)
    assert dt.timedelta(hours=11) < lifetime <= dt.timedelta(hours=12)


def test_deactivating_a_user_revokes_their_sessions(
    client: TestClient, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    token = login(client, "insp_b").json()["token"]
    other = login(client, "insp_b", device=DEVICE_2).json()["token"]
    assert admin.run(["--db", db_url, "deactivate-user", "--username", "insp_b"]) == 0
    for t in (token, other):
        assert client.get("/me", headers=bearer(t)).status_code == 401
    assert login(client, "insp_b").status_code == 401
    assert admin.run(["--db", db_url, "activate-user", "--username", "insp_b"]) == 0
    assert login(client, "insp_b").status_code == 200
    fresh = login(client, "insp_b").json()["token"]
    assert admin.run(["--db", db_url, "revoke-sessions", "--username", "insp_b"]) == 0
    assert client.get("/me", headers=bearer(fresh)).status_code == 401
    assert "revoked" in capsys.readouterr().out


def test_a_revoked_device_cannot_sign_in(client: TestClient, engine: Engine) -> None:
    token = login(client, "insp_a").json()["token"]
    with Session(engine) as db, db.begin():
        db.execute(update(Device).where(Device.id == DEVICE).values(revoked=True))
    assert client.get("/me", headers=bearer(token)).status_code == 401
    refused = login(client, "insp_a")
    assert refused.status_code == 403 and refused.json()["error"] == "auth.device_revoked"


@pytest.mark.parametrize(
    "header",
    [
        "",
        "Bearer",
        "Bearer short",
        "Basic dXNlcjpwYXNz",
        "Bearer " + "x" * 43,
        "Bearer " + "y" * 500,
    ],
)
def test_bad_tokens_are_401(client: TestClient, header: str) -> None:
    response = client.get("/me", headers={"Authorization": header} if header else {})
    assert response.status_code == 401
    assert response.json()["error"] == "auth.unauthenticated"


def test_passwords_are_argon2id(engine: Engine) -> None:
    with Session(engine) as db:
        hashes = list(db.scalars(select(User.password_hash)))
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert PASSWORD not in " ".join(hashes)


def test_admin_cli_creates_a_user_with_real_argon2_parameters(
    client: TestClient,
    db_url: str,
    engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(security, "hasher", PasswordHasher())  # the production profile
    monkeypatch.setenv("XIAONENG_ADMIN_PASSWORD", "another secret 9")
    code = admin.run(
        [
            "--db",
            db_url,
            "create-user",
            "--username",
            "linzq",
            "--display-name",
            "林志强",
            "--roles",
            "supervisor,office_head",
            "--id",
            "0190a000-0000-7000-8000-00000000f001",
        ]
    )
    assert code == 0
    with Session(engine) as db:
        user = db.get(User, "0190a000-0000-7000-8000-00000000f001")
        assert user is not None and user.role_names == {"supervisor", "office_head"}
        assert user.password_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    body = login(client, "linzq", "another secret 9").json()
    assert body["user"]["display_name"] == "林志强"
    assert body["user"]["roles"] == ["office_head", "supervisor"]
    # bad input: a clear error, no traceback
    assert admin.run(["--db", db_url, "create-user", "--username", "x", "--roles", "king"]) == 1
    assert (
        admin.run(["--db", db_url, "create-user", "--username", "linzq", "--roles", "inspector"])
        == 1
    )


def test_handler_publishes_a_key_and_everyone_reads_it(api: Api, client: TestClient) -> None:
    _private, public = generate_keypair()
    raw = public_key_to_bytes(public)
    encoded = base64.b64encode(raw).decode()
    response = client.put("/keys/me", json={"public_key": encoded}, headers=api.login("handler"))
    assert response.status_code == 200, response.text
    assert response.json()["public_key"] == encoded
    for user in ("insp_a", "admin", "handler"):
        keys = client.get("/keys/handlers", headers=api.login(user)).json()
        assert [(k["username"], k["public_key"]) for k in keys["handlers"]] == [
            ("handler", encoded)
        ]
        assert keys["recovery"] is None
    assert client.get("/me", headers=api.login("handler")).json()["has_public_key"] is True
    for bad in ("AAAA", "not base64 at all!", base64.b64encode(b"x" * 31).decode()):
        refused = client.put("/keys/me", json={"public_key": bad}, headers=api.login("handler"))
        assert refused.status_code == 422, bad
    forbidden = client.put("/keys/me", json={"public_key": encoded}, headers=api.login("sup"))
    assert forbidden.status_code == 403


def test_recovery_key_from_the_cli(api: Api, client: TestClient, db_url: str) -> None:
    _private, public = generate_keypair()
    encoded = base64.b64encode(public_key_to_bytes(public)).decode()
    assert admin.run(["--db", db_url, "set-recovery-key", "--public-key", encoded]) == 0
    keys = client.get("/keys/handlers", headers=api.login("insp_a")).json()
    assert keys["recovery"]["public_key"] == encoded
    assert admin.run(["--db", db_url, "set-recovery-key", "--public-key", "AAAA"]) == 1
