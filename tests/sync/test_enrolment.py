"""Fresh laptops join an office's server (issue 6: directory sync; issue 7:
first run). Nothing is copied between laptops: the server's accounts, its
recovery key (``server.admin init-keys``) and what each laptop enrols are all
there is. Runs against the real server on a socket, on PostgreSQL and SQLite.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import MetaData, select

from desktop.crypto import ComplainantIdentity, public_key_to_bytes
from desktop.domain.common import Role
from desktop.resources import load_profile
from desktop.services import auth, complaints, directory, enrol, setup, sync as sync_service
from desktop.services.auth import SignInFailed, UserSession
from desktop.services.base import Context
from desktop.store.db import open_store
from desktop.store.models import AuditEntry, User
from desktop.sync.errors import SyncAuthFailed, SyncUnavailable
from server import accounts, admin
from server.models import OfficeKey, User as ServerUser
from tests.accounts import FAST_ARGON2

from .support import DEVICE_A, DEVICE_B, PROFILE, LiveServer, start_server

PASSWORD = "enrol horse 7"
PASSPHRASE = "the office safe, second shelf"
DEVICE_C = "0190a000-0000-7000-8000-0000000000cc"
PEOPLE: dict[str, tuple[Role, ...]] = {
    "e_admin": (Role.ADMINISTRATOR,),
    "e_zheng": (Role.COMPLAINT_HANDLER,),
    "e_wu": (Role.COMPLAINT_HANDLER,),
    "e_insp": (Role.INSPECTOR,),
}
LIN = ComplainantIdentity(
    name="林晓梅", id_number="350102199003076721", phone="13905912345", address="", notes=""
)


@pytest.fixture
def server(db_url: str, fast_laptop_hashing: None) -> Iterator[LiveServer]:
    live = start_server(db_url)
    try:
        with live.app.state.sessions.begin() as db:
            for name, roles in PEOPLE.items():
                accounts.create_user(
                    db, username=name, display_name=f"{name} 同志", password=PASSWORD, roles=roles
                )
        yield live
    finally:
        live.stop()


def fresh(folder: Path, device: str) -> Context:
    return Context(open_store(folder), device, load_profile(PROFILE))


def enrol_user(ctx: Context, live: LiveServer, username: str) -> UserSession:
    return enrol.enrol_with_server(
        ctx, live.url, username, PASSWORD, profile_id=PROFILE, argon2=FAST_ARGON2
    )


def sync(ctx: Context, user: UserSession) -> None:
    client = sync_service.connect(ctx, user, PASSWORD)
    try:
        sync_service.run_sync(ctx, user, client)
    finally:
        client.close()


def register(ctx: Context, user: UserSession, agency_id: str) -> str:
    return complaints.register_complaint(
        ctx,
        user,
        channel="hotline_12345",
        received_on=ctx.today() - dt.timedelta(days=1),
        subject_agency_id=agency_id,
        matter="窗口多次要求补交材料",
        identity=LIN,
    )


def server_dump(live: LiveServer) -> bytes:
    """Every value in every table of the server's database, as bytes."""
    meta = MetaData()
    meta.reflect(live.engine)
    parts: list[bytes] = []
    with live.engine.connect() as conn:
        for table in meta.sorted_tables:
            for row in conn.execute(table.select()):
                for value in row:
                    parts.append(value if isinstance(value, bytes) else str(value).encode())
    return b"\x00".join(parts)


