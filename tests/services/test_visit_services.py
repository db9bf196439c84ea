"""Visit services (desktop.services.visits): two inspectors confirming with their
own passwords, identity shown except 暗访, the record, evidence by hash, and
all-or-nothing writes."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop.domain.common import RuleViolation
from desktop.domain.plans import PlanState
from desktop.services import base, visits
from desktop.services.auth import SignInFailed, UserSession
from desktop.services.base import Context, Forbidden, InvalidInput, NotFound
from desktop.services.plans import get_plan, report_plan, submit_plan
from desktop.services.visits import (
    VisitFinalised,
    add_evidence,
    evidence_path,
    finalise_visit,
    get_visit,
    list_visits,
    open_visit,
    update_visit,
    verify_evidence,
)
from desktop.store import audit
from desktop.store.models import AuditEntry, OutboxOp
from tests.accounts import PASSWORD

from .conftest import Office
from .test_plan_services import (
    approved_plan,
    audit_actions,
    draft,
    last_ops,
    refused_without_writing,
    snapshot,
)

Login = Callable[[str], UserSession]

BOTH = [("insp_a", PASSWORD), ("insp_b", PASSWORD)]
TODAY = dt.date(2026, 9, 21)


def open_for(
    ctx: Context,
    user: UserSession,
    plan_id: str,
    confirmations: list[tuple[str, str]] | None = None,
    **over: Any,
) -> str:
    fields: dict[str, Any] = {
        "visited_on": TODAY,
        "place": "福州市市场监督管理局政务服务窗口",
        "announced": True,
        "identity_shown": True,
        "confirmations": BOTH if confirmations is None else confirmations,
    }
    fields.update(over)
    return open_visit(ctx, user, plan_id, **fields)


def secret_plan(ctx: Context, login: Login, office: Office) -> str:
    """An approved unannounced (暗访) plan, team insp_a and insp_b."""
    return approved_plan(ctx, login, office, title="暗访窗口作风", kind="unannounced")


# --------------------------------------------------------------------- open


def test_first_visit_starts_the_plan(ctx: Context, login: Login, office: Office) -> None:
    plan_id = approved_plan(ctx, login, office)
    insp_a = login("insp_a")
    visit_id = open_for(ctx, insp_a, plan_id)

    assert get_plan(ctx, insp_a, plan_id).state is PlanState.IN_PROGRESS
    view = get_visit(ctx, insp_a, visit_id)
    assert view.state == "open" and view.announced and view.identity_shown
    assert view.plan_id == plan_id and view.visited_on == TODAY
    assert {(p.user_id, p.stage) for p in view.presence} == {
        (office.users["insp_a"], "open"),
        (office.users["insp_b"], "open"),
    }
    start, opened = last_ops(ctx, 2)
    assert (start.action, start.entity_id, start.changes) == (
        "plan.start",
        plan_id,
        {"state": "in_progress"},
    )
    assert opened.action == "visit.open" and opened.entity == "visits"
    assert opened.base_version == 0 and opened.changes["visited_on"] == "2026-09-21"
    assert {p["user_id"] for p in opened.changes["presence"]} == {
        office.users["insp_a"],
        office.users["insp_b"],
    }
    assert audit_actions(ctx, visit_id) == ["visit.open"]
    assert not any(PASSWORD in str(op.changes) for op in (start, opened))

    # a second visit does not start the plan again
    second = open_for(ctx, login("insp_b"), plan_id, place="鼓楼区行政服务中心")
    assert [op.action for op in last_ops(ctx, 2)] == ["visit.open", "visit.open"]
    assert [v.id for v in list_visits(ctx, insp_a, plan_id)] == [visit_id, second]


def test_one_confirmation_is_not_enough(ctx: Context, login: Login, office: Office) -> None:
    plan_id = approved_plan(ctx, login, office)
    insp_a = login("insp_a")
    err = refused_without_writing(
        ctx, lambda: open_for(ctx, insp_a, plan_id, [("insp_a", PASSWORD)]), RuleViolation
    )
    assert isinstance(err, RuleViolation) and err.codes == ("visit.too_few_present",)


def test_same_person_twice_is_one_person(ctx: Context, login: Login, office: Office) -> None:
    plan_id = approved_plan(ctx, login, office)
    insp_a = login("insp_a")
    twice = [("insp_a", PASSWORD), (" insp_a", PASSWORD)]
    err = refused_without_writing(ctx, lambda: open_for(ctx, insp_a, plan_id, twice), RuleViolation)
    assert isinstance(err, RuleViolation) and err.codes == ("visit.too_few_present",)


def test_wrong_password_of_the_second_inspector_writes_nothing(
    ctx: Context, login: Login, office: Office
) -> None:
    plan_id = approved_plan(ctx, login, office)
    insp_a = login("insp_a")
    wrong = [("insp_a", PASSWORD), ("insp_b", "not her password")]
    err = refused_without_writing(ctx, lambda: open_for(ctx, insp_a, plan_id, wrong), SignInFailed)
    assert isinstance(err, SignInFailed) and err.field == "password"
    assert "insp_b" in err.message and "not her password" not in err.message
    assert get_plan(ctx, insp_a, plan_id).state is PlanState.APPROVED


def test_non_team_member_cannot_confirm(ctx: Context, login: Login, office: Office) -> None:
    plan_id = approved_plan(ctx, login, office)
    insp_a = login("insp_a")
    with_c = [("insp_a", PASSWORD), ("insp_c", PASSWORD)]
    err = refused_without_writing(
        ctx, lambda: open_for(ctx, insp_a, plan_id, with_c), RuleViolation
    )
    assert isinstance(err, RuleViolation)
    assert err.codes == ("visit.not_team_member", "visit.too_few_present")
    assert "insp_c" in str(err)


def test_signed_in_inspector_must_confirm_too(ctx: Context, login: Login, office: Office) -> None:
    plan_id = approved_plan(ctx, login, office)
    insp_c = login("insp_c")  # not on the team, but the plan is not confidential
    err = refused_without_writing(ctx, lambda: open_for(ctx, insp_c, plan_id), InvalidInput)
    assert isinstance(err, InvalidInput) and err.field == "confirmations"


@pytest.mark.parametrize("username", ["sup", "head", "handler"])
def test_only_inspectors_open_visits(
    ctx: Context, login: Login, office: Office, username: str
) -> None:
    plan_id = approved_plan(ctx, login, office)
    user = login(username)
    refused_without_writing(ctx, lambda: open_for(ctx, user, plan_id), Forbidden)


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"place": "  "}, "place"),
        ({"visited_on": dt.date(2026, 9, 22)}, "visited_on"),
        ({"visited_on": "2026-09-21"}, "visited_on"),
    ],
)
def test_open_refuses_bad_input(
    ctx: Context, login: Login, office: Office, over: dict[str, Any], field: str
) -> None:
    plan_id = approved_plan(ctx, login, office)
    insp_a = login("insp_a")
    err = refused_without_writing(ctx, lambda: open_for(ctx, insp_a, plan_id, **over), InvalidInput)
    assert isinstance(err, InvalidInput) and err.field == field


def test_plan_must_be_approved(ctx: Context, login: Login, office: Office) -> None:
    insp_a = login("insp_a")
    plan_id = draft(ctx, insp_a, office)
    submit_plan(ctx, insp_a, plan_id)
    err = refused_without_writing(ctx, lambda: open_for(ctx, insp_a, plan_id), RuleViolation)
    assert isinstance(err, RuleViolation) and err.codes == ("visit.plan_not_approved",)


def test_announced_visit_needs_identity_shown(ctx: Context, login: Login, office: Office) -> None:
    plan_id = approved_plan(ctx, login, office)
    insp_a = login("insp_a")
    err = refused_without_writing(
        ctx, lambda: open_for(ctx, insp_a, plan_id, identity_shown=False), RuleViolation
    )
    assert isinstance(err, RuleViolation) and err.codes == ("visit.identity_not_shown",)


def test_unannounced_visit_without_identity_is_fine(
    ctx: Context, login: Login, office: Office
) -> None:
    plan_id = secret_plan(ctx, login, office)
    insp_b = login("insp_b")
    visit_id = open_for(ctx, insp_b, plan_id, announced=False, identity_shown=False)
    view = get_visit(ctx, insp_b, visit_id)
    assert not view.announced and not view.identity_shown


def test_unannounced_visits_follow_the_plan_confidentiality(
    ctx: Context, login: Login, office: Office
) -> None:
    plan_id = secret_plan(ctx, login, office)
    insp_a, insp_c, sup = login("insp_a"), login("insp_c"), login("sup")
    visit_id = open_for(ctx, insp_a, plan_id, announced=False, identity_shown=False)

    for call in (
        lambda: get_visit(ctx, insp_c, visit_id),
        lambda: list_visits(ctx, insp_c, plan_id),
        lambda: verify_evidence(ctx, insp_c, visit_id),
        lambda: open_for(ctx, insp_c, plan_id, [("insp_c", PASSWORD), ("insp_a", PASSWORD)]),
        lambda: update_visit(ctx, insp_c, visit_id, observations="x"),
    ):
        refused_without_writing(ctx, call, NotFound)
    assert [v.id for v in list_visits(ctx, sup, plan_id)] == [visit_id]

    finalise_visit(ctx, insp_a, visit_id, BOTH)
    report_plan(ctx, insp_a, plan_id, "暗访发现窗口人员脱岗。")
    assert get_visit(ctx, insp_c, visit_id).state == "finalised"


# ------------------------------------------------------------------- record


def test_team_member_writes_the_record(ctx: Context, login: Login, office: Office) -> None:
    plan_id = approved_plan(ctx, login, office)
    insp_a, insp_b = login("insp_a"), login("insp_b")
    visit_id = open_for(ctx, insp_a, plan_id)
    update_visit(
        ctx,
        insp_b,
        visit_id,
        observations="窗口2人脱岗",
        documents_requested="办件台账",
        interviews="窗口负责人王某",
    )
    view = get_visit(ctx, insp_a, visit_id)
    assert view.observations == "窗口2人脱岗" and view.documents_requested == "办件台账"
    assert view.interviews == "窗口负责人王某" and view.documents_copied == ""
    assert view.version == 2
    (op,) = last_ops(ctx)
    assert op.action == "visit.update" and op.base_version == 1
    assert op.changes == {
        "observations": "窗口2人脱岗",
        "documents_requested": "办件台账",
        "interviews": "窗口负责人王某",
    }
    before = snapshot(ctx)
    update_visit(ctx, insp_b, visit_id, observations="窗口2人脱岗")
    assert snapshot(ctx) == before


def test_record_refused_to_outsiders_and_after_finalising(
    ctx: Context, login: Login, office: Office
) -> None:
    plan_id = approved_plan(ctx, login, office)
    insp_a, insp_c, sup = login("insp_a"), login("insp_c"), login("sup")
    visit_id = open_for(ctx, insp_a, plan_id)
    refused_without_writing(
        ctx, lambda: update_visit(ctx, insp_c, visit_id, observations="x"), Forbidden
    )
    refused_without_writing(
        ctx, lambda: update_visit(ctx, sup, visit_id, observations="x"), Forbidden
    )
    finalise_visit(ctx, insp_a, visit_id, BOTH)
    err = refused_without_writing(
        ctx, lambda: update_visit(ctx, insp_a, visit_id, observations="x"), VisitFinalised
    )
    assert err.__class__ is VisitFinalised


# ----------------------------------------------------------------- finalise


def test_finalise_needs_both_confirmations_again(
    ctx: Context, login: Login, office: Office
) -> None:
    plan_id = approved_plan(ctx, login, office)
    insp_a = login("insp_a")
    visit_id = open_for(ctx, insp_a, plan_id)
    err = refused_without_writing(
        ctx, lambda: finalise_visit(ctx, insp_a, visit_id, [("insp_a", PASSWORD)]), RuleViolation
    )
    assert isinstance(err, RuleViolation) and err.codes == ("visit.too_few_present",)
    bad = [("insp_a", PASSWORD), ("insp_b", "wrong")]
    refused_without_writing(ctx, lambda: finalise_visit(ctx, insp_a, visit_id, bad), SignInFailed)

    finalise_visit(ctx, insp_a, visit_id, BOTH)
    view = get_visit(ctx, insp_a, visit_id)
    assert view.state == "finalised" and view.version == 2
    assert sorted((p.stage, p.display_name) for p in view.presence) == [
        ("finalise", "insp_a"),
        ("finalise", "insp_b"),
        ("open", "insp_a"),
        ("open", "insp_b"),
    ]
    (op,) = last_ops(ctx)
    assert op.action == "visit.finalise" and op.changes["state"] == "finalised"
    assert {p["stage"] for p in op.changes["presence"]} == {"finalise"}
    refused_without_writing(
        ctx, lambda: finalise_visit(ctx, insp_a, visit_id, BOTH), VisitFinalised
    )


# ----------------------------------------------------------------- evidence


def test_evidence_is_stored_by_hash_and_checked(
    ctx: Context, login: Login, office: Office, tmp_path: Path
) -> None:
    plan_id = approved_plan(ctx, login, office)
    insp_a, insp_b = login("insp_a"), login("insp_b")
    visit_id = open_for(ctx, insp_a, plan_id)
    photo = tmp_path / "窗口现场.jpg"
    content = b"\xff\xd8\xff\xe0 a photo of an empty desk" * 1000
    photo.write_bytes(content)
    sha = hashlib.sha256(content).hexdigest()

    evidence_id = add_evidence(ctx, insp_b, visit_id, photo, "photo")
    stored = ctx.store.evidence_dir / sha[:2] / sha
    assert evidence_path(ctx, sha) == stored
    assert stored.read_bytes() == content
    assert not [p for p in stored.parent.iterdir() if p.name != sha]  # no temp file left
    (item,) = get_visit(ctx, insp_a, visit_id).evidence
    assert (item.id, item.kind, item.filename, item.sha256, item.size) == (
        evidence_id,
        "photo",
        "窗口现场.jpg",
        sha,
        len(content),
    )
    (op,) = last_ops(ctx)
    assert op.action == "visit.add_evidence" and op.changes["evidence"][0]["sha256"] == sha
    assert verify_evidence(ctx, insp_a, visit_id) == []

    # the same content again: a second record, one stored file
    copy = tmp_path / "copy.jpg"
    copy.write_bytes(content)
    second = add_evidence(ctx, insp_a, visit_id, copy, "scan")
    assert sorted(p.name for p in ctx.store.evidence_dir.rglob("*") if p.is_file()) == [sha]

    stored.write_bytes(content[:-1] + b"!")  # tampered
    assert sorted(verify_evidence(ctx, insp_a, visit_id)) == sorted([evidence_id, second])
    stored.unlink()  # missing
    assert sorted(verify_evidence(ctx, insp_a, visit_id)) == sorted([evidence_id, second])


def test_evidence_refusals_write_nothing(
    ctx: Context, login: Login, office: Office, tmp_path: Path
) -> None:
    plan_id = approved_plan(ctx, login, office)
    insp_a, insp_c, sup = login("insp_a"), login("insp_c"), login("sup")
    visit_id = open_for(ctx, insp_a, plan_id)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.7 scanned ledger")

    err = refused_without_writing(
        ctx, lambda: add_evidence(ctx, insp_a, visit_id, scan, "video"), InvalidInput
    )
    assert isinstance(err, InvalidInput) and err.field == "kind"
    err = refused_without_writing(
        ctx,
        lambda: add_evidence(ctx, insp_a, visit_id, tmp_path / "missing.jpg", "photo"),
        InvalidInput,
    )
    assert isinstance(err, InvalidInput) and err.field == "source_path"
    refused_without_writing(
        ctx, lambda: add_evidence(ctx, insp_c, visit_id, scan, "scan"), Forbidden
    )
    refused_without_writing(ctx, lambda: add_evidence(ctx, sup, visit_id, scan, "scan"), Forbidden)
    refused_without_writing(
        ctx, lambda: add_evidence(ctx, insp_a, "no-such-visit", scan, "scan"), NotFound
    )
    assert not ctx.store.evidence_dir.exists() or not any(ctx.store.evidence_dir.rglob("*"))
    finalise_visit(ctx, insp_a, visit_id, BOTH)
    refused_without_writing(
        ctx, lambda: add_evidence(ctx, insp_a, visit_id, scan, "scan"), VisitFinalised
    )


# ------------------------------------------------------- all or nothing


def test_failure_between_writes_leaves_neither_visit_nor_started_plan(
    ctx: Context, login: Login, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening the first visit writes the plan (start) and then the visit; a
    failure at the visit's audit entry rolls back the plan's change too."""
    plan_id = approved_plan(ctx, login, office)
    insp_a = login("insp_a")
    real_append = audit.append
    calls: list[str] = []

    def fail_on_visit(db: Any, **fields: Any) -> AuditEntry:
        calls.append(fields["action"])
        if fields["action"] == "visit.open":
            raise RuntimeError("disk full")
        return real_append(db, **fields)

    monkeypatch.setattr(audit, "append", fail_on_visit)
    before = snapshot(ctx)
    with pytest.raises(RuntimeError):
        open_for(ctx, insp_a, plan_id)
    assert calls == ["plan.start", "visit.open"]  # the plan had been written
    assert snapshot(ctx) == before  # plan, visit, presence, audit, outbox, hlc: all absent
    monkeypatch.undo()
    assert get_plan(ctx, insp_a, plan_id).state is PlanState.APPROVED
    assert open_for(ctx, insp_a, plan_id)


