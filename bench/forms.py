"""Document benchmark (issue: forms): prints

1. ``render_pdf`` for one signed accountability decision of the demo set
   (效能问责决定书): the median of ``--renders`` warm renders (fonts open;
   each a copy naming another case file, so its paragraphs are new texts),
   and the median of ``--cold-runs`` first renders, each in a fresh
   Python process (nothing open, nothing cached: the first document a
   session prints). For the fresh processes it also prints what a script
   starting Python for each document would pay: the whole process, from
   start through imports and the render to exit (not a goal of the issue:
   the app renders in its running process);
2. a batch of ``--batch`` documents: the decision numbered 1号, 2号, … with its
   first two paragraphs naming the case file, so that every copy differs
   where real decisions differ: their lines are new texts, set and encoded
   anew (the renderer reuses the line breaks of a text whose glyphs have the
   same widths as one it broke before, as a name or a number of the same
   length has; the boilerplate's layout is reused, as in any batch of one
   form); rendered one PDF each
   (``render_pdf`` inside ``batch_rendering``, the garbage collector paused,
   as ``python -m desktop.documents`` and the app's batch print run it; the
   copies share most characters, so their font subsets
   come from ``fonts.subset``'s cache: once more with every subset built anew,
   as for documents naming other people) and all in one PDF
   (``render_batch_pdf``, what a batch print job sends; copies naming other
   case files than the first run's); then every demo
   document of every kind cycled to the same count, for the mix of forms and
   tables;
3. LibreOffice headless (``soffice --headless --convert-to pdf``, what offices
   use today) converting equivalent filled .odt files: the same text (版头,
   number, title, addressee, body, signature, date, 抄送, 印发), A4 with
   margins 37/28/35/26 mm, 16 pt FandolFang on a fixed 22-line pitch, 22 pt
   title, red issuer mark and rule. The .odt files are written here with
   ``zipfile`` (no extra dependency); LibreOffice gets the app's own Fandol
   fonts through a private fontconfig file, so both sides embed the same
   fonts. Timed: the median of ``--lo-runs`` single conversions, each a fresh
   ``soffice`` process as an office's script would run it; ONE soffice
   converting the same ``--batch`` documents as as many .odt files (one PDF
   each, like our first batch figure); and one conversion of the same
   documents in ONE .odt (each from a new page, page numbers from 1 again;
   one PDF, like our second);
4. the ratios LibreOffice / ours, elapsed and in CPU time (this process, and
   soffice's as its children; both sides run on one core, so CPU time is the
   per-core figure and what a loaded machine distorts least).

Only the conversion is timed on either side: filling the ``Document`` (ours)
and writing the .odt (LibreOffice's) are not. If ``soffice`` is missing the
bench installs ``libreoffice-writer-nogui`` with apt-get when it runs as root
(``--no-install`` to skip that), else it says so and skips the comparison.

Run: ``.venv/bin/python bench/forms.py [--renders 20] [--batch 1000]
[--lo-runs 7] [--out DIR]``. Medians, not means: these machines are shared
and noisy; the load average at the start is printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import logging
import math
import os
import pickle
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.bootstrap import open_context
from desktop.demo import build_demo
from desktop.documents import fonts, records
from desktop.documents.fonts import fonts_dir
from desktop.documents.forms import RECORD_TYPES
from desktop.documents.model import (
    Document,
    Heading,
    Paragraph,
    SignatureLines,
    Table,
    chinese_date,
)
from desktop.documents.render import batch_rendering, render_batch_pdf, render_pdf
from desktop.services.base import Context

TODAY = dt.date(2026, 11, 26)  # the demo's "today": drafts are dated by it
DECISION_KIND = "accountability_decision"
APT_PACKAGE = "libreoffice-writer-nogui"
SOFFICE_TIMEOUT = 3600.0
ROOT = Path(__file__).resolve().parent.parent
# a fresh process's first render: the document from a pickle, the render alone timed
FIRST_RENDER = """
import pickle, sys, time
sys.path.insert(0, sys.argv[1])
from desktop.documents.render import render_pdf
with open(sys.argv[2], "rb") as file:
    document = pickle.load(file)
