"""The complainant's identity (投诉人身份) and its canonical byte encoding.

:class:`ComplainantIdentity` is the plaintext that the vault encrypts. Its
``repr``/``str`` never show the fields, so an identity that reaches a log, a
traceback or a crash report reveals nothing.

Canonical encoding (``to_bytes``), version 1::

    u8   format version (= 1)
    5 x  u32 big-endian length + UTF-8 bytes, in the fixed order
         name, id_number, phone, address, notes

The encoding is deterministic (the same identity always gives the same bytes),
needs no JSON, and ``from_bytes`` refuses unknown versions, truncated or
trailing data and invalid UTF-8. Values are stored exactly as given; use
:func:`~desktop.crypto.id_number.validate_id_number` and
:func:`~desktop.crypto.phone.normalise_phone` before building one if wanted.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from desktop.crypto._codec import CodecError, Reader, Writer

IDENTITY_FORMAT_VERSION = 1


@dataclass(frozen=True, repr=False)
class ComplainantIdentity:
    """Who complained. Every field is plain text and may be empty."""

    name: str = ""  # 姓名
    id_number: str = ""  # 身份证号码
    phone: str = ""  # 联系电话
    address: str = ""  # 地址
    notes: str = ""  # 备注

    def __post_init__(self) -> None:
        for f in fields(self):
            if not isinstance(getattr(self, f.name), str):
                raise TypeError(f"ComplainantIdentity.{f.name} must be str")

    def __repr__(self) -> str:
        return "ComplainantIdentity(<sealed fields hidden>)"

    __str__ = __repr__

    def to_bytes(self) -> bytes:
        """The canonical encoding described in the module docstring."""
        writer = Writer().u8(IDENTITY_FORMAT_VERSION)
        for f in fields(self):
            writer.bytes32(getattr(self, f.name).encode("utf-8"))
        return writer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> ComplainantIdentity:
        """Decode :meth:`to_bytes` output; raises ``ValueError`` if malformed."""
        try:
            reader = Reader(data)
            version = reader.u8()
            if version != IDENTITY_FORMAT_VERSION:
                raise ValueError(f"不支持的身份数据版本：{version}")
            values = [reader.bytes32().decode("utf-8") for _ in fields(cls)]
            reader.end()
        except (CodecError, UnicodeDecodeError):
            raise ValueError("身份数据格式错误或已损坏") from None
        return cls(*values)
