"""The fonts official documents are printed in: their metrics and their subsets
embedded in PDFs.

GB/T 9704-2012 asks for 仿宋 (body), 小标宋 (title, issuer mark), 黑体 and 楷体
(headings) and 宋体 (page numbers). The app ships the free Fandol fonts
(``resources/fonts``, GPL with the font exception, see the README there),
converted from CFF to TrueType outlines (a PDF embeds them as ``/FontFile2``).
They cover all 6,763 GB2312 hanzi. Each file is read through
:class:`~desktop.documents.truetype.TrueType`, only as far as a document needs it.

The constants are the fonts' file names; they are also the PostScript names
``pdffonts`` shows (``ABCDEF+FandolFang-Regular``). Fonts are embedded as
subsets (:func:`subset`), so a one-page decision carries only the glyphs it uses.
"""

from __future__ import annotations

import hashlib
import itertools
import operator
import struct
import sys
import threading
import zlib
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Final, NamedTuple

from desktop.documents import flate
from desktop.documents.truetype import Memo, TrueType, big_endian
from desktop.resources import resources_dir

BODY: Final = "FandolFang-Regular"
"""仿宋: body text, document number, tables, 版记."""
TITLE: Final = "FandolSong-Bold"
"""小标宋-style: the title and the issuer mark (a bold 宋体 stands in for 小标宋)."""
HEI: Final = "FandolHei-Regular"
"""黑体: first-level headings (一、) and the 密级 marking."""
KAI: Final = "FandolKai-Regular"
"""楷体: second-level headings (（一）)."""
SONG: Final = "FandolSong-Regular"
"""宋体: page numbers."""

ALL_FONTS: Final = (BODY, TITLE, HEI, KAI, SONG)
"""Every logical font, in fallback order for a character one of them lacks."""

_lock = threading.Lock()
_fonts: dict[str, TrueType] = {}  # logical fonts opened


class FontFileMissingError(FileNotFoundError):
    """A shipped font file is not where ``resources_dir()`` says it should be."""


def fonts_dir() -> Path:
    """The folder holding the shipped TrueType fonts."""
    return resources_dir() / "fonts"


def font_path(name: str) -> Path:
    """The TrueType file of the logical font ``name`` (one of :data:`ALL_FONTS`)."""
    if name not in ALL_FONTS:
        raise KeyError(f"unknown font {name!r}; expected one of {', '.join(ALL_FONTS)}")
    return fonts_dir() / f"{name}.ttf"


def font(name: str) -> TrueType:
    """The TrueType file of the logical font ``name``, opened once (a document opens
    only the fonts it uses).

    Raises :class:`FontFileMissingError` naming the file if it is missing.
    """
    opened = _fonts.get(name)
    if opened is not None:
        return opened
    with _lock:
        if name not in _fonts:
            path = font_path(name)
            if not path.is_file():
                raise FontFileMissingError(
                    f"font file {path} is missing; the app's resources/fonts folder is incomplete"
                )
            _fonts[name] = TrueType(path)
        return _fonts[name]


def opened_fonts() -> list[str]:
    """The logical fonts this process has opened so far."""
    return sorted(_fonts)


def has_glyph(name: str, char: str) -> bool:
    """Whether the font ``name`` has a real glyph (not .notdef) for ``char``."""
    return font(name).glyph_of[ord(char)] != 0


def missing_glyphs(name: str, text: Iterable[str]) -> str:
    """The distinct characters of ``text`` the font ``name`` has no glyph for, in order.

    Whitespace other than the plain space is ignored (it is never drawn).
    """
    cmap = font(name).glyph_of
    seen: dict[str, None] = {}
    for chunk in text:
        for ch in chunk:
            if ch.isspace() and ch != " ":
                continue
            if cmap[ord(ch)] == 0:
                seen.setdefault(ch)
    return "".join(seen)


