"""Record keys: UUIDv7 (RFC 9562), so records made offline on two laptops never
collide and sort by creation time.

Python 3.11 has no ``uuid.uuid7``; this is the RFC's layout: 48-bit Unix time
in milliseconds, version and variant bits, and 74 random bits, of which the
top 12 (``rand_a``) are used as a counter within one millisecond so ids made
by one process are strictly increasing.
"""

from __future__ import annotations

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_counter = 0


def uuid7() -> uuid.UUID:
    """A new UUIDv7, strictly increasing within this process."""
    global _last_ms, _counter
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms:
            ms = _last_ms
            _counter += 1
            if _counter > 0xFFF:  # 4096 ids in one millisecond: borrow the next
                ms += 1
                _counter = 0
        else:
            _counter = int.from_bytes(os.urandom(2), "big") & 0x7FF  # leave room to count
        _last_ms = ms
        rand_b = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
        value = (ms & ((1 << 48) - 1)) << 80
        value |= 0x7 << 76 | _counter << 64 | 0b10 << 62 | rand_b
    return uuid.UUID(int=value)


def new_id() -> str:
    """A new record key as text (the one form used in the DB, the API and the UI)."""
    return str(uuid7())
