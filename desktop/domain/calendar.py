"""The official working-day calendar (工作日历).

工作日 (working days) are Monday to Friday, less the public holidays the State
Council announces each year, plus its make-up working days (调休, often a
Saturday or Sunday). 日 (days) are calendar days.

Counting follows the Civil Code (民法典):

* art. 201: the day a period starts is not counted (开始的当日不计入);
* art. 203: when the last day of a period is a statutory rest day
  (法定休假日), the period ends on the first working day after it.

Where the arrangement comes from: ``chinesecalendar`` for the years it knows
(2004–2026 in 1.11.0), plus holiday tables (:class:`HolidayTable`, parsed from
the TOML files under ``resources/holidays/``) that an administrator adds for
later years. A table wins over the library for its year. For a year that
neither covers, the functions still answer, counting weekends only, and say so:
they issue an :class:`UncoveredYearWarning` (``warnings`` module) and the
:func:`uncovered_years` / :func:`WorkCalendar.uncovered_years` check lets the
UI show the warning beside the date. Never a silent guess, never a crash.

The module functions use the default calendar: the library plus the shipped
tables, loaded once on first use (the only read this package makes; the loader
lives in ``desktop.resources``). :func:`set_default_calendar` replaces it.
"""

from __future__ import annotations

import datetime as dt
import tomllib
import warnings
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from desktop.domain.common import enumeration
from desktop.domain.messages import Message, msg

ONE_DAY = dt.timedelta(days=1)
# A table may reach a little into the neighbouring years: 元旦 often starts on
# 30 or 31 December, and a make-up day can fall in the last days of the year
# before.
_YEAR_SLACK = dt.timedelta(days=14)


class UncoveredYearWarning(UserWarning):
    """A date was counted in a year with no official holiday arrangement.

    ``message`` is the text to show the user (its ``str()`` is the same text
    without the template the UI translates).
    """

    def __init__(self, years: Iterable[int]) -> None:
        self.years: tuple[int, ...] = tuple(sorted(set(years)))
        self.message: Message = msg(
            "{years}年的节假日安排尚未录入，期限仅按周末推算，"
            "请管理员在节假日表中补充该年安排后再核对。",
            years=enumeration([str(y) for y in self.years]),
        )
        super().__init__(self.message)


class HolidayTableError(ValueError):
    """A holiday table file that cannot be used; names the file and the entry."""

    def __init__(self, source: str, key: str, problem: str) -> None:
        self.source = source
        self.key = key
        self.problem = problem
        super().__init__(f"{source}: {key}: {problem}" if key else f"{source}: {problem}")


@dataclass(frozen=True)
class HolidayTable:
    """One year's official arrangement (节假日安排): days off and make-up days."""

    year: int
    notice: str
    holidays: Mapping[dt.date, str]  # date -> holiday name (休)
    workdays: Mapping[dt.date, str]  # date -> holiday it makes up for (班)


def _parse_date(source: str, key: str, value: object) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise HolidayTableError(source, key, f"应为日期 YYYY-MM-DD，实为 {value!r}")
    return value