def font_for(name: str, char: str) -> str:
    """``name`` if it has ``char``, else the first logical font that does, else ``name``.

    The Fandol fonts cover nearly the same characters, so this rarely matters;
    it keeps a rare character in a person's name from printing as a box when
    another of the shipped fonts has it.
    """
    if has_glyph(name, char):
        return name
    for other in ALL_FONTS:
        if other != name and has_glyph(other, char):
            return other
    return name


# --------------------------------------------------------------------- embedded subsets

GLYPH_COMPRESSION: Final = 6
"""zlib level of each glyph's (and each fixed table's) compressed piece. A piece is
compressed once a process and kept, so the level costs nothing per document; 6 and
9 give the same size on these fonts, level 1 0.7 % more. Glyphs compressed one by
one take some 12 % more room than a whole subset compressed at once (the price of
never compressing a glyph twice)."""
# Nothing is compressed per subset. The table directory and the tables that depend
# on the glyphs (a few hundred bytes of numbers that hardly compress) are stored
# as they are (:func:`flate.store`); the /ToUnicode CMap is written plain: zlib
# saved about half of it (~14 bytes a character), some 1.5 KB on the demo
# decision's body font, for ~30 µs a subset; the /CIDToGIDMap is run-length
# encoded (:func:`_cid_to_gid`).

_STATIC_TABLES = ("OS/2", "cvt ", "fpgm", "name", "prep")
_DYNAMIC_TABLES = ("head", "hhea", "hmtx", "loca", "maxp")  # made for each subset
_ZLIB_HEADER = b"\x78\x9c"
_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"  # as array("I") holds it
_FINAL_BLOCK = b"\x03\x00"  # an empty last deflate block (BFINAL set, fixed Huffman)
_TAG_LETTERS = bytes(65 + byte % 26 for byte in range(256))  # a byte -> a letter A-Z


class _Sums(NamedTuple):
    """What the Adler-32 of a file takes from a part of it (:func:`_adler_sums`): its
    length, the sum of its bytes, and the sum of each byte times the number of
    bytes from it to the part's end."""

    size: int
    byte_sum: int
    weighted_sum: int


class _Piece(NamedTuple):
    """Part of a TrueType file: its bytes padded to 4 as deflate blocks ending on a
    byte boundary (so pieces can be joined into one zlib stream), the unpadded
    length, the TrueType checksum and the part's :class:`_Sums`."""

    deflated: bytes
    length: int
    checksum: int
    sums: _Sums


def _piece(data: bytes) -> _Piece:
    padded = data + b"\0" * (-len(data) % 4)
    deflated = flate.deflate(padded, GLYPH_COMPRESSION)
    return _Piece(deflated, len(data), _checksum(padded), _adler_sums(padded))


class _Glyph(NamedTuple):
    """A glyph as subsets embed it: its outline (``glyf``) as a :class:`_Piece` has it
    (deflated, padded length, checksum, Adler sums), its ``hmtx`` entries, long
    (advance, left side bearing) and short (the bearing), and its advance as a
    character (to compare the advances of a subset's last glyphs as one string)."""

    deflated: bytes
    size: int
    checksum: int
    byte_sum: int
    weighted_sum: int
    metric: bytes
    bearing: bytes
    advance: str


def _checksum(data: bytes) -> int:
    """The TrueType table checksum: the sum of big-endian 32-bit words, zero-padded."""
    return sum(big_endian("I", data + b"\0" * (-len(data) % 4))) & 0xFFFFFFFF


def _with_ushort(data: bytes, offset: int, value: int) -> bytes:
    return data[:offset] + struct.pack(">H", value) + data[offset + 2 :]


