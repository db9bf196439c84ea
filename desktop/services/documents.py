"""Official documents (文书): signing them off, which gives the document number
(发文字号), and filling one for the screen or the printer.

A numbered document (its template has ``number_prefix``) gets its number when
a supervisor or the office head signs it off, never before; until then it
prints as a draft (no number, title marked 草稿). The number is the next of the
record's profile's prefix in the sign-off year (China time), given in the
sign-off's transaction (:mod:`desktop.documents.numbers`), with its audit entry
and sync operation (:func:`~desktop.services.base.change`, entity
``issued_documents``).

Who signs off what:

* the accountability decision (效能问责决定书 / 效能告诫决定书 / 效能责任追究决定书)
  is numbered when the office head signs the decision
  (:func:`desktop.services.decisions.sign_decision`); :func:`sign_off_document`
  only numbers a decision signed before numbering existed;
* the appeal decision (申诉处理决定书 / 复核决定书): the office head, once the
  appeal is decided;
* the supervision suggestion, rectification notice, complaint transfer and
  supervision slips and the reply to a complainant: a supervisor or the
  office head, once the record is in a state the document fits (the
  template's ``applies`` tests: e.g. a reply only for a closed complaint).

Signing off a document that already has its number returns that number and
writes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from sqlalchemy.orm import Session

from desktop.documents import numbers
from desktop.documents.forms import Template, applies, fill, load_forms
from desktop.documents.model import Document
from desktop.documents.records import (
    build_documents,
    complaint_reply,
    context,
    find_record,
    profile_of,
)
from desktop.domain.common import Role
from desktop.domain.profile import RuleProfile
from desktop.services import auth
from desktop.services.auth import UserSession
from desktop.services.base import (
    Context,
    Forbidden,
    InvalidInput,
    ServiceError,
    change,
    require_role,
)
from desktop.store.models import Decision, IssuedDocument

__all__ = [
    "HEAD_SIGNED",
    "SIGNERS",
    "DocumentWorkflowError",
    "build_document",
    "decision_kind",
    "issue_number",
    "sign_off_document",
]

#: Who may sign off a numbered document (签发).
SIGNERS: Final = frozenset({Role.SUPERVISOR, Role.OFFICE_HEAD})
#: Record types whose documents only the office head signs off.
HEAD_SIGNED: Final = frozenset({"decision", "appeal"})

#: Who may see a document of each record type (besides the plan visibility rule).
_READERS: Final[dict[str, frozenset[Role]]] = {
    "decision": frozenset(
        {Role.SUPERVISOR, Role.OFFICE_HEAD, Role.INSPECTOR, Role.COMPLAINT_HANDLER}
    ),
    "rectification": frozenset({Role.SUPERVISOR, Role.OFFICE_HEAD, Role.INSPECTOR}),
    "complaint": frozenset({Role.COMPLAINT_HANDLER, Role.SUPERVISOR, Role.OFFICE_HEAD}),
    "appeal": frozenset({Role.SUPERVISOR, Role.OFFICE_HEAD}),
    "plan": frozenset(Role) - {Role.ADMINISTRATOR},
    "visit": frozenset(Role) - {Role.ADMINISTRATOR},
}


class DocumentWorkflowError(ServiceError):
    """A document that cannot be signed off in the record's present state."""

    code = "document.workflow"


def _template(profile: RuleProfile, kind: str, record_type: str) -> Template:
    try:
        template = load_forms(profile).template(kind)
    except KeyError:
        raise InvalidInput(f"规则配置“{profile.name}”没有该文书（{kind}）", field="kind") from None
    if template.record != record_type:
        raise InvalidInput(f"该记录不能制作此文书（{kind}）", field="kind")
    return template


def decision_kind(db: Session, decision: Decision, today: dt.date) -> str:
    """The document a decision is printed as in its profile: the template for
    decisions whose ``applies`` tests hold (e.g. 效能告诫决定书 when the
    Ma'anshan decision gives 效能告诫, else 效能责任追究决定书)."""
    profile = profile_of(db, "decision", decision)
    base = context(db, "decision", decision.id, today=today)
    kinds = [
        t.kind
        for t in load_forms(profile).for_record("decision")
        if t.numbered and applies(t, base)
    ]
    if len(kinds) != 1:
        raise DocumentWorkflowError(
            f"问责决定应恰有一种文书式样，实有 {len(kinds)} 种（{'、'.join(kinds) or '无'}）",
            code="document.template_ambiguous",
        )
    return kinds[0]


