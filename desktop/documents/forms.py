"""Document templates (文书式样): loading the declarative TOML files in ``forms/``
and filling one from a record's context into a :class:`~.model.Document`.

The format is described in ``forms/README.md``; in short:

* one file per document kind, ``forms/<profile-id>/<kind>.toml`` where the two
  regulations differ, else ``forms/common/<kind>.toml`` (a profile's own file
  wins over the common one of the same kind);
* ``forms/<profile-id>/_regulation.toml`` holds that profile's wording shared by
  all its templates (the regulation's title, article citations), available to
  every template of the profile as ``{regulation.<key>}``;
* text holds placeholders ``{field}``, ``{a.b}`` (a key inside a table),
  ``{list|join}`` / ``{list|join:、}``; ``{{`` and ``}}`` are literal braces;
* blocks, table rows and list items may carry ``when`` (a field that must be
  true / non-empty, ``!field`` for the opposite) and ``for_each`` (repeat for
  every item of a list: ``{item}``, ``{item.key}``, ``{n}`` 1, 2, 3 and
  ``{cn}`` 一, 二, 三).

A field the context does not have, or has empty, is an error naming the
template and the field (:class:`FieldError`): a filled document never has a
silent blank. Optional text is guarded with ``when``.

Loading checks a file whole and raises :class:`FormError` naming the file and
the key. Nothing here reads the database: :mod:`desktop.documents.records`
builds the contexts.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Final

from desktop.documents.model import (
    LAYOUTS,
    Block,
    Document,
    Heading,
    Layout,
    Paragraph,
    SignatureLines,
    Table,
    chinese_date,
)
from desktop.domain.profile import RuleProfile

__all__ = [
    "COMMON",
    "DRAFT_MARK",
    "RECORD_TYPES",
    "REGULATION_FILE",
    "FieldError",
    "FormError",
    "FormSet",
    "Template",
    "applicable",
    "applies",
    "cn_numeral",
    "fill",
    "forms_dir",
    "load_forms",
    "parse_template",
]

#: The kinds of record a template can be filled from (``form.record``).
RECORD_TYPES: Final = ("decision", "rectification", "complaint", "appeal", "plan", "visit")
#: The folder of templates shared by every profile.
COMMON: Final = "common"
#: The file of a profile's shared wording (not a template).
REGULATION_FILE: Final = "_regulation.toml"
#: Appended to the title of a numbered document that has no number yet (not signed off).
DRAFT_MARK: Final = "（草稿）"

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*")
_FORM_KEYS = frozenset(
    {
        "kind",
        "record",
        "title",
        "issuer_mark",
        "number_prefix",
        "addressee",
        "signature",
        "date",
        "printer",
        "printed_on",
        "confidential",
        "layout",
        "copy_to",
        "attachments",
        "applies",
    }
)
_BLOCK_KINDS = ("paragraph", "heading", "table", "signatures")
_BLOCK_KEYS = frozenset({*_BLOCK_KINDS, "level", "indent", "widths", "when", "for_each"})
_CONDITION_TESTS = ("equals", "not_equals", "contains", "lacks")
_DIGITS = "零一二三四五六七八九"


class FormError(ValueError):
    """A template that cannot be used: names the file, the key and the problem."""

    def __init__(self, source: str, key: str, problem: str) -> None:
        self.source = source
        self.key = key
        self.problem = problem
        where = f"{source}: {key}" if key else source
        super().__init__(f"{where}: {problem}")


class FieldError(FormError):
    """A field a template needs is missing from the record's context, or empty."""

    def __init__(self, source: str, key: str, field_name: str, problem: str) -> None:
        self.field = field_name
        super().__init__(source, key, f"字段 {field_name!r} {problem}")


# --------------------------------------------------------------------------
# The parsed template


@dataclass(frozen=True)
class Text:
    """A piece of template text with its optional condition and repetition."""

    text: str
    key: str  # where it stands in the file, for errors
    when: tuple[str, ...] = ()
    for_each: str | None = None


@dataclass(frozen=True)
class Row:
    """A table row template."""

    cells: tuple[str, ...]
    key: str
    when: tuple[str, ...] = ()
    for_each: str | None = None


