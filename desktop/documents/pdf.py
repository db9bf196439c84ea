"""The PDF file of rendered documents, written directly for their one fixed structure.

A document's PDF is always the same few objects: the catalog, the page tree
(A4, one resources dictionary for every page), one page object and one
content stream per page (not compressed: :meth:`PdfFile.add_page`), the
document information, an outline for a batch, and per font used a ``Type0``
font over a ``CIDFontType2`` with its descriptor, its embedded subset
(:func:`desktop.documents.fonts.subset`) and its ``/CIDToGIDMap`` and
``/ToUnicode`` CMap. Text is shown as 2-byte codes
equal to the glyphs' indices in the font's own file
(:func:`desktop.documents.fonts.encode`), so a line's operators do not depend
on which other characters a document uses: they are built once for a batch
(:mod:`desktop.documents.render`).

Written here rather than through reportlab's canvas because reportlab formats
every object through generic classes and compresses each font subset anew per
file: for a two-page decision that was about 5 ms of 6.6; this writer takes
well under a millisecond for the same file.

Reproducible: the same pages and fonts give the same bytes (fixed dates, the
file identifier a digest of the cross-reference table and the document
information).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from functools import lru_cache

from desktop.documents import fonts

__all__ = ["PdfFile", "literal_string", "text_string"]

FIXED_DATE = "D:20000101000000+00'00'"
"""Creation and modification date: fixed, for reproducible bytes."""

PAGE_WIDTH = "595.2756"
PAGE_HEIGHT = "841.8898"  # A4 in points

_CATALOG, _PAGES, _INFO, _RESOURCES = 1, 2, 3, 4
_FIRST_FREE = 5
_END_STREAM = b"\nendstream\nendobj\n"


def text_string(text: str) -> str:
    """A PDF text string: UTF-16BE with its byte order mark, in hexadecimal."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def literal_string(data: str) -> str:
    """A PDF literal string of the bytes ``data`` (a Latin-1 string, one character a
    byte): ``(``, ``)`` and the backslash escaped, and the carriage return (a
    reader would take it for a line end)."""
    if "\\" in data:
        data = data.replace("\\", "\\\\")
    if "(" in data or ")" in data:
        data = data.replace("(", "\\(").replace(")", "\\)")
    if "\r" in data:
        data = data.replace("\r", "\\r")
    return f"({data})"


@lru_cache(maxsize=len(fonts.ALL_FONTS))
def _font_metrics(name: str) -> str:
    """The font descriptor's entries of the logical font ``name`` from its box to ``/StemV``."""
    font = fonts.font(name)
    bbox = " ".join(f"{v:g}" for v in font.box)
    return (
        f"/FontBBox [{bbox}] /ItalicAngle {font.italic_angle:g} "
        f"/Ascent {font.ascent:g} /Descent {font.descent:g} "
        f"/CapHeight {font.cap_height:g} /StemV {font.stem_v}"
    )


