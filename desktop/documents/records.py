"""From the records to the documents: the context a template is filled from.

For each kind of record (:data:`~desktop.documents.forms.RECORD_TYPES`) a
function gathers, in plain data, what the forms of that record need: names of
agencies, officials and users, measure names and ground texts from the
record's own rule profile (``profile_id`` on the record, so a Ma'anshan
decision is worded by the Ma'anshan profile whatever this laptop's profile
is), consequences (:mod:`desktop.domain.accountability`), deadlines
(:mod:`desktop.domain.deadlines`), dates as ``datetime.date`` (the template
writes them as 2026年11月26日), and the numbers already given
(:mod:`desktop.documents.numbers`). The field names are listed per record
type in ``forms/README.md``.

Conventions: a field that does not apply to this record is present with
``None`` (or ``False`` / an empty list), so a template guards it with
``when``; text fields are never empty strings (empty text is ``None``).

Confidentiality (FJ 34, MAS 15): a complainant's identity is never in a
context built here. The complaint context says ``complainant = "投诉人"``.
Only :func:`complaint_reply` with ``reveal_as=`` a complaint handler's session
puts the name in, through :func:`desktop.services.complaints.reveal_identity`
(role check and audit entry); the batch tool never does.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.documents import numbers
from desktop.documents.forms import RECORD_TYPES, applicable, cn_numeral, fill, load_forms
from desktop.documents.model import Document, chinese_date
from desktop.domain.accountability import (
    Consequences,
    MeasureRecord,
    consequences_if,
    decision_notices,
)
from desktop.domain.appeals import appeal_bodies
from desktop.domain.complaints import FollowUp
from desktop.domain.plans import STATE_NAMES, PlanState
from desktop.domain.profile import (
    AppealRoute,
    DeciderKind,
    Effect,
    Limit,
    RuleProfile,
    SecondApprovalReason,
    TimeUnit,
)
from desktop.resources import load_profile
from desktop.services.auth import UserSession
from desktop.services.base import Context, NotFound
from desktop.store.models import (
    Agency,
    Appeal,
    Base,
    Complaint,
    Decision,
    InspectionPlan,
    Official,
    Rectification,
    User,
    Visit,
)

__all__ = [
    "COMPLAINANT",
    "build_documents",
    "citation",
    "complaint_reply",
    "context",
    "find_record",
    "for_kind",
    "limit_text",
    "profile_of",
    "record_ids",
    "short_id",
]

_M = TypeVar("_M", bound=Base)
_I = TypeVar("_I", bound="_Identified")


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


#: How documents name a complainant unless a handler chose to reveal the name.
COMPLAINANT: Final = "投诉人"

_MODELS: Final[dict[str, type[Base]]] = {
    "decision": Decision,
    "rectification": Rectification,
    "complaint": Complaint,
    "appeal": Appeal,
    "plan": InspectionPlan,
    "visit": Visit,
}
_WHAT: Final = {
    "decision": "问责决定",
    "rectification": "整改要求或督查建议",
    "complaint": "投诉",
    "appeal": "申诉",
    "plan": "督查方案",
    "visit": "检查记录",
}
_MITIGATION_OUTCOMES: Final = {"lighter": "从轻", "reduced": "减轻", "exempt": "免予"}
_APPEAL_OUTCOMES: Final = {"upheld": "维持", "varied": "变更", "revoked": "撤销"}
_ROUTES: Final = {
    AppealRoute.AGENCY_ONE_LEVEL_UP: "作出决定的机关的上一级机关",
    AppealRoute.OFFICE_SAME_LEVEL: "同级机关效能建设工作机构",
    AppealRoute.OFFICE_ONE_LEVEL_UP: "上一级机关效能建设工作机构",
    AppealRoute.SAME_BODY: "原处理机关",
}
_FOLLOW_UPS: Final = {
    FollowUp.RESOLVED: "已督促有关单位认真解决您反映的问题",
    FollowUp.RECTIFICATION: "已责令有关单位限期整改到位",
    FollowUp.ACCOUNTABILITY: "已依照规定对相关责任人员予以问责",
    FollowUp.REFERRAL: "已将涉嫌违法违纪的问题移送有关部门处理",
}
_EVIDENCE: Final = {"photo": "照片", "scan": "扫描件", "audio": "录音", "other": "其他"}
_STEPS: Final = {"first": "科室负责人", "second": "主要负责人"}
_SENTENCE_END: Final = "。！？；…”）"
_ARTICLE = re.compile(r"^(FJ|MAS)\s*(\d+)(?:\s*[–—-]\s*(\d+))?\s*(.*)$")
_ITEM = re.compile(r"^（([一二三四五六七八九十]+)）$")
_NOTE = re.compile(r"（[^（）]*[^一二三四五六七八九十（）][^（）]*）")


# --------------------------------------------------------------------------
# Small helpers


def short_id(record_id: str) -> str:
    """The last eight hex digits of a record id (its random part): file names."""
    return record_id.replace("-", "")[-8:]


def citation(article: str, code: str | None = None) -> str:
    """An article reference as a document writes it, without the regulation's
    name: ``FJ 36 第一款第（三）项`` → ``第三十六条第一款第（三）项``,
    ``MAS 19（五）`` → ``第十九条第（五）项``, ``FJ 31、FJ 33`` →
    ``第三十一条、第三十三条``, ``FJ 35–40`` → ``第三十五条至第四十条``.

    Notes in brackets and anything after "；" are left out; parts citing
    another regulation than ``code`` (``FJ``/``MAS``) are left out too, so
    the result may be empty.
    """
    head = _NOTE.sub("", article.split("；")[0])
    parts = []
    for part in head.split("、"):
        m = _ARTICLE.match(part.strip())
        if m is None or (code is not None and m.group(1) != code):
            continue
        text = f"第{cn_numeral(int(m.group(2)))}条"
        if m.group(3):
            text += f"至第{cn_numeral(int(m.group(3)))}条"
        rest = m.group(4).strip()
        item = _ITEM.match(rest)
        parts.append(text + (f"第{rest}项" if item else rest))
    return "、".join(parts)


def _cite(article: str, code: str) -> str | None:
    """:func:`citation` or ``None`` when nothing of it cites this regulation."""
    return citation(article, code) or None


def limit_text(limit: Limit) -> str:
    """三十日 / 十个工作日."""
    unit = "个工作日" if limit.unit is TimeUnit.WORKING_DAYS else "日"
    return f"{cn_numeral(limit.amount)}{unit}"


def _sentence(text: str | None) -> str | None:
    """Trimmed text ending in a full stop, or ``None`` when empty."""
    value = (text or "").strip()
    if not value:
        return None
    return value if value[-1] in _SENTENCE_END else f"{value}。"


def _text(text: str | None) -> str | None:
    value = (text or "").strip()
    return value or None


def _agency_name(db: Session, agency_id: str | None) -> str | None:
    agency = db.get(Agency, agency_id) if agency_id else None
    return agency.name if agency else None


def _user_name(db: Session, user_id: str | None) -> str | None:
    user = db.get(User, user_id) if user_id else None
    return user.display_name if user else None


def _named(items: Iterable[_I], item_id: str | None) -> _I | None:
    """The item of a profile's list (measures, grounds, channels…) with this id."""
    return next((i for i in items if i.id == item_id), None)


