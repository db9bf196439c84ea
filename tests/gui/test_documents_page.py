"""The 文书 page end to end: the real main window, the real services on the demo
store. The list follows the roles; a decision previews from memory (QtPdf);
a supervisor signs a draft off and the preview shows the number; printing
goes to a PDF printer, saving writes the rendered bytes as they are; batch
printing reports progress and stops when cancelled; an inspector is not
offered 签发 (and the service refuses it); a handler's reveal puts the
complainant's name in the reply letter, audited, and leaves no file with the
name in the temp or data folder (FJ 34, MAS 15)."""

from __future__ import annotations

import io
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

import desktop.ui.pages.documents as documents_page
from desktop.demo import DEMO_COMPLAINANT, DEMO_PASSWORD, Demo
from desktop.documents.model import Document, SignatureLines, Table
from desktop.documents.render import render_pdf
from desktop.resources import load_profile
from desktop.services import auth, complaints, documents
from desktop.services.auth import UserSession
from desktop.services.base import Context, Forbidden, InvalidInput
from desktop.services.documents import ACTION_SIGN_OFF, DocumentRow
from desktop.store.models import AuditEntry
from desktop.ui.main_window import MainWindow
from desktop.ui.pages.documents import BatchResult, Page
from desktop.ui.pdfview import open_pdf, pdf_printer
from desktop.ui.worker import BackgroundTask

OpenPage = Callable[[str], tuple[MainWindow, Page]]
Login = Callable[[str], UserSession]
NAME = DEMO_COMPLAINANT.name  # 林晓梅
TIMEOUT = 20_000


@pytest.fixture
def open_page(window: Callable[[str], MainWindow]) -> OpenPage:
    """The main window signed in as ``username``, on the documents page."""

    def make(username: str) -> tuple[MainWindow, Page]:
        QSettings().setValue("main/page", "documents")
        main = window(username)
        page = main.show_page("documents")
        assert isinstance(page, Page)
        return main, page

    return make


def focus(qtbot: QtBot, page: Page, kind: str, record_id: str) -> None:
    """Focus a document and wait for its preview."""
    with qtbot.waitSignal(page.preview_finished, timeout=TIMEOUT):
        page.focus_record(kind, record_id)
    assert page.shown is not None, page.message.text()


def text_of(doc: Document) -> str:
    """Every piece of text a document prints."""
    parts = [doc.title, doc.issuer_mark or "", doc.number or "", doc.addressee or ""]
    for block in doc.blocks:
        if isinstance(block, Table):
            parts.extend(cell for row in block.rows for cell in row)
        elif isinstance(block, SignatureLines):
            parts.extend(block.labels)
        else:
            parts.append(block.text)
    parts.extend([*doc.attachments, doc.signature or "", *doc.copy_to, doc.printer or ""])
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def column(page: Page, index: int) -> list[str]:
    model = page.model
    return [model.data(model.index(r, index)) for r in range(model.rowCount())]


def audit_actions(ctx: Context, record_id: str) -> list[str]:
    with ctx.transaction() as db:
        return list(
            db.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.entity_id == record_id)
                .order_by(AuditEntry.seq)
            )
        )


def files_containing(folder: Path, needle: str) -> list[Path]:
    """Files under ``folder`` whose bytes contain ``needle`` in UTF-8."""
    pattern = needle.encode("utf-8")
    return [p for p in folder.rglob("*") if p.is_file() and pattern in p.read_bytes()]


# --------------------------------------------------------------------------
# The list


