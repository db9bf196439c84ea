"""Rule profiles (规则配置): where the two regulations differ, as data.

A profile is a TOML file under ``resources/profiles/``. It holds the measures
and whom they may be applied to, the grounds, the consequences, the agency-level
triggers, mitigation, the deadlines, the appeal route and limits, the plan
kinds and approvals, the complaint channels and handling modes, and the
document number prefixes. Code reads a profile; it never asks which province
it is in.

:func:`parse_profile` turns the text of a profile into a :class:`RuleProfile`
and checks it whole. Anything wrong raises :class:`ProfileError` naming the
file, the key and what is wrong. Reading the file is the caller's business
(``desktop.resources.load_profile``), so this module stays free of I/O.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from desktop.domain.common import Role, SubjectKind

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


class ProfileError(ValueError):
    """A profile that cannot be used: names the file, the key and the problem."""

    def __init__(self, source: str, key: str, problem: str) -> None:
        self.source = source
        self.key = key
        self.problem = problem
        where = f"{source}: {key}" if key else source
        super().__init__(f"{where}: {problem}")


class TimeUnit(StrEnum):
    """工作日 (working days, official calendar) or 日 (calendar days)."""

    WORKING_DAYS = "working_days"
    DAYS = "days"


class Window(StrEnum):
    """The period over which measures are counted."""

    CALENDAR_YEAR = "calendar_year"  # 当年内
    ROLLING_YEAR = "rolling_year"  # 一年内 (the 365/366 days up to the date)
    TWO_CONSECUTIVE_YEARS = "two_consecutive_years"  # 连续两年


class TriggerBasis(StrEnum):
    """What an agency-level trigger counts."""

    AGENCY_MEASURES = "agency_measures"  # measures against the agency itself
    STAFF_MEASURES = "staff_measures"  # measures against its officials (person-times)
    STAFF_SHARE = "staff_share"  # share of its officials given a measure
    RATING = "rating"  # its annual performance rating


class MitigationOutcome(StrEnum):
    """容错纠错 outcomes: 从轻 / 减轻 / 免予问责."""

    LIGHTER = "lighter"  # 从轻: the lighter end of the measures that apply
    REDUCED = "reduced"  # 减轻: below the measures that would apply
    EXEMPT = "exempt"  # 免予: no measure


class AppealRoute(StrEnum):
    """Where an appeal may be lodged, relative to the body that decided."""

    AGENCY_ONE_LEVEL_UP = "agency_one_level_up"  # 上一级机关
    OFFICE_SAME_LEVEL = "office_same_level"  # 同级机关效能建设工作机构
    OFFICE_ONE_LEVEL_UP = "office_one_level_up"  # 上一级机关效能建设工作机构
    SAME_BODY = "same_body"  # 原处理机关 (复核)


class DeciderKind(StrEnum):
    """The kind of body that made a decision."""

    AGENCY = "agency"  # 各级机关
    OFFICE = "office"  # 机关效能建设工作机构 / 效能办


class SecondApprovalReason(StrEnum):
    """Why a plan needs the office head's second approval."""

    MAJOR = "major"  # 重大督查事项 (FJ 26)
    REQUESTED_BY_AGENCY = "requested_by_agency"  # 提请督查 (FJ 27)


@dataclass(frozen=True)
class Limit:
    """A time limit (时限): an amount in a unit, and where the number comes from."""

    amount: int
    unit: TimeUnit
    article: str
    basis: str


@dataclass(frozen=True)
class Extension:
    """An extension (延期) of a limit: how long, how often, who approves."""

    limit: Limit
    max_count: int
    approver: Role


@dataclass(frozen=True)
class DeadlineRule:
    """A named deadline (办理时限) with its optional extension."""

    key: str
    name: str
    limit: Limit
    extension: Extension | None


@dataclass(frozen=True)
class Effect:
    """One consequence of measures (后果), e.g. 扣发奖金 50%."""

    kind: str
    text: str
    months: int | None = None
    percent: int | None = None


@dataclass(frozen=True)
class Measure:
    """An accountability measure (问责方式 / 追究方式)."""

    id: str
    name: str
    article: str
    severity: int
    applies_to: frozenset[SubjectKind]
    effects: tuple[Effect, ...]
    notify: tuple[str, ...]
    requires_suggestion: bool