wall, cpu = time.perf_counter(), time.process_time()
render_pdf(document)
print(time.perf_counter() - wall, time.process_time() - cpu)
"""

# --------------------------------------------------------------------------
# The store and the documents


def demo_documents(ctx: Context) -> list[Document]:
    """Every document of every demo record, in record order."""
    out: list[Document] = []
    with ctx.transaction() as db:
        for record_type in RECORD_TYPES:
            for record_id in records.record_ids(db, record_type):
                out += records.build_documents(db, record_type, record_id, today=TODAY)
    return out


def signed_decision(documents: Iterable[Document]) -> Document:
    """The first numbered (signed) accountability decision."""
    for document in documents:
        if document.kind == DECISION_KIND and document.number:
            return document
    raise SystemExit("the demo set has no signed accountability decision")


def renumbered(document: Document, serial: int) -> Document:
    """The decision with another serial in its number (闽效问〔2026〕1号 → …〔2026〕7号)."""
    number = document.number or ""
    new = re.sub(r"〕\d+号$", f"〕{serial}号", number)
    return replace(document, number=new, metadata={**document.metadata, "number": new})


def fill_time(ctx: Context, record_id: str, rounds: int) -> float:
    """Median seconds to fill the decision's Document from its record (not compared)."""
    times = []
    with ctx.transaction() as db:
        for _ in range(rounds):
            start = time.perf_counter()
            records.build_documents(db, "decision", record_id, today=TODAY, kind=DECISION_KIND)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def pdf_facts(pdf: bytes) -> tuple[int, list[str]]:
    """Page count and embedded font names (subset prefix dropped) of a PDF."""
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    found = re.findall(rb"/BaseFont\s*/(?:[A-Z]{6}\+)?([\w-]+)", pdf)
    return pages, sorted({name.decode("ascii", "replace") for name in found})


def varied(document: Document, serial: int, case: int) -> Document:
    """The decision numbered ``serial``, its first two paragraphs naming case file
    ``case``: copies that differ where real decisions do (with a new ``case``, no
    paragraph's text is one the renderer has seen)."""
    blocks = list(renumbered(document, serial).blocks)
    for n in range(2):
        block = blocks[n]
        if isinstance(block, Paragraph):
            blocks[n] = replace(block, text=f"{block.text}（案卷第{case}号）")
    return replace(renumbered(document, serial), blocks=tuple(blocks))


@dataclass(frozen=True)
class Took:
    """Elapsed (wall) and CPU seconds of one measured action."""

    wall: float
    cpu: float


def took(action: Callable[[], object]) -> Took:
    """Wall and CPU time of ``action`` in this process and the children it waited for."""
    before = time.perf_counter(), _cpu()
    action()
    return Took(time.perf_counter() - before[0], _cpu() - before[1])


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def render_each(documents: Sequence[Document]) -> None:
    """One PDF each, as ``python -m desktop.documents`` and the app's batch print make
    them: ``render_pdf`` per document inside ``batch_rendering``."""
    with batch_rendering():
        for document in documents:
            render_pdf(document)


def render_each_new_subsets(documents: Sequence[Document]) -> None:
    """One PDF each, every document's font subsets built anew (as for documents that
    name other people: ``fonts.subset`` keeps a subset per set of characters)."""
    with batch_rendering():
        for document in documents:
            fonts.subset.cache_clear()
            render_pdf(document)


def first_renders(document: Document, work: Path, runs: int) -> tuple[Took, Took]:
    """Medians over ``runs`` fresh Python processes: the first ``render_pdf`` of
    ``document`` (fonts not open, caches empty), and the whole process (start,
    imports, the render, exit; its CPU is the child's)."""
    pickled = work / "document.pickle"
    pickled.write_bytes(pickle.dumps(document))
    command = [sys.executable, "-c", FIRST_RENDER, str(ROOT), str(pickled)]
    renders, processes = [], []
    for _ in range(runs):
        output: list[str] = []

        def run(output: list[str] = output) -> None:
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            output += done.stdout.split()

        processes.append(took(run))
        renders.append(Took(float(output[0]), float(output[1])))
    return median_took(renders), median_took(processes)


def render_one_file(documents: Sequence[Document]) -> None:
    render_batch_pdf(documents)


# --------------------------------------------------------------------------
# The equivalent .odt

MM_PER_PT = 25.4 / 72
AREA_WIDTH = 156.0  # mm
LINE = 225.0 / 22  # mm: the 22-line pitch of the type area
PITCH = AREA_WIDTH / 28  # mm: one full-width character on the 28-character grid
BODY_PT = 16.0
TITLE_PT = 22.0
SMALL_PT = 14.0
# 28 characters of 16 pt on 156 mm: take the difference (0.21 pt) out of the spacing,
# rounded away from zero to LibreOffice's twips (1/20 pt) so that 28 still fit
LETTER_SPACING = math.floor((PITCH / MM_PER_PT - BODY_PT) * 20) / 20  # pt, negative

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'office:version="1.3"'
)
FONT_FACES = "".join(
    f'<style:font-face style:name="{name}" svg:font-family="{name}" '
    f'style:font-family-generic="{generic}" style:font-pitch="variable"/>'
    for name, generic in (
        ("FandolFang", "roman"),
        ("FandolSong", "roman"),
        ("FandolHei", "swiss"),
        ("FandolKai", "script"),
    )
)


