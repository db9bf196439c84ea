"""The GB/T 9704 renderer, checked by reading its PDFs back.

Text comes back through pypdf and poppler's ``pdftotext``; positions through
``pdftotext -bbox-layout`` (PDF points, origin top-left; a 3号 line's box is
its 16 pt em box, so its top is the top of the text line); fonts through
``pdffonts``; looks through ``pdftoppm`` against reviewed reference images.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings, strategies as st
from pypdf import PdfReader

from desktop.documents import fonts, render
from desktop.documents.model import (
    Document,
    Heading,
    Layout,
    Paragraph,
    SignatureLines,
    Table,
    chinese_date,
    document_number,
)
from desktop.documents.render import (
    AREA_BOTTOM,
    AREA_LEFT,
    AREA_RIGHT,
    AREA_TOP,
    CHAR_PITCH,
    LINE_PITCH,
    MM,
    PAGE_HEIGHT,
    render_pdf,
    unsupported_characters,
)

from .imagecompare import read_gray_png

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = Path(__file__).resolve().parent / "reference"
POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdftoppm"))
needs_poppler = pytest.mark.skipif(
    not POPPLER,
    reason="poppler-utils (pdftotext, pdffonts, pdftoppm) missing; scripts/setup.sh installs it",
)

# --------------------------------------------------------------------- the documents

NUMBER = document_number("闽效问", 2026, 3)
LONG_TITLE = (
    "福建省机关效能建设领导小组办公室关于对某县行政服务中心办理行政审批事项"
    "超期问题实施效能问责的决定"
)
FACTS = (
    "根据《福建省机关效能建设工作办法》和有关规定，经调查核实，现就2026年9月15日群众投诉"
    "反映的问题作出如下处理决定。该单位在办理行政审批事项过程中未按承诺时限办结，超期达12个"
    "工作日，涉及第3项、第12项承诺事项，造成不良影响，依据相关规定应予以效能问责。"
)
# no punctuation and no digits: every full line holds exactly 28 characters
PLAIN = (
    "机关效能建设是转变政府职能提高行政效率优化营商环境的重要抓手各级各部门要高度重视认真落实"
    "切实加强组织领导明确工作责任细化工作措施确保各项任务落到实处取得实效"
)
ISSUER = "福建省机关效能建设领导小组办公室"


def decision() -> Document:
    blocks: list[Paragraph | Heading] = [
        Paragraph(FACTS),
        Heading("一、基本情况"),
        Paragraph(PLAIN * 3),
        Heading("（一）调查经过", level=2),
        Paragraph("“效能问责”是指……对2026年度第3项、第12项承诺事项（含补正材料）的处理。" + FACTS),
        Heading("二、处理意见"),
    ]
    blocks += [Paragraph(f"第{n}条：{FACTS}{PLAIN}") for n in range(1, 8)]
    return Document(
        kind="accountability_decision",
        title=LONG_TITLE,
        blocks=tuple(blocks),
        issuer_mark=ISSUER + "文件",
        number=NUMBER,
        addressee="某县人民政府，省直有关单位",
        attachments=("效能问责事项清单", "当事人陈述申辩材料及有关证据目录"),
        signature=ISSUER,
        date=dt.date(2026, 11, 26),
        copy_to=("省纪委监委", "省委组织部", "某市效能办"),
        printer=ISSUER,
        printed_on=dt.date(2026, 11, 27),
        metadata={"subject": "效能问责决定", "keywords": "效能问责"},
    )


def approval_form() -> Document:
    return Document(
        kind="approval_form",
        title="效能问责审批表",
        blocks=(
            Table(
                rows=(
                    ("案件编号", NUMBER),
                    ("被问责单位", "某县行政服务中心"),
                    ("问题摘要", FACTS * 3),
                    ("承办人意见", "建议给予诫勉谈话处理。\n\n承办人：\n2026年11月20日"),
                    ("分管领导意见", ""),
                    ("备注：本表一式三份，一份存档，一份送被问责单位，一份送组织人事部门。",),
                )
            ),
            SignatureLines(("承办人", "审核人", "分管领导", "主要领导", "记录人")),
        ),
    )


def visit_record() -> Document:
    return Document(
        kind="visit_record",
        title="暗访记录",
        confidential="内部",
        blocks=(
            Table(
                rows=(
                    ("时间", "2026年10月9日上午", "地点", "某县行政服务中心"),
                    ("暗访人员", "张三、李四", "记录人", "王五"),
                    ("发现问题", FACTS * 2),
                ),
                widths=(0.18, 0.32, 0.18, 0.32),
            ),
            SignatureLines(("暗访人员", "暗访人员")),
        ),
    )


DOCUMENTS = {"decision": decision, "approval_form": approval_form, "visit_record": visit_record}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdf")
    out = {}
    for name, build in DOCUMENTS.items():
        path = folder / f"{name}.pdf"
        path.write_bytes(render_pdf(build()))
        out[name] = path
    return out


# --------------------------------------------------------------------- reading PDFs back


def run(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, check=True).stdout


def squash(text: str) -> str:
    """Text without whitespace (fields wrap across lines) nor page numbers (paragraphs
    run across pages)."""
    return re.sub(r"—\d+—", "", "".join(text.split()))


@dataclass(frozen=True)
class Line:
    page: int
    x_min: float
    y_min: float  # from the top of the page
    x_max: float
    y_max: float
    text: str

    @property
    def height(self) -> float:
        return self.y_max - self.y_min


def bbox_lines(pdf: Path) -> list[Line]:
    """Every text line poppler finds, with its box in points from the top-left corner."""
    xml = run("pdftotext", "-bbox-layout", pdf, "-")
    root = ElementTree.fromstring(xml)
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    lines = []
    for number, page in enumerate(root.iterfind(".//h:page", ns), start=1):
        for line in page.iterfind(".//h:line", ns):
            words = [w.text or "" for w in line.iterfind("h:word", ns)]
            lines.append(
                Line(
                    number,
                    *(float(line.attrib[k]) for k in ("xMin", "yMin", "xMax", "yMax")),
                    text="".join(words),
                )
            )
    return lines


def is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


TOP = PAGE_HEIGHT - AREA_TOP  # the type area's top, from the top of the page
BOTTOM = PAGE_HEIGHT - AREA_BOTTOM


def body_lines(lines: list[Line], page: int) -> list[Line]:
    """3号 lines inside the type area (page numbers are 4号 and below it)."""
    return [
        line
        for line in lines
        if line.page == page and abs(line.height - 16) < 0.1 and line.y_max <= BOTTOM
    ]


# --------------------------------------------------------------------- fonts


def gb2312_hanzi() -> list[str]:
    chars = []
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.append(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


PUNCTUATION = "〔〕“”（）、。，：；？！《》—…"


def test_every_gb2312_hanzi_has_a_glyph_in_every_font() -> None:
    hanzi = gb2312_hanzi()
    assert len(hanzi) == 6763
    for name in fonts.ALL_FONTS:
        assert fonts.missing_glyphs(name, [*hanzi, PUNCTUATION]) == "", name


def test_sampled_glyphs_have_real_outlines() -> None:
    """Mapped is not enough: the glyph must not be .notdef nor empty."""
    from fontTools.ttLib import TTFont

    sample = gb2312_hanzi()[::37] + list(PUNCTUATION)
    for name in fonts.ALL_FONTS:
        font = TTFont(fonts.font_path(name), lazy=True)
        cmap = font.getBestCmap()
        glyf = font["glyf"]
        for char in sample:
            glyph_name = cmap[ord(char)]
            assert glyph_name != ".notdef", (name, char)
            assert glyf[glyph_name].numberOfContours > 0, (name, char)
        font.close()


def test_fonts_open_once_and_resolve_from_resources() -> None:
    for name in fonts.ALL_FONTS:
        assert fonts.font(name) is fonts.font(name)
        path = fonts.font_path(name)
        assert path.parent.name == "fonts" and path.is_file()
    assert (fonts.fonts_dir() / "LICENSE-Fandol.txt").is_file()


def test_a_document_opens_only_the_fonts_it_uses() -> None:
    """A form with no headings opens neither 黑体 nor 楷体, in a fresh process, also
    when checked for unsupported characters."""
    code = (
        "import sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from desktop.documents import fonts\n"
        "from tests.pdf.test_render import approval_form\n"
        "from desktop.documents.render import render_pdf, unsupported_characters\n"
        "render_pdf(approval_form())\n"
        "unsupported_characters(approval_form())\n"
        "print(' '.join(fonts.opened_fonts()))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, check=True
    ).stdout.split()
    assert fonts.BODY in loaded and fonts.TITLE in loaded
    assert fonts.HEI not in loaded and fonts.KAI not in loaded


def test_unsupported_characters_are_reported() -> None:
    doc = Document(kind="t", title="关于张堃同志的决定", blocks=(Paragraph("〔〕“”（）、。"),))
    assert unsupported_characters(doc) == "堃"
    assert unsupported_characters(decision()) == ""


# --------------------------------------------------------------------- text and metadata


def field_texts(doc: Document) -> list[str]:
    texts = [doc.title]
    texts += [t for t in (doc.issuer_mark, doc.number, doc.addressee, doc.signature) if t]
    texts += [t for t in (doc.confidential, doc.printer) if t]
    for block in doc.blocks:
        if isinstance(block, (Paragraph, Heading)):
            texts.append(block.text)
        elif isinstance(block, Table):
            texts += [cell for row in block.rows for cell in row if cell]
        else:
            texts += [f"{label}：" for label in block.labels]
    texts += list(doc.attachments) + list(doc.copy_to)
    if doc.date:
        texts.append(chinese_date(doc.date))
    if doc.printed_on:
        texts.append(chinese_date(doc.printed_on) + "印发")
    return texts


def test_every_field_reads_back_with_pypdf(pdfs: dict[str, Path]) -> None:
    for name, build in DOCUMENTS.items():
        text = squash("".join(page.extract_text() for page in PdfReader(pdfs[name]).pages))
        for field in field_texts(build()):
            assert squash(field) in text, (name, field)


@needs_poppler
def test_every_field_reads_back_with_pdftotext(pdfs: dict[str, Path]) -> None:
    for name, build in DOCUMENTS.items():
        # -raw: content-stream order, so a table cell's lines stay together
        text = squash(run("pdftotext", "-raw", pdfs[name], "-"))
        for field in field_texts(build()):
            assert squash(field) in text, (name, field)
    decision_text = run("pdftotext", pdfs["decision"], "-")
    assert "闽效问〔2026〕3号" in decision_text.splitlines()
    assert "2026年11月26日" in decision_text
    assert "抄送：省纪委监委，省委组织部，某市效能办。" in decision_text


def test_pdf_metadata_comes_from_the_document(pdfs: dict[str, Path]) -> None:
    info = PdfReader(pdfs["decision"]).metadata
    assert info is not None
    assert info.title == LONG_TITLE
    assert info.subject == "效能问责决定"
    assert info.author == ISSUER
    form_info = PdfReader(pdfs["approval_form"]).metadata
    assert form_info is not None and form_info.subject == "approval_form"


@needs_poppler
def test_every_font_is_embedded_as_a_subset(pdfs: dict[str, Path]) -> None:
    for name, path in pdfs.items():
        rows = run("pdffonts", path).splitlines()[2:]
        assert rows, name
        for row in rows:
            font, *_, emb, sub, _uni, _obj, _gen = row.split()
            assert emb == "yes" and sub == "yes", (name, row)
            assert "+Fandol" in font, (name, row)
    fonts_used = run("pdffonts", pdfs["decision"])
    for wanted in (fonts.BODY, fonts.TITLE, fonts.HEI, fonts.KAI, fonts.SONG):
        assert "+" + wanted in fonts_used, wanted


# --------------------------------------------------------------------- geometry


def mm(points: float) -> float:
    return points / MM


@needs_poppler
def test_margins_left_28_mm_and_top_37_mm(pdfs: dict[str, Path]) -> None:
    for name, path in pdfs.items():
        if name == "decision":
            continue  # its issuer mark is 35 mm down (test_issuer_mark_per_layout)
        lines = bbox_lines(path)
        first = min((line for line in lines if line.page == 1), key=lambda line: line.y_min)
        assert mm(first.y_min) == pytest.approx(37, abs=1), (name, first)
    lines = bbox_lines(pdfs["decision"])
    for page in sorted({line.page for line in lines}):
        body = body_lines(lines, page)
        if len(body) > 2:
            assert mm(min(line.x_min for line in body)) == pytest.approx(28, abs=1), page
    lines = bbox_lines(pdfs["decision"])
    second = min((line for line in lines if line.page == 2), key=lambda line: line.y_min)
    assert mm(second.y_min) == pytest.approx(37, abs=1)  # page 1 starts with the 版头's room
    form_first = min(bbox_lines(pdfs["approval_form"]), key=lambda line: (line.page, line.y_min))
    assert form_first.text == "效能问责审批表"  # no header: the title takes the first line


@needs_poppler
def test_nothing_leaves_the_type_area(pdfs: dict[str, Path]) -> None:
    for name, path in pdfs.items():
        for line in bbox_lines(path):
            assert line.x_min >= AREA_LEFT - MM and line.x_max <= AREA_RIGHT + MM, (name, line)
            if line.text.startswith("—"):
                continue  # the page number sits below the type area
            assert line.y_min >= TOP - MM and line.y_max <= BOTTOM + MM, (name, line)


@needs_poppler
def test_a_full_line_holds_28_characters_across_156_mm(pdfs: dict[str, Path]) -> None:
    lines = bbox_lines(pdfs["decision"])
    full = [line for line in lines if len(line.text) == 28 and all(map(is_cjk, line.text))]
    assert len(full) >= 5
    for line in full:
        assert mm(line.x_min) == pytest.approx(28, abs=1), line
        assert mm(line.x_max - line.x_min) == pytest.approx(156, abs=1), line
    # the pure-hanzi paragraph breaks after every 28th character (26 after the indent)
    plain_lines = [line.text for line in lines if line.text and line.text in PLAIN * 3]
    assert any(len(text) == 26 for text in plain_lines)
    assert all(len(text) <= 28 for text in plain_lines)
    # justified lines end at the right edge of the type area, whatever they hold
    for line in lines:
        if abs(line.height - 16) < 0.1 and len(line.text) >= 27:
            assert mm(line.x_max) == pytest.approx(28 + 156, abs=1), line


@needs_poppler
def test_a_full_page_has_22_lines_on_the_grid(pdfs: dict[str, Path]) -> None:
    lines = bbox_lines(pdfs["decision"])
    pages = max(line.page for line in lines)
    assert pages >= 3
    body = body_lines(lines, 2)
    assert len(body) == 22
    for n, line in enumerate(sorted(body, key=lambda line: line.y_min)):
        assert line.y_min == pytest.approx(TOP + n * LINE_PITCH, abs=MM), (n, line)
    assert mm(LINE_PITCH * 22) == pytest.approx(225)


@needs_poppler
def test_page_numbers_sit_on_the_outer_edge_7_mm_below_the_type_area(
    pdfs: dict[str, Path],
) -> None:
    lines = bbox_lines(pdfs["decision"])
    pages = max(line.page for line in lines)
    text = [page.extract_text() for page in PdfReader(pdfs["decision"]).pages]
    for page in range(1, pages + 1):
        assert f"— {page} —" in text[page - 1]
        (number,) = [line for line in lines if line.page == page and line.text == f"—{page}—"]
        # the dashes' middle is 0.3 em above the baseline; the box runs 0.8 em up, 0.2 down
        dash_middle = number.y_max - 0.2 * 14 - 0.3 * 14
        assert mm(dash_middle - BOTTOM) == pytest.approx(7, abs=0.5)
        if page % 2:
            assert mm(AREA_RIGHT - number.x_max) == pytest.approx(mm(14), abs=1)
        else:
            assert mm(number.x_min - AREA_LEFT) == pytest.approx(mm(14), abs=1)


@needs_poppler
def test_long_title_wraps_centred_with_every_character(pdfs: dict[str, Path]) -> None:
    lines = [line for line in bbox_lines(pdfs["decision"]) if abs(line.height - 22) < 0.1]
    assert len(lines) >= 2
    assert "".join(line.text for line in lines) == LONG_TITLE
    centre = (AREA_LEFT + AREA_RIGHT) / 2
    for line in lines:
        assert (line.x_min + line.x_max) / 2 == pytest.approx(centre, abs=MM)
    lengths = [len(line.text) for line in lines]
    assert max(lengths) - min(lengths) <= 2  # balanced, not one long line and a stub


@needs_poppler
def test_header_number_and_date_positions(pdfs: dict[str, Path]) -> None:
    lines = bbox_lines(pdfs["decision"])
    (number,) = [line for line in lines if line.text == NUMBER]
    centre = (AREA_LEFT + AREA_RIGHT) / 2
    assert (number.x_min + number.x_max) / 2 == pytest.approx(centre, abs=MM)
    (date,) = [line for line in lines if line.text == "2026年11月26日"]
    assert mm(AREA_RIGHT - date.x_max) == pytest.approx(mm(4 * CHAR_PITCH), abs=1)
    (signature,) = [line for line in lines if line.text == ISSUER and line.height == 16]
    assert signature.page == date.page and signature.y_max < date.y_min
    last_page = max(line.page for line in lines)
    (printed,) = [line for line in lines if line.text.endswith("印发")]
    assert printed.page == last_page and BOTTOM - LINE_PITCH < printed.y_min < BOTTOM


@needs_poppler
def test_no_line_breaks_against_the_punctuation_rules(pdfs: dict[str, Path]) -> None:
    for name, path in pdfs.items():
        for line in run("pdftotext", path, "-").splitlines():
            text = line.strip()
            if text:
                assert text[0] not in "，。、；：？！）》」』”’〕", (name, line)
                assert text[-1] not in "（《「『“‘〔", (name, line)


def test_long_issuer_mark_shrinks_to_fit_one_line(tmp_path: Path) -> None:
    mark = "某某省某某市某某县机关效能建设领导小组办公室文件"
    doc = Document(kind="t", title="通知", blocks=(Paragraph("正文。"),), issuer_mark=mark)
    path = tmp_path / "mark.pdf"
    path.write_bytes(render_pdf(doc))
    assert mark in PdfReader(path).pages[0].extract_text()
    if POPPLER:
        (line,) = [line for line in bbox_lines(path) if line.text == mark]
        assert line.x_min >= AREA_LEFT - 1 and line.x_max <= AREA_RIGHT + 1
        assert mm(line.y_min) == pytest.approx(37 + 35, abs=1)


def letter() -> Document:
    """投诉答复函 in 信函格式, two pages long."""
    return Document(
        kind="complaint_reply",
        title="投诉答复函",
        blocks=tuple(Paragraph(FACTS) for _ in range(8)),
        issuer_mark=ISSUER,
        number=NUMBER,
        addressee="投诉人",
        signature=ISSUER,
        date=dt.date(2026, 11, 26),
        confidential="内部",
        layout="letter",
    )


@needs_poppler
@pytest.mark.parametrize("layout", ["standard", "letter", "form"])
def test_issuer_mark_per_layout(layout: Layout, tmp_path: Path) -> None:
    """GB/T 9704-2012: 通用格式 puts the mark's top 35 mm below the type area's top
    (7.2.1), 信函格式 30 mm below the paper's top edge with the number flush right
    under a red double line and no page number on page 1 (10.1); a form keeps
    it on the first line of the type area."""
    doc = replace(letter(), layout=layout, kind=f"reply_{layout}")
    path = tmp_path / f"{layout}.pdf"
    path.write_bytes(render_pdf(doc))
    lines = bbox_lines(path)
    (mark,) = [line for line in lines if line.text == ISSUER and line.height > 16.5]
    (number,) = [line for line in lines if line.text == NUMBER]
    (title,) = [line for line in lines if line.text == "投诉答复函"]
    (secret,) = [line for line in lines if line.text == "内部"]
    centre = (AREA_LEFT + AREA_RIGHT) / 2
    assert (mark.x_min + mark.x_max) / 2 == pytest.approx(centre, abs=MM)
    assert mark.page == number.page == title.page == secret.page == 1
    assert mark.y_max < number.y_min < title.y_min
    assert mm(secret.x_min) == pytest.approx(28, abs=1)
    page_numbers = [line.text for line in lines if re.fullmatch(r"—\d+—", line.text)]
    pages = max(line.page for line in lines)
    assert pages >= 2
    if layout == "letter":
        assert mm(mark.y_min) == pytest.approx(30, abs=1)
        assert mm(number.x_max) == pytest.approx(28 + 156, abs=1)  # flush right
        # 7/8 of a 3号 character under the double line (4 mm under the mark)
        gap = number.y_min - (mark.y_max + 4 * MM)
        assert mm(gap) == pytest.approx(mm(14 + 0.8 * MM + 0.5 * MM + 0.3 * MM), abs=0.5)
        assert secret.y_min == pytest.approx(number.y_min, abs=0.5)
        assert page_numbers == [f"—{n}—" for n in range(2, pages + 1)]  # 首页不显示页码
    else:
        below = 35 if layout == "standard" else mm(LINE_PITCH)  # a form's: under the 密级
        assert mm(mark.y_min - TOP) == pytest.approx(below, abs=1)
        assert mm(secret.y_min) == pytest.approx(37, abs=1)  # 密级 on the first line
        assert (number.x_min + number.x_max) / 2 == pytest.approx(centre, abs=MM)
        assert page_numbers == [f"—{n}—" for n in range(1, pages + 1)]


@needs_poppler
def test_a_tall_table_row_splits_across_pages(pdfs: dict[str, Path]) -> None:
    lines = bbox_lines(pdfs["approval_form"])
    assert max(line.page for line in lines) == 2
    text = squash(run("pdftotext", pdfs["approval_form"], "-"))
    assert squash(FACTS * 3) in text
    for line in lines:
        assert line.y_max <= BOTTOM + MM or line.text.startswith("—")


# --------------------------------------------------------------------- punctuation and page flow


def test_adjacent_punctuation_is_compressed() -> None:
    """标点挤压: a closing mark followed by another mark takes half its width."""
    glyphs = render._glyphs("决定（通报批评），于《（暂行）》。", fonts.BODY, 16, grid=True)
    advance = {(g.char, n): g.advance for n, g in enumerate(glyphs)}
    assert advance[("）", 7)] == pytest.approx(CHAR_PITCH / 2)  # ），
    assert advance[("，", 8)] == pytest.approx(CHAR_PITCH)
    assert advance[("《", 10)] == pytest.approx(CHAR_PITCH / 2)  # 《（
    assert advance[("）", 14)] == pytest.approx(CHAR_PITCH / 2)  # ）》
    assert advance[("》", 15)] == pytest.approx(CHAR_PITCH / 2)  # 》。
    assert advance[("（", 2)] == pytest.approx(CHAR_PITCH)  # after a hanzi: full width


def test_justification_never_stretches_next_to_a_closing_or_opening_mark() -> None:
    """No "12日 ，": the space a justified line gains goes between characters."""
    text = "2026年10月12日，我办经上级交办收到您反映的有关福州市住房和城乡建设局的效能投诉。"
    lines = render._wrap(text, fonts.BODY, 16, render.AREA_WIDTH, grid=True, first_indent=0)
    line = lines[0]
    assert not line.last and line.avail - line.natural > 1  # a line that is stretched
    op = render._line_op(line, AREA_LEFT, AREA_TOP, 16)
    spacing = [(char, run.char_space) for run in op.runs for char in run.text]
    chars = [char for char, _ in spacing]
    natural = {g.char: g.advance - g.width for g in line.glyphs}
    before_comma = spacing[chars.index("，") - 1]
    assert before_comma[0] == "日" and before_comma[1] == pytest.approx(natural["日"], abs=1e-3)
    assert max(space for _, space in spacing) > natural["我"] + 0.5  # stretched elsewhere


def test_table_labels_break_at_a_natural_place() -> None:
    def label(text: str, chars: float) -> list[str]:
        lines = render._wrap_label(text, fonts.BODY, 16, chars * 16 + 1)
        return ["".join(g.char for g in line.glyphs) for line in lines]

    assert label("科室负责人审批意见", 6) == ["科室负责人", "审批意见"]
    assert label("要求提供的资料", 6) == ["要求提供的", "资料"]
    assert label("被检查单位负责人", 6) == ["被检查单位", "负责人"]
    assert label("督查事项", 6) == ["督查事项"]


INSPECTORS = ("检查人员王建国（签名）", "检查人员陈静（签名）", "被检查单位负责人（签名）")


def signed_table(rows: int) -> Document:
    table = Table(rows=tuple((f"项目{n}", f"内容{n}") for n in range(1, rows + 1)))
    return Document(kind="t", title="现场检查记录", blocks=(table, SignatureLines(INSPECTORS)))


@needs_poppler
@pytest.mark.parametrize(
    ("rows", "pitch"),
    [(12, 2.0), (14, 1.67), (15, 1.33), (16, 2.0), (19, 2.0)],  # roomy, closed up, carried
)
def test_signature_lines_keep_whole_labels_together_with_the_table(
    rows: int, pitch: float, tmp_path: Path
) -> None:
    """One label a line when two a row do not fit; never a lone signature on a page."""
    path = tmp_path / "signed.pdf"
    path.write_bytes(render_pdf(signed_table(rows)))
    lines = bbox_lines(path)
    labels = [line for line in lines if line.text.endswith("：")]
    assert [line.text for line in labels] == [f"{label}：" for label in INSPECTORS]
    (page,) = {line.page for line in labels}
    assert f"内容{rows}" in [line.text for line in lines if line.page == page]
    for above, below in itertools.pairwise(labels):
        assert below.y_min - above.y_min == pytest.approx(pitch * LINE_PITCH, abs=0.5)
    table_bottom = max(line.y_max for line in lines if line.page == page and "内容" in line.text)
    assert all(line.y_min > table_bottom for line in labels)
    for line in lines:
        assert line.y_max <= BOTTOM + MM or line.text.startswith("—"), line


def closing(body_lines: int, header: bool = False) -> Document:
    """A document whose body is ``body_lines`` full grid lines, then its signature."""
    paragraphs = []
    left = body_lines
    while left:
        count = min(left, 4)
        paragraphs.append(Paragraph((PLAIN * 3)[: 26 + 28 * (count - 1)]))
        left -= count
    return Document(
        kind="t",
        title="通知",
        blocks=tuple(paragraphs),
        issuer_mark=ISSUER if header else None,
        number=NUMBER if header else None,
        signature=ISSUER,
        date=dt.date(2026, 11, 26),
    )


@needs_poppler
@pytest.mark.parametrize(
    ("body", "header"), [(16, False), (17, False), (18, False), (19, False), (7, True)]
)
def test_a_page_short_of_room_for_the_signature_sets_its_lines_closer(
    body: int, header: bool, tmp_path: Path
) -> None:
    """GB/T 9704 7.3.5.4: 调整行距 rather than move the signature to a page of its own."""
    path = tmp_path / "closing.pdf"
    path.write_bytes(render_pdf(closing(body, header)))
    lines = bbox_lines(path)
    assert max(line.page for line in lines) == 1
    text = [line for line in body_lines(lines, 1) if line.text[:4] in PLAIN]
    assert len(text) == body
    pitch = (text[-1].y_min - text[0].y_min) / (len(text) - 1)
    assert 0.85 * LINE_PITCH - 0.1 <= pitch <= LINE_PITCH + 0.1
    (date,) = [line for line in lines if line.text == "2026年11月26日"]
    assert date.y_max <= BOTTOM + 0.5
    (signature,) = [line for line in lines if line.text == ISSUER and line.height == 16]
    assert signature.y_min - text[-1].y_max > 2 * LINE_PITCH - 1  # the seal's two lines


@needs_poppler
def test_a_signature_that_cannot_stay_takes_the_last_line_along(tmp_path: Path) -> None:
    path = tmp_path / "closing.pdf"
    path.write_bytes(render_pdf(closing(20)))
    lines = bbox_lines(path)
    first = [line for line in body_lines(lines, 1) if line.text[:4] in PLAIN]
    assert len(first) == 19  # page 1 keeps its lines on the grid, but one
    for n, line in enumerate(first):
        assert line.y_min == pytest.approx(TOP + (n + 2) * LINE_PITCH, abs=0.5)
    second = [line for line in body_lines(lines, 2) if line.text[:4] in PLAIN]
    assert len(second) == 1
    assert {line.page for line in lines if line.text == "2026年11月26日"} == {2}


@needs_poppler
def test_a_draft_header_is_laid_out_like_a_numbered_one(tmp_path: Path) -> None:
    """No number yet: its line stays empty, the red line and title do not move."""
    numbered = closing(4, header=True)
    draft = replace(numbered, number=None, title="通知（草稿）")
    tops = []
    for name, doc in (("numbered", numbered), ("draft", draft)):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(render_pdf(doc))
        lines = bbox_lines(path)
        (title,) = [line for line in lines if line.text.startswith("通知")]
        tops.append((title.y_min, [line.y_min for line in body_lines(lines, 1)][-3:]))
        rules = [op for op in render._layout(doc)[0] if isinstance(op, render._RuleOp)]
        tops.append(tuple(round(op.y1, 2) for op in rules if op.color == render.RED))
    assert tops[0] == tops[2] and tops[1] == tops[3]


# --------------------------------------------------------------------- reproducibility


def test_same_document_same_bytes() -> None:
    first = render_pdf(decision())
    assert render_pdf(decision()) == first
    assert b"D:20000101000000" in first  # a fixed date
    code = (
        "import hashlib, sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from tests.pdf.test_render import decision\n"
        "from desktop.documents.render import render_pdf\n"
        "print(hashlib.sha256(render_pdf(decision())).hexdigest())\n"
    )
    other = subprocess.run(
        [sys.executable, "-c", code, str(ROOT)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout.strip()
    assert other == hashlib.sha256(first).hexdigest()


@needs_poppler
def test_a_batch_is_each_document_as_rendered_alone(tmp_path: Path) -> None:
    """render_batch_pdf: one PDF, each document's pages as render_pdf makes them, its
    own page numbers and a bookmark; the fonts embedded once; same input, same bytes."""
    docs = [decision(), approval_form(), visit_record(), letter()]
    data, starts = render.render_batch_pdf(docs)
    assert render.render_batch_pdf(docs)[0] == data
    batch_path = tmp_path / "batch.pdf"
    batch_path.write_bytes(data)
    batch = PdfReader(batch_path)
    assert [item.title for item in batch.outline] == [doc.title for doc in docs]  # type: ignore[union-attr]
    page = 1
    alone_fonts = 0
    for n, (doc, start) in enumerate(zip(docs, starts, strict=True)):
        path = tmp_path / f"alone{n}.pdf"
        path.write_bytes(render_pdf(doc))
        alone = PdfReader(path)
        alone_fonts += run("pdffonts", path).count(" yes yes yes ")
        assert start == page
        for k, single in enumerate(alone.pages):
            assert batch.pages[start - 1 + k].extract_text() == single.extract_text(), (n, k)
        prefix = tmp_path / f"b{n}"
        run(
            "pdftoppm",
            "-r",
            "50",
            "-gray",
            "-png",
            "-f",
            start,
            "-l",
            start,
            "-singlefile",
            batch_path,
            prefix,
        )
        w1, h1, mine = read_gray_png(prefix.with_suffix(".png").read_bytes())
        w2, h2, theirs = read_gray_png(first_page_png(path, tmp_path))
        assert (w1, h1) == (w2, h2)
        assert sum(abs(a - b) for a, b in zip(mine, theirs, strict=True)) / len(mine) < 0.05, n
        page += len(alone.pages)
    assert len(batch.pages) == page - 1
    assert run("pdffonts", batch_path).count(" yes yes yes ") < alone_fonts
    duplex, duplex_starts = render.render_batch_pdf(docs, duplex=True)
    assert all(start % 2 == 1 for start in duplex_starts) and duplex != data


# --------------------------------------------------------------------- looks


def first_page_png(pdf: Path, folder: Path) -> bytes:
    prefix = folder / pdf.stem
    run("pdftoppm", "-r", "50", "-gray", "-png", "-f", "1", "-l", "1", "-singlefile", pdf, prefix)
    return prefix.with_suffix(".png").read_bytes()


@needs_poppler
@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_first_page_looks_like_the_reviewed_reference(
    name: str, pdfs: dict[str, Path], tmp_path: Path
) -> None:
    """Compare with ``reference/<name>.png`` (50 dpi grey), reviewed by eye.

    To refresh after an intended change: render, look at the PNG, then copy it
    over the reference (``pdftoppm -r 50 -gray -png -f 1 -l 1 -singlefile``).
    """
    fresh = first_page_png(pdfs[name], tmp_path)
    reference = REFERENCE / f"{name}.png"
    assert reference.is_file(), f"no reference image {reference}"
    w1, h1, pixels = read_gray_png(fresh)
    w2, h2, expected = read_gray_png(reference.read_bytes())
    assert (w1, h1) == (w2, h2)
    difference = sum(abs(a - b) for a, b in zip(pixels, expected, strict=True)) / len(pixels)
    assert difference < 1.0, f"{name}: mean pixel difference {difference:.2f} of 255"
    ink = sum(255 - p for p in pixels) / len(pixels)
    assert ink > 2, "the page is (nearly) blank"


# --------------------------------------------------------------------- line breaking

HANZI = "效能督查机关单位办理事项问题决定处理意见调查核实群众投诉"
WORD = st.tuples(
    st.sampled_from(["", "“", "（", "《"]),
    st.text(alphabet=HANZI + "0123456789", min_size=1, max_size=5),
    st.sampled_from(["", "，", "。", "、", "；", "：", "”", "）", "》", "？", "！"]),
).map("".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(WORD, min_size=1, max_size=40), st.booleans())
def test_line_breaking_keeps_every_character_and_the_rules(words: list[str], indent: bool) -> None:
    text = "".join(words)
    first = 2 * CHAR_PITCH if indent else 0.0
    lines = render._wrap(text, fonts.BODY, 16, render.AREA_WIDTH, grid=True, first_indent=first)
    assert "".join(g.char for line in lines for g in line.glyphs) == text
    for n, line in enumerate(lines):
        glyphs = line.glyphs
        assert glyphs
        room = sum(render.MAX_SQUEEZE * g.width for g in glyphs[:-1] if g.breakable)
        assert line.natural <= line.avail + room + 0.02, line
        if n:
            assert glyphs[0].char not in render.NO_LINE_START, [g.char for g in glyphs]
        if n < len(lines) - 1:
            assert glyphs[-1].char not in render.NO_LINE_END, [g.char for g in glyphs]
            # Full lines are full: short only by less than the next line's first
            # piece that may not be split (e.g. “00000，), which did not fit.
            following = lines[n + 1].glyphs
            cut = next(
                (
                    i
                    for i, g in enumerate(following[:-1])
                    if g.breakable
                    and g.char not in render.NO_LINE_END
                    and following[i + 1].char not in render.NO_LINE_START
                ),
                len(following) - 1,
            )
            piece = sum(g.width for g in following[: cut + 1])
            assert line.avail - line.natural < max(3 * CHAR_PITCH, piece + CHAR_PITCH), line
    assert lines[-1].last and not any(line.last for line in lines[:-1])
