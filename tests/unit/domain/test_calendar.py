"""The official calendar: the 2026 arrangement day by day, the Civil Code's
counting rules (民法典 201, 203), holiday tables and uncovered years."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from desktop.domain import calendar
from desktop.domain.calendar import (
    HolidayTableError,
    UncoveredYearWarning,
    WorkCalendar,
    add_days,
    add_working_days,
    is_working_day,
    parse_holiday_table,
    uncovered_years,
    working_days_between,
)
from desktop.resources import load_holiday_tables

D = dt.date

# The property tests wander into years with no arrangement on purpose; the
# warning itself is tested below.
pytestmark = pytest.mark.filterwarnings("ignore::desktop.domain.calendar.UncoveredYearWarning")

# 国务院办公厅关于2026年部分节假日安排的通知: every day off and make-up day.
HOLIDAYS_2026 = {
    "元旦": [D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 3)],
    "春节": [D(2026, 2, d) for d in range(15, 24)],
    "清明节": [D(2026, 4, 4), D(2026, 4, 5), D(2026, 4, 6)],
    "劳动节": [D(2026, 5, d) for d in range(1, 6)],
    "端午节": [D(2026, 6, 19), D(2026, 6, 20), D(2026, 6, 21)],
    "中秋节": [D(2026, 9, 25), D(2026, 9, 26), D(2026, 9, 27)],
    "国庆节": [D(2026, 10, d) for d in range(1, 8)],
}
MAKE_UP_2026 = [
    D(2026, 1, 4),
    D(2026, 2, 14),
    D(2026, 2, 28),
    D(2026, 5, 9),
    D(2026, 9, 20),
    D(2026, 10, 10),
]
ALL_OFF_2026 = {d for days in HOLIDAYS_2026.values() for d in days}


def every_day(year: int) -> list[dt.date]:
    d, out = D(year, 1, 1), []
    while d.year == year:
        out.append(d)
        d += dt.timedelta(days=1)
    return out


def test_2026_every_day_matches_the_state_council_notice() -> None:
    for d in every_day(2026):
        if d in MAKE_UP_2026:
            expected = True
        elif d in ALL_OFF_2026:
            expected = False
        else:
            expected = d.weekday() < 5
        assert is_working_day(d) is expected, d


@pytest.mark.parametrize("d", MAKE_UP_2026, ids=str)
def test_2026_make_up_days_are_weekend_working_days(d: dt.date) -> None:
    assert d.weekday() >= 5 and is_working_day(d)


# The first working day after the last day before each holiday, and back again.
NEXT_AFTER_2026 = [
    ("元旦", D(2025, 12, 31), D(2026, 1, 4)),  # 1-04 (Sunday) is a make-up day
    ("春节", D(2026, 2, 13), D(2026, 2, 14)),  # 2-14 (Saturday) make-up day
    ("春节", D(2026, 2, 14), D(2026, 2, 24)),
    ("清明节", D(2026, 4, 3), D(2026, 4, 7)),
    ("劳动节", D(2026, 4, 30), D(2026, 5, 6)),
    ("端午节", D(2026, 6, 18), D(2026, 6, 22)),
    ("中秋节", D(2026, 9, 24), D(2026, 9, 28)),
    ("国庆节", D(2026, 9, 30), D(2026, 10, 8)),
    ("国庆节", D(2026, 10, 8), D(2026, 10, 9)),
    ("国庆节", D(2026, 10, 9), D(2026, 10, 10)),  # 10-10 (Saturday) make-up day
]


@pytest.mark.parametrize(
    ("holiday", "start", "expected"),
    NEXT_AFTER_2026,
    ids=[f"{h}-{s}" for h, s, _ in NEXT_AFTER_2026],
)
def test_next_working_day_across_each_2026_holiday(
    holiday: str, start: dt.date, expected: dt.date
) -> None:
    # 民法典 201: 开始的当日不计入
    assert add_working_days(start, 1) == expected
    assert working_days_between(start, expected) == 1
    assert add_working_days(expected, -1) <= start


def test_done_when_example() -> None:
    assert add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)


def test_spring_festival_2026_counts() -> None:
    # 2-13 (Fri) + 5 working days: 2-14 (make-up Sat), then 2-24..2-27 → 2-27
    assert add_working_days(D(2026, 2, 13), 5) == D(2026, 2, 27)
    # ...and the next is the Saturday make-up day 2-28.
    assert add_working_days(D(2026, 2, 13), 6) == D(2026, 2, 28)
    assert working_days_between(D(2026, 2, 1), D(2026, 2, 28)) == 16


def test_mas8_twenty_working_days_over_national_day() -> None:
    # MAS 8: 一般应在20个工作日内完成. Started 2026-09-21 (Mon).
    # 9-22..24 (3), 中秋 9-25..27 off, 9-28..30 (6), 国庆 10-01..07 off, 10-08, 10-09,
    # make-up Saturday 10-10 (9), then 10-12..16 (14), 10-19..23 (19), 10-26 (20).
    due = add_working_days(D(2026, 9, 21), 20)
    assert due == D(2026, 10, 26)
    assert working_days_between(D(2026, 9, 21), due) == 20


@pytest.mark.parametrize(
    ("start", "n", "expected", "why"),
    [
        (D(2026, 9, 5), 30, D(2026, 10, 8), "day 30 is 10-05, in the National Day holiday"),
        (D(2026, 3, 1), 30, D(2026, 3, 31), "day 30 is a Tuesday"),
        (D(2026, 3, 5), 30, D(2026, 4, 7), "day 30 is 4-04 清明, moves past 4-06"),
        (D(2026, 1, 9), 1, D(2026, 1, 12), "day 1 is a Saturday"),
        (D(2026, 1, 2), 8, D(2026, 1, 12), "day 8 is a Saturday"),
        (D(2026, 10, 9), 1, D(2026, 10, 10), "day 1 is the make-up Saturday"),
    ],
)
def test_add_days_moves_off_rest_days(start: dt.date, n: int, expected: dt.date, why: str) -> None:
    # 民法典 203: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日
    assert add_days(start, n) == expected, why


def test_between_is_negative_backwards() -> None:
    assert working_days_between(D(2026, 10, 8), D(2026, 9, 30)) == -1
    assert working_days_between(D(2026, 3, 2), D(2026, 3, 2)) == 0
    assert working_days_between(D(2026, 3, 9), D(2026, 3, 2)) == -5


# ------------------------------------------------------------------ properties

dates = st.dates(min_value=D(2004, 1, 1), max_value=D(2026, 12, 1))
counts = st.integers(min_value=-300, max_value=300)


@settings(max_examples=300, deadline=None)
@given(dates, counts)
def test_adding_then_counting_returns_n(start: dt.date, n: int) -> None:
    assert working_days_between(start, add_working_days(start, n)) == n


@settings(max_examples=300, deadline=None)
@given(dates, st.integers(min_value=1, max_value=300))
def test_result_is_a_working_day(start: dt.date, n: int) -> None:
    assert is_working_day(add_working_days(start, n))
    assert is_working_day(add_working_days(start, -n))
    assert is_working_day(add_days(start, n))


@settings(max_examples=200, deadline=None)
@given(dates, counts, counts)
def test_monotonic_in_n(start: dt.date, a: int, b: int) -> None:
    lo, hi = sorted((a, b))
    assert add_working_days(start, lo) <= add_working_days(start, hi)
    if lo < hi:
        assert add_working_days(start, lo) < add_working_days(start, hi)


@settings(max_examples=200, deadline=None)
@given(dates, st.integers(min_value=0, max_value=300))
def test_add_days_never_earlier_than_the_plain_date(start: dt.date, n: int) -> None:
    result = add_days(start, n)
    plain = start + dt.timedelta(days=n)
    assert result >= plain
    # Only rest days are skipped.
    d = plain
    while d < result:
        assert not is_working_day(d)
        d += dt.timedelta(days=1)


@settings(max_examples=200, deadline=None)
@given(dates, dates)
def test_between_is_antisymmetric_on_working_days(a: dt.date, b: dt.date) -> None:
    if is_working_day(a) and is_working_day(b):
        assert working_days_between(a, b) == -working_days_between(b, a)


# --------------------------------------------------------- uncovered years


def test_2027_is_answered_with_a_warning() -> None:
    assert calendar.default_calendar().covers(2026)
    assert not calendar.default_calendar().covers(2027)
    with pytest.warns(UncoveredYearWarning) as caught:
        due = add_working_days(D(2026, 12, 28), 5)
    assert due == D(2027, 1, 4)  # weekends only: 12-29,30,31, 1-01, 1-04
    assert caught[0].message.years == (2027,)  # type: ignore[union-attr]
    assert "2027年的节假日安排尚未录入" in str(caught[0].message)
    assert uncovered_years(D(2026, 12, 28), due) == {2027}


@pytest.mark.parametrize(
    "call",
    [
        lambda: is_working_day(D(2027, 5, 3)),
        lambda: add_days(D(2027, 1, 1), 30),
        lambda: working_days_between(D(2027, 1, 1), D(2028, 1, 1)),
        lambda: add_working_days(D(1999, 1, 1), 10),
    ],
)
def test_uncovered_years_never_crash(call: object) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UncoveredYearWarning)
        assert call() is not None  # type: ignore[operator]


def test_is_working_day_in_uncovered_year_counts_weekends_only() -> None:
    assert is_working_day(D(2027, 10, 1))  # a Friday; no 2027 table yet
    assert not is_working_day(D(2027, 10, 2))


def test_covered_period_gives_no_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", UncoveredYearWarning)
        add_working_days(D(2026, 1, 5), 100)
        add_days(D(2025, 3, 1), 60)
        working_days_between(D(2004, 1, 1), D(2026, 12, 31))


# --------------------------------------------------------------- tables

TABLE_2027 = """
year = 2027
notice = "测试用：2027年部分节假日安排（示例）"

