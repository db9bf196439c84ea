"""Complaint services (效能投诉, FJ 30–34, MAS 15–16) against the real store:
the identity sealed and never on disk in clear, repeat complainants found
without decrypting, reading an identity limited to handlers and audited,
routing, extension, closing, listing, and all-or-nothing writes."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select, text

import desktop.crypto.vault as vault
from desktop.crypto import ComplainantIdentity, SealedIdentity
from desktop.domain.common import Role, RuleViolation
from desktop.domain.deadlines import Urgency
from desktop.resources import load_profile
from desktop.services import auth, base, complaints as svc
from desktop.services.auth import SignInFailed, UserSession, create_user, sign_in
from desktop.services.base import Context, Forbidden, InvalidInput, NotFound, ServiceError
from desktop.services.complaints import (
    ComplaintView,
    close_complaint,
    extend_complaint,
    find_repeat_complainants,
    get_complaint,
    grant_identities_to_new_handlers,
    list_complaints,
    register_complaint,
    repeat_count,
    reveal_identity,
    route_complaint,
)
from desktop.store import audit
from desktop.store.db import DB_FILE
from desktop.store.models import AuditEntry, Complaint, OutboxOp
from tests.accounts import FAST_ARGON2, PASSWORD

from .conftest import Clock, Office

Login = Callable[[str], UserSession]
D = dt.date

NAME = "林晓梅"
ID_NUMBER = "350102199003076721"
PHONE = "13905912345"
SECRETS = (NAME, ID_NUMBER, PHONE)
ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "gbk")
TODAY = D(2026, 9, 21)  # the fixtures' clock: Monday 2026-09-21 in China


def identity(**changes: str) -> ComplainantIdentity:
    base = {"name": NAME, "id_number": ID_NUMBER, "phone": PHONE, "address": "福州市鼓楼区"}
    base.update(changes)
    return ComplainantIdentity(**base)


def register(ctx: Context, user: UserSession, office: Office, **changes: Any) -> str:
    args: dict[str, Any] = {
        "channel": "hotline_12345",
        "received_on": TODAY,
        "subject_agency_id": office.city_agency,
        "matter": "窗口人员推诿，营业执照变更办理拖延",
        "identity": identity(),
    }
    args.update(changes)
    return register_complaint(ctx, user, **args)


Snapshot = tuple[list[tuple[Any, ...]], int, int]


def snapshot(ctx: Context) -> Snapshot:
    """Every complaint's changeable state, and how many audit entries and outbox ops."""
    with ctx.transaction() as db:
        rows = [
            tuple(r)
            for r in db.execute(
                select(
                    Complaint.id,
                    Complaint.version,
                    Complaint.state,
                    Complaint.due_on,
                    Complaint.extensions,
                    Complaint.mode,
                    Complaint.result,
                    Complaint.sealed_identity,
                ).order_by(Complaint.id)
            )
        ]
        audits = db.scalar(select(func.count()).select_from(AuditEntry)) or 0
        ops = db.scalar(select(func.count()).select_from(OutboxOp)) or 0
    return rows, audits, ops


def last_audit(ctx: Context) -> AuditEntry:
    with ctx.transaction() as db:
        entry = db.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert entry is not None
        return entry


def ops_for(ctx: Context, entity_id: str) -> list[OutboxOp]:
    with ctx.transaction() as db:
        return list(
            db.scalars(
                select(OutboxOp).where(OutboxOp.entity_id == entity_id).order_by(OutboxOp.seq)
            )
        )


def load(ctx: Context, complaint_id: str) -> Complaint:
    with ctx.transaction() as db:
        complaint = db.get(Complaint, complaint_id)
        assert complaint is not None
        return complaint


def assert_no_plaintext(blob: bytes, where: str) -> None:
    for secret in SECRETS:
        for encoding in ENCODINGS:
            assert secret.encode(encoding) not in blob, f"{secret!r} in {where} ({encoding})"


def assert_text_clean(value: str, where: str) -> None:
    for secret in SECRETS:
        assert secret not in value, f"{secret!r} in {where}"


@pytest.fixture
def handler(login: Login) -> UserSession:
    return login("handler")