@dataclass(frozen=True)
class BlockTemplate:
    """One ``[[blocks]]`` entry."""

    kind: str  # paragraph | heading | table | signatures
    key: str
    text: str = ""
    level: int = 1
    indent: bool = True
    rows: tuple[Row, ...] = ()
    widths: tuple[float, ...] = ()
    labels: tuple[Text, ...] = ()
    when: tuple[str, ...] = ()
    for_each: str | None = None


@dataclass(frozen=True)
class Condition:
    """One ``[[form.applies]]`` test on the record's context."""

    field: str
    test: str  # equals | not_equals | contains | lacks
    value: str | bool
    key: str


@dataclass(frozen=True)
class Template:
    """A parsed template (one TOML file)."""

    kind: str
    record: str
    source: str
    title: Text
    blocks: tuple[BlockTemplate, ...]
    issuer_mark: Text | None = None
    number_prefix: str | None = None  # key into profile.documents.number_prefixes
    addressee: Text | None = None
    signature: Text | None = None
    date: str | None = None  # a context field holding a date
    printer: Text | None = None
    printed_on: str | None = None
    confidential: Text | None = None
    layout: Layout = "standard"  # 通用格式, 信函格式 or a form (model.Layout)
    copy_to: tuple[Text, ...] = ()
    attachments: tuple[Text, ...] = ()
    applies: tuple[Condition, ...] = ()
    #: Fields every fill of this template may use besides the context
    #: (the profile's ``_regulation.toml`` as ``regulation``).
    values: Mapping[str, Any] = field(default_factory=dict)

    @property
    def numbered(self) -> bool:
        """Whether the document carries a 发文字号 once signed off."""
        return self.number_prefix is not None


# --------------------------------------------------------------------------
# Parsing


class _Node:
    """A TOML table plus its dotted path, for error messages."""

    def __init__(self, source: str, path: str, data: Mapping[str, Any]) -> None:
        self.source = source
        self.path = path
        self.data = data

    def key(self, name: str) -> str:
        if not name:
            return self.path
        return f"{self.path}.{name}" if self.path else name

    def fail(self, name: str, problem: str) -> FormError:
        return FormError(self.source, self.key(name), problem)

    def check_keys(self, allowed: frozenset[str]) -> None:
        for name in self.data:
            if name not in allowed:
                raise self.fail(name, f"未知的键，可用: {', '.join(sorted(allowed))} (unknown key)")

    def text(self, name: str, required: bool = True) -> str | None:
        if name not in self.data:
            if required:
                raise self.fail(name, "缺少此项 (missing)")
            return None
        value = self.data[name]
        if not isinstance(value, str) or not value.strip():
            raise self.fail(name, f"应为非空文本，实为 {value!r} (wrong type)")
        _check_text(self.source, self.key(name), value)
        return value

    def field_name(self, name: str) -> str | None:
        value = self.text(name, required=False)
        if value is not None and not _PATH.fullmatch(value):
            raise self.fail(name, f"应为字段名（如 decided_on），实为 {value!r}")
        return value


def _check_text(source: str, key: str, text: str) -> None:
    """Refuse a malformed placeholder at load time rather than at fill time."""
    for m in _PLACEHOLDER.finditer(text):
        token = m.group(0)
        if token in ("{{", "}}"):
            continue
        if m.group(1) is None:
            raise FormError(source, key, f"不成对的花括号 {token!r}；字面括号请写 {{{{ 或 }}}}")
        _parse_placeholder(source, key, m.group(1))


def _parse_placeholder(source: str, key: str, body: str) -> tuple[str, str | None, str | None]:
    """``path|filter:arg`` → (path, filter, arg)."""
    path, _, rest = body.partition("|")
    path = path.strip()
    if not _PATH.fullmatch(path):
        raise FormError(source, key, f"占位符 {{{body}}} 的字段名不合法")
    if not rest:
        return path, None, None
    name, colon, arg = rest.partition(":")
    name = name.strip()
    if name not in ("join", "cn"):
        raise FormError(source, key, f"占位符 {{{body}}} 的过滤器 {name!r} 未知，可用: join, cn")
    return path, name, (arg if colon else None)


def _when(node: _Node, name: str = "when") -> tuple[str, ...]:
    if name not in node.data:
        return ()
    value = node.data[name]
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise node.fail(name, "应为字段名或字段名列表 (wrong type)")
    out = []
    for item in items:
        if not isinstance(item, str) or not _PATH.fullmatch(item.removeprefix("!")):
            raise node.fail(name, f"应为字段名（可加 ! 取反），实为 {item!r}")
        out.append(item)
    return tuple(out)


def _for_each(node: _Node) -> str | None:
    return node.field_name("for_each")


def _text_item(node: _Node, name: str, value: Any) -> Text:
    """A list item or header field: a string, or ``{text, when, for_each}``."""
    key = node.key(name)
    if isinstance(value, str):
        sub = _Node(node.source, node.path, {name: value})
        return Text(sub.text(name) or "", key)
    if isinstance(value, dict):
        sub = _Node(node.source, key, value)
        sub.check_keys(frozenset({"text", "when", "for_each"}))
        return Text(sub.text("text") or "", key, _when(sub), _for_each(sub))
    raise node.fail(name, f"应为文本或 {{ text = …, when = … }} 表，实为 {value!r}")


def _opt_text(node: _Node, name: str) -> Text | None:
    if name not in node.data:
        return None
    return _text_item(node, name, node.data[name])


def _layout(node: _Node) -> Layout:
    value = node.text("layout", required=False) or "standard"
    for layout in LAYOUTS:
        if value == layout:
            return layout
    raise node.fail("layout", f"应为 {'、'.join(LAYOUTS)} 之一，实为 {value!r}")


def _text_list(node: _Node, name: str) -> tuple[Text, ...]:
    value = node.data.get(name, [])
    if not isinstance(value, list):
        raise node.fail(name, "应为列表 (wrong type)")
    return tuple(_text_item(node, f"{name}[{i}]", v) for i, v in enumerate(value))


def _conditions(node: _Node) -> tuple[Condition, ...]:
    value = node.data.get("applies", [])
    if not isinstance(value, list):
        raise node.fail("applies", "应为表数组 [[form.applies]] (wrong type)")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise node.fail(f"applies[{i}]", "应为表 (table)")
        sub = _Node(node.source, node.key(f"applies[{i}]"), item)
        sub.check_keys(frozenset({"field", *_CONDITION_TESTS}))
        name = sub.field_name("field")
        if name is None:
            raise sub.fail("field", "缺少此项 (missing)")
        tests = [t for t in _CONDITION_TESTS if t in item]
        if len(tests) != 1:
            raise sub.fail("field", f"应恰有一项检验：{', '.join(_CONDITION_TESTS)}")
        raw = item[tests[0]]
        if not isinstance(raw, str | bool):
            raise sub.fail(tests[0], f"应为文本或 true/false，实为 {raw!r}")
        out.append(Condition(name, tests[0], raw, sub.path))
    return tuple(out)


def _rows(node: _Node) -> tuple[Row, ...]:
    value = node.data["table"]
    if not isinstance(value, list) or not value:
        raise node.fail("table", "应为非空的行列表 (wrong type)")
    rows = []
    for i, item in enumerate(value):
        key = node.key(f"table[{i}]")
        sub = _Node(node.source, key, item if isinstance(item, dict) else {"cells": item})
        if isinstance(item, dict):
            sub.check_keys(frozenset({"cells", "when", "for_each"}))
        cells = sub.data.get("cells")
        if not isinstance(cells, list) or not cells:
            raise node.fail(f"table[{i}]", "一行应为非空的单元格列表，或 { cells = […], when = … }")
        for j, cell in enumerate(cells):
            if not isinstance(cell, str):
                raise sub.fail(f"cells[{j}]", f"单元格应为文本，实为 {cell!r}")
            _check_text(node.source, f"{key}.cells[{j}]", cell)
        rows.append(Row(tuple(cells), key, _when(sub), _for_each(sub)))
    return tuple(rows)


