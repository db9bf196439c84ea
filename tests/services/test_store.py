"""The store itself: WAL, migrations at start, UUIDv7 keys, the audit chain
(tampering detected), one transaction per action, and a killed process."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.services import directory
from desktop.services.auth import UserSession
from desktop.services.base import Context, Forbidden, InvalidInput
from desktop.store import audit
from desktop.store.db import DB_FILE, head_revision, open_store
from desktop.store.ids import new_id, uuid7
from desktop.store.models import Agency, AuditEntry, OutboxOp
from tests.accounts import PASSWORD

from .conftest import Office

Login = Callable[[str], UserSession]


def counts(ctx: Context) -> tuple[int, int, int]:
    with ctx.transaction() as db:
        return (
            db.scalar(select(func.count()).select_from(Agency)) or 0,
            db.scalar(select(func.count()).select_from(AuditEntry)) or 0,
            db.scalar(select(func.count()).select_from(OutboxOp)) or 0,
        )


def test_wal_and_foreign_keys(ctx: Context) -> None:
    with ctx.store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_migrations_run_at_start_and_are_idempotent(tmp_path: Path) -> None:
    open_store(tmp_path).close()
    open_store(tmp_path).close()
    with sqlite3.connect(tmp_path / DB_FILE) as conn:
        (version,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    assert version == head_revision() != "0001"


def test_keys_are_uuid7_and_increase() -> None:
    ids = [new_id() for _ in range(5000)]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert uuid.UUID(ids[0]).version == 7
    assert uuid7().variant == uuid.RFC_4122


def test_an_action_writes_record_audit_and_outbox_together(ctx: Context, login: Login) -> None:
    before = counts(ctx)
    agency_id = directory.create_agency(
        ctx, login("admin"), name="晋安区效能办", kind="office", level=3
    )
    assert counts(ctx) == (before[0] + 1, before[1] + 2, before[2] + 1)  # +1 sign-in audit
    with ctx.transaction() as db:
        op = db.scalars(select(OutboxOp).order_by(OutboxOp.seq.desc())).first()
        assert op is not None and op.entity_id == agency_id and op.base_version == 0
        assert op.changes["name"] == "晋安区效能办"
        assert op.hlc.endswith(ctx.device_id)


def test_refused_actions_write_nothing(ctx: Context, login: Login) -> None:
    sup, admin = login("sup"), login("admin")
    before = counts(ctx)
    with pytest.raises(Forbidden):
        directory.create_agency(ctx, sup, name="x", kind="office", level=3)
    with pytest.raises(InvalidInput) as err:
        directory.create_agency(ctx, admin, name=" ", kind="office", level=3)
    assert err.value.field == "name"
    assert counts(ctx) == before


def test_failure_between_the_writes_rolls_everything_back(
    ctx: Context, login: Login, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = login("admin")
    before = counts(ctx)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full between the record and its audit entry")

    monkeypatch.setattr(audit, "append", broken)
    with pytest.raises(RuntimeError):
        directory.create_agency(ctx, admin, name="半条记录", kind="office", level=3)
    monkeypatch.undo()
    assert counts(ctx) == before
    with ctx.transaction() as db:
        assert db.scalar(select(Agency).where(Agency.name == "半条记录")) is None


def test_failure_after_the_audit_entry_rolls_back_too(
    ctx: Context, login: Login, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = login("admin")
    before = counts(ctx)
    real_next_hlc = Context.next_hlc

    def broken(self: Context, db: object) -> object:
        raise RuntimeError("crash before the outbox op")

    monkeypatch.setattr(Context, "next_hlc", broken)
    with pytest.raises(RuntimeError):
        directory.create_agency(ctx, admin, name="半条记录", kind="office", level=3)
    monkeypatch.setattr(Context, "next_hlc", real_next_hlc)
    assert counts(ctx) == before


# --------------------------------------------------------------- audit chain


def make_entries(ctx: Context, login: Login, n: int) -> None:
    admin = login("admin")
    for i in range(n):
        directory.create_agency(ctx, admin, name=f"测试单位{i}", kind="agency", level=3)


def raw(ctx: Context) -> sqlite3.Connection:
    ctx.store.engine.dispose()
    conn = sqlite3.connect(ctx.store.data_dir / DB_FILE)
    conn.execute("DROP TRIGGER audit_log_no_update")  # what an attacker with the file can do
    conn.execute("DROP TRIGGER audit_log_no_delete")
    return conn


def test_an_intact_chain_verifies(ctx: Context, login: Login) -> None:
    make_entries(ctx, login, 5)
    with ctx.transaction() as db:
        assert audit.verify(db) == []


def test_the_database_refuses_edits_to_the_audit_log(ctx: Context, login: Login) -> None:
    make_entries(ctx, login, 1)
    ctx.store.engine.dispose()
    with sqlite3.connect(ctx.store.data_dir / DB_FILE) as conn:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("UPDATE audit_log SET action = 'x'")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("DELETE FROM audit_log")


def test_an_edited_entry_is_detected(ctx: Context, login: Login) -> None:
    make_entries(ctx, login, 5)
    with raw(ctx) as conn:
        seq = conn.execute("SELECT seq FROM audit_log ORDER BY seq LIMIT 1 OFFSET 3").fetchone()[0]
        conn.execute("UPDATE audit_log SET user_id = 'someone-else' WHERE seq = ?", (seq,))
    with ctx.transaction() as db:
        problems = audit.verify(db)
    assert [p.seq for p in problems] == [seq]
    assert "哈希不符" in problems[0].problem


def test_a_deleted_entry_is_detected(ctx: Context, login: Login) -> None:
    make_entries(ctx, login, 5)
    with raw(ctx) as conn:
        seqs = [r[0] for r in conn.execute("SELECT seq FROM audit_log ORDER BY seq")]
        conn.execute("DELETE FROM audit_log WHERE seq = ?", (seqs[2],))
    with ctx.transaction() as db:
        problems = audit.verify(db)
    assert [p.seq for p in problems] == [seqs[3]]
    assert "链接断开" in problems[0].problem


def test_a_rehashed_edit_still_breaks_the_next_link(ctx: Context, login: Login) -> None:
    make_entries(ctx, login, 4)
    with ctx.transaction() as db:
        entries = db.scalars(select(AuditEntry).order_by(AuditEntry.seq)).all()
        target = entries[1]
        forged = audit.entry_hash(
            id=target.id,
            at=target.at,
            device_id=target.device_id,
            user_id="forger",
            action=target.action,
            entity=target.entity,
            entity_id=target.entity_id,
            details=target.details,
            prev_hash=target.prev_hash,
        )
    with raw(ctx) as conn:
        conn.execute(
            "UPDATE audit_log SET user_id = 'forger', hash = ? WHERE seq = ?", (forged, target.seq)
        )
    with ctx.transaction() as db:
        problems = audit.verify(db)
    assert [p.seq for p in problems] == [entries[2].seq]


# ------------------------------------------------------------ killed process

CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from argon2 import PasswordHasher
    from desktop.resources import load_profile
    from desktop.services import auth, directory
    from desktop.services.base import Context
    from desktop.store.db import open_store

    auth._hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    store = open_store(Path(sys.argv[1]))
    ctx = Context(store, sys.argv[2], load_profile("fujian-2024"))
    admin = auth.sign_in(ctx, "admin", sys.argv[3])
    print("ready", flush=True)
    i = 0
    while True:
        directory.create_agency(ctx, admin, name=f"写入中{i}", kind="agency", level=4,
                                staff_count=i)
        i += 1
    """
)