class _Program:
    """What every subset of one font shares, read from the file once: the fixed
    tables as one piece, with each one's checksum, place in it and length; the
    checksums of the tables a subset changes a number of; per glyph, once
    first used, a :class:`_Glyph` (a subset gathers them for all its glyphs in
    one ``map`` and transposes them in one ``zip``); per character its glyph
    index and its ``/ToUnicode`` and ``/W`` entries."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.font = file = font(name)
        if file.glyph_count >= 0xD800:  # glyph indices are written as UTF-16 code units
            raise ValueError(f"{name}: too many glyphs for 2-byte codes")
        static: dict[str, _Piece] = {}
        for tag in _STATIC_TABLES:
            if tag in file.tables:  # cvt, fpgm and prep are optional
                static[tag] = _piece(bytes(file.table(tag)))
        # post format 3: no glyph names
        post = b"\x00\x03\x00\x00" + bytes(file.table("post")[4:16]) + b"\0" * 16
        static["post"] = _piece(post)
        self.static: dict[str, tuple[int, int, int]] = {}  # checksum, place, length
        self.fixed = _Piece(b"", 0, 0, _Sums(0, 0, 0))
        for tag in sorted(static):
            piece = static[tag]
            self.static[tag] = (piece.checksum, self.fixed.sums.size, piece.length)
            self.fixed = _joined(self.fixed, piece)
        self.tags = sorted([*static, "glyf", *_DYNAMIC_TABLES])
        # the tables a subset sets numbers in: their checksums with those numbers 0
        # (hhea's numberOfHMetrics ends a 4-byte word, maxp's numGlyphs starts one);
        # head per loca format, its checkSumAdjustment 0
        self.hhea = bytes(file.table("hhea"))
        self.hhea_sum = _checksum(_with_ushort(self.hhea, 34, 0))
        self.maxp = bytes(file.table("maxp"))
        self.maxp_sum = _checksum(_with_ushort(self.maxp, 4, 0))
        head = bytes(file.table("head"))
        head = head[:8] + b"\0\0\0\0" + head[12:]
        heads = (_with_ushort(head, 50, long_loca) for long_loca in (0, 1))
        self.heads = [(data, _checksum(data)) for data in heads]
        cmap = file.glyph_of
        self.glyph_of = Memo[str, int](lambda char: cmap[ord(char)])
        self.glyphs = Memo[int, _Glyph](self._glyph)
        self.to_unicode = Memo[str, str](self._to_unicode_entry)
        self.widths = Memo[str, str](self._width_entry)

    def _to_unicode_entry(self, char: str) -> str:
        """The ``/ToUnicode`` entry of ``char``: its glyph's 2-byte code (:func:`encode`)
        and the character as UTF-16 (several characters may share a glyph: a document
        using more than one of them extracts as the first)."""
        glyph = self.glyph_of[char]
        return f"<{glyph:04X}> <{char.encode('utf-16-be').hex().upper()}>\n"

    def _width_entry(self, char: str) -> str:
        """The ``/W`` entry of ``char``'s glyph, or "" if it is 1000 units wide (``/DW``)."""
        width = self.font.width(ord(char))
        glyph = self.glyph_of[char]
        return "" if width == 1000 else f"{glyph} [{round(width, 3):g}]"

    def _glyph(self, index: int) -> _Glyph:
        data = bytes(self.font.outline(index))
        if len(data) > 2 and struct.unpack_from(">h", data)[0] < 0:
            # fontTools converts CFF outlines to simple glyphs only
            raise ValueError(f"{self.name!r}: composite glyph {index} is not supported")
        piece = _piece(data)
        advance, bearing = self.font.metric(index)
        metric = struct.pack(">HH", advance, bearing)
        return _Glyph(
            piece.deflated,
            piece.sums.size,
            piece.checksum,
            piece.sums.byte_sum,
            piece.sums.weighted_sum,
            metric,
            metric[2:],
            chr(advance),
        )


def _joined(first: _Piece, second: _Piece) -> _Piece:
    """Two pieces one after the other, as one piece (its checksum is not used)."""
    size = first.sums.size + second.sums.size
    byte_sum = first.sums.byte_sum + second.sums.byte_sum
    weighted = first.sums.weighted_sum + second.sums.weighted_sum
    weighted += first.sums.byte_sum * second.sums.size
    sums = _Sums(size, byte_sum, weighted % _ADLER_BASE)
    return _Piece(first.deflated + second.deflated, size, 0, sums)


