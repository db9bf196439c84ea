"""文书: the official documents the records give, previewed, signed off,
printed and saved (FJ 38, MAS 15: the standard document formats).

The list (``documents.list_documents``) shows every document the active
profile's records give that the user may see — the kind, the record it is
for, whether it is a draft or has its number (发文字号) — filtered by kind
and searchable. The selected one is filled and rendered in the background
and previewed from memory (:mod:`desktop.ui.pdfview`). Supervisors and the
office head sign off a numbered draft (签发编号); anyone who sees a document
may print it (the system print dialog), save it as PDF, or print many in one
go (批量打印, cancellable). A complaint handler may put the complainant's
name in a reply letter (显示投诉人姓名): the reveal is audited, the letter is
only previewed or printed, saving it asks first, and leaving the page or
locking drops it; batch printing never reveals (FJ 34, MAS 15).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.documents.forms import FormError
from desktop.documents.model import Document
from desktop.documents.records import short_id
from desktop.documents.render import (
    batch_rendering,
    render_batch_pdf,
    render_pdf,
    unsupported_characters,
)
from desktop.services import documents
from desktop.services.auth import UserSession
from desktop.services.base import Context, ServiceError
from desktop.services.documents import ACTION_REVEAL, ACTION_SIGN_OFF, DocumentRow
from desktop.ui.i18n import QT_TRANSLATE_NOOP, tr_data, tr_message
from desktop.ui.listmodel import PAGE, Column, PagedModel, debounced_search
from desktop.ui.pdfview import PdfPreview, PrintError, pdf_printer, print_pdf
from desktop.ui.worker import BackgroundTask, Progress, error_text, run_in_background

OK_STYLE = "color: #1b5e20;"
ERROR_STYLE = "color: #b00020;"
WARN_STYLE = "color: #b35900;"
MUTED = "#666666"
DRAFT = "#b35900"
FIND_PAGES = 10  # pages of the list searched for a record to focus

#: A function giving the printer for the ``n``-th document of a batch.
PrinterFactory = Callable[[int, DocumentRow], QPrinter]

STATE_NUMBERED = QT_TRANSLATE_NOOP("Page", "已编号 {number}")
STATE_DRAFT = QT_TRANSLATE_NOOP("Page", "草稿（未编号）")
STATE_FORM = QT_TRANSLATE_NOOP("Page", "不编号")


def tr(text: str) -> str:
    return QCoreApplication.translate("Page", text)


def state_text(row: DocumentRow) -> str:
    """草稿 / 已编号 with the number / 不编号 (forms and records)."""
    if row.number:
        return tr(STATE_NUMBERED).format(number=row.number)
    return tr(STATE_DRAFT) if row.numbered else tr(STATE_FORM)


def state_colour(row: DocumentRow) -> str | None:
    if row.draft:
        return DRAFT
    return None if row.numbered else MUTED


def row_key(row: DocumentRow) -> tuple[str, str]:
    return row.kind, row.record_id


@dataclass(frozen=True)
class Shown:
    """The document on show: its row, the filled document and its PDF (in memory)."""

    row: DocumentRow
    document: Document
    data: bytes
    revealed: bool
    unsupported: str


class _Stopped(Exception):
    """A one-job batch print was cancelled: stop after the document being printed."""


def _names(row: DocumentRow) -> dict[str, str]:
    """The step text's fields of a row."""
    return {"title": tr_data(row.kind_title), "label": tr_message(row.label)}


@dataclass(frozen=True)
class BatchResult:
    """What a batch print did."""

    printed: int
    total: int
    cancelled: bool
    failures: tuple[str, ...] = ()
    unsupported: tuple[str, ...] = ()


def default_printer_factory(printer: QPrinter) -> PrinterFactory:
    """Every document of a batch to ``printer``; when it prints to a PDF file,
    one file per document beside it (name-1.pdf, name-2.pdf…)."""
    name = printer.outputFileName()
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and name:
        base = Path(name)
        suffix = base.suffix or ".pdf"
        return lambda n, _row: pdf_printer(base.with_name(f"{base.stem}-{n + 1}{suffix}"))
    return lambda _n, _row: printer