@pytest.fixture
def complaint_id(ctx: Context, handler: UserSession, office: Office) -> str:
    return register(ctx, handler, office)


# ---------------------------------------------------------------- register


def test_register_stores_only_ciphertext_and_blind_indexes(
    ctx: Context, handler: UserSession, office: Office
) -> None:
    cid = register(ctx, handler, office)

    complaint = load(ctx, cid)
    assert complaint.state == "registered"
    assert not complaint.anonymous
    assert complaint.registered_by == handler.user_id
    assert complaint.office_id == office.city_office
    assert complaint.profile_id == "fujian-2024"
    assert complaint.due_on == D(2026, 10, 19)  # FJ: 15 working days, 中秋 and 国庆 skipped
    assert complaint.sealed_identity is not None
    sealed = SealedIdentity.from_bytes(complaint.sealed_identity)
    assert sealed.key_ids == {office.users["handler"], office.users["handler2"], "recovery"}
    assert handler.blind_indexer is not None
    assert complaint.id_number_index == handler.blind_indexer.id_number(ID_NUMBER)
    assert complaint.phone_index == handler.blind_indexer.phone(PHONE)

    # the raw SQLite file and its WAL: no trace of the identity in any encoding
    files = sorted(ctx.store.data_dir.glob(DB_FILE + "*"))
    assert {f.name for f in files} >= {DB_FILE, DB_FILE + "-wal"}
    raw = b"".join(path.read_bytes() for path in files)
    assert "窗口人员推诿".encode() in raw  # control: the complaint itself did reach the files
    for path in files:
        assert_no_plaintext(path.read_bytes(), path.name)
    with ctx.store.engine.connect() as conn:
        conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    assert_no_plaintext((ctx.store.data_dir / DB_FILE).read_bytes(), "after checkpoint")

    # the sync op carries the ciphertext as base64 and the indexes, never plaintext
    [op] = ops_for(ctx, cid)
    assert op.action == "complaint.register" and op.base_version == 0
    assert SealedIdentity.from_bytes(
        base64.b64decode(op.changes["sealed_identity"])
    ) == SealedIdentity.from_bytes(complaint.sealed_identity)
    assert op.changes["id_number_index"] == complaint.id_number_index
    assert op.changes["phone_index"] == complaint.phone_index
    assert op.changes["received_on"] == "2026-09-21" and op.changes["due_on"] == "2026-10-19"
    assert_text_clean(json.dumps(op.changes, ensure_ascii=False), "outbox changes")

    entry = last_audit(ctx)
    assert entry.action == "complaint.register" and entry.entity_id == cid
    with ctx.transaction() as db:
        for e in db.scalars(select(AuditEntry)):
            assert_text_clean(json.dumps(e.details, ensure_ascii=False), f"audit {e.action}")
        assert audit.verify(db) == []


def test_identity_is_stored_canonically_and_opens_back(
    ctx: Context, handler: UserSession, office: Office
) -> None:
    cid = register(
        ctx, handler, office, identity=identity(id_number=" 35010219900307672１ ", name=" 林晓梅 ")
    )
    opened = reveal_identity(ctx, handler, cid)
    assert opened.name == NAME
    assert opened.id_number == ID_NUMBER
    assert opened.phone == PHONE
    assert opened.address == "福州市鼓楼区"


def test_register_is_for_handlers_only(ctx: Context, login: Login, office: Office) -> None:
    sessions = [login(username) for username in ("sup", "insp_a", "head", "admin")]
    before = snapshot(ctx)
    for session in sessions:
        with pytest.raises(Forbidden):
            register(ctx, session, office)
    assert snapshot(ctx) == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"identity": identity(id_number="350102199003076722")}, "id_number"),  # check digit
        ({"identity": identity(id_number="3501021990030767")}, "id_number"),  # length
        ({"identity": identity(phone="139-0591-abcd")}, "phone"),
        ({"identity": ComplainantIdentity(address="福州市")}, "name"),
        ({"channel": "carrier_pigeon"}, "channel"),
        ({"matter": "   "}, "matter"),
        ({"subject_agency_id": "no-such-agency"}, "subject_agency_id"),
        ({"subject_official_id": "no-such-official"}, "subject_official_id"),
        ({"received_on": D(2026, 9, 22)}, "received_on"),
    ],
)
def test_bad_input_is_refused_before_anything_is_written(
    ctx: Context, handler: UserSession, office: Office, changes: dict[str, Any], field: str
) -> None:
    before = snapshot(ctx)
    with pytest.raises(InvalidInput) as err:
        register(ctx, handler, office, **changes)
    assert err.value.field == field
    assert_text_clean(err.value.message, "error message")
    assert snapshot(ctx) == before


