"""The main window (主窗口): navigation on the left, one page at a time on the right.

Pages are built the first time they are shown, so the window is usable at
once. A page the signed-in user's roles cannot use is not offered (the
services refuse it anyway). The window remembers its size, splitter and last
page (QSettings). An idle session locks (``auth.ensure_unlocked``); the
unlock dialog asks the same user's password.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEvent,
    QObject,
    QSettings,
    Qt,
    QTimer,
)
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from desktop.domain.common import Role
from desktop.services import auth
from desktop.services.auth import SessionLocked, UserSession
from desktop.services.base import Context
from desktop.ui.i18n import QT_TRANSLATE_NOOP, tr_data

ALL = frozenset(Role)
NAV_WIDTH = 132  # at least; wider when a (translated) title needs it,
NAV_MAX_WIDTH = 176  # up to this; longer titles wrap
NAV_PADDING = 40  # the items' left and right padding, and a little air
NAV_STYLE = """
QListWidget { background: #1f3a5f; color: #e8eef6; font-size: 11pt; outline: 0; }
QListWidget::item { padding: 10px 16px; }
QListWidget::item:selected { background: #b22222; color: white; }
QListWidget::item:hover:!selected { background: #2c4f7c; }
"""
OFFICE = frozenset({Role.INSPECTOR, Role.SUPERVISOR, Role.OFFICE_HEAD})


@dataclass(frozen=True)
class PageSpec:
    """A navigation entry: key, Chinese title, module holding ``Page``, roles that see it."""

    key: str
    title: str
    module: str
    roles: frozenset[Role]


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


PAGES = (
    PageSpec(
        "dashboard", QT_TRANSLATE_NOOP("MainWindow", "工作台"), "desktop.ui.pages.dashboard", ALL
    ),
    PageSpec(
        "plans", QT_TRANSLATE_NOOP("MainWindow", "督查方案"), "desktop.ui.pages.plans", OFFICE
    ),
    PageSpec(
        "visits", QT_TRANSLATE_NOOP("MainWindow", "现场检查"), "desktop.ui.pages.visits", OFFICE
    ),
    PageSpec(
        "complaints",
        QT_TRANSLATE_NOOP("MainWindow", "效能投诉"),
        "desktop.ui.pages.complaints",
        frozenset({Role.COMPLAINT_HANDLER, Role.SUPERVISOR, Role.OFFICE_HEAD}),
    ),
    PageSpec(
        "decisions",
        QT_TRANSLATE_NOOP("MainWindow", "问责与申诉"),
        "desktop.ui.pages.decisions",
        OFFICE | {Role.COMPLAINT_HANDLER},
    ),
    PageSpec(
        "documents",
        QT_TRANSLATE_NOOP("MainWindow", "文书"),
        "desktop.ui.pages.documents",
        OFFICE | {Role.COMPLAINT_HANDLER},
    ),
    PageSpec("sync", QT_TRANSLATE_NOOP("MainWindow", "同步"), "desktop.ui.pages.sync", ALL),
    PageSpec("settings", QT_TRANSLATE_NOOP("MainWindow", "设置"), "desktop.ui.pages.settings", ALL),
)


class _ActivityFilter(QObject):
    """Notes keyboard and mouse activity for the idle lock (cheap: no DB)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress):
            session = self.window.session
            if not session.locked:
                session.last_activity = self.window.ctx.now()
        return False


class MainWindow(QMainWindow):
    """Navigation and pages for one signed-in user."""

    def __init__(
        self,
        ctx: Context,
        session: UserSession,
        unlock: Callable[[UserSession], bool] | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.session = session
        self.unlock = unlock
        self.setWindowTitle(
            self.tr("效能督查 — {name}（{profile}）").format(
                name=session.display_name, profile=tr_data(ctx.profile.name)
            )
        )
        self.resize(1280, 800)
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(NAV_WIDTH)
        self.nav.setStyleSheet(NAV_STYLE)
        self.nav.setFrameShape(QFrame.Shape.NoFrame)
        self.stack = QStackedWidget(self)
        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.specs = [p for p in PAGES if session.roles & p.roles]
        self.pages: dict[str, QWidget] = {}
        for spec in self.specs:
            item = QListWidgetItem(tr(spec.title), self.nav)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            placeholder = QLabel(self.stack)
            self.stack.addWidget(placeholder)
        self.nav.ensurePolished()  # the style sheet's font, to measure the titles
        metrics = self.nav.fontMetrics()
        widest = max((metrics.horizontalAdvance(tr(s.title)) for s in self.specs), default=0)
        self.nav.setFixedWidth(max(NAV_WIDTH, min(widest + NAV_PADDING, NAV_MAX_WIDTH)))
        self.nav.setWordWrap(True)
        self.nav.currentRowChanged.connect(self.show_row)
        user = QLabel(self.tr("当前用户：{name}").format(name=session.display_name), self)
        self.statusBar().addPermanentWidget(user)
        self.restore_state()
        self.activity = _ActivityFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.activity)
        self.lock_timer = QTimer(self)
        self.lock_timer.setInterval(30_000)
        self.lock_timer.timeout.connect(self.check_lock)
        self.lock_timer.start()

    # ----------------------------------------------------------------- pages

    def page_keys(self) -> list[str]:
        """The keys of the pages offered to this user, in order."""
        return [s.key for s in self.specs]

    def show_page(self, key: str) -> QWidget:
        """Show page ``key`` (building it on first use) and return it."""
        row = self.page_keys().index(key)
        self.nav.setCurrentRow(row)
        return self.pages[key]

    def show_row(self, row: int) -> None:
        if row < 0:
            return
        spec = self.specs[row]
        if spec.key not in self.pages:
            module = importlib.import_module(spec.module)
            page = module.Page(self.ctx, self.session, self)
            page.setObjectName(f"page_{spec.key}")
            old = self.stack.widget(row)
            self.stack.insertWidget(row, page)
            if old is not None:
                self.stack.removeWidget(old)
                old.deleteLater()
            self.pages[spec.key] = page
        self.stack.setCurrentIndex(row)
        refresh = getattr(self.pages[spec.key], "refresh", None)
        if callable(refresh):
            refresh()

    # ------------------------------------------------------------ idle lock

    def check_lock(self) -> None:
        """Lock when idle; ask for the password to go on, or close."""
        try:
            auth.ensure_unlocked(self.ctx, self.session)
        except SessionLocked:
            for page in self.pages.values():  # pages drop what they show in clear
                on_lock = getattr(page, "on_lock", None)
                if callable(on_lock):
                    on_lock()
            if self.unlock is None or not self.unlock(self.session):
                self.close()

    # ---------------------------------------------------------------- state

    def settings(self) -> QSettings:
        return QSettings()

    def restore_state(self) -> None:
        settings = self.settings()
        geometry = settings.value("main/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        last = settings.value("main/page", "dashboard")
        keys = self.page_keys()
        self.show_page(last if last in keys else keys[0])

    def save_state(self) -> None:
        settings = self.settings()
        settings.setValue("main/geometry", self.saveGeometry())
        row = self.nav.currentRow()
        if row >= 0:
            settings.setValue("main/page", self.specs[row].key)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.activity)
        super().closeEvent(event)