_programs: dict[str, _Program] = {}


def _program(name: str) -> _Program:
    program = _programs.get(name)
    if program is None:
        font(name)  # takes the lock itself
        with _lock:
            program = _programs.get(name) or _Program(name)
            _programs[name] = program
    return program


# per font: code point -> the glyph index of its character, as a character (the
# 2-byte code a PDF shows it with); filled as characters are met
_codes: dict[str, Memo[int, str]] = {}


def _glyph_codes(name: str) -> Memo[int, str]:
    codes = _codes.get(name)
    if codes is None:
        cmap = font(name).glyph_of
        codes = _codes.setdefault(name, Memo[int, str](lambda code: chr(cmap[code])))
    return codes


def distinct_characters(text: str) -> str:
    """The distinct characters of ``text``, sorted: as code points (sorting numbers
    is several times faster than sorting one-character strings beyond Latin-1)."""
    codes = sorted(set(array("I", text.encode(_UTF32))))
    return array("I", codes).tobytes().decode(_UTF32)


def encode(name: str, text: str) -> bytes:
    """``text`` in font ``name`` as a PDF shows it: its glyphs' indices in the font's
    file, two bytes each, big-endian (CIDs, :class:`Subset`); a character the font
    lacks shows as .notdef (0)."""
    return text.translate(_glyph_codes(name)).encode("utf-16-be")


@dataclass(frozen=True)
class Subset:
    """A font as embedded in one PDF (嵌入子集): only the glyphs of some characters.

    The PDF shows text as 2-byte codes (``Identity-H``) equal to the glyphs'
    indices in the font's own file (:func:`encode`): the same whatever else a
    document holds, so a line is encoded once for a batch. ``cid_to_gid`` maps
    them to the glyphs of ``program``, which are in the same order.
    """

    base_font: str
    """``ABCDEF+FandolFang-Regular``: a tag derived from the characters, and the name."""
    program: bytes
    """The TrueType file, zlib-compressed (``/FontFile2``)."""
    length: int
    """Its uncompressed length (``/Length1``)."""
    cid_to_gid: bytes
    """The ``/CIDToGIDMap`` stream, ``/RunLengthDecode``-encoded (:func:`_cid_to_gid`)."""
    to_unicode: bytes
    """The ``/ToUnicode`` CMap stream, not compressed: the character of each code."""
    widths: str
    """``/W`` entries of the glyphs not 1000 units wide (``/DW 1000``)."""


@lru_cache(maxsize=128)
def subset(name: str, chars: str) -> Subset:
    """The subset of font ``name`` for the distinct, sorted characters ``chars``.

    Same characters, same bytes. The file is built from compressed pieces
    kept per glyph (:class:`_Program`) and its Adler-32 from their sums: a
    subset compresses nothing itself. Cached by the characters, as
    one form filled for many records keeps using the same ones. Per glyph, the
    work is done by ``map``, ``zip`` and ``bytes.join`` over what the program
    keeps, not by Python loops.
    """
    program = _program(name)
    glyphs = map(program.glyph_of.__getitem__, reversed(chars))
    # glyph -> its first character (the last one a dict is given for a key stays)
    firsts = dict(zip(glyphs, reversed(chars), strict=True))
    firsts.pop(0, None)  # characters the font lacks
    glyph_map = [0, *sorted(firsts)]  # new glyph index -> original
    shown = list(map(firsts.__getitem__, glyph_map[1:]))
    program_data, length = _font_file(program, glyph_map)
    digest = hashlib.md5(f"{name}:{chars}".encode(), usedforsecurity=False).digest()
    return Subset(
        base_font=f"{digest[:6].translate(_TAG_LETTERS).decode('ascii')}+{name}",
        program=program_data,
        length=length,
        cid_to_gid=_cid_to_gid(glyph_map),
        to_unicode=_to_unicode(list(map(program.to_unicode.__getitem__, shown))),
        widths=" ".join(filter(None, map(program.widths.__getitem__, shown))),
    )