def _load(db: Session, record_type: str, record_id: str) -> Any:
    if record_type not in _MODELS:
        raise ValueError(f"unknown record type {record_type!r}; known: {', '.join(RECORD_TYPES)}")
    record = db.get(_MODELS[record_type], record_id)
    if record is None:
        raise NotFound(f"找不到该{_WHAT[record_type]}（{record_id}）")
    return record


def find_record(db: Session, record_id: str) -> tuple[str, Any]:
    """The record with this id, of whatever type, and its type (ids are
    UUIDv7, unique across tables)."""
    for record_type, model in _MODELS.items():
        record = db.get(model, record_id)
        if record is not None:
            return record_type, record
    raise NotFound(f"找不到该记录（{record_id}）")


def _owner(db: Session, model: type[_M], key: str) -> _M:
    owner = db.get(model, key)
    if owner is None:
        raise NotFound(f"找不到该记录所属的上级记录（{key}）")
    return owner


def profile_of(db: Session, record_type: str, record: Any) -> RuleProfile:
    """The rule profile a record was made under (its own ``profile_id``, or
    that of its plan, decision or agency)."""
    if record_type in ("decision", "complaint", "plan"):
        profile_id: str = record.profile_id
    elif record_type == "visit":
        profile_id = _owner(db, InspectionPlan, record.plan_id).profile_id
    elif record_type == "appeal":
        profile_id = _owner(db, Decision, record.decision_id).profile_id
    else:
        profile_id = _owner(db, Agency, record.agency_id).profile_id
    return load_profile(profile_id)


