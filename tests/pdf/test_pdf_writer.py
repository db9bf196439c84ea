"""The PDF writer (desktop.documents.pdf) and the embedded font subsets (fonts.subset).

Checked by reading their output back with independent readers: fontTools for
the TrueType subsets, pypdf (strict) and poppler for the files.
"""

from __future__ import annotations

import gc
import io
import re
import subprocess
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.filters import RunLengthDecode
from pypdf.generic import IndirectObject

from desktop.documents import fonts, pdf, render
from desktop.documents.model import Paragraph
from desktop.documents.render import render_batch_pdf, render_pdf

from .test_render import POPPLER, approval_form, decision, letter, visit_record

CHARS = "".join(sorted(set("效能督查（一）2026年11月26日，A-z")))
# some 330 characters: new glyph indices past 255 take two bytes in the CIDToGIDMap's runs
MANY = "".join(map(chr, range(0x4E00, 0x4E00 + 3000, 4)))


def glyph_of(font: TTFont, code: int) -> tuple[object, ...]:
    """A glyph's outline and advance, by character code (original font) or glyph index."""
    name = font.getBestCmap()[code] if "cmap" in font else font.getGlyphOrder()[code]
    glyph = font["glyf"][name]
    contours = glyph.numberOfContours
    coordinates = list(glyph.coordinates) if contours else []
    return contours, coordinates, font["hmtx"][name][0]


@pytest.mark.parametrize("chars", [CHARS, MANY], ids=["few", "many"])
@pytest.mark.parametrize("name", fonts.ALL_FONTS)
def test_a_subset_holds_the_fonts_own_glyphs(name: str, chars: str) -> None:
    """Every character's code (its glyph's index in the font file) maps to a glyph of
    the subset that is the original glyph, and back to the character through the
    ToUnicode CMap; the file is a valid TrueType file (zlib and font checksums)."""
    chars = "".join(char for char in chars if fonts.has_glyph(name, char))
    subset = fonts.subset(name, chars)
    data = zlib.decompress(subset.program)  # checks the zlib stream's Adler-32 too
    assert len(data) == subset.length
    # the whole file sums to 0xB1B0AFBA: the head table's checkSumAdjustment is right
    words = [int.from_bytes(data[n : n + 4], "big") for n in range(0, len(data), 4)]
    assert sum(words) & 0xFFFFFFFF == 0xB1B0AFBA
    embedded = TTFont(io.BytesIO(data))
    original = TTFont(fonts.font_path(name), lazy=True)
    cid_to_gid = RunLengthDecode.decode(subset.cid_to_gid)
    used = max(int.from_bytes(fonts.encode(name, char), "big") for char in chars)
    assert len(cid_to_gid) == 2 * (used + 1)  # and the end-of-data mark
    to_unicode = dict(re.findall(r"<([0-9A-F]{4})> <([0-9A-F]{4})>", subset.to_unicode.decode()))
    gids = set()
    for char in chars:
        cid = int.from_bytes(fonts.encode(name, char), "big")
        assert cid == original.getGlyphID(original.getBestCmap()[ord(char)])
        gid = int.from_bytes(cid_to_gid[2 * cid : 2 * cid + 2], "big")
        assert gid, char
        assert glyph_of(embedded, gid) == glyph_of(original, ord(char)), char
        assert chr(int(to_unicode[f"{cid:04X}"], 16)) == char
        gids.add(gid)
    assert embedded["maxp"].numGlyphs == len(gids) + 1  # and .notdef
    assert re.fullmatch(r"[A-Z]{6}\+" + name, subset.base_font)


def test_subsets_are_reproducible_and_named_by_their_characters() -> None:
    first = fonts.subset.__wrapped__(fonts.BODY, CHARS)
    assert fonts.subset.__wrapped__(fonts.BODY, CHARS) == first
    other = fonts.subset(fonts.BODY, CHARS.replace("A", ""))
    assert other.base_font != first.base_font and other.program != first.program
    # the widths of the half-width characters are listed, the rest are /DW 1000
    entries = dict(re.findall(r"(\d+) \[(\d+)\]", first.widths))
    cid = {char: str(int.from_bytes(fonts.encode(fonts.BODY, char), "big")) for char in "2效"}
    assert entries[cid["2"]] == "500" and cid["效"] not in entries


def test_a_character_the_font_lacks_shows_as_notdef() -> None:
    assert fonts.encode(fonts.BODY, "\U00020000一") == b"\0\0" + fonts.encode(fonts.BODY, "一")
    subset = fonts.subset(fonts.BODY, "一\U00020000")
    assert TTFont(io.BytesIO(zlib.decompress(subset.program)))["maxp"].numGlyphs == 2


