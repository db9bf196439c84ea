"""同步: what waits to be sent to the central server, and what it refused.

The server connection itself comes with the sync issue; until an address is
set the laptop works alone and keeps every change in its outbox.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.services import settings
from desktop.services.auth import UserSession
from desktop.services.base import Context

ENTITY_NAMES = {
    "inspection_plans": "督查方案",
    "visits": "检查记录",
    "complaints": "效能投诉",
    "decisions": "问责决定",
    "appeals": "申诉",
    "rectifications": "整改",
    "agencies": "机构",
    "officials": "人员",
    "users": "用户",
    "key_material": "密钥",
    "performance_ratings": "绩效考评",
}


class Page(QWidget):
    def __init__(self, ctx: Context, session: UserSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        layout = QVBoxLayout(self)
        self.server = QLabel(self)
        self.pending = QLabel(self)
        self.pending.setObjectName("pending")
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        for label in (self.server, self.pending, self.details):
            layout.addWidget(label)
        layout.addStretch(1)

    def refresh(self) -> None:
        current = settings.get_settings(self.ctx, self.session)
        summary = settings.outbox_summary(self.ctx, self.session)
        self.server.setText(
            self.tr("中心服务器：{url}").format(url=current.server_url)
            if current.server_url
            else self.tr("中心服务器：未设置（本机单独工作，所有更改保存在本机待发送）")
        )
        self.pending.setText(
            self.tr("待发送的更改：{n} 项；服务器退回待处理：{r} 项").format(
                n=summary.pending, r=summary.rejected
            )
        )
        parts = [
            f"{self.tr(ENTITY_NAMES.get(e, e))} {n}" for e, n in sorted(summary.by_entity.items())
        ]
        self.details.setText("；".join(parts))
