"""Phone number normalisation."""

from __future__ import annotations

import pytest

from desktop.crypto import InvalidPhoneNumber, normalise_phone


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13905912345", "13905912345"),
        ("+86 139-0591-2345", "13905912345"),
        ("+86 13905912345", "13905912345"),
        ("0086 139 0591 2345", "13905912345"),
        ("86 139 0591 2345", "13905912345"),
        ("8613905912345", "13905912345"),
        ("（+86）139 0591 2345", "13905912345"),
        ("＋８６ １３９－０５９１－２３４５", "13905912345"),  # full-width
        ("139.0591.2345", "13905912345"),
        ("0591-87654321", "059187654321"),  # landline keeps its area code
        ("(0591) 8765 4321", "059187654321"),
        ("12345", "12345"),  # the 12345 hotline itself
        ("86123", "86123"),  # a bare 86 is only stripped before a mobile number
    ],
)
def test_normalise_phone(raw: str, expected: str) -> None:
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize("raw", ["", "  ", "+86", "--", "139O5912345", "tel:139", "١٣٩"])
def test_not_a_phone_number(raw: str) -> None:
    with pytest.raises(InvalidPhoneNumber) as info:
        normalise_phone(raw)
    assert isinstance(info.value, ValueError)
    assert "电话号码" in str(info.value)