def issue_number(
    ctx: Context,
    db: Session,
    user: UserSession,
    *,
    kind: str,
    record_id: str,
    profile: RuleProfile,
) -> tuple[str, bool]:
    """Give the document its number in ``db``'s transaction (with the audit
    entry and the sync operation) unless it has one. Returns the number and
    whether it is new. Callers check roles and the record's state first, and
    should have called :func:`desktop.documents.numbers.begin_write` first
    in the transaction."""
    template = load_forms(profile).template(kind)
    if template.number_prefix is None:
        raise InvalidInput("该文书不编发文字号", field="kind")
    prefix = profile.documents.number_prefixes[template.number_prefix]
    row, new = numbers.assign(
        db,
        kind=kind,
        record_id=record_id,
        prefix=prefix,
        signed_by=user.user_id,
        signed_at=ctx.now(),
    )
    if new:
        change(ctx, db, user, "document.sign_off", row, _row_changes(row), created=True)
    return row.number, new


def _row_changes(row: IssuedDocument) -> dict[str, Any]:
    return {
        "kind": row.kind,
        "record_id": row.record_id,
        "prefix": row.prefix,
        "year": row.year,
        "serial": row.serial,
        "number": row.number,
        "signed_by": row.signed_by,
        "signed_at": row.signed_at.isoformat(),
    }


def sign_off_document(ctx: Context, user: UserSession, kind: str, record_id: str) -> str:
    """Sign off one document (签发) and return its number (发文字号).

    ``kind`` is the template id (``supervision_suggestion``,
    ``rectification_notice``, ``complaint_transfer``, ``complaint_supervision``,
    ``complaint_reply``, ``appeal_decision``; or a decision's kind for a
    decision signed before numbering existed). Refuses a kind without a number,
    a record the document does not fit (e.g. a reply to a complaint not yet
    closed) and the wrong role (:class:`Forbidden`). Signing off again
    returns the number already given.
    """
    auth.touch(ctx, user)
    require_role(user, SIGNERS, "签发文书")
    with ctx.transaction() as db:
        numbers.begin_write(db)
        record_type, record = find_record(db, record_id)
        if record_type in HEAD_SIGNED:
            require_role(user, {Role.OFFICE_HEAD}, "签发该文书")
        profile = profile_of(db, record_type, record)
        template = _template(profile, kind, record_type)
        if not template.numbered:
            raise InvalidInput("该文书不编发文字号，无需签发", field="kind")
        existing = numbers.issued(db, kind, record_id)
        if existing is not None:
            return existing.number
        if record_type == "decision" and record.state != "signed":
            raise DocumentWorkflowError(
                "问责决定尚未签发：签发问责决定时即编发文字号", code="decision.not_signed"
            )
        base = context(db, record_type, record_id, today=ctx.today())
        if not applies(template, base):
            raise DocumentWorkflowError(
                f"该记录当前的状态不适用此文书（{template.title.text}）",
                code="document.not_applicable",
            )
        number, _ = issue_number(ctx, db, user, kind=kind, record_id=record_id, profile=profile)
        if record_type == "decision" and record.document_number is None:
            record.document_number = number
            change(ctx, db, user, "decision.number", record, {"document_number": number})
        return number


def _check_reader(
    ctx: Context, db: Session, user: UserSession, record_type: str, record: Any
) -> None:
    require_role(user, _READERS[record_type], "查看该文书")
    if record_type == "decision" and record.state != "signed" and not user.roles & SIGNERS:
        raise Forbidden("当前用户无权查看问责决定草稿")
    if record_type in ("plan", "visit"):
        from desktop.services.plans import load_visible_plan

        load_visible_plan(ctx, db, user, record.id if record_type == "plan" else record.plan_id)


def build_document(
    ctx: Context,
    user: UserSession,
    kind: str,
    record_id: str,
    *,
    reveal_identity: bool = False,
) -> Document:
    """One document of one record, filled, for the screen or the printer.

    Checks the user may see the record (a 暗访 plan's documents only for those
    who may see the plan). ``reveal_identity`` puts the complainant's name in
    the reply (complaint handlers only; audited), otherwise it addresses
    "投诉人". Raises :class:`~desktop.documents.forms.FieldError` for a
    template that needs a field the record lacks.
    """
    auth.touch(ctx, user)
    with ctx.transaction() as db:
        record_type, record = find_record(db, record_id)
        _check_reader(ctx, db, user, record_type, record)
        profile = profile_of(db, record_type, record)
        template = _template(profile, kind, record_type)
        if not (kind == "complaint_reply" and reveal_identity):
            documents = build_documents(db, record_type, record_id, today=ctx.today(), kind=kind)
            if not documents:
                raise DocumentWorkflowError(
                    f"该记录当前的状态不适用此文书（{template.title.text}）",
                    code="document.not_applicable",
                )
            return documents[0]
    reply = complaint_reply(ctx, record_id, reveal_as=user)
    if not applies(template, reply):
        raise DocumentWorkflowError("投诉尚未办结，不能制作答复函", code="document.not_applicable")
    return fill(template, reply)
