"""Visits (检查/调查/暗访记录): opening and finalising a visit with two inspectors
present, the record of what was found, and the evidence (证据).

The two-inspector rule (MAS 15 第五款): a visit is opened and finalised only
when at least two members of the plan's team confirm their presence, each
with their own username and password typed on this laptop
(:func:`desktop.services.auth.confirm_password`); the signed-in inspector must
be one of them. The rule itself (how many, team only, identity shown unless
暗访, plan approved) is ``desktop.domain.inspections``.

Evidence files are stored beside the database, content-addressed:
``<evidence_dir>/<sha256[:2]>/<sha256>``. A file is copied to a temporary
file in that folder and renamed into place (``os.replace``), so a crash
leaves either the whole file or none. The file is written before the
database transaction commits: if the commit fails the file stays as an
unreferenced blob (harmless; a later clean-up may remove it), never the
other way round (a record pointing to a missing file).

A visit follows its plan's visibility: a visit of a plan the user may not
see is answered with :class:`NotFound`.

Sync operations (``changes``) use the column names of ``visits``;
``presence`` and ``evidence`` hold the ``visit_presence`` / ``evidence``
rows *added* by that action.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.common import Role, require
from desktop.domain.inspections import VisitFacts, check_visit_finalise, check_visit_open
from desktop.domain.messages import msg
from desktop.domain.plans import PlanAction, PlanState
from desktop.services import auth
from desktop.services.auth import UserSession
from desktop.services.base import (
    Context,
    Forbidden,
    InvalidInput,
    NotFound,
    ServiceError,
    change,
    display_names,
    require_role,
)
from desktop.services.plans import apply_plan_action, load_visible_plan
from desktop.store.models import Evidence, InspectionPlan, User, Visit, VisitPresence

__all__ = [
    "EVIDENCE_KINDS",
    "EvidenceView",
    "PresenceView",
    "VisitFinalised",
    "VisitView",
    "add_evidence",
    "can_edit_visit",
    "can_open_visit",
    "evidence_path",
    "finalise_visit",
    "get_visit",
    "list_visits",
    "open_visit",
    "update_visit",
    "verify_evidence",
]

EVIDENCE_KINDS: Final = ("photo", "scan", "audio", "other")
"""Kinds of evidence (照片 / 扫描件 / 录音 / 其他)."""

OPEN: Final = "open"
FINALISED: Final = "finalised"
PLACE_MAX = 200
FILENAME_MAX = 255
_CHUNK = 1 << 20
_SHA256 = re.compile(r"[0-9a-f]{64}")
_TEXT_FIELDS: Final = (
    "observations",
    "documents_requested",
    "documents_copied",
    "explanations_demanded",
    "interviews",
)


class VisitFinalised(ServiceError):
    """The visit record is finalised and can no longer change."""

    code = "visit.finalised"


# ------------------------------------------------------------------- views


@dataclass(frozen=True)
class PresenceView:
    """One inspector's confirmation of presence (到场确认)."""

    user_id: str
    display_name: str
    stage: str  # open | finalise
    confirmed_at: dt.datetime


@dataclass(frozen=True)
class EvidenceView:
    """One piece of evidence (证据)."""

    id: str
    kind: str
    filename: str
    sha256: str
    size: int
    added_by: str
    added_at: dt.datetime


@dataclass(frozen=True)
class VisitView:
    """A visit record as the UI shows it."""

    id: str
    plan_id: str
    visited_on: dt.date
    place: str
    announced: bool
    identity_shown: bool
    observations: str
    documents_requested: str
    documents_copied: str
    explanations_demanded: str
    interviews: str
    state: str  # open | finalised
    presence: tuple[PresenceView, ...]
    evidence: tuple[EvidenceView, ...]
    version: int
    updated_at: dt.datetime


# ----------------------------------------------------------------- helpers


def evidence_path(ctx: Context, sha256: str) -> Path:
    """Where the file with this SHA-256 is kept."""
    if not _SHA256.fullmatch(sha256):
        raise ValueError("not a SHA-256 hex digest")
    return ctx.store.evidence_dir / sha256[:2] / sha256


def _confirm(
    ctx: Context,
    db: Session,
    user: UserSession,
    confirmations: Sequence[tuple[str, str]],
) -> dict[str, User]:
    """Check every (username, password); the confirmed users by id.

    A wrong password raises :class:`auth.SignInFailed` (field ``password``,
    naming the username). The signed-in user must have confirmed too.
    """
    if isinstance(confirmations, str | bytes):
        raise InvalidInput(msg("在场确认应为（用户名，密码）列表"), field="confirmations")
    confirmed: dict[str, User] = {}
    for item in confirmations:
        if not isinstance(item, tuple | list) or len(item) != 2:
            raise InvalidInput(msg("在场确认应为（用户名，密码）列表"), field="confirmations")
        username, password = item
        person = auth.confirm_password(ctx, db, username, password)
        confirmed[person.id] = person
    if user.user_id not in confirmed:
        raise InvalidInput(
            msg("{name}：当前登录的督查人员本人也须输入密码确认在场", name=user.display_name),
            field="confirmations",
        )
    return confirmed


