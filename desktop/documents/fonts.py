"""The fonts official documents are printed in, registered with reportlab once.

GB/T 9704-2012 asks for 仿宋 (body), 小标宋 (title, issuer mark), 黑体 and 楷体
(headings) and 宋体 (page numbers). The app ships the free Fandol fonts
(``resources/fonts``, GPL with the font exception, see the README there),
converted from CFF to TrueType outlines because reportlab only embeds
``glyf`` fonts. They cover all 6,763 GB2312 hanzi.

The constants are the reportlab font names; they are also the PostScript names
``pdffonts`` shows (``ABCDEF+FandolFang-Regular``). Fonts are embedded as
subsets, so a one-page decision carries only the glyphs it uses.
"""

from __future__ import annotations

import struct
import sys
import threading
import zlib
from array import array
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final

from reportlab.pdfbase import pdfdoc, pdfmetrics  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfbase.ttfonts import (  # type: ignore[import-untyped, unused-ignore]
    TTFont,
    TTFontFace,
)

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
_registered: set[str] = set()  # logical fonts registered with reportlab


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


def register_font(name: str) -> None:
    """Register the logical font ``name`` with reportlab, once; a document loads
    only the fonts it uses (each takes some 25 ms to read).

    Raises :class:`FontFileMissingError` naming the file if it is missing.
    """
    if name in _registered:
        return
    with _lock:
        if name in _registered:
            return
        if name not in pdfmetrics.getRegisteredFontNames():
            path = font_path(name)
            if not path.is_file():
                raise FontFileMissingError(
                    f"font file {path} is missing; the app's resources/fonts folder is incomplete"
                )
            # subsetting is reportlab's default for TTFont: only used glyphs are embedded;
            # not "ASCII readable", which would put all of ASCII in every first subset
            font = TTFont(name, str(path), asciiReadable=0)
            font.face.__class__ = _SubsettingFace  # the same face, subset faster
            pdfmetrics.registerFont(font)
        _registered.add(name)


def register_fonts() -> None:
    """Register every logical font with reportlab; later calls do nothing."""
    for name in ALL_FONTS:
        register_font(name)


def _face_cmap(name: str) -> dict[int, int]:
    register_font(name)
    font = pdfmetrics.getFont(name)
    cmap: dict[int, int] = font.face.charToGlyph
    return cmap


def has_glyph(name: str, char: str) -> bool:
    """Whether the font ``name`` has a real glyph (not .notdef) for ``char``."""
    return _face_cmap(name).get(ord(char), 0) != 0


def missing_glyphs(name: str, text: Iterable[str]) -> str:
    """The distinct characters of ``text`` the font ``name`` has no glyph for, in order.

    Whitespace other than the plain space is ignored (it is never drawn).
    """
    cmap = _face_cmap(name)
    seen: dict[str, None] = {}
    for chunk in text:
        for ch in chunk:
            if ch.isspace() and ch != " ":
                continue
            if cmap.get(ord(ch), 0) == 0:
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


# --------------------------------------------------------------------- fast subsetting

FONT_COMPRESSION: Final = 1
"""zlib level of embedded font subsets: level 1 is about twice as fast as the
default 6 and the file a few per cent larger."""

_COPIED_TABLES = ("name", "OS/2", "cvt ", "fpgm", "prep")
_MORE_COMPONENTS, _WORD_ARGS, _SCALE, _XY_SCALE, _TWO_BY_TWO = 0x20, 0x01, 0x08, 0x40, 0x80


def _checksum(data: bytes) -> int:
    """The TrueType table checksum: the sum of big-endian 32-bit words, zero-padded."""
    words = array("I", data + b"\0" * (-len(data) % 4))
    if sys.byteorder == "little":
        words.byteswap()
    return sum(words) & 0xFFFFFFFF


def _components(glyph: memoryview) -> list[tuple[int, int]]:
    """(offset in the glyph, glyph index) of each component of a composite glyph."""
    out = []
    pos, flags = 10, _MORE_COMPONENTS
    while flags & _MORE_COMPONENTS:
        flags, index = struct.unpack_from(">HH", glyph, pos)
        out.append((pos + 2, index))
        pos += 4 + (4 if flags & _WORD_ARGS else 2)
        pos += 2 if flags & _SCALE else 4 if flags & _XY_SCALE else 8 if flags & _TWO_BY_TWO else 0
    return out


class _FastFlate(pdfdoc.PDFStreamFilterZCompress):  # type: ignore[misc]
    """FlateDecode at :data:`FONT_COMPRESSION`."""

    def encode(self, text: bytes) -> bytes:
        return zlib.compress(text, FONT_COMPRESSION)


_FAST_FLATE = _FastFlate()


