"""Lay a :class:`~desktop.documents.model.Document` out on A4 per GB/T 9704-2012, as PDF.

The numbers (GB/T 9704-2012 党政机关公文格式):

* A4, top margin 37 mm, left (binding) margin 28 mm, type area (版心)
  156 × 225 mm;
* body 3号 (16 pt) 仿宋 on a grid of 22 lines × 28 characters: every line of
  body text starts on a grid line (line pitch 225 mm / 22) and full-width
  characters advance by 156 mm / 28, so exactly 28 of them fill a line. The
  16 pt glyphs are a touch wider than that pitch; the difference is taken out
  of the inter-character spacing (PDF ``Tc``), as a word processor with a
  document grid does. Digits and Latin letters keep their natural width. Of
  two adjacent full-width marks one gives up its blank half (标点挤压:
  ``），`` ``）。`` ``》，`` take one and a half characters). Full lines are
  justified to the exact width of the type area, the space going between
  characters but never right before a closing mark or after an opening one;
  last lines are left-aligned, paragraphs are indented two characters, and
  simple 避头尾 rules keep closing punctuation off the start of a line and
  opening punctuation off its end;
* the text of a grid line is top-aligned in its line: the top of the em box of
  the first line touches the top of the type area (37 mm from the paper's top);
* title 2号 (22 pt) 小标宋, centred, broken into lines of similar length;
  headings 3号 黑体 (level 1) and 楷体 (level 2);
* 版头 (``Document.layout``): 通用格式 (7.2), the issuer mark in red 小标宋
  centred, its top edge 35 mm below the top of the type area, the document
  number two lines below it (a draft, not numbered yet, keeps the line empty,
  so it is laid out as it will be once numbered), a red line 4 mm under the
  number, the title two lines below the red line; 信函格式 (10.1), the mark
  30 mm below the paper's top edge, a red double line 4 mm under it and one
  20 mm above the bottom edge, 170 mm long, the number flush right under the
  first at 7/8 of a 3号 character, no page number on the first page; a form
  (a slip the standard does not cover) has the mark on the first line;
* signature per 7.3.5.1 (sealed document): the date 右空四字 (its last
  character ends four character pitches left of the type area's right edge),
  the issuer name centred over the date (moved left if it would come closer
  than two characters to the right edge), two blank lines above them for the
  seal. They never stand alone on a page: where a page is a line or two
  short of room for them, its lines below the 版头 are set closer (7.3.5.4
  调整行距, by at most :data:`MAX_TIGHTEN`); where that is not enough, the last
  line of text (or the last row of a table) goes along to the next page;
* form tables: label cells centred, a label needing two lines broken at a
  natural place (科室负责人/审批意见); signature lines ("label：____") two a
  row in 3号 or 4号 when every label fits, else one a row across the width,
  kept whole and on the page of the end of the table above;
* 版记 at the foot of the last page: 抄送 and 印发机关/印发日期 in 4号 仿宋,
  one grid line each, a 0.35 mm rule above and below and a 0.25 mm rule
  between them, the last rule on the bottom edge of the type area;
* page numbers "— 1 —" in 4号 宋体, the dashes 7 mm below the type area, odd
  pages one character in from the right edge, even pages from the left.

Glyph widths come from the fonts' own tables (:mod:`desktop.documents.fonts`); the PDF is written by
:mod:`desktop.documents.pdf`. The output is reproducible: the same document
gives the same bytes (fixed dates; font subsets and the file id derived from
the content).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import operator
import re
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import attrgetter
from typing import Literal, NamedTuple, TypeVar

from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped, unused-ignore]

from desktop.documents import fonts, pdf
from desktop.documents.model import (
    Block,
    Document,
    Heading,
    Paragraph,
    SignatureLines,
    Table,
    chinese_date,
)
from desktop.gc_pause import gc_paused

__all__ = [
    "AREA_BOTTOM",
    "AREA_HEIGHT",
    "AREA_LEFT",
    "AREA_RIGHT",
    "AREA_TOP",
    "AREA_WIDTH",
    "CHARS_PER_LINE",
    "CHAR_PITCH",
    "LINES_PER_PAGE",
    "LINE_PITCH",
    "MM",
    "PAGE_HEIGHT",
    "PAGE_WIDTH",
    "batch_rendering",
    "render_batch_pdf",
    "render_pdf",
    "unsupported_characters",
]

MM = 72 / 25.4
"""One millimetre in PDF points."""
PAGE_WIDTH: float = float(A4[0])
PAGE_HEIGHT: float = float(A4[1])
AREA_LEFT = 28 * MM
AREA_WIDTH = 156 * MM
AREA_RIGHT = AREA_LEFT + AREA_WIDTH
AREA_HEIGHT = 225 * MM
AREA_TOP = PAGE_HEIGHT - 37 * MM
AREA_BOTTOM = AREA_TOP - AREA_HEIGHT
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LINE_PITCH = AREA_HEIGHT / LINES_PER_PAGE
CHAR_PITCH = AREA_WIDTH / CHARS_PER_LINE

SIZE_3 = 16.0  # 3号: body, headings, document number
SIZE_2 = 22.0  # 2号: title
SIZE_4 = 14.0  # 4号: page numbers, 版记, dense tables
MARK_MAX_SIZE = 42.0  # issuer mark, shrunk to fit the type area
EM_ASCENT = 0.88  # the CJK em box spans -0.12 … 0.88 of the size around the baseline
MAX_GAP = 0.25  # justification adds at most this share of the size between two pieces
MAX_SQUEEZE = 0.08  # a line may be set tighter by this share of a character per gap
MAX_TIGHTEN = 0.15  # a page's line pitch may shrink by this share to keep a signature on it
WIDOW_GAP = 1.5  # points of space a line may gain per gap to save a lone last character
FULL_WIDTH = 0.9  # a glyph at least this share of the size wide sits on the character grid

Color = tuple[float, float, float]
BLACK: Color = (0.0, 0.0, 0.0)
RED: Color = (1.0, 0.0, 0.0)

HEADER_RULE = 0.7 * MM  # the red line under the document number
THICK_RULE = 0.35 * MM  # first and last rule of the 版记
THIN_RULE = 0.25 * MM  # the rule between the 版记's elements
TABLE_RULE = 0.75  # table grid lines, points

# 避头尾: never at the start of a line / never at the end of one
NO_LINE_START = frozenset("，。、；：？！）》」』”’〕】〗〉…—·%‰,.;:?!)]}")
NO_LINE_END = frozenset("（《「『“‘〔【〖〈([{")
# 标点挤压 (GB/T 15834, clreq): full-width marks whose glyph fills one half of the
# em box, the other half blank. In the Fandol fonts (mainland style) the pause
# and stop marks sit on the left like the closing brackets and quotes; ？ is centred.
RIGHT_BLANK = frozenset("，。、；：！）》〉」』”’〕】〗")
LEFT_BLANK = frozenset("（《〈「『“‘〔【〖")
MARKS = RIGHT_BLANK | LEFT_BLANK | {"？"}

Align = Literal["justify", "left", "center", "right"]


# --------------------------------------------------------------------- glyphs and lines


@dataclass(frozen=True, eq=False, slots=True)  # kept per character: compared and hashed by identity
class _Glyph:
    char: str
    font: str
    width: float  # natural advance at the size
    advance: float  # advance on the line before justification (grid pitch or natural)
    breakable: bool = True  # a line may break (and justification may add space) after it
    compressed: bool = False  # a mark giving up its blank half (标点挤压)
    # for justification (:func:`_gaps`), from the above: whether space may go after it
    # (breakable, not an opening mark), and whether it is a closing mark (none before it)
    stretchy: bool = field(init=False, repr=False, compare=False)
    closing: bool = field(init=False, repr=False, compare=False)
    # all that breaking and setting a line read of it but its character, as a number
    shape: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "stretchy", self.breakable and self.char not in NO_LINE_END)
        object.__setattr__(self, "closing", self.char in NO_LINE_START)
        # what kind of character for :func:`_pieces` and spaces: " ", "—", "…", ASCII, other
        kind = self.char if self.char in " —…" else "!" if _is_ascii_word(self.char) else ""
        metrics = (self.font, self.width, self.advance, self.stretchy, self.closing)
        shape = (*metrics, self.compressed, kind)
        object.__setattr__(self, "shape", _shapes.setdefault(shape, len(_shapes)))


# a number for each glyph shape met (as many as the glyphs kept, at most)
_shapes: dict[tuple[str, float, float, bool, bool, bool, str], int] = {}

_K = TypeVar("_K")
_V = TypeVar("_V")


class _Kept(dict[_K, _V]):
    """One of the renderer's caches: emptied once it holds ``limit`` entries, so that
    a long batch of ever new texts does not grow it without bound."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def keep(self, key: _K, value: _V) -> _V:
        """Keep ``value`` under ``key``; ``value``."""
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value


