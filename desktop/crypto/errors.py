"""Exceptions raised by the identity vault.

Every message is Simplified Chinese, meant for the user, and never contains
plaintext identity data, passwords or key material, so an exception may be
logged or shown without leaking anything.
"""

from __future__ import annotations


class VaultError(Exception):
    """Base class of every vault failure."""

    default_message = "身份保险库操作失败"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)

    @property
    def message(self) -> str:
        return str(self.args[0])


class DecryptionError(VaultError):
    """Nothing was decrypted: wrong key, not a recipient, or tampered data."""

    default_message = "解密失败：密钥不匹配、记录不符或数据已被篡改"


class MalformedBlob(DecryptionError):
    """The stored bytes are not a well-formed vault blob (truncated, altered, unknown version)."""

    default_message = "加密数据格式错误或已损坏"


class WrongPassword(DecryptionError):
    """The password does not open the sealed private key."""

    default_message = "密码错误，无法解开私钥"
