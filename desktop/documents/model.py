"""An official document as plain data (公文), between the templates and the renderer.

A template in ``forms/`` plus a record give a :class:`Document`
(``desktop.documents.forms``); the renderer lays a :class:`Document` out on
A4 following GB/T 9704-2012 (``desktop.documents.render``). Neither side knows
the other's details: this module is the contract.

The parts, in GB/T 9704 terms:

* 版头 (header): ``issuer_mark`` (发文机关标志, red, centred) and ``number``
  (发文字号, e.g. 闽效问〔2026〕3号) above a red separator line; both optional, a
  form such as an approval table has neither;
* 主体 (body): ``title`` (标题, 2号 小标宋, centred, wraps), ``addressee``
  (主送机关), ``blocks`` (paragraphs, headings, tables, signature lines),
  ``attachments``, then ``signature`` (发文机关署名) and ``date`` (成文日期)
  on the right;
* 版记 (footer of the last page): ``copy_to`` (抄送), ``printer`` and
  ``printed_on`` (印发机关和印发日期).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Final, Literal

Layout = Literal["standard", "letter", "form"]
"""Where the 版头 goes (GB/T 9704-2012):

* ``standard`` 通用格式 (7.2): the issuer mark's top edge 35 mm below the top
  of the type area; decisions, suggestions, notices;
* ``letter`` 信函格式 (10.1): the issuer mark's top edge 30 mm below the top
  edge of the paper, a red double line 4 mm under it and another 20 mm above
  the bottom edge, the number flush right under the first, no page number on
  the first page; letters (函) such as the reply to a complainant;
* ``form``: a form the standard does not cover (a transfer slip, an approval
  table): the issuer mark on the first line of the type area.
"""
LAYOUTS: Final[tuple[Layout, ...]] = ("standard", "letter", "form")


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph (正文段落): 3号 仿宋, first line indented two characters."""

    text: str
    indent: bool = True


@dataclass(frozen=True)
class Heading:
    """A heading: level 1 "一、" in 黑体, level 2 "（一）" in 楷体 (GB/T 9704 7.3.3)."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Table:
    """A form table (表格): rows of label/value cells, e.g. an approval table.

    ``widths`` are the columns' shares of the type area (they sum to 1).
    A row with one cell spans the whole width.
    """

    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = (0.25, 0.75)


@dataclass(frozen=True)
class SignatureLines:
    """Signature lines for people present (e.g. both inspectors at a visit)."""

    labels: tuple[str, ...]


Block = Paragraph | Heading | Table | SignatureLines


@dataclass(frozen=True)
class Document:
    """One filled official document, ready to render."""

    kind: str  # the template id, e.g. "accountability_decision"
    title: str
    blocks: tuple[Block, ...]
    issuer_mark: str | None = None
    number: str | None = None
    addressee: str | None = None
    attachments: tuple[str, ...] = ()
    signature: str | None = None
    date: dt.date | None = None
    copy_to: tuple[str, ...] = ()
    printer: str | None = None
    printed_on: dt.date | None = None
    confidential: str | None = None  # 密级, e.g. "内部" for 暗访 records
    layout: Layout = "standard"
    metadata: dict[str, str] = field(default_factory=dict)  # PDF subject/keywords


def chinese_date(d: dt.date) -> str:
    """A date as GB/T 9704 writes it: Arabic numerals, no leading zeros (2026年11月26日)."""
    return f"{d.year}年{d.month}月{d.day}日"


def document_number(prefix: str, year: int, serial: int) -> str:
    """发文字号: prefix, year in 六角括号, serial with no leading zeros or 第: 闽效问〔2026〕3号."""
    return f"{prefix}〔{year}〕{serial}号"