@dataclass(frozen=True, eq=False, slots=True)  # compared and hashed by identity: a cache key
class _Line:
    glyphs: tuple[_Glyph, ...]
    indent: float  # offset from the left of the box
    avail: float  # width available to this line, from the indent
    last: bool  # last line of a paragraph (or before a hard break): not justified

    @property
    def natural(self) -> float:
        """The glyphs' advances added up (a plain property: ``cached_property`` takes a
        lock in Python 3.11, which costs more than adding 28 numbers)."""
        natural: float = sum(map(_ADVANCE, self.glyphs))
        return natural


@lru_cache(maxsize=65536)
def _measure(char: str, font: str, size: float) -> tuple[str, float]:
    used = fonts.font_for(font, char)
    return used, 0.001 * size * fonts.font(used).width(ord(char))


def _glyph(char: str, font: str, size: float, grid: bool) -> _Glyph:
    used, width = _measure(char, font, size)
    advance = CHAR_PITCH * size / SIZE_3 if grid and width >= FULL_WIDTH * size else width
    return _Glyph(char, used, width, advance)


# the glyph of each character met, per (font, size, grid)
_glyph_tables: dict[tuple[str, float, bool], dict[str, _Glyph]] = {}


def _glyphs(text: str, font: str, size: float, grid: bool) -> list[_Glyph]:
    table = _glyph_tables.get((font, size, grid))
    if table is None:
        table = _glyph_tables[font, size, grid] = {}
    try:
        glyphs = list(map(table.__getitem__, text))
    except KeyError:
        for char in set(text).difference(table):
            table[char] = _glyph(char, font, size, grid)
        glyphs = list(map(table.__getitem__, text))
    return _compress_punctuation(glyphs, text, size)


def _char_class(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(char) for char in sorted(chars)) + "]"


# a mark that may give up its blank half: the first of two adjacent marks
_MARK_PAIR = re.compile(
    f"{_char_class(RIGHT_BLANK)}(?={_char_class(MARKS)})"
    f"|{_char_class(LEFT_BLANK)}(?={_char_class(LEFT_BLANK)})"
)


def _compress_punctuation(glyphs: list[_Glyph], text: str, size: float) -> list[_Glyph]:
    """标点挤压: of two adjacent full-width marks, one gives up its blank half.

    A mark blank on its right (a closing bracket, a comma, a full stop)
    followed by another mark takes half its width (``）。``, ``），``,
    ``”，``, ``）（``); two opening marks in a row (``（《``) lose the blank
    half of the second, which comes to the same: the first one's advance is
    halved.
    """
    for match in _MARK_PAIR.finditer(text):
        n = match.start()
        mark, after = glyphs[n], glyphs[n + 1]
        if mark.width >= FULL_WIDTH * size and after.width >= FULL_WIDTH * size:
            glyphs[n] = _compressed(mark)
    return glyphs


@lru_cache(maxsize=1024)
def _compressed(mark: _Glyph) -> _Glyph:
    """``mark`` giving up its blank half (``dataclasses.replace`` takes microseconds)."""
    return replace(mark, advance=mark.advance / 2, compressed=True)


def _is_ascii_word(char: str) -> bool:
    return "!" <= char <= "~"


_LONG_UNIT = re.compile("[!-~]{2,}|——|……")  # an ASCII word or number, a ——/…… pair


@lru_cache(maxsize=1024)
def _unbreakable(glyph: _Glyph) -> _Glyph:
    return replace(glyph, breakable=False)


def _pieces(glyphs: list[_Glyph], text: str) -> tuple[list[int], list[float]]:
    """Where the unbreakable pieces of the (breakable) glyphs of ``text`` start (and the
    end), and their widths: a piece is a CJK character, an ASCII word or number, a
    ——/…… pair.

    Only the last glyph of a piece stays ``breakable`` (``glyphs`` is changed
    in place): justification never letter-spaces a number or a Latin word.
    """
    cuts = list(range(len(glyphs) + 1))
    widths = list(map(_ADVANCE, glyphs))
    for match in reversed(list(_LONG_UNIT.finditer(text))):
        start, end = match.span()
        glyphs[start : end - 1] = map(_unbreakable, glyphs[start : end - 1])
        del cuts[start + 1 : end]
        widths[start:end] = [sum(widths[start:end])]
    return cuts, widths


def _gaps(glyphs: Sequence[_Glyph]) -> list[bool]:
    """Per glyph, whether justification may add (or take) space after it.

    After the last piece of a unit (never inside a number or a Latin word),
    never after the last glyph, and never right before a closing mark nor right
    after an opening one (no ``12日 ，``: the space goes between characters).
    """
    if not glyphs:
        return []
    # stretchy > closing: stretchy and not closing (the next glyph's)
    gaps = list(map(operator.gt, map(_STRETCHY, glyphs), map(_CLOSING, glyphs[1:])))
    gaps.append(False)
    return gaps


def _fits(glyphs: Sequence[_Glyph], avail: float) -> bool:
    """Whether ``glyphs`` fit on a line of ``avail``, tightening its gaps if need be.

    A line may be set tighter by up to :data:`MAX_SQUEEZE` of a character per
    gap, which is how a closing mark is kept off the start of the next line.
    """
    excess: float = sum(map(_ADVANCE, glyphs)) - avail
    if excess <= 0.01:
        return True
    room = sum(MAX_SQUEEZE * g.width for g, gap in zip(glyphs, _gaps(glyphs), strict=True) if gap)
    return excess <= room + 0.01


class _Breaks(NamedTuple):
    """How a run of glyphs is broken into lines, whatever its characters (:func:`_plan_breaks`)."""

    unbreakable: tuple[int, ...]  # glyphs inside a piece: no break or space after them
    split: tuple[int, ...]  # glyphs of a piece wider than a line, breakable again
    lines: tuple[tuple[tuple[int, int], ...], ...]  # each line's glyphs, as ranges


# line breaks by the glyphs' shapes (:attr:`_Glyph.shape`) and the measures
_breaks: _Kept[tuple[tuple[int, ...], float, float], _Breaks] = _Kept(4096)


def _break_glyphs(glyphs: list[_Glyph], text: str, first: float, rest: float) -> list[list[_Glyph]]:
    """The lines of the glyphs of one hard-break-free ``text`` (``glyphs`` is changed in
    place: :class:`_Breaks`); broken as glyphs of the same shapes were before (a new
    paragraph of a form breaks like the last copy's when only its names or numbers differ)."""
    key = (tuple(map(_SHAPE, glyphs)), first, rest)
    breaks = _breaks.get(key)
    if breaks is None:
        breaks = _breaks.keep(key, _plan_breaks(list(glyphs), text, first, rest))
    for n in breaks.unbreakable:
        glyphs[n] = _unbreakable(glyphs[n])
    for n in breaks.split:
        glyphs[n] = replace(glyphs[n], breakable=True)
    lines = []
    for (start, end), *more in breaks.lines:
        line = glyphs[start:end]
        for start, end in more:
            line += glyphs[start:end]
        lines.append(line)
    return lines


def _plan_breaks(glyphs: list[_Glyph], text: str, first: float, rest: float) -> _Breaks:
    """Greedy line breaking of the glyphs of one hard-break-free ``text`` between its
    unbreakable pieces (:func:`_pieces`), with 避头尾.

    A closing mark that would start a line is kept on the line above if that
    line can be set a little tighter (:func:`_fits`); otherwise characters are
    pushed down to the next line until the break is allowed. Reads of ``text``
    only what the glyphs' shapes tell (the kind of character, whether a mark
    opens or closes).
    """
    eps = 0.01
    cuts, widths = _pieces(glyphs, text)
    unbreakable = tuple(n for n, glyph in enumerate(glyphs) if not glyph.breakable)
    split: list[int] = []
    count = len(cuts) - 1
    starts = list(itertools.accumulate(widths, initial=0.0))  # where each piece starts

    def bad_break(k: int) -> bool:  # before piece k
        return text[cuts[k]] in NO_LINE_START or text[cuts[k] - 1] in NO_LINE_END

    spans: list[tuple[int, int]] = []  # each line's pieces
    i = 0
    while i < count:
        avail = first if not spans else rest
        j = bisect.bisect_right(starts, starts[i] + avail + eps, i) - 1
        if j == i:  # one piece wider than the line: split it into characters
            start, end = cuts[i], cuts[i + 1]
            if end - start > 1:
                glyphs[start:end] = [replace(g, breakable=True) for g in glyphs[start:end]]
                split += range(start, end)
                cuts[i + 1 : i + 1] = range(start + 1, end)
                widths[i : i + 1] = map(_ADVANCE, glyphs[start:end])
                count = len(cuts) - 1
                starts = list(itertools.accumulate(widths, initial=0.0))
                continue
            j = i + 1  # a single glyph wider than the line gets a line of its own
        else:
            while (
                j < count
                and text[cuts[j]] in NO_LINE_START
                and _fits(glyphs[cuts[i] : cuts[j + 1]], avail)
            ):
                j += 1
            if j < count:
                k = j
                while k > i + 1 and bad_break(k):
                    k -= 1
                if k < j and not bad_break(k):
                    j = k
        spans.append((i, j))
        i = j
        while i < count and text[cuts[i]] == " ":
            i += 1
    lines: list[tuple[tuple[int, int], ...]] = [((cuts[i], cuts[j]),) for i, j in spans]
    # no lone character on a paragraph's last line (孤字): take one from the line above
    if len(spans) > 1:
        above, moved = spans[-2][0], spans[-2][1] - 1  # its first and last pieces
        start, end = spans[-1]
        chars = [char for char in text[cuts[start] : cuts[end]] if char not in NO_LINE_START]
        if len(chars) <= 1 and moved - above > 3:
            avail = first if len(spans) == 2 else rest
            slack = avail - sum(widths[above:moved])
            if (
                not bad_break(moved)
                and text[cuts[moved]] != " "
                and slack <= WIDOW_GAP * (moved - above - 1)
            ):
                lines[-2] = ((cuts[above], cuts[moved]),)
                lines[-1] = ((cuts[moved], cuts[moved + 1]), *lines[-1])
    return _Breaks(unbreakable, tuple(split), tuple(lines))


