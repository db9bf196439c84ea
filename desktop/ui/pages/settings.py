"""设置: language, idle lock, rule profile, the holiday calendar's coverage and
where the data lives."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.calendar import default_calendar
from desktop.domain.common import Role
from desktop.resources import load_profile, profile_ids
from desktop.services import settings
from desktop.services.auth import UserSession, set_idle_minutes
from desktop.services.base import Context, ServiceError
from desktop.ui.fields import FieldForm
from desktop.ui.i18n import LANGUAGES, save_language, saved_language


class Page(QWidget):
    """The settings page; administrator-only parts are not offered to others."""

    def __init__(self, ctx: Context, session: UserSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        admin = Role.ADMINISTRATOR in session.roles
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        column = QWidget(self)
        column.setMaximumWidth(720)
        outer.addWidget(column)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)

        ui = QGroupBox(self.tr("界面"), column)
        ui_layout = QVBoxLayout(ui)
        self.ui_form = FieldForm(ui)
        self.language = QComboBox(ui)
        self.language.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(list(LANGUAGES).index(saved_language()))
        self.ui_form.add("language", self.tr("语言"), self.language)
        ui_layout.addWidget(self.ui_form)
        save_ui = QPushButton(self.tr("保存界面设置"), ui)
        save_ui.clicked.connect(self.save_language)
        ui_layout.addWidget(save_ui)
        self.ui_note = QLabel(ui)
        ui_layout.addWidget(self.ui_note)
        layout.addWidget(ui)

        office = QGroupBox(self.tr("本机设置"), column)
        office_layout = QVBoxLayout(office)
        self.form = FieldForm(office)
        self.idle = QSpinBox(office)
        self.idle.setObjectName("idle_lock_minutes")
        self.idle.setRange(0, 999)
        self.idle.setSuffix(self.tr(" 分钟"))
        self.profile = QComboBox(office)
        self.profile.setObjectName("profile_id")
        for pid in profile_ids():
            self.profile.addItem(load_profile(pid).name, pid)
        self.form.add("idle_lock_minutes", self.tr("无操作自动锁定"), self.idle)
        self.form.add("profile_id", self.tr("规则配置"), self.profile)
        office_layout.addWidget(self.form)
        self.save_office = QPushButton(self.tr("保存本机设置"), office)
        self.save_office.setObjectName("save_office")
        self.save_office.clicked.connect(self.save)
        office_layout.addWidget(self.save_office)
        self.note = QLabel(office)
        self.note.setWordWrap(True)
        office_layout.addWidget(self.note)
        for widget in (self.idle, self.profile, self.save_office):
            widget.setEnabled(admin)
        if not admin:
            self.note.setText(self.tr("只有管理员可以修改本机设置。"))
        layout.addWidget(office)

        self.calendar = QLabel(column)
        self.calendar.setWordWrap(True)
        layout.addWidget(self.calendar)
        self.data = QLabel(column)
        self.data.setWordWrap(True)
        layout.addWidget(self.data)
        outer.addStretch(1)

    def refresh(self) -> None:
        current = settings.get_settings(self.ctx, self.session)
        self.idle.setValue(current.idle_lock_minutes)
        self.profile.setCurrentIndex(max(0, self.profile.findData(current.profile_id)))
        years = sorted(default_calendar().covered_years)
        next_year = self.ctx.today().year + 1
        text = self.tr("节假日安排已录入：{first}–{last} 年。").format(
            first=years[0], last=years[-1]
        )
        if next_year not in years:
            text += self.tr(
                "{year} 年的安排尚未录入：该年的期限仅按周末推算，"
                "国务院公布后请管理员补充节假日表。"
            ).format(year=next_year)
        self.calendar.setText(text)
        self.data.setText(
            self.tr("数据保存在：{path}（备份时复制整个文件夹）").format(path=current.data_dir)
        )

    def save_language(self) -> None:
        save_language(self.language.currentData())
        self.ui_note.setText(self.tr("语言将在下次启动时生效。"))

    def save(self) -> None:
        """Save the administrator's settings; errors appear beside their field."""
        self.form.clear_errors()
        try:
            set_idle_minutes(self.ctx, self.session, self.idle.value())
            if self.profile.currentData() != self.ctx.profile.id:
                settings.set_profile(self.ctx, self.session, self.profile.currentData())
                self.note.setText(self.tr("规则配置将在下次启动时生效。"))
            else:
                self.note.setText(
                    self.tr("已保存（{time}）。").format(time=dt.datetime.now().strftime("%H:%M"))
                )
        except ServiceError as exc:
            self.form.show_error(exc)
