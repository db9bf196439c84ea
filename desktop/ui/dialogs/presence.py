"""到场确认: the inspectors present confirm with their own username and password.

MAS 15 第五款 (督查、检查或调查不得少于两人): a visit is opened (开始检查) and
finalised (完成检查) only when at least two inspectors of the plan's team,
each typing their own username and password on this laptop, confirm that
they are present. The dialog collects the confirmations (the signed-in
inspector first, then the others; more rows on request) and, when opening,
the date, the place, announced or unannounced (暗访) and whether identity
was shown (出示证件). It hands everything to the page's service call; a
refusal is shown beside its field (a wrong password beside that inspector's
password) and nothing is saved.

The dialog is opened with ``open()`` (window-modal, non-blocking) and calls
``submit()`` from its default button, so tests drive it directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.common import RuleViolation
from desktop.services.auth import SignInFailed, UserSession
from desktop.services.base import ServiceError
from desktop.ui.fields import FieldForm
from desktop.ui.i18n import tr_refusal
from desktop.ui.worker import error_text

Mode = Literal["open", "finalise"]

# Where a visit rule's refusal is shown (refusal code -> field on the form).
REFUSAL_FIELDS: Mapping[str, str] = {
    "visit.too_few_present": "confirmations",
    "visit.not_team_member": "confirmations",
    "visit.identity_not_shown": "identity_shown",
}

HINT_STYLE = "color: #555;"


def show_failure(
    form: FieldForm, exc: BaseException, refusal_fields: Mapping[str, str] | None = None
) -> None:
    """Show a service error or a rule's refusals beside their fields.

    A :class:`ServiceError` goes beside ``exc.field`` (``FieldForm.show_error``).
    Each refusal of a :class:`RuleViolation` goes beside the field
    ``refusal_fields`` names for its code, the rest into the form's general
    message; nothing the user typed changes.
    """
    if not isinstance(exc, RuleViolation):
        form.show_error(exc)
        return
    form.clear_errors()
    fields = refusal_fields or {}
    by_field: dict[str, list[str]] = {}
    general: list[str] = []
    for refusal in exc.refusals:
        name = fields.get(refusal.code)
        if name is not None and name in form.errors:
            by_field.setdefault(name, []).append(tr_refusal(refusal))
        else:
            general.append(tr_refusal(refusal))
    for name, texts in by_field.items():
        form.errors[name].setText("\n".join(texts))
        form.errors[name].show()
    if general:
        form.general.setText("\n".join(general))
        form.general.show()
    if by_field:
        form.fields[next(iter(by_field))].setFocus()


@dataclass(frozen=True)
class PresenceInput:
    """What the dialog collected (the date, place and manner only when opening)."""

    visited_on: dt.date
    place: str
    announced: bool
    identity_shown: bool
    confirmations: list[tuple[str, str]]


class ConfirmationRow(QWidget):
    """One inspector present: username and password, side by side."""

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.username = QLineEdit(self)
        self.username.setObjectName(f"username_{index}")
        self.username.setPlaceholderText(self.tr("用户名"))
        self.password = QLineEdit(self)
        self.password.setObjectName(f"password_{index}")
        self.password.setPlaceholderText(self.tr("本人密码"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(self.username, 2)
        layout.addWidget(self.password, 3)
        self.setFocusProxy(self.password)


class PresenceDialog(QDialog):
    """Two or more inspectors confirm their presence, each with their own password."""

    def __init__(
        self,
        session: UserSession,
        *,
        mode: Mode,
        action: Callable[[PresenceInput], object],
        team_usernames: Sequence[str] = (),
        today: dt.date | None = None,
        summary: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.mode: Mode = mode
        self.action = action
        self.result_value: object = None
        self.rows: list[ConfirmationRow] = []
        self.setObjectName("presence_dialog")
        self.setWindowTitle(self.tr("开始检查") if mode == "open" else self.tr("完成检查"))
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)

        intro = QLabel(self)
        intro.setWordWrap(True)
        intro.setText(
            self.tr(
                "督查、检查或调查不得少于两人。\n"
                "在场的每位督查人员请在本机输入本人的用户名和密码，确认到场。"
            )
        )
        layout.addWidget(intro)
        if summary:
            record = QLabel(summary, self)
            record.setObjectName("presence_summary")
            record.setWordWrap(True)
            record.setStyleSheet("font-weight: bold;")
            layout.addWidget(record)

        self.form = FieldForm(self)
        self.visited_on = QDateEdit(self)
        self.visited_on.setObjectName("visited_on")
        self.visited_on.setCalendarPopup(True)
        self.visited_on.setDisplayFormat("yyyy-MM-dd")
        day = today or dt.date.today()
        self.visited_on.setDate(QDate(day.year, day.month, day.day))
        self.visited_on.setMaximumDate(QDate(day.year, day.month, day.day))
        self.place = QLineEdit(self)
        self.place.setObjectName("place")
        self.place.setPlaceholderText(self.tr("如：某某政务服务中心一楼综合窗口"))

        manner = QWidget(self)
        manner_layout = QHBoxLayout(manner)
        manner_layout.setContentsMargins(0, 0, 0, 0)
        self.announced = QRadioButton(self.tr("公开检查（事先表明身份）"), manner)
        self.announced.setObjectName("announced")
        self.unannounced = QRadioButton(self.tr("暗访（不事先表明身份）"), manner)
        self.unannounced.setObjectName("unannounced")
        self.announced.setChecked(True)
        self.manner = QButtonGroup(self)
        self.manner.addButton(self.announced)
        self.manner.addButton(self.unannounced)
        manner_layout.addWidget(self.announced)
        manner_layout.addWidget(self.unannounced)
        manner_layout.addStretch(1)
        manner.setFocusProxy(self.announced)
        self.identity_shown = QCheckBox(self.tr("已向被检查单位出示证件、表明身份"), self)
        self.identity_shown.setObjectName("identity_shown")
        self.announced.toggled.connect(self._manner_changed)

        if mode == "open":
            self.form.add("visited_on", self.tr("检查日期"), self.visited_on)
            self.form.add("place", self.tr("检查地点"), self.place)
            self.form.add("announced", self.tr("检查方式"), manner)
            self.form.add("identity_shown", self.tr("出示证件"), self.identity_shown)
        else:
            for widget in (self.visited_on, self.place, manner, self.identity_shown):
                widget.hide()

        note = QLabel(self.tr("第一行为当前登录的督查人员本人。"), self)
        note.setStyleSheet(HINT_STYLE)
        note.setWordWrap(True)
        self.form.add("confirmations", self.tr("在场督查人员"), note)
        self.completer = QCompleter([u for u in team_usernames if u != session.username], self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        first = self.add_row()
        first.username.setText(session.username)
        first.username.setReadOnly(True)
        first.username.setToolTip(self.tr("当前登录的督查人员"))
        self.add_row()
        layout.addWidget(self.form)

        self.add_person = QPushButton(self.tr("增加一名在场人员"), self)
        self.add_person.setObjectName("add_person")
        self.add_person.setAutoDefault(False)
        self.add_person.clicked.connect(self._add_row_and_focus)
        more = QHBoxLayout()
        more.addWidget(self.add_person)
        more.addStretch(1)
        layout.addLayout(more)
        layout.addStretch(1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setObjectName("confirm_presence")
        ok.setText(self.tr("确认并开始检查") if mode == "open" else self.tr("确认并完成检查"))
        ok.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        (self.place if mode == "open" else first.password).setFocus()

    # ----------------------------------------------------------------- rows

    def add_row(self) -> ConfirmationRow:
        """Add one more inspector's username and password."""
        index = len(self.rows)
        row = ConfirmationRow(index, self)
        if index > 0:
            row.username.setCompleter(self.completer)
        label = self.tr("本人") if index == 0 else self.tr("督查人员 {n}").format(n=index + 1)
        self.form.add(f"password_{index}", label, row)
        self.rows.append(row)
        return row

    def _add_row_and_focus(self) -> None:
        self.add_row().username.setFocus()
        self._fit()

    def _manner_changed(self, announced: bool) -> None:
        # 暗访 (MAS 14（七）) does not show identity first; the box then means nothing.
        self.identity_shown.setEnabled(announced)
        if not announced:
            self.identity_shown.setChecked(False)

    def _fit(self) -> None:
        """Grow to show the messages just added (never shrink what the user sized)."""
        hint = self.sizeHint()
        self.resize(max(self.width(), hint.width()), max(self.height(), hint.height()))

    def error_for(self, name: str) -> str:
        """The message shown beside ``name`` (``password_1``, ``identity_shown``...)."""
        return self.form.error_for(name)

    # --------------------------------------------------------------- submit

    def confirmations(self) -> list[tuple[str, str]] | None:
        """The (username, password) pairs typed; ``None`` (with the message
        shown) if a row has a password but no username."""
        pairs: list[tuple[str, str]] = []
        for index, row in enumerate(self.rows):
            username = row.username.text().strip()
            password = row.password.text()
            if not username and not password:
                continue
            if not username:
                self._show_at(f"password_{index}", self.tr("请填写该督查人员的用户名"))
                self._fit()
                return None
            pairs.append((username, password))
        return pairs

    def _show_at(self, name: str, text: str) -> None:
        self.form.clear_errors()
        self.form.errors[name].setText(text)
        self.form.errors[name].show()
        self.form.fields[name].setFocus()

    def _row_of(self, exc: SignInFailed) -> int | None:
        """The row whose username the sign-in failure names (``用户名：…``)."""
        for index, row in enumerate(self.rows):
            username = row.username.text().strip()
            if username and exc.message.startswith(f"{username}："):
                return index
        return None

    def submit(self) -> None:
        """Hand the confirmations to the service; stay open with the message if refused."""
        self.form.clear_errors()
        pairs = self.confirmations()
        if pairs is None:
            return
        qdate = self.visited_on.date()
        data = PresenceInput(
            visited_on=dt.date(qdate.year(), qdate.month(), qdate.day()),
            place=self.place.text(),
            announced=self.announced.isChecked(),
            identity_shown=self.identity_shown.isChecked(),
            confirmations=pairs,
        )
        try:
            self.result_value = self.action(data)
        except SignInFailed as exc:
            index = self._row_of(exc)
            if index is None:
                self.form.show_error(exc)
            else:
                self.rows[index].password.clear()
                self._show_at(f"password_{index}", error_text(exc))
            self._fit()
            return
        except (ServiceError, RuleViolation) as exc:
            show_failure(self.form, exc, REFUSAL_FIELDS)
            self._fit()
            return
        for row in self.rows:
            row.password.clear()
        self.accept()
