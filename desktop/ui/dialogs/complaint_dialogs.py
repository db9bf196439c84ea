"""Complaint dialogs (效能投诉): registering a complaint (登记投诉).

The identity typed here goes straight to the service, which seals it; the
dialog never stores it anywhere. After an ID number or a phone number is
typed, a "重复投诉" hint says how many earlier complaints share it, found by
the service's blind index (nothing is decrypted).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.crypto import ComplainantIdentity
from desktop.domain.common import RuleViolation
from desktop.services import complaints, directory
from desktop.services.auth import UserSession
from desktop.services.base import Context, ServiceError
from desktop.ui.fields import FieldForm
from desktop.ui.i18n import tr_data, tr_refusal
from desktop.ui.worker import error_text

HINT_STYLE = "color: #b35900;"
REPEAT_DEBOUNCE_MS = 400


def show_refusal(forms: Sequence[FieldForm], exc: ServiceError | RuleViolation) -> None:
    """Show a service error or rule refusal beside its field on whichever of
    ``forms`` holds it (refusals by :func:`complaints.refusal_field`); what is
    on no form goes to the first form's general message."""
    for form in forms:
        form.clear_errors()
    if isinstance(exc, ServiceError):
        owner = next((f for f in forms if exc.field in f.errors), forms[0])
        owner.show_error(exc)
        return
    general: list[str] = []
    focused = False
    for refusal in exc.refusals:
        field = complaints.refusal_field(refusal.code)
        holder = next((f for f in forms if field is not None and field in f.errors), None)
        if holder is None or field is None:
            general.append(tr_refusal(refusal))
            continue
        label = holder.errors[field]
        label.setText("\n".join(t for t in (label.text(), tr_refusal(refusal)) if t))
        label.show()
        if not focused:
            holder.fields[field].setFocus()
            focused = True
    if general:
        forms[0].general.setText("\n".join(general))
        forms[0].general.show()


def to_date(value: QDate) -> dt.date:
    """A QDate as a Python date."""
    return dt.date(value.year(), value.month(), value.day())


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


