"""A TrueType font file, read only as far as a document needs it.

Official documents need, per font: the descriptor's numbers (box, ascent,
descent, cap height, italic angle, weight), each character's glyph index
(``cmap``) and advance width (``hmtx``), and each glyph's outline (``loca``,
``glyf``) and side bearing for the embedded subsets. The file is mapped into
memory, not read: a glyph index is looked up in the character map's segments
when a character is first met, and an outline or an advance is read from the
file's bytes when a glyph is first used, so opening a font costs well under a
millisecond. (reportlab's ``TTFont`` read every glyph's metrics and position
and the whole character map into Python lists and dicts: some 70 ms a font,
most of a process's first render.)

Supported: TrueType outlines (``glyf``) with a Unicode character map of format 4
(Basic Multilingual Plane) or 12 (all planes), as the shipped fonts have
(``resources/fonts``; :mod:`desktop.documents.fonts`).
"""

from __future__ import annotations

import bisect
import mmap
import struct
import sys
from array import array
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Final, TypeVar

_K = TypeVar("_K")
_V = TypeVar("_V")


class Memo(dict[_K, _V]):
    """A dictionary that computes a missing value with ``derive`` and keeps it, also when
    looked up from C (``str.translate``, ``map(memo.__getitem__, keys)``)."""

    def __init__(self, derive: Callable[[_K], _V]) -> None:
        super().__init__()
        self.derive = derive

    def __missing__(self, key: _K) -> _V:
        value = self[key] = self.derive(key)
        return value


class FontFormatError(ValueError):
    """The file is not a TrueType font this module can read (it says why)."""


def big_endian(typecode: str, values: bytes | memoryview | Iterable[int]) -> array[int]:
    """An array of ``values`` (machine-order bytes or numbers) that holds the big-endian
    numbers of ``values`` (bytes) or whose bytes are ``values`` big-endian (numbers):
    swapping bytes converts either way."""
    numbers = array(typecode, bytes(values) if isinstance(values, memoryview) else values)
    if sys.byteorder == "little":
        numbers.byteswap()
    return numbers


_UNICODE_CMAPS: Final = ((3, 10), (0, 4), (0, 6), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))
"""(platform, encoding) of the Unicode character maps, the preferred first (full
Unicode before the Basic Multilingual Plane only)."""


