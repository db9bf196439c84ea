"""The directory (机构与人员): agencies, efficiency offices, officials and users.

Administrators keep it; everyone signed in may read it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from desktop.domain.common import Role
from desktop.domain.messages import msg
from desktop.services import auth
from desktop.services.auth import UserSession
from desktop.services.base import Context, InvalidInput, change, get, require_role
from desktop.store.models import Agency, Official, User

AGENCY_KINDS = {"agency": "机关/单位", "office": "效能办"}
LEVELS = {1: "省级", 2: "设区市级", 3: "县（市、区）级", 4: "乡（镇）、街道"}


@dataclass(frozen=True)
class AgencyView:
    id: str
    name: str
    kind: str
    level: int
    parent_id: str | None
    office_id: str | None
    staff_count: int


@dataclass(frozen=True)
class OfficialView:
    id: str
    name: str
    agency_id: str
    position: str
    is_head: bool
    is_office_staff: bool


@dataclass(frozen=True)
class UserView:
    id: str
    username: str
    display_name: str
    roles: frozenset[str]
    office_id: str | None


def create_agency(
    ctx: Context,
    user: UserSession,
    *,
    name: str,
    kind: str,
    level: int,
    parent_id: str | None = None,
    office_id: str | None = None,
    staff_count: int = 0,
) -> str:
    """Add an agency or an efficiency office to the tree (FJ 5: 省、设区的市、县、乡)."""
    auth.touch(ctx, user)
    require_role(user, {Role.ADMINISTRATOR}, msg("维护机构"))
    if not name.strip():
        raise InvalidInput(msg("请填写机构名称"), field="name")
    if kind not in AGENCY_KINDS:
        raise InvalidInput(msg("机构类型应为机关/单位或效能办"), field="kind")
    if level not in LEVELS:
        raise InvalidInput(msg("层级应为 1（省）到 4（乡镇、街道）"), field="level")
    if staff_count < 0:
        raise InvalidInput(msg("工作人员人数不能为负数"), field="staff_count")
    with ctx.transaction() as db:
        if parent_id is not None:
            parent = get(db, Agency, parent_id, msg("上级机构"))
            if parent.level >= level:
                raise InvalidInput(msg("上级机构的层级应高于本机构"), field="parent_id")
        if office_id is not None and get(db, Agency, office_id, msg("效能办")).kind != "office":
            raise InvalidInput(msg("所选机构不是效能办"), field="office_id")
        agency = Agency(
            name=name.strip(),
            kind=kind,
            level=level,
            parent_id=parent_id,
            office_id=office_id,
            profile_id=ctx.profile.id,
            staff_count=staff_count,
        )
        db.add(agency)
        db.flush()
        change(
            ctx,
            db,
            user,
            "agency.create",
            agency,
            {
                "name": agency.name,
                "kind": kind,
                "level": level,
                "parent_id": parent_id,
                "office_id": office_id,
                "profile_id": agency.profile_id,
                "staff_count": staff_count,
            },
            created=True,
        )
        return agency.id


def create_official(
    ctx: Context,
    user: UserSession,
    *,
    name: str,
    agency_id: str,
    position: str = "",
    is_head: bool = False,
    is_office_staff: bool = False,
) -> str:
    """Add an official (机关工作人员) of an agency."""
    auth.touch(ctx, user)
    require_role(user, {Role.ADMINISTRATOR}, msg("维护人员"))
    if not name.strip():
        raise InvalidInput(msg("请填写姓名"), field="name")
    with ctx.transaction() as db:
        get(db, Agency, agency_id, msg("机构"))
        official = Official(
            name=name.strip(),
            agency_id=agency_id,
            position=position.strip(),
            is_head=is_head,
            is_office_staff=is_office_staff,
        )
        db.add(official)
        db.flush()
        change(
            ctx,
            db,
            user,
            "official.create",
            official,
            {
                "name": official.name,
                "agency_id": agency_id,
                "position": official.position,
                "is_head": is_head,
                "is_office_staff": is_office_staff,
            },
            created=True,
        )
        return official.id


def list_agencies(ctx: Context, user: UserSession) -> list[AgencyView]:
    """Every agency and office under this laptop's rule profile, by level then name."""
    auth.touch(ctx, user)
    with ctx.transaction() as db:
        rows = db.scalars(
            select(Agency)
            .where(Agency.profile_id == ctx.profile.id)
            .order_by(Agency.level, Agency.name)
        )
        return [
            AgencyView(a.id, a.name, a.kind, a.level, a.parent_id, a.office_id, a.staff_count)
            for a in rows
        ]


def list_officials(ctx: Context, user: UserSession, agency_id: str) -> list[OfficialView]:
    """The officials of one agency."""
    auth.touch(ctx, user)
    with ctx.transaction() as db:
        rows = db.scalars(
            select(Official).where(Official.agency_id == agency_id).order_by(Official.name)
        )
        return [
            OfficialView(o.id, o.name, o.agency_id, o.position, o.is_head, o.is_office_staff)
            for o in rows
        ]


def list_users(ctx: Context, user: UserSession, role: Role | None = None) -> list[UserView]:
    """Active users, optionally only those holding ``role`` (e.g. for the team picker)."""
    auth.touch(ctx, user)
    with ctx.transaction() as db:
        rows = db.scalars(select(User).where(User.active.is_(True)).order_by(User.username))
        return [
            UserView(u.id, u.username, u.display_name, u.role_names, u.office_id)
            for u in rows
            if role is None or role.value in u.role_names
        ]