@dataclass(frozen=True)
class Ground:
    """A ground for accountability (问责情形): article, item and its text."""

    id: str
    article: str
    text: str
    subjects: frozenset[SubjectKind]
    heads_only: bool
    requires_measures: frozenset[str]


@dataclass(frozen=True)
class CountThreshold:
    """A consequence that follows from how many measures one subject got."""

    id: str
    article: str
    measures: frozenset[str]
    min_count: int
    window: Window
    effects: tuple[Effect, ...]


@dataclass(frozen=True)
class AgencyTrigger:
    """An agency-level trigger (单位层面的后果): FJ 36 ¶2, MAS 21."""

    id: str
    article: str
    basis: TriggerBasis
    measures: frozenset[str]
    min_count: int
    min_share_percent: float
    rating: str
    issued_by_higher_office: bool
    window: Window
    effects: tuple[Effect, ...]


@dataclass(frozen=True)
class Condition:
    """One condition of a mitigation, as the article words it."""

    id: str
    text: str


@dataclass(frozen=True)
class Mitigation:
    """A mitigation (容错纠错 FJ 39; 下级已提出修正意见 MAS 21)."""

    id: str
    name: str
    article: str
    conditions: tuple[Condition, ...]
    outcomes: frozenset[MitigationOutcome]


@dataclass(frozen=True)
class Aggravation:
    """An aggravating circumstance (从重情节), e.g. FJ 40 ¶3."""

    id: str
    text: str
    article: str


@dataclass(frozen=True)
class AccompanyingOrder:
    """An order that goes with every decision unless excepted (MAS 18 ¶3)."""

    id: str
    text: str
    article: str
    unless_measures: frozenset[str]


@dataclass(frozen=True)
class Accountability:
    """Everything about accountability decisions (效能问责 / 效能责任追究)."""

    article: str
    combinable: bool
    publish_required: bool
    publish_article: str  # where publication is required (FJ 38)
    measures: tuple[Measure, ...]
    grounds: tuple[Ground, ...]
    thresholds: tuple[CountThreshold, ...]
    agency_triggers: tuple[AgencyTrigger, ...]
    mitigations: tuple[Mitigation, ...]
    aggravations: tuple[Aggravation, ...]
    orders: tuple[AccompanyingOrder, ...]

    def measure(self, measure_id: str) -> Measure:
        for m in self.measures:
            if m.id == measure_id:
                return m
        raise KeyError(measure_id)

    def ground(self, ground_id: str) -> Ground:
        for g in self.grounds:
            if g.id == ground_id:
                return g
        raise KeyError(ground_id)

    def mitigation(self, mitigation_id: str) -> Mitigation:
        for m in self.mitigations:
            if m.id == mitigation_id:
                return m
        raise KeyError(mitigation_id)


@dataclass(frozen=True)
class Appeals:
    """Appeals (申诉, FJ 41 / MAS 24): limits and routes."""

    article: str
    filing: Limit
    decision: Limit
    suspends_measures: bool
    routes: Mapping[DeciderKind, tuple[AppealRoute, ...]]


@dataclass(frozen=True)
class PlanKind:
    """An inspection kind (督查类型)."""

    id: str
    name: str
    article: str
    unannounced: bool
    government_approval_items: frozenset[int]


@dataclass(frozen=True)
class Plans:
    """Inspection plans (督查方案): kinds, team size, approvals."""

    min_inspectors: int
    min_inspectors_article: str
    kinds: tuple[PlanKind, ...]
    second_approval_when: frozenset[SecondApprovalReason]
    second_approval_article: str
    government_approval_article: str
    approval_article: str  # a plan runs only once approved
    report_article: str  # a report after the inspection
    identity_article: str  # inspectors show identity first, except 暗访
    special_items: frozenset[int]  # the items a special inspection may name

    def kind(self, kind_id: str) -> PlanKind:
        for k in self.kinds:
            if k.id == kind_id:
                return k
        raise KeyError(kind_id)


@dataclass(frozen=True)
class Named:
    """An identifier with its Chinese name and article (a channel, a mode...)."""

    id: str
    name: str
    article: str


