"""Citizen ID numbers (公民身份号码, GB 11643-1999): normalisation and validation.

An 18-character number is: 6 region digits (GB/T 2260), 8 birth-date digits
(YYYYMMDD), 3 sequence digits and a check character computed with ISO 7064
MOD 11-2 over the first 17 digits (``0``-``9`` or ``X`` for ten).

Checks made by :func:`validate_id_number`, in order: length, characters,
region (the first two digits must be a province-level code, or 81/82/83 for
Hong Kong / Macao / Taiwan residence permits; numbers beginning with 9 — the
2023 foreign permanent resident card — are accepted when digits 2-3 are a
province code), birth date (a real calendar date, not before 1900 and not in
the future), and the check character.

Error messages never repeat the number itself, so they are safe to log.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from desktop.crypto.errors import InvalidText
from desktop.domain.messages import msg

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_SHAPE = re.compile(r"[0-9]{17}[0-9X]")
_PROVINCES = frozenset(
    {
        "11", "12", "13", "14", "15",
        "21", "22", "23",
        "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46",
        "50", "51", "52", "53", "54",
        "61", "62", "63", "64", "65",
        "71",
    }
)  # fmt: skip
_RESIDENCE_PERMITS = frozenset({"81", "82", "83"})
_EARLIEST_BIRTH = dt.date(1900, 1, 1)


class InvalidIdNumber(InvalidText):
    """The ID number is not a valid GB 11643 number; the message says why, in Chinese."""


def normalise_id_number(value: str) -> str:
    """Canonical form of an ID number as typed, without validating it.

    Full-width characters become ASCII (NFKC), every kind of whitespace is
    removed and ``x`` becomes ``X``.
    """
    folded = unicodedata.normalize("NFKC", value)
    return "".join(folded.split()).upper()


def check_character(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for 17 ASCII digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("计算校验位需要 17 位数字")
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def validate_id_number(value: str, *, today: dt.date | None = None) -> str:
    """Return the normalised 18-character ID number, or raise :class:`InvalidIdNumber`.

    ``today`` (default: the local date) bounds the birth date from above.
    """
    number = normalise_id_number(value)
    if not number:
        raise InvalidIdNumber(msg("身份证号码不能为空"))
    if len(number) != 18:
        raise InvalidIdNumber(
            msg("身份证号码长度错误：应为 18 位，实为 {length} 位", length=len(number))
        )
    if not _SHAPE.fullmatch(number):
        raise InvalidIdNumber(msg("身份证号码含有非法字符：前 17 位应为数字，末位应为数字或 X"))
    _check_region(number)
    _check_birth_date(number[6:14], today or dt.date.today())
    expected = check_character(number[:17])
    if number[17] != expected:
        raise InvalidIdNumber(
            msg(
                "身份证号码校验位错误：应为 {expected}，实为 {actual}",
                expected=expected,
                actual=number[17],
            )
        )
    return number


def _check_region(number: str) -> None:
    province = number[1:3] if number[0] == "9" else number[:2]
    if province in _PROVINCES or (number[0] != "9" and province in _RESIDENCE_PERMITS):
        return
    raise InvalidIdNumber(
        msg("身份证号码地址码错误：{code} 不是有效的省级行政区划代码", code=number[:2])
    )


def _check_birth_date(digits: str, today: dt.date) -> None:
    try:
        born = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise InvalidIdNumber(msg("身份证号码出生日期错误：不是有效的日期")) from None
    if born < _EARLIEST_BIRTH:
        raise InvalidIdNumber(msg("身份证号码出生日期错误：早于 1900 年"))
    if born > today:
        raise InvalidIdNumber(msg("身份证号码出生日期错误：晚于今天"))
