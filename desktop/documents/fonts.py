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

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped, unused-ignore]

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
_registered = False


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


def register_fonts() -> None:
    """Register every logical font with reportlab; later calls do nothing.

    Raises :class:`FontFileMissingError` naming the file if one is missing.
    """
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name in ALL_FONTS:
            if name in registered:
                continue
            path = font_path(name)
            if not path.is_file():
                raise FontFileMissingError(
                    f"font file {path} is missing; the app's resources/fonts folder is incomplete"
                )
            # subsetting is reportlab's default for TTFont: only used glyphs are embedded
            pdfmetrics.registerFont(TTFont(name, str(path)))
        _registered = True


def _face_cmap(name: str) -> dict[int, int]:
    register_fonts()
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