_CMAP_START = (
    "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
)
_CMAP_END = "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"


def _to_unicode(entries: Sequence[str]) -> bytes:
    """A ``/ToUnicode`` CMap stream of ``bfchar`` entries (with their newlines), at
    most 100 a block."""
    blocks = [_CMAP_START]
    for n in range(0, len(entries), 100):
        block = entries[n : n + 100]
        blocks += (f"{len(block)} beginbfchar\n", *block, "endbfchar\n")
    blocks.append(_CMAP_END)
    return "".join(blocks).encode("ascii")


def _zero_run(count: int) -> bytes:
    """``count`` zero bytes, run-length encoded (PDF ``/RunLengthDecode``: a length
    byte 257 - n repeats the next byte n times, 2 to 128; 0 to 127 copies the
    next 1 to 128 bytes)."""
    full, rest = divmod(count, 128)
    tail = b"" if rest == 0 else b"\x00\x00" if rest == 1 else bytes((257 - rest, 0))
    return b"\x81\x00" * full + tail


# what comes before a glyph's new index in the map, by the distance from the last
# CID mapped (-1 before the first): the zero bytes and a literal's length byte, for
# an index written as one byte (under 256: its high byte joins the zeros) or two
_BEFORE_BYTE = Memo[int, bytes](lambda gap: _zero_run(2 * gap - 1) + b"\x00")
_BEFORE_WORD = Memo[int, bytes](lambda gap: _zero_run(2 * gap - 2) + b"\x01")
_BYTES = [bytes((n,)) for n in range(256)]
_WORDS = Memo[int, bytes](lambda n: n.to_bytes(2, "big"))
_EOD = b"\x80"


def _cid_to_gid(glyph_map: list[int]) -> bytes:
    """The ``/CIDToGIDMap`` of a subset of the glyphs ``glyph_map`` (original indices,
    new order), run-length encoded (``/RunLengthDecode``).

    The map has two bytes for every CID up to the largest one used (10 KB for
    a decision's body font), nearly all zero: as runs of zeros and the new
    indices it takes about five bytes a glyph, twice what zlib makes of it,
    but it is written from pieces kept by the distance between CIDs, where
    zlib took ~30 µs a subset in a batch (reading 10 KB of zeros)."""
    used = glyph_map[1:]
    if not used:
        return _zero_run(2) + _EOD
    gaps = list(map(operator.sub, used, [-1, *used]))
    small = min(len(used), 255)
    before = map(_BEFORE_BYTE.__getitem__, gaps[:small])
    pieces = list(itertools.chain.from_iterable(zip(before, _BYTES[1 : small + 1], strict=True)))
    if len(used) > small:
        before = map(_BEFORE_WORD.__getitem__, gaps[small:])
        words = map(_WORDS.__getitem__, range(small + 1, len(used) + 1))
        pieces += itertools.chain.from_iterable(zip(before, words, strict=True))
    pieces.append(_EOD)
    return b"".join(pieces)


