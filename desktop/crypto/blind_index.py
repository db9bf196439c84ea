"""Keyed blind index: find repeat complainants without decrypting anyone.

``BlindIndexer(key).id_number(s)`` and ``.phone(s)`` return the lowercase hex
HMAC-SHA256 (64 characters) of the normalised value, prefixed for domain
separation: ``"id:" + normalise_id_number(s)`` and ``"phone:" +
normalise_phone(s)``, UTF-8 encoded. An ID number and a phone number with the
same digits therefore never collide.

The ID number is normalised but not validated (a mistyped number stored years
ago must still be indexable); validate on entry with
:func:`~desktop.crypto.id_number.validate_id_number`. Empty values are
refused, otherwise every complainant without a phone would "match".

The key is an office-wide secret (at least 32 bytes, see
:func:`generate_blind_index_key`); without it the index cannot be brute-forced
over the small space of ID numbers and phone numbers. It is never shown by
``repr``.
"""

from __future__ import annotations

import os

from cryptography.hazmat.primitives import hashes, hmac

from desktop.crypto.id_number import normalise_id_number
from desktop.crypto.phone import normalise_phone

BLIND_INDEX_KEY_SIZE = 32


def generate_blind_index_key() -> bytes:
    """A fresh random 256-bit blind-index key."""
    return os.urandom(BLIND_INDEX_KEY_SIZE)


class BlindIndexer:
    """Computes blind indexes with one secret key."""

    __slots__ = ("_key",)

    def __init__(self, key: bytes) -> None:
        if len(key) < BLIND_INDEX_KEY_SIZE:
            raise ValueError(f"盲索引密钥至少需要 {BLIND_INDEX_KEY_SIZE} 字节")
        self._key = bytes(key)

    def __repr__(self) -> str:
        return "BlindIndexer(<key hidden>)"

    def id_number(self, value: str) -> str:
        """Blind index of an ID number (hex); raises ``ValueError`` if it is empty."""
        number = normalise_id_number(value)
        if not number:
            raise ValueError("身份证号码为空，无法建立索引")
        return self._mac("id:" + number)

    def phone(self, value: str) -> str:
        """Blind index of a phone number (hex); raises ``InvalidPhoneNumber`` if not a number."""
        return self._mac("phone:" + normalise_phone(value))

    def _mac(self, message: str) -> str:
        mac = hmac.HMAC(self._key, hashes.SHA256())
        mac.update(message.encode("utf-8"))
        return mac.finalize().hex()