def parse_holiday_table(text: str, source: str) -> HolidayTable:
    """Parse and check one holiday table (TOML); see ``resources/holidays/README.md``.

    Checked: the year; every date within the year (or two weeks either side);
    each range's start not after its end; no day both a holiday and a make-up
    working day; every make-up day a Saturday or Sunday.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise HolidayTableError(source, "", f"TOML 语法错误: {exc}") from None
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 1949 < year < 2200:
        raise HolidayTableError(source, "year", f"应为四位年份，实为 {year!r}")
    notice = data.get("notice")
    if not isinstance(notice, str) or not notice.strip():
        raise HolidayTableError(source, "notice", "应写明国务院办公厅通知的名称和文号")
    first = dt.date(year, 1, 1) - _YEAR_SLACK
    last = dt.date(year, 12, 31) + _YEAR_SLACK

    def in_year(key: str, d: dt.date) -> dt.date:
        if not first <= d <= last:
            raise HolidayTableError(source, key, f"日期 {d} 不在 {year} 年内")
        return d

    holidays: dict[dt.date, str] = {}
    for i, entry in enumerate(_entries(source, data, "holidays")):
        key = f"holidays[{i}]"
        name = _name(source, key, entry)
        start = in_year(f"{key}.first", _parse_date(source, f"{key}.first", entry.get("first")))
        end = in_year(f"{key}.last", _parse_date(source, f"{key}.last", entry.get("last", start)))
        if end < start:
            raise HolidayTableError(source, f"{key}.last", f"结束日 {end} 早于开始日 {start}")
        d = start
        while d <= end:
            if d in holidays:
                raise HolidayTableError(source, key, f"{d} 重复列为假日")
            holidays[d] = name
            d += ONE_DAY

    workdays: dict[dt.date, str] = {}
    for i, entry in enumerate(_entries(source, data, "workdays")):
        key = f"workdays[{i}]"
        name = _name(source, key, entry)
        d = in_year(f"{key}.date", _parse_date(source, f"{key}.date", entry.get("date")))
        if d.weekday() < 5:
            raise HolidayTableError(source, f"{key}.date", f"调休上班日 {d} 不是周六或周日")
        if d in holidays:
            raise HolidayTableError(source, f"{key}.date", f"{d} 同时列为假日和调休上班日")
        if d in workdays:
            raise HolidayTableError(source, f"{key}.date", f"{d} 重复列为调休上班日")
        workdays[d] = name
    unknown = set(data) - {"year", "notice", "holidays", "workdays"}
    if unknown:
        raise HolidayTableError(source, sorted(unknown)[0], "未知的键 (unknown key)")
    return HolidayTable(year=year, notice=notice, holidays=holidays, workdays=workdays)


def _entries(source: str, data: Mapping[str, object], key: str) -> list[Mapping[str, object]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise HolidayTableError(source, key, "应为表数组 [[...]]")
    return value


def _name(source: str, key: str, entry: Mapping[str, object]) -> str:
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise HolidayTableError(source, f"{key}.name", "应写明节日名称")
    return name


def _library_tables() -> list[HolidayTable]:
    """The arrangements ``chinesecalendar`` knows, one table per year."""
    from chinese_calendar import constants

    holidays: dict[int, dict[dt.date, str]] = defaultdict(dict)
    workdays: dict[int, dict[dt.date, str]] = defaultdict(dict)
    for d, name in constants.holidays.items():
        holidays[d.year][d] = str(name)
    for d, name in constants.workdays.items():
        workdays[d.year][d] = str(name)
    return [
        HolidayTable(year, "chinesecalendar", holidays[year], workdays[year])
        for year in sorted(set(holidays) | set(workdays))
    ]


def _weekdays_upto(ordinal: int) -> int:
    """Mondays to Fridays with an ordinal in [1, ordinal] (day 1 is a Monday)."""
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


@dataclass(frozen=True)
class WorkCalendar:
    """A working-day calendar built from holiday tables (later tables win).

    Counting is O(log n): weekdays by formula, minus the weekday holidays and
    plus the weekend make-up days, both found by bisection in sorted lists.
    """

    tables: tuple[HolidayTable, ...] = ()
    _off: frozenset[dt.date] = field(init=False, repr=False)
    _on: frozenset[dt.date] = field(init=False, repr=False)
    _off_weekdays: tuple[int, ...] = field(init=False, repr=False)
    _on_weekends: tuple[int, ...] = field(init=False, repr=False)
    covered_years: frozenset[int] = field(init=False)

    def __post_init__(self) -> None:
        by_year = {t.year: t for t in self.tables}
        off: set[dt.date] = set()
        on: set[dt.date] = set()
        for table in by_year.values():
            off.update(table.holidays)
            on.update(table.workdays)
        # A later year's table may reach back into this one; a make-up day wins.
        off -= on
        object.__setattr__(self, "_off", frozenset(off))
        object.__setattr__(self, "_on", frozenset(on))
        object.__setattr__(
            self, "_off_weekdays", tuple(sorted(d.toordinal() for d in off if d.weekday() < 5))
        )
        object.__setattr__(
            self, "_on_weekends", tuple(sorted(d.toordinal() for d in on if d.weekday() >= 5))
        )
        object.__setattr__(self, "covered_years", frozenset(by_year))

    @classmethod
    def official(cls, extra: Iterable[HolidayTable] = ()) -> WorkCalendar:
        """The library's years plus ``extra`` tables (which win for their year)."""
        return cls(tuple(_library_tables()) + tuple(extra))

    def covers(self, year: int) -> bool:
        return year in self.covered_years

    def uncovered_years(self, start: dt.date, end: dt.date) -> frozenset[int]:
        """Years between ``start`` and ``end`` (either order) with no arrangement."""
        lo, hi = sorted((start, end))
        return frozenset(y for y in range(lo.year, hi.year + 1) if y not in self.covered_years)

    def is_working_day(self, d: dt.date) -> bool:
        if d in self._on:
            return True
        if d in self._off:
            return False
        return d.weekday() < 5

    def _working_upto(self, ordinal: int) -> int:
        """Working days with an ordinal in [1, ordinal]."""
        return (
            _weekdays_upto(ordinal)
            - bisect_right(self._off_weekdays, ordinal)
            + bisect_right(self._on_weekends, ordinal)
        )

    def _first_reaching(self, target: int, lo: int, hi: int) -> int:
        """The smallest ordinal in [lo, hi] with ``_working_upto >= target``."""
        while lo < hi:
            mid = (lo + hi) // 2
            if self._working_upto(mid) >= target:
                hi = mid
            else:
                lo = mid + 1
        return lo

    def add_working_days(self, start: dt.date, n: int, *, warn: bool = True) -> dt.date:
        """See :func:`add_working_days`; ``warn=False`` leaves the uncovered-year
        check to the caller (:meth:`uncovered_years`)."""
        s = start.toordinal()
        if n == 0:
            found = s
        elif n > 0:
            target = self._working_upto(s) + n
            hi = s + 2 * n + 60
            while self._working_upto(hi) < target:  # a very long holiday table gap
                hi += 2 * n + 60
            found = self._first_reaching(target, s + 1, hi)
        else:
            target = self._working_upto(s - 1) + n + 1
            lo = s + 2 * n - 60
            while self._working_upto(lo) >= target:
                lo += 2 * n - 60
            found = self._first_reaching(target, lo, s - 1)
        d = dt.date.fromordinal(found)
        if warn:
            self._warn(start, d)
        return d

    def working_days_between(self, start: dt.date, end: dt.date, *, warn: bool = True) -> int:
        """See :func:`working_days_between`; ``warn`` as in :meth:`add_working_days`."""
        s, e = start.toordinal(), end.toordinal()
        if e >= s:  # (start, end]
            count = self._working_upto(e) - self._working_upto(s)
        else:  # [end, start), negative
            count = -(self._working_upto(s - 1) - self._working_upto(e - 1))
        if warn:
            self._warn(start, end)
        return count

    def add_days(self, start: dt.date, n: int, *, warn: bool = True) -> dt.date:
        """See :func:`add_days`; ``warn`` as in :meth:`add_working_days`."""
        d = start + dt.timedelta(days=n)
        while not self.is_working_day(d):
            d += ONE_DAY
        if warn:
            self._warn(start, d)
        return d

    def _warn(self, start: dt.date, end: dt.date) -> None:
        missing = self.uncovered_years(start, end)
        if missing:
            warnings.warn(UncoveredYearWarning(missing), stacklevel=3)


