"""工作台: a greeting, what the user has to do (我的待办), the deadlines they may
see (期限提醒) and, for those who may read complaints, two charts of the last
twelve months (complaints received; closed on time).

Everything comes from :mod:`desktop.services.dashboard`; the page only shows
it. A double-click (or Enter) on a row opens the record's page and, when that
page offers ``focus_record(record_id)``, the record itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QT_TRANSLATE_NOOP, QMargins, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.common import Role
from desktop.domain.deadlines import Urgency
from desktop.services import complaints, dashboard
from desktop.services.auth import UserSession
from desktop.services.base import Context, ServiceError
from desktop.services.dashboard import DeadlineRow, MonthStat, Task
from desktop.ui.fields import ERROR_STYLE, FieldForm
from desktop.ui.i18n import tr_message
from desktop.ui.listmodel import Column, Index, PagedModel
from desktop.ui.worker import Progress, error_text, run_in_background

R = TypeVar("R")

RED = "#c62828"
ORANGE = "#e65100"
BAR_COLOUR = "#1f6fb2"
LINE_COLOUR = "#2e7d32"
WARNING_STYLE = (
    "QLabel { background: #fff4ce; color: #6b4700; border: 1px solid #e0b252;"
    " border-radius: 4px; padding: 6px 8px; font-weight: bold; }"
)

# str(): the stubs type QT_TRANSLATE_NOOP as ``object``; lupdate still sees the literal.
KIND_NAMES: dict[str, str] = {
    "plan": str(QT_TRANSLATE_NOOP("Page", "督查方案")),
    "visit": str(QT_TRANSLATE_NOOP("Page", "检查记录")),
    "complaint": str(QT_TRANSLATE_NOOP("Page", "效能投诉")),
    "decision": str(QT_TRANSLATE_NOOP("Page", "问责决定")),
    "appeal": str(QT_TRANSLATE_NOOP("Page", "申诉")),
    "rectification": str(QT_TRANSLATE_NOOP("Page", "整改")),
}
URGENCY_NAMES: dict[Urgency, str] = {
    Urgency.OK: str(QT_TRANSLATE_NOOP("Page", "正常")),
    Urgency.DUE_SOON: str(QT_TRANSLATE_NOOP("Page", "即将到期")),
    Urgency.DUE_TODAY: str(QT_TRANSLATE_NOOP("Page", "今日到期")),
    Urgency.OVERDUE: str(QT_TRANSLATE_NOOP("Page", "已逾期")),
}
WEEKDAYS: tuple[str, ...] = (
    str(QT_TRANSLATE_NOOP("Page", "星期一")),
    str(QT_TRANSLATE_NOOP("Page", "星期二")),
    str(QT_TRANSLATE_NOOP("Page", "星期三")),
    str(QT_TRANSLATE_NOOP("Page", "星期四")),
    str(QT_TRANSLATE_NOOP("Page", "星期五")),
    str(QT_TRANSLATE_NOOP("Page", "星期六")),
    str(QT_TRANSLATE_NOOP("Page", "星期日")),
)
#: The page that lists each kind of record a row may open.
TARGET_PAGES = {
    "plan": "plans",
    "visit": "visits",
    "complaint": "complaints",
    "decision": "decisions",
    "appeal": "decisions",
}


def urgency_colour(urgency: Urgency | None) -> str | None:
    """Red when overdue, orange when due today or soon."""
    if urgency is Urgency.OVERDUE:
        return RED
    if urgency in (Urgency.DUE_SOON, Urgency.DUE_TODAY):
        return ORANGE
    return None


class RowModel(PagedModel[R]):
    """A :class:`PagedModel` over rows already fetched, with a tooltip per row."""

    def __init__(self, columns: Sequence[Column[R]], tooltip: Callable[[R], str]) -> None:
        self.all_rows: list[R] = []
        super().__init__(columns, self._slice)
        self.tooltip = tooltip

    def _slice(self, offset: int, limit: int) -> list[R]:
        return self.all_rows[offset : offset + limit]

    def set_rows(self, rows: Sequence[R]) -> None:
        self.all_rows = list(rows)
        self.reset()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return self.tooltip(self.rows[index.row()])
        return super().data(index, role)


def _table(name: str, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(26)
    view.horizontalHeader().setHighlightSections(False)
    return view


def _fit_columns(view: QTableView, stretch: int) -> None:
    header = view.horizontalHeader()
    for column in range(header.count()):
        mode = (
            QHeaderView.ResizeMode.Stretch
            if column == stretch
            else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(column, mode)


class Page(QWidget):
    """The dashboard (工作台)."""

    def __init__(self, ctx: Context, session: UserSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.admin = Role.ADMINISTRATOR in session.roles
        self.shows_stats = bool(session.roles & set(complaints.READERS))
        self.tasks: list[Task] = []
        self.deadline_rows: list[DeadlineRow] = []
        self.stats: list[MonthStat] = []
        self.stats_loaded = False
        self._stats_generation = 0

        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.setSpacing(8)

        # Greeting, summary, refresh.
        header = QHBoxLayout()
        texts = QVBoxLayout()
        texts.setSpacing(2)
        self.greeting = QLabel(self)
        self.greeting.setObjectName("greeting")
        font = self.greeting.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.greeting.setFont(font)
        texts.addWidget(self.greeting)
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        texts.addWidget(self.summary)
        header.addLayout(texts, 1)
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        self.refresh_button.setObjectName("refresh")
        self.refresh_button.setShortcut(QKeySequence("F5"))
        self.refresh_button.setToolTip(self.tr("重新读取待办、期限和统计（F5）"))
        self.refresh_button.clicked.connect(self.refresh)
        header.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(header)

        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        outer.addWidget(self.error)

        body = QHBoxLayout()
        body.setSpacing(10)
        self.left = QVBoxLayout()
        self.left.setSpacing(10)
        self.left.addWidget(self._build_tasks(), 1)
        self.left.addWidget(self._build_deadlines(), 1)
        body.addLayout(self.left, 3)
        self.charts = self._build_charts()
        body.addWidget(self.charts, 2)
        self.charts.setVisible(self.shows_stats)
        outer.addLayout(body, 1)

        self.setTabOrder(self.refresh_button, self.task_view)
        self.setTabOrder(self.task_view, self.deadline_view)
        if self.admin:
            self.setTabOrder(self.deadline_view, self.warn_days)
            self.setTabOrder(self.warn_days, self.save_warn)

    # ------------------------------------------------------------ building

    def _build_tasks(self) -> QGroupBox:
        box = QGroupBox(self.tr("我的待办"), self)
        box.setObjectName("tasks_box")
        layout = QVBoxLayout(box)

        def colour(task: Task) -> str | None:
            return urgency_colour(task.urgency)

        columns: list[Column[Task]] = [
            Column(self.tr("类型"), lambda t: self.tr(KIND_NAMES.get(t.kind, t.kind)), colour),
            Column(self.tr("事项"), lambda t: t.title, colour),
            Column(self.tr("待办"), lambda t: t.action, colour),
            Column(self.tr("截止日期"), lambda t: self._date_text(t.due, t.warning), colour),
            Column(self.tr("剩余工作日"), lambda t: self._left_text(t.working_days_left), colour),
        ]
        self.task_model: RowModel[Task] = RowModel(columns, self._task_tooltip)
        self.task_view = _table("tasks", box)
        self.task_view.setModel(self.task_model)
        _fit_columns(self.task_view, 1)
        self.task_view.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.Interactive
        )
        self.task_view.setColumnWidth(2, 190)
        self.task_view.activated.connect(self._open_task)
        layout.addWidget(self.task_view, 1)
        self.tasks_empty = QLabel(self.tr("暂无待办事项。"), box)
        self.tasks_empty.setObjectName("tasks_empty")
        self.tasks_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tasks_empty.hide()
        layout.addWidget(self.tasks_empty, 1)
        return box

    def _build_deadlines(self) -> QGroupBox:
        box = QGroupBox(self.tr("期限提醒"), self)
        box.setObjectName("deadlines_box")
        layout = QVBoxLayout(box)
        self.calendar_warning = QLabel(box)
        self.calendar_warning.setObjectName("calendar_warning")
        self.calendar_warning.setWordWrap(True)
        self.calendar_warning.setStyleSheet(WARNING_STYLE)
        self.calendar_warning.hide()
        layout.addWidget(self.calendar_warning)

        def colour(row: DeadlineRow) -> str | None:
            return urgency_colour(row.urgency)

        columns: list[Column[DeadlineRow]] = [
            Column(self.tr("事项"), lambda r: r.label, colour),
            Column(self.tr("截止日期"), lambda r: self._date_text(r.due, r.warning), colour),
            Column(self.tr("剩余工作日"), lambda r: self._left_text(r.working_days_left), colour),
            Column(self.tr("状态"), lambda r: self.tr(URGENCY_NAMES[r.urgency]), colour),
        ]
        self.deadline_model: RowModel[DeadlineRow] = RowModel(columns, self._deadline_tooltip)
        self.deadline_view = _table("deadlines", box)
        self.deadline_view.setModel(self.deadline_model)
        _fit_columns(self.deadline_view, 0)
        self.deadline_view.activated.connect(self._open_deadline)
        layout.addWidget(self.deadline_view, 1)
        self.deadlines_empty = QLabel(self.tr("暂无需要提醒的期限。"), box)
        self.deadlines_empty.setObjectName("deadlines_empty")
        self.deadlines_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.deadlines_empty.hide()
        layout.addWidget(self.deadlines_empty, 1)

        footer = QHBoxLayout()
        self.warn_note = QLabel(box)
        self.warn_note.setObjectName("warn_note")
        self.warn_note.setStyleSheet("color: #555;")
        footer.addWidget(self.warn_note, 1)
        self.warn_form = FieldForm(box)
        self.warn_form.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        row = QWidget(self.warn_form)
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        self.warn_days = QSpinBox(row)
        self.warn_days.setObjectName("deadline_warn_days")
        self.warn_days.setRange(0, dashboard.MAX_WARN_DAYS)
        self.warn_days.setSuffix(self.tr(" 个工作日"))
        row_layout.addWidget(self.warn_days)
        self.save_warn = QPushButton(self.tr("保存"), row)
        self.save_warn.setObjectName("save_warn_days")
        self.save_warn.clicked.connect(self.save_warn_days)
        row_layout.addWidget(self.save_warn)
        self.warn_form.add(dashboard.WARN_DAYS_KEY, self.tr("提前提醒"), row)
        footer.addWidget(self.warn_form)
        if self.admin:
            footer.addStretch(1)
        # Only an administrator may change the window: others are not offered it.
        self.warn_form.setVisible(self.admin)
        self.warn_note.setVisible(not self.admin)
        layout.addLayout(footer, 0)
        return box

    def _build_charts(self) -> QGroupBox:
        box = QGroupBox(self.tr("投诉统计（近 12 个月）"), self)
        box.setObjectName("charts_box")
        layout = QVBoxLayout(box)
        self.received_chart = self._chart_view("chart_received", box)
        self.on_time_chart = self._chart_view("chart_on_time", box)
        layout.addWidget(self.received_chart, 1)
        layout.addWidget(self.on_time_chart, 1)
        self.stats_note = QLabel(box)
        self.stats_note.setObjectName("stats_note")
        self.stats_note.setWordWrap(True)
        self.stats_note.hide()
        layout.addWidget(self.stats_note)
        return box

    def _chart_view(self, name: str, parent: QWidget) -> QChartView:
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().hide()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        title_font = QFont(self.font())
        title_font.setBold(True)
        chart.setTitleFont(title_font)
        view = QChartView(chart, parent)
        view.setObjectName(name)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumSize(320, 220)
        return view

    # ------------------------------------------------------------- texts

    def _date_text(self, day: dt.date | None, warning: str) -> str:
        if day is None:
            return "—"
        return f"{day.isoformat()} *" if warning else day.isoformat()

    def _left_text(self, left: int | None) -> str:
        if left is None:
            return "—"
        if left < 0:
            return self.tr("逾期 {n}").format(n=-left)
        return str(left)

    def _task_tooltip(self, task: Task) -> str:
        action = tr_message(task.action)
        lines = [tr_message(task.title), self.tr("待办：{action}").format(action=action)]
        if task.warning:
            lines.append(tr_message(task.warning))
        return "\n".join(lines)

    def _deadline_tooltip(self, row: DeadlineRow) -> str:
        lines = [tr_message(row.label)]
        if row.warning:
            lines.append(tr_message(row.warning))
        return "\n".join(lines)

    def _greeting_text(self) -> str:
        today = self.ctx.today()
        hour = (self.ctx.now() + dt.timedelta(hours=8)).hour
        if hour < 12:
            period = self.tr("上午好")
        elif hour < 18:
            period = self.tr("下午好")
        else:
            period = self.tr("晚上好")
        return self.tr(
            "{name}，{period}！今天是 {year} 年 {month} 月 {day} 日，{weekday}。"
        ).format(
            name=self.session.display_name,
            period=period,
            year=today.year,
            month=today.month,
            day=today.day,
            weekday=self.tr(WEEKDAYS[today.weekday()]),
        )

    # ----------------------------------------------------------- loading

    def refresh(self) -> None:
        """Read the tasks and deadlines again; the charts load in the background."""
        self.greeting.setText(self._greeting_text())
        self.error.hide()
        try:
            warn = dashboard.warn_days(self.ctx, self.session)
            tasks = dashboard.my_tasks(self.ctx, self.session, warn)
            rows = dashboard.deadlines(self.ctx, self.session, warn)
        except ServiceError as exc:
            self.error.setText(error_text(exc))
            self.error.show()
            return
        self.tasks, self.deadline_rows = tasks, rows
        self.task_model.set_rows(tasks)
        self.deadline_model.set_rows(rows)
        self.task_view.setVisible(bool(tasks))
        self.tasks_empty.setVisible(not tasks)
        self.deadline_view.setVisible(bool(rows))
        self.deadlines_empty.setVisible(not rows)
        warning = dashboard.uncovered_warning(rows)
        self.calendar_warning.setText(self.tr("⚠ 注意：") + tr_message(warning) if warning else "")
        self.calendar_warning.setVisible(bool(warning))
        self.warn_days.setValue(warn)
        self.warn_note.setText(
            self.tr("到期前 {n} 个工作日起提醒；标 * 的日期按周末推算。").format(n=warn)
            if warning
            else self.tr("到期前 {n} 个工作日起提醒。").format(n=warn)
        )
        self.summary.setText(self._summary_text(tasks, rows))
        # Give the longer list more room (within limits).
        self.left.setStretch(0, min(max(len(tasks), 3), 12) + 2)
        self.left.setStretch(1, min(max(len(rows), 3), 12) + 2)
        if self.shows_stats:
            self.load_stats()

    def _summary_text(self, tasks: Sequence[Task], rows: Sequence[DeadlineRow]) -> str:
        overdue = sum(1 for r in rows if r.urgency is Urgency.OVERDUE)
        soon = sum(1 for r in rows if r.urgency in (Urgency.DUE_SOON, Urgency.DUE_TODAY))
        return self.tr("待办 {tasks} 项；期限已逾期 {overdue} 项，即将到期 {soon} 项。").format(
            tasks=len(tasks), overdue=overdue, soon=soon
        )

    def load_stats(self) -> None:
        """Count the complaints per month off the GUI thread, then draw the charts."""
        self._stats_generation += 1
        generation = self._stats_generation
        self.stats_loaded = False
        try:
            # The session and role are checked here; the worker only counts.
            count = dashboard.complaint_stats_job(self.ctx, self.session, 12)
        except ServiceError as exc:
            self.stats_note.setText(self.tr("统计未能读取：{error}").format(error=error_text(exc)))
            self.stats_note.show()
            self.stats_loaded = True
            return
        self.stats_note.setText(self.tr("正在统计…"))
        self.stats_note.show()

        def work(_progress: Progress) -> list[MonthStat]:
            return count()

        def done(result: list[MonthStat]) -> None:
            if generation == self._stats_generation:
                self.show_stats(result)

        def failed(exc: BaseException) -> None:
            if generation == self._stats_generation:
                self.stats_note.setText(
                    self.tr("统计未能读取：{error}").format(error=error_text(exc))
                )
                self.stats_note.show()
                self.stats_loaded = True

        run_in_background(
            self,
            work,
            label=self.tr("正在统计投诉…"),
            on_done=done,
            on_error=failed,
            show_dialog=False,
        )

    def show_stats(self, stats: list[MonthStat]) -> None:
        """Draw the two charts from the month figures."""
        self.stats = stats
        # Month numbers only: twelve "N月" labels do not fit a half-width chart.
        categories = [str(int(s.month[5:])) for s in stats]
        span = ""
        if stats:
            first, last = stats[0].month, stats[-1].month
            span = self.tr("{y1} 年 {m1} 月 — {y2} 年 {m2} 月").format(
                y1=first[:4], m1=int(first[5:]), y2=last[:4], m2=int(last[5:])
            )
        self._draw_received(categories, span)
        self._draw_on_time(categories, span)
        closed = sum(s.closed for s in stats)
        self.stats_note.setText(
            self.tr("近 12 个月无办结的投诉，暂无按期办结率。") if closed == 0 else ""
        )
        self.stats_note.setVisible(closed == 0)
        self.stats_loaded = True

    def _reset_chart(self, chart: QChart, title: str) -> None:
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
            axis.deleteLater()
        chart.setTitle(title)

    def _category_axis(self, categories: list[str], span: str) -> QBarCategoryAxis:
        axis = QBarCategoryAxis()
        axis.append(categories)
        axis.setTruncateLabels(False)
        axis.setTitleText(self.tr("月份（{span}）").format(span=span))
        return axis

    def _draw_received(self, categories: list[str], span: str) -> None:
        chart = self.received_chart.chart()
        self._reset_chart(chart, self.tr("每月收到投诉（件）"))
        bars = QBarSet(self.tr("收到投诉"))
        bars.setColor(QColor(BAR_COLOUR))
        bars.setLabelColor(QColor("#222222"))
        for stat in self.stats:
            bars.append(stat.received)
        series = QBarSeries()
        series.append(bars)
        series.setBarWidth(0.6)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(series)
        x = self._category_axis(categories, span)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(x)
        top = max([s.received for s in self.stats] + [0])
        y = QValueAxis()
        step = max(1, -(-top // 4))
        y.setRange(0, step * 5)
        y.setTickCount(6)
        y.setLabelFormat("%d")
        y.setTitleText(self.tr("件数"))
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(y)

    def _draw_on_time(self, categories: list[str], span: str) -> None:
        chart = self.on_time_chart.chart()
        self._reset_chart(chart, self.tr("按期办结率（%）"))
        line = QLineSeries()
        line.setName(self.tr("按期办结率"))
        pen = QPen(QColor(LINE_COLOUR))
        pen.setWidth(2)
        line.setPen(pen)
        line.setPointsVisible(True)
        line.setMarkerSize(8)
        for i, stat in enumerate(self.stats):
            rate = stat.on_time_rate
            if rate is not None:
                line.append(float(i), round(rate, 1))
        chart.addSeries(line)
        x = self._category_axis(categories, span)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        line.attachAxis(x)
        y = QValueAxis()
        y.setRange(0, 110)
        y.setTickType(QValueAxis.TickType.TicksDynamic)
        y.setTickAnchor(0)
        y.setTickInterval(20)
        y.setLabelFormat("%d%%")
        y.setTitleText(self.tr("按期办结率"))
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        line.attachAxis(y)

    # ---------------------------------------------------------- actions

    def save_warn_days(self) -> None:
        """Store the warning window (administrator); the error shows beside the field."""
        self.warn_form.clear_errors()
        try:
            dashboard.set_warn_days(self.ctx, self.session, self.warn_days.value())
        except ServiceError as exc:
            self.warn_form.show_error(exc)
            return
        self.refresh()

    def _open_task(self, index: QModelIndex) -> None:
        if index.isValid():
            task = self.task_model.row_at(index.row())
            self.open_record(task.target_kind, task.target_id)

    def _open_deadline(self, index: QModelIndex) -> None:
        if index.isValid():
            row = self.deadline_model.row_at(index.row())
            self.open_record(row.target_kind, row.target_id)

    def open_record(self, kind: str, record_id: str) -> bool:
        """Show the page listing ``kind`` and, if it can, the record. False when
        no page offered to this user lists it."""
        key = TARGET_PAGES.get(kind)
        window = self.window()
        show_page = getattr(window, "show_page", None)
        page_keys = getattr(window, "page_keys", None)
        if key is None or not callable(show_page) or not callable(page_keys):
            return False
        if key not in page_keys():
            return False
        page = show_page(key)
        if hasattr(page, "focus_record"):
            page.focus_record(record_id)
        return True