def _widths(node: _Node, rows: Sequence[Row]) -> tuple[float, ...]:
    value = node.data.get("widths", [0.25, 0.75])
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(w, int | float) and not isinstance(w, bool) and w > 0 for w in value)
    ):
        raise node.fail("widths", f"应为正数列表，实为 {value!r}")
    widths = tuple(float(w) for w in value)
    if abs(sum(widths) - 1.0) > 1e-6:
        raise node.fail("widths", f"各列占比之和应为 1，实为 {sum(widths):g}")
    for row in rows:
        if len(row.cells) not in (1, len(widths)):
            raise FormError(
                node.source, row.key, f"一行应有 1 或 {len(widths)} 个单元格，实为 {len(row.cells)}"
            )
    return widths


def _block(node: _Node) -> BlockTemplate:
    node.check_keys(_BLOCK_KEYS)
    kinds = [k for k in _BLOCK_KINDS if k in node.data]
    if len(kinds) != 1:
        raise node.fail("", f"每个块应恰有一项：{', '.join(_BLOCK_KINDS)}")
    kind = kinds[0]
    common: dict[str, Any] = {
        "kind": kind,
        "key": node.path,
        "when": _when(node),
        "for_each": _for_each(node),
    }
    if kind == "paragraph":
        indent = node.data.get("indent", True)
        if not isinstance(indent, bool):
            raise node.fail("indent", "应为 true/false")
        return BlockTemplate(text=node.text("paragraph") or "", indent=indent, **common)
    if kind == "heading":
        level = node.data.get("level", 1)
        if level not in (1, 2) or isinstance(level, bool):
            raise node.fail("level", f"应为 1 或 2，实为 {level!r}")
        return BlockTemplate(text=node.text("heading") or "", level=level, **common)
    if kind == "table":
        rows = _rows(node)
        return BlockTemplate(rows=rows, widths=_widths(node, rows), **common)
    labels = _text_list(node, "signatures")
    if not labels:
        raise node.fail("signatures", "至少需要一个签名栏")
    return BlockTemplate(labels=labels, **common)


