"""The preview window (预览窗口) shown until the full UI lands (issue 5).

It says what is coming and already does one real job: a deadline calculator on
the official calendar, with the warning for a year that has no holiday table.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QMainWindow,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.deadlines import due_date
from desktop.domain.profile import Limit, RuleProfile, TimeUnit

COMING = (
    "督查方案审批、现场检查与暗访记录、效能投诉登记（投诉人身份加密）、"
    "问责与申诉、标准文书打印、与中心服务器同步，将在后续版本中陆续提供。"
)


class PreviewWindow(QMainWindow):
    """Main window of the preview build: profile summary and deadline calculator."""

    def __init__(self, profile: RuleProfile, today: dt.date) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("效能督查（预览版）"))
        self.resize(720, 480)
        central = QWidget(self)
        layout = QVBoxLayout(central)

        title = QLabel(self.tr("效能督查"), central)
        title.setStyleSheet("font-size: 22pt; font-weight: bold;")
        layout.addWidget(title)
        rules = QLabel(self.tr("当前规则：{name}").format(name=profile.name), central)
        layout.addWidget(rules)
        coming = QLabel(self.tr(COMING), central)
        coming.setWordWrap(True)
        layout.addWidget(coming)

        form = QFormLayout()
        self.start = QDateEdit(QDate(today.year, today.month, today.day), central)
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.amount = QSpinBox(central)
        self.amount.setRange(0, 365)
        self.amount.setValue(20)
        self.unit = QComboBox(central)
        self.unit.addItem(self.tr("工作日"), TimeUnit.WORKING_DAYS)
        self.unit.addItem(self.tr("日（自然日）"), TimeUnit.DAYS)
        self.result = QLabel(central)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning = QLabel(central)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b00020;")
        form.addRow(self.tr("起算日"), self.start)
        form.addRow(self.tr("期限"), self.amount)
        form.addRow(self.tr("单位"), self.unit)
        form.addRow(self.tr("截止日期"), self.result)
        form.addRow("", self.warning)
        layout.addLayout(form)
        layout.addStretch(1)
        self.setCentralWidget(central)

        self.start.dateChanged.connect(self.recompute)
        self.amount.valueChanged.connect(self.recompute)
        self.unit.currentIndexChanged.connect(self.recompute)
        self.recompute()

    def recompute(self) -> None:
        """Show the due date for the inputs (start day not counted, 民法典 201/203)."""
        qdate = self.start.date()
        start = dt.date(qdate.year(), qdate.month(), qdate.day())
        limit = Limit(self.amount.value(), TimeUnit(self.unit.currentData()), "", "")
        deadline = due_date(start, limit) if limit.amount else None
        due = deadline.due if deadline else start
        self.result.setText(f"{due:%Y年%m月%d日}（{'一二三四五六日'[due.weekday()]}）")
        self.warning.setText(deadline.warning if deadline else "")