_default: WorkCalendar | None = None


def default_calendar() -> WorkCalendar:
    """The calendar the module functions use (library + shipped tables)."""
    global _default
    if _default is None:
        from desktop.resources import load_holiday_tables

        _default = WorkCalendar.official(load_holiday_tables())
    return _default


def set_default_calendar(calendar: WorkCalendar | None) -> None:
    """Replace the default calendar (``None``: load it again on next use)."""
    global _default
    _default = calendar


def is_working_day(d: dt.date) -> bool:
    """Whether ``d`` is a working day (工作日) on the official calendar."""
    return default_calendar().is_working_day(d)


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The n-th working day after ``start``; ``start`` itself never counts (民法典 201).

    ``n == 0`` gives ``start``; a negative ``n`` counts back before ``start``.
    """
    return default_calendar().add_working_days(start, n)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end``.

    When ``end`` is before ``start`` the answer is negative: minus the working
    days from ``end`` up to the day before ``start``, so that
    ``working_days_between(s, add_working_days(s, n)) == n`` for every n.
    """
    return default_calendar().working_days_between(start, end)


def add_days(start: dt.date, n: int) -> dt.date:
    """A limit of ``n`` calendar days (日) from ``start`` (民法典 201, 203).

    The start day is not counted; when the last day is a rest day (weekend or
    public holiday), the limit ends on the first working day after it.
    """
    return default_calendar().add_days(start, n)


def uncovered_years(start: dt.date, end: dt.date) -> frozenset[int]:
    """Years between the two dates with no holiday arrangement (for UI warnings)."""
    return default_calendar().uncovered_years(start, end)
