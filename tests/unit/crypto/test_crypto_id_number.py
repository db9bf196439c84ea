"""GB 11643 ID number normalisation and validation."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from desktop.crypto import InvalidIdNumber, check_character, normalise_id_number, validate_id_number

VALID = "350102199003076721"
TODAY = dt.date(2025, 6, 1)

_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def total_by_hand() -> int:
    return sum(int(d) * w for d, w in zip(VALID[:17], _WEIGHTS, strict=True))


def _with_check(first17: str) -> str:
    return first17 + check_character(first17)


def test_reference_number_is_valid_by_independent_computation() -> None:
    # Recomputed from the standard, not with the code under test:
    # 3*7+5*9+0*10+1*5+0*8+2*4+1*2+9*1+9*6+0*3+0*7+3*9+0*10+7*5+6*8+7*4+2*2 = 286,
    # 286 mod 11 = 0, and "10X98765432"[0] == "1", the last digit.
    assert total_by_hand() == 286
    assert "10X98765432"[total_by_hand() % 11] == VALID[17]
    assert validate_id_number(VALID, today=TODAY) == VALID


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (VALID, VALID),
        (" 350102 19900307 6721 ", VALID),
        ("３５０１０２１９９００３０７６７２１", VALID),  # full-width digits
        ("３５０１０２\u3000１９９００３０７\u3000６７２１", VALID),  # ideographic spaces
        ("11010519491231002X", "11010519491231002X"),  # GB 11643 example, X check
        ("11010519491231002x", "11010519491231002X"),
        ("11010519491231002ｘ", "11010519491231002X"),
        (_with_check("81000019940823002"), _with_check("81000019940823002")),  # HK permit
    ],
)
def test_valid_numbers_are_normalised(raw: str, expected: str) -> None:
    assert validate_id_number(raw, today=TODAY) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "身份证号码不能为空"),
        ("   ", "身份证号码不能为空"),
        ("35010219900307672", "身份证号码长度错误：应为 18 位，实为 17 位"),
        ("3501021990030767211", "身份证号码长度错误：应为 18 位，实为 19 位"),
        ("350102900307672", "身份证号码长度错误：应为 18 位，实为 15 位"),  # old 15-digit form
        ("35010219900307672A", "身份证号码含有非法字符"),
        ("3501021990030767X1", "身份证号码含有非法字符"),
        ("350102199003076720", "身份证号码校验位错误：应为 1，实为 0"),
        ("350102199003076722", "身份证号码校验位错误：应为 1，实为 2"),
        ("35010219900307672X", "身份证号码校验位错误：应为 1，实为 X"),
        ("110105194912310021", "身份证号码校验位错误：应为 X，实为 1"),
        (_with_check("35010219900230672"), "身份证号码出生日期错误：不是有效的日期"),  # 30 Feb
        (_with_check("35010219901307672"), "身份证号码出生日期错误：不是有效的日期"),  # month 13
        (_with_check("35010219900300672"), "身份证号码出生日期错误：不是有效的日期"),  # day 0
        (
            _with_check("35010219000229672"),
            "身份证号码出生日期错误：不是有效的日期",
        ),  # 1900 not leap
        (_with_check("35010218991231672"), "身份证号码出生日期错误：早于 1900 年"),
        (_with_check("35010220250602672"), "身份证号码出生日期错误：晚于今天"),
        (_with_check("00010219900307672"), "身份证号码地址码错误：00 不是有效的省级行政区划代码"),
        (_with_check("99010219900307672"), "身份证号码地址码错误"),
        (_with_check("84010219900307672"), "身份证号码地址码错误"),
    ],
)
def test_invalid_numbers_are_refused_with_a_reason(raw: str, message: str) -> None:
    with pytest.raises(InvalidIdNumber) as info:
        validate_id_number(raw, today=TODAY)
    assert str(info.value).startswith(message)
    assert isinstance(info.value, ValueError)


def test_leap_day_is_a_valid_birth_date() -> None:
    number = _with_check("35010220000229672")
    assert validate_id_number(number, today=TODAY) == number


def test_foreign_permanent_resident_number_is_accepted() -> None:
    number = _with_check("93515619900307672")  # 9 + Fujian (35) + ...
    assert validate_id_number(number, today=TODAY) == number


def test_error_messages_do_not_repeat_the_number() -> None:
    for bad in ("350102199003076720", _with_check("35010219900230672"), "35010219900307672"):
        with pytest.raises(InvalidIdNumber) as info:
            validate_id_number(bad, today=TODAY)
        assert bad not in str(info.value)
        assert bad[:14] not in str(info.value)


def test_normalise_does_not_validate() -> None:
    assert normalise_id_number(" １２３ x ") == "123X"


@given(
    region=st.sampled_from(["110105", "350102", "440305", "650102", "820000"]),
    born=st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY),
    sequence=st.integers(min_value=0, max_value=999),
)
def test_exactly_one_check_character_is_accepted(region: str, born: dt.date, sequence: int) -> None:
    first17 = f"{region}{born:%Y%m%d}{sequence:03d}"
    accepted = []
    for check in "0123456789X":
        try:
            validate_id_number(first17 + check, today=TODAY)
        except InvalidIdNumber as exc:
            assert "校验位错误" in str(exc)
        else:
            accepted.append(check)
    assert accepted == [check_character(first17)]


def test_check_character_needs_17_digits() -> None:
    with pytest.raises(ValueError):
        check_character("1234")
