"""Grey page images for the reference-image tests, without Pillow.

``pdftoppm -gray -png`` writes 8-bit PNGs (RGB with R = G = B, even with
``-gray``); the reviewed references are 8-bit grey PNGs. This reads both as
grey pixels, writes grey PNGs, and measures how far two images are apart.
"""

from __future__ import annotations

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def read_gray_png(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and grey pixels of an 8-bit grey or RGB non-interlaced PNG.

    pdftoppm writes RGB PNGs even with ``-gray``; the references are grey.
    """
    assert data[:8] == SIGNATURE
    pos, idat = 8, b""
    width = height = channels = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (0, 2) and interlace == 0, "8-bit grey or RGB"
            channels = 1 if colour == 0 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    # PNG filters predict a byte from the same channel of the pixel to the
    # left, above and above-left: the red channel decodes on its own, and in a
    # grey RGB image (R = G = B) it is the grey value.
    stride = width * channels
    out = bytearray()
    previous = bytearray(width)
    for row in range(height):
        start = row * (stride + 1)
        kind = raw[start]
        line = bytearray(raw[start + 1 : start + 1 + stride : channels])
        if kind:  # 0: no filter, the bytes are the pixels
            for x in range(width):
                left = line[x - 1] if x else 0
                up = previous[x]
                upper_left = previous[x - 1] if x else 0
                if kind == 1:
                    line[x] = (line[x] + left) & 0xFF
                elif kind == 2:
                    line[x] = (line[x] + up) & 0xFF
                elif kind == 3:
                    line[x] = (line[x] + (left + up) // 2) & 0xFF
                elif kind == 4:
                    p = left + up - upper_left
                    pa, pb, pc = abs(p - left), abs(p - up), abs(p - upper_left)
                    pred = left if pa <= pb and pa <= pc else up if pb <= pc else upper_left
                    line[x] = (line[x] + pred) & 0xFF
        out += line
        previous = line
    return width, height, bytes(out)


def _chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def write_gray_png(width: int, height: int, pixels: bytes) -> bytes:
    """An 8-bit grey PNG of ``pixels`` (rows top to bottom, unfiltered)."""
    assert len(pixels) == width * height, "one byte per pixel"
    raw = b"".join(b"\x00" + pixels[y * width : (y + 1) * width] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )


def mean_difference(pixels: bytes, expected: bytes) -> float:
    """Mean absolute difference of two grey images of the same size, 0 … 255."""
    assert len(pixels) == len(expected), "images of different sizes"
    return sum(abs(a - b) for a, b in zip(pixels, expected, strict=True)) / len(pixels)


def ink(pixels: bytes) -> float:
    """Mean darkness, 0 (white) … 255 (black): a blank page is close to 0."""
    return sum(255 - p for p in pixels) / len(pixels)
