"""The TrueType reader (desktop.documents.truetype) against fontTools, an independent
reader of the same files: every character, every glyph's metrics and outline bytes,
and the font descriptor's numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

from desktop.documents import fonts
from desktop.documents.truetype import FontFormatError, TrueType


@pytest.fixture(scope="module", params=fonts.ALL_FONTS)
def pair(request: pytest.FixtureRequest) -> tuple[TrueType, TTFont]:
    path = fonts.font_path(request.param)
    return TrueType(path), TTFont(path)


def test_every_character_maps_to_the_glyph_fonttools_reads(pair: tuple[TrueType, TTFont]) -> None:
    ours, theirs = pair
    cmap = theirs.getBestCmap()
    ids = theirs.getReverseGlyphMap()
    assert len(cmap) > 7000
    for code, glyph_name in cmap.items():
        assert ours.glyph_of[code] == ids[glyph_name], hex(code)
    # codes the font lacks: in gaps between segments, past the last one, beyond the BMP
    lacking = [*[c for c in range(0x10000) if c not in cmap][::97], 0x20000, 0x10FFFF]
    assert all(ours.glyph_of[code] == 0 for code in lacking)


def test_metrics_and_outlines_are_the_files_own(pair: tuple[TrueType, TTFont]) -> None:
    ours, theirs = pair
    order = theirs.getGlyphOrder()
    assert ours.glyph_count == len(order) == theirs["maxp"].numGlyphs
    hmtx, loca = theirs["hmtx"], theirs["loca"]
    glyf_at = theirs.reader.tables["glyf"].offset
    with ours.path.open("rb") as file:
        raw = file.read()
    for index, name in enumerate(order):
        advance, bearing = hmtx[name]
        assert ours.metric(index) == (advance, bearing & 0xFFFF), name
        start, end = glyf_at + loca[index], glyf_at + loca[index + 1]
        assert bytes(ours.outline(index)) == raw[start:end], name
    # a character's width in thousandths of an em: 1000 units to the em here
    assert ours.units_per_em == 1000
    assert ours.width(ord("效")) == hmtx[theirs.getBestCmap()[ord("效")]][0] == 1000
    assert ours.width(ord("2")) == hmtx[theirs.getBestCmap()[ord("2")]][0] < 1000
    assert ours.width(0x20000) == hmtx[".notdef"][0]


def test_the_descriptor_numbers_are_the_files_own(pair: tuple[TrueType, TTFont]) -> None:
    ours, theirs = pair
    head, os2, post = theirs["head"], theirs["OS/2"], theirs["post"]
    assert ours.box == [head.xMin, head.yMin, head.xMax, head.yMax]
    assert ours.ascent == os2.sTypoAscender and ours.descent == os2.sTypoDescender
    assert ours.cap_height == os2.sCapHeight
    assert ours.italic_angle == post.italicAngle == 0
    assert ours.weight == os2.usWeightClass
    assert ours.stem_v == 50 + int((os2.usWeightClass / 65.0) ** 2)
    assert set(ours.tables) == set(theirs.reader.keys())


def _small_font(path: Path, cmap: dict[int, str], units_per_em: int = 2048) -> Path:
    """A TrueType font of three glyphs (fontTools' builder), its character map as given
    (fontTools writes format 12 when a code is beyond the BMP, else format 4)."""
    builder = FontBuilder(units_per_em, isTTF=True)
    names = [".notdef", "square", "bar"]
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap(cmap)
    glyphs = {}
    for name, width in zip(names, (500, 1024, 300), strict=True):
        pen = TTGlyphPen(None)
        pen.moveTo((0, 0))
        pen.lineTo((0, 700))
        pen.lineTo((width, 700))
        pen.closePath()
        glyphs[name] = pen.glyph()
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({name: (glyphs[name].xMax, 0) for name in names})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": "Small", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWeightClass=700, sCapHeight=700)
    builder.setupPost()
    builder.save(str(path))
    return path


def test_a_format_12_map_beyond_the_bmp_and_other_units_per_em(tmp_path: Path) -> None:
    path = _small_font(tmp_path / "small.ttf", {0x41: "square", 0x20000: "bar", 0x20001: "bar"})
    font = TrueType(path)
    cmap = TTFont(path)["cmap"]
    assert {table.format for table in cmap.tables} >= {12}
    assert [font.glyph_of[code] for code in (0x41, 0x20000, 0x20001, 0x20002, 0x42)] == [
        1,
        2,
        2,
        0,
        0,
    ]
    # 2048 units to the em: widths and the box in thousandths
    assert font.width(0x41) == 1024 * 1000 / 2048 == 500
    assert font.box[2] == 1024 * 1000 / 2048
    assert font.ascent == 880 * 1000 / 2048 and font.stem_v == 50 + int((700 / 65.0) ** 2)


def test_a_format_4_map_with_a_glyph_array(tmp_path: Path) -> None:
    """Codes that are not one run of glyphs make fontTools write a segment through the
    glyph array (an idRangeOffset) rather than a delta."""
    cmap = {0x41: "bar", 0x42: "square", 0x43: "bar", 0x44: "square", 0x4E00: "square"}
    path = _small_font(tmp_path / "array.ttf", cmap)
    font = TrueType(path)
    ids = {".notdef": 0, "square": 1, "bar": 2}
    assert {code: font.glyph_of[code] for code in cmap} == {c: ids[n] for c, n in cmap.items()}
    assert font.glyph_of[0x45] == font.glyph_of[0x4E01] == font.glyph_of[0x20000] == 0


def test_files_it_cannot_read_get_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FontFormatError, match="not a TrueType font"):
        TrueType(fonts.fonts_dir() / "LICENSE-Fandol.txt")
    otf = tmp_path / "cff.otf"
    otf.write_bytes(b"OTTO" + bytes(60))
    with pytest.raises(FontFormatError, match="no glyf outlines"):
        TrueType(otf)
    font = TTFont(_small_font(tmp_path / "small.ttf", {0x41: "square"}))
    del font["post"]
    font.save(str(tmp_path / "nopost.ttf"))
    with pytest.raises(FontFormatError, match="no 'post' table"):
        TrueType(tmp_path / "nopost.ttf")


def test_a_missing_font_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "_fonts", {})
    monkeypatch.setattr(fonts, "fonts_dir", lambda: tmp_path)
    with pytest.raises(fonts.FontFileMissingError, match=r"FandolFang-Regular\.ttf"):
        fonts.font(fonts.BODY)