def _base(db: Session, profile: RuleProfile, record_id: str, issuer: str | None) -> dict[str, Any]:
    issued = numbers.issued_for(db, record_id)
    return {
        "record_id": record_id,
        "short_id": short_id(record_id),
        "profile_id": profile.id,
        "profile_issuer": profile.documents.issuer,
        # The body that issues the document, as the record names it; the
        # profile's office where the record names none.
        "issuer": issuer or profile.documents.issuer,
        "issued": {
            kind: {
                "number": i.number,
                "signed_on": i.signed_on,
                "signed_by": _user_name(db, i.signed_by),
            }
            for kind, i in issued.items()
        },
    }


def for_kind(base: Mapping[str, Any], kind: str) -> dict[str, Any]:
    """The context of one document kind: the record's context plus ``number``,
    ``signed_on`` and ``signed_by`` of that document (``None`` until it is
    signed off) and ``signed``."""
    issued = base.get("issued", {}).get(kind)
    return {
        **base,
        "kind": kind,
        "number": issued["number"] if issued else None,
        "signed_on": issued["signed_on"] if issued else None,
        "signed_by": issued["signed_by"] if issued else None,
        "signed": issued is not None,
    }


# --------------------------------------------------------------------------
# Decisions


def _subject(db: Session, agency_id: str, official_id: str | None) -> dict[str, Any]:
    """Who a decision is about, in the ways documents name them."""
    agency_name = _agency_name(db, agency_id) or agency_id
    official = db.get(Official, official_id) if official_id else None
    if official is None:
        return {
            "subject_is_official": False,
            "subject_is_agency": True,
            "subject_agency_name": agency_name,
            "official_name": None,
            "official_position": None,
            "subject_title": agency_name,
            "subject_short": agency_name,
        }
    position = _text(official.position)
    return {
        "subject_is_official": True,
        "subject_is_agency": False,
        "subject_agency_name": agency_name,
        "official_name": official.name,
        "official_position": position,
        "subject_title": f"{official.name}，{agency_name}{position or '工作人员'}",
        "subject_short": f"{official.name}同志",
    }


def _consequences(
    profile: RuleProfile, measure_ids: list[str], cons: Consequences
) -> list[dict[str, Any]]:
    """What this decision's measures entail (FJ 40 / MAS 20): each measure's
    own effects with their end date, then the effects of the count thresholds
    the decision reaches (the strongest per kind of effect)."""
    acc = profile.accountability
    names = {m.id: m.name for m in acc.measures}
    out: list[dict[str, Any]] = [
        {"measure": names.get(e.measure_id, e.measure_id), "text": e.text, "until": e.until}
        for e in cons.measure_effects
        if e.measure_id in measure_ids and e.decided_on == cons.on
    ]
    best: dict[str, tuple[tuple[int, int], Effect]] = {}
    thresholds = {t.id: t for t in acc.thresholds}
    for reached in cons.thresholds:
        rule = thresholds.get(reached.threshold_id)
        if rule is None or not rule.measures & set(measure_ids):
            continue
        for e in reached.effects:
            rank = (e.percent or 0, reached.min_count)
            if e.kind not in best or rank > best[e.kind][0]:
                best[e.kind] = (rank, e)
    out.extend({"measure": None, "text": e.text, "until": None} for _, e in best.values())
    return out


def _appeal_to(db: Session, profile: RuleProfile, decider: Agency | None) -> str:
    """Where an appeal against the decider's decision goes (FJ 41 / MAS 24)."""
    from desktop.services.decisions import _bodies  # the services' body graph

    if decider is not None:
        bodies = _bodies(db)
        found = appeal_bodies(bodies[decider.id], bodies, profile)
        if found:
            return "或".join(b.name for b in found)
    kind = DeciderKind(decider.kind) if decider is not None else DeciderKind.OFFICE
    routes = profile.appeals.routes.get(kind, ())
    return "或".join(_ROUTES[r] for r in routes) or "上一级机关效能建设工作机构"