@dataclass(frozen=True)
class HandlingMode:
    """A complaint handling mode (办理方式): 自办 / 转办 / 督办 (FJ 31)."""

    id: str
    name: str
    article: str
    needs_limit_and_requirements: bool


@dataclass(frozen=True)
class Complaints:
    """Complaints (效能投诉): channels, modes, urgency, results."""

    channels: tuple[Named, ...]
    modes: tuple[HandlingMode, ...]
    urgent_criteria: tuple[Condition, ...]
    urgent_article: str
    results: tuple[Named, ...]

    def mode(self, mode_id: str) -> HandlingMode:
        for m in self.modes:
            if m.id == mode_id:
                return m
        raise KeyError(mode_id)


@dataclass(frozen=True)
class Documents:
    """The issuing office and document number prefixes (发文机关代字)."""

    issuer: str
    number_prefixes: Mapping[str, str]


@dataclass(frozen=True)
class RuleProfile:
    """One jurisdiction's rules as data."""

    id: str
    name: str
    regulation: str
    in_force: dt.date
    deadlines: Mapping[str, DeadlineRule]
    accountability: Accountability
    appeals: Appeals
    plans: Plans
    complaints: Complaints
    ratings: tuple[str, ...]
    documents: Documents

    def deadline(self, key: str) -> DeadlineRule | None:
        return self.deadlines.get(key)


# --------------------------------------------------------------------------
# Parsing: a small typed reader that always knows where it is.