def _wrap(
    text: str,
    font: str,
    size: float,
    width: float,
    *,
    grid: bool,
    first_indent: float = 0.0,
    rest_indent: float = 0.0,
) -> list[_Line]:
    """Break ``text`` into lines no wider than ``width`` minus the indent.

    A newline in ``text`` is a hard break. Lines never start with a character
    of :data:`NO_LINE_START` nor end with one of :data:`NO_LINE_END` unless a
    line would otherwise hold a single piece. The lines of a text are kept
    (they are immutable): the boilerplate of a form is broken once a batch.
    """
    return list(_wrapped(text, font, size, width, grid, first_indent, rest_indent))


@lru_cache(maxsize=4096)
def _wrapped(
    text: str,
    font: str,
    size: float,
    width: float,
    grid: bool,
    first_indent: float,
    rest_indent: float,
) -> tuple[_Line, ...]:
    lines: list[_Line] = []
    for part in text.replace("\r\n", "\n").replace("\t", " ").split("\n"):
        first = first_indent if not lines else rest_indent
        glyphs = _glyphs(part, font, size, grid)
        broken = _break_glyphs(glyphs, part, width - first, width - rest_indent) or [[]]
        for n, glyphs in enumerate(broken):
            while glyphs and glyphs[-1].char == " ":
                glyphs.pop()
            indent = first if n == 0 else rest_indent
            lines.append(_line(tuple(glyphs), indent, width - indent, n == len(broken) - 1))
    return tuple(lines)


# lines met, by their glyphs (hashed by identity) and their measures
_lines: _Kept[tuple[tuple[_Glyph, ...], float, float, bool], _Line] = _Kept(8192)


def _line(glyphs: tuple[_Glyph, ...], indent: float, avail: float, last: bool) -> _Line:
    """The line of ``glyphs``: the same object wherever the same glyphs are set on the same
    measure, so that its setting and drawing are reused (the lines of a paragraph that
    differs from the last copy's only at its end, e.g. a case number)."""
    key = (glyphs, indent, avail, last)
    line = _lines.get(key)
    if line is None:
        line = _lines.keep(key, _Line(glyphs, indent, avail, last))
    return line


@lru_cache(maxsize=256)
def _wrap_balanced(text: str, font: str, size: float, width: float) -> tuple[_Line, ...]:
    """Wrap into as few lines as possible, of similar length (for centred titles)."""
    lines = _wrapped(text, font, size, width, False, 0.0, 0.0)
    count = len(lines)
    if count <= 1 or "\n" in text:
        return lines
    trial = _wrapped.__wrapped__  # the search's trial widths are not worth keeping
    low, high = width / count, width
    for _ in range(20):
        mid = (low + high) / 2
        if len(trial(text, font, size, mid, False, 0.0, 0.0)) <= count:
            high = mid
        else:
            low = mid
    return tuple(
        replace(line, avail=width) for line in trial(text, font, size, high, False, 0.0, 0.0)
    )


# --------------------------------------------------------------------- drawing operations


class _Run(NamedTuple):  # tuples: made for every new line
    font: str
    text: str
    char_space: float
    # runs with the same non-zero span are marks set closer than their glyphs'
    # width (标点挤压) and the glyph after them, which carry their text as
    # /ActualText so that text extraction does not see overlapping glyphs
    span: int = 0


class _TextOp(NamedTuple):  # tuples: made for every line of every document
    x: float
    baseline: float
    size: float
    runs: tuple[_Run, ...]
    color: Color = BLACK


class _RuleOp(NamedTuple):
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    color: Color = BLACK


_Op = _TextOp | _RuleOp


def _line_op(
    line: _Line,
    left: float,
    top: float,
    size: float,
    align: Align = "justify",
    color: Color = BLACK,
) -> _TextOp:
    """The text of ``line`` with its em box's top at ``top``, in a box starting at ``left``."""
    dx, runs = _set_line(line, size, align)
    return _TextOp(left + dx, top - EM_ASCENT * size, size, runs, color)


@lru_cache(maxsize=8192)
def _set_line(line: _Line, size: float, align: Align) -> tuple[float, tuple[_Run, ...]]:
    """How ``line`` is set: its offset in its box, and its runs of equally spaced glyphs.

    Kept per line (lines are kept per text, :func:`_wrap`), so a form's
    boilerplate is set once a batch; and per shape (:func:`_setting`), so a
    new line is set like a line of the same glyph widths and marks before it.
    """
    glyphs = line.glyphs
    key = (tuple(map(_SHAPE, glyphs)), line.indent, line.avail, line.last, size, align)
    setting = _settings.get(key)
    if setting is None:
        setting = _settings.keep(key, _setting(line, size, align))
    x, pieces = setting
    text = "".join(map(_CHAR, glyphs))  # one character per glyph
    return x, tuple(
        _Run(font, text[start:end], space, span) for start, end, font, space, span in pieces
    )


# a line's setting by its glyphs' shapes (:attr:`_Glyph.shape`) and its measures
_Setting = tuple[float, tuple[tuple[int, int, str, float, int], ...]]
_settings: _Kept[tuple[object, ...], _Setting] = _Kept(8192)


def _setting(line: _Line, size: float, align: Align) -> _Setting:
    """How ``line`` is set, whatever its characters: its offset in its box, and where
    each run starts and ends, its font, the space after each of its glyphs and its
    marked span."""
    glyphs = line.glyphs
    advances = list(map(_ADVANCE, glyphs))
    natural = sum(advances)  # line.natural
    x = line.indent
    extra = 0.0
    stretch = _gaps(glyphs)
    gaps = stretch.count(True)
    slack = line.avail - natural
    if slack < -0.01 and gaps:  # tightened to keep a closing mark on this line
        extra = slack / gaps
    elif align == "justify" and not line.last and gaps:
        if 0 < slack <= MAX_GAP * size * gaps:
            extra = slack / gaps
    elif align == "center":
        x += (line.avail - natural) / 2
    elif align == "right":
        x += line.avail - natural
    spaces = list(map(operator.sub, advances, map(_WIDTH, glyphs)))
    if extra:
        spaces = [
            space + extra if gap else space for space, gap in zip(spaces, stretch, strict=True)
        ]
    rounded = {space: round(space, 4) for space in set(spaces)}
    spaces = list(map(rounded.__getitem__, spaces))
    glyph_fonts = list(map(_FONT, glyphs))
    spans = _spans(glyphs)
    # a run per change of the font, the space after a glyph or the marked span it is
    # part of; on a line in one font with no marked span (most), of the space alone
    keys: Sequence[object] = spaces
    if glyph_fonts.count(glyph_fonts[0] if glyphs else "") < len(glyphs) or any(spans):
        keys = list(zip(glyph_fonts, spaces, spans, strict=True))
    changes = itertools.compress(itertools.count(1), map(operator.ne, keys[1:], keys))
    pieces = tuple(
        (start, end, glyph_fonts[start], spaces[start], spans[start])
        for start, end in itertools.pairwise([0, *changes, len(glyphs)])
        if end > start
    )
    return x, pieces


_ADVANCE = attrgetter("advance")
_WIDTH = attrgetter("width")
_FONT = attrgetter("font")
_CHAR = attrgetter("char")
_SHAPE = attrgetter("shape")
_STRETCHY = attrgetter("stretchy")
_CLOSING = attrgetter("closing")
_COMPRESSED = attrgetter("compressed")