def test_wrong_check_digit_message_is_chinese_and_safe(
    ctx: Context, handler: UserSession, office: Office
) -> None:
    with pytest.raises(InvalidInput) as err:
        register(ctx, handler, office, identity=identity(id_number="350102199003076722"))
    assert err.value.field == "id_number"
    assert "校验位" in err.value.message
    assert ID_NUMBER[:17] not in err.value.message


def test_unknown_urgent_criterion_is_a_rule_refusal(
    ctx: Context, handler: UserSession, office: Office, clock: Clock
) -> None:
    before = snapshot(ctx)
    with pytest.raises(RuleViolation) as err:
        register(ctx, handler, office, urgent_criteria=("celebrity",))
    assert err.value.codes == ("complaint.unknown_urgent_criterion",)
    mas = Context(ctx.store, ctx.device_id, load_profile("maanshan-2005"), clock=clock)
    with pytest.raises(RuleViolation) as err:
        register(mas, handler, office, urgent_criteria=("business_environment",))
    assert err.value.codes == ("complaint.no_urgent_rule",)
    assert snapshot(ctx) == before


def test_anonymous_complaint(ctx: Context, handler: UserSession, office: Office) -> None:
    cid = register(ctx, handler, office, identity=None, channel="letter")
    complaint = load(ctx, cid)
    assert complaint.anonymous
    assert complaint.sealed_identity is None
    assert complaint.id_number_index is None and complaint.phone_index is None
    [op] = ops_for(ctx, cid)
    assert op.changes["anonymous"] is True and op.changes["sealed_identity"] is None
    assert repeat_count(ctx, handler, cid) == 0
    view = get_complaint(ctx, handler, cid)
    assert view.anonymous and not view.has_identity

    before = snapshot(ctx)
    with pytest.raises(ServiceError) as err:
        reveal_identity(ctx, handler, cid)
    assert err.value.message == "匿名投诉，无投诉人身份"
    assert snapshot(ctx) == before

    # anonymous: no reply channel is required (MAS 16 needs someone to reply to)
    close_complaint(
        ctx,
        handler,
        cid,
        result="unfounded",
        explanation="经调查，所反映问题不存在",
        reply_channel=None,
        reply="",
        follow_up=(),
    )
    assert load(ctx, cid).state == "closed"


# ---------------------------------------------------------------- deadlines


def test_deadlines_come_from_the_profile(
    ctx: Context, handler: UserSession, office: Office, clock: Clock
) -> None:
    # MAS 15: 10 working days; 中秋 (9-25) and 国庆 (10-1..7) skipped, 10-10 调休 counted
    mas = Context(ctx.store, ctx.device_id, load_profile("maanshan-2005"), clock=clock)
    cid = register(mas, handler, office)
    assert load(ctx, cid).due_on == D(2026, 10, 12)
    assert load(ctx, cid).profile_id == "maanshan-2005"

    # FJ 32: business environment → urgent, 5 working days
    urgent = register(ctx, handler, office, urgent_criteria=("business_environment",))
    assert load(ctx, urgent).due_on == D(2026, 9, 29)
    assert load(ctx, urgent).urgent_criteria == ["business_environment"]
    view = get_complaint(ctx, handler, urgent)
    assert view.due_on == D(2026, 9, 29)
    assert view.working_days_left == 5
    assert view.urgency is Urgency.OK
    assert view.urgent_criteria == ("business_environment",)

    clock.advance(days=9)  # 2026-09-30, past the urgent deadline
    auth.unlock(ctx, handler, PASSWORD)  # idle for days: the session had locked
    late = get_complaint(ctx, handler, urgent)
    assert late.urgency is Urgency.OVERDUE and (late.working_days_left or 0) < 0
    overdue = list_complaints(ctx, handler, overdue_only=True)
    assert [v.id for v in overdue] == [urgent]


