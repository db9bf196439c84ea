"""What the server accepts from a laptop: the synced entities, their fields and
types, the actions on each (who may do them, which fields they may carry), the
free-text fields that merge last-writer-wins, and the fields that would be a
complainant's identity in clear.

The field names are the laptop's column names (``desktop.store.models``); the
actions and their ``changes`` are those ``desktop.services`` writes.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from desktop.domain.common import Role

# A field check returns None when the value fits, else what is wrong (never the value).
Check = Callable[[Any], str | None]

TEXT_MAX = 100_000
LIST_MAX = 500
INT32 = 2**31 - 1
_ID = re.compile(r"[0-9A-Za-z_\-]{1,36}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _string(max_len: int, *, optional: bool = False, nonempty: bool = False) -> Check:
    def check(value: Any) -> str | None:
        if value is None:
            return None if optional else "is required"
        if not isinstance(value, str):
            return "must be text"
        if len(value) > max_len:
            return f"longer than {max_len} characters"
        if nonempty and not value.strip():
            return "must not be empty"
        return None

    return check


def _ident(*, optional: bool = False) -> Check:
    def check(value: Any) -> str | None:
        if value is None:
            return None if optional else "is required"
        if not isinstance(value, str) or not _ID.fullmatch(value):
            return "must be a record id"
        return None

    return check


def _date(*, optional: bool = False) -> Check:
    def check(value: Any) -> str | None:
        if value is None:
            return None if optional else "is required"
        if not isinstance(value, str) or not _DATE.fullmatch(value):
            return "must be a date YYYY-MM-DD"
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return "must be a date YYYY-MM-DD"
        return None

    return check


def _datetime(value: Any) -> str | None:
    if not isinstance(value, str) or len(value) > 40:
        return "must be an ISO timestamp"
    try:
        stamp = dt.datetime.fromisoformat(value)
    except ValueError:
        return "must be an ISO timestamp"
    if stamp.tzinfo is None:
        return "must be an ISO timestamp with a time zone"
    return None


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _integer(low: int = -INT32, high: int = INT32, *, optional: bool = False) -> Check:
    def check(value: Any) -> str | None:
        if value is None:
            return None if optional else "is required"
        if isinstance(value, bool) or not isinstance(value, int):
            return "must be a whole number"
        if not low <= value <= high:
            return f"must be between {low} and {high}"
        return None

    return check


def _strings(item: Check) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, list):
            return "must be a list"
        if len(value) > LIST_MAX:
            return f"more than {LIST_MAX} items"
        for element in value:
            problem = item(element)
            if problem:
                return f"item {problem}"
        return None

    return check


def _hex64(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _HEX64.fullmatch(value):
        return "must be a blind index (64 lowercase hex digits)"
    return None


def sealed_bytes(value: Any) -> bytes | None:
    """The bytes of a ``sealed_identity`` (base64) if it is a well-formed sealed
    envelope (``desktop.crypto.SealedIdentity``); parsed, never decrypted."""
    from desktop.crypto import SealedIdentity, VaultError

    if not isinstance(value, str) or len(value) > 65_536:
        return None
    try:
        raw = base64.b64decode(value.encode("ascii"), validate=True)
        SealedIdentity.from_bytes(raw)
    except (binascii.Error, UnicodeEncodeError, ValueError, VaultError):
        return None
    return raw


def _sealed(value: Any) -> str | None:
    if value is None:
        return None
    if sealed_bytes(value) is None:
        return "must be a sealed identity envelope (base64), never plain text"
    return None


@dataclass(frozen=True)
class Rows:
    """A list of child rows (approvals, presence, evidence) with their fields;
    ``key`` names the fields that identify a row (rows merge by union on it)."""

    fields: Mapping[str, Check]
    key: tuple[str, ...]

    def __call__(self, value: Any) -> str | None:
        if not isinstance(value, list):
            return "must be a list of rows"
        if len(value) > LIST_MAX:
            return f"more than {LIST_MAX} rows"
        for row in value:
            if not isinstance(row, dict):
                return "must be a list of rows"
            unknown = sorted(set(row) - set(self.fields))
            if unknown:
                return f"row has unknown field {unknown[0]!r}"
            for name, check in self.fields.items():
                problem = check(row.get(name))
                if problem:
                    return f"row field {name!r} {problem}"
        return None

    def row_key(self, row: Mapping[str, Any]) -> tuple[Any, ...]:
        return tuple(row.get(k) for k in self.key)


TEXT = _string(TEXT_MAX)
ID = _ident()
OPT_ID = _ident(optional=True)
DATE = _date()
OPT_DATE = _date(optional=True)
BOOL = _boolean
CODE = _string(64)
OPT_CODE = _string(64, optional=True)
CODES = _strings(_string(64))
IDS = _strings(_ident())

APPROVAL_ROWS = Rows(
    {
        "id": ID,
        "plan_id": ID,
        "step": CODE,
        "approver_id": ID,
        "outcome": CODE,
        "reason": TEXT,
        "decided_at": _datetime,
    },
    ("id",),
)
PRESENCE_ROWS = Rows(
    {"visit_id": ID, "user_id": ID, "stage": CODE, "confirmed_at": _datetime},
    ("user_id", "stage"),
)
EVIDENCE_ROWS = Rows(
    {
        "id": ID,
        "visit_id": ID,
        "kind": CODE,
        "filename": _string(255),
        "sha256": _hex64,
        "size": _integer(0, 2**53),
        "added_by": ID,
        "added_at": _datetime,
    },
    ("id",),
)


@dataclass(frozen=True)
class Entity:
    """A synced table: its fields, which merge last-writer-wins (free text) and
    which are lists of rows that merge by union."""

    name: str
    fields: Mapping[str, Check]
    free_text: frozenset[str] = frozenset()
    rows: Mapping[str, Rows] = field(default_factory=dict)

    @property
    def mergeable(self) -> frozenset[str]:
        """Fields an op may change without matching the server's version."""
        return self.free_text | {name for name in self.rows if name == "evidence"}