class _Node:
    """A TOML table plus its dotted path, for error messages."""

    def __init__(self, source: str, path: str, data: Mapping[str, Any]) -> None:
        self.source = source
        self.path = path
        self.data = data

    def key(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def fail(self, name: str, problem: str) -> ProfileError:
        return ProfileError(self.source, self.key(name), problem)

    def _get(self, name: str, kind: type | tuple[type, ...], kind_name: str, default: Any) -> Any:
        if name not in self.data:
            if default is _REQUIRED:
                raise self.fail(name, "缺少此项 (missing)")
            return default
        value = self.data[name]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(name, f"应为{kind_name}，实为 {value!r} (wrong type)")
        return value

    def text(self, name: str, default: Any = None) -> str:
        value: str = self._get(name, str, "文本", _REQUIRED if default is None else default)
        if default is None and not value.strip():
            raise self.fail(name, "不能为空 (empty)")
        return value

    def integer(self, name: str, minimum: int = 0, default: Any = None) -> int:
        if name not in self.data and default is not None:
            return int(default)
        value: int = self._get(name, int, "整数", _REQUIRED)
        if value < minimum:
            raise self.fail(name, f"应不小于 {minimum}，实为 {value} (out of range)")
        return value

    def number(self, name: str, default: Any = None) -> float:
        value = self._get(name, (int, float), "数字", _REQUIRED if default is None else default)
        if isinstance(value, bool) or value <= 0:
            raise self.fail(name, f"应为正数，实为 {value!r} (out of range)")
        return float(value)

    def flag(self, name: str, default: Any = None) -> bool:
        value: bool = self._get(name, bool, "true/false", _REQUIRED if default is None else default)
        return value

    def date(self, name: str) -> dt.date:
        value = self._get(name, dt.date, "日期 (YYYY-MM-DD)", _REQUIRED)
        if isinstance(value, dt.datetime):
            raise self.fail(name, "应为日期，不带时间 (date only)")
        return value  # type: ignore[no-any-return]

    def texts(self, name: str, default: Any = None) -> tuple[str, ...]:
        value = self._get(name, list, "文本列表", _REQUIRED if default is None else default)
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise self.fail(f"{name}[{i}]", f"应为非空文本，实为 {item!r}")
        return tuple(value)

    def integers(self, name: str, default: Any = None) -> tuple[int, ...]:
        value = self._get(name, list, "整数列表", _REQUIRED if default is None else default)
        for i, item in enumerate(value):
            if not isinstance(item, int) or isinstance(item, bool):
                raise self.fail(f"{name}[{i}]", f"应为整数，实为 {item!r}")
        return tuple(value)

    def enum(self, name: str, enum: type[E], default: Any = None) -> E:
        raw = self.text(name, default)
        return _to_enum(self, name, enum, raw)

    def enums(self, name: str, enum: type[E], default: Any = None) -> tuple[E, ...]:
        return tuple(
            _to_enum(self, f"{name}[{i}]", enum, raw)
            for i, raw in enumerate(self.texts(name, default))
        )

    def table(self, name: str) -> _Node:
        value = self._get(name, dict, "表 (table)", _REQUIRED)
        return _Node(self.source, self.key(name), value)

    def opt_table(self, name: str) -> _Node | None:
        value = self._get(name, dict, "表 (table)", None)
        return None if value is None else _Node(self.source, self.key(name), value)

    def tables(self, name: str, allow_empty: bool = False) -> list[_Node]:
        value = self._get(name, list, "表数组 (array of tables)", [] if allow_empty else _REQUIRED)
        if not value and not allow_empty:
            raise self.fail(name, "至少需要一项 (empty)")
        nodes = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.fail(f"{name}[{i}]", "应为表 (table)")
            nodes.append(_Node(self.source, self.key(f"{name}[{i}]"), item))
        return nodes

    def items(self) -> Iterable[tuple[str, Any]]:
        return self.data.items()


_REQUIRED: Any = object()


def _to_enum(node: _Node, name: str, enum: type[E], raw: str) -> E:
    try:
        return enum(raw)
    except ValueError:
        allowed = ", ".join(e.value for e in enum)
        raise node.fail(name, f"未知取值 {raw!r}，可用: {allowed} (unknown value)") from None


def _unique(nodes: list[_Node], build: Callable[[_Node], T], name: str = "id") -> tuple[T, ...]:
    seen: set[str] = set()
    out: list[T] = []
    for node in nodes:
        ident = node.text(name)
        if ident in seen:
            raise node.fail(name, f"重复的标识 {ident!r} (duplicate)")
        seen.add(ident)
        out.append(build(node))
    return tuple(out)


def _limit(node: _Node) -> Limit:
    return Limit(
        amount=node.integer("amount", minimum=1),
        unit=node.enum("unit", TimeUnit),
        article=node.text("article"),
        basis=node.text("basis"),
    )


def _deadline(key: str, node: _Node) -> DeadlineRule:
    ext_node = node.opt_table("extension")
    extension = None
    if ext_node is not None:
        extension = Extension(
            limit=_limit(ext_node),
            max_count=ext_node.integer("max_count", minimum=1),
            approver=ext_node.enum("approver", Role),
        )
    return DeadlineRule(key=key, name=node.text("name"), limit=_limit(node), extension=extension)


def _effects(node: _Node) -> tuple[Effect, ...]:
    effects = []
    for e in node.tables("effects", allow_empty=True):
        months = e.integer("months", minimum=1, default=0) or None
        percent = e.integer("percent", minimum=1, default=0) or None
        if percent is not None and percent > 100:
            raise e.fail("percent", f"应不大于 100，实为 {percent} (out of range)")
        effects.append(
            Effect(kind=e.text("kind"), text=e.text("text"), months=months, percent=percent)
        )
    return tuple(effects)


def _measure(node: _Node) -> Measure:
    applies_to = node.enums("applies_to", SubjectKind)
    if not applies_to:
        raise node.fail("applies_to", "至少适用于一类对象 (empty)")
    return Measure(
        id=node.text("id"),
        name=node.text("name"),
        article=node.text("article"),
        severity=node.integer("severity", minimum=1),
        applies_to=frozenset(applies_to),
        effects=_effects(node),
        notify=node.texts("notify", default=[]),
        requires_suggestion=node.flag("requires_suggestion", default=False),
    )


def _ground(node: _Node) -> Ground:
    subjects = node.enums("subjects", SubjectKind)
    if not subjects:
        raise node.fail("subjects", "至少适用于一类对象 (empty)")
    return Ground(
        id=node.text("id"),
        article=node.text("article"),
        text=node.text("text"),
        subjects=frozenset(subjects),
        heads_only=node.flag("heads_only", default=False),
        requires_measures=frozenset(node.texts("requires_measures", default=[])),
    )


def _threshold(node: _Node) -> CountThreshold:
    return CountThreshold(
        id=node.text("id"),
        article=node.text("article"),
        measures=frozenset(node.texts("measures")),
        min_count=node.integer("min_count", minimum=1),
        window=node.enum("window", Window),
        effects=_effects(node),
    )


def _trigger(node: _Node) -> AgencyTrigger:
    basis = node.enum("basis", TriggerBasis)
    needs_measures = basis is not TriggerBasis.RATING
    trigger = AgencyTrigger(
        id=node.text("id"),
        article=node.text("article"),
        basis=basis,
        measures=frozenset(node.texts("measures", default=None if needs_measures else [])),
        min_count=node.integer("min_count", minimum=1, default=0),
        min_share_percent=node.number("min_share_percent", default=0.0)
        if basis is TriggerBasis.STAFF_SHARE
        else 0.0,
        rating=node.text("rating", default=""),
        issued_by_higher_office=node.flag("issued_by_higher_office", default=False),
        window=node.enum("window", Window, default=Window.CALENDAR_YEAR.value),
        effects=_effects(node),
    )
    if (
        basis in (TriggerBasis.AGENCY_MEASURES, TriggerBasis.STAFF_MEASURES)
        and not trigger.min_count
    ):
        raise node.fail("min_count", "按次数计的触发条件需要 min_count (missing)")
    if basis is TriggerBasis.RATING and not trigger.rating:
        raise node.fail("rating", "按考评等次的触发条件需要 rating (missing)")
    return trigger


def _condition(node: _Node) -> Condition:
    return Condition(id=node.text("id"), text=node.text("text"))


def _mitigation(node: _Node) -> Mitigation:
    outcomes = node.enums("outcomes", MitigationOutcome)
    if not outcomes:
        raise node.fail("outcomes", "至少需要一种结果 (empty)")
    return Mitigation(
        id=node.text("id"),
        name=node.text("name"),
        article=node.text("article"),
        conditions=_unique(node.tables("conditions"), _condition),
        outcomes=frozenset(outcomes),
    )


def _accountability(node: _Node) -> Accountability:
    acc = Accountability(
        article=node.text("article"),
        combinable=node.flag("combinable"),
        publish_required=node.flag("publish_required"),
        publish_article=node.text("publish_article", default=""),
        measures=_unique(node.tables("measures"), _measure),
        grounds=_unique(node.tables("grounds"), _ground),
        thresholds=_unique(node.tables("thresholds", allow_empty=True), _threshold),
        agency_triggers=_unique(node.tables("agency_triggers", allow_empty=True), _trigger),
        mitigations=_unique(node.tables("mitigations", allow_empty=True), _mitigation),
        aggravations=_unique(
            node.tables("aggravations", allow_empty=True),
            lambda n: Aggravation(id=n.text("id"), text=n.text("text"), article=n.text("article")),
        ),
        orders=_unique(
            node.tables("orders", allow_empty=True),
            lambda n: AccompanyingOrder(
                id=n.text("id"),
                text=n.text("text"),
                article=n.text("article"),
                unless_measures=frozenset(n.texts("unless_measures", default=[])),
            ),
        ),
    )
    known = {m.id for m in acc.measures}

    def check_refs(section: str, items: Iterable[tuple[str, frozenset[str]]]) -> None:
        for i, (field, refs) in enumerate(items):
            for ref in sorted(refs - known):
                raise ProfileError(
                    node.source,
                    node.key(f"{section}[{i}].{field}"),
                    f"未定义的问责方式 {ref!r} (unknown measure)",
                )

    check_refs("grounds", (("requires_measures", g.requires_measures) for g in acc.grounds))
    check_refs("thresholds", (("measures", t.measures) for t in acc.thresholds))
    check_refs("agency_triggers", (("measures", t.measures) for t in acc.agency_triggers))
    check_refs("orders", (("unless_measures", o.unless_measures) for o in acc.orders))
    for i, g in enumerate(acc.grounds):
        for ref in sorted(g.requires_measures):
            if not g.subjects <= acc.measure(ref).applies_to:
                raise ProfileError(
                    node.source,
                    node.key(f"grounds[{i}].requires_measures"),
                    f"问责方式 {ref!r} 不适用于此情形的全部对象 (measure does not apply)",
                )
    return acc


def _appeals(node: _Node) -> Appeals:
    routes_node = node.table("routes")
    routes: dict[DeciderKind, tuple[AppealRoute, ...]] = {}
    for raw_kind, _ in routes_node.items():
        kind = _to_enum(routes_node, raw_kind, DeciderKind, raw_kind)
        found = routes_node.enums(raw_kind, AppealRoute)
        if not found:
            raise routes_node.fail(raw_kind, "至少需要一个受理机关 (empty)")
        routes[kind] = found
    for kind in DeciderKind:
        if kind not in routes:
            raise routes_node.fail(kind.value, "缺少此项 (missing)")
    return Appeals(
        article=node.text("article"),
        filing=_limit(node.table("filing")),
        decision=_limit(node.table("decision")),
        suspends_measures=node.flag("suspends_measures"),
        routes=routes,
    )


def _plans(node: _Node) -> Plans:
    return Plans(
        min_inspectors=node.integer("min_inspectors", minimum=2),
        min_inspectors_article=node.text("min_inspectors_article"),
        kinds=_unique(
            node.tables("kinds"),
            lambda n: PlanKind(
                id=n.text("id"),
                name=n.text("name"),
                article=n.text("article"),
                unannounced=n.flag("unannounced", default=False),
                government_approval_items=frozenset(
                    n.integers("government_approval_items", default=[])
                ),
            ),
        ),
        second_approval_when=frozenset(
            node.enums("second_approval_when", SecondApprovalReason, default=[])
        ),
        second_approval_article=node.text("second_approval_article"),
        government_approval_article=node.text("government_approval_article", default=""),
        approval_article=node.text("approval_article"),
        report_article=node.text("report_article"),
        identity_article=node.text("identity_article"),
        special_items=frozenset(node.integers("special_items", default=[])),
    )


def _named(node: _Node) -> Named:
    return Named(id=node.text("id"), name=node.text("name"), article=node.text("article"))


def _complaints(node: _Node) -> Complaints:
    return Complaints(
        channels=_unique(node.tables("channels"), _named),
        modes=_unique(
            node.tables("modes"),
            lambda n: HandlingMode(
                id=n.text("id"),
                name=n.text("name"),
                article=n.text("article"),
                needs_limit_and_requirements=n.flag("needs_limit_and_requirements"),
            ),
        ),
        urgent_criteria=_unique(node.tables("urgent_criteria", allow_empty=True), _condition),
        urgent_article=node.text("urgent_article", default=""),
        results=_unique(node.tables("results"), _named),
    )


REQUIRED_DEADLINES = ("complaint",)


def parse_profile(text: str, source: str) -> RuleProfile:
    """Parse and check a profile. ``source`` names the file in errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(source, "", f"TOML 语法错误: {exc}") from None
    root = _Node(source, "", data)
    meta = root.table("profile")
    deadlines_node = root.table("deadlines")
    deadlines = {
        key: _deadline(key, deadlines_node.table(key)) for key, _ in deadlines_node.items()
    }
    for key in REQUIRED_DEADLINES:
        if key not in deadlines:
            raise deadlines_node.fail(key, "缺少此项 (missing)")
    docs = root.table("documents")
    prefixes_node = docs.table("number_prefixes")
    prefixes = {key: prefixes_node.text(key) for key, _ in prefixes_node.items()}
    profile = RuleProfile(
        id=meta.text("id"),
        name=meta.text("name"),
        regulation=meta.text("regulation"),
        in_force=meta.date("in_force"),
        deadlines=deadlines,
        accountability=_accountability(root.table("accountability")),
        appeals=_appeals(root.table("appeals")),
        plans=_plans(root.table("plans")),
        complaints=_complaints(root.table("complaints")),
        ratings=root.table("performance").texts("ratings"),
        documents=Documents(issuer=docs.text("issuer"), number_prefixes=prefixes),
    )
    for i, trigger in enumerate(profile.accountability.agency_triggers):
        if trigger.basis is TriggerBasis.RATING and trigger.rating not in profile.ratings:
            raise ProfileError(
                source,
                f"accountability.agency_triggers[{i}].rating",
                f"未定义的考评等次 {trigger.rating!r} (unknown rating)",
            )
    return profile