# --------------------------------------------------------- repeat complainants


def test_repeat_complainant_found_by_blind_index_without_decrypting(
    ctx: Context, handler: UserSession, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = register(ctx, handler, office)
    second = register(
        ctx,
        handler,
        office,
        identity=identity(name="林女士", id_number="350102 19900307 6721", phone=""),
    )
    third = register(
        ctx, handler, office, identity=ComplainantIdentity(name="林", phone="+86 139-0591-2345")
    )
    other = register(
        ctx,
        handler,
        office,
        identity=ComplainantIdentity(name="王五", id_number="11010519491231002X"),
    )

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("decryption attempted")

    monkeypatch.setattr(svc, "open_identity", refuse)
    monkeypatch.setattr(vault, "open_identity", refuse)
    monkeypatch.setattr(vault, "open_secret", refuse)
    monkeypatch.setattr(vault, "_unwrap_for", refuse)

    by_id = find_repeat_complainants(ctx, handler, id_number="350102 19900307 6721")
    assert set(by_id) == {first, second}
    by_phone = find_repeat_complainants(ctx, handler, phone="+86 139-0591-2345")
    assert set(by_phone) == {first, third}
    both = find_repeat_complainants(
        ctx, handler, id_number="350102199003076721", phone="139 0591 2345"
    )
    assert set(both) == {first, second, third}
    assert other not in both
    assert repeat_count(ctx, handler, first) == 2
    assert repeat_count(ctx, handler, second) == 1
    assert repeat_count(ctx, handler, other) == 0


def test_repeat_lookup_is_for_handlers_and_checks_input(
    ctx: Context, login: Login, complaint_id: str
) -> None:
    handler = login("handler")
    with pytest.raises(Forbidden):
        find_repeat_complainants(ctx, login("sup"), phone=PHONE)
    with pytest.raises(Forbidden):
        repeat_count(ctx, login("head"), complaint_id)
    with pytest.raises(InvalidInput) as err:
        find_repeat_complainants(ctx, handler)
    assert err.value.field == "id_number"
    with pytest.raises(InvalidInput) as err:
        find_repeat_complainants(ctx, handler, phone="电话")
    assert err.value.field == "phone"
    assert find_repeat_complainants(ctx, login("handler2"), phone=PHONE) == [complaint_id]


# ------------------------------------------------------------------ reveal


def test_every_handler_can_reveal_and_every_reveal_is_audited(
    ctx: Context, login: Login, complaint_id: str
) -> None:
    for username in ("handler", "handler2"):
        session = login(username)
        _, audits, ops = snapshot(ctx)
        opened = reveal_identity(ctx, session, complaint_id)
        assert (opened.name, opened.id_number, opened.phone) == SECRETS
        assert NAME not in repr(opened)
        entry = last_audit(ctx)
        assert entry.action == "complaint.reveal_identity"
        assert entry.user_id == session.user_id
        assert entry.entity == "complaints" and entry.entity_id == complaint_id
        assert_text_clean(json.dumps(entry.details, ensure_ascii=False), "reveal audit")
        after = snapshot(ctx)
        assert after[1] == audits + 1 and after[2] == ops  # an audit entry, no data change
    assert load(ctx, complaint_id).version == 1


@pytest.mark.parametrize("username", ["sup", "insp_a", "admin", "head"])
def test_other_roles_are_refused_by_the_service_and_the_refusal_audited(
    ctx: Context, login: Login, complaint_id: str, username: str
) -> None:
    session = login(username)
    rows, audits, ops = snapshot(ctx)
    with pytest.raises(Forbidden) as err:
        reveal_identity(ctx, session, complaint_id)
    assert "投诉受理人员" in err.value.message
    entry = last_audit(ctx)
    assert entry.action == "complaint.reveal_refused"
    assert entry.user_id == session.user_id and entry.entity_id == complaint_id
    assert entry.details == {"codes": ["complaint.identity_forbidden"]}
    assert snapshot(ctx) == (rows, audits + 1, ops)


def test_tampered_ciphertext_decrypts_nothing_and_is_audited(
    ctx: Context, handler: UserSession, complaint_id: str
) -> None:
    with ctx.transaction() as db:
        complaint = db.get(Complaint, complaint_id)
        assert complaint is not None and complaint.sealed_identity is not None
        sealed = SealedIdentity.from_bytes(complaint.sealed_identity)
        broken = bytes([sealed.ciphertext[0] ^ 1]) + sealed.ciphertext[1:]
        complaint.sealed_identity = dataclasses.replace(sealed, ciphertext=broken).to_bytes()
    with pytest.raises(ServiceError) as err:
        reveal_identity(ctx, handler, complaint_id)
    assert err.value.code == "complaint.identity_decryption_failed"
    assert "无法解密" in err.value.message
    entry = last_audit(ctx)
    assert entry.action == "complaint.reveal_failed"
    assert entry.details == {"reason": "complaint.identity_decryption_failed"}


def test_reveal_of_a_missing_complaint(ctx: Context, handler: UserSession) -> None:
    with pytest.raises(NotFound):
        reveal_identity(ctx, handler, "no-such-complaint")


def test_new_handler_reads_identities_only_once_granted(
    ctx: Context, login: Login, office: Office, complaint_id: str
) -> None:
    handler = login("handler")
    admin = login("admin")
    with ctx.transaction() as db:
        newcomer_id = create_user(
            ctx,
            db,
            admin,
            username="handler3",
            display_name="新受理员",
            password=PASSWORD,
            roles=[Role.COMPLAINT_HANDLER],
            office_id=office.city_office,
            argon2=FAST_ARGON2,
        ).id

    # a complaint registered after the newcomer was added is sealed for them at once
    later = register(ctx, handler, office, identity=identity(name="陈某"))
    assert load(ctx, later).sealed_identity is not None
    later_sealed = SealedIdentity.from_bytes(load(ctx, later).sealed_identity or b"")
    assert newcomer_id in later_sealed.key_ids

    with pytest.raises(SignInFailed):  # no blind-index key yet
        sign_in(ctx, "handler3", PASSWORD)
    assert auth.grant_pending_handlers(ctx, handler) == [newcomer_id]
    newcomer = sign_in(ctx, "handler3", PASSWORD)

    before = snapshot(ctx)
    with pytest.raises(ServiceError) as err:
        reveal_identity(ctx, newcomer, complaint_id)
    assert err.value.code == "complaint.identity_not_granted"
    assert "另一位投诉受理人员" in err.value.message
    assert last_audit(ctx).action == "complaint.reveal_failed"
    assert snapshot(ctx)[0] == before[0]
    assert reveal_identity(ctx, newcomer, later).name == "陈某"

    with pytest.raises(Forbidden):
        grant_identities_to_new_handlers(ctx, login("sup"))
    version = load(ctx, complaint_id).version
    assert grant_identities_to_new_handlers(ctx, handler) == 1
    complaint = load(ctx, complaint_id)
    assert complaint.version == version + 1
    assert newcomer_id in SealedIdentity.from_bytes(complaint.sealed_identity or b"").key_ids
    entry = last_audit(ctx)
    assert entry.action == "complaint.grant_identity"
    assert entry.details == {"granted": [newcomer_id]}
    [*_, op] = ops_for(ctx, complaint_id)
    assert op.action == "complaint.grant_identity" and set(op.changes) == {"sealed_identity"}

    opened = reveal_identity(ctx, newcomer, complaint_id)
    assert (opened.name, opened.id_number, opened.phone) == SECRETS
    # the newcomer shares the office blind-index key: repeat lookups agree
    assert set(find_repeat_complainants(ctx, newcomer, id_number=ID_NUMBER)) == {
        complaint_id,
        later,
    }
    assert grant_identities_to_new_handlers(ctx, handler) == 0


# ------------------------------------------------------------------- route


def test_route_transfer_with_limit_and_requirements(
    ctx: Context, login: Login, office: Office, complaint_id: str
) -> None:
    sup = login("sup")
    route_complaint(
        ctx,
        sup,
        complaint_id,
        mode="transfer",
        handler_agency_id=office.county_agency,
        time_limit=D(2026, 10, 9),
        requirements="十个工作日内调查核实并书面反馈",
    )
    complaint = load(ctx, complaint_id)
    assert complaint.state == "routed" and complaint.mode == "transfer"
    assert complaint.handler_agency_id == office.county_agency
    assert complaint.transfer_limit == D(2026, 10, 9)
    assert complaint.version == 2
    op = ops_for(ctx, complaint_id)[-1]
    assert op.action == "complaint.route" and op.base_version == 1
    assert op.changes == {
        "mode": "transfer",
        "handler_agency_id": office.county_agency,
        "transfer_limit": "2026-10-09",
        "transfer_requirements": "十个工作日内调查核实并书面反馈",
        "state": "routed",
    }
    assert last_audit(ctx).action == "complaint.route"

    route_complaint(ctx, login("handler"), complaint_id, mode="self")
    complaint = load(ctx, complaint_id)
    assert complaint.mode == "self" and complaint.transfer_limit is None


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"mode": "transfer", "requirements": "核实反馈"}, "complaint.transfer_limit_required"),
        (
            {"mode": "transfer", "time_limit": D(2026, 12, 1), "requirements": "核实反馈"},
            "complaint.transfer_limit_after_due",
        ),
        (
            {"mode": "supervise", "time_limit": D(2026, 10, 9)},
            "complaint.transfer_requirements_required",
        ),
        ({"mode": "ignore"}, "complaint.unknown_mode"),
    ],
)
def test_route_refusals_fj33_write_nothing(
    ctx: Context,
    handler: UserSession,
    office: Office,
    complaint_id: str,
    kwargs: dict[str, Any],
    code: str,
) -> None:
    before = snapshot(ctx)
    with pytest.raises(RuleViolation) as err:
        route_complaint(
            ctx, handler, complaint_id, handler_agency_id=office.county_agency, **kwargs
        )
    assert err.value.codes == (code,)
    assert snapshot(ctx) == before