def test_the_file_structure_reads_back_strictly(tmp_path: Path) -> None:
    """Every cross-reference offset points at its object; pypdf reads the file in
    strict mode; every font is a Type0 CID TrueType font with its ToUnicode CMap."""
    data = render_pdf(decision())
    assert data.startswith(b"%PDF-1.4\n") and data.endswith(b"%%EOF\n")
    start = int(data.rsplit(b"startxref\n", 1)[1].split()[0])
    assert data[start:].startswith(b"xref\n0 ")
    count = int(data[start:].split(b"\n")[1].split()[1])
    entries = data[start:].split(b"\n")[3 : 3 + count - 1]
    for number, entry in enumerate(entries, start=1):
        offset = int(entry.split()[0])
        assert data[offset:].startswith(b"%d 0 obj\n" % number), number
    reader = PdfReader(io.BytesIO(data), strict=True)
    assert len(reader.pages) == len(render._layout(decision()))
    for resource in reader.pages[0]["/Resources"]["/Font"].values():  # type: ignore[index]
        font = resource.get_object()
        assert font["/Subtype"] == "/Type0" and font["/Encoding"] == "/Identity-H"
        (descendant,) = font["/DescendantFonts"]
        assert descendant.get_object()["/Subtype"] == "/CIDFontType2"
        assert isinstance(font.raw_get("/ToUnicode"), IndirectObject)
    assert reader.metadata is not None and reader.metadata.creator == "Xiaoneng Inspector 效能督查"
    if POPPLER:  # poppler reads every font without a complaint
        path = tmp_path / "decision.pdf"
        path.write_bytes(data)
        result = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        )
        assert result.stderr == "" and "闽效问〔2026〕3号" in result.stdout


def test_the_bytes_do_not_depend_on_what_was_rendered_before() -> None:
    """The caches (glyph pieces, subsets, lines, their operators) change no byte."""
    documents = [decision(), approval_form(), visit_record(), letter()]
    first = [render_pdf(document) for document in documents]
    batch = render_batch_pdf(documents)[0]
    # every cache of the renderer (lru caches, and its module-level dicts: glyph
    # shapes, line breaks, lines, settings, paragraphs, operators) and the subsets
    fonts.subset.cache_clear()
    cleared = []
    for name, value in vars(render).items():
        if hasattr(value, "cache_clear"):
            value.cache_clear()
            cleared.append(name)
        elif isinstance(value, dict) and name.startswith("_") and name[1:2].islower():
            value.clear()
            cleared.append(name)
    assert {"_shapes", "_lines", "_placed", "_shown", "_drawn", "_measure"} <= set(cleared)
    assert [render_pdf(document) for document in reversed(documents)] == first[::-1]
    assert render_batch_pdf(documents)[0] == batch


def test_text_strings_are_utf16_with_a_byte_order_mark() -> None:
    assert pdf.text_string("效能A") == "<FEFF654880FD0041>"


def test_a_batch_renders_with_the_garbage_collector_paused_and_makes_no_cycles() -> None:
    """batch_rendering pauses the cyclic collector for nested and overlapping batches
    and turns it back on (only if it was on); rendering leaves no garbage for it."""
    was = gc.isenabled()
    try:
        gc.enable()
        with render.batch_rendering():
            assert not gc.isenabled()
            render_batch_pdf([decision()])  # nested: the pause goes on
            assert not gc.isenabled()
            gc.collect()
            for serial in range(5):  # new lines, new subsets
                document = decision()
                fonts.subset.cache_clear()
                render_pdf(replace(document, title=f"{document.title}{serial}"))
            assert gc.collect() == 0  # nothing unreachable: the pause costs no memory
        assert gc.isenabled()
        gc.disable()
        with render.batch_rendering():
            pass
        assert not gc.isenabled()  # left as it was
    finally:
        (gc.enable if was else gc.disable)()


def test_literal_strings_escape_parentheses_backslashes_and_carriage_returns() -> None:
    assert pdf.literal_string("a(b)c\\d\re\nf") == "(a\\(b\\)c\\\\d\\re\nf)"


def test_glyph_codes_holding_the_bytes_literal_strings_escape_read_back(tmp_path: Path) -> None:
    """Text is written as 2-byte glyph codes in literal strings: characters whose
    codes hold ( ) \\ CR or LF come back out of pypdf (strict) and pdftotext."""
    text = "匣吝乾剐亥促上世两临"
    codes = fonts.encode(fonts.BODY, text)
    assert {0x28, 0x29, 0x5C, 0x0D, 0x0A} <= set(codes)  # every byte that needs care
    document = replace(decision(), blocks=(Paragraph(text), Paragraph(f"（{text}）")))
    data = render_pdf(document)
    page = PdfReader(io.BytesIO(data), strict=True).pages[0]
    extracted = "".join(page.extract_text().split())
    assert text in extracted and f"（{text}）" in extracted
    if POPPLER:
        path = tmp_path / "codes.pdf"
        path.write_bytes(data)
        result = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        )
        assert result.stderr == "" and f"（{text}）" in "".join(result.stdout.split())
