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
from dataclasses import dataclass
from itertools import islice
from typing import Any, Final

from sqlalchemy import literal, select, union_all
from sqlalchemy.orm import Session

from desktop.documents import numbers
from desktop.documents.forms import (
    RECORD_TYPES,
    FormError,
    Template,
    applies,
    fill,
    load_forms,
)
from desktop.documents.model import Document
from desktop.documents.records import (
    build_documents,
    complaint_reply,
    context,
    find_record,
    profile_of,
)
from desktop.domain.common import Role, enumeration
from desktop.domain.messages import msg
from desktop.domain.profile import RuleProfile
from desktop.services import auth
from desktop.services.auth import UserSession
from desktop.services.base import (
    Context,
    Forbidden,
    InvalidInput,
    NotFound,
    ServiceError,
    change,
    require_role,
)
from desktop.store import audit
from desktop.store.db import begin_write
from desktop.store.models import (
    Agency,
    Appeal,
    Complaint,
    Decision,
    InspectionPlan,
    IssuedDocument,
    Official,
    Rectification,
    Visit,
)
from desktop.sync.client import SyncClient
from desktop.sync.errors import SyncError, SyncProtocolError

__all__ = [
    "HEAD_SIGNED",
    "SIGNERS",
    "DocumentWorkflowError",
    "NumberTopUp",
    "build_document",
    "decision_kind",
    "issue_number",
    "sign_off_document",
    "top_up_numbers",
]