def _decision(db: Session, profile: RuleProfile, d: Decision, today: dt.date) -> dict[str, Any]:
    from desktop.services.decisions import _history, _proposed

    acc = profile.accountability
    code = profile.regulation
    decider = db.get(Agency, d.decider_id)
    on = d.decided_on or today
    proposed = _proposed(db, d, on)
    history: list[MeasureRecord] = _history(db, proposed.subject, exclude_id=d.id)
    cons = consequences_if(proposed, history, profile)
    notices = decision_notices(proposed, profile)
    grounds = []
    for gid in d.ground_ids:
        g = _named(acc.grounds, gid)
        grounds.append(
            {"article": citation(g.article, code), "text": g.text}
            if g
            else {"article": None, "text": gid}
        )
    measures = []
    for mid in d.measure_ids:
        m = _named(acc.measures, mid)
        measures.append(
            {
                "id": mid,
                "name": m.name if m else mid,
                "article": citation(m.article, code) if m else None,
            }
        )
    mitigation = _named(acc.mitigations, d.mitigation_id)
    mitigation_ctx = None
    if mitigation is not None:
        met = [c.text for c in mitigation.conditions if c.id in set(d.conditions_met)]
        mitigation_ctx = {
            "name": mitigation.name,
            "article": citation(mitigation.article, code),
            "conditions": met or [c.text for c in mitigation.conditions],
            "outcome": _MITIGATION_OUTCOMES.get(d.mitigation_outcome or "", None),
        }
    orders = [
        {"text": n.text, "article": citation(n.article, code)}
        for n in notices
        if n.code == "notice.order"
    ]
    aggravations = [
        {"text": n.text, "article": citation(n.article, code)}
        for n in notices
        if n.code == "notice.aggravation"
    ]
    notify = list(
        dict.fromkeys(
            body for mid in d.measure_ids if (m := _named(acc.measures, mid)) for body in m.notify
        )
    )
    complaint = db.get(Complaint, d.complaint_id) if d.complaint_id else None
    plan = db.get(InspectionPlan, d.plan_id) if d.plan_id else None
    consequences = _consequences(profile, list(d.measure_ids), cons)
    return {
        **_subject(db, d.subject_agency_id, d.subject_official_id),
        "state": d.state,
        "decider_name": decider.name if decider else profile.documents.issuer,
        "facts": _sentence(d.facts),
        "grounds": grounds,
        "measure_ids": list(d.measure_ids),
        "measures": measures,
        "measure_names": [m["name"] for m in measures],
        "has_measures": bool(measures),
        "mitigation": mitigation_ctx,
        "has_mitigation": mitigation_ctx is not None,
        "orders": orders,
        "aggravations": aggravations,
        "notify": notify,
        "requires_suggestion": any(n.code == "notice.supervision_suggestion" for n in notices),
        "consequences": consequences,
        "consequence_texts": [
            f"{c['text']}（至{chinese_date(c['until'])}）" if c["until"] else c["text"]
            for c in consequences
        ],
        "publish_required": acc.publish_required and bool(measures),
        "published": d.published,
        "decided_on": d.decided_on,
        "received_on": d.received_on,
        "document_number": d.document_number,
        "appeal_to": _appeal_to(db, profile, decider),
        "appeal_limit": limit_text(profile.appeals.filing),
        "appeal_decision_limit": limit_text(profile.appeals.decision),
        "appeal_suspends": profile.appeals.suspends_measures,
        "from_complaint": complaint is not None,
        "complaint_received_on": complaint.received_on if complaint else None,
        "plan_title": plan.title if plan else None,
    }


def _decision_context(
    db: Session, profile: RuleProfile, d: Decision, today: dt.date
) -> dict[str, Any]:
    decider = _agency_name(db, d.decider_id)
    return {**_base(db, profile, d.id, decider), **_decision(db, profile, d, today)}


# --------------------------------------------------------------------------
# Rectifications


