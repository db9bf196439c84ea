"""Work off the GUI thread (后台任务), in one small helper, as Anki's ``aqt.operations``.

    run_in_background(
        parent, lambda progress: render_all(progress),
        label=tr("正在打印…"), on_done=show_result, cancellable=True,
    )

The function runs in Qt's global thread pool and receives a :class:`Progress`
it may report through (``progress.update(done, total, text)``) and poll
(``progress.cancelled``; :class:`Cancelled` ends it quietly). The GUI shows a
modal progress dialog that can cancel, then calls ``on_done(result)`` or shows
the error (a :class:`~desktop.services.base.ServiceError` message as it is;
anything else as a short message, the traceback to the log, never to the
user). Callbacks run on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop.domain.common import RuleViolation
from desktop.services.errors import ServiceError
from desktop.ui.i18n import tr_message, tr_refusal

LOG = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised by :meth:`Progress.check` once the user has cancelled."""


class Progress:
    """Handed to the background function: report progress, see cancellation."""

    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        """Stop here if the user cancelled."""
        if self._cancel.is_set():
            raise Cancelled

    def update(self, done: int, total: int, text: str = "") -> None:
        # translated here: a Qt signal carries a plain string, not the core's Message
        self._signals.progress.emit(done, total, tr_message(text))


class _Signals(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], signals: _Signals, progress: Progress):
        super().__init__()
        self.fn = fn
        self.signals = signals
        self.progress = progress

    def run(self) -> None:
        try:
            result = self.fn(self.progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # shown to the user on the GUI thread
            LOG.exception("background task failed")
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


def error_text(exc: BaseException) -> str:
    """What the user reads for an error: our own messages as they are, never a traceback."""
    if isinstance(exc, ServiceError):
        return tr_message(exc.message)
    if isinstance(exc, RuleViolation):
        return "\n".join(map(tr_refusal, exc.refusals))
    return QCoreApplication.translate(
        "BackgroundTask", "操作未完成：{name}。详情已写入日志。"
    ).format(name=type(exc).__name__)


class BackgroundTask(QObject):
    """One running task; kept alive by its parent until it finishes."""

    finished = Signal()

    def __init__(
        self,
        parent: QWidget,
        fn: Callable[[Progress], Any],
        label: str,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        cancellable: bool,
        show_dialog: bool,
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.signals = _Signals()
        self.progress = Progress(self.signals)
        self.on_done = on_done
        self.on_error = on_error
        self.dialog: QProgressDialog | None = None
        if show_dialog:
            # Imported here: the first touch of the Qt namespace builds ~90 enum
            # classes (~20 ms), which the sign-in window does not need (bench/ui.py).
            from PySide6.QtCore import Qt

            dialog = QProgressDialog(label, self.tr("取消") if cancellable else "", 0, 0, parent)
            dialog.setWindowTitle(self.tr("请稍候"))
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(300)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            if not cancellable:
                dialog.setCancelButton(None)
            dialog.canceled.connect(self.progress.cancel)
            self.dialog = dialog
        self.signals.progress.connect(self._on_progress)
        self.signals.done.connect(self._on_done)
        self.signals.failed.connect(self._on_failed)
        self.signals.cancelled.connect(self._finish)
        QThreadPool.globalInstance().start(_Job(fn, self.signals, self.progress))

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(total)
            self.dialog.setValue(done)
            if text:
                self.dialog.setLabelText(text)

    @Slot(object)
    def _on_done(self, result: object) -> None:
        self._finish()
        if self.on_done is not None:
            self.on_done(result)

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self._finish()
        if self.on_error is not None:
            self.on_error(exc)
        else:
            QMessageBox.warning(self.parent_widget, self.tr("操作未完成"), error_text(exc))

    def _finish(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.finished.emit()
        self.deleteLater()


def run_in_background(
    parent: QWidget,
    fn: Callable[[Progress], Any],
    *,
    label: str,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    cancellable: bool = False,
    show_dialog: bool = True,
) -> BackgroundTask:
    """Run ``fn(progress)`` in the thread pool; see the module docstring."""
    return BackgroundTask(parent, fn, label, on_done, on_error, cancellable, show_dialog)