def parse_template(text: str, source: str, values: Mapping[str, Any] | None = None) -> Template:
    """Parse and check one template file's text (errors name ``source`` and the key)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FormError(source, "", f"TOML 语法错误: {exc}") from None
    root = _Node(source, "", data)
    root.check_keys(frozenset({"form", "blocks"}))
    if not isinstance(data.get("form"), dict):
        raise root.fail("form", "缺少 [form] 表 (missing)")
    form = _Node(source, "form", data["form"])
    form.check_keys(_FORM_KEYS)
    kind = form.field_name("kind")
    if kind is None:
        raise form.fail("kind", "缺少此项 (missing)")
    record = form.text("record") or ""
    if record not in RECORD_TYPES:
        raise form.fail("record", f"未知的记录类型 {record!r}，可用: {', '.join(RECORD_TYPES)}")
    raw_blocks = data.get("blocks")
    if not isinstance(raw_blocks, list) or not raw_blocks:
        raise root.fail("blocks", "至少需要一个 [[blocks]] (missing)")
    blocks = []
    for i, item in enumerate(raw_blocks):
        if not isinstance(item, dict):
            raise root.fail(f"blocks[{i}]", "应为表 (table)")
        blocks.append(_block(_Node(source, f"blocks[{i}]", item)))
    number_prefix = form.text("number_prefix", required=False)
    title = _opt_text(form, "title")
    if title is None:
        raise form.fail("title", "缺少此项 (missing)")
    return Template(
        kind=kind,
        record=record,
        source=source,
        title=title,
        blocks=tuple(blocks),
        issuer_mark=_opt_text(form, "issuer_mark"),
        number_prefix=number_prefix,
        addressee=_opt_text(form, "addressee"),
        signature=_opt_text(form, "signature"),
        date=form.field_name("date"),
        printer=_opt_text(form, "printer"),
        printed_on=form.field_name("printed_on"),
        confidential=_opt_text(form, "confidential"),
        layout=_layout(form),
        copy_to=_text_list(form, "copy_to"),
        attachments=_text_list(form, "attachments"),
        applies=_conditions(form),
        values=dict(values or {}),
    )


# --------------------------------------------------------------------------
# Loading a profile's set


@dataclass(frozen=True)
class FormSet:
    """The templates one profile uses, by kind, and its shared wording."""

    profile_id: str
    templates: Mapping[str, Template]
    regulation: Mapping[str, str]

    def template(self, kind: str) -> Template:
        try:
            return self.templates[kind]
        except KeyError:
            known = ", ".join(sorted(self.templates))
            raise KeyError(
                f"规则配置 {self.profile_id} 没有文书 {kind!r}（可用: {known}）"
            ) from None

    def for_record(self, record_type: str) -> list[Template]:
        """The templates filled from ``record_type``, in kind order."""
        return [t for k, t in sorted(self.templates.items()) if t.record == record_type]


def forms_dir() -> Path:
    """The ``forms/`` folder: ``XIAONENG_FORMS``, else inside a PyInstaller
    bundle, else beside the packages in a source checkout."""
    override = os.environ.get("XIAONENG_FORMS")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "forms"
    return Path(__file__).resolve().parent.parent.parent / "forms"


def _read_regulation(path: Path) -> dict[str, str]:
    source = str(path)
    if not path.is_file():
        raise FormError(source, "", f"缺少该规则配置的文书用语文件 {REGULATION_FILE} (missing)")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise FormError(source, "", f"TOML 语法错误: {exc}") from None
    root = _Node(source, "", data)
    root.check_keys(frozenset({"regulation"}))
    table = data.get("regulation")
    if not isinstance(table, dict) or not table:
        raise root.fail("regulation", "缺少 [regulation] 表 (missing)")
    node = _Node(source, "regulation", table)
    return {name: node.text(name) or "" for name in table}


def load_forms(profile: RuleProfile, root: Path | None = None) -> FormSet:
    """The templates for ``profile``: ``forms/common`` overridden by
    ``forms/<profile.id>``. Checks each file, that its ``kind`` is its file
    name and that its ``number_prefix`` is one of the profile's prefixes.
    Files are read again only when one of them changed (name, size, mtime)."""
    folder = root or forms_dir()
    forms = _read_forms(profile.id, folder, _signature(folder, profile.id))
    for template in forms.templates.values():
        prefix = template.number_prefix
        if prefix is not None and prefix not in profile.documents.number_prefixes:
            known = ", ".join(sorted(profile.documents.number_prefixes))
            raise FormError(
                template.source,
                "form.number_prefix",
                f"规则配置 {profile.id} 的 documents.number_prefixes 中没有 {prefix!r}"
                f"（可用: {known}）",
            )
    return forms


def _signature(root: Path, profile_id: str) -> tuple[tuple[str, int, int], ...]:
    """What identifies the files' present contents, for the cache."""
    paths = sorted((*(root / COMMON).glob("*.toml"), *(root / profile_id).glob("*.toml")))
    return tuple((str(p), (st := p.stat()).st_size, st.st_mtime_ns) for p in paths)


@cache
def _read_forms(
    profile_id: str, root: Path, signature: tuple[tuple[str, int, int], ...]
) -> FormSet:
    own = root / profile_id
    regulation = _read_regulation(own / REGULATION_FILE)
    values = {"regulation": regulation}
    files: dict[str, Path] = {}
    for folder in (root / COMMON, own):
        for path in sorted(folder.glob("*.toml")):
            if not path.name.startswith("_"):
                files[path.stem] = path
    templates: dict[str, Template] = {}
    for kind, path in sorted(files.items()):
        template = parse_template(path.read_text(encoding="utf-8"), str(path), values)
        if template.kind != kind:
            problem = f"应与文件名一致（{kind!r}），实为 {template.kind!r}"
            raise FormError(str(path), "form.kind", problem)
        templates[kind] = template
    if not templates:
        raise FormError(str(root), "", f"没有规则配置 {profile_id} 可用的文书模板 (no templates)")
    return FormSet(profile_id, templates, regulation)


# --------------------------------------------------------------------------
# Selecting


def applies(template: Template, context: Mapping[str, Any]) -> bool:
    """Whether ``template`` is the document for this record (its ``applies`` tests)."""
    for c in template.applies:
        value = _lookup(template.source, c.key, context, c.field, template.values)
        if c.test == "equals" and value != c.value:
            return False
        if c.test == "not_equals" and value == c.value:
            return False
        if c.test in ("contains", "lacks"):
            if not isinstance(value, list | tuple | frozenset | set):
                raise FieldError(template.source, c.key, c.field, "应为列表 (not a list)")
            if (c.value in value) != (c.test == "contains"):
                return False
    return True