def _rectification_context(
    db: Session, profile: RuleProfile, r: Rectification, today: dt.date
) -> dict[str, Any]:
    agency = db.get(Agency, r.agency_id)
    code = profile.regulation
    plan = db.get(InspectionPlan, r.plan_id) if r.plan_id else None
    decision = db.get(Decision, r.decision_id) if r.decision_id else None
    complaint = db.get(Complaint, r.complaint_id) if r.complaint_id else None
    office_id = (
        plan.office_id
        if plan
        else decision.decider_id
        if decision
        else complaint.office_id
        if complaint
        else None
    )
    rule = profile.deadline("rectification")
    decision_ctx: dict[str, Any] = {}
    if decision is not None:
        subject = _subject(db, decision.subject_agency_id, decision.subject_official_id)
        acc = profile.accountability
        decision_ctx = {
            "decision_subject": subject["subject_short"],
            "decision_number": decision.document_number,
            "decision_decided_on": decision.decided_on,
            "decision_measure_names": [
                m.name if (m := _named(acc.measures, mid)) else mid for mid in decision.measure_ids
            ],
        }
    channel = _named(profile.complaints.channels, complaint.channel) if complaint else None
    return {
        **_base(db, profile, r.id, _agency_name(db, office_id)),
        "rectification_kind": r.kind,
        "agency_name": agency.name if agency else r.agency_id,
        "content": _sentence(r.content),
        "issued_on": r.issued_on,
        "due_on": r.due_on,
        "standard_limit": limit_text(rule.limit) if rule else None,
        "deadline_article": _cite(rule.limit.article, code) if rule else None,
        "state": r.state,
        "follow_up": _sentence(r.follow_up),
        "from_plan": plan is not None,
        "plan_title": plan.title if plan else None,
        "plan_starts_on": plan.starts_on if plan else None,
        "plan_ends_on": plan.ends_on if plan else None,
        "from_decision": decision is not None,
        "decision_subject": None,
        "decision_number": None,
        "decision_decided_on": None,
        "decision_measure_names": [],
        **decision_ctx,
        "from_complaint": complaint is not None,
        "complaint_received_on": complaint.received_on if complaint else None,
        "complaint_channel": channel.name if channel else None,
    }


# --------------------------------------------------------------------------
# Complaints


def _complaint_context(
    db: Session, profile: RuleProfile, c: Complaint, today: dt.date
) -> dict[str, Any]:
    """A complaint as the transfer / supervision slips and the reply need it.
    Never the complainant's identity: only whether the complaint is anonymous."""
    code = profile.regulation
    cp = profile.complaints
    channel = _named(cp.channels, c.channel)
    reply_channel = _named(cp.channels, c.reply_channel) if c.reply_channel else None
    result = _named(cp.results, c.result) if c.result else None
    official = db.get(Official, c.subject_official_id) if c.subject_official_id else None
    mode = None
    if c.mode:
        try:
            mode = cp.mode(c.mode)
        except KeyError:
            mode = None
    urgent = [u.text for u in cp.urgent_criteria if u.id in set(c.urgent_criteria or ())]
    rule = profile.deadline("complaint")
    follow_ups = []
    for value in c.follow_up or ():
        try:
            follow_ups.append(_FOLLOW_UPS[FollowUp(value)])
        except ValueError:
            continue
    return {
        **_base(db, profile, c.id, _agency_name(db, c.office_id)),
        "complainant": COMPLAINANT,
        "complainant_revealed": False,
        "anonymous": c.anonymous,
        "channel": c.channel,
        "channel_name": channel.name if channel else c.channel,
        "received_on": c.received_on,
        "subject_agency_name": _agency_name(db, c.subject_agency_id) or c.subject_agency_id,
        "subject_official_name": official.name if official else None,
        "subject_official_position": _text(official.position) if official else None,
        "matter": _sentence(c.matter),
        "urgent": bool(urgent),
        "urgent_criteria": urgent,
        "urgent_article": _cite(cp.urgent_article, code),
        "standard_limit": limit_text(rule.limit) if rule else None,
        "standard_article": _cite(rule.limit.article, code) if rule else None,
        "due_on": c.due_on,
        "extended": c.extensions > 0,
        "extension_reason": _sentence(c.extension_reason),
        "mode": c.mode,
        "mode_name": mode.name if mode else None,
        "mode_article": _cite(mode.article, code) if mode else None,
        "handler_agency_name": _agency_name(db, c.handler_agency_id),
        "transfer_limit": c.transfer_limit,
        "transfer_requirements": _sentence(c.transfer_requirements),
        "state": c.state,
        "closed": c.state == "closed",
        "closed_on": c.closed_on,
        "result": c.result,
        "result_name": result.name if result else None,
        "result_article": _cite(result.article, code) if result else None,
        "result_founded": c.result in ("founded", "partly_founded"),
        "explanation": _sentence(c.explanation),
        "reply": _sentence(c.reply),
        "reply_channel_name": reply_channel.name if reply_channel else None,
        "follow_ups": follow_ups,
    }


# --------------------------------------------------------------------------
# Appeals