@pytest.mark.parametrize("delay", [0.3, 0.7, 1.1])
def test_sigkill_mid_write_leaves_no_half_record(
    ctx: Context, office: Office, delay: float
) -> None:
    ctx.store.engine.dispose()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(ctx.store.data_dir), ctx.device_id, PASSWORD],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready", child.stderr.read() if child.stderr else ""
    time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL

    with sqlite3.connect(ctx.store.data_dir / DB_FILE) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        written = conn.execute("SELECT id FROM agencies WHERE name LIKE '写入中%'").fetchall()
        assert written, "the child wrote nothing before it was killed"
        for (agency_id,) in written:
            n_audit = conn.execute(
                "SELECT count(*) FROM audit_log WHERE entity_id = ? AND action = 'agency.create'",
                (agency_id,),
            ).fetchone()[0]
            n_ops = conn.execute(
                "SELECT count(*) FROM outbox WHERE entity_id = ?", (agency_id,)
            ).fetchone()[0]
            assert (n_audit, n_ops) == (1, 1), agency_id
        orphans = conn.execute(
            "SELECT count(*) FROM outbox WHERE entity = 'agencies' AND entity_id NOT IN "
            "(SELECT id FROM agencies)"
        ).fetchone()[0]
        assert orphans == 0
    store = open_store(ctx.store.data_dir)
    with store.sessions.begin() as db:
        assert audit.verify(db) == []
    store.close()


def test_head_revision_read_from_files_matches_alembic(ctx: Context) -> None:
    from alembic.script import ScriptDirectory

    from desktop.store.db import alembic_config, current_revision, head_revision

    script = ScriptDirectory.from_config(alembic_config(ctx.store.engine))
    assert head_revision() == script.get_current_head()
    assert current_revision(ctx.store.engine) == head_revision()
