"""PDF preview and printing (预览与打印), in memory only.

:class:`PdfPreview` shows a PDF given as bytes (all pages, scrolled; fit to
width by default, zoom in and out) through QtPdf. The bytes go to
``QPdfDocument`` through a ``QBuffer``: nothing is written to disk, so a reply
letter with a complainant's name (revealed by a handler) leaves no file
behind unless the user saves it. :class:`PdfPreviewDialog` is the same in a
window of its own.

:func:`print_pdf` prints a PDF's pages on a ``QPrinter``: each page is
rendered by QtPdf at the printer's resolution (at most :data:`MAX_PRINT_DPI`)
and painted full-page, so what is printed is exactly what was previewed. It
makes its own ``QPdfDocument``, so it may run off the GUI thread (QPainter
on a QPrinter is allowed there). :func:`pdf_printer` is a printer that writes
a PDF file instead (tests, "print to file").
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

#: Pages are rendered for the printer at its resolution, but no finer than
#: this (an A4 page at 600 dpi is a 4961 × 7016 image, about 140 MB in memory).
MAX_PRINT_DPI = 600
ZOOM_STEP = 1.25
ZOOM_MIN = 0.25
ZOOM_MAX = 4.0
MUTED_STYLE = "color: #666666;"


class PrintError(Exception):
    """The PDF could not be read or the printer could not be opened."""


def open_pdf(data: bytes) -> tuple[QPdfDocument, QBuffer]:
    """A ``QPdfDocument`` reading ``data`` from memory, and the buffer it
    reads from (keep both alive together). Loading from a buffer is
    synchronous: the status is Ready or Error on return."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    return document, buffer


def pdf_printer(path: Path | str) -> QPrinter:
    """A printer that writes a PDF file at ``path`` (print to file)."""
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def on_white(image: QImage) -> QImage:
    """``image`` (QtPdf renders a page with a transparent background) on white,
    without alpha: what paper shows, and what every printer driver takes."""
    out = QImage(image.size(), QImage.Format.Format_RGB32)
    out.fill(Qt.GlobalColor.white)
    painter = QPainter(out)
    painter.drawImage(0, 0, image)
    painter.end()
    return out


def print_pdf(
    data: bytes,
    printer: QPrinter,
    *,
    title: str,
    on_page: Callable[[int, int], None] | None = None,
) -> int:
    """Print every page of the PDF ``data`` on ``printer`` as one job named
    ``title``; returns the number of pages printed (the range chosen in the
    print dialog, else all). ``on_page(done, total)`` is called after each
    page. Raises :class:`PrintError` if the PDF cannot be read or the printer
    cannot be opened."""
    document, buffer = open_pdf(data)
    try:
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
            raise PrintError(f"PDF cannot be read ({document.error().name})")
        count = document.pageCount()
        pages = list(range(count))
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            last = min(count, printer.toPage() or count)  # 1-based, as the print dialog
            pages = list(range(printer.fromPage() - 1, last)) or pages
        first = document.pagePointSize(pages[0])
        printer.setDocName(title)
        printer.setCreator("Xiaoneng Inspector 效能督查")
        printer.setFullPage(True)  # the PDF carries its own margins (GB/T 9704)
        printer.setPageSize(
            QPageSize(first, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
        )
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape
            if first.width() > first.height()
            else QPageLayout.Orientation.Portrait
        )
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError("the printer cannot be opened")
        try:
            dpi = min(printer.resolution(), MAX_PRINT_DPI)
            for n, page in enumerate(pages):
                if n:
                    printer.newPage()
                size = document.pagePointSize(page)
                pixels = QSize(
                    math.ceil(size.width() * dpi / 72), math.ceil(size.height() * dpi / 72)
                )
                image = on_white(document.render(page, pixels))
                area = QRectF(0, 0, printer.width(), printer.height())
                scale = min(area.width() / image.width(), area.height() / image.height())
                # From the top-left corner, keeping the aspect ratio.
                target = QRectF(QPointF(0, 0), QRectF(image.rect()).size() * scale)
                painter.drawImage(target, image)
                if on_page is not None:
                    on_page(n + 1, len(pages))
        finally:
            painter.end()
        return len(pages)
    finally:
        document.close()
        buffer.close()
        buffer.setData(QByteArray())


