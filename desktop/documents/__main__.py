"""``python -m desktop.documents``: print the office's documents to PDF files in one go.

python -m desktop.documents --data-dir DIR --all --out OUTDIR
python -m desktop.documents --data-dir DIR --kind accountability_decision --out OUTDIR
python -m desktop.documents --data-dir DIR --record 0190c3…  --out OUTDIR   # one record
python -m desktop.documents --data-dir DIR --all --out OUTDIR --one-file      # one PDF

For every record in the store at DIR (decisions, rectifications, complaints,
appeals, plans, visits) it fills every document that applies (the templates in
``forms/`` of the record's own rule profile) and writes one PDF each, named
``<kind>-<short id>.pdf`` (the last eight hex digits of the record id), printing
one line per file and a summary. ``--kind`` keeps one kind, ``--record`` one
record (its full id, or the start or the last eight digits of it).
``--one-file`` writes them all into one PDF instead, ``documents.pdf`` (each
document on new pages with its own page numbers, a bookmark per document, the
fonts embedded once): the file a batch print job sends to the printer, and
several times faster than one file each.

It is an office batch tool: it reads the data folder directly and needs no
signed-in user, like ``python -m desktop --self-test``; whoever can run it can
read the data folder anyway. It never puts a complainant's identity in a
document (the reply letter addresses "投诉人"; naming the complainant needs a
complaint handler's session in the app, and is audited), and it writes
nothing to the store. Unsigned numbered documents come out as drafts: no
number, title marked 草稿. 暗访 plans and records are marked 内部.

Exit status: 0 all written; 1 some documents could not be filled or rendered
(each is reported); 2 bad arguments, no store in DIR, or nothing matched.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from desktop.documents.model import Document
from desktop.resources import profile_ids
from desktop.store.db import DB_FILE

ONE_FILE = "documents.pdf"
"""The file ``--one-file`` writes in the output folder."""

Renderer = Callable[[Document], bytes]
BatchRenderer = Callable[[list[Document]], tuple[bytes, list[int]]]


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m desktop.documents",
        description="效能督查文书批量打印：把数据目录中每条记录适用的文书生成为 PDF",
    )
    parser.add_argument("--data-dir", type=Path, required=True, help="data folder (the store)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the PDFs to")
    parser.add_argument("--all", action="store_true", help="every document of every record")
    parser.add_argument("--kind", help="only this document kind, e.g. accountability_decision")
    parser.add_argument("--record", help="only this record (full id, its start or its short id)")
    parser.add_argument(
        "--one-file",
        action="store_true",
        help=f"all the documents in one PDF, {ONE_FILE} (for printing in one job)",
    )
    parser.add_argument(
        "--profile",
        choices=profile_ids(),
        default=None,
        help="rule profile to open the store with (documents use each record's own profile)",
    )
    args = parser.parse_args(argv)
    if not (args.all or args.kind or args.record):
        parser.error("请指定 --all、--kind 或 --record 之一")
    return args


def _match(ids: list[str], wanted: str) -> list[str]:
    key = wanted.strip().lower()
    exact = [i for i in ids if i.lower() == key]
    if exact:
        return exact
    return [
        i
        for i in ids
        if i.lower().startswith(key) or (len(key) == 8 and i.replace("-", "").endswith(key))
    ]


def _label(document: Document) -> tuple[str, str]:
    """(count key, what the output line says): its number, draft, or not numbered."""
    if document.number:
        return "numbered", document.number
    if document.metadata.get("draft") == "true":
        return "draft", "草稿，未编号"
    return "form", "不编号"


def run(
    args: argparse.Namespace,
    render: Renderer,
    render_batch: BatchRenderer,
    out: Callable[[str], None] = print,
    err: Callable[[str], None] = lambda line: print(line, file=sys.stderr),
) -> int:
    """Do the work of :func:`main` with given renderers (one file each, one for all)."""
    from desktop.bootstrap import open_context
    from desktop.documents import records
    from desktop.documents.forms import RECORD_TYPES, FormError

    data_dir: Path = args.data_dir
    if not (data_dir / DB_FILE).is_file():
        err(
            f"错误：{data_dir} 中没有效能督查数据（{DB_FILE}）。"
            f"请先运行 python -m desktop --data-dir {data_dir}（演示数据加 --demo）。"
        )
        return 2
    ctx = open_context(data_dir, args.profile)
    folder: Path = args.out
    failures = 0
    today = ctx.today()
    filled: dict[str, Document] = {}  # file name -> document
    with ctx.transaction() as db:
        targets: list[tuple[str, str]] = []
        for record_type in RECORD_TYPES:
            ids = records.record_ids(db, record_type)
            if args.record:
                ids = _match(ids, args.record)
            targets.extend((record_type, i) for i in ids)
        if args.record and not targets:
            err(f"错误：找不到记录 {args.record}")
            return 2
        if args.record and len({i for _, i in targets}) > 1:
            err(f"错误：{args.record} 对应多条记录，请写得更完整")
            return 2
        for record_type, record_id in targets:
            try:
                documents = records.build_documents(
                    db, record_type, record_id, today=today, kind=args.kind
                )
            except FormError as exc:
                err(f"失败：{record_type} {record_id}：{exc}")
                failures += 1
                continue
            for document in documents:
                name = f"{document.kind}-{records.short_id(record_id)}.pdf"
                if name in filled:  # two ids ending alike: use the whole id
                    name = f"{document.kind}-{record_id.replace('-', '')}.pdf"
                filled[name] = document
    ctx.store.close()
    if not filled and not failures:
        err("没有可生成的文书" + (f"（--kind {args.kind}）" if args.kind else ""))
        return 2
    folder.mkdir(parents=True, exist_ok=True)
    counts = {"numbered": 0, "draft": 0, "form": 0}
    written: list[Document] = []
    if args.one_file and filled:
        path = folder / ONE_FILE
        try:
            data, starts = render_batch(list(filled.values()))
        except Exception as exc:  # reported like a failed document, not a traceback
            err(f"失败：{path}：{type(exc).__name__}: {exc}")
            return 1
        path.write_bytes(data)
        for document, page in zip(filled.values(), starts, strict=True):
            key, label = _label(document)
            counts[key] += 1
            written.append(document)
            out(f"{path} 第 {page} 页起  {document.title}  {label}")
    else:
        for name, document in filled.items():
            try:
                data = render(document)
            except Exception as exc:  # one bad document must not stop the batch
                err(f"失败：{name}：{type(exc).__name__}: {exc}")
                failures += 1
                continue
            path = folder / name
            path.write_bytes(data)
            key, label = _label(document)
            counts[key] += 1
            written.append(document)
            out(f"{path}  {document.title}  {label}")
    where = f"{folder / ONE_FILE}（一个文件）" if args.one_file else str(folder)
    out(
        f"共生成 {len(written)} 份文书：已编号 {counts['numbered']} 份，草稿 {counts['draft']} 份，"
        f"不编号的表格和记录 {counts['form']} 份；保存在 {where}"
        + (f"；{failures} 份未能生成" if failures else "")
    )
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        from desktop.documents.render import batch_rendering, render_batch_pdf, render_pdf
    except ImportError as exc:
        print(f"错误：PDF 渲染模块不可用（{exc}）", file=sys.stderr)
        return 2
    with batch_rendering():
        return run(args, render_pdf, render_batch_pdf)


if __name__ == "__main__":
    sys.exit(main())
