"""Lists that never load every row (列表): a table model fed page by page.

A :class:`PagedModel` asks a fetch function for ``PAGE`` rows at a time
(``fetch(offset, limit) -> list[row]``) when the view scrolls near the end
(Qt's ``canFetchMore``/``fetchMore``). Filtering and searching go back to the
service (SQL with indexes and LIMIT), never through every row in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLineEdit

from desktop.ui.i18n import tr_message

R = TypeVar("R")
PAGE = 100
SEARCH_DEBOUNCE_MS = 300  # re-query once typing pauses
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[R]):
    """A column: its header (Chinese, translated by the page) and how to show a row."""

    header: str
    text: Callable[[R], str]
    colour: Callable[[R], str | None] | None = None  # e.g. red for overdue


class PagedModel(QAbstractTableModel, Generic[R]):
    """A table model over ``fetch(offset, limit)``; call :meth:`reset` to re-query."""

    def __init__(self, columns: Sequence[Column[R]], fetch: Callable[[int, int], list[R]]):
        super().__init__()
        self.columns = list(columns)
        self.fetch = fetch
        self.rows: list[R] = []
        self.exhausted = False

    def reset(self, fetch: Callable[[int, int], list[R]] | None = None) -> None:
        """Start again (new filter or search): load the first page."""
        self.beginResetModel()
        if fetch is not None:
            self.fetch = fetch
        self.rows = []
        self.exhausted = False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def row_at(self, row: int) -> R:
        return self.rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self.exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self.exhausted:
            return
        page = self.fetch(len(self.rows), PAGE)
        if len(page) < PAGE:
            self.exhausted = True
        if page:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return tr_message(column.text(row))  # the core's texts in the UI's language
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            colour = column.colour(row)
            return QBrush(QColor(colour)) if colour else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return None


def debounced_search(box: QLineEdit, requery: Callable[[], None]) -> QTimer:
    """Re-query when typing in ``box`` pauses, or at once on Enter; returns the timer."""
    timer = QTimer(box)
    timer.setSingleShot(True)
    timer.setInterval(SEARCH_DEBOUNCE_MS)
    timer.timeout.connect(requery)
    box.textChanged.connect(lambda _text: timer.start())
    box.returnPressed.connect(requery)
    return timer