def _text_props(
    font: str = "FandolFang",
    size: float = BODY_PT,
    *,
    bold: bool = False,
    color: str | None = None,
    spacing: bool = True,
) -> str:
    """Western and Asian font properties alike (CJK text takes the -asian ones)."""
    weight = "bold" if bold else "normal"
    props = (
        f'style:font-name="{font}" fo:font-size="{size}pt" fo:font-weight="{weight}" '
        f'style:font-name-asian="{font}" style:font-size-asian="{size}pt" '
        f'style:font-weight-asian="{weight}" '
        f'style:font-name-complex="{font}" style:font-size-complex="{size}pt"'
    )
    if color:
        props += f' fo:color="{color}"'
    if spacing:
        props += f' fo:letter-spacing="{LETTER_SPACING:.3f}pt"'
    return f"<style:text-properties {props}/>"


def _paragraph_style(
    name: str,
    text: str,
    *,
    align: str = "justify",
    indent: float = 0.0,
    line: str = f"{LINE:.3f}mm",
    extra: str = "",
    tabs: str = "",
    family_parent: str = "",
) -> str:
    parent = f' style:parent-style-name="{family_parent}"' if family_parent else ""
    inner = f"<style:tab-stops>{tabs}</style:tab-stops>" if tabs else ""
    for side in ("top", "bottom"):  # no paragraph spacing unless asked for
        if f"fo:margin-{side}=" not in extra:
            extra += f' fo:margin-{side}="0mm"'
    return (
        f'<style:style style:name="{name}" style:family="paragraph"{parent}>'
        f'<style:paragraph-properties fo:text-align="{align}" fo:text-indent="{indent:.3f}mm" '
        f'fo:line-height="{line}" '
        f'style:punctuation-wrap="hanging" style:line-break="strict" '
        f'style:text-autospace="none" {extra}>'
        f"{inner}</style:paragraph-properties>{text}</style:style>"
    )


