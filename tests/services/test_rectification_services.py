"""Rectification requirements and supervision suggestions (FJ 28, MAS 22) through
the services, on a real store: deadlines on the official calendar, the
follow-up, roles, and that a refused call writes nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.domain.deadlines import Urgency
from desktop.resources import load_profile
from desktop.services import rectifications
from desktop.services.auth import UserSession
from desktop.services.base import (
    Context,
    Forbidden,
    InvalidInput,
    ServiceError,
    change as real_change,
)
from desktop.services.rectifications import (
    get_rectification,
    issue_rectification,
    list_rectifications,
    record_follow_up,
)
from desktop.store.models import AuditEntry, OutboxOp, Rectification, Setting

from .conftest import Clock, Office

Login = Callable[[str], UserSession]
D = dt.date
TODAY = D(2026, 9, 21)


def _rows(ctx: Context) -> dict[str, Any]:
    with ctx.transaction() as db:
        return {
            "audit": db.scalar(select(func.count()).select_from(AuditEntry)),
            "outbox": db.scalar(select(func.count()).select_from(OutboxOp)),
            "hlc": db.scalar(select(Setting.value).where(Setting.key == "hlc")),
            "rectifications": sorted(
                tuple((c.key, repr(getattr(r, c.key))) for c in Rectification.__table__.columns)
                for r in db.scalars(select(Rectification))
            ),
        }


@contextmanager
def writes_nothing(ctx: Context) -> Iterator[None]:
    before = _rows(ctx)
    yield
    assert _rows(ctx) == before


def load(ctx: Context, record_id: str) -> Rectification:
    with ctx.transaction() as db:
        record = db.get(Rectification, record_id)
        assert record is not None
        db.expunge(record)
        return record


def last_op(ctx: Context) -> OutboxOp:
    with ctx.transaction() as db:
        op = db.scalars(select(OutboxOp).order_by(OutboxOp.seq.desc())).first()
        assert op is not None
        db.expunge(op)
        return op


def issue(ctx: Context, user: UserSession, office: Office, **kw: Any) -> str:
    args: dict[str, Any] = {
        "kind": "requirement",
        "agency_id": office.city_agency,
        "content": "窗口服务须一次性告知办事材料",
        "issued_on": TODAY,
    }
    args.update(kw)
    return issue_rectification(ctx, user, **args)


def test_supervisor_issues_with_the_profile_deadline(
    ctx: Context, login: Login, office: Office
) -> None:
    sup = login("sup")
    rid = issue(ctx, sup, office, content="  限期整改  ")
    r = load(ctx, rid)
    # 20 working days from 2026-09-21, past 中秋 and 国庆 (FJ 28 per the profile)
    assert (r.state, r.due_on, r.content, r.version) == ("open", D(2026, 10, 26), "限期整改", 1)
    op = last_op(ctx)
    assert (op.entity, op.action, op.entity_id, op.base_version) == (
        "rectifications",
        "rectification.issue",
        rid,
        0,
    )
    assert set(op.changes) <= {c.key for c in Rectification.__table__.columns}
    assert op.changes["due_on"] == "2026-10-26" and op.changes["issued_on"] == "2026-09-21"
    with ctx.transaction() as db:
        audit = db.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert audit is not None and audit.action == "rectification.issue"
        assert audit.user_id == sup.user_id


def test_a_given_due_date_is_kept(ctx: Context, login: Login, office: Office) -> None:
    rid = issue(ctx, login("sup"), office, kind="suggestion", due_on=D(2026, 12, 31))
    r = load(ctx, rid)
    assert (r.kind, r.due_on) == ("suggestion", D(2026, 12, 31))


def test_maanshan_counts_its_own_rectification_limit(
    ctx: Context, login: Login, office: Office
) -> None:
    m = Context(ctx.store, ctx.device_id, load_profile("maanshan-2005"), clock=ctx.clock)
    rid = issue(m, login("sup"), office, issued_on=D(2026, 9, 1))
    limit = m.profile.deadlines["rectification"].limit
    assert limit.article == "MAS 14（六）"
    assert load(ctx, rid).due_on == D(2026, 9, 29)  # 20 working days


@pytest.mark.parametrize("username", ["insp_a", "head", "handler", "admin"])
def test_only_supervisors_issue(ctx: Context, login: Login, office: Office, username: str) -> None:
    user = login(username)
    with writes_nothing(ctx), pytest.raises(Forbidden):
        issue(ctx, user, office)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kind": "order"}, "kind"),
        ({"agency_id": "nope"}, "agency_id"),
        ({"content": "   "}, "content"),
        ({"issued_on": D(2026, 9, 22)}, "issued_on"),
        ({"due_on": D(2026, 9, 20)}, "due_on"),
        ({"plan_id": "nope"}, "plan_id"),
        ({"complaint_id": "nope"}, "complaint_id"),
        ({"decision_id": "nope"}, "decision_id"),
    ],
)
def test_bad_input_names_the_column(
    ctx: Context, login: Login, office: Office, overrides: dict[str, Any], field: str
) -> None:
    sup = login("sup")
    with writes_nothing(ctx), pytest.raises(InvalidInput) as err:
        issue(ctx, sup, office, **overrides)
    assert err.value.field == field
    assert err.value.message


def test_without_a_profile_deadline_the_due_date_is_required(
    ctx: Context, login: Login, office: Office
) -> None:
    deadlines = {k: v for k, v in ctx.profile.deadlines.items() if k != "rectification"}
    bare = Context(
        ctx.store,
        ctx.device_id,
        dataclasses.replace(ctx.profile, deadlines=deadlines),
        clock=ctx.clock,
    )
    sup = login("sup")
    with writes_nothing(ctx), pytest.raises(InvalidInput) as err:
        issue(bare, sup, office)
    assert err.value.field == "due_on"
    issue(bare, sup, office, due_on=D(2026, 10, 30))


def test_fj28_rejection_needs_the_reason(ctx: Context, login: Login, office: Office) -> None:
    sup = login("sup")
    rid = issue(ctx, sup, office)
    inspector = login("insp_a")
    with writes_nothing(ctx), pytest.raises(InvalidInput) as err:
        record_follow_up(ctx, inspector, rid, follow_up="  ", state="rejected")
    assert err.value.field == "follow_up"
    with writes_nothing(ctx), pytest.raises(InvalidInput) as bad_state:
        record_follow_up(ctx, inspector, rid, follow_up="x", state="closed")
    assert bad_state.value.field == "state"
    for username in ("handler", "head"):
        user = login(username)
        with writes_nothing(ctx), pytest.raises(Forbidden):
            record_follow_up(ctx, user, rid, follow_up="已整改", state="done")
    with writes_nothing(ctx), pytest.raises(ServiceError) as missing:
        record_follow_up(ctx, inspector, "nope", follow_up="已整改", state="done")
    assert missing.value.code == "service.not_found"

    record_follow_up(ctx, inspector, rid, follow_up="涉及法律修改，暂无法采纳", state="rejected")
    r = load(ctx, rid)
    assert (r.state, r.follow_up, r.version) == ("rejected", "涉及法律修改，暂无法采纳", 2)
    op = last_op(ctx)
    assert op.action == "rectification.follow_up" and op.base_version == 1
    assert op.changes == {"state": "rejected", "follow_up": "涉及法律修改，暂无法采纳"}
    record_follow_up(ctx, sup, rid, follow_up="涉及法律修改，暂无法采纳", state="open")
    assert last_op(ctx).changes == {"state": "open"}
    record_follow_up(ctx, sup, rid, follow_up="", state="done")
    assert load(ctx, rid).state == "done"
    with writes_nothing(ctx):  # nothing changed, nothing written
        record_follow_up(ctx, sup, rid, follow_up="", state="done")


def test_list_shows_working_days_left_and_overdue(
    ctx: Context, login: Login, office: Office, clock: Clock
) -> None:
    sup = login("sup")
    late = issue(ctx, sup, office, issued_on=D(2026, 9, 1), due_on=D(2026, 9, 15))
    soon = issue(ctx, sup, office, due_on=D(2026, 9, 23))
    later = issue(ctx, sup, office, agency_id=office.county_agency)
    done = issue(ctx, sup, office, due_on=D(2026, 9, 22))
    record_follow_up(ctx, sup, done, follow_up="已整改到位", state="done")

    views = {v.id: v for v in list_rectifications(ctx, login("insp_b"))}
    assert [v.id for v in list_rectifications(ctx, sup)] == [late, done, soon, later]
    urgency = {k: v.status.urgency for k, v in views.items() if v.status is not None}
    assert urgency == {late: Urgency.OVERDUE, soon: Urgency.DUE_SOON, later: Urgency.OK}
    # 09-15 to 09-18 and the make-up Sunday 09-20 (调休)
    assert views[late].overdue and views[late].working_days_left == -5
    assert views[soon].working_days_left == 2 and not views[soon].overdue
    assert views[later].agency_name == "鼓楼区行政服务中心"
    assert views[done].status is None and not views[done].overdue
    assert views[done].state_name == "已整改" and views[late].kind_name == "整改要求"

    assert [v.id for v in list_rectifications(ctx, sup, open_only=True)] == [late, soon, later]
    county = list_rectifications(ctx, sup, agency_id=office.county_agency)
    assert [v.id for v in county] == [later]
    with pytest.raises(Forbidden):
        list_rectifications(ctx, login("handler"))

    clock.now = dt.datetime(2026, 10, 27, 1, 0, tzinfo=dt.UTC)  # the day after it was due
    view = get_rectification(ctx, login("head"), later)
    assert view.overdue and view.working_days_left is not None and view.working_days_left < 0


def test_failure_between_writes_leaves_nothing(
    ctx: Context, login: Login, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    sup = login("sup")
    rid = issue(ctx, sup, office)

    def change_then_fail(*args: Any, **kwargs: Any) -> OutboxOp:
        real_change(*args, **kwargs)  # record, audit entry and outbox op all written
        raise RuntimeError("disk full")

    monkeypatch.setattr(rectifications, "change", change_then_fail)
    with writes_nothing(ctx), pytest.raises(RuntimeError):
        record_follow_up(ctx, sup, rid, follow_up="已整改", state="done")
    with writes_nothing(ctx), pytest.raises(RuntimeError):
        issue(ctx, sup, office)
    r = load(ctx, rid)
    assert (r.state, r.version) == ("open", 1)
    with ctx.transaction() as db:
        assert db.scalar(select(func.count()).select_from(Rectification)) == 1
        actions = set(db.scalars(select(OutboxOp.action)))
        assert "rectification.follow_up" not in actions
        assert "rectification.follow_up" not in set(db.scalars(select(AuditEntry.action)))