def test_route_refused_for_inspectors_and_without_receiving_agency(
    ctx: Context, login: Login, complaint_id: str
) -> None:
    inspector, handler = login("insp_a"), login("handler")
    before = snapshot(ctx)
    with pytest.raises(Forbidden):
        route_complaint(ctx, inspector, complaint_id, mode="self")
    with pytest.raises(InvalidInput) as err:
        route_complaint(
            ctx,
            handler,
            complaint_id,
            mode="transfer",
            time_limit=D(2026, 10, 9),
            requirements="核实反馈",
        )
    assert err.value.field == "handler_agency_id"
    assert snapshot(ctx) == before


# --------------------------------------------------------------- extension


def test_extension_approved_by_the_head_once(ctx: Context, login: Login, complaint_id: str) -> None:
    handler = login("handler")
    before = snapshot(ctx)
    with pytest.raises(RuleViolation) as err:
        extend_complaint(
            ctx,
            handler,
            complaint_id,
            approver_username="sup",
            approver_password=PASSWORD,
            reason="涉及多个部门，情况复杂",
        )
    assert err.value.codes == ("complaint.extension_approver",)
    with pytest.raises(SignInFailed) as wrong:
        extend_complaint(
            ctx,
            handler,
            complaint_id,
            approver_username="head",
            approver_password="not the password",
            reason="涉及多个部门，情况复杂",
        )
    assert wrong.value.field == "approver_password"
    assert snapshot(ctx) == before

    due = extend_complaint(
        ctx,
        handler,
        complaint_id,
        approver_username="head",
        approver_password=PASSWORD,
        reason="涉及多个部门，情况复杂",
    )
    assert due == D(2026, 11, 2)  # 2026-10-19 + 10 working days
    complaint = load(ctx, complaint_id)
    assert complaint.due_on == due and complaint.extensions == 1
    assert complaint.extension_reason == "涉及多个部门，情况复杂"
    entry = last_audit(ctx)
    assert entry.action == "complaint.extend"
    assert entry.details["approved_by"] == login("head").user_id
    assert ops_for(ctx, complaint_id)[-1].changes == {
        "extensions": 1,
        "extension_reason": "涉及多个部门，情况复杂",
        "due_on": "2026-11-02",
    }

    before = snapshot(ctx)
    with pytest.raises(RuleViolation) as err:
        extend_complaint(
            ctx,
            handler,
            complaint_id,
            approver_username="head",
            approver_password=PASSWORD,
            reason="仍需调查",
        )
    assert err.value.codes == ("complaint.extension_used",)
    assert snapshot(ctx) == before