def _facts(
    plan: InspectionPlan,
    announced: bool,
    identity_shown: bool,
    confirmed: dict[str, User],
) -> VisitFacts:
    return VisitFacts(
        plan_state=PlanState(plan.state),
        plan_team_ids=plan.team_ids,
        announced=announced,
        identity_shown=identity_shown,
        confirmed_inspector_ids=frozenset(confirmed),
    )


def _presence_rows(rows: Sequence[VisitPresence]) -> list[dict[str, Any]]:
    return [
        {
            "visit_id": p.visit_id,
            "user_id": p.user_id,
            "stage": p.stage,
            "confirmed_at": p.confirmed_at.isoformat(),
        }
        for p in rows
    ]


def _load_visit(
    ctx: Context, db: Session, user: UserSession, visit_id: str
) -> tuple[Visit, InspectionPlan]:
    """The visit and its plan, if the user may see the plan; else NotFound."""
    visit = db.get(Visit, visit_id)
    if visit is None:
        raise NotFound(msg("找不到该检查记录（{id}）", id=visit_id))
    try:
        plan = load_visible_plan(ctx, db, user, visit.plan_id)
    except NotFound:
        raise NotFound(msg("找不到该检查记录（{id}）", id=visit_id)) from None
    return visit, plan


def _require_team_member(user: UserSession, plan: InspectionPlan) -> None:
    if user.user_id not in plan.team_ids:
        raise Forbidden(msg("只有本方案督查组成员可以修改检查记录"))


def _require_open(visit: Visit) -> None:
    if visit.state != OPEN:
        raise VisitFinalised(msg("检查记录已完成，不能再修改"))


# ------------------------------------------------------------------ actions


def open_visit(
    ctx: Context,
    user: UserSession,
    plan_id: str,
    *,
    visited_on: dt.date,
    place: str,
    announced: bool,
    identity_shown: bool,
    confirmations: Sequence[tuple[str, str]],
) -> str:
    """Open a visit record (开始检查) under an approved plan; returns its id.

    ``confirmations`` are the (username, password) pairs of the inspectors
    present, the signed-in inspector among them. Refused unless at least the
    profile's minimum of distinct team members confirmed, the plan is approved
    or in progress, and (unless 暗访) identity was shown (MAS 15 第五款,
    MAS 14（七）). The first visit of an approved plan also starts the plan.
    Nothing is written when anything is refused.
    """
    auth.touch(ctx, user)
    require_role(user, {Role.INSPECTOR}, msg("开始检查记录"))
    if isinstance(visited_on, dt.datetime) or not isinstance(visited_on, dt.date):
        raise InvalidInput(msg("请填写检查日期"), field="visited_on")
    if visited_on > ctx.today():
        raise InvalidInput(msg("检查日期不能晚于今天"), field="visited_on")
    clean_place = place.strip()
    if not clean_place:
        raise InvalidInput(msg("请填写检查地点"), field="place")
    if len(clean_place) > PLACE_MAX:
        raise InvalidInput(msg("检查地点不能超过 {limit} 个字", limit=PLACE_MAX), field="place")
    with ctx.transaction() as db:
        plan = load_visible_plan(ctx, db, user, plan_id)
        confirmed = _confirm(ctx, db, user, confirmations)
        names = {uid: person.display_name for uid, person in confirmed.items()}
        require(
            check_visit_open(
                _facts(plan, bool(announced), bool(identity_shown), confirmed),
                ctx.profile,
                names=names,
            )
        )
        if plan.state == PlanState.APPROVED.value:
            apply_plan_action(ctx, db, user, plan, PlanAction.START)
        now = ctx.now()
        visit = Visit(
            plan_id=plan.id,
            visited_on=visited_on,
            place=clean_place,
            announced=bool(announced),
            identity_shown=bool(identity_shown),
            state=OPEN,
            updated_at=now,
            presence=[
                VisitPresence(user_id=uid, stage="open", confirmed_at=now) for uid in confirmed
            ],
        )
        db.add(visit)
        db.flush()
        change(
            ctx,
            db,
            user,
            "visit.open",
            visit,
            {
                "plan_id": visit.plan_id,
                "visited_on": visit.visited_on.isoformat(),
                "place": visit.place,
                "announced": visit.announced,
                "identity_shown": visit.identity_shown,
                "state": visit.state,
                "presence": _presence_rows(visit.presence),
            },
            audit_details={
                "fields": ["announced", "identity_shown", "place", "plan_id", "presence"],
                "present": sorted(confirmed),
            },
            created=True,
        )
        return visit.id


