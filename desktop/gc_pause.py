"""Python's cyclic garbage collector paused while bulk work runs (回收暂停).

Bulk work here (rendering a batch of documents, writing a first sync's
records) makes many small objects but no reference cycles: reference counting
frees them all. The collector, triggered by their number, walked every object
of the process again and again (a full pass over the app's ~10^6 objects takes
50-100 ms and finds nothing). :func:`gc_paused` turns it off for the work;
nested and concurrent pauses share one, and the last to end turns it back on
if it was on before the first (no full collection: it would find nothing).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the ``with`` block."""
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