def test_extension_refused_to_inspectors(ctx: Context, login: Login, complaint_id: str) -> None:
    inspector = login("insp_a")
    before = snapshot(ctx)
    with pytest.raises(Forbidden):
        extend_complaint(
            ctx,
            inspector,
            complaint_id,
            approver_username="head",
            approver_password=PASSWORD,
            reason="情况复杂",
        )
    assert snapshot(ctx) == before


# ------------------------------------------------------------------- close


def test_close_unfounded_needs_an_explanation_and_the_original_channel(
    ctx: Context, handler: UserSession, complaint_id: str, clock: Clock
) -> None:
    before = snapshot(ctx)
    with pytest.raises(RuleViolation) as err:
        close_complaint(
            ctx,
            handler,
            complaint_id,
            result="unfounded",
            explanation=" ",
            reply_channel="hotline_12345",
            reply="经核实，投诉不属实。",
            follow_up=(),
        )
    assert err.value.codes == ("complaint.explanation_required",)
    with pytest.raises(RuleViolation) as err:
        close_complaint(
            ctx,
            handler,
            complaint_id,
            result="unfounded",
            explanation="窗口已按规定一次性告知所需材料",
            reply_channel="letter",  # it came by the 12345 hotline
            reply="经核实，投诉不属实。",
            follow_up=(),
        )
    assert err.value.codes == ("complaint.reply_channel",)
    with pytest.raises(RuleViolation) as err:
        close_complaint(
            ctx,
            handler,
            complaint_id,
            result="founded",
            explanation="",
            reply_channel="hotline_12345",
            reply="已责令整改",
            follow_up=(),
        )
    assert err.value.codes == ("complaint.follow_up_required",)
    with pytest.raises(InvalidInput) as bad:
        close_complaint(
            ctx,
            handler,
            complaint_id,
            result="founded",
            explanation="",
            reply_channel="hotline_12345",
            reply="已责令整改",
            follow_up=("forget_it",),
        )
    assert bad.value.field == "follow_up"
    assert snapshot(ctx) == before

    clock.advance(days=3)
    auth.unlock(ctx, handler, PASSWORD)
    close_complaint(
        ctx,
        handler,
        complaint_id,
        result="founded",
        explanation="",
        reply_channel="hotline_12345",
        reply="经核实，投诉属实，已责令整改。",
        follow_up=("rectification", "resolved"),
    )
    complaint = load(ctx, complaint_id)
    assert complaint.state == "closed" and complaint.result == "founded"
    assert complaint.closed_on == D(2026, 9, 24)
    assert complaint.follow_up == ["rectification", "resolved"]
    op = ops_for(ctx, complaint_id)[-1]
    assert op.action == "complaint.close" and op.changes["closed_on"] == "2026-09-24"
    view = get_complaint(ctx, handler, complaint_id)
    assert view.result == "founded" and view.urgency is None and view.working_days_left is None

    before = snapshot(ctx)
    with pytest.raises(RuleViolation) as err:
        close_complaint(
            ctx,
            handler,
            complaint_id,
            result="founded",
            explanation="",
            reply_channel="hotline_12345",
            reply="再次",
            follow_up=("resolved",),
        )
    assert err.value.codes == ("complaint.closed",)
    with pytest.raises(ServiceError) as closed:
        route_complaint(ctx, handler, complaint_id, mode="self")
    assert closed.value.code == "complaint.closed"
    assert snapshot(ctx) == before