class PdfPreview(QWidget):
    """A PDF on screen: every page, scrolled, fit to width; zoom with the
    buttons, Ctrl++ / Ctrl+- and Ctrl+0 (fit width)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.buffer: QBuffer | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)

        bar = QHBoxLayout()
        bar.setSpacing(4)
        self.fit_width_button = self._tool("pdf_fit_width", self.tr("适合宽度"), self.fit_width)
        self.fit_page_button = self._tool("pdf_fit_page", self.tr("整页"), self.fit_page)
        self.zoom_out_button = self._tool("pdf_zoom_out", "−", self.zoom_out)
        self.zoom_out_button.setToolTip(self.tr("缩小（Ctrl+-）"))
        self.zoom_in_button = self._tool("pdf_zoom_in", "+", self.zoom_in)
        self.zoom_in_button.setToolTip(self.tr("放大（Ctrl++）"))
        self.fit_width_button.setToolTip(self.tr("适合宽度（Ctrl+0）"))
        self.page_label = QLabel(self)
        self.page_label.setObjectName("pdf_page")
        self.page_label.setStyleSheet(MUTED_STYLE)
        for button in (
            self.fit_width_button,
            self.fit_page_button,
            self.zoom_out_button,
            self.zoom_in_button,
        ):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.page_label)
        layout.addLayout(bar)

        self.stack = QStackedWidget(self)
        self.placeholder = QLabel(self.stack)
        self.placeholder.setObjectName("pdf_placeholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet(MUTED_STYLE)
        self.view = QPdfView(self.stack)
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setStyleSheet("QPdfView { background: #8a8a8a; }")
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.view)
        layout.addWidget(self.stack, 1)

        self.view.pageNavigator().currentPageChanged.connect(self._show_page)
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
            ("Ctrl+0", self.fit_width),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.clear()

    def _tool(self, name: str, text: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    # ----------------------------------------------------------- content

    def load_bytes(self, data: bytes) -> bool:
        """Show the PDF ``data`` (from memory); False if it cannot be read."""
        self.clear()
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(data))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self.buffer)
        if self.document.status() != QPdfDocument.Status.Ready:
            self.clear(self.tr("无法显示该 PDF。"))
            return False
        self.stack.setCurrentWidget(self.view)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.pageNavigator().jump(0, QPointF(), self.view.pageNavigator().currentZoom())
        self._show_page(0)
        self._enable(True)
        return True

    def clear(self, message: str = "") -> None:
        """Show nothing (and drop the bytes): ``message`` in place of the pages."""
        self.document.close()
        if self.buffer is not None:
            self.buffer.close()
            self.buffer.setData(QByteArray())
            self.buffer.deleteLater()
            self.buffer = None
        self.placeholder.setText(message)
        self.stack.setCurrentWidget(self.placeholder)
        self.page_label.clear()
        self._enable(False)

    def set_message(self, message: str) -> None:
        """Show ``message`` in place of the pages (keeps nothing loaded)."""
        self.clear(message)

    def page_count(self) -> int:
        return self.document.pageCount()

    def status(self) -> QPdfDocument.Status:
        return self.document.status()

    def _enable(self, on: bool) -> None:
        for button in (
            self.fit_width_button,
            self.fit_page_button,
            self.zoom_out_button,
            self.zoom_in_button,
        ):
            button.setEnabled(on)

    def _show_page(self, page: int) -> None:
        count = self.document.pageCount()
        if count:
            self.page_label.setText(
                self.tr("第 {page} / {count} 页").format(page=page + 1, count=count)
            )

    # -------------------------------------------------------------- zoom

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def fit_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

    def zoom_in(self) -> None:
        self._zoom(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom(1 / ZOOM_STEP)

    def _zoom(self, factor: float) -> None:
        if self.document.status() != QPdfDocument.Status.Ready:
            return
        current = self.view.zoomFactor()
        if self.view.zoomMode() != QPdfView.ZoomMode.Custom:
            current = self._effective_zoom()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(ZOOM_MIN, min(ZOOM_MAX, current * factor)))

    def _effective_zoom(self) -> float:
        """The zoom a fit mode shows now, as a factor (points to pixels at 1.0)."""
        size = self.document.pagePointSize(0)
        if size.width() <= 0:
            return 1.0
        dpi_scale = self.logicalDpiX() / 72
        available = max(1, self.view.viewport().width() - 2 * self.view.documentMargins().left())
        return float(available / (size.width() * dpi_scale))


class PdfPreviewDialog(QDialog):
    """A PDF in a window of its own (for pages that want a preview on demand)."""

    def __init__(self, data: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_preview_dialog")
        self.setWindowTitle(title)
        self.resize(720, 900)
        layout = QVBoxLayout(self)
        self.preview = PdfPreview(self)
        self.preview.setObjectName("pdf_preview")
        layout.addWidget(self.preview, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("pdf_preview_buttons")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.preview.load_bytes(data)

    def done(self, result: int) -> None:
        self.preview.clear()  # the bytes do not outlive the window
        super().done(result)