def applicable(templates: Sequence[Template], context: Mapping[str, Any]) -> list[Template]:
    """The templates among ``templates`` whose ``applies`` tests hold."""
    return [t for t in templates if applies(t, context)]


# --------------------------------------------------------------------------
# Filling


def cn_numeral(n: int) -> str:
    """一, 二, … 十, 十一, … 九十九, 一百…: the numerals of 第三十六条 and "一、"."""
    if n < 0:
        raise ValueError(n)
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        head = "" if tens == 1 else _DIGITS[tens]
        return f"{head}十{_DIGITS[ones] if ones else ''}"
    hundreds, rest = divmod(n, 100)
    if rest == 0:
        return f"{cn_numeral(hundreds)}百"
    middle = "零" if rest < 10 else ""
    tail = cn_numeral(rest) if rest >= 20 or rest < 10 else f"一{cn_numeral(rest)}"
    return f"{cn_numeral(hundreds)}百{middle}{tail}"


def _lookup(
    source: str,
    key: str,
    context: Mapping[str, Any],
    path: str,
    values: Mapping[str, Any],
) -> Any:
    head, *rest = path.split(".")
    if head in context:
        value: Any = context[head]
    elif head in values:
        value = values[head]
    else:
        raise FieldError(source, key, path, "缺失 (missing field)")
    for i, part in enumerate(rest):
        if not isinstance(value, Mapping) or part not in value:
            where = ".".join([head, *rest[: i + 1]])
            raise FieldError(source, key, path, f"缺失：{where} 不存在 (missing field)")
        value = value[part]
    return value


