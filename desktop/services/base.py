"""What every service shares: the context, the errors, and :func:`change`, which
writes a record's audit entry and its sync operation in the caller's transaction.

Pattern for a service::

    def submit_plan(ctx, user, plan_id):
        with ctx.transaction() as db:          # one transaction, all or nothing
            plan = get(db, InspectionPlan, plan_id)
            require(check_transition(...))     # domain rule
            plan.state = ...                   # the record
            change(ctx, db, user, "plan.submit", plan, {"state": plan.state})
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from desktop.domain.common import Role
from desktop.domain.messages import msg
from desktop.domain.profile import RuleProfile

# The errors live in a SQL-free module; services import them from here too.
from desktop.services.errors import (
    Forbidden as Forbidden,
    InvalidInput as InvalidInput,
    NotFound as NotFound,
    ServiceError as ServiceError,
)
from desktop.store import audit
from desktop.store.db import Store
from desktop.store.hlc import Hlc, tick
from desktop.store.ids import new_id
from desktop.store.models import Base, OutboxOp, Setting, User

R = TypeVar("R", bound=Base)


@dataclass
class Context:
    """The open store plus who and where we are: device, rule profile, clock."""

    store: Store
    device_id: str
    profile: RuleProfile
    clock: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now(dt.UTC))
    _hlc: Hlc | None = None

    def now(self) -> dt.datetime:
        return self.clock()

    def today(self) -> dt.date:
        """Today's date in China (UTC+8), where the deadlines run."""
        return (self.clock() + dt.timedelta(hours=8)).date()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One transaction: commits at the end, rolls everything back on any error."""
        with self.store.sessions.begin() as db:
            yield db

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A plain connection for read-only queries (lists): no ORM session."""
        with self.store.engine.connect() as conn:
            yield conn

    def next_hlc(self, db: Session) -> Hlc:
        """The next stamp of this device's clock, persisted with the transaction."""
        if self._hlc is None:
            saved = db.get(Setting, "hlc")
            self._hlc = Hlc.parse(saved.value) if saved else None
        stamp = tick(self._hlc, int(self.now().timestamp() * 1000), self.device_id)
        db.merge(Setting(key="hlc", value=str(stamp)))
        self._hlc = stamp
        return stamp


class Actor(Protocol):
    """What a service needs to know about the signed-in user."""

    user_id: str
    roles: frozenset[Role]


def contains_pattern(text: str) -> str:
    """A LIKE pattern (with ``escape="\\"``) matching ``text`` anywhere, taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def require_role(actor: Actor, allowed: Collection[Role], what: str) -> None:
    """Refuse unless the user holds one of ``allowed`` roles; ``what`` names the
    action (a message, e.g. ``msg("签发问责决定")``)."""
    if not actor.roles & set(allowed):
        raise Forbidden(msg("当前用户无权{action}", action=what))


def get(db: Session, model: type[R], record_id: str, what: str) -> R:
    """The record, or a clear :class:`NotFound`; ``what`` names the kind of record
    (a message, e.g. ``msg("问责决定")``)."""
    record = db.get(model, record_id)
    if record is None:
        raise NotFound(msg("找不到该{record}（{id}）", record=what, id=record_id))
    return record


def display_names(db: Session, user_ids: Iterable[str | None]) -> dict[str, str]:
    """Each known user's display name, by id (``None`` and unknown ids left out)."""
    wanted = {i for i in user_ids if i}
    if not wanted:
        return {}
    rows = db.execute(select(User.id, User.display_name).where(User.id.in_(wanted)))
    return {user_id: name for user_id, name in rows}


def change(
    ctx: Context,
    db: Session,
    actor: Actor | None,
    action: str,
    record: Any,
    changes: dict[str, Any],
    audit_details: dict[str, Any] | None = None,
    created: bool = False,
) -> OutboxOp:
    """Record a change already made to ``record``: bump its version, append the
    audit entry and queue the sync operation, all in ``db``'s transaction.

    ``changes`` holds the new field values as JSON-able data (identity only as
    ciphertext, base64). ``audit_details`` defaults to the changed field names.
    """
    entity = record.__tablename__
    base_version = 0 if created else record.version
    if not created:
        record.version = base_version + 1
    if hasattr(record, "updated_at"):
        record.updated_at = ctx.now()
    db.flush()
    user_id = actor.user_id if actor else None
    audit.append(
        db,
        at=ctx.now(),
        device_id=ctx.device_id,
        user_id=user_id,
        action=action,
        entity=entity,
        entity_id=record.id,
        details=audit_details if audit_details is not None else {"fields": sorted(changes)},
    )
    op = OutboxOp(
        op_id=new_id(),
        entity=entity,
        entity_id=record.id,
        action=action,
        changes=changes,
        base_version=base_version,
        hlc=str(ctx.next_hlc(db)),
        device_id=ctx.device_id,
        user_id=user_id,
        created_at=ctx.now(),
    )
    db.add(op)
    db.flush()
    return op