class Page(QWidget):
    """文书: list, preview, sign-off, printing and saving."""

    #: A preview finished (shown, or failed): tests and the screenshot script wait on it.
    preview_finished = Signal()
    #: A print of the document on show finished; the message shown.
    print_finished = Signal(str)
    #: A batch print's progress (done, total, text), as its progress bar shows it.
    batch_progressed = Signal(int, int, str)
    #: A batch print finished: its :class:`BatchResult`.
    batch_finished = Signal(object)

    def __init__(self, ctx: Context, session: UserSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.current_row: DocumentRow | None = None
        self.shown: Shown | None = None
        self.generation = 0
        self.loading = False
        self.running = 0  # background jobs of this page still running
        self.batch_task: BackgroundTask | None = None
        self.batch_progress: list[tuple[int, int, str]] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        bar = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("搜索文书名称、对应记录或文号（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self.kind_filter = QComboBox(self)
        self.kind_filter.setObjectName("kind_filter")
        self.kind_filter.addItem(self.tr("全部文书"), None)
        for kind, title in documents.document_kinds(ctx, session):
            self.kind_filter.addItem(tr_data(title), kind)
        self.batch_button = QPushButton(self.tr("批量打印…"), self)
        self.batch_button.setObjectName("batch_print")
        self.batch_button.setToolTip(
            self.tr("打印列表中选中的文书（未多选时打印列表中的全部文书）（Ctrl+Shift+P）")
        )
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        self.refresh_button.setObjectName("refresh")
        self.refresh_button.setToolTip(self.tr("F5"))
        bar.addWidget(self.search, 2)
        bar.addWidget(self.kind_filter, 1)
        bar.addStretch(1)
        bar.addWidget(self.batch_button)
        bar.addWidget(self.refresh_button)
        layout.addLayout(bar)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("documents_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.build_list())
        self.splitter.addWidget(self.build_preview())
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([540, 560])
        layout.addWidget(self.splitter, 1)

        self.search_timer = debounced_search(self.search, self.reload)
        self.kind_filter.currentIndexChanged.connect(self.reload)
        self.refresh_button.clicked.connect(self.refresh)
        self.batch_button.clicked.connect(self.start_batch)
        self.table.selectionModel().currentRowChanged.connect(self.row_changed)
        self.table.selectionModel().selectionChanged.connect(self.update_batch_button)
        self.sign_button.clicked.connect(self.sign_off)
        self.print_button.clicked.connect(lambda: self.print_document())
        self.save_button.clicked.connect(self.save_pdf)
        self.reveal_check.toggled.connect(self.reveal_toggled)
        self.batch_progressed.connect(self.record_batch_progress)
        for keys, slot in (
            ("Ctrl+F", self.focus_search),
            ("F5", self.refresh),
            (QKeySequence.StandardKey.Print, self.print_document),
            (QKeySequence.StandardKey.SaveAs, self.save_pdf),
            ("Ctrl+Shift+P", self.start_batch),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        QWidget.setTabOrder(self.search, self.kind_filter)
        QWidget.setTabOrder(self.kind_filter, self.table)
        QWidget.setTabOrder(self.table, self.sign_button)
        QWidget.setTabOrder(self.sign_button, self.print_button)
        QWidget.setTabOrder(self.print_button, self.save_button)
        QWidget.setTabOrder(self.save_button, self.reveal_check)
        QWidget.setTabOrder(self.reveal_check, self.preview_widget.view)
        self.show_row(None)

    # ------------------------------------------------------------ building

    def build_list(self) -> QWidget:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        columns: list[Column[DocumentRow]] = [
            Column(self.tr("文书"), lambda r: tr_data(r.kind_title)),
            Column(self.tr("对应记录"), lambda r: r.label),
            Column(self.tr("状态"), state_text, state_colour),
        ]
        self.model: PagedModel[DocumentRow] = PagedModel(columns, self.fetch)
        self.table = QTableView(box)
        self.table.setObjectName("document_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # the documents' names as wide as the longest in the UI's language, within
        # reason: the record beside them needs the room more
        names = (self.kind_filter.itemText(i) for i in range(1, self.kind_filter.count()))
        widest = max(map(self.table.fontMetrics().horizontalAdvance, names), default=0)
        for index, width in ((0, min(max(112, widest + 16), 190)), (2, 190)):
            self.table.setColumnWidth(index, width)
        column.addWidget(self.table, 1)
        self.list_note = QLabel(box)
        self.list_note.setObjectName("list_note")
        self.list_note.setWordWrap(True)
        self.list_note.setStyleSheet(f"color: {MUTED};")
        column.addWidget(self.list_note)
        return box

    def build_preview(self) -> QWidget:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(6, 0, 0, 0)
        column.setSpacing(4)
        self.title_label = QLabel(box)
        self.title_label.setObjectName("document_title")
        self.title_label.setWordWrap(True)
        self.title_label.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.title_label)
        self.number_label = QLabel(box)
        self.number_label.setObjectName("document_number")
        self.number_label.setWordWrap(True)
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.number_label)

        actions = QHBoxLayout()
        self.sign_button = QPushButton(self.tr("签发编号…"), box)
        self.sign_button.setObjectName("sign_off")
        self.sign_button.setToolTip(self.tr("签发后编发文字号，文号不能收回"))
        self.print_button = QPushButton(self.tr("打印…"), box)
        self.print_button.setObjectName("print_document")
        self.print_button.setToolTip(self.tr("Ctrl+P"))
        self.save_button = QPushButton(self.tr("另存为 PDF…"), box)
        self.save_button.setObjectName("save_pdf")
        self.save_button.setToolTip(self.tr("Ctrl+Shift+S"))
        self.reveal_check = QCheckBox(self.tr("显示投诉人姓名"), box)
        self.reveal_check.setObjectName("reveal_identity")
        self.reveal_check.setToolTip(
            self.tr("答复函写明投诉人姓名，仅供预览和打印；每次查看均记入处理记录")
        )
        actions.addWidget(self.sign_button)
        actions.addWidget(self.print_button)
        actions.addWidget(self.save_button)
        actions.addSpacing(12)
        actions.addWidget(self.reveal_check)
        actions.addStretch(1)
        column.addLayout(actions)

        self.note = QLabel(box)
        self.note.setObjectName("document_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {MUTED};")
        column.addWidget(self.note)
        self.chars_warning = QLabel(box)
        self.chars_warning.setObjectName("unsupported_characters")
        self.chars_warning.setWordWrap(True)
        self.chars_warning.setStyleSheet(WARN_STYLE)
        column.addWidget(self.chars_warning)
        self.message = QLabel(box)
        self.message.setObjectName("document_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.message)

        self.preview_widget = PdfPreview(box)
        self.preview_widget.setObjectName("document_preview")
        column.addWidget(self.preview_widget, 1)
        return box

    # -------------------------------------------------------------- the list

    def fetch(self, offset: int, limit: int) -> list[DocumentRow]:
        return documents.list_documents(
            self.ctx,
            self.session,
            kind=self.kind_filter.currentData(),
            search=self.search.text(),
            limit=limit,
            offset=offset,
        )

    def refresh(self) -> None:
        """Called each time the page is shown (and on F5): the list again, and
        the preview again if it was dropped (e.g. a revealed letter on leaving)."""
        self.reload()
        if self.current_row is not None and self.shown is None and not self.loading:
            self.preview(self.current_row)

    def reload(self, select: tuple[str, str] | None = None) -> None:
        """Query the list again and keep (or move to) ``select`` / the document on show."""
        self.search_timer.stop()
        key = select or (row_key(self.current_row) if self.current_row else None)
        try:
            self.model.reset(self.fetch)
        except ServiceError as exc:
            self.set_message(error_text(exc), error=True)
            return
        self.update_list_note()
        self.update_batch_button()
        if key is None:
            return
        row = self.find_row(key)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.scrollTo(self.model.index(row, 0))

    def find_row(self, key: tuple[str, str], max_pages: int = FIND_PAGES) -> int:
        for _ in range(max_pages):
            for i, row in enumerate(self.model.rows):
                if row_key(row) == key:
                    return i
            if not self.model.canFetchMore():
                break
            self.model.fetchMore()
        return -1

    def update_list_note(self) -> None:
        count = self.model.rowCount()
        more = self.model.canFetchMore()
        if count == 0:
            self.list_note.setText(self.tr("没有符合条件的文书。"))
        elif more:
            self.list_note.setText(self.tr("已列出 {n} 份文书，向下滚动查看更多。").format(n=count))
        else:
            self.list_note.setText(self.tr("共 {n} 份文书。").format(n=count))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def selected_rows(self) -> list[DocumentRow]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r) for r in rows]

    def update_batch_button(self) -> None:
        count = len(self.selected_rows())
        if count >= 2:
            self.batch_button.setText(self.tr("批量打印选中的 {n} 份…").format(n=count))
        else:
            self.batch_button.setText(self.tr("批量打印全部…"))
        self.batch_button.setEnabled(self.model.rowCount() > 0 and self.batch_task is None)

    def row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        row = self.model.row_at(current.row())
        if row != self.current_row or (self.shown is None and not self.loading):
            self.preview(row)

    def focus_record(self, kind: str, record_id: str) -> None:
        """Select and preview the document ``kind`` of record ``record_id``
        (e.g. from the decisions page: ("accountability_decision", id), which
        is the decision's own template in its profile)."""
        try:
            row = documents.find_document(self.ctx, self.session, kind, record_id)
        except ServiceError as exc:
            self.show_row(None)
            self.set_message(error_text(exc), error=True)
            return
        key = row_key(row)
        index = self.find_row(key)
        if index < 0 and (self.kind_filter.currentIndex() > 0 or self.search.text()):
            for widget in (self.kind_filter, self.search):
                widget.blockSignals(True)
            self.kind_filter.setCurrentIndex(0)
            self.search.clear()
            for widget in (self.kind_filter, self.search):
                widget.blockSignals(False)
            self.reload(select=key)
            index = self.find_row(key)
        if index >= 0:
            self.table.setCurrentIndex(self.model.index(index, 0))
            self.table.scrollTo(self.model.index(index, 0))
            if self.current_row != row or (self.shown is None and not self.loading):
                self.preview(row)
        else:  # not in this list (e.g. another profile's record): shown all the same
            self.table.clearSelection()
            self.preview(row)

    # ----------------------------------------------------------- preview

    def show_row(self, row: DocumentRow | None) -> None:
        """The header and the actions the row allows (the services check again)."""
        self.current_row = row
        self.set_message("")
        self.chars_warning.hide()
        if row is None:
            self.title_label.setText(self.tr("文书预览"))
            self.number_label.setText("")
            self.note.setText("")
            self.note.hide()
            self.preview_widget.clear(self.tr("在左侧列表中选择一份文书，在此预览。"))
        else:
            self.title_label.setText(tr_data(row.kind_title))
            self.number_label.setText(tr_message(row.label))
            hint = ""
            if row.draft and row.record_type == "decision":
                hint = self.tr("问责决定由主要负责人在“问责与申诉”页签发，签发时编发文字号。")
            elif row.draft and ACTION_SIGN_OFF not in row.actions:
                hint = self.tr("草稿：由科室负责人或主要负责人签发后编发文字号。")
            self.note.setText(hint)
            self.note.setVisible(bool(hint))
        self.sign_button.setVisible(row is not None and ACTION_SIGN_OFF in row.actions)
        self.print_button.setVisible(row is not None)
        self.save_button.setVisible(row is not None)
        self.number_label.setVisible(row is not None)
        reveal = row is not None and ACTION_REVEAL in row.actions
        self.reveal_check.setVisible(reveal)
        if not reveal:
            self.set_reveal(False)
        self.update_buttons()

    def update_buttons(self) -> None:
        ready = self.shown is not None and not self.loading
        for button in (self.sign_button, self.print_button, self.save_button):
            button.setEnabled(ready)
        self.reveal_check.setEnabled(self.current_row is not None and not self.loading)

    def set_reveal(self, checked: bool) -> None:
        self.reveal_check.blockSignals(True)
        self.reveal_check.setChecked(checked)
        self.reveal_check.blockSignals(False)

    def preview(self, row: DocumentRow, reveal: bool = False) -> None:
        """Fill and render ``row``'s document in the background, then show it.
        ``reveal``: the reply letter with the complainant's name (audited)."""
        self.show_row(row)
        self.set_reveal(reveal)
        self.generation += 1
        generation = self.generation
        self.shown = None
        self.loading = True
        self.preview_widget.clear(self.tr("正在生成预览…"))
        self.update_buttons()
        ctx, session = self.ctx, self.session

        def work(_progress: Progress) -> tuple[Document, bytes, str]:
            document = documents.build_document(
                ctx, session, row.kind, row.record_id, reveal_identity=reveal
            )
            return document, render_pdf(document), unsupported_characters(document)

        def done(result: tuple[Document, bytes, str]) -> None:
            self.running -= 1
            if generation != self.generation:
                return  # another document was chosen meanwhile: dropped
            document, data, chars = result
            self.loading = False
            self.shown = Shown(row, document, data, reveal, chars)
            self.title_label.setText(document.title)
            self.number_label.setText(
                self.tr("发文字号：{number}　{label}").format(
                    number=document.number, label=tr_message(row.label)
                )
                if document.number
                else tr_message(row.label)
            )
            if chars:
                self.chars_warning.setText(
                    self.tr("字库中没有以下字符，打印时将显示为方框：{chars}").format(chars=chars)
                )
                self.chars_warning.show()
            self.preview_widget.load_bytes(data)
            self.update_buttons()
            self.preview_finished.emit()

        def failed(exc: BaseException) -> None:
            self.running -= 1
            if generation != self.generation:
                return
            self.loading = False
            if isinstance(exc, FormError):
                text = self.tr("文书模板无法填写：{error}").format(error=str(exc))
            else:
                text = error_text(exc)
            if reveal:  # the name could not be read: the plain letter again
                self.preview(row)
                self.set_message(
                    self.tr("未能显示投诉人姓名：{error}").format(error=text), error=True
                )
                return
            self.preview_widget.clear(self.tr("无法生成预览。"))
            self.set_message(text, error=True)
            self.update_buttons()
            self.preview_finished.emit()

        self.running += 1
        run_in_background(
            self,
            work,
            label=self.tr("正在生成文书预览…"),
            on_done=done,
            on_error=failed,
            show_dialog=False,
        )

    def reveal_toggled(self, checked: bool) -> None:
        """显示投诉人姓名: rebuild the reply letter through the audited reveal."""
        row = self.current_row
        if row is None or ACTION_REVEAL not in row.actions:
            self.set_reveal(False)
            return
        if checked and not self.confirm(
            self.tr("显示投诉人姓名"),
            self.tr(
                "投诉人身份依法保密，不得泄露。\n"
                "显示姓名将解密并记入处理记录（查看人、时间），答复函仅供预览和打印。\n"
                "确定显示吗？"
            ),
        ):
            self.set_reveal(False)
            return
        self.preview(row, reveal=checked)

    def drop_identity(self) -> None:
        """A revealed reply letter leaves the screen and memory (leaving the
        page, locking); the plain letter comes back when the page is shown."""
        revealed = self.reveal_check.isChecked() or (self.shown is not None and self.shown.revealed)
        if not revealed:
            return
        self.generation += 1  # a reveal still running is dropped when it ends
        self.loading = False
        self.shown = None
        self.set_reveal(False)
        self.chars_warning.hide()
        self.preview_widget.clear(self.tr("已隐藏投诉人姓名。"))
        self.update_buttons()

    def on_lock(self) -> None:
        self.drop_identity()

    def hideEvent(self, event: QHideEvent) -> None:
        self.drop_identity()
        super().hideEvent(event)

    # ---------------------------------------------------------- sign-off

    def sign_off(self) -> None:
        """签发编号: the number is given now (the service checks role and state)."""
        shown = self.shown
        if shown is None or ACTION_SIGN_OFF not in shown.row.actions:
            return
        if not self.confirm(
            self.tr("签发编号"),
            self.tr("签发“{title}”（{label}）并编发文字号？文号不能收回。").format(
                title=tr_data(shown.row.kind_title), label=tr_message(shown.row.label)
            ),
        ):
            return
        try:
            number = documents.sign_off_document(
                self.ctx, self.session, shown.row.kind, shown.row.record_id
            )
        except ServiceError as exc:
            self.set_message(error_text(exc), error=True)
            return
        key = row_key(shown.row)
        self.reload(select=key)
        if self.current_row is not None and row_key(self.current_row) == key and not self.loading:
            try:  # not in the list (filtered out): the row again from the service
                self.preview(documents.find_document(self.ctx, self.session, *key))
            except ServiceError as exc:
                self.set_message(error_text(exc), error=True)
                return
        self.set_message(self.tr("已签发，发文字号：{number}").format(number=number))

    # ---------------------------------------------------- print and save

    def warn_characters(self, chars: str) -> bool:
        """Ask before printing characters no font has (they print as boxes)."""
        if not chars:
            return True
        return self.confirm(
            self.tr("字库缺字"),
            self.tr(
                "字库中没有以下字符，打印出来将是方框：{chars}\n可先打印，再手写补正。仍要打印吗？"
            ).format(chars=chars),
        )

    def print_document(self, printer: QPrinter | None = None) -> None:
        """打印 the document on show: the system print dialog, unless a
        ``printer`` is given (tests: a PDF printer)."""
        shown = self.shown
        if shown is None or self.loading:
            return
        if not self.warn_characters(shown.unsupported):
            return
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(shown.document.title)
            dialog = QPrintDialog(printer, self)
            dialog.setObjectName("print_dialog")
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
        data, title = shown.data, shown.document.title
        chosen = printer
        page_text = self.tr("正在打印“{title}”：第 {page} / {count} 页")

        def work(progress: Progress) -> int:
            return print_pdf(
                data,
                chosen,
                title=title,
                on_page=lambda page, count: progress.update(
                    page, count, page_text.format(title=title, page=page, count=count)
                ),
            )

        def done(pages: int) -> None:
            self.running -= 1
            text = self.tr("已送打印：{title}，共 {pages} 页。").format(title=title, pages=pages)
            self.set_message(text)
            self.print_finished.emit(text)

        def failed(exc: BaseException) -> None:
            self.running -= 1
            text = self.print_error(exc)
            self.set_message(text, error=True)
            self.print_finished.emit(text)

        self.running += 1
        run_in_background(self, work, label=self.tr("正在打印…"), on_done=done, on_error=failed)

    def print_error(self, exc: BaseException) -> str:
        if isinstance(exc, PrintError):
            return self.tr("打印未完成：无法打开打印机或读取文书。")
        return error_text(exc)

    def default_file_name(self, shown: Shown) -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"{shown.document.title}-{short_id(shown.row.record_id)}.pdf"
        return str(Path(folder) / name) if folder else name

    def save_pdf(self) -> None:
        """另存为 PDF: the bytes on show, as they are; a letter naming the
        complainant only after the user confirms."""
        shown = self.shown
        if shown is None or self.loading:
            return
        if shown.revealed and not self.confirm(
            self.tr("文件将包含投诉人身份"),
            self.tr(
                "该答复函写明了投诉人姓名。保存后，PDF 文件中将含有投诉人的身份信息，"
                "须依照保密规定保管，不得泄露。\n确定保存吗？"
            ),
        ):
            return
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("另存为 PDF"),
            self.default_file_name(shown),
            self.tr("PDF 文件 (*.pdf)"),
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            path.write_bytes(shown.data)
        except OSError as exc:
            self.set_message(
                self.tr("未能保存：{error}").format(error=exc.strerror or str(exc)), error=True
            )
            return
        self.set_message(self.tr("已保存：{path}").format(path=str(path)))

    # -------------------------------------------------------- batch print

    def start_batch(self) -> None:
        """批量打印: the selected documents (or every one listed), to a
        printer chosen in the system print dialog."""
        if self.batch_task is not None:  # one batch at a time
            return
        rows: list[DocumentRow] | None = self.selected_rows()
        if rows is not None and len(rows) < 2:
            rows = None
            if not self.confirm(
                self.tr("批量打印"),
                self.tr("未多选文书，将打印列表中符合当前筛选条件的全部文书。继续吗？"),
            ):
                return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("batch_print_dialog")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        to_files = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
        self.batch_print(
            rows,
            default_printer_factory(printer),
            one_job=not (to_files and printer.outputFileName()),
        )

    def batch_print(
        self,
        rows: Sequence[DocumentRow] | None,
        printer_factory: PrinterFactory,
        *,
        one_job: bool = False,
    ) -> BackgroundTask:
        """Print ``rows`` (``None``: every document of the list's filter) in
        the background with a progress bar (done/total and the document's
        title) that can be cancelled: it stops after the document being
        printed and reports how many were printed. ``printer_factory(n, row)``
        gives the printer of the ``n``-th (tests: PDF files). Never with a
        complainant's name.

        One job each, or with ``one_job`` (a printer, not files) every
        document rendered into one PDF (``render_batch_pdf``: the fonts once,
        each document from a new page with its own page numbers) sent as ONE
        job to the printer of the first: one spool file, in order, several
        times faster to make."""
        ctx, session = self.ctx, self.session
        chosen = list(rows) if rows is not None else None
        kind, search = self.kind_filter.currentData(), self.search.text()
        step = self.tr("正在打印第 {n} / {total} 份：{title}（{label}）")
        fail = self.tr("{title}（{label}）：{error}")
        no_printer = self.tr("无法打开打印机或读取文书")
        job_title = self.tr("批量打印")
        self.batch_progress = []

        def all_rows() -> list[DocumentRow]:
            out: list[DocumentRow] = []
            while True:
                page = documents.list_documents(
                    ctx, session, kind=kind, search=search, limit=PAGE, offset=len(out)
                )
                out.extend(page)
                if len(page) < PAGE:
                    return out

        def report(progress: Progress, done: int, total: int, text: str) -> None:
            progress.update(done, total, text)  # the progress dialog
            self.batch_progressed.emit(done, total, text)  # queued to the GUI thread

        def build(row: DocumentRow, failures: list[str]) -> Document | None:
            try:
                return documents.build_document(ctx, session, row.kind, row.record_id)
            except (ServiceError, FormError) as exc:
                error = error_text(exc) if isinstance(exc, ServiceError) else str(exc)
                failures.append(
                    fail.format(
                        title=tr_data(row.kind_title), label=tr_message(row.label), error=error
                    )
                )
                return None

        def one(progress: Progress) -> BatchResult:
            todo = chosen if chosen is not None else all_rows()
            total = len(todo)
            failures: list[str] = []
            filled: list[tuple[DocumentRow, Document]] = []
            for n, row in enumerate(todo):  # filling is quick: the progress bar shows it
                if progress.cancelled:
                    return BatchResult(0, total, True, tuple(failures))
                text = step.format(
                    n=n + 1, total=total, title=tr_data(row.kind_title), label=tr_message(row.label)
                )
                progress.update(n, total, text)
                document = build(row, failures)
                if document is not None:
                    filled.append((row, document))
            if not filled or progress.cancelled:
                return BatchResult(0, total, progress.cancelled, tuple(failures))
            data, starts = render_batch_pdf([document for _, document in filled])
            ends = [start - 1 for start in starts[1:]]  # the last page of each document
            printed = 0
            report(progress, 0, total, step.format(n=1, total=total, **_names(filled[0][0])))

            def on_page(page: int, _pages: int) -> None:
                nonlocal printed
                if printed < len(ends) and page == ends[printed]:
                    printed += 1  # a document's last page is out
                    row = filled[printed][0]
                    report(
                        progress,
                        printed,
                        total,
                        step.format(n=printed + 1, total=total, **_names(row)),
                    )
                    if progress.cancelled:
                        raise _Stopped

            try:
                printer = printer_factory(0, filled[0][0])
                print_pdf(data, printer, title=f"{job_title}（{len(filled)}）", on_page=on_page)
                printed = len(filled)
                last = step.format(n=printed, total=total, **_names(filled[-1][0]))
                report(progress, printed, total, last)
            except _Stopped:
                pass
            except PrintError:
                failures += [
                    fail.format(
                        title=tr_data(row.kind_title), label=tr_message(row.label), error=no_printer
                    )
                    for row, _ in filled[printed:]
                ]
            unsupported = [
                f"{document.title}（{tr_message(row.label)}）：{chars}"
                for row, document in filled[:printed]
                if (chars := unsupported_characters(document))
            ]
            return BatchResult(
                printed=printed,
                total=total,
                cancelled=printed + len(failures) < total,
                failures=tuple(failures),
                unsupported=tuple(unsupported),
            )

        def work(progress: Progress) -> BatchResult:
            with batch_rendering():  # the garbage collector paused: see render.py
                return print_each(progress)

        def print_each(progress: Progress) -> BatchResult:
            todo = chosen if chosen is not None else all_rows()
            total = len(todo)
            printed = 0
            failures: list[str] = []
            unsupported: list[str] = []
            for n, row in enumerate(todo):
                if progress.cancelled:
                    break
                text = step.format(
                    n=n + 1, total=total, title=tr_data(row.kind_title), label=tr_message(row.label)
                )
                report(progress, n, total, text)
                document = build(row, failures)
                if document is None:
                    continue
                data = render_pdf(document)
                printer = printer_factory(n, row)
                if progress.cancelled:
                    break
                try:
                    print_pdf(data, printer, title=document.title)
                except PrintError:
                    failures.append(
                        fail.format(
                            title=tr_data(row.kind_title),
                            label=tr_message(row.label),
                            error=no_printer,
                        )
                    )
                    continue
                printed += 1
                chars = unsupported_characters(document)
                if chars:
                    unsupported.append(f"{document.title}（{tr_message(row.label)}）：{chars}")
                report(progress, n + 1, total, text)
            handled = printed + len(failures)
            return BatchResult(
                printed=printed,
                total=total,
                cancelled=progress.cancelled and handled < total,
                failures=tuple(failures),
                unsupported=tuple(unsupported),
            )

        def done(result: BatchResult) -> None:
            self.running -= 1
            self.batch_task = None
            self.update_batch_button()
            self.set_message(self.batch_text(result), error=bool(result.failures))
            self.batch_finished.emit(result)

        def failed(exc: BaseException) -> None:
            self.running -= 1
            self.batch_task = None
            self.update_batch_button()
            self.set_message(error_text(exc), error=True)
            self.batch_finished.emit(BatchResult(0, 0, False, (error_text(exc),)))

        self.running += 1
        self.batch_button.setEnabled(False)
        task = run_in_background(
            self,
            one if one_job else work,
            label=self.tr("正在准备批量打印…"),
            on_done=done,
            on_error=failed,
            cancellable=True,
        )
        self.batch_task = task
        return task

    def record_batch_progress(self, done: int, total: int, text: str) -> None:
        self.batch_progress.append((done, total, text))

    def batch_text(self, result: BatchResult) -> str:
        parts = [
            self.tr("批量打印：已打印 {printed} 份，共 {total} 份。").format(
                printed=result.printed, total=result.total
            )
        ]
        if result.cancelled:
            rest = result.total - result.printed - len(result.failures)
            parts.append(self.tr("已取消，其余 {n} 份未打印。").format(n=rest))
        if result.failures:
            parts.append(
                self.tr("未能打印 {n} 份：{items}").format(
                    n=len(result.failures), items="；".join(result.failures)
                )
            )
        if result.unsupported:
            parts.append(
                self.tr("以下文书有字库中没有的字，打印为方框：{items}").format(
                    items="；".join(result.unsupported)
                )
            )
        return "\n".join(parts)

    # ------------------------------------------------------------- helpers

    def set_message(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes
