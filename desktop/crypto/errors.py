"""Exceptions raised by the identity vault, and by the checks of an ID or
phone number typed in.

Every message is Simplified Chinese, meant for the user (a
:func:`~desktop.domain.messages.msg`, which the UI shows in its language), and
never contains plaintext identity data, passwords or key material, so an
exception may be logged or shown without leaking anything.
"""

from __future__ import annotations

from desktop.domain.messages import msg


class VaultError(Exception):
    """Base class of every vault failure."""

    default_message: str = msg("身份保险库操作失败")

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)


class DecryptionError(VaultError):
    """Nothing was decrypted: wrong key, not a recipient, or tampered data."""

    default_message = msg("解密失败：密钥不匹配、记录不符或数据已被篡改")


class MalformedBlob(DecryptionError):
    """The stored bytes are not a well-formed vault blob (truncated, altered, unknown version)."""

    default_message = msg("加密数据格式错误或已损坏")


class WrongPassword(DecryptionError):
    """The password does not open the sealed private key."""

    default_message = msg("密码错误，无法解开私钥")


class InvalidText(ValueError):
    """Text typed in that is not a valid value (an ID or a phone number); the
    message says why. ``str()`` gives the message itself, so that the UI still
    has its template."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