def _appeal_context(db: Session, profile: RuleProfile, a: Appeal, today: dt.date) -> dict[str, Any]:
    decision = db.get(Decision, a.decision_id)
    if decision is None:
        raise NotFound(f"找不到申诉所针对的问责决定（{a.decision_id}）")
    acc = profile.accountability

    def names(ids: list[str]) -> list[str]:
        return [m.name if (m := _named(acc.measures, i)) else i for i in ids]

    outcome = a.outcome or ""
    return {
        **_base(db, profile, a.id, _agency_name(db, a.body_id)),
        **_subject(db, decision.subject_agency_id, decision.subject_official_id),
        "body_name": _agency_name(db, a.body_id) or a.body_id,
        "decider_name": _agency_name(db, decision.decider_id) or decision.decider_id,
        # the appeal went back to the body that made the decision (MAS 24)
        "decider_is_body": decision.decider_id == a.body_id,
        "decision_number": decision.document_number,
        "decision_decided_on": decision.decided_on,
        "original_measure_names": names(list(decision.measure_ids)),
        "outcome_measure_names": names(list(a.outcome_measure_ids)),
        "received_on": a.received_on,
        "written": a.written,
        "statement": _sentence(a.statement),
        "reasons": _sentence(a.reasons),
        "state": a.state,
        "decided": a.state == "decided",
        "decided_on": a.decided_on,
        "outcome": a.outcome,
        "outcome_name": _APPEAL_OUTCOMES.get(outcome),
        "outcome_upheld": outcome == "upheld",
        "outcome_varied": outcome == "varied",
        "outcome_revoked": outcome == "revoked",
        "decision_limit": limit_text(profile.appeals.decision),
    }


# --------------------------------------------------------------------------
# Plans and visits


def _approval(db: Session, plan: InspectionPlan, step: str) -> dict[str, Any] | None:
    rows = [a for a in plan.approvals if a.step == step]
    if not rows:
        return None
    last = rows[-1]
    reason = _text(last.reason)
    if last.outcome == "approved":
        opinion = f"同意。{reason}" if reason else "同意。"
    else:
        opinion = f"退回修改：{reason}" if reason else "退回修改。"
    return {
        "opinion": opinion,
        "approver": _user_name(db, last.approver_id) or last.approver_id,
        "date": numbers.china_date(last.decided_at),
        "step_name": _STEPS.get(step, step),
    }


def _plan_context(
    db: Session, profile: RuleProfile, p: InspectionPlan, today: dt.date
) -> dict[str, Any]:
    code = profile.regulation
    kind = _named(profile.plans.kinds, p.kind)
    reasons = profile.plans.second_approval_when
    needs_second = (SecondApprovalReason.MAJOR in reasons and p.major) or (
        SecondApprovalReason.REQUESTED_BY_AGENCY in reasons and p.requested_by_agency
    )
    team = [_user_name(db, uid) or uid for uid in p.team_ids]
    try:
        state_name = STATE_NAMES[PlanState(p.state)]
    except ValueError:
        state_name = p.state
    return {
        **_base(db, profile, p.id, _agency_name(db, p.office_id)),
        "title": p.title,
        "kind_name": kind.name if kind else p.kind,
        "kind_article": _cite(kind.article, code) if kind else None,
        "unannounced": bool(kind and kind.unannounced),
        "subject_agency_name": _agency_name(db, p.subject_agency_id) or p.subject_agency_id,
        "scope": _sentence(p.scope),
        "method": _text(p.method),
        "starts_on": p.starts_on,
        "ends_on": p.ends_on,
        "team": team,
        "team_count": len(team),
        "author_name": _user_name(db, p.author_id) or p.author_id,
        "major": p.major,
        "requested_by_agency": p.requested_by_agency,
        "second_approval_needed": needs_second,
        "second_approval_article": _cite(profile.plans.second_approval_article, code),
        "approval_article": _cite(profile.plans.approval_article, code),
        "special_item": p.special_item,
        "government_approval_ref": _text(p.government_approval_ref),
        "government_approval_article": _cite(profile.plans.government_approval_article, code),
        "state": p.state,
        "state_name": state_name,
        "returned": p.state == "returned",
        "return_reason": _sentence(p.return_reason),
        "first_approval": _approval(db, p, "first"),
        "second_approval": _approval(db, p, "second"),
        "report": _sentence(p.report),
    }


