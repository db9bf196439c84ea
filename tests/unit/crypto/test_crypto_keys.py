"""Keypairs and private keys sealed by password (argon2id + AES-256-GCM)."""

from __future__ import annotations

import re
import time

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from desktop.crypto import (
    DEFAULT_ARGON2_PARAMS,
    Argon2Params,
    DecryptionError,
    MalformedBlob,
    WrongPassword,
    fingerprint,
    generate_keypair,
    open_private_key,
    public_key_from_bytes,
    public_key_to_bytes,
    seal_private_key,
)
from desktop.crypto.keys import derive_key

LIGHT = Argon2Params(time_cost=1, memory_cost_kib=64, parallelism=1)
PASSWORD = "督查-correct horse 2024"


def _raw(private: X25519PrivateKey) -> bytes:
    return private.private_bytes_raw()


def test_round_trip_with_light_parameters() -> None:
    private, _ = generate_keypair()
    blob = seal_private_key(private, PASSWORD, LIGHT)
    assert _raw(open_private_key(blob, PASSWORD)) == _raw(private)


def test_round_trip_with_default_parameters() -> None:
    private, public = generate_keypair()
    blob = seal_private_key(private, PASSWORD)
    opened = open_private_key(blob, PASSWORD)
    assert public_key_to_bytes(opened.public_key()) == public_key_to_bytes(public)


def test_default_parameters_cost_tens_of_milliseconds() -> None:
    start = time.perf_counter()
    derive_key(PASSWORD, bytes(16), DEFAULT_ARGON2_PARAMS)
    elapsed = time.perf_counter() - start
    assert 0.01 < elapsed < 2.0  # ~60 ms on the development machine; generous for CI


def test_wrong_password_is_refused() -> None:
    private, _ = generate_keypair()
    blob = seal_private_key(private, PASSWORD, LIGHT)
    for wrong in ("", "督查-correct horse 2025", PASSWORD + " ", PASSWORD.upper()):
        with pytest.raises(WrongPassword) as info:
            open_private_key(blob, wrong)
        assert str(info.value) == "密码错误，无法解开私钥"
        assert isinstance(info.value, DecryptionError)


def test_password_is_nfc_normalised() -> None:
    private, _ = generate_keypair()
    blob = seal_private_key(private, "caf\u00e9", LIGHT)
    assert _raw(open_private_key(blob, "cafe\u0301")) == _raw(private)


def test_empty_password_cannot_seal() -> None:
    private, _ = generate_keypair()
    with pytest.raises(ValueError):
        seal_private_key(private, "", LIGHT)


def test_parameters_are_stored_with_the_blob() -> None:
    private, _ = generate_keypair()
    light = seal_private_key(private, PASSWORD, LIGHT)
    other = Argon2Params(time_cost=2, memory_cost_kib=128, parallelism=2)
    heavier = seal_private_key(private, PASSWORD, other)
    assert light[5:14] == b"\x00\x00\x00\x01\x00\x00\x00\x40\x01"
    assert heavier[5:14] == b"\x00\x00\x00\x02\x00\x00\x00\x80\x02"
    assert _raw(open_private_key(heavier, PASSWORD)) == _raw(private)
    assert len(light) == 4 + 1 + 4 + 4 + 1 + 16 + 12 + 48


def test_every_byte_is_authenticated() -> None:
    private, _ = generate_keypair()
    blob = seal_private_key(private, PASSWORD, LIGHT)
    for i in range(len(blob)):
        tampered = bytearray(blob)
        tampered[i] ^= 0x01
        with pytest.raises(DecryptionError):
            open_private_key(bytes(tampered), PASSWORD)


@pytest.mark.parametrize(
    "blob",
    [
        b"",
        b"XNPK",
        b"NOPE" + bytes(86),
        b"XNPK\x02" + bytes(85),
        b"XNPK\x01" + bytes(85),  # zero cost parameters
        b"XNPK\x01\x00\x00\x00\x01\xff\xff\xff\xff\x01" + bytes(76),  # 4 TiB of memory
    ],
)
def test_malformed_blob(blob: bytes) -> None:
    with pytest.raises(MalformedBlob):
        open_private_key(blob, PASSWORD)


def test_blob_reveals_no_secret() -> None:
    private, _ = generate_keypair()
    blob = seal_private_key(private, PASSWORD, LIGHT)
    assert _raw(private) not in blob
    assert PASSWORD.encode() not in blob
    for text in ("林晓梅", "350102199003076721", "13905912345"):
        for encoding in ("utf-8", "utf-16-le", "gbk"):
            assert text.encode(encoding) not in blob


def test_sealing_twice_differs() -> None:
    private, _ = generate_keypair()
    assert seal_private_key(private, PASSWORD, LIGHT) != seal_private_key(private, PASSWORD, LIGHT)


def test_public_key_bytes_round_trip() -> None:
    _, public = generate_keypair()
    raw = public_key_to_bytes(public)
    assert len(raw) == 32
    assert public_key_to_bytes(public_key_from_bytes(raw)) == raw
    with pytest.raises(ValueError, match="公钥长度错误"):
        public_key_from_bytes(raw[:31])


def test_fingerprint_is_short_stable_and_distinct() -> None:
    _, a = generate_keypair()
    _, b = generate_keypair()
    assert re.fullmatch(r"[0-9a-f]{4}(-[0-9a-f]{4}){4}", fingerprint(a))
    assert fingerprint(a) == fingerprint(public_key_from_bytes(public_key_to_bytes(a)))
    assert fingerprint(a) != fingerprint(b)


@pytest.mark.parametrize(
    ("time_cost", "memory", "lanes"),
    [(0, 64, 1), (33, 64, 1), (1, 7, 1), (1, 64, 0), (1, 64, 256), (1, 2**21, 1)],
)
def test_argon2_parameter_bounds(time_cost: int, memory: int, lanes: int) -> None:
    with pytest.raises(ValueError):
        Argon2Params(time_cost, memory, lanes)