#: From this day of December on, blocks of next year's series are fetched too.
NEXT_YEAR_FROM_DAY: Final = 15
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
        raise InvalidInput(
            msg("规则配置“{profile}”没有该文书（{kind}）", profile=profile.name, kind=kind),
            field="kind",
        ) from None
    if template.record != record_type:
        raise InvalidInput(msg("该记录不能制作此文书（{kind}）", kind=kind), field="kind")
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
            msg(
                "问责决定应恰有一种文书式样，实有 {count} 种（{kinds}）",
                count=len(kinds),
                kinds=enumeration(kinds) or msg("无"),
            ),
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
    should have called :func:`desktop.store.db.begin_write` first
    in the transaction. While a server is set, the number comes from this
    laptop's blocks; with none left, :class:`DocumentWorkflowError`
    (``document.no_numbers``: sync to get numbers) and nothing is written."""
    template = load_forms(profile).template(kind)
    if template.number_prefix is None:
        raise InvalidInput(msg("该文书不编发文字号"), field="kind")
    prefix = profile.documents.number_prefixes[template.number_prefix]
    try:
        row, new = numbers.assign(
            db,
            kind=kind,
            record_id=record_id,
            prefix=prefix,
            signed_by=user.user_id,
            signed_at=ctx.now(),
            server_url=numbers.sync_server(db),
        )
    except numbers.NoNumbersLeft as exc:
        raise DocumentWorkflowError(
            msg(
                "本机已没有可用的发文字号（{prefix}〔{year}〕）：请联网同步以获取文号后再签发",
                prefix=exc.prefix,
                year=exc.year,
            ),
            code="document.no_numbers",
        ) from None
    except numbers.SyncAfterRestore:
        raise DocumentWorkflowError(
            msg("本机数据由备份恢复后尚未同步：请先联网同步，取回备份之后已签发的文号，再签发"),
            code="document.sync_after_restore",
        ) from None
    if new:
        change(ctx, db, user, "document.sign_off", row, _row_changes(row), created=True)
    return row.number, new


@dataclass(frozen=True)
class NumberTopUp:
    """What one top-up of the number blocks did: the blocks received (as
    闽效问〔2026〕11—20号), how many past years' blocks had their unused serials
    given back, and why it stopped, if it did."""

    received: tuple[str, ...] = ()
    returned: int = 0
    problem: str = ""


def _span(block: numbers.ReservedBlock) -> str:
    head = f"{block.prefix}〔{block.year}〕{block.first}"
    return f"{head}—{block.last}号" if block.first != block.last else f"{head}号"


def _block_years(today: dt.date) -> list[int]:
    """This year's series, and next year's from mid-December (offline over New Year)."""
    if today >= dt.date(today.year, 12, NEXT_YEAR_FROM_DAY):
        return [today.year, today.year + 1]
    return [today.year]


def top_up_numbers(ctx: Context, user: UserSession, client: SyncClient) -> NumberTopUp:
    """Top up this laptop's document-number blocks (文号段) from the server,
    after a sync (:func:`desktop.services.sync.run_sync`): for each number
    prefix of the profile, in this year (and next year's from mid-December),
    ask for a block of :data:`~desktop.documents.numbers.BLOCK_SIZE` when
    fewer than :data:`~desktop.documents.numbers.LOW_WATER` serials are free;
    then give back the unused serials of past years' blocks. After a restore
    from a backup, numbers are given again from here on
    (:func:`~desktop.documents.numbers.sync_restored`). Only for users
    who may sign off (the server gives blocks to no one else); a failure stops
    the top-up and is reported, never raised (the sync itself is done)."""
    if not user.roles & SIGNERS:
        return NumberTopUp()
    with ctx.transaction() as db:
        url = numbers.sync_server(db)
        # the sync brought back what the server holds, numbers given after a backup too
        numbers.sync_restored(db)
    if not url:
        return NumberTopUp()
    today = numbers.china_date(ctx.now())
    prefixes = sorted(set(ctx.profile.documents.number_prefixes.values()))
    received: list[str] = []
    returned = 0
    try:
        for year in _block_years(today):
            for prefix in prefixes:
                block = _top_up(ctx, client, url, prefix, year)
                if block is not None:
                    received.append(_span(block))
        with ctx.transaction() as db:
            due = numbers.returnable(db, url, today.year)
        for block_id, first_unused in due:
            client.return_numbers(block_id, first_unused)
            with ctx.transaction() as db:
                numbers.mark_returned(db, block_id, first_unused)
                _audit_block(ctx, db, user, "numbers.block_returned", block_id, first_unused)
            returned += 1
    except SyncError as exc:
        return NumberTopUp(tuple(received), returned, exc.message)
    return NumberTopUp(tuple(received), returned)


def _top_up(
    ctx: Context, client: SyncClient, url: str, prefix: str, year: int
) -> numbers.ReservedBlock | None:
    """One series: a new block if the free serials run low (else ``None``)."""
    with ctx.transaction() as db:
        free = len(list(islice(numbers.free_serials(db, url, prefix, year), numbers.LOW_WATER)))
        request_id = numbers.next_request_id(db, ctx.device_id, url, prefix, year)
    if free >= numbers.LOW_WATER:
        return None
    answer = client.number_block(prefix, year, numbers.BLOCK_SIZE, request_id)
    try:
        block = numbers.ReservedBlock.parse(answer)
    except ValueError:
        raise SyncProtocolError(msg("服务器的文号段答复格式不对")) from None
    if (block.prefix, block.year, block.request_id) != (prefix, year, request_id):
        raise SyncProtocolError(msg("服务器答复的文号段与所请求的不符"))
    with ctx.transaction() as db:
        if not numbers.keep_block(db, url, block, ctx.now()):
            return None
        _audit_block(ctx, db, None, "numbers.block_received", block.id, block.first, block.last)
    return block


def _audit_block(
    ctx: Context, db: Session, user: UserSession | None, action: str, block_id: str, *serials: int
) -> None:
    audit.append(
        db,
        at=ctx.now(),
        device_id=ctx.device_id,
        user_id=user.user_id if user is not None else None,
        action=action,
        entity="number_blocks",
        entity_id=block_id,
        details={"serials": list(serials)},
    )


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
    require_role(user, SIGNERS, msg("签发文书"))
    with ctx.transaction() as db:
        begin_write(db)
        record_type, record = find_record(db, record_id)
        if record_type in HEAD_SIGNED:
            require_role(user, {Role.OFFICE_HEAD}, msg("签发该文书"))
        profile = profile_of(db, record_type, record)
        template = _template(profile, kind, record_type)
        if not template.numbered:
            raise InvalidInput(msg("该文书不编发文字号，无需签发"), field="kind")
        existing = numbers.issued(db, kind, record_id)
        if existing is not None:
            return existing.number
        if record_type == "decision" and record.state != "signed":
            raise DocumentWorkflowError(
                msg("问责决定尚未签发：签发问责决定时即编发文字号"), code="decision.not_signed"
            )
        base = context(db, record_type, record_id, today=ctx.today())
        if not applies(template, base):
            raise DocumentWorkflowError(
                msg("该记录当前的状态不适用此文书（{document}）", document=template.title.text),
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
    require_role(user, _READERS[record_type], msg("查看该文书"))
    if record_type == "decision" and record.state != "signed" and not user.roles & SIGNERS:
        raise Forbidden(msg("当前用户无权查看问责决定草稿"))
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
                    msg("该记录当前的状态不适用此文书（{document}）", document=template.title.text),
                    code="document.not_applicable",
                )
            return documents[0]
    reply = complaint_reply(ctx, record_id, reveal_as=user)
    if not applies(template, reply):
        raise DocumentWorkflowError(
            msg("投诉尚未办结，不能制作答复函"), code="document.not_applicable"
        )
    return fill(template, reply)


# --------------------------------------------------------------------------
# The documents page: what can be produced, one row per document


#: :attr:`DocumentRow.actions`: the user may sign the document off now (签发编号).
ACTION_SIGN_OFF: Final = "sign_off"
#: :attr:`DocumentRow.actions`: the user may put the complainant's name in (handlers).
ACTION_REVEAL: Final = "reveal_identity"
#: The kind other pages name a decision's document by; :func:`find_document`
#: maps it to the decision's own template (:func:`decision_kind`).
DECISION_DOCUMENT: Final = "accountability_decision"
#: The largest page :func:`list_documents` returns.
DOCUMENTS_PAGE_MAX: Final = 500

_RECORD_MODELS: Final[dict[str, type[Any]]] = {
    "decision": Decision,
    "rectification": Rectification,
    "complaint": Complaint,
    "appeal": Appeal,
    "plan": InspectionPlan,
    "visit": Visit,
}


@dataclass(frozen=True)
class DocumentRow:
    """One document a record gives (a row of the documents list).

    ``label`` names the record (the decision's subject, the complaint's date
    and agency, the plan's title…); ``number`` is the 发文字号 once signed
    off; ``actions`` what the user may do with it (:data:`ACTION_SIGN_OFF`,
    :data:`ACTION_REVEAL`). Never a complainant's identity."""

    kind: str
    kind_title: str
    record_type: str
    record_id: str
    label: str
    number: str | None
    numbered: bool
    record_date: dt.date | None
    actions: frozenset[str]

    @property
    def draft(self) -> bool:
        """A numbered document not yet signed off (prints as 草稿)."""
        return self.numbered and self.number is None


def _readable_types(user: UserSession) -> list[str]:
    return [t for t in RECORD_TYPES if user.roles & _READERS[t]]


def document_kinds(ctx: Context, user: UserSession) -> list[tuple[str, str]]:
    """The kinds of document of the active profile ``user`` may see, as
    (kind, Chinese title), in record-type order: the documents page's filter."""
    auth.touch(ctx, user)
    forms = load_forms(ctx.profile)
    readable = _readable_types(user)
    return [
        (t.kind, t.title.text) for record_type in readable for t in forms.for_record(record_type)
    ]


def _name(db: Session, model: type[Any], key: str | None) -> str:
    row = db.get(model, key) if key else None
    return str(row.name) if row is not None else (key or "")


def _label(db: Session, record_type: str, record: Any) -> tuple[str, dt.date | None]:
    """How the list names a record, and its date (never a complainant's identity)."""
    if record_type == "decision":
        agency = _name(db, Agency, record.subject_agency_id)
        if record.subject_official_id:
            official = _name(db, Official, record.subject_official_id)
            return msg("{official}（{agency}）", official=official, agency=agency), (
                record.decided_on
            )
        return agency, record.decided_on
    if record_type == "rectification":
        return _name(db, Agency, record.agency_id), record.issued_on
    if record_type == "complaint":
        agency = _name(db, Agency, record.subject_agency_id)
        return f"{record.received_on.isoformat()} {agency}", record.received_on
    if record_type == "appeal":
        decision = db.get(Decision, record.decision_id)
        subject, _ = _label(db, "decision", decision) if decision else ("", None)
        return msg("{subject}的申诉", subject=subject), record.received_on
    if record_type == "plan":
        return str(record.title), record.starts_on
    plan = db.get(InspectionPlan, record.plan_id)
    title = plan.title if plan else record.plan_id
    return msg("{plan}（{place}）", plan=title, place=record.place), record.visited_on


def _may_sign_off(user: UserSession, record_type: str, record: Any) -> bool:
    """As :func:`sign_off_document` checks, for a numbered document without its number."""
    if not user.roles & SIGNERS:
        return False
    if record_type in HEAD_SIGNED and Role.OFFICE_HEAD not in user.roles:
        return False
    return not (record_type == "decision" and record.state != "signed")


def _document_rows(
    ctx: Context,
    db: Session,
    user: UserSession,
    record_type: str,
    record: Any,
    *,
    kind: str | None,
    term: str,
) -> list[DocumentRow]:
    """The documents of one record ``user`` may see (none if they may not see
    the record), of ``kind`` only if given, matching ``term`` (casefolded) in
    the title, the record's label or the number."""
    try:
        _check_reader(ctx, db, user, record_type, record)
    except (Forbidden, NotFound):
        return []
    profile = profile_of(db, record_type, record)
    templates = load_forms(profile).for_record(record_type)
    if kind is not None:
        templates = [t for t in templates if t.kind == kind]
    if not templates:
        return []
    label, day = _label(db, record_type, record)
    issued = numbers.issued_for(db, record.id)
    if term:
        templates = [
            t
            for t in templates
            if term
            in " ".join(
                (t.title.text, label, issued[t.kind].number if t.kind in issued else "")
            ).casefold()
        ]
    if any(t.applies for t in templates):
        base = context(db, record_type, record.id, today=ctx.today())
        kept = []
        for t in templates:
            try:
                if applies(t, base):
                    kept.append(t)
            except FormError:  # a broken template: listed, its preview says what is wrong
                kept.append(t)
        templates = kept
    from desktop.services.complaints import complaint_permissions

    reveal = (
        record_type == "complaint"
        and complaint_permissions(user).reveal_identity
        and not record.anonymous
        and record.sealed_identity is not None
    )
    rows = []
    for t in templates:
        number = issued[t.kind].number if t.kind in issued else None
        actions: set[str] = set()
        if t.numbered and number is None and _may_sign_off(user, record_type, record):
            actions.add(ACTION_SIGN_OFF)
        if reveal and t.kind == "complaint_reply":
            actions.add(ACTION_REVEAL)
        rows.append(
            DocumentRow(
                kind=t.kind,
                kind_title=t.title.text,
                record_type=record_type,
                record_id=record.id,
                label=label,
                number=number,
                numbered=t.numbered,
                record_date=day,
                actions=frozenset(actions),
            )
        )
    return rows


def _records_query(profile_id: str, record_types: list[str]) -> Any:
    """(record type, id) of the active profile's records of ``record_types``,
    newest first (ids are time-ordered)."""
    parts: list[Any] = []
    for record_type in record_types:
        model = _RECORD_MODELS[record_type]
        head = select(literal(record_type).label("record_type"), model.id.label("id"))
        if record_type in ("decision", "complaint", "plan"):
            parts.append(head.where(model.profile_id == profile_id))
        elif record_type == "visit":
            parts.append(
                head.join(InspectionPlan, InspectionPlan.id == Visit.plan_id).where(
                    InspectionPlan.profile_id == profile_id
                )
            )
        elif record_type == "appeal":
            parts.append(
                head.join(Decision, Decision.id == Appeal.decision_id).where(
                    Decision.profile_id == profile_id
                )
            )
        else:
            parts.append(
                head.join(Agency, Agency.id == Rectification.agency_id).where(
                    Agency.profile_id == profile_id
                )
            )
    query = union_all(*parts).subquery()
    return select(query.c.record_type, query.c.id).order_by(query.c.id.desc())


def list_documents(
    ctx: Context,
    user: UserSession,
    *,
    kind: str | None = None,
    search: str = "",
    limit: int = 50,
    offset: int = 0,
) -> list[DocumentRow]:
    """One page of the documents the active profile's records give and
    ``user`` may see (the checks of :func:`build_document`), newest record
    first: of ``kind`` only if given; ``search`` matches the document's title,
    the record's label or the number. Never a complainant's identity."""
    auth.touch(ctx, user)
    require_role(user, frozenset().union(*_READERS.values()), msg("查看文书"))
    if not 1 <= limit <= DOCUMENTS_PAGE_MAX:
        raise InvalidInput(
            msg("每页条数应在 1 到 {most} 之间", most=DOCUMENTS_PAGE_MAX), field="limit"
        )
    if offset < 0:
        raise InvalidInput(msg("起始位置不能为负数"), field="offset")
    forms = load_forms(ctx.profile)
    record_types = _readable_types(user)
    if kind:
        if kind not in forms.templates:
            raise InvalidInput(
                msg("规则配置“{profile}”没有该文书（{kind}）", profile=ctx.profile.name, kind=kind),
                field="kind",
            )
        record_types = [t for t in record_types if t == forms.templates[kind].record]
    if not record_types:
        return []
    term = search.strip().casefold()
    rows: list[DocumentRow] = []
    skipped = 0
    with ctx.transaction() as db:
        targets = db.execute(_records_query(ctx.profile.id, record_types)).all()
        for record_type, record_id in targets:
            record = db.get(_RECORD_MODELS[record_type], record_id)
            if record is None:
                continue
            for row in _document_rows(
                ctx, db, user, record_type, record, kind=kind or None, term=term
            ):
                if skipped < offset:
                    skipped += 1
                    continue
                rows.append(row)
                if len(rows) >= limit:
                    return rows
    return rows


def find_document(ctx: Context, user: UserSession, kind: str, record_id: str) -> DocumentRow:
    """The row of one record's document, whatever the list's filter and
    whichever profile the record is under. ``kind`` may be
    :data:`DECISION_DOCUMENT` for a decision: its own template is taken
    (:func:`decision_kind`, e.g. 效能告诫决定书 for a Ma'anshan 效能告诫).
    Refuses what :func:`build_document` refuses."""
    auth.touch(ctx, user)
    with ctx.transaction() as db:
        record_type, record = find_record(db, record_id)
        _check_reader(ctx, db, user, record_type, record)
        if record_type == "decision" and kind == DECISION_DOCUMENT:
            kind = decision_kind(db, record, ctx.today())
        profile = profile_of(db, record_type, record)
        template = _template(profile, kind, record_type)
        rows = _document_rows(ctx, db, user, record_type, record, kind=kind, term="")
        if not rows:
            raise DocumentWorkflowError(
                msg("该记录当前的状态不适用此文书（{document}）", document=template.title.text),
                code="document.not_applicable",
            )
        return rows[0]


__all__ += [
    "ACTION_REVEAL",
    "ACTION_SIGN_OFF",
    "DECISION_DOCUMENT",
    "DocumentRow",
    "document_kinds",
    "find_document",
    "list_documents",
]