[[holidays]]
name = "元旦"
first = 2027-01-01
last = 2027-01-03

[[holidays]]
name = "国庆节"
first = 2027-10-01
last = 2027-10-07

[[workdays]]
name = "国庆节"
date = 2027-10-09
"""


def test_a_2027_table_makes_2027_covered(tmp_path: Path) -> None:
    (tmp_path / "2027.toml").write_text(TABLE_2027, encoding="utf-8")
    cal = WorkCalendar.official(load_holiday_tables(tmp_path))
    assert cal.covers(2027)
    assert not cal.is_working_day(D(2027, 10, 1))
    assert cal.is_working_day(D(2027, 10, 9))  # a Saturday make-up day
    with warnings.catch_warnings():
        warnings.simplefilter("error", UncoveredYearWarning)
        assert cal.add_working_days(D(2027, 9, 30), 1) == D(2027, 10, 8)


def test_set_default_calendar_switches_the_module_functions(tmp_path: Path) -> None:
    (tmp_path / "2027.toml").write_text(TABLE_2027, encoding="utf-8")
    calendar.set_default_calendar(WorkCalendar.official(load_holiday_tables(tmp_path)))
    try:
        assert not is_working_day(D(2027, 10, 4))
        assert uncovered_years(D(2027, 1, 1), D(2027, 12, 31)) == frozenset()
    finally:
        calendar.set_default_calendar(None)
    assert is_working_day(D(2027, 10, 4))


def test_a_table_wins_over_the_library_for_its_year() -> None:
    table = parse_holiday_table(
        'year = 2026\nnotice = "更正"\n[[holidays]]\nname = "测试"\nfirst = 2026-03-02\n',
        "fix.toml",
    )
    cal = WorkCalendar.official([table])
    assert not cal.is_working_day(D(2026, 3, 2))
    assert cal.is_working_day(D(2026, 10, 1))  # the library's 2026 is replaced whole


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ("year = 2027\n", "notice", "通知"),
        ('year = "2027"\nnotice = "n"\n', "year", "四位年份"),
        (
            'year = 2027\nnotice = "n"\n[[holidays]]\nfirst = 2027-01-01\n',
            "holidays[0].name",
            "节日名称",
        ),
        (
            'year = 2027\nnotice = "n"\n[[holidays]]\nname = "x"\nfirst = 2027-01-05\n'
            "last = 2027-01-01\n",
            "holidays[0].last",
            "早于",
        ),
        (
            'year = 2027\nnotice = "n"\n[[holidays]]\nname = "x"\nfirst = 2029-01-05\n',
            "holidays[0].first",
            "不在 2027 年内",
        ),
        (
            'year = 2027\nnotice = "n"\n[[workdays]]\nname = "x"\ndate = 2027-01-04\n',
            "workdays[0].date",
            "不是周六或周日",
        ),
        (
            'year = 2027\nnotice = "n"\n[[holidays]]\nname = "x"\nfirst = 2027-01-02\n'
            '[[workdays]]\nname = "x"\ndate = 2027-01-02\n',
            "workdays[0].date",
            "同时",
        ),
        (
            'year = 2027\nnotice = "n"\n[[holidays]]\nname = "x"\nfirst = "2027-01-02"\n',
            "holidays[0].first",
            "YYYY-MM-DD",
        ),
        ('year = 2027\nnotice = "n"\nholiday = []\n', "holiday", "未知的键"),
        ("year = = 2027", "", "TOML"),
    ],
)
def test_broken_tables_name_the_file_the_key_and_the_problem(
    text: str, key: str, problem: str
) -> None:
    with pytest.raises(HolidayTableError) as err:
        parse_holiday_table(text, "holidays/2027.toml")
    assert err.value.source == "holidays/2027.toml"
    assert err.value.key == key
    assert problem in str(err.value)


def test_a_broken_file_in_the_folder_is_reported_by_path(tmp_path: Path) -> None:
    bad = tmp_path / "2027.toml"
    bad.write_text("year = 2027\n", encoding="utf-8")
    with pytest.raises(HolidayTableError, match=str(bad)):
        load_holiday_tables(tmp_path)


# The counting uses bisection over the holiday tables; check it against
# walking day by day, the definition itself.


def naive_add(start: dt.date, n: int) -> dt.date:
    step = dt.timedelta(days=1 if n >= 0 else -1)
    d, left = start, abs(n)
    while left:
        d += step
        left -= is_working_day(d)
    return d


def naive_between(start: dt.date, end: dt.date) -> int:
    if end >= start:
        days = [start + dt.timedelta(days=i) for i in range(1, (end - start).days + 1)]
        return sum(map(is_working_day, days))
    days = [end + dt.timedelta(days=i) for i in range((start - end).days)]
    return -sum(map(is_working_day, days))


@settings(max_examples=400, deadline=None)
@given(st.dates(min_value=D(2003, 6, 1), max_value=D(2027, 6, 1)), counts)
def test_fast_counting_matches_walking_day_by_day(start: dt.date, n: int) -> None:
    assert add_working_days(start, n) == naive_add(start, n)
    end = start + dt.timedelta(days=n)
    assert working_days_between(start, end) == naive_between(start, end)