def _styles_xml() -> str:
    """Page layout (A4, 37/28/35/26 mm, page number "— 1 —" under the type area)
    and the paragraph styles of a GB/T 9704 document."""
    inner = AREA_WIDTH - 2 * SMALL_PT * MM_PER_PT  # 版记 text is indented one 4号 character
    rule = "solid #000000"
    styles = [
        '<style:default-style style:family="paragraph">'
        '<style:paragraph-properties style:writing-mode="lr-tb"/>'
        '<style:text-properties fo:language="zh" fo:country="CN" '
        'style:language-asian="zh" style:country-asian="CN" fo:hyphenate="false"/>'
        "</style:default-style>",
        _paragraph_style("Standard", _text_props()),
        _paragraph_style("Body", _text_props(), indent=2 * PITCH),
        _paragraph_style("Flush", _text_props()),
        _paragraph_style("Heading1", _text_props("FandolHei"), indent=2 * PITCH),
        _paragraph_style("Heading2", _text_props("FandolKai"), indent=2 * PITCH),
        _paragraph_style("Confidential", _text_props("FandolHei"), align="start"),
        _paragraph_style(
            "DocNumber",
            _text_props(spacing=False),
            align="center",
            extra=(
                f'fo:margin-top="{2 * LINE:.3f}mm" fo:padding-bottom="4mm" '
                'fo:border-bottom="0.7mm solid #ff0000" '
                f'fo:margin-bottom="{2 * LINE:.3f}mm"'
            ),
        ),
        _paragraph_style(
            "Title",
            _text_props("FandolSong", TITLE_PT, bold=True, spacing=False),
            align="center",
            extra=f'fo:margin-bottom="{LINE:.3f}mm"',
        ),
        _paragraph_style(
            "Date",
            _text_props(),
            align="end",
            extra=f'fo:margin-right="{4 * PITCH:.3f}mm"',
        ),
        _paragraph_style(
            "TableText", _text_props(size=SMALL_PT, spacing=False), align="start", line="150%"
        ),
        _paragraph_style(
            "CopyTo",
            _text_props(size=SMALL_PT, spacing=False),
            indent=-3 * SMALL_PT * MM_PER_PT,
            extra=(
                f'fo:margin-top="{2 * LINE:.3f}mm" '
                f'fo:margin-left="{4 * SMALL_PT * MM_PER_PT:.3f}mm" '
                f'fo:margin-right="{SMALL_PT * MM_PER_PT:.3f}mm" '
                f'fo:border-top="0.35mm {rule}" fo:border-bottom="0.25mm {rule}"'
            ),
        ),
        _paragraph_style(
            "Printer",
            _text_props(size=SMALL_PT, spacing=False),
            align="start",
            extra=(
                f'fo:margin-left="{SMALL_PT * MM_PER_PT:.3f}mm" '
                f'fo:margin-right="{SMALL_PT * MM_PER_PT:.3f}mm" '
                f'fo:border-bottom="0.35mm {rule}"'
            ),
            tabs=f'<style:tab-stop style:position="{inner:.3f}mm" style:type="right"/>',
        ),
        _paragraph_style(
            "PageOdd",
            _text_props("FandolSong", SMALL_PT, spacing=False),
            align="end",
            line="100%",
            extra=f'fo:margin-right="{SMALL_PT * MM_PER_PT:.3f}mm"',
        ),
        _paragraph_style(
            "PageEven",
            _text_props("FandolSong", SMALL_PT, spacing=False),
            align="start",
            line="100%",
            extra=f'fo:margin-left="{SMALL_PT * MM_PER_PT:.3f}mm"',
        ),
    ]
    page_number = '— <text:page-number text:select-page="current">1</text:page-number> —'
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {NS}>'
        f"<office:font-face-decls>{FONT_FACES}</office:font-face-decls>"
        f"<office:styles>{''.join(styles)}</office:styles>"
        "<office:automatic-styles>"
        '<style:page-layout style:name="GB9704" style:page-usage="all">'
        '<style:page-layout-properties fo:page-width="210mm" fo:page-height="297mm" '
        'style:print-orientation="portrait" fo:margin-top="37mm" fo:margin-bottom="26mm" '
        'fo:margin-left="28mm" fo:margin-right="26mm" style:writing-mode="lr-tb"/>'
        '<style:footer-style><style:header-footer-properties fo:min-height="7mm" '
        'fo:margin-top="2mm" style:dynamic-spacing="false"/></style:footer-style>'
        "</style:page-layout></office:automatic-styles>"
        '<office:master-styles><style:master-page style:name="Standard" '
        'style:page-layout-name="GB9704">'
        f'<style:footer><text:p text:style-name="PageOdd">{page_number}</text:p></style:footer>'
        f'<style:footer-left><text:p text:style-name="PageEven">{page_number}</text:p>'
        "</style:footer-left></style:master-page></office:master-styles>"
        "</office:document-styles>"
    )


def _em(text: str) -> float:
    """Width in grid characters: full-width characters 1, ASCII ½."""
    return sum(0.5 if ord(char) < 0x2E80 else 1.0 for char in text)


def _p(style: str, text: str) -> str:
    return f'<text:p text:style-name="{style}">{escape(text)}</text:p>'


def _table(table: Table, n: int) -> tuple[str, str]:
    """(automatic styles, body) of a form table with a full grid."""
    name = f"Tbl{n}"
    cols = len(table.widths)
    styles = [
        f'<style:style style:name="{name}" style:family="table">'
        f'<style:table-properties style:width="{AREA_WIDTH}mm" table:align="margins"/>'
        "</style:style>",
        f'<style:style style:name="{name}.cell" style:family="table-cell">'
        '<style:table-cell-properties fo:border="0.26mm solid #000000" '
        'fo:padding="1.8mm"/></style:style>',
    ]
    columns = []
    for i, share in enumerate(table.widths):
        styles.append(
            f'<style:style style:name="{name}.c{i}" style:family="table-column">'
            f'<style:table-column-properties style:column-width="{share * AREA_WIDTH:.2f}mm"/>'
            "</style:style>"
        )
        columns.append(f'<table:table-column table:style-name="{name}.c{i}"/>')
    rows = []
    for row in table.rows:
        cells = []
        for cell in row:
            span = f' table:number-columns-spanned="{cols}"' if len(row) == 1 else ""
            cells.append(
                f'<table:table-cell table:style-name="{name}.cell" office:value-type="string"'
                f"{span}>{_p('TableText', cell)}</table:table-cell>"
            )
        if len(row) == 1:
            cells += ["<table:covered-table-cell/>"] * (cols - 1)
        rows.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
    body = (
        f'<table:table table:name="{name}" table:style-name="{name}">'
        f"{''.join(columns)}{''.join(rows)}</table:table>"
    )
    return "".join(styles), body


