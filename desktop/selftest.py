"""``--self-test``: a quick check of every layer without a window.

Prints one line per check and returns 0 when all pass, 1 (with the reason)
otherwise. With ``--demo`` it also reveals the demo complainant through a
handler's keys and scans the data folder for her identity in clear. In the
PyInstaller program (``build.spec``) it last checks that every module, the
import path and Qt's plugins came from inside the bundle.
"""

from __future__ import annotations

import datetime as dt
import importlib
import sqlite3
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select

from desktop.crypto import WrongPassword
from desktop.demo import DEMO_COMPLAINANT, DEMO_HANDLER, DEMO_INSPECTOR, DEMO_PASSWORD
from desktop.domain.calendar import add_working_days, default_calendar
from desktop.resources import load_profile, profile_ids
from desktop.services import auth, complaints, visits
from desktop.services.base import Context, Forbidden
from desktop.store import audit
from desktop.store.db import DB_FILE
from desktop.store.models import AuditEntry, OutboxOp, Visit

ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "gbk")


def plaintext_hits(folder: Path, secrets: list[str]) -> list[str]:
    """Files under ``folder`` holding any of ``secrets`` in any of :data:`ENCODINGS`."""
    needles = [s.encode(enc) for s in secrets for enc in ENCODINGS]
    hits = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if any(n in data for n in needles):
            hits.append(str(path))
    return hits


