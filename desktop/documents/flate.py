"""zlib (FlateDecode) pieces of the font files embedded in PDFs, without the cost
of setting zlib up for large streams.

A compressor with zlib's default 32 KB window and memory level allocates some
270 KB of state, which the C library maps and unmaps for every stream: about
35 µs, more than compressing a glyph takes. The pieces compressed here (a
glyph, a fixed table) are a few KB at most; a 4 KB window (``wbits`` 12,
memory level 4) finds the same repetitions and sets up in a fraction of that
time. Each piece is compressed once a process (:mod:`desktop.documents.fonts`).
"""

from __future__ import annotations

import struct
import zlib

__all__ = ["deflate", "store"]

_WINDOW_BITS = 12
_MEMORY_LEVEL = 4


def deflate(data: bytes, level: int) -> bytes:
    """``data`` as raw deflate blocks ending on a byte boundary, not the last block:
    such pieces joined, behind a zlib header and followed by a last block and the
    Adler-32 of all the data, make a zlib stream."""
    packer = zlib.compressobj(level, zlib.DEFLATED, -_WINDOW_BITS, _MEMORY_LEVEL)
    return packer.compress(data) + packer.flush(zlib.Z_FULL_FLUSH)


def store(data: bytes) -> bytes:
    """``data`` as raw deflate blocks stored as they are (not the last block), like
    :func:`deflate`'s pieces: for a few hundred bytes of numbers zlib would shrink
    by a tenth, a block header instead of ~20 µs of Huffman trees."""
    blocks = []
    for start in range(0, len(data), 0xFFFF):
        chunk = data[start : start + 0xFFFF]
        blocks.append(struct.pack("<BHH", 0, len(chunk), len(chunk) ^ 0xFFFF) + chunk)
    return b"".join(blocks)
