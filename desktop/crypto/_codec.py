"""Tiny length-prefixed binary codec shared by the vault's storage formats.

All integers are unsigned big-endian. A variable-length field is written as
its length (``u16`` or ``u32``) followed by its bytes. :class:`Reader` is
strict: reading past the end, or leaving bytes unread when :meth:`Reader.end`
is called, raises :class:`CodecError`, so a truncated or padded blob is never
accepted silently.
"""

from __future__ import annotations

import struct

_U8 = struct.Struct(">B")
_U16 = struct.Struct(">H")
_U32 = struct.Struct(">I")


class CodecError(ValueError):
    """The bytes do not follow the expected layout (internal; callers translate it)."""


class Writer:
    """Accumulates fields into one ``bytes`` value."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def raw(self, data: bytes) -> Writer:
        self._parts.append(bytes(data))
        return self

    def u8(self, value: int) -> Writer:
        self._parts.append(_U8.pack(value))
        return self

    def u16(self, value: int) -> Writer:
        self._parts.append(_U16.pack(value))
        return self

    def u32(self, value: int) -> Writer:
        self._parts.append(_U32.pack(value))
        return self

    def bytes16(self, data: bytes) -> Writer:
        """Write ``data`` prefixed with its length as ``u16``."""
        return self.u16(len(data)).raw(data)

    def bytes32(self, data: bytes) -> Writer:
        """Write ``data`` prefixed with its length as ``u32``."""
        return self.u32(len(data)).raw(data)

    def getvalue(self) -> bytes:
        return b"".join(self._parts)


class Reader:
    """Reads fields back from a ``bytes`` value, refusing anything malformed."""

    def __init__(self, data: bytes) -> None:
        self._data = memoryview(bytes(data))
        self._pos = 0

    def raw(self, size: int) -> bytes:
        end = self._pos + size
        if size < 0 or end > len(self._data):
            raise CodecError("truncated data")
        chunk = self._data[self._pos : end].tobytes()
        self._pos = end
        return chunk

    def u8(self) -> int:
        value: int = _U8.unpack(self.raw(_U8.size))[0]
        return value

    def u16(self) -> int:
        value: int = _U16.unpack(self.raw(_U16.size))[0]
        return value

    def u32(self) -> int:
        value: int = _U32.unpack(self.raw(_U32.size))[0]
        return value

    def bytes16(self) -> bytes:
        return self.raw(self.u16())

    def bytes32(self) -> bytes:
        return self.raw(self.u32())

    def remaining(self) -> int:
        return len(self._data) - self._pos

    def end(self) -> None:
        """Assert that every byte has been consumed."""
        if self._pos != len(self._data):
            raise CodecError("trailing data")
