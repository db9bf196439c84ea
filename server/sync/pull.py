"""Pull: the accepted ops after a cursor, filtered by what the user may see.

Who sees what (judged on the record as it is now, so a plan that is no longer
confidential shows its whole history to a user starting from scratch; users
already past those ops get the ``record.snapshot`` the push wrote):

==========================  =================================================
inspection_plans, visits    every user, except a 暗访 plan and its visits
                            (``desktop.domain.plans.can_view``): only its
                            author, its team, its designated approvers (the
                            supervisors and office heads of its office) and
                            whoever approved it, until reported or closed
complaints                  complaint handlers, supervisors, office heads
                            (the laptop's readers); ``sealed_identity`` and the
                            blind indexes only to complaint handlers
decisions                   drafts: supervisors and office heads; signed: also
                            inspectors and complaint handlers
appeals                     supervisors and office heads
rectifications              supervisors, office heads, inspectors
agencies, officials,        every signed-in user
ratings, document numbers
==========================  =================================================
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any, Final

from sqlalchemy import Row, Text, cast, select
from sqlalchemy.orm import Session

from desktop.domain.common import Role
from server.accounts import Principal
from server.models import Op, Record
from server.sync import spec
from server.sync.rules import PLAN_ENTITY, VISIT_ENTITY, designated_approvers, plan_visible

MAX_SCAN: Final = 20_000
#: The log's columns a pull reads (plain rows: no ORM objects to build).
_COLUMNS: Final[tuple[Any, ...]] = (
    Op.seq,
    Op.op_id,
    Op.entity,
    Op.entity_id,
    Op.action,
    cast(Op.changes, Text).label("changes_json"),
    Op.base_version,
    Op.version,
    Op.hlc,
    Op.device_id,
    Op.user_id,
    Op.received_at,
    Op.plan_id,
)
COMPLAINT_READERS: Final = frozenset({Role.COMPLAINT_HANDLER, Role.SUPERVISOR, Role.OFFICE_HEAD})
DECISION_READERS: Final = spec.DECIDERS | {Role.INSPECTOR, Role.COMPLAINT_HANDLER}
RECTIFICATION_READERS: Final = frozenset({Role.SUPERVISOR, Role.OFFICE_HEAD, Role.INSPECTOR})
IDENTITY_READERS: Final = frozenset({Role.COMPLAINT_HANDLER})


class Viewer:
    """Decides, for one user, which ops they see and in what form."""

    def __init__(self, db: Session, principal: Principal) -> None:
        self.db = db
        self.principal = principal
        self.plans: dict[str, Record] = {}
        self.decisions: dict[str, Record] = {}
        self._approvers: dict[str, frozenset[str]] = {}

    def preload(self, ops: Sequence[Row[Any]]) -> None:
        """Fetch the records the ops' visibility depends on, in two queries."""
        plan_ids = {o.plan_id for o in ops if o.plan_id and o.plan_id not in self.plans}
        decision_ids = {
            o.entity_id
            for o in ops
            if o.entity == "decisions" and o.entity_id not in self.decisions
        }
        for entity, ids, into in (
            (PLAN_ENTITY, plan_ids, self.plans),
            ("decisions", decision_ids, self.decisions),
        ):
            if ids:
                for record in self.db.scalars(
                    select(Record).where(Record.entity == entity, Record.id.in_(list(ids)))
                ):
                    into[record.id] = record

    def approvers(self, office_id: Any) -> frozenset[str]:
        key = office_id if isinstance(office_id, str) else ""
        if key not in self._approvers:
            self._approvers[key] = designated_approvers(self.db, office_id)
        return self._approvers[key]

    def sees_plan(self, plan: Record | None) -> bool:
        if plan is None:
            return False
        return plan_visible(self.principal, plan, self.approvers(plan.data.get("office_id")))

    def _has(self, roles: Iterable[Role]) -> bool:
        return self.principal.has_any(roles)

    def sees(self, op: Row[Any]) -> bool:
        if op.entity in (PLAN_ENTITY, VISIT_ENTITY):
            return op.plan_id is not None and self.sees_plan(self.plans.get(op.plan_id))
        if op.entity == "complaints":
            return self._has(COMPLAINT_READERS)
        if op.entity == "decisions":
            record = self.decisions.get(op.entity_id)
            if record is None or record.data.get("state") == "draft":
                return self._has(spec.DECIDERS)
            return self._has(DECISION_READERS)
        if op.entity == "appeals":
            return self._has(spec.DECIDERS)
        if op.entity == "rectifications":
            return self._has(RECTIFICATION_READERS)
        return True

    def render(self, op: Row[Any]) -> str | None:
        """The op as this user may see it, as the JSON of a
        :class:`~server.schemas.PulledOp`; ``None`` if they may not."""
        if not self.sees(op):
            return None
        changes = op.changes_json or "{}"
        if op.entity == "complaints" and not self._has(IDENTITY_READERS):
            values = json.loads(changes)
            for name in spec.IDENTITY_FIELDS:
                values.pop(name, None)
            changes = json.dumps(values)
        return _OP_JSON % (
            op.seq,
            _string(op.op_id),
            _string(op.entity),
            _string(op.entity_id),
            _string(op.action),
            changes,
            op.base_version,
            op.version or 0,
            _string(op.hlc),
            _string(op.device_id),
            _string(op.user_id),
            _string(_timestamp(op.received_at)),
        )


#: A :class:`~server.schemas.PulledOp` as JSON. A pull page is written here
#: rather than by pydantic: the op's changes go out as the database's JSON
#: text, with no parse and no model per op (a page of 1,000 ops took ~40 ms
#: through the models, most of an initial sync's server time).
_OP_JSON: Final = (
    '{"seq":%d,"op_id":%s,"entity":%s,"entity_id":%s,"action":%s,"changes":%s,'
    '"base_version":%d,"version":%d,"hlc":%s,"device_id":%s,"user_id":%s,"received_at":%s}'
)
_string = json.JSONEncoder().encode


def _timestamp(value: dt.datetime) -> str:
    """As pydantic writes a UTC datetime (``…T…Z``)."""
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def pull(db: Session, principal: Principal, since: int, limit: int) -> bytes:
    """The JSON of a :class:`~server.schemas.PullOut`: up to ``limit``
    visible ops after ``since``; the cursor advances past the ops the user
    may not see too, so they are never scanned again."""
    viewer = Viewer(db, principal)
    shown: list[str] = []
    cursor = since
    scanned = 0
    batch = max(limit, 100)
    while len(shown) < limit and scanned < MAX_SCAN:
        rows = db.execute(
            select(*_COLUMNS)
            .where(Op.seq > cursor, Op.status == "accepted")
            .order_by(Op.seq)
            .limit(batch)
        ).all()
        if not rows:
            break
        viewer.preload(rows)
        for row in rows:
            cursor = row.seq
            scanned += 1
            rendered = viewer.render(row)
            if rendered is not None:
                shown.append(rendered)
                if len(shown) >= limit:
                    break
        if len(rows) < batch and len(shown) < limit:
            break
    more = (
        db.scalar(
            select(Op.seq).where(Op.seq > cursor, Op.status == "accepted").order_by(Op.seq).limit(1)
        )
        is not None
    )
    page = f'{{"ops":[{",".join(shown)}],"next":{cursor:d},"more":{json.dumps(more)}}}'
    return page.encode("utf-8")