def _format(source: str, key: str, path: str, value: Any) -> str:
    if isinstance(value, bool) or value is None:
        raise FieldError(source, key, path, f"无可填写的值（{value!r}）(empty field)")
    if isinstance(value, dt.datetime):
        raise FieldError(source, key, path, "应为日期，不带时间 (wrong type)")
    if isinstance(value, dt.date):
        return chinese_date(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        if not value.strip():
            raise FieldError(source, key, path, "为空 (empty field)")
        return value
    raise FieldError(source, key, path, f"不能直接填入文本（{type(value).__name__}）")


class _Filler:
    """Fills one template's text from one context."""

    def __init__(self, template: Template, context: Mapping[str, Any]) -> None:
        self.t = template
        self.context = context

    def value(self, key: str, path: str, scope: Mapping[str, Any]) -> Any:
        return _lookup(self.t.source, key, {**self.context, **scope}, path, self.t.values)

    def text(self, key: str, text: str, scope: Mapping[str, Any] | None = None) -> str:
        scope = scope or {}

        def sub(m: re.Match[str]) -> str:
            token = m.group(0)
            if token == "{{":
                return "{"
            if token == "}}":
                return "}"
            path, filt, arg = _parse_placeholder(self.t.source, key, m.group(1))
            value = self.value(key, path, scope)
            if filt == "join":
                if not isinstance(value, list | tuple):
                    raise FieldError(self.t.source, key, path, "应为列表才能 join (not a list)")
                if not value:
                    raise FieldError(self.t.source, key, path, "为空列表 (empty field)")
                parts = [
                    _format(self.t.source, key, f"{path}[{i}]", v) for i, v in enumerate(value)
                ]
                return ("、" if arg is None else arg).join(parts)
            if filt == "cn":
                if not isinstance(value, int) or isinstance(value, bool):
                    raise FieldError(self.t.source, key, path, "应为整数才能 cn (not an integer)")
                return cn_numeral(value)
            return _format(self.t.source, key, path, value)

        return _PLACEHOLDER.sub(sub, text)

    def holds(self, key: str, when: Sequence[str], scope: Mapping[str, Any]) -> bool:
        for cond in when:
            negate = cond.startswith("!")
            value = self.value(key, cond.removeprefix("!"), scope)
            truthy = bool(value.strip()) if isinstance(value, str) else bool(value)
            if truthy == negate:
                return False
        return True

    def scopes(
        self,
        key: str,
        when: Sequence[str],
        for_each: str | None,
        outer: Mapping[str, Any],
    ) -> Iterator[Mapping[str, Any]]:
        """One scope per repetition whose ``when`` holds (``when`` may use ``item``)."""
        if for_each is None:
            if self.holds(key, when, outer):
                yield outer
            return
        items = self.value(key, for_each, outer)
        if not isinstance(items, list | tuple):
            raise FieldError(self.t.source, key, for_each, "应为列表才能 for_each (not a list)")
        for i, item in enumerate(items, start=1):
            scope = {**outer, "item": item, "n": i, "cn": cn_numeral(i)}
            if self.holds(key, when, scope):
                yield scope

    def texts(self, items: Sequence[Text], outer: Mapping[str, Any]) -> tuple[str, ...]:
        return tuple(
            self.text(item.key, item.text, scope)
            for item in items
            for scope in self.scopes(item.key, item.when, item.for_each, outer)
        )

    def opt(self, item: Text | None) -> str | None:
        if item is None:
            return None
        filled = self.texts([item], {})
        return filled[0] if filled else None

    def date(self, key: str, name: str | None) -> dt.date | None:
        if name is None:
            return None
        value = self.value(key, name, {})
        if value is None:
            return None
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise FieldError(self.t.source, key, name, f"应为日期，实为 {value!r} (wrong type)")
        return value

    def rows(self, block: BlockTemplate, outer: Mapping[str, Any]) -> tuple[tuple[str, ...], ...]:
        return tuple(
            tuple(
                self.text(f"{row.key}.cells[{j}]", cell, scope) for j, cell in enumerate(row.cells)
            )
            for row in block.rows
            for scope in self.scopes(row.key, row.when, row.for_each, outer)
        )

    def blocks(self) -> tuple[Block, ...]:
        out: list[Block] = []
        for b in self.t.blocks:
            for scope in self.scopes(b.key, b.when, b.for_each, {}):
                key = f"{b.key}.{b.kind}"
                if b.kind == "paragraph":
                    out.append(Paragraph(self.text(key, b.text, scope), b.indent))
                elif b.kind == "heading":
                    out.append(Heading(self.text(key, b.text, scope), b.level))
                elif b.kind == "table":
                    out.append(Table(self.rows(b, scope), b.widths))
                else:
                    out.append(SignatureLines(self.texts(b.labels, scope)))
        return tuple(out)


def fill(template: Template, context: Mapping[str, Any]) -> Document:
    """The document ``template`` makes of a record's ``context``.

    A numbered template (``number_prefix``) reads the context's ``number``: the
    发文字号 once signed off, ``None`` before. Without a number the document
    is a draft: no number, and the title ends in :data:`DRAFT_MARK`
    (``效能问责决定书（草稿）``), with ``metadata["draft"] == "true"``.

    Raises :class:`FieldError` for a field the context lacks or has empty.
    """
    f = _Filler(template, context)
    number: str | None = None
    if template.numbered:
        raw = f.value("form.number_prefix", "number", {})
        if raw is not None and (not isinstance(raw, str) or not raw.strip()):
            raise FieldError(template.source, "form.number_prefix", "number", "应为文号或空值")
        number = raw
    title = f.opt(template.title)
    if title is None:
        raise FormError(template.source, "form.title", "标题的 when 条件不成立，文书没有标题")
    draft = template.numbered and number is None
    metadata = {
        "subject": title,
        "keywords": template.kind,
        "kind": template.kind,
        "draft": "true" if draft else "false",
    }
    for name in ("record_id", "profile_id"):
        if isinstance(context.get(name), str):
            metadata[name] = context[name]
    if number:
        metadata["number"] = number
    return Document(
        kind=template.kind,
        title=f"{title}{DRAFT_MARK}" if draft else title,
        blocks=f.blocks(),
        issuer_mark=f.opt(template.issuer_mark),
        number=number,
        addressee=f.opt(template.addressee),
        attachments=f.texts(template.attachments, {}),
        signature=f.opt(template.signature),
        date=f.date("form.date", template.date),
        copy_to=f.texts(template.copy_to, {}),
        printer=f.opt(template.printer),
        printed_on=f.date("form.printed_on", template.printed_on),
        confidential=f.opt(template.confidential),
        layout=template.layout,
        metadata=metadata,
    )
