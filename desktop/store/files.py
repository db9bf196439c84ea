"""Writing a file whole or not at all (evidence files, on the laptop and on
the server): to a temporary file in the target's folder, flushed to disk, then
renamed into place, so a crash or a cut leaves no half-written file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_whole(target: Path, data: bytes) -> None:
    """Put ``data`` at ``target`` (replacing it) atomically; the folder is made."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name[:8]}-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