PLANS = Entity(
    "inspection_plans",
    {
        "title": _string(200, nonempty=True),
        "kind": CODE,
        "profile_id": CODE,
        "office_id": ID,
        "subject_agency_id": ID,
        "scope": TEXT,
        "method": TEXT,
        "starts_on": DATE,
        "ends_on": DATE,
        "major": BOOL,
        "requested_by_agency": BOOL,
        "special_item": _integer(1, 99, optional=True),
        "government_approval_ref": _string(200),
        "state": CODE,
        "author_id": ID,
        "return_reason": TEXT,
        "report": TEXT,
        "team_ids": IDS,
        "approvals": APPROVAL_ROWS,
    },
    free_text=frozenset({"scope", "method"}),
    rows={"approvals": APPROVAL_ROWS},
)
VISITS = Entity(
    "visits",
    {
        "plan_id": ID,
        "visited_on": DATE,
        "place": _string(200, nonempty=True),
        "announced": BOOL,
        "identity_shown": BOOL,
        "observations": TEXT,
        "documents_requested": TEXT,
        "documents_copied": TEXT,
        "explanations_demanded": TEXT,
        "interviews": TEXT,
        "state": CODE,
        "presence": PRESENCE_ROWS,
        "evidence": EVIDENCE_ROWS,
    },
    free_text=frozenset(
        {
            "observations",
            "documents_requested",
            "documents_copied",
            "explanations_demanded",
            "interviews",
        }
    ),
    rows={"presence": PRESENCE_ROWS, "evidence": EVIDENCE_ROWS},
)
COMPLAINTS = Entity(
    "complaints",
    {
        "profile_id": CODE,
        "office_id": ID,
        "channel": CODE,
        "received_on": DATE,
        "anonymous": BOOL,
        "sealed_identity": _sealed,
        "id_number_index": _hex64,
        "phone_index": _hex64,
        "subject_agency_id": ID,
        "subject_official_id": OPT_ID,
        "matter": _string(TEXT_MAX, nonempty=True),
        "urgent_criteria": CODES,
        "registered_by": ID,
        "state": CODE,
        "due_on": DATE,
        "mode": OPT_CODE,
        "handler_agency_id": OPT_ID,
        "transfer_limit": OPT_DATE,
        "transfer_requirements": TEXT,
        "extensions": _integer(0, 99),
        "extension_reason": TEXT,
        "result": OPT_CODE,
        "explanation": TEXT,
        "follow_up": CODES,
        "reply_channel": OPT_CODE,
        "reply": TEXT,
        "closed_on": OPT_DATE,
    },
    free_text=frozenset({"matter", "explanation", "reply"}),
)
RECTIFICATIONS = Entity(
    "rectifications",
    {
        "kind": CODE,
        "agency_id": ID,
        "plan_id": OPT_ID,
        "complaint_id": OPT_ID,
        "decision_id": OPT_ID,
        "content": _string(TEXT_MAX, nonempty=True),
        "issued_on": DATE,
        "due_on": DATE,
        "state": CODE,
        "follow_up": TEXT,
    },
    free_text=frozenset({"content", "follow_up"}),
)
DECISIONS = Entity(
    "decisions",
    {
        "profile_id": CODE,
        "decider_id": ID,
        "subject_kind": CODE,
        "subject_agency_id": ID,
        "subject_official_id": OPT_ID,
        "complaint_id": OPT_ID,
        "plan_id": OPT_ID,
        "ground_ids": CODES,
        "measure_ids": CODES,
        "baseline_measure_ids": CODES,
        "mitigation_id": OPT_CODE,
        "mitigation_outcome": OPT_CODE,
        "conditions_met": CODES,
        "facts": TEXT,
        "issued_by_higher_office": BOOL,
        "state": CODE,
        "decided_on": OPT_DATE,
        "received_on": OPT_DATE,
        "document_number": _string(64, optional=True),
        "signed_by": OPT_ID,
        "published": BOOL,
        "author_id": ID,
    },
    free_text=frozenset({"facts"}),
)
APPEALS = Entity(
    "appeals",
    {
        "decision_id": ID,
        "body_id": ID,
        "received_on": DATE,
        "written": BOOL,
        "grounds": CODES,
        "statement": TEXT,
        "state": CODE,
        "decided_on": OPT_DATE,
        "outcome": OPT_CODE,
        "outcome_measure_ids": CODES,
        "reasons": TEXT,
        "registered_by": ID,
    },
    free_text=frozenset({"statement", "reasons"}),
)
RATINGS = Entity(
    "performance_ratings",
    {"agency_id": ID, "year": _integer(1900, 2999), "rating": _string(8, nonempty=True)},
)
DOCUMENTS = Entity(
    "issued_documents",
    {
        "kind": CODE,
        "record_id": ID,
        "prefix": _string(32, nonempty=True),
        "year": _integer(1900, 2999),
        "serial": _integer(1, INT32),
        "number": _string(64, nonempty=True),
        "signed_by": ID,
        "signed_at": _datetime,
    },
)
AGENCIES = Entity(
    "agencies",
    {
        "name": _string(200, nonempty=True),
        "kind": CODE,
        "level": _integer(1, 4),
        "parent_id": OPT_ID,
        "office_id": OPT_ID,
        "profile_id": CODE,
        "staff_count": _integer(0, INT32),
    },
    free_text=frozenset({"name"}),
)
OFFICIALS = Entity(
    "officials",
    {
        "name": _string(100, nonempty=True),
        "agency_id": ID,
        "position": _string(100),
        "is_head": BOOL,
        "is_office_staff": BOOL,
    },
    free_text=frozenset({"position"}),
)