def test_close_refused_to_supervisors(ctx: Context, login: Login, complaint_id: str) -> None:
    sup = login("sup")
    before = snapshot(ctx)
    with pytest.raises(Forbidden):
        close_complaint(
            ctx,
            sup,
            complaint_id,
            result="unfounded",
            explanation="不属实",
            reply_channel="hotline_12345",
            reply="",
            follow_up=(),
        )
    assert snapshot(ctx) == before


# ------------------------------------------------------------------ listing


def test_list_and_search_never_show_identity(
    ctx: Context, login: Login, office: Office, clock: Clock
) -> None:
    handler = login("handler")
    a = register(ctx, handler, office, matter="办理营业执照变更被要求重复提交材料")
    clock.advance(days=1)
    auth.unlock(ctx, handler, PASSWORD)
    b = register(
        ctx,
        handler,
        office,
        subject_agency_id=office.county_agency,
        matter="窗口午休无人值守",
        received_on=D(2026, 9, 22),
    )
    c = register(
        ctx, handler, office, identity=None, matter="100%_不作为", received_on=D(2026, 9, 22)
    )
    route_complaint(ctx, handler, a, mode="self")

    field_names = set(ComplaintView._fields)
    assert not field_names & {"name", "id_number", "phone", "address", "sealed_identity"}
    assert not any("index" in f for f in field_names)

    sup = login("sup")
    views = list_complaints(ctx, sup)
    assert [v.id for v in views] == [c, b, a]  # newest first
    assert views[1].subject_agency_name == "鼓楼区行政服务中心"
    assert views[2].has_identity and not views[0].has_identity
    for view in views:
        assert_text_clean(repr(view), "view")

    assert [v.id for v in list_complaints(ctx, sup, search="营业执照")] == [a]
    assert [v.id for v in list_complaints(ctx, sup, search="鼓楼")] == [b]
    assert [v.id for v in list_complaints(ctx, sup, search="100%_")] == [c]
    assert [v.id for v in list_complaints(ctx, sup, search="%")] == [c]  # literally
    assert list_complaints(ctx, sup, search="0_不") == []
    assert [v.id for v in list_complaints(ctx, sup, state="routed")] == [a]
    assert [v.id for v in list_complaints(ctx, sup, limit=1, offset=1)] == [b]
    assert list_complaints(ctx, sup, overdue_only=True) == []

    with pytest.raises(InvalidInput) as err:
        list_complaints(ctx, sup, limit=0)
    assert err.value.field == "limit"
    with pytest.raises(Forbidden):
        list_complaints(ctx, login("insp_a"))
    with pytest.raises(Forbidden):
        get_complaint(ctx, login("admin"), a)
    with pytest.raises(NotFound):
        get_complaint(ctx, sup, "no-such-complaint")