class PdfFile:
    """One PDF being written: pages are added in order, then :meth:`finish`.

    ``font_names`` gives each logical font its resource name (``F1`` …) used
    by the content streams.
    """

    def __init__(self, font_names: Mapping[str, str]) -> None:
        self.font_names = font_names
        self._parts: list[bytes] = [b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"]
        self._size = len(self._parts[0])
        self._offsets: dict[int, int] = {}
        self._next = _FIRST_FREE
        self.pages: list[int] = []  # page object numbers

    def _add(self, body: bytes, number: int | None = None, stream: bytes | None = None) -> int:
        """Object ``number`` (the next free one if None): ``body``, then if given
        ``stream``'s data and ``endstream`` (the data kept as it is, not copied,
        until :meth:`finish` joins the file)."""
        if number is None:
            number = self._next
            self._next += 1
        self._offsets[number] = self._size
        if stream is None:
            parts: tuple[bytes, ...] = (b"%d 0 obj\n%b\nendobj\n" % (number, body),)
        else:
            parts = (b"%d 0 obj\n%b" % (number, body), stream, _END_STREAM)
        self._parts += parts
        self._size += sum(map(len, parts))
        return number

    def _stream(self, entries: str, data: bytes, coding: str = " /Filter /FlateDecode") -> int:
        head = f"<< {entries} /Length {len(data)}{coding} >>\nstream\n"
        return self._add(head.encode("ascii"), stream=data)

    def add_page(self, content: bytes) -> None:
        """A page drawn by the content stream ``content``, written as it is.

        Not compressed: zlib took 30-50 µs a page in a batch (a third of what
        the rest of a page costs) to shrink the demo decision's pages from 2.6
        KB (text as 2-byte codes in literal strings) to 0.9 KB, some 1.5 % of
        its file. The stream and the page object are written here in one go
        (the bytes :meth:`_stream` and :meth:`_add` would write, in half the time).
        """
        stream, page = self._next, self._next + 1
        self._next += 2
        head = b"%d 0 obj\n<<  /Length %d >>\nstream\n" % (stream, len(content))
        page_object = b"%d 0 obj\n<< /Type /Page /Parent %d 0 R /Contents %d 0 R >>\nendobj\n"
        page_object %= (page, _PAGES, stream)
        self._offsets[stream] = self._size
        self._size += len(head) + len(content) + len(_END_STREAM)
        self._offsets[page] = self._size
        self._size += len(page_object)
        self._parts += (head, content, _END_STREAM, page_object)
        self.pages.append(page)

    def _font(self, subset: fonts.Subset) -> int:
        program = self._stream(f"/Length1 {subset.length}", subset.program)
        gid_map = self._stream("", subset.cid_to_gid, " /Filter /RunLengthDecode")
        to_unicode = self._stream("", subset.to_unicode, "")
        metrics = _font_metrics(subset.base_font.split("+", 1)[1])
        descriptor = self._add(
            (
                f"<< /Type /FontDescriptor /FontName /{subset.base_font} /Flags 4 "
                f"{metrics} /FontFile2 {program} 0 R >>"
            ).encode("ascii")
        )
        cid_font = self._add(
            (
                f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{subset.base_font} "
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                f"/FontDescriptor {descriptor} 0 R /DW 1000 /W [{subset.widths}] "
                f"/CIDToGIDMap {gid_map} 0 R >>"
            ).encode("ascii")
        )
        return self._add(
            (
                f"<< /Type /Font /Subtype /Type0 /BaseFont /{subset.base_font} "
                f"/Encoding /Identity-H /DescendantFonts [{cid_font} 0 R] "
                f"/ToUnicode {to_unicode} 0 R >>"
            ).encode("ascii")
        )

    def finish(
        self,
        used: Mapping[str, str],
        info: Mapping[str, str],
        outline: Sequence[tuple[str, int]] = (),
    ) -> bytes:
        """The whole file.

        ``used``: per logical font, the distinct sorted characters its text
        shows; ``info``: the document information (Title, Author, …);
        ``outline``: bookmarks, (title, index of the page it opens).
        """
        resources = []
        for name, chars in used.items():
            font = self._font(fonts.subset(name, chars))
            resources.append(f"/{self.font_names[name]} {font} 0 R")
        self._add(
            f"<< /Font << {' '.join(resources)} >> /ProcSet [/PDF /Text] >>".encode("ascii"),
            _RESOURCES,
        )
        kids = " ".join(f"{page} 0 R" for page in self.pages)
        self._add(
            (
                f"<< /Type /Pages /Kids [{kids}] /Count {len(self.pages)} "
                f"/MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] /Resources {_RESOURCES} 0 R >>"
            ).encode("ascii"),
            _PAGES,
        )
        catalog = f"<< /Type /Catalog /Pages {_PAGES} 0 R /Lang (zh-CN)"
        if outline:
            catalog += f" /Outlines {self._outline(outline)} 0 R /PageMode /UseOutlines"
        self._add((catalog + " >>").encode("ascii"), _CATALOG)
        entries = " ".join(f"/{key} {text_string(value)}" for key, value in info.items() if value)
        self._add(
            f"<< {entries} /CreationDate ({FIXED_DATE}) /ModDate ({FIXED_DATE}) >>".encode("ascii"),
            _INFO,
        )
        count = self._next
        table = [b"xref\n0 %d\n0000000000 65535 f \n" % count]
        table += [b"%010d 00000 n \n" % self._offsets[n] for n in range(1, count)]
        xref = b"".join(table)
        digest = hashlib.md5(xref + self._parts[-1], usedforsecurity=False).hexdigest()
        trailer = (
            f"trailer\n<< /Size {count} /Root {_CATALOG} 0 R /Info {_INFO} 0 R "
            f"/ID [<{digest}> <{digest}>] >>\nstartxref\n{self._size}\n%%EOF\n"
        )
        return b"".join([*self._parts, xref, trailer.encode("ascii")])

    def _outline(self, outline: Sequence[tuple[str, int]]) -> int:
        root = self._next
        first = root + 1
        last = root + len(outline)
        self._next = last + 1
        for n, (title, page) in enumerate(outline):
            number = first + n
            links = f" /Prev {number - 1} 0 R" if number > first else ""
            links += f" /Next {number + 1} 0 R" if number < last else ""
            self._add(
                (
                    f"<< /Title {text_string(title)} /Parent {root} 0 R{links} "
                    f"/Dest [{self.pages[page]} 0 R /Fit] >>"
                ).encode("ascii"),
                number,
            )
        self._add(
            (
                f"<< /Type /Outlines /First {first} 0 R /Last {last} 0 R /Count {len(outline)} >>"
            ).encode("ascii"),
            root,
        )
        return root