ENTITIES: Final[Mapping[str, Entity]] = {
    e.name: e
    for e in (
        PLANS,
        VISITS,
        COMPLAINTS,
        RECTIFICATIONS,
        DECISIONS,
        APPEALS,
        RATINGS,
        DOCUMENTS,
        AGENCIES,
        OFFICIALS,
    )
}

#: Laptop tables that never sync through ops: accounts and keys live on the server.
NOT_SYNCED: Final = frozenset({"users", "user_roles", "key_material", "settings", "outbox"})

#: Keys that would hold a complainant's identity in clear (FJ 34, MAS 15). An op
#: that carries one is refused whole and nothing of it is stored.
PLAINTEXT_IDENTITY_KEYS: Final = frozenset(
    {
        "name",
        "complainant",
        "complainant_name",
        "identity",
        "id_number",
        "id_card",
        "id_card_number",
        "phone",
        "phone_number",
        "mobile",
        "telephone",
        "tel",
        "address",
        "email",
        "notes",
    }
)
#: The only identity-related fields a complaint op may carry (ciphertext and
#: blind indexes), which only complaint handlers receive on pull.
IDENTITY_FIELDS: Final = frozenset({"sealed_identity", "id_number_index", "phone_index"})


# ------------------------------------------------------------------- actions

ALL_ROLES: Final = frozenset(Role)
DRAFTERS: Final = frozenset({Role.INSPECTOR, Role.SUPERVISOR})
DECIDERS: Final = frozenset({Role.SUPERVISOR, Role.OFFICE_HEAD})
HANDLERS: Final = frozenset({Role.COMPLAINT_HANDLER})
ROUTERS: Final = frozenset({Role.COMPLAINT_HANDLER, Role.SUPERVISOR})


@dataclass(frozen=True)
class Action:
    """One action a laptop may push.

    ``create``: ``True`` the op makes the record (base_version 0), ``False`` it
    changes an existing one, ``None`` either (``rating.set``). ``keys`` are the
    fields its ``changes`` may hold; ``required`` those a create must hold.
    """

    name: str
    entity: Entity
    roles: frozenset[Role]
    create: bool | None
    keys: frozenset[str]
    required: frozenset[str] = frozenset()


