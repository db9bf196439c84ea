"""Phone numbers: one canonical form so the same number always matches.

:func:`normalise_phone` folds full-width characters to ASCII, drops
whitespace and the usual separators (``-``, ``.``, ``/``, parentheses),
removes the China country prefix (``+86``, ``0086``, or a bare ``86`` in front
of an 11-digit mobile number) and then requires digits only. It does not
check that the number exists; landlines keep their area code
(``0591-87654321`` → ``059187654321``).
"""

from __future__ import annotations

import re
import unicodedata

from desktop.crypto.errors import InvalidText
from desktop.domain.messages import msg

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—.()/]+")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")


class InvalidPhoneNumber(InvalidText):
    """The text is not a phone number; the message says why, in Chinese."""


def normalise_phone(value: str) -> str:
    """Return the phone number as ASCII digits only, or raise :class:`InvalidPhoneNumber`."""
    text = _SEPARATORS.sub("", unicodedata.normalize("NFKC", value))
    for prefix in ("+86", "0086"):
        if text.startswith(prefix):
            text = text[len(prefix) :]
            break
    else:
        if text.startswith("86") and _MOBILE.fullmatch(text[2:]):
            text = text[2:]
    if not text:
        raise InvalidPhoneNumber(msg("电话号码不能为空"))
    if not (text.isascii() and text.isdigit()):
        raise InvalidPhoneNumber(msg("电话号码只能包含数字、空格、连字符和 +86 前缀"))
    return text