def test_failure_after_evidence_row_leaves_no_record(
    ctx: Context,
    login: Login,
    office: Office,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    plan_id = approved_plan(ctx, login, office)
    insp_a = login("insp_a")
    visit_id = open_for(ctx, insp_a, plan_id)
    real_change = base.change

    def change_then_crash(*args: Any, **kwargs: Any) -> OutboxOp:
        real_change(*args, **kwargs)
        raise RuntimeError("power cut")

    monkeypatch.setattr(visits, "change", change_then_crash)
    audio = tmp_path / "interview.m4a"
    audio.write_bytes(b"audio bytes")
    before = snapshot(ctx)
    with pytest.raises(RuntimeError):
        add_evidence(ctx, insp_a, visit_id, audio, "audio")
    assert snapshot(ctx) == before
    monkeypatch.undo()
    view = get_visit(ctx, insp_a, visit_id)
    assert view.evidence == () and view.version == 1


def test_approver_can_read_but_not_write_visits(ctx: Context, login: Login, office: Office) -> None:
    plan_id = approved_plan(ctx, login, office)
    insp_a, sup = login("insp_a"), login("sup")
    visit_id = open_for(ctx, insp_a, plan_id)
    assert get_visit(ctx, sup, visit_id).id == visit_id
    assert verify_evidence(ctx, sup, visit_id) == []
    refused_without_writing(ctx, lambda: finalise_visit(ctx, sup, visit_id, BOTH), Forbidden)
