"""ComplainantIdentity: canonical encoding and masked repr."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given, strategies as st

from desktop.crypto import ComplainantIdentity

LIN = ComplainantIdentity(
    name="林晓梅",
    id_number="350102199003076721",
    phone="13905912345",
    address="福州市鼓楼区五四路 1 号",
    notes="请勿向被投诉单位透露",
)

identities = st.builds(
    ComplainantIdentity,
    name=st.text(),
    id_number=st.text(),
    phone=st.text(),
    address=st.text(),
    notes=st.text(),
)


@given(identities)
def test_round_trip(identity: ComplainantIdentity) -> None:
    assert ComplainantIdentity.from_bytes(identity.to_bytes()) == identity


def test_encoding_is_deterministic_and_documented() -> None:
    data = ComplainantIdentity(name="林", phone="1").to_bytes()
    assert data == (
        b"\x01"
        + b"\x00\x00\x00\x03"
        + "林".encode()
        + b"\x00\x00\x00\x00"
        + b"\x00\x00\x00\x01"
        + b"1"
        + b"\x00\x00\x00\x00" * 2
    )
    assert data == ComplainantIdentity(name="林", phone="1").to_bytes()


def test_empty_identity_round_trips() -> None:
    empty = ComplainantIdentity()
    assert ComplainantIdentity.from_bytes(empty.to_bytes()) == empty


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x02" + LIN.to_bytes()[1:],  # unknown version
        LIN.to_bytes()[:-1],  # truncated
        LIN.to_bytes() + b"\x00",  # trailing data
        b"\x01" + b"\x00\x00\x00\x01\xff" + b"\x00\x00\x00\x00" * 4,  # invalid UTF-8
    ],
)
def test_malformed_encoding_is_refused(data: bytes) -> None:
    with pytest.raises(ValueError):
        ComplainantIdentity.from_bytes(data)


def test_fields_must_be_strings() -> None:
    with pytest.raises(TypeError):
        ComplainantIdentity(name=None)  # type: ignore[arg-type]


@pytest.mark.parametrize("render", [repr, str, "{}".format, "{!r}".format])
def test_repr_and_str_hide_every_field(render: object) -> None:
    assert callable(render)
    text = render(LIN)
    assert text == "ComplainantIdentity(<sealed fields hidden>)"
    for value in ("林晓梅", "350102199003076721", "13905912345", "五四路", "透露"):
        assert value not in text


def test_repr_inside_containers_and_logs_hides_fields(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        logging.getLogger("test").info("opened %s in %r", LIN, [LIN])
    assert "林晓梅" not in caplog.text
    assert "350102199003076721" not in caplog.text
    assert "13905912345" not in caplog.text
