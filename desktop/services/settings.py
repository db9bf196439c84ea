"""Local settings (设置) a user or administrator changes from the 设置 page."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.common import Role
from desktop.domain.messages import msg
from desktop.resources import profile_ids
from desktop.services import auth
from desktop.services.auth import UserSession
from desktop.services.base import Context, InvalidInput, require_role
from desktop.store import audit
from desktop.store.models import Setting


@dataclass(frozen=True)
class LocalSettings:
    """What the settings page shows."""

    profile_id: str
    idle_lock_minutes: int
    server_url: str
    data_dir: str


def get_settings(ctx: Context, user: UserSession) -> LocalSettings:
    auth.touch(ctx, user)
    with ctx.transaction() as db:
        server = db.get(Setting, "server_url")
        return LocalSettings(
            profile_id=ctx.profile.id,
            idle_lock_minutes=auth.idle_minutes(db),
            server_url=server.value if server else "",
            data_dir=str(ctx.store.data_dir),
        )


def set_profile(ctx: Context, user: UserSession, profile_id: str) -> None:
    """Choose this laptop's rule profile (administrator; applied at the next start)."""
    auth.touch(ctx, user)
    require_role(user, {Role.ADMINISTRATOR}, msg("更改规则配置"))
    if profile_id not in profile_ids():
        raise InvalidInput(msg("未知的规则配置"), field="profile_id")
    with ctx.transaction() as db:
        db.merge(Setting(key="profile_id", value=profile_id))
        audit.append(
            db,
            at=ctx.now(),
            device_id=ctx.device_id,
            user_id=user.user_id,
            action="settings.profile_id",
            entity="settings",
            entity_id="profile_id",
            details={"profile_id": profile_id},
        )