class RegisterComplaintDialog(QDialog):
    """登记投诉: channel, date, subject, matter, urgency and the complainant."""

    def __init__(self, ctx: Context, session: UserSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.complaint_id: str | None = None
        self.setObjectName("register_complaint_dialog")
        self.setWindowTitle(self.tr("登记效能投诉"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)

        facts_box = QGroupBox(self.tr("投诉事项"), self)
        facts_layout = QVBoxLayout(facts_box)
        self.form = FieldForm(facts_box)
        self.channel = QComboBox(facts_box)
        self.channel.setObjectName("channel")
        for channel in ctx.profile.complaints.channels:
            self.channel.addItem(tr_data(channel.name), channel.id)
        self.received_on = QDateEdit(facts_box)
        self.received_on.setObjectName("received_on")
        self.received_on.setCalendarPopup(True)
        self.received_on.setDisplayFormat("yyyy-MM-dd")
        today = ctx.today()
        self.received_on.setDate(to_qdate(today))
        self.received_on.setMaximumDate(to_qdate(today))
        self.subject_agency = QComboBox(facts_box)
        self.subject_agency.setObjectName("subject_agency_id")
        self.subject_agency.addItem(self.tr("（请选择）"), "")
        for agency in directory.list_agencies(ctx, session):
            self.subject_agency.addItem(agency.name, agency.id)
        self.subject_official = QComboBox(facts_box)
        self.subject_official.setObjectName("subject_official_id")
        self.matter = QPlainTextEdit(facts_box)
        self.matter.setObjectName("matter")
        self.matter.setTabChangesFocus(True)
        self.matter.setPlaceholderText(self.tr("投诉的具体事项、时间、经过"))
        self.matter.setFixedHeight(84)
        self.form.add("channel", self.tr("投诉渠道"), self.channel)
        self.form.add("received_on", self.tr("收到日期"), self.received_on)
        self.form.add("subject_agency_id", self.tr("被投诉单位"), self.subject_agency)
        self.form.add("subject_official_id", self.tr("被投诉人（可选）"), self.subject_official)
        self.form.add("matter", self.tr("投诉事项"), self.matter)
        self.urgent: dict[str, QCheckBox] = {}
        criteria = ctx.profile.complaints.urgent_criteria
        if criteria:  # none in profiles without an urgent limit (e.g. Ma'anshan)
            box = QWidget(facts_box)
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            for criterion in criteria:
                check = QCheckBox(tr_data(criterion.text), box)
                check.setObjectName(f"urgent_{criterion.id}")
                row.addWidget(check)
                self.urgent[criterion.id] = check
            row.addStretch(1)
            self.form.add("urgent_criteria", self.tr("紧急情形"), box)
        facts_layout.addWidget(self.form)
        layout.addWidget(facts_box)

        person_box = QGroupBox(self.tr("投诉人（加密保存，仅投诉受理人员可查看）"), self)
        person_layout = QVBoxLayout(person_box)
        self.anonymous = QCheckBox(self.tr("匿名投诉（不登记投诉人身份）"), person_box)
        self.anonymous.setObjectName("anonymous")
        person_layout.addWidget(self.anonymous)
        self.identity_form = FieldForm(person_box)
        self.name = QLineEdit(person_box)
        self.name.setObjectName("name")
        self.id_number = QLineEdit(person_box)
        self.id_number.setObjectName("id_number")
        self.id_number.setPlaceholderText(self.tr("18 位公民身份号码"))
        self.phone = QLineEdit(person_box)
        self.phone.setObjectName("phone")
        self.address = QLineEdit(person_box)
        self.address.setObjectName("address")
        self.notes = QLineEdit(person_box)
        self.notes.setObjectName("notes")
        self.identity_form.add("name", self.tr("姓名"), self.name)
        self.identity_form.add("id_number", self.tr("身份证号码"), self.id_number)
        self.identity_form.add("phone", self.tr("电话"), self.phone)
        self.identity_form.add("address", self.tr("地址"), self.address)
        self.identity_form.add("notes", self.tr("备注"), self.notes)
        person_layout.addWidget(self.identity_form)
        self.repeat_hint = QLabel(person_box)
        self.repeat_hint.setObjectName("repeat_hint")
        self.repeat_hint.setWordWrap(True)
        self.repeat_hint.setStyleSheet(HINT_STYLE)
        self.repeat_hint.hide()
        person_layout.addWidget(self.repeat_hint)
        layout.addWidget(person_box)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
            parent=self,
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("登记"))
        ok.setObjectName("register_submit")
        ok.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取消"))
        cancel.setObjectName("register_cancel")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        # The repeat hint waits until typing pauses (debounce).
        self.repeat_timer = QTimer(self)
        self.repeat_timer.setObjectName("repeat_timer")
        self.repeat_timer.setSingleShot(True)
        self.repeat_timer.setInterval(REPEAT_DEBOUNCE_MS)
        self.repeat_timer.timeout.connect(self.update_repeat_hint)
        self.id_number.textChanged.connect(self.repeat_timer.start)
        self.phone.textChanged.connect(self.repeat_timer.start)
        self.anonymous.toggled.connect(self.set_anonymous)
        self.subject_agency.currentIndexChanged.connect(self.load_officials)
        self.load_officials()

        order: list[QWidget] = [
            self.channel,
            self.received_on,
            self.subject_agency,
            self.subject_official,
            self.matter,
            *self.urgent.values(),
            self.anonymous,
            self.name,
            self.id_number,
            self.phone,
            self.address,
            self.notes,
            ok,
            cancel,
        ]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        self.channel.setFocus()

    # ------------------------------------------------------------- fields

    def identity_fields(self) -> list[QLineEdit]:
        return [self.name, self.id_number, self.phone, self.address, self.notes]

    def set_anonymous(self, anonymous: bool) -> None:
        """Anonymous: the identity fields are disabled (and not sent)."""
        for field in self.identity_fields():
            field.setEnabled(not anonymous)
        self.identity_form.clear_errors()
        if anonymous:
            self.repeat_timer.stop()
            self.repeat_hint.hide()
        else:
            self.repeat_timer.start()

    def load_officials(self) -> None:
        """The officials of the chosen agency, after "not specified"."""
        self.subject_official.clear()
        self.subject_official.addItem(self.tr("（不指定）"), None)
        agency_id = self.subject_agency.currentData()
        if not agency_id:
            return
        for official in directory.list_officials(self.ctx, self.session, agency_id):
            text = f"{official.name}（{official.position}）" if official.position else official.name
            self.subject_official.addItem(text, official.id)

    def select_agency(self, agency_id: str) -> None:
        self.subject_agency.setCurrentIndex(max(0, self.subject_agency.findData(agency_id)))

    def select_channel(self, channel_id: str) -> None:
        self.channel.setCurrentIndex(max(0, self.channel.findData(channel_id)))

    # -------------------------------------------------------- repeat hint

    def update_repeat_hint(self) -> None:
        """How many earlier complaints share the ID number or phone (blind index)."""
        id_number = self.id_number.text().strip()
        phone = self.phone.text().strip()
        if self.anonymous.isChecked() or not (id_number or phone):
            self.repeat_hint.hide()
            return
        try:
            found = complaints.find_repeat_complainants(
                self.ctx, self.session, id_number=id_number, phone=phone
            )
        except ServiceError:
            # Half-typed input: no hint (the field's own error comes on saving).
            self.repeat_hint.hide()
            return
        if not found:
            self.repeat_hint.hide()
            return
        self.repeat_hint.setText(
            self.tr(
                "重复投诉：已有 {n} 件投诉的身份证号码或电话与此相同（按加密索引比对，未解密）"
            ).format(n=len(found))
        )
        self.repeat_hint.show()

    def repeat_count_shown(self) -> int:
        """The number in the repeat hint (0 when hidden), for tests."""
        if self.repeat_hint.isHidden():
            return 0
        digits = "".join(c if c.isdigit() else " " for c in self.repeat_hint.text()).split()
        return int(digits[0]) if digits else 0

    # ------------------------------------------------------------- saving

    def identity(self) -> ComplainantIdentity | None:
        if self.anonymous.isChecked():
            return None
        return ComplainantIdentity(
            name=self.name.text(),
            id_number=self.id_number.text(),
            phone=self.phone.text(),
            address=self.address.text(),
            notes=self.notes.text(),
        )

    def submit(self) -> None:
        """Register through the service; errors beside their field, nothing saved."""
        forms = [self.form, self.identity_form]
        for form in forms:
            form.clear_errors()
        received = self.received_on.date()
        try:
            self.complaint_id = complaints.register_complaint(
                self.ctx,
                self.session,
                channel=self.channel.currentData(),
                received_on=to_date(received),
                subject_agency_id=self.subject_agency.currentData() or "",
                subject_official_id=self.subject_official.currentData(),
                matter=self.matter.toPlainText(),
                identity=self.identity(),
                urgent_criteria=[k for k, check in self.urgent.items() if check.isChecked()],
            )
        except (ServiceError, RuleViolation) as exc:
            show_refusal(forms, exc)
            return
        except Exception as exc:  # shown, never a traceback
            self.form.general.setText(error_text(exc))
            self.form.general.show()
            return
        self.accept()

    def done(self, result: int) -> None:
        """Closing forgets what was typed about the complainant."""
        self.repeat_timer.stop()
        for field in self.identity_fields():
            field.clear()
        super().done(result)
