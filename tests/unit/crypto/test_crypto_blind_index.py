"""Blind index: same person -> same index, without decrypting anything."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from hypothesis import given, strategies as st

from desktop.crypto import (
    BLIND_INDEX_KEY_SIZE,
    BlindIndexer,
    InvalidPhoneNumber,
    generate_blind_index_key,
)

KEY = bytes(range(32))
INDEXER = BlindIndexer(KEY)


def test_id_number_spellings_give_one_index() -> None:
    forms = [
        "350102199003076721",
        " 350102 19900307 6721 ",
        "３５０１０２１９９００３０７６７２１",
        "３５０１０２\u3000１９９００３０７\u3000６７２１",
    ]
    assert len({INDEXER.id_number(f) for f in forms}) == 1


def test_x_check_character_is_case_insensitive() -> None:
    assert INDEXER.id_number("11010519491231002x") == INDEXER.id_number("11010519491231002X")
    assert INDEXER.id_number("11010519491231002ｘ") == INDEXER.id_number("11010519491231002X")


def test_phone_spellings_give_one_index() -> None:
    forms = [
        "13905912345",
        "+86 139-0591-2345",
        "0086 139 0591 2345",
        "＋８６ １３９０５９１２３４５",
    ]
    assert len({INDEXER.phone(f) for f in forms}) == 1


def test_index_is_documented_hmac_sha256_hex() -> None:
    expected = hmac.new(KEY, b"id:350102199003076721", hashlib.sha256).hexdigest()
    assert INDEXER.id_number(" 350102 19900307 6721 ") == expected
    expected = hmac.new(KEY, b"phone:13905912345", hashlib.sha256).hexdigest()
    assert INDEXER.phone("+86 139-0591-2345") == expected


def test_fields_are_domain_separated() -> None:
    digits = "13905912345"
    assert INDEXER.id_number(digits) != INDEXER.phone(digits)


def test_different_values_give_different_indexes() -> None:
    assert INDEXER.id_number("350102199003076721") != INDEXER.id_number("11010519491231002X")
    assert INDEXER.phone("13905912345") != INDEXER.phone("13905912346")


def test_index_depends_on_the_key() -> None:
    other = BlindIndexer(bytes(32))
    assert other.id_number("350102199003076721") != INDEXER.id_number("350102199003076721")
    assert other.phone("13905912345") != INDEXER.phone("13905912345")


def test_index_does_not_contain_the_value() -> None:
    index = INDEXER.id_number("350102199003076721")
    assert len(index) == 64
    assert "350102199003076721" not in index


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True), st.integers(0, 10))
def test_distinct_phones_have_distinct_indexes(phone: str, position: int) -> None:
    changed = phone[:position] + str((int(phone[position]) + 1) % 10) + phone[position + 1 :]
    assert INDEXER.phone(phone) != INDEXER.phone(changed)
    assert INDEXER.phone(phone) == INDEXER.phone(f"+86 {phone[:3]}-{phone[3:7]}-{phone[7:]}")


def test_empty_values_are_refused() -> None:
    with pytest.raises(ValueError):
        INDEXER.id_number("  ")
    with pytest.raises(InvalidPhoneNumber):
        INDEXER.phone("")


def test_key_generation_and_length() -> None:
    key = generate_blind_index_key()
    assert len(key) == BLIND_INDEX_KEY_SIZE
    assert key != generate_blind_index_key()
    with pytest.raises(ValueError):
        BlindIndexer(b"short")


def test_repr_hides_the_key() -> None:
    assert repr(INDEXER) == "BlindIndexer(<key hidden>)"
    assert KEY.hex() not in repr(INDEXER)
