"""Envelope encryption of complainant identities."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from hypothesis import given, settings, strategies as st

from desktop.crypto import (
    ComplainantIdentity,
    DecryptionError,
    MalformedBlob,
    SealedIdentity,
    generate_keypair,
    open_identity,
    remove_recipients,
    rewrap,
    seal_identity,
)

LIN = ComplainantIdentity(
    name="林晓梅",
    id_number="350102199003076721",
    phone="13905912345",
    address="福州市鼓楼区五四路 1 号",
    notes="电话回访时请勿提及单位名称",
)
RECORD = "complaint-0190f3a2-7c1e-7b3a-9d2f-5a1b2c3d4e5f"

KEYS: dict[str, tuple[X25519PrivateKey, X25519PublicKey]] = {
    name: generate_keypair() for name in ("handler:zhang", "handler:wang", "office-recovery")
}
OUTSIDER, OUTSIDER_PUBLIC = generate_keypair()


def _recipients(*names: str) -> dict[str, X25519PublicKey]:
    return {name: KEYS[name][1] for name in names or KEYS}


def _sealed(record_id: str | None = RECORD) -> SealedIdentity:
    return seal_identity(LIN, _recipients(), record_id=record_id)


def test_every_recipient_can_open() -> None:
    sealed = _sealed()
    for key_id, (private, _) in KEYS.items():
        assert open_identity(sealed, key_id, private, record_id=RECORD) == LIN


def test_recovery_key_can_open_after_storage_round_trip() -> None:
    stored = _sealed().to_bytes()
    private = KEYS["office-recovery"][0]
    opened = open_identity(
        SealedIdentity.from_bytes(stored), "office-recovery", private, record_id=RECORD
    )
    assert opened == LIN


def test_serialisation_round_trip_is_exact_and_deterministic() -> None:
    sealed = _sealed()
    data = sealed.to_bytes()
    assert SealedIdentity.from_bytes(data) == sealed
    assert SealedIdentity.from_bytes(data).to_bytes() == data
    assert data[:5] == b"XNID\x01"
    assert sealed.key_ids == frozenset(KEYS)


def test_each_seal_uses_a_fresh_key_and_nonce() -> None:
    a, b = _sealed(), _sealed()
    assert a.nonce != b.nonce
    assert a.ciphertext != b.ciphertext
    assert a.wrapped_keys["handler:zhang"] != b.wrapped_keys["handler:zhang"]


def test_non_recipient_cannot_open() -> None:
    sealed = _sealed()
    with pytest.raises(DecryptionError, match="无权解密"):
        open_identity(sealed, "handler:li", OUTSIDER, record_id=RECORD)


def test_wrong_private_key_for_a_key_id_cannot_open() -> None:
    sealed = _sealed()
    with pytest.raises(DecryptionError) as info:
        open_identity(sealed, "handler:zhang", OUTSIDER, record_id=RECORD)
    assert str(info.value) == "解密失败：密钥不匹配、记录不符或数据已被篡改"
    with pytest.raises(DecryptionError):
        open_identity(sealed, "handler:zhang", KEYS["handler:wang"][0], record_id=RECORD)


def test_record_id_binding() -> None:
    sealed = _sealed()
    zhang = KEYS["handler:zhang"][0]
    for wrong in ("complaint-other", "", None, RECORD + " "):
        with pytest.raises(DecryptionError):
            open_identity(sealed, "handler:zhang", zhang, record_id=wrong)
    unbound = _sealed(record_id=None)
    assert open_identity(unbound, "handler:zhang", zhang) == LIN
    with pytest.raises(DecryptionError):
        open_identity(unbound, "handler:zhang", zhang, record_id="")


def test_tampering_any_byte_is_detected() -> None:
    """Every flipped bit stops someone from opening, and nobody opens anything but LIN.

    A flip inside one recipient's entry (key id or wrapped key) only locks out
    that recipient: the entries are independent by design.
    """
    data = _sealed().to_bytes()
    for i in range(len(data)):
        for flip in (0x01, 0x80):
            tampered = bytearray(data)
            tampered[i] ^= flip
            failures = 0
            for key_id, (private, _) in KEYS.items():
                try:
                    sealed = SealedIdentity.from_bytes(bytes(tampered))
                    opened = open_identity(sealed, key_id, private, record_id=RECORD)
                except DecryptionError:
                    failures += 1
                else:
                    assert opened == LIN
            assert failures >= 1, (i, flip)


@pytest.mark.parametrize("part", ["nonce", "ciphertext", "wrapped"])
def test_tampering_fields_directly_is_detected(part: str) -> None:
    sealed = _sealed()
    zhang = KEYS["handler:zhang"][0]
    size = {
        "nonce": len(sealed.nonce),
        "ciphertext": len(sealed.ciphertext),
        "wrapped": len(sealed.wrapped_keys["handler:zhang"]),
    }[part]
    for i in range(size):
        nonce, ciphertext = bytearray(sealed.nonce), bytearray(sealed.ciphertext)
        wrapped = dict(sealed.wrapped_keys)
        if part == "nonce":
            nonce[i] ^= 0x01
        elif part == "ciphertext":
            ciphertext[i] ^= 0x01
        else:
            changed = bytearray(wrapped["handler:zhang"])
            changed[i] ^= 0x01
            wrapped["handler:zhang"] = bytes(changed)
        forged = SealedIdentity(
            nonce=bytes(nonce), ciphertext=bytes(ciphertext), wrapped_keys=wrapped
        )
        with pytest.raises(DecryptionError):
            open_identity(forged, "handler:zhang", zhang, record_id=RECORD)


def test_wrapped_key_cannot_be_relabelled() -> None:
    sealed = _sealed()
    wrapped = dict(sealed.wrapped_keys)
    wrapped["handler:li"] = wrapped["handler:zhang"]
    moved = SealedIdentity(nonce=sealed.nonce, ciphertext=sealed.ciphertext, wrapped_keys=wrapped)
    with pytest.raises(DecryptionError):
        open_identity(moved, "handler:li", KEYS["handler:zhang"][0], record_id=RECORD)


def test_ciphertext_from_another_identity_does_not_open() -> None:
    a, b = _sealed(), _sealed()
    spliced = SealedIdentity(nonce=b.nonce, ciphertext=b.ciphertext, wrapped_keys=a.wrapped_keys)
    with pytest.raises(DecryptionError):
        open_identity(spliced, "handler:zhang", KEYS["handler:zhang"][0], record_id=RECORD)


def test_serialised_forms_do_not_contain_plaintext() -> None:
    data = _sealed().to_bytes()
    for text in ("林晓梅", "350102199003076721", "13905912345", "五四路"):
        for encoding in ("utf-8", "utf-16-le", "gbk"):
            assert text.encode(encoding) not in data, (text, encoding)
    assert "林晓梅" not in repr(_sealed())


def test_ciphertext_length_hides_small_length_differences() -> None:
    short = seal_identity(ComplainantIdentity(name="林"), _recipients())
    longer = seal_identity(ComplainantIdentity(name="欧阳晓梅", address="福州"), _recipients())
    assert len(short.ciphertext) == len(longer.ciphertext) == 128 + 16


def test_rewrap_adds_a_handler_without_reencrypting() -> None:
    sealed = seal_identity(LIN, _recipients("handler:zhang", "office-recovery"), record_id=RECORD)
    li_private, li_public = generate_keypair()
    wider = rewrap(
        sealed,
        "handler:zhang",
        KEYS["handler:zhang"][0],
        {"handler:li": li_public},
        record_id=RECORD,
    )
    assert (wider.nonce, wider.ciphertext) == (sealed.nonce, sealed.ciphertext)
    assert wider.key_ids == {"handler:zhang", "office-recovery", "handler:li"}
    assert wider.wrapped_keys["handler:zhang"] == sealed.wrapped_keys["handler:zhang"]
    assert open_identity(wider, "handler:li", li_private, record_id=RECORD) == LIN
    assert open_identity(wider, "handler:zhang", KEYS["handler:zhang"][0], record_id=RECORD) == LIN


def test_recovery_key_can_rewrap() -> None:
    sealed = _sealed()
    new_private, new_public = generate_keypair()
    wider = rewrap(
        sealed,
        "office-recovery",
        KEYS["office-recovery"][0],
        {"handler:new": new_public},
        record_id=RECORD,
    )
    assert open_identity(wider, "handler:new", new_private, record_id=RECORD) == LIN


def test_rewrap_replaces_a_rotated_key() -> None:
    sealed = _sealed()
    rotated_private, rotated_public = generate_keypair()
    rotated = rewrap(
        sealed,
        "office-recovery",
        KEYS["office-recovery"][0],
        {"handler:wang": rotated_public},
        record_id=RECORD,
    )
    assert open_identity(rotated, "handler:wang", rotated_private, record_id=RECORD) == LIN
    with pytest.raises(DecryptionError):
        open_identity(rotated, "handler:wang", KEYS["handler:wang"][0], record_id=RECORD)


def test_rewrap_needs_a_real_recipient_and_the_right_record() -> None:
    sealed = _sealed()
    with pytest.raises(DecryptionError):
        rewrap(sealed, "handler:li", OUTSIDER, {"handler:x": OUTSIDER_PUBLIC}, record_id=RECORD)
    with pytest.raises(DecryptionError):
        rewrap(sealed, "handler:zhang", OUTSIDER, {"handler:x": OUTSIDER_PUBLIC}, record_id=RECORD)
    with pytest.raises(DecryptionError):
        rewrap(
            sealed,
            "handler:zhang",
            KEYS["handler:zhang"][0],
            {"x": OUTSIDER_PUBLIC},
            record_id="other",
        )


def test_remove_recipients() -> None:
    sealed = _sealed()
    narrower = remove_recipients(sealed, iter(["handler:wang"]))
    assert narrower.key_ids == {"handler:zhang", "office-recovery"}
    with pytest.raises(DecryptionError):
        open_identity(narrower, "handler:wang", KEYS["handler:wang"][0], record_id=RECORD)
    with pytest.raises(ValueError):
        remove_recipients(sealed, KEYS)


@pytest.mark.parametrize(
    "recipients", [{}, {"": generate_keypair()[1]}, {"x" * 256: generate_keypair()[1]}]
)
def test_bad_recipients_are_refused(recipients: dict[str, X25519PublicKey]) -> None:
    with pytest.raises(ValueError):
        seal_identity(LIN, recipients)


def test_low_order_public_key_is_refused() -> None:
    with pytest.raises(ValueError, match="公钥无效"):
        seal_identity(LIN, {"bad": X25519PublicKey.from_public_bytes(bytes(32))})


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"XNID",
        b"XNID\x02" + bytes(200),
        b"NOPE\x01" + bytes(200),
        _sealed().to_bytes() + b"\x00",
        _sealed().to_bytes()[:-1],
    ],
)
def test_malformed_serialisation_is_refused(data: bytes) -> None:
    with pytest.raises(MalformedBlob):
        SealedIdentity.from_bytes(data)


def test_sealed_identity_is_immutable() -> None:
    sealed = _sealed()
    with pytest.raises(TypeError):
        sealed.wrapped_keys["x"] = b""  # type: ignore[index]
    assert hash(sealed) == hash(SealedIdentity.from_bytes(sealed.to_bytes()))


@settings(max_examples=30, deadline=None)
@given(
    st.builds(ComplainantIdentity, st.text(), st.text(), st.text(), st.text(), st.text()),
    st.one_of(st.none(), st.text()),
)
def test_round_trip_property(identity: ComplainantIdentity, record_id: str | None) -> None:
    sealed = seal_identity(identity, _recipients("handler:wang"), record_id=record_id)
    stored = SealedIdentity.from_bytes(sealed.to_bytes())
    assert (
        open_identity(stored, "handler:wang", KEYS["handler:wang"][0], record_id=record_id)
        == identity
    )


def test_seal_secret_round_trip_for_every_recipient() -> None:
    from desktop.crypto import generate_keypair, open_secret, seal_secret

    a_priv, a_pub = generate_keypair()
    r_priv, r_pub = generate_keypair()
    secret = bytes(range(32))
    sealed = seal_secret(secret, {"handler-a": a_pub, "recovery": r_pub}, record_id="office")
    assert open_secret(sealed, "handler-a", a_priv, record_id="office") == secret
    assert open_secret(sealed, "recovery", r_priv, record_id="office") == secret
    assert secret not in sealed.to_bytes()