def _spans(glyphs: Sequence[_Glyph]) -> list[int]:
    """Per glyph, the number of the marked span it belongs to (0: none): a span
    holds marks set closer than their glyphs' width and the glyph after them."""
    if not any(map(_COMPRESSED, glyphs)):
        return [0] * len(glyphs)
    out = []
    span = spans = 0
    for n, glyph in enumerate(glyphs):
        if span and not glyphs[n - 1].compressed:
            span = 0  # the glyph after the compressed marks closed it
        if glyph.compressed and not span:
            spans += 1
            span = spans
        out.append(span)
    return out


def _text_width(text: str, font: str, size: float) -> float:
    return sum(g.advance for g in _glyphs(text, font, size, grid=False))


# --------------------------------------------------------------------- page flow


def _line_top(index: int) -> float:
    return AREA_TOP - index * LINE_PITCH


def _shifted(op: _Op, dy: float) -> _Op:
    if isinstance(op, _TextOp):
        return op._replace(baseline=op.baseline + dy)
    return op._replace(y1=op.y1 + dy, y2=op.y2 + dy)


@dataclass(frozen=True)
class _DrawnRow:
    """A table row (or the part of a tall one) drawn on one page: where its
    operations start on the page, and its extent."""

    page: int
    start: int  # index of its first operation on the page
    top: float
    bottom: float


class _Flow:
    """Pages of drawing operations and the free space left on the current one."""

    def __init__(self) -> None:
        self.pages: list[list[_Op]] = [[]]
        self.y = AREA_TOP  # top of the free space on the current page
        # grid lines of the last text block: (page, op) pairs, for carrying them over
        self.last_block: list[tuple[int, _TextOp]] = []
        # how many of them go along with a signature block that has to start a new
        # page: the fewest that keep it with text, so the page before stays full
        self.carry_lines = 1
        # rows of the last block when it was a table, for carrying them over
        self.last_rows: list[_DrawnRow] = []
        self.body_top = AREA_TOP  # where the page's body starts: below the 版头 on page 1

    @property
    def ops(self) -> list[_Op]:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append([])
        self.y = AREA_TOP
        self.body_top = AREA_TOP

    def next_line(self) -> int:
        """The index of the first grid line whose top is at or below the free space's top."""
        return max(0, math.ceil((AREA_TOP - self.y) / LINE_PITCH - 1e-6))

    def lines_left(self) -> int:
        return LINES_PER_PAGE - self.next_line()

    def skip_lines(self, count: int) -> None:
        """Leave ``count`` grid lines blank (not at the top of a page)."""
        if count <= 0 or self.y >= AREA_TOP:
            return
        index = min(self.next_line() + count, LINES_PER_PAGE)
        self.y = _line_top(index)

    def take_line(self) -> float:
        """Claim the next grid line (on a new page if this one is full); its top."""
        index = self.next_line()
        if index >= LINES_PER_PAGE:
            self.new_page()
            index = 0
        self.y = _line_top(index + 1)
        return _line_top(index)

    def place_lines(
        self,
        lines: Sequence[_Line],
        size: float,
        *,
        left: float = AREA_LEFT,
        align: Align = "justify",
        font_color: Color = BLACK,
    ) -> None:
        lefts = (left,) * len(lines)
        self.last_block = self.put_lines(tuple(lines), lefts, size, align, font_color)
        self.last_rows = []
        self.carry_lines = 1

    def put_lines(
        self,
        lines: tuple[_Line, ...],
        lefts: tuple[float, ...],
        size: float,
        align: Align,
        color: Color,
    ) -> list[tuple[int, _TextOp]]:
        """Draw ``lines`` (each in a box starting at its ``lefts``) on the next grid
        lines; the page and operation of each."""
        index = self.next_line()
        if lines and index + len(lines) <= LINES_PER_PAGE:  # no page break in them
            ops = _placed(lines, lefts, index, size, align, color)
            self.ops.extend(ops)
            self.y = _line_top(index + len(ops))
            page = len(self.pages) - 1
            return [(page, op) for op in ops]
        placed = []
        for line, left in zip(lines, lefts, strict=True):
            op = _line_op(line, left, self.take_line(), size, align, color)
            self.ops.append(op)
            placed.append((len(self.pages) - 1, op))
        return placed

    def carry_to_new_page(self, lines: int) -> None:
        """Start a new page, moving the last ``lines`` grid lines of the last block with it.

        Used so that a signature block never stands alone on a page. Lines move
        only if they are the last operations on their page and some text stays
        behind on it. After a table, its last rows move instead
        (:meth:`carry_rows_to_new_page`).
        """
        if self.last_rows:
            self.carry_rows_to_new_page()
            return
        page = len(self.pages) - 1
        movable = [op for p, op in self.last_block if p == page]
        text_ops = sum(1 for op in self.ops if isinstance(op, _TextOp))
        count = min(lines, len(movable), text_ops - 1)
        tail = movable[len(movable) - count :] if count > 0 else []
        if tail and any(a is not b for a, b in zip(self.ops[-len(tail) :], tail, strict=True)):
            tail = []
        if tail:
            del self.ops[-len(tail) :]
        self.new_page()
        for op in tail:
            top = self.take_line()
            self.ops.append(op._replace(baseline=top - EM_ASCENT * op.size))

    def tighten_page(self, lines: int) -> bool:
        """Set this page's lines closer so that ``lines`` more grid lines fit below them.

        GB/T 9704 7.3.5.4: where the space left cannot hold the seal, the
        signature and the date, 调整行距、字距 rather than let them stand on a page
        of their own. Everything on the page below the 版头 moves up in
        proportion, the line pitch shrinking by at most :data:`MAX_TIGHTEN`
        (a line or two on a full page); returns whether it did.
        """
        used = self.next_line()
        if used >= LINES_PER_PAGE or self.y >= AREA_TOP:
            return False
        pivot = self.body_top  # the 版头 keeps its measures
        bottom = _line_top(used)
        if pivot - bottom < LINE_PITCH:
            return False
        factor = (pivot - _line_top(LINES_PER_PAGE - lines)) / (pivot - bottom)
        if factor >= 1:
            return True
        if factor < 1 - MAX_TIGHTEN - 1e-9:
            return False

        def moved(y: float) -> float:
            return y if y >= pivot else pivot - (pivot - y) * factor

        page = self.pages[-1]
        for n, op in enumerate(page):
            if isinstance(op, _TextOp):
                top = op.baseline + EM_ASCENT * op.size  # the line's top moves, not its glyphs'
                page[n] = op._replace(baseline=moved(top) - EM_ASCENT * op.size)
            else:
                page[n] = op._replace(y1=moved(op.y1), y2=moved(op.y2))
        self.y = moved(_line_top(used))
        self.last_block = []
        self.last_rows = []
        return True

    def carry_rows_to_new_page(self, rows: int = 1) -> None:
        """Start a new page, moving up to ``rows`` last rows of the last table with it.

        Rows move only if they were drawn whole on this page as its last
        operations, at least one row stays behind, and together they are not
        taller than a quarter of the page (the last row always may move).
        """
        page = len(self.pages) - 1
        drawn = [row for row in self.last_rows if row.page == page]
        moved: list[_DrawnRow] = []
        for row in reversed(drawn[1:]):
            if len(moved) == rows or (moved and drawn[-1].bottom < row.top - AREA_HEIGHT / 4):
                break
            moved.insert(0, row)
        if not moved:
            self.new_page()
            self.last_rows = []
            return
        tail = self.ops[moved[0].start :]
        del self.ops[moved[0].start :]
        dy = AREA_TOP - moved[0].top
        self.new_page()
        self.ops.extend(_shifted(op, dy) for op in tail)
        self.last_rows = [
            _DrawnRow(
                len(self.pages) - 1, row.start - moved[0].start, row.top + dy, row.bottom + dy
            )
            for row in moved
        ]
        self.y = moved[-1].bottom + dy - TABLE_GAP


@lru_cache(maxsize=4096)
def _placed(
    lines: tuple[_Line, ...],
    lefts: tuple[float, ...],
    index: int,
    size: float,
    align: Align,
    color: Color,
) -> tuple[_TextOp, ...]:
    """The operations of ``lines`` on consecutive grid lines from grid line ``index``
    (kept: a form's boilerplate paragraph lands on the same grid lines in every copy)."""
    return tuple(
        _line_op(line, left, _line_top(index + n), size, align, color)
        for n, (line, left) in enumerate(zip(lines, lefts, strict=True))
    )


# --------------------------------------------------------------------- the parts


MARK_BELOW_AREA_TOP = 35 * MM  # 通用格式 (7.2.1): the issuer mark's top below the type area's
LETTER_MARK_TOP = PAGE_HEIGHT - 30 * MM  # 信函格式 (10.1): 30 mm below the paper's top edge
LETTER_RULE_LEFT = (AREA_LEFT + AREA_RIGHT) / 2 - 85 * MM  # its double lines: 170 mm, centred
LETTER_RULE_RIGHT = LETTER_RULE_LEFT + 170 * MM
LETTER_FOOT_RULE = 20 * MM  # the second double line, above the paper's bottom edge
# the double lines' widths and gap (the standard gives none; as common letterheads)
DOUBLE_THICK, DOUBLE_THIN, DOUBLE_GAP = 0.8 * MM, 0.3 * MM, 0.5 * MM