def _visit_context(db: Session, profile: RuleProfile, v: Visit, today: dt.date) -> dict[str, Any]:
    plan = db.get(InspectionPlan, v.plan_id)
    if plan is None:
        raise NotFound(f"找不到检查记录所属的督查方案（{v.plan_id}）")
    kind = _named(profile.plans.kinds, plan.kind)
    present = list(dict.fromkeys(p.user_id for p in v.presence))
    inspectors = [_user_name(db, uid) or uid for uid in present]
    return {
        **_base(db, profile, v.id, _agency_name(db, plan.office_id)),
        "plan_title": plan.title,
        "plan_kind_name": kind.name if kind else plan.kind,
        "subject_agency_name": _agency_name(db, plan.subject_agency_id) or plan.subject_agency_id,
        "visited_on": v.visited_on,
        "place": v.place,
        "announced": v.announced,
        "unannounced": not v.announced,
        "identity_shown": v.identity_shown,
        "inspectors": inspectors,
        "inspector_count": len(inspectors),
        "observations": _sentence(v.observations),
        "documents_requested": _sentence(v.documents_requested),
        "documents_copied": _sentence(v.documents_copied),
        "explanations_demanded": _sentence(v.explanations_demanded),
        "interviews": _sentence(v.interviews),
        "evidence": [
            {
                "kind_name": _EVIDENCE.get(e.kind, e.kind),
                "filename": e.filename,
                "sha256": e.sha256[:16],
            }
            for e in v.evidence
        ],
        "state": v.state,
        "finalised": v.state == "finalised",
    }


# --------------------------------------------------------------------------
# Public API

_BUILDERS: Final[dict[str, Callable[[Session, RuleProfile, Any, dt.date], dict[str, Any]]]] = {
    "decision": _decision_context,
    "rectification": _rectification_context,
    "complaint": _complaint_context,
    "appeal": _appeal_context,
    "plan": _plan_context,
    "visit": _visit_context,
}


def context(db: Session, record_type: str, record_id: str, *, today: dt.date) -> dict[str, Any]:
    """The context of one record (fields listed in ``forms/README.md``).
    ``today`` (China) stands in for the decision date of a draft decision when
    its consequences are worked out. Never a complainant's identity."""
    record = _load(db, record_type, record_id)
    return _BUILDERS[record_type](db, profile_of(db, record_type, record), record, today)


def record_ids(db: Session, record_type: str) -> list[str]:
    """Every record of a type, oldest first (ids are time-ordered)."""
    model = _MODELS[record_type]
    return list(db.scalars(select(model.id).order_by(model.id)))  # type: ignore[attr-defined]


def build_documents(
    db: Session,
    record_type: str,
    record_id: str,
    *,
    today: dt.date,
    kind: str | None = None,
) -> list[Document]:
    """The documents of one record: every template of the record's profile
    for this record type whose ``applies`` tests hold (or only ``kind``),
    filled. Unsigned numbered documents come out as drafts (no number, title
    marked 草稿). Never a complainant's identity."""
    record = _load(db, record_type, record_id)
    profile = profile_of(db, record_type, record)
    templates = load_forms(profile).for_record(record_type)
    if kind is not None:
        templates = [t for t in templates if t.kind == kind]
        if not templates:
            return []
    base = _BUILDERS[record_type](db, profile, record, today)
    return [fill(t, for_kind(base, t.kind)) for t in applicable(templates, base)]


def complaint_reply(
    ctx: Context, complaint_id: str, *, reveal_as: UserSession | None = None
) -> dict[str, Any]:
    """The context of the reply to a complainant (投诉答复函, MAS 16).

    By default the letter addresses "投诉人" and cites the complaint's date and
    channel. With ``reveal_as`` (a complaint handler's session) the
    complainant's name is put in instead, read with
    :func:`desktop.services.complaints.reveal_identity`, which refuses any
    other role and writes an audit entry either way. An anonymous complaint,
    or one with no name given, stays addressed to "投诉人".
    """
    from desktop.services.complaints import reveal_identity

    with ctx.transaction() as db:
        base = context(db, "complaint", complaint_id, today=ctx.today())
    reply = for_kind(base, "complaint_reply")
    if reveal_as is not None and not base["anonymous"]:
        name = reveal_identity(ctx, reveal_as, complaint_id).name.strip()
        if name:
            reply["complainant"] = name
            reply["complainant_revealed"] = True
    return reply
