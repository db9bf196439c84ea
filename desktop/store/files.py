"""Writing a file whole or not at all (evidence files, on the laptop and on
the server): to a temporary file in the target's folder, flushed to disk, then
renamed into place, so a crash or a cut leaves no half-written file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_whole(target: Path, data: bytes | Iterable[bytes]) -> None:
    """Put ``data`` (bytes, or pieces of it in order) at ``target``
    (replacing it) atomically; the folder is made."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name[:8]}-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            for piece in [data] if isinstance(data, bytes) else data:
                out.write(piece)
            out.flush()
            os.fsync(out.fileno())
        os.replace(name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
