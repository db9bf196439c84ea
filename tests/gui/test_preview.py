"""The preview window in a real (offscreen) Qt: it computes due dates on the
official calendar and shows the uncovered-year warning."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from desktop.resources import load_profile
from desktop.ui.preview import PreviewWindow


def make(qtbot: QtBot) -> PreviewWindow:
    window = PreviewWindow(load_profile("fujian-2024"), dt.date(2026, 9, 30))
    qtbot.addWidget(window)
    window.show()
    return window


def test_working_days_over_national_day(qtbot: QtBot) -> None:
    window = make(qtbot)
    window.amount.setValue(1)
    assert window.result.text() == "2026年10月08日（四）"
    assert window.warning.text() == ""


def test_calendar_days_move_off_the_holiday(qtbot: QtBot) -> None:
    window = make(qtbot)
    window.start.setDate(QDate(2026, 9, 5))
    window.unit.setCurrentIndex(1)
    window.amount.setValue(30)
    assert window.result.text() == "2026年10月08日（四）"


def test_2027_shows_the_warning(qtbot: QtBot) -> None:
    window = make(qtbot)
    window.start.setDate(QDate(2026, 12, 28))
    window.amount.setValue(5)
    assert window.result.text() == "2027年01月04日（一）"
    assert "2027年的节假日安排尚未录入" in window.warning.text()