def _content_parts(document: Document) -> tuple[list[str], list[str]]:
    """(automatic styles, body elements) of one document in content.xml."""
    auto: list[str] = []
    body: list[str] = []
    if document.confidential:
        body.append(_p("Confidential", document.confidential))
    if document.issuer_mark:  # red 小标宋, as large as fits the type area (at most 42 pt)
        size = min(42.0, AREA_WIDTH / MM_PER_PT / max(_em(document.issuer_mark), 1.0))
        mark = _text_props(
            "FandolSong", math.floor(size * 10) / 10, bold=True, color="#ff0000", spacing=False
        )
        auto.append(_paragraph_style("Mark", mark, align="center", line="100%"))
        body.append(_p("Mark", document.issuer_mark))
    if document.number:
        body.append(_p("DocNumber" if document.issuer_mark else "Flush", document.number))
    body.append(_p("Title", document.title))
    if document.addressee:
        body.append(_p("Flush", document.addressee.rstrip("：:") + "："))
    tables = 0
    for block in document.blocks:
        if isinstance(block, Paragraph):
            body.append(_p("Body" if block.indent else "Flush", block.text))
        elif isinstance(block, Heading):
            body.append(_p("Heading1" if block.level == 1 else "Heading2", block.text))
        elif isinstance(block, Table):
            tables += 1
            styles, xml = _table(block, tables)
            auto.append(styles)
            body.append(xml)
        elif isinstance(block, SignatureLines):
            for i in range(0, len(block.labels), 2):
                pair = block.labels[i : i + 2]
                body.append(_p("Flush", ""))
                body.append(_p("Flush", "　　".join(f"{label}：__________" for label in pair)))
    for n, name in enumerate(document.attachments):
        label = "附件：" if n == 0 else "　　　"
        number = f"{n + 1}." if len(document.attachments) > 1 else ""
        body.append(_p("Body", label + number + name))
    date = chinese_date(document.date) if document.date else None
    if document.signature:  # 署名 centred over the date, 右空二字 at least; two lines for the seal
        sig = _em(document.signature) * PITCH
        right = 4 * PITCH + (_em(date) * PITCH / 2 if date else -2 * PITCH)
        margin = min(max(right - sig / 2, 2 * PITCH), 4 * PITCH) if date else 2 * PITCH
        auto.append(
            _paragraph_style(
                "Signature",
                "",
                align="end",
                extra=f'fo:margin-right="{margin:.3f}mm" fo:margin-top="{2 * LINE:.3f}mm"',
                family_parent="Standard",
            )
        )
        body.append(_p("Signature", document.signature))
    if date:
        body.append(_p("Date", date))
    if document.copy_to:
        copy = "，".join(document.copy_to).rstrip("。.，, ")
        body.append(_p("CopyTo", f"抄送：{copy}。"))
    if document.printer or document.printed_on:
        printed = chinese_date(document.printed_on) + "印发" if document.printed_on else ""
        body.append(
            f'<text:p text:style-name="Printer">{escape(document.printer or "")}'
            f"<text:tab/>{escape(printed)}</text:p>"
        )
    return auto, body


FIRST_STYLE = re.compile(r'text:style-name="([^"]+)"')


def _content_xml(documents: Sequence[Document]) -> str:
    """content.xml of one document, or of several in a row: each after the first
    starts a new page and numbers its pages from 1 again (its first paragraph's
    style names the master page, with ``style:page-number="1"``)."""
    auto: dict[str, None] = {}  # the copies share their automatic styles
    body: list[str] = []
    for n, document in enumerate(documents):
        styles, parts = _content_parts(document)
        auto.update(dict.fromkeys(styles))
        if n:
            first = FIRST_STYLE.search(parts[0])
            assert first is not None
            name = first.group(1)
            auto[
                f'<style:style style:name="{name}-new" style:family="paragraph" '
                f'style:parent-style-name="{name}" style:master-page-name="Standard">'
                '<style:paragraph-properties style:page-number="1"/></style:style>'
            ] = None
            parts[0] = parts[0].replace(f'"{name}"', f'"{name}-new"', 1)
        body += parts
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}>'
        f"<office:font-face-decls>{FONT_FACES}</office:font-face-decls>"
        f"<office:automatic-styles>{''.join(auto)}</office:automatic-styles>"
        f"<office:body><office:text>{''.join(body)}</office:text></office:body>"
        "</office:document-content>"
    )


MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.3">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def write_odt(document: Document, path: Path, more: Sequence[Document] = ()) -> None:
    """The document as a filled .odt (zip: mimetype stored first, then the XML parts);
    with ``more``, those documents after it in the same file, each from a new page."""
    meta = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {NS}><office:meta>'
        f"<dc:title>{escape(document.title)}</dc:title>"
        f"<dc:subject>{escape(document.kind)}</dc:subject>"
        "<meta:generator>bench/forms.py</meta:generator></office:meta></office:document-meta>"
    )
    with zipfile.ZipFile(path, "w") as odt:
        odt.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        for name, xml in (
            ("content.xml", _content_xml([document, *more])),
            ("styles.xml", _styles_xml()),
            ("meta.xml", meta),
            ("META-INF/manifest.xml", MANIFEST),
        ):
            odt.writestr(name, xml, zipfile.ZIP_DEFLATED)


# --------------------------------------------------------------------------
# LibreOffice


def find_soffice(install: bool) -> str | None:
    """The soffice binary; installs the Debian package when missing and allowed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found or not install:
        return found
    apt = shutil.which("apt-get")
    if apt is None or os.geteuid() != 0:
        return None
    print(f"soffice not found: installing {APT_PACKAGE} with apt-get …", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        [apt, "update", "-q"],
        [apt, "install", "-y", "-q", "--no-install-recommends", APT_PACKAGE],
    ):
        if subprocess.run(command, env=env, capture_output=True, check=False).returncode:
            return None
    return shutil.which("soffice")


class Soffice:
    """``soffice --headless --convert-to pdf`` with its own profile and fonts."""

    def __init__(self, binary: str, work: Path) -> None:
        self.binary = binary
        profile = work / "lo-profile"
        self.profile_arg = f"-env:UserInstallation={profile.as_uri()}"
        # the app's Fandol fonts for LibreOffice too, cached in the bench folder
        config = work / "fonts.conf"
        config.write_text(
            '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
            f"<cachedir>{escape(str(work / 'fc-cache'))}</cachedir>"
            f"<dir>{escape(str(fonts_dir()))}</dir>"
            # FandolSong-Bold says weight 400 in its OS/2 table: tell fontconfig it is
            # bold, or LibreOffice fakes bold from FandolSong-Regular
            '<match target="scan"><test name="family"><string>FandolSong</string></test>'
            '<test name="style"><string>Bold</string></test>'
            '<edit name="weight" mode="assign"><const>bold</const></edit></match>'
            '<include ignore_missing="yes">/etc/fonts/fonts.conf</include></fontconfig>',
            encoding="utf-8",
        )
        self.env = {**os.environ, "FONTCONFIG_FILE": str(config)}

    def version(self) -> str:
        result = subprocess.run(
            [self.binary, self.profile_arg, "--version"],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=SOFFICE_TIMEOUT,
            check=False,
        )
        return result.stdout.strip() or "LibreOffice"

    def convert(self, files: Sequence[Path], out: Path) -> tuple[Took, int]:
        """Time of soffice converting ``files`` to PDF in ``out``, and how many runs it took.

        One soffice process for them all; where one stops early (LibreOffice 7.4
        exits with status 0 after a few hundred files), another converts the rest,
        and the times add up.
        """
        command = [self.binary, self.profile_arg, "--headless", "--convert-to", "pdf"]
        command += ["--outdir", str(out)]
        remaining = list(files)
        wall = cpu = 0.0
        runs = 0
        while remaining:
            wall_start, cpu_start = time.perf_counter(), _cpu()
            result = subprocess.run(
                [*command, *map(str, remaining)],
                env=self.env,
                capture_output=True,
                timeout=SOFFICE_TIMEOUT,
                check=False,
            )
            elapsed = Took(time.perf_counter() - wall_start, _cpu() - cpu_start)
            wall, cpu, runs = wall + elapsed.wall, cpu + elapsed.cpu, runs + 1
            left = [f for f in remaining if not (out / f.with_suffix(".pdf").name).is_file()]
            if result.returncode or len(left) == len(remaining):
                raise SystemExit(
                    f"soffice failed (exit {result.returncode}; missing {left[:3]}):\n"
                    + result.stderr.decode(errors="replace")
                )
            remaining = left
        return Took(wall, cpu), runs


# --------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def timed(action: Callable[[], object], rounds: int) -> list[Took]:
    return [took(action) for _ in range(rounds)]


def median_took(runs: Sequence[Took]) -> Took:
    return Took(statistics.median(t.wall for t in runs), statistics.median(t.cpu for t in runs))


def per_doc(total: Took, count: int) -> str:
    return f"{ms(total.wall / count)} per document (CPU {ms(total.cpu / count)})"


def ratio(theirs: Took, ours: Took, *, goal: bool = True) -> str:
    """LibreOffice / ours, elapsed and in CPU time, with the goal's verdict; ``goal``
    False for a comparison beyond the issue's (an equivalent .odt per document,
    converted by LibreOffice, against the app's render)."""
    wall, cpu = theirs.wall / ours.wall, theirs.cpu / ours.cpu
    if not goal:
        return f"{wall:.0f}x elapsed, {cpu:.0f}x CPU (not a goal of the issue)"
    verdict = "met" if wall >= 50 else "NOT met"
    return f"{wall:.0f}x elapsed, {cpu:.0f}x CPU ({verdict})"


