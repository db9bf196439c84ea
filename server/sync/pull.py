"""Pull: the accepted ops after a cursor, filtered by what the user may see.
The snapshot of a fresh laptop (``server.sync.snapshot``) filters records by
the same rule (:meth:`Viewer.sees`).

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

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from sqlalchemy import ColumnElement, Row, Text, cast, func, literal, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session

from desktop.domain.common import Role
from server.accounts import Principal
from server.models import Op, Record
from server.sync import spec
from server.sync.rules import PLAN_ENTITY, VISIT_ENTITY, designated_approvers, plan_visible

MAX_SCAN: Final = 20_000
#: The log's columns a pull judges visibility by (plain rows, no ORM objects) ...
_COLUMNS: Final[tuple[Any, ...]] = (Op.seq, Op.entity, Op.entity_id, Op.plan_id)
#: ... and the op as a :class:`~server.schemas.PulledOp`, in this order.
_FIELDS: Final = (
    "seq",
    "op_id",
    "entity",
    "entity_id",
    "action",
    "changes",
    "base_version",
    "version",
    "hlc",
    "device_id",
    "user_id",
    "received_at",
)


def _op_json(dialect: str) -> ColumnElement[str]:
    """The op as the JSON text of a :class:`~server.schemas.PulledOp`, built
    by the database (``json_build_object`` / SQLite's ``json_object``): a
    pull page is the rows' texts joined, with no model, parse or Python
    formatting per op (through pydantic a page of 1,000 took ~40 ms, most of
    an initial sync's server time). Timestamps in UTC, ISO 8601 with "Z"."""
    values: dict[str, Any] = {name: getattr(Op, name) for name in _FIELDS}
    values["version"] = func.coalesce(Op.version, 0)
    if dialect == "postgresql":
        values["changes"] = func.coalesce(Op.changes, cast(literal("{}"), JSONB))
        # a naive UTC column: formatted as it is, whatever the session's time zone
        values["received_at"] = func.to_char(Op.received_at, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
        build = func.json_build_object
    else:  # SQLite keeps UTC as "YYYY-MM-DD HH:MM:SS.ffffff"
        values["changes"] = func.json(func.coalesce(Op.changes, "{}"))
        values["received_at"] = func.replace(Op.received_at, " ", "T").concat("Z")
        build = func.json_object
    pairs = [item for name in _FIELDS for item in (literal(name), values[name])]
    return cast(build(*pairs), Text).label("op_json")


COMPLAINT_READERS: Final = frozenset({Role.COMPLAINT_HANDLER, Role.SUPERVISOR, Role.OFFICE_HEAD})
DECISION_READERS: Final = spec.DECIDERS | {Role.INSPECTOR, Role.COMPLAINT_HANDLER}
RECTIFICATION_READERS: Final = frozenset({Role.SUPERVISOR, Role.OFFICE_HEAD, Role.INSPECTOR})
IDENTITY_READERS: Final = frozenset({Role.COMPLAINT_HANDLER})
#: Entities whose readers are roles, whatever the record (a decision's
#: readers at most: its drafts only :data:`spec.DECIDERS`).
ROLE_READERS: Final[Mapping[str, frozenset[Role]]] = {
    "complaints": COMPLAINT_READERS,
    "decisions": DECISION_READERS,
    "appeals": spec.DECIDERS,
    "rectifications": RECTIFICATION_READERS,
}

#: Entities whose readers depend on the record (its plan, its state).
RECORD_RULED: Final = frozenset({PLAN_ENTITY, VISIT_ENTITY, "decisions"})


class Viewer:
    """Decides, for one user, which records they see (the pull's ops and the
    snapshot's records alike, by :meth:`sees`) and in what form."""

    def __init__(self, db: Session, principal: Principal) -> None:
        self.db = db
        self.principal = principal
        self.plans: dict[str, Record] = {}
        self.decision_states: dict[str, str | None] = {}
        self._approvers: dict[str, frozenset[str]] = {}

    def preload_plans(self, plan_ids: Iterable[str | None]) -> None:
        """Fetch the plans that the visibility of records with these
        ``plan_id`` depends on, in one query."""
        wanted = {p for p in plan_ids if p and p not in self.plans}
        if wanted:
            for plan in self.db.scalars(
                select(Record).where(Record.entity == PLAN_ENTITY, Record.id.in_(list(wanted)))
            ):
                self.plans[plan.id] = plan

    def preload(self, ops: Sequence[Row[Any]]) -> None:
        """Fetch what the ops' visibility depends on (plans, decisions' states)."""
        self.preload_plans(o.plan_id for o in ops)
        decision_ids = {
            o.entity_id
            for o in ops
            if o.entity == "decisions" and o.entity_id not in self.decision_states
        }
        if decision_ids:
            rows = self.db.execute(
                select(Record.id, Record.state).where(
                    Record.entity == "decisions", Record.id.in_(list(decision_ids))
                )
            )
            self.decision_states.update({row.id: row.state for row in rows})

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

    @property
    def sees_identity(self) -> bool:
        """Whether a complaint's :data:`spec.IDENTITY_FIELDS` reach this user."""
        return self._has(IDENTITY_READERS)

    def hidden_entities(self) -> list[str]:
        """The entities of which this user sees no record at all."""
        return sorted(name for name, roles in ROLE_READERS.items() if not self._has(roles))

    def sees_every(self, entity: str) -> bool:
        """Whether the user sees every record of ``entity``, whatever it holds."""
        if entity in RECORD_RULED:
            return False
        readers = ROLE_READERS.get(entity)
        return readers is None or self._has(readers)

    def sees(self, entity: str, plan_id: str | None, decision_state: str | None) -> bool:
        """Whether the user sees a record (and its ops), judged on the record
        as it is now: ``plan_id`` is a plan's own id or a visit's plan (the
        plan must have been preloaded), ``decision_state`` a decision's state
        (``None``: no such decision yet, seen as a draft)."""
        if entity in (PLAN_ENTITY, VISIT_ENTITY):
            return plan_id is not None and self.sees_plan(self.plans.get(plan_id))
        if entity == "decisions":
            drafted = decision_state in (None, "draft")
            return self._has(spec.DECIDERS if drafted else DECISION_READERS)
        return self.sees_every(entity)

    def render(self, op: Row[Any]) -> str | None:
        """The op as this user may see it, as the JSON of a
        :class:`~server.schemas.PulledOp`; ``None`` if they may not."""
        if not self.sees(op.entity, op.plan_id, self.decision_states.get(op.entity_id)):
            return None
        if op.entity == "complaints" and not self.sees_identity:
            values = json.loads(op.op_json)
            for name in spec.IDENTITY_FIELDS:
                values["changes"].pop(name, None)
            return json.dumps(values)
        text: str = op.op_json
        return text


def pull(db: Session, principal: Principal, since: int, limit: int) -> bytes:
    """The JSON of a :class:`~server.schemas.PullOut`: up to ``limit``
    visible ops after ``since``; the cursor advances past the ops the user
    may not see too, so they are never scanned again."""
    viewer = Viewer(db, principal)
    columns: tuple[Any, ...] = (*_COLUMNS, _op_json(db.get_bind().dialect.name))
    shown: list[str] = []
    cursor = since
    scanned = 0
    batch = max(limit, 100)
    while len(shown) < limit and scanned < MAX_SCAN:
        rows = db.execute(
            select(*columns)
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