class TrueType:
    """One TrueType file (字体文件), mapped read-only.

    Numbers in the font's own units (``units_per_em`` to the em) unless said otherwise;
    "thousandths" are 1/1000 em, as PDF font descriptors and widths give them.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        with path.open("rb") as file:
            self.data: Final = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        if self.data[:4] != b"\x00\x01\x00\x00":
            raise FontFormatError(f"{path}: not a TrueType font (no glyf outlines)")
        (count,) = struct.unpack_from(">H", self.data, 4)
        self.tables: Final[dict[str, tuple[int, int]]] = {}
        """Tag -> (offset, length) in the file."""
        for n in range(count):
            tag, _, offset, length = struct.unpack_from(">4sLLL", self.data, 12 + 16 * n)
            self.tables[tag.decode("latin-1")] = (offset, length)
        for tag in ("head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "OS/2", "post"):
            if tag not in self.tables:
                raise FontFormatError(f"{path}: no {tag!r} table")
        head = self.table("head")
        self.units_per_em: Final[int] = struct.unpack_from(">H", head, 18)[0]
        self._box = struct.unpack_from(">4h", head, 36)
        long_loca = struct.unpack_from(">h", head, 50)[0]
        self.glyph_count: Final[int] = struct.unpack_from(">H", self.table("maxp"), 4)[0]
        self._long_metrics: int = struct.unpack_from(">H", self.table("hhea"), 34)[0]
        self._metrics = self.table("hmtx")
        # where each glyph's outline starts in glyf (and so where the one before ends),
        # in bytes (long) or 2-byte words (short)
        self._places = big_endian("I" if long_loca else "H", self.table("loca"))
        self._place_unit = 1 if long_loca else 2
        self.glyph_of: Final = Memo[int, int](self._cmap_reader())
        """Code point -> its glyph index (0, .notdef, if the font lacks it)."""

    def table(self, tag: str) -> memoryview:
        """The table ``tag``'s bytes (a view into the mapped file)."""
        offset, length = self.tables[tag]
        return memoryview(self.data)[offset : offset + length]

    # ------------------------------------------------------------------ descriptor

    def thousandths(self, value: float) -> float:
        """A length in font units as thousandths of an em (unchanged at 1000 units to the em)."""
        return value if self.units_per_em == 1000 else value * (1000 / self.units_per_em)

    @property
    def box(self) -> list[float]:
        """The glyphs' bounding box (xMin, yMin, xMax, yMax), in thousandths."""
        return [self.thousandths(v) for v in self._box]

    @property
    def weight(self) -> int:
        """``OS/2`` usWeightClass (400 regular, 700 bold)."""
        weight: int = struct.unpack_from(">H", self.table("OS/2"), 4)[0]
        return weight

    @property
    def ascent(self) -> float:
        """Typographic ascender (``OS/2`` sTypoAscender), in thousandths."""
        return self.thousandths(struct.unpack_from(">h", self.table("OS/2"), 68)[0])

    @property
    def descent(self) -> float:
        """Typographic descender (``OS/2`` sTypoDescender, negative), in thousandths."""
        return self.thousandths(struct.unpack_from(">h", self.table("OS/2"), 70)[0])

    @property
    def cap_height(self) -> float:
        """``OS/2`` sCapHeight (version 2 and later; else the ascent), in thousandths."""
        os2 = self.table("OS/2")
        if struct.unpack_from(">H", os2, 0)[0] < 2:
            return self.ascent
        return self.thousandths(struct.unpack_from(">h", os2, 88)[0])

    @property
    def italic_angle(self) -> float:
        """``post`` italicAngle, degrees counter-clockwise (16.16 fixed point)."""
        whole, fraction = struct.unpack_from(">hH", self.table("post"), 4)
        angle: float = whole + fraction / 65536.0
        return angle

    @property
    def stem_v(self) -> int:
        """An estimate of the vertical stems' width for ``/StemV`` (a TrueType file does
        not say; the formula pdflib and reportlab use, from the weight)."""
        return 50 + int((self.weight / 65.0) ** 2)

    # ------------------------------------------------------------------ glyphs

    def metric(self, glyph: int) -> tuple[int, int]:
        """Glyph ``glyph``'s advance width and left side bearing (as an unsigned
        number, as ``hmtx`` stores it), in font units; glyphs past the long
        metrics share the last advance."""
        long_metrics = self._long_metrics
        if glyph < long_metrics:
            advance, bearing = struct.unpack_from(">HH", self._metrics, 4 * glyph)
            return advance, bearing
        advance = struct.unpack_from(">H", self._metrics, 4 * (long_metrics - 1))[0]
        place = 4 * long_metrics + 2 * (glyph - long_metrics)
        return advance, struct.unpack_from(">H", self._metrics, place)[0]

    def width(self, code: int) -> float:
        """The advance of the character ``code`` in thousandths (.notdef's if the font
        lacks it)."""
        return self.thousandths(self.metric(self.glyph_of[code])[0])

    def outline(self, glyph: int) -> memoryview:
        """Glyph ``glyph``'s outline as ``glyf`` stores it (empty for a blank glyph)."""
        start, unit, places = self.tables["glyf"][0], self._place_unit, self._places
        begin, end = start + unit * places[glyph], start + unit * places[glyph + 1]
        return memoryview(self.data)[begin:end]

    # ------------------------------------------------------------------ character map

    def _cmap_reader(self) -> Callable[[int], int]:
        """A function giving a code point's glyph from the preferred Unicode ``cmap``
        subtable, searching its segments (read into arrays once)."""
        cmap = self.table("cmap")
        count = struct.unpack_from(">H", cmap, 2)[0]
        subtables = {}
        for n in range(count):
            platform, encoding, offset = struct.unpack_from(">HHL", cmap, 4 + 8 * n)
            subtables[platform, encoding] = offset
        offset = next((subtables[key] for key in _UNICODE_CMAPS if key in subtables), None)
        if offset is None:
            raise FontFormatError(f"{self.path}: no Unicode character map")
        kind = struct.unpack_from(">H", cmap, offset)[0]
        if kind == 4:
            return _format_4(cmap[offset:])
        if kind == 12:
            return _format_12(cmap[offset:])
        raise FontFormatError(f"{self.path}: character map format {kind} is not supported")


def _format_4(table: memoryview) -> Callable[[int], int]:
    """Lookup in a format 4 subtable: segments of codes, each mapped by a delta or
    through the glyph array that follows the segments' range offsets."""
    segments = struct.unpack_from(">H", table, 6)[0] // 2
    ends = big_endian("H", table[14 : 14 + 2 * segments])
    at = 16 + 2 * segments
    starts = big_endian("H", table[at : at + 2 * segments])
    deltas = big_endian("h", table[at + 2 * segments : at + 4 * segments])
    ranges_at = at + 4 * segments
    ranges = big_endian("H", table[ranges_at : ranges_at + 2 * segments])
    length = struct.unpack_from(">H", table, 2)[0]

    def glyph(code: int) -> int:
        n = bisect.bisect_left(ends, code)
        if code > 0xFFFF or n == segments or code < starts[n]:
            return 0
        if ranges[n] == 0:
            return (code + deltas[n]) & 0xFFFF
        place = ranges_at + 2 * n + ranges[n] + 2 * (code - starts[n])
        if place + 2 > length:  # a broken font: as if the code were not mapped
            return 0
        found: int = struct.unpack_from(">H", table, place)[0]
        return 0 if found == 0 else (found + deltas[n]) & 0xFFFF

    return glyph


def _format_12(table: memoryview) -> Callable[[int], int]:
    """Lookup in a format 12 subtable: groups of consecutive codes and glyphs."""
    groups = struct.unpack_from(">L", table, 12)[0]
    fields = big_endian("I", table[16 : 16 + 12 * groups])
    starts, ends, glyphs = fields[0::3], fields[1::3], fields[2::3]

    def glyph(code: int) -> int:
        n = bisect.bisect_left(ends, code)
        if n == groups or code < starts[n]:
            return 0
        found: int = glyphs[n] + code - starts[n]
        return found

    return glyph