# -------------------------------------------------------- all or nothing


def test_failure_after_the_record_was_written_rolls_everything_back(
    ctx: Context, handler: UserSession, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(ctx)
    real_append = audit.append

    def append_then_fail(*args: Any, **kwargs: Any) -> Any:
        real_append(*args, **kwargs)  # record flushed, audit entry flushed ...
        raise RuntimeError("disk full")  # ... and then the transaction breaks

    monkeypatch.setattr(audit, "append", append_then_fail)
    with pytest.raises(RuntimeError):
        register(ctx, handler, office)
    assert snapshot(ctx) == before


def test_failure_after_all_three_writes_leaves_nothing(
    ctx: Context,
    handler: UserSession,
    office: Office,
    complaint_id: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = snapshot(ctx)
    real_change = base.change  # the function the service calls
    written: list[OutboxOp] = []

    def change_then_fail(*args: Any, **kwargs: Any) -> OutboxOp:
        written.append(real_change(*args, **kwargs))  # record, audit entry and op flushed
        raise RuntimeError("power cut")

    monkeypatch.setattr(svc, "change", change_then_fail)
    with pytest.raises(RuntimeError):
        route_complaint(
            ctx,
            handler,
            complaint_id,
            mode="transfer",
            handler_agency_id=office.county_agency,
            time_limit=D(2026, 10, 9),
            requirements="核实反馈",
        )
    assert len(written) == 1  # the op really had been written before the failure
    assert snapshot(ctx) == before
    complaint = load(ctx, complaint_id)
    assert complaint.state == "registered" and complaint.mode is None and complaint.version == 1
    with ctx.transaction() as db:
        assert db.scalar(select(OutboxOp).where(OutboxOp.op_id == written[0].op_id)) is None
        assert audit.verify(db) == []
