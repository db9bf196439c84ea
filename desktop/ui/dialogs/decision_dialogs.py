"""Accountability forms (问责与申诉): the decision editor with its live
consequences panel, and the small dialogs of the decisions page — signing,
receipt, appeals and their decisions, rectifications and their follow-up.

Every rule is the services' (``desktop.services.decisions`` and
``rectifications``); the forms only offer what the profile allows (the
measures for the subject kind, ``measures_for``; the grounds for it; the
mitigations and their outcomes) and show refusals beside their field.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QEvent,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.accountability import Notice, measures_for
from desktop.domain.common import RuleViolation, SubjectKind
from desktop.domain.profile import MitigationOutcome, RuleProfile
from desktop.services import decisions, directory, rectifications
from desktop.services.auth import UserSession
from desktop.services.base import Context, ServiceError
from desktop.services.decisions import (
    AgencyChoice,
    AppealDecided,
    AppealView,
    DecisionView,
    Preview,
)
from desktop.services.rectifications import RectificationView
from desktop.ui.fields import FieldForm
from desktop.ui.i18n import tr_cited, tr_data, tr_message, tr_refusal
from desktop.ui.worker import error_text

CONTEXT = "DecisionDialogs"
HINT_STYLE = "color: #666666;"
GROUNDS_MAX_HEIGHT = 240
#: Read-only fields keep their text dark (disabled widgets would grey it out).
READ_ONLY_STYLE = "QComboBox:disabled, QCheckBox:disabled { color: palette(window-text); }"

KIND_NAMES = {
    SubjectKind.OFFICIAL.value: QT_TRANSLATE_NOOP("DecisionDialogs", "机关工作人员"),
    SubjectKind.AGENCY.value: QT_TRANSLATE_NOOP("DecisionDialogs", "机关（单位）"),
}
OUTCOME_NAMES = {
    MitigationOutcome.LIGHTER.value: QT_TRANSLATE_NOOP("DecisionDialogs", "从轻问责"),
    MitigationOutcome.REDUCED.value: QT_TRANSLATE_NOOP("DecisionDialogs", "减轻问责"),
    MitigationOutcome.EXEMPT.value: QT_TRANSLATE_NOOP("DecisionDialogs", "免予问责"),
}
APPEAL_OUTCOME_NAMES = {
    "upheld": QT_TRANSLATE_NOOP("DecisionDialogs", "维持"),
    "varied": QT_TRANSLATE_NOOP("DecisionDialogs", "变更"),
    "revoked": QT_TRANSLATE_NOOP("DecisionDialogs", "撤销"),
}
WINDOW_NAMES = {
    "calendar_year": QT_TRANSLATE_NOOP("DecisionDialogs", "当年内"),
    "rolling_year": QT_TRANSLATE_NOOP("DecisionDialogs", "一年内"),
    "two_consecutive_years": QT_TRANSLATE_NOOP("DecisionDialogs", "连续两年内"),
}
RECTIFICATION_KINDS = {
    "requirement": QT_TRANSLATE_NOOP("DecisionDialogs", "整改要求"),
    "suggestion": QT_TRANSLATE_NOOP("DecisionDialogs", "督查建议"),
}
RECTIFICATION_STATES = {
    "open": QT_TRANSLATE_NOOP("DecisionDialogs", "未完成"),
    "done": QT_TRANSLATE_NOOP("DecisionDialogs", "已整改"),
    "rejected": QT_TRANSLATE_NOOP("DecisionDialogs", "未采纳"),
}
UNIT_NAMES = {
    "days": QT_TRANSLATE_NOOP("DecisionDialogs", "日"),
    "working_days": QT_TRANSLATE_NOOP("DecisionDialogs", "个工作日"),
}


def tr(text: object) -> str:
    """Translate a table value (marked with ``QT_TRANSLATE_NOOP(CONTEXT, ...)``)."""
    return QCoreApplication.translate(CONTEXT, str(text))


# --------------------------------------------------------------------------
# Helpers


def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def date_edit(parent: QWidget, name: str, value: dt.date, latest: dt.date | None) -> QDateEdit:
    """A date field with a calendar popup, ``yyyy-MM-dd``, not after ``latest``."""
    edit = QDateEdit(parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    if latest is not None:
        edit.setMaximumDate(to_qdate(latest))
    edit.setDate(to_qdate(value))
    return edit


def text_edit(parent: QWidget, name: str, height: int, placeholder: str = "") -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setObjectName(name)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def day(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else "—"


def measure_choices(kind: SubjectKind, profile: RuleProfile) -> list[tuple[str, str, str]]:
    """``(id, name, article)`` of the measures ``profile`` allows for ``kind``."""
    return [(m.id, tr_data(m.name), m.article) for m in measures_for(kind, profile)]


def measure_names(ctx: Context, ids: Iterable[str]) -> str:
    known = {m.id: tr_data(m.name) for m in ctx.profile.accountability.measures}
    return "、".join(known.get(i, i) for i in ids)


def show_refusals(
    form: FieldForm, exc: BaseException, field_of: Callable[[str], str | None]
) -> None:
    """Show a service error beside its field (``FieldForm.show_error``), or each
    rule refusal beside the field ``field_of(code)`` names when that row is on
    show; the rest go to the form's general message."""
    if not isinstance(exc, RuleViolation):
        form.show_error(exc)
        return
    form.clear_errors()
    general: list[str] = []
    focused = False
    for refusal in exc.refusals:
        field = field_of(refusal.code)
        widget = form.fields.get(field) if field else None
        if field is None or widget is None or not widget.isVisibleTo(form):
            general.append(tr_refusal(refusal))
            continue
        label = form.errors[field]
        label.setText("\n".join(t for t in (label.text(), tr_refusal(refusal)) if t))
        label.show()
        if not focused:
            widget.setFocus()
            focused = True
    if general:
        form.general.setText("\n".join(general))
        form.general.show()