def test_the_list_shows_the_demo_documents_the_role_may_see(open_page: OpenPage) -> None:
    _, page = open_page("linzq")
    kinds = set(column(page, 0))
    assert {"效能问责决定书", "申诉处理决定书", "投诉答复函", "督查方案审批表", "暗访记录"} <= kinds
    labels = column(page, 1)
    assert "王芳（福州市市场监督管理局）" in labels
    assert "2026-10-26 福州市市场监督管理局" in labels  # a complaint: its date and agency
    assert "重点项目落地服务保障重点督查" in labels  # a plan: its title
    states = column(page, 2)
    assert "已编号 闽效问〔2026〕1号" in states and "草稿（未编号）" in states
    assert "不编号" in states
    assert page.list_note.text() == f"共 {page.model.rowCount()} 份文书。"

    # The kind filter and the search go back to the service.
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("complaint_reply"))
    assert column(page, 0) == ["投诉答复函", "投诉答复函"]
    page.kind_filter.setCurrentIndex(0)
    page.search.setText("闽效问〔2026〕2号")
    page.reload()
    assert column(page, 1) == ["张伟（鼓楼区行政服务中心）"]
    page.search.setText("没有这份文书")
    page.reload()
    assert page.model.rowCount() == 0 and page.list_note.text() == "没有符合条件的文书。"


def test_roles_decide_what_is_listed(open_page: OpenPage, ctx: Context, login: Login) -> None:
    with pytest.raises(InvalidInput) as refused:
        documents.list_documents(ctx, login("linzq"), kind="no_such_form")
    assert refused.value.field == "kind"
    _, inspector = open_page("wangjg")
    kinds = set(column(inspector, 0))
    assert "投诉答复函" not in kinds and "申诉处理决定书" not in kinds  # not theirs to see
    assert "孙丽（福州市住房和城乡建设局）" not in column(inspector, 1)  # a draft decision
    assert inspector.kind_filter.findData("complaint_reply") < 0
    _, handler = open_page("zhengl")
    kinds = set(column(handler, 0))
    assert "投诉答复函" in kinds and "整改通知书" not in kinds
    assert "暗访记录" not in kinds  # the 暗访 plan is confidential to its team and approvers
    assert all(NAME not in label for label in column(handler, 1))


# --------------------------------------------------------------------------
# Preview and sign-off


def test_a_decision_previews_from_memory(qtbot: QtBot, open_page: OpenPage, demo: Demo) -> None:
    _, page = open_page("huangh")
    focus(qtbot, page, "accountability_decision", demo.decisions["wangfang"])
    preview = page.preview_widget
    assert preview.status() == QPdfDocument.Status.Ready
    assert preview.page_count() >= 1
    assert page.title_label.text() == "效能问责决定书"
    assert "闽效问〔2026〕1号" in page.number_label.text()
    selected = page.model.row_at(page.table.currentIndex().row())
    assert (selected.kind, selected.record_id) == (
        "accountability_decision",
        demo.decisions["wangfang"],
    )
    assert page.print_button.isEnabled() and page.save_button.isEnabled()
    assert not page.sign_button.isVisible()  # numbered when the decision was signed
    assert page.shown is not None and "闽效问〔2026〕1号" in pdf_text(page.shown.data)


def test_a_draft_decision_is_signed_on_the_decisions_page(
    qtbot: QtBot, open_page: OpenPage, demo: Demo
) -> None:
    _, page = open_page("huangh")
    focus(qtbot, page, "accountability_decision", demo.decisions["draft"])
    assert page.shown is not None and page.shown.document.title == "效能问责决定书（草稿）"
    assert not page.sign_button.isVisible()
    assert "问责与申诉" in page.note.text() and page.note.isVisible()