def close_logging(folder: Path) -> None:
    """Detach the log file ``open_context`` opened in the temporary folder."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.FileHandler) and handler.baseFilename.startswith(
            str(folder)
        ):
            root.removeHandler(handler)
            handler.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--renders", type=int, default=20, help="warm renders (median)")
    parser.add_argument("--batch", type=int, default=1000, help="documents in the batch")
    parser.add_argument("--lo-runs", type=int, default=7, help="single soffice conversions")
    parser.add_argument(
        "--cold-runs", type=int, default=7, help="fresh processes for the first render"
    )
    parser.add_argument("--no-install", action="store_true", help="never apt-get LibreOffice")
    parser.add_argument("--out", type=Path, help="keep the sample .odt and both PDFs here")
    args = parser.parse_args()
    renders, lo_runs, count = max(args.renders, 20), max(args.lo_runs, 5), args.batch
    cold_runs = max(args.cold_runs, 5)

    with tempfile.TemporaryDirectory(prefix="bench-forms-") as tmp:
        work = Path(tmp)
        start = time.perf_counter()
        ctx = open_context(work / "data")
        build_demo(ctx)
        built = time.perf_counter() - start
        everything = demo_documents(ctx)
        decision = signed_decision(everything)
        record_id = decision.metadata.get("record_id", "")
        fill = fill_time(ctx, record_id, renders) if record_id else float("nan")
        ctx.store.close()
        close_logging(work)

        # ---- ours: one decision
        cold, process = first_renders(decision, work, cold_runs)
        # warm: the fonts loaded; each time another case file, so no line is known yet
        fresh = iter(varied(decision, 1, 100_000 + n) for n in range(1, renders + 1))
        warm = median_took(timed(lambda: render_pdf(next(fresh)), renders))
        pdf = render_pdf(decision)
        pages, used = pdf_facts(pdf)
        kinds = sorted({d.kind for d in everything})
        print(
            f"demo store built in {built:.1f} s: {len(everything)} documents of "
            f"{len(kinds)} kinds; the decision: {decision.number} ({decision.title}), "
            f"{pages} page(s), {len(pdf):,} bytes, fonts {', '.join(used)}"
        )
        print(f"load average at the start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print(f"filling its Document from the record (build_documents), median: {ms(fill)}")
        print("render_pdf, one decision (elapsed; CPU in brackets):")
        print(
            f"  first render in a fresh process (opens the fonts), median of {cold_runs}: "
            f"{ms(cold.wall)} ({ms(cold.cpu)})"
        )
        print(
            f"  … the whole fresh process (start, imports, render, exit): "
            f"{ms(process.wall)} ({ms(process.cpu)})"
        )
        print(
            f"  warm (fonts loaded, its paragraphs new), median of {renders}: "
            f"{ms(warm.wall)} ({ms(warm.cpu)})"
        )

        # ---- ours: a batch
        batch = [varied(decision, n, n) for n in range(1, count + 1)]
        # other case files: no paragraph of the second run is a text of the first
        again = [varied(decision, n, count + n) for n in range(1, count + 1)]
        mixed = list(itertools.islice(itertools.cycle(everything), count))
        ours_files = took(lambda: render_each(batch))
        third = [varied(decision, n, 2 * count + n) for n in range(1, count + 1)]
        ours_uncached = took(lambda: render_each_new_subsets(third))
        ours_one = took(lambda: render_one_file(again))
        mixed_files = took(lambda: render_each(mixed))
        mixed_one = took(lambda: render_one_file(mixed))
        print(
            f"batch of {count:,}: the decision numbered 1号…{count}号, its first two "
            "paragraphs naming the case file (every copy's paragraphs new texts; one process, "
            "one core):"
        )
        print(
            f"  one PDF each (render_pdf):          {ours_files.wall:6.2f} s, "
            f"{per_doc(ours_files, count)}"
        )
        print(
            f"  … every font subset built anew:     {ours_uncached.wall:6.2f} s, "
            f"{per_doc(ours_uncached, count)}"
        )
        print(
            f"  one PDF for all (render_batch_pdf): {ours_one.wall:6.2f} s, "
            f"{per_doc(ours_one, count)}"
        )
        print(
            f"all {len(everything)} demo documents of every kind cycled to {count:,} "
            "(after the first cycle their lines are known):"
        )
        print(f"  one PDF each:    {mixed_files.wall:6.2f} s, {per_doc(mixed_files, count)}")
        print(f"  one PDF for all: {mixed_one.wall:6.2f} s, {per_doc(mixed_one, count)}")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  this process's peak memory (max RSS) after them: {peak:.0f} MB")

        # ---- LibreOffice
        binary = find_soffice(install=not args.no_install)
        if binary is None:
            print(
                f"LibreOffice comparison skipped: soffice is not installed and could not be "
                f"installed (apt-get install -y --no-install-recommends {APT_PACKAGE})"
            )
            return 0
        soffice = Soffice(binary, work)
        folders = {
            name: work / name
            for name in ("odt-single", "pdf-single", "odt-batch", "pdf-batch", "pdf-one")
        }
        for folder in folders.values():
            folder.mkdir()
        odt = folders["odt-single"] / "decision.odt"
        write_odt(decision, odt)
        batch_files = []
        for n, document in enumerate(batch, start=1):
            path = folders["odt-batch"] / f"decision-{n:04d}.odt"
            write_odt(document, path)
            batch_files.append(path)
        all_in_one = folders["odt-single"] / "all.odt"
        write_odt(batch[0], all_in_one, batch[1:])

        version = soffice.version()
        first, _ = soffice.convert([odt], folders["pdf-single"])  # makes the profile, cache
        lo_single = median_took(
            [soffice.convert([odt], folders["pdf-single"])[0] for _ in range(lo_runs)]
        )
        lo_files, runs = soffice.convert(batch_files, folders["pdf-batch"])
        lo_one, _ = soffice.convert([all_in_one], folders["pdf-one"])
        lo_pdf = (folders["pdf-single"] / "decision.pdf").read_bytes()
        lo_pages, lo_fonts = pdf_facts(lo_pdf)
        one_pages, _ = pdf_facts((folders["pdf-one"] / "all.pdf").read_bytes())
        print(f"{version}, headless, the same documents as filled .odt files:")
        print(f"  first run (new profile, font cache; not counted): {ms(first.wall)}")
        print(
            f"  one decision, a fresh soffice each, median of {lo_runs}: {ms(lo_single.wall)} "
            f"(CPU {ms(lo_single.cpu)})"
        )
        print(
            f"  the {count:,} decisions, one soffice converting the {count:,} .odt files: "
            f"{lo_files.wall:.1f} s, {per_doc(lo_files, count)}"
            + (f" ({runs} runs: one soffice stops after a few hundred files)" if runs > 1 else "")
        )
        print(
            f"  the {count:,} decisions as ONE .odt (page break and page numbers from 1 before "
            f"each), one conversion: {lo_one.wall:.1f} s, {one_pages} pages, "
            f"{per_doc(lo_one, count)}"
        )
        print(
            f"  its PDF of one decision: {lo_pages} page(s), {len(lo_pdf):,} bytes, "
            f"fonts {', '.join(lo_fonts)}"
        )

        def each(total: Took) -> Took:
            return Took(total.wall / count, total.cpu / count)

        print("ratio LibreOffice / ours (goal >= 50x; CPU = per core):")
        print(f"  one decision, warm:                 {ratio(lo_single, warm)}")
        print(f"  one decision, our first render in a fresh process: {ratio(lo_single, cold)}")
        print(
            "  … a fresh Python process for it, start to exit: "
            f"{ratio(lo_single, process, goal=False)}"
        )
        print(f"  batch, one PDF each (files / files): {ratio(each(lo_files), each(ours_files))}")
        print(
            f"  … our font subsets built anew:       {ratio(each(lo_files), each(ours_uncached))}"
        )
        print(
            f"  batch, one PDF for all (one .odt / one PDF): {ratio(each(lo_one), each(ours_one))}"
        )
        faster = min(lo_files, lo_one, key=lambda t: t.wall)
        print(f"  batch, LibreOffice's faster / our one PDF: {ratio(each(faster), each(ours_one))}")
        print(
            "  printing the batch, as offices do today (the .odt files converted, one PDF "
            f"each) / as the app does (one PDF): {ratio(each(lo_files), each(ours_one))}"
        )
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / "ours.pdf").write_bytes(pdf)
            shutil.copy(odt, args.out / "decision.odt")
            (args.out / "libreoffice.pdf").write_bytes(lo_pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