def _action(
    name: str,
    entity: Entity,
    roles: frozenset[Role],
    create: bool | None,
    keys: set[str] | frozenset[str],
    optional: set[str] | frozenset[str] = frozenset(),
) -> Action:
    unknown = (set(keys) | set(optional)) - set(entity.fields)
    if unknown:
        raise AssertionError(f"{name}: fields not in {entity.name}: {sorted(unknown)}")
    required = frozenset(keys) if create else frozenset()
    return Action(name, entity, roles, create, frozenset(keys) | frozenset(optional), required)


_PLAN_EDITABLE = {
    "title",
    "kind",
    "subject_agency_id",
    "scope",
    "method",
    "starts_on",
    "ends_on",
    "major",
    "requested_by_agency",
    "special_item",
    "government_approval_ref",
    "team_ids",
}
_PLAN_MOVE = {"state", "return_reason", "approvals", "report"}
_DECISION_FIELDS = {
    "decider_id",
    "subject_kind",
    "subject_agency_id",
    "subject_official_id",
    "ground_ids",
    "measure_ids",
    "baseline_measure_ids",
    "mitigation_id",
    "mitigation_outcome",
    "conditions_met",
    "facts",
    "complaint_id",
    "plan_id",
    "issued_by_higher_office",
}
_VISIT_TEXT = set(VISITS.free_text)