def _checks(ctx: Context, demo: bool) -> list[tuple[str, Callable[[], str]]]:
    def store() -> str:
        with sqlite3.connect(ctx.store.data_dir / DB_FILE) as conn:
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
            version = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        assert mode == "wal", f"journal_mode={mode}"
        assert integrity == "ok", integrity
        return f"SQLite {mode}, integrity ok, schema {version}"

    def rules() -> str:
        assert add_working_days(dt.date(2026, 9, 30), 1) == dt.date(2026, 10, 8)
        ids = [load_profile(p).id for p in profile_ids()]
        years = sorted(default_calendar().covered_years)
        return f"calendar {years[0]}–{years[-1]}, profiles {', '.join(ids)}"

    def audit_chain() -> str:
        with ctx.transaction() as db:
            problems = audit.verify(db)
            n = db.scalar(select(func.count()).select_from(AuditEntry))
        assert not problems, "; ".join(map(str, problems))
        return f"{n} entries, chain intact"

    def outbox() -> str:
        with ctx.transaction() as db:
            pending = db.scalar(
                select(func.count()).select_from(OutboxOp).where(OutboxOp.status == "pending")
            )
        return f"{pending} operations waiting to sync"

    def evidence() -> str:
        with ctx.transaction() as db:
            visit_ids = list(db.scalars(select(Visit.id)))
        if not visit_ids:
            return "no evidence yet"
        inspector = auth.sign_in(ctx, DEMO_INSPECTOR, DEMO_PASSWORD) if demo else None
        if inspector is None:
            return f"{len(visit_ids)} visits (sign in to check their evidence)"
        bad = [e for v in visit_ids for e in visits.verify_evidence(ctx, inspector, v)]
        assert not bad, f"evidence changed or missing: {bad}"
        return f"evidence of {len(visit_ids)} visits matches its SHA-256"

    def documents() -> str:
        from desktop.documents import records
        from desktop.documents.forms import RECORD_TYPES, forms_dir
        from desktop.documents.render import render_pdf

        with ctx.transaction() as db:  # the documents of the first record of each type
            printable = [
                document
                for record_type in RECORD_TYPES
                for record_id in records.record_ids(db, record_type)[:1]
                for document in records.build_documents(
                    db, record_type, record_id, today=ctx.today()
                )
            ]
        if not printable:
            return "no records to print yet"
        first = printable[0]
        pdf = render_pdf(first)  # in memory: nothing is written
        assert pdf.startswith(b"%PDF-"), "the renderer did not produce a PDF"
        fonts = pdf.count(b"/FontFile2")
        assert fonts, "no font embedded in the PDF"
        return f"{first.title}: {len(pdf)} bytes, {fonts} fonts embedded, forms {forms_dir()}"

    def bundle() -> str:
        from PySide6.QtCore import QLibraryInfo

        from desktop.ui.main_window import PAGES

        for page in PAGES:  # every page's code and Qt modules, as the window loads them
            importlib.import_module(page.module)
        root = Path(sys._MEIPASS).resolve()  # type: ignore[attr-defined]
        plugins = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
        files = [getattr(m, "__file__", None) or "" for m in list(sys.modules.values())]
        # a relative file name is a module built into the executable (PyInstaller's
        # bootstrap, shiboken's embedded support code): it has no place on disk
        on_disk = [f for f in files if Path(f).is_absolute()]
        used = [*sys.path, plugins, *on_disk]
        outside = sorted({p for p in used if not Path(p).resolve().is_relative_to(root)})
        assert not outside, f"loaded from outside the bundle: {outside}"
        return (
            f"{len(on_disk)} module files, sys.path and Qt plugins all under {root} "
            f"({len(files) - len(on_disk)} modules built in)"
        )

    def vault() -> str:
        handler = auth.sign_in(ctx, DEMO_HANDLER, DEMO_PASSWORD)
        found = complaints.find_repeat_complainants(
            ctx, handler, id_number=DEMO_COMPLAINANT.id_number
        )
        assert found, "the demo complainant was not found by the blind index"
        identity = complaints.reveal_identity(ctx, handler, found[0])
        assert identity.name == DEMO_COMPLAINANT.name, "decrypted identity does not match"
        inspector = auth.sign_in(ctx, DEMO_INSPECTOR, DEMO_PASSWORD)
        try:
            complaints.reveal_identity(ctx, inspector, found[0])
        except Forbidden:
            pass
        else:
            raise AssertionError("an inspector could read a complainant's identity")
        try:
            auth.sign_in(ctx, DEMO_HANDLER, "wrong password")
        except auth.SignInFailed:
            pass
        except WrongPassword as exc:  # pragma: no cover - must never leak out
            raise AssertionError("wrong password reached the vault") from exc
        return (
            f"{len(found)} complaints by blind index; handler reveals, "
            "inspector refused, wrong password refused"
        )

    def no_plaintext() -> str:
        secrets = [DEMO_COMPLAINANT.name, DEMO_COMPLAINANT.id_number, DEMO_COMPLAINANT.phone]
        ctx.store.engine.dispose()  # flush the WAL into the files we scan
        hits = plaintext_hits(ctx.store.data_dir, secrets)
        assert not hits, f"plaintext identity found in {hits}"
        return f"no plaintext identity under {ctx.store.data_dir}"

    checks = [
        ("store", store),
        ("rules", rules),
        ("audit", audit_chain),
        ("outbox", outbox),
        ("evidence", evidence),
        ("documents", documents),
    ]
    if demo:
        checks += [
            ("vault", vault),
            ("audit after reveal", audit_chain),
            ("no plaintext", no_plaintext),
        ]
    if getattr(sys, "frozen", False):  # the PyInstaller program: last, to see every import
        checks.append(("bundle", bundle))
    return checks


def run_self_test(ctx: Context, demo: bool) -> int:
    """Run every check, print a line each, return the exit code."""
    failed = 0
    for name, check in _checks(ctx, demo):
        try:
            print(f"OK    {name}: {check()}")
        except Exception as exc:  # report every failure, then exit non-zero
            failed += 1
            reason = str(exc) or traceback.format_exc(limit=2)
            print(f"FAIL  {name}: {reason}")
    print("self-test passed" if not failed else f"self-test FAILED ({failed} checks)")
    return 0 if not failed else 1


def verify_audit_command(ctx: Context) -> int:
    """``--verify-audit``: print each problem; exit 1 if there is any."""
    with ctx.transaction() as db:
        problems = audit.verify(db)
        n = db.scalar(select(func.count()).select_from(AuditEntry))
    for problem in problems:
        print(f"TAMPERED  {problem}")
    print(f"{n} audit entries checked, {len(problems)} problems")
    return 1 if problems else 0