def _double_rule(top: float, thick_first: bool) -> tuple[_RuleOp, _RuleOp]:
    """A red double line from ``top`` down: thick over thin, or thin over thick."""
    first, second = (DOUBLE_THICK, DOUBLE_THIN) if thick_first else (DOUBLE_THIN, DOUBLE_THICK)
    y1 = top - first / 2
    y2 = top - first - DOUBLE_GAP - second / 2
    return (
        _RuleOp(LETTER_RULE_LEFT, y1, LETTER_RULE_RIGHT, y1, first, RED),
        _RuleOp(LETTER_RULE_LEFT, y2, LETTER_RULE_RIGHT, y2, second, RED),
    )


@lru_cache(maxsize=256)
def _mark_op(mark: str, top: float) -> tuple[_TextOp, float]:
    """The issuer mark in red 小标宋 centred with its top at ``top``: as large as fits
    the type area's width (at most :data:`MARK_MAX_SIZE`); the op and its size."""
    natural = _text_width(mark, fonts.TITLE, 1.0)
    size = min(MARK_MAX_SIZE, AREA_WIDTH / natural) if natural else MARK_MAX_SIZE
    size = math.floor(size * 10) / 10
    line = _Line(tuple(_glyphs(mark, fonts.TITLE, size, grid=False)), 0, AREA_WIDTH, True)
    return _line_op(line, AREA_LEFT, top, size, "center", RED), size


def _layout_letter_header(flow: _Flow, header: _Header) -> None:
    """信函格式 (GB/T 9704 10.1): the mark 30 mm below the paper's top, a red double
    line (thick over thin) 4 mm under it; under the line, at 7/8 of a 3号
    character, the 密级 flush left and the number flush right; the title two
    lines below them."""
    mark, size = _mark_op(header.issuer_mark or "", LETTER_MARK_TOP)
    flow.ops.append(mark)
    rule_top = LETTER_MARK_TOP - size - 4 * MM
    flow.ops.extend(_double_rule(rule_top, thick_first=True))
    top = rule_top - DOUBLE_THICK - DOUBLE_GAP - DOUBLE_THIN - 7 / 8 * SIZE_3
    parts: tuple[tuple[str | None, str, Align], ...] = (
        (header.confidential, fonts.HEI, "left"),
        (header.number, fonts.BODY, "right"),
    )
    for text, font, align in parts:
        if text:
            line = _wrap(text, font, SIZE_3, AREA_WIDTH, grid=False)[0]
            flow.ops.append(_line_op(line, AREA_LEFT, top, SIZE_3, align))
    flow.y = top - SIZE_3  # a draft keeps the number's room: laid out as it will be
    flow.skip_lines(2)


class _Header(NamedTuple):
    """What the 版头 is laid out from."""

    confidential: str | None
    issuer_mark: str | None
    number: str | None
    layout: str


@lru_cache(maxsize=4096)
def _header(header: _Header) -> tuple[tuple[tuple[_Op, ...], ...], float]:
    """The 版头's operations, per page, and the top of the free space below it (kept:
    each copy of a form has the same, up to its number)."""
    flow = _Flow()
    _layout_header(flow, header)
    return tuple(map(tuple, flow.pages)), flow.y


def _layout_header(flow: _Flow, header: _Header) -> None:
    if header.issuer_mark and header.layout == "letter":
        _layout_letter_header(flow, header)
        return
    if header.confidential:  # 密级: 3号 黑体, top left
        for line in _wrap(header.confidential, fonts.HEI, SIZE_3, AREA_WIDTH, grid=True):
            flow.ops.append(_line_op(line, AREA_LEFT, flow.take_line(), SIZE_3, "left"))
    if header.issuer_mark:
        top = _line_top(flow.next_line())
        if header.layout == "standard":
            top = min(top, AREA_TOP - MARK_BELOW_AREA_TOP)
        mark, size = _mark_op(header.issuer_mark, top)
        flow.ops.append(mark)
        flow.y = top - size
        # 下空二行 the document number, 4 mm under it the red line. A draft has
        # no number yet: its line stays empty, so the header (and every page
        # after it) is laid out as it will be once the document is numbered.
        flow.skip_lines(2)
        number = header.number or ""
        for line in _wrap(number, fonts.BODY, SIZE_3, AREA_WIDTH, grid=False):
            top = flow.take_line()
            if line.glyphs:
                flow.ops.append(_line_op(line, AREA_LEFT, top, SIZE_3, "center"))
        rule_below = top - SIZE_3 - 4 * MM
        flow.ops.append(_RuleOp(AREA_LEFT, rule_below, AREA_RIGHT, rule_below, HEADER_RULE, RED))
        flow.y = rule_below - HEADER_RULE / 2
        flow.skip_lines(2)
    elif header.number:
        if header.confidential:
            flow.skip_lines(1)
        for line in _wrap(header.number, fonts.BODY, SIZE_3, AREA_WIDTH, grid=False):
            flow.ops.append(_line_op(line, AREA_LEFT, flow.take_line(), SIZE_3, "center"))
        flow.skip_lines(1)
    elif header.confidential:
        flow.skip_lines(1)


def _layout_title(flow: _Flow, document: Document) -> None:
    flow.body_top = flow.y  # below the 版头
    if not document.title:
        return
    lines = _wrap_balanced(document.title, fonts.TITLE, SIZE_2, AREA_WIDTH)
    flow.place_lines(lines, SIZE_2, align="center")
    flow.skip_lines(1)


def _layout_addressee(flow: _Flow, document: Document) -> None:
    if not document.addressee:
        return
    text = document.addressee.rstrip()
    if not text.endswith(("：", ":")):
        text += "："
    flow.place_lines(_wrap(text, fonts.BODY, SIZE_3, AREA_WIDTH, grid=True), SIZE_3)


def _body_lines(text: str, font: str, indent: bool) -> list[_Line]:
    first = 2 * CHAR_PITCH if indent else 0.0
    return _wrap(text, font, SIZE_3, AREA_WIDTH, grid=True, first_indent=first)


def _layout_paragraph(flow: _Flow, block: Paragraph) -> None:
    # the renderer indents: spaces typed for indentation would double it
    text = block.text.lstrip("\u3000 ") if block.indent else block.text
    flow.place_lines(_body_lines(text, fonts.BODY, block.indent), SIZE_3)


def _layout_heading(flow: _Flow, block: Heading, followed: bool) -> None:
    font = {1: fonts.HEI, 2: fonts.KAI}.get(block.level, fonts.BODY)
    lines = _body_lines(block.text, font, True)
    # keep a heading with the first line of what follows it
    if followed and flow.lines_left() < len(lines) + 1 and flow.y < AREA_TOP:
        flow.new_page()
    flow.place_lines(lines, SIZE_3)


@dataclass(frozen=True)
class _Cell:
    left: float
    width: float
    lines: tuple[_Line, ...]
    align: Align


TABLE_PAD_X = 6.0
TABLE_PAD_Y = 5.0
TABLE_GAP = 4.0  # least space between a table and what follows it
EMPTY_ROW = 3 * LINE_PITCH  # least height of a row with an empty cell


def _table_size(table: Table) -> float:
    """3号, or 4号 when a short cell (up to 16 characters) would wrap at 3号 but not at 4号."""
    for row in table.rows:
        for cell, width in zip(row, _column_widths(table, len(row)), strict=True):
            text = cell.strip()
            inner = width - 2 * TABLE_PAD_X
            if not text or "\n" in text or len(text) > 16:
                continue
            if (
                _text_width(text, fonts.BODY, SIZE_3)
                > inner
                >= _text_width(text, fonts.BODY, SIZE_4)
            ):
                return SIZE_4
    return SIZE_3


def _column_widths(table: Table, cells: int) -> list[float]:
    """Cell widths of a row: the table's columns, the last cell spanning any left over.

    A one-cell row spans the whole width; a row with more cells than the table
    has columns is split evenly.
    """
    shares = [max(0.0, share) for share in table.widths]
    total = sum(shares)
    if cells > len(shares) or total <= 0:
        return [AREA_WIDTH / cells] * cells
    widths = [AREA_WIDTH * share / total for share in shares[: cells - 1]]
    return [*widths, AREA_WIDTH - sum(widths)]


# Where a table label that needs two lines reads best broken: after a particle
# or a pause mark, or before a word that ends many labels (科室负责人/审批意见,
# 要求提供的/资料, 被检查单位/负责人). Without such a place: lines of similar length.
LABEL_BREAK_AFTER = frozenset("的、，和及与")
LABEL_BREAK_BEFORE = (
    "审批",
    "意见",
    "负责人",
    "单位",
    "人员",
    "资料",
    "材料",
    "情况",
    "事项",
    "结果",
    "要求",
    "说明",
    "反馈",
    "报告",
    "时间",
    "时限",
    "日期",
    "理由",
    "状态",
)