ACTIONS: Final[Mapping[str, Action]] = {
    a.name: a
    for a in (
        # Plans (desktop.services.plans; roles as its _ACTION_ROLES).
        _action(
            "plan.create",
            PLANS,
            DRAFTERS,
            True,
            (_PLAN_EDITABLE | {"profile_id", "office_id", "state", "author_id"})
            - {"special_item", "scope", "method", "government_approval_ref"},
            {"special_item", "scope", "method", "government_approval_ref", "return_reason"}
            | {"report"},
        ),
        _action("plan.update", PLANS, DRAFTERS, False, set(), _PLAN_EDITABLE),
        _action("plan.submit", PLANS, DRAFTERS, False, set(), _PLAN_MOVE),
        _action("plan.approve", PLANS, frozenset({Role.SUPERVISOR}), False, set(), _PLAN_MOVE),
        _action(
            "plan.second_approve", PLANS, frozenset({Role.OFFICE_HEAD}), False, set(), _PLAN_MOVE
        ),
        _action("plan.return", PLANS, DECIDERS, False, set(), _PLAN_MOVE),
        _action("plan.start", PLANS, frozenset({Role.INSPECTOR}), False, set(), _PLAN_MOVE),
        _action("plan.report", PLANS, frozenset({Role.INSPECTOR}), False, set(), _PLAN_MOVE),
        _action("plan.close", PLANS, frozenset({Role.SUPERVISOR}), False, set(), _PLAN_MOVE),
        # Visits (desktop.services.visits).
        _action(
            "visit.open",
            VISITS,
            frozenset({Role.INSPECTOR}),
            True,
            {"plan_id", "visited_on", "place", "announced", "identity_shown", "state", "presence"},
            _VISIT_TEXT,
        ),
        _action("visit.update", VISITS, frozenset({Role.INSPECTOR}), False, set(), _VISIT_TEXT),
        _action(
            "visit.add_evidence", VISITS, frozenset({Role.INSPECTOR}), False, set(), {"evidence"}
        ),
        _action(
            "visit.finalise",
            VISITS,
            frozenset({Role.INSPECTOR}),
            False,
            set(),
            {"state", "presence"},
        ),
        # Complaints (desktop.services.complaints).
        _action(
            "complaint.register",
            COMPLAINTS,
            HANDLERS,
            True,
            {
                "profile_id",
                "office_id",
                "channel",
                "received_on",
                "anonymous",
                "subject_agency_id",
                "matter",
                "registered_by",
                "state",
                "due_on",
            },
            {
                "sealed_identity",
                "id_number_index",
                "phone_index",
                "subject_official_id",
                "urgent_criteria",
            },
        ),
        _action(
            "complaint.grant_identity", COMPLAINTS, HANDLERS, False, set(), {"sealed_identity"}
        ),
        _action(
            "complaint.route",
            COMPLAINTS,
            ROUTERS,
            False,
            set(),
            {"mode", "handler_agency_id", "transfer_limit", "transfer_requirements", "state"},
        ),
        _action(
            "complaint.extend",
            COMPLAINTS,
            ROUTERS,
            False,
            set(),
            {"extensions", "extension_reason", "due_on"},
        ),
        _action(
            "complaint.close",
            COMPLAINTS,
            HANDLERS,
            False,
            set(),
            {"result", "explanation", "follow_up", "reply_channel", "reply", "state", "closed_on"},
        ),
        # Not written by the laptop yet: edits of the free text alone.
        _action("complaint.update", COMPLAINTS, HANDLERS, False, set(), COMPLAINTS.free_text),
        # Rectifications (desktop.services.rectifications).
        _action(
            "rectification.issue",
            RECTIFICATIONS,
            frozenset({Role.SUPERVISOR}),
            True,
            {"kind", "agency_id", "content", "issued_on", "due_on", "state", "follow_up"},
            {"plan_id", "complaint_id", "decision_id"},
        ),
        _action(
            "rectification.follow_up",
            RECTIFICATIONS,
            frozenset({Role.SUPERVISOR, Role.INSPECTOR}),
            False,
            set(),
            {"state", "follow_up"},
        ),
        # Decisions and appeals (desktop.services.decisions).
        _action(
            "decision.draft",
            DECISIONS,
            frozenset({Role.SUPERVISOR}),
            True,
            _DECISION_FIELDS | {"profile_id", "state", "author_id"},
        ),
        _action(
            "decision.update",
            DECISIONS,
            frozenset({Role.SUPERVISOR}),
            False,
            set(),
            _DECISION_FIELDS,
        ),
        _action(
            "decision.sign",
            DECISIONS,
            frozenset({Role.OFFICE_HEAD}),
            False,
            set(),
            {"state", "decided_on", "signed_by", "document_number"},
        ),
        _action("decision.receipt", DECISIONS, DECIDERS, False, set(), {"received_on"}),
        _action("decision.publish", DECISIONS, DECIDERS, False, set(), {"published"}),
        _action("decision.number", DECISIONS, DECIDERS, False, set(), {"document_number"}),
        _action(
            "appeal.register",
            APPEALS,
            DECIDERS,
            True,
            {
                "decision_id",
                "body_id",
                "received_on",
                "written",
                "grounds",
                "statement",
                "state",
                "registered_by",
            },
        ),
        _action(
            "appeal.decide",
            APPEALS,
            frozenset({Role.OFFICE_HEAD}),
            False,
            set(),
            {"state", "decided_on", "outcome", "outcome_measure_ids", "reasons"},
        ),
        _action("rating.set", RATINGS, DECIDERS, None, set(), {"agency_id", "year", "rating"}),
        # Document numbers given at sign-off (desktop.services.documents).
        _action(
            "document.sign_off",
            DOCUMENTS,
            DECIDERS,
            True,
            {"kind", "record_id", "prefix", "year", "serial", "number", "signed_by", "signed_at"},
        ),
        # The directory (desktop.services.directory): administrators.
        _action(
            "agency.create",
            AGENCIES,
            frozenset({Role.ADMINISTRATOR}),
            True,
            {"name", "kind", "level", "profile_id", "staff_count"},
            {"parent_id", "office_id"},
        ),
        _action(
            "official.create",
            OFFICIALS,
            frozenset({Role.ADMINISTRATOR}),
            True,
            {"name", "agency_id", "position", "is_head", "is_office_staff"},
        ),
    )
}


def bad_values(value: Any, depth: int = 0) -> str | None:
    """What in a JSON value the database could not store or should never get:
    a NUL character, a non-finite number, nesting deeper than 8."""
    if depth > 8:
        return "is nested too deeply"
    if isinstance(value, str):
        return "contains a NUL character" if "\x00" in value else None
    if isinstance(value, float):
        return None if math.isfinite(value) else "is not a finite number"
    if isinstance(value, dict):
        for key, item in value.items():
            if "\x00" in key:
                return "has a key with a NUL character"
            problem = bad_values(item, depth + 1)
            if problem:
                return problem
    if isinstance(value, list):
        for item in value:
            problem = bad_values(item, depth + 1)
            if problem:
                return problem
    return None


def identity_keys(value: Any, depth: int = 0) -> set[str]:
    """Plaintext identity keys anywhere in ``value`` (nested too)."""
    found: set[str] = set()
    if depth > 8:
        return found
    if isinstance(value, dict):
        for key, item in value.items():
            if str(key).strip().lower() in PLAINTEXT_IDENTITY_KEYS:
                found.add(str(key))
            found |= identity_keys(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            found |= identity_keys(item, depth + 1)
    return found
