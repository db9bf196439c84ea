"""Deadlines (期限): a limit from a profile applied to a start date, and its status.

A :class:`~desktop.domain.profile.Limit` is an amount in 工作日 or 日; this
module turns it into a due date on the official calendar
(:mod:`desktop.domain.calendar`) and tells how much time is left, so every
screen and document shows the same numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from desktop.domain.calendar import UncoveredYearWarning, WorkCalendar, default_calendar
from desktop.domain.profile import Limit, TimeUnit


@dataclass(frozen=True)
class Deadline:
    """A due date (截止日期) and how it was reached."""

    start: dt.date
    due: dt.date
    limit: Limit
    uncovered_years: frozenset[int]

    @property
    def warning(self) -> str:
        """The text to show beside the date when a year had no holiday table."""
        return UncoveredYearWarning(self.uncovered_years).message if self.uncovered_years else ""


def due_date(start: dt.date, limit: Limit, calendar: WorkCalendar | None = None) -> Deadline:
    """The day a limit ends when counted from ``start`` (start day not counted).

    工作日 limits count working days (民法典 201); 日 limits count calendar days
    and move off a rest day at the end (民法典 203).
    """
    cal = calendar or default_calendar()
    # The gap in the holiday tables is reported on the Deadline, not as a warning.
    if limit.unit is TimeUnit.WORKING_DAYS:
        due = cal.add_working_days(start, limit.amount, warn=False)
    else:
        due = cal.add_days(start, limit.amount, warn=False)
    return Deadline(start, due, limit, cal.uncovered_years(start, due))


def extend(deadline: Deadline, extension: Limit, calendar: WorkCalendar | None = None) -> Deadline:
    """The deadline pushed on by an extension counted from the old due date."""
    extended = due_date(deadline.due, extension, calendar)
    return Deadline(
        deadline.start,
        extended.due,
        deadline.limit,
        deadline.uncovered_years | extended.uncovered_years,
    )


class Urgency(StrEnum):
    """How a deadline stands today."""

    OK = "ok"  # 正常
    DUE_SOON = "due_soon"  # 即将到期
    DUE_TODAY = "due_today"  # 今日到期
    OVERDUE = "overdue"  # 已逾期


@dataclass(frozen=True)
class DeadlineStatus:
    """Working days left (negative when overdue) and the urgency to show."""

    due: dt.date
    working_days_left: int
    urgency: Urgency


def deadline_status(
    due: dt.date, today: dt.date, warn_days: int, calendar: WorkCalendar | None = None
) -> DeadlineStatus:
    """Where ``today`` stands against ``due``; warns ``warn_days`` working days before."""
    cal = calendar or default_calendar()
    left = cal.working_days_between(today, due, warn=False)
    if due < today:
        urgency = Urgency.OVERDUE
    elif due == today:
        urgency = Urgency.DUE_TODAY
    elif left <= warn_days:
        urgency = Urgency.DUE_SOON
    else:
        urgency = Urgency.OK
    return DeadlineStatus(due, left, urgency)