def _wrap_label(text: str, font: str, size: float, width: float) -> list[_Line]:
    """A table label: as few lines as plain wrapping gives, two broken at a natural place."""
    lines = _wrap(text, font, size, width, grid=False)
    if len(lines) != 2 or "\n" in text:
        return lines
    best: tuple[tuple[bool, int, int], int] | None = None
    for cut in range(1, len(text)):
        head, tail = text[:cut], text[cut:]
        if (
            head[-1] in NO_LINE_END
            or tail[0] in NO_LINE_START
            or " " in (head[-1], tail[0])
            or (_is_ascii_word(head[-1]) and _is_ascii_word(tail[0]))
            or _text_width(head, font, size) > width + 0.01
            or _text_width(tail, font, size) > width + 0.01
        ):
            continue
        natural = head[-1] in LABEL_BREAK_AFTER or tail.startswith(LABEL_BREAK_BEFORE)
        score = (not natural, abs(len(head) - len(tail)), -len(head))
        if best is None or score < best[0]:
            best = (score, cut)
    if best is None:
        return lines
    cut = best[1]
    return _wrap(f"{text[:cut]}\n{text[cut:]}", font, size, width, grid=False)


def _table_rows(table: Table, size: float) -> list[list[_Cell]]:
    rows = []
    for row in table.rows:
        cells = []
        left = AREA_LEFT
        for n, (text, width) in enumerate(zip(row, _column_widths(table, len(row)), strict=True)):
            inner = width - 2 * TABLE_PAD_X
            label = len(row) > 1 and n % 2 == 0
            if label:
                lines = _wrap_label(text.strip(), fonts.BODY, size, inner)
            else:
                lines = _wrap(text.strip(), fonts.BODY, size, inner, grid=False)
            cells.append(_Cell(left, width, tuple(lines), "center" if label else "justify"))
            left += width
        rows.append(cells)
    return rows


def _row_height(
    cells: Sequence[_Cell], size: float, line_pitch: float, least: float = LINE_PITCH
) -> float:
    count = max((len(cell.lines) for cell in cells), default=1)
    return max(least, (count - 1) * line_pitch + size + 2 * TABLE_PAD_Y)


def _draw_row(
    flow: _Flow, cells: Sequence[_Cell], size: float, line_pitch: float, least: float
) -> None:
    height = _row_height(cells, size, line_pitch, least)
    top, bottom = flow.y, flow.y - height
    start = len(flow.ops)
    for cell in cells:
        block = (len(cell.lines) - 1) * line_pitch + size if cell.lines else 0.0
        text_top = top - (height - block) / 2
        for n, line in enumerate(cell.lines):
            flow.ops.append(
                _line_op(line, cell.left + TABLE_PAD_X, text_top - n * line_pitch, size, cell.align)
            )
        right = cell.left + cell.width
        for x1, y1, x2, y2 in (
            (cell.left, top, right, top),
            (cell.left, bottom, right, bottom),
            (cell.left, top, cell.left, bottom),
            (right, top, right, bottom),
        ):
            flow.ops.append(_RuleOp(x1, y1, x2, y2, TABLE_RULE))
    flow.y = bottom
    flow.last_rows.append(_DrawnRow(len(flow.pages) - 1, start, top, bottom))


def _layout_table(flow: _Flow, table: Table) -> None:
    size = _table_size(table)
    line_pitch = size * 1.5
    flow.y = _line_top(flow.next_line())
    if flow.next_line() >= LINES_PER_PAGE:
        flow.new_page()
    flow.last_block = []
    flow.last_rows = []
    for cells in _table_rows(table, size):
        pending: list[_Cell] = list(cells)
        # an empty cell is room to write in by hand (an opinion, a signature)
        empty = any(not any(line.glyphs for line in cell.lines) for cell in cells)
        least = EMPTY_ROW if empty else LINE_PITCH
        while True:
            height = _row_height(pending, size, line_pitch, least)
            space = flow.y - AREA_BOTTOM
            if height <= space + 0.01:
                _draw_row(flow, pending, size, line_pitch, least)
                break
            longest = max(len(cell.lines) for cell in pending)
            fit = math.floor((space - 2 * TABLE_PAD_Y - size) / line_pitch) + 1
            if longest - fit < 2:
                fit = longest - 2  # never leave a single line for the next page
            if flow.y >= AREA_TOP - 0.01:
                fit = max(1, fit)  # taller than a whole page: it must split
            elif height <= AREA_HEIGHT / 3 or fit < 2:
                flow.new_page()  # a short row moves to the next page whole
                continue
            head = [replace(c, lines=c.lines[:fit]) for c in pending]
            _draw_row(flow, head, size, line_pitch, LINE_PITCH)
            pending = [replace(c, lines=c.lines[fit:]) for c in pending]
            least = LINE_PITCH
            flow.new_page()
    # the next text starts on a grid line at least a few points below the table
    flow.y -= TABLE_GAP


SIGN_ROOM = 5 * CHAR_PITCH  # the least length of a line to sign on (about 28 mm)
SIGN_PITCH = 2.0  # grid lines per row of signature lines: a blank one above it to sign in
MIN_SIGN_PITCH = 1.25  # … or down to this where it keeps the block on the page

_SignEntry = tuple[float, float, list[_Line]]  # left, end of the line to sign on, label lines


def _signature_rows(labels: Sequence[str]) -> tuple[float, list[list[_SignEntry]]]:
    """The size and rows of a signature block, each entry "label：______".

    Two entries a row in 3号, else in 4号, when every label with a line of at
    least :data:`SIGN_ROOM` after it fits in half the width; else one entry a
    row, its line running to the right edge of the type area. A label is never
    broken unless it is longer than a line by itself.
    """
    texts = [label.rstrip("：:") + "：" for label in labels]
    half = AREA_WIDTH / 2
    for size in (SIZE_3, SIZE_4):
        widths = [sum(g.advance for g in _glyphs(t, fonts.BODY, size, grid=True)) for t in texts]
        if all(width + SIGN_ROOM <= half - CHAR_PITCH for width in widths):
            rows = []
            for first in range(0, len(texts), 2):
                row = []
                for column, text in enumerate(texts[first : first + 2]):
                    left = AREA_LEFT + column * half
                    end = left + half - (CHAR_PITCH if column == 0 else 0.0)
                    row.append((left, end, _wrap(text, fonts.BODY, size, half, grid=True)))
                rows.append(row)
            return size, rows
    inner = AREA_WIDTH - SIGN_ROOM
    return SIZE_3, [
        [(AREA_LEFT, AREA_RIGHT, _wrap(text, fonts.BODY, SIZE_3, inner, grid=True))]
        for text in texts
    ]


def _layout_signature_lines(flow: _Flow, block: SignatureLines) -> None:
    """Signature lines, "label：______", with room above each line to sign in.

    The block stays whole on one page, with what comes before it: where it
    does not fit below the last block, its rows close up (down to
    :data:`MIN_SIGN_PITCH` grid lines a row) to take the space left; where
    that is not enough, it starts a new page and takes the last rows of the
    table (or the last lines of text) above it along.
    """
    size, rows = _signature_rows(block.labels)
    if not rows:
        return
    extra_lines = sum(max(len(lines) for _, _, lines in row) - 1 for row in rows)

    def pitch_in(top: float) -> float:
        room = max(0.0, top - AREA_BOTTOM) / LINE_PITCH - extra_lines
        return min(SIGN_PITCH, room / len(rows))

    top = _line_top(flow.next_line())
    pitch = pitch_in(top)
    if pitch < MIN_SIGN_PITCH and flow.y < AREA_TOP - 0.01:
        flow.carry_to_new_page(flow.carry_lines)
        top = _line_top(flow.next_line())
        pitch = pitch_in(top)
    pitch = max(1.0, pitch)  # a block taller than a page only closes up (and runs over)
    baseline_drop = EM_ASCENT * SIZE_3  # labels of every size share the 3号 baseline
    for row in rows:
        top -= (pitch - 1) * LINE_PITCH  # room to sign in
        count = max(len(lines) for _, _, lines in row)
        for left, end, lines in row:
            for n, line in enumerate(lines):
                line_top = top - n * LINE_PITCH - (baseline_drop - EM_ASCENT * size)
                flow.ops.append(_line_op(line, left, line_top, size, "left"))
            last = lines[-1]
            start = left + last.indent + last.natural + 2.0
            underline = top - (len(lines) - 1) * LINE_PITCH - baseline_drop - 3.0
            flow.ops.append(_RuleOp(start, underline, end, underline, 0.6))
        top -= count * LINE_PITCH
    flow.y = top
    flow.last_block = []
    flow.last_rows = []