class _SubsettingFace(TTFontFace):  # type: ignore[misc]
    """reportlab's TrueType face with a faster ``makeSubset`` giving the same bytes.

    reportlab copies the whole 5-9 MB ``glyf`` table (and every table it
    keeps) out of the font file for every subset of every document, and sums
    the checksums in Python; here the tables are read once, the glyph data is
    sliced from a view of the file, and the checksums of the unchanging tables
    are kept. A 16 pt body font of a two-page decision takes ~1 ms instead of
    ~8 ms.
    """

    _cache: dict[str, Any]

    def _tables(self) -> dict[str, Any]:
        cache = self.__dict__.get("_cache")
        if cache is None:
            data = memoryview(self._ttf_data)
            start, length = self.get_table_pos("glyf")
            static = {}
            for tag in _COPIED_TABLES:
                try:
                    static[tag] = bytes(self.get_table(tag))
                except KeyError:  # cvt, fpgm and prep are optional
                    continue
            static["post"] = b"\x00\x03\x00\x00" + self.get_table("post")[4:16] + b"\0" * 16
            cache = {
                "glyf": data[start : start + length],
                "static": static,
                "sums": {tag: _checksum(table) for tag, table in static.items()},
                "hhea": bytes(self.get_table("hhea")),
                "maxp": bytes(self.get_table("maxp")),
                "head": bytes(self.get_table("head")),
                "components": {},
            }
            self._cache = cache
        return cache

    def _glyph_components(self, index: int) -> list[tuple[int, int]]:
        cache = self._tables()
        known: dict[int, list[tuple[int, int]]] = cache["components"]
        found = known.get(index)
        if found is None:
            begin, end = self.glyphPos[index], self.glyphPos[index + 1]
            glyph = cache["glyf"][begin:end]
            composite = end - begin > 2 and struct.unpack_from(">h", glyph)[0] < 0
            found = known[index] = _components(glyph) if composite else []
        return found

    def makeSubset(self, subset: Sequence[int]) -> bytes:
        cache = self._tables()
        char_to_glyph = self.charToGlyph
        glyph_map = [0]  # new glyph index -> old
        glyph_set = {0: 0}  # old -> new
        for code in subset:
            old = char_to_glyph.get(code, 0)
            if old not in glyph_set:
                glyph_set[old] = len(glyph_map)
                glyph_map.append(old)
        n = 0
        while n < len(glyph_map):  # the parts of composite glyphs too
            for _, part in self._glyph_components(glyph_map[n]):
                if part not in glyph_set:
                    glyph_set[part] = len(glyph_map)
                    glyph_map.append(part)
            n += 1
        count = len(glyph_map)
        tables: dict[str, bytes] = dict(cache["static"])
        sums: dict[str, int] = dict(cache["sums"])

        hmtx = [int(v) for old in glyph_map for v in self.hmetrics[old]]
        n = len(hmtx) - 2
        while n and hmtx[n] == hmtx[n - 2]:
            n -= 2
        n += 2
        metrics = n >> 1
        hmtx = hmtx[:n] + hmtx[n + 1 :: 2]
        tables["hmtx"] = struct.pack(f">{len(hmtx)}H", *hmtx)
        tables["hhea"] = _with_ushort(cache["hhea"], 34, metrics)
        tables["maxp"] = _with_ushort(cache["maxp"], 4, count)
        codes = [glyph_set[char_to_glyph.get(code, 0)] for code in subset]
        cmap = [0, 1, 1, 0, 0, 12, 6, 10 + 2 * len(subset), 0, 0, len(subset), *codes]
        tables["cmap"] = struct.pack(f">{len(cmap)}H", *cmap)

        glyf_data: memoryview = cache["glyf"]
        positions = self.glyphPos
        parts: list[bytes | memoryview] = []
        offsets = []
        pos = 0
        for old in glyph_map:
            offsets.append(pos)
            begin, end = positions[old], positions[old + 1]
            glyph: bytes | memoryview = glyf_data[begin:end]
            components = self._glyph_components(old)
            if components:
                fixed = bytearray(glyph)
                for at, part in components:
                    struct.pack_into(">H", fixed, at, glyph_set[part])
                glyph = bytes(fixed)
            parts.append(glyph)
            pos += end - begin
            if pos % 4:
                parts.append(b"\0" * (4 - pos % 4))
                pos += 4 - pos % 4
        offsets.append(pos)
        tables["glyf"] = b"".join(parts)
        long_loca = (pos + 1) >> 1 > 0xFFFF
        if long_loca:
            tables["loca"] = struct.pack(f">{len(offsets)}L", *offsets)
        else:
            tables["loca"] = struct.pack(f">{len(offsets)}H", *(o >> 1 for o in offsets))
        head = _with_ushort(cache["head"], 50, 1 if long_loca else 0)
        tables["head"] = head[:8] + b"\0\0\0\0" + head[12:]
        for tag in ("hmtx", "hhea", "maxp", "cmap", "glyf", "loca", "head"):
            sums[tag] = _checksum(tables[tag])
        return _font_file(tables, sums)

    def addSubsetObjects(self, doc: Any, fontname: str, subset: Sequence[int]) -> Any:
        descriptor = super().addSubsetObjects(doc, fontname, subset)
        font_file = doc.idToObject.get(f"fontFile:{self.filename}({fontname})")
        if font_file is not None and font_file.filters:
            font_file.filters = [_FAST_FLATE]
        return descriptor


def _with_ushort(data: bytes, offset: int, value: int) -> bytes:
    return data[:offset] + struct.pack(">H", value) + data[offset + 2 :]


def _font_file(tables: dict[str, bytes], sums: dict[str, int]) -> bytes:
    """A TrueType file of ``tables`` (sorted by tag, 4-byte aligned), as reportlab writes it."""
    count = len(tables)
    search = 1
    selector = 0
    while search * 2 <= count:
        search *= 2
        selector += 1
    header = [
        struct.pack(">lHHHH", 0x00010000, count, search * 16, selector, count * 16 - search * 16)
    ]
    offset = 12 + count * 16
    head_at = 0
    body: list[bytes] = []
    for tag in sorted(tables):
        data = tables[tag]
        if tag == "head":
            head_at = offset
        header.append(tag.encode("latin-1") + struct.pack(">LLL", sums[tag], offset, len(data)))
        padded = data + b"\0" * (-len(data) % 4)
        body.append(padded)
        offset += len(padded)
    start = b"".join(header)
    total = (_checksum(start) + sum(sums.values())) & 0xFFFFFFFF
    out = bytearray(start)
    for part in body:
        out += part
    struct.pack_into(">L", out, head_at + 8, (0xB1B0AFBA - total) & 0xFFFFFFFF)
    return bytes(out)
