"""Passwords (argon2id) and session tokens (opaque, stored only as SHA-256)."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

TOKEN_BYTES = 32
MIN_PASSWORD_LENGTH = 8

#: argon2id with the library's RFC 9106 low-memory profile. Tests swap in a
#: cheaper one; production code never changes it.
hasher = PasswordHasher()
_DUMMY_HASH: str | None = None


def hash_password(password: str) -> str:
    return hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches; an unknown user (``None``) costs the same
    time as a wrong password, so timing does not tell which usernames exist."""
    global _DUMMY_HASH
    if password_hash is None:
        if _DUMMY_HASH is None:
            _DUMMY_HASH = hasher.hash(secrets.token_hex(16))
        password_hash = _DUMMY_HASH
        with contextlib.suppress(VerificationError, InvalidHashError):
            hasher.verify(password_hash, password)
        return False
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    try:
        return hasher.check_needs_rehash(password_hash)
    except InvalidHashError:
        return False


def new_token() -> str:
    """A new session token: 32 random bytes, URL-safe base64 without padding."""
    return base64.urlsafe_b64encode(secrets.token_bytes(TOKEN_BYTES)).rstrip(b"=").decode("ascii")


def token_hash(token: str) -> str:
    """What the database keeps of a token (hex SHA-256 of its text)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