def _font_file(program: _Program, glyph_map: list[int]) -> tuple[bytes, int]:
    """The TrueType file (zlib) of the glyphs ``glyph_map`` (original indices, new
    order) and its uncompressed length: the table directory, the tables that
    depend on the glyphs (a few hundred bytes that hardly compress, stored as
    they are), the fixed tables and the glyphs (kept compressed pieces), each
    4-byte aligned."""
    deflated, sizes, checksums, byte_sums, weighted_sums, metrics, bearings, advances = zip(
        *map(program.glyphs.__getitem__, glyph_map), strict=True
    )
    offsets = list(itertools.accumulate(sizes, initial=0))
    glyf_size = offsets[-1]  # every glyph is padded to 4 bytes: so is the table
    long_loca = (glyf_size + 1) >> 1 > 0xFFFF
    if long_loca:
        loca = big_endian("I", offsets)
    else:
        loca = big_endian("H", map(operator.rshift, offsets, itertools.repeat(1)))
    # the last advances, if equal, are written once (hhea's numberOfHMetrics)
    advance = "".join(advances)
    long_metrics = len(advance.rstrip(advance[-1])) + 1
    hmtx = b"".join(metrics[:long_metrics]) + b"".join(bearings[long_metrics:])
    loca_data = loca.tobytes()
    head, head_sum = program.heads[long_loca]
    count = len(glyph_map)
    # after the directory, in the file (the directory lists them sorted by tag, as
    # it must; where they lie is free): these tables, the fixed ones, the glyphs
    dynamic = {
        "head": (head, head_sum),
        "hhea": (_with_ushort(program.hhea, 34, long_metrics), program.hhea_sum + long_metrics),
        "hmtx": (hmtx, _checksum(hmtx)),
        "loca": (loca_data, _checksum(loca_data)),
        "maxp": (_with_ushort(program.maxp, 4, count), program.maxp_sum + (count << 16)),
    }
    tables = len(program.tags)
    place = 12 + 16 * tables
    places = {}
    for tag, (data, _) in dynamic.items():
        places[tag] = place
        place += len(data) + (-len(data) % 4)
    fixed = place
    glyf = fixed + program.fixed.sums.size
    search = 1 << (tables.bit_length() - 1)
    entries: list[object] = [
        0x00010000,
        tables,
        search * 16,
        tables.bit_length() - 1,
        (tables - search) * 16,
    ]
    total = 0
    for tag in program.tags:
        if tag in dynamic:
            data, checksum = dynamic[tag]
            entries += (tag.encode("latin-1"), checksum & 0xFFFFFFFF, places[tag], len(data))
        elif tag == "glyf":
            checksum = sum(checksums)
            entries += (b"glyf", checksum & 0xFFFFFFFF, glyf, glyf_size)
        else:
            checksum, at, length = program.static[tag]
            entries += (tag.encode("latin-1"), checksum, fixed + at, length)
        total += checksum
    directory = struct.pack(">lHHHH" + "4sLLL" * tables, *entries)
    total += _checksum(directory)
    adjustment = struct.pack(">L", (0xB1B0AFBA - total) & 0xFFFFFFFF)
    dynamic["head"] = (head[:8] + adjustment + head[12:], 0)
    padded = (data + b"\0" * (-len(data) % 4) for data, _ in dynamic.values())
    stored = b"".join([directory, *padded])
    # the file deflated, and its Adler-32 from the sums of its three parts
    byte_sum = sum(byte_sums)
    weighted = sum(weighted_sums) + glyf_size * byte_sum
    weighted -= sum(map(operator.mul, itertools.islice(offsets, 1, None), byte_sums))
    sums = (_adler_sums(stored), program.fixed.sums, _Sums(glyf_size, byte_sum, weighted))
    parts = [_ZLIB_HEADER, flate.store(stored), program.fixed.deflated, *deflated]
    parts += [_FINAL_BLOCK, struct.pack(">L", _adler32(sums))]
    return b"".join(parts), glyf + glyf_size


_ADLER_BASE = 65521


def _adler_sums(data: bytes) -> _Sums:
    """What the Adler-32 of a file takes from its part ``data`` (:class:`_Sums`)."""
    adler = zlib.adler32(data)
    return _Sums(len(data), (adler & 0xFFFF) - 1, ((adler >> 16) - len(data)) % _ADLER_BASE)


def _adler32(parts: Sequence[_Sums]) -> int:
    """The Adler-32 of parts joined, from their :class:`_Sums` (what
    ``zlib.adler32_combine`` does, without reading the bytes again): a byte counts
    once in the first sum and, in the second, once per byte from it to the end."""
    size = byte_sum = weighted = 0
    for part in reversed(parts):
        weighted += part.weighted_sum + part.byte_sum * size
        byte_sum += part.byte_sum
        size += part.size
    return ((size + weighted) % _ADLER_BASE) << 16 | (1 + byte_sum) % _ADLER_BASE
