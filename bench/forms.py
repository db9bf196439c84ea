"""Document benchmark (issue: forms): prints

1. ``render_pdf`` for one signed accountability decision of the demo set
   (效能问责决定书): the cold first render (fonts loaded) and the median of
   ``--renders`` warm renders;
2. a batch of ``--batch`` documents: the same decision numbered 1号, 2号, …
   (the figure compared with LibreOffice), and every demo document of every
   kind cycled to the same count (for the mix of forms and tables);
3. LibreOffice headless (``soffice --headless --convert-to pdf``, what offices
   use today) converting an equivalent filled .odt of the same decision: the
   same text (版头, number, title, addressee, body, signature, date, 抄送,
   印发), A4 with margins 37/28/35/26 mm, 16 pt FandolFang on a fixed 22-line
   pitch, 22 pt title, red issuer mark and rule. The .odt is written here with
   ``zipfile`` (no extra dependency); LibreOffice gets the app's own Fandol
   fonts through a private fontconfig file, so both sides embed the same
   fonts. Timed: the median of ``--lo-runs`` single conversions, each a fresh
   ``soffice`` process as an office's script would run it, and one invocation
   converting ``--lo-batch`` documents, divided by their count (an
   extrapolation per document that includes one process start);
4. the ratios LibreOffice / ours for one document and in a batch (goal >= 50x).

Only the conversion is timed on either side: filling the ``Document`` (ours)
and writing the .odt (LibreOffice's) are not. If ``soffice`` is missing the
bench installs ``libreoffice-writer-nogui`` with apt-get when it runs as root
(``--no-install`` to skip that), else it says so and skips the comparison.

Run: ``.venv/bin/python bench/forms.py [--renders 20] [--batch 1000]
[--lo-runs 7] [--lo-batch 50] [--out DIR]``. Medians, not means: these
machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import logging
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.bootstrap import open_context
from desktop.demo import build_demo
from desktop.documents import records
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
from desktop.documents.render import render_pdf
from desktop.services.base import Context

TODAY = dt.date(2026, 11, 26)  # the demo's "today": drafts are dated by it
DECISION_KIND = "accountability_decision"
APT_PACKAGE = "libreoffice-writer-nogui"
SOFFICE_TIMEOUT = 600.0

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


def render_batch(documents: Sequence[Document]) -> float:
    start = time.perf_counter()
    for document in documents:
        render_pdf(document)
    return time.perf_counter() - start


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


def _content_xml(document: Document) -> str:
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


def write_odt(document: Document, path: Path) -> None:
    """The document as a filled .odt (zip: mimetype stored first, then the XML parts)."""
    meta = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {NS}><office:meta>'
        f"<dc:title>{escape(document.title)}</dc:title>"
        f"<dc:subject>{escape(document.kind)}</dc:subject>"
        "<meta:generator>bench/forms.py</meta:generator></office:meta></office:document-meta>"
    )
    with zipfile.ZipFile(path, "w") as odt:
        odt.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        for name, xml in (
            ("content.xml", _content_xml(document)),
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

    def convert(self, files: Sequence[Path], out: Path) -> float:
        """Seconds for one soffice process converting ``files`` to PDF in ``out``."""
        command = [self.binary, self.profile_arg, "--headless", "--convert-to", "pdf"]
        command += ["--outdir", str(out), *map(str, files)]
        start = time.perf_counter()
        result = subprocess.run(
            command, env=self.env, capture_output=True, timeout=SOFFICE_TIMEOUT, check=False
        )
        elapsed = time.perf_counter() - start
        missing = [f.name for f in files if not (out / f.with_suffix(".pdf").name).is_file()]
        if result.returncode or missing:
            raise SystemExit(
                f"soffice failed (exit {result.returncode}; missing {missing[:3]}):\n"
                + result.stderr.decode(errors="replace")
            )
        return elapsed


# --------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def timed(action: Callable[[], object], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


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
    parser.add_argument("--lo-batch", type=int, default=50, help="documents in one soffice run")
    parser.add_argument("--no-install", action="store_true", help="never apt-get LibreOffice")
    parser.add_argument("--out", type=Path, help="keep the sample .odt and both PDFs here")
    args = parser.parse_args()
    renders, lo_runs = max(args.renders, 20), max(args.lo_runs, 5)

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
        start = time.perf_counter()
        pdf = render_pdf(decision)
        cold = time.perf_counter() - start
        warm = statistics.median(timed(lambda: render_pdf(decision), renders))
        pages, used = pdf_facts(pdf)
        kinds = sorted({d.kind for d in everything})
        print(
            f"demo store built in {built:.1f} s: {len(everything)} documents of "
            f"{len(kinds)} kinds; the decision: {decision.number} ({decision.title}), "
            f"{pages} page(s), {len(pdf):,} bytes, fonts {', '.join(used)}"
        )
        print(f"filling its Document from the record (build_documents), median: {ms(fill)}")
        print("render_pdf, one decision:")
        print(f"  cold first render (loads the fonts): {ms(cold)}")
        print(f"  warm, median of {renders}:             {ms(warm)}")

        # ---- ours: a batch
        numbered = [renumbered(decision, n) for n in range(1, args.batch + 1)]
        mixed = list(itertools.islice(itertools.cycle(everything), args.batch))
        batch = render_batch(numbered)
        batch_mixed = render_batch(mixed)
        print(f"batch of {args.batch:,} documents:")
        print(
            f"  the decision numbered 1号…{args.batch}号: {batch:.2f} s, "
            f"{args.batch / batch:.1f} docs/s ({ms(batch / args.batch)} each)"
        )
        print(
            f"  all {len(everything)} demo documents cycled: {batch_mixed:.2f} s, "
            f"{args.batch / batch_mixed:.1f} docs/s ({ms(batch_mixed / args.batch)} each)"
        )

        # ---- LibreOffice
        binary = find_soffice(install=not args.no_install)
        if binary is None:
            print(
                f"LibreOffice comparison skipped: soffice is not installed and could not be "
                f"installed (apt-get install -y --no-install-recommends {APT_PACKAGE})"
            )
            return 0
        soffice = Soffice(binary, work)
        single_dir, out_dir = work / "odt-single", work / "pdf-single"
        batch_dir, batch_out = work / "odt-batch", work / "pdf-batch"
        for folder in (single_dir, out_dir, batch_dir, batch_out):
            folder.mkdir()
        odt = single_dir / "decision.odt"
        write_odt(decision, odt)
        batch_files = []
        for n in range(1, args.lo_batch + 1):
            path = batch_dir / f"decision-{n:04d}.odt"
            write_odt(renumbered(decision, n), path)
            batch_files.append(path)

        version = soffice.version()
        first = soffice.convert([odt], out_dir)  # makes the profile and the font cache
        singles = [soffice.convert([odt], out_dir) for _ in range(lo_runs)]
        lo_single = statistics.median(singles)
        lo_batch_total = soffice.convert(batch_files, batch_out)
        lo_batch = lo_batch_total / args.lo_batch
        lo_pdf = (out_dir / "decision.pdf").read_bytes()
        lo_pages, lo_fonts = pdf_facts(lo_pdf)
        print(f"{version}, headless, the same decision as a filled .odt:")
        print(f"  first run (new profile, font cache; not counted): {ms(first)}")
        print(f"  single conversion, a fresh soffice each, median of {lo_runs}: {ms(lo_single)}")
        print(
            f"  {args.lo_batch} documents in one soffice invocation: {lo_batch_total:.2f} s "
            f"-> {ms(lo_batch)} per document (extrapolated: total / {args.lo_batch}, "
            f"one process start included)"
        )
        print(f"  its PDF: {lo_pages} page(s), {len(lo_pdf):,} bytes, fonts {', '.join(lo_fonts)}")

        single_ratio = lo_single / warm
        batch_ratio = lo_batch / (batch / args.batch)
        verdict = {True: "met", False: "NOT met"}
        print("ratio LibreOffice / ours (goal >= 50x):")
        print(
            f"  one decision: {ms(lo_single)} / {ms(warm)} = {single_ratio:.0f}x "
            f"({verdict[single_ratio >= 50]}; against our cold first render: "
            f"{lo_single / cold:.0f}x)"
        )
        print(
            f"  batch, per document: {ms(lo_batch)} / {ms(batch / args.batch)} = "
            f"{batch_ratio:.0f}x ({verdict[batch_ratio >= 50]})"
        )
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / "ours.pdf").write_bytes(pdf)
            shutil.copy(odt, args.out / "decision.odt")
            (args.out / "libreoffice.pdf").write_bytes(lo_pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