def update_visit(
    ctx: Context,
    user: UserSession,
    visit_id: str,
    *,
    observations: str | None = None,
    documents_requested: str | None = None,
    documents_copied: str | None = None,
    explanations_demanded: str | None = None,
    interviews: str | None = None,
) -> None:
    """Write what was found (MAS 14（一）（二）): observations, documents asked for
    and copied, explanations demanded, interviews. ``None`` leaves a field
    unchanged. Team members only, open visits only."""
    auth.touch(ctx, user)
    require_role(user, {Role.INSPECTOR}, msg("修改检查记录"))
    given = {
        "observations": observations,
        "documents_requested": documents_requested,
        "documents_copied": documents_copied,
        "explanations_demanded": explanations_demanded,
        "interviews": interviews,
    }
    for name, value in given.items():
        if value is not None and not isinstance(value, str):
            raise InvalidInput(msg("应填写文字"), field=name)
    with ctx.transaction() as db:
        visit, plan = _load_visit(ctx, db, user, visit_id)
        _require_team_member(user, plan)
        _require_open(visit)
        changes: dict[str, Any] = {}
        for name in _TEXT_FIELDS:
            value = given[name]
            if value is not None and getattr(visit, name) != value:
                setattr(visit, name, value)
                changes[name] = value
        if not changes:
            return
        change(ctx, db, user, "visit.update", visit, changes)


