"""Forms whose errors appear beside the field (字段旁提示).

A :class:`FieldForm` is a QFormLayout whose rows are registered by the same
name the services use for the field (``InvalidInput.field`` = DB column = API
field). :meth:`FieldForm.show_error` puts a service error's message under its
field, or in the form's general message when the field is not on the form;
nothing else changes, so nothing the user typed is lost.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop.services.errors import ServiceError
from desktop.ui.worker import error_text

ERROR_STYLE = "color: #b00020;"


class FieldForm(QWidget):
    """A form of named fields, each with an error label beneath it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.layout_ = QFormLayout()
        outer.addLayout(self.layout_)
        self.general = QLabel(self)
        self.general.setObjectName("form_error")
        self.general.setWordWrap(True)
        self.general.setStyleSheet(ERROR_STYLE)
        self.general.hide()
        outer.addWidget(self.general)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}

    def add(self, name: str, label: str, widget: QWidget) -> QWidget:
        """Add a row for field ``name`` (the service's field name)."""
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = QLabel(box)
        error.setObjectName(f"error_{name}")
        error.setWordWrap(True)
        error.setStyleSheet(ERROR_STYLE)
        error.hide()
        column.addWidget(error)
        self.layout_.addRow(label, box)
        self.fields[name] = widget
        self.errors[name] = error
        return widget

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        self.general.clear()
        self.general.hide()

    def error_for(self, name: str) -> str:
        """The error shown beside ``name`` (for tests and accessibility)."""
        label = self.errors.get(name)
        return label.text() if label is not None and not label.isHidden() else ""

    def show_error(self, exc: BaseException) -> None:
        """Show ``exc`` beside its field (or as the form's message)."""
        self.clear_errors()
        field = exc.field if isinstance(exc, ServiceError) else None
        text = error_text(exc)
        if field and field in self.errors:
            self.errors[field].setText(text)
            self.errors[field].show()
            self.fields[field].setFocus()
        else:
            self.general.setText(text)
            self.general.show()
