"""zlib (FlateDecode) compression of a PDF's many small streams, without the cost of
setting zlib up for large ones.

A compressor with zlib's default 32 KB window and memory level allocates some
270 KB of state, which the C library maps and unmaps for every stream: about
35 µs, more than compressing a page's content stream takes. The pieces
compressed here are a few KB; a 4 KB window (``wbits`` 12, memory level 4)
finds the same repetitions and sets up in a fraction of that time.
"""

from __future__ import annotations

import zlib

__all__ = ["compress", "deflate"]

_WINDOW_BITS = 12
_MEMORY_LEVEL = 4


def compress(data: bytes, level: int) -> bytes:
    """``data`` as a zlib stream (header, deflate blocks, Adler-32)."""
    packer = zlib.compressobj(level, zlib.DEFLATED, _WINDOW_BITS, _MEMORY_LEVEL)
    return packer.compress(data) + packer.flush()


def deflate(data: bytes, level: int) -> bytes:
    """``data`` as raw deflate blocks ending on a byte boundary, not the last block:
    such pieces joined, behind a zlib header and followed by a last block and the
    Adler-32 of all the data, make a zlib stream."""
    packer = zlib.compressobj(level, zlib.DEFLATED, -_WINDOW_BITS, _MEMORY_LEVEL)
    return packer.compress(data) + packer.flush(zlib.Z_FULL_FLUSH)
