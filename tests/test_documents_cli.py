"""``python -m desktop.documents`` on a demo data folder: one PDF per document,
the numbers in the PDFs, no complainant's name anywhere, and a clear refusal
of a folder without a store."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from argon2 import PasswordHasher

from desktop.demo import build_demo
from desktop.documents import records
from desktop.documents.forms import RECORD_TYPES
from desktop.documents.model import Document
from desktop.resources import load_profile
from desktop.services import auth
from desktop.services.base import Context
from desktop.store.db import open_store

ROOT = Path(__file__).resolve().parent.parent
COMPLAINANTS = ("林晓梅", "陈志明", "黄丽华", "刘建平", "赵海燕")
PDFTOTEXT = shutil.which("pdftotext")
# The demo set is made on 2026-11-26; drafts are filled as of that day.
TODAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("demo-data")
    saved = auth._hasher
    auth._hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    try:
        store = open_store(folder)
        build_demo(
            Context(store, "0190a000-0000-7000-8000-0000000000cc", load_profile("fujian-2024"))
        )
        store.close()
    finally:
        auth._hasher = saved
    yield folder


def expected(folder: Path) -> dict[str, Document]:
    """File name → document, as the CLI should write them."""
    store = open_store(folder)
    out: dict[str, Document] = {}
    try:
        with store.sessions.begin() as db:
            for record_type in RECORD_TYPES:
                for record_id in records.record_ids(db, record_type):
                    for doc in records.build_documents(db, record_type, record_id, today=TODAY):
                        out[f"{doc.kind}-{records.short_id(record_id)}.pdf"] = doc
    finally:
        store.close()
    return out


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop.documents", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def pdf_text(path: Path) -> str:
    assert PDFTOTEXT is not None
    return subprocess.run(
        [PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_all_writes_one_pdf_per_document(demo_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli("--data-dir", str(demo_dir), "--all", "--out", str(out))
    assert result.returncode == 0, result.stderr
    want = expected(demo_dir)
    assert sorted(p.name for p in out.glob("*.pdf")) == sorted(want)
    lines = result.stdout.strip().splitlines()
    assert len(lines) == len(want) + 1 and lines[-1].startswith(f"共生成 {len(want)} 份文书")
    for path in out.glob("*.pdf"):
        assert path.read_bytes().startswith(b"%PDF")
    kinds = {doc.kind for doc in want.values()}
    assert {
        "accountability_decision",
        "efficiency_warning_decision",
        "supervision_suggestion",
        "rectification_notice",
        "complaint_transfer",
        "complaint_supervision",
        "complaint_reply",
        "appeal_decision",
        "plan_approval",
        "inspection_record",
        "unannounced_visit_record",
    } <= kinds
    numbered = {name: doc for name, doc in want.items() if doc.number}
    assert numbered, "the demo signs decisions, which numbers them"
    for name, doc in numbered.items():
        assert f"{name}  {doc.title}  {doc.number}" in result.stdout
    if PDFTOTEXT is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: PDF contents not checked")
    for name, doc in numbered.items():
        text = pdf_text(out / name)
        assert doc.number is not None and doc.number in text, name
    texts = {path.name: pdf_text(path) for path in out.glob("*.pdf")}
    for name, text in texts.items():
        for complainant in COMPLAINANTS:
            assert complainant not in text, (name, complainant)
    decision = next(n for n, d in numbered.items() if d.kind == "accountability_decision")
    assert "效能问责决定书" in texts[decision] and "申诉期间不停止" in texts[decision]
    drafts = [n for n, d in want.items() if d.metadata["draft"] == "true"]
    assert drafts and all("草稿" in texts[n] for n in drafts)
    secret = next(n for n, d in want.items() if d.kind == "unannounced_visit_record")
    assert "内部" in texts[secret]


def test_one_file_holds_every_document_in_order(demo_dir: Path, tmp_path: Path) -> None:
    """--one-file: one PDF for a batch print job, a bookmark and "— 1 —" per document."""
    out = tmp_path / "one"
    result = cli("--data-dir", str(demo_dir), "--all", "--out", str(out), "--one-file")
    assert result.returncode == 0, result.stderr
    assert [p.name for p in out.iterdir()] == ["documents.pdf"]
    want = list(expected(demo_dir).values())
    lines = result.stdout.strip().splitlines()
    assert len(lines) == len(want) + 1 and lines[-1].startswith(f"共生成 {len(want)} 份文书")
    starts = [int(re.search(r" 第 (\d+) 页起 ", line)[1]) for line in lines[:-1]]  # type: ignore[index]
    assert starts[0] == 1 and starts == sorted(set(starts))
    reader = pypdf.PdfReader(out / "documents.pdf")
    assert [item.title for item in reader.outline] == [doc.title for doc in want]  # type: ignore[union-attr]
    pages = [*starts, len(reader.pages) + 1]
    for n, doc in enumerate(want):  # each document numbers its own pages from 1
        first, last = pages[n] - 1, pages[n + 1] - 2
        text = reader.pages[last].extract_text()
        count = last - first + 1
        if doc.layout != "letter" or count > 1:  # 信函格式: no number on page 1
            assert f"— {count} —" in text, (doc.title, count)
        for field in (doc.number, doc.title if count == 1 else None):
            assert field is None or field.replace(" ", "") in "".join(
                reader.pages[first].extract_text().split()
            ), (doc.title, field)
    if PDFTOTEXT is not None:
        text = pdf_text(out / "documents.pdf")
        for complainant in COMPLAINANTS:
            assert complainant not in text


def test_kind_and_record_select(demo_dir: Path, tmp_path: Path) -> None:
    want = expected(demo_dir)
    out = tmp_path / "kind"
    result = cli("--data-dir", str(demo_dir), "--kind", "plan_approval", "--out", str(out))
    assert result.returncode == 0, result.stderr
    plans = sorted(n for n, d in want.items() if d.kind == "plan_approval")
    assert sorted(p.name for p in out.glob("*.pdf")) == plans
    name = next(n for n, d in want.items() if d.kind == "efficiency_warning_decision")
    short = name.removesuffix(".pdf").rsplit("-", 1)[1]
    out = tmp_path / "record"
    result = cli("--data-dir", str(demo_dir), "--record", short, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert [p.name for p in out.glob("*.pdf")] == [name]
    result = cli("--data-dir", str(demo_dir), "--record", "ffffffff", "--out", str(out))
    assert result.returncode == 2 and "找不到记录" in result.stderr


def test_a_folder_without_a_store_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("--data-dir", str(empty), "--all", "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "没有效能督查数据" in result.stderr and "xiaoneng.db" in result.stderr
    assert not (empty / "xiaoneng.db").exists() and not (tmp_path / "out").exists()
    result = cli("--data-dir", str(empty), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "--all" in result.stderr