def _layout_attachments(flow: _Flow, attachments: Sequence[str]) -> None:
    if not attachments:
        return
    flow.skip_lines(1)
    label = "附件："
    label_width = _text_width(label, fonts.BODY, SIZE_3) * CHAR_PITCH / SIZE_3
    numbered = len(attachments) > 1
    lines: list[_Line] = []
    for n, name in enumerate(attachments):
        number = f"{n + 1}." if numbered else ""
        number_width = _text_width(number, fonts.BODY, SIZE_3)
        first = 2 * CHAR_PITCH + (label_width if n else 0.0)
        rest = 2 * CHAR_PITCH + label_width + number_width
        text = (label if n == 0 else "") + number + name
        lines += _wrap(
            text, fonts.BODY, SIZE_3, AREA_WIDTH, grid=True, first_indent=first, rest_indent=rest
        )
    flow.place_lines(lines, SIZE_3)
    flow.carry_lines = len(lines) if len(lines) <= 6 else 1  # keep a short list together


@lru_cache(maxsize=1024)
def _signature_block(
    signature: str | None, date: str | None
) -> tuple[int, tuple[_Line, ...], tuple[float, ...]]:
    """The blank grid lines above the signature (room for the seal) and its lines, the
    issuer's then the date, with where each starts."""
    width = AREA_WIDTH - 2 * CHAR_PITCH
    lines = _wrap(signature, fonts.BODY, SIZE_3, width, grid=True) if signature else []
    date_line = _wrap(date, fonts.BODY, SIZE_3, AREA_WIDTH, grid=True)[0] if date else None
    blank = 2 if signature else 1  # room for the seal over the signature and the date
    date_right = AREA_RIGHT - 4 * CHAR_PITCH  # 右空四字
    lefts = []
    if lines:
        widest = max(line.natural for line in lines)
        if date_line is not None:  # centred over the date, but 右空二字 at least
            centre = date_right - date_line.natural / 2
            right = min(centre + widest / 2, AREA_RIGHT - 2 * CHAR_PITCH)
            right = max(right, date_right)
        else:
            right = AREA_RIGHT - 2 * CHAR_PITCH  # 右空二字 when there is no date (7.3.5.2)
        lefts = [max(AREA_LEFT, right - line.natural) for line in lines]
    if date_line is not None:
        lines.append(date_line)
        lefts.append(date_right - date_line.natural)
    return blank, tuple(lines), tuple(lefts)


def _layout_signature(flow: _Flow, document: Document) -> None:
    """发文机关署名 and 成文日期 per GB/T 9704 7.3.5.1, kept together with some text."""
    date = chinese_date(document.date) if document.date else None
    if not document.signature and not date:
        return
    blank, lines, lefts = _signature_block(document.signature, date)
    needed = blank + len(lines)
    if flow.lines_left() < needed and not flow.tighten_page(needed):
        flow.carry_to_new_page(flow.carry_lines)
    flow.skip_lines(blank)
    flow.put_lines(lines, lefts, SIZE_3, "left", BLACK)
    flow.last_block = []
    flow.last_rows = []


def _imprint_lines(
    copy_to: tuple[str, ...], printer: str | None, printed_on: dt.date | None
) -> tuple[list[_Line], list[_Line]]:
    """The 版记's lines: 抄送 (wrapped, aligned after the colon) and 印发 (one line)."""
    inner = AREA_WIDTH - 2 * SIZE_4
    copy: list[_Line] = []
    if copy_to:
        text = "抄送：" + "，".join(copy_to).rstrip("。.，, ") + "。"
        hang = _text_width("抄送：", fonts.BODY, SIZE_4)
        copy = _wrap(text, fonts.BODY, SIZE_4, inner, grid=False, rest_indent=hang)
    printed: list[_Line] = []
    if printer or printed_on:
        date = chinese_date(printed_on) + "印发" if printed_on else ""
        printed = [_single_line(printer or "", SIZE_4, inner), _single_line(date, SIZE_4, inner)]
    return copy, printed


@lru_cache(maxsize=1024)
def _single_line(text: str, size: float, avail: float) -> _Line:
    """``text`` as one unbroken 仿宋 line (kept: its setting is kept with it)."""
    return _Line(tuple(_glyphs(text, fonts.BODY, size, grid=False)), 0.0, avail, True)


def _layout_imprint(flow: _Flow, document: Document) -> None:
    rows, ops = _imprint(tuple(document.copy_to), document.printer, document.printed_on)
    if not rows:
        return
    if flow.next_line() > LINES_PER_PAGE - rows:
        flow.new_page()
    flow.ops.extend(ops)


@lru_cache(maxsize=256)
def _imprint(
    copy_to: tuple[str, ...], printer: str | None, printed_on: dt.date | None
) -> tuple[int, tuple[_Op, ...]]:
    """The 版记's grid lines and operations (at the foot of the page, whatever is above)."""
    copy, printed = _imprint_lines(copy_to, printer, printed_on)
    rows = len(copy) + (1 if printed else 0)
    if not rows:
        return 0, ()
    left = AREA_LEFT + SIZE_4

    def row_top(row_from_bottom: int) -> float:
        # text centred vertically in its grid line
        band_top = AREA_BOTTOM + (row_from_bottom + 1) * LINE_PITCH
        return band_top - (LINE_PITCH - SIZE_4) / 2 - (1 - EM_ASCENT) * SIZE_4 / 2

    ops: list[_Op] = [_RuleOp(AREA_LEFT, AREA_BOTTOM, AREA_RIGHT, AREA_BOTTOM, THICK_RULE)]
    row = 0
    if printed:
        ops.append(_line_op(printed[0], left, row_top(0), SIZE_4, "left"))
        ops.append(_line_op(printed[1], left, row_top(0), SIZE_4, "right"))
        row = 1
    if copy:
        if printed:
            y = AREA_BOTTOM + LINE_PITCH
            ops.append(_RuleOp(AREA_LEFT, y, AREA_RIGHT, y, THIN_RULE))
        for n, line in enumerate(copy):
            ops.append(_line_op(line, left, row_top(row + len(copy) - 1 - n), SIZE_4, "justify"))
        row += len(copy)
    y = AREA_BOTTOM + row * LINE_PITCH
    ops.append(_RuleOp(AREA_LEFT, y, AREA_RIGHT, y, THICK_RULE))
    return rows, tuple(ops)


@lru_cache(maxsize=64)
def _page_number_op(page: int) -> _TextOp:
    text = f"— {page} —"
    glyphs = tuple(_glyphs(text, fonts.SONG, SIZE_4, grid=False))
    width = sum(g.advance for g in glyphs)
    x = AREA_RIGHT - SIZE_4 - width if page % 2 else AREA_LEFT + SIZE_4
    dash_height = 0.3 * SIZE_4  # the dash's middle above the baseline in 宋体
    baseline = AREA_BOTTOM - 7 * MM - dash_height
    line = _Line(glyphs, 0.0, width, True)
    return _line_op(line, x, baseline + EM_ASCENT * SIZE_4, SIZE_4, "left")


def _layout(document: Document) -> list[list[_Op]]:
    flow = _Flow()
    header = _Header(document.confidential, document.issuer_mark, document.number, document.layout)
    pages, flow.y = _header(header)
    flow.pages = list(map(list, pages))
    _layout_title(flow, document)
    _layout_addressee(flow, document)
    blocks: Sequence[Block] = document.blocks
    for n, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            _layout_paragraph(flow, block)
        elif isinstance(block, Heading):
            _layout_heading(flow, block, followed=n + 1 < len(blocks))
        elif isinstance(block, Table):
            _layout_table(flow, block)
        elif isinstance(block, SignatureLines):
            _layout_signature_lines(flow, block)
        else:  # pragma: no cover - the Block union is closed
            raise TypeError(f"unknown block {block!r}")
    _layout_attachments(flow, document.attachments)
    _layout_signature(flow, document)
    _layout_imprint(flow, document)
    letter = bool(document.issuer_mark) and document.layout == "letter"
    for number, ops in enumerate(flow.pages, start=1):
        if not (letter and number == 1):  # 信函格式: 首页不显示页码
            ops.append(_page_number_op(number))
    if letter:  # added last: tightening a page moves what is below the 版头
        flow.pages[0].extend(
            _double_rule(
                LETTER_FOOT_RULE + DOUBLE_THIN + DOUBLE_GAP + DOUBLE_THICK, thick_first=False
            )
        )
    return flow.pages


# --------------------------------------------------------------------- PDF output