def test_sign_off_gives_the_number_and_the_preview_shows_it(
    qtbot: QtBot,
    open_page: OpenPage,
    demo: Demo,
    ctx: Context,
    login: Login,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, page = open_page("linzq")
    referral = demo.complaints["referral"]
    focus(qtbot, page, "complaint_reply", referral)
    assert page.shown is not None and page.shown.document.title == "投诉答复函（草稿）"
    assert page.sign_button.isVisible() and page.sign_button.isEnabled()
    asked: list[str] = []

    def agree(_title: str, text: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(page, "confirm", agree)
    with qtbot.waitSignal(page.preview_finished, timeout=TIMEOUT):
        qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
    assert asked and "投诉答复函" in asked[0]
    number = documents.find_document(ctx, login("linzq"), "complaint_reply", referral).number
    assert number is not None and number.startswith("闽效复〔2026〕")
    shown = page.shown
    assert shown is not None and shown.document.number == number
    assert shown.document.title == "投诉答复函"
    assert page.title_label.text() == "投诉答复函" and number in page.number_label.text()
    text = pdf_text(shown.data)
    assert number in text and "草稿" not in text
    assert f"已编号 {number}" in column(page, 2)
    assert not page.sign_button.isVisible()  # signed off: nothing left to sign
    assert number in page.message.text()


def test_an_inspector_is_not_offered_sign_off_and_the_service_refuses(
    qtbot: QtBot, open_page: OpenPage, demo: Demo, ctx: Context, login: Login
) -> None:
    _, page = open_page("wangjg")
    assert all(ACTION_SIGN_OFF not in row.actions for row in page.model.rows)
    focus(qtbot, page, "accountability_decision", demo.decisions["zhangwei"])
    assert not page.sign_button.isVisible()
    assert page.print_button.isVisible() and not page.reveal_check.isVisible()
    with pytest.raises(Forbidden):
        documents.sign_off_document(
            ctx, login("wangjg"), "complaint_reply", demo.complaints["referral"]
        )
    # The appeal decision is the office head's to sign off, not a supervisor's.
    _, supervisor = open_page("linzq")
    appeal = next(r for r in supervisor.model.rows if r.kind == "appeal_decision")
    assert ACTION_SIGN_OFF not in appeal.actions


# --------------------------------------------------------------------------
# Printing and saving


def test_print_to_a_pdf_printer(
    qtbot: QtBot, open_page: OpenPage, demo: Demo, tmp_path: Path
) -> None:
    _, page = open_page("linzq")
    focus(qtbot, page, "accountability_decision", demo.decisions["wangfang"])
    shown = page.shown
    assert shown is not None
    out = tmp_path / "printed.pdf"
    with qtbot.waitSignal(page.print_finished, timeout=TIMEOUT) as done:
        page.print_document(pdf_printer(out))
    assert (
        done.args[0]
        == f"已送打印：{shown.document.title}，共 {page.preview_widget.page_count()} 页。"
    )
    reader = pypdf.PdfReader(out)
    # The pages are printed as rendered (images), so the job's title is the
    # text the printed file carries.
    assert reader.metadata is not None and reader.metadata.title == shown.document.title
    assert len(reader.pages) == page.preview_widget.page_count()
    # What was printed is the document: the red issuer mark on a white page.
    printed, buffer = open_pdf(out.read_bytes())
    image = printed.render(0, QSize(420, 594))
    colours = {image.pixelColor(x, y).name() for x in range(0, 420, 3) for y in range(0, 200, 3)}
    assert "#ffffff" in colours
    assert any(QColor(c).red() > 200 and QColor(c).green() < 80 for c in colours)
    printed.close()
    buffer.close()


def test_printing_warns_about_characters_the_fonts_lack(
    qtbot: QtBot,
    open_page: OpenPage,
    demo: Demo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(documents_page, "unsupported_characters", lambda _doc: "堃喆")
    _, page = open_page("linzq")
    focus(qtbot, page, "accountability_decision", demo.decisions["wangfang"])
    assert page.chars_warning.isVisible() and "堃喆" in page.chars_warning.text()
    asked: list[str] = []

    def refuse(_title: str, text: str) -> bool:
        asked.append(text)
        return False

    monkeypatch.setattr(page, "confirm", refuse)
    out = tmp_path / "not-printed.pdf"
    page.print_document(pdf_printer(out))
    assert asked and "堃喆" in asked[0] and "方框" in asked[0]
    assert not out.exists()


def test_save_as_pdf_writes_the_rendered_bytes(
    qtbot: QtBot,
    open_page: OpenPage,
    demo: Demo,
    ctx: Context,
    login: Login,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, page = open_page("linzq")
    decision = demo.decisions["wangfang"]
    focus(qtbot, page, "accountability_decision", decision)
    offered: list[str] = []

    def get_save_file_name(*args: object) -> tuple[str, str]:
        offered.append(str(args[2]))
        return str(tmp_path / "决定书"), "PDF 文件 (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save_file_name)
    page.save_pdf()
    saved = tmp_path / "决定书.pdf"
    expected = render_pdf(
        documents.build_document(ctx, login("linzq"), "accountability_decision", decision)
    )
    assert saved.read_bytes() == expected
    assert offered and offered[0].endswith(".pdf") and "效能问责决定书" in offered[0]
    assert str(saved) in page.message.text()


# --------------------------------------------------------------------------
# Batch printing


def first_rows(page: Page, count: int) -> list[DocumentRow]:
    rows = list(page.model.rows[:count])
    assert len(rows) == count
    return rows


def test_batch_print_reports_progress(qtbot: QtBot, open_page: OpenPage, tmp_path: Path) -> None:
    _, page = open_page("linzq")
    rows = first_rows(page, 3)
    folder = tmp_path / "batch"
    folder.mkdir()

    def factory(n: int, _row: DocumentRow) -> QPrinter:
        return pdf_printer(folder / f"{n + 1}.pdf")

    with qtbot.waitSignal(page.batch_finished, timeout=60_000) as finished:
        page.batch_print(rows, factory)
    result = finished.args[0]
    assert isinstance(result, BatchResult)
    assert (result.printed, result.total, result.cancelled) == (3, 3, False)
    assert sorted(p.name for p in folder.iterdir()) == ["1.pdf", "2.pdf", "3.pdf"]
    for n, row in enumerate(rows, start=1):
        title = pypdf.PdfReader(folder / f"{n}.pdf").metadata
        assert title is not None and title.title is not None
        assert title.title.startswith(row.kind_title)
    qtbot.waitUntil(lambda: (3, 3) in [(d, t) for d, t, _ in page.batch_progress])
    done = [d for d, _, _ in page.batch_progress]
    assert done == sorted(done) and done[0] == 0
    assert any(rows[1].kind_title in text and "2 / 3" in text for _, _, text in page.batch_progress)
    assert "已打印 3 份，共 3 份" in page.message.text()
    assert page.batch_button.isEnabled()


def test_cancelling_a_batch_stops_after_the_current_document(
    qtbot: QtBot, open_page: OpenPage, tmp_path: Path
) -> None:
    _, page = open_page("linzq")
    rows = first_rows(page, 3)
    folder = tmp_path / "batch"
    folder.mkdir()
    cancelled = threading.Event()

    def factory(n: int, _row: DocumentRow) -> QPrinter:
        if n > 0:  # the second document waits until the user has cancelled
            cancelled.wait(10)
        return pdf_printer(folder / f"{n + 1}.pdf")

    def on_progress(done: int, _total: int, _text: str) -> None:
        if done == 1 and page.batch_task is not None:  # the first is printed: 取消
            page.batch_task.progress.cancel()
            cancelled.set()

    page.batch_progressed.connect(on_progress)
    with qtbot.waitSignal(page.batch_finished, timeout=60_000) as finished:
        page.batch_print(rows, factory)
    result = finished.args[0]
    assert (result.printed, result.total, result.cancelled) == (1, 3, True)
    assert [p.name for p in folder.iterdir()] == ["1.pdf"]
    assert "已打印 1 份，共 3 份" in page.message.text()
    assert "已取消，其余 2 份未打印" in page.message.text()


def test_a_batch_to_a_printer_is_one_job_of_every_document(
    qtbot: QtBot, open_page: OpenPage, ctx: Context, tmp_path: Path
) -> None:
    """To a printer (not files) a batch is ONE job: the documents rendered into one
    PDF (render_batch_pdf), every page of each, in order; cancelling stops it after
    the document being printed."""
    _, page = open_page("linzq")
    rows = first_rows(page, 3)
    folder = tmp_path / "job"
    folder.mkdir()
    job = folder / "job.pdf"
    with qtbot.waitSignal(page.batch_finished, timeout=60_000) as finished:
        page.batch_print(rows, lambda _n, _row: pdf_printer(job), one_job=True)
    assert (finished.args[0].printed, finished.args[0].total) == (3, 3)
    assert [p.name for p in folder.iterdir()] == ["job.pdf"]
    session = auth.sign_in(ctx, "linzq", DEMO_PASSWORD)
    docs = [documents.build_document(ctx, session, r.kind, r.record_id) for r in rows]
    pages = [len(pypdf.PdfReader(io.BytesIO(render_pdf(doc))).pages) for doc in docs]
    assert len(pypdf.PdfReader(job).pages) == sum(pages)
    qtbot.waitUntil(lambda: (3, 3) in [(d, t) for d, t, _ in page.batch_progress])
    assert "已打印 3 份，共 3 份" in page.message.text()

    tasks: list[BackgroundTask] = []
    started = threading.Event()

    def cancelling(_n: int, _row: DocumentRow) -> QPrinter:  # 取消 as the job starts
        started.wait(10)
        tasks[0].progress.cancel()
        return pdf_printer(job)

    job.unlink()
    with qtbot.waitSignal(page.batch_finished, timeout=60_000) as finished:
        tasks.append(page.batch_print(rows, cancelling, one_job=True))
        started.set()
    assert (finished.args[0].printed, finished.args[0].cancelled) == (1, True)
    assert len(pypdf.PdfReader(job).pages) == pages[0]
    assert "已取消，其余 2 份未打印" in page.message.text()


# --------------------------------------------------------------------------
# The complainant's name (FJ 34, MAS 15)


def test_a_handler_reveals_the_name_in_the_reply_audited_and_never_on_disk(
    qtbot: QtBot,
    open_page: OpenPage,
    demo: Demo,
    ctx: Context,
    login: Login,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))  # Qt's temp folder
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    complaint = demo.complaints["lin_hotline"]
    complaints.close_complaint(
        ctx,
        login("zhengl"),
        complaint,
        result="founded",
        explanation="",
        reply_channel="hotline_12345",
        reply="经核实，窗口未一次性告知，已责令改正。",
        follow_up=["rectification"],
    )
    main, page = open_page("zhengl")
    focus(qtbot, page, "complaint_reply", complaint)
    shown = page.shown
    assert shown is not None and not shown.revealed
    assert page.reveal_check.isVisible() and not page.reveal_check.isChecked()
    assert NAME not in text_of(shown.document) and NAME not in pdf_text(shown.data)
    assert shown.document.addressee == "投诉人"
    before = audit_actions(ctx, complaint)

    monkeypatch.setattr(page, "confirm", lambda title, text: True)
    with qtbot.waitSignal(page.preview_finished, timeout=TIMEOUT):
        page.reveal_check.click()
    shown = page.shown
    assert shown is not None and shown.revealed and page.reveal_check.isChecked()
    assert shown.document.addressee == NAME
    assert NAME in text_of(shown.document) and NAME in pdf_text(shown.data)
    assert page.preview_widget.status() == QPdfDocument.Status.Ready
    assert audit_actions(ctx, complaint) == [*before, "complaint.reveal_identity"]

    # Saving the named letter asks first; "no" writes nothing.
    asked: list[str] = []

    def refuse(title: str, _text: str) -> bool:
        asked.append(title)
        return False

    monkeypatch.setattr(page, "confirm", refuse)

    def no_dialog(*_args: object) -> tuple[str, str]:
        raise AssertionError("the save dialog must not open without confirmation")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", no_dialog)
    page.save_pdf()
    assert asked == ["文件将包含投诉人身份"]

    # Nothing with the name in the temp folder or the data folder.
    assert files_containing(temp, NAME) == []
    assert files_containing(ctx.store.data_dir, NAME) == []
    control = tmp_path / "control"
    control.mkdir()
    (control / "x.txt").write_text(f"致{NAME}", encoding="utf-8")
    assert files_containing(control, NAME) == [control / "x.txt"]  # the scan does find it

    # Leaving the page drops the name; coming back shows the plain letter.
    main.show_page("decisions")
    assert page.shown is None and not page.reveal_check.isChecked()
    with qtbot.waitSignal(page.preview_finished, timeout=TIMEOUT):
        main.show_page("documents")
    assert page.shown is not None and not page.shown.revealed
    assert NAME not in text_of(page.shown.document)


def test_batch_printing_never_reveals(
    qtbot: QtBot, open_page: OpenPage, demo: Demo, ctx: Context, tmp_path: Path
) -> None:
    _, page = open_page("zhengl")
    replies = [r for r in page.model.rows if r.kind == "complaint_reply"]
    assert replies
    before = {r.record_id: audit_actions(ctx, r.record_id) for r in replies}
    with qtbot.waitSignal(page.batch_finished, timeout=60_000) as finished:
        page.batch_print(replies, lambda n, _row: pdf_printer(tmp_path / f"{n}.pdf"))
    assert finished.args[0].printed == len(replies)
    assert {r.record_id: audit_actions(ctx, r.record_id) for r in replies} == before
    for row in replies:
        doc = documents.build_document(
            ctx, auth.sign_in(ctx, "zhengl", DEMO_PASSWORD), row.kind, row.record_id
        )
        assert doc.addressee == "投诉人"


# --------------------------------------------------------------------------
# From the decisions page


def test_focus_record_maps_a_maanshan_decision_to_its_own_form(
    qtbot: QtBot, ctx: Context, demo: Demo
) -> None:
    mas = Context(ctx.store, ctx.device_id, load_profile("maanshan-2005"), clock=ctx.clock)
    QSettings().setValue("main/page", "documents")
    main = MainWindow(mas, auth.sign_in(mas, "huangh", DEMO_PASSWORD))
    qtbot.addWidget(main)
    main.show()
    page = main.show_page("documents")
    assert isinstance(page, Page)
    focus(qtbot, page, "accountability_decision", demo.decisions["zhoujie"])  # 效能告诫
    assert page.shown is not None
    assert page.shown.row.kind == "efficiency_warning_decision"
    assert page.shown.document.title == "效能告诫决定书"
    assert page.title_label.text() == "效能告诫决定书"
    selected = page.model.row_at(page.table.currentIndex().row())
    assert selected.record_id == demo.decisions["zhoujie"]


def test_focus_record_clears_a_filter_that_hides_the_document(
    qtbot: QtBot, open_page: OpenPage, demo: Demo
) -> None:
    _, page = open_page("linzq")
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("plan_approval"))
    focus(qtbot, page, "accountability_decision", demo.decisions["gd_street"])
    assert page.kind_filter.currentIndex() == 0
    assert page.model.row_at(page.table.currentIndex().row()).label == "鼓东街道办事处"


def test_a_page_range_chosen_in_the_print_dialog_is_kept(
    qtbot: QtBot, open_page: OpenPage, demo: Demo, tmp_path: Path
) -> None:
    _, page = open_page("linzq")
    focus(qtbot, page, "accountability_decision", demo.decisions["wangfang"])
    assert page.preview_widget.page_count() >= 2
    out = tmp_path / "page-2.pdf"
    printer = pdf_printer(out)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)
    with qtbot.waitSignal(page.print_finished, timeout=TIMEOUT) as done:
        page.print_document(printer)
    assert "共 1 页" in done.args[0]
    assert len(pypdf.PdfReader(out).pages) == 1
