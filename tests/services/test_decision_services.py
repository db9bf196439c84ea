"""Accountability decisions, ratings and appeals through the services, on a real
store: roles, the domain rules (FJ 36–41, MAS 18–24), and that a refused call
writes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.domain.common import RuleViolation
from desktop.resources import load_profile
from desktop.services import decisions
from desktop.services.auth import UserSession
from desktop.services.base import (
    Context,
    Forbidden,
    InvalidInput,
    ServiceError,
    change as real_change,
)
from desktop.services.decisions import (
    agency_status,
    appeal_deadlines,
    decide_appeal,
    draft_decision,
    get_decision,
    list_decisions,
    preview_consequences,
    publish_decision,
    record_receipt,
    register_appeal,
    set_rating,
    sign_decision,
    update_decision,
)
from desktop.store.models import (
    Appeal,
    AuditEntry,
    Decision,
    Official,
    OutboxOp,
    PerformanceRating,
    Rectification,
    Setting,
)

from .conftest import Clock, Office

Login = Callable[[str], UserSession]
D = dt.date
WARNING = "efficiency_warning"
CRITICISM = "circulated_criticism"
MARCH_10 = D(2026, 3, 10)


# --------------------------------------------------------------------------
# Helpers


def _rows(ctx: Context) -> dict[str, Any]:
    """Everything a service call could write: records, audit, outbox, the HLC."""
    with ctx.transaction() as db:
        snap: dict[str, Any] = {
            "audit": db.scalar(select(func.count()).select_from(AuditEntry)),
            "outbox": db.scalar(select(func.count()).select_from(OutboxOp)),
            "hlc": db.scalar(select(Setting.value).where(Setting.key == "hlc")),
        }
        for model in (Decision, Appeal, PerformanceRating, Rectification, Official):
            snap[model.__tablename__] = sorted(
                tuple((c.key, repr(getattr(r, c.key))) for c in model.__table__.columns)
                for r in db.scalars(select(model))
            )
        return snap


@contextmanager
def writes_nothing(ctx: Context) -> Iterator[None]:
    before = _rows(ctx)
    yield
    assert _rows(ctx) == before


def last_op(ctx: Context) -> OutboxOp:
    with ctx.transaction() as db:
        op = db.scalars(select(OutboxOp).order_by(OutboxOp.seq.desc())).first()
        assert op is not None
        db.expunge(op)
        return op


def last_audit(ctx: Context) -> AuditEntry:
    with ctx.transaction() as db:
        entry = db.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert entry is not None
        db.expunge(entry)
        return entry


def load(ctx: Context, model: Any, record_id: str) -> Any:
    with ctx.transaction() as db:
        record = db.get(model, record_id)
        assert record is not None
        db.expunge(record)
        return record


def draft(ctx: Context, sup: UserSession, office: Office, **kw: Any) -> str:
    args: dict[str, Any] = {
        "decider_id": office.city_office,
        "subject_kind": "official",
        "subject_agency_id": office.city_agency,
        "subject_official_id": office.official,
        "ground_ids": ["fj36_1_3"],
        "measure_ids": [WARNING],
    }
    args.update(kw)
    return draft_decision(ctx, sup, **args)


def signed(
    ctx: Context,
    login: Login,
    office: Office,
    *,
    decided_on: D = MARCH_10,
    received_on: D | None = None,
    **kw: Any,
) -> str:
    sup = login("sup")
    did = draft(ctx, sup, office, **kw)
    sign_decision(ctx, login("head"), did, decided_on=decided_on)
    if received_on is not None:
        record_receipt(ctx, sup, did, received_on)
    return did


def add_official(ctx: Context, agency_id: str, name: str, **kw: Any) -> str:
    with ctx.transaction() as db:
        official = Official(name=name, agency_id=agency_id, **kw)
        db.add(official)
        db.flush()
        return official.id


def mas(ctx: Context) -> Context:
    return Context(ctx.store, ctx.device_id, load_profile("maanshan-2005"), clock=ctx.clock)


# --------------------------------------------------------------------------
# Drafting


def test_supervisor_drafts_a_decision(ctx: Context, login: Login, office: Office) -> None:
    sup = login("sup")
    did = draft(ctx, sup, office, facts="  窗口推诿  ")
    d = load(ctx, Decision, did)
    assert (d.state, d.version, d.profile_id) == ("draft", 1, "fujian-2024")
    assert d.measure_ids == [WARNING] and d.facts == "窗口推诿"
    assert d.document_number is None and d.decided_on is None and d.author_id == sup.user_id
    op = last_op(ctx)
    assert (op.entity, op.entity_id, op.action, op.base_version) == (
        "decisions",
        did,
        "decision.draft",
        0,
    )
    columns = {c.key for c in Decision.__table__.columns}
    assert set(op.changes) <= columns
    assert op.changes["subject_official_id"] == office.official
    assert op.changes["measure_ids"] == [WARNING]
    audit = last_audit(ctx)
    assert (audit.action, audit.entity_id, audit.user_id) == ("decision.draft", did, sup.user_id)


@pytest.mark.parametrize("username", ["insp_a", "head", "handler", "admin"])
def test_only_supervisors_draft(ctx: Context, login: Login, office: Office, username: str) -> None:
    user = login(username)
    with writes_nothing(ctx), pytest.raises(Forbidden):
        draft(ctx, user, office)


def test_fj37_agency_given_admonition_is_refused(
    ctx: Context, login: Login, office: Office
) -> None:
    sup = login("sup")
    with writes_nothing(ctx), pytest.raises(RuleViolation) as err:
        draft(
            ctx,
            sup,
            office,
            subject_kind="agency",
            subject_official_id=None,
            measure_ids=["admonition"],
        )
    assert "decision.measure_not_for_agency" in err.value.codes
    did = draft(
        ctx, sup, office, subject_kind="agency", subject_official_id=None, measure_ids=[CRITICISM]
    )
    assert load(ctx, Decision, did).subject_kind == "agency"


def test_mas19_ground_needs_an_efficiency_warning(
    ctx: Context, login: Login, office: Office
) -> None:
    m = mas(ctx)
    sup = login("sup")
    with writes_nothing(ctx), pytest.raises(RuleViolation) as err:
        draft(m, sup, office, ground_ids=["mas19_3"], measure_ids=[CRITICISM])
    assert err.value.codes == ("decision.required_measure_missing",)
    did = draft(m, sup, office, ground_ids=["mas19_3"], measure_ids=[CRITICISM, WARNING])
    assert load(ctx, Decision, did).profile_id == "maanshan-2005"


def test_heads_only_ground_follows_the_official_record(
    ctx: Context, login: Login, office: Office
) -> None:
    sup = login("sup")
    with writes_nothing(ctx), pytest.raises(RuleViolation) as err:
        draft(ctx, sup, office, ground_ids=["fj36_2_3"])
    assert err.value.codes == ("decision.ground_heads_only",)
    draft(ctx, sup, office, ground_ids=["fj36_2_3"], subject_official_id=office.head_official)


def test_fj39_mitigation_is_checked_by_the_domain(
    ctx: Context, login: Login, office: Office
) -> None:
    sup = login("sup")
    all_conditions = ["no_clear_rule", "reform_trial", "no_private_gain"]
    with writes_nothing(ctx), pytest.raises(RuleViolation) as err:
        draft(
            ctx,
            sup,
            office,
            measure_ids=[],
            mitigation_id="fault_tolerance",
            mitigation_outcome="exempt",
            conditions_met=all_conditions[:2],
        )
    assert err.value.codes == ("decision.mitigation_condition_unmet",)
    did = draft(
        ctx,
        sup,
        office,
        measure_ids=[],
        mitigation_id="fault_tolerance",
        mitigation_outcome="exempt",
        conditions_met=all_conditions,
    )
    assert load(ctx, Decision, did).mitigation_outcome == "exempt"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"subject_kind": "person"}, "subject_kind"),
        ({"decider_id": "nope"}, "decider_id"),
        ({"subject_agency_id": "nope"}, "subject_agency_id"),
        ({"subject_official_id": None}, "subject_official_id"),
        ({"subject_official_id": "nope"}, "subject_official_id"),
        ({"subject_agency_id": "COUNTY"}, "subject_official_id"),  # not of that agency
        ({"subject_kind": "agency"}, "subject_official_id"),  # an agency has no official
        ({"issued_by_higher_office": True}, "issued_by_higher_office"),  # city office, city
        ({"mitigation_outcome": "forgiven"}, "mitigation_outcome"),
        ({"conditions_met": ["reform_trial"]}, "conditions_met"),  # no mitigation chosen
        ({"complaint_id": "nope"}, "complaint_id"),
        ({"plan_id": "nope"}, "plan_id"),
        ({"measure_ids": WARNING}, "measure_ids"),  # a bare string, not a list
        ({"ground_ids": [" "]}, "ground_ids"),
    ],
)
def test_bad_input_names_the_column(
    ctx: Context, login: Login, office: Office, overrides: dict[str, Any], field: str
) -> None:
    if overrides.get("subject_agency_id") == "COUNTY":
        overrides = {"subject_agency_id": office.county_agency}
    sup = login("sup")
    with writes_nothing(ctx), pytest.raises(InvalidInput) as err:
        draft(ctx, sup, office, **overrides)
    assert err.value.field == field
    assert err.value.message  # Chinese text for the form


def test_higher_office_flag_fits_a_higher_office(
    ctx: Context, login: Login, office: Office
) -> None:
    did = draft(
        ctx,
        login("sup"),
        office,
        decider_id=office.province_office,
        issued_by_higher_office=True,
    )
    assert load(ctx, Decision, did).issued_by_higher_office is True


def test_update_while_draft_sends_only_what_changed(
    ctx: Context, login: Login, office: Office
) -> None:
    sup = login("sup")
    did = draft(ctx, sup, office)
    update_decision(
        ctx,
        sup,
        did,
        decider_id=office.city_office,
        subject_kind="official",
        subject_agency_id=office.city_agency,
        subject_official_id=office.official,
        ground_ids=["fj36_1_3"],
        measure_ids=[CRITICISM],
        facts="改为通报批评",
    )
    d = load(ctx, Decision, did)
    assert (d.version, d.measure_ids, d.facts) == (2, [CRITICISM], "改为通报批评")
    op = last_op(ctx)
    assert op.action == "decision.update" and op.base_version == 1
    assert op.changes == {"measure_ids": [CRITICISM], "facts": "改为通报批评"}
    # the domain rule holds on update too
    with writes_nothing(ctx), pytest.raises(RuleViolation) as err:
        update_decision(
            ctx,
            sup,
            did,
            decider_id=office.city_office,
            subject_kind="agency",
            subject_agency_id=office.city_agency,
            ground_ids=["fj36_1_3"],
            measure_ids=[WARNING],
        )
    assert err.value.codes == ("decision.measure_not_for_agency",)
    sign_decision(ctx, login("head"), did, decided_on=D(2026, 9, 21))
    with writes_nothing(ctx), pytest.raises(ServiceError) as refused:
        update_decision(
            ctx,
            sup,
            did,
            decider_id=office.city_office,
            subject_kind="official",
            subject_agency_id=office.city_agency,
            subject_official_id=office.official,
            ground_ids=["fj36_1_3"],
            measure_ids=[WARNING],
        )
    assert refused.value.code == "decision.not_draft"


# --------------------------------------------------------------------------
# Signing, receipt, publication


def test_office_head_signs_and_gets_the_document_number(
    ctx: Context, login: Login, office: Office
) -> None:
    did = draft(ctx, login("sup"), office)
    head = login("head")
    view = sign_decision(ctx, head, did, decided_on=D(2026, 9, 18))
    assert (view.state, view.decided_on, view.signed_by) == ("signed", D(2026, 9, 18), head.user_id)
    assert view.document_number == "闽效问〔2026〕1号"  # assigned at sign-off, not before
    assert "notice.publish" in {n.code for n in view.notices}  # FJ 38
    op = last_op(ctx)
    assert op.action == "decision.sign" and op.base_version == 1
    assert op.changes == {
        "state": "signed",
        "decided_on": "2026-09-18",
        "signed_by": head.user_id,
        "document_number": "闽效问〔2026〕1号",
    }
    assert last_audit(ctx).action == "decision.sign"
    with writes_nothing(ctx), pytest.raises(ServiceError) as again:
        sign_decision(ctx, head, did, decided_on=D(2026, 9, 18))
    assert again.value.code == "decision.not_draft"


@pytest.mark.parametrize("username", ["insp_a", "sup", "handler"])
def test_signing_by_others_is_refused(
    ctx: Context, login: Login, office: Office, username: str
) -> None:
    did = draft(ctx, login("sup"), office)
    user = login(username)
    with writes_nothing(ctx), pytest.raises(Forbidden):
        sign_decision(ctx, user, did, decided_on=D(2026, 9, 18))
    assert load(ctx, Decision, did).state == "draft"


def test_signing_rechecks_the_rule_and_the_date(ctx: Context, login: Login, office: Office) -> None:
    did = draft(
        ctx, login("sup"), office, ground_ids=["fj36_2_3"], subject_official_id=office.head_official
    )
    head = login("head")
    with writes_nothing(ctx), pytest.raises(InvalidInput) as err:
        sign_decision(ctx, head, did, decided_on=D(2026, 9, 22))  # tomorrow
    assert err.value.field == "decided_on"
    with ctx.transaction() as db:  # no longer the head when it comes to signing
        official = db.get(Official, office.head_official)
        assert official is not None
        official.is_head = False
    with writes_nothing(ctx), pytest.raises(RuleViolation) as refused:
        sign_decision(ctx, head, did, decided_on=D(2026, 9, 21))
    assert refused.value.codes == ("decision.ground_heads_only",)


def test_receipt_and_publication(ctx: Context, login: Login, office: Office) -> None:
    sup = login("sup")
    draft_id = draft(ctx, sup, office)
    with writes_nothing(ctx), pytest.raises(ServiceError) as not_signed:
        publish_decision(ctx, sup, draft_id)
    assert not_signed.value.code == "decision.not_signed"

    did = signed(ctx, login, office, decided_on=D(2026, 9, 10))
    with writes_nothing(ctx), pytest.raises(InvalidInput) as early:
        record_receipt(ctx, sup, did, D(2026, 9, 9))
    assert early.value.field == "received_on"
    inspector = login("insp_a")
    with writes_nothing(ctx), pytest.raises(Forbidden):
        record_receipt(ctx, inspector, did, D(2026, 9, 12))
    record_receipt(ctx, sup, did, D(2026, 9, 12))
    assert last_op(ctx).changes == {"received_on": "2026-09-12"}

    publish_decision(ctx, login("head"), did)
    view = get_decision(ctx, sup, did)
    assert view.published and view.publish_required and view.received_on == D(2026, 9, 12)
    assert last_op(ctx).changes == {"published": True}
    with writes_nothing(ctx), pytest.raises(ServiceError) as twice:
        publish_decision(ctx, sup, did)
    assert twice.value.code == "decision.already_published"


# --------------------------------------------------------------------------
# Consequences and agency triggers


def test_fj40_second_warning_in_2026_shows_assessment_not_excellent(
    ctx: Context, login: Login, office: Office
) -> None:
    signed(ctx, login, office, decided_on=D(2026, 3, 10))
    sup = login("sup")
    second = draft(ctx, sup, office)
    with writes_nothing(ctx):
        preview = preview_consequences(ctx, sup, decision_id=second)
    assert preview.consequences.has("assessment_not_excellent")
    assert preview.consequences.on == D(2026, 9, 21)
    assert "notice.publish" in {n.code for n in preview.notices}
    # the form, before saving: a first warning for another official entails no such thing
    fresh = preview_consequences(
        ctx,
        sup,
        subject_kind="official",
        subject_agency_id=office.city_agency,
        subject_official_id=office.head_official,
        measure_ids=[WARNING],
    )
    assert not fresh.consequences.has("assessment_not_excellent")
    assert fresh.consequences.has("no_advanced_evaluation")
    # a warning in 2025 does not count in 2026
    other = add_official(ctx, office.city_agency, "王五")
    signed(ctx, login, office, decided_on=D(2025, 12, 20), subject_official_id=other)
    later = preview_consequences(
        ctx,
        sup,
        subject_kind="official",
        subject_agency_id=office.city_agency,
        subject_official_id=other,
        measure_ids=[WARNING],
    )
    assert not later.consequences.has("assessment_not_excellent")
    with pytest.raises(Forbidden):
        preview_consequences(ctx, login("insp_a"), decision_id=second)
    with pytest.raises(InvalidInput) as err:
        preview_consequences(ctx, sup, measure_ids=[WARNING])
    assert err.value.field == "subject_kind"


def test_fj36_trigger_after_three_higher_office_warnings_and_after_rating_poor(
    ctx: Context, login: Login, office: Office
) -> None:
    other = add_official(ctx, office.city_agency, "王五")
    higher: dict[str, Any] = {"decider_id": office.province_office, "issued_by_higher_office": True}
    signed(ctx, login, office, decided_on=D(2026, 2, 1), **higher)
    signed(ctx, login, office, decided_on=D(2026, 4, 1), subject_official_id=other, **higher)
    # a warning from the city's own office does not count (上级机关效能建设工作机构)
    signed(ctx, login, office, decided_on=D(2026, 5, 1))
    head = login("head")
    assert agency_status(ctx, head, office.city_agency, D(2026, 9, 21)) == []
    signed(
        ctx,
        login,
        office,
        decided_on=D(2026, 6, 1),
        subject_official_id=office.head_official,
        **higher,
    )
    fired = agency_status(ctx, head, office.city_agency, D(2026, 9, 21))
    assert [t.trigger_id for t in fired] == ["fj36_warnings"]
    assert fired[0].count == 3
    # a year on from the first, only two remain in the window (一年内)
    assert agency_status(ctx, head, office.city_agency, D(2027, 2, 1)) == []

    sup, inspector = login("sup"), login("insp_a")
    with writes_nothing(ctx), pytest.raises(Forbidden):
        set_rating(ctx, inspector, office.county_agency, 2026, "差")
    with writes_nothing(ctx), pytest.raises(InvalidInput) as bad:
        set_rating(ctx, sup, office.county_agency, 2026, "极差")
    assert bad.value.field == "rating"
    with writes_nothing(ctx), pytest.raises(InvalidInput) as future:
        set_rating(ctx, sup, office.county_agency, 2027, "差")
    assert future.value.field == "year"
    rid = set_rating(ctx, sup, office.county_agency, 2026, "一般")
    assert agency_status(ctx, head, office.county_agency, D(2026, 12, 31)) == []
    assert set_rating(ctx, sup, office.county_agency, 2026, "差") == rid  # one per year
    assert last_op(ctx).changes == {"rating": "差"}
    assert load(ctx, PerformanceRating, rid).version == 2
    fired = agency_status(ctx, head, office.county_agency, D(2026, 12, 31))
    assert [t.trigger_id for t in fired] == ["fj36_rating"]
    # last year's rating stands until this year's is given
    assert [
        t.trigger_id for t in agency_status(ctx, head, office.county_agency, D(2027, 3, 1))
    ] == ["fj36_rating"]


def test_mas21_unit_given_two_measures_is_vetoed(
    ctx: Context, login: Login, office: Office
) -> None:
    m = mas(ctx)
    sup, head = login("sup"), login("head")
    for day in (D(2026, 3, 1), D(2026, 5, 1)):
        did = draft(
            m,
            sup,
            office,
            subject_kind="agency",
            subject_official_id=None,
            ground_ids=["mas19_2"],
            measure_ids=[WARNING],
        )
        sign_decision(m, head, did, decided_on=day)
    fired = agency_status(m, head, office.city_agency, D(2026, 9, 21))
    assert "mas21_unit_measures" in {t.trigger_id for t in fired}


# --------------------------------------------------------------------------
# Appeals


def test_appeal_on_day_30_accepted_day_31_refused(
    ctx: Context, login: Login, office: Office
) -> None:
    did = signed(ctx, login, office, decided_on=D(2026, 6, 8), received_on=D(2026, 6, 10))
    sup, inspector = login("sup"), login("insp_a")
    body = office.province_office  # against an office's decision: the office one level up
    with writes_nothing(ctx), pytest.raises(RuleViolation) as late:
        register_appeal(
            ctx, sup, did, received_on=D(2026, 7, 11), body_id=body, written=True, grounds=["事实"]
        )
    assert late.value.codes == ("appeal.filed_late",)
    with writes_nothing(ctx), pytest.raises(RuleViolation) as wrong:
        register_appeal(
            ctx,
            sup,
            did,
            received_on=D(2026, 7, 10),
            body_id=office.city_office,
            written=True,
            grounds=["事实"],
        )
    assert wrong.value.codes == ("appeal.wrong_body",)
    with writes_nothing(ctx), pytest.raises(RuleViolation) as oral:
        register_appeal(
            ctx, sup, did, received_on=D(2026, 7, 10), body_id=body, written=False, grounds=["事实"]
        )
    assert oral.value.codes == ("appeal.not_written",)
    with writes_nothing(ctx), pytest.raises(Forbidden):
        register_appeal(
            ctx,
            inspector,
            did,
            received_on=D(2026, 7, 10),
            body_id=body,
            written=True,
            grounds=["事实"],
        )
    aid = register_appeal(
        ctx, sup, did, received_on=D(2026, 7, 10), body_id=body, written=True, grounds=["事实"]
    )
    a = load(ctx, Appeal, aid)
    assert (a.state, a.received_on, a.grounds) == ("received", D(2026, 7, 10), ["事实"])
    op = last_op(ctx)
    assert op.action == "appeal.register" and op.changes["received_on"] == "2026-07-10"
    assert set(op.changes) <= {c.key for c in Appeal.__table__.columns}


def test_appeal_window_moves_off_the_national_day_holiday(
    ctx: Context, login: Login, office: Office, clock: Clock
) -> None:
    did = signed(ctx, login, office, decided_on=D(2026, 9, 1), received_on=D(2026, 9, 5))
    deadlines = appeal_deadlines(ctx, login("insp_a"), did)
    assert deadlines.filing is not None
    assert deadlines.filing.due == D(2026, 10, 8)  # day 30 is 10-05, in 国庆
    clock.now = dt.datetime(2026, 10, 9, 2, 0, tzinfo=dt.UTC)
    sup = login("sup")
    args: dict[str, Any] = {"body_id": office.province_office, "written": True}
    with writes_nothing(ctx), pytest.raises(RuleViolation) as late:
        register_appeal(ctx, sup, did, received_on=D(2026, 10, 9), grounds=["程序"], **args)
    assert late.value.codes == ("appeal.filed_late",)
    aid = register_appeal(ctx, sup, did, received_on=D(2026, 10, 8), grounds=["程序"], **args)
    after = appeal_deadlines(ctx, sup, did)
    assert [a.appeal_id for a in after.appeals] == [aid]
    assert after.appeals[0].deadline.due == D(2026, 11, 9)  # 11-07 is a Saturday
    assert after.appeals[0].status is not None and after.appeals[0].days_late == 0


def test_appeal_needs_the_receipt_and_a_signed_decision(
    ctx: Context, login: Login, office: Office
) -> None:
    sup = login("sup")
    draft_id = draft(ctx, sup, office)
    did = signed(ctx, login, office, decided_on=D(2026, 9, 1))
    args: dict[str, Any] = {
        "received_on": D(2026, 9, 10),
        "body_id": office.province_office,
        "written": True,
        "grounds": ["事实"],
    }
    for decision_id, code in ((draft_id, "decision.not_signed"), (did, "decision.receipt_missing")):
        with writes_nothing(ctx), pytest.raises(ServiceError) as err:
            register_appeal(ctx, sup, decision_id, **args)
        assert err.value.code == code
    record_receipt(ctx, sup, did, D(2026, 9, 2))
    with writes_nothing(ctx), pytest.raises(InvalidInput) as future:
        register_appeal(ctx, sup, did, **{**args, "received_on": D(2026, 9, 22)})
    assert future.value.field == "received_on"
    with writes_nothing(ctx), pytest.raises(InvalidInput) as body:
        register_appeal(ctx, sup, did, **{**args, "body_id": "nope"})
    assert body.value.field == "body_id"
    register_appeal(ctx, sup, did, **args)
    with writes_nothing(ctx), pytest.raises(ServiceError) as locked:
        record_receipt(ctx, sup, did, D(2026, 9, 3))  # the window counts from it
    assert locked.value.code == "decision.receipt_locked"


def test_same_grounds_after_a_decided_appeal_is_not_accepted(
    ctx: Context, login: Login, office: Office
) -> None:
    did = signed(ctx, login, office, decided_on=D(2026, 9, 1), received_on=D(2026, 9, 2))
    sup, head = login("sup"), login("head")
    args: dict[str, Any] = {"body_id": office.province_office, "written": True}
    first = register_appeal(ctx, sup, did, received_on=D(2026, 9, 3), grounds=["事实不清"], **args)
    decide_appeal(ctx, head, first, decided_on=D(2026, 9, 15), outcome="upheld", reasons="事实清楚")
    with writes_nothing(ctx), pytest.raises(RuleViolation) as err:
        register_appeal(ctx, sup, did, received_on=D(2026, 9, 18), grounds=["事实不清"], **args)
    assert err.value.codes == ("appeal.same_grounds",)
    register_appeal(ctx, sup, did, received_on=D(2026, 9, 18), grounds=["新证据"], **args)


def test_heavier_outcome_refused_revoked_accepted(
    ctx: Context, login: Login, office: Office
) -> None:
    did = signed(
        ctx,
        login,
        office,
        decided_on=D(2026, 9, 1),
        received_on=D(2026, 9, 2),
        measure_ids=[CRITICISM],
    )
    sup = login("sup")
    aid = register_appeal(
        ctx,
        sup,
        did,
        received_on=D(2026, 9, 3),
        body_id=office.province_office,
        written=True,
        grounds=["过重"],
    )
    head = login("head")
    decide: dict[str, Any] = {"decided_on": D(2026, 9, 20), "reasons": "经复查"}
    with writes_nothing(ctx), pytest.raises(RuleViolation) as heavier:
        decide_appeal(ctx, head, aid, outcome="varied", outcome_measure_ids=[WARNING], **decide)
    assert heavier.value.codes == ("appeal.outcome_heavier",)
    with writes_nothing(ctx), pytest.raises(RuleViolation) as more:
        decide_appeal(
            ctx,
            head,
            aid,
            outcome="varied",
            outcome_measure_ids=["admonition", CRITICISM],
            **decide,
        )
    assert more.value.codes == ("appeal.outcome_heavier",)
    for username in ("sup", "insp_a"):
        user = login(username)
        with writes_nothing(ctx), pytest.raises(Forbidden):
            decide_appeal(ctx, user, aid, outcome="revoked", **decide)
    for bad, field in (
        ({"outcome": "quashed"}, "outcome"),
        ({"outcome": "revoked", "outcome_measure_ids": [CRITICISM]}, "outcome_measure_ids"),
        ({"outcome": "varied"}, "outcome_measure_ids"),
        ({"outcome": "varied", "outcome_measure_ids": [CRITICISM]}, "outcome"),
        ({"outcome": "revoked", "reasons": " "}, "reasons"),
    ):
        with writes_nothing(ctx), pytest.raises(InvalidInput) as err:
            decide_appeal(ctx, head, aid, **{**decide, **bad})
        assert err.value.field == field

    result = decide_appeal(ctx, head, aid, outcome="revoked", **decide)
    assert result.late is None and result.days_late == 0
    a = load(ctx, Appeal, aid)
    assert (a.state, a.outcome, a.outcome_measure_ids) == ("decided", "revoked", [])
    assert last_op(ctx).changes["outcome"] == "revoked"
    view = get_decision(ctx, sup, did)
    assert view.measure_ids == (CRITICISM,) and view.effective_measure_ids == ()
    assert not view.appeal_pending
    # a revoked decision no longer counts towards FJ 40
    preview = preview_consequences(
        ctx,
        sup,
        subject_kind="official",
        subject_agency_id=office.city_agency,
        subject_official_id=office.official,
        measure_ids=[],
    )
    assert preview.consequences.effects == ()
    with writes_nothing(ctx), pytest.raises(ServiceError) as again:
        decide_appeal(ctx, head, aid, outcome="upheld", **decide)
    assert again.value.code == "appeal.already_decided"


def test_varied_to_lighter_is_accepted(ctx: Context, login: Login, office: Office) -> None:
    did = signed(ctx, login, office, decided_on=D(2026, 9, 1), received_on=D(2026, 9, 2))
    aid = register_appeal(
        ctx,
        login("sup"),
        did,
        received_on=D(2026, 9, 3),
        body_id=office.province_office,
        written=True,
        grounds=["过重"],
    )
    decide_appeal(
        ctx,
        login("head"),
        aid,
        decided_on=D(2026, 9, 21),
        outcome="varied",
        outcome_measure_ids=["admonition"],
        reasons="情节较轻",
    )
    assert get_decision(ctx, login("sup"), did).effective_measure_ids == ("admonition",)


def test_late_appeal_decision_is_recorded_and_flagged(
    ctx: Context, login: Login, office: Office
) -> None:
    did = signed(ctx, login, office, decided_on=D(2026, 6, 20), received_on=D(2026, 6, 25))
    aid = register_appeal(
        ctx,
        login("sup"),
        did,
        received_on=D(2026, 7, 1),
        body_id=office.province_office,
        written=True,
        grounds=["事实"],
    )
    head = login("head")
    with writes_nothing(ctx), pytest.raises(RuleViolation) as before:
        decide_appeal(ctx, head, aid, decided_on=D(2026, 6, 30), outcome="upheld", reasons="维持")
    assert before.value.codes == ("appeal.decided_before_received",)
    result = decide_appeal(
        ctx, head, aid, decided_on=D(2026, 8, 5), outcome="upheld", reasons="维持"
    )
    assert result.deadline.due == D(2026, 7, 31)
    assert result.days_late == 5
    assert result.late is not None and result.late.code == "appeal.decided_late"
    assert load(ctx, Appeal, aid).state == "decided"
    assert last_audit(ctx).details["days_late"] == 5
    assert load(ctx, Appeal, aid).outcome_measure_ids == [WARNING]  # upheld: as in force


def test_decision_stays_in_force_during_an_appeal(
    ctx: Context, login: Login, office: Office
) -> None:
    did = signed(ctx, login, office, decided_on=D(2026, 3, 10), received_on=D(2026, 3, 12))
    sup = login("sup")
    register_appeal(
        ctx,
        sup,
        did,
        received_on=D(2026, 3, 20),
        body_id=office.province_office,
        written=True,
        grounds=["不服"],
    )
    view = get_decision(ctx, sup, did)
    assert view.appeal_pending and view.measures_in_force_during_appeal
    assert view.effective_measure_ids == (WARNING,)
    assert view.appeals[0].days_late > 0  # still undecided, past 30 days
    # its warning still counts: a second one in 2026 entails FJ 40
    second = preview_consequences(
        ctx,
        sup,
        subject_kind="official",
        subject_agency_id=office.city_agency,
        subject_official_id=office.official,
        measure_ids=[WARNING],
    )
    assert second.consequences.has("assessment_not_excellent")


def test_mas_review_goes_to_the_same_body(ctx: Context, login: Login, office: Office) -> None:
    m = mas(ctx)
    sup, head = login("sup"), login("head")
    did = draft(m, sup, office, ground_ids=["mas19_1"], measure_ids=[WARNING])
    sign_decision(m, head, did, decided_on=D(2026, 9, 1))
    record_receipt(m, sup, did, D(2026, 9, 2))
    args: dict[str, Any] = {"received_on": D(2026, 9, 10), "written": True, "grounds": ["复核"]}
    with writes_nothing(ctx), pytest.raises(RuleViolation) as err:
        register_appeal(m, sup, did, body_id=office.province_office, **args)
    assert err.value.codes == ("appeal.wrong_body",)
    register_appeal(m, sup, did, body_id=office.city_office, **args)
    # a decision made under one profile is not handled under another
    with writes_nothing(ctx), pytest.raises(ServiceError) as other:
        publish_decision(ctx, sup, did)
    assert other.value.code == "decision.profile_mismatch"
    assert not get_decision(m, sup, did).publish_required  # MAS: no publication rule


# --------------------------------------------------------------------------
# Reading


def test_views_carry_names_and_texts_and_hide_drafts(
    ctx: Context, login: Login, office: Office
) -> None:
    sup = login("sup")
    draft_id = draft(ctx, sup, office)
    did = signed(ctx, login, office, decided_on=D(2026, 9, 1), measure_ids=[CRITICISM, WARNING])
    view = get_decision(ctx, sup, did)
    assert view.subject_name == "张三（福州市市场监督管理局）"
    assert view.decider_name == "福州市效能办"
    assert [m.name for m in view.measures] == ["通报批评", "效能告诫"]
    assert view.grounds[0].text == "消极应付、懈怠懒散、推诿扯皮、推卸责任的"
    assert view.grounds[0].article == "FJ 36 第一款第（三）项"

    assert [d.id for d in list_decisions(ctx, sup)] == [did, draft_id]
    assert [d.id for d in list_decisions(ctx, sup, state="draft")] == [draft_id]
    assert list_decisions(ctx, sup, subject_agency_id=office.county_agency) == []
    assert [d.id for d in list_decisions(ctx, sup, limit=1, offset=1)] == [draft_id]
    inspector = login("insp_a")
    assert [d.id for d in list_decisions(ctx, inspector)] == [did]
    assert get_decision(ctx, inspector, did).id == did
    with pytest.raises(Forbidden):
        get_decision(ctx, inspector, draft_id)
    with pytest.raises(Forbidden):
        list_decisions(ctx, login("admin"))
    for kwargs, field in (({"state": "void"}, "state"), ({"limit": 0}, "limit")):
        with pytest.raises(InvalidInput) as err:
            list_decisions(ctx, sup, **kwargs)
        assert err.value.field == field
    with pytest.raises(ServiceError) as missing:
        get_decision(ctx, sup, "nope")
    assert missing.value.code == "service.not_found"


# --------------------------------------------------------------------------
# All or nothing


def test_failure_between_writes_leaves_nothing(
    ctx: Context, login: Login, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    sup = login("sup")
    did = draft(ctx, sup, office)
    head = login("head")

    def change_then_fail(*args: Any, **kwargs: Any) -> OutboxOp:
        real_change(*args, **kwargs)  # record, audit entry and outbox op all written
        raise RuntimeError("disk full")

    monkeypatch.setattr(decisions, "change", change_then_fail)
    with writes_nothing(ctx), pytest.raises(RuntimeError):
        sign_decision(ctx, head, did, decided_on=D(2026, 9, 21))
    d = load(ctx, Decision, did)
    assert (d.state, d.version, d.signed_by) == ("draft", 1, None)
    with ctx.transaction() as db:
        assert not db.scalars(select(OutboxOp).where(OutboxOp.action == "decision.sign")).all()
        assert not db.scalars(select(AuditEntry).where(AuditEntry.action == "decision.sign")).all()

    def audit_fails(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("audit broken")

    monkeypatch.setattr(decisions, "change", real_change)
    monkeypatch.setattr("desktop.store.audit.append", audit_fails)
    with writes_nothing(ctx), pytest.raises(RuntimeError):
        draft(ctx, sup, office)
    with ctx.transaction() as db:
        assert db.scalar(select(func.count()).select_from(Decision)) == 1