def test_two_fresh_laptops_enrol_and_share_identities(
    server: LiveServer,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("XIAONENG_RECOVERY_PASSPHRASE", PASSPHRASE)
    key_file = tmp_path / "recovery.key"
    assert admin.run(["--db", db_url, "init-keys", "--out", str(key_file)]) == 0
    # the sealed file opens with the passphrase and matches the published key
    private = setup.read_recovery_key(key_file.read_text(encoding="utf-8"), PASSPHRASE)
    with server.app.state.sessions.begin() as db:
        published = db.get(OfficeKey, accounts.RECOVERY_KEY_KIND)
        assert published is not None
        assert published.data == public_key_to_bytes(private.public_key())
    assert admin.run(["--db", db_url, "init-keys", "--out", str(tmp_path / "again.key")]) == 1

    a, b = fresh(tmp_path / "a", DEVICE_A), fresh(tmp_path / "b", DEVICE_B)
    assert setup.needs_setup(a) and setup.needs_setup(b)

    # laptop A: the administrator enrols, makes the office and an agency, syncs
    admin_a = enrol_user(a, server, "e_admin")
    assert not setup.needs_setup(a) and Role.ADMINISTRATOR in admin_a.roles
    office_id = directory.create_agency(a, admin_a, name="福州市效能办", kind="office", level=2)
    agency_id = directory.create_agency(
        a, admin_a, name="福州市市场监督管理局", kind="agency", level=2, office_id=office_id
    )
    sync(a, admin_a)
    assert admin.run(["--db", db_url, "list-offices"]) == 0
    assert f"{office_id}\t福州市效能办" in capsys.readouterr().out
    for name in PEOPLE:
        assert (
            admin.run(["--db", db_url, "set-office", "--username", name, "--office-id", office_id])
            == 0
        )

    # the first handler's laptop makes the blind-index key, sealed for them and recovery
    zheng = enrol_user(a, server, "e_zheng")
    assert zheng.private_key is not None and zheng.blind_indexer is not None
    sync(a, zheng)
    assert zheng.office_id == office_id

    # laptop B: a second handler enrols; not granted the key until a handler syncs
    with pytest.raises(SignInFailed) as pending:
        enrol_user(b, server, "e_wu")
    assert pending.value.code == auth.NOT_GRANTED
    sync(a, zheng)  # grants e_wu and sends the grown envelope
    wu = enrol_user(b, server, "e_wu")  # online again: the directory has the grant now
    assert wu.blind_indexer is not None
    sync(b, wu)
    assert wu.office_id == office_id

    # one handler key per person, the same on every laptop
    with a.transaction() as db_a, b.transaction() as db_b:
        keys_a = {u.username: u.public_key for u in db_a.scalars(select(User))}
        keys_b = {u.username: u.public_key for u in db_b.scalars(select(User))}
    assert keys_a["e_wu"] == keys_b["e_wu"] is not None
    assert keys_a["e_zheng"] == keys_b["e_zheng"] is not None

    # a complaint registered on A is readable by the handler on B
    first = register(a, zheng, agency_id)
    sync(a, zheng)
    sync(b, wu)
    opened = complaints.reveal_identity(b, wu, first)
    assert (opened.name, opened.id_number) == (LIN.name, LIN.id_number)

    # the repeat-complainant hint works across laptops (one blind-index key)
    second = register(b, wu, agency_id)
    assert complaints.repeat_count(b, wu, second) == 1
    assert complaints.find_repeat_complainants(b, wu, id_number=LIN.id_number) == [second, first]
    sync(b, wu)
    sync(a, zheng)
    assert complaints.repeat_count(a, zheng, first) == 1

    # the server holds no identity, no blind-index key, no private key in clear
    assert zheng.blind_indexer is not None and zheng.private_key is not None
    secrets = [
        *(s.encode() for s in (LIN.name, LIN.id_number, LIN.phone, PASSWORD, PASSPHRASE)),
        zheng.blind_indexer._key,
        zheng.private_key.private_bytes_raw(),
        private.private_bytes_raw(),
    ]
    dump = server_dump(server)
    assert not [s for s in secrets if s in dump]

    # another user of laptop B: online the first time, offline afterwards
    assert enrol.online_sign_in_needed(b, "e_insp") == server.url
    with pytest.raises(SignInFailed):
        auth.sign_in(b, "e_insp", PASSWORD)
    enrol.enrol_with_server(b, server.url, "e_insp", PASSWORD)
    assert enrol.online_sign_in_needed(b, "e_insp") == ""
    server.stop()
    assert auth.sign_in(b, "e_insp", PASSWORD).username == "e_insp"
    assert auth.sign_in(a, "e_zheng", PASSWORD).blind_indexer is not None
    for ctx in (a, b):
        ctx.store.close()


def test_bad_enrolment_writes_nothing(server: LiveServer, tmp_path: Path) -> None:
    c = fresh(tmp_path / "c", DEVICE_C)
    with pytest.raises(SyncAuthFailed) as wrong:
        enrol.enrol_with_server(c, server.url, "e_admin", "not the password")
    assert wrong.value.field == "password"
    with pytest.raises(SyncUnavailable) as away:
        enrol.enrol_with_server(c, "http://127.0.0.1:9", "e_admin", PASSWORD)
    assert away.value.field == "server_url"
    with pytest.raises(Exception) as bad_url:
        enrol.enrol_with_server(c, "ftp://example", "e_admin", PASSWORD)
    assert getattr(bad_url.value, "field", None) == "server_url"
    # a handler cannot enrol before the office recovery key exists
    with pytest.raises(Exception) as no_key:
        enrol.enrol_with_server(c, server.url, "e_zheng", PASSWORD, argon2=FAST_ARGON2)
    assert getattr(no_key.value, "code", "") == "enrol.no_recovery_key"
    assert setup.needs_setup(c) and sync_service.server_url(c) == ""
    with c.transaction() as db:
        assert db.scalars(select(AuditEntry)).first() is None
    with server.app.state.sessions.begin() as sdb:  # the server kept no key for them
        handler = sdb.scalar(select(ServerUser).where(ServerUser.username == "e_zheng"))
        assert handler is not None and handler.public_key is None
    c.store.close()
