"""Envelope encryption of complainant identities (投诉人身份保密).

Sealing an identity:

1. A fresh random 256-bit data key encrypts the identity with AES-256-GCM
   under a random 96-bit nonce. The plaintext is the identity's canonical
   encoding, length-prefixed and zero-padded to a multiple of 128 bytes so the
   ciphertext length says little about the name or address. The associated
   data binds the format version and, when given, a record id (e.g. the
   complaint id), so a ciphertext moved to another record no longer opens.
2. The data key is wrapped for every recipient (each handler's X25519 public
   key, and the office recovery key), each under a caller-chosen key id.
   Wrapping is ECIES-like, built from library primitives: an ephemeral X25519
   key agreement with the recipient's key, HKDF-SHA256 (info binds both public
   keys) to a one-time key-encryption key, AES-256-GCM over the data key with
   the version and the key id as associated data.

Wrapped key (92 bytes)::

    32 bytes ephemeral X25519 public key
    12 bytes AES-GCM nonce
    48 bytes AES-256-GCM ciphertext of the data key + 16-byte tag

Serialised :class:`SealedIdentity`, version 1 (integers big-endian)::

    4 bytes  magic b"XNID"
    u8       format version (= 1)
    12 bytes identity nonce
    u32      ciphertext length, then the ciphertext (with its 16-byte tag)
    u16      number of recipients (>= 1), then for each, sorted by key id:
             u16 key-id length + key id (UTF-8), u16 wrapped-key length + wrapped key

The serialisation is deterministic. Limits worth knowing: sealing needs only
public keys, so anyone holding them can produce a sealed identity — the vault
gives confidentiality, not proof of who sealed it; and the data key cannot be
wiped from Python memory after use.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop.crypto._codec import CodecError, Reader, Writer
from desktop.crypto.errors import DecryptionError, MalformedBlob
from desktop.crypto.identity import ComplainantIdentity
from desktop.domain.messages import msg

FORMAT_VERSION = 1
_MAGIC = b"XNID"
_KEY_SIZE = 32
_NONCE_SIZE = 12
_TAG_SIZE = 16
_WRAPPED_SIZE = _KEY_SIZE + _NONCE_SIZE + _KEY_SIZE + _TAG_SIZE
_PAD_BLOCK = 128
_IDENTITY_AAD = b"xiaoneng/identity-vault/identity"
_WRAP_AAD = b"xiaoneng/identity-vault/wrap"
_WRAP_INFO = b"xiaoneng/identity-vault/wrap-kek"


@dataclass(frozen=True)
class SealedIdentity:
    """An encrypted identity plus its data key wrapped for each recipient key id."""

    nonce: bytes
    ciphertext: bytes
    wrapped_keys: Mapping[str, bytes] = field(hash=False)
    version: int = FORMAT_VERSION

    def __post_init__(self) -> None:
        object.__setattr__(self, "wrapped_keys", MappingProxyType(dict(self.wrapped_keys)))

    @property
    def key_ids(self) -> frozenset[str]:
        """The key ids that can open this identity."""
        return frozenset(self.wrapped_keys)

    def to_bytes(self) -> bytes:
        """The versioned binary format described in the module docstring."""
        writer = Writer().raw(_MAGIC).u8(self.version).raw(self.nonce).bytes32(self.ciphertext)
        writer.u16(len(self.wrapped_keys))
        for key_id in sorted(self.wrapped_keys):
            writer.bytes16(key_id.encode("utf-8")).bytes16(self.wrapped_keys[key_id])
        return writer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> SealedIdentity:
        """Parse :meth:`to_bytes` output; raises :class:`MalformedBlob` if anything is off."""
        try:
            reader = Reader(data)
            if reader.raw(len(_MAGIC)) != _MAGIC or reader.u8() != FORMAT_VERSION:
                raise MalformedBlob(msg("加密身份数据格式错误或版本不受支持"))
            nonce = reader.raw(_NONCE_SIZE)
            ciphertext = reader.bytes32()
            wrapped: dict[str, bytes] = {}
            count = reader.u16()
            for _ in range(count):
                key_id = reader.bytes16().decode("utf-8")
                wrapped[key_id] = reader.bytes16()
            reader.end()
        except (CodecError, UnicodeDecodeError):
            raise MalformedBlob(msg("加密身份数据格式错误或已损坏")) from None
        if (
            count == 0
            or len(wrapped) != count
            or "" in wrapped
            or len(ciphertext) < _TAG_SIZE + _PAD_BLOCK
            or (len(ciphertext) - _TAG_SIZE) % _PAD_BLOCK
            or any(len(w) != _WRAPPED_SIZE for w in wrapped.values())
        ):
            raise MalformedBlob(msg("加密身份数据格式错误或已损坏"))
        return cls(nonce=nonce, ciphertext=ciphertext, wrapped_keys=wrapped)


def seal_secret(
    secret: bytes,
    recipients: Mapping[str, X25519PublicKey],
    *,
    record_id: str | None = None,
) -> SealedIdentity:
    """Encrypt any secret (e.g. the office blind-index key) for every recipient.

    The same envelope as :func:`seal_identity`; open it with :func:`open_secret`.
    """
    _check_recipients(recipients)
    data_key = AESGCM.generate_key(bit_length=256)
    nonce = os.urandom(_NONCE_SIZE)
    ciphertext = AESGCM(data_key).encrypt(
        nonce, _pad(secret), _identity_aad(FORMAT_VERSION, record_id)
    )
    wrapped = {key_id: _wrap(data_key, key_id, pub) for key_id, pub in recipients.items()}
    return SealedIdentity(nonce=nonce, ciphertext=ciphertext, wrapped_keys=wrapped)


def open_secret(
    sealed: SealedIdentity,
    key_id: str,
    private_key: X25519PrivateKey,
    *,
    record_id: str | None = None,
) -> bytes:
    """Decrypt a :func:`seal_secret` envelope; raises :class:`DecryptionError` on any failure."""
    data_key = _unwrap_for(sealed, key_id, private_key)
    try:
        return _unpad(_decrypt_identity(sealed, data_key, record_id))
    except ValueError:  # CodecError too: authenticated but not our layout
        raise MalformedBlob(msg("解密后的数据格式错误")) from None


def seal_identity(
    identity: ComplainantIdentity,
    recipients: Mapping[str, X25519PublicKey],
    *,
    record_id: str | None = None,
) -> SealedIdentity:
    """Encrypt ``identity`` for every recipient (key id -> public key).

    Include the office recovery key among ``recipients``. Pass the same
    ``record_id`` to :func:`open_identity` and :func:`rewrap`.
    """
    return seal_secret(identity.to_bytes(), recipients, record_id=record_id)


def open_identity(
    sealed: SealedIdentity,
    key_id: str,
    private_key: X25519PrivateKey,
    *,
    record_id: str | None = None,
) -> ComplainantIdentity:
    """Decrypt with the private key of ``key_id``; raises :class:`DecryptionError` on any failure.

    The caller writes the audit entry for the decryption.
    """
    plaintext = open_secret(sealed, key_id, private_key, record_id=record_id)
    try:
        return ComplainantIdentity.from_bytes(plaintext)
    except ValueError:
        raise MalformedBlob(msg("解密后的身份数据格式错误")) from None


def rewrap(
    sealed: SealedIdentity,
    key_id: str,
    private_key: X25519PrivateKey,
    new_recipients: Mapping[str, X25519PublicKey],
    *,
    record_id: str | None = None,
) -> SealedIdentity:
    """Give ``new_recipients`` access without re-encrypting the identity.

    ``key_id``/``private_key`` must be an existing recipient. The data key is
    checked against the ciphertext (and ``record_id``) before it is wrapped
    again. A key id already present is replaced (e.g. a handler's new key).
    This unwraps the data key, so audit it like an :func:`open_identity`.
    """
    _check_recipients(new_recipients)
    data_key = _unwrap_for(sealed, key_id, private_key)
    _decrypt_identity(sealed, data_key, record_id)
    wrapped = dict(sealed.wrapped_keys)
    wrapped.update({kid: _wrap(data_key, kid, pub) for kid, pub in new_recipients.items()})
    return SealedIdentity(nonce=sealed.nonce, ciphertext=sealed.ciphertext, wrapped_keys=wrapped)


def remove_recipients(sealed: SealedIdentity, key_ids: Iterable[str]) -> SealedIdentity:
    """A copy without the given key ids' wrapped keys (at least one recipient must remain).

    This only affects copies made from the result: anyone who kept the old
    bytes and their private key can still open those.
    """
    removed = set(key_ids)
    wrapped = {kid: w for kid, w in sealed.wrapped_keys.items() if kid not in removed}
    if not wrapped:
        raise ValueError("至少需要保留一个可以解密的接收人")
    return SealedIdentity(nonce=sealed.nonce, ciphertext=sealed.ciphertext, wrapped_keys=wrapped)


def _check_recipients(recipients: Mapping[str, X25519PublicKey]) -> None:
    if not recipients:
        raise ValueError("至少需要一个接收人（经办人或机构恢复密钥）")
    for key_id, public in recipients.items():
        if not isinstance(key_id, str) or not key_id or len(key_id.encode("utf-8")) > 255:
            raise ValueError("密钥标识必须是 1 至 255 字节的非空字符串")
        if not isinstance(public, X25519PublicKey):
            raise TypeError("接收人公钥必须是 X25519PublicKey")


def _identity_aad(version: int, record_id: str | None) -> bytes:
    writer = Writer().raw(_IDENTITY_AAD).u8(version)
    if record_id is None:
        writer.u8(0)
    else:
        writer.u8(1).bytes32(record_id.encode("utf-8"))
    return writer.getvalue()


def _wrap_aad(version: int, key_id: str) -> bytes:
    return Writer().raw(_WRAP_AAD).u8(version).bytes16(key_id.encode("utf-8")).getvalue()


def _kek(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    hkdf = HKDF(
        algorithm=hashes.SHA256(),
        length=_KEY_SIZE,
        salt=None,
        info=_WRAP_INFO + ephemeral + recipient,
    )
    return hkdf.derive(shared)


def _wrap(data_key: bytes, key_id: str, recipient: X25519PublicKey) -> bytes:
    ephemeral = X25519PrivateKey.generate()
    ephemeral_pub = ephemeral.public_key().public_bytes_raw()
    try:
        shared = ephemeral.exchange(recipient)
    except ValueError:  # low-order public key: the shared secret would be all zeros
        raise ValueError(f"接收人 {key_id} 的公钥无效") from None
    kek = _kek(shared, ephemeral_pub, recipient.public_bytes_raw())
    nonce = os.urandom(_NONCE_SIZE)
    return (
        ephemeral_pub
        + nonce
        + AESGCM(kek).encrypt(nonce, data_key, _wrap_aad(FORMAT_VERSION, key_id))
    )


def _unwrap_for(sealed: SealedIdentity, key_id: str, private_key: X25519PrivateKey) -> bytes:
    wrapped = sealed.wrapped_keys.get(key_id)
    if wrapped is None:
        raise DecryptionError(msg("无权解密：该投诉人身份没有为密钥“{key_id}”加密", key_id=key_id))
    if len(wrapped) != _WRAPPED_SIZE:
        raise MalformedBlob()
    ephemeral_pub, nonce, ciphertext = wrapped[:32], wrapped[32:44], wrapped[44:]
    try:
        shared = private_key.exchange(X25519PublicKey.from_public_bytes(ephemeral_pub))
        kek = _kek(shared, ephemeral_pub, private_key.public_key().public_bytes_raw())
        return AESGCM(kek).decrypt(nonce, ciphertext, _wrap_aad(sealed.version, key_id))
    except (InvalidTag, ValueError):
        raise DecryptionError() from None


def _decrypt_identity(sealed: SealedIdentity, data_key: bytes, record_id: str | None) -> bytes:
    if sealed.version != FORMAT_VERSION or len(sealed.nonce) != _NONCE_SIZE:
        raise MalformedBlob()
    try:
        return AESGCM(data_key).decrypt(
            sealed.nonce, sealed.ciphertext, _identity_aad(sealed.version, record_id)
        )
    except InvalidTag:
        raise DecryptionError() from None


def _pad(plaintext: bytes) -> bytes:
    body = Writer().bytes32(plaintext).getvalue()
    return body + bytes(-len(body) % _PAD_BLOCK)


def _unpad(padded: bytes) -> bytes:
    reader = Reader(padded)
    plaintext = reader.bytes32()
    if reader.raw(reader.remaining()).strip(b"\0"):
        raise ValueError("padding")
    return plaintext