@lru_cache(maxsize=65536)
def _num(value: float) -> str:
    """A number for the content stream: at most 4 decimals, no trailing zeros."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


_COLOURS = {colour: " ".join(_num(c) for c in colour) for colour in (BLACK, RED)}
_FONT_NAMES = {name: f"F{n}" for n, name in enumerate(fonts.ALL_FONTS, start=1)}


class _Shown(NamedTuple):
    """A line's runs at a size, the operators drawing them and the characters each font
    shows.

    Kept by the runs' identity, the runs with it (so that their id stays
    theirs): a line of a form's boilerplate is encoded once for a batch.
    """

    runs: tuple[_Run, ...]
    size: float
    code: str
    chars: tuple[tuple[str, str], ...]  # (font, the characters it shows)


_shown: _Kept[int, _Shown] = _Kept(16384)
_RUN_TEXT = attrgetter("text")


def _show(runs: tuple[_Run, ...], size: float) -> _Shown:
    """The operators drawing a line's runs: spacing and font where they change, text,
    marked spans. Text is 2-byte glyph codes (:func:`fonts.encode`): the same
    whatever else a document holds; a line in one font is encoded in one piece."""
    known = _shown.get(id(runs))
    if known is not None and known.runs is runs and known.size == size:
        return known
    parts = []
    span = 0
    space: float | None = None
    font = ""
    run_fonts = list(map(_FONT, runs))
    one_font = run_fonts.count(run_fonts[0]) == len(runs) if runs else False
    if one_font:
        codes = fonts.encode(run_fonts[0], "".join(map(_RUN_TEXT, runs))).decode("latin-1")
        start = 0
    texts: dict[str, str] = {}
    for run in runs:
        if run.span != span:
            if span:
                parts.append("EMC")
            if run.span:
                actual = "".join(r.text for r in runs if r.span == run.span)
                parts.append(f"/Span <</ActualText {pdf.text_string(actual)}>> BDC")
            span = run.span
        if run.char_space != space:
            space = run.char_space
            parts.append(f"{_num(space)} Tc")
        if run.font != font:
            font = run.font
            parts.append(f"/{_FONT_NAMES[font]} {_num(size)} Tf")
        if one_font:
            end = start + 2 * len(run.text)
            parts.append(f"{pdf.literal_string(codes[start:end])} Tj")
            start = end
        else:
            codes = fonts.encode(font, run.text).decode("latin-1")
            parts.append(f"{pdf.literal_string(codes)} Tj")
        texts[font] = texts.get(font, "") + run.text
    if span:
        parts.append("EMC")
    # strings, not sets: kept for many lines, they need no garbage collector's visits
    shown = _Shown(runs, size, " ".join(parts), tuple(texts.items()))
    return _shown.keep(id(runs), shown)


_Drawn = tuple[str, _Shown | None]  # an operation's operators, and its text's encoding

_drawn: _Kept[_Op, _Drawn] = _Kept(16384)


def _draw(op: _Op) -> _Drawn:
    """The operators of one drawing operation ("" for an empty line), kept by its value:
    a form's boilerplate line lands on the same grid line in every copy of the form."""
    if isinstance(op, _RuleOp):
        drawn: _Drawn = (
            f"{_COLOURS[op.color]} RG {_num(op.width)} w "
            f"n {_num(op.x1)} {_num(op.y1)} m {_num(op.x2)} {_num(op.y2)} l S",
            None,
        )
    elif op.runs:
        shown = _show(op.runs, op.size)
        code = f"BT 1 0 0 1 {_num(op.x)} {_num(op.baseline)} Tm {_COLOURS[op.color]} rg "
        drawn = (f"{code}{shown.code} ET", shown)
    else:
        drawn = ("", None)
    return _drawn.keep(op, drawn)


def _content(ops: Iterable[_Op], used: dict[int, _Shown]) -> bytes:
    """The content stream of a page's operations; adds the lines shown to ``used``
    (by their identity)."""
    code = []
    for op in ops:
        text, shown = _drawn.get(op) or _draw(op)
        if shown is not None:
            used[id(shown)] = shown
        if text:
            code.append(text)
    return "\n".join(code).encode("latin-1")


def _used_chars(used: dict[int, _Shown]) -> dict[str, str]:
    """Per font (in :data:`fonts.ALL_FONTS` order), the distinct characters it shows, sorted."""
    texts: dict[str, list[str]] = {}
    for shown in used.values():
        for font, chars in shown.chars:
            if font in texts:
                texts[font].append(chars)
            else:
                texts[font] = [chars]
    return {
        name: fonts.distinct_characters("".join(texts[name]))
        for name in fonts.ALL_FONTS
        if name in texts
    }


def _info(title: str, author: str, subject: str, keywords: str) -> dict[str, str]:
    return {
        "Title": title,
        "Author": author,
        "Subject": subject,
        "Keywords": keywords,
        "Creator": "Xiaoneng Inspector 效能督查",
    }


def _author(document: Document) -> str:
    return document.signature or document.issuer_mark or document.printer or ""


def render_pdf(document: Document) -> bytes:
    """The document as an A4 PDF laid out per GB/T 9704-2012; same input, same bytes.

    Fonts are embedded as subsets. The PDF's title is the document's title,
    its author the issuer (signature, else issuer mark, else printer), its
    subject ``metadata["subject"]`` or the template id (``kind``) and its
    keywords ``metadata["keywords"]``.
    """
    out = pdf.PdfFile(_FONT_NAMES)
    used: dict[int, _Shown] = {}
    for ops in _layout(document):
        out.add_page(_content(ops, used))
    subject = document.metadata.get("subject", document.kind)
    keywords = document.metadata.get("keywords", "")
    info = _info(document.title, _author(document), subject, keywords)
    return out.finish(_used_chars(used), info)


def batch_rendering() -> AbstractContextManager[None]:
    """Render many documents (one :func:`render_pdf` each, or :func:`render_batch_pdf`)
    with Python's cyclic garbage collector paused (:func:`desktop.gc_pause.gc_paused`).

    Rendering makes no reference cycles (reference counting frees all its
    garbage), but it keeps many small objects in its caches (lines, glyphs,
    font pieces): in a long batch the collector walked them, and the fonts'
    tables, again and again, up to ~0.2 ms a document. Paused, memory stays
    the same (tested over 1,000 documents).
    """
    return gc_paused()


def render_batch_pdf(
    documents: Iterable[Document], *, title: str = "文书批量打印", duplex: bool = False
) -> tuple[bytes, list[int]]:
    """Many documents in ONE PDF, for a batch print job: the PDF, and the page each
    document starts on (1-based, one entry per document).

    Each document starts on a new page, is laid out exactly as
    :func:`render_pdf` lays it out and numbers its own pages from "— 1 —"; the
    PDF's outline (bookmarks) lists them by title. The fonts are embedded once
    for the whole batch, which is what makes it several times faster per
    document than one file each. ``duplex``: a blank page after a document
    with an odd number of pages, so that every document starts on the front
    of a sheet. ``documents`` may be a generator: stopping it early (a
    cancelled batch) gives the PDF of the documents it gave. Same documents,
    same bytes.
    """
    out = pdf.PdfFile(_FONT_NAMES)
    used: dict[int, _Shown] = {}
    starts: list[int] = []
    outline: list[tuple[str, int]] = []
    with batch_rendering():
        for document in documents:
            pages = _layout(document)
            outline.append((document.title, len(out.pages)))
            starts.append(len(out.pages) + 1)
            for ops in pages:
                out.add_page(_content(ops, used))
            if duplex and len(pages) % 2:
                out.add_page(b"")
        return out.finish(_used_chars(used), _info(title, "", "batch", ""), outline), starts


def _document_texts(document: Document) -> Iterable[tuple[str, str]]:
    """(font, text) for everything the renderer draws."""
    yield fonts.TITLE, document.title
    yield fonts.TITLE, document.issuer_mark or ""
    yield fonts.BODY, document.number or ""
    yield fonts.HEI, document.confidential or ""
    yield fonts.BODY, document.addressee or ""
    for block in document.blocks:
        if isinstance(block, Paragraph):
            yield fonts.BODY, block.text
        elif isinstance(block, Heading):
            yield {1: fonts.HEI, 2: fonts.KAI}.get(block.level, fonts.BODY), block.text
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    yield fonts.BODY, cell
        else:
            for label in block.labels:
                yield fonts.BODY, label
    for name in document.attachments:
        yield fonts.BODY, name
    yield fonts.BODY, document.signature or ""
    for name in document.copy_to:
        yield fonts.BODY, name
    yield fonts.BODY, document.printer or ""


def unsupported_characters(document: Document) -> str:
    """Characters of ``document`` no shipped font can draw (they would print as boxes).

    The Fandol fonts cover GB2312 and some more; a rare character in a name
    (e.g. 堃, 喆) may be missing. Call this before printing to warn the user.
    """
    missing: dict[str, None] = {}
    for font, text in _document_texts(document):
        if not text:
            continue  # a part the document does not have: its font need not load
        for char in fonts.missing_glyphs(font, text):
            if not any(fonts.has_glyph(other, char) for other in fonts.ALL_FONTS):
                missing.setdefault(char)
    return "".join(missing)