def _hash_file(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _store_file(ctx: Context, source: Path) -> tuple[str, int]:
    """Copy ``source`` into the evidence store by its hash; (sha256, size).

    The copy goes to a temporary file in the target folder, is checked
    against the hash, flushed to disk and renamed into place.
    """
    sha, size = _hash_file(source)
    target = evidence_path(ctx, sha)
    if target.is_file() and _hash_file(target) == (sha, size):
        return sha, size  # the same content is already stored
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{sha[:8]}-", suffix=".part")
    temp = Path(temp_name)
    try:
        digest = hashlib.sha256()
        copied = 0
        with os.fdopen(fd, "wb") as out, source.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                out.write(chunk)
                digest.update(chunk)
                copied += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        if (digest.hexdigest(), copied) != (sha, size):
            raise InvalidInput(msg("文件在复制过程中被修改，请重新添加"), field="source_path")
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return sha, size


def add_evidence(
    ctx: Context,
    user: UserSession,
    visit_id: str,
    source_path: Path,
    kind: str,
) -> str:
    """Add a file as evidence to an open visit (team members); returns its id.

    The file is copied into the evidence store by its SHA-256; the record keeps
    the original file name, the size and the hash.
    """
    auth.touch(ctx, user)
    require_role(user, {Role.INSPECTOR}, msg("添加证据"))
    if kind not in EVIDENCE_KINDS:
        raise InvalidInput(msg("证据类型应为照片、扫描件、录音或其他"), field="kind")
    source = Path(source_path)
    if not source.is_file():
        raise InvalidInput(msg("找不到文件：{name}", name=source.name), field="source_path")
    with ctx.transaction() as db:
        visit, plan = _load_visit(ctx, db, user, visit_id)
        _require_team_member(user, plan)
        _require_open(visit)
        try:
            sha, size = _store_file(ctx, source)
        except OSError as exc:
            raise InvalidInput(
                msg(
                    "无法读取或保存文件：{name}（{reason}）",
                    name=source.name,
                    reason=exc.strerror or str(exc),
                ),
                field="source_path",
            ) from exc
        item = Evidence(
            visit_id=visit.id,
            kind=kind,
            filename=source.name[:FILENAME_MAX],
            sha256=sha,
            size=size,
            added_by=user.user_id,
            added_at=ctx.now(),
        )
        visit.evidence.append(item)
        db.flush()
        change(
            ctx,
            db,
            user,
            "visit.add_evidence",
            visit,
            {
                "evidence": [
                    {
                        "id": item.id,
                        "visit_id": item.visit_id,
                        "kind": item.kind,
                        "filename": item.filename,
                        "sha256": item.sha256,
                        "size": item.size,
                        "added_by": item.added_by,
                        "added_at": item.added_at.isoformat(),
                    }
                ]
            },
            audit_details={"fields": ["evidence"], "evidence_id": item.id, "sha256": sha},
        )
        return item.id


def verify_evidence(ctx: Context, user: UserSession, visit_id: str) -> list[str]:
    """The ids of the visit's evidence whose file is missing or no longer
    matches its recorded SHA-256 and size (tampered or damaged)."""
    auth.touch(ctx, user)
    with ctx.transaction() as db:
        visit, _plan = _load_visit(ctx, db, user, visit_id)
        items = [(e.id, e.sha256, e.size) for e in visit.evidence]
    bad: list[str] = []
    for evidence_id, sha, size in items:
        try:
            path = evidence_path(ctx, sha)
            ok = path.is_file() and _hash_file(path) == (sha, size)
        except (OSError, ValueError):
            ok = False
        if not ok:
            bad.append(evidence_id)
    return bad


def finalise_visit(
    ctx: Context,
    user: UserSession,
    visit_id: str,
    confirmations: Sequence[tuple[str, str]],
) -> None:
    """Finalise the visit record (完成检查记录): the inspectors present confirm
    again with their own passwords (MAS 15 第五款); afterwards it is read-only."""
    auth.touch(ctx, user)
    require_role(user, {Role.INSPECTOR}, msg("完成检查记录"))
    with ctx.transaction() as db:
        visit, plan = _load_visit(ctx, db, user, visit_id)
        _require_open(visit)
        confirmed = _confirm(ctx, db, user, confirmations)
        names = {uid: person.display_name for uid, person in confirmed.items()}
        require(
            check_visit_finalise(
                _facts(plan, visit.announced, visit.identity_shown, confirmed),
                ctx.profile,
                names=names,
            )
        )
        now = ctx.now()
        added = [
            VisitPresence(user_id=uid, stage="finalise", confirmed_at=now) for uid in confirmed
        ]
        visit.presence.extend(added)
        visit.state = FINALISED
        db.flush()
        change(
            ctx,
            db,
            user,
            "visit.finalise",
            visit,
            {"state": visit.state, "presence": _presence_rows(added)},
            audit_details={"fields": ["presence", "state"], "present": sorted(confirmed)},
        )


# ------------------------------------------------------------------ reading


def _view(db: Session, visit: Visit) -> VisitView:
    names = display_names(db, (p.user_id for p in visit.presence))
    return VisitView(
        id=visit.id,
        plan_id=visit.plan_id,
        visited_on=visit.visited_on,
        place=visit.place,
        announced=visit.announced,
        identity_shown=visit.identity_shown,
        observations=visit.observations,
        documents_requested=visit.documents_requested,
        documents_copied=visit.documents_copied,
        explanations_demanded=visit.explanations_demanded,
        interviews=visit.interviews,
        state=visit.state,
        # In the order they confirmed; those who confirmed together, by name.
        presence=tuple(
            sorted(
                (
                    PresenceView(
                        p.user_id, names.get(p.user_id, p.user_id), p.stage, p.confirmed_at
                    )
                    for p in visit.presence
                ),
                key=lambda v: (v.confirmed_at, v.display_name),
            )
        ),
        evidence=tuple(
            EvidenceView(e.id, e.kind, e.filename, e.sha256, e.size, e.added_by, e.added_at)
            for e in visit.evidence
        ),
        version=visit.version,
        updated_at=visit.updated_at,
    )


def get_visit(ctx: Context, user: UserSession, visit_id: str) -> VisitView:
    """One visit record, if the user may see its plan (otherwise NotFound)."""
    auth.touch(ctx, user)
    with ctx.transaction() as db:
        visit, _plan = _load_visit(ctx, db, user, visit_id)
        return _view(db, visit)


def list_visits(ctx: Context, user: UserSession, plan_id: str) -> list[VisitView]:
    """The visits of a plan the user may see, oldest first."""
    auth.touch(ctx, user)
    with ctx.transaction() as db:
        plan = load_visible_plan(ctx, db, user, plan_id)
        visits = db.scalars(
            select(Visit).where(Visit.plan_id == plan.id).order_by(Visit.visited_on, Visit.id)
        )
        return [_view(db, v) for v in visits]


def can_open_visit(ctx: Context, user: UserSession, plan_id: str) -> bool:
    """Whether the UI may offer opening a visit under the plan (开始检查): an
    inspector on the plan's team, the plan approved or in progress. The
    confirmations are still checked by :func:`open_visit`."""
    auth.touch(ctx, user)
    if Role.INSPECTOR not in user.roles:
        return False
    with ctx.transaction() as db:
        plan = load_visible_plan(ctx, db, user, plan_id)
        running = plan.state in (PlanState.APPROVED.value, PlanState.IN_PROGRESS.value)
        return running and user.user_id in plan.team_ids


def can_edit_visit(ctx: Context, user: UserSession, visit_id: str) -> bool:
    """Whether the UI may offer changing the visit record, adding evidence and
    finalising it: an inspector on the plan's team, the visit still open."""
    auth.touch(ctx, user)
    if Role.INSPECTOR not in user.roles:
        return False
    with ctx.transaction() as db:
        visit, plan = _load_visit(ctx, db, user, visit_id)
        return visit.state == OPEN and user.user_id in plan.team_ids