class CheckGroup(QWidget):
    """Checkboxes in a grid, one per choice id (问责方式、条件)."""

    changed = Signal()

    def __init__(self, name: str, columns: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.columns = columns
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(16)
        self.boxes: dict[str, QCheckBox] = {}
        self.read_only = False

    def set_items(self, items: Sequence[tuple[str, str, str]], checked: Iterable[str] = ()) -> None:
        """Replace the choices with ``(id, text, tooltip)``; tick ``checked``."""
        keep = set(checked)
        for box in self.boxes.values():
            self.grid.removeWidget(box)
            box.hide()
            box.deleteLater()
        self.boxes = {}
        for i, (item_id, text, tip) in enumerate(items):
            box = QCheckBox(text, self)
            box.setObjectName(f"{self.objectName()}_{item_id}")
            box.setToolTip(tip)
            box.setChecked(item_id in keep)
            box.toggled.connect(self.changed)
            self.grid.addWidget(box, i // self.columns, i % self.columns)
            self.boxes[item_id] = box
        first = next(iter(self.boxes.values()), None)
        if first is not None:
            self.setFocusProxy(first)  # tab and errors land on the first box
        self.set_read_only(self.read_only)

    def checked(self) -> list[str]:
        return [i for i, box in self.boxes.items() if box.isChecked()]

    def set_checked(self, ids: Iterable[str]) -> None:
        keep = set(ids)
        for item_id, box in self.boxes.items():
            box.setChecked(item_id in keep)

    def set_read_only(self, read_only: bool) -> None:
        """Read-only keeps the text black: the boxes ignore the mouse and
        keyboard, and unticked ones are hidden."""
        self.read_only = read_only
        for box in self.boxes.values():
            box.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, read_only)
            box.setFocusPolicy(Qt.FocusPolicy.NoFocus if read_only else Qt.FocusPolicy.StrongFocus)
            box.setVisible(not read_only or box.isChecked())


# --------------------------------------------------------------------------
# The decision editor


class DecisionEditor(QWidget):
    """The decision form (问责决定) with a live panel of what the chosen
    measures entail (``preview_consequences``). Supervisors edit drafts;
    everyone else sees it read-only."""

    saved = Signal(str)

    def __init__(self, ctx: Context, session: UserSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.acc = ctx.profile.accountability
        self.decision_id: str | None = None
        self.view: DecisionView | None = None
        self.complaint_id: str | None = None
        self.plan_id: str | None = None
        self.editable = False
        self.loading = False
        self.loaded_values: dict[str, Any] = {}
        self.can_preview = bool(session.roles & decisions.DECIDERS)
        self.agencies: list[AgencyChoice] = decisions.profile_agencies(ctx, session)

        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.form_scroll = scroll = QScrollArea(self)
        scroll.setObjectName("decision_form_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 8, 0)
        self.form = FieldForm(body)
        self.form.setStyleSheet(READ_ONLY_STYLE)
        body_layout.addWidget(self.form)
        body_layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        self.decider = QComboBox(body)
        self.decider.setObjectName("decider_id")
        for agency in self.agencies:
            self.decider.addItem(agency.name, agency.id)
        self.subject_kind = QComboBox(body)
        self.subject_kind.setObjectName("subject_kind")
        for kind in (SubjectKind.OFFICIAL, SubjectKind.AGENCY):
            self.subject_kind.addItem(tr(KIND_NAMES[kind.value]), kind.value)
        self.subject_agency = QComboBox(body)
        self.subject_agency.setObjectName("subject_agency_id")
        self.subject_agency.addItem(self.tr("（请选择）"), None)
        for agency in self.agencies:
            self.subject_agency.addItem(agency.name, agency.id)
        self.subject_official = QComboBox(body)
        self.subject_official.setObjectName("subject_official_id")
        self.grounds = QListWidget(body)
        self.grounds.setObjectName("ground_ids")
        self.grounds.setWordWrap(True)
        self.grounds.setResizeMode(QListView.ResizeMode.Adjust)
        self.grounds.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.grounds.installEventFilter(self)
        self.measures = CheckGroup("measure_ids", 3, body)
        self.mitigation = QComboBox(body)
        self.mitigation.setObjectName("mitigation_id")
        self.mitigation.addItem(self.tr("不适用"), None)
        for m in self.acc.mitigations:
            self.mitigation.addItem(f"{tr_data(m.name)}（{m.article}）", m.id)
        self.conditions = CheckGroup("conditions_met", 1, body)
        self.outcome = QComboBox(body)
        self.outcome.setObjectName("mitigation_outcome")
        self.baseline = CheckGroup("baseline_measure_ids", 3, body)
        self.facts = text_edit(body, "facts", 90, self.tr("经调查核实的事实、证据"))
        self.higher_office = QCheckBox(self.tr("由问责对象的上级机关效能建设工作机构作出"), body)
        self.higher_office.setObjectName("issued_by_higher_office")

        add = self.form.add
        add("decider_id", self.tr("作出决定机关"), self.decider)
        add("subject_kind", self.tr("问责对象"), self.subject_kind)
        add("subject_agency_id", self.tr("所在单位"), self.subject_agency)
        add("subject_official_id", self.tr("工作人员"), self.subject_official)
        add("ground_ids", self.tr("问责情形"), self.grounds)
        add("measure_ids", self.tr("问责方式"), self.measures)
        add("mitigation_id", self.tr("从轻、减轻或免予"), self.mitigation)
        add("conditions_met", self.tr("符合的条件"), self.conditions)
        add("mitigation_outcome", self.tr("处理"), self.outcome)
        add("baseline_measure_ids", self.tr("原应适用的问责方式"), self.baseline)
        add("facts", self.tr("事实"), self.facts)
        add("issued_by_higher_office", "", self.higher_office)
        order: list[QWidget] = [
            self.decider,
            self.subject_kind,
            self.subject_agency,
            self.subject_official,
            self.grounds,
            self.measures,
            self.mitigation,
            self.conditions,
            self.outcome,
            self.baseline,
            self.facts,
            self.higher_office,
        ]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

        panel = QGroupBox(self.tr("问责后果与须办事项"), self)
        panel.setObjectName("consequences_panel")
        panel.setFixedWidth(340)
        panel_layout = QVBoxLayout(panel)
        panel_scroll = QScrollArea(panel)
        panel_scroll.setWidgetResizable(True)
        panel_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.consequences = QLabel(panel_scroll)
        self.consequences.setObjectName("consequences")
        self.consequences.setWordWrap(True)
        self.consequences.setTextFormat(Qt.TextFormat.RichText)
        self.consequences.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.consequences.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.consequences.setContentsMargins(6, 6, 6, 6)
        self.consequences.setStyleSheet("background: palette(base);")
        panel_scroll.setWidget(self.consequences)
        panel_layout.addWidget(panel_scroll)
        outer.addWidget(panel)

        self.subject_kind.currentIndexChanged.connect(self.kind_changed)
        self.subject_agency.currentIndexChanged.connect(self.agency_changed)
        self.subject_official.currentIndexChanged.connect(self.update_preview)
        self.measures.changed.connect(self.update_preview)
        self.mitigation.currentIndexChanged.connect(self.mitigation_changed)
        self.outcome.currentIndexChanged.connect(self.update_rows)
        self.new()

    # ------------------------------------------------------------ loading

    def kind(self) -> SubjectKind:
        return SubjectKind(self.subject_kind.currentData())

    def new(self) -> None:
        """An empty draft (新建问责决定)."""
        self.loading = True
        self.decision_id = None
        self.view = None
        self.complaint_id = None
        self.plan_id = None
        office = self.decider.findData(self.session.office_id)
        if office < 0:
            office = next((i for i, a in enumerate(self.agencies) if a.kind == "office"), 0)
        self.decider.setCurrentIndex(office)
        self.subject_kind.setCurrentIndex(0)
        self.subject_agency.setCurrentIndex(0)
        self.load_officials(None)
        self.load_grounds(())
        self.measures.set_items(self.measure_items(), ())
        self.mitigation.setCurrentIndex(0)
        self.load_mitigation((), None, ())
        self.facts.setPlainText("")
        self.higher_office.setChecked(False)
        self.loading = False
        self.set_editable(decisions.can_draft_decisions(self.session))
        self.form.clear_errors()
        self.update_preview()
        self.loaded_values = self.values()

    def load(self, view: DecisionView, editable: bool) -> None:
        """Show a stored decision; ``editable`` when the service offers editing."""
        self.loading = True
        self.decision_id = view.id
        self.view = view
        self.complaint_id = view.complaint_id
        self.plan_id = view.plan_id
        self.decider.setCurrentIndex(max(0, self.decider.findData(view.decider_id)))
        self.subject_kind.setCurrentIndex(max(0, self.subject_kind.findData(view.subject_kind)))
        self.subject_agency.setCurrentIndex(
            max(0, self.subject_agency.findData(view.subject_agency_id))
        )
        self.load_officials(view.subject_official_id)
        self.load_grounds(view.ground_ids)
        self.measures.set_items(self.measure_items(), view.measure_ids)
        self.mitigation.setCurrentIndex(max(0, self.mitigation.findData(view.mitigation_id)))
        self.load_mitigation(
            view.conditions_met, view.mitigation_outcome, view.baseline_measure_ids
        )
        self.facts.setPlainText(view.facts)
        self.higher_office.setChecked(view.issued_by_higher_office)
        self.loading = False
        self.set_editable(editable)
        self.form.clear_errors()
        self.update_preview()
        self.loaded_values = self.values()

    def measure_items(self) -> list[tuple[str, str, str]]:
        """Only the measures the profile allows for the subject kind (FJ 37 / MAS 18)."""
        return measure_choices(self.kind(), self.ctx.profile)

    def load_grounds(self, checked: Iterable[str]) -> None:
        """The profile's grounds that apply to the subject kind; heads-only marked."""
        keep = set(checked)
        kind = self.kind()
        self.grounds.clear()
        for g in self.acc.grounds:
            if kind not in g.subjects:
                continue
            text = f"{g.article}  {g.text}"
            if g.heads_only and kind is SubjectKind.OFFICIAL:
                text += self.tr("〔仅限单位负责人〕")
            item = QListWidgetItem(text, self.grounds)
            item.setData(Qt.ItemDataRole.UserRole, g.id)
            item.setToolTip(g.text)
            item.setCheckState(Qt.CheckState.Checked if g.id in keep else Qt.CheckState.Unchecked)
        self.set_grounds_read_only(not self.editable)

    def load_officials(self, selected: str | None) -> None:
        self.subject_official.blockSignals(True)
        self.subject_official.clear()
        self.subject_official.addItem(self.tr("（请选择）"), None)
        agency_id = self.subject_agency.currentData()
        if agency_id:
            for o in directory.list_officials(self.ctx, self.session, agency_id):
                label = f"{o.name} · {o.position}" if o.position else o.name
                if o.is_head:
                    label += self.tr("（负责人）")
                self.subject_official.addItem(label, o.id)
        self.subject_official.setCurrentIndex(max(0, self.subject_official.findData(selected)))
        self.subject_official.blockSignals(False)

    def load_mitigation(
        self, conditions: Iterable[str], outcome: str | None, baseline: Iterable[str]
    ) -> None:
        mitigation_id = self.mitigation.currentData()
        mitigation = next((m for m in self.acc.mitigations if m.id == mitigation_id), None)
        self.conditions.set_items(
            [(c.id, c.text, "") for c in mitigation.conditions] if mitigation else [], conditions
        )
        self.outcome.blockSignals(True)
        self.outcome.clear()
        if mitigation is not None:
            for value in MitigationOutcome:
                if value in mitigation.outcomes:
                    self.outcome.addItem(tr(OUTCOME_NAMES[value.value]), value.value)
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(outcome)))
        self.outcome.blockSignals(False)
        self.baseline.set_items(self.measure_items(), baseline)
        self.update_rows()

    # ------------------------------------------------------------- events

    def kind_changed(self) -> None:
        if self.loading:
            return
        self.load_grounds(self.ground_ids())
        self.measures.set_items(self.measure_items(), self.measures.checked())
        self.baseline.set_items(self.measure_items(), self.baseline.checked())
        self.update_rows()
        self.update_preview()

    def agency_changed(self) -> None:
        if self.loading:
            return
        self.load_officials(None)
        self.update_preview()

    def mitigation_changed(self) -> None:
        if self.loading:
            return
        self.load_mitigation((), None, self.baseline.checked())

    def update_rows(self) -> None:
        """Show only the rows that apply: the official for 工作人员; conditions and
        outcome with a mitigation; the baseline for 从轻 / 减轻."""
        layout = self.form.layout_
        official = self.kind() is SubjectKind.OFFICIAL
        mitigated = self.mitigation.currentData() is not None
        outcome = self.outcome.currentData() if mitigated else None
        baseline = outcome in (MitigationOutcome.LIGHTER.value, MitigationOutcome.REDUCED.value)
        for name, visible in (
            ("subject_official_id", official),
            ("mitigation_id", self.editable or mitigated),
            ("conditions_met", mitigated),
            ("mitigation_outcome", mitigated),
            ("baseline_measure_ids", baseline),
        ):
            box = self.form.fields[name].parentWidget()
            if box is not None:
                layout.setRowVisible(box, visible)

    def set_grounds_read_only(self, read_only: bool) -> None:
        for i in range(self.grounds.count()):
            item = self.grounds.item(i)
            flags = Qt.ItemFlag.ItemIsEnabled
            if not read_only:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)
            item.setHidden(read_only and item.checkState() != Qt.CheckState.Checked)
        self.fit_grounds()

    def fit_grounds(self) -> None:
        """The grounds list as high as its (wrapped) rows, scrolling past a limit
        while editing; read-only it shows every chosen ground."""
        self.grounds.doItemsLayout()  # wrap the rows at the list's present width
        items = [self.grounds.item(i) for i in range(self.grounds.count())]
        height = sum(self.grounds.visualItemRect(i).height() for i in items if not i.isHidden())
        height += 2 * self.grounds.frameWidth() + 6
        limit = GROUNDS_MAX_HEIGHT if self.editable else 10_000
        self.grounds.setFixedHeight(max(32, min(height, limit)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.grounds and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self, self.fit_grounds)  # once the new width is laid out
        return False

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        for widget in (
            self.decider,
            self.subject_kind,
            self.subject_agency,
            self.subject_official,
            self.mitigation,
            self.outcome,
            self.higher_office,
        ):
            widget.setEnabled(editable)
        self.facts.setReadOnly(not editable)
        self.set_grounds_read_only(not editable)
        for group in (self.measures, self.conditions, self.baseline):
            group.set_read_only(not editable)
        self.update_rows()

    def is_dirty(self) -> bool:
        """Whether the form holds changes not saved yet."""
        return self.editable and self.values() != self.loaded_values

    def ground_item(self, ground_id: str) -> QListWidgetItem | None:
        for i in range(self.grounds.count()):
            item = self.grounds.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == ground_id:
                return item
        return None

    def ground_ids(self) -> list[str]:
        out = []
        for i in range(self.grounds.count()):
            item = self.grounds.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    # -------------------------------------------------------------- saving

    def values(self) -> dict[str, Any]:
        """The form as the service's keyword arguments."""
        kind = self.kind()
        mitigation_id = self.mitigation.currentData()
        outcome = self.outcome.currentData() if mitigation_id is not None else None
        baseline = outcome in (MitigationOutcome.LIGHTER.value, MitigationOutcome.REDUCED.value)
        return {
            "decider_id": self.decider.currentData() or "",
            "subject_kind": kind.value,
            "subject_agency_id": self.subject_agency.currentData() or "",
            "subject_official_id": self.subject_official.currentData()
            if kind is SubjectKind.OFFICIAL
            else None,
            "ground_ids": self.ground_ids(),
            "measure_ids": self.measures.checked(),
            "baseline_measure_ids": self.baseline.checked() if baseline else [],
            "mitigation_id": mitigation_id,
            "mitigation_outcome": outcome,
            "conditions_met": self.conditions.checked() if mitigation_id is not None else [],
            "facts": self.facts.toPlainText(),
            "complaint_id": self.complaint_id,
            "plan_id": self.plan_id,
            "issued_by_higher_office": self.higher_office.isChecked(),
        }

    def save(self) -> str | None:
        """Draft or update (起草 / 修改); refusals beside their fields. Returns the id."""
        values = self.values()
        reduced = values["mitigation_outcome"] == MitigationOutcome.REDUCED.value
        self.form.clear_errors()
        try:
            if self.decision_id is None:
                decision_id = decisions.draft_decision(self.ctx, self.session, **values)
            else:
                decision_id = self.decision_id
                decisions.update_decision(self.ctx, self.session, decision_id, **values)
        except (ServiceError, RuleViolation) as exc:
            show_refusals(
                self.form, exc, lambda code: decisions.decision_refusal_field(code, reduced=reduced)
            )
            QTimer.singleShot(0, self, self.reveal_first_error)  # once the messages are laid out
            return None
        self.loaded_values = values
        self.saved.emit(decision_id)
        return decision_id

    def reveal_first_error(self) -> None:
        """Scroll the form to the first message shown (a field's, else the form's)."""
        shown = [label for label in self.form.errors.values() if not label.isHidden()]
        if not self.form.general.isHidden():
            shown.append(self.form.general)
        if shown:
            first = min(shown, key=lambda label: label.mapTo(self.form, label.rect().topLeft()).y())
            self.form_scroll.ensureWidgetVisible(first, 0, 60)

    # ------------------------------------------------------------ preview

    def update_preview(self) -> None:
        """Refresh the consequences panel from ``preview_consequences``."""
        if self.loading:
            return
        if not self.can_preview:
            notices = self.view.notices if self.view is not None else ()
            self.consequences.setText(self.notices_html(notices))
            return
        values = self.values()
        signed = self.view is not None and self.view.state == decisions.SIGNED
        measures = (
            list(self.view.effective_measure_ids)
            if signed and self.view is not None
            else values["measure_ids"]
        )
        try:
            preview = decisions.preview_consequences(
                self.ctx,
                self.session,
                decision_id=self.decision_id,
                subject_kind=values["subject_kind"],
                subject_agency_id=values["subject_agency_id"] or None,
                subject_official_id=values["subject_official_id"],
                measure_ids=measures,
            )
        except (ServiceError, RuleViolation) as exc:
            self.consequences.setText(f'<p style="{HINT_STYLE}">{html.escape(error_text(exc))}</p>')
            return
        self.consequences.setText(self.preview_html(preview, measures, signed))

    def preview_html(self, preview: Preview, measures: Sequence[str], signed: bool) -> str:
        c = preview.consequences
        esc = html.escape
        parts: list[str] = []
        if signed:
            parts.append(
                "<p>" + esc(self.tr("按决定日期 {on} 计：").format(on=c.on.isoformat())) + "</p>"
            )
            view = self.view
            if view is not None and list(view.effective_measure_ids) != list(view.measure_ids):
                parts.append(
                    "<p>"
                    + esc(
                        self.tr("申诉处理后现行问责方式：{m}").format(
                            m=measure_names(self.ctx, measures) or self.tr("无（已撤销）")
                        )
                    )
                    + "</p>"
                )
        else:
            parts.append(
                "<p>" + esc(self.tr("若于今天（{on}）签发：").format(on=c.on.isoformat())) + "</p>"
            )
        parts.append("<p><b>" + esc(self.tr("后果")) + "</b></p>")
        if not measures:
            parts.append(f'<p style="{HINT_STYLE}">' + esc(self.tr("尚未选择问责方式。")) + "</p>")
        elif self.kind() is SubjectKind.AGENCY:
            parts.append(
                f'<p style="{HINT_STYLE}">'
                + esc(self.tr("对机关（单位）的问责不产生个人后果，计入单位的问责记录。"))
                + "</p>"
            )
        elif not c.effects:
            parts.append(f'<p style="{HINT_STYLE}">' + esc(self.tr("无。")) + "</p>")
        else:
            items = []
            for e in c.effects:
                text = tr_message(e.text)
                if e.until is not None:
                    text += self.tr("，至 {until}").format(until=e.until.isoformat())
                text += f"（{'、'.join(e.articles)}）"
                items.append(f"<li>{esc(text)}</li>")
            parts.append("<ul>" + "".join(items) + "</ul>")
        if c.thresholds:
            known = {t.id: t for t in self.acc.thresholds}
            items = []
            for t in c.thresholds:
                rule = known.get(t.threshold_id)
                counted = [m.id for m in self.acc.measures if rule and m.id in rule.measures]
                names = measure_names(self.ctx, counted)
                items.append(
                    "<li>"
                    + esc(
                        self.tr("{window}被给予{names}共 {n} 次（{article}：{m} 次以上）").format(
                            window=tr(WINDOW_NAMES.get(t.window.value, t.window.value)),
                            names=names,
                            n=t.count,
                            article=t.article,
                            m=t.min_count,
                        )
                    )
                    + "</li>"
                )
            parts.append(
                "<p><b>" + esc(self.tr("累计")) + "</b></p><ul>" + "".join(items) + "</ul>"
            )
        history = [
            me
            for me in c.measure_effects
            if not (me.decided_on == c.on and me.measure_id in measures)
        ]
        if history:
            items = []
            for me in history:
                text = f"{me.decided_on.isoformat()} {measure_names(self.ctx, [me.measure_id])}"
                if me.until is not None:
                    state = self.tr("在期") if me.active else self.tr("已届满")
                    text += self.tr("：至 {until}（{state}）").format(
                        until=me.until.isoformat(), state=state
                    )
                items.append(f"<li>{esc(text)}</li>")
            parts.append(
                "<p><b>" + esc(self.tr("此前问责记录")) + "</b></p><ul>" + "".join(items) + "</ul>"
            )
        parts.append(self.notices_html(preview.notices))
        return "".join(parts)

    def notices_html(self, notices: Sequence[Notice]) -> str:
        esc = html.escape
        head = "<p><b>" + esc(self.tr("须办事项")) + "</b></p>"
        if not notices:
            return head + f'<p style="{HINT_STYLE}">' + esc(self.tr("无。")) + "</p>"
        items = "".join(f"<li>{esc(tr_cited(n.text, n.article))}</li>" for n in notices)
        return head + "<ul>" + items + "</ul>"


# --------------------------------------------------------------------------
# Dialogs


class FormDialog(QDialog):
    """A dialog with a :class:`FieldForm`, an intro line and OK / 取消.
    ``submit()`` does the work; on success the dialog is accepted."""

    def __init__(self, name: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setMinimumWidth(520)
        self.layout_ = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setObjectName("intro")
        self.intro.setWordWrap(True)
        self.intro.hide()
        self.layout_.addWidget(self.intro)
        self.form = FieldForm(self)
        self.layout_.addWidget(self.form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
            parent=self,
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("submit")
        self.ok.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取消"))
        cancel.setObjectName("cancel")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self, title: str, ok_text: str) -> None:
        self.setWindowTitle(title)
        self.ok.setText(ok_text)
        self.layout_.addWidget(self.buttons)

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.setVisible(bool(text))

    def submit(self) -> bool:
        raise NotImplementedError

    def run(self, action: Callable[[], object], field_of: Callable[[str], str | None]) -> bool:
        """Call the service; accept on success, else show the refusal and stay."""
        self.form.clear_errors()
        try:
            action()
        except (ServiceError, RuleViolation) as exc:
            show_refusals(self.form, exc, field_of)
            needed = self.sizeHint().height()
            if self.height() < needed:  # room for the messages
                self.resize(self.width(), needed)
            return False
        self.accept()
        return True


def _no_field(code: str) -> str | None:
    return None


class SignDialog(FormDialog):
    """签发 (the office head): the decision date."""

    def __init__(self, ctx: Context, session: UserSession, view: DecisionView, parent: QWidget):
        super().__init__("sign_dialog", parent)
        self.ctx = ctx
        self.session = session
        self.view = view
        self.set_intro(
            self.tr("问责对象：{subject}；问责方式：{measures}。签发后不能再修改。").format(
                subject=view.subject_name,
                measures="、".join(tr_data(m.name) for m in view.measures) or self.tr("免予问责"),
            )
        )
        self.decided_on = date_edit(self, "decided_on", ctx.today(), ctx.today())
        self.form.add("decided_on", self.tr("决定日期"), self.decided_on)
        self.finish_layout(self.tr("签发问责决定"), self.tr("签发"))

    def submit(self) -> bool:
        return self.run(
            lambda: decisions.sign_decision(
                self.ctx, self.session, self.view.id, decided_on=to_date(self.decided_on.date())
            ),
            decisions.decision_refusal_field,
        )


class ReceiptDialog(FormDialog):
    """登记送达: the day the subject received the decision (the appeal window starts)."""

    def __init__(self, ctx: Context, session: UserSession, view: DecisionView, parent: QWidget):
        super().__init__("receipt_dialog", parent)
        self.ctx = ctx
        self.session = session
        self.view = view
        article = ctx.profile.appeals.filing.article
        self.set_intro(
            self.tr("申诉期限自送达之日起算（{article}）；登记申诉后不能再更改。").format(
                article=article
            )
        )
        start = view.received_on or ctx.today()
        self.received_on = date_edit(self, "received_on", start, ctx.today())
        if view.decided_on is not None:
            self.received_on.setMinimumDate(to_qdate(view.decided_on))
        self.form.add("received_on", self.tr("送达日期"), self.received_on)
        self.finish_layout(self.tr("登记送达日期"), self.tr("登记"))

    def submit(self) -> bool:
        return self.run(
            lambda: decisions.record_receipt(
                self.ctx, self.session, self.view.id, to_date(self.received_on.date())
            ),
            _no_field,
        )


class AppealDialog(FormDialog):
    """登记申诉 (FJ 41 / MAS 24): received date, the body, written, grounds, statement."""

    def __init__(self, ctx: Context, session: UserSession, view: DecisionView, parent: QWidget):
        super().__init__("appeal_dialog", parent)
        self.ctx = ctx
        self.session = session
        self.view = view
        self.appeal_id: str | None = None
        self.set_intro(
            self.tr("针对：{subject}（{measures}）").format(
                subject=view.subject_name,
                measures="、".join(tr_data(m.name) for m in view.measures),
            )
        )
        self.received_on = date_edit(self, "received_on", ctx.today(), ctx.today())
        self.body = QComboBox(self)
        self.body.setObjectName("body_id")
        for body_id, name in decisions.appeal_bodies_for(ctx, session, view.id):
            self.body.addItem(name, body_id)
        self.written = QCheckBox(self.tr("书面申诉"), self)
        self.written.setObjectName("written")
        self.written.setChecked(True)
        self.grounds = text_edit(self, "grounds", 70, self.tr("每行一项理由，如：事实认定有误"))
        self.statement = text_edit(self, "statement", 90, self.tr("申诉人陈述的主要内容"))
        self.form.add("received_on", self.tr("收到申诉日期"), self.received_on)
        self.form.add("body_id", self.tr("受理机关"), self.body)
        self.form.add("written", "", self.written)
        self.form.add("grounds", self.tr("申诉理由"), self.grounds)
        self.form.add("statement", self.tr("申诉陈述"), self.statement)
        self.finish_layout(self.tr("登记申诉"), self.tr("登记"))

    def grounds_list(self) -> list[str]:
        return [line.strip() for line in self.grounds.toPlainText().splitlines() if line.strip()]

    def submit(self) -> bool:
        def register() -> None:
            self.appeal_id = decisions.register_appeal(
                self.ctx,
                self.session,
                self.view.id,
                received_on=to_date(self.received_on.date()),
                body_id=self.body.currentData() or "",
                written=self.written.isChecked(),
                grounds=self.grounds_list(),
                statement=self.statement.toPlainText(),
            )

        return self.run(register, decisions.appeal_refusal_field)


class AppealDecisionDialog(FormDialog):
    """作出申诉处理决定 (the office head): 维持 / 变更 / 撤销; never heavier (FJ 41)."""

    def __init__(
        self,
        ctx: Context,
        session: UserSession,
        view: DecisionView,
        appeal: AppealView,
        parent: QWidget,
    ):
        super().__init__("appeal_decision_dialog", parent)
        self.ctx = ctx
        self.session = session
        self.view = view
        self.appeal = appeal
        self.decided: AppealDecided | None = None
        self.set_intro(
            self.tr(
                "申诉人：{subject}；收到申诉：{received}；理由：{grounds}。\n"
                "现行问责方式：{measures}；处理期限：{due}（{article}）。"
            ).format(
                subject=view.subject_name,
                received=appeal.received_on.isoformat(),
                grounds="、".join(appeal.grounds),
                measures=measure_names(ctx, view.effective_measure_ids) or self.tr("无"),
                due=appeal.decision_deadline.due.isoformat(),
                article=ctx.profile.appeals.decision.article,
            )
        )
        self.decided_on = date_edit(self, "decided_on", ctx.today(), ctx.today())
        self.outcome = QComboBox(self)
        self.outcome.setObjectName("outcome")
        for value, name in APPEAL_OUTCOME_NAMES.items():
            self.outcome.addItem(tr(name), value)
        self.measures = CheckGroup("outcome_measure_ids", 3, self)
        kind = SubjectKind(view.subject_kind)
        self.measures.set_items(measure_choices(kind, ctx.profile))
        self.reasons = text_edit(self, "reasons", 90, self.tr("处理理由"))
        self.form.add("decided_on", self.tr("决定日期"), self.decided_on)
        self.form.add("outcome", self.tr("处理结果"), self.outcome)
        self.form.add("outcome_measure_ids", self.tr("变更后的问责方式"), self.measures)
        self.form.add("reasons", self.tr("理由"), self.reasons)
        self.finish_layout(self.tr("作出申诉处理决定"), self.tr("作出决定"))
        self.outcome.currentIndexChanged.connect(self.update_rows)
        self.update_rows()

    def update_rows(self) -> None:
        box = self.measures.parentWidget()
        if box is not None:
            self.form.layout_.setRowVisible(box, self.outcome.currentData() == "varied")

    def submit(self) -> bool:
        outcome = self.outcome.currentData()

        def decide() -> None:
            self.decided = decisions.decide_appeal(
                self.ctx,
                self.session,
                self.appeal.id,
                decided_on=to_date(self.decided_on.date()),
                outcome=outcome,
                outcome_measure_ids=self.measures.checked() if outcome == "varied" else [],
                reasons=self.reasons.toPlainText(),
            )

        return self.run(decide, decisions.appeal_refusal_field)


class RectificationDialog(FormDialog):
    """提出整改要求或督查建议 (FJ 28 / MAS 22; supervisors)."""

    def __init__(
        self,
        ctx: Context,
        session: UserSession,
        agencies: Sequence[AgencyChoice],
        parent: QWidget,
        decision_id: str | None = None,
    ):
        super().__init__("rectification_dialog", parent)
        self.ctx = ctx
        self.session = session
        self.decision_id = decision_id
        self.rectification_id: str | None = None
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        for value, name in RECTIFICATION_KINDS.items():
            self.kind.addItem(tr(name), value)
        self.agency = QComboBox(self)
        self.agency.setObjectName("agency_id")
        self.agency.addItem(self.tr("（请选择）"), None)
        for agency in agencies:
            if agency.kind == "agency":
                self.agency.addItem(agency.name, agency.id)
        self.content = text_edit(self, "content", 90, self.tr("整改要求或建议的具体内容"))
        self.issued_on = date_edit(self, "issued_on", ctx.today(), ctx.today())
        due_box = QWidget(self)
        due_row = QHBoxLayout(due_box)
        due_row.setContentsMargins(0, 0, 0, 0)
        rule = ctx.profile.deadline(rectifications.DEADLINE_KEY)
        if rule is not None:
            default = self.tr("按规定期限（{n}{unit}）").format(
                n=rule.limit.amount, unit=tr(UNIT_NAMES.get(rule.limit.unit.value, ""))
            )
        else:
            default = self.tr("按规定期限")
        self.default_due = QCheckBox(default, due_box)
        self.default_due.setObjectName("default_due")
        self.default_due.setChecked(rule is not None)
        self.default_due.setEnabled(rule is not None)
        self.due_on = date_edit(due_box, "due_on", ctx.today(), None)
        due_row.addWidget(self.default_due)
        due_row.addWidget(self.due_on)
        due_row.addStretch(1)
        self.default_due.toggled.connect(lambda on: self.due_on.setEnabled(not on))
        self.due_on.setEnabled(not self.default_due.isChecked())
        self.form.add("kind", self.tr("类型"), self.kind)
        self.form.add("agency_id", self.tr("被督查单位"), self.agency)
        self.form.add("content", self.tr("内容"), self.content)
        self.form.add("issued_on", self.tr("提出日期"), self.issued_on)
        self.form.add("due_on", self.tr("整改期限"), due_box)
        self.finish_layout(self.tr("提出整改要求或督查建议"), self.tr("提出"))

    def submit(self) -> bool:
        due = None if self.default_due.isChecked() else to_date(self.due_on.date())

        def issue() -> None:
            self.rectification_id = rectifications.issue_rectification(
                self.ctx,
                self.session,
                kind=self.kind.currentData(),
                agency_id=self.agency.currentData() or "",
                content=self.content.toPlainText(),
                issued_on=to_date(self.issued_on.date()),
                due_on=due,
                decision_id=self.decision_id,
            )

        return self.run(issue, _no_field)


class FollowUpDialog(FormDialog):
    """登记整改情况: done, rejected (with the agency's reason, FJ 28) or reopened."""

    def __init__(
        self, ctx: Context, session: UserSession, record: RectificationView, parent: QWidget
    ):
        super().__init__("follow_up_dialog", parent)
        self.ctx = ctx
        self.session = session
        self.record = record
        self.set_intro(
            self.tr("{kind} · {agency} · 期限 {due}\n{content}").format(
                kind=tr(RECTIFICATION_KINDS.get(record.kind, record.kind_name)),
                agency=record.agency_name,
                due=record.due_on.isoformat(),
                content=record.content,
            )
        )
        self.state = QComboBox(self)
        self.state.setObjectName("state")
        for value, name in RECTIFICATION_STATES.items():
            self.state.addItem(tr(name), value)
        self.state.setCurrentIndex(max(0, self.state.findData(record.state)))
        self.follow_up = text_edit(
            self, "follow_up", 100, self.tr("整改情况；未采纳的，写明被督查单位提出的理由")
        )
        self.follow_up.setPlainText(record.follow_up)
        self.form.add("state", self.tr("整改情况"), self.state)
        self.form.add("follow_up", self.tr("说明"), self.follow_up)
        self.finish_layout(self.tr("登记整改情况"), self.tr("保存"))

    def submit(self) -> bool:
        return self.run(
            lambda: rectifications.record_follow_up(
                self.ctx,
                self.session,
                self.record.id,
                follow_up=self.follow_up.toPlainText(),
                state=self.state.currentData(),
            ),
            _no_field,
        )
